"""Chain reports: the right facts for a chain, every figure with a real source, escaped HTML checked in
headless Chromium, Markdown tables well formed, and the `hykg report chain` command."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from hykg.present.report import chain_report
from hykg.present.report_render import render_html, render_markdown, write_chain_report

from .docs_browser import assert_clean, open_file
from .fixtures import CORPUS

EVIL = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def chem(kg) -> dict[str, Any]:
    return chain_report(kg, "化工新材料")


def _cites(node: Any) -> list[int]:
    """Every citation number anywhere in a report."""
    if isinstance(node, dict):
        return [n for k, v in node.items() for n in (v if k == "cite" else _cites(v))]
    if isinstance(node, list):
        return [n for v in node for n in _cites(v)]
    return []


def test_chain_report_content(chem) -> None:
    assert chem["chain"] == {"id": "chain/chem-new-materials", "label": "化工新材料", "label_en": "New chemical materials"}
    posts = chem["organisation"]["posts"]
    assert {p["role"]["label"] for p in posts} >= {"链长", "链办主任"}
    assert all(p["holder"] is None and p["status"] == "documented" for p in posts)  # no source names a holder
    segs = {s["segment"]["label"]: s for s in chem["segments"]}
    assert [s["position"] for s in chem["segments"]] == ["upstream", "midstream", "downstream"]
    assert {f["entity"]["label"] for f in segs["基础化学品"]["firms"]} == {"恒光", "建滔"}
    assert segs["化工原料"]["gap"] and [g["label"] for g in chem["gaps"]["segments"]] == ["化工原料"]
    songmu = next(p for p in chem["parks"] if p["label"] == "松木经开区")
    assert set(songmu["firms"]) == {"恒光", "建衡", "建滔", "电科"} and songmu["status"] == "documented"
    target = next(t for t in chem["figures"]["targets"] if t["indicator"] == "化工新材料行业产值")
    assert (target["value"], target["unit"], target["deadline"], target["latest"]) == ("500", "亿元", "2025", None)
    assert "inferred" in target["why"]
    loop = chem["loops"][0]
    assert [(s["from"], s["to"], s["materials"]) for s in loop["steps"]] == [("恒光", "建衡", ["硫酸"]), ("建衡", "恒光", ["聚合氯化铝"])]
    assert {(s["consumer"], s["material"], s["supplier"]) for s in chem["risks"]["single_suppliers"]} >= {("恒光", "烧碱", "建滔")}
    sup = chem["gaps"]["supporting"]
    assert 0 <= sup["rate"] <= 1 and sup["local"] <= sup["total"]
    assert chem["candidates"]["available"] is False and "not imported" in chem["candidates"]["note"]


def test_every_figure_has_a_source_that_resolves(chem) -> None:
    numbers = {s["n"] for s in chem["sources"]}
    assert numbers == set(range(1, len(chem["sources"]) + 1))
    used = _cites(chem)
    assert set(used) == numbers  # every source is used, every citation resolves
    for section in ("targets", "statistics"):
        assert all(f["cite"] for f in chem["figures"][section])
    assert all(p["cite"] for p in chem["organisation"]["posts"]) and all(p["cite"] for p in chem["parks"])
    assert all(f["cite"] for s in chem["segments"] for f in s["firms"])
    assert chem["gaps"]["supporting"]["cite"]
    kinds = {s["kind"] for s in chem["sources"]}
    assert kinds == {"documented", "editorial", "inferred"}


def test_documented_sources_quote_the_documents(chem) -> None:
    if not (CORPUS / "sources.yaml").exists():
        pytest.skip("../shared/corpus is not present")
    registry = {d["id"]: d for d in yaml.safe_load((CORPUS / "sources.yaml").read_text(encoding="utf-8"))}
    for s in chem["sources"]:
        if s["kind"] == "documented":
            text = (CORPUS / registry[s["doc"]].get("file", f"{s['doc']}.txt")).read_text(encoding="utf-8")
            assert s["quote"] in text, s
            assert s["title"], s


def test_reports_for_every_2021_chain(kg) -> None:
    chains = [r["l"] for r in kg.select('SELECT ?l WHERE { ?c skos:inScheme scheme:chains-2021 ; rdfs:label ?l '
                                        'FILTER(lang(?l) = "zh") } ORDER BY ?l')]
    assert len(chains) == 14
    for name in chains:
        r = chain_report(kg, name)
        assert len(r["organisation"]["posts"]) >= 2 and set(_cites(r)) == {s["n"] for s in r["sources"]}
    ei = chain_report(kg, "电子信息")
    assert any(m["label"] == "万魔声学" and m["type"] == "Enterprise" for m in ei["members"])
    assert [p["label"] for p in ei["parks"]] == ["富士康科技集团衡阳园区", "衡山科学城"]  # the parks of its firms (富士康 is one)
    assert any(p["label"] == "万魔声学智造群" and p["status"] == "in_production" for p in ei["projects"])


def test_html_report_in_headless_chromium(browser, chem, tmp_path: Path) -> None:
    path = tmp_path / "chem.html"
    path.write_text(render_html(chem), encoding="utf-8")
    loaded = open_file(browser, path)
    page = loaded.page
    assert page.inner_text("h1") == "化工新材料产业链发展报告"
    for section in ("organisation", "map", "parks", "projects", "targets", "loops", "gaps", "sources"):
        assert page.locator(f"section#{section}").count() == 1
    # the chain map: three segment columns (the gap one marked), firm boxes and the flows drawn
    assert page.locator("#chain-map g.seg").count() == 3
    assert page.locator("#chain-map g.seg.gapseg").count() == 1
    firms = page.eval_on_selector_all("#chain-map g.firm rect", "els => els.map(e => e.getBBox().width)")
    assert len(firms) == 4 and min(firms) > 0
    assert page.locator("#chain-map path.arrow").count() == 3  # 恒光->建衡, 建衡->恒光, 建滔->恒光
    assert page.eval_on_selector('#chain-map g.firm[data-id="ent/hengguang"] text', "e => e.getBBox().width") > 10
    # every citation link lands on a listed source
    targets = page.eval_on_selector_all("sup.c a", "els => els.map(e => e.getAttribute('href'))")
    assert targets and all(page.locator(t).count() == 1 for t in set(targets))
    assert "原文未说明" in page.inner_text("#organisation")
    assert "不存在" not in page.inner_text("body")
    assert_clean(loaded)


def _poison(node: Any) -> Any:
    """The report with hostile markup appended to every human-readable string."""
    if isinstance(node, dict):
        return {k: (v + EVIL if isinstance(v, str) and k in ("label", "label_en", "quote", "text", "indicator",
                                                               "title", "material", "from", "to", "consumer",
                                                               "supplier", "node", "note") else _poison(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [(v + EVIL) if isinstance(v, str) else _poison(v) for v in node]
    return node


def test_html_escapes_every_string(browser, chem, tmp_path: Path) -> None:
    html = render_html(_poison(copy.deepcopy(chem)))
    assert "<img" not in html and "&lt;img src=x onerror=" in html
    path = tmp_path / "evil.html"
    path.write_text(html, encoding="utf-8")
    loaded = open_file(browser, path)
    assert EVIL in loaded.page.inner_text("h1")
    assert loaded.page.locator("img").count() == 0
    assert_clean(loaded)


def test_markdown_tables_are_well_formed(chem) -> None:
    md = render_markdown(_poison(copy.deepcopy(chem)))
    assert "<img" not in md and "&lt;img" in md
    header_cols = None
    for line in md.splitlines():
        if line.startswith("|"):
            cols = len(re.findall(r"(?<!\\)\|", line)) - 1
            if line.startswith("|---"):
                header_cols = cols
            elif header_cols is not None:
                assert cols == header_cols, line
        else:
            header_cols = None if line.strip() == "" else header_cols
    plain = render_markdown(chem)
    assert plain.startswith("# 化工新材料产业链发展报告")
    assert "| 链长 | 化工新材料产业链链长 | 原文未说明 | 文献记载 [" in plain
    assert re.search(r"^\d+\. 文献: 000_77e32e1598185cb9 《衡阳市前三季度经济运行“成绩单”》", plain, flags=re.M)
    english = render_markdown(chem, "en")
    assert english.startswith("# New chemical materials chain development report")
    assert "| chain leader | Chain leader, new chemical materials | not stated | documented [" in english
    assert re.search(r"^\d+\. documented: 000_77e32e1598185cb9 ", english, flags=re.M)


@pytest.mark.parametrize("suffix", ["html", "md"])
def test_output_is_deterministic(kg, built_graph: Path, tmp_path: Path, suffix: str) -> None:
    """The same graph gives byte-identical reports, in this process and in one with other hash seeds."""
    import os
    import subprocess
    import sys

    a, b = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
    write_chain_report(kg, "化工新材料", a)
    env = {**os.environ, "PYTHONHASHSEED": "12345" if os.environ.get("PYTHONHASHSEED") != "12345" else "54321"}
    subprocess.run([sys.executable, "-m", "hykg", "--graph", str(built_graph), "report", "chain", "化工新材料",
                    "-o", str(b)], check=True, env=env, capture_output=True)
    assert a.read_bytes() == b.read_bytes()


def test_cli_writes_html_and_markdown(cli, tmp_path: Path) -> None:
    result = cli("report", "chain", "化工新材料", "-o", str(tmp_path / "chem.md"))
    assert result.exit_code == 0, result.output
    assert re.match(r"wrote .*chem\.md \(md\): 化工新材料 \(chain/chem-new-materials\): \d+ firms", result.output)
    assert (tmp_path / "chem.md").read_text(encoding="utf-8").startswith("# 化工新材料产业链发展报告")
    result = cli("report", "chain", "chain/auto", "-o", str(tmp_path / "auto.txt"), "--format", "html")
    assert result.exit_code == 0 and (tmp_path / "auto.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_unknown_chain_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli("report", "chain", "不存在的链", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert "Error: no entity named '不存在的链'" in result.output
    assert not (tmp_path / "x.html").exists()


def test_candidate_firms_where_the_listed_company_data_is_imported(kg_with_listed) -> None:
    r = chain_report(kg_with_listed, "化工新材料")
    cand = r["candidates"]
    assert cand["available"] is True and cand["firms"] and cand["total"] >= len(cand["firms"])
    assert all(re.fullmatch(r"\d{6}", f["code"]) and f["reason"] and f["industry"] for f in cand["firms"])
    assert any(f["code"] == "600929" and f["label"] == "湖南盐业" and f["hunan"] for f in cand["firms"])
    assert {"化学原料", "化学制品"} <= {i["label"] for i in cand["industries"]}
    html = render_html(r)
    assert html.count("<tr><td>", html.index('id="candidates"')) >= len(cand["firms"])
    md = render_markdown(r)
    assert "| 湖南盐业 (湖南) | 600929 |" in md
