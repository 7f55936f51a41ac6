"""The query worker processes behind :class:`hykg.server.worker.WorkerPool`: what runs inside a worker,
the zygote that forks workers from a loaded graph, and the spawner where ``os.fork`` is missing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import settings
from ..errors import HykgError

log = logging.getLogger("hykg.server")


@dataclass(frozen=True)
class PoolConfig:
    """Where the graph comes from and the limits every query runs under."""

    graph: str | None = None  # the arguments of `hykg.load`: built graph file (None: the default one)
    store: str | None = None  # and store spec (None or oxigraph: Oxigraph in memory)
    size: int = settings.default("serve.workers")
    timeout: float = settings.default("serve.timeout")
    max_rows: int = settings.default("serve.max_rows")
    memory_mb: int = settings.default("serve.memory_mb")
    max_waiting: int = settings.default("serve.max_waiting")
    start_timeout: float = 120.0


# ---------------------------------------------------------------------- in the worker processes
def _limit_memory(memory_mb: int) -> None:
    if memory_mb > 0:
        import resource

        limit = memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def send(conn: Any, message: Any) -> None:
    """Send a message as a plain pickle (``Connection.send`` builds a ForkingPickler, with a copy of
    every reducer, per message: a fifth of a cheap query's time in the worker)."""
    conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def receive(conn: Any) -> Any:
    """The next message on ``conn`` as ``Connection.recv`` reads it (a 4-byte big-endian length, -1
    then 8 bytes for a larger one, the pickle), in one read for a message that has arrived whole
    (``Connection.recv`` reads the length and the rest separately: two system calls each way per query).
    EOFError when the other end has closed."""
    fd = conn.fileno()
    data = b""
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            raise EOFError("the connection closed")
        data += chunk
        if len(data) >= 4:
            (size,) = struct.unpack("!i", data[:4])
            start = 4
            if size == -1:
                if len(data) < 12:
                    continue
                (size,) = struct.unpack("!Q", data[4:12])
                start = 12
            if len(data) - start >= size:
                return pickle.loads(data[start:start + size])
            break
    parts = [data[start:]]
    left = size - len(parts[0])
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the connection closed mid-message")
        parts.append(chunk)
        left -= len(chunk)
    return pickle.loads(b"".join(parts))


def _serve(conn: Any, kg: Any, max_rows: int) -> None:
    """Answer (query, format) messages on ``conn`` until it closes."""
    from .results import evaluate

    send(conn, ("ready", len(kg)))
    while True:
        try:
            query, fmt, dataset = receive(conn)
        except (EOFError, OSError):
            return  # the server went away
        try:
            # the server checked the query before sending it (check_query): not checked twice
            reply: tuple[Any, ...] = ("ok", evaluate(kg, query, fmt, max_rows, dataset, checked=True))
        except HykgError as exc:
            reply = ("error", type(exc).__name__, str(exc))
        except MemoryError:
            reply = ("error", "MemoryError", "the query needs more memory than a worker may use")
        except Exception as exc:  # an engine error that is not the user's syntax: say what it was
            reply = ("error", "EngineError", f"{type(exc).__name__}: {exc}")
        try:
            send(conn, reply)
        except MemoryError:  # the answer itself is too large to write out
            send(conn, ("error", "MemoryError", "the query needs more memory than a worker may use"))


def _load(conn: Any, graph: str | None, store: str | None) -> Any:
    from ..query.kg import load

    if (store or "oxigraph").strip().lower() == "oxigraph":
        # a server loads once and answers many: the default store, in memory (2-9x faster a query
        # than on disk; forked workers share its pages)
        store = "oxigraph-memory"
    try:
        return load(graph, store=store)
    except Exception as exc:  # reported to the server, which refuses to start
        conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return None


def _spawned_worker(conn: Any, graph: str | None, store: str | None, max_rows: int, memory_mb: int) -> None:
    """A worker that loads the graph itself (where there is no fork)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)
    kg = _load(conn, graph, store)
    if kg is not None:
        _serve(conn, kg, max_rows)


def _zygote(control: Any, graph: str | None, store: str | None, max_rows: int, memory_mb: int) -> None:
    """Load the graph once, then fork a worker for each "fork" message; pass its socket back."""
    import importlib
    import socket
    from multiprocessing.connection import Connection
    from multiprocessing.reduction import send_handle

    for preloaded in ("rdflib", "hykg.server.results"):  # imported once here: forked workers answer at once
        importlib.import_module(preloaded)

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kg = _load(control, graph, store)
    if kg is None:
        return
    children: set[int] = set()

    def reap(*_: Any) -> None:
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            children.discard(pid)

    signal.signal(signal.SIGCHLD, reap)
    control.send(("ready", len(kg)))
    while True:
        try:
            message = control.recv()
        except (EOFError, OSError):
            break
        if message != "fork":
            continue
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the worker
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                control.close()
                ours.close()
                _limit_memory(memory_mb)
                _serve(Connection(theirs.detach()), kg, max_rows)
            finally:
                os._exit(0)
        theirs.close()
        children.add(pid)
        control.send(("forked", pid))
        send_handle(control, ours.fileno(), os.getppid())
        ours.close()
    for pid in list(children):  # the server is gone: so are its workers
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


# ---------------------------------------------------------------------- in the server
@dataclass
class Worker:
    conn: Any
    pid: int
    kill: Callable[[], None]
    exited: Callable[[float], Any]  # an awaitable factory: wait (at most N s) until the process is gone
    waiter: Any = None  # the future of the query it is answering (set by the pool's reader callback)
    gone: bool = False  # its pipe became readable while idle: it died (or said something unasked)

    def watch(self) -> None:
        """Watch the worker's pipe for good, with one reader callback on the event loop (no add/remove
        per query): it wakes the query waiting for an answer, or marks an idle worker as gone."""
        asyncio.get_running_loop().add_reader(self.conn.fileno(), self._readable)

    def unwatch(self) -> None:
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            asyncio.get_running_loop().remove_reader(self.conn.fileno())

    def _readable(self) -> None:
        if self.waiter is not None:
            if not self.waiter.done():
                self.waiter.set_result(None)
        else:
            # a callback queued before the answer was read may run after it: look before judging
            try:
                readable = self.conn.poll(0)
            except (EOFError, OSError):
                readable = True
            if readable:
                self.gone = True
                self.unwatch()  # level-triggered: stop hearing about it until the pool replaces it

    async def answer(self, timeout: float) -> None:
        """Wait until the answer to the query just sent can be read (TimeoutError after ``timeout``)."""
        loop = asyncio.get_running_loop()
        if self.waiter is None or self.waiter.done():
            self.waiter = loop.create_future()
        waiter = self.waiter
        timer = loop.call_later(timeout, lambda: waiter.done() or waiter.set_exception(TimeoutError()))
        try:
            await waiter
        finally:
            timer.cancel()


async def wait_readable(conn: Any, timeout: float) -> None:
    """Wait until ``conn`` (anything with fileno, or a file descriptor) can be read, or raise TimeoutError.

    A future woken by the event loop's reader callback and a timer (no task per wait, as
    ``asyncio.wait_for`` would create: this runs twice per query)."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    fd = conn if isinstance(conn, int) else conn.fileno()

    def settle(exc: BaseException | None = None) -> None:
        if not ready.done():
            if exc is None:
                ready.set_result(None)
            else:
                ready.set_exception(exc)

    loop.add_reader(fd, settle)
    timer = loop.call_later(timeout, settle, TimeoutError())
    try:
        await ready
    finally:
        timer.cancel()
        loop.remove_reader(fd)


class Forker:
    """Starts workers by asking the zygote to fork (POSIX)."""

    def __init__(self, cfg: PoolConfig) -> None:
        self.cfg = cfg
        self.ctx = multiprocessing.get_context("spawn")
        self.control: Any = None
        self.process: Any = None
        self.lock = asyncio.Lock()
        self.triples = 0

    async def start(self) -> None:
        cfg = self.cfg
        ours, theirs = self.ctx.Pipe(duplex=True)
        self.process = self.ctx.Process(target=_zygote, args=(theirs, cfg.graph, cfg.store, cfg.max_rows, cfg.memory_mb),
                                        name="hykg-query-zygote", daemon=True)
        await asyncio.to_thread(self.process.start)
        theirs.close()
        self.control = ours
        try:
            await wait_readable(ours, cfg.start_timeout)
            message = ours.recv()
        except (TimeoutError, EOFError, OSError) as exc:
            raise HykgError(f"the query worker process did not start ({type(exc).__name__})") from exc
        if message[0] != "ready":
            raise HykgError(f"the query workers could not load the graph: {message[1]}")
        self.triples = message[1]

    async def new(self) -> Worker:
        from multiprocessing.connection import Connection

        async with self.lock:  # one fork at a time on the control channel
            try:
                pid, fd = await self._fork()
            except (TimeoutError, EOFError, OSError) as exc:  # the zygote died: start another, once
                log.error("hykg serve: the zygote is gone (%s); starting a new one", type(exc).__name__)
                await self.close()
                await self.start()
                try:
                    pid, fd = await self._fork()
                except (TimeoutError, EOFError, OSError) as again:
                    raise HykgError(f"the query worker process is gone ({type(again).__name__})") from again
        conn = Connection(fd)
        pidfd = _pidfd(pid)

        def kill() -> None:
            with contextlib.suppress(OSError):
                if pidfd is not None:
                    signal.pidfd_send_signal(pidfd, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)

        async def exited(timeout: float) -> None:
            if pidfd is None:
                return
            with contextlib.suppress(TimeoutError, OSError):
                await wait_readable(pidfd, timeout)
            with contextlib.suppress(OSError):
                os.close(pidfd)

        return Worker(conn, pid, kill, exited)

    async def _fork(self) -> tuple[int, int]:
        from multiprocessing.reduction import recv_handle

        self.control.send("fork")
        await wait_readable(self.control, self.cfg.start_timeout)
        _, pid = self.control.recv()
        return pid, recv_handle(self.control)

    async def close(self) -> None:
        if self.control is not None:
            with contextlib.suppress(OSError):
                self.control.close()  # the zygote kills its workers and exits
        if self.process is not None:
            await asyncio.to_thread(self.process.join, 5)
            if self.process.is_alive():
                self.process.kill()
                await asyncio.to_thread(self.process.join, 5)


def _pidfd(pid: int) -> int | None:
    """A pidfd for ``pid`` (Linux): signals reach this very process even if its pid is reused."""
    if not hasattr(os, "pidfd_open"):
        return None
    try:
        return int(os.pidfd_open(pid))
    except OSError:
        return None


class Spawner:
    """Starts each worker as a fresh process that loads the graph itself (no fork: slower restarts)."""

    def __init__(self, cfg: PoolConfig) -> None:
        self.cfg = cfg
        self.ctx = multiprocessing.get_context("spawn")
        self.triples = 0

    async def start(self) -> None:
        return None

    async def new(self) -> Worker:
        cfg = self.cfg
        ours, theirs = self.ctx.Pipe()
        process = self.ctx.Process(target=_spawned_worker, args=(theirs, cfg.graph, cfg.store, cfg.max_rows, cfg.memory_mb),
                                   name="hykg-query-worker", daemon=True)
        await asyncio.to_thread(process.start)
        theirs.close()

        async def exited(timeout: float) -> None:
            await asyncio.to_thread(process.join, timeout)

        return Worker(ours, process.pid or 0, process.kill, exited)

    async def close(self) -> None:
        return None


