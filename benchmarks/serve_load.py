"""Bounded load test of `hykg serve` on loopback: cheap queries mixed with queries that hit the timeout.

Run: python benchmarks/serve_load.py [--clients 16] [--seconds 20] [--heavy 2] [--timeout 1] [--workers 4]

Starts a real server (a subprocess on a free port), runs ``--clients`` concurrent HTTP clients for
``--seconds``: ``--heavy`` of them send a cross product that runs past ``--timeout`` (expected: 503),
the others cheap SELECT/ASK queries and explorer pages (expected: 200). Prints throughput, p50/p95/max
latency and error counts per kind, then the worker accounting: workers alive after the run (must equal
--workers), worker processes left after the server stopped (must be 0).
Targets (issue: hykg serve): no unexpected errors, no leaked workers; cheap p95 under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CHEAP = [
    ("sparql", "ASK { ent:hengguang hykg:inPark park:songmu }"),
    ("sparql", "SELECT ?s WHERE { ?f hykg:consumer ent:hengguang ; hykg:supplier ?s }"),
    ("sparql", "SELECT ?c ?n WHERE { ?c skos:inScheme scheme:chains-2021 ; rdfs:label ?n } ORDER BY ?n"),
    ("sparql", "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e hykg:enKind ?k ; a ?t } GROUP BY ?t"),
    ("page", "/entity/ent/hengguang"),
    ("page", "/search?q=%E5%BB%BA%E6%BB%94"),
]
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def processes_below(pid: int) -> list[int]:
    tree: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                tree[int(fields[1])].append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def worker_count(server_pid: int) -> int:
    """Query workers: forked by the zygote, so below the server's direct children (zygote, resource tracker)."""
    direct = direct_children(server_pid)
    return len([p for p in processes_below(server_pid) if p not in direct])


def direct_children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.add(int(entry))
            except OSError:
                continue
    return out


def client_loop(index: int, url: str, heavy: bool, until: float, out: list[tuple[str, int, str, float]]) -> None:
    rng = random.Random(index)
    with httpx.Client(base_url=url, timeout=60) as c:
        while time.monotonic() < until:
            if heavy:
                kind, target = "heavy", HEAVY
                t0 = time.perf_counter()
                r = c.post("/sparql", data={"query": target})
            else:
                how, target = rng.choice(CHEAP)
                kind = "cheap"
                t0 = time.perf_counter()
                r = c.get("/sparql", params={"query": target}) if how == "sparql" else c.get(target)
            took = time.perf_counter() - t0
            code = r.json().get("error", "") if r.status_code >= 400 else ""
            out.append((kind, r.status_code, code, took))


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--heavy", type=int, default=2, help="clients that send queries past the timeout")
    ap.add_argument("--timeout", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--graph", type=Path, help="a built graph (default: build one into a temporary folder)")
    args = ap.parse_args()

    graph = args.graph
    if graph is None:
        graph = Path(tempfile.mkdtemp()) / "hykg.nq.gz"
        subprocess.run([sys.executable, "-m", "hykg", "build", "--out", str(graph), "--no-corpus-check"],
                       check=True, capture_output=True, cwd=ROOT)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="hykg-serve-", suffix=".log", delete=False)
    t_start = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "hykg", "--graph", str(graph), "serve", "--port", str(port),
                               "--timeout", str(args.timeout), "--query-workers", str(args.workers)],
                              stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
    try:
        while True:
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.perf_counter() - t_start > 60:
                sys.exit(f"the server did not start; see {log.name}")
            time.sleep(0.05)
        startup = time.perf_counter() - t_start
        workers_before = worker_count(server.pid)

        results: list[tuple[str, int, str, float]] = []
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client_loop, args=(i, url, i < args.heavy, until, results))
                   for i in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0

        settle = time.monotonic() + 15
        health = httpx.get(url + "/health", timeout=10).json()
        while time.monotonic() < settle and (health["idle"] != args.workers or worker_count(server.pid) != args.workers):
            time.sleep(0.1)
            health = httpx.get(url + "/health", timeout=10).json()
        workers_after = worker_count(server.pid)
        below = processes_below(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    deadline = time.monotonic() + 10
    left = [p for p in below if os.path.exists(f"/proc/{p}")]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [p for p in below if os.path.exists(f"/proc/{p}")]

    expected = {"cheap": (200, ""), "heavy": (503, "timeout")}
    print(f"hykg serve load test: {args.clients} clients ({args.heavy} sending queries past the timeout) for "
          f"{elapsed:.1f} s; --timeout {args.timeout:g} s, {args.workers} query workers; "
          f"server start {startup:.2f} s; {os.cpu_count()} CPUs")
    print(f"{'kind':6} {'requests':>8} {'req/s':>7} {'p50 s':>7} {'p95 s':>7} {'max s':>7}  outcomes")
    unexpected = 0
    for kind in ("cheap", "heavy"):
        rows = [r for r in results if r[0] == kind]
        lat = [r[3] for r in rows]
        outcomes = Counter(f"{r[1]}{' ' + r[2] if r[2] else ''}" for r in rows)
        bad = sum(1 for r in rows if (r[1], r[2]) != expected[kind] and not (kind == "heavy" and r[1] == 503))
        unexpected += bad
        print(f"{kind:6} {len(rows):8d} {len(rows) / elapsed:7.1f} {pct(lat, 0.5):7.3f} {pct(lat, 0.95):7.3f} "
              f"{max(lat, default=float('nan')):7.3f}  {dict(sorted(outcomes.items()))}")
    print(f"all    {len(results):8d} {len(results) / elapsed:7.1f} "
          f"{statistics.median([r[3] for r in results]) if results else float('nan'):7.3f}")
    print(f"unexpected errors: {unexpected} (cheap: anything but 200; heavy: anything but 503)")
    print(f"server counters: queries {health['queries']}, timeouts {health['timeouts']}, crashes {health['crashes']}, "
          f"busy {health['busy_refusals']}, worker restarts {health['restarts']}")
    print(f"workers: {workers_before} before, {workers_after} after the run (expected {args.workers}); "
          f"leaked after shutdown: {len(left)}")
    cheap = [r[3] for r in results if r[0] == "cheap"]
    ok = unexpected == 0 and workers_after == args.workers and not left and pct(cheap, 0.95) < 1.0
    print("ok" if ok else "NOT OK")


if __name__ == "__main__":
    main()
