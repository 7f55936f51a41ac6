"""The firms of a chain (or all) as ledger rows: the columns `hykg import ledger` reads, and a sources column.

Written back with ``hykg export ledger [CHAIN] -o FILE.xlsx``; importing that file again matches
every firm by name and adds nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .names import resolve

#: The columns of an exported ledger, before the figure columns (``2023年产值(亿元)``) and 来源.
COLUMNS = ["企业名称", "统一社会信用代码", "简称/曾用名", "所属产业链", "所在园区", "所在区县", "主要产品", "主要原料"]
_ZH = "FILTER(LANG(?l) = 'zh')"


def _multi(kg: Any, firms: str, pattern: str) -> dict[str, list[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in kg.rows(f"SELECT ?e ?l WHERE {{ VALUES ?e {{ {firms} }} {pattern} }}"):
        out[r["e"]].add(r["l"][0])
    return {e: sorted(v) for e, v in out.items()}


def _number(text: str) -> Any:
    """A figure as a number for the spreadsheet (int when whole), else the text.

    >>> _number("12"), _number("3.50"), _number("n/a")
    (12, 3.5, 'n/a')
    """
    try:
        value = float(text)
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def ledger_rows(kg: Any, chain: str | None = None) -> tuple[list[str], list[list[Any]]]:
    """Headers and rows: one row per enterprise (of ``chain``, or every one), ordered by name, with
    its latest figure per indicator and unit, and the documents that state its facts.

    >>> headers, rows = ledger_rows(__import__("hykg").load())
    >>> headers[:2], headers[-1], any(r[0] == "恒光" for r in rows)
    (['企业名称', '统一社会信用代码'], '来源', True)
    """
    if chain:
        c = resolve(kg, chain, ("IndustrialChain", "IndustrialCluster"))
        where = f"{{ ?e hykg:onChain <{c}> }} UNION {{ ?e hykg:onChain ?x . ?x skos:exactMatch <{c}> }} UNION {{ ?e hykg:onChain ?x . <{c}> skos:exactMatch ?x }}"
    else:
        where = "?e a hykg:Enterprise ."
    names = {r["e"]: r["l"][0] for r in kg.rows(f"SELECT ?e (MIN(?n) AS ?l) WHERE {{ {where} ?e a hykg:Enterprise ; rdfs:label ?n FILTER(LANG(?n) = 'zh') }} GROUP BY ?e")}
    if not names:
        return [*COLUMNS, "来源"], []
    firms = " ".join(f"<{e}>" for e in names)
    cols = {
        "统一社会信用代码": _multi(kg, firms, "?e hykg:creditCode ?l"),
        "简称/曾用名": _multi(kg, firms, f"?e skos:altLabel ?l {_ZH}"),
        "所属产业链": _multi(kg, firms, f"?e hykg:onChain/skos:prefLabel|hykg:onChain/rdfs:label ?l {_ZH}"),
        "所在园区": _multi(kg, firms, f"?e hykg:inPark/rdfs:label ?l {_ZH}"),
        "所在区县": _multi(kg, firms, f"?e hykg:locatedIn/rdfs:label ?l {_ZH}"),
        "主要产品": _multi(kg, firms, f"?e hykg:makes/rdfs:label ?l {_ZH}"),
        "主要原料": _multi(kg, firms, f"?e hykg:uses/rdfs:label ?l {_ZH}"),
    }
    latest: dict[str, dict[tuple[str, str], tuple[str, str]]] = defaultdict(dict)  # firm -> (indicator, unit) -> (period, value)
    q = f"""SELECT ?e ?i ?u ?v ?p WHERE {{ VALUES ?e {{ {firms} }} ?st hykg:concerns ?e ; a hykg:Statistic ;
            hykg:indicator ?i ; hykg:value ?v ; hykg:unit ?u OPTIONAL {{ ?st hykg:period ?p }} }}"""
    for r in kg.rows(q):
        period, key = (r["p"][0] if "p" in r else ""), (r["i"][0], r["u"][0])
        if key not in latest[r["e"]] or period > latest[r["e"]][key][0]:
            latest[r["e"]][key] = (period, _number(r["v"][0]))
    figures = {e: {(f"{p}年" if p else "") + f"{i}({u})": v for (i, u), (p, v) in f.items()} for e, f in latest.items()}
    sources: dict[str, list[str]] = defaultdict(list)
    for r in kg.rows(f"""SELECT DISTINCT ?e ?d ?row WHERE {{ VALUES ?e {{ {firms} }} ?st rdf:subject ?e ;
                         prov:wasDerivedFrom ?d OPTIONAL {{ ?st hykg:row ?row }} }} ORDER BY ?d ?row"""):
        doc = r["d"].rsplit("/", 1)[-1] + (f" 第{r['row'][0]}行" if "row" in r else "")
        if doc not in sources[r["e"]]:
            sources[r["e"]].append(doc)
    fig_headers = sorted({h for f in figures.values() for h in f})
    rows = []
    for e, name in sorted(names.items(), key=lambda kv: (kv[1], kv[0])):
        row: list[Any] = [name] + ["、".join(cols[c].get(e, [])) for c in COLUMNS[1:]]
        for h in fig_headers:
            row.append(figures.get(e, {}).get(h, ""))
        rows.append([*row, "; ".join(sources[e])])
    return [*COLUMNS, *fig_headers, "来源"], rows
