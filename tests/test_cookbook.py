"""The SPARQL cookbook (docs/queries/*.rq): every query runs on the real data and gives the documents' answer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from .fixtures import ROOT

QUERIES = ROOT / "docs" / "queries"
NOT_STATED = "原文未说明 / not stated"
DOC000, DOC001, DOC002, DOC003, DOC004 = ("000_77e32e1598185cb9", "001_8f848b891b383a44", "002_1c68d8dfbd77d31d",
                                          "003_e5cf64c1269dc84a", "004_a94a2d5cae1ad98b")
Rows = list[dict[str, str]]


def run(kg, name: str) -> Rows:
    """Rows of a cookbook query as plain strings (unbound variables absent)."""
    return kg.select((QUERIES / name).read_text(encoding="utf-8"))


def col(rows: Rows, *names: str) -> set[tuple[str, ...]]:
    return {tuple(r.get(n, "") for n in names) for r in rows}


# ---------------------------------------------------------------------- one check per query
def check_01(rows: Rows) -> None:
    documented = {(r["supplier"], r["consumer"], r["material"]) for r in rows if r["status"] == "documented"}
    assert documented == {("建滔", "恒光", "盐酸"), ("建滔", "恒光", "烧碱"), ("建滔", "恒光", "双氧水"),
                          ("建衡", "恒光", "聚合氯化铝"), ("恒光", "建衡", "硫酸"), ("恒光", "电科", "硫酸")}
    for r in rows:
        assert r["doc"] == DOC000 and r["park"] == "松木经开区"
    assert col(rows, "supplier", "material", "quote") >= {("恒光", "硫酸", "生产的硫酸又为建衡、电科等园区企业提供原材料")}


def check_02(rows: Rows) -> None:
    assert col(rows, "supplier", "consumer", "resource") == {("常宁水口山经开区", "松木经开区", m) for m in "金铜铅"}
    assert {r["quote"] for r in rows} == {"松木经开区依靠常宁水口山经开区的金、铜、铅等资源"}


def check_03(rows: Rows) -> None:
    assert col(rows, "firmA", "givesB", "firmB", "givesA") == {("恒光", "硫酸", "建衡", "聚合氯化铝")}


def check_04(rows: Rows) -> None:
    hitech = {r["project"] for r in rows if r.get("park") == "衡阳国家高新区"}
    assert {"高新区软件产业园", "高新区人工智能产业园", "高新区区块链产业园", "高新区5G半导体终端制造产业园",
            "高新区丰家洲文创园", "高新区跨境电商监管中心", "衡州大道数字经济走廊"} <= hitech
    assert {r["project"] for r in rows if r.get("park") == "松木经开区"} == {"京东衡阳松木智能产业园", "湘蓝再生回收利用项目"}
    assert ("核技术应用", "project", "白沙绿岛核应用产业园") in col(rows, "chain", "via", "project")
    assert ("电子信息", "enterprise", "万魔声学智造群") in col(rows, "chain", "via", "project")
    assert all(r.get("park") or r.get("chain") for r in rows)


def check_05(rows: Rows) -> None:
    assert len(rows) == 36  # the 《意见》 (document 003) sets 36 targets for 2025
    by = {r["indicator"]: r for r in rows}
    chem = by["化工新材料行业产值"]
    assert (chem["value"], chem["unit"], chem["qualifier"]) == ("500", "亿元", "reach")
    assert "全国化工新材料特色产业基地" in chem["setBy"] and "中共衡阳市委关于贯彻新发展理念大力建设现代产业强市的意见" in chem["setBy"]
    assert by["全市三次产业结构"]["valueText"] == "6.5:38.5:55"
    assert (by["高新技术企业数量"]["value"], by["上市企业"]["value"]) == ("800", "30")
    assert all(r["target"].startswith("https://w3id.org/hykg/id/target/") for r in rows)


def check_06(rows: Rows) -> None:
    counts = {r["period"]: int(r["statistics"]) for r in rows}
    # document 000: 2023 fiscal S&T spending 21.22 亿元, its growth 33.82 %, R&D intensity 2 %
    assert counts["2023"] == 3
    # document 001: in Q1 2021 industrial investment +30.1 %, manufacturing investment +47.9 %, 223 new projects
    assert counts["2021-Q1"] == 3
    assert {"2020", "2021-01/2021-05", "2024-01/2024-09", "(not stated)"} <= set(counts)
    assert [r["period"] for r in rows] == sorted(counts)


def check_07(rows: Rows) -> None:
    by = {r["firm"]: r for r in rows}
    assert by["特变电工"]["count"] == "3"
    assert set(by["特变电工"]["groups"].split("; ")) == {"输变电装备标志性产业集群", "区域性先进制造基地",
                                                    "以新能源汽车为引领的区域性汽车产业基地"}
    assert set(by["恒飞电缆"]["groups"].split("; ")) == {"输变电装备标志性产业集群", "区域性先进制造基地"}
    assert set(by["恒生制药"]["groups"].split("; ")) == {"生物医药", "以南岳为龙头的国际文旅康养基地"}
    assert set(by["万魔声学"]["groups"].split("; ")) == {"电子信息", "数字经济创新发展示范基地"}
    assert all(int(r["count"]) >= 2 for r in rows) and rows[0]["firm"] == "特变电工"


def check_08(rows: Rows) -> None:
    assert ("电子信息", "14条产业链(2021)", "衡山科学城", "万魔声学", "Enterprise") in col(
        rows, "chain", "scheme", "park", "member", "memberType")
    assert ("电子信息", "布局四产业链", "衡山科学城", "万魔声学") in col(rows, "chain", "scheme", "park", "member")


def check_09(rows: Rows) -> None:
    per_chain = Counter(r["chain"] for r in rows)
    assert len(per_chain) == 14 and set(per_chain.values()) == {4}
    assert {r["role"] for r in rows} == {"链长", "链办主任", "专职副主任", "牵头对口服务金融机构"}
    assert {r["holder"] for r in rows} == {NOT_STATED}  # the sources name no chain leader, director or bank
    assert ("化工新材料", "链长", "化工新材料产业链链长") in col(rows, "chain", "role", "post")


def check_10(rows: Rows) -> None:
    by = {r["indicator"]: r for r in rows}
    assert sum(r["deadline"] == "2025" for r in rows) == 36
    assert by["全市主城区、重点工业园区、应用场景的5G网络深度覆盖"]["deadline"] == "2021"
    annual = by["每年新增规模工业企业"]
    assert (annual["value"], annual["unit"], annual["deadline"]) == ("150", "家", "(not stated)")
    assert by["每年新增规模以上企业"]["value"] == "200"


def check_11(rows: Rows) -> None:
    by = {r["project"]: r for r in rows}
    xianglan = by["湘蓝再生回收利用项目"]
    # document 000 prints no issue date: the status is as of an undated report (the Jan-Sep 2024 figures)
    assert (xianglan["status"], xianglan["park"], xianglan["doc"], xianglan["issued"]) == (
        "under_construction", "松木经开区", DOC000, "(not stated)")
    assert {p for p, r in by.items() if r["status"] == "started"} == {"蔡伦抄纸", "鑫茂威5G半导体终端制造产业园", "圆通速递湘南智慧物流园"}
    assert {by[p]["doc"] for p in ("蔡伦抄纸", "圆通速递湘南智慧物流园")} == {DOC004}
    assert by["建滔化工项目"]["enterprise"] == "建滔化工" and by["建滔化工项目"]["doc"] == DOC003
    assert {"比亚迪新型轨道交通智能制造产业园", "高新区软件产业园", "衡山科学城5G智能生态园"} <= set(by)
    assert {r["status"] for r in rows} == {"under_construction", "started", "progressing"}
    tbea = by["特变电工5G科技产业园"]  # issue 13: reported as ahead of its investment schedule
    assert (tbea["status"], tbea["enterprise"], tbea["doc"]) == ("progressing", "特变电工", DOC001)
    assert {"南岳机场扩建", "特变电工南方智能电网科技产业园", "水口山铜铅锌产业基地延伸产业(一期)"} <= set(by)


def check_12(rows: Rows) -> None:
    projects = {r["item"] for r in rows if r["kind"] == "Project"}
    assert {"“幻多奇”文旅康养产业园", "特变超特高压GIS智能工厂", "南京大生农产品交易中心项目", "君莲国际五星级酒店项目",
            "天津奥瑞克电梯工厂项目"} <= projects
    batches = {r["item"]: r for r in rows if r["kind"] == "ProjectBatch"}
    top500 = batches["前三季度签约引进“三类500强”项目(2024)"]
    assert (top500["projects"], top500["investment"], top500["unit"]) == ("26", "123", "亿元")
    assert set(top500["partners"].split("; ")) == {"中航集团", "京东集团", "贵州磷化集团"}
    assert batches["前三季度签约10亿元以上项目(2024)"]["projects"] == "25"
    gis = next(r for r in rows if r["item"] == "特变超特高压GIS智能工厂")
    assert (gis["investment"], gis["qualifier"], gis["partners"]) == ("10", "at_least", "特变电工")


def check_13(rows: Rows) -> None:
    assert len(rows) == 1
    r = rows[0]
    assert (r["campaign"], r["found"], r["solved"], r["remaining"], r["unit"]) == ("援企服务·助力倍增", "396", "222", "174", "个")
    assert r["doc"] == DOC001 and "已解决222个" in r["quote"]


def check_14(rows: Rows) -> None:
    by = {r["result"]: r for r in rows}
    assert len(by) == 7
    assert by["汽油直喷GDI"]["achievedBy"] == "南岳电控"
    assert by["第三代特殊石油扣套管"]["achievedBy"] == "衡钢"
    assert by["高蛋白大豆衡春豆10号"]["achievedBy"] == NOT_STATED
    assert (by["新一代光子晶体光纤陀螺"]["recognition"], by["新一代光子晶体光纤陀螺"]["level"]) == ("省十大技术攻关项目", "provincial")
    assert by["镭目科技工业互联网平台"]["recognition"] == "国家工业互联网试点示范项目"


def check_15(rows: Rows) -> None:
    assert len({r["chain2021"] for r in rows}) == 14
    exact = {r["chain2021"] for r in rows if r.get("match") == "exactMatch"}
    assert exact == {"化工新材料", "新型能源及电力装备", "钢管及深加工", "电子信息", "生物医药", "生态绿色食品"}
    assert {(r["chain2021"], r["layout4"]) for r in rows if r.get("match") == "closeMatch"} == {
        ("汽车", "汽车及轨道交通"), ("先进轨道交通及工程机械", "汽车及轨道交通"), ("有色金属及新型合金", "有色金属及合金新材料")}
    assert {r["chain2021"] for r in rows if "layout4" not in r} == {"文化旅游", "核技术应用", "现代物流", "移动互联网", "轻工纺织"}
    assert {r["status"] for r in rows if "status" in r} == {"editorial"}


def check_16(rows: Rows) -> None:
    by = {r["batch"]: r for r in rows}
    b = by["2020年3月3日项目集中开工活动"]
    assert (b["when"], b["projects"], b["investment"], b["unit"]) == ("2020-03-03", "112", "521.1", "亿元")
    m = by["第一批实施市级重点工程计划项目(2021)"]
    assert (m["projects"], m["investment"], m["annualInvestment"]) == ("281", "3009", "641.43")
    p = by["2021年衡阳市纳入全省重点建设项目(单体)"]
    assert (p["projects"], p["annualInvestment"], p["when"]) == ("17", "156", "2021")
    assert by["衡阳市2021年二季度重大项目集中开工活动"]["projects"] == "120"


def check_17(rows: Rows) -> None:
    got = {(r["base"], r["indicator"], r["value"]) for r in rows}
    assert ("国家级有色金属与合金新材料产业基地", "有色金属与合金新材料行业产值", "800") in got
    assert ("以新能源汽车为引领的区域性汽车产业基地", "全市汽车产业产值", "1000") in got
    assert {i for b, i, _ in got if b == "区域性先进制造基地"} == {
        "输变电装备标志性产业集群产值", "无缝钢管制造及深加工产业基地产值", "比亚迪新型轨道交通智能制造产业园产值"}
    # seven of the eight bases set a target in 亿元; the logistics base sets counts and a ratio instead
    assert len({r["base"] for r in rows}) == 7 and "中南地区现代物流集散基地" not in {r["base"] for r in rows}
    assert [float(r["value"]) for r in rows] == sorted((float(r["value"]) for r in rows), reverse=True)


def check_18(rows: Rows) -> None:
    facts = col(rows, "property", "value", "status", "doc")
    assert ("in park", "松木经开区", "documented", DOC000) in facts
    assert ("makes", "硫酸", "documented", DOC000) in facts
    assert {"盐酸", "烧碱", "双氧水", "聚合氯化铝"} <= {r["value"] for r in rows if r["property"] == "uses"}
    assert all(r.get("quote") if r["status"] == "documented" else r.get("rationale") for r in rows)


def check_19(rows: Rows) -> None:
    n = {(r["status"], r["property"]): int(r["statements"]) for r in rows}
    assert n[("documented", "supplier")] == 9  # 6 firm flows + 3 park flows
    assert n[("editorial", "possibly same as")] >= 30 and ("documented", "possibly same as") not in n
    assert {s for s, _ in n} == {"documented", "editorial"}


def check_20(rows: Rows) -> None:
    n = {(r["property"], r["type"]): int(r["entities"]) for r in rows}
    assert n[("held by", "Post")] == 56  # 14 chains x (leader, office director, deputy, lead bank)
    assert n[("achieved by", "Achievement")] == 2  # the photonic gyroscope and the soybean 衡春豆10号
    assert rows[0]["property"] == "held by"


def check_21(rows: Rows) -> None:
    assert {r["member"] for r in rows if r["type"] == "Enterprise"} >= {"建滔", "建衡", "恒光", "电科"}
    assert {r["member"] for r in rows if r["type"] == "Project"} == {"京东衡阳松木智能产业园", "湘蓝再生回收利用项目"}


def check_22(rows: Rows) -> None:
    got = col(rows, "recognition", "recipient", "recipientType")
    assert ("国家循环化改造示范园区", "松木经开区", "Park") in got
    assert ("第二批国家单项冠军产品", "明矾", "Product") in got
    assert ("第五批制造业单项冠军示范企业", "湖南机油泵", "Enterprise") in got
    assert {r["recipient"] for r in rows if r["recognition"] == "全国工业品牌培育试点企业"} == {
        "南岳电控", "美蓓达科技", "长虹锅炉科技", "长高森源电力"}
    assert {r["doc"] for r in rows if r["recipient"] == "镭目科技工业互联网平台"} == {DOC001, DOC002}


CHECKS: dict[str, Callable[[Rows], None]] = {
    name: fn for name, fn in globals().items() if name.startswith("check_")}


def _files() -> list[Path]:
    return sorted(QUERIES.glob("*.rq"))


def test_cookbook_has_at_least_15_queries_each_checked() -> None:
    files = _files()
    assert len(files) >= 15
    assert {f"check_{f.name[:2]}" for f in files} == set(CHECKS)


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_query_header_asks_in_chinese_and_english(path: Path) -> None:
    header = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    zh = [ln for ln in header if ln.startswith("# zh: ")]
    en = [ln for ln in header if ln.startswith("# en: ")]
    assert len(zh) == 1 and re.search(r"[\u4e00-\u9fff]", zh[0]) and zh[0].rstrip().endswith(("?", "?"))
    assert len(en) == 1 and en[0].rstrip().endswith("?")


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.stem)
def test_query_answers_from_the_documents(kg, path: Path) -> None:
    rows = run(kg, path.name)
    assert rows, f"{path.name} returned nothing"
    CHECKS[f"check_{path.name[:2]}"](rows)


def test_cookbook_query_through_the_cli(cli) -> None:
    result = cli("sparql", "-f", str(QUERIES / "02-park-to-park-flows.rq"), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "supplier,consumer,resource,doc,quote"
    assert len(result.stdout.splitlines()) == 4
