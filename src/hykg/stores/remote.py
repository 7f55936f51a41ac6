"""The ``sparql:URL`` store: any SPARQL 1.1 endpoint through the protocol; loading through the
Graph Store Protocol (GSP)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import DataError, HykgError, QuerySyntaxError
from ..rdf import vocab
from ..rdf.sparqltext import Dataset
from ..rdf.vocab import with_prologue
from .base import RDF_LANGSTRING, XSD_STRING, QueryResult, Solutions, Term, Triples, read_graph_file, requested_dataset

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/plain;q=0.1"


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HykgError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")
    return url


def json_term(t: dict[str, Any]) -> Term:
    """A W3C SPARQL JSON term, normalised (``typed-literal`` -> literal, no xsd:string datatype).

    >>> json_term({"type": "typed-literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
    {'type': 'literal', 'value': '1', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
    """
    kind = "literal" if t.get("type") == "typed-literal" else str(t.get("type"))
    term: Term = {"type": kind, "value": str(t.get("value", ""))}
    if kind == "literal":
        if t.get("xml:lang"):
            term["xml:lang"] = str(t["xml:lang"]).lower()
        elif t.get("datatype") and t["datatype"] not in (XSD_STRING, RDF_LANGSTRING):
            term["datatype"] = str(t["datatype"])
    return term


def default_gsp_url(query_url: str) -> str:
    """The Graph Store Protocol URL next to a query URL (Oxigraph: /query -> /store).

    >>> default_gsp_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/store'
    """
    base, _, last = query_url.rstrip("/").rpartition("/")
    if last in ("query", "sparql"):
        return f"{base}/store"
    raise HykgError(f"cannot tell the Graph Store Protocol URL of {query_url}: give it (--gsp URL)")


class SparqlStore:
    """A remote SPARQL 1.1 endpoint, read-only.

    The default graph is the union of the endpoint's hykg named graphs (``https://w3id.org/hykg/graph/...``),
    asked for with the protocol's ``default-graph-uri`` / ``named-graph-uri`` parameters; an endpoint
    without such graphs is queried as it is.
    """

    def __init__(self, url: str, timeout: float | None = None) -> None:
        self.url = _check_url(url)
        self.timeout = settings.get("remote.timeout") if timeout is None else timeout
        self.description = f"sparql: {url}"
        self._graphs: list[str] | None = None

    # ------------------------------------------------------------------ protocol
    def _post(self, sparql: str, dataset: list[str] | Dataset) -> tuple[str, bytes]:
        """POST the query; ``dataset``: graphs for both the default (merged) and the named graphs, or a
        Dataset saying which is which."""
        default, named = (dataset.default, dataset.named) if isinstance(dataset, Dataset) else (dataset, dataset)
        params = [("query", sparql)]
        params += [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in named]
        body = urllib.parse.urlencode(params).encode("utf-8")
        req = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": ACCEPT})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if exc.code == 400:
                raise QuerySyntaxError(f"{self.url}: {detail or exc.reason}") from exc
            raise HykgError(f"{self.url}: HTTP {exc.code} {exc.reason}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise HykgError(f"cannot reach the SPARQL endpoint {self.url}: {reason}") from exc

    def graphs(self) -> list[str]:
        """The endpoint's hykg named graphs (asked once)."""
        if self._graphs is None:
            _, raw = self._post("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", [])
            rows = json.loads(raw)["results"]["bindings"]
            self._graphs = sorted(r["g"]["value"] for r in rows if r["g"]["value"].startswith(vocab.GRAPH))
        return self._graphs

    def query(self, sparql: str, prefixes: dict[str, str], max_rows: int | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        """Run a query on the endpoint; ``max_rows`` keeps at most that many rows (or triples);
        ``dataset``: the graphs to ask for (else the query's own FROM, else the union of hykg's graphs)."""
        chosen = requested_dataset(sparql, dataset, self.graphs)
        ctype, raw = self._post(with_prologue(sparql, prefixes), chosen if chosen is not None else self.graphs())
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/sparql-results+json", "application/json"):
            data = json.loads(raw)
            if "boolean" in data:
                return bool(data["boolean"])
            names = list(data.get("head", {}).get("vars", []))
            bindings = data.get("results", {}).get("bindings", [])[:max_rows]
            rows = [{k: json_term(v) for k, v in b.items()} for b in bindings]
            return Solutions(names, rows)
        if ctype in ("application/n-triples", "text/plain"):
            return Triples(_parse_ntriples(raw)[:max_rows])
        raise HykgError(f"{self.url}: unexpected response type {ctype!r}")

    def __len__(self) -> int:
        graphs = self.graphs()
        q = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }" if graphs
             else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        result = self.query(q, {})
        assert isinstance(result, Solutions)
        return int(result.rows[0]["n"]["value"])


def _parse_ntriples(raw: bytes) -> list[tuple[Term, Term, Term]]:
    import pyoxigraph as ox

    from .oxigraph import _ox_term

    return [(_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
            for t in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)]


# ---------------------------------------------------------------------- loading (Graph Store Protocol)
def push_files(gsp_url: str, paths: Iterable[Path], progress: Callable[[str], None] | None = None,
               timeout: float = 600.0) -> dict[str, int]:
    """Replace each named graph found in ``paths`` on the endpoint (HTTP PUT ``?graph=IRI``, N-Triples).

    Returns the triples sent per graph. Quads in the default graph are refused: hykg's files
    keep every triple in a named graph.
    """
    import pyoxigraph as ox

    _check_url(gsp_url)
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
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            raise HykgError(f"{gsp_url}: loading {graph} failed: HTTP {exc.code} {exc.reason}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise HykgError(f"cannot reach the Graph Store endpoint {gsp_url}: {getattr(exc, 'reason', exc)}") from exc
        sent[graph] = len(triples)
    return sent
