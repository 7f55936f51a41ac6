"""End to end on the real data: the 松木 circular economy of document 000 (who feeds whom)."""

from __future__ import annotations

from collections import defaultdict

DOC000 = "000_77e32e1598185cb9"


def _by_party(answer: dict, party: str) -> dict[str, set[str]]:
    got: dict[str, set[str]] = defaultdict(set)
    for f in answer["flows"]:
        got[f[party]["label"]].add(f["material"]["label"])
    return dict(got)


def test_hengguang_is_fed_by_kingboard_and_jianheng(kg) -> None:
    answer = kg.fed_by("恒光")
    assert answer["entity"]["id"] == "ent/hengguang"
    assert _by_party(answer, "supplier") == {"建滔": {"盐酸", "烧碱", "双氧水"}, "建衡": {"聚合氯化铝"}}
    for f in answer["flows"]:
        assert f["status"] == "documented"
        assert f["kind"] == "hykg:MaterialFlow"
        assert f["sources"] and all(s["doc"] == DOC000 for s in f["sources"])


def test_hengguang_sulfuric_acid_feeds_jianheng_and_dianke(kg) -> None:
    assert _by_party(kg.feeds("恒光"), "consumer") == {"建衡": {"硫酸"}, "电科": {"硫酸"}}


def test_loop_between_hengguang_and_jianheng_is_followed_once(kg) -> None:
    answer = kg.feeds("恒光", depth=5)
    flows = [(f["supplier"]["id"], f["consumer"]["id"], f["material"]["id"]) for f in answer["flows"]]
    assert ("ent/jianheng", "ent/hengguang", "mat/polyaluminium-chloride") in flows
    assert len(flows) == len(set(flows))
    assert {f["depth"] for f in answer["flows"]} == {1, 2}


def test_depth_two_upstream_reaches_the_loop(kg) -> None:
    one = kg.fed_by("建衡")
    two = kg.fed_by("建衡", depth=2)
    assert _by_party(one, "supplier") == {"恒光": {"硫酸"}}
    deeper = {(f["supplier"]["label"], f["material"]["label"]) for f in two["flows"] if f["depth"] == 2}
    # 建衡 -> 恒光 closes the loop: it is reported once, at depth 2
    assert deeper == {("建滔", "盐酸"), ("建滔", "烧碱"), ("建滔", "双氧水"), ("建衡", "聚合氯化铝")}


def test_songmu_draws_gold_copper_lead_from_shuikoushan(kg) -> None:
    answer = kg.fed_by("松木经开区")
    assert _by_party(answer, "supplier") == {"常宁水口山经开区": {"金", "铜", "铅"}}
    assert all(f["kind"] == "hykg:ParkResourceFlow" for f in answer["flows"])


def test_songmu_profile(kg) -> None:
    p = kg.park("松木经开区")
    firms = {e["label"] for e in p["hosts"]["Enterprise"]}
    assert {"恒光", "建滔", "建衡", "电科"} <= firms
    assert p["kind"] == "econ_dev_zone"
    assert "国家循环化改造示范园区" in {r["label"] for r in p["recognitions"]}
    assert len(p["internal_flows"]) == 6
    assert {f["material"]["label"] for f in p["park_flows_in"]} == {"金", "铜", "铅"}
