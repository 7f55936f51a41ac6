"""Readable text and CSV rows for each named answer (the CLI's default output)."""

from __future__ import annotations

from typing import Any

from .text import sources_text, table


def _name(ref: dict[str, Any] | None, lang: str) -> str:
    if not ref:
        return ""
    return ref["label_en"] if lang == "en" else ref["label"]


def flow_rows(answer: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    headers = ["depth", "supplier", "consumer", "material", "status", "sources"]
    rows = [[f["depth"], _name(f["supplier"], lang), _name(f["consumer"], lang), _name(f["material"], lang),
             f["status"], sources_text(f)] for f in answer["flows"]]
    return headers, rows


def flows_text(answer: dict[str, Any], lang: str = "zh") -> str:
    verb = {"feeds": "supplies", "fed_by": "is supplied by"}[answer["direction"]]
    head = f"{_name(answer['entity'], lang)} ({answer['entity']['id']}) {verb}:"
    if not answer["flows"]:
        return head + "\n(no flows stated in the sources)"
    return head + "\n" + table(*flow_rows(answer, lang))


def search_rows(hits: list[dict[str, Any]], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    return ["id", "label", "label_en", "types", "matched"], [
        [h["id"], h["label"], h["label_en"], " ".join(h["types"]), h["matched"]] for h in hits
    ]


def relation_rows(rels: list[dict[str, Any]], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    headers = ["dir", "property", "other", "status", "sources"]
    rows = []
    for r in rels:
        other = f"{_name(r['other'], lang)} ({r['other']['id']})" if "other" in r else r.get("value", "")
        prop = r["property_label_en"] if lang == "en" else r["property_label"]
        rows.append(["→" if r["direction"] == "out" else "←", prop, other, r["status"], sources_text(r)])
    return headers, rows


def card_text(card: dict[str, Any], lang: str = "zh") -> str:
    lines = [
        f"{card['label']} / {card['label_en']}  ({card['id']})",
        "types: " + ", ".join(_name(t, lang) for t in card["types"]),
    ]
    if card["aliases"]:
        lines.append("aliases: " + ", ".join(card["aliases"]))
    if card["sources"]:
        lines.append("named in: " + sources_text(card))
    for ns in card["not_stated"]:
        label = ns["property_label_en"] if lang == "en" else ns["property_label"]
        lines.append(f"{label}: not stated in the sources ({sources_text(ns)})")
    if card.get("silent"):
        words = {"status": ("进展", "status"), "investment": ("投资", "investment"), "inPark": ("园区", "park"),
                 "onChain": ("产业链", "chain")}
        lines.append(("not stated in the sources: " if lang == "en" else "原文未说明: ")
                     + ", ".join(words[k][1 if lang == "en" else 0] for k in card["silent"]))
    if "against_actuals" in card and card["against_actuals"]:
        lines.append(_against_actuals(card["against_actuals"], lang))
    lines.append("")
    lines.append(table(*relation_rows(card["relations"], lang)))
    return "\n".join(lines)


def _against_actuals(item: dict[str, Any], lang: str) -> str:
    """One line: a target against its latest actual (``hykg show`` of a target)."""
    en = lang == "en"
    a = next((x for x in item["actuals"] if x["id"] == item["latest"]), None)
    if a is None:
        return "against actuals: no statistic measures this indicator" if en else "实际值: 无统计数据衡量该指标"
    prog = (item["progress"] or {}).get("text", "")
    head = "against actuals" if en else "实际值"
    return f"{head}: {a['value']}{a['unit']} ({a['period']}, {a['id']}; {sources_text(a)}) {prog}".rstrip()


def _members(groups: dict[str, list[dict[str, Any]]], lang: str) -> list[str]:
    out = []
    for kind, items in groups.items():
        out.append(f"  {kind} ({len(items)}): " + "、".join(_name(i, lang) + _basis(i, lang) for i in items))
    return out or ["  (none stated)"]


#: How a member is on a chain, as shown after its name (zh, en); documented members show nothing.
_BASIS = {"via_container": ("经", "via"), "via_match": ("经对应链", "via matching chain"), "editorial": ("编辑", "editorial")}


def _basis(i: dict[str, Any], lang: str) -> str:
    b = i.get("basis")
    if b not in _BASIS:
        return ""
    word = _BASIS[b][0 if lang == "zh" else 1]
    return f"[{word} {i['via']}]" if i.get("via") else f"[{word}]"


def chain_text(p: dict[str, Any], lang: str = "zh") -> str:
    c = p["chain"]
    lines = [f"{c['label']} / {c['label_en']}  ({c['id']})",
             "schemes: " + ", ".join(_name(s, lang) for s in p["schemes"])]
    for m in p["matches"]:
        lines.append(f"{m['property']} {_name(m, lang)} ({m['id']}) [{m['status']}] {sources_text(m)}")
    lines.append("posts:")
    for post in p["posts"]:
        holder = _name(post["holder"], lang) if post["holder"] else post["holder_note"]
        lines.append(f"  {_name(post['role'], lang)} of {_name(post['in'], lang)}: {holder}")
    lines.append("members:")
    lines += _members(p["members"], lang)
    if p["concerned_by"]:
        lines.append("targets and statistics:")
        lines += _members(p["concerned_by"], lang)
    return "\n".join(lines)


def park_text(p: dict[str, Any], lang: str = "zh") -> str:
    k = p["park"]
    lines = [f"{k['label']} / {k['label_en']}  ({k['id']})",
             f"kind: {p['kind'] or 'not stated'}   level: {p['level'] or 'not stated'}   located in: "
             + (", ".join(_name(x, lang) for x in p["located_in"]) or "not stated")]
    if p["recognitions"]:
        lines.append("recognitions: " + ", ".join(_name(x, lang) for x in p["recognitions"]))
    lines.append("hosts:")
    lines += _members(p["hosts"], lang)
    for key, title in (("internal_flows", "material flows among its firms"), ("park_flows_in", "resources from other parks"),
                       ("park_flows_out", "resources to other parks")):
        if p[key]:
            lines.append(title + ":")
            lines.append(table(*flow_rows({"flows": p[key]}, lang)))
    return "\n".join(lines)


def stats_text(s: dict[str, Any]) -> str:
    lines = [f"quads: {s['quads']}", f"entities: {s['entities']}", ""]
    lines.append(table(["type", "entities"], [[t, n] for t, n in s["entities_by_type"].items()]))
    lines.append("")
    lines.append(table(["status", "statements"], [[t, n] for t, n in s["statements_by_status"].items()]))
    lines.append("")
    lines.append(table(["document", "statements"], [[t, n] for t, n in s["statements_by_document"].items()]))
    if s.get("entities_by_dataset"):
        lines += ["", table(["imported dataset", "entities"], [[t, n] for t, n in s["entities_by_dataset"].items()])]
    return "\n".join(lines)
