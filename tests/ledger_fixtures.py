"""Ledger fixtures: a writable copy of the built graph, ledgers written as GBK CSV or .xlsx (openpyxl), a CLI on that copy."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

HEADERS = ["序号", "企业名称", "统一社会信用代码", "简称/曾用名", "所属产业链", "所在园区", "主要产品", "2023年产值(亿元)"]
#: Good rows: a new firm, a firm matched by its short name (简称 恒光), another new firm.
GOOD = [
    ["1", "衡阳市新材科技有限公司", "91430400MA4L000001", "新材科技", "化工新材料", "松木经开区", "硫酸、聚苯硫醚", "3.5"],
    ["2", "湖南恒光化工股份有限公司", "", "恒光", "化工新材料", "松木经开区", "", "12"],
    ["3", "衡阳市云帆电子有限公司", "91430400MA4L000002", "", "电子信息", "常宁水口山经开区", "线路板", "0.8"],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "gbk", headers: list[str] = HEADERS) -> Path:
    """A ledger as Excel/WPS on Chinese Windows saves it: CSV in GBK (or ``encoding``), CRLF."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([headers, *rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[str]], sheet: str = "企业台账", headers: list[str] = HEADERS) -> Path:
    """A ledger as an .xlsx workbook (a title row above the header, figures as numbers, a second sheet)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["2023年企业资料台账"])
    ws.append(headers)
    for r in rows:
        ws.append([float(c) if c.replace(".", "", 1).isdigit() and h.endswith(")") else c for c, h in zip(r, headers, strict=True)])
    wb.create_sheet("说明").append(["本表由链办填写"])
    wb.save(path)
    return path


@pytest.fixture
def ledger_graph(tmp_path: Path, built_graph: Path) -> Path:
    """A copy of the built graph in its own folder (the ledgers' graphs are written next to it)."""
    folder = tmp_path / "graph"
    folder.mkdir()
    shutil.copy(built_graph, folder / "hykg.nq.gz")
    return folder / "hykg.nq.gz"


@pytest.fixture
def lcli(ledger_graph: Path):
    """Invoke `hykg --graph <copy> ARGS...` (the default on-disk store next to the copy)."""
    from hykg.cli import main

    def invoke(*args: str):
        return CliRunner().invoke(main, ["--graph", str(ledger_graph), *args])

    return invoke
