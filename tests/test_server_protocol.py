"""The SPARQL 1.1 Protocol at /sparql on a live `hykg serve`: formats, negotiation, limits, errors, real clients."""

from __future__ import annotations

import http.client
import json
import urllib.error
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from hykg.cli import main
from hykg.errors import HykgError, QuerySyntaxError, RequestError
from hykg.server.app import host_name, is_loopback
from hykg.server.protocol import negotiate, query_from
from hykg.server.results import evaluate, solutions_bytes
from hykg.stores.base import Solutions

from .server_fixtures import LiveServer, live_server

PARKS = "SELECT ?p WHERE { ?p a hykg:Park } ORDER BY ?p"
FED_BY = "SELECT ?s WHERE { ?f hykg:consumer ent:hengguang ; hykg:supplier ?s } ORDER BY ?s"
FLOWS_GRAPH = ("CONSTRUCT { ?f hykg:supplier ?s ; hykg:consumer ?c } "
               "WHERE { ?f a hykg:MaterialFlow ; hykg:supplier ?s ; hykg:consumer ?c }")
SRES = "{http://www.w3.org/2005/sparql-results#}"
MAX_ROWS = 200


@pytest.fixture(scope="module")
def server(built_graph: Path, tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with live_server(built_graph, log, "--max-rows", str(MAX_ROWS), "--query-workers", "2") as s:
        yield s


@pytest.fixture(scope="module")
def client(server: LiveServer):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> dict:
    """Every 4xx/5xx carries the one JSON error shape."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) >= {"error", "status", "message"} and body["status"] == status and body["message"]
    if code:
        assert body["error"] == code
    return body


# ---------------------------------------------------------------------- unit: negotiation and parsing
@pytest.mark.parametrize("accept,form,fmt", [
    (None, "SELECT", "json"),
    ("application/sparql-results+xml", "SELECT", "xml"),
    ("text/csv", "SELECT", "csv"),
    ("text/tab-separated-values", "SELECT", "tsv"),
    ("application/json;q=0.2, text/csv;q=0.9", "SELECT", "csv"),
    ("text/*;q=0.5, text/tab-separated-values", "SELECT", "tsv"),
    ("application/sparql-results+xml, application/rdf+xml", "CONSTRUCT", "rdfxml"),
    ("application/ld+json", "DESCRIBE", "json-ld"),
    ("application/n-triples", "CONSTRUCT", "ntriples"),
    ("*/*", "CONSTRUCT", "turtle"),
])
def test_negotiate(accept: str | None, form: str, fmt: str) -> None:
    assert negotiate(accept, form) == fmt


@pytest.mark.parametrize("accept,form", [("text/turtle", "SELECT"), ("text/csv", "ASK"), ("image/png", "CONSTRUCT"),
                                         ("application/json;q=0", "ASK")])
def test_negotiate_refuses_with_406(accept: str, form: str) -> None:
    with pytest.raises(RequestError) as exc:
        negotiate(accept, form)
    assert exc.value.status == 406


@pytest.mark.parametrize("method,ctype,url,body,status", [
    ("PUT", None, "query=ASK{}", b"", 405),
    ("POST", None, "", b"query=ASK{}", 415),
    ("POST", "text/plain", "", b"ASK {}", 415),
    ("POST", "application/sparql-update", "", b"DROP ALL", 403),
    ("GET", None, "update=DROP%20ALL", b"", 403),
    ("POST", "application/x-www-form-urlencoded", "", b"update=DROP+ALL", 403),
    ("GET", None, "query=ASK{}&query=ASK{}", b"", 400),
    ("GET", None, "query=", b"", 400),
    ("POST", "application/x-www-form-urlencoded", "", b"format=json", 400),
    ("POST", "application/x-www-form-urlencoded", "query=ASK{}", b"query=ASK{}", 400),
    ("POST", "application/sparql-query", "", b"\xff\xfe", 400),
])
def test_query_from_refuses(method: str, ctype: str | None, url: str, body: bytes, status: int) -> None:
    with pytest.raises(HykgError) as exc:
        query_from(method, ctype, url, body)
    assert exc.value.http_status == status


def test_host_names_and_loopback() -> None:
    assert [host_name(h) for h in ("127.0.0.1:80", "[::1]:8000", "Evil.Example:8000", "localhost")] == \
        ["127.0.0.1", "::1", "evil.example", "localhost"]
    assert [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "192.168.1.4")] == \
        [True, True, True, False, False]


def test_xml_results_escape_and_stay_well_formed() -> None:
    row = {"x": {"type": "literal", "value": "a<b>&\x01\"c", "xml:lang": "zh"}}
    root = ET.fromstring(solutions_bytes(Solutions(["x"], [row]), "xml", truncated=True))
    literal = root.find(f"{SRES}results/{SRES}result/{SRES}binding/{SRES}literal")
    assert literal is not None and literal.text == "a<b>&\ufffd\"c"
    assert root.find(f"{SRES}head/{SRES}link").get("href") == "urn:hykg:truncated"


def test_evaluate_cuts_at_the_row_cap_in_process(kg) -> None:
    answer = evaluate(kg, "SELECT ?s WHERE { ?s ?p ?o }", "json", 5)
    data = json.loads(answer.body)
    assert (len(data["results"]["bindings"]), data["truncated"], answer.truncated, answer.count) == (5, True, True, 5)
    with pytest.raises(QuerySyntaxError):
        evaluate(kg, "SELECT WHERE", "json", 5)


# ---------------------------------------------------------------------- the live endpoint
def test_get_post_form_and_post_direct_agree(client: httpx.Client) -> None:
    got = client.get("/sparql", params={"query": FED_BY})
    form = client.post("/sparql", data={"query": FED_BY})
    direct = client.post("/sparql", content=FED_BY.encode(), headers={"Content-Type": "application/sparql-query"})
    answers = [r.json()["results"]["bindings"] for r in (got, form, direct)]
    assert answers[0] == answers[1] == answers[2]
    assert [b["s"]["value"].rsplit("/", 1)[1] for b in answers[0]] == ["jianheng", "kingboard", "kingboard", "kingboard"]
    assert got.headers["content-type"] == "application/sparql-results+json"
    assert got.headers["x-hykg-truncated"] == "false" and got.headers["x-hykg-rows"] == "4"


def test_results_formats_by_accept(client: httpx.Client) -> None:
    xml = client.get("/sparql", params={"query": PARKS}, headers={"Accept": "application/sparql-results+xml"})
    assert xml.headers["content-type"] == "application/sparql-results+xml"
    results = ET.fromstring(xml.content).findall(f"{SRES}results/{SRES}result")
    csv = client.get("/sparql", params={"query": PARKS}, headers={"Accept": "text/csv"})
    tsv = client.get("/sparql", params={"query": PARKS}, headers={"Accept": "text/tab-separated-values"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    csv_lines, tsv_lines = csv.text.splitlines(), tsv.text.splitlines()
    assert csv_lines[0] == "p" and tsv_lines[0] == "?p"
    assert len(results) == len(csv_lines) - 1 == len(tsv_lines) - 1 > 10
    assert tsv_lines[1].startswith("<https://w3id.org/hykg/id/park/") and csv_lines[1].startswith("https://")
    ask = client.get("/sparql", params={"query": "ASK { ent:hengguang hykg:inPark park:songmu }"},
                     headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(ask.content).find(f"{SRES}boolean").text == "true"


@pytest.mark.parametrize("accept,rdflib_format,ctype", [
    ("text/turtle", "turtle", "text/turtle"),
    ("application/ld+json", "json-ld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("application/rdf+xml", "xml", "application/rdf+xml"),
])
def test_construct_formats(client: httpx.Client, accept: str, rdflib_format: str, ctype: str) -> None:
    from rdflib import Graph, URIRef

    r = client.post("/sparql", data={"query": FLOWS_GRAPH}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    g = Graph().parse(data=r.text, format=rdflib_format)
    assert len(g) == int(r.headers["x-hykg-rows"]) == 12
    flow = URIRef("https://w3id.org/hykg/id/flow/kingboard-hengguang-h2o2")
    assert g.value(flow, URIRef("https://w3id.org/hykg/ont#consumer")) == URIRef("https://w3id.org/hykg/id/ent/hengguang")


def test_406_for_an_unsupported_type(client: httpx.Client) -> None:
    assert_error(client.get("/sparql", params={"query": PARKS}, headers={"Accept": "text/turtle"}), 406, "not_acceptable")
    assert_error(client.get("/sparql", params={"query": FLOWS_GRAPH}, headers={"Accept": "text/csv"}), 406)


def test_service_description(client: httpx.Client, server: LiveServer) -> None:
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    g = Graph().parse(data=r.text, format="turtle", publicID=server.url + "/sparql")
    me = URIRef(server.url + "/sparql")
    assert (me, RDF.type, sd.Service) in g and (me, sd.endpoint, me) in g
    assert (me, sd.supportedLanguage, sd.SPARQL11Query) in g
    names = {str(o) for o in g.objects(None, sd.name)}
    assert "https://w3id.org/hykg/graph/hengyang" in names


@pytest.mark.parametrize("request_args,status,code", [
    # the W3C SPARQL 1.1 protocol test suite's negative cases, and the read-only rules
    ({"method": "PUT", "url": "/sparql", "params": {"query": PARKS}}, 405, "method_not_allowed"),
    ({"method": "DELETE", "url": "/sparql"}, 405, "method_not_allowed"),
    ({"method": "POST", "url": "/sparql", "content": b"query=ASK%7B%7D"}, 415, "unsupported_media_type"),
    ({"method": "POST", "url": "/sparql", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
     415, "unsupported_media_type"),
    ({"method": "GET", "url": "/sparql", "params": {"query": "SELECT ?s WHERE { ?s ?p"}}, 400, "syntax_error"),
    ({"method": "POST", "url": "/sparql", "data": {"query": "SELEKT * {}"}}, 400, "syntax_error"),
    ({"method": "GET", "url": "/sparql", "params": {"update": "DROP ALL"}}, 403, "update_forbidden"),
    ({"method": "POST", "url": "/sparql", "data": {"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, 403,
     "update_forbidden"),
    ({"method": "POST", "url": "/sparql", "content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
     403, "update_forbidden"),
    ({"method": "GET", "url": "/sparql", "params": {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, 403, "update_forbidden"),
    ({"method": "GET", "url": "/sparql", "params": [("query", PARKS), ("query", PARKS)]}, 400, "bad_request"),
    ({"method": "GET", "url": "/sparql", "params": {"query": PARKS, "default-graph-uri": "http://example.org/"}}, 403,
     "refused"),
    ({"method": "GET", "url": "/sparql", "params": {"query": PARKS, "named-graph-uri": "https://w3id.org/hykg/graph/nope"}},
     404, "unknown_graph"),
    ({"method": "GET", "url": "/no/such/page"}, 404, "not_found"),
])
def test_protocol_negative_cases(client: httpx.Client, request_args: dict, status: int, code: str) -> None:
    assert_error(client.request(**request_args), status, code)


def test_row_cap_marks_truncation(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    data = r.json()
    assert len(data["results"]["bindings"]) == MAX_ROWS and data["truncated"] is True
    assert (r.headers["x-hykg-truncated"], r.headers["x-hykg-max-rows"], r.headers["x-hykg-rows"]) == \
        ("true", str(MAX_ROWS), str(MAX_ROWS))
    csv = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert len(csv.text.splitlines()) == MAX_ROWS + 1 and csv.headers["x-hykg-truncated"] == "true"


def test_request_size_caps(client: httpx.Client, server: LiveServer) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300_000
    assert_error(client.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"}),
                 413, "too_large")
    assert_error(client.post("/sparql", data={"query": big}), 413, "too_large")
    long_query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 150_000
    assert_error(client.post("/sparql", data={"query": long_query}), 413, "too_large")
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)  # httpx refuses such URLs itself
    conn.request("GET", "/sparql?query=ASK%7B%7D%23" + "x" * 300_000)
    long_url = conn.getresponse()
    assert long_url.status == 414 and json.loads(long_url.read())["error"] == "uri_too_long"
    conn.close()
    assert client.get("/sparql", params={"query": PARKS}).status_code == 200


def test_host_header_checked_on_loopback(client: httpx.Client, server: LiveServer) -> None:
    body = assert_error(client.get("/sparql", params={"query": PARKS}, headers={"Host": "evil.example"}), 400, "bad_host")
    assert "DNS rebinding" in body["message"]
    assert client.get("/health", headers={"Host": f"localhost:{server.port}"}).status_code == 200


def test_no_cors_unless_asked(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": PARKS}, headers={"Origin": "http://elsewhere.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = client.options("/sparql", headers={"Origin": "http://elsewhere.example",
                                             "Access-Control-Request-Method": "POST"})
    assert_error(pre, 405)
    assert "access-control-allow-origin" not in pre.headers


# ---------------------------------------------------------------------- real SPARQL clients
def test_sparqlwrapper_select_ask_construct(server: LiveServer) -> None:
    from rdflib import Graph
    from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery("PREFIX hykg: <https://w3id.org/hykg/ont#> PREFIX ent: <https://w3id.org/hykg/id/ent/> " + FED_BY)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert len(rows) == 4 and rows[0]["s"]["value"] == "https://w3id.org/hykg/id/ent/jianheng"
    sw.setMethod(POST)
    assert len(sw.query().convert()["results"]["bindings"]) == 4
    sw.setReturnFormat(XML)  # SPARQLWrapper's default format: parsed with minidom
    doc = sw.query().convert()
    assert len(doc.getElementsByTagName("result")) == 4
    sw.setQuery("ASK { <https://w3id.org/hykg/id/ent/hengguang> <https://w3id.org/hykg/ont#inPark> "
                "<https://w3id.org/hykg/id/park/songmu> }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True
    sw.setQuery(FLOWS_GRAPH)
    sw.setReturnFormat(TURTLE)
    assert len(Graph().parse(data=sw.query().convert(), format="turtle")) == 12


def test_sparqlwrapper_sees_refusals(server: LiveServer) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setReturnFormat(JSON)
    sw.setQuery("SELECT ?s WHERE { ?s ?p")
    with pytest.raises(QueryBadFormed):
        sw.query()
    sw.setQuery("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(urllib.error.HTTPError) as exc:  # SPARQLWrapper passes a 403 through as it is
        sw.query()
    assert exc.value.code == 403 and "SERVICE is not allowed" in json.loads(exc.value.read())["message"]


def test_rdflib_sparqlstore(server: LiveServer) -> None:
    from rdflib import Dataset, Graph, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    for graph in (Graph(store=SPARQLStore(server.url + "/sparql")), Dataset(store=SPARQLStore(server.url + "/sparql"))):
        rows = list(graph.query("SELECT ?s WHERE { ?f <https://w3id.org/hykg/ont#consumer> "
                                "<https://w3id.org/hykg/id/ent/hengguang> ; <https://w3id.org/hykg/ont#supplier> ?s }"))
        assert sorted(str(r[0]).rsplit("/", 1)[1] for r in rows) == ["jianheng", "kingboard", "kingboard", "kingboard"]
        constructed = graph.query(FLOWS_GRAPH).graph  # hykg: is predeclared by the server
        assert constructed is not None and len(constructed) == 12
    ds = Dataset(store=SPARQLStore(server.url + "/sparql"))
    hengguang = URIRef("https://w3id.org/hykg/id/ent/hengguang")
    park = ds.value(hengguang, URIRef("https://w3id.org/hykg/ont#inPark"))
    assert park == URIRef("https://w3id.org/hykg/id/park/songmu")
    assert ds.query("ASK { ?s a <https://w3id.org/hykg/ont#Park> }").askAnswer is True


def test_serve_command_help_and_a_missing_graph(runner, tmp_path: Path) -> None:
    help_text = runner.invoke(main, ["serve", "--help"]).output
    for option in ("--host", "--port", "--timeout", "--max-rows", "--cors", "--query-workers"):
        assert option in help_text
    r = runner.invoke(main, ["--graph", str(tmp_path / "missing.nq.gz"), "serve", "--port", "0"])
    assert r.exit_code == 1 and "Error:" in r.output and "missing.nq.gz" in r.output


def test_oversized_headers_refused_and_server_keeps_answering(client: httpx.Client, server: LiveServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest("GET", "/health")
    for i in range(40):
        conn.putheader(f"X-Filler-{i}", "y" * 8000)  # 320 kB of headers, past the server's 256 kB body cap
    conn.endheaders()
    assert conn.getresponse().status == 400
    conn.close()
    assert client.get("/health").status_code == 200
