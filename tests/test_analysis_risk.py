"""Risk: cut points, dominators, single suppliers, betweenness on hand-built graphs and on 松木."""

from __future__ import annotations

import networkx as nx
import pytest

from hykg.analysis import risk as R


def test_cut_points_block_cut_tree() -> None:
    # two triangles joined at x, with a tail x - t - u: removing x leaves {a,b}, {c,d}, {t,u}
    g = nx.Graph([("a", "b"), ("b", "x"), ("x", "a"), ("c", "d"), ("d", "x"), ("x", "c"), ("x", "t"), ("t", "u")])
    got = {c["node"]: (c["pieces"], c["sizes"], c["cut_off"]) for c in R.cut_points(g)}
    assert got == {"x": (3, [2, 2, 2], 4), "t": (2, [5, 1], 1)}
    assert R.cut_points(nx.DiGraph([(1, 2), (2, 3), (3, 1)])) == []


def test_cut_points_match_removal() -> None:
    g = nx.gnm_random_graph(60, 70, seed=3)
    for c in R.cut_points(g):
        h = g.copy()
        h.remove_node(c["node"])
        comp = next(x for x in nx.connected_components(g) if c["node"] in x)
        sizes = sorted((len(x) for x in nx.connected_components(h.subgraph(comp - {c["node"]}))), reverse=True)
        assert sizes == c["sizes"]


def test_dominators_with_several_sources() -> None:
    # s1 and s2 both feed m; m feeds x and y; y also comes from s2 directly
    g = nx.DiGraph([("s1", "m"), ("s2", "m"), ("m", "x"), ("m", "y"), ("s2", "y")])
    assert [(d["node"], d["dominated"]) for d in R.dominators(g)] == [("m", ["x"])]
    # a cycle fed from outside: every path into the cycle passes through its entry
    g2 = nx.DiGraph([("src", "e"), ("e", "f"), ("f", "e"), ("f", "out")])
    assert [(d["node"], d["count"]) for d in R.dominators(g2)] == [("src", 3), ("e", 2), ("f", 1)]


def test_single_suppliers_count_documented_and_editorial_only() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("a", "c", key="f1", material="acid", status="documented")
    g.add_edge("b", "c", key="f2", material="acid", status="inferred")
    g.add_edge("b", "c", key="f3", material="salt", status="editorial")
    got = [(s["consumer"], s["material"], s["supplier"]) for s in R.single_suppliers(g)]
    assert got == [("c", "acid", "a"), ("c", "salt", "b")]


def test_betweenness_exact_and_sampled() -> None:
    path = nx.DiGraph([(i, i + 1) for i in range(4)])  # 0 -> 1 -> 2 -> 3 -> 4
    top, method = R.betweenness(path)
    assert method == "exact" and top[0] == (2, pytest.approx(4 / 12))
    top_s, method_s = R.betweenness(path, samples=5, seed=1)
    assert method_s.startswith("sampled (5 pivots")
    assert top_s[0][0] == 2


def test_risk_hand_built(akg) -> None:
    r = R.risk(akg)
    s = r["supply"]
    assert [(c["node"]["id"], c["sizes"]) for c in s["cut_points"]] == [("ent/b", [2, 1]), ("ent/c", [2, 1])]
    assert [(d["node"]["id"], [x["id"] for x in d["dominated"]]) for d in s["dominators"]] == [
        ("ent/b", ["ent/c", "ent/d"]), ("ent/c", ["ent/d"])]
    single = {(x["consumer"]["id"], x["material"]["id"]): [a["entity"]["id"] for a in x["alternatives"]]
              for x in s["single_suppliers"]}
    assert single == {("ent/a", "mat/salt"): [], ("ent/b", "mat/acid"): ["ent/e"], ("ent/c", "mat/base"): [],
                      ("ent/d", "mat/ore"): []}
    assert [(b["node"]["id"], b["value"]) for b in s["betweenness"]] == [("ent/b", pytest.approx(1 / 3)),
                                                                           ("ent/c", pytest.approx(1 / 3))]
    p = r["park"]
    assert [(d["node"]["id"], d["count"]) for d in p["dominators"]] == [("park/pb", 1)]


def test_risk_songmu(kg) -> None:
    r = R.risk(kg)
    s = r["supply"]
    assert [c["node"]["label"] for c in s["cut_points"]] == ["恒光"]
    assert [(d["node"]["label"], d["count"]) for d in s["dominators"]] == [("建滔", 3), ("恒光", 2)]
    singles = {(x["consumer"]["label"], x["material"]["label"], x["supplier"]["label"]) for x in s["single_suppliers"]}
    assert ("电科", "硫酸", "恒光") in singles and ("恒光", "聚合氯化铝", "建衡") in singles
    assert s["betweenness"][0]["node"]["label"] == "恒光" and s["betweenness"][0]["value"] == pytest.approx(0.5)
    assert [(d["node"]["label"], [x["label"] for x in d["dominated"]]) for d in r["park"]["dominators"]] == [
        ("常宁水口山经开区", ["松木经开区"])]
