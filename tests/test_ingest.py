"""`hykg ingest` rule families on short texts of our own: word boundaries and identities, new names, Traditional
script with verbatim spans, relations, flows, figures; reading files (encodings, HTML, docx) and bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hykg.curation.ingest import analyse
from hykg.curation.ingest_entities import known_from_graph

from .ingest_fixtures import hykg_in as _hykg


@pytest.fixture(scope="module")
def known(kg):
    return known_from_graph(kg)


def _entities(text: str, known) -> dict[str, tuple[str, str | None]]:
    return {e.label: (e.type, e.linked) for e in analyse(text, known).entities}


def test_known_names_only_on_word_boundaries(known) -> None:
    assert "建衡" not in " ".join(_entities("市委组建衡阳市产业链工作专班。", known))
    found = _entities("民建衡阳市委召开会议。", known)
    assert "建衡" not in found and found["民建衡阳市委"][1] == "org/cdna-hengyang"


def test_longer_and_shorter_forms_are_possible_identities_never_merged(known) -> None:
    a = analyse("衡阳电科电源有限公司落户松木经开区。香港建滔集团在衡阳投资。", known)
    by = {e.label: e for e in a.entities}
    dianke, kingboard = by["衡阳电科电源有限公司"], by["香港建滔集团"]
    assert (dianke.linked, kingboard.linked) == ("ent/dianke", "ent/kingboard")
    assert not dianke.known and not kingboard.known  # proposed, not taken for the known firm
    assert 0 < dianke.link_score < 1 and "possible identity" in dianke.why


def test_new_names_by_suffix_with_a_bracketed_place(known) -> None:
    found = _entities("湖南恒光化工股份有限公司利用建滔（衡阳）实业有限公司的盐酸。", known)
    assert found["建滔（衡阳）实业有限公司"] == ("Enterprise", "ent/kingboard")
    assert "实业有限公司" not in found
    assert not {"重大项目", "各类园区"} & set(_entities("推进重大项目，支持各类园区发展。", known))


def test_traditional_script_is_read_as_simplified_and_quoted_as_written(known) -> None:
    text = "松木經開區內，恒光利用建滔的鹽酸生產化工產品。"
    a = analyse(text, known)
    park = next(e for e in a.entities if e.linked == "park/songmu")
    assert park.label == "松木经开区"  # the label in Simplified
    m = park.mentions[0]
    assert (m.span, text[m.start:m.end]) == ("松木經開區", "松木經開區")  # the quote verbatim
    assert a.norm.script == "traditional"
    flow = a.flows[0]
    assert (flow.supplier, flow.consumer, flow.material["linked"]) == ("ent/kingboard", "ent/hengguang",
                                                                       "mat/hydrochloric-acid")
    assert flow.span in text


def test_material_flows_each_with_supplier_consumer_and_material(known) -> None:
    a = analyse("恒光利用建滔的盐酸、烧碱和双氧水以及建衡的聚合氯化铝作为原材料。", known)
    got = {(f.supplier, f.material["label"]) for f in a.flows}
    assert got == {("ent/kingboard", "盐酸"), ("ent/kingboard", "烧碱"), ("ent/kingboard", "双氧水"),
                   ("ent/jianheng", "聚合氯化铝")}
    assert {f.consumer for f in a.flows} == {"ent/hengguang"}


def test_relations_in_park(known) -> None:
    a = analyse("衡阳恒远新材料有限公司位于松木经开区，主要生产聚合氯化铝。", known)
    firm = next(e for e in a.entities if e.label == "衡阳恒远新材料有限公司")
    assert [(r.subject, r.property, r.object) for r in a.relations if r.property == "inPark"] == [
        (firm.candidate, "inPark", "park/songmu")]


def test_figures_statistics_and_targets_with_period_unit_and_qualifier(known) -> None:
    a = analyse("2024年1至9月，全市规模工业增加值同比增长8.1%。力争2025年全市工业总产值突破5000亿元。", known)
    figs = {(f.kind, f.value, f.unit, f.period, f.qualifier) for f in a.figures}
    assert ("statistic", "8.1", "%", "2024年1至9月", None) in figs
    assert ("target", "5000", "亿元", "2025年", "at_least") in figs


@pytest.mark.parametrize("encoding", ["gbk", "big5", "utf-16"])
def test_gbk_big5_and_utf16_files_are_read(workspace, encoding: str) -> None:
    base, env = workspace
    text = "衡陽市松木經開區新引進衡陽恆遠新材料有限公司。" if encoding == "big5" else f"{encoding}：松木经开区新引进衡阳恒远新材料有限公司。"
    path = base / f"doc-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    r = _hykg(env, "ingest", str(path), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) >= {"doc", "entities", "relations", "flows", "figures", "written"}
    assert set(data["doc"]) >= {"id", "file", "chars", "script"}
    assert any(e["linked"] == "park/songmu" for e in data["entities"])
    for e in data["entities"]:
        assert set(e) >= {"candidate", "label", "type", "mentions", "linked", "link_score", "confidence", "why"}


def test_html_article_text_without_navigation(workspace) -> None:
    base, env = workspace
    page = base / "news.html"
    page.write_text("<html><head><title>园区动态</title></head><body><nav><a href='/'>首页</a> <a href='/x'>衡阳新闻</a>"
                    "</nav><article><p>衡阳恒光新能源有限公司落户松木经开区。</p></article></body></html>", encoding="utf-8")
    r = _hykg(env, "ingest", str(page), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["doc"]["title"] == "园区动态"
    assert "首页" not in " ".join(e["label"] for e in data["entities"])
    assert any(e["label"] == "衡阳恒光新能源有限公司" for e in data["entities"])


def test_docx_is_read(workspace) -> None:
    docx = pytest.importorskip("docx")
    base, env = workspace
    d = docx.Document()
    d.add_paragraph("衡阳雁城新材料有限公司入驻松木经开区。")
    d.save(str(base / "note.docx"))
    r = _hykg(env, "ingest", str(base / "note.docx"), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert any(e["label"] == "衡阳雁城新材料有限公司" for e in json.loads(r.stdout)["entities"])


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium (to print the PDF) is not installed")
def test_pdf_text_layer_is_read(workspace) -> None:
    from hykg.present.printed import write_picture

    base, env = workspace
    line = "2024年6月，衡阳市宏远化工有限公司在松木经开区投产。"
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="800" height="100"><text x="10" y="50">{line}</text></svg>'
    write_picture(svg, base / "visit.pdf", "走访")  # a real PDF: Chromium prints it with its text layer
    r = _hykg(env, "ingest", str(base / "visit.pdf"), "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["doc"]["format"] == "pdf"
    firm = next(e for e in out["entities"] if e["label"] == "衡阳市宏远化工有限公司")
    assert firm["mentions"][0]["span"] == "衡阳市宏远化工有限公司"


def _pdf_without_text() -> bytes:
    import io

    import pypdf

    w = pypdf.PdfWriter()
    w.add_blank_page(200, 200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _snapshot(root: Path) -> dict[str, bytes]:
    """The workspace's own files (its graph/ folder is derived: rebuilt when the data changed)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "graph"}


@pytest.mark.parametrize("name,content,message", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("english.txt", b"The park hosts several chemical firms and a power plant." * 3, "Chinese"),
    ("scan.pdf", _pdf_without_text(), "without a text layer"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "not a readable PDF"),
])
def test_bad_files_are_refused_and_the_workspace_is_unchanged(workspace, name: str, content: bytes,
                                                              message: str) -> None:
    base, env = workspace
    before = _snapshot(base / "ws")
    (base / name).write_bytes(content)
    r = _hykg(env, "ingest", str(base / name))
    assert r.returncode == 1 and name in r.stderr and message.lower() in r.stderr.lower(), r.stderr
    assert _snapshot(base / "ws") == before


def test_the_same_document_twice_changes_nothing(workspace) -> None:
    base, env = workspace
    path = base / "twice.txt"
    path.write_text("衡阳市新星化工有限公司在松木经开区投产。", encoding="utf-8")
    assert _hykg(env, "ingest", str(path)).returncode == 0
    before = _snapshot(base / "ws")
    again = _hykg(env, "ingest", str(path))
    assert again.returncode == 1 and "already ingested" in again.stderr and "nothing changed" in again.stderr
    assert _snapshot(base / "ws") == before


def test_review_accept_build_show_and_an_invalid_candidates_file(workspace) -> None:
    base, env = workspace
    path = base / "visit.txt"
    path.write_text("2024年6月，衡阳市宏达化工有限公司在松木经开区投产。", encoding="utf-8")
    done = _hykg(env, "ingest", str(path), "--format", "json")
    doc = json.loads(done.stdout)["doc"]["id"]
    firm = next(e for e in json.loads(done.stdout)["entities"] if e["label"] == "衡阳市宏达化工有限公司")
    listed = _hykg(env, "review", doc)
    assert listed.returncode == 0 and firm["candidate"] in listed.stdout
    accepted = _hykg(env, "review", doc, "--accept", firm["candidate"])
    assert accepted.returncode == 0, accepted.stderr
    assert _hykg(env, "build").returncode == 0
    card = json.loads(_hykg(env, "show", "衡阳市宏达化工有限公司", "--format", "json").stdout)
    assert {"doc": doc, "quote": "衡阳市宏达化工有限公司"} in card["sources"]
    cands = base / "ws" / "candidates" / f"{doc}.yaml"
    good = cands.read_text(encoding="utf-8")
    try:
        cands.write_text(good + "  - candidate: [unclosed\n", encoding="utf-8")
        before = _snapshot(base / "ws")
        bad = _hykg(env, "review", doc, "--accept", "all")
        assert bad.returncode == 1 and f"{doc}.yaml" in bad.stderr
        assert _snapshot(base / "ws") == before
    finally:
        cands.write_text(good, encoding="utf-8")


def test_an_accepted_new_chain_records_its_scheme_as_not_stated(workspace) -> None:
    base, env = workspace
    path = base / "chain.txt"
    path.write_text("2024年，衡阳市竹木加工产业链专班成立，衡阳市竹韵家居有限公司入选。", encoding="utf-8")
    out = json.loads(_hykg(env, "ingest", str(path), "--format", "json").stdout)
    doc, firm = out["doc"]["id"], next(e for e in out["entities"] if e["label"] == "衡阳市竹韵家居有限公司")
    cands = base / "ws" / "candidates" / f"{doc}.yaml"
    text = cands.read_text(encoding="utf-8")
    at = text.index(f"candidate: {firm['candidate']}\n")
    edited = text[:at] + text[at:].replace("type: Enterprise", "type: IndustrialChain", 1)
    cands.write_text(edited, encoding="utf-8")  # a reviewer's edit: the name is a chain's (for the test)
    assert _hykg(env, "review", doc, "--accept", firm["candidate"], "--apply").returncode == 0
    built = _hykg(env, "build")
    assert built.returncode == 0, built.stderr  # the chain shape takes notStated: [inScheme] for a scheme
    card = json.loads(_hykg(env, "show", "衡阳市竹韵家居有限公司", "--format", "json").stdout)
    assert "inScheme" in str(card["not_stated"])
