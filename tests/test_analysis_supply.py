"""Closure, material paths and the inferred could-supply links, on the hand-built network and on 松木."""

from __future__ import annotations

import networkx as nx
import pytest

from hykg.analysis import supply as S
from hykg.errors import AmbiguousName, HykgError, UnknownEntity


def test_closure_pure() -> None:
    g = nx.MultiDiGraph([("ore", "smelter"), ("smelter", "foil"), ("foil", "laminate"), ("acid", "foil"), ("foil", "smelter")])
    assert S.closure(g, "laminate") == {"foil": 1, "acid": 2, "smelter": 2, "ore": 3}
    assert S.closure(g, "laminate", depth=1) == {"foil": 1}
    assert S.closure(g, "ore", "downstream") == {"smelter": 1, "foil": 2, "laminate": 3}
    with pytest.raises(HykgError):
        S.closure(g, "ore", "sideways")
    with pytest.raises(HykgError):
        S.closure(g, "ore", depth=0)


def test_material_paths_pure() -> None:
    g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "a"), ("c", "d")])
    assert S.material_paths(g, "a", "d") == [["a", "c", "d"], ["a", "b", "c", "d"]]
    assert S.material_paths(g, "a", "d", max_length=2) == [["a", "c", "d"]]
    assert S.material_paths(g, "a", "d", limit=1) == [["a", "c", "d"]]
    assert S.material_paths(g, "d", "a") == []


def test_infer_could_supply_rules_and_exclusions() -> None:
    makes = [{"s": "A", "o": "acid", "status": "documented"}, {"s": "B", "o": "salt", "status": "documented"},
             {"s": "C", "o": "acid", "status": "editorial"}]
    uses = [{"s": "B", "o": "acid", "status": "documented"}, {"s": "A", "o": "acid", "status": "documented"}]
    inputs = [{"s": "salt", "o": "acid", "status": "editorial"}]
    links = S.infer_could_supply(makes, uses, inputs, known={("A", "B", "acid")})
    got = {(x["supplier"], x["consumer"], x["material"]): (x["rule"], x["basis"], len(x["explanations"])) for x in links}
    # A -> B is a stated flow (left out); A -> A is a self-link (left out); C -> A and C -> B are inferred
    assert got == {("C", "A", "acid"): ("makes_uses", "editorial", 1),
                   ("C", "B", "acid"): ("makes_uses", "editorial", 2)}
    assert all(x["status"] == "inferred" for x in links)
    facts = links[1]["explanations"][1]["facts"]
    assert [f["property"] for f in facts] == ["hykg:makes", "hykg:makes", "hykg:hasInput"]


def test_closure_and_paths_hand_built(akg) -> None:
    up = S.closure_report(akg, "丁公司", "upstream")
    assert [(m["entity"]["id"], m["distance"]) for m in up["members"]] == [("ent/c", 1), ("ent/b", 2), ("ent/a", 3)]
    assert [v["id"] for v in up["members"][1]["via"]] == ["ent/c"]
    down = S.closure_report(akg, "甲公司", "downstream", depth=2)
    assert [m["entity"]["id"] for m in down["members"]] == ["ent/b", "ent/c"]
    assert S.closure_report(akg, "戊公司", "downstream")["members"] == []
    parks = S.closure_report(akg, "乙园区", "downstream")
    assert (parks["kind"], [m["entity"]["id"] for m in parks["members"]]) == ("park", ["park/pa", "park/pc"])
    p = S.paths(akg, "甲公司", "丁公司")
    assert [[n["id"] for n in x["nodes"]] for x in p["paths"]] == [["ent/a", "ent/b", "ent/c", "ent/d"]]
    last = p["paths"][0]["steps"][-1]["flows"][0]
    assert (last["flow"], last["material"]["id"], last["status"]) == ("flow/c-d-ore", "mat/ore", "editorial")


def test_paths_with_inferred_links(akg) -> None:
    assert S.paths(akg, "戊公司", "丙公司")["paths"] == []
    p = S.paths(akg, "戊公司", "丙公司", inferred=True)
    first = p["paths"][0]
    assert [n["id"] for n in first["nodes"]] == ["ent/e", "ent/c"]
    step = first["steps"][0]["flows"][0]
    assert (step["status"], step["basis"], step["sources"], step["rationale"]) == ("inferred", "documented", [], [])
    assert step["explanation"] == ["戊公司 生产 酸; 丙公司 使用 酸"]


def test_paths_errors(akg) -> None:
    with pytest.raises(HykgError, match="two firms or two parks"):
        S.paths(akg, "甲公司", "乙园区")
    with pytest.raises(UnknownEntity):
        S.paths(akg, "甲公司", "无名公司")
    with pytest.raises(AmbiguousName):
        S.closure_report(akg, "园区")


def test_could_supply_hand_built(akg) -> None:
    r = S.could_supply(akg)
    got = [(x["supplier"]["id"], x["consumer"]["id"], x["material"]["id"], x["basis"]) for x in r["links"]]
    assert got == [("ent/a", "ent/c", "mat/acid", "documented"), ("ent/e", "ent/b", "mat/acid", "documented"),
                   ("ent/e", "ent/c", "mat/acid", "documented")]
    assert all(x["status"] == "inferred" for x in r["links"])
    eb = r["links"][1]
    assert [e["text"] for e in eb["explanations"]] == ["戊公司 生产 酸; 乙公司 使用 酸", "戊公司 生产 酸; 乙公司 生产 盐; 盐 投入品 酸"]
    assert eb["explanations"][1]["basis"] == "editorial"
    assert [x["consumer"]["id"] for x in S.could_supply(akg, "戊公司")["links"]] == ["ent/b", "ent/c"]


def test_could_supply_songmu_never_mixed_with_documented(kg) -> None:
    r = S.could_supply(kg)
    pairs = {(x["supplier"]["label"], x["consumer"]["label"], x["material"]["label"]) for x in r["links"]}
    assert ("恒光", "建衡实业", "硫酸") in pairs and ("建滔", "建衡", "盐酸") in pairs
    assert ("恒光", "电科", "硫酸") not in pairs  # a documented flow, so not inferred
    link = next(x for x in r["links"] if x["consumer"]["label"] == "建衡实业")
    statuses = [f["status"] for f in link["explanations"][0]["facts"]]
    assert statuses == ["documented", "documented", "editorial"] and link["basis"] == "editorial"


def test_songmu_closure_and_path(kg) -> None:
    up = S.closure_report(kg, "电科", "upstream")
    assert [(m["entity"]["label"], m["distance"]) for m in up["members"]] == [("恒光", 1), ("建衡", 2), ("建滔", 2)]
    p = S.paths(kg, "建滔", "电科")
    assert [n["label"] for n in p["paths"][0]["nodes"]] == ["建滔", "恒光", "电科"]
    assert S.closure_report(kg, "松木经开区", "upstream")["members"][0]["entity"]["label"] == "常宁水口山经开区"
