"""Figures in plain words: a one-sentence reading, in Chinese and English, generated from the numbers.

Each function takes an analysis answer (or a part of it) and returns ``{"zh": ..., "en": ...}``; the
sentence says what the number means for a planner and repeats the number, so nothing is added that
the figure does not carry. Unit-flow figures say so (no quantities are stated on the flows).

>>> r = finn_reading(0.138888889, "unit flows", "松木经开区", "Songmu Economic Development Zone")
>>> r["zh"]
'在松木经开区的企业之间流动的物料中，约 13.9% 会沿闭合回路回到其来源（芬恩循环指数 0.139；按每条文献所述物料流计 1 个单位，未计实际数量）。'
"""

from __future__ import annotations

from typing import Any

Reading = dict[str, str]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _names(refs: list[dict[str, Any]], en: bool, limit: int = 5) -> str:
    names = [str(r.get("label_en") if en else r.get("label")) or str(r.get("id")) for r in refs[:limit]]
    more = len(refs) - limit
    sep = ", " if en else "、"
    return sep.join(names) + ((f" and {more} more" if en else f"等 {len(refs)} 个") if more > 0 else "")


def finn_reading(fci: float | None, weights: str, where_zh: str, where_en: str) -> Reading:
    """Finn's cycling index: the share of throughflow that is cycled back to where it came from."""
    unit = weights == "unit flows"
    if fci is None:
        return {"zh": f"{where_zh}没有可计算的物料流，芬恩循环指数无从计算。",
                "en": f"There are no flows to compute Finn's cycling index on for {where_en}."}
    note_zh = "；按每条文献所述物料流计 1 个单位，未计实际数量" if unit else ""
    note_en = "; each stated flow counts as one unit, not its real quantity" if unit else ""
    if fci == 0:
        return {"zh": f"在{where_zh}的企业之间，没有物料沿闭合回路回到其来源：物料只单向流动（芬恩循环指数 0{note_zh}）。",
                "en": f"No material moving among the firms of {where_en} comes back to where it came from: it flows one "
                      f"way only (Finn cycling index 0{note_en})."}
    return {"zh": f"在{where_zh}的企业之间流动的物料中，约 {_pct(fci)} 会沿闭合回路回到其来源（芬恩循环指数 {fci:.3f}{note_zh}）。",
            "en": f"About {_pct(fci)} of the material moving among the firms of {where_en} comes back round to where "
                  f"it came from (Finn cycling index {fci:.3f}{note_en})."}


def cyclicity_reading(value: float, loops: int) -> Reading:
    """Cyclicity (the dominant eigenvalue of the flow network): 0 no loop, 1 separate loops, > 1 loops
    that interlock (Fath & Halnes 2007).

    >>> cyclicity_reading(0.0, 0)["en"]
    'There is no closed loop: no firm gets back, through others, what it supplies (cyclicity 0).'
    """
    if value < 1e-9:
        return {"zh": "网络中没有闭合回路：没有企业能经由其他企业收回自己供出的物料（循环度 0）。",
                "en": "There is no closed loop: no firm gets back, through others, what it supplies (cyclicity 0)."}
    if value <= 1 + 1e-9:
        if loops == 1:
            return {"zh": f"网络中有 1 个闭合回路，它独立存在、没有与其他回路交织（循环度 {value:.2f}；大于 1 才表示回路交织成网）。",
                    "en": f"The network has one closed loop, standing alone: no loops interlock (cyclicity {value:.2f}; "
                          "above 1 would mean interlocking loops)."}
        return {"zh": f"网络中有 {loops} 个闭合回路，但回路彼此独立、没有相互交织（循环度 {value:.2f}；大于 1 才表示回路交织成网）。",
                "en": f"The network has {loops} closed loops, but they stand alone and do not interlock "
                      f"(cyclicity {value:.2f}; above 1 would mean interlocking loops)."}
    return {"zh": f"网络中的 {loops} 个闭合回路相互交织，物料可经多条路线循环（循环度 {value:.2f}，大于 1）。",
            "en": f"The {loops} closed loops of the network interlock, so material can cycle by several routes "
                  f"(cyclicity {value:.2f}, above 1)."}


def connectance_reading(value: float, nodes: int, links: int) -> Reading:
    """Connectance: stated supply links over all possible ordered pairs of firms.

    >>> connectance_reading(1 / 3, 4, 4)["zh"]
    '4 家企业两两之间可能有 12 条供应关系，文献写明物料流的有 4 条（连接度 0.33）。'
    """
    possible = nodes * (nodes - 1)
    return {"zh": f"{nodes} 家企业两两之间可能有 {possible} 条供应关系，文献写明物料流的有 {links} 条（连接度 {value:.2f}）。",
            "en": f"Of the {possible} supply links possible between {nodes} firms, {links} carry a stated material "
                  f"flow (connectance {value:.2f})."}


def circular_reading(r: dict[str, Any]) -> dict[str, Reading]:
    """Readings of :func:`hykg.analysis.circular.circular`'s figures: FCI, cyclicity, connectance."""
    m, park = r["metrics"], r["scope"].get("park")
    zh, en = (park["label"], park["label_en"]) if park else ("全市", "the city")
    return {"finn_cycling_index": finn_reading(m.get("finn_cycling_index"), m.get("weights", ""), zh, en),
            "cyclicity": cyclicity_reading(float(m.get("cyclicity") or 0.0), len(r.get("loops", []))),
            "connectance": connectance_reading(float(m.get("connectance") or 0.0), int(m["nodes"]), int(m["links"]))}


def supporting_reading(chain: dict[str, Any], sup: dict[str, Any]) -> Reading:
    """The local supporting rate (本地配套率) of a chain.

    >>> supporting_reading({"label": "化工新材料", "label_en": "New chemical materials"}, {"local": 2, "total": 5, "rate": 0.4})["zh"]
    '化工新材料各环节产品所需的 5 种投入品中，有 2 种在本地有生产者（本地配套率 40.0%），其余 3 种图中未见本地生产者。'
    """
    if not sup.get("total"):
        return {"zh": f"{chain['label']}各环节产品的投入品没有记录，本地配套率无从计算。",
                "en": f"No inputs are recorded for the products of {chain['label_en']}, so there is no local supporting rate."}
    rest = sup["total"] - sup["local"]
    return {"zh": f"{chain['label']}各环节产品所需的 {sup['total']} 种投入品中，有 {sup['local']} 种在本地有生产者"
                  f"（本地配套率 {_pct(sup['rate'])}）" + (f"，其余 {rest} 种图中未见本地生产者。" if rest else "，全部可在本地配套。"),
            "en": f"Of the {sup['total']} inputs the products of {chain['label_en']} need, {sup['local']} have a local "
                  f"producer (local supporting rate {_pct(sup['rate'])})" + (
                      f"; the graph shows no local producer for the other {rest}." if rest else "; all are made locally.")}


def cut_point_reading(c: dict[str, Any], network: str = "supply") -> Reading:
    """One cut point: what the network loses if the node stops.

    >>> cut_point_reading({"node": {"label": "恒光", "label_en": "Hengguang"}, "pieces": 3, "cut_off": 2, "open_list": True})["zh"]
    '恒光一旦停产，供应网络就断成 3 块，2 家企业与其余企业失去物料联系（就来源所列）。'
    """
    n = c["node"]
    who_zh, who_en = ("家企业", "firms") if network == "supply" else ("个园区", "parks")
    stop_zh = "停产" if network == "supply" else "停止供给"
    net_zh, net_en = ("供应网络", "supply network") if network == "supply" else ("园区网络", "park network")
    open_zh, open_en = ("（就来源所列）", " (as far as the sources list)") if c.get("open_list") else ("", "")
    return {"zh": f"{n['label']}一旦{stop_zh}，{net_zh}就断成 {c['pieces']} 块，{c['cut_off']} {who_zh}与其余{who_zh[1:]}失去物料联系{open_zh}。",
            "en": f"If {n['label_en']} stops, the {net_en} falls into {c['pieces']} pieces and {c['cut_off']} {who_en} "
                  f"lose their material links to the rest{open_en}."}


def dominator_reading(d: dict[str, Any], network: str = "supply") -> Reading:
    """One dominator: the nodes whose every supply passes through it.

    >>> dominator_reading({"node": {"label": "建滔", "label_en": "Kingboard"}, "count": 1,
    ...                    "dominated": [{"label": "电科", "label_en": "Dianke"}]})["en"]
    'Every stated supply of Dianke passes through Kingboard: without Kingboard, it gets no material (1 firm).'
    """
    n = d["node"]
    unit_zh, unit_en = ("家企业", "firm") if network == "supply" else ("个园区", "park")
    open_zh, open_en = ("（就来源所列）", ", as far as the sources list") if d.get("open_list") else ("", "")
    many = d["count"] != 1
    return {"zh": f"{_names(d['dominated'], False)}的全部上游供应都要经过{n['label']}：没有{n['label']}，"
                  f"这 {d['count']} {unit_zh}就断了物料来源{open_zh}。",
            "en": f"Every stated supply of {_names(d['dominated'], True)} passes through {n['label_en']}: without "
                  f"{n['label_en']}, {'they get' if many else 'it gets'} no material ({d['count']} {unit_en}"
                  f"{'s' if many else ''}{open_en})."}


def risk_readings(r: dict[str, Any]) -> None:
    """Add ``reading`` to every cut point and dominator of a :func:`hykg.analysis.risk.risk` answer, and a
    summary ``reading`` to each network."""
    for net in ("supply", "park"):
        rep = r[net]
        for c in rep["cut_points"]:
            c["reading"] = cut_point_reading(c, net)
        for d in rep["dominators"]:
            d["reading"] = dominator_reading(d, net)
        cz = _names([c["node"] for c in rep["cut_points"]], False)
        ce = _names([c["node"] for c in rep["cut_points"]], True)
        one = len(rep["cut_points"]) == 1
        unit_zh, unit_en = ("家企业", "firms") if net == "supply" else ("个园区", "parks")
        what_zh, what_en = ("供应网络", "supply network") if net == "supply" else ("园区网络", "park network")
        rep["reading"] = {
            "cut_points": {"zh": f"{what_zh}中有 {len(rep['cut_points'])} 个断点" + (f"（{cz}）：{'它' if one else '任何一个'}一旦停下，网络就会断开。" if cz else "：没有哪一个节点停下会使网络断开。"),
                           "en": f"The {what_en} has {len(rep['cut_points'])} cut point{'s' if len(rep['cut_points']) != 1 else ''}"
                                 + (f" ({ce}): if {'it' if one else 'any one'} stops, the network breaks apart." if ce else ": no single node breaks it apart by stopping.")},
            "dominators": {"zh": f"{what_zh}中有 {len(rep['dominators'])} 个必经供应源" + (
                               f"，其中{rep['dominators'][0]['node']['label']}掌握 {rep['dominators'][0]['count']} {unit_zh}的全部供应。"
                               if rep["dominators"] else "：没有哪个节点独自控制他人的全部供应。"),
                           "en": f"The {what_en} has {len(rep['dominators'])} dominator{'s' if len(rep['dominators']) != 1 else ''}" + (
                               f"; {rep['dominators'][0]['node']['label_en']} controls every supply of "
                               f"{rep['dominators'][0]['count']} {unit_en if rep['dominators'][0]['count'] != 1 else unit_en[:-1]}."
                               if rep["dominators"] else
                               ": no node alone controls all the supplies of another.")},
        }
