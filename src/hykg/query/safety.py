"""Checks a SPARQL request must pass before any store sees it: read-only, local, bounded."""

from __future__ import annotations

import re

from ..errors import QueryRefused, UpdateRefused
from ..rdf import vocab
from ..rdf.sparqltext import dataset_clause, strip

MAX_DEPTH = 64
MAX_LENGTH = 100_000

_UPDATE = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_WORD = re.compile(r"(?<![?$:\w])([A-Za-z]+)(?![\w:])")
_REFUSED = ("SERVICE", *_UPDATE)
_FORM = re.compile(r"(?<![?$:\w])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", re.IGNORECASE)
_DOT_SEGMENT = re.compile(r"(^|/)(\.|%2e){1,2}(/|$|[?#])", re.IGNORECASE)


def nesting_depth(text: str) -> int:
    """The deepest nesting of (), {} and [] in already-stripped query text.

    >>> nesting_depth("SELECT * { { ?s ?p (1) } }")
    3
    """
    depth = best = 0
    for ch in text:
        if ch in "({[":
            depth += 1
            best = max(best, depth)
        elif ch in ")}]":
            depth -= 1
    return best


def check_graph_iri(target: str, what: str = "FROM") -> None:
    """Refuse a graph a query (FROM, FROM NAMED) or a request (default-graph-uri) names unless it is
    one of hykg's own, written plainly (no ``.`` / ``..`` segments that would lead elsewhere).

    >>> check_graph_iri("https://w3id.org/hykg/graph/x/../../../elsewhere")
    Traceback (most recent call last):
    ...
    hykg.errors.QueryRefused: FROM https://w3id.org/hykg/graph/x/../../../elsewhere is not allowed: only the graph's own named graphs (https://w3id.org/hykg/graph/...)
    """
    rest = target[len(vocab.GRAPH):] if target.startswith(vocab.GRAPH) else None
    if rest is None or _DOT_SEGMENT.search(rest) or "\\" in rest:
        raise QueryRefused(f"{what} {target} is not allowed: only the graph's own named graphs ({vocab.GRAPH}...)")


def check_query(query: str, max_depth: int = MAX_DEPTH, max_length: int = MAX_LENGTH) -> str:
    """Refuse updates, SERVICE, LOAD, remote FROM and over-deep or over-long requests; return the form.

    The form is one of SELECT, ASK, CONSTRUCT, DESCRIBE, or "" when none is found (a syntax error
    that the parser reports).

    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT'
    >>> check_query("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    hykg.errors.QueryRefused: SERVICE is not allowed: hykg never fetches from the network
    """
    if len(query) > max_length:
        raise QueryRefused(f"query longer than {max_length} characters")
    text, _ = strip(query)  # escapes expanded first, as the engines' parsers do
    if text.count("(") + text.count("{") + text.count("[") > max_depth:  # else it cannot be too deep
        depth = nesting_depth(text)
        if depth > max_depth:
            raise QueryRefused(f"query nested {depth} levels deep (limit {max_depth})")
    upper = text.upper()
    if any(kw in upper for kw in _REFUSED):  # substring tests first: the usual query has none of these
        words = {w.upper() for w in _WORD.findall(text)}
        if "SERVICE" in words:
            raise QueryRefused("SERVICE is not allowed: hykg never fetches from the network")
        for kw in _UPDATE:
            if kw in words:
                raise UpdateRefused(f"updates are not allowed ({kw}): hykg queries are read-only")
    for target in sorted(dataset_clause(query).graphs()):
        check_graph_iri(target)
    form = _FORM.search(text)
    return form.group(1).upper() if form else ""  # none: the parser will report the syntax error
