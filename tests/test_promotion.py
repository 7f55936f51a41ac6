"""Investment-promotion reports (产业链招商报告) and the silence made explicit in the reports: candidates
chosen by the gap segment's products (no explosives makers for 化工新材料), Chinese by default and
English with --lang en, checked in headless Chromium; the 六个一 parts and project facts "not stated"."""

from __future__ import annotations

import re
from pathlib import Path

from hykg.present.promotion import promotion_report
from hykg.present.report import chain_report
from hykg.present.report_render import render_html, render_markdown
from hykg.query.chains import chain_members, member_ids
from hykg.query.silence import project_silence

from .docs_browser import assert_clean, open_file


def test_promotion_without_listed_data_names_the_gap_and_its_inputs(kg) -> None:
    r = promotion_report(kg, "化工新材料")
    [gap] = r["gaps"]
    assert gap["segment"]["id"] == "seg/chem-raw" and gap["candidates"] == [] and not r["candidates_available"]
    assert {i["product"]["label"] for i in gap["lacking"]} == {"氢氧化铝", "盐卤", "硫"}
    members = member_ids(chain_members(kg, "化工新材料"), ("firms",))
    assert all(f["customer"]["id"] not in members for f in r["feeds"])  # firms the chain would feed: outside it
    assert "电科" not in {f["customer"]["label"] for f in r["feeds"]}  # 恒光 feeds 电科, but 电科 is on the chain
    md = render_markdown(r, template="promotion")
    assert md.startswith("# 化工新材料产业链招商报告") and "图谱未导入上市公司数据" in md
    assert render_markdown(r, "en", "promotion").startswith("# New chemical materials chain investment-promotion report")


def test_candidates_come_from_the_gap_products_industries(kg_with_listed) -> None:
    r = promotion_report(kg_with_listed, "化工新材料")
    [gap] = r["gaps"]
    industries = {i["label"]: i["products"] for i in gap["industries"]}
    assert industries == {"无机盐": ["盐卤"], "铝": ["氢氧化铝"], "铅锌": ["硫"], "炼油化工": ["硫"]}
    cands = gap["candidates"]
    assert cands[0]["code"] == "600929" and cands[0]["hunan"]  # 湖南盐业 (salt) first: a Hunan maker of brine
    assert [c["rank"] for c in cands] == list(range(1, len(cands) + 1))
    assert {c["industry"] for c in cands} == set(industries)  # every gap product is represented
    assert not {c["industry"] for c in cands} & {"民爆制品", "化学制品"}  # not the chain's industries
    assert all(c["reason_zh"].startswith(f"属于{c['industry']}") and c["reason_en"] and c["cite"] for c in cands)
    # the chain report still proposes from the chain's industries; the promotion report does not
    chain_cands = chain_report(kg_with_listed, "化工新材料")["candidates"]["industries"]
    assert "化学制品" in {i["label"] for i in chain_cands}
    numbers = {s["n"] for s in r["sources"]}
    assert numbers == set(range(1, len(numbers) + 1))
    assert {n for c in cands for n in c["cite"]} <= numbers
    md = render_markdown(r, template="promotion")
    assert "| 1 | 湖南盐业 (湖南) | 600929 | 无机盐 | 属于无机盐,该行业生产缺口环节的产品盐卤(湖南企业优先) |" in md


def test_promotion_html_in_headless_chromium(browser, kg_with_listed, tmp_path: Path) -> None:
    r = promotion_report(kg_with_listed, "化工新材料")
    for lang, title in (("zh", "化工新材料产业链招商报告"), ("en", "New chemical materials chain investment-promotion report")):
        path = tmp_path / f"p-{lang}.html"
        path.write_text(render_html(r, lang, "promotion"), encoding="utf-8")
        loaded = open_file(browser, path)
        page = loaded.page
        assert page.inner_text("h1") == title
        assert page.locator("article.gap-segment").count() == 1
        assert page.locator("table.candidates tr").count() == len(r["gaps"][0]["candidates"]) + 1
        hrefs = page.eval_on_selector_all("sup.c a", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(page.locator(h).count() == 1 for h in set(hrefs))
        assert_clean(loaded)


def test_chain_report_chinese_by_default_english_on_request(cli, tmp_path: Path) -> None:
    zh, en = tmp_path / "zh.md", tmp_path / "en.md"
    assert cli("report", "chain", "汽车", "-o", str(zh)).exit_code == 0
    assert cli("report", "chain", "汽车", "-o", str(en), "--lang", "en").exit_code == 0
    text = zh.read_text(encoding="utf-8")
    assert text.startswith("# 汽车产业链发展报告") and "## 一、组织架构" in text and "Why listed" not in text
    assert "The graph links no project" not in text and "no statistic in the graph" not in text
    assert en.read_text(encoding="utf-8").startswith("# Automobile chain development report") or \
        re.match(r"# .+ chain development report", en.read_text(encoding="utf-8"))
    out = cli("report", "promotion", "化工新材料", "-o", str(tmp_path / "p.html"), "--format", "json")
    assert out.exit_code == 0, out.output
    assert '"kind": "promotion"' in out.output and (tmp_path / "p.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_six_ones_and_project_facts_not_stated(kg) -> None:
    r = chain_report(kg, "新型能源及电力装备")
    parts = [p["part"]["label"] for p in r["six_ones"]]
    assert parts == ["一位市级领导", "一个承载主体", "一个行业协会", "一家金融机构", "一批高校院所", "一个联合党工委"]
    assert all(p["status"] == "not stated" for p in r["six_ones"] if not p["members"])
    md = render_markdown(r)
    assert "| 一个联合党工委 | 原文未说明 | 原文未说明 |" in md
    silent = project_silence(kg, {"https://w3id.org/hykg/id/proj/tbea-5g-park", "https://w3id.org/hykg/id/proj/shanshan-outlets"})
    assert "status" not in silent["proj/tbea-5g-park"] and "investment" in silent["proj/tbea-5g-park"]
    assert {"status", "investment"} <= set(silent["proj/shanshan-outlets"])


def test_show_of_a_project_says_what_is_not_stated(cli) -> None:
    out = cli("show", "proj/shanshan-outlets").output
    assert "原文未说明: 进展, 投资, 园区, 产业链" in out
    tbea = cli("show", "proj/tbea-5g-park", "--lang", "en").output
    assert "not stated in the sources: investment, park\n" in tbea  # status stated (progressing), chain tied


def test_every_2021_chain_gets_a_promotion_report(kg) -> None:
    chains = [r["l"] for r in kg.select('SELECT ?l WHERE { ?c skos:inScheme scheme:chains-2021 ; rdfs:label ?l '
                                        'FILTER(lang(?l) = "zh") } ORDER BY ?l')]
    for name in chains:
        r = promotion_report(kg, name)
        assert render_markdown(r, template="promotion").startswith(f"# {name}产业链招商报告")
