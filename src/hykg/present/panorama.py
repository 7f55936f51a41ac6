"""A chain's printable picture (产业链全景图 / 现状图): segments upstream -> downstream, local firms, gaps, flows, sources.

The data is :func:`hykg.query.chains.chain_members` (the one chain membership) plus the chain's posts
and the stated material flows between its firms; :func:`panorama_svg` draws it on one A3 landscape page
with :mod:`hykg.present.svg`. ``mode="panorama"`` (全景图) shows every segment, gaps marked;
``mode="status"`` (现状图) only what the city has.

>>> import hykg
>>> svg = panorama_svg(hykg.load(), "化工新材料")
>>> "化工原料" in svg and "缺口" in svg and "恒光" in svg
True
"""

from __future__ import annotations

from typing import Any

from .svg import Drawing, element, esc, width, wrap

MODES = ("panorama", "status")
_PARK_NOTE = ("本链企业所在的园区（由 hykg:inPark 推得），并非文件所述的本链园区 / "
              "computed by hykg: a park where a firm of the chain is (hykg:inPark), not a park stated on the chain")
POSITIONS = ("upstream", "midstream", "downstream")
#: A3 landscape: 420 x 297 mm, 4 user units per millimetre.
PAGE_W, PAGE_H, PAGE_MM = 1680, 1188, (420, 297)
WORDS = {
    "zh": {"panorama": "{name}产业链全景图", "status": "{name}产业链现状图", "colon": "：", "upstream": "上游", "midstream": "中游",
           "downstream": "下游", "other": "其他环节", "products": "产品", "gap": "缺口：本地无企业",
           "no_firm": "本地暂无企业", "unplaced": "链上其他企业（未归入环节）", "parks": "园区",
           "posts": "链长与链办", "not_stated": "未说明", "legend": "图例", "sources": "来源注释",
           "documented": "实线框：文件载明", "editorial": "虚线框：编辑判断或经基地、对应链推得",
           "gap_legend": "红色虚线：缺口环节（本地无企业）", "flow": "箭头：文件载明的物料流向（虚线：编辑）",
           "sub": "衡阳市 · hykg 由知识图谱生成 · 上游 → 中游 → 下游 · 方括号数字见来源注释",
           "status_sub": "只画本地已有的环节与企业", "nothing": "本地尚无企业归入本链环节",
           "doc": "文件", "editorial_note": "编辑说明", "inferred_note": "推断", "holder": "人选",
           "more": "另有{n}条，见报告"},
    "en": {"panorama": "{name}: chain panorama", "status": "{name}: chain status map", "colon": ": ", "upstream": "Upstream",
           "midstream": "Midstream", "downstream": "Downstream", "other": "Other segments", "products": "Products",
           "gap": "GAP: no local firm", "no_firm": "no local firm yet", "unplaced": "Other firms on the chain "
           "(no segment)", "parks": "Parks", "posts": "Chain leader and office", "not_stated": "not stated",
           "legend": "Legend", "sources": "Sources", "documented": "solid box: stated in a document",
           "editorial": "dashed box: editorial, or through a base / matching chain",
           "gap_legend": "red dashed: a gap segment (no local firm)",
           "flow": "arrow: a stated material flow (dashed: editorial)",
           "sub": "Hengyang · drawn by hykg from the knowledge graph · upstream → midstream → downstream · "
                  "[n]: see Sources", "status_sub": "only the segments and firms the city has",
           "nothing": "no local firm is placed in a segment of this chain", "doc": "document",
           "editorial_note": "editorial", "inferred_note": "inferred", "holder": "holder",
           "more": "{n} more: see the report"},
}
CSS = (".p-title{font-size:34px;font-weight:bold}.p-sub{font-size:15px;fill:#555}.p-colhead{font-size:22px;font-weight:bold;"
       "fill:#fff}.p-seg rect.p-head{fill:#eef3fb;stroke:#2b5797;stroke-width:2}.p-seg.p-gap rect.p-head{fill:#fdeeee;"
       "stroke:#c0392b;stroke-dasharray:8 5}.p-segname{font-size:18px;font-weight:bold}.p-prod{font-size:13px;fill:#333}"
       ".p-gapmark{font-size:15px;font-weight:bold;fill:#c0392b}.p-firm rect{fill:#fff;stroke:#2b5797;stroke-width:1.6}"
       ".p-firm.p-dashed rect{stroke-dasharray:6 4;stroke:#7f8c8d}.p-firmname{font-size:14px}.p-cite{font-size:10px;fill:#2b5797}"
       ".p-flow{fill:none;stroke:#e67e22;stroke-width:1.8}.p-flow.p-dashed{stroke-dasharray:6 4}.p-flowlabel{font-size:11px;"
       "fill:#a04000}.p-mhead{font-size:17px;font-weight:bold}.p-mtext{font-size:13px}.p-none{fill:#888;font-style:italic}"
       ".p-note{font-size:11px;fill:#333}.p-arrowhead{fill:#e67e22}.p-col{fill:#2b5797}")


def panorama_data(kg: Any, name: str, mode: str = "panorama", lang: str = "zh") -> dict[str, Any]:
    """What the picture shows, as data: columns of segments with firms (each with ``dashed`` and ``cite``),
    unplaced firms, flows, parks, posts and the numbered sources.

    >>> import hykg
    >>> d = panorama_data(hykg.load(), "化工新材料")
    >>> [s["label"] for c in d["columns"] for s in c["segments"] if s["gap"]]
    ['化工原料']
    """
    from ..errors import HykgError
    from ..query.chains import chain_members
    from ..query.memo import memo
    from ..query.names import compact
    from ..query.projections import node_info, supply_network
    from ..rdf import vocab
    from .report import DOC_QUERY, FIRM_PARK_QUERY, Citations, _vals

    if mode not in MODES:
        raise HykgError(f"unknown panorama mode {mode!r}: use one of {', '.join(MODES)}")
    m = chain_members(kg, name)
    profile = kg.chain(m["chain"]["id"])
    en = lang == "en"

    def lab(x: dict[str, Any]) -> str:
        return str((x.get("label_en") if en else x.get("label")) or x.get("label") or x.get("id", ""))

    docs = memo(kg, "doc titles", lambda: {r["d"].rsplit("/", 1)[-1]: r.get("title", "") for r in kg.select(DOC_QUERY)})
    cites = Citations({d: {"title": t, "issued": ""} for d, t in docs.items()})
    firm_of = {f["id"]: f for f in m["firms"]}
    placed: set[str] = set()
    columns = []
    for pos in (*POSITIONS, ""):
        segs = []
        for s in m["segments"]:
            if (s["position"] if s["position"] in POSITIONS else "") != pos or (mode == "status" and s["gap"]):
                continue
            firms = []
            for f in s["firms"]:
                info = firm_of.get(f["id"], {"status": "editorial", "sources": [], "rationale": s["rationale"]})
                firms.append({"id": f["id"], "label": lab(f), "dashed": info["status"] != "documented",
                              "cite": cites.cite(info)})
                placed.add(f["id"])
            segs.append({"id": s["id"], "label": lab(s), "gap": s["gap"], "products": [lab(p) for p in s["products"]],
                         "cite": cites.cite({"sources": s["sources"], "rationale": s["rationale"]}), "firms": firms})
        if segs or pos:
            columns.append({"position": pos, "segments": segs})
    unplaced = [{"id": f["id"], "label": lab(f), "dashed": f["status"] != "documented", "cite": cites.cite(f)}
                for f in m["firms"] if f["id"] not in placed]
    chain_firms = set(firm_of)
    g = memo(kg, "supply_network", lambda: supply_network(kg))
    flows = []
    for u, v, _key, a in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u in chain_firms and v in chain_firms and u != v:
            flows.append({"from": u, "to": v, "material": str(a.get("material_label_en" if en else "material_label")
                                                               or a.get("material_label", "")),
                          "dashed": a.get("status") != "documented", "cite": cites.cite(a)})
    parks = {p["id"]: {"label": lab(p), "dashed": p["status"] != "documented", "cite": cites.cite(p)} for p in m["parks"]}
    rows = kg.select(FIRM_PARK_QUERY % _vals({vocab.iri_of(f) for f in chain_firms})) if chain_firms else []
    for r in sorted(rows, key=lambda r: (r["park"], r["f"])):
        pid = compact(r["park"])
        if pid not in parks:
            parks[pid] = {"label": lab(node_info(kg, {r["park"]})[r["park"]]), "dashed": True,
                          "cite": cites.cite(None, inferred=_PARK_NOTE)}
    for s in m["segments"]:
        for p in s["parks"]:
            parks.setdefault(p["id"], {"label": lab(p), "dashed": True,
                                       "cite": cites.cite({"rationale": s["rationale"]})})
    posts = [{"role": lab(p["role"]), "holder": lab(p["holder"]) if isinstance(p["holder"], dict) else p["holder"],
              "cite": cites.cite(p)} for p in profile["posts"]]
    offices = [lab(o) for o in profile["offices"]]
    return {"chain": m["chain"], "title": WORDS[lang][mode].format(name=lab(m["chain"])), "mode": mode, "lang": lang,
            "columns": columns, "unplaced": unplaced, "flows": flows,
            "parks": [parks[k] | {"id": k} for k in sorted(parks)], "posts": posts, "offices": offices,
            "sources": [_note(s, docs, lang) for s in cites.items]}


def _note(s: dict[str, Any], docs: dict[str, str], lang: str) -> str:
    w = WORDS[lang]
    if s["kind"] == "documented":
        title = docs.get(s["doc"], "") or s["doc"]
        row = f" (row {s['row']})" if s.get("row") else ""
        return f"[{s['n']}] {w['doc']} {s['doc'][:3]}《{title}》{row}{w['colon']}“{s['quote']}”"
    text = s["text"]
    if " / " in text and not text.split(" / ", 1)[0].isascii():
        zh, en = text.split(" / ", 1)
        text = en if lang == "en" else zh
    kind = w["editorial_note"] if s["kind"] == "editorial" else w["inferred_note"]
    return f"[{s['n']}] {kind}{w['colon']}{text}"


def panorama_svg(kg: Any, name: str, mode: str = "panorama", lang: str = "zh") -> str:
    """The chain's picture as SVG text (A3 landscape); the same graph draws the same bytes."""
    return draw(panorama_data(kg, name, mode, lang))


def _sup(nums: list[int]) -> str:
    return f"[{','.join(str(n) for n in nums[:4])}{',…' if len(nums) > 4 else ''}]" if nums else ""


def draw(d: dict[str, Any]) -> str:
    """Draw :func:`panorama_data` on one A3 landscape page.

    >>> svg = draw({"chain": {"id": "chain/x"}, "title": "X<&", "mode": "panorama", "lang": "zh", "columns": [],
    ...             "unplaced": [], "flows": [], "parks": [], "posts": [], "offices": [], "sources": []})
    >>> "X&lt;&amp;" in svg and "未说明" in svg
    True
    """
    w = WORDS[d["lang"]]
    dr = Drawing(PAGE_W, PAGE_H, mm=PAGE_MM, css=CSS, label=d["title"], prefix="p-")
    dr.el("rect", x=0, y=0, width=PAGE_W, height=PAGE_H, fill="#fff")
    dr.el("text", d["title"], x=40, y=62, cls="title", data_chain=d["chain"]["id"], data_mode=d["mode"])
    dr.text(40, 92, w["sub"] + (" · " + w["status_sub"] if d["mode"] == "status" else ""), cls="sub")
    notes_top = _notes(dr, d, w)
    margin_x = 1300
    _margin(dr, d, w, margin_x, 130, notes_top - 20)
    _main(dr, d, w, 40, 130, margin_x - 70, notes_top - 150)
    return dr.svg()


def _notes(dr: Drawing, d: dict[str, Any], w: dict[str, str]) -> float:
    """The numbered sources along the bottom, in two columns; returns their top."""
    size, col_w = 11.0, 780.0
    lines = [ln for s in d["sources"] for ln in wrap(s, col_w, size, max_lines=2)]
    per_col = max(1, (len(lines) + 1) // 2)
    cap = 30
    more = 0
    if per_col > cap:
        more = len(lines) - 2 * cap
        lines, per_col = lines[:2 * cap], cap
    top = PAGE_H - 30 - per_col * size * 1.35 - 28
    dr.el("line", x1=40, y1=top - 4, x2=PAGE_W - 40, y2=top - 4, stroke="#999", stroke_width=1)
    dr.text(40, top + 16, w["sources"] + ("" if d["sources"] else w["colon"] + w["not_stated"]), cls="mhead")
    for i, line in enumerate(lines):
        col, row = divmod(i, per_col)
        dr.text(40 + col * (col_w + 40), top + 38 + row * size * 1.35, line, cls="note")
    if more:
        dr.text(PAGE_W - 40, PAGE_H - 12, w["more"].format(n=more), cls="note", text_anchor="end")
    return top


def _margin(dr: Drawing, d: dict[str, Any], w: dict[str, str], x: float, y: float, bottom: float) -> None:
    """Parks, posts and the legend on the right."""
    mw = PAGE_W - 40 - x
    dr.el("rect", x=x - 16, y=y - 10, width=mw + 16, height=bottom - y + 10, fill="#f7f7f7", stroke="#ccc")
    dr.text(x, y + 18, w["parks"], cls="mhead")
    y += 40
    if not d["parks"]:
        dr.text(x, y, w["not_stated"], cls="mtext none")
        y += 22
    for p in d["parks"][:12]:
        for line in wrap(("· " if not p["dashed"] else "◦ ") + p["label"] + _sup(p["cite"]), mw - 10, 13, 2):
            dr.el("text", line, x=x, y=y, cls="mtext park", data_id=p["id"])
            y += 18
    y += 14
    dr.text(x, y, w["posts"], cls="mhead")
    y += 24
    if not d["posts"] and not d["offices"]:
        dr.text(x, y, w["not_stated"], cls="mtext none")
        y += 22
    for p in d["posts"][:8]:
        holder = p["holder"] or w["not_stated"]
        for line in wrap(f"{p['role']}{w['colon']}{holder}{_sup(p['cite'])}", mw - 10, 13, 2):
            dr.el("text", line, x=x, y=y, cls="mtext post" + ("" if p["holder"] else " unstated"))
            y += 18
    for o in d["offices"][:3]:
        for line in wrap(o, mw - 10, 13, 2):
            dr.text(x, y, line, cls="mtext")
            y += 18
    y = max(y + 16, bottom - 190)
    dr.text(x, y, w["legend"], cls="mhead")
    y += 14
    dr.el("rect", x=x, y=y, width=34, height=16, fill="#fff", stroke="#2b5797", stroke_width=1.6)
    dr.text(x + 44, y + 13, w["documented"], cls="mtext")
    dr.el("rect", x=x, y=y + 26, width=34, height=16, fill="#fff", stroke="#7f8c8d", stroke_width=1.6,
          stroke_dasharray="6 4")
    for i, line in enumerate(wrap(w["editorial"], mw - 50, 13, 2)):
        dr.text(x + 44, y + 39 + i * 17, line, cls="mtext")
    dr.el("rect", x=x, y=y + 70, width=34, height=16, fill="#fdeeee", stroke="#c0392b", stroke_width=2,
          stroke_dasharray="8 5")
    dr.text(x + 44, y + 83, w["gap_legend"], cls="mtext")
    dr.el("path", d=f"M{x},{y + 112} L{x + 34},{y + 112}", cls="flow", marker_end="url(#p-ah)")
    for i, line in enumerate(wrap(w["flow"], mw - 50, 13, 2)):
        dr.text(x + 44, y + 117 + i * 17, line, cls="mtext")


def _main(dr: Drawing, d: dict[str, Any], w: dict[str, str], x0: float, y0: float, mw: float, mh: float) -> None:
    """Columns of segments with their firms, the unplaced firms below, the flows as arrows; scaled to fit."""
    ncol = max(1, len(d["columns"]))
    gap_x = 100.0
    col_w = (mw - gap_x * (ncol - 1)) / ncol
    box_h, row_h = 30.0, 38.0
    parts = Drawing(0, 0, prefix="p-")
    parts.raw('<defs><marker id="p-ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
              'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="p-arrowhead"/></marker></defs>')
    place: dict[str, tuple[float, float, float]] = {}
    bottom = y0
    for i, col in enumerate(d["columns"]):
        cx = x0 + i * (col_w + gap_x)
        parts.el("rect", x=cx, y=y0, width=col_w, height=40, rx=6, cls="col")
        parts.text(cx + col_w / 2, y0 + 28, w[col["position"] or "other"], cls="colhead", text_anchor="middle")
        if i < ncol - 1:
            ax = cx + col_w + 8
            parts.el("path", d=f"M{ax:.1f},{y0 + 12} L{ax + gap_x - 26:.1f},{y0 + 12} L{ax + gap_x - 26:.1f},{y0 + 4} "
                     f"L{ax + gap_x - 16:.1f},{y0 + 20} L{ax + gap_x - 26:.1f},{y0 + 36} L{ax + gap_x - 26:.1f},{y0 + 28} "
                     f"L{ax:.1f},{y0 + 28} z", fill="#9fb3d1")
        y = y0 + 56
        if not col["segments"]:
            parts.text(cx + 10, y + 20, w["no_firm"], cls="mtext none")
            y += 40
        for s in col["segments"]:
            prods = wrap(w["products"] + w["colon"] + ("、" if d["lang"] == "zh" else ", ").join(s["products"]), col_w - 20, 13, 3) if s["products"] else []
            name = wrap(s["label"] + _sup(s["cite"]), col_w - 20, 18, 2)
            head_h = 14 + 24 * len(name) + 17 * len(prods) + (26 if s["gap"] else 0)
            parts.open("g", cls="seg gap" if s["gap"] else "seg", data_id=s["id"])
            parts.el("rect", x=cx, y=y, width=col_w, height=head_h, rx=6, cls="head")
            ty = parts.lines(cx + 10, y + 26, name, 18, step=1.33, cls="segname")
            ty = parts.lines(cx + 10, ty - 4, prods, 13, cls="prod")
            if s["gap"]:
                parts.text(cx + 10, ty + 8, "⚠ " + w["gap"], cls="gapmark")
            parts.close("g")
            y += head_h + 10
            for f in s["firms"]:
                _firm(parts, f, cx + 12, y, col_w - 24, box_h)
                place.setdefault(f["id"], (cx + 12, y, col_w - 24))
                y += row_h
            y += 14
        bottom = max(bottom, y)
    y = bottom + 10
    if not any(s for c in d["columns"] for s in c["segments"]) and d["mode"] == "status":
        parts.text(x0, y + 10, w["nothing"], cls="mtext none")
        y += 30
    if d["unplaced"]:
        parts.text(x0, y + 18, w["unplaced"], cls="mhead")
        y += 30
        per_row = max(1, int(mw // 250))
        for k, f in enumerate(d["unplaced"]):
            r, c = divmod(k, per_row)
            fx, fy = x0 + c * 250, y + r * row_h
            _firm(parts, f, fx, fy, 236, box_h)
            place.setdefault(f["id"], (fx, fy, 236))
        y += ((len(d["unplaced"]) - 1) // per_row + 1) * row_h
    _flows(parts, d["flows"], place, box_h)
    scale = min(1.0, mh / max(1.0, y - y0))
    if scale < 1.0:  # shrink about the top-left corner so the page still holds everything
        dr.open("g", transform=f"translate({x0:.1f} {y0:.1f}) scale({scale:.3f}) translate({-x0:.1f} {-y0:.1f})")
    else:
        dr.open("g")
    for p in parts.parts:
        dr.raw(p)
    dr.close("g")


def _firm(dr: Drawing, f: dict[str, Any], x: float, y: float, fw: float, h: float) -> None:
    dr.open("g", cls="firm dashed" if f["dashed"] else "firm", data_id=f["id"])
    dr.el("title", f["label"])  # the full name on hover (the box may shorten it)
    dr.el("rect", x=x, y=y, width=fw, height=h, rx=4)
    label = wrap(f["label"], fw - 16 - width(_sup(f["cite"]), 10), 14, 1)[0] if f["label"] else f["id"]
    cite = f'<tspan class="p-cite" dx="2" dy="-5">{esc(_sup(f["cite"]))}</tspan>' if f["cite"] else ""
    dr.raw(element("text", "", x=x + 8, y=y + h / 2 + 5, cls="firmname", prefix="p-").replace("></text>", f">{esc(label)}{cite}</text>"))
    dr.close("g")


def _flows(dr: Drawing, flows: list[dict[str, Any]], place: dict[str, tuple[float, float, float]], h: float) -> None:
    """Stated flows between placed firms, one arrow per supplier -> consumer pair, materials as its label."""
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for fl in flows:
        if fl["from"] in place and fl["to"] in place:
            p = pairs.setdefault((fl["from"], fl["to"]), {"materials": [], "dashed": True, "cite": []})
            p["materials"].append(fl["material"])
            p["dashed"] = p["dashed"] and fl["dashed"]
            p["cite"] = sorted(set(p["cite"]) | set(fl["cite"]))
    taken: list[tuple[float, float, float, float]] = [(x, y, x + w, y + h) for x, y, w in place.values()]
    for (u, v), p in sorted(pairs.items()):
        (x1, y1, w1), (x2, y2, w2) = place[u], place[v]
        label = "、".join(sorted(set(p["materials"]))) + _sup(p["cite"])
        if x1 + w1 < x2:  # to the right
            sx, sy, ex, ey, bend = x1 + w1, y1 + h / 2, x2, y2 + h / 2, 40.0
            path = f"M{sx:.1f},{sy:.1f} C{sx + bend:.1f},{sy:.1f} {ex - bend:.1f},{ey:.1f} {ex:.1f},{ey:.1f}"
        elif x2 + w2 < x1:  # back to the left
            sx, sy, ex, ey, bend = x1, y1 + h - 6, x2 + w2, y2 + h - 6, 40.0
            path = f"M{sx:.1f},{sy:.1f} C{sx - bend:.1f},{sy:.1f} {ex + bend:.1f},{ey:.1f} {ex:.1f},{ey:.1f}"
        else:  # same column: round the right side
            sx, sy, ex, ey = x1 + w1, y1 + h / 2 - 4, x2 + w2, y2 + h / 2 + 4
            out = sx + 34
            path = f"M{sx:.1f},{sy:.1f} C{out:.1f},{sy:.1f} {out:.1f},{ey:.1f} {ex:.1f},{ey:.1f}"
        dr.open("g", cls="flowg", data_from=u, data_to=v)
        dr.el("path", d=path, cls="flow dashed" if p["dashed"] else "flow", marker_end="url(#p-ah)")
        lx, ly = _label_spot(sx, sy, ex, ey, width(label, 11), taken)
        dr.text(lx, ly, label, cls="flowlabel", text_anchor="middle")
        dr.close("g")


def write_panorama(kg: Any, name: str, out: Any, mode: str = "panorama", lang: str = "zh",
                   fmt: str | None = None) -> dict[str, Any]:
    """Write the chain's picture to ``out`` (.svg, .html, .png or .pdf: one A3 landscape page).

    >>> import hykg, tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     s = write_panorama(hykg.load(), "化工新材料", pathlib.Path(d) / "chem.svg", mode="status")
    >>> s["format"], s["mode"], s["segments"], s["gaps"]
    ('svg', 'status', 2, 0)
    """
    from pathlib import Path

    from .printed import write_picture

    d = panorama_data(kg, name, mode, lang)
    written = write_picture(draw(d), Path(out), d["title"], lang, fmt)
    segs = [s for c in d["columns"] for s in c["segments"]]
    return {**written, "chain": d["chain"], "mode": mode, "lang": lang, "segments": len(segs),
            "gaps": sum(1 for s in segs if s["gap"]), "firms": len({f["id"] for s in segs for f in s["firms"]}
                                                                    | {f["id"] for f in d["unplaced"]}),
            "flows": len(d["flows"]), "sources": len(d["sources"])}


def _label_spot(sx: float, sy: float, ex: float, ey: float, lw: float,
                taken: list[tuple[float, float, float, float]]) -> tuple[float, float]:
    """A baseline point for a flow label near its arrow that overlaps no box or label drawn so far.

    >>> _label_spot(0, 0, 100, 0, 20, [])
    (50.0, -4.0)
    """
    spot = ((sx + ex) / 2, (sy + ey) / 2 - 4)
    for t in (0.5, 0.35, 0.65, 0.2, 0.8):
        for dy in (-4, 12, -18, 26, -32, 40):
            x, y = sx + (ex - sx) * t, sy + (ey - sy) * (3 * t * t - 2 * t ** 3) + dy
            box = (x - lw / 2 - 2, y - 11, x + lw / 2 + 2, y + 2)
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                taken.append(box)
                return round(x, 1), round(y, 1)
    return spot
