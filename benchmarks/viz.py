"""Viz benchmarks: generating a 1,000-node page, and its layout stabilising in headless Chromium.

Run: python benchmarks/viz.py [--repeat N] [--nodes N]. Prints a table (median and best of N runs).
Targets (issue: visual exploration): a 1,000-node view generated in under 1 s; stabilised in headless
Chromium (Debian's chromium, driven by Playwright) in under 5 s, measured from page load to
vis-network's "stabilizationIterationsDone" event. The real `all` view (every entity) is measured too.
Chain panoramas (issue 18): the 14 chains of the 2021 list drawn as SVG (`viz panorama`) from a freshly
loaded graph, in one process and as 14 `hykg viz panorama` commands, each in under 10 s;
`--panorama-only` measures just that.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TYPES = ("Enterprise", "Park", "IndustrialChain", "Product", "Project", "Statistic", "GovernmentBody", "Place")


def synthetic(n: int, seed: int = 1) -> Any:
    """A hykg-shaped graph: n typed nodes with zh/en labels, ~1.5 n links of mixed status, 1/6 flows."""
    import networkx as nx

    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    for i in range(n):
        g.add_node(f"ent/n{i}", label=f"节点{i}", label_en=f"Node {i}", type=TYPES[i % len(TYPES)],
                   chains=[f"chain/c{i % 12}"])
    for u, v in nx.gnm_random_graph(n, n * 3 // 2, seed=seed, directed=True).edges:
        status = rng.choice(("documented", "documented", "editorial", "inferred"))
        src = [{"doc": "000_77e32e1598185cb9", "quote": "恒光利用建滔的盐酸、烧碱、双氧水"}]
        if rng.random() < 1 / 6:
            g.add_edge(f"ent/n{u}", f"ent/n{v}", material_label="硫酸", material_label_en="sulfuric acid",
                       status=status, sources=src)
        else:
            g.add_edge(f"ent/n{u}", f"ent/n{v}", property="hykg:partner", property_label="合作伙伴",
                       property_label_en="partner", status=status, sources=src)
    return g


def timed(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def stabilise(path: Path, repeat: int) -> tuple[list[float], list[float], int]:
    """Seconds from navigation to the stabilised event, and vis-network's own time, per run."""
    from playwright.sync_api import sync_playwright

    exe = shutil.which("chromium")
    if not exe:
        raise SystemExit("chromium not found (scripts/system-deps.sh installs Debian's chromium)")
    walls, inner, nodes = [], [], 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=ARGS)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            t = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=60000)
            walls.append(time.perf_counter() - t)
            inner.append(page.evaluate("hykg.stabilizedMs") / 1000)
            nodes = page.evaluate("hykg.network.body.data.nodes.length")
            context.close()
        browser.close()
    return walls, inner, nodes


def panoramas(repeat: int) -> tuple[list[float], int]:
    """Seconds to draw the SVG panorama of every chain of the 2021 list, each run on a fresh graph."""
    import hykg
    from hykg.present.panorama import panorama_svg

    times, n = [], 0
    for _ in range(repeat):
        kg = hykg.load()
        chains = sorted(r["c"] for r in kg.select("SELECT ?c WHERE { ?c a hykg:IndustrialChain ; skos:inScheme "
                                                   "<https://w3id.org/hykg/id/scheme/chains-2021> }"))
        t = time.perf_counter()
        for c in chains:
            panorama_svg(kg, c)
        times.append(time.perf_counter() - t)
        n = len(chains)
    return times, n


def panorama_commands(repeat: int, folder: Path) -> tuple[list[float], int]:
    """Seconds for 14 separate `hykg viz panorama CHAIN -o FILE.svg` processes (the graph cache warm)."""
    import subprocess
    import sys

    import hykg

    chains = sorted(r["c"].rsplit("/id/", 1)[-1] for r in hykg.load().select(
        "SELECT ?c WHERE { ?c a hykg:IndustrialChain ; skos:inScheme <https://w3id.org/hykg/id/scheme/chains-2021> }"))
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for c in chains:
            subprocess.run([sys.executable, "-m", "hykg", "viz", "panorama", c, "-o", str(folder / (c.split("/")[-1] + ".svg"))],
                           check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times, len(chains)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--panorama-only", action="store_true", help="only the 14-chain panorama run")
    args = parser.parse_args()
    import hykg
    from hykg.present import viz
    from hykg.present.render import render

    folder = Path(tempfile.mkdtemp())
    rows: list[tuple[str, float, list[float]]] = []
    times, n = panoramas(args.repeat)
    rows.append((f"`viz panorama`: {n} chains as SVG, one process", 10.0, times))
    times, n = panorama_commands(args.repeat, folder)
    rows.append((f"`hykg viz panorama` x {n}, a process each", 10.0, times))
    if args.panorama_only:
        _table(rows)
        return
    g = synthetic(args.nodes)
    gen, page = timed(lambda: render(g, f"{args.nodes} nodes", max_nodes=max(1000, args.nodes)), args.repeat)
    rows.append((f"generate {page.nodes}-node page", 1.0, gen))
    synthetic_file = page.save(folder / "synthetic.html")
    kg = hykg.load()
    gen_all, all_page = timed(lambda: viz.view(kg, "all"), args.repeat)
    rows.append((f"generate `all` view ({all_page.nodes} nodes)", 1.0, gen_all))
    all_file = all_page.save(folder / "all.html")
    for name, path in ((f"{page.nodes} nodes", synthetic_file), (f"`all` view ({all_page.nodes} nodes)", all_file)):
        walls, inner, drawn = stabilise(path, args.repeat)
        rows.append((f"chromium: load + stabilise, {name}", 5.0, walls))
        rows.append((f"  of which vis-network layout ({drawn} drawn)", 5.0, inner))
    _table(rows)


def _table(rows: list[tuple[str, float, list[float]]]) -> None:
    load = os.getloadavg()[0]
    print(f"{'step':52} {'median s':>9} {'best s':>8} {'target s':>9}  ok")
    for name, target, times in rows:
        med = statistics.median(times)
        print(f"{name:52} {med:9.3f} {min(times):8.3f} {target:9.1f}  {'yes' if med < target else 'NO'}")
    print(f"(load average {load:.1f} on {os.cpu_count()} CPUs: other work on the machine slows the browser)")


if __name__ == "__main__":
    main()
