"""Store backends behind one small interface, named by a spec string (``--store``, ``store=``):

- ``oxigraph`` (the default): pyoxigraph on disk in ``<name>.store/`` next to the built graph,
  built from the graph files on first use (and when they change), then opened read-only;
- ``oxigraph-memory``: pyoxigraph in memory, loaded from the graph files at every start;
- ``memory`` (alias ``rdflib``): an rdflib Dataset in memory, loaded from the same files;
- ``oxigraph:PATH``: pyoxigraph on disk at PATH, the same as the default but where you say;
- ``sparql:URL``: any SPARQL 1.1 endpoint, read through the protocol (never written to by queries).

The graph files are the built graph plus the imported datasets next to it (``chainkg.nq.gz``): see
:func:`hykg.stores.base.graph_files`. Backends: :mod:`.oxigraph`, :mod:`.memory`, :mod:`.disk`,
:mod:`.remote`; results come in the W3C SPARQL JSON term shape (:mod:`.base`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import HykgError
from .base import Solutions, Store, graph_files
from .oxigraph import OxigraphStore

#: The store specs ``open_store`` understands (the part before the first colon).
SPEC_KINDS = ("oxigraph", "oxigraph-memory", "memory", "rdflib", "sparql")
DEFAULT_SPEC = "oxigraph"


def parse_spec(spec: str | None) -> tuple[str, str]:
    """``(kind, argument)`` of a store spec; kind is ``oxigraph``, ``oxigraph-memory``, ``memory`` or ``sparql``.

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
            f"unknown store {spec!r}: use oxigraph, oxigraph-memory, memory, oxigraph:PATH or sparql:URL"
        )
    if kind in ("memory", "oxigraph-memory") and arg:
        raise HykgError(f"store {spec!r}: {kind} takes no argument (use oxigraph:PATH for a store on disk)")
    if kind == "sparql" and not arg:
        raise HykgError(f"store {spec!r}: give the endpoint, e.g. sparql:http://127.0.0.1:7878/query")
    return kind, arg


def open_store(spec: str | None = None, graph: Path | str | Callable[[], Path] | None = None,
               progress: Callable[[str], None] | None = None) -> Store:
    """Open the store a spec names (see the module docstring); ``graph`` is the built graph file
    whose folder holds the files to load (default: ``$HYKG_GRAPH`` or the user graph, built on
    first use). Remote and existing on-disk stores need no graph file.

    >>> from hykg import settings
    >>> len(open_store("oxigraph", settings.get("graph"))) > 1000
    True
    >>> open_store("mongodb:x")
    Traceback (most recent call last):
    ...
    hykg.errors.HykgError: unknown store 'mongodb:x': use oxigraph, oxigraph-memory, memory, oxigraph:PATH or sparql:URL
    """
    kind, arg = parse_spec(spec)

    def files() -> list[Path]:
        if graph is None:
            raise HykgError(f"store {spec or DEFAULT_SPEC!r} needs the built graph file (hykg.load finds the default one)")
        return graph_files(graph() if callable(graph) else graph)

    if kind == "sparql":
        from .remote import SparqlStore

        return SparqlStore(arg)
    if kind == "memory":
        from .memory import RdflibStore

        return RdflibStore.from_files(files())
    if kind == "oxigraph-memory":
        return OxigraphStore.from_files(files())
    from .disk import open_default_store, open_disk_store

    if arg:
        return open_disk_store(Path(arg).expanduser(), files, progress)
    return open_default_store(files, progress)


def describe(store: Any) -> str:
    """A one-line description of a store (backend and where its data comes from)."""
    return str(getattr(store, "description", type(store).__name__))


def load_store(spec: str, graph: Path | str, gsp: str | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Load the built graph and its datasets into the store ``spec`` names: (re)build the default
    store or an ``oxigraph:PATH`` store, or replace the named graphs of a ``sparql:URL`` endpoint through the
    Graph Store Protocol (``gsp``: its URL; default: the query URL's ``/store`` sibling, as Oxigraph
    serves it). Returns what was loaded: ``{"store", "files", "quads" or "graphs"}``."""
    kind, arg = parse_spec(spec)
    if kind not in ("sparql", "oxigraph"):
        raise HykgError(f"store {spec!r} is loaded from the graph files at every start: nothing to load "
                        "(use oxigraph, oxigraph:PATH or sparql:URL)")
    paths = graph_files(graph)
    if kind == "sparql":
        from .remote import push_files

        sent = push_files(gsp, paths, progress, query_url=arg)
        return {"store": spec, "files": [str(p) for p in paths], "graphs": sent}
    from .disk import build_disk_store, default_store_path

    quads = build_disk_store(Path(arg).expanduser() if arg else default_store_path(paths[0]), paths, progress)
    return {"store": spec, "files": [str(p) for p in paths], "quads": quads}


def store_info(store: Store) -> dict[str, Any]:
    """The backend, its quads, and the quads in each named graph.

    >>> from hykg import settings
    >>> info = store_info(open_store(graph=settings.get("graph")))
    >>> info["graphs"]["https://w3id.org/hykg/graph/hengyang"] > 0
    True
    """
    result = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g", {})
    graphs = {r["g"]["value"]: int(r["n"]["value"]) for r in result.rows} if isinstance(result, Solutions) else {}
    return {"store": describe(store), "quads": len(store), "graphs": graphs}
