"""Projections SPARQL -> networkx: attributes, statuses, aggregation, literals, unknown names."""

from __future__ import annotations

import pytest

from hykg.errors import AmbiguousName, UnknownEntity
from hykg.query import projections as project


def test_supply_network_hand_built(akg) -> None:
    g = project.supply_network(akg)
    assert sorted(g.nodes) == ["ent/a", "ent/b", "ent/c", "ent/d"]
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == [
        ("ent/a", "ent/b", "flow/a-b-acid"), ("ent/b", "ent/a", "flow/b-a-salt"),
        ("ent/b", "ent/c", "flow/b-c-base"), ("ent/c", "ent/d", "flow/c-d-ore")]
    e = g.edges["ent/a", "ent/b", "flow/a-b-acid"]
    assert e["material"] == "mat/acid" and e["material_label"] == "酸" and e["material_label_en"] == "acid"
    assert e["status"] == "documented" and e["kind"] == "hykg:MaterialFlow"
    assert e["sources"] == [{"doc": "a1", "quote": "甲园区的甲公司向乙公司供应酸"}]
    ed = g.edges["ent/c", "ent/d", "flow/c-d-ore"]
    assert ed["status"] == "editorial" and ed["sources"] == [] and ed["rationale"] == ["test: an editorial flow"]
    assert g.nodes["ent/a"] == {"label": "甲公司", "label_en": "Firm A", "type": "Enterprise",
                                "parks": ["park/pa"], "chains": []}
    assert g.nodes["ent/d"]["parks"] == ["park/pc"]


def test_supply_network_all_firms_adds_isolated(akg) -> None:
    g = project.supply_network(akg, all_firms=True)
    assert "ent/e" in g and g.degree("ent/e") == 0


def test_park_network_stated_and_aggregated(akg) -> None:
    g = project.park_network(akg)
    stated = g.edges["park/pb", "park/pa", "pflow/pb-pa-ore"]
    assert stated["aggregated"] is False and stated["status"] == "documented"
    assert stated["quantity"] == 5.0 and stated["unit"] == "万吨"
    agg = g.edges["park/pa", "park/pb", "agg/park/pa->park/pb"]
    assert agg["aggregated"] is True and agg["count"] == 1 and agg["flows"] == ["flow/b-c-base"]
    # the flow is documented but 乙公司's park is editorial: the aggregate is as weak as its weakest part
    assert agg["status"] == "editorial"
    assert g.edges["park/pb", "park/pc", "agg/park/pb->park/pc"]["status"] == "editorial"
    # a flow inside one park (甲 <-> 乙, both in 甲园区) is not a park-to-park edge
    assert not g.has_edge("park/pa", "park/pa")
    assert g.nodes["park/pc"] == {"label": "丙园区", "label_en": "Park C", "type": "Park"}


def test_membership_graph(akg) -> None:
    g = project.membership_graph(akg)
    assert g.edges["ent/a", "park/pa"]["property"] == "hykg:inPark"
    assert g.edges["ent/b", "park/pa"]["status"] == "editorial"
    assert g.edges["park/pc", "park/pa"]["property"] == "dcterms:isPartOf"
    assert g.edges["seg/up", "chain/k"]["property"] == "hykg:segmentOf"
    assert g.edges["chain/k", "scheme/s"]["property"] == "skos:inScheme"
    assert g.nodes["seg/up"]["type"] == "ChainSegment"
    # products, flows and literals are not members
    assert not any(n.startswith(("mat/", "flow/")) for n in g.nodes)


def test_ego_graph_depths_and_no_literals(akg) -> None:
    g1 = project.ego_graph(akg, "乙公司")
    assert g1.graph["center"] == "ent/b" and g1.nodes["ent/b"]["depth"] == 0
    assert g1.has_edge("ent/b", "mat/salt", key="hykg:makes")
    assert g1.has_edge("flow/a-b-acid", "ent/b", key="hykg:consumer")
    assert g1.edges["ent/b", "park/pa", "hykg:inPark"]["status"] == "editorial"
    assert "ent/a" not in g1  # 甲 is two steps away (through the flow node)
    g2 = project.ego_graph(akg, "乙公司", depth=2)
    assert g2.nodes["ent/a"]["depth"] == 2
    values = {str(v) for _, v in g2.nodes(data="label")}
    assert all(n.startswith(("ent/", "park/", "mat/", "flow/", "pflow/", "seg/", "chain/", "scheme/")) for n in g2.nodes)
    assert "万吨" not in set(g2.nodes) and "万吨" not in values


def test_unknown_and_ambiguous_names(akg) -> None:
    with pytest.raises(UnknownEntity):
        project.ego_graph(akg, "不存在的公司")
    with pytest.raises(AmbiguousName):
        project.ego_graph(akg, "公司")


def test_projection_queries_are_documented_selects() -> None:
    for q in (project.SUPPLY_QUERY, project.PARK_FLOW_QUERY, project.MEMBERSHIP_QUERY, project.FIRM_CONTEXT_QUERY):
        assert q.lstrip().startswith("SELECT")
    assert "supply_network(kg) -> nx.MultiDiGraph" in (project.__doc__ or "")


def test_songmu_projections(kg) -> None:
    g = project.supply_network(kg)
    assert {("ent/hengguang", "ent/jianheng"), ("ent/jianheng", "ent/hengguang")} <= set(g.edges())
    assert {d["status"] for _, _, d in g.edges(data=True)} == {"documented"}
    assert all(d["sources"] for _, _, d in g.edges(data=True))
    parks = project.park_network(kg)
    assert {d["material_label"] for _, _, d in parks.edges(data=True) if not d["aggregated"]} == {"金", "铜", "铅"}
    ego = project.ego_graph(kg, "恒光")
    assert ego.has_edge("ent/hengguang", "park/songmu", key="hykg:inPark")
