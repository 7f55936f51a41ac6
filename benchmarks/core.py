"""Core benchmarks: `hykg build` of the bundled data and query commands from process start to exit.

Run: python benchmarks/core.py [--repeat N]. Prints a table (median and best of N runs).
Targets (issue: hykg core): build under 3 s; a query command under 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp()) / "hykg.nq.gz"
    hykg = [sys.executable, "-m", "hykg"]
    rows = [("hykg build", 3.0, timed([*hykg, "build", "--out", str(out)], args.repeat))]
    for q in (["fed-by", "恒光"], ["feeds", "恒光", "--depth", "3"], ["park", "松木经开区"], ["chain", "化工新材料"],
              ["search", "建滔"], ["stats"], ["--help"]):
        rows.append(("hykg " + " ".join(q), 0.5, timed([*hykg, "--graph", str(out), *q], args.repeat)))
    print(f"{'command':32} {'median s':>9} {'best s':>8} {'target s':>9}  ok")
    for name, target, times in rows:
        med = statistics.median(times)
        print(f"{name:32} {med:9.3f} {min(times):8.3f} {target:9.1f}  {'yes' if med < target else 'NO'}")


if __name__ == "__main__":
    main()
