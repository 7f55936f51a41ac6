"""Linking Hengyang enterprises to listed companies: the curated links file, name-matching candidates,
listed-company cards and candidate companies for a chain (on the tiny ChainKG fixture)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from hykg.datasets.chainkg.links import default_links_path, read_links
from hykg.datasets.chainkg.matching import candidates, name_score
from hykg.datasets.chainkg.questions import candidates_for_chain, curated_links, listed_company
from hykg.errors import AmbiguousName, DataError, UnknownEntity
from hykg.query.kg import KnowledgeGraph, load

TINY = Path(__file__).parent / "data" / "chainkg"


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory, built_graph: Path) -> KnowledgeGraph:
    from hykg.datasets.chainkg.importer import import_chainkg

    folder = tmp_path_factory.mktemp("linking")
    shutil.copy(built_graph, folder / "hykg.nq.gz")
    import_chainkg(TINY, folder / "chainkg.nq.gz", folder / "hykg.nq.gz", TINY / "links.yaml")
    return load(folder / "hykg.nq.gz")


# ---------------------------------------------------------------------- the links file
def test_bundled_links_file_parses() -> None:
    links = read_links(default_links_path())
    by_entity = {c.entity: c for c in links.companies}
    assert (by_entity["ent/tbea"].code, by_entity["ent/tbea"].relation) == ("600089", "self")
    assert (by_entity["ent/henggang"].code, by_entity["ent/henggang"].relation) == ("000932", "parent")
    assert all(c.rationale for c in links.companies) and all(m.rationale for m in links.chains)
    assert {m.chain for m in links.chains} >= {"chain/energy-power-equipment", "chain/chem-new-materials"}


def test_links_file_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "links.yaml"
    bad.write_text(
        "companies:\n"
        "  - entity: ent/tbea\n    code: 600089\n    name: 特变电工\n    relation: self\n    rationale: x\n"
        "  - entity: ent/tbea\n    code: \"600089\"\n    name: 特变电工\n    relation: cousin\n    status: documented\n"
        "    rationale: x\n"
        "chains:\n"
        "  - chain: chain/auto\n    rationale: y\n",
        encoding="utf-8")
    with pytest.raises(DataError) as err:
        read_links(bad)
    assert err.value.problems == [
        f"{bad}:2: code must be quoted text (\"600089\"), not a number",
        f"{bad}:7: status must be editorial (a curator's link with a rationale), not 'documented'",
        f"{bad}:7: relation must be self or parent, not 'cousin'",
        f"{bad}:14: list the chain's industries",
    ]


def test_links_checked_against_dataset_and_graph(tmp_path: Path, built_graph: Path) -> None:
    from hykg.datasets.chainkg.importer import import_chainkg

    shutil.copy(built_graph, tmp_path / "hykg.nq.gz")
    bad = tmp_path / "links.yaml"
    bad.write_text(
        "companies:\n"
        "  - {entity: ent/tbea, code: \"600089\", name: 长高集团, relation: self, rationale: x}\n"
        "  - {entity: park/songmu, code: \"002452\", name: 长高集团, relation: self, rationale: x}\n"
        "  - {entity: ent/tbea, code: \"999999\", name: 无, relation: self, rationale: x}\n"
        "chains:\n"
        "  - {chain: ent/tbea, rationale: y, industries: [{code: \"630800\", name: 电网设备}]}\n"
        "  - {chain: chain/auto, rationale: y, industries: [{code: \"630800\", name: 汽车}]}\n",
        encoding="utf-8")
    with pytest.raises(DataError) as err:
        import_chainkg(TINY, tmp_path / "c.nq.gz", tmp_path / "hykg.nq.gz", bad)
    assert err.value.problems == [
        f"{bad}:2: code 600089 is 特变电工 in the dataset, not 长高集团",
        f"{bad}:3: park/songmu is not an enterprise of the built graph",
        f"{bad}:4: code 999999 is not a company of the dataset",
        f"{bad}:6: ent/tbea is not a chain of the built graph",
        f"{bad}:7: industry 630800 is '电网设备' in the dataset, not '汽车'",
    ]
    assert not (tmp_path / "c.nq.gz").exists()


# ---------------------------------------------------------------------- candidates
def test_name_score() -> None:
    assert name_score("湖南机油泵", "湖南机油泵股份有限公司") == (1.0, "same name")
    assert name_score("美的", "美的集团") == (1.0, "same name")
    assert name_score("衡阳特变", "特变") == (0.95, "same name, leaving out place names")
    assert name_score("恒光", "特变电工")[0] == 0.0


def test_candidates_by_name(kg: KnowledgeGraph) -> None:
    rows = candidates(kg, "湖南机油泵")
    assert [(r["listed"]["code"], r["score"], r["reason"], r["linked"]) for r in rows] == [
        ("603319", 1.0, "same name", True)]
    assert rows[0]["matched"] == ["湖南机油泵", "湖南机油泵股份有限公司"]
    assert rows[0]["listed"]["industry"] == {"id": "industry/sw-280203", "label": "底盘与发动机系统"}
    everyone = candidates(kg)
    pairs = {(r["entity"]["id"], r["listed"]["code"]): r for r in everyone}
    assert pairs[("ent/tbea", "600089")]["linked"] is True
    assert pairs[("ent/hengdong-oil-pump", "603319")]["linked"] is False  # proposed, not curated
    assert pairs[("ent/hengdong-oil-pump", "603319")]["reason"] == "one name contains the other, leaving out place names"
    assert all(r["score"] >= 0.7 for r in everyone)
    assert candidates(kg, "恒光") == []


def test_curated_links_and_listed_card(kg: KnowledgeGraph) -> None:
    links = curated_links(kg)
    assert [(r["entity"]["id"], r["relation"], r["listed"]["code"], r["industry"]["label"], r["status"]) for r in links] == [
        ("ent/hunan-oil-pump", "self", "603319", "底盘与发动机系统", "editorial"),
        ("ent/tbea", "self", "600089", "输变电设备", "editorial")]
    card = listed_company(kg, "600089")
    assert card["exchange"] == "上海证券交易所" and card["listing_date"] == "1997-06-18"
    assert [b["code"] for b in card["industry"]["broader"]] == ["630000", "630800"]
    assert card["upstream"] == [{"id": "industry/sw-630803", "label": "电网自动化设备", "weight": 3},
                                {"id": "industry/sw-280203", "label": "底盘与发动机系统", "weight": 1}]
    assert card["linked_from"][0]["id"] == "ent/tbea" and card["linked_from"][0]["rationale"] == ["test: TBEA's listed company"]
    assert listed_company(kg, "特变电工股份有限公司")["id"] == "listed/600089"
    with pytest.raises(AmbiguousName, match="奥赛康"):
        listed_company(kg, "奥赛康")
    with pytest.raises(UnknownEntity):
        listed_company(kg, "999999")


def test_candidates_for_chain(kg: KnowledgeGraph) -> None:
    answer = candidates_for_chain(kg, "新型能源及电力装备")
    assert [(i["id"], i["basis"], i["companies"], i["left_out"]) for i in answer["industries"]] == [
        ("industry/sw-630800", "curated", 7, {"linked": 1, "delisted": 1, "already proposed": 0})]
    assert answer["industries"][0]["reasons"] == ["curated for the chain: test: power-grid equipment"]
    got = [(c["company"]["code"], c["industry"]["label"], c["hunan"], c["st"]) for c in answer["candidates"]]
    assert got == [("002452", "输变电设备", True, False),  # full name starts with 湖南: first
                   ("000400", "电网自动化设备", False, False),
                   ("600690", "输变电设备", False, False),
                   ("600877", "输变电设备", False, True),
                   ("688981", "电网自动化设备", False, False)]
    assert answer["candidates"][0]["reason"] == "in 输变电设备, under 电网设备: a curated industry of 新型能源及电力装备"
    up = candidates_for_chain(kg, "新型能源及电力装备", upstream=1)
    assert [(i["id"], i["basis"]) for i in up["industries"]][1] == ("industry/sw-280203", "upstream")
    assert up["industries"][1]["reasons"] == ["upstream of 输变电设备 in ChainKG (total weight 1)"]
    assert all(c["company"]["code"] != "603319" for c in up["candidates"])  # linked to 湖南机油泵: left out
    only = candidates_for_chain(kg, "汽车", industries=["630800"])
    assert only["industries"] == [] and only["candidates"] == []


def test_cli_link_and_prospects(kg: KnowledgeGraph, runner: Any, built_graph: Path) -> None:
    from hykg.cli import main

    obj = {"kg": kg}
    r = runner.invoke(main, ["link", "candidates", "衡东机油泵"], obj=obj)
    assert r.exit_code == 0, r.output
    assert "ent/hengdong-oil-pump" in r.output and "湘油泵" in r.output and "0.74" in r.output
    csv = runner.invoke(main, ["link", "list", "--format", "csv"], obj=obj)
    assert csv.output.splitlines()[0] == "entity,name,relation,listed,code,industry,status,rationale"
    assert "ent/tbea,特变电工,self,特变电工,600089,输变电设备,editorial,test: TBEA's listed company" in csv.output
    p = runner.invoke(main, ["prospects", "chain/energy-power-equipment"], obj=obj)
    assert "电网设备 (industry/sw-630800, curated): 7 companies, 5 proposed; left out: linked 1, delisted 1" in p.output
    assert "长高集团" in p.output and "退市博元" not in p.output
    missing = runner.invoke(main, ["--graph", str(built_graph), "listed", "600089"])
    assert missing.exit_code == 1 and "Error: no entity named '600089'" in missing.output
    j = runner.invoke(main, ["prospects", "新型能源及电力装备", "--per-industry", "1", "--format", "json"], obj=obj)
    assert [c["company"]["code"] for c in json.loads(j.output)["candidates"]] == ["002452"]


def test_listed_card_relations_cite_the_dataset(kg: KnowledgeGraph) -> None:
    card = kg.show("listed/600089")
    rels = {(r["direction"], r["property"]): r for r in card["relations"]}
    industry = rels[("out", "hykg:inIndustry")]
    assert industry["other"]["id"] == "industry/sw-630801"
    assert (industry["status"], industry["sources"]) == ("dataset", [{"doc": "chainkg", "quote": ""}])
    assert rels[("out", "hykg:listedCode")]["status"] == "dataset"
    # the curated link into it keeps its own provenance
    assert rels[("in", "hykg:listedAs")]["status"] == "editorial"


def test_stats_count_dataset_records_apart_from_statements(kg: KnowledgeGraph, built_graph: Path) -> None:
    s = kg.stats()
    companies = int(kg.select("SELECT (COUNT(?c) AS ?n) WHERE { ?c a hykg:ListedCompany }")[0]["n"])
    assert s["entities_by_dataset"]["chainkg"] >= companies > 0
    assert "chainkg" not in s["statements_by_document"]
    alone = load(built_graph).stats()
    assert alone["entities_by_dataset"] == {}
    assert alone["statements_by_document"] == {d: n for d, n in s["statements_by_document"].items() if d in alone["statements_by_document"]}


def test_cli_analyze_chain_with_prospects(kg: KnowledgeGraph, runner: Any) -> None:
    from hykg.cli import main

    obj = {"kg": kg}
    j = runner.invoke(main, ["analyze", "chain", "新型能源及电力装备", "--prospects", "2", "--format", "json"], obj=obj)
    assert j.exit_code == 0, j.output
    answer = json.loads(j.output)
    assert answer["chain"]["id"] == "chain/energy-power-equipment" and "segments" in answer
    assert [c["company"]["code"] for c in answer["prospects"]["candidates"]] == ["002452", "000400"]
    text = runner.invoke(main, ["analyze", "chain", "新型能源及电力装备", "--prospects", "1"], obj=obj)
    assert "candidate listed companies" in text.output and "长高集团" in text.output
    plain = runner.invoke(main, ["analyze", "chain", "新型能源及电力装备", "--format", "json"], obj=obj)
    assert "prospects" not in json.loads(plain.output)
