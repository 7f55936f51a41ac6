"""The ``sparql:URL`` store: any SPARQL 1.1 endpoint through the protocol; loading through the
Graph Store Protocol (GSP)."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import DataError, QuerySyntaxError
from ..rdf import vocab
from ..rdf.sparqltext import Dataset
from ..rdf.vocab import with_prologue
from .base import RDF_LANGSTRING, XSD_STRING, QueryResult, Solutions, Term, Triples, read_graph_file, requested_dataset
from .remote_http import Http, RemoteError, check_url

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.1"
TERM_TYPES = ("uri", "literal", "typed-literal", "bnode")


def json_term(t: Any, where: str = "the endpoint") -> Term:
    """A W3C SPARQL JSON term, normalised (``typed-literal`` -> literal, no xsd:string datatype); anything
    that is not such a term is a :class:`~hykg.stores.remote_http.RemoteError`.

    >>> json_term({"type": "typed-literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
    {'type': 'literal', 'value': '1', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    >>> json_term({"value": "x"})
    Traceback (most recent call last):
    ...
    hykg.stores.remote_http.RemoteError: the endpoint answered a malformed term {'value': 'x'}: needs a type (uri, literal, typed-literal, bnode) and a string value
    """
    if not (isinstance(t, dict) and t.get("type") in TERM_TYPES and isinstance(t.get("value"), str)):
        raise RemoteError(f"{where} answered a malformed term {str(t)[:200]}: needs a type "
                          f"({', '.join(TERM_TYPES)}) and a string value")
    kind = "literal" if t["type"] == "typed-literal" else str(t["type"])
    term: Term = {"type": kind, "value": t["value"]}
    if kind == "literal":
        if t.get("xml:lang"):
            term["xml:lang"] = str(t["xml:lang"]).lower()
        elif t.get("datatype") and t["datatype"] not in (XSD_STRING, RDF_LANGSTRING):
            term["datatype"] = str(t["datatype"])
    return term


def parse_json_results(raw: bytes, where: str = "the endpoint") -> Solutions | bool:
    """A SPARQL 1.1 JSON results document, checked: every row binds only declared variables, to valid terms.

    >>> parse_json_results(b'{"head": {"vars": ["g"]}, "results": {"bindings": [{}]}}').rows
    [{}]
    >>> parse_json_results(b'<html>')
    Traceback (most recent call last):
    ...
    hykg.stores.remote_http.RemoteError: the endpoint answered something that is not SPARQL JSON results (Expecting value: line 1 column 1 (char 0)): <html>
    """
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RemoteError(f"{where} answered something that is not SPARQL JSON results ({exc}): "
                          f"{raw[:200].decode('utf-8', 'replace')}") from exc
    if isinstance(data, dict) and isinstance(data.get("boolean"), bool):
        return bool(data["boolean"])
    head = data.get("head") if isinstance(data, dict) else None
    results = data.get("results") if isinstance(data, dict) else None
    names = head.get("vars", []) if isinstance(head, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not (isinstance(names, list) and all(isinstance(n, str) for n in names) and isinstance(bindings, list)):
        raise RemoteError(f"{where} answered JSON without head.vars and results.bindings: {str(data)[:200]}")
    rows = []
    for b in bindings:
        if not isinstance(b, dict) or not set(b) <= set(names):
            raise RemoteError(f"{where} answered a row {str(b)[:200]} that is not bindings of {names}")
        rows.append({k: json_term(v, where) for k, v in b.items()})
    return Solutions(list(names), rows)


def gsp_candidates(query_url: str) -> list[str]:
    """Where a Graph Store Protocol endpoint may live next to a query URL, most likely first:
    Oxigraph's ``/store`` next to ``/query``; Virtuoso's ``/sparql-graph-crud-auth`` (digest
    auth) and ``/sparql-graph-crud`` next to ``/sparql``.

    >>> gsp_candidates("http://127.0.0.1:7878/query")
    ['http://127.0.0.1:7878/store']
    >>> gsp_candidates("http://127.0.0.1:8890/sparql")[:2]
    ['http://127.0.0.1:8890/sparql-graph-crud-auth', 'http://127.0.0.1:8890/sparql-graph-crud']
    """
    base, _, last = query_url.split("?")[0].rstrip("/").rpartition("/")
    if last == "query":
        return [f"{base}/store"]
    if last in ("sparql", "sparql-auth"):
        return [f"{base}/sparql-graph-crud-auth", f"{base}/sparql-graph-crud", f"{base}/store"]
    return [f"{base}/store"]


def default_gsp_url(query_url: str, http: Http | None = None) -> str:
    """The Graph Store Protocol URL serving the query URL's data: the first of :func:`gsp_candidates` that
    exists (a ``HEAD ?default`` answered with anything but 404); give it (``--gsp URL``) when none does."""
    http = http or Http(settings.get("remote.timeout"))
    for url in gsp_candidates(check_url(query_url)):
        try:
            status, _, _ = http.request("HEAD", url + "?default", auth=False)
        except RemoteError:
            continue
        if status != 404:
            return url
    raise RemoteError(f"cannot find the Graph Store Protocol URL of {query_url} "
                      f"(tried {', '.join(gsp_candidates(query_url))}): give it (--gsp URL)")


class SparqlStore:
    """A remote SPARQL 1.1 endpoint, read-only.

    The default graph is the union of the endpoint's hykg named graphs (``https://w3id.org/hykg/graph/...``),
    asked for with the protocol's ``default-graph-uri`` / ``named-graph-uri`` parameters; an endpoint
    without such graphs is queried as it is. Credentials come from the environment or a netrc file
    (:func:`~hykg.stores.remote_http.credentials_for`); redirects are not followed.
    """

    def __init__(self, url: str, timeout: float | None = None) -> None:
        self.url = check_url(url)
        self.timeout = settings.get("remote.timeout") if timeout is None else timeout
        self.description = f"sparql: {url}"
        self._graphs: list[str] | None = None
        self._http = Http(self.timeout)

    # ------------------------------------------------------------------ protocol
    def _post(self, sparql: str, dataset: list[str] | Dataset) -> tuple[str, bytes]:
        """POST the query; ``dataset``: graphs for both the default (merged) and the named graphs, or a
        Dataset saying which is which."""
        default, named = (dataset.default, dataset.named) if isinstance(dataset, Dataset) else (dataset, dataset)
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]
        body = urllib.parse.urlencode(params).encode("utf-8")
        status, headers, raw = self._http.request("POST", self.url, body, {
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": ACCEPT})
        if status != 200:
            detail = raw.decode("utf-8", "replace").strip()[:500]
            if status == 400:
                raise QuerySyntaxError(f"{self.url}: {detail or 'HTTP 400'}")
            raise RemoteError(f"{self.url}: HTTP {status}: {detail}")
        return headers.get("Content-Type", ""), raw

    def graphs(self) -> list[str]:
        """The endpoint's hykg named graphs (asked once). Rows without ``?g`` (Virtuoso answers
        ``GRAPH ?g {}`` with one empty row) are skipped."""
        if self._graphs is None:
            rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
            if any("g" not in r for r in rows):  # Virtuoso: one empty row; ask for graphs that hold triples
                # (GROUP BY: Virtuoso answers it from an index in ms, DISTINCT takes seconds)
                rows = self._select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
            self._graphs = sorted({r["g"]["value"] for r in rows
                                   if "g" in r and r["g"]["type"] == "uri" and r["g"]["value"].startswith(vocab.GRAPH)})
        return self._graphs

    def _select(self, sparql: str, dataset: list[str] | None = None) -> list[dict[str, Term]]:
        result = self._result(*self._post(sparql, dataset or []))
        if not isinstance(result, Solutions):
            raise RemoteError(f"{self.url} answered a SELECT with a boolean")
        return result.rows

    def query(self, sparql: str, prefixes: dict[str, str], max_rows: int | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        """Run a query on the endpoint; ``max_rows`` keeps at most that many rows (or triples);
        ``dataset``: the graphs to ask for (else the query's own FROM, else the union of hykg's graphs)."""
        chosen = requested_dataset(sparql, dataset, self.graphs)
        return self._result(*self._post(with_prologue(sparql, prefixes), chosen if chosen is not None else self.graphs()),
                            max_rows=max_rows)

    def _result(self, ctype: str, raw: bytes, max_rows: int | None = None) -> QueryResult:
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/sparql-results+json", "application/json"):
            result = parse_json_results(raw, self.url)
            if isinstance(result, Solutions):
                result.rows = result.rows[:max_rows]
            return result
        if ctype in ("application/n-triples", "text/plain"):
            return Triples(_parse_ntriples(raw, self.url)[:max_rows])
        raise RemoteError(f"{self.url}: unexpected response type {ctype!r}")

    def __len__(self) -> int:
        graphs = self.graphs()
        q = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }" if graphs
             else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        result = self.query(q, {})
        if not (isinstance(result, Solutions) and len(result.rows) == 1 and "n" in result.rows[0]
                and result.rows[0]["n"]["value"].isdigit()):
            raise RemoteError(f"{self.url} answered a COUNT with {result}")
        return int(result.rows[0]["n"]["value"])


def _parse_ntriples(raw: bytes, where: str = "the endpoint") -> list[tuple[Term, Term, Term]]:
    import pyoxigraph as ox

    from .oxigraph import _ox_term

    try:
        return [(_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
                for t in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(f"{where} answered triples that are not valid N-Triples: {exc}") from exc


# ---------------------------------------------------------------------- loading (Graph Store Protocol)
def push_files(gsp_url: str | None, paths: Iterable[Path], progress: Callable[[str], None] | None = None,
               timeout: float = 600.0, query_url: str | None = None) -> dict[str, int]:
    """Replace each named graph found in ``paths`` on the endpoint (HTTP PUT ``?graph=IRI``, N-Triples).

    ``gsp_url``: the Graph Store Protocol URL, or None to find it next to ``query_url``
    (:func:`default_gsp_url`). Credentials as for queries: a server that asks for them (Virtuoso's
    ``/sparql-graph-crud-auth``) gets them from the environment or the netrc file; the anonymous user
    needs no write right. Returns the triples sent per graph. Quads in the default graph are refused:
    hykg's files keep every triple in a named graph.
    """
    import pyoxigraph as ox

    http = Http(timeout)
    if gsp_url is None:
        if query_url is None:
            raise ValueError("push_files needs gsp_url or query_url")
        gsp_url = default_gsp_url(query_url, http)
    check_url(gsp_url)
    by_graph: dict[str, list[Any]] = {}
    for path in paths:
        try:
            for q in ox.parse(read_graph_file(path), format=ox.RdfFormat.N_QUADS):
                if isinstance(q.graph_name, ox.DefaultGraph):
                    raise DataError(f"{path}: a quad in the default graph; hykg files use named graphs only")
                by_graph.setdefault(q.graph_name.value, []).append(q.triple)
        except SyntaxError as exc:
            raise DataError(f"{path}: not valid N-Quads: {exc}") from exc
    sent = {}
    for graph, triples in sorted(by_graph.items()):
        if progress:
            progress(f"PUT {graph}: {len(triples)} triples")
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        url = gsp_url + ("&" if "?" in gsp_url else "?") + urllib.parse.urlencode({"graph": graph})
        status, _, raw = http.request("PUT", url, body, {"Content-Type": "application/n-triples"})
        if status not in (200, 201, 204):
            detail = raw.decode("utf-8", "replace").strip()[:500]
            raise RemoteError(f"{gsp_url}: loading {graph} failed: HTTP {status}: {detail}")
        sent[graph] = len(triples)
    return sent
