"""Reading SPARQL text without a parser: escapes expanded, comments and strings set apart, the dataset clause."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_STRIP = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<long>'''.*?'''|\"\"\".*?\"\"\")
  | (?P<str>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
    """,
    re.VERBOSE | re.DOTALL,
)
_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?(<\d+>|[\w-]*:[\w.-]*)", re.IGNORECASE)


def expand_escapes(query: str) -> str:
    r"""The query with its ``\uXXXX`` / ``\UXXXXXXXX`` escapes replaced by the characters, as a SPARQL
    parser does before it reads anything else (so ``\u0053ERVICE`` is SERVICE).

    >>> expand_escapes(r"SELECT * { \u0053ERVICE <x> {} }")
    'SELECT * { SERVICE <x> {} }'
    """
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group(0)

    return _ESCAPE.sub(char, query) if "\\" in query else query


def strip(query: str) -> tuple[str, list[str]]:
    """The query with comments and strings blanked and IRIs replaced by ``<n>``; and the IRIs
    (escapes expanded first). Remembered for the last few queries (a served query is checked, then
    its dataset read, from the same text).

    >>> strip('ASK { <http://a> ?p "x" } # note')
    ('ASK { <0> ?p "" }  ', ['http://a'])
    """
    text, iris = _strip(query)
    return text, list(iris)


@functools.lru_cache(maxsize=64)
def _strip(query: str) -> tuple[str, tuple[str, ...]]:
    iris: list[str] = []

    def repl(m: re.Match[str]) -> str:
        if m.group("iri"):
            iris.append(m.group("iri")[1:-1])
            return f"<{len(iris) - 1}>"
        return " " if m.group("comment") else '""'

    return _STRIP.sub(repl, expand_escapes(query)), tuple(iris)


@dataclass(frozen=True)
class Dataset:
    """The graphs a query asks for: ``FROM`` (its default graph, merged) and ``FROM NAMED``; both empty
    when it names none (hykg's default: the union of every graph)."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default or self.named)

    def graphs(self) -> set[str]:
        return set(self.default) | set(self.named)


@functools.lru_cache(maxsize=64)
def dataset_clause(query: str) -> Dataset:
    """The query's FROM / FROM NAMED graphs (prefixed names are given as written).

    >>> dataset_clause("SELECT * FROM <http://g/a> FROM NAMED <http://g/b> WHERE { ?s ?p ?o }")
    Dataset(default=('http://g/a',), named=('http://g/b',))
    >>> bool(dataset_clause("SELECT * WHERE { ?s ?p ?o }"))
    False
    """
    text, iris = _strip(query)
    default: list[str] = []
    named: list[str] = []
    for m in _FROM.finditer(text):
        ref = m.group(2)
        target = iris[int(ref[1:-1])] if ref.startswith("<") else ref
        (named if m.group(1) else default).append(target)
    return Dataset(tuple(default), tuple(named))
