"""The analysis commands: table / json / csv output, exports, and the same errors as the query commands."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest


def test_path_json_and_table(cli) -> None:
    r = cli("path", "建滔", "电科", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [n["label"] for n in data["paths"][0]["nodes"]] == ["建滔", "恒光", "电科"]
    t = cli("path", "建滔", "电科")
    assert t.exit_code == 0 and "1. 建滔 → 恒光 → 电科" in t.output and "硫酸" in t.output


def test_path_csv(cli) -> None:
    r = cli("path", "建滔", "电科", "--format", "csv")
    rows = list(csv.reader(r.output.splitlines()))
    assert rows[0] == ["path", "step", "supplier", "consumer", "material", "status", "sources"]
    assert ["1", "2", "恒光", "电科", "硫酸", "documented"] == rows[-1][:6]


def test_upstream_downstream(cli) -> None:
    r = cli("upstream", "电科", "--format", "json")
    assert [(m["entity"]["label"], m["distance"]) for m in json.loads(r.output)["members"]] == [
        ("恒光", 1), ("建衡", 2), ("建滔", 2)]
    r = cli("downstream", "建滔", "--depth", "1", "--format", "csv")
    assert r.exit_code == 0 and r.output.splitlines()[1].startswith("1,ent/hengguang,恒光")
    assert "Hengguang" in cli("downstream", "建滔", "--lang", "en").output


def test_analyze_circular(cli) -> None:
    r = cli("analyze", "circular", "--park", "松木经开区")
    assert r.exit_code == 0, r.output
    assert "恒光 —硫酸→ 建衡 —聚合氯化铝→ 恒光" in r.output and "finn_cycling_index" in r.output
    data = json.loads(cli("analyze", "circular", "--format", "json").output)
    assert data["metrics"]["cyclicity"] == 1.0 and data["loops"][0]["length"] == 2
    rows = dict(csv.reader(cli("analyze", "circular", "--format", "csv").output.splitlines()[1:]))
    assert rows["total_system_throughflow"] == "9.0" and rows["weights"] == "unit flows"


def test_analyze_chain(cli) -> None:
    r = cli("analyze", "chain", "化工新材料")
    assert r.exit_code == 0, r.output
    assert "local supporting rate (本地配套率): 2/5 = 40.0%" in r.output
    assert "gaps (no local firm): 化工原料" in r.output
    data = json.loads(cli("analyze", "chain", "化工新材料", "--format", "json").output)
    assert data["supporting"]["rate"] == 0.4
    rows = list(csv.reader(cli("analyze", "chain", "电子信息", "--format", "csv").output.splitlines()))
    assert rows[0][:3] == ["segment", "position", "status"] and all(r[-1] == "gap" for r in rows[1:])


def test_analyze_risk_and_could_supply(cli) -> None:
    r = cli("analyze", "risk")
    assert r.exit_code == 0 and "dominator" in r.output and "恒光" in r.output
    data = json.loads(cli("analyze", "risk", "--format", "json").output)
    assert data["supply"]["cut_points"][0]["node"]["id"] == "ent/hengguang"
    c = cli("analyze", "could-supply", "恒光", "--format", "json")
    links = json.loads(c.output)["links"]
    assert links and all(x["status"] == "inferred" for x in links)
    assert "inferred" in cli("analyze", "could-supply").output


def test_export_command(acli, tmp_path: Path) -> None:
    out = tmp_path / "supply.graphml"
    r = acli("export", "supply", "--format", "graphml", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "4 nodes, 4 edges" in r.output and nx.read_graphml(out).number_of_edges() == 4
    r = acli("export", "supply", "--inferred", "--format", "csv", "-o", str(tmp_path / "s.csv"))
    text = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    assert r.exit_code == 0 and "inferred/ent/e->ent/c:mat/acid" in text
    r = acli("export", "ego", "--name", "甲公司", "--depth", "2", "--format", "gexf", "-o", str(tmp_path / "e.gexf"))
    assert r.exit_code == 0 and (tmp_path / "e.gexf").exists()


@pytest.mark.parametrize("args, message", [
    (("path", "不存在", "恒光"), "no entity named '不存在'"),
    (("upstream", "没有"), "no entity named"),
    (("analyze", "chain", "不存在的链"), "no entity named"),
    (("analyze", "circular", "--park", "不存在的园区"), "no entity named"),
    (("path", "建滔", "松木经开区"), "give two firms or two parks"),
])
def test_errors_exit_1(cli, args, message) -> None:
    r = cli(*args)
    assert r.exit_code == 1 and message in r.output


def test_ambiguous_name_and_usage_errors(acli, tmp_path: Path) -> None:
    r = acli("upstream", "公司")
    assert r.exit_code == 1 and "is ambiguous" in r.output
    r = acli("export", "ego", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert r.exit_code == 2 and "ego needs --name" in r.output
    r = acli("export", "park", "--inferred", "--format", "csv", "-o", str(tmp_path / "x.csv"))
    assert r.exit_code == 2


def test_every_analysis_command_has_help(runner) -> None:
    from hykg.cli import main

    for args in (["path"], ["upstream"], ["downstream"], ["analyze"], ["analyze", "circular"], ["analyze", "chain"],
                 ["analyze", "risk"], ["analyze", "could-supply"], ["export"]):
        r = runner.invoke(main, [*args, "--help"])
        assert r.exit_code == 0 and len(r.output) > 100, args
