"""The Oxigraph backend: pyoxigraph on disk (the default, see :mod:`hykg.stores.disk`) or in memory."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import DataError, QuerySyntaxError
from .base import XSD_STRING, QueryResult, Solutions, Term, Triples, Value, lean, read_graph_file, requested_dataset

if TYPE_CHECKING:
    from ..rdf.sparqltext import Dataset


def _ox_term(t: Any) -> Term:
    """A pyoxigraph term in the W3C SPARQL JSON shape."""
    kind = type(t).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": t.value}
    if kind == "Literal":
        return _ox_literal(t)
    if kind == "BlankNode":
        return {"type": "bnode", "value": t.value}
    return {"type": "triple", "value": str(t)}


def _ox_literal(t: Any) -> Term:
    lang = t.language
    if lang:
        return {"type": "literal", "value": t.value, "xml:lang": lang}
    dtype = t.datatype.value
    if dtype == XSD_STRING:
        return {"type": "literal", "value": t.value}
    return {"type": "literal", "value": t.value, "datatype": dtype}


T = TypeVar("T")


class OxigraphStore:
    """pyoxigraph: in memory (loaded from built files) or on disk (see :mod:`hykg.stores.disk`)."""

    def __init__(self, store: Any, description: str = "oxigraph", hold: Any = None, cache: Path | None = None) -> None:
        self._store = store
        self.description = description
        self._hold = hold  # e.g. the readers' lock of an on-disk database, kept while the store lives
        self._cache = cache  # a folder for answers about this database, which never changes (or None)

    def remembered(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, kept as JSON next to an on-disk database hykg built (which never changes:
        a new build is a new database), so that later commands read it instead of computing it;
        computed every time on other stores. ``key``: a file name for the answer."""
        if self._cache is None:
            return compute()
        path = self._cache / f"{key}.json"
        with contextlib.suppress(OSError, ValueError):
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return,unused-ignore]
        value = compute()
        with contextlib.suppress(OSError):  # a folder we may not write: compute again next time
            from ..files import write_atomic

            self._cache.mkdir(exist_ok=True)
            write_atomic(path, json.dumps(value, ensure_ascii=False))
        return value

    @classmethod
    def from_file(cls, path: Path) -> OxigraphStore:
        """Load one built graph file into an in-memory Oxigraph store."""
        return cls.from_files([path])

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> OxigraphStore:
        """Load built graph files (N-Quads, gzip or not) into one in-memory Oxigraph store."""
        import pyoxigraph as ox

        store = ox.Store()
        paths = list(paths)
        for path in paths:
            load_into_oxigraph(store, path)
        return cls(store, "oxigraph (in memory): " + ", ".join(str(p) for p in paths))

    def _graphs_of(self, sparql: str, dataset: Dataset | None) -> dict[str, Any]:
        """pyoxigraph's dataset arguments: the union of every graph, or the graphs asked for."""
        import pyoxigraph as ox

        chosen = requested_dataset(sparql, dataset, lambda: (g.value for g in self._store.named_graphs()))
        if chosen is None:
            return {"use_default_graph_as_union": True}
        return {"default_graph": [ox.NamedNode(g) for g in chosen.default],
                "named_graphs": [ox.NamedNode(g) for g in chosen.named]}

    def query(self, sparql: str, prefixes: dict[str, str], max_rows: int | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        """``max_rows``: stop reading solutions (or triples) after that many, e.g. for a served row cap;
        ``dataset``: the graphs a request asks for (else the query's FROM, else the union of all)."""
        import itertools

        import pyoxigraph as ox

        try:
            result = self._store.query(sparql, prefixes=prefixes, **self._graphs_of(sparql, dataset))
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = []
            iri, literal = ox.NamedNode, ox.Literal
            # the hot loop of every question: IRIs (most terms) converted inline, no call per term
            for sol in itertools.islice(result, max_rows):
                row = {}
                for n, t in zip(names, sol, strict=True):
                    cls = type(t)
                    if cls is iri:
                        row[n] = {"type": "uri", "value": t.value}
                    elif cls is literal:
                        row[n] = _ox_literal(t)
                    elif t is not None:
                        row[n] = _ox_term(t)
                rows.append(row)
            return Solutions(names, rows)
        return Triples([(_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
                        for t in itertools.islice(result, max_rows)])

    def lean_select(self, sparql: str, prefixes: dict[str, str]) -> list[dict[str, Value]]:
        """Rows of a SELECT as lean values (:data:`Value`): the path of the library's own queries,
        about half the Python work of W3C-shaped terms."""
        import pyoxigraph as ox

        try:
            result = self._store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        if not isinstance(result, ox.QuerySolutions):
            raise TypeError("lean rows need a SELECT query")
        names = [v.value for v in result.variables]
        iri, literal, xsd_string = ox.NamedNode, ox.Literal, XSD_STRING
        rows = []
        for sol in result:
            row: dict[str, Value] = {}
            for n, t in zip(names, sol, strict=True):
                cls = type(t)
                if cls is iri:
                    row[n] = t.value
                elif cls is literal:
                    lang = t.language
                    if lang:
                        row[n] = (t.value, lang, "")
                    else:
                        dtype = t.datatype.value
                        row[n] = (t.value, "", "" if dtype == xsd_string else dtype)
                elif t is not None:
                    row[n] = lean(_ox_term(t))
            rows.append(row)
        return rows

    def __len__(self) -> int:
        return len(self._store)


def load_into_oxigraph(store: Any, path: Path) -> None:
    """Bulk-load one N-Quads file (``.nq`` or ``.nq.gz``) into a pyoxigraph store."""
    import pyoxigraph as ox

    try:
        if path.suffix == ".gz":
            store.bulk_load(read_graph_file(path), format=ox.RdfFormat.N_QUADS)
        else:  # pyoxigraph reads the file itself: no copy of it in Python
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the graph ({exc.strerror or exc}); run `hykg build` first") from exc
    except SyntaxError as exc:
        raise DataError(f"{path}: not valid N-Quads: {exc}") from exc
