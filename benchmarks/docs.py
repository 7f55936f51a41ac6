"""Docs and reports benchmarks: the ontology reference, chain reports and the SPARQL cookbook, in process.

Run: python benchmarks/docs.py [--repeat N]. Prints a table (median and best of N runs, milliseconds).
Targets (issue: notebooks, chain reports, ontology documentation, cookbook): the ontology reference
under 1 s; one chain report under 1 s; every cookbook query under 100 ms, on a 2-core machine. Issue 13: `report chain` and
`report promotion` for all 14 chains together (gathered and rendered) under 10 s with ChainKG imported.
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
    listed = _with_chainkg(out)
    if listed is not None:
        from hykg.present.promotion import promotion_report

        def both() -> None:
            for c in chains:
                render_html(chain_report(listed, c))
                render_html(promotion_report(listed, c), template="promotion")

        add(f"report chain + promotion, all {len(chains)} chains, ChainKG imported (gather + html)",
            timed(both, max(1, args.repeat // 2)), 10000)
    for q in sorted((ROOT / "docs" / "queries").glob("*.rq")):
        text = q.read_text(encoding="utf-8")
        add(f"cookbook {q.stem}", timed(lambda text=text: kg.select(text), args.repeat), 100)
    print(f"graph: {len(kg)} quads; {args.repeat} runs each (ms)")
    print(table(["what", "median ms", "best ms", "target ms", ""], rows))


def _with_chainkg(out: Path) -> object | None:
    """The bundled graph with the ChainKG listed companies imported next to it (None without the dataset)."""
    import shutil

    import hykg
    from hykg.curation.fresh import ensure_built
    from hykg.datasets.chainkg import importer as chainkg

    source = chainkg.default_source()
    if not (source / "company.json").exists():
        return None
    folder = out / "with-chainkg"
    folder.mkdir()
    shutil.copy(ensure_built(), folder / "hykg.nq.gz")
    chainkg.import_chainkg(source, folder / "chainkg.nq.gz", graph=folder / "hykg.nq.gz", products=False)
    return hykg.load(folder / "hykg.nq.gz")


if __name__ == "__main__":
    main()
