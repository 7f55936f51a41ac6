"""Targets drawn (`hykg targets --format svg`, the chain report, the explorer): the bars read from the SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hykg.present.targetbars import bar, targets_svg
from hykg.query.targets import targets

SVG = "{http://www.w3.org/2000/svg}"


def _rows(svg: str) -> dict[str, dict[str, object]]:
    """Each target's group: its kind, texts and the width of the filled part of its bar."""
    out: dict[str, dict[str, object]] = {}
    for g in ET.fromstring(svg).iter(SVG + "g"):
        if g.get("data-id"):
            done = [r for r in g.iter(SVG + "rect") if r.get("class") == "done"]
            out[g.get("data-id", "")] = {"kind": g.get("data-kind"), "text": " ".join("".join(t.itertext()) for t in g.iter(SVG + "text")),
                                         "done": float(done[0].get("width", 0)) if done else None,
                                         "limit": any(True for _ in g.iter(SVG + "line"))}
    return out


def test_every_target_drawn_with_its_latest_actual(kg) -> None:
    items = targets(kg)
    rows = _rows(targets_svg(items))
    assert len(rows) == len(items)
    hitech = rows["target/hitech-firms-2025"]
    assert hitech["kind"] == "progress" and hitech["done"] == 220.5  # 420 of 800 on a 420-unit bar
    assert "800家 · 2025年到期" in hitech["text"] and "实际 420家（2020）" in hitech["text"]
    assert "52.5%" in hitech["text"] and "差 380家" in hitech["text"]
    chem = next(r for r in rows.values() if "化工新材料行业产值" in str(r["text"]))
    assert chem["kind"] == "none" and "无统计数据衡量该指标" in str(chem["text"]) and chem["done"] is None
    words = next(r for r in rows.values() if "5A级物流企业" in str(r["text"]))
    assert words["kind"] == "words" and "实现“零”的突破" in str(words["text"])
    kinds = [r["kind"] for r in rows.values()]
    n = len(kinds) - kinds.count("none")
    assert "none" not in kinds[:n] and set(kinds[n:]) == {"none"}  # targets with an actual first
    en = _rows(targets_svg(items, "en"))
    assert "due 2025" in str(en["target/hitech-firms-2025"]["text"]) and "380家 to go" in str(en["target/hitech-firms-2025"]["text"])
    assert targets_svg(items) == targets_svg(targets(kg))  # the same data draws the same bytes


def test_upper_limit_bar_and_escaping() -> None:
    item = {"target": {"id": "target/<x>", "label": "比率<&>", "label_en": "", "value": "14.5", "unit": "%", "due": "2025",
                       "qualifier": "below", "sources": [{"doc": "003_x", "quote": "降至14.5%以下 <b>"}]},
            "actuals": [{"id": "stat/y", "value": "16", "unit": "%", "period": "2020", "sources": []}], "latest": "stat/y",
            "progress": None}
    b = bar(item)
    assert b["kind"] == "limit" and round(b["marker"], 3) == 0.725 and "需再降 1.5%" in b["text"]
    svg = targets_svg([item])
    assert "<b>" not in svg and "<style" not in svg
    row = _rows(svg)["target/<x>"]
    assert row["limit"] and "比率<&> [1]" in str(row["text"])
    assert "降至14.5%以下 <b>" in "".join(ET.fromstring(svg).itertext())


def test_targets_format_svg(cli, tmp_path: Path) -> None:
    r = cli("targets", "--format", "svg")
    assert r.exit_code == 0 and r.stdout.startswith("<svg ")
    assert "target/hitech-firms-2025" in _rows(r.stdout)
    out = tmp_path / "chem.svg"
    r = cli("targets", "化工新材料", "--format", "svg", "--lang", "en", "-o", str(out))
    assert r.exit_code == 0, r.output
    rows = _rows(out.read_text(encoding="utf-8"))
    assert rows and all(row["kind"] == "none" for row in rows.values())  # no statistic measures them yet
    assert any("no statistic measures this indicator" in str(row["text"]) for row in rows.values())
