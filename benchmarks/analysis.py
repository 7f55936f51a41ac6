"""Analysis benchmarks: every analysis of the bundled data, and closure / risk on a synthetic network.

Run: python benchmarks/analysis.py [--firms 100000] [--flows 300000] [--seed 7] [--repeat 3]
Prints two tables. Targets (issue: supply-chain and circular-economy analysis): each analysis of the
bundled data under 1 s; on the synthetic network of 100k firms and 300k flows, closure and risk under 60 s.

The synthetic network (fixed seed) has firms in 8 tiers: 85% of flows go from a firm to a firm of the
next tier, 15% to any firm (which makes loops); each flow carries one of 500 materials, 90% documented.
Exact betweenness is O(V E) (about 3e10 steps here): above 5,000 nodes it is sampled (Brandes & Pich
2007; 4e6 / flows pivots, between 8 and 64: 13 here), the one risk figure that needs sampling.
Cyclicity uses power iteration on large components; Finn's cycling index (a dense inverse) is skipped
above 3,000 nodes; loop enumeration grows with the branching factor to the power of its length bound.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def synthetic(firms: int, flows: int, seed: int) -> Any:
    """A tiered random supply network as a MultiDiGraph with the attributes of hykg.query.projections."""
    import networkx as nx
    import numpy as np

    rng = np.random.default_rng(seed)
    tiers = 8
    u = rng.integers(0, firms, flows)
    forward = rng.random(flows) < 0.85
    per_tier = firms // tiers
    next_tier = (u % tiers + 1) % tiers
    v_forward = rng.integers(0, per_tier, flows) * tiers + next_tier
    v = np.where(forward, v_forward, rng.integers(0, firms, flows))
    v = np.where(v == u, (v + 1) % firms, v)
    mats = rng.integers(0, 500, flows)
    status = np.where(rng.random(flows) < 0.9, "documented", "editorial")
    g = nx.MultiDiGraph()
    g.add_nodes_from((f"ent/f{i}", {"label": f"企业{i}", "label_en": f"Firm {i}", "type": "Enterprise"})
                     for i in range(firms))
    g.add_edges_from((f"ent/f{a}", f"ent/f{b}", f"flow/{k}", {"material": f"mat/m{m}", "status": str(s)})
                     for k, (a, b, m, s) in enumerate(zip(u.tolist(), v.tolist(), mats.tolist(), status.tolist(), strict=True)))
    return g


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def bundled(repeat: int) -> list[tuple[str, float, str]]:
    from hykg import load
    from hykg.analysis import circular, risk, structure, supply
    from hykg.curation.build import build
    from hykg.present.export import export_graph
    from hykg.query import projections as project

    folder = Path(tempfile.mkdtemp())
    out = folder / "hykg.nq.gz"
    build(out, ROOT / "data", ROOT / "ontology", check_corpus=False)
    kg = load(out)
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("supply_network", lambda: project.supply_network(kg)),
        ("park_network", lambda: project.park_network(kg)),
        ("membership_graph", lambda: project.membership_graph(kg)),
        ("ego_graph 恒光 depth 2", lambda: project.ego_graph(kg, "恒光", 2)),
        ("closure upstream 电科", lambda: supply.closure_report(kg, "电科", "upstream")),
        ("path 建滔 电科", lambda: supply.paths(kg, "建滔", "电科")),
        ("could_supply", lambda: supply.could_supply(kg)),
        ("circular (all firms)", lambda: circular.circular(kg)),
        ("circular --park 松木经开区", lambda: circular.circular(kg, "松木经开区")),
        ("chain 化工新材料", lambda: structure.chain_structure(kg, "化工新材料")),
        ("risk", lambda: risk.risk(kg)),
        ("export membership graphml", lambda: export_graph(project.membership_graph(kg), "graphml", folder / "m.graphml")),
    ]
    rows = []
    for name, fn in cases:
        t, _ = timed(fn, repeat)
        rows.append((name, t, "yes" if t < 1.0 else "NO"))
    return rows


def large(firms: int, flows: int, seed: int) -> list[tuple[str, float, str]]:
    from hykg.analysis import circular, risk, supply

    t0 = time.perf_counter()
    g = synthetic(firms, flows, seed)
    rows: list[tuple[str, float, str]] = [(f"generate {firms:,} firms / {flows:,} flows", time.perf_counter() - t0, "")]
    sink = max(g.nodes, key=lambda n: (g.in_degree(n), n))
    source = max(g.nodes, key=lambda n: (g.out_degree(n), n))
    cases: list[tuple[str, Callable[[], Any], float | None]] = [
        ("closure upstream (any depth)", lambda: supply.closure(g, sink, "upstream"), 60.0),
        ("closure downstream (any depth)", lambda: supply.closure(g, source, "downstream"), 60.0),
        ("risk: cut points", lambda: risk.cut_points(g), None),
        ("risk: dominators", lambda: risk.dominators(g), None),
        ("risk: single suppliers", lambda: risk.single_suppliers(g), None),
        ("risk: betweenness (sampled)", lambda: risk.betweenness(g), None),
        ("risk_report (all of the above)", lambda: risk.risk_report(g), 60.0),
        ("circular: loops (length <= 3)", lambda: circular.loops(g, 3), None),
        ("circular: loops (length <= 6, first 100)", lambda: circular.loops(g, 6), None),
        ("circular: ena_metrics (FCI skipped)", lambda: circular.ena_metrics(g), None),
    ]
    for name, fn, target in cases:
        t, result = timed(fn, 1)
        note = f"{len(result):,} found" if isinstance(result, dict | list) and "ena_metrics" not in name else ""
        if name.startswith("risk_report"):
            note = f"{len(result['cut_points']):,} cut points, {len(result['dominators']):,} dominators"
        ok = "" if target is None else ("yes" if t < target else "NO")
        rows.append((name, t, f"{ok} {note}".strip()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--firms", type=int, default=100_000)
    parser.add_argument("--flows", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    from hykg.present.text import table

    print(f"bundled data (median of {args.repeat} runs; target < 1 s each)")
    print(table(["analysis", "s", "ok"], [[n, f"{t:.3f}", ok] for n, t, ok in bundled(args.repeat)]))
    if args.skip_large:
        return
    print(f"\nsynthetic network ({args.firms:,} firms, {args.flows:,} flows, seed {args.seed}; "
          "target: closure and risk < 60 s)")
    print(table(["analysis", "s", "ok / notes"], [[n, f"{t:.2f}", ok] for n, t, ok in large(args.firms, args.flows, args.seed)]))


if __name__ == "__main__":
    main()
