"""An audit hook that, while a query runs on an in-process engine, refuses network access and file opens."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import QueryRefused

#: Audit events that reach the network or start programs.
_NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
            "socket.sendto", "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect",
            "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "webbrowser.open"}
#: What a query may still open: Python's own modules (a lazy import inside the engine).
_CODE_SUFFIXES = (".py", ".pyc", ".so", ".pth")

_state = threading.local()
_installed = False
_lock = threading.Lock()


def _allowed_open(path: Any, mode: Any) -> bool:
    if not isinstance(path, (str, bytes, Path)) or (isinstance(mode, str) and any(c in mode for c in "wax+")):
        return False
    name = str(path if not isinstance(path, bytes) else path.decode(errors="replace"))
    if name.endswith(_CODE_SUFFIXES) or name.endswith("__pycache__"):
        return True
    return any(name.startswith(root) for root in (sys.prefix, sys.base_prefix, sys.exec_prefix))


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not getattr(_state, "active", False):
        return
    if event in _NETWORK or (event == "open" and not _allowed_open(args[0], args[1] if len(args) > 1 else "r")):
        what = args[0] if args else ""
        _state.refused.append(f"{event} {what!r}"[:200])
        raise QueryRefused(f"the query tried {event} ({what!r}): hykg queries never reach the network or "
                           "other files")


@contextlib.contextmanager
def sandboxed() -> Iterator[None]:
    """Run the block with network access, program starts and file opens (other than Python modules)
    refused, in this thread; QueryRefused afterwards if anything was tried, even where the engine
    swallowed the error.

    >>> with sandboxed():
    ...     open("/etc/hostname")
    Traceback (most recent call last):
    ...
    hykg.errors.QueryRefused: the query tried open ('/etc/hostname'): hykg queries never reach the network or other files
    """
    global _installed
    with _lock:
        if not _installed:  # an audit hook cannot be removed: one, for the process, idle outside sandboxed()
            sys.addaudithook(_hook)
            _installed = True
    _state.active, _state.refused = True, []
    try:
        yield
    finally:
        _state.active = False
    if _state.refused:
        raise QueryRefused(f"the query tried {_state.refused[0]}: hykg queries never reach the network or other files")
