"""Candidates that say otherwise than the graph: another value of a figure, other parts of a programme.

Another value for the same indicator and period, another member list for the same named programme:
shown side by side for review, never overwritten (an accepted candidate is a statement of its own,
citing its own document).

>>> says = GraphSays(figures=[{"id": "stat/gdp-2024", "type": "Statistic", "indicator": "地区生产总值",
...     "value": 4300.0, "unit": "亿元", "period": "2024", "subject": "place/hy", "doc": "doc/a", "quote": "4300亿元"}])
>>> rec = {"candidate": "n1", "type": "Statistic", "indicator": "地区生产总值", "value": 4350, "unit": "亿元",
...        "period": "2024", "area": "place/hy"}
>>> mark_conflicts([rec], says)
1
>>> [(c["id"], c["value"], c["doc"]) for c in rec["conflicts"]]
[('stat/gdp-2024', 4300.0, 'doc/a')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Figure fields compared: the same indicator, period (or deadline), unit and subject with another value.
FIGURE_QUERY = """SELECT ?f ?t ?ind ?v ?vt ?unit ?period ?deadline ?subj ?doc ?quote WHERE {
    VALUES ?t { hykg:Statistic hykg:Target } ?f a ?t ; hykg:indicator ?ind .
    OPTIONAL { ?f hykg:value ?v } OPTIONAL { ?f hykg:valueText ?vt } OPTIONAL { ?f hykg:unit ?unit }
    OPTIONAL { ?f hykg:period ?period } OPTIONAL { ?f hykg:deadline ?deadline }
    OPTIONAL { ?f hykg:area|hykg:concerns ?subj }
    OPTIONAL { ?st rdf:subject ?f ; rdf:predicate rdf:type ; prov:wasDerivedFrom ?doc . OPTIONAL { ?st hykg:quote ?quote } }
} ORDER BY ?f"""
MEMBER_QUERY = """SELECT ?m ?whole ?label ?doc WHERE {
    ?m dcterms:isPartOf ?whole ; rdfs:label ?label . FILTER(lang(?label) = "zh")
    OPTIONAL { ?st rdf:subject ?m ; rdf:predicate dcterms:isPartOf ; rdf:object ?whole ; prov:wasDerivedFrom ?doc }
} ORDER BY ?whole ?m"""


@dataclass
class GraphSays:
    """The graph's figures (one dict per statistic or target) and the members of each whole (``partOf``)."""

    figures: list[dict[str, Any]] = field(default_factory=list)
    members: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def graph_says(kg: Any) -> GraphSays:
    """The figures and programme members of a loaded graph, with the document each is derived from."""
    from ..rdf import vocab

    def plain(v: Any) -> Any:
        v = v[0] if isinstance(v, tuple) else v
        return vocab.id_of(v) if isinstance(v, str) and v.startswith(vocab.ID) else v

    figures: dict[str, dict[str, Any]] = {}
    for r in kg.rows(FIGURE_QUERY):
        fid = vocab.id_of(str(r["f"]))
        if fid in figures:
            continue
        f: dict[str, Any] = {"id": fid, "type": str(r["t"]).rsplit("#", 1)[-1], "indicator": str(plain(r["ind"]))}
        for key, var in (("value", "v"), ("valueText", "vt"), ("unit", "unit"), ("period", "period"),
                         ("deadline", "deadline"), ("subject", "subj"), ("doc", "doc"), ("quote", "quote")):
            if r.get(var) is not None:
                f[key] = plain(r[var])
        if "value" in f:
            f["value"] = float(f["value"])
        figures[fid] = f
    members: dict[str, list[dict[str, str]]] = {}
    for r in kg.rows(MEMBER_QUERY):
        whole = vocab.id_of(str(r["whole"]))
        m = {"id": vocab.id_of(str(r["m"])), "label": str(plain(r["label"]))}
        if r.get("doc") is not None:
            m["doc"] = vocab.id_of(str(r["doc"]))
        if m not in members.setdefault(whole, []):
            members[whole].append(m)
    return GraphSays(list(figures.values()), members)


def _when(rec: dict[str, Any]) -> Any:
    return rec.get("period") if rec.get("type") == "Statistic" else rec.get("deadline")


def _same_indicator(a: str, b: str) -> bool:
    """The same indicator: equal, or one the other with more words around it (at least 4 characters)."""
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def figure_matches(rec: dict[str, Any], says: GraphSays) -> list[dict[str, Any]]:
    """The graph's figures for the same indicator, kind, period (or deadline), unit and subject as the
    candidate ``rec``: id, value (or valueText), unit, sources and whether the value ``differs``."""
    when = _when(rec)
    subject = rec.get("area") or rec.get("concerns")
    out = []
    for f in says.figures:
        if f["type"] != rec.get("type") or not _same_indicator(f["indicator"], str(rec.get("indicator", ""))):
            continue
        if when is None or str(f.get("period" if f["type"] == "Statistic" else "deadline")) != str(when):
            continue
        if f.get("unit") != rec.get("unit") or (subject and f.get("subject") and f["subject"] != subject):
            continue
        m: dict[str, Any] = {k: f[k] for k in ("id", "value", "valueText", "unit", "doc", "quote") if k in f}
        m["sources"] = [{"doc": f["doc"], "quote": f.get("quote", "")}] if "doc" in f else []
        m["differs"] = "value" not in f or not isinstance(rec.get("value"), (int, float)) \
            or float(rec["value"]) != f["value"]
        out.append(m)
    return out


def mark_conflicts(records: list[dict[str, Any]], says: GraphSays) -> int:
    """Add ``conflicts`` to the candidate records the graph says otherwise about; the number marked.

    A figure: the graph's other values (:func:`figure_matches` that differ). A programme the document lists
    members of (``partOf`` candidates towards a known whole that has members in the graph): on its
    first such relation, the graph's members next to the document's, when the two lists differ.
    """
    marked = 0
    for rec in records:
        rec.pop("conflicts", None)
        if rec.get("type") in ("Statistic", "Target") and (found := [
                {k: v for k, v in m.items() if k not in ("sources", "differs")}
                for m in figure_matches(rec, says) if m["differs"]]):
            rec["conflicts"] = found
            marked += 1
    labels = {r["candidate"]: r.get("zh") for r in records if "candidate" in r}
    labels |= {m["id"]: m["label"] for ms in says.members.values() for m in ms}
    listed: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        whole = rec.get("partOf")
        if "about" in rec and isinstance(whole, str) and whole in says.members:
            listed.setdefault(whole, []).append(rec)
    for whole, rels in listed.items():
        here = sorted({str(labels.get(r["about"], r["about"])) for r in rels})
        there = sorted({m["label"] for m in says.members[whole]})
        if here != there:
            rels[0]["conflicts"] = [{"id": whole, "members_in_graph": there, "members_here": here,
                                     "docs": sorted({m["doc"] for m in says.members[whole] if "doc" in m})}]
            marked += 1
    return marked
