"""Store backends behind one small interface; results in the W3C SPARQL JSON term shape."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import DataError, QuerySyntaxError

#: One RDF term as in the W3C SPARQL 1.1 JSON results format: {"type", "value", "xml:lang"?, "datatype"?}.
Term = dict[str, str]


@dataclass
class Solutions:
    """The answer to a SELECT: variable names and rows of bound terms."""

    vars: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)


@dataclass
class Triples:
    """The answer to a CONSTRUCT or DESCRIBE."""

    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)


QueryResult = Solutions | bool | Triples


class Store(Protocol):
    """What a backend offers: a read-only SPARQL query and a size."""

    def query(self, sparql: str, prefixes: dict[str, str]) -> QueryResult: ...

    def __len__(self) -> int: ...


def read_graph_file(path: Path) -> bytes:
    """The N-Quads bytes of a built graph (``.nq`` or ``.nq.gz``)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the graph ({exc.strerror}); run `hykg build` first") from exc
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise DataError(f"{path}: not a valid gzip file: {exc}") from exc
    return raw


def _ox_term(t: Any) -> Term:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        term = {"type": "literal", "value": t.value}
        if t.language:
            term["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            term["datatype"] = t.datatype.value
        return term
    return {"type": "triple", "value": str(t)}


class OxigraphStore:
    """pyoxigraph: in memory (loaded from a built file) or on disk."""

    def __init__(self, store: Any) -> None:
        self._store = store

    @classmethod
    def from_file(cls, path: Path) -> OxigraphStore:
        """Load a built graph file into an in-memory Oxigraph store."""
        import pyoxigraph as ox

        store = ox.Store()
        try:
            store.bulk_load(read_graph_file(path), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise DataError(f"{path}: not valid N-Quads: {exc}") from exc
        return cls(store)

    def query(self, sparql: str, prefixes: dict[str, str]) -> QueryResult:
        import pyoxigraph as ox

        try:
            result = self._store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            for sol in result:
                row = {}
                for n in names:
                    t = sol[n]
                    if t is not None:
                        row[n] = _ox_term(t)
                rows.append(row)
            return Solutions(names, rows)
        return Triples([(_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object)) for t in result])

    def __len__(self) -> int:
        return len(self._store)
