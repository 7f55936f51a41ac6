"""Targets drawn: each target with its latest actual as a progress bar (value, due year, the gap), as SVG.

Input: :func:`hykg.query.targets.targets`. A target with a number and an actual in its unit gets a
filled bar (actual / target; for an upper limit "≤", the actual against a marker at the limit); a
target with no statistic, or one whose value or actual is words, gets an empty bar saying so. The
SVG uses presentation attributes only (no <style>), so pages with a strict CSP can inline it.

>>> svg = targets_svg([{"target": {"id": "target/x", "label": "高新技术企业<数量>", "label_en": "Hi-tech firms",
...     "value": "800", "unit": "家", "due": "2025", "qualifier": "", "sources": []},
...     "actuals": [{"id": "stat/y", "value": "420", "unit": "家", "period": "2020", "sources": []}],
...     "latest": "stat/y", "progress": {"gap": 380.0, "share": 0.525, "reached": False, "text": ""}}])
>>> "高新技术企业&lt;数量&gt;" in svg and "52.5%" in svg and "差 380家" in svg
True
"""

from __future__ import annotations

from typing import Any

from .svg import Drawing, width, wrap

WORDS = {
    "zh": {"title": "目标与最新实际值", "due": "{y}年到期", "no_due": "期限未说明", "none": "无统计数据衡量该指标",
           "words": "目标或实际值为文字，未画进度", "unit": "单位不同，未换算", "gap": "差 {g}", "reached": "已达到",
           "below": "≤ {v}（上限）", "lower": "需再降 {g}", "actual": "实际 {v}（{p}）", "sources": "来源",
           "legend": "蓝色：最新实际值占目标的比例；灰色：尚差部分；红线：上限目标", "doc": "文件", "colon": "："},
    "en": {"title": "Targets and the latest actuals", "due": "due {y}", "no_due": "due year not stated",
           "none": "no statistic measures this indicator", "words": "target or actual in words: no progress drawn",
           "unit": "different units, not converted", "gap": "{g} to go", "reached": "reached", "below": "≤ {v} (a limit)",
           "lower": "{g} above the limit", "actual": "actual {v} ({p})", "sources": "Sources",
           "legend": "blue: the latest actual as a share of the target; grey: what is still missing; red line: a limit",
           "doc": "document", "colon": ": "},
}
W, LEFT, BAR_X, BAR_W, ROW = 1200, 24, 470, 420, 46


def _num(text: Any) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def bar(item: dict[str, Any], lang: str = "zh") -> dict[str, Any]:
    """What one target's bar shows: ``kind`` (progress, limit, none, words, unit), ``share`` (0..1, drawn
    capped at 1), ``marker`` (the limit's place on the bar), and its ``text``.

    >>> bar({"target": {"value": "3", "unit": "%", "due": "2025", "qualifier": ""}, "latest": "s",
    ...      "actuals": [{"id": "s", "value": "2", "unit": "%", "period": "2023"}], "progress": None})["text"]
    '实际 2%（2023） · 66.7% · 差 1%'
    """
    w = WORDS[lang]
    t = item["target"]
    a = next((x for x in item["actuals"] if x["id"] == item["latest"]), None)
    tv, av = _num(t.get("value")), _num(a.get("value")) if a else None
    unit = t.get("unit") or ""
    if a is None:
        return {"kind": "none", "share": 0.0, "text": w["none"]}
    actual = w["actual"].format(v=f"{a['value']}{a.get('unit') or ''}", p=a.get("period") or "?")
    if tv is None or av is None or not tv:
        return {"kind": "words", "share": 0.0, "text": f"{actual} · {w['words']}"}
    if (a.get("unit") or "") != unit:
        return {"kind": "unit", "share": 0.0, "text": f"{actual} · {w['unit']}"}
    if t.get("qualifier") in ("below", "max"):
        top = max(av, tv) * 1.25
        done = av <= tv
        return {"kind": "limit", "share": av / top, "marker": tv / top,
                "text": f"{actual} · {w['below'].format(v=_fmt(tv) + unit)} · "
                        + (w["reached"] if done else w["lower"].format(g=_fmt(av - tv) + unit))}
    share = av / tv
    return {"kind": "progress", "share": share,
            "text": f"{actual} · {share * 100:.1f}% · " + (w["reached"] if av >= tv else w["gap"].format(g=_fmt(tv - av) + unit))}


def targets_svg(items: list[dict[str, Any]], lang: str = "zh", title: str | None = None) -> str:
    """The targets as progress bars (those with an actual first), sources as numbered notes."""
    from .report import Citations

    w = WORDS[lang]
    en = lang == "en"
    ordered = sorted(items, key=lambda i: (i["latest"] is None, i["target"]["id"]))
    cites = Citations({})
    rows = []
    for it in ordered:
        t = it["target"]
        a = next((x for x in it["actuals"] if x["id"] == it["latest"]), None)
        nums = cites.cite({"sources": t.get("sources", [])}) + (cites.cite({"sources": a.get("sources", [])}) if a else [])
        rows.append({"id": t["id"], "label": (t.get("label_en") if en else t.get("label")) or t.get("label") or t["id"],
                     "value": f"{t.get('value', '')}{t.get('unit', '')}", "cite": sorted(set(nums)),
                     "due": w["due"].format(y=t["due"]) if t.get("due") else w["no_due"], **bar(it, lang)})
    notes = [f"[{s['n']}] {w['doc']} {s['doc'][:3]}{w['colon']}“{s['quote']}”" for s in cites.items]
    note_lines = [ln for n in notes for ln in wrap(n, W - 2 * LEFT, 11, 2)]
    top = 70
    h = top + len(rows) * ROW + 40 + len(note_lines) * 15 + 20
    d = Drawing(W, h, label=title or w["title"])
    d.el("rect", x=0, y=0, width=W, height=h, fill="#ffffff")
    d.text(LEFT, 32, title or w["title"], font_size=22, font_weight="bold", fill="#1d2433")
    d.text(LEFT, 54, w["legend"], font_size=12, fill="#5b6475")
    for i, r in enumerate(rows):
        y = top + i * ROW
        d.open("g", data_id=r["id"], data_kind=r["kind"])
        sup = f" [{','.join(str(n) for n in r['cite'])}]" if r["cite"] else ""
        label = wrap(r["label"], BAR_X - LEFT - 20 - width(sup, 14), 14, 1)[0] + sup
        d.text(LEFT, y + 18, label, font_size=14, fill="#1d2433")
        d.text(LEFT, y + 36, f"{r['value']} · {r['due']}", font_size=12, fill="#5b6475")
        d.el("rect", x=BAR_X, y=y + 6, width=BAR_W, height=16, rx=3, fill="#e6e9ef")
        if r["kind"] in ("progress", "limit"):
            fill_w = BAR_W * min(1.0, max(0.0, r["share"]))
            d.el("rect", x=BAR_X, y=y + 6, width=round(fill_w, 1), height=16, rx=3,
                 fill="#2f9e44" if r["kind"] == "progress" and r["share"] >= 1 else "#1f5fa8", cls="done")
        if r["kind"] == "limit":
            mx = BAR_X + BAR_W * r["marker"]
            d.el("line", x1=round(mx, 1), y1=y + 2, x2=round(mx, 1), y2=y + 26, stroke="#b42318", stroke_width=2)
        if r["kind"] == "progress":
            d.text(BAR_X + BAR_W + 10, y + 19, f"{min(r['share'], 9.99) * 100:.1f}%", font_size=13,
                   font_weight="bold", fill="#1d2433")
        d.text(BAR_X, y + 38, wrap(r["text"], W - BAR_X - LEFT, 12, 1)[0], font_size=12,
               fill="#5b6475" if r["kind"] in ("none", "words", "unit") else "#1d2433")
        d.close("g")
    y = top + len(rows) * ROW + 20
    if note_lines:
        d.text(LEFT, y, w["sources"], font_size=14, font_weight="bold", fill="#1d2433")
        for j, line in enumerate(note_lines):
            d.text(LEFT, y + 20 + j * 15, line, font_size=11, fill="#333333")
    return d.svg()
