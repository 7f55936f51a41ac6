"""Readable tables and CSV rows for the analysis answers (the CLI's table and csv output)."""

from __future__ import annotations

from typing import Any

from .text import sources_text, table


def _n(ref: dict[str, Any] | None, lang: str) -> str:
    if not ref:
        return ""
    return str(ref["label_en"] if lang == "en" else ref["label"])


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


# ---------------------------------------------------------------------- closure
def closure_rows(r: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    return ["distance", "id", "name", "via (nearer)"], [
        [m["distance"], m["entity"]["id"], _n(m["entity"], lang), "、".join(_n(v, lang) for v in m["via"])]
        for m in r["members"]]


def closure_text(r: dict[str, Any], lang: str = "zh") -> str:
    verb = "is fed (directly or not) by" if r["direction"] == "upstream" else "feeds (directly or not)"
    depth = "any depth" if r["depth"] is None else f"depth {r['depth']}"
    head = f"{_n(r['entity'], lang)} ({r['entity']['id']}) {verb} ({depth}, {r['kind']} network):"
    if not r["members"]:
        return head + "\n(none: no flows stated)"
    return head + "\n" + table(*closure_rows(r, lang))


# ---------------------------------------------------------------------- paths
def path_rows(r: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    rows = []
    for i, p in enumerate(r["paths"], 1):
        for j, s in enumerate(p["steps"], 1):
            for f in s["flows"]:
                rows.append([i, j, _n(f["supplier"], lang), _n(f["consumer"], lang), _n(f["material"], lang),
                             f["status"], sources_text(f, lang)])
    return ["path", "step", "supplier", "consumer", "material", "status", "sources"], rows


def path_text(r: dict[str, Any], lang: str = "zh") -> str:
    head = f"material paths {_n(r['source'], lang)} → {_n(r['target'], lang)} ({r['kind']} network"
    head += ", inferred links included)" if r["inferred_included"] else ")"
    if not r["paths"]:
        return head + f"\n(no path of at most {r['max_length']} steps)"
    lines = [head]
    for i, p in enumerate(r["paths"], 1):
        lines.append(f"{i}. " + " → ".join(_n(n, lang) for n in p["nodes"]))
    return "\n".join(lines) + "\n\n" + table(*path_rows(r, lang))


# ---------------------------------------------------------------------- could supply
def could_rows(r: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    key = "text_en" if lang == "en" else "text"
    return ["supplier", "consumer", "material", "status", "basis", "because"], [
        [_n(x["supplier"], lang), _n(x["consumer"], lang), _n(x["material"], lang), x["status"], x["basis"],
         " | ".join(e[key] for e in x["explanations"])] for x in r["links"]]


def could_text(r: dict[str, Any], lang: str = "zh") -> str:
    head = "inferred could-supply links (status inferred; basis = weakest fact used)"
    if r["entity"]:
        head += f" of {_n(r['entity'], lang)} ({r['entity']['id']})"
    if not r["links"]:
        return head + ":\n(none)"
    return head + ":\n" + table(*could_rows(r, lang))


# ---------------------------------------------------------------------- circular
_METRICS = ("nodes", "flows", "links", "connectance", "link_density", "cyclicity", "finn_cycling_index",
            "total_system_throughflow", "cycled_throughflow")


def metric_rows(r: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    m = r["metrics"]
    rows: list[list[Any]] = [[k, _fmt(m[k])] for k in _METRICS]
    rows += [[f"degree_centralization_{k}", _fmt(v)] for k, v in m["degree_centralization"].items()]
    rows.append(["weights", m["weights"]])
    return ["metric", "value"], rows


def _fmt(v: Any) -> Any:
    return "n/a" if v is None else round(v, 4) if isinstance(v, float) else v


def circular_text(r: dict[str, Any], lang: str = "zh") -> str:
    scope = r["scope"]
    where = f"firms in {_n(scope['park'], lang)} ({scope['park']['id']})" if scope["park"] else "all firms"
    lines = [f"circular economy of {where}: {scope['firms']} firms, {scope['flows']} flows "
             f"({', '.join(scope['statuses']) or 'none'})", "", "loops:"]
    if not r["loops"]:
        lines.append("  (none)")
    for i, loop in enumerate(r["loops"], 1):
        parts = []
        for s in loop["steps"]:
            mats = "、".join(_n(f["material"], lang) for f in s["flows"])
            parts.append(f"{_n(s['from'], lang)} —{mats}→")
        lines.append(f"  {i}. " + " ".join(parts) + f" {_n(loop['nodes'][0], lang)}")
    lines += ["", "strongly connected components (size > 1):"]
    lines += [f"  {'、'.join(_n(n, lang) for n in c)}" for c in r["components"]] or ["  (none)"]
    lines += ["", table(*metric_rows(r, lang))]
    lines += ["", "reading:" if lang == "en" else "解读:"]
    lines += [f"  {x[lang]}" for x in r.get("reading", {}).values()]
    lines += [f"note: {n}" for n in r["notes"]]
    return "\n".join(lines)


# ---------------------------------------------------------------------- chain structure
def chain_rows(r: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    rows = []
    for s in r["segments"]:
        rows.append([_n(s["segment"], lang), s["position"], s["status"], "、".join(_n(p, lang) for p in s["products"]),
                     "、".join(f"{_n(f['entity'], lang)}" for f in s["firms"]),
                     "、".join(_n(p["entity"], lang) for p in s["parks"]),
                     "、".join(_n(p["entity"], lang) for p in s["projects"]), "gap" if s["gap"] else ""])
    return ["segment", "position", "status", "products", "local firms", "parks", "projects", "gap"], rows


def chain_structure_text(r: dict[str, Any], lang: str = "zh") -> str:
    head = f"{_n(r['chain'], lang)} ({r['chain']['id']}) chain structure"
    if r["scope"]:
        head += f", local = in {_n(r['scope'], lang)}"
    if not r["segments"]:
        return head + "\n(no segments recorded for this chain)"
    sup = r["supporting"]
    lines = [head, table(*chain_rows(r, lang)), "",
             f"gaps (no local firm): {'、'.join(_n(g, lang) for g in r['gaps']) or 'none'}",
             f"local supporting rate (本地配套率): {sup['local']}/{sup['total']} = {_pct(sup['rate'])}"]
    if "reading" in r:
        lines.append(("reading: " if lang == "en" else "解读: ") + r["reading"]["supporting"][lang])
    inputs = [[_n(i["product"], lang), "、".join(_n(p, lang) for p in i["for"]),
               "、".join(_n(p["entity"], lang) for p in i["local_producers"]) or "-", i["status"]] for i in sup["inputs"]]
    if inputs:
        lines.append(table(["input", "for", "local producers", "status"], inputs))
    lines += [f"note: {n}" for n in r["notes"]]
    return "\n".join(lines)


# ---------------------------------------------------------------------- risk
#: Said of a finding that rests on a list the source leaves open (en, zh).
_OPEN = (" (as far as the sources list)", "(就来源所列)")

def risk_rows(r: dict[str, Any], lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    rows: list[list[Any]] = []
    for net in ("supply", "park"):
        rep = r[net]
        for c in rep["cut_points"]:
            rows.append([net, "cut_point", _n(c["node"], lang), f"{c['pieces']} pieces, {c['cut_off']} cut off"
                         + (_OPEN[lang == "zh"] if c.get("open_list") else ""), c["cut_off"]])
        for d in rep["dominators"]:
            rows.append([net, "dominator", _n(d["node"], lang), "、".join(_n(x, lang) for x in d["dominated"])
                         + (_OPEN[lang == "zh"] if d.get("open_list") else ""), d["count"]])
        for s in rep["single_suppliers"]:
            alt = "、".join(_n(a["entity"], lang) for a in s.get("alternatives", []))
            only = ("就来源所列仅来自" if lang == "zh" else "as far as the sources list, only from") if s.get("open_list") \
                else "only from"
            rows.append([net, "single_supplier", _n(s["consumer"], lang),
                         f"{_n(s['material'], lang)} {only} {_n(s['supplier'], lang)}"
                         + (f"; other makers: {alt}" if alt else ""), 1])
        for b in rep["betweenness"]:
            rows.append([net, "betweenness", _n(b["node"], lang), rep["betweenness_method"], round(b["value"], 4)])
    return ["network", "measure", "node", "detail", "value"], rows


def risk_text(r: dict[str, Any], lang: str = "zh") -> str:
    head = (f"supply risk: supply network {r['supply']['nodes']} firms / {r['supply']['flows']} flows; "
            f"park network {r['park']['nodes']} parks / {r['park']['flows']} flows")
    rows = risk_rows(r, lang)
    body = table(*rows) if rows[1] else "(no risks found)"
    reading = ["reading:" if lang == "en" else "解读:"]
    for net in ("supply", "park"):
        rep = r[net]
        reading += [f"  {rep['reading'][k][lang]}" for k in ("cut_points", "dominators") if "reading" in rep]
        reading += [f"  - {x['reading'][lang]}" for k in ("cut_points", "dominators") for x in rep[k] if "reading" in x]
    return "\n".join([head, body, ""] + reading + [f"note: {n}" for n in r["notes"]])
