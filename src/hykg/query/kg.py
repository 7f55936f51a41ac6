"""KnowledgeGraph: the graph behind one store, with safe SPARQL and the named questions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..rdf import vocab
from ..stores.base import QueryResult, Solutions, Store, Value, lean_rows


class KnowledgeGraph:
    """The Hengyang graph, queried through a store backend.

    >>> kg = load()
    >>> kg.fed_by("恒光")["flows"][0]["consumer"]["label"]
    '恒光'
    """

    def __init__(self, store: Store, source: str = "") -> None:
        self.store = store
        self.source = source
        self._subclass_of: dict[str, set[str]] | None = None
        #: Answers computed once per loaded graph (listed-company index, targets ...): see :func:`hykg.query.memo.memo`.
        self.memo: dict[str, Any] = {}

    # ------------------------------------------------------------------ SPARQL
    def query(self, sparql: str) -> QueryResult:
        """Run a read-only SPARQL query (refused before evaluation if unsafe)."""
        from .safety import check_query  # (user queries: the named questions read :meth:`rows`)

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

    def ask(self, sparql: str) -> bool:
        """The answer to one of the library's own ASK queries (built from escaped values), without the
        checks of user queries (as :meth:`rows`).

        >>> load().ask("ASK { ent:hengguang a hykg:Enterprise }")
        True
        """
        return bool(self.store.query(sparql, vocab.PREFIXES))

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of one of the library's own SELECT queries as plain strings (IRI, literal lexical
        form, blank node id): read as :meth:`rows` are, without the checks of user queries.

        >>> load().select("SELECT ?l WHERE { ent:hengguang rdfs:label ?l FILTER(LANG(?l) = 'zh') }")
        [{'l': '恒光'}]
        """
        if "from" in sparql.lower() or "\\" in sparql:  # a dataset clause: the store reads it (see :meth:`query`)
            result = self.query(sparql)
            if not isinstance(result, Solutions):
                raise TypeError("select() needs a SELECT query")
            return [{k: t["value"] for k, t in row.items()} for row in result.rows]
        return [{k: v[0] if isinstance(v, tuple) else v[2:] if v.startswith("_:") else v for k, v in row.items()}
                for row in self.rows(sparql)]

    def __len__(self) -> int:
        return len(self.store)

    def subclasses(self, *classes: str) -> str:
        """The classes (``hykg:Name`` or IRIs) and all their subclasses, as the body of a ``VALUES``
        clause: queries write ``?x a ?t . VALUES ?t { ... }`` instead of the property path
        ``?x a/rdfs:subClassOf* C``, which Virtuoso 7 answers with rows missing once the
        protocol names a dataset. The hierarchy is read once, with a plain triple pattern.

        >>> load().subclasses("hykg:ResourceFlow").split()[:2]
        ['<https://w3id.org/hykg/ont#MaterialFlow>', '<https://w3id.org/hykg/ont#ParkResourceFlow>']
        """
        from ..rdf.terms import sparql_iris

        if self._subclass_of is None:
            subs: dict[str, set[str]] = {}
            for row in self.rows("SELECT ?sub ?sup WHERE { ?sub rdfs:subClassOf ?sup }"):
                if isinstance(row.get("sub"), str) and isinstance(row.get("sup"), str):
                    subs.setdefault(str(row["sup"]), set()).add(str(row["sub"]))
            self._subclass_of = subs
        found: set[str] = set()
        todo = [vocab.PREFIXES[c.split(":", 1)[0]] + c.split(":", 1)[1] if not c.startswith("http") else c
                for c in classes]
        while todo:
            c = todo.pop()
            if c not in found:
                found.add(c)
                todo.extend(self._subclass_of.get(c, ()))
        return sparql_iris(found)

    def reach(self, start: str, into: tuple[str, ...] = (), out: tuple[str, ...] = ()) -> set[str]:
        """``start`` and every IRI reached from it, one hop per query: ``?x P ?cur`` for P in ``into``,
        ``?cur P ?x`` for P in ``out`` (the closure that ``?x (into|^out)* <start>`` asks for, written
        without a property path, which Virtuoso 7 answers with rows missing once a dataset is named).

        >>> sorted(load().reach(vocab.iri_of("park/songmu"), into=("dcterms:isPartOf",), out=("hykg:includes",)))[-1]
        'https://w3id.org/hykg/id/park/songmu'
        """
        from ..rdf.terms import sparql_iris

        seen, frontier = {start}, {start}
        while frontier:
            branches = [f"{{ ?x {p} ?cur }}" for p in into] + [f"{{ ?cur {p} ?x }}" for p in out]
            rows = self.rows(f"SELECT DISTINCT ?x WHERE {{ VALUES ?cur {{ {sparql_iris(frontier)} }} "
                             f"{' UNION '.join(branches)} FILTER(isIRI(?x)) }}")
            frontier = {str(r["x"]) for r in rows} - seen
            seen |= frontier
        return seen

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
        def count() -> dict[str, Any]:
            from .questions import stats  # (not imported to read the remembered counts)

            return stats(self)

        remembered = getattr(self.store, "remembered", None)  # the counts of a database that never changes
        return remembered("stats", count) if remembered else count()


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
