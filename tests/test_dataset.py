"""Dataset semantics on every store and through `hykg serve` (FROM, FROM NAMED, default-graph-uri /
named-graph-uri), checked with real clients (hykg's own remote store, rdflib's SPARQLStore, httpx); and
the sandbox: hostile queries refused with no connection reaching a loopback canary, on every store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hykg.errors import QueryRefused, UnknownGraph
from hykg.query.kg import KnowledgeGraph
from hykg.rdf import vocab
from hykg.stores import load_store, open_store

from .server_fixtures import Listener, LiveServer
from .store_fixtures import OxigraphServer

EDITORIAL = vocab.GRAPH + "editorial"
HENGYANG = vocab.GRAPH + "hengyang"
COUNT = "SELECT (COUNT(*) AS ?n) {from} WHERE {{ ?s ?p ?o }}"
LOCAL = ["oxigraph-memory", "disk", "memory"]


def _count(result: object) -> int:
    return int(result.rows[0]["n"]["value"])  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def server(built_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    s = LiveServer(built_graph, "--query-workers", "1", log=tmp_path_factory.mktemp("serve-dataset") / "serve.log")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def oxigraph(built_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    folder = tmp_path_factory.mktemp("oxigraph-dataset")
    s = OxigraphServer(folder / "db", folder / "serve.log")
    load_store(f"sparql:{s.query_url}", built_graph)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def stores(built_graph: Path, tmp_path_factory: pytest.TempPathFactory, server: LiveServer,
           oxigraph: OxigraphServer) -> dict[str, KnowledgeGraph]:
    disk = tmp_path_factory.mktemp("dataset-disk") / "store"
    specs = {"oxigraph-memory": "oxigraph-memory", "disk": f"oxigraph:{disk}", "memory": "memory",
             "sparql:oxigraph": f"sparql:{oxigraph.query_url}", "sparql:hykg-serve": f"sparql:{server.url}/sparql"}
    return {name: KnowledgeGraph(open_store(spec, built_graph)) for name, spec in specs.items()}


@pytest.mark.parametrize("backend", [*LOCAL, "sparql:oxigraph", "sparql:hykg-serve"])
def test_from_selects_graphs_on_every_store(stores: dict[str, KnowledgeGraph], backend: str) -> None:
    kg = stores[backend]
    union = _count(kg.query(COUNT.format(**{"from": ""})))
    editorial = _count(kg.query(COUNT.format(**{"from": f"FROM <{EDITORIAL}>"})))
    both = _count(kg.query(COUNT.format(**{"from": f"FROM <{EDITORIAL}> FROM <{HENGYANG}>"})))
    inside = _count(kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{EDITORIAL}> {{ ?s ?p ?o }} }}"))
    assert 0 < editorial == inside < both < union
    named = kg.query(f"SELECT DISTINCT ?g FROM NAMED <{EDITORIAL}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert [r["g"]["value"] for r in named.rows] == [EDITORIAL]  # type: ignore[union-attr]
    assert _count(kg.query(COUNT.format(**{"from": f"FROM NAMED <{EDITORIAL}>"}))) == 0  # no FROM: empty default
    assert _count(kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")) == union


@pytest.mark.parametrize("backend", LOCAL)
def test_unknown_graph_names_the_known_ones(stores: dict[str, KnowledgeGraph], backend: str) -> None:
    with pytest.raises(UnknownGraph) as exc:
        stores[backend].query(COUNT.format(**{"from": f"FROM <{vocab.GRAPH}nope>"}))
    assert exc.value.graphs == [f"{vocab.GRAPH}nope"] and EDITORIAL in exc.value.known


def test_protocol_dataset_parameters_on_hykg_serve(server: LiveServer) -> None:
    def count(params: dict[str, str] | list[tuple[str, str]], query: str) -> int:
        r = httpx.get(server.url + "/sparql", params=[("query", query), *(params.items() if isinstance(params, dict)
                                                                         else params)], timeout=30)
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    plain = COUNT.format(**{"from": ""})
    union = count({}, plain)
    editorial = count({"default-graph-uri": EDITORIAL}, plain)
    assert 0 < editorial < union
    assert count({"default-graph-uri": EDITORIAL}, COUNT.format(**{"from": f"FROM <{HENGYANG}>"})) == editorial  # overrides FROM
    assert count([("named-graph-uri", EDITORIAL)], "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == editorial
    form = httpx.post(server.url + "/sparql", data={"query": plain, "default-graph-uri": EDITORIAL}, timeout=30)
    assert int(form.json()["results"]["bindings"][0]["n"]["value"]) == editorial
    unknown = httpx.get(server.url + "/sparql", params={"query": plain, "default-graph-uri": f"{vocab.GRAPH}nope"})
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_graph"
    assert EDITORIAL in unknown.json()["known"]


def test_hykg_client_answers_named_questions_from_hykg_serve(stores: dict[str, KnowledgeGraph]) -> None:
    remote, local = stores["sparql:hykg-serve"], stores["oxigraph-memory"]
    assert remote.fed_by("恒光") == local.fed_by("恒光")
    assert remote.park("松木经开区") == local.park("松木经开区")


def test_rdflib_sparqlstore_reads_one_named_graph_from_hykg_serve(server: LiveServer,
                                                                   stores: dict[str, KnowledgeGraph]) -> None:
    from rdflib import RDF, Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(query_endpoint=server.url + "/sparql", returnFormat="json")
    editorial = Graph(store=store, identifier=URIRef(EDITORIAL))
    expected = _count(stores["oxigraph-memory"].query(
        f"SELECT (COUNT(*) AS ?n) FROM <{EDITORIAL}> WHERE {{ ?s a ?o }}"))  # under the served row cap
    assert 0 < len(list(editorial.triples((None, RDF.type, None)))) == expected
    union = Graph(store=store)
    assert len(list(union.triples((None, URIRef(vocab.ONT + "inPark"), None)))) > 0


# ---------------------------------------------------------------------- the sandbox
@pytest.fixture(scope="module")
def canary() -> Iterator[Listener]:
    listener = Listener()
    yield listener
    listener.close()


def hostile(port: int, secret: Path) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0073\\u0065rvice <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * \\u0046ROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{vocab.GRAPH}x/../../../127.0.0.1:{port}/> WHERE {{ ?s ?p ?o }}",
        f"LOAD <{url}>",
    ]


@pytest.mark.parametrize("backend", LOCAL)
def test_hostile_queries_refused_with_no_canary_hit(stores: dict[str, KnowledgeGraph], backend: str, canary: Listener,
                                                     tmp_path: Path) -> None:
    secret = tmp_path / "secret.nt"
    secret.write_text('<urn:a> <urn:b> "the secret" .\n', encoding="utf-8")
    for q in hostile(canary.port, secret):
        with pytest.raises((QueryRefused, Exception)) as exc:
            stores[backend].query(q)
        assert exc.type.__name__ in ("QueryRefused", "UpdateRefused"), (q, exc.value)
    assert canary.hits == 0


def test_hostile_queries_through_hykg_serve(server: LiveServer, canary: Listener, tmp_path: Path) -> None:
    secret = tmp_path / "secret.nt"
    secret.write_text('<urn:a> <urn:b> "the secret" .\n', encoding="utf-8")
    for q in hostile(canary.port, secret):
        r = httpx.post(server.url + "/sparql", data={"query": q}, timeout=30)
        assert r.status_code == 403 and "the secret" not in r.text, (q, r.text)
        assert r.json()["error"] in ("refused", "update_forbidden")
    assert canary.hits == 0


def test_rdflib_store_sandbox_stops_what_the_text_check_cannot_see(stores: dict[str, KnowledgeGraph],
                                                                  tmp_path: Path, canary: Listener) -> None:
    """Past the text check (the store called directly), the rdflib engine still opens nothing."""
    secret = tmp_path / "secret.nt"
    secret.write_text('<urn:a> <urn:b> "the secret" .\n', encoding="utf-8")
    store = stores["memory"].store
    for target in (secret.as_uri(), f"http://127.0.0.1:{canary.port}/sparql"):
        with pytest.raises(QueryRefused):
            store.query(f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}", {})
    assert canary.hits == 0
    assert json.dumps(store.query("ASK { ?s ?p ?o }", {})) == "true"  # and the store still answers
