"""Writing files safely: atomic replacement with ordinary permissions, deterministic gzip."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, payload: bytes | str) -> Path:
    """Write ``payload`` to ``path`` via a temporary file and a rename: readers see the old file or
    the new one, never half of it, and a failed write leaves the old file in place. The file gets
    the permissions an ordinary new file gets (0644 under the usual umask), so that a page copied
    to a shared folder opens for colleagues too.

    >>> import tempfile, pathlib, stat
    >>> p = write_atomic(pathlib.Path(tempfile.mkdtemp()) / "a" / "x.txt", "恒光")
    >>> p.read_text(encoding="utf-8"), oct(stat.S_IMODE(p.stat().st_mode) & 0o444)
    ('恒光', '0o444')
    """
    path = Path(path)
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def gzip_bytes(payload: bytes) -> bytes:
    """Deterministic gzip (no timestamp, no file name): equal input gives equal bytes.

    >>> gzip_bytes(b"x") == gzip_bytes(b"x")
    True
    """
    buf = io.BytesIO()
    import gzip

    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(payload)
    return buf.getvalue()
