"""A chain's development report as a page: the chain map (inline SVG), HTML and Markdown, written atomically."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..query.provenance import rank
from .report import chain_report


# ---------------------------------------------------------------------- the chain map (inline SVG)
def chain_map(report: dict[str, Any]) -> dict[str, Any]:
    """Boxes and arrows of the chain map: segments as columns (upstream to downstream), their firms
    below, stated flows between the firms as arrows. Deterministic; every label escaped by the template.

    >>> m = chain_map({"segments": [{"segment": {"id": "s", "label": "上游"}, "position": "upstream", "gap": True,
    ...                              "firms": [], "products": ["硫"]}], "flows": []})
    >>> m["columns"][0]["gap"], m["width"] > 0
    (True, True)
    """
    col_w, box_w, top, row_h, left = 290, 180, 86, 54, 90
    columns: list[dict[str, Any]] = []
    place: dict[str, tuple[int, int]] = {}
    for i, s in enumerate(report["segments"]):
        x = left + i * col_w
        firms: list[dict[str, Any]] = []
        for f in s["firms"]:
            fid = f["entity"]["id"]
            if fid in place:
                continue
            y = top + len(firms) * row_h
            place[fid] = (x, y)
            firms.append({"id": fid, "label": f["entity"]["label"], "x": x, "y": y, "status": f["status"]})
        columns.append({"x": x, "label": s["segment"]["label"], "position": s["position"] or "",
                        "products": "、".join(s["products"][:6]), "gap": s["gap"], "firms": firms})
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for fl in report["flows"]:
        if fl["supplier"] in place and fl["consumer"] in place and fl["supplier"] != fl["consumer"]:
            pair = pairs.setdefault((fl["supplier"], fl["consumer"]), {"materials": [], "status": "documented"})
            pair["materials"].append(fl["material"])
            if rank(fl["status"]) > rank(pair["status"]):
                pair["status"] = fl["status"]
    arrows = []
    for (u, v), pair in sorted(pairs.items()):
        (x1, y1), (x2, y2) = place[u], place[v]
        label = "、".join(sorted(set(pair["materials"])))
        if x1 < x2:  # downstream: right edge to left edge, label above the line
            d = f"M{x1 + box_w},{y1 + 11} C{x1 + box_w + 40},{y1 + 11} {x2 - 40},{y2 + 11} {x2},{y2 + 11}"
            lx, ly, anchor = (x1 + box_w + x2) // 2, (y1 + y2) // 2 + 7, "middle"
        elif x1 > x2:  # upstream (a loop back): left edge to right edge, label below the line
            d = f"M{x1},{y1 + 25} C{x1 - 40},{y1 + 25} {x2 + box_w + 40},{y2 + 25} {x2 + box_w},{y2 + 25}"
            lx, ly, anchor = (x2 + box_w + x1) // 2, (y1 + y2) // 2 + 40, "middle"
        else:  # the same segment: round the left side
            d = f"M{x1},{y1 + 17} C{x1 - 50},{y1 + 17} {x2 - 50},{y2 + 17} {x2},{y2 + 17}"
            lx, ly, anchor = x1 - 42, (y1 + y2) // 2 + 21, "end"
        arrows.append({"d": d, "label": label, "lx": lx, "ly": ly, "anchor": anchor, "status": pair["status"],
                       "title": f"{label} ({pair['status']})"})
    rows = max((len(c["firms"]) for c in columns), default=0)
    return {"width": max(left + len(columns) * col_w, 300), "height": top + max(rows, 1) * row_h + 24,
            "box_w": box_w, "columns": columns, "arrows": arrows}


# ---------------------------------------------------------------------- rendering and writing
@functools.lru_cache(maxsize=8)
def _env(autoescape: bool, lang: str = "zh") -> Any:
    """The report templates' environment, one per (escaping, language): jinja compiles each template
    once per environment, so building it per report compiled every template for every report."""
    import jinja2

    from .report_text import value, words

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates" / "report")),
                             autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = md_cell
    t = words(lang)
    env.globals.update(t=t, v=lambda kind, x: value(t, kind, x), lang=lang)
    return env


def md_cell(value: Any) -> str:
    r"""Text safe inside a Markdown table cell or line: pipes, HTML and line breaks neutralised.

    >>> md_cell("a|b <i>\nc")
    'a\\|b &lt;i&gt; c'
    """
    text = "" if value is None else str(value)
    for a, b in (("\\", "\\\\"), ("|", "\\|"), ("<", "&lt;"), (">", "&gt;"), ("\r", " "), ("\n", " "),
                 ("*", "\\*"), ("_", "\\_"), ("`", "\\`"), ("[", "\\["), ("]", "\\]")):
        text = text.replace(a, b)
    return text


def _localised(report: dict[str, Any]) -> dict[str, Any]:
    from .report_text import localise_sources

    return {**report, "sources": localise_sources(report["sources"])}


def render_html(report: dict[str, Any], lang: str = "zh", template: str = "chain", panorama: str = "",
                target_bars: str = "") -> str:
    """The report as one self-contained HTML page in ``lang`` (zh, en): inline CSS and SVG, no script,
    every string escaped; ``panorama`` the chain's panorama SVG (:mod:`hykg.present.panorama`) shown in
    the chain map section, ``target_bars`` its targets drawn (:mod:`hykg.present.targetbars`) in the
    targets section (both escaped where they are drawn)."""
    m = chain_map(report) if "segments" in report and "flows" in report else {}
    return str(_env(True, lang).get_template(f"{template}.html.j2").render(r=_localised(report), m=m,
                                                                            panorama=panorama, target_bars=target_bars))


def _pictures(kg: Any, report: dict[str, Any], lang: str) -> tuple[str, str]:
    """The chain's panorama SVG ("" unless an industrial chain with segments) and its targets drawn
    ("" without targets: `hykg targets CHAIN`) for its report."""
    from ..errors import HykgError
    from ..query.targets import targets
    from .panorama import panorama_svg
    from .targetbars import targets_svg

    panorama, bars = "", ""
    try:
        if report.get("segments"):
            panorama = panorama_svg(kg, report["chain"]["id"], "panorama", lang)
        items = targets(kg, report["chain"]["id"])
        bars = targets_svg(items, lang) if items else ""
    except HykgError:
        pass
    return panorama, bars


def render_markdown(report: dict[str, Any], lang: str = "zh", template: str = "chain") -> str:
    """The report as Markdown in ``lang`` (tables; sources as numbered notes)."""
    return str(_env(False, lang).get_template(f"{template}.md.j2").render(r=_localised(report)))


def write_chain_report(kg: Any, name: str, out: Path | str, fmt: str | None = None, lang: str = "zh",
                       kind: str = "chain") -> dict[str, Any]:
    """Write the report of chain ``name`` to ``out``: HTML, or Markdown for ``.md`` (or ``fmt``), in
    ``lang`` (Chinese by default); ``kind`` chain (发展报告) or promotion (招商报告).

    >>> import hykg, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     s = write_chain_report(hykg.load(), "化工新材料", Path(d) / "chem.md")
    >>> s["format"], s["chain"]["label"]
    ('md', '化工新材料')
    """
    from ..errors import DataError
    from ..files import write_atomic

    out = Path(out)
    fmt = fmt or ("md" if out.suffix.lower() in (".md", ".markdown") else "html")
    if fmt not in ("html", "md"):
        raise DataError(f"{out}: unknown report format {fmt!r} (html or md)")
    if kind == "promotion":
        from .promotion import promotion_report

        report = promotion_report(kg, name)
    else:
        report = chain_report(kg, name)
    if fmt == "html":
        pictures = _pictures(kg, report, lang) if kind == "chain" else ("", "")
        text = render_html(report, lang, kind, panorama=pictures[0], target_bars=pictures[1])
    else:
        text = render_markdown(report, lang, kind)
    try:
        write_atomic(out, text.encode("utf-8"))
    except OSError as exc:
        raise DataError(f"{out}: cannot write the report ({exc.strerror})") from exc
    if kind == "promotion":
        return {"out": str(out), "format": fmt, "lang": lang, "kind": kind, "chain": report["chain"],
                "sources": len(report["sources"]), "gaps": len(report["gaps"]),
                "candidates": sum(len(g["candidates"]) for g in report["gaps"]), "projects": len(report["projects"])}
    return {"out": str(out), "format": fmt, "lang": lang, "kind": kind, "chain": report["chain"], "sources": len(report["sources"]),
            "firms": len({f["entity"]["id"] for s in report["segments"] for f in s["firms"]}
                         | {m["id"] for m in report["members"] if m["type"] == "Enterprise"}),
            "projects": len(report["projects"]), "targets": len(report["figures"]["targets"])}
