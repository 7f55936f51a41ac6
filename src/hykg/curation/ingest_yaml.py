"""The candidates of an ingested document as curated YAML records, each with ``candidate``, ``review``,
``confidence`` and ``why``; references between them by candidate id (e1, m1 ...).

>>> period_value("2024年1至9月"), period_value("前三季度", 2024), period_value("上半年"), period_value("2021年")
('2024-01/2024-09', '2024-01/2024-09', None, '2021')
"""

from __future__ import annotations

import re
from typing import Any

from .ingest_entities import PREFIX_OF_TYPE, KnownEntity

#: Keys a candidate record carries for review; removed when it is accepted.
REVIEW_KEYS = ("candidate", "review", "confidence", "why", "linked", "link_score", "merge", "mentions", "span_start",
               "conflicts")


def period_value(text: str | None, year: int | None = None) -> str | None:
    """A period as the curated format writes it (YYYY, YYYY-MM/YYYY-MM, YYYY-Qn), or None when the
    text gives no year and none is known."""
    if not text:
        return None
    m = re.match(r"(\d{4})年", text)
    y = int(m.group(1)) if m else year
    rest = text[m.end():] if m else text
    if y is None:
        return None
    if not rest or rest in ("全年", "度"):
        return str(y)
    if mm := re.fullmatch(r"1[-至~—](\d{1,2})月", rest):
        return f"{y}-01/{y}-{int(mm.group(1)):02d}"
    span = {"前三季度": (1, 9), "上半年": (1, 6), "下半年": (7, 12)}.get(rest)
    if span:
        return f"{y}-{span[0]:02d}/{y}-{span[1]:02d}"
    if q := re.fullmatch(r"第?([一二三四])季度", rest):
        return f"{y}-Q{'一二三四'.index(q.group(1)) + 1}"
    if mm := re.fullmatch(r"(\d{1,2})月份?", rest):
        return f"{y}-{int(mm.group(1)):02d}"
    return None


def _number(value: str) -> int | float:
    return int(value) if re.fullmatch(r"\d+", value) else float(value)


def candidate_records(result: Any, known: list[KnownEntity]) -> list[dict[str, Any]]:
    """The records of ``candidates/DOCID.yaml`` for an :class:`hykg.curation.ingest.Ingested`."""

    a = result.analysis
    taken = {k.id for k in known}
    by_cand: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    for e in a.entities:
        head = {"candidate": e.candidate, "review": "pending", "confidence": e.confidence, "why": e.why}
        first = e.mentions[0].span
        if e.known:
            out.append({**head, "linked": e.linked, "zh": e.label, "mentions": len(e.mentions), "quote": first})
            continue
        rid = new_id(type_prefix(e.type), e.label, taken)
        by_cand[e.candidate] = rid
        rec: dict[str, Any] = {**head, "id": rid, "type": e.type, "zh": e.label}
        if e.aliases:
            rec["aliases"] = e.aliases[0] if len(e.aliases) == 1 else list(e.aliases)
        rec["quote"] = first
        if e.linked:
            rec.update({"linked": e.linked, "link_score": e.link_score, "merge": False})
        rec["mentions"] = len(e.mentions)
        out.append(rec)
    for r in a.relations:
        out.append({"candidate": r.candidate, "review": "pending", "confidence": r.confidence, "why": r.why,
                    "about": r.subject, r.property: r.object, "quote": r.span})
    materials: dict[str, str] = {}
    label_of = {e.candidate: e.label for e in a.entities} | {k.id: k.label for k in known}
    type_of = {e.candidate: e.type for e in a.entities} | {k.id: k.type for k in known}
    for f in a.flows:
        mat = f.material["linked"]
        if mat is None:
            name = f.material["label"]
            if name not in materials:
                materials[name] = f"m{len(materials) + 1}"
                out.append({"candidate": materials[name], "review": "pending", "confidence": f.confidence,
                            "why": f"a material of flow {f.candidate} (accepted with it)",
                            "id": new_id("mat", name, taken), "type": "Product", "zh": name, "quote": f.span})
            mat = materials[name]
        parks = type_of.get(f.supplier) == "Park" or type_of.get(f.consumer) == "Park"
        typ = "ParkResourceFlow" if parks else "MaterialFlow"
        zh = f"{label_of.get(f.supplier, f.supplier)}→{label_of.get(f.consumer, f.consumer)} {f.material['label']}"
        out.append({"candidate": f.candidate, "review": "pending", "confidence": f.confidence, "why": f.why,
                    "id": new_id(type_prefix(typ), zh, taken), "type": typ, "zh": zh, "supplier": f.supplier,
                    "consumer": f.consumer, "material": mat, "quote": f.span})
    year = None
    issued = str(result.meta.get("issued", ""))
    if m := re.match(r"(\d{4})", issued):
        year = int(m.group(1))
    for n in a.figures:
        typ = "Target" if n.kind == "target" else "Statistic"
        label = f"{n.indicator}({n.period})" if n.period else n.indicator
        rec = {"candidate": n.candidate, "review": "pending", "confidence": n.confidence, "why": n.why,
               "id": new_id(type_prefix(typ), label, taken), "type": typ, "zh": label, "indicator": n.indicator,
               "value": _number(n.value), "unit": n.unit}
        if n.qualifier:
            rec["qualifier"] = n.qualifier
        if typ == "Target":
            if n.period and (m := re.match(r"(\d{4})", n.period)):
                rec["deadline"] = int(m.group(1))
            else:
                rec["notStated"] = ["deadline"]
        else:
            pv = period_value(n.period, year)
            if pv:
                rec["period"] = pv
            else:
                rec["notStated"] = ["period"]
        if n.subject:
            rec["area" if type_of.get(n.subject) == "Place" else "concerns"] = n.subject
        rec["quote"] = n.span
        out.append(rec)
    return out


def new_id(prefix: str, label: str, taken: set[str]) -> str:
    """A fresh id ``prefix/slug`` not in ``taken`` (which it joins)."""
    from .pinyin import slug

    base = f"{prefix}/{slug(label) or 'x'}"
    rid, n = base, 2
    while rid in taken:
        rid, n = f"{base}-{n}", n + 1
    taken.add(rid)
    return rid


def type_prefix(typ: str) -> str:
    """The id prefix of a type (``Enterprise`` -> ``ent``).

    >>> type_prefix("Mechanism"), type_prefix("Corridor"), type_prefix("PolicyDocument"), type_prefix("Enterprise")
    ('mech', 'corridor', 'policy', 'ent')
    """
    return {"Recognition": "honor", "Statistic": "stat", "Target": "target", "MaterialFlow": "flow",
            "ParkResourceFlow": "pflow", "Mechanism": "mech", "Layout": "layout", "Goal": "goal",
            "Programme": "prog", "Corridor": "corridor", "PolicyDocument": "policy"}.get(
        typ, PREFIX_OF_TYPE.get(typ, "ent"))
