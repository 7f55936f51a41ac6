"""Store backends behind one small interface; results in the W3C SPARQL JSON term shape.

A store is named by a spec string (``--store`` on the command line, ``store=`` in ``hykg.load``):

- ``oxigraph`` (the default): pyoxigraph in memory, loaded from the built graph files;
- ``memory`` (alias ``rdflib``): an rdflib Dataset in memory, loaded from the same files;
- ``oxigraph:PATH``: pyoxigraph on disk at PATH, built once from the graph files, reopened fast;
- ``sparql:URL``: any SPARQL 1.1 endpoint, read through the protocol (never written to by queries).

The graph files are the built graph plus every other ``*.nq.gz`` / ``*.nq`` in its folder (the
imported datasets, such as ``chainkg.nq.gz``): see :func:`graph_files`.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import DataError, HykgError, QuerySyntaxError

#: One RDF term as in the W3C SPARQL 1.1 JSON results format: {"type", "value", "xml:lang"?, "datatype"?}.
Term = dict[str, str]

#: One RDF term as the library's own queries read it (see :func:`lean`): an IRI as its string, a
#: blank node as ``_:id``, a literal as (lexical form, language, datatype), "" for none / xsd:string.
Value = str | tuple[str, str, str]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: The store specs ``open_store`` understands (the part before the first colon).
SPEC_KINDS = ("oxigraph", "memory", "rdflib", "sparql")
DEFAULT_SPEC = "oxigraph"


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


# ---------------------------------------------------------------------- graph files
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


#: Datasets `hykg import` writes next to the built graph (``<name>.nq.gz``), loaded with it.
IMPORTED_DATASETS = ("chainkg",)


def graph_files(graph: Path | str) -> list[Path]:
    """The built graph first, then the imported datasets that sit next to it (``chainkg.nq.gz``).

    Only the known dataset names are picked up: other graph files in the same folder (an older
    build, a download) are never mixed in.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("hykg.nq.gz", "chainkg.nq.gz", "old-build.nq.gz", ".tmp.nq.gz", "notes.txt"):
    ...     _ = (d / n).write_bytes(b"")
    >>> [p.name for p in graph_files(d / "hykg.nq.gz")]
    ['hykg.nq.gz', 'chainkg.nq.gz']
    """
    main = Path(graph)
    if not main.exists():
        raise DataError(f"{main}: cannot read the graph (no such file); run `hykg build` first")
    others = [main.parent / f"{name}.nq.gz" for name in IMPORTED_DATASETS]
    return [main, *(p for p in others if p.is_file() and p.resolve() != main.resolve())]


# ---------------------------------------------------------------------- terms
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


def lean(term: Term) -> Value:
    """A W3C JSON term as a lean :data:`Value` (hashable; equal terms give equal values).

    >>> lean({"type": "uri", "value": "http://x"}), lean({"type": "literal", "value": "硫酸", "xml:lang": "zh"})
    ('http://x', ('硫酸', 'zh', ''))
    """
    kind = term["type"]
    if kind == "literal":
        dtype = term.get("datatype", "")
        return term["value"], term.get("xml:lang", ""), "" if dtype in (XSD_STRING, RDF_LANGSTRING) else dtype
    if kind == "bnode":
        return "_:" + term["value"]
    return term["value"]


def lean_rows(result: QueryResult) -> list[dict[str, Value]]:
    """The rows of a SELECT result as lean values (what backends without a faster path return)."""
    if not isinstance(result, Solutions):
        raise TypeError("lean rows need a SELECT query")
    return [{k: lean(t) for k, t in row.items()} for row in result.rows]


def with_prologue(sparql: str, prefixes: dict[str, str]) -> str:
    """``sparql`` with a PREFIX line for each of ``prefixes`` it does not declare itself.

    >>> with_prologue("ASK { ?s a hykg:Park }", {"hykg": "https://w3id.org/hykg/ont#"}).splitlines()[0]
    'PREFIX hykg: <https://w3id.org/hykg/ont#>'
    """
    lowered = " ".join(sparql.lower().split())
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items() if f"prefix {p.lower()}:" not in lowered)
    return head + sparql


# ---------------------------------------------------------------------- pyoxigraph
class OxigraphStore:
    """pyoxigraph: in memory (loaded from built files) or on disk (see :mod:`hykg.stores.disk`)."""

    def __init__(self, store: Any, description: str = "oxigraph") -> None:
        self._store = store
        self.description = description

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

    def query(self, sparql: str, prefixes: dict[str, str], max_rows: int | None = None) -> QueryResult:
        """``max_rows``: stop reading solutions (or triples) after that many, e.g. for a served row cap."""
        import itertools

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


# ---------------------------------------------------------------------- specs
def parse_spec(spec: str | None) -> tuple[str, str]:
    """``(kind, argument)`` of a store spec; kind is ``oxigraph``, ``memory`` or ``sparql``.

    >>> parse_spec(None), parse_spec("rdflib"), parse_spec("oxigraph:/data/kg")
    (('oxigraph', ''), ('memory', ''), ('oxigraph', '/data/kg'))
    >>> parse_spec("sparql:http://127.0.0.1:7878/query")
    ('sparql', 'http://127.0.0.1:7878/query')
    """
    spec = (spec or DEFAULT_SPEC).strip()
    kind, _, arg = spec.partition(":")
    kind = kind.lower()
    if kind == "rdflib":
        kind = "memory"
    if kind not in SPEC_KINDS:
        raise HykgError(
            f"unknown store {spec!r}: use oxigraph, memory, oxigraph:PATH or sparql:URL"
        )
    if kind == "memory" and arg:
        raise HykgError(f"store {spec!r}: memory takes no argument (use oxigraph:PATH for a store on disk)")
    if kind == "sparql" and not arg:
        raise HykgError(f"store {spec!r}: give the endpoint, e.g. sparql:http://127.0.0.1:7878/query")
    return kind, arg


def open_store(spec: str | None = None, graph: Path | str | None = None,
               progress: Callable[[str], None] | None = None) -> Store:
    """Open the store a spec names (see the module docstring); ``graph`` is the built graph file
    whose folder holds the files to load (default: ``$HYKG_GRAPH`` or the user graph, built on
    first use). Remote and existing on-disk stores need no graph file.

    >>> len(open_store("oxigraph")) > 1000
    True
    >>> open_store("mongodb:x")
    Traceback (most recent call last):
    ...
    hykg.errors.HykgError: unknown store 'mongodb:x': use oxigraph, memory, oxigraph:PATH or sparql:URL
    """
    kind, arg = parse_spec(spec)

    def files() -> list[Path]:
        if graph is None:
            from .build import ensure_built

            return graph_files(ensure_built())
        return graph_files(graph)

    if kind == "sparql":
        from .stores.remote import SparqlStore

        return SparqlStore(arg)
    if kind == "memory":
        from .stores.memory import RdflibStore

        return RdflibStore.from_files(files())
    if arg:
        from .stores.disk import open_disk_store

        return open_disk_store(Path(arg), files, progress)
    return OxigraphStore.from_files(files())


def describe(store: Any) -> str:
    """A one-line description of a store (backend and where its data comes from)."""
    return str(getattr(store, "description", type(store).__name__))


def load_store(spec: str, graph: Path | str | None = None, gsp: str | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Load the built graph and its datasets into the store ``spec`` names: (re)build an
    ``oxigraph:PATH`` store, or replace the named graphs of a ``sparql:URL`` endpoint through the
    Graph Store Protocol (``gsp``: its URL; default: the query URL's ``/store`` sibling, as Oxigraph
    serves it). Returns what was loaded: ``{"store", "files", "quads" or "graphs"}``."""
    kind, arg = parse_spec(spec)
    if graph is None:
        from .build import ensure_built

        graph = ensure_built()
    paths = graph_files(graph)
    if kind == "sparql":
        from .stores.remote import default_gsp_url, push_files

        sent = push_files(gsp or default_gsp_url(arg), paths, progress)
        return {"store": spec, "files": [str(p) for p in paths], "graphs": sent}
    if kind == "oxigraph" and arg:
        from .stores.disk import build_disk_store

        quads = build_disk_store(Path(arg), paths, progress)
        return {"store": spec, "files": [str(p) for p in paths], "quads": quads}
    raise HykgError(f"store {spec!r} is loaded from the graph files at every start: nothing to load "
                    "(use oxigraph:PATH or sparql:URL)")


def store_info(store: Store) -> dict[str, Any]:
    """The backend, its quads, and the quads in each named graph.

    >>> info = store_info(open_store())
    >>> info["graphs"]["https://w3id.org/hykg/graph/hengyang"] > 0
    True
    """
    result = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", {})
    graphs = {r["g"]["value"]: int(r["n"]["value"]) for r in result.rows} if isinstance(result, Solutions) else {}
    return {"store": describe(store), "quads": len(store), "graphs": graphs}
