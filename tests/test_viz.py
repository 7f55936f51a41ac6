"""hykg.present.viz views on the real data and `hykg viz` end to end (pages checked without a browser here)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from hykg.cli import main
from hykg.errors import QueryRefused, UnknownEntity, ViewTooLarge
from hykg.present import viz
from hykg.present.aggregate import node_type

from .test_render import page_data, parse
from .viz_fixtures import HOSTILE


@pytest.fixture
def cli(kg):
    """`hykg viz ...` on the session's loaded graph (shadows conftest's `cli`: no reload per call)."""

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), obj={"kg": kg})

    return invoke


def edges(g) -> set[tuple[str, str, str]]:
    return {(u, v, a.get("material_label") or a.get("property", "")) for u, v, a in g.edges(data=True)}


# ------------------------------------------------------------------------------ views
def test_ego_view_draws_flows_as_material_links(kg) -> None:
    g = viz.ego_graph(kg, "恒光")
    assert not [n for n in g if n.startswith(("flow/", "pflow/"))]
    assert {("ent/kingboard", "ent/hengguang", "盐酸"), ("ent/jianheng", "ent/hengguang", "聚合氯化铝"),
            ("ent/hengguang", "ent/dianke", "硫酸"), ("ent/hengguang", "park/songmu", "hykg:inPark")} <= edges(g)
    flow = next(a for u, v, a in g.edges(data=True) if a.get("material_label") == "聚合氯化铝")
    assert flow["status"] == "documented" and flow["sources"][0]["quote"] == "以及建衡的聚合氯化铝作为原材料"
    assert g.graph["title"] == ("恒光 的关系（1 层）", "Relations of Hengguang (depth 1)")
    assert viz.ego_graph(kg, "恒光", 2).number_of_nodes() > g.number_of_nodes()


def test_park_view_shows_songmu_symbiosis_and_resources_from_other_parks(kg) -> None:
    g = viz.park_graph(kg, "松木经开区")
    firms = {"ent/hengguang", "ent/kingboard", "ent/jianheng", "ent/dianke"}
    assert firms <= set(g)
    assert {("ent/hengguang", "ent/jianheng", "硫酸"), ("ent/jianheng", "ent/hengguang", "聚合氯化铝")} <= edges(g)
    assert {("park/shuikoushan", "park/songmu", m) for m in ("金", "铜", "铅")} <= edges(g)


def test_chain_view_includes_members_and_the_same_chain_in_other_schemes(kg) -> None:
    g = viz.chain_graph(kg, "chain/auto")
    assert {"chain/auto", "ent/hualing-auto", "scheme/chains-2021", "chain/l4-auto-rail", "cluster/nev"} <= set(g)
    assert ("ent/hualing-auto", "chain/auto", "hykg:onChain") in edges(g)
    with pytest.raises(UnknownEntity):
        viz.chain_graph(kg, "恒光")  # a firm is not a chain


def test_supply_and_parks_views(kg) -> None:
    s = viz.supply_graph(kg)
    assert {"ent/hengguang", "ent/kingboard", "ent/jianheng", "ent/dianke"} <= set(s) and s.number_of_edges() >= 6
    assert all(a["material_label"] for _, _, a in s.edges(data=True))
    assert s.nodes["ent/hengguang"]["details"] == ["园区 park: 松木经开区 / Songmu Economic Development Zone"]
    p = viz.parks_graph(kg)
    assert p.graph["size_by"] == "members" and p.nodes["park/songmu"]["members"] >= 4
    assert ("park/kingboard-electronics", "park/songmu", "dcterms:isPartOf") in edges(p)
    assert all(node_type(a) in viz.AREA_TYPES for _, a in p.nodes(data=True))


def test_all_view_has_every_entity_but_flows(kg) -> None:
    g = viz.all_graph(kg)
    count = kg.select("""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e hykg:enKind ?k
                         FILTER NOT EXISTS { ?e a/rdfs:subClassOf* hykg:ResourceFlow } }""")[0]["n"]
    assert g.number_of_nodes() == int(count)
    assert ("ent/kingboard", "ent/hengguang", "双氧水") in edges(g)


def test_all_view_aggregates_above_the_limit_and_refuses_when_it_cannot(kg) -> None:
    full = viz.all_graph(kg).number_of_nodes()
    page = viz.view(kg, "all", max_nodes=full - 1)
    assert page.nodes <= full - 1 and page.notes and f"{full} 个节点超过上限 {full - 1}" in page.notes[0]
    songmu = next(n for n in page_data(page.html)["nodes"] if n["id"] == "park/songmu")
    assert re.search(r"\(\+\d+\)$", songmu["label"])  # its firms are drawn inside it
    assert int(re.search(r"Enterprise (\d+)", songmu["title"]).group(1)) >= 4
    assert "ent/hengguang" not in {n["id"] for n in page_data(page.html)["nodes"]}
    with pytest.raises(ViewTooLarge, match="above the limit of 100: use a chain, park, supply or parks view"):
        viz.view(kg, "all", max_nodes=100)
    with pytest.raises(ViewTooLarge, match="narrow it"):
        viz.view(kg, "ego", "松木经开区", depth=3, max_nodes=50)


def test_overview_draws_chains_and_parks_linked_by_shared_firms_and_flows(kg) -> None:
    from hykg.present.overview import overview_graph

    g = overview_graph(kg, link="/{kind}/{id}")
    types = sorted({a["type"] for _, a in g.nodes(data=True)})
    assert types == ["IndustrialChain", "Park"]
    assert sum(1 for _, a in g.nodes(data=True) if a["type"] == "IndustrialChain") == 14  # the 2021 list
    assert g.nodes["park/songmu"]["firms"] >= 4 and g.nodes["chain/chem-new-materials"]["firms"] == 15
    assert g.nodes["chain/chem-new-materials"]["url"] == "/chain/chain/chem-new-materials"
    shared = g.edges["chain/chem-new-materials", "park/songmu", "shared"]
    assert shared["property_label"] == "共有企业 4" and shared["status"] == "inferred" and "恒光" in shared["rationale"][0]
    flow = g.edges["park/shuikoushan", "park/songmu", "flows"]
    assert flow["material_label"] == "物料流 3" and "金" in flow["rationale"][0]
    assert g.has_edge("chain/nonferrous-alloy", "park/songmu")  # a park on the chain through its base
    page = viz.view(kg, "overview", lang="en", link="/{kind}/{id}?lang=en")
    data = page_data(page.html)
    labels = {(e["from"], e["to"]): e["label"] for e in data["edges"]}
    assert labels[("chain/chem-new-materials", "park/songmu")] == "4 shared firms"
    assert labels[("park/shuikoushan", "park/songmu")] == "3 flows"
    chem = next(e for e in data["edges"] if e["from"] == "chain/chem-new-materials" and e["to"] == "park/songmu")
    assert chem["arrows"]["to"]["enabled"] is False  # sharing has no direction
    songmu = next(n for n in data["nodes"] if n["id"] == "park/songmu")
    assert songmu["url"] == "/park/park/songmu?lang=en" and songmu["measure"] == g.nodes["park/songmu"]["firms"]
    assert page.view == "overview" and page.nodes == g.number_of_nodes()


def test_query_view_draws_a_construct_with_statuses(kg) -> None:
    q = """CONSTRUCT { ?f hykg:inPark park:songmu . ?f hykg:partner ?g . ?f hykg:listedCode ?c . ?f a hykg:Enterprise }
           WHERE { ?f hykg:inPark park:songmu ; a hykg:Enterprise . OPTIONAL { ?f hykg:listedCode ?c }
                   ?g hykg:inPark park:songmu ; a hykg:Enterprise FILTER(STR(?f) < STR(?g)) }"""
    g = viz.query_graph(kg, q)
    assert {"ent/hengguang", "park/songmu"} <= set(g) and g.nodes["park/songmu"]["type"] == "Park"
    statuses = {(a["property"], a["status"]) for _, _, a in g.edges(data=True)}
    assert ("hykg:inPark", "documented") in statuses
    assert ("hykg:partner", "unknown") in statuses  # built by the query: no statement behind it
    empty = viz.view(kg, "query", query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(false) }", lang="en")
    assert empty.nodes == 0 and empty.notes == ["The query returned no triples: nothing to draw."]
    with pytest.raises(QueryRefused, match="needs a CONSTRUCT"):
        viz.query_graph(kg, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def test_view_pages_are_deterministic_and_filterable_by_chain(kg) -> None:
    a, b = viz.view(kg, "chain", "chain/auto"), viz.view(kg, "chain", "chain/auto")
    assert a.html == b.html
    data = page_data(a.html)
    hualing = next(n for n in data["nodes"] if n["id"] == "ent/hualing-auto")
    assert "chain/auto" in hualing["chains"]
    assert '<option value="chain/auto">汽车及零部件</option>' in a.html or 'value="chain/auto"' in a.html


# ------------------------------------------------------------------------------ CLI
@pytest.mark.parametrize(("args", "view"), [
    (["ego", "恒光", "--depth", "2"], "ego"), (["chain", "化工新材料"], "chain"), (["park", "松木经开区"], "park"),
    (["supply"], "supply"), (["parks"], "parks"), (["all", "--full"], "all"), (["all"], "overview"),
])
def test_cli_writes_each_view(cli, tmp_path: Path, args: list[str], view: str) -> None:
    out = tmp_path / "p.html"
    result = cli("viz", *args, "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["out"] == str(out) and info["view"] == view and info["nodes"] > 0
    page = out.read_text(encoding="utf-8")
    assert f'data-view="{view}"' in page and f'data-nodes="{info["nodes"]}"' in page
    assert len(page_data(page)["nodes"]) == info["nodes"]


def test_cli_query_lang_and_stdout(cli, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("CONSTRUCT { ?f hykg:inPark ?p } WHERE { ?f hykg:inPark ?p }", encoding="utf-8")
    out = tmp_path / "q.html"
    result = cli("viz", "--query", str(q), "--lang", "en", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}: query view, ") and "self-contained" in result.stdout
    assert "SPARQL query graph" in out.read_text(encoding="utf-8")
    piped = cli("viz", "supply", "-o", "-")
    assert piped.exit_code == 0 and piped.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("args", "code", "message"), [
    (["ego", "-o", "x.html"], 2, "the ego view needs a NAME"),
    (["supply", "恒光", "-o", "x.html"], 2, "the supply view takes no NAME"),
    (["park", "松木经开区", "--depth", "2", "-o", "x.html"], 2, "--depth applies to the ego view only"),
    (["-o", "x.html"], 2, "give a VIEW"),
    (["ego", "不存在的名字", "-o", "x.html"], 1, "Error: no entity named '不存在的名字'"),
    (["all", "--full", "--max-nodes", "100", "-o", "x.html"], 1, "Error: the all view has"),
    (["supply", "--full", "-o", "x.html"], 2, "--full applies to the all view only"),
])
def test_cli_errors(cli, args: list[str], code: int, message: str) -> None:
    result = cli("viz", *args)
    assert result.exit_code == code
    assert message in result.output
    assert not Path("x.html").exists()


def test_cli_query_errors_name_the_file(cli, tmp_path: Path) -> None:
    select = tmp_path / "select.rq"
    select.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    result = cli("viz", "--query", str(select), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 1 and f"Error: {select}: viz --query needs a CONSTRUCT" in result.output
    broken = tmp_path / "broken.rq"
    broken.write_text("CONSTRUCT {", encoding="utf-8")
    result = cli("viz", "--query", str(broken), "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and f"Error: {broken}:" in result.output
    assert not (tmp_path / "x.html").exists()


def test_cli_hostile_name_end_to_end(hostile_graph_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "evil.html"
    result = CliRunner().invoke(main, ["--graph", str(hostile_graph_file), "viz", "ego", HOSTILE, "--depth", "2",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert HOSTILE not in page
    doc = parse(page)
    assert not [t for t, _ in doc.tags if t == "img"] and len(doc.scripts) == 3
    node = next(n for n in page_data(page)["nodes"] if n["id"] == "ent/a")
    assert HOSTILE in node["title"]
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; 的关系（2 层）</h1>" in page


def test_page_displays_in_jupyter(kg) -> None:
    frame = viz.view(kg, "supply")._repr_html_()
    assert frame.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and 'sandbox="allow-scripts"' in frame


def test_aggregate_draws_single_link_nodes_inside_their_neighbour() -> None:
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("chain/c", label="链", label_en="C", type="IndustrialChain")
    for i in range(3):
        g.add_node(f"stat/{i}", label=f"数{i}", label_en=f"S{i}", type="Statistic")
        g.add_edge(f"stat/{i}", "chain/c", key="hykg:concerns")
    g.add_node("place/x", label="地", label_en="X", type="Place")
    g.add_node("org/y", label="局", label_en="Y", type="GovernmentBody")
    g.add_edge("chain/c", "place/x", key="hykg:locatedIn")
    g.add_edge("org/y", "place/x", key="hykg:locatedIn")
    g.add_edge("org/y", "chain/c", key="hykg:serves")
    h, merged = viz.aggregate(g, 4)  # only as many as needed: 2 of the 3 statistics
    assert merged == 2 and set(h) == {"chain/c", "place/x", "org/y", "stat/2"}
    h, merged = viz.aggregate(g, 3)
    assert merged == 3 and set(h) == {"chain/c", "place/x", "org/y"}
    assert h.nodes["chain/c"]["label"] == "链 (+3)" and h.nodes["chain/c"]["details"] == ["内含 drawn inside: Statistic 3"]
    assert h.number_of_edges() == 3  # the links between the nodes that stay are kept
