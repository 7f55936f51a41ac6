"""`hykg serve` against `oxigraph serve-read-only` on the same graph and the same client load, back to back.

Run: python benchmarks/serve.py [--clients 8] [--seconds 15] [--workers N] [--rounds 2]

Both servers answer the same stream of cheap, varied SPARQL queries (an entity and a LIMIT drawn at random
for each request, so no result cache can serve them), sent by ``--clients`` keep-alive HTTP clients (plain
``http.client``, one thread each) for ``--seconds``; the servers run one after the other, ``--rounds`` times,
interleaved. Every answer is checked (status 200, a SPARQL JSON result). Oxigraph runs with
``--union-default-graph``, the default graph hykg serves. Prints req/s, p50/p95 and the CPU the server's
processes spent per request (user + system, from /proc: less sensitive than throughput to other work on
the machine) per server, and the ratios.
Targets (issue: fast at any size): throughput >= 0.5x Oxigraph's (goal 0.8x), p95 within 2x.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from serve_load import free_port, pct  # noqa: E402  (the sibling load test's helpers)

#: Cheap query shapes: {e} an enterprise IRI, {p} a park IRI, {n} a LIMIT.
SHAPES = (
    "SELECT ?s ?m WHERE {{ ?f hykg:consumer <{e}> ; hykg:supplier ?s ; hykg:material ?m }} LIMIT {n}",
    "SELECT ?c ?m WHERE {{ ?f hykg:supplier <{e}> ; hykg:consumer ?c ; hykg:material ?m }} LIMIT {n}",
    "SELECT ?p ?o WHERE {{ <{e}> ?p ?o }} LIMIT {n}",
    "ASK {{ <{e}> hykg:inPark <{p}> }}",
    "SELECT ?e ?l WHERE {{ ?e hykg:inPark <{p}> ; rdfs:label ?l }} LIMIT {n}",
    "SELECT ?l WHERE {{ <{e}> rdfs:label|skos:altLabel ?l }} LIMIT {n}",
)


def wait_up(port: int, path: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"server did not start: {log}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    with_group = proc.pid
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(with_group, signal.SIGKILL)
        proc.wait()


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and every live process below it."""
    parents: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = fields
            parents.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        if p in stats:
            total += (int(stats[p][11]) + int(stats[p][12])) / os.sysconf("SC_CLK_TCK")
        todo += parents.get(p, [])
    return total


def queries(prologue: str, ents: list[str], parks: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    return [prologue + rng.choice(SHAPES).format(e=rng.choice(ents), p=rng.choice(parks), n=rng.randint(1, 50))
            for _ in range(20000)]


def load(port: int, path: str, work: list[str], clients: int, seconds: float) -> tuple[float, list[float], int]:
    """Run the client load; (requests per second, latencies, failures)."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    until = time.monotonic() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        k = i
        while time.monotonic() < until:
            q = work[k % len(work)]
            k += clients
            t0 = time.perf_counter()
            conn.request("GET", path + "?" + urllib.parse.urlencode({"query": q}),
                         headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            body = r.read()
            mine.append(time.perf_counter() - t0)
            if r.status != 200 or not ({"results", "boolean"} & set(json.loads(body))):
                bad += 1
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies) / (time.perf_counter() - t0), latencies, failures[0]


def of_type(store: Any, name: str) -> list[str]:
    """IRIs of the entities of one hykg class, for the queries to pick from."""
    from hykg.rdf import vocab

    return [str(r[0].value) for r in store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ ?e a <{vocab.ONT}{name}> }} }}")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--workers", type=int, help="hykg serve's query workers (default: its own default)")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()

    import pyoxigraph

    from hykg.rdf import vocab

    tmp = Path(tempfile.mkdtemp(prefix="hykg-serve-bench-"))
    graph = tmp / "hykg.nq.gz"
    subprocess.run([sys.executable, "-m", "hykg", "build", "--out", str(graph), "--no-corpus-check"],
                   check=True, capture_output=True, cwd=ROOT)
    db = tmp / "oxigraph-db"
    store = pyoxigraph.Store(str(db))
    import gzip

    with gzip.open(graph, "rb") as fh:
        store.bulk_load(fh, pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    ents, parks = of_type(store, "Enterprise"), of_type(store, "Park")
    del store
    prologue = "".join(f"PREFIX {p}: <{vocab.PREFIXES[p]}>\n" for p in ("hykg", "rdfs", "skos"))

    oxigraph = Path(sys.executable).with_name("oxigraph")
    servers = {
        "hykg serve": (lambda port: [sys.executable, "-m", "hykg", "--graph", str(graph), "serve", "--port", str(port),
                                     *(["--query-workers", str(args.workers)] if args.workers else [])], "/sparql"),
        "oxigraph serve-read-only": (lambda port: [str(oxigraph), "serve-read-only", "--location", str(db),
                                                   "--bind", f"127.0.0.1:{port}", "--union-default-graph"], "/query"),
    }
    measured: dict[str, list[tuple[float, list[float], int, float]]] = {name: [] for name in servers}
    for rnd in range(args.rounds):
        work = queries(prologue, ents, parks, seed=rnd)
        for name, (command, path) in servers.items():
            port = free_port()
            log = tmp / f"{name.split()[0]}-{rnd}.log"
            with log.open("wb") as out:
                proc = subprocess.Popen(command(port), stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                        start_new_session=True)
            try:
                wait_up(port, path, proc, log)
                load(port, path, work[:200], args.clients, 1.0)  # warm-up
                cpu = tree_cpu(proc.pid)
                rate, lat, failed = load(port, path, work, args.clients, args.seconds)
                measured[name].append((rate, lat, failed, (tree_cpu(proc.pid) - cpu) / max(1, len(lat))))
            finally:
                stop(proc)

    print(f"{args.clients} clients, {args.seconds:g} s x {args.rounds} rounds per server, cheap varied queries; "
          f"hykg serve with {args.workers or 'its default'} query workers; {os.cpu_count()} CPUs (clients included)")
    print(f"{'server':26} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'server CPU ms/req':>18} {'failed':>6}")
    summary = {}
    for name, runs in measured.items():
        rate = statistics.median(r[0] for r in runs)
        lat = [x for r in runs for x in r[1]]
        cpu = statistics.median(r[3] for r in runs)
        summary[name] = (rate, pct(lat, 0.95), cpu)
        print(f"{name:26} {rate:8.0f} {pct(lat, 0.5) * 1000:7.1f} {pct(lat, 0.95) * 1000:7.1f} {cpu * 1000:18.3f} "
              f"{sum(r[2] for r in runs):6d}")
    (h_rate, h_p95, h_cpu), (o_rate, o_p95, o_cpu) = summary["hykg serve"], summary["oxigraph serve-read-only"]
    print(f"ratio hykg/oxigraph: throughput {h_rate / o_rate:.2f}x (target >= 0.5x, goal 0.8x); "
          f"p95 {h_p95 / o_p95:.2f}x (target <= 2x); server CPU per request {h_cpu / o_cpu:.2f}x")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (other work on the machine skews the figures)")


if __name__ == "__main__":
    main()
