"""Chain panoramas (全景图 / 现状图): what the SVG shows for real chains (read from its text), byte-identical
redraws, escaping, the `hykg viz panorama` command, and the page, PNG and PDF from headless Chromium."""

from __future__ import annotations

import json
import shutil
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from hykg.present.panorama import draw, panorama_data, panorama_svg

from .docs_browser import assert_clean, open_file

NS = {"s": "http://www.w3.org/2000/svg"}


def _tree(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(node: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in node.iter("{http://www.w3.org/2000/svg}text")]


def _segments(root: ET.Element) -> dict[str, dict[str, Any]]:
    """Segment groups: name (first line, citation dropped) -> gap flag and all its text."""
    out = {}
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if "p-seg" in g.get("class", "").split():
            texts = _texts(g)
            out[texts[0].split("[")[0]] = {"gap": "p-gap" in g.get("class", "").split(), "text": " ".join(texts),
                                           "id": g.get("data-id")}
    return out


def _firms(root: ET.Element) -> dict[str, str]:
    """Firm boxes: data-id -> their class (p-firm, or p-firm p-dashed)."""
    return {g.get("data-id", ""): g.get("class", "") for g in root.iter("{http://www.w3.org/2000/svg}g")
            if g.get("class", "").split()[:1] == ["p-firm"]}


@pytest.fixture(scope="module")
def chem_svg(kg) -> str:
    return panorama_svg(kg, "化工新材料")


def test_chem_panorama_shows_segments_firms_gap_flows(chem_svg) -> None:
    root = _tree(chem_svg)
    assert root.get("width") == "420mm" and root.get("viewBox") == "0 0 1680 1188"  # A3 landscape
    assert "WenQuanYi Micro Hei" in root.get("font-family", "") and root.get("font-family", "").endswith("sans-serif")
    segs = _segments(root)
    assert list(segs) == ["化工原料", "基础化学品", "精细化学品"]  # upstream -> midstream -> downstream
    assert [n for n, s in segs.items() if s["gap"]] == ["化工原料"]
    assert "缺口：本地无企业" in segs["化工原料"]["text"] and "缺口" not in segs["基础化学品"]["text"]
    assert "烧碱" in segs["基础化学品"]["text"]  # its products
    firms = _firms(root)
    assert {"ent/hengguang", "ent/jianheng", "ent/kingboard"} <= set(firms)
    names = " ".join(_texts(root))
    for firm in ("恒光", "建衡", "建滔", "衡缘新材"):
        assert firm in names
    # basis: 恒光 is on the chain through its (editorial) segment and the base -> dashed
    assert firms["ent/hengguang"] == "p-firm p-dashed"
    flows = {(g.get("data-from"), g.get("data-to")) for g in root.iter("{http://www.w3.org/2000/svg}g")
             if g.get("class") == "p-flowg"}
    assert ("ent/hengguang", "ent/jianheng") in flows and ("ent/kingboard", "ent/hengguang") in flows
    margin = " ".join(_texts(root))
    assert "链长：未说明" in margin and "链办主任：未说明" in margin  # posts whose holder the sources do not name
    assert "松木经开区" in margin  # the park its firms are in (inferred, cited)
    notes = [t for t in _texts(root) if t.startswith("[")]
    assert notes and all(t.split("]")[0][1:].isdigit() for t in notes)
    assert any("《" in t and "“" in t for t in notes)  # a document with its verbatim span


def test_status_mode_shows_only_what_the_city_has(kg) -> None:
    root = _tree(panorama_svg(kg, "化工新材料", mode="status"))
    segs = _segments(root)
    assert list(segs) == ["基础化学品", "精细化学品"] and not any(s["gap"] for s in segs.values())
    assert "缺口" not in " ".join(_texts(root)).replace("缺口环节", "")  # the legend still explains the mark
    assert root.find("s:text[@data-mode]", NS).get("data-mode") == "status"
    assert "化工新材料产业链现状图" in _texts(root)


def test_all_gap_chain_and_english(kg) -> None:
    root = _tree(panorama_svg(kg, "有色金属及新型合金"))
    segs = _segments(root)
    assert len(segs) == 3 and all(s["gap"] for s in segs.values())
    status = _tree(panorama_svg(kg, "有色金属及新型合金", mode="status"))
    assert _segments(status) == {} and "本地尚无企业归入本链环节" in _texts(status)
    assert "中国五矿" in " ".join(_texts(status))  # on the chain through its base, no segment
    en = _tree(panorama_svg(kg, "化工新材料", lang="en"))
    text = " ".join(_texts(en))
    assert "New chemical materials: chain panorama" in text and "GAP: no local firm" in text
    assert "chain leader: not stated" in text


def test_same_data_draws_the_same_bytes(kg, built_graph: Path) -> None:
    import hykg

    first = panorama_svg(kg, "化工新材料")
    again = panorama_svg(hykg.load(built_graph), "化工新材料")  # a fresh load: nothing memoised
    assert first == again
    assert draw(panorama_data(kg, "汽车", "status", "en")) == draw(panorama_data(kg, "汽车", "status", "en"))


def test_labels_are_escaped() -> None:
    evil = 'A<b>&"c" <script>x</script>'
    d = {"chain": {"id": "chain/x&y"}, "title": evil, "mode": "panorama", "lang": "zh",
         "columns": [{"position": "upstream", "segments": [{"id": "seg/<s>", "label": evil, "gap": True,
                                                            "products": [evil], "cite": [1], "firms": []}]},
                     {"position": "midstream", "segments": [{"id": "seg/m", "label": "中", "gap": False, "products": [],
                                                             "cite": [], "firms": [{"id": "ent/&", "label": evil,
                                                                                    "dashed": False, "cite": [2]}]}]}],
         "unplaced": [], "flows": [], "parks": [{"id": "park/p", "label": evil, "dashed": True, "cite": []}],
         "posts": [{"role": "链长", "holder": evil, "cite": [3]}], "offices": [], "sources": [f"[1] {evil}"]}
    svg = draw(d)
    assert "<script" not in svg and "<b>" not in svg
    root = _tree(svg)  # well-formed XML
    texts = _texts(root)
    assert texts[0] == evil  # the title, round-tripped
    assert _firms(root) == {"ent/&": "p-firm"}
    assert _segments(root)[evil.split("[")[0]]["id"] == "seg/<s>"


def test_viz_panorama_command(cli, tmp_path: Path) -> None:
    out = tmp_path / "chem.svg"
    r = cli("viz", "panorama", "化工新材料", "-o", str(out), "--format", "json")
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert (s["format"], s["mode"], s["segments"], s["gaps"], s["chain"]["id"]) == (
        "svg", "panorama", 3, 1, "chain/chem-new-materials")
    assert _segments(_tree(out.read_text(encoding="utf-8")))["化工原料"]["gap"]
    html = tmp_path / "chem.html"
    r = cli("viz", "panorama", "化工新材料", "--mode", "status", "--lang", "en", "-o", str(html))
    assert r.exit_code == 0 and "status (html, A3 landscape)" in r.output
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "size: A3 landscape" in page and "<script" not in page
    r = cli("viz", "panorama", "化工新材料", "-o", "-")
    assert r.exit_code == 0 and r.output.startswith("<svg ")
    r = cli("viz", "panorama", "化工新材料", "-o", str(tmp_path / "chem.gif"))
    assert r.exit_code != 0 and "unknown picture format 'gif'" in r.output and not (tmp_path / "chem.gif").exists()
    r = cli("viz", "supply", "--mode", "status", "-o", str(tmp_path / "s.html"))
    assert r.exit_code == 2 and "--mode applies to the panorama view only" in r.output
    r = cli("viz", "panorama", "-o", str(out))
    assert r.exit_code == 2 and "needs a NAME" in r.output


def test_panorama_page_in_headless_chromium(browser, kg, tmp_path: Path) -> None:
    from hykg.present.printed import write_picture

    d = panorama_data(kg, "化工新材料")
    path = tmp_path / "chem.html"
    write_picture(draw(d), path, d["title"])
    loaded = open_file(browser, path, width=1680, height=1188)
    page = loaded.page
    assert page.locator("svg g.p-seg").count() == 3 and page.locator("svg g.p-seg.p-gap").count() == 1
    # every firm name is drawn with a real width, inside the page
    boxes = page.eval_on_selector_all("svg g.p-firm text", "els => els.map(e => [e.textContent, e.getBBox().width])")
    assert len(boxes) >= 10 and all(w > 10 for _, w in boxes)
    assert any(t.startswith("恒光") for t, _ in boxes)
    size = page.eval_on_selector("svg", "e => { const b = e.getBBox(); return [b.x + b.width, b.y + b.height] }")
    assert size[0] <= 1680 and size[1] <= 1188  # nothing drawn off the page
    assert page.eval_on_selector("svg g.p-seg.p-gap text.p-gapmark", "e => e.getBBox().width") > 50
    assert_clean(loaded)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_png_and_pdf_through_chromium(cli, tmp_path: Path) -> None:
    png, pdf = tmp_path / "chem.png", tmp_path / "chem.pdf"
    assert cli("viz", "panorama", "化工新材料", "-o", str(png)).exit_code == 0
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1680, 1188)
    assert cli("viz", "panorama", "有色金属及新型合金", "--mode", "status", "-o", str(pdf)).exit_code == 0
    doc = pdf.read_bytes()
    assert doc.startswith(b"%PDF") and b"/Count 1" in doc  # one printed page


def test_documented_firms_solid_editorial_dashed(kg) -> None:
    firms = _firms(_tree(panorama_svg(kg, "汽车及轨道交通")))
    assert firms["ent/nanyue-ecu"] == "p-firm"  # a document states it on the chain
    assert firms["ent/byd"] == "p-firm p-dashed"  # placed by a curator (through its segment)


def test_chain_report_holds_the_panorama(browser, kg, tmp_path: Path) -> None:
    from hykg.present.report_render import write_chain_report

    out = tmp_path / "chem.html"
    write_chain_report(kg, "化工新材料", out)
    html = out.read_text(encoding="utf-8")
    assert panorama_svg(kg, "化工新材料") in html  # the same SVG as `hykg viz panorama`
    loaded = open_file(browser, out)
    page = loaded.page
    assert page.locator("section#map svg g.p-seg").count() == 3 and page.locator("section#map svg g.p-seg.p-gap").count() == 1
    # the two pictures keep their own styles: the report's chain map and the panorama's segment boxes
    fill = "els => els.map(e => getComputedStyle(e).fill)"
    old_map = page.eval_on_selector_all("#chain-map g.seg:not(.gapseg) rect", fill)
    pano = page.eval_on_selector_all("section#map svg g.p-seg rect", fill)
    assert old_map == ["rgb(232, 240, 251)"] * 2 and pano == ["rgb(253, 238, 238)"] + ["rgb(238, 243, 251)"] * 2
    assert page.eval_on_selector(".panorama svg", "e => e.getBoundingClientRect().width") > 600
    # the targets drawn as bars (hykg targets 化工新材料): 化工新材料行业产值 has no statistic yet
    bars = page.eval_on_selector_all("section#targets .bars svg g[data-kind]", "els => els.map(e => e.textContent)")
    assert bars and any("化工新材料行业产值" in b and "无统计数据衡量该指标" in b for b in bars)
    assert_clean(loaded)
    md = tmp_path / "chem.md"
    write_chain_report(kg, "化工新材料", md)
    assert "<svg" not in md.read_text(encoding="utf-8")  # Markdown keeps its tables


def test_png_without_chromium_says_so_and_writes_nothing(kg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hykg.errors import HykgError
    from hykg.present import printed
    from hykg.present.panorama import write_panorama

    monkeypatch.setattr(printed.shutil, "which", lambda name: None)  # a machine without Chromium
    out = tmp_path / "chem.png"
    with pytest.raises(HykgError, match=r"PNG and PDF output need Chromium .*write \.svg or \.html instead"):
        write_panorama(kg, "化工新材料", out)
    assert not out.exists()
    assert write_panorama(kg, "化工新材料", tmp_path / "chem.svg")["format"] == "svg"  # SVG needs no browser
