"""`hykg import ledger` / `hykg export ledger`: GBK CSV and .xlsx ledgers with Chinese headers, bad rows by FILE:ROW, idempotence, the facts in every answer."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from .ledger_fixtures import GOOD, HEADERS, write_csv, write_xlsx


def _ledger_files(graph: Path) -> list[Path]:
    return sorted(graph.parent.glob("ledger-*.nq.gz"))


def test_gbk_csv_imports_with_chinese_headers(tmp_path: Path, lcli, ledger_graph: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", GOOD)
    r = lcli("import", "ledger", str(path), "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) >= {"ledger", "imported", "matched", "new", "problems", "out"}
    assert set(data["ledger"]) >= {"id", "file", "sheet", "rows"}
    assert data["ledger"]["encoding"] == "gb18030" and data["ledger"]["rows"] == 3
    assert (data["imported"], data["matched"], data["new"], data["problems"]) == (3, 1, 2, [])
    assert data["out"] == str(ledger_graph.parent / f"{data['ledger']['id']}.nq.gz")
    assert _ledger_files(ledger_graph) == [Path(data["out"])]

    show = lcli("show", "衡阳市新材科技有限公司", "--format", "json")
    assert show.exit_code == 0, show.output  # the on-disk store picked up the new file
    card = json.loads(show.stdout)
    park = next(x for x in card["relations"] if x["property"] == "hykg:inPark")
    assert park["other"]["id"] == "park/songmu" and park["status"] == "documented"
    assert park["sources"] == [{"doc": data["ledger"]["id"], "row": 2, "quote": "松木经开区"}]
    text = lcli("show", "衡阳市新材科技有限公司").stdout
    assert f"{data['ledger']['id']} 第2行:「松木经开区」" in text
    # the firm matched by its short name 恒光 gains the ledger's full name as an alias
    hg = json.loads(lcli("show", "ent/hengguang", "--format", "json").stdout)
    assert "湖南恒光化工股份有限公司" in hg["aliases"]


def test_utf8_and_bom_csv_are_detected(tmp_path: Path, lcli) -> None:
    for enc, name in (("utf-8", "u.csv"), ("utf-8-sig", "b.csv")):
        r = lcli("import", "ledger", str(write_csv(tmp_path / name, GOOD[:1], enc)), "--format", "json")
        assert r.exit_code == 0, r.output
        assert json.loads(r.stdout)["ledger"]["encoding"] == enc


def test_xlsx_imports_and_firms_show_in_chain_park_and_report(tmp_path: Path, lcli) -> None:
    path = write_xlsx(tmp_path / "台账.xlsx", GOOD)
    r = lcli("import", "ledger", str(path), "--sheet", "企业台账", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["ledger"]["sheet"] == "企业台账" and data["imported"] == 3
    doc = data["ledger"]["id"]
    assert "衡阳市新材科技有限公司" in lcli("chain", "化工新材料").stdout
    assert "衡阳市云帆电子有限公司" in lcli("park", "常宁水口山经开区").stdout
    out = tmp_path / "r.md"
    rep = lcli("report", "chain", "化工新材料", "--format", "md", "-o", str(out))
    assert rep.exit_code == 0, rep.output
    md = out.read_text(encoding="utf-8")
    assert "衡阳市新材科技有限公司" in md and f"{doc} 《台账.xlsx \\[企业台账\\]》 第3行" in md  # row 3: under the title row
    assert "恒光、恒光" not in md  # a fact both the documents and the ledger state is listed once
    bad_sheet = lcli("import", "ledger", str(path), "--sheet", "没有")
    assert bad_sheet.exit_code == 1 and "no sheet '没有'; sheets: 企业台账, 说明" in bad_sheet.stderr


BAD = [
    ["1", "衡阳市新材科技有限公司", "91430400MA4L000001", "", "化工新材料", "松木经开区", "", "3.5"],
    ["2", "", "", "", "化工新材料", "", "", ""],                                      # empty name
    ["3", "衡阳市甲公司", "", "", "化工新材", "", "", ""],                              # unknown chain
    ["4", "衡阳市乙公司", "", "", "", "松木园区", "", ""],                              # unknown park
    ["5", "衡阳市丙公司", "", "", "", "", "", "约5"],                                  # not a number
    ["6", "衡阳市新材科技有限公司", "", "", "", "", "", ""],                            # duplicate of row 2
    ["7", "衡阳市丁公司", "91430400MA4L000001", "", "", "", "", ""],                   # code of another firm
]
EXPECTED = [
    "台账.csv:3: 企业名称: empty firm name: row left out",
    "台账.csv:4: 所属产业链: chain '化工新材' is not known; closest: 化工新材料",
    "台账.csv:5: 所在园区: park '松木园区' is not known; closest: 松木经开区",
    "台账.csv:6: 2023年产值(亿元): '约5' is not a number",
    "台账.csv:7: 企业名称: duplicate of row 2 (衡阳市新材科技有限公司)",
    "台账.csv:8: 统一社会信用代码: credit code 91430400MA4L000001 is also given to row 2 (another firm)",
]


def test_each_bad_row_is_named_and_nothing_is_written(tmp_path: Path, lcli, ledger_graph: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", BAD)
    r = lcli("import", "ledger", str(path))
    assert r.exit_code == 1
    for line in EXPECTED:
        assert line in r.stderr.splitlines(), (line, r.stderr)
    assert "6 problems: nothing written" in r.stdout
    assert _ledger_files(ledger_graph) == []
    data = json.loads(lcli("import", "ledger", str(path), "--format", "json").stdout)
    assert {(p["row"], p["column"]) for p in data["problems"]} == {(3, "企业名称"), (4, "所属产业链"), (5, "所在园区"),
                                                                   (6, "2023年产值(亿元)"), (7, "企业名称"), (8, "统一社会信用代码")}
    assert data["out"] is None and _ledger_files(ledger_graph) == []


def test_skip_bad_imports_the_good_rows(tmp_path: Path, lcli, ledger_graph: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", BAD)
    r = lcli("import", "ledger", str(path), "--skip-bad", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["imported"] == 1 and len(data["problems"]) == 6 and data["out"]
    assert "衡阳市新材科技有限公司" in lcli("search", "新材科技").stdout
    assert "衡阳市丁公司" not in lcli("search", "公司").stdout


def test_conflicting_credit_code_with_the_graph_and_case(tmp_path: Path, lcli) -> None:
    first = write_csv(tmp_path / "a.csv", GOOD[:1])
    assert lcli("import", "ledger", str(first)).exit_code == 0
    # the same firm under a new name, its code in lower case: matched by code, not new
    again = write_csv(tmp_path / "b.csv", [["1", "衡阳新材", "91430400ma4l000001", "", "", "", "", ""]])
    data = json.loads(lcli("import", "ledger", str(again), "--format", "json").stdout)
    assert (data["matched"], data["new"]) == (1, 0)
    # a known firm given another code: a conflict, never overwritten
    clash = write_csv(tmp_path / "c.csv", [["1", "衡阳市新材科技有限公司", "91430400MA4L000009", "", "", "", "", ""]])
    r = lcli("import", "ledger", str(clash))
    assert r.exit_code == 1
    assert ("c.csv:2: 统一社会信用代码: credit code 91430400MA4L000009 conflicts with 91430400MA4L000001 of "
            "衡阳市新材科技有限公司") in r.stderr


def test_reimport_changes_nothing(tmp_path: Path, lcli, ledger_graph: Path) -> None:
    from rdflib import Dataset

    path = write_csv(tmp_path / "台账.csv", GOOD)
    first = json.loads(lcli("import", "ledger", str(path), "--format", "json").stdout)
    out = Path(first["out"])
    before = out.read_bytes()
    second = json.loads(lcli("import", "ledger", str(path), "--format", "json").stdout)
    assert second["unchanged"] is True and second["written"] is False
    assert out.read_bytes() == before and _ledger_files(ledger_graph) == [out]
    # a copy of the same file elsewhere, under the same name: the same graph, not a second one
    other = tmp_path / "copy"
    other.mkdir()
    (other / "台账.csv").write_bytes(path.read_bytes())
    third = json.loads(lcli("import", "ledger", str(other / "台账.csv"), "--format", "json").stdout)
    assert third["out"] == first["out"] and out.read_bytes() == before
    g1, g2 = Dataset(), Dataset()
    g1.parse(data=gzip.decompress(before), format="nquads")
    g2.parse(data=gzip.decompress(out.read_bytes()), format="nquads")
    assert len(g1) > 100 and set(g1.quads()) == set(g2.quads())  # no blank nodes: equal quads, equal graphs
    hits = [h for h in json.loads(lcli("search", "新材科技", "--format", "json").stdout)]
    assert len(hits) == 1  # never duplicated


def test_map_reads_other_headers(tmp_path: Path, lcli) -> None:
    headers = ["单位", "链", "产值2023"]
    path = write_csv(tmp_path / "m.csv", [["衡阳市映射测试有限公司", "化工新材料", "2.5"]], headers=headers)
    assert lcli("import", "ledger", str(path)).exit_code == 1  # no 企业名称 column
    r = lcli("import", "ledger", str(path), "--map", "单位=name", "--map", "链=chain",
             "--map", "产值2023=figure:产值:亿元:2023", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["new"] == 1
    card = json.loads(lcli("show", "衡阳市映射测试有限公司", "--format", "json").stdout)
    stat = next(x for x in card["relations"] if x["property"] == "hykg:concerns")
    assert stat["sources"][0]["row"] == 2 and stat["sources"][0]["quote"] == "2.5"


def test_export_ledger_round_trip(tmp_path: Path, lcli) -> None:
    from openpyxl import load_workbook

    assert lcli("import", "ledger", str(write_csv(tmp_path / "台账.csv", GOOD))).exit_code == 0
    out = tmp_path / "化工.xlsx"
    r = lcli("export", "ledger", "化工新材料", "-o", str(out))
    assert r.exit_code == 0, r.output
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert set(HEADERS[1:]) <= set(rows[0]) and rows[0][0] == "企业名称" and rows[0][-1] == "来源"
    firm = next(r for r in rows if r[0] == "衡阳市新材科技有限公司")
    assert firm[1] == "91430400MA4L000001" and firm[4] == "松木经开区" and "2023年产值(亿元)" in rows[0]
    assert firm[rows[0].index("2023年产值(亿元)")] == 3.5 and "第2行" in firm[-1]
    again = json.loads(lcli("import", "ledger", str(out), "--format", "json").stdout)
    assert again["problems"] == [] and again["new"] == 0 and again["matched"] == len(rows) - 1
    every = tmp_path / "all.xlsx"
    assert lcli("export", "ledger", "-o", str(every)).exit_code == 0  # no CHAIN: every enterprise
    names = [r[0] for r in list(load_workbook(every).active.iter_rows(values_only=True))[1:]]
    assert "恒光" in names and "衡阳市云帆电子有限公司" in names and len(names) > 100
    csv_out = tmp_path / "化工.csv"
    assert lcli("export", "ledger", "化工新材料", "-o", str(csv_out)).exit_code == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf\xe4\xbc\x81")  # BOM, then 企


def test_table_answers_open_in_excel(tmp_path: Path, lcli) -> None:
    from openpyxl import load_workbook

    plain = lcli("search", "恒光", "--format", "csv")
    assert plain.exit_code == 0 and not plain.stdout.startswith("\ufeff")
    path = tmp_path / "s.csv"
    assert lcli("search", "恒光", "--format", "csv", "-o", str(path)).exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and "恒光" in path.read_text(encoding="utf-8-sig")
    xlsx = tmp_path / "s.xlsx"
    assert lcli("show", "恒光", "--format", "xlsx", "-o", str(xlsx)).exit_code == 0
    assert list(load_workbook(xlsx).active.iter_rows(values_only=True))[0][0] == "dir"
    assert lcli("search", "恒光", "--format", "xlsx").exit_code == 2  # a workbook needs -o FILE


def test_query_after_import_imports_nothing_heavy(tmp_path: Path, ledger_graph: Path) -> None:
    import os

    from .test_cold_path import _heavy, _modules_after

    env = {k: v for k, v in os.environ.items() if k not in ("HYKG_GRAPH", "HYKG_STORE", "HYKG_WORKSPACE")}
    env["HYKG_HOME"] = str(ledger_graph.parent)
    path = write_csv(tmp_path / "台账.csv", GOOD)
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "hykg", "import", "ledger", str(path)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    _modules_after(["stats"], env)  # the first command after the import rebuilds the store
    modules = _modules_after(["show", "衡阳市新材科技有限公司"], env)
    assert _heavy(modules) == [] and "hykg.curation.build" not in modules


@pytest.mark.parametrize("raw", [b"\xff\xfe\x00\x00", "企业名称\n".encode("utf-16-be")])
def test_undecodable_csv_is_refused(tmp_path: Path, lcli, raw: bytes) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(raw)
    r = lcli("import", "ledger", str(path))
    assert r.exit_code == 1 and r.stderr.startswith("Error: x.csv: ")


def test_explorer_shows_the_ledger_and_row(tmp_path: Path, lcli, ledger_graph: Path) -> None:
    import asyncio

    import httpx

    from hykg import load
    from hykg.server.app import ServerConfig, create_app

    assert lcli("import", "ledger", str(write_csv(tmp_path / "台账.csv", GOOD))).exit_code == 0
    firm = json.loads(lcli("show", "衡阳市新材科技有限公司", "--format", "json").stdout)["id"]
    app = create_app(ServerConfig(graph=str(ledger_graph)), load(ledger_graph))

    async def get() -> httpx.Response:  # the explorer's pages, in process: no query workers needed
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as c:
            return await c.get(f"/entity/{firm}")

    page = asyncio.run(get())
    assert page.status_code == 200
    assert "台账.csv</span> 第2行「松木经开区」" in page.text


def test_a_shrunken_ledger_is_refused_and_the_last_import_stays(tmp_path: Path, lcli, ledger_graph: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", GOOD)
    out = Path(json.loads(lcli("import", "ledger", str(path), "--format", "json").stdout)["out"])
    before = out.read_bytes()
    write_csv(path, GOOD[:1])  # the same ledger cut to a third of its rows
    r = lcli("import", "ledger", str(path))
    assert r.exit_code == 1
    assert f"{path}: 1 records, the last import read 3 (below 50%)" in r.stderr
    assert out.read_bytes() == before
    forced = lcli("import", "ledger", str(path), "--allow-shrink", "--format", "json")
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout)["imported"] == 1 and out.read_bytes() != before
