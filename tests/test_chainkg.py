"""`hykg import chainkg`: the listed-company dataset in its own named graph, with provenance; bad lines
reported by file and line, the rest loaded; duplicates handled, never silently merged."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from hykg.datasets.chainkg.importer import GRAPH, import_chainkg
from hykg.datasets.chainkg.links import LINKS_GRAPH
from hykg.errors import DataError
from hykg.query.kg import KnowledgeGraph, load
from hykg.rdf import vocab

from .fixtures import ROOT

TINY = Path(__file__).parent / "data" / "chainkg"
REAL = (ROOT / ".." / "shared" / "datasets" / "chainkg").resolve()


def _folder(tmp: Path, built_graph: Path) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(built_graph, tmp / "hykg.nq.gz")
    return tmp / "hykg.nq.gz"


def _quads(path: Path) -> list[Any]:
    return list(ox.parse(gzip.decompress(path.read_bytes()), format=ox.RdfFormat.N_QUADS))


# ---------------------------------------------------------------------- the tiny fixture dataset
def test_tiny_import_reports_bad_lines_and_loads_the_rest(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path, built_graph)
    r = import_chainkg(TINY, tmp_path / "chainkg.nq.gz", graph, TINY / "links.yaml")
    assert r.problems == [
        "company.json:5: time '深圳证券交易所' is not a date: listing date left out",
        "company.json:9, 10: code 688096 (京源环保) has rows with different listing dates (2010-12-06, 2020-04-09) "
        "and full names: they cannot all be right, so only code and short name are loaded",
        "company.json:11: location '2010-02-11' is not a stock exchange: exchange taken from the code suffix .SZ",
        "company.json:13: code '12345' is not a six-digit stock code: line left out",
        "company.json:14: missing or empty code: line left out",
        "company.json:15: not valid JSON (Expecting value: line 2 column 1 (char 28)): line left out",
        "industry.json:11: code '63080X' is not a six-digit industry code: line left out",
        "industry_industry.json:8: industry code 999999 is not in industry.json: line left out",
        "company_industry.json:10: industry 777777 不存在的行业 is not in industry.json: line left out",
        "industry_up.json:1: upstream industry '其他建材Ⅲ' of 输变电设备 is not in industry.json: link left out",
        "industry_up.json:2: weight 0 of 底盘与发动机系统 <- 输变电设备 is not a positive whole number: link left out",
        "industry_up.json:3: industry '其他能源设备Ⅲ' is not in industry.json: line left out",
        "product.json:5: missing or empty name: line left out",
    ]
    assert "company.json: short name 奥赛康 is used by 2 codes (002755, 300361): kept as separate companies" in r.notes
    assert r.counts == {"industries": 10, "companies": 12, "company rows": 13, "company industries": 9,
                        "upstream links": 2, "product names": 3}
    assert r.links == 6  # 2 company links + their 2 inferred industries + 2 chain mappings


def test_tiny_import_graph_content(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path, built_graph)
    out = tmp_path / "chainkg.nq.gz"
    import_chainkg(TINY, out, graph, TINY / "links.yaml")
    kg = load(graph)
    rows = kg.select("""SELECT ?c ?l WHERE { GRAPH <https://w3id.org/hykg/graph/chainkg> {
                        ?c a hykg:ListedCompany ; rdfs:label ?l FILTER(?l = "奥赛康"@zh) } } ORDER BY ?c""")
    assert [r["c"] for r in rows] == [vocab.iri_of("listed/002755"), vocab.iri_of("listed/300361")]  # not merged
    renamed = kg.select("SELECT ?n WHERE { listed:600690 skos:altLabel ?n } ORDER BY ?n")
    assert [r["n"] for r in renamed] == ["海尔智家股份有限公司", "青岛海尔", "青岛海尔股份有限公司"]
    assert kg.select("SELECT ?d WHERE { listed:600690 hykg:listingDate ?d }") == [{"d": "1993-11-19"}]
    conflict = kg.select("SELECT ?p WHERE { listed:688096 ?p ?o }")
    assert {vocab.id_of(r["p"]) for r in conflict} == {
        vocab.RDF + "type", vocab.RDFS + "label", vocab.ONT + "listedCode", vocab.ONT + "exchange", vocab.PROV + "wasDerivedFrom"}
    assert kg.select("SELECT ?x WHERE { listed:300054 hykg:exchange ?x }") == [{"x": "深圳证券交易所"}]
    assert kg.select("SELECT ?i WHERE { listed:600690 hykg:inIndustry ?i }") == [{"i": vocab.iri_of("industry/sw-630801")}]
    assert kg.select("SELECT ?l WHERE { listed:688981 rdfs:label ?l }") == [{"l": "中芯国际"}]
    assert kg.select("SELECT ?b WHERE { <https://w3id.org/hykg/id/industry/sw-630801> skos:broader ?b }") == [
        {"b": vocab.iri_of("industry/sw-630800")}]
    link = kg.select("""SELECT ?w WHERE { ?k hykg:downstreamIndustry <https://w3id.org/hykg/id/industry/sw-630801> ;
                        hykg:upstreamIndustry <https://w3id.org/hykg/id/industry/sw-630803> ; hykg:weight ?w }""")
    assert link == [{"w": "3"}]
    products = kg.select("SELECT ?l WHERE { ?p a hykg:ProductTerm ; rdfs:label ?l } ORDER BY ?l")
    assert [r["l"] for r in products] == ["变压器", "换行\n与\"引号\"", "机油泵"]
    # provenance: every entity of the dataset graph is derived from the dataset node, a source document
    missing = kg.select("""SELECT ?e WHERE { GRAPH <https://w3id.org/hykg/graph/chainkg> { ?e a ?t
        FILTER(?t IN (hykg:ListedCompany, hykg:Industry, hykg:IndustryLink, hykg:ProductTerm))
        FILTER NOT EXISTS { ?e prov:wasDerivedFrom doc:chainkg } } }""")
    assert missing == []
    assert kg.query("ASK { doc:chainkg a hykg:SourceDocument ; dcterms:source <https://github.com/liuhuanyong/ChainKnowledgeGraph> }")
    graphs = {q.graph_name.value for q in _quads(out)}
    assert graphs == {GRAPH, LINKS_GRAPH}


def test_import_is_deterministic_and_atomic(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path, built_graph)
    a, b = tmp_path / "a.nq.gz", tmp_path / "b.nq.gz"
    import_chainkg(TINY, a, graph, TINY / "links.yaml")
    import_chainkg(TINY, b, graph, TINY / "links.yaml")
    assert a.read_bytes() == b.read_bytes()
    lines = gzip.decompress(a.read_bytes()).decode("utf-8").splitlines()
    assert lines == sorted(lines)
    bad_links = tmp_path / "bad.yaml"
    bad_links.write_text("companies:\n  - entity: ent/nobody\n    code: \"600089\"\n    name: 特变电工\n"
                         "    relation: self\n    rationale: x\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad.yaml:2: ent/nobody is not an enterprise of the built graph"):
        import_chainkg(TINY, a, graph, bad_links)
    assert a.read_bytes() == b.read_bytes()  # the failed import left the last good file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.manifest.json", "a.nq.gz", "b.manifest.json", "b.nq.gz",
                                                         "bad.yaml", "hykg.nq.gz"]


def test_missing_dataset_file_is_an_error(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path / "g", built_graph)
    src = tmp_path / "src"
    shutil.copytree(TINY, src)
    (src / "industry.json").unlink()
    with pytest.raises(DataError, match=r"industry.json: missing"):
        import_chainkg(src, tmp_path / "out.nq.gz", graph, TINY / "links.yaml")
    with pytest.raises(DataError, match="not a folder"):
        import_chainkg(tmp_path / "nowhere", tmp_path / "out.nq.gz", graph)


def test_cli_import_shows_progress_and_problems(runner: Any, tmp_path: Path, built_graph: Path) -> None:
    from hykg.cli import main

    graph = _folder(tmp_path, built_graph)
    r = runner.invoke(main, ["--graph", str(graph), "import", "chainkg", str(TINY), "--links", str(TINY / "links.yaml"),
                             "--no-products"])
    assert r.exit_code == 0, r.output
    assert f"wrote {tmp_path / 'chainkg.nq.gz'}" in r.output
    assert "reading company.json" in r.output  # progress (stderr)
    assert "12 problems (lines left out or partly loaded):" in r.output  # product.json not read
    assert "  company.json:13: code '12345' is not a six-digit stock code: line left out" in r.output
    assert "product names" not in r.output
    j = runner.invoke(main, ["--graph", str(graph), "import", "chainkg", str(TINY), "--links", str(TINY / "links.yaml"),
                             "--format", "json"])
    data = json.loads(j.output)
    assert data["counts"]["product names"] == 3 and len(data["problems"]) == 13


# ---------------------------------------------------------------------- the real dataset
@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory, built_graph: Path) -> tuple[Any, KnowledgeGraph, Path]:
    """The real ChainKG imported next to a copy of the built graph, with the bundled curated links."""
    if not (REAL / "company.json").exists():
        pytest.skip("../shared/datasets/chainkg is not present")
    graph = _folder(tmp_path_factory.mktemp("real"), built_graph)
    report = import_chainkg(REAL, graph.parent / "chainkg.nq.gz", graph)
    return report, load(graph), graph


def test_real_import_counts_and_duplicates(real: tuple[Any, KnowledgeGraph, Path]) -> None:
    report, kg, _graph = real
    assert report.counts["company rows"] == 4654
    assert report.counts["industries"] == 511
    assert report.counts["product names"] == 95559
    codes = kg.select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a hykg:ListedCompany }")[0]["n"]
    assert int(codes) == report.counts["companies"]
    # 4,654 rows, 4,605 distinct short names: one company per stock code, never per name
    osk = kg.select("SELECT ?c WHERE { ?c a hykg:ListedCompany ; rdfs:label \"奥赛康\"@zh } ORDER BY ?c")
    assert [vocab.id_of(r["c"]) for r in osk] == ["listed/002755", "listed/300361"]
    assert any(p.startswith("company.json:646, 2944: code 688096 (京源环保) has rows with different listing dates")
               for p in report.problems)
    assert "company.json:3439: location '2010-02-11' is not a stock exchange: exchange taken from the code suffix .SZ" \
        in report.problems
    where = re.compile(r"^(company|industry|industry_industry|company_industry|industry_up|product)\.json:\d+")
    assert all(where.match(p) for p in report.problems)  # import time: benchmarks/scale.py


def test_real_links_show_listed_company_and_industry(real: tuple[Any, KnowledgeGraph, Path]) -> None:
    _report, kg, _graph = real
    card = kg.show("ent/tbea")
    rels = {(r["property"], r["other"]["id"]): r for r in card["relations"] if "other" in r}
    listed = rels[("hykg:listedAs", "listed/600089")]
    assert listed["status"] == "editorial" and "特变电工股份有限公司 (600089)" in listed["rationale"][0]
    industry = rels[("hykg:listedIndustry", "industry/sw-630801")]
    assert industry["other"]["label"] == "输变电设备" and industry["status"] == "inferred"
    parent = {(r["property"], r["other"]["id"]) for r in kg.show("ent/henggang")["relations"] if "other" in r}
    assert ("org:subOrganizationOf", "listed/000932") in parent and ("hykg:listedIndustry", "industry/sw-230402") in parent


def test_real_cli_show_prospects_listed(real: tuple[Any, KnowledgeGraph, Path], runner: Any) -> None:
    from hykg.cli import main

    _report, kg, graph = real
    obj = {"kg": kg}  # the loaded graph, reused by each command
    show = runner.invoke(main, ["--graph", str(graph), "show", "ent/tbea"], obj=obj)
    assert "上市主体" in show.output and "特变电工 (listed/600089)" in show.output
    assert "输变电设备 (industry/sw-630801)" in show.output
    p = runner.invoke(main, ["--graph", str(graph), "prospects", "新型能源及电力装备", "--format", "json"], obj=obj)
    answer = json.loads(p.output)
    codes = {c["company"]["code"]: c for c in answer["candidates"]}
    assert "600089" not in codes and "002533" not in codes  # already linked to Hengyang firms
    assert codes["002452"]["hunan"] is True and codes["002452"]["industry"]["label"] == "输变电设备"
    assert answer["industries"][0]["id"] == "industry/sw-630800"  # the industry with linked firms first
    assert answer["industries"][0]["left_out"]["linked"] == 2
    listed = runner.invoke(main, ["--graph", str(graph), "listed", "600089"], obj=obj)
    assert "industry: 输变电设备 (industry/sw-630801)  [电力设备 > 电网设备]" in listed.output
    assert "linked from 特变电工 (ent/tbea) as self: editorial" in listed.output
