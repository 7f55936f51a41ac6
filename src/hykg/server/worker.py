"""Query worker processes: each answers one query at a time and is killed when it runs past the timeout.

pyoxigraph cannot be interrupted from Python, so a query that runs past its time limit is stopped by
killing the process that runs it (SIGKILL) and starting a fresh one. To make that cheap, a *zygote*
process loads the graph once and forks every worker from itself (a new worker is ready in
milliseconds and shares the graph's memory); where ``os.fork`` is missing, each worker is spawned
and loads the graph itself. Workers run under an address-space limit, so a query that would exhaust
memory kills only its worker, and a query still running after a quarter of the timeout is moved to a
lower CPU priority so that quick queries keep their speed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from typing import Any

from ..errors import (
    HykgError,
    NotSerialisable,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ServerBusy,
    UpdateRefused,
    WorkerCrashed,
)
from ..rdf.sparqltext import Dataset
from .processes import Forker, PoolConfig, Spawner, Worker, receive, send, wait_readable
from .results import Answer

log = logging.getLogger("hykg.server")

#: The errors a worker reports by name that come back as themselves (the rest as HykgError).
_REPLIED = {c.__name__: c for c in (QuerySyntaxError, QueryRefused, UpdateRefused, NotSerialisable)}
NICE = 10  # the CPU niceness of a worker whose query runs long


class _OutOfMemory(WorkerCrashed):
    """The query needed more memory than a worker may use (the worker lives on)."""


class WorkerPool:
    """A fixed number of query worker processes, used from one asyncio event loop.

    ``await pool.start()``, then ``await pool.run(query, fmt)`` returns an Answer or raises
    QueryTimeout / ServerBusy / WorkerCrashed / QuerySyntaxError / QueryRefused; ``await pool.close()``
    kills every worker.
    """

    def __init__(self, config: PoolConfig) -> None:
        self.config = config
        self._maker: Forker | Spawner = Forker(config) if hasattr(os, "fork") else Spawner(config)
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: dict[int, Worker] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self.stats = {"queries": 0, "timeouts": 0, "crashes": 0, "busy_refusals": 0, "restarts": 0, "waiting": 0}

    @property
    def triples(self) -> int:
        return self._maker.triples

    # ------------------------------------------------------------------ lifetime
    async def start(self) -> None:
        """Load the graph, start every worker and wait until each is ready (HykgError if one cannot)."""
        try:
            await self._maker.start()
            for _ in range(self.config.size):
                self._idle.put_nowait(await self._new())
        except BaseException:
            await self.close()
            raise

    async def _new(self) -> Worker:
        worker = await self._maker.new()
        self._all[worker.pid] = worker
        try:
            await wait_readable(worker.conn, self.config.start_timeout)
            message = worker.conn.recv()
        except (TimeoutError, EOFError, OSError) as exc:
            await self._kill(worker)
            raise HykgError(f"a query worker did not start ({type(exc).__name__})") from exc
        if message[0] != "ready":
            await self._kill(worker)
            raise HykgError(f"a query worker could not load the graph: {message[1]}")
        if isinstance(self._maker, Spawner):
            self._maker.triples = message[1]
        worker.watch()
        return worker

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` and start its replacement in the background, trying again (with a growing
        pause) until one starts: the pool returns to its full size even after the zygote died."""
        async def replace() -> None:
            await self._kill(worker)
            pause = 0.1
            while not self._closed:
                try:
                    fresh = await self._new()
                except HykgError as exc:
                    log.error("hykg serve: %s; trying again in %.1f s", exc, pause)
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, 5.0)
                    continue
                if self._closed:
                    await self._kill(fresh)
                else:
                    self.stats["restarts"] += 1
                    self._idle.put_nowait(fresh)
                return

        worker.kill()  # at once: the runaway query stops using the CPU now
        task = asyncio.get_running_loop().create_task(replace())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _kill(self, worker: Worker) -> None:
        self._all.pop(worker.pid, None)
        worker.unwatch()
        worker.kill()
        with contextlib.suppress(OSError):
            worker.conn.close()
        await worker.exited(5)

    async def close(self) -> None:
        """Kill every worker (running queries included) and stop the zygote."""
        self._closed = True
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
        await asyncio.gather(*(self._kill(w) for w in list(self._all.values())), return_exceptions=True)
        await self._maker.close()

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        return sorted(self._all)

    # ------------------------------------------------------------------ queries
    async def run(self, query: str, fmt: str, dataset: Dataset | None = None) -> Answer:
        """Answer ``query`` in ``fmt`` on an idle worker, within the time limit.

        Queries are read-only, so one whose worker dies under it (killed from outside, an engine
        crash) is asked once more, of another worker; a worker found dead while idle is replaced
        before any query is sent to it."""
        cfg, stats = self.config, self.stats
        if self._closed:
            raise ServerBusy("the server is shutting down")
        if stats["waiting"] >= cfg.max_waiting:
            stats["busy_refusals"] += 1
            raise ServerBusy(f"{cfg.max_waiting} queries are already waiting for a worker; try again later")
        try:
            return await self._ask(await self._acquire(), query, fmt, dataset)
        except _OutOfMemory:
            raise  # the query's own doing: it would do it again
        except WorkerCrashed as exc:
            log.warning("hykg serve: %s; asking another worker once", exc)
            return await self._ask(await self._acquire(), query, fmt, dataset)

    async def _acquire(self) -> Worker:
        """An idle, live worker (ServerBusy if none is free within the timeout)."""
        cfg, stats = self.config, self.stats
        deadline = asyncio.get_running_loop().time() + cfg.timeout
        while True:
            try:
                worker = self._idle.get_nowait()  # the usual case: no waiting, no timer
            except asyncio.QueueEmpty:
                stats["waiting"] += 1
                try:
                    left = deadline - asyncio.get_running_loop().time()
                    worker = await asyncio.wait_for(self._idle.get(), max(left, 0.0))
                except TimeoutError:
                    stats["busy_refusals"] += 1
                    raise ServerBusy(f"all {cfg.size} query workers stayed busy for {cfg.timeout:g} s; "
                                     "try again later") from None
                finally:
                    stats["waiting"] -= 1
            if not worker.gone:  # an idle worker's pipe is readable only at its end (the reader saw it)
                return worker
            stats["crashes"] += 1
            log.warning("hykg serve: query worker %d died while idle; starting another", worker.pid)
            self._replace(worker)

    async def _ask(self, worker: Worker, query: str, fmt: str, dataset: Dataset | None) -> Answer:
        cfg, stats = self.config, self.stats
        stats["queries"] += 1
        niced = False
        try:
            worker.waiter = asyncio.get_running_loop().create_future()  # before sending: the answer may be quick
            send(worker.conn, (query, fmt, dataset))
            first = cfg.timeout / 4
            try:
                await worker.answer(first)
            except TimeoutError:  # a long query: let quick ones go first
                niced = _renice(worker.pid, NICE)
                worker.waiter = None
                await worker.answer(cfg.timeout - first)
            worker.waiter = None
            reply = receive(worker.conn)
        except TimeoutError:
            stats["timeouts"] += 1
            self._replace(worker)
            raise QueryTimeout(f"the query ran longer than {cfg.timeout:g} s and was stopped") from None
        except (EOFError, OSError):
            stats["crashes"] += 1
            self._replace(worker)
            raise WorkerCrashed("the query stopped its worker (out of memory or an engine crash)") from None
        except BaseException:  # cancelled mid-query: the worker's state is unknown, replace it
            self._replace(worker)
            raise
        if niced and not _renice(worker.pid, 0):
            self._replace(worker)  # cannot restore its priority: start a fresh one
        else:
            self._idle.put_nowait(worker)
        if reply[0] == "ok":
            answer: Answer = reply[1]
            return answer
        kind, message = reply[1], reply[2]
        if kind == "MemoryError":
            raise _OutOfMemory(message)
        raise _REPLIED.get(kind, HykgError)(message)

    def status(self) -> dict[str, Any]:
        """Counts for /health: workers alive and idle, queries, timeouts, crashes, restarts."""
        return {"workers": len(self._all), "idle": self._idle.qsize(), **self.stats}


def _renice(pid: int, niceness: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
        return True
    except (OSError, AttributeError):
        return False
