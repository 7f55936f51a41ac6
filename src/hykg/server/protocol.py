"""SPARQL 1.1 Protocol at /sparql: reading GET / POST-form / POST-direct requests, content negotiation."""

from __future__ import annotations

import codecs
import functools
from collections.abc import AsyncIterator
from urllib.parse import parse_qsl

from ..errors import RequestError, UpdateRefused
from ..query.safety import check_graph_iri
from ..rdf.sparqltext import Dataset
from .results import GRAPH_FORMATS, SOLUTION_FORMATS

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
UNION_DEFAULT = "urn:x-rdflib:default"  # what rdflib's SPARQLStore sends for a Dataset's default graph
MAX_PARAMS = 100

#: The media types each format answers to (the first is the one written in Content-Type).
MEDIA: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle", "application/x-turtle"),
    "json-ld": ("application/ld+json", "application/json"),
    "ntriples": ("application/n-triples", "text/plain"),
    "rdfxml": ("application/rdf+xml",),
}
#: The formats each query form can be written in, in the server's order of preference.
OFFERS: dict[str, tuple[str, ...]] = {
    "SELECT": tuple(SOLUTION_FORMATS),
    "ASK": ("json", "xml"),
    "CONSTRUCT": tuple(GRAPH_FORMATS),
    "DESCRIBE": tuple(GRAPH_FORMATS),
    "": (*SOLUTION_FORMATS, *GRAPH_FORMATS),
}


def media_type(content_type: str | None) -> str:
    """The bare, lower-cased media type of a Content-Type header ('' when absent).

    >>> media_type("Application/SPARQL-Query; charset=UTF-8")
    'application/sparql-query'
    """
    return (content_type or "").split(";", 1)[0].strip().lower()


async def read_body(chunks: AsyncIterator[bytes], limit: int) -> bytes:
    """The whole request body, refused with 413 as soon as it passes ``limit`` bytes."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise RequestError(413, "too_large", f"request body larger than {limit} bytes")
    return bytes(body)


def _params(text: str) -> list[tuple[str, str]]:
    return list(_parsed(text))


def _unquote(text: str) -> str:
    """One form-encoded name or value decoded (``+`` a space, ``%XX`` a byte, UTF-8) by the C codec of
    ``\\xXX`` escapes: a fifth of ``urllib``'s time for a query full of escapes. ValueError for a
    malformed ``%`` escape.

    >>> _unquote("ASK+%7B+%3Chttps%3A%2F%2Fx%3E+%22%E6%81%92%E5%85%89%22+%7D")
    'ASK { <https://x> "恒光" }'
    """
    text = text.replace("+", " ")
    if "%" not in text:
        return text
    raw = text.encode("utf-8").replace(b"\\", b"\\\\").replace(b"%", b"\\x")
    return codecs.escape_decode(raw)[0].decode("utf-8")


def _split(text: str) -> tuple[tuple[str, str], ...]:
    """``parse_qsl(text, keep_blank_values=True, errors="strict")`` for well-formed query strings, faster."""
    if text.count("&") >= MAX_PARAMS:
        raise ValueError("too many fields")
    pairs = []
    for part in text.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((_unquote(name), _unquote(value)))
    return tuple(pairs)


@functools.lru_cache(maxsize=16)
def _parsed(text: str) -> tuple[tuple[str, str], ...]:
    """A query string's parameters, decoded once per request (the query and its dataset read both)."""
    try:
        try:
            return _split(text)
        except UnicodeDecodeError:
            raise
        except ValueError:  # a malformed escape (left as written, as urllib does) or too many fields
            return tuple(parse_qsl(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_PARAMS))
    except UnicodeDecodeError as exc:
        raise RequestError(400, "bad_request", "parameters are not valid UTF-8") from exc
    except ValueError as exc:
        raise RequestError(400, "bad_request", f"more than {MAX_PARAMS} parameters") from exc


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, "bad_request", "the request body is not valid UTF-8") from exc


def _refuse_update() -> UpdateRefused:
    return UpdateRefused("updates are not allowed: this endpoint is read-only")


def dataset_from(method: str, content_type: str | None, url_query: str, body: bytes) -> Dataset | None:
    """The graphs a protocol request names (``default-graph-uri``, ``named-graph-uri``: they override the
    query's FROM / FROM NAMED), or None. rdflib's name for a Dataset's default graph
    (``urn:x-rdflib:default``) stands for hykg's default, the union of every graph.

    >>> dataset_from("GET", None, "query=ASK%7B%7D&default-graph-uri=https%3A%2F%2Fw3id.org%2Fhykg%2Fgraph%2Fx", b"")
    Dataset(default=('https://w3id.org/hykg/graph/x',), named=())
    >>> dataset_from("GET", None, "query=ASK%7B%7D", b"") is None
    True
    """
    params = _params(url_query)
    if method == "POST" and media_type(content_type) == FORM:
        params += _params(_text(body))
    default = [v for k, v in params if k == "default-graph-uri" and v != UNION_DEFAULT]
    named = [v for k, v in params if k == "named-graph-uri"]
    if not default and not named:
        return None
    for name, graphs in (("default-graph-uri", default), ("named-graph-uri", named)):
        for g in graphs:
            check_graph_iri(g, name)
    return Dataset(tuple(dict.fromkeys(default)), tuple(dict.fromkeys(named)))


def query_from(method: str, content_type: str | None, url_query: str, body: bytes) -> str | None:
    """The query of a protocol request, or None for a plain GET (the service description).

    Raises RequestError: 405 bad method, 415 missing/unknown Content-Type, 403 any update,
    400 a missing, repeated or empty query.

    >>> query_from("GET", None, "query=ASK%7B%7D", b"")
    'ASK{}'
    >>> query_from("POST", "application/sparql-query", "", "ASK {}".encode())
    'ASK {}'
    >>> query_from("GET", None, "update=DROP+ALL", b"")
    Traceback (most recent call last):
    ...
    hykg.errors.UpdateRefused: updates are not allowed: this endpoint is read-only
    """
    url = _params(url_query)
    if method in ("GET", "HEAD"):
        params = url
    elif method == "POST":
        kind = media_type(content_type)
        if kind == UPDATE:
            raise _refuse_update()
        if kind not in (FORM, DIRECT):
            what = f"Content-Type {kind!r}" if kind else "a missing Content-Type"
            raise RequestError(415, "unsupported_media_type",
                               f"cannot read a POST with {what}: send {FORM} (query=...) or {DIRECT}")
        if any(name in ("query", "update") for name, _ in url):
            raise RequestError(400, "bad_request", "a POST carries its query in the body, not in the URL")
        if kind == DIRECT:
            text = _text(body)
            if not text.strip():
                raise RequestError(400, "missing_query", "the request body holds no query")
            return text
        params = url + _params(_text(body))
    else:
        raise RequestError(405, "method_not_allowed", f"{method} is not allowed on /sparql: use GET or POST",
                           {"Allow": "GET, HEAD, POST"})
    if any(name == "update" for name, _ in params):
        raise _refuse_update()
    queries = [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise RequestError(400, "bad_request", "more than one query parameter")
    if not queries:
        if method == "POST":
            raise RequestError(400, "missing_query", "no query parameter in the form")
        return None
    if not queries[0].strip():
        raise RequestError(400, "missing_query", "the query parameter is empty")
    return queries[0]


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        fields = part.split(";")
        kind = fields[0].strip().lower()
        if kind == "*":
            kind = "*/*"
        if "/" not in kind:
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((kind, q))
    return out


def _quality(kind: str, ranges: list[tuple[str, float]]) -> float:
    major = kind.split("/", 1)[0]
    best, specificity = 0.0, -1
    for r, q in ranges:
        if r == kind:
            s = 2
        elif r == f"{major}/*":
            s = 1
        elif r == "*/*":
            s = 0
        else:
            continue
        if s > specificity:
            best, specificity = q, s
    return best


@functools.lru_cache(maxsize=64)
def negotiate(accept: str | None, form: str) -> str:
    """The format to answer a query of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE or '') in; 406 if none.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT")
    'xml'
    >>> negotiate(None, "CONSTRUCT"), negotiate("*/*", "ASK")
    ('turtle', 'json')
    """
    offers = OFFERS.get(form, OFFERS[""])
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    best, best_q = "", 0.0
    for fmt in offers:
        q = max(_quality(kind, ranges) for kind in MEDIA[fmt])
        if q > best_q:
            best, best_q = fmt, q
    if not best:
        available = ", ".join(MEDIA[f][0] for f in offers)
        raise RequestError(406, "not_acceptable",
                           f"cannot write a {form or 'query'} result as {accept!r}; available: {available}")
    return best


def service_description(graphs: list[str], triples: int) -> str:
    """The SPARQL 1.1 Service Description of the endpoint, in Turtle (``<>`` is the endpoint itself).

    >>> "sd:endpoint <>" in service_description(["https://w3id.org/hykg/graph/hengyang"], 10)
    True
    """
    named = "".join(f"\n    sd:namedGraph [ a sd:NamedGraph ; sd:name <{g}> ] ;" for g in graphs if ">" not in g)
    formats = ", ".join(f"formats:{f}" for f in (
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
        "Turtle", "JSON-LD", "N-Triples", "RDF_XML"))
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<> a sd:Service ;
  sd:endpoint <> ;
  dcterms:title "衡阳产业知识图谱 SPARQL 端点"@zh, "Hengyang Industrial Knowledge Graph SPARQL endpoint"@en ;
  dcterms:description "Read-only: updates, SERVICE, LOAD and remote FROM are refused; queries are time- and row-limited."@en ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:resultFormat {formats} ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [
    a sd:Dataset ;
    sd:defaultGraph [ a sd:Graph ; void:triples {int(triples)} ] ;{named}
  ] .
"""
