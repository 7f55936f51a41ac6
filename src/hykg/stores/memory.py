"""The ``memory`` store: an rdflib Dataset whose default graph is the union of its named graphs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import DataError, HykgError, QueryRefused, QuerySyntaxError
from ..rdf.sparqltext import Dataset
from .base import XSD_STRING, QueryResult, Solutions, Term, Triples, read_graph_file, requested_dataset
from .sandbox import sandboxed


def rdflib_term(t: Any) -> Term:
    """An rdflib term in the W3C SPARQL JSON shape (plain strings carry no datatype).

    >>> from rdflib import Literal, URIRef
    >>> rdflib_term(Literal("恒光", lang="zh")), rdflib_term(URIRef("https://w3id.org/hykg/id/ent/x"))
    ({'type': 'literal', 'value': '恒光', 'xml:lang': 'zh'}, {'type': 'uri', 'value': 'https://w3id.org/hykg/id/ent/x'})
    """
    from rdflib import BNode, Literal, URIRef

    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    if isinstance(t, Literal):
        term = {"type": "literal", "value": str(t)}
        if t.language:
            term["xml:lang"] = t.language.lower()
        elif t.datatype is not None and str(t.datatype) != XSD_STRING:
            term["datatype"] = str(t.datatype)
        return term
    return {"type": "triple", "value": str(t)}


class RdflibStore:
    """rdflib in memory: simple and pure Python; about 10x slower than Oxigraph on large graphs.

    >>> from hykg.stores.base import graph_files
    >>> from hykg import settings
    >>> s = RdflibStore.from_files(graph_files(settings.get("graph")))
    >>> s.query("ASK { ?s a <https://w3id.org/hykg/ont#Park> }", {})
    True
    """

    def __init__(self, dataset: Any, description: str = "memory (rdflib)") -> None:
        self._ds = dataset
        self.description = description

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> RdflibStore:
        """Parse built N-Quads files (gzip or not) into one Dataset."""
        from rdflib import Dataset

        ds = Dataset(default_union=True)
        paths = list(paths)
        for path in paths:
            try:
                ds.parse(data=read_graph_file(path).decode("utf-8"), format="nquads")
            except DataError:
                raise
            except Exception as exc:  # rdflib raises several parser types
                raise DataError(f"{path}: not valid N-Quads: {exc}") from exc
        return cls(ds, "memory (rdflib): " + ", ".join(str(p) for p in paths))

    def _graph_names(self) -> list[str]:
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        return [str(g.identifier) for g in self._ds.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID]

    def _view(self, dataset: Dataset) -> Any:
        """A Dataset of the request's graphs: their merge as the default graph, the named ones by name."""
        from rdflib import Dataset as RdfDataset
        from rdflib import URIRef

        view = RdfDataset(default_union=False)
        for g in dataset.default:
            for t in self._ds.graph(URIRef(g)):
                view.default_context.add(t)
        for g in dataset.named:
            target = view.graph(URIRef(g))
            for t in self._ds.graph(URIRef(g)):
                target.add(t)
        return view

    def query(self, sparql: str, prefixes: dict[str, str], max_rows: int | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        """Run a query; ``max_rows`` stops reading after that many rows (or triples); ``dataset``: the
        graphs a request asks for (else the query's FROM, else the union of all).

        rdflib would fetch a FROM graph it does not hold from the web, and follow SERVICE: here it
        never loads graphs (``SPARQL_LOAD_GRAPHS`` off), unknown graphs are refused before it runs,
        and it runs :func:`~hykg.stores.sandbox.sandboxed` (no socket, no file opened)."""
        import rdflib.plugins.sparql as rdflib_sparql
        from rdflib.plugins.sparql import prepareQuery

        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        chosen = requested_dataset(sparql, dataset, self._graph_names)
        target = self._view(chosen) if dataset is not None and chosen is not None else self._ds
        try:
            with sandboxed():
                prepared = prepareQuery(sparql, initNs=prefixes)
        except QueryRefused:
            raise
        except Exception as exc:  # pyparsing ParseException, unknown prefix ...
            raise QuerySyntaxError(str(exc)) from exc
        try:
            with sandboxed():
                return self._read(target.query(prepared), max_rows)
        except RecursionError as exc:
            raise HykgError("the query nests too deeply for the rdflib store "
                            "(use --store oxigraph, or follow a path one step per query)") from exc

    @staticmethod
    def _read(result: Any, max_rows: int | None) -> QueryResult:
        import itertools

        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Triples([(rdflib_term(s), rdflib_term(p), rdflib_term(o))
                            for s, p, o in itertools.islice(result, max_rows)])
        names = [str(v) for v in result.vars or []]
        rows = []
        for sol in itertools.islice(result, max_rows):
            row = {}
            for name, value in zip(names, sol, strict=False):
                if value is not None:
                    row[name] = rdflib_term(value)
            rows.append(row)
        return Solutions(names, rows)

    def __len__(self) -> int:
        return sum(len(g) for g in self._ds.graphs())
