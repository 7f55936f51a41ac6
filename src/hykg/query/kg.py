"""KnowledgeGraph: the graph behind one store, with safe SPARQL and the named questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..rdf import vocab
from ..stores.base import QueryResult, Solutions, Store, Value, lean_rows
from .safety import check_query


class KnowledgeGraph:
    """The Hengyang graph, queried through a store backend.

    >>> kg = load()
    >>> kg.fed_by("恒光")["flows"][0]["consumer"]["label"]
    '恒光'
    """

    def __init__(self, store: Store, source: str = "") -> None:
        self.store = store
        self.source = source
        #: Answers computed once per loaded graph (listed-company index, targets ...): see :func:`hykg.query.memo.memo`.
        self.memo: dict[str, Any] = {}

    # ------------------------------------------------------------------ SPARQL
    def query(self, sparql: str) -> QueryResult:
        """Run a read-only SPARQL query (refused before evaluation if unsafe)."""
        check_query(sparql)
        return self.store.query(sparql, vocab.PREFIXES)

    def rows(self, sparql: str) -> list[dict[str, Value]]:
        """Rows of one of the library's own SELECT queries (built from escaped values) as lean
        values (:data:`hykg.stores.base.Value`), without the safety checks that user queries pass in
        :meth:`query` (they cost a third of a named question).

        >>> load().rows("SELECT ?l WHERE { ent:hengguang rdfs:label ?l FILTER(LANG(?l) = 'zh') }")
        [{'l': ('恒光', 'zh', '')}]
        """
        fast = getattr(self.store, "lean_select", None)
        if fast is not None:
            return fast(sparql, vocab.PREFIXES)
        return lean_rows(self.store.query(sparql, vocab.PREFIXES))

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT as plain strings (IRI or literal lexical form)."""
        result = self.query(sparql)
        if not isinstance(result, Solutions):
            raise TypeError("select() needs a SELECT query")
        return [{k: t["value"] for k, t in row.items()} for row in result.rows]

    def __len__(self) -> int:
        return len(self.store)

    # ------------------------------------------------------------------ named questions
    def resolve(self, name: str, types: tuple[str, ...] = ()) -> str:
        """The IRI an entity name, alias, id or IRI denotes (UnknownEntity / AmbiguousName)."""
        from .names import resolve

        return resolve(self, name, types)

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Entities whose zh/en label or alias contains ``text``."""
        from .names import search

        return search(self, text, limit)

    def show(self, name: str) -> dict[str, Any]:
        """The entity card: types, labels, aliases, relations both ways with status and sources."""
        from .questions import show

        return show(self, name)

    def feeds(self, name: str, depth: int = 1) -> dict[str, Any]:
        """Whom a firm or park supplies, to ``depth`` steps downstream."""
        from .questions import flows

        return flows(self, name, "feeds", depth)

    def fed_by(self, name: str, depth: int = 1) -> dict[str, Any]:
        """Who supplies a firm or park, to ``depth`` steps upstream."""
        from .questions import flows

        return flows(self, name, "fed_by", depth)

    def chain(self, name: str, basis: str | None = None) -> dict[str, Any]:
        """The profile of an industrial chain (``basis="documented"``: only members a document states)."""
        from .questions import chain_profile

        return chain_profile(self, name, basis)

    def chain_members(self, name: str, basis: str | None = None) -> dict[str, Any]:
        """The members of a chain with their basis (:func:`hykg.query.chains.chain_members`)."""
        from .chains import chain_members

        return chain_members(self, name, basis)

    def park(self, name: str) -> dict[str, Any]:
        """The profile of a park."""
        from .questions import park_profile

        return park_profile(self, name)

    def stats(self) -> dict[str, Any]:
        """Counts of entities by type, statements by status and by source document."""
        from .questions import stats

        remembered = getattr(self.store, "remembered", None)  # the counts of a database that never changes
        return remembered("stats", lambda: stats(self)) if remembered else stats(self)


def load(path: Path | str | None = None, store: Store | str | None = None) -> KnowledgeGraph:
    """Load a built graph (default: ``$HYKG_GRAPH``, else the user graph, built on first use).

    ``store`` picks the backend: a spec (``oxigraph``, the default; ``memory``; ``oxigraph:PATH``;
    ``sparql:URL``, see :mod:`hykg.stores`) or a ready :class:`~hykg.stores.base.Store`. The built graph's
    folder may hold imported datasets (``chainkg.nq.gz``): they are loaded with it.

    >>> kg = load()
    >>> len(kg) > 1000
    True
    >>> load(store="oxigraph").fed_by("恒光")["flows"][0]["consumer"]["id"]
    'ent/hengguang'
    """
    from ..stores import describe, open_store

    if store is not None and not isinstance(store, str):
        return KnowledgeGraph(store, describe(store))
    if path is None:
        from ..curation.fresh import ensure_built

        backend = open_store(store, ensure_built)  # built (or rebuilt) only when the store needs the file
    else:
        backend = open_store(store, path)
    return KnowledgeGraph(backend, describe(backend))
