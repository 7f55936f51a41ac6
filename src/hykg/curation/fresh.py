"""Is the built graph up to date? Checked without importing the build (rdflib, YAML, pyshacl): the
query path calls :func:`ensure_built`, which imports :mod:`hykg.curation.build` only to rebuild."""

from __future__ import annotations

from pathlib import Path

from .. import resources, settings


def ensure_built() -> Path:
    """The graph queries read: ``$HYKG_GRAPH`` if set, else the user graph, (re)built when missing or
    older than the bundled ontology and data (so a fresh install answers on first use).
    """
    if settings.is_set("graph"):
        return Path(settings.get("graph"))
    out = resources.user_graph()
    if not out.exists() or out.stat().st_mtime < resources.sources_mtime():
        from .build import build

        build(out)
    return out
