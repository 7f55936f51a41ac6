"""One chain membership for every view (issue 13, points 1, 2 and 5): members with their basis, segments and gaps
for the 14 chains of 2021, a supporting rate that agrees with the gaps, and open lists (等 / 如)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from hykg.query.chains import BASES, KINDS, member_ids

from .test_chains import CHAINS_2021


@pytest.fixture(scope="module")
def members(kg) -> dict[str, dict]:
    return {name: kg.chain_members(name) for name in sorted(CHAINS_2021)}


def explorer_pages(built_graph: Path, kg, paths: list[str]) -> dict[str, httpx.Response]:
    """The explorer's pages at ``paths``, served in process (ASGI): the pages need no query workers."""
    import asyncio

    from hykg.server.app import ServerConfig, create_app

    app = create_app(ServerConfig(graph=str(built_graph)), kg)

    async def get() -> dict[str, httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as c:
            return {p: await c.get(p) for p in paths}

    return asyncio.run(get())


def test_every_view_lists_the_same_members(built_graph: Path, kg, cli, members) -> None:
    from hykg.present.report import chain_report
    from hykg.present.viz import chain_graph

    pages = explorer_pages(built_graph, kg, ["/chain/" + m["chain"]["id"] for m in members.values()])
    for name, m in members.items():
        expected = member_ids(m)
        assert expected, name
        shown = json.loads(cli("chain", name, "--format", "json").output)
        assert member_ids(shown["membership"]) == expected, name
        grouped = {i["id"] for kind, items in shown["members"].items() if kind != "ChainSegment" for i in items}
        assert grouped == expected, name
        assert {x["id"] for x in chain_report(kg, name)["members"]} == expected, name
        g = chain_graph(kg, name)
        assert {n for n, a in g.nodes(data=True) if "member_basis" in a} == expected, name
        page = pages["/chain/" + m["chain"]["id"]]
        assert page.status_code == 200
        on_page = set(re.findall(r'data-member="([^"]+)"', page.text))
        assert expected <= on_page, name
        assert on_page - expected <= {s["id"] for s in m["segments"]}, name


def test_each_chain_of_2021_has_firms_segments_and_gaps_or_says_not_stated(members) -> None:
    for name, m in members.items():
        assert m["firms"], name
        positions = [s["position"] for s in m["segments"]]
        assert {"upstream", "midstream", "downstream"} <= set(positions), name
        assert all(s["rationale"] or s["sources"] for s in m["segments"]), name
        assert m["gaps"] == [{k: s[k] for k in ("id", "label", "label_en")} for s in m["segments"] if not s["firms"]], name
        assert m["not_stated"] == [k for k in KINDS if not m[k]], name


def test_the_firms_the_issue_names(members) -> None:
    def firms(name: str) -> set[str]:
        return {f["label"] for f in members[name]["firms"]}

    assert "衡钢" in firms("钢管及深加工")
    assert {"特变电工", "金杯电工", "恒飞电缆"} <= firms("新型能源及电力装备")
    assert {"衡钢鸿华", "特变电工物流"} <= firms("现代物流")
    logistics = members["现代物流"]
    assert logistics["targets"] and all(t["basis"] == "via_container" for t in logistics["targets"])
    assert {t["via"] for t in logistics["targets"]} == {"base/logistics"}


def test_each_member_has_its_basis_and_the_path_it_comes_by(members) -> None:
    for name, m in members.items():
        for kind in KINDS:
            for i in m[kind]:
                assert i["basis"] in BASES and i["bases"][0]["basis"] == i["basis"], (name, i["id"])
                assert (i["via"] is None) == (i["basis"] == "documented" or (i["basis"] == "editorial"
                                                                             and not i["via"])), (name, i["id"])
                if i["basis"] == "via_container":
                    assert i["via"] in {c["id"] for c in m["containers"]}
    tube = members["钢管及深加工"]
    base = next(c for c in tube["containers"] if c["id"] == "base/south-seamless-pipe")
    assert base["status"] == "editorial" and "钢管及深加工" in base["rationale"][0]
    assert " / the industry of " in base["rationale"][0]  # zh / en


def test_matching_chains_are_a_basis_not_a_second_answer(kg, members) -> None:
    auto = members["汽车"]
    assert any(b["basis"] == "via_match" and b["via"] == "chain/l4-auto-rail" for f in auto["firms"] for b in f["bases"])
    assert len(auto["firms"]) == len(member_ids(auto, ("firms",)))  # each firm once, with all its bases


def test_basis_documented_keeps_what_a_document_states(kg, cli) -> None:
    for name in sorted(CHAINS_2021):
        documented = kg.chain_members(name, basis="documented")
        for kind in KINDS:
            assert all(i["basis"] == "documented" and i["status"] == "documented" and i["sources"]
                       for i in documented[kind]), (name, kind)
    full, doc = kg.chain_members("汽车"), kg.chain_members("汽车", basis="documented")
    assert member_ids(doc) < member_ids(full)
    shown = json.loads(cli("chain", "汽车", "--basis", "documented", "--format", "json").output)
    assert member_ids(shown["membership"]) == member_ids(doc)


def test_supporting_rate_never_contradicts_the_gaps(kg) -> None:
    from hykg.analysis.structure import chain_structure

    for name in sorted(CHAINS_2021):
        r = chain_structure(kg, name)
        if r["segments"] and all(s["gap"] for s in r["segments"]):
            assert r["supporting"]["local"] == 0, name
        for i in r["supporting"]["inputs"]:
            assert all(p["entity"]["id"].startswith("ent/") for p in i["local_producers"]), name
    nonferrous = chain_structure(kg, "有色金属及新型合金")
    assert all(s["gap"] for s in nonferrous["segments"])
    assert nonferrous["supporting"]["rate"] == 0.0
    copper = next(i for i in nonferrous["supporting"]["inputs"] if i["product"]["label"] == "铜")
    assert not copper["local_producers"]


def test_open_list_on_the_deng_case(kg) -> None:
    rows = kg.select("""SELECT ?w ?q WHERE { ?st rdf:subject flow:hengguang-dianke-h2so4 ; hykg:openList ?w ;
        hykg:quote ?q }""")
    assert {r["w"] for r in rows} == {"等"}
    assert any("为建衡、电科等园区企业提供原材料" in r["q"] for r in rows)
    closed = kg.select("""SELECT ?st WHERE { ?st rdf:subject flow:kingboard-hengguang-hcl ; hykg:openList ?w }""")
    assert closed == []


def test_risk_says_as_far_as_the_sources_list(kg, cli) -> None:
    from hykg.analysis.risk import risk

    r = risk(kg)
    dianke = next(s for s in r["supply"]["single_suppliers"] if s["consumer"]["label"] == "电科")
    assert dianke["open_list"] is True and dianke["supplier"]["label"] == "恒光"
    out = cli("analyze", "risk").output
    assert "硫酸 就来源所列仅来自 恒光" in out
    assert "硫酸 only from 恒光" not in out
    assert "as far as the sources list, only from Hengguang" in cli("analyze", "risk", "--lang", "en").output
