"""Chain structure: segments, firms / parks / projects at each, gaps, local supporting rate."""

from __future__ import annotations

import pytest

from hykg.analysis.structure import chain_structure, supporting_rate
from hykg.errors import UnknownEntity


def test_supporting_rate_pure() -> None:
    r = supporting_rate({"salt", "acid"}, {"salt": {"acid", "brine"}}, {"acid": {"A"}, "brine": set()})
    assert (r["inputs"], r["local"], r["rate"]) == (["acid", "brine"], ["acid"], 0.5)
    assert supporting_rate({"x"}, {}, {})["rate"] is None


def test_chain_structure_hand_built(akg) -> None:
    r = chain_structure(akg, "测试链")
    segs = [(s["segment"]["id"], s["position"], [f["entity"]["id"] for f in s["firms"]], s["gap"]) for s in r["segments"]]
    assert segs == [("seg/up", "upstream", ["ent/a", "ent/e"], False), ("seg/mid", "midstream", ["ent/b"], False),
                    ("seg/down", "downstream", [], True)]
    assert [g["id"] for g in r["gaps"]] == ["seg/down"]
    up = r["segments"][0]
    # 甲 makes 酸 (documented) but 酸 sits upstream only editorially: the placement is editorial
    assert up["firms"][0]["status"] == "editorial" and up["firms"][0]["via"][0]["how"] == "makes"
    assert [p["entity"]["id"] for p in up["parks"]] == ["park/pa"]
    assert up["status"] == "editorial" and up["rationale"] == ["test segment"]
    sup = r["supporting"]
    assert (sup["local"], sup["total"], sup["rate"]) == (1, 2, 0.5)
    acid = sup["inputs"][0]
    assert acid["product"]["id"] == "mat/acid" and [p["entity"]["id"] for p in acid["local_producers"]] == ["ent/a", "ent/e"]


def test_chain_structure_park_scope(akg) -> None:
    r = chain_structure(akg, "测试链", park="乙园区")
    assert r["scope"]["id"] == "park/pb"
    assert all(s["gap"] for s in r["segments"])  # 丙公司 makes nothing of the chain
    assert r["supporting"]["rate"] == 0.0
    with pytest.raises(UnknownEntity):
        chain_structure(akg, "没有这条链")


def test_chain_structure_songmu_chemicals(kg) -> None:
    r = chain_structure(kg, "化工新材料")
    by = {s["segment"]["label"]: s for s in r["segments"]}
    assert [s["position"] for s in r["segments"]] == ["upstream", "midstream", "downstream"]
    assert {f["entity"]["label"] for f in by["基础化学品"]["firms"]} == {"建滔", "恒光"}
    assert {f["entity"]["label"] for f in by["精细化学品"]["firms"]} == {"建衡", "建衡实业"}
    assert by["化工原料"]["gap"] and [g["label"] for g in r["gaps"]] == ["化工原料"]
    assert {p["entity"]["label"] for p in by["基础化学品"]["parks"]} == {"松木经开区"}
    assert all(s["status"] == "editorial" for s in r["segments"])  # the sources do not name segments
    sup = r["supporting"]
    assert (sup["local"], sup["total"]) == (2, 5)
    local = {i["product"]["label"]: [p["entity"]["label"] for p in i["local_producers"]] for i in sup["inputs"]}
    assert local["硫酸"] == ["恒光"] and local["盐酸"] == ["建滔"] and local["盐卤"] == []


def test_chain_structure_same_chain_other_scheme(kg) -> None:
    a = chain_structure(kg, "chain/chem-new-materials")
    b = chain_structure(kg, "chain/l4-chem-new-materials")  # the 2024 list's 化工新材料: skos:exactMatch
    assert [s["segment"]["id"] for s in a["segments"]] == [s["segment"]["id"] for s in b["segments"]]
