"""Oxigraph on disk: the default store (next to the built graph) and ``oxigraph:PATH``.

A store hykg manages is a folder holding one Oxigraph database per build (``db-<id>/``) and
``hykg-store.json``: which database is current and the graph files it was built from (name, size,
modification time and SHA-256 of each). Opening compares sizes and modification times only (a file
whose size matches but whose time differs is hashed, so a touched file costs no rebuild); when the
files changed (a new ``hykg build`` or ``hykg import``), the store is rebuilt into a new database
and the marker swapped to it atomically. Safe under concurrency:

- one builder at a time (an exclusive lock on ``build.lock``); the others wait, then find the
  store fresh and open it;
- a reader holds a shared lock on ``db-<id>.readers`` for as long as it lives (forked server
  workers share it), and a builder deletes an old database only when it can take that lock
  exclusively: a command or ``hykg serve`` reading the old database keeps reading it while the
  next one opens the new database.

A folder that is an Oxigraph database made by something else (no ``hykg-store.json``) is opened as
it is, read-only.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..errors import DataError, HykgError
from .oxigraph import OxigraphStore, load_into_oxigraph

try:
    import fcntl
except ImportError:  # pragma: no cover - no flock (Windows): one process at a time is assumed
    fcntl = None  # type: ignore[assignment]

MARKER = "hykg-store.json"
BUILD_LOCK = "build.lock"
LEGACY = ("db", "db.new", "db.old")  # the layout of hykg before one database per build


def _sha256(p: Path) -> str:
    import hashlib  # only when a file's time changed: a plain query compares sizes and times

    h = hashlib.sha256()
    try:
        with p.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        raise DataError(f"{p}: cannot read the graph ({exc.strerror})") from exc
    return h.hexdigest()


def fingerprint(paths: list[Path]) -> list[dict[str, Any]]:
    """Name, size, modification time (ns) and SHA-256 of each graph file, in load order."""
    out = []
    for p in paths:
        st = p.stat()
        out.append({"file": p.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": _sha256(p)})
    return out


def is_fresh(marker: dict[str, Any], paths: list[Path]) -> bool:
    """Whether a store's marker describes these graph files: sizes and times (cheap), a hash only
    where the size matches but the time does not."""
    files = marker.get("files")
    if not isinstance(files, list) or len(files) != len(paths) or not marker.get("db"):
        return False
    for f, p in zip(files, paths, strict=True):
        try:
            st = p.stat()
        except OSError:
            return False
        if f.get("file") != p.name or f.get("size") != st.st_size:
            return False
        if f.get("mtime_ns") != st.st_mtime_ns and f.get("sha256") != _sha256(p):
            return False
    return True


def _is_foreign_db(path: Path) -> bool:
    return (path / "CURRENT").exists() and not (path / MARKER).exists()


def _read_marker(path: Path) -> dict[str, Any]:
    try:
        marker = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return marker if isinstance(marker, dict) else {}


@contextlib.contextmanager
def _on_one_cpu() -> Iterator[None]:
    """Run the block with this thread (and the threads it starts) on the CPU it is on now.

    A read-only RocksDB open starts 15 table-opening threads per column family (Oxigraph has 12, and
    pyoxigraph leaves ``max_file_opening_threads`` at 16), each with one file or none to open: spread
    over the cores, waking them costs more than the work (a ChainKG store: 13-30 ms, on one core 5 ms).
    """
    getaff, setaff = getattr(os, "sched_getaffinity", None), getattr(os, "sched_setaffinity", None)
    if getaff is None or setaff is None:  # pragma: no cover - not Linux
        yield
        return
    try:
        allowed = getaff(0)
        with open("/proc/thread-self/stat", "rb") as fh:
            stat = fh.read()
        cpu = int(stat[stat.rindex(b")") + 2:].split()[36])  # field 39: the CPU last run on
        setaff(0, {cpu})
    except (OSError, ValueError, IndexError):  # pragma: no cover - no /proc, or a CPU we may not pick
        yield
        return
    try:
        yield
    finally:
        setaff(0, allowed)


def _open_read_only(db: Path) -> Any:
    import pyoxigraph as ox

    try:
        with _on_one_cpu():
            return ox.Store.read_only(str(db))
    except OSError as exc:
        raise HykgError(f"{db}: cannot open the Oxigraph store: {exc}") from exc


@contextlib.contextmanager
def _build_lock(path: Path, progress: Callable[[str], None] | None) -> Iterator[None]:
    """Hold the store's build lock (waiting for another builder, if any)."""
    with (path / BUILD_LOCK).open("a") as fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                if progress:
                    progress(f"waiting for another hykg to finish building {path}")
                fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _hold_readers_lock(path: Path, db_name: str) -> Any:
    """A shared lock on ``<db>.readers``, held while the returned file stays open."""
    lock = path / f"{db_name}.readers"
    try:
        fh = lock.open("a")
    except OSError:  # a folder we may not write: read-only users cannot collide with a builder anyway
        try:
            fh = lock.open("r")
        except OSError:
            return None
    if fcntl is not None:
        fcntl.flock(fh, fcntl.LOCK_SH)
    return fh


def _collect(path: Path, keep: str) -> None:
    """Delete the databases other than ``keep`` that no reader holds (the build lock is held)."""
    import shutil

    for legacy in LEGACY:
        shutil.rmtree(path / legacy, ignore_errors=True)
    for d in path.glob("db-*"):
        if not d.is_dir() or d.name == keep or d.name.endswith(".cache"):
            continue  # a database's answers go with it
        if d.name.endswith(".new"):  # a builder that died: the build lock says none is running
            shutil.rmtree(d, ignore_errors=True)
            continue
        lock = path / f"{d.name}.readers"
        with lock.open("a") as fh:
            if fcntl is not None:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # still read: the next build tries again
            shutil.rmtree(d, ignore_errors=True)
            shutil.rmtree(path / f"{d.name}.cache", ignore_errors=True)
            lock.unlink(missing_ok=True)


def _build_locked(path: Path, files: list[Path], progress: Callable[[str], None] | None) -> int:
    import shutil

    import pyoxigraph as ox

    from ..files import write_atomic

    name = f"db-{time.time_ns():x}-{os.getpid()}"
    new = path / f"{name}.new"
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
        store.optimize()  # one compaction: later commands open a few files, not one per loaded batch
        store.flush()     # (a read-only open with ChainKG imported: 31 -> 7 ms)
        quads = len(store)
    except BaseException:
        del store
        shutil.rmtree(new, ignore_errors=True)
        raise
    del store
    marker = {"db": name, "files": fingerprint(files), "quads": quads, "seconds": round(time.perf_counter() - t0, 2)}
    new.rename(path / name)
    write_atomic(path / MARKER, json.dumps(marker, indent=1))
    _collect(path, name)
    return quads


def build_disk_store(path: Path, files: list[Path], progress: Callable[[str], None] | None = None) -> int:
    """(Re)build the store at ``path`` from ``files``; returns the number of quads."""
    if _is_foreign_db(path):
        raise HykgError(f"{path} is an Oxigraph database that hykg did not build: not overwriting it")
    path.mkdir(parents=True, exist_ok=True)
    with _build_lock(path, progress):
        return _build_locked(path, files, progress)


def open_disk_store(path: Path, files: Callable[[], list[Path]],
                    progress: Callable[[str], None] | None = None) -> OxigraphStore:
    """Open the on-disk store at ``path`` read-only, building it first when missing or out of date."""
    if _is_foreign_db(path):
        return OxigraphStore(_open_read_only(path), f"oxigraph (on disk, as found): {path}")
    current = files()
    for _attempt in range(10):
        marker = _read_marker(path)
        if not is_fresh(marker, current) or not (path / str(marker["db"])).is_dir():
            path.mkdir(parents=True, exist_ok=True)
            with _build_lock(path, progress):
                marker = _read_marker(path)  # another builder may have done it while we waited
                if not is_fresh(marker, current) or not (path / str(marker["db"])).is_dir():
                    _build_locked(path, current, progress)
            continue
        name = str(marker["db"])
        held = _hold_readers_lock(path, name)
        if not (path / name).is_dir():  # deleted between reading the marker and taking the lock
            held.close()
            continue
        names = ", ".join(str(p) for p in current)
        return OxigraphStore(_open_read_only(path / name), f"oxigraph (on disk): {path} <- {names}", held,
                             cache=path / f"{name}.cache")
    raise HykgError(f"{path}: the store kept changing while it was opened; try again")


def default_store_path(graph: Path) -> Path:
    """Where the default store of a built graph lives: ``<name>.store/`` next to it
    (``hykg.nq.gz`` -> ``hykg.store/``).

    >>> default_store_path(Path("/data/hykg.nq.gz")).as_posix()
    '/data/hykg.store'
    """
    name = graph.name
    for suffix in (".gz", ".nq", ".nt"):
        name = name.removesuffix(suffix)
    return graph.parent / f"{name}.store"


def open_default_store(files: Callable[[], list[Path]],
                       progress: Callable[[str], None] | None = None) -> OxigraphStore:
    """The default store: on disk next to the built graph (see :func:`default_store_path`), or in
    memory where that folder cannot be written (a read-only graph folder)."""
    current = files()
    path = default_store_path(current[0])
    try:
        return open_disk_store(path, lambda: current, progress)
    except OSError:  # cannot write next to the graph: load it into memory, as every time
        return OxigraphStore.from_files(current)
