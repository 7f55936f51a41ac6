"""Import manifests: the record counts of the last good import, kept next to it, so a shrunken source is refused."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import DataError
from ..files import write_atomic

#: A file whose record count falls below this share of the last import's is refused.
MIN_SHARE = 0.5
VERSION = 1


def manifest_path(out: Path) -> Path:
    """The manifest of the imported graph ``out``: ``<name>.manifest.json`` next to it.

    >>> manifest_path(Path("/g/chainkg.nq.gz")).name
    'chainkg.manifest.json'
    """
    return out.with_name(out.name.split(".", 1)[0] + ".manifest.json")


def read_manifest(out: Path) -> dict[str, int]:
    """The record counts per source file of the last good import into ``out`` ({} when there is none).

    >>> import tempfile
    >>> read_manifest(Path(tempfile.mkdtemp()) / "x.nq.gz")
    {}
    """
    path = manifest_path(out)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        records = data["records"]
        if not isinstance(records, dict) or not all(isinstance(v, int) for v in records.values()):
            raise ValueError("records is not a mapping of file names to counts")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{path}: unreadable import manifest ({exc}); delete it to import anew") from exc
    return {str(k): int(v) for k, v in records.items()}


def check_counts(source: Path, records: dict[str, int], last: dict[str, int], min_share: float = MIN_SHARE) -> None:
    """Refuse (DataError naming each file) when a file has far fewer records than at the last import.

    >>> check_counts(Path("src"), {"a.json": 90}, {"a.json": 100})
    >>> check_counts(Path("src"), {"a.json": 30}, {"a.json": 100})
    Traceback (most recent call last):
    ...
    hykg.errors.DataError: src/a.json: 30 records, the last import read 100 (below 50%): a truncated or partial copy? nothing imported, the last import is kept (--allow-shrink imports it anyway)
    """
    problems = [
        f"{source / name}: {n} records, the last import read {last[name]} (below {min_share:.0%}): a truncated or "
        "partial copy? nothing imported, the last import is kept (--allow-shrink imports it anyway)"
        for name, n in sorted(records.items()) if last.get(name) and n < last[name] * min_share
    ]
    if problems:
        raise DataError(problems)


def write_manifest(out: Path, records: dict[str, int], last: dict[str, int], quads: int) -> Path:
    """Record the counts of a good import (files not read this time keep their last count).

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "x.nq.gz"
    >>> _ = write_manifest(out, {"a.json": 3}, {"b.json": 5}, 12)
    >>> read_manifest(out)
    {'a.json': 3, 'b.json': 5}
    """
    merged = {**last, **records}
    text = json.dumps({"version": VERSION, "graph": out.name, "quads": quads,
                       "records": dict(sorted(merged.items()))}, ensure_ascii=False, indent=2) + "\n"
    path = manifest_path(out)
    write_atomic(path, text.encode("utf-8"))
    return path
