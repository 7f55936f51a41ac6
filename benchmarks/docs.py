"""Docs and reports benchmarks: the ontology reference, chain reports and the SPARQL cookbook, in process.

Run: python benchmarks/docs.py [--repeat N]. Prints a table (median and best of N runs, milliseconds).
Targets (issue: notebooks, chain reports, ontology documentation, cookbook): the ontology reference
under 1 s; one chain report under 1 s; every cookbook query under 100 ms, on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import hykg
    from hykg.present.ontodoc import write_ontology_docs
    from hykg.present.report import chain_report
    from hykg.present.report_render import render_html, render_markdown
    from hykg.present.text import table

    kg = hykg.load()
    out = Path(tempfile.mkdtemp(prefix="hykg-bench-docs-"))
    rows: list[list[object]] = []

    def add(name: str, times: list[float], target: float) -> None:
        med = statistics.median(times)
        rows.append([name, f"{med:.1f}", f"{min(times):.1f}", f"{target:.0f}", "ok" if med <= target else "SLOW"])

    add("docs ontology (read + render + write)", timed(lambda: write_ontology_docs(out / "onto"), args.repeat), 1000)
    add("report chain 化工新材料 (gather)", timed(lambda: chain_report(kg, "化工新材料"), args.repeat), 1000)
    report = chain_report(kg, "化工新材料")
    add("report chain 化工新材料 (render html)", timed(lambda: render_html(report), args.repeat), 200)
    add("report chain 化工新材料 (render md)", timed(lambda: render_markdown(report), args.repeat), 200)
    chains = [r["l"] for r in kg.select('SELECT ?l WHERE { ?c skos:inScheme scheme:chains-2021 ; rdfs:label ?l '
                                        'FILTER(lang(?l) = "zh") }')]
    add(f"reports of all {len(chains)} 2021 chains (gather)",
        timed(lambda: [chain_report(kg, c) for c in chains], max(1, args.repeat // 2)), 1000 * len(chains))
    for q in sorted((ROOT / "docs" / "queries").glob("*.rq")):
        text = q.read_text(encoding="utf-8")
        add(f"cookbook {q.stem}", timed(lambda text=text: kg.select(text), args.repeat), 100)
    print(f"graph: {len(kg)} quads; {args.repeat} runs each (ms)")
    print(table(["what", "median ms", "best ms", "target ms", ""], rows))


if __name__ == "__main__":
    main()
