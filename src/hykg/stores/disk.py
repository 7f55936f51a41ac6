"""The ``oxigraph:PATH`` store: pyoxigraph on disk, built once from the graph files, reopened fast.

A store hykg manages is a folder holding ``db/`` (the Oxigraph database) and ``hykg-store.json``
(the names and SHA-256 of the files it was built from). When the graph files change (a new
``hykg build`` or ``hykg import``), the next open rebuilds it into ``db.new/`` and swaps it in,
so a failed load never leaves a half-built store. A folder that is an Oxigraph database made by
something else (no ``hykg-store.json``) is opened as it is, read-only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import DataError, HykgError
from .oxigraph import OxigraphStore, load_into_oxigraph

MARKER = "hykg-store.json"


def fingerprint(paths: list[Path]) -> list[dict[str, str]]:
    """Name and SHA-256 of each graph file, in load order."""
    out = []
    for p in paths:
        h = hashlib.sha256()
        try:
            with p.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
        except OSError as exc:
            raise DataError(f"{p}: cannot read the graph ({exc.strerror})") from exc
        out.append({"file": p.name, "sha256": h.hexdigest()})
    return out


def _is_foreign_db(path: Path) -> bool:
    return (path / "CURRENT").exists() and not (path / MARKER).exists()


def _open_read_only(db: Path) -> Any:
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(db))
    except OSError as exc:
        raise HykgError(f"{db}: cannot open the Oxigraph store: {exc}") from exc


def build_disk_store(path: Path, files: list[Path], progress: Callable[[str], None] | None = None) -> int:
    """(Re)build the store at ``path`` from ``files``; returns the number of quads."""
    import pyoxigraph as ox

    if _is_foreign_db(path):
        raise HykgError(f"{path} is an Oxigraph database that hykg did not build: not overwriting it")
    path.mkdir(parents=True, exist_ok=True)
    new, db = path / "db.new", path / "db"
    shutil.rmtree(new, ignore_errors=True)
    t0 = time.perf_counter()
    try:
        store = ox.Store(str(new))
    except OSError as exc:
        raise HykgError(f"{new}: cannot create the Oxigraph store: {exc}") from exc
    try:
        for f in files:
            if progress:
                progress(f"loading {f} into {path}")
            load_into_oxigraph(store, f)
        store.flush()
        quads = len(store)
    except BaseException:
        del store
        shutil.rmtree(new, ignore_errors=True)
        raise
    del store
    marker = {"files": fingerprint(files), "quads": quads, "seconds": round(time.perf_counter() - t0, 2)}
    old = path / "db.old"
    shutil.rmtree(old, ignore_errors=True)
    if db.exists():
        db.rename(old)
    new.rename(db)
    tmp = path / (MARKER + ".tmp")
    tmp.write_text(json.dumps(marker, indent=1), encoding="utf-8")
    tmp.replace(path / MARKER)
    shutil.rmtree(old, ignore_errors=True)
    return quads


def open_disk_store(path: Path, files: Callable[[], list[Path]],
                    progress: Callable[[str], None] | None = None) -> OxigraphStore:
    """Open the on-disk store at ``path``, building it first when missing or out of date."""
    if _is_foreign_db(path):
        return OxigraphStore(_open_read_only(path), f"oxigraph (on disk, as found): {path}")
    current = files()
    marker_path = path / MARKER
    marker: dict[str, Any] = {}
    if marker_path.exists():
        try:
            marker = json.loads(marker_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            marker = {}
    if marker.get("files") != fingerprint(current) or not (path / "db").exists():
        build_disk_store(path, current, progress)
    names = ", ".join(str(p) for p in current)
    return OxigraphStore(_open_read_only(path / "db"), f"oxigraph (on disk): {path} <- {names}")
