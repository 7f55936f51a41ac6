"""Exports: GraphML and GEXF read back with the same nodes, edges and keys; CSV edge lists for Excel."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from hykg.errors import HykgError
from hykg.present.export import export_graph
from hykg.query import projections as project


def test_graphml_round_trip(akg, tmp_path: Path) -> None:
    g = project.supply_network(akg)
    out = export_graph(g, "graphml", tmp_path / "s.graphml")
    h = nx.read_graphml(out, force_multigraph=True)
    assert sorted(h.edges(keys=True)) == sorted(g.edges(keys=True))
    e = h.edges["ent/a", "ent/b", "flow/a-b-acid"]
    assert e["material"] == "mat/acid" and e["status"] == "documented"
    assert json.loads(e["sources"]) == [{"doc": "a1", "quote": "甲园区的甲公司向乙公司供应酸"}]
    assert h.nodes["ent/a"]["label"] == "甲公司" and h.nodes["ent/a"]["parks"] == "park/pa"


def test_gexf_round_trip_keeps_flow_ids(akg, tmp_path: Path) -> None:
    g = project.park_network(akg)
    out = export_graph(g, "gexf", tmp_path / "p.gexf")
    text = out.read_text(encoding="utf-8")
    assert 'id="pflow/pb-pa-ore"' in text and 'id="agg/park/pa-&gt;park/pb"' in text
    h = nx.read_gexf(out)
    assert h.number_of_edges() == g.number_of_edges() and set(h.nodes) == set(g.nodes)


def test_csv_edge_list(akg, tmp_path: Path) -> None:
    out = export_graph(project.supply_network(akg), "csv", tmp_path / "s.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese labels correctly
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == 4
    first = rows[0]
    assert (first["source"], first["source_label"], first["target"], first["key"]) == ("ent/a", "甲公司", "ent/b", "flow/a-b-acid")
    assert first["sources"] == "a1:「甲园区的甲公司向乙公司供应酸」"
    assert next(r for r in rows if r["key"] == "flow/c-d-ore")["status"] == "editorial"


def test_membership_and_ego_export(akg, tmp_path: Path) -> None:
    m = export_graph(project.membership_graph(akg), "graphml", tmp_path / "m.graphml")
    assert nx.read_graphml(m).edges["seg/up", "chain/k"]["property"] == "hykg:segmentOf"
    e = export_graph(project.ego_graph(akg, "乙公司", 2), "csv", tmp_path / "e.csv")
    assert "hykg:consumer" in e.read_text(encoding="utf-8-sig")


def test_export_errors(tmp_path: Path) -> None:
    with pytest.raises(HykgError, match="unknown export format"):
        export_graph(nx.DiGraph(), "xlsx", tmp_path / "x")
    with pytest.raises(HykgError, match="no such directory"):
        export_graph(nx.DiGraph(), "csv", tmp_path / "missing" / "x.csv")
