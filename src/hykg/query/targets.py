"""Targets against actuals: each target with the statistics that measure the same indicator, the latest
actual, the gap and the progress, every figure with its sources."""

from __future__ import annotations

from typing import Any

from ..rdf import vocab
from .names import ENTITY_TYPES, labels, ref, resolve
from .provenance import provenance

H = vocab.ONT
FIGURES = """SELECT ?x ?t ?k ?v WHERE { VALUES ?t { hykg:Target hykg:Statistic } ?x a ?t .
  VALUES ?k { hykg:value hykg:valueText hykg:unit hykg:qualifier hykg:deadline hykg:period hykg:date
              hykg:indicator hykg:measures hykg:concerns } ?x ?k ?v } ORDER BY ?x ?k ?v"""
#: What a chain's targets may concern: the chain, its exact/close matches, and what is on one of them.
INFERRED_MATCH = {"zh": "推断:目标与统计的指标表述完全相同", "en": "inferred: the target and the statistic word their indicator identically"}


def chain_scope(kg: Any, chain_iri: str) -> set[str]:
    """The entities whose targets count as the chain's: the chain and its members
    (:func:`hykg.query.chains.chain_members`: matches, bases / clusters / towns, parks, firms, projects).

    >>> import hykg
    >>> "https://w3id.org/hykg/id/chain/chem-new-materials" in chain_scope(hykg.load(), "https://w3id.org/hykg/id/chain/chem-new-materials")
    True
    """
    from .chains import chain_members, member_ids

    members = chain_members(kg, vocab.id_of(chain_iri))
    ids = member_ids(members, ("matches", "containers", "parks", "firms", "projects"))
    return {chain_iri} | {vocab.iri_of(i) for i in ids}


def _num(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _period_key(f: dict[str, Any]) -> str:
    p = f.get("period") or f.get("date") or ""
    return p.split("/")[-1]


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def progress(target: dict[str, Any], actual: dict[str, Any] | None) -> dict[str, Any] | None:
    """Gap and progress of a target against one actual (same unit; numbers only), or None.

    >>> progress({"value": "800", "unit": "家", "qualifier": ""}, {"value": "420", "unit": "家"})
    {'gap': 380.0, 'share': 0.525, 'reached': False, 'text': '420/800 家 = 52.5%, 差 380 家'}
    >>> progress({"value": "14.5", "unit": "%", "qualifier": "below"}, {"value": "15", "unit": "%"})["reached"]
    False
    """
    if actual is None:
        return None
    tv, av = _num(target.get("value", "")), _num(actual.get("value", ""))
    if tv is None or av is None or not tv:
        return None
    if (target.get("unit") or "") != (actual.get("unit") or ""):
        return {"gap": None, "share": None, "reached": None,
                "text": f"单位不同({actual.get('unit')} / {target.get('unit')}),未换算"}
    unit = target.get("unit") or ""
    if target.get("qualifier") in ("below", "max"):
        gap = av - tv
        reached = av <= tv
        return {"gap": round(gap, 6), "share": None, "reached": reached,
                "text": f"{_fmt(av)}{unit} / 目标 ≤ {_fmt(tv)}{unit}" + ("(已达到)" if reached else f",需再降 {_fmt(gap)}{unit}")}
    gap = tv - av
    share = round(av / tv, 4)
    text = f"{_fmt(av)}/{_fmt(tv)} {unit} = {share * 100:.1f}%" + (",已达到" if gap <= 0 else f", 差 {_fmt(gap)} {unit}")
    return {"gap": round(gap, 6), "share": share, "reached": gap <= 0, "text": text}


def targets(kg: Any, chain: str | None = None, due: int | None = None) -> list[dict[str, Any]]:
    """Every target (of ``chain``, due by ``due``) with the statistics measuring its indicator, latest
    first, and the progress against the latest one with a number in the same unit.

    A target and a statistic are paired when both measure one indicator (``hykg:measures``, an editorial
    assignment) or, failing that, word their indicator identically (inferred).

    >>> import hykg
    >>> t = {x["target"]["id"]: x for x in targets(hykg.load())}["target/hitech-firms-2025"]
    >>> t["target"]["value"], t["target"]["due"], [(a["value"], a["period"]) for a in t["actuals"]]
    ('800', '2025', [('420', '2020')])
    """
    from .memo import memo

    figs: dict[str, dict[str, Any]] = {}
    for r in memo(kg, "targets.figures", lambda: kg.select(FIGURES)):
        f = figs.setdefault(r["x"], {"kind": r["t"].rsplit("#", 1)[-1], "concerns": set()})
        k = r["k"].rsplit("#", 1)[-1]
        if k == "concerns":
            f["concerns"].add(r["v"])
        else:
            f.setdefault(k, r["v"])
    tids = sorted(x for x, f in figs.items() if f["kind"] == "Target")
    if chain is not None:
        c = resolve(kg, chain, ENTITY_TYPES["chain"])
        scope = chain_scope(kg, c)
        chain_names = labels(kg, {x for x in scope if "/chain/" in x})
        zh = {pair[0] for pair in chain_names.values() if len(pair[0]) >= 2}
        tids = [x for x in tids if figs[x]["concerns"] & scope or any(w in figs[x].get("indicator", "") for w in zh)]
    if due is not None:
        tids = [x for x in tids if _num(figs[x].get("deadline", "")) is not None and int(float(figs[x]["deadline"])) <= due]
    by_measure: dict[str, list[str]] = {}
    by_text: dict[str, list[str]] = {}
    for x, f in sorted(figs.items()):
        if f["kind"] == "Statistic":
            if "measures" in f:
                by_measure.setdefault(f["measures"], []).append(x)
            by_text.setdefault(f.get("indicator", ""), []).append(x)
    pairs: dict[str, tuple[list[str], str]] = {}
    for x in tids:
        f = figs[x]
        if "measures" in f:
            pairs[x] = (by_measure.get(f["measures"], []), "measures")
        else:
            pairs[x] = ([s for s in by_text.get(f.get("indicator", ""), []) if "measures" not in figs[s]], "inferred")
    stat_ids = {s for ss, _ in pairs.values() for s in ss}
    inds = {figs[x]["measures"] for x in tids if "measures" in figs[x]}
    names = labels(kg, set(tids) | stat_ids | inds)
    prov = provenance(kg, set(tids) | stat_ids)

    def sources(x: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for (s, p, _o), e in sorted(prov.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2]))):
            if s != x or p == H + "measures":
                continue
            for src in e["sources"]:
                if src not in out:
                    out.append(src)
        return out

    def basis(x: str) -> dict[str, Any] | None:
        for (s, p, _o), e in prov.items():
            if s == x and p == H + "measures":
                return {"status": e["status"], "rationale": e["rationale"]}
        return None

    result = []
    for x in tids:
        f = figs[x]
        stats, how = pairs[x]
        actuals = []
        for s in sorted(stats, key=lambda s: (_period_key(figs[s]), s), reverse=True):
            g = figs[s]
            actuals.append({**ref(s, names), "value": g.get("value", g.get("valueText", "")), "unit": g.get("unit", ""),
                            "qualifier": g.get("qualifier", ""), "period": g.get("period", g.get("date", "")),
                            "indicator": g.get("indicator", ""), "pairing": basis(s) if how == "measures" else
                            {"status": "inferred", "rationale": [INFERRED_MATCH["zh"]], "rationale_en": [INFERRED_MATCH["en"]]},
                            "sources": sources(s)})
        target = {**ref(x, names), "value": f.get("value", f.get("valueText", "")), "unit": f.get("unit", ""),
                  "due": f.get("deadline", ""), "qualifier": f.get("qualifier", ""), "indicator": f.get("indicator", ""),
                  "measures": ref(f["measures"], names) if "measures" in f else None,
                  "pairing": basis(x), "sources": sources(x)}
        latest = next((a for a in actuals if _num(a["value"]) is not None), actuals[0] if actuals else None)
        result.append({"target": target, "actuals": actuals, "latest": latest["id"] if latest else None,
                       "progress": progress(target, latest),
                       "note": "" if actuals else "no statistic"})
    return result


def target_rows(items: list[dict[str, Any]], lang: str = "zh") -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the targets table (``hykg targets``).

    >>> target_rows([])[0][:3]
    ['目标', '目标值', '期限']
    """
    from ..present.text import cite

    en = lang == "en"
    headers = (["target", "value", "due", "latest actual", "period", "gap / progress", "sources"] if en else
               ["目标", "目标值", "期限", "最新实际值", "统计期", "差距/进度", "来源"])
    rows = []
    for it in items:
        t = it["target"]
        a = next((x for x in it["actuals"] if x["id"] == it["latest"]), None)
        srcs = [cite(s) for s in t["sources"][:1]] + ([cite(s) for s in a["sources"][:1]] if a else [])
        if it["actuals"] == []:
            actual = "no statistic" if en else "无统计数据"
        else:
            actual = f"{a['value']}{a['unit']}" if a else ""
        rows.append([t["label_en"] if en and t.get("label_en") else t["label"], f"{t['value']}{t['unit']}",
                     t["due"] or ("not stated" if en else "未说明"), actual, a["period"] if a else "",
                     (it["progress"] or {}).get("text", ""), "; ".join(srcs)])
    return headers, rows


def target_card(kg: Any, iri: str) -> dict[str, Any] | None:
    """The targets-against-actuals entry of one target (for ``hykg show``), or None for another entity."""
    found = [t for t in targets(kg) if vocab.iri_of(t["target"]["id"]) == iri]
    return found[0] if found else None
