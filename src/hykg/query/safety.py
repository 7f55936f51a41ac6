"""Checks a SPARQL request must pass before any store sees it: read-only, local, bounded."""

from __future__ import annotations

import re

from ..errors import QueryRefused, UpdateRefused
from ..rdf import vocab

MAX_DEPTH = 64
MAX_LENGTH = 100_000

_STRIP = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<long>'''.*?'''|\"\"\".*?\"\"\")
  | (?P<str>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
    """,
    re.VERBOSE | re.DOTALL,
)
_UPDATE = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
_WORD = re.compile(r"(?<![?$:\w])([A-Za-z]+)(?![\w:])")
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?(<[^>]*>|[\w-]*:[\w.-]*)", re.IGNORECASE)


def _strip(query: str) -> tuple[str, list[str]]:
    """The query with comments and strings blanked and IRIs replaced by <>; and the IRIs."""
    iris: list[str] = []

    def repl(m: re.Match[str]) -> str:
        if m.group("iri"):
            iris.append(m.group("iri")[1:-1])
            return f"<{len(iris) - 1}>"
        return " " if m.group("comment") else '""'

    return _STRIP.sub(repl, query), iris


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
    text, iris = _strip(query)
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryRefused(f"query nested {depth} levels deep (limit {max_depth})")
    words = [w.upper() for w in _WORD.findall(text)]
    if "SERVICE" in words:
        raise QueryRefused("SERVICE is not allowed: hykg never fetches from the network")
    for kw in _UPDATE:
        if kw in words:
            raise UpdateRefused(f"updates are not allowed ({kw}): hykg queries are read-only")
    for m in _FROM.finditer(text):
        ref = m.group(1)
        target = iris[int(ref[1:-1])] if ref.startswith("<") and ref[1:-1].isdigit() else ref
        if not target.startswith(vocab.GRAPH):
            raise QueryRefused(
                f"FROM {target} is not allowed: only the graph's own named graphs ({vocab.GRAPH}...)"
            )
    for w in words:
        if w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return w
    return ""  # no query form: the parser will report the syntax error
