"""Store backends: rdflib in memory, Oxigraph on disk (the default) and in memory, and a real Oxigraph SPARQL server
give the same answers to every named question and SPARQL query."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from benchmarks.synthetic import Shape, generate

from hykg.errors import DataError, HykgError, QuerySyntaxError
from hykg.query.kg import KnowledgeGraph, load
from hykg.rdf import vocab
from hykg.stores import load_store, open_store, parse_spec, store_info
from hykg.stores.base import Solutions, Triples, graph_files

from .server_fixtures import live_server
from .store_fixtures import OxigraphServer, free_port

BACKENDS = ("oxigraph", "oxigraph-memory", "memory", "disk", "sparql")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A real `oxigraph serve` on a free loopback port, stopped at the end of the session."""
    d = tmp_path_factory.mktemp("oxigraph-server")
    server = OxigraphServer(d / "db", d / "server.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory, built_graph: Path) -> Path:
    """The built graph, alone in its own folder."""
    path = tmp_path_factory.mktemp("stores") / "hykg.nq.gz"
    shutil.copy(built_graph, path)
    return path


@pytest.fixture(scope="module")
def specs(graph: Path, oxigraph_server: OxigraphServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    disk = tmp_path_factory.mktemp("disk") / "store"
    load_store(f"sparql:{oxigraph_server.query_url}", graph)
    return {"oxigraph": "oxigraph", "oxigraph-memory": "oxigraph-memory", "memory": "memory", "disk": f"oxigraph:{disk}",
            "sparql": f"sparql:{oxigraph_server.query_url}"}


@pytest.fixture(scope="module")
def kgs(graph: Path, specs: dict[str, str]) -> dict[str, KnowledgeGraph]:
    return {name: load(graph, store=spec) for name, spec in specs.items()}


def _answers(kg: KnowledgeGraph) -> dict[str, Any]:
    return {
        "fed_by": kg.fed_by("恒光"),
        "feeds3": kg.feeds("恒光", depth=3),
        "park": kg.park("松木经开区"),
        "chain": kg.chain("化工新材料"),
        "show": kg.show("恒光"),
        "search": kg.search("建滔"),
        "stats": kg.stats(),
    }


@pytest.mark.parametrize("backend", BACKENDS[1:])
def test_named_questions_agree_with_oxigraph(kgs: dict[str, KnowledgeGraph], backend: str) -> None:
    expected, got = _answers(kgs["oxigraph"]), _answers(kgs[backend])
    for question in expected:
        assert got[question] == expected[question], question
    suppliers = {(f["supplier"]["id"], f["material"]["id"]) for f in got["fed_by"]["flows"]}
    assert ("ent/kingboard", "mat/hydrogen-peroxide") in suppliers


QUERY = """SELECT ?p ?l ?n WHERE { VALUES ?p { park:songmu } ?p rdfs:label ?l .
           { SELECT (COUNT(?e) AS ?n) WHERE { ?e hykg:inPark park:songmu } } } ORDER BY ?l"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_sparql_terms_in_w3c_shape(kgs: dict[str, KnowledgeGraph], backend: str) -> None:
    kg = kgs[backend]
    result = kg.query(QUERY)
    assert isinstance(result, Solutions)
    assert result.vars == ["p", "l", "n"]
    zh = [r for r in result.rows if r["l"].get("xml:lang") == "zh"]
    assert zh[0]["p"] == {"type": "uri", "value": vocab.iri_of("park/songmu")}
    assert zh[0]["l"] == {"type": "literal", "value": "松木经开区", "xml:lang": "zh"}
    assert zh[0]["n"]["datatype"] == vocab.XSD + "integer" and int(zh[0]["n"]["value"]) >= 4
    assert result.rows == kgs["oxigraph"].query(QUERY).rows  # type: ignore[union-attr]
    assert kg.query("ASK { ent:hengguang hykg:inPark park:songmu }") is True
    assert kg.query("ASK { ent:hengguang hykg:inPark park:nowhere }") is False
    graph = kg.query("CONSTRUCT { ent:hengguang ?p ?o } WHERE { ent:hengguang ?p ?o }")
    assert isinstance(graph, Triples)
    triples = {json.dumps(t, sort_keys=True) for t in graph.triples}
    pairs = {(p["value"], o["value"]) for _s, p, o in graph.triples}
    assert (vocab.ONT + "inPark", vocab.iri_of("park/songmu")) in pairs
    expected = kgs["oxigraph"].query("CONSTRUCT { ent:hengguang ?p ?o } WHERE { ent:hengguang ?p ?o }")
    assert triples == {json.dumps(t, sort_keys=True) for t in expected.triples}  # type: ignore[union-attr]


@pytest.mark.parametrize("backend", BACKENDS)
def test_syntax_error_and_row_cap(kgs: dict[str, KnowledgeGraph], backend: str) -> None:
    kg = kgs[backend]
    with pytest.raises(QuerySyntaxError):
        kg.query("SELEC ?s WHERE { ?s ?p ?o }")
    capped = kg.store.query("SELECT ?s WHERE { ?s a hykg:Enterprise }", vocab.PREFIXES, max_rows=3)  # type: ignore[call-arg]
    assert isinstance(capped, Solutions) and len(capped.rows) == 3
    assert len(kg) == len(kgs["oxigraph"])


def test_store_info_lists_named_graphs(kgs: dict[str, KnowledgeGraph], graph: Path) -> None:
    counts: dict[str, int] = {}
    for line in gzip.decompress(graph.read_bytes()).decode("utf-8").splitlines():
        g = line.rsplit(" ", 2)[-2].strip("<>")
        counts[g] = counts.get(g, 0) + 1
    for backend in ("oxigraph", "sparql"):
        info = store_info(kgs[backend].store)
        assert info["graphs"] == counts
        assert info["quads"] == sum(counts.values())
    assert info["store"].startswith("sparql: http://127.0.0.1:")


# ---------------------------------------------------------------------- specs and files
def test_spec_errors() -> None:
    assert parse_spec("RDFLIB") == ("memory", "")
    assert parse_spec("oxigraph-memory") == ("oxigraph-memory", "")
    for bad, msg in (("mongodb:x", "unknown store"), ("memory:/x", "takes no argument"),
                     ("oxigraph-memory:/x", "takes no argument"), ("sparql:", "give the endpoint")):
        with pytest.raises(HykgError, match=msg):
            parse_spec(bad)
    with pytest.raises(HykgError, match="not an http"):
        open_store("sparql:file:///etc/passwd")


def test_graph_files_missing_graph(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="run `hykg build` first"):
        graph_files(tmp_path / "none.nq.gz")


# ---------------------------------------------------------------------- on disk
def _databases(store_dir: Path) -> list[str]:
    return sorted(p.name for p in store_dir.glob("db-*") if p.is_dir() and p.suffix != ".cache")


def test_disk_store_built_once_reopened_and_rebuilt_when_files_change(tmp_path: Path, graph: Path) -> None:
    folder = tmp_path / "g"
    folder.mkdir()
    shutil.copy(graph, folder / "hykg.nq.gz")
    store_dir = tmp_path / "store"
    first = open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz")
    marker = json.loads((store_dir / "hykg-store.json").read_text())
    assert [f["file"] for f in marker["files"]] == ["hykg.nq.gz"] and marker["quads"] == len(first)
    assert _databases(store_dir) == [marker["db"]]
    built = (store_dir / marker["db"]).stat().st_ino
    del first
    (folder / "hykg.nq.gz").touch()  # a new time, the same bytes: hashed, not rebuilt
    again = open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz")
    assert (store_dir / marker["db"]).stat().st_ino == built  # reopened, not rebuilt (timings: benchmarks/core.py)
    n = len(again)
    del again
    extra = generate(Shape(firms=10, flows=9, parks=1, chains=1, materials=1, spine=10)).replace(
        b"/graph/hengyang>", b"/graph/extra>").replace(b"/graph/ontology>", b"/graph/extra>")
    (folder / "chainkg.nq.gz").write_bytes(gzip.compress(extra))  # an imported dataset next to the graph
    (folder / "unrelated.nq").write_bytes(extra)  # any other graph file there is not mixed in
    rebuilt = open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz")
    assert len(rebuilt) > n
    marker2 = json.loads((store_dir / "hykg-store.json").read_text())
    assert [f["file"] for f in marker2["files"]] == ["hykg.nq.gz", "chainkg.nq.gz"]
    assert _databases(store_dir) == [marker2["db"]] != [marker["db"]]  # the old one, unread, is gone


def test_stats_remembered_with_their_database_and_gone_with_it(tmp_path: Path, graph: Path) -> None:
    folder, store_dir = tmp_path / "g", tmp_path / "store"
    folder.mkdir()
    shutil.copy(graph, folder / "hykg.nq.gz")
    kg = KnowledgeGraph(open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz"))
    counted = kg.stats()
    db = json.loads((store_dir / "hykg-store.json").read_text())["db"]
    kept = store_dir / f"{db}.cache" / "stats.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == counted
    kept.write_text(json.dumps({**counted, "quads": -1}), encoding="utf-8")
    del kg
    assert KnowledgeGraph(open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz")).stats()["quads"] == -1  # read, not counted
    extra = generate(Shape(firms=3, flows=2, parks=1, chains=1, materials=1, spine=3)).replace(
        b"/graph/hengyang>", b"/graph/extra>").replace(b"/graph/ontology>", b"/graph/extra>")
    (folder / "chainkg.nq.gz").write_bytes(gzip.compress(extra))
    rebuilt = KnowledgeGraph(open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz"))
    assert rebuilt.stats()["quads"] == len(rebuilt) > counted["quads"]  # a new database counts afresh
    assert not kept.parent.exists()  # the old database's answers went with it
    assert KnowledgeGraph(open_store("oxigraph-memory", folder / "hykg.nq.gz")).stats()["quads"] == len(rebuilt)


def test_reader_keeps_its_database_while_the_store_is_rebuilt(tmp_path: Path, graph: Path) -> None:
    """A command (or `hykg serve`) reading the store keeps answering from its database while another
    rebuilds the store; the old database goes at the first rebuild after its last reader."""
    shutil.copy(graph, tmp_path / "hykg.nq.gz")
    reader = load(tmp_path / "hykg.nq.gz")
    store_dir = tmp_path / "hykg.store"
    assert reader.source.startswith(f"oxigraph (on disk): {store_dir} <- ")
    before = reader.fed_by("恒光")
    old = _databases(store_dir)
    extra = generate(Shape(firms=10, flows=9, parks=1, chains=1, materials=1, spine=10)).replace(
        b"/graph/hengyang>", b"/graph/extra>").replace(b"/graph/ontology>", b"/graph/extra>")
    (tmp_path / "chainkg.nq.gz").write_bytes(gzip.compress(extra))
    newer = load(tmp_path / "hykg.nq.gz")  # rebuilds: the old database is still read
    assert len(newer) > len(reader)
    assert len(_databases(store_dir)) == 2 and old[0] in _databases(store_dir)
    assert reader.fed_by("恒光") == before == newer.fed_by("恒光")
    del reader
    load_store("oxigraph", tmp_path / "hykg.nq.gz")  # `hykg store load oxigraph`: a rebuild on request
    assert old[0] not in _databases(store_dir) and len(_databases(store_dir)) == 2  # newer's is still read


def test_concurrent_first_commands_build_the_store_once(tmp_path: Path, graph: Path) -> None:
    import subprocess
    import sys

    shutil.copy(graph, tmp_path / "hykg.nq.gz")
    cmd = [sys.executable, "-m", "hykg", "--graph", str(tmp_path / "hykg.nq.gz"), "fed-by", "恒光", "--format", "json"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _o, e in outs]
    assert len({o for o, _e in outs}) == 1
    assert len(_databases(tmp_path / "hykg.store")) == 1


def test_foreign_oxigraph_database_is_read_as_found(tmp_path: Path, graph: Path) -> None:
    import pyoxigraph as ox

    db = tmp_path / "theirs"
    s = ox.Store(str(db))
    s.add(ox.Quad(ox.NamedNode(vocab.iri_of("ent/x")), ox.NamedNode(vocab.RDFS + "label"), ox.Literal("某企业", language="zh"),
                  ox.NamedNode(vocab.graph_iri("hengyang"))))
    s.flush()
    del s
    store = open_store(f"oxigraph:{db}", graph)
    assert len(store) == 1
    assert not (db / "hykg-store.json").exists()
    with pytest.raises(HykgError, match="not overwriting"):
        load_store(f"oxigraph:{db}", graph)


# ---------------------------------------------------------------------- remote
def test_unreachable_endpoint_is_a_clear_error() -> None:
    store = open_store(f"sparql:http://127.0.0.1:{free_port()}/query")
    with pytest.raises(HykgError, match="cannot reach the SPARQL endpoint"):
        len(store)


def test_memory_store_refuses_load() -> None:
    with pytest.raises(HykgError, match="nothing to load"):
        load_store("memory", "never-read.nq.gz")


# ---------------------------------------------------------------------- CLI and serve
def test_cli_store_option_and_env(cli: Any, runner: Any, graph: Path, specs: dict[str, str]) -> None:
    from hykg.cli import main

    default = runner.invoke(main, ["--graph", str(graph), "fed-by", "恒光", "--format", "json"])
    assert default.exit_code == 0
    for spec in specs.values():
        r = runner.invoke(main, ["--graph", str(graph), "--store", spec, "fed-by", "恒光", "--format", "json"])
        assert r.exit_code == 0, r.output
        assert json.loads(r.output) == json.loads(default.output)
    r = runner.invoke(main, ["--graph", str(graph), "fed-by", "恒光", "--format", "json"], env={"HYKG_STORE": specs["sparql"]})
    assert r.exit_code == 0 and json.loads(r.output) == json.loads(default.output)
    bad = runner.invoke(main, ["--graph", str(graph), "--store", "bogus:1", "stats"])
    assert bad.exit_code == 1 and "Error: unknown store 'bogus:1'" in bad.output


def test_cli_store_load_and_info(runner: Any, graph: Path, oxigraph_server: OxigraphServer) -> None:
    from hykg.cli import main

    spec = f"sparql:{oxigraph_server.query_url}"
    r = runner.invoke(main, ["--graph", str(graph), "store", "load", spec])
    assert r.exit_code == 0, r.output
    assert vocab.graph_iri("hengyang") in r.output and vocab.graph_iri("ontology") in r.output
    info = runner.invoke(main, ["--store", spec, "store", "info", "--format", "json"])
    data = json.loads(info.output)
    assert data["quads"] == len(load(graph)) and vocab.graph_iri("editorial") in data["graphs"]


@pytest.mark.parametrize("backend", ["memory", "disk", "sparql"])
def test_serve_answers_from_every_store(backend: str, graph: Path, specs: dict[str, str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HYKG_STORE", specs[backend])
    with live_server(graph, tmp_path / "serve.log", "--query-workers", "1") as server:
        r = httpx.post(server.url + "/sparql", data={"query": "ASK { ent:hengguang hykg:inPark park:songmu }"},
                       headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert r.status_code == 200, r.text
        assert r.json()["boolean"] is True


# ---------------------------------------------------------------------- deep closure
@pytest.fixture(scope="module")
def long_chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A supply chain 1,000 firms long: deeper than rdflib can follow with a property path."""
    path = tmp_path_factory.mktemp("chain") / "chain.nq"
    path.write_bytes(generate(Shape(firms=1000, flows=999, parks=1, chains=1, materials=1, spine=1000)))
    return path


@pytest.mark.parametrize("backend", BACKENDS)
def test_transitive_closure_one_hop_per_query(backend: str, long_chain: Path, tmp_path: Path,
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    if backend == "sparql":
        d = tmp_path_factory.mktemp("chain-server")
        server = OxigraphServer(d / "db", d / "log")
        try:
            load_store(f"sparql:{server.query_url}", long_chain)
            kg = load(long_chain, store=f"sparql:{server.query_url}")
            answer = kg.feeds("ent/f0", depth=1000)
        finally:
            server.stop()
    else:
        spec = {"oxigraph": "oxigraph", "oxigraph-memory": "oxigraph-memory", "memory": "memory",
                "disk": f"oxigraph:{tmp_path / 'db'}"}[backend]
        kg = load(long_chain, store=spec)
        answer = kg.feeds("ent/f0", depth=1000)
    assert len(answer["flows"]) == 999
    assert answer["flows"][-1]["depth"] == 999 and answer["flows"][-1]["consumer"]["id"] == "ent/f999"
    if backend == "memory":  # what the one-hop queries avoid: rdflib's recursion on a long property path
        with pytest.raises(HykgError, match="nests too deeply"):
            kg.query("SELECT ?y WHERE { ent:f0 (^hykg:supplier/hykg:consumer)+ ?y }")


def test_default_store_is_oxigraph_on_disk_next_to_the_graph(graph: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HYKG_STORE", raising=False)
    assert load(graph).source == f"oxigraph (on disk): {graph.parent / 'hykg.store'} <- {graph}"
    assert load(graph, store="oxigraph-memory").source == f"oxigraph (in memory): {graph}"


@pytest.mark.parametrize("backend", BACKENDS)
def test_lean_rows_agree_across_backends(kgs: dict[str, KnowledgeGraph], backend: str) -> None:
    """The library's own queries read lean values (IRI strings, literal tuples) on every backend,
    the same as the W3C terms of the same query converted one by one."""
    from hykg.stores.base import lean_rows

    kg = kgs[backend]
    rows = kg.rows(QUERY)
    assert rows == lean_rows(kg.query(QUERY)) == kgs["oxigraph"].rows(QUERY)
    zh = next(r for r in rows if r["l"][1] == "zh")
    assert zh["p"] == vocab.iri_of("park/songmu") and zh["l"] == ("松木经开区", "zh", "")
    assert zh["n"][2] == vocab.XSD + "integer" and int(zh["n"][0]) >= 4
    plain = kg.rows('SELECT ?x WHERE { BIND("a" AS ?x) }')
    assert plain == [{"x": ("a", "", "")}]


def test_name_table_kept_with_its_database_and_answers_as_a_fresh_store(tmp_path: Path, graph: Path) -> None:
    """Searching a part of a name reads the entities' names from the table kept next to the database
    (one scan of the store for its first command), and finds what a store without one finds."""
    from hykg.query.names import name_table

    folder, store_dir = tmp_path / "g", tmp_path / "store"
    folder.mkdir()
    shutil.copy(graph, folder / "hykg.nq.gz")
    disk = KnowledgeGraph(open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz"))
    memory = KnowledgeGraph(open_store("oxigraph-memory", folder / "hykg.nq.gz"))
    assert disk.search("建滔") == memory.search("建滔") != []
    assert disk.resolve("HENGGUANG") == memory.resolve("HENGGUANG") == vocab.iri_of("ent/hengguang")  # case ignored
    with pytest.raises(HykgError, match="松木经开区 \\(park/songmu\\)"):  # a part of a name: every entity it is in
        disk.resolve("松木经开")
    db = json.loads((store_dir / "hykg-store.json").read_text())["db"]
    kept = store_dir / f"{db}.cache" / "names.json"
    assert sorted(map(tuple, json.loads(kept.read_text(encoding="utf-8")))) == name_table(memory)
    kept.write_text(json.dumps([[vocab.iri_of("ent/hengguang"), "只在表里的名字"]]), encoding="utf-8")
    again = KnowledgeGraph(open_store(f"oxigraph:{store_dir}", folder / "hykg.nq.gz"))
    assert [h["id"] for h in again.search("只在表里")] == ["ent/hengguang"]  # read from the table, not the store
