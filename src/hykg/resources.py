"""Where hykg finds its ontology, curated data, bundled graph and the source corpus."""

from __future__ import annotations

from pathlib import Path

from . import settings

_PKG = Path(__file__).resolve().parent
_CHECKOUT = _PKG.parent.parent  # src/hykg -> repository root, in a checkout


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.exists():
            return c
    return candidates[-1]


def ontology_dir() -> Path:
    """The ontology folder: the checkout's ``ontology/`` or the copy inside the installed package."""
    return _first_existing(_CHECKOUT / "ontology", _PKG / "_resources" / "ontology")


def data_dir() -> Path:
    """The curated data folder: the checkout's ``data/`` or the packaged copy."""
    return _first_existing(_CHECKOUT / "data", _PKG / "_resources" / "data")


def user_graph() -> Path:
    """Where ``hykg build`` writes by default: ``graph/hykg.nq.gz`` in the workspace, else
    ``hykg.nq.gz`` in the ``home`` setting's folder."""
    ws = settings.get("workspace")
    return Path(ws) / "graph" / "hykg.nq.gz" if ws else Path(settings.get("home")) / "hykg.nq.gz"


def workspace_data() -> Path | None:
    """The workspace's ``data/`` folder (its sources and curated records), or None without a workspace."""
    ws = settings.get("workspace")
    return Path(ws) / "data" if ws and (Path(ws) / "data").is_dir() else None


def sources_mtime() -> float:
    """The newest modification time among the ontology, the curated data and the build code."""
    dirs = [ontology_dir(), data_dir(), *([w] if (w := workspace_data()) else [])]
    files = [p for d in dirs for p in d.rglob("*") if p.is_file()]
    files += [_PKG / name for name in ("curation/build.py", "curation/compile.py", "curation/schema.py",
                                       "curation/yamlfile.py", "rdf/vocab.py", "rdf/statements.py")]
    return max((p.stat().st_mtime for p in files), default=0.0)


def default_corpus() -> Path | None:
    """The source corpus for span checks: the ``corpus`` setting (``$HYKG_CORPUS``, else
    ``../shared/corpus`` near the working folder or the checkout), or None."""
    found = settings.get("corpus")
    return Path(found) if found else None
