"""Targets against actuals: the indicator vocabulary pairs targets with the statistics measuring the same
indicator (800 high-tech firms by 2025 with the 420 of 2020; R&D intensity 3% with 2% in 2023), the JSON
shape of `hykg targets`, "no statistic" only where none exists, and `hykg show` of a target."""

from __future__ import annotations

import csv
import io
import json

from hykg.query.targets import progress, targets


def _by_id(items):
    return {t["target"]["id"]: t for t in items}


def test_hitech_firms_and_rd_intensity_are_paired(kg) -> None:
    items = _by_id(targets(kg))
    hitech = items["target/hitech-firms-2025"]
    assert (hitech["target"]["value"], hitech["target"]["unit"], hitech["target"]["due"]) == ("800", "家", "2025")
    assert [(a["id"], a["value"], a["unit"], a["period"]) for a in hitech["actuals"]] == [
        ("stat/hitech-firms-2020-r72", "420", "家", "2020")]
    assert hitech["progress"]["gap"] == 380 and hitech["progress"]["share"] == 0.525
    assert hitech["actuals"][0]["sources"][0]["quote"] == "2020年,我市高新技术企业数量增至420家"
    assert hitech["target"]["pairing"]["status"] == "editorial" and hitech["target"]["pairing"]["rationale"]
    rd = items["target/rd-intensity-2025"]
    assert [(a["id"], a["value"], a["period"]) for a in rd["actuals"]] == [("stat/rd-intensity-2023", "2", "2023")]
    assert rd["progress"]["gap"] == 1 and rd["target"]["measures"]["label"] == "研发投入强度"


def test_no_statistic_only_where_none_measures_the_indicator(kg) -> None:
    items = targets(kg)
    for t in items:
        assert (t["note"] == "no statistic") == (t["actuals"] == [])
    listed = _by_id(items)["target/listed-firms-2025"]
    assert listed["actuals"] == [] and listed["progress"] is None and listed["target"]["measures"]["id"] == "ind/listed-firm-count"


def test_progress_of_a_ceiling_and_of_other_units() -> None:
    assert progress({"value": "14.5", "unit": "%", "qualifier": "below"}, {"value": "13", "unit": "%"})["reached"] is True
    assert progress({"value": "800", "unit": "家"}, {"value": "4", "unit": "万户"})["gap"] is None
    assert progress({"value": "破零", "unit": ""}, {"value": "1", "unit": ""}) is None


def test_targets_command_json_shape_and_filters(cli) -> None:
    result = cli("targets", "--due", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert items and all({"target", "actuals", "progress"} <= set(t) for t in items)
    assert all({"id", "label", "value", "unit", "due", "qualifier"} <= set(t["target"]) for t in items)
    assert all({"id", "value", "unit", "period", "sources"} <= set(a) for t in items for a in t["actuals"])
    assert all(t["target"]["due"] and int(t["target"]["due"]) <= 2025 for t in items)
    chem = json.loads(cli("targets", "化工新材料", "--format", "json").output)
    assert [t["target"]["id"] for t in chem] == ["target/chem-output-2025"] and chem[0]["note"] == "no statistic"
    rows = list(csv.reader(io.StringIO(cli("targets", "--format", "csv").output)))
    assert rows[0][:4] == ["目标", "目标值", "期限", "最新实际值"]
    hitech = next(r for r in rows if r[0] == "高新技术企业数量(2025)")
    assert hitech[1:5] == ["800家", "2025", "420家", "2020"] and "380" in hitech[5]
    table = cli("targets", "--lang", "en").output
    assert "no statistic" in table and "latest actual" in table


def test_show_of_a_target_gives_the_actual(cli) -> None:
    out = cli("show", "target/hitech-firms-2025").output
    assert "实际值: 420家 (2020" in out and "差 380 家" in out
    card = json.loads(cli("show", "target/hitech-firms-2025", "--format", "json").output)
    assert card["against_actuals"]["actuals"][0]["id"] == "stat/hitech-firms-2020-r72"
