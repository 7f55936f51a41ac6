"""Figures in plain words: each analysis figure's one-sentence reading (zh, en), generated from its numbers,
in the library answers, the CLI (JSON `reading` key, text), the chain report and the explorer."""

from __future__ import annotations

import json

import pytest

from hykg.analysis.circular import circular
from hykg.analysis.readings import cyclicity_reading, dominator_reading, finn_reading, supporting_reading
from hykg.analysis.risk import risk
from hykg.analysis.structure import chain_structure


def test_songmu_circular_figures_read_from_their_numbers(kg) -> None:
    r = circular(kg, "松木经开区")
    m, reading = r["metrics"], r["reading"]
    fci = reading["finn_cycling_index"]
    assert f"{100 * m['finn_cycling_index']:.1f}%" == "13.9%"
    assert "松木经开区" in fci["zh"] and "13.9%" in fci["zh"] and "0.139" in fci["zh"] and "未计实际数量" in fci["zh"]
    assert "Songmu" in fci["en"] and "13.9%" in fci["en"] and "comes back round to where it came from" in fci["en"]
    assert "1 个闭合回路" in reading["cyclicity"]["zh"] and "1.00" in reading["cyclicity"]["zh"]
    assert reading["connectance"]["zh"] == "4 家企业两两之间可能有 12 条供应关系，文献写明物料流的有 4 条（连接度 0.33）。"
    assert all(x["zh"].endswith("。") and x["en"].endswith(".") for x in reading.values())  # one sentence each


def test_readings_follow_the_numbers() -> None:
    assert "no closed loop" in cyclicity_reading(0.0, 0)["en"]
    assert "interlock, so material can cycle" in cyclicity_reading(1.6, 3)["en"] and "1.60" in cyclicity_reading(1.6, 3)["zh"]
    assert "只单向流动" in finn_reading(0.0, "unit flows", "甲园", "Park A")["zh"]
    assert "real quantity" not in finn_reading(0.25, "stated quantities (t)", "甲园", "Park A")["en"]
    assert "无从计算" in finn_reading(None, "unit flows", "甲园", "Park A")["zh"]
    full = supporting_reading({"label": "甲", "label_en": "A"}, {"local": 3, "total": 3, "rate": 1.0})
    assert "全部可在本地配套" in full["zh"] and "all are made locally" in full["en"]
    none = supporting_reading({"label": "甲", "label_en": "A"}, {"local": 0, "total": 0, "rate": None})
    assert "无从计算" in none["zh"]
    one = dominator_reading({"node": {"label": "甲", "label_en": "A"}, "count": 1, "open_list": True,
                             "dominated": [{"label": "乙", "label_en": "B"}]}, "park")
    assert one["zh"] == "乙的全部上游供应都要经过甲：没有甲，这 1 个园区就断了物料来源（就来源所列）。"


def test_risk_and_chain_readings(kg) -> None:
    r = risk(kg)
    cut = r["supply"]["cut_points"][0]
    assert cut["node"]["label"] == "恒光" and cut["reading"]["zh"].startswith("恒光一旦停产，供应网络就断成 3 块，2 家企业")
    dom = r["supply"]["dominators"][0]
    assert dom["reading"]["zh"] == "电科、恒光、建衡的全部上游供应都要经过建滔：没有建滔，这 3 家企业就断了物料来源。"
    assert "1 cut point (Hengguang)" in r["supply"]["reading"]["cut_points"]["en"]
    s = chain_structure(kg, "化工新材料")
    assert s["reading"]["supporting"]["zh"].startswith("化工新材料各环节产品所需的 5 种投入品中，有 2 种在本地有生产者（本地配套率 40.0%）")


@pytest.mark.parametrize(("args", "path"), [
    (["analyze", "circular", "--park", "松木经开区"], ["reading", "finn_cycling_index", "zh"]),
    (["analyze", "risk"], ["supply", "dominators", 0, "reading", "en"]),
    (["analyze", "chain", "化工新材料"], ["reading", "supporting", "zh"]),
])
def test_cli_json_adds_reading_and_text_shows_it(cli, args: list[str], path: list[object]) -> None:
    r = cli(*args, "--format", "json")
    assert r.exit_code == 0, r.output
    node = json.loads(r.stdout)
    for key in path:
        node = node[key]  # type: ignore[index]
    assert isinstance(node, str) and len(node) > 20
    text = cli(*args)
    assert text.exit_code == 0 and "解读" in text.stdout and (node if path[-1] == "zh" else "") in text.stdout


def test_report_carries_the_readings(kg, tmp_path) -> None:
    from hykg.present.report_render import write_chain_report

    out = tmp_path / "chem.html"
    write_chain_report(kg, "化工新材料", out, lang="en")
    html = out.read_text(encoding="utf-8")
    assert 'class="reading">Of the 5 inputs the products of New chemical materials need, 2 have a local producer' in html
    assert "<li>Every stated supply of Dianke, Hengguang, Jianheng passes through Kingboard" in html
    md = tmp_path / "chem.md"
    write_chain_report(kg, "化工新材料", md)
    text = md.read_text(encoding="utf-8")
    assert "\n- 恒光一旦停产，供应网络就断成 3 块" in text and "其余 3 种图中未见本地生产者。" in text
