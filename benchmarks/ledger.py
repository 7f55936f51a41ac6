"""Ledger import benchmark: a generated 10,000-row firm ledger (.xlsx and GBK CSV) imported against the real graph.

Run: python benchmarks/ledger.py [--rows 10000] [--format xlsx|csv|both]

Prints, per format: read time, import time (read + match + write the ledger's named graph), the
quads written, the peak memory (max RSS of the process that imports, which also holds the loaded
graph), and then the time of a query command (`hykg show`) before and after the import, on the
default on-disk store. Goal (issue 14): under 10 s and under 500 MB for 10,000 rows; after the
import a query stays as fast as before (the first command after it rebuilds the store once).
Each import runs in its own process (clean memory figures).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADERS = ["序号", "企业名称", "统一社会信用代码", "简称", "所属产业链", "所在园区", "主要产品", "2023年产值(亿元)", "营业收入(万元)"]
CHAINS = ["化工新材料", "电子信息", "有色金属及新型合金", "生物医药", "核技术应用"]
PARKS = ["松木经开区", "常宁水口山经开区", "综保区", "衡山科学城"]
PRODUCTS = ["硫酸", "盐酸", "烧碱", "双氧水", "聚合氯化铝", "覆铜板", "线路板", "锌锭", "铅锭"]


def rows(n: int, seed: int = 14) -> list[list[object]]:
    """``n`` ledger rows of made-up firms (fixed seed): distinct names and credit codes."""
    rnd = random.Random(seed)
    out: list[list[object]] = []
    for i in range(1, n + 1):
        name = f"衡阳市测试{i:05d}号实业有限公司"
        code = f"914304{i:012d}"
        out.append([i, name, code, f"测试{i:05d}", rnd.choice(CHAINS), rnd.choice(PARKS),
                    "、".join(rnd.sample(PRODUCTS, 2)), round(rnd.uniform(0.1, 50), 2), rnd.randint(100, 90000)])
    return out


def write(folder: Path, n: int, fmt: str) -> Path:
    data = rows(n)
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "企业台账"
        ws.append(HEADERS)
        for r in data:
            ws.append(r)
        path = folder / "台账.xlsx"
        wb.save(path)
        return path
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([HEADERS, *data])
    path = folder / "台账.csv"
    path.write_bytes(buf.getvalue().encode("gbk"))
    return path


CHILD = """
import json, resource, sys, time
from pathlib import Path
from hykg.curation.ledger import read_ledger
from hykg.curation.ledger_graph import import_ledger
from hykg.query.kg import load
path, graph = Path(sys.argv[1]), Path(sys.argv[2])
kg = load(graph)
kg.rows("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
ledger = read_ledger(path)
t1 = time.perf_counter()
r = import_ledger(ledger, kg, graph)
t2 = time.perf_counter()
print(json.dumps({"read_s": t1 - t0, "import_s": t2 - t0, "rows": len(ledger.rows), "imported": r.imported,
                  "problems": [*r.problem_lines()[:5]], "quads": r.quads, "bytes": r.out.stat().st_size if r.written else 0,
                  "rss_before_mb": base / 1024, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _cli(env: dict[str, str], *args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hykg", *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--format", choices=["xlsx", "csv", "both"], default="both")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("HYKG_GRAPH", None)
    env.pop("HYKG_STORE", None)
    for fmt in (["xlsx", "csv"] if args.format == "both" else [args.format]):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            env["HYKG_HOME"] = str(folder / "home")
            t0 = time.perf_counter()
            path = write(folder, args.rows, fmt)
            made = time.perf_counter() - t0
            _cli(env, "stats")  # builds the graph and the on-disk store
            before = min(_cli(env, "show", "恒光") for _ in range(3))
            graph = folder / "home" / "hykg.nq.gz"
            done = subprocess.run([sys.executable, "-c", CHILD, str(path), str(graph)], env=env, capture_output=True,
                                  text=True)
            if done.returncode:
                sys.exit(done.stderr)
            r = json.loads(done.stdout.splitlines()[-1])
            first = _cli(env, "show", "恒光")  # the store picks up the ledger's graph: rebuilt once
            after = min(_cli(env, "show", "恒光") for _ in range(3))
            if r["problems"]:
                print("  problems:", *r["problems"], sep="\n    ")
            ok = r["import_s"] < 10 and r["peak_mb"] < 500
            print(f"ledger {fmt}: {r['rows']} rows ({path.stat().st_size / 1e6:.1f} MB, made in {made:.1f} s): "
                  f"read {r['read_s']:.2f} s, import {r['import_s']:.2f} s, {r['imported']} firms, {r['quads']} quads "
                  f"({r['bytes'] / 1e6:.1f} MB gz); peak memory {r['peak_mb']:.0f} MB "
                  f"(graph loaded: {r['rss_before_mb']:.0f} MB) -> {'ok' if ok else 'OVER'} (goal < 10 s, < 500 MB)")
            print(f"  hykg show 恒光: {before:.2f} s before, {first:.2f} s first after (store rebuilt), "
                  f"{after:.2f} s after")


if __name__ == "__main__":
    main()
