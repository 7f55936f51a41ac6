"""Core benchmarks: `hykg build`, and each query command's cold time and peak memory next to `hykg --help`.

Run: python benchmarks/core.py [--repeat N] [--chainkg DIR]

Each query command runs as a fresh process (what a user's shell does), on the default store (the on-disk
Oxigraph store next to the built graph, built once before timing), in two worlds: the bundled graph, and the
same graph with ChainKG imported. Runs are interleaved (every command once per round, `hykg --help` included),
so the ratio to `--help` (the floor: interpreter + click) is measured under the same load. The checkout's
modules are byte-compiled first, as `pip install` does (an environment with PYTHONDONTWRITEBYTECODE=1 would
otherwise compile every module on every start).
Targets (issue: fast at any size): ratio <= 1.5x (must <= 2x); peak memory < 100 MB with ChainKG imported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAINKG = ROOT.parent / "shared" / "datasets" / "chainkg"
HYKG = Path(sys.executable).with_name("hykg")  # the console script a user runs

QUERIES = (["fed-by", "恒光"], ["feeds", "恒光", "--depth", "3"], ["show", "恒光"], ["park", "松木经开区"],
           ["chain", "化工新材料"], ["search", "建滔"], ["stats"], ["path", "建滔", "电科"])
CHAINKG_QUERIES = (["listed", "000001"], ["prospects", "化工新材料", "--per-industry", "5"])


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one process, start to exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return took, usage.ru_maxrss / 1024


def measure(commands: list[list[str]], env: dict[str, str], repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Interleaved runs: each round runs every command once."""
    results: dict[str, list[tuple[float, float]]] = {" ".join(c): [] for c in commands}
    for _ in range(repeat):
        for c in commands:
            results[" ".join(c)].append(run([str(HYKG), *c], env))
    return results


def table(world: str, results: dict[str, list[tuple[float, float]]]) -> list[str]:
    floor = statistics.median(t for t, _ in results["--help"])
    lines = [f"\n{world}", f"{'command':34} {'median s':>9} {'x --help':>9} {'peak MB':>8}  ok (<=1.5x target, <=2x must)"]
    for name, runs in results.items():
        med = statistics.median(t for t, _ in runs)
        ratio = med / floor
        peak = max(m for _, m in runs)
        ok = "yes" if ratio <= 1.5 else ("must" if ratio <= 2 else "NO")
        lines.append(f"hykg {name:29} {med:9.3f} {ratio:8.2f}x {peak:8.0f}  {ok}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--chainkg", type=Path, default=CHAINKG)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="hykg-bench-"))
    env = {**os.environ, "HYKG_HOME": str(home)}
    env.pop("HYKG_GRAPH", None)
    env.pop("HYKG_STORE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "hykg")], check=True)
    build = [run([str(HYKG), "build"], env)[0] for _ in range(3)]
    print(f"hykg build (bundled data): median {statistics.median(build):.2f} s (target < 3 s)")
    run([str(HYKG), "stats"], env)  # the first query loads the on-disk store once
    commands = [["--help"], *map(list, QUERIES)]
    out = table("bundled graph", measure(commands, env, args.repeat))
    if args.chainkg.exists():
        took, _ = run([str(HYKG), "import", "chainkg", str(args.chainkg)], env)
        t_load, _ = run([str(HYKG), "stats"], env)
        out.append(f"\nimport chainkg: {took:.1f} s; first query after it (store rebuilt once): {t_load:.1f} s")
        commands += map(list, CHAINKG_QUERIES)
        out += table("with ChainKG imported", measure(commands, env, args.repeat))
    print("\n".join(out))


if __name__ == "__main__":
    main()
