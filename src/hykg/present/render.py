"""Render a networkx graph as one self-contained, offline HTML page (vis-network from pyvis), escaped.

The page inlines vis-network's JavaScript and CSS from the files the ``pyvis`` package bundles, so it
makes no network request (a Content-Security-Policy with ``default-src 'none'`` enforces it). Every
text that comes from the graph is escaped: headings and menus by Jinja's autoescape, node and edge
data as a JSON data block with ``<``, ``>`` and ``&`` written as ``\\u003c``..., tooltips as plain
text (vis-network sets ``innerText``), labels drawn on a canvas.

Input: any networkx graph. Node attributes used: ``label``, ``label_en``, ``type`` (a hykg class
such as ``Enterprise``), ``chains`` (chain ids, for the chain filter), ``sources`` (``{"doc",
"quote"}``), ``details`` (extra tooltip lines) and the attribute named by ``size_by``. Edge
attributes: ``status`` (documented / editorial / inferred), ``sources``, ``rationale``,
``material_label(_en)`` for material flows, ``property_label(_en)`` / ``property`` otherwise;
``undirected`` (no arrow) and ``label_always`` (labelled however many links the view has). A node's
``url`` is opened (in the top window) by double-clicking it.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("ent/a", label="甲", label_en="A", type="Enterprise")
>>> g.add_node("ent/b", label="乙", label_en="B", type="Enterprise")
>>> g.add_edge("ent/b", "ent/a", material_label="硫酸", material_label_en="sulfuric acid", status="documented")
>>> page = render(g, "demo")
>>> page.nodes, page.edges, "https://" in page.html.split("<script")[0]
(2, 1, False)
>>> page._repr_html_().startswith("<iframe srcdoc=")
True
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import math
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import HykgError, ViewTooLarge
from ..files import write_atomic
from .text import cite

#: Above this many nodes a page is refused (or aggregated by the view): the browser stays responsive.
DEFAULT_MAX_NODES = 1000
#: No page is ever drawn with more nodes than this, whatever ``max_nodes`` says.
HARD_MAX_NODES = 5000
#: The seed of vis-network's initial layout: the same graph is laid out the same way every time.
DEFAULT_SEED = 20240601
#: Relation (non-flow) edges carry a visible label only in graphs with at most this many edges.
EDGE_LABEL_LIMIT = 80
_LABEL_MAX = {"zh": 16, "en": 28}
_MAX_SOURCES = 6

# key, zh, en, colour, vis shape, hykg classes
_CATEGORIES: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    ("firm", "企业", "Enterprise", "#4e79a7", "dot", ("Enterprise",)),
    ("area", "园区", "Park or area", "#59a14f", "square",
     ("Park", "IndustrialArea", "Corridor", "CharacteristicTown", "Layout")),
    ("base", "产业基地", "Industrial base", "#8cd17d", "triangleDown", ("IndustrialBase",)),
    ("chain", "产业链与集群", "Chain or cluster", "#e15759", "diamond",
     ("IndustrialChain", "ChainSegment", "ChainScheme", "IndustrialCluster")),
    ("product", "产品与资源", "Product or resource", "#f28e2b", "triangle", ("Product",)),
    ("project", "项目", "Project", "#b07aa1", "hexagon", ("Project", "ProjectBatch")),
    ("org", "机构与人员", "Organisation or person", "#9c755f", "star",
     ("GovernmentBody", "Association", "FinancialInstitution", "AcademicInstitution", "MediaOutlet",
      "Person", "Post", "Role")),
    ("policy", "政策、目标与数据", "Policy, target or figure", "#76b7b2", "square",
     ("PolicyDocument", "Goal", "Programme", "Mechanism", "Target", "Statistic", "Recognition",
      "Achievement", "SourceDocument")),
    ("place", "地点", "Place", "#bab0ac", "dot", ("Place",)),
    ("flow", "物料流", "Material flow", "#ff9da7", "dot", ("MaterialFlow", "ParkResourceFlow", "ResourceFlow")),
    ("other", "其他", "Other", "#d3d3d3", "dot", ()),
)
_TYPE_CATEGORY = {t: c[0] for c in _CATEGORIES for t in c[5]}
_SVG = {  # legend swatches, in an 18x18 box
    "dot": "M9 2a7 7 0 1 0 0.01 0Z", "square": "M3 3h12v12H3Z", "triangle": "M9 2L16 15H2Z",
    "triangleDown": "M2 3H16L9 16Z", "diamond": "M9 1L17 9L9 17L1 9Z", "star": "M9 1l2.2 5.3 5.8.4-4.4 3.8 1.4 5.6L9 13.2 4 16.1l1.4-5.6L1 6.7l5.8-.4Z",
    "hexagon": "M5 2h8l4 7-4 7H5L1 9Z",
}

# key, zh, en, vis dashes, svg dasharray, colour, help zh, help en
_STATUSES: tuple[tuple[str, str, str, Any, str, str, str, str], ...] = (
    ("documented", "有出处", "documented", False, "", "#333333", "实线：来源文件明确记载", "solid: a source document states it"),
    ("editorial", "编辑补充", "editorial", [2, 5], "2,4", "#333333", "点线：编辑依常识补充（附理由）", "dotted: curator knowledge, with a rationale"),
    ("inferred", "推断", "inferred", [10, 6], "8,5", "#333333", "虚线：hykg 计算推断", "dashed: computed by hykg"),
    ("unknown", "无陈述记录", "no statement", False, "", "#bbbbbb", "浅灰：图中无此陈述的出处记录（如查询构造）", "light grey: no provenance record (e.g. built by a query)"),
)
_STATUS = {s[0]: s for s in _STATUSES}
_FLOW_COLOR = "#e8772e"

_TEXT = {
    "zh": {
        "search": "搜索", "search_hint": "名称、英文名或编号", "type": "类型", "chain": "产业链", "status": "依据",
        "all": "全部", "physics": "物理布局", "fit": "适应窗口", "reset": "重置", "legend": "图例",
        "arrows": "箭头表示方向；橙色连线为物料供应，标注物料名称。",
        "tooltips": "悬停节点或连线可看依据与出处。",
        "layout": "正在布局…", "noscript": "此页面需要启用 JavaScript。",
        "counts": "{n} 个节点，{m} 条连线",
        "shown": "显示 {n}/{N} 个节点，{m}/{M} 条连线", "matches": "{n} 个匹配",
        "size": "节点大小：{what}。", "degree": "本图中的连线数",
        "sources": "出处", "rationale": "理由", "chains": "产业链", "id": "编号",
    },
    "en": {
        "search": "Search", "search_hint": "name, Chinese name or id", "type": "Type", "chain": "Chain", "status": "Basis",
        "all": "all", "physics": "physics", "fit": "fit", "reset": "reset", "legend": "Legend",
        "arrows": "Arrows show direction; orange links are material supply, labelled with the material.",
        "tooltips": "Hover a node or link for its basis and sources.",
        "layout": "laying out…", "noscript": "This page needs JavaScript.",
        "counts": "{n} nodes, {m} links",
        "shown": "showing {n}/{N} nodes, {m}/{M} links", "matches": "{n} matches",
        "size": "Node size: {what}.", "degree": "number of links in this view",
        "sources": "sources", "rationale": "rationale", "chains": "chains", "id": "id",
    },
}


@dataclass
class Page:
    """A rendered page: the HTML text and what it shows. Displays inline in Jupyter.

    >>> import networkx as nx
    >>> p = render(nx.Graph([("a", "b")]), "t")
    >>> (p.nodes, p.edges, p.view)
    (2, 1, 'graph')
    """

    html: str = field(repr=False)
    title: str
    view: str
    nodes: int
    edges: int
    notes: list[str] = field(default_factory=list)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the page (UTF-8) atomically, readable by others as any new file; returns the path."""
        return write_atomic(Path(path), self.html)

    def _repr_html_(self) -> str:
        """An iframe whose ``srcdoc`` is the page (sandboxed: scripts only, no same-origin access)."""
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'title="{html.escape(self.title, quote=True)}" '
                'style="width:100%;height:640px;border:1px solid #ddd"></iframe>')

    def summary(self) -> dict[str, Any]:
        """What the page shows, as JSON-ready data."""
        return {"view": self.view, "title": self.title, "nodes": self.nodes, "edges": self.edges,
                "notes": self.notes, "bytes": len(self.html.encode("utf-8"))}


# ---------------------------------------------------------------------------------- assets
@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network (from pyvis's bundled lib/) and the page's own template, CSS and script."""
    vis = resources.files("pyvis") / "lib" / "vis-9.1.2"
    own = resources.files("hykg.present") / "templates"
    assets = {
        "vis_js": (vis / "vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": (vis / "vis-network.css").read_text(encoding="utf-8"),
        "page_js": (own / "graph.js").read_text(encoding="utf-8"),
        "page_css": (own / "graph.css").read_text(encoding="utf-8"),
        "template": (own / "graph.html").read_text(encoding="utf-8"),
    }
    for key in ("vis_js", "vis_css", "page_js", "page_css"):
        low = assets[key].lower()
        if "</script" in low or "</style" in low or "<!--" in low:
            raise RuntimeError(f"asset {key} cannot be inlined safely")
    return assets


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.from_string(_assets()["template"])


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script type="application/json">`` element.

    >>> json_for_script({"label": "</script><b>&"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


# ---------------------------------------------------------------------------------- graph -> data
def category(node_type: str) -> str:
    """The legend category of a hykg class name (``Enterprise`` or ``hykg:Enterprise``).

    >>> category("hykg:Park"), category("Statistic"), category("Nope")
    ('area', 'policy', 'other')
    """
    return _TYPE_CATEGORY.get(str(node_type).rsplit(":", 1)[-1].rsplit("#", 1)[-1], "other")


def _short(label: str, lang: str) -> str:
    limit = _LABEL_MAX[lang]
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _name(attrs: dict[str, Any], node: str, lang: str) -> str:
    zh, en = str(attrs.get("label") or ""), str(attrs.get("label_en") or "")
    return (en or zh if lang == "en" else zh or en) or str(node)


def _source_lines(sources: Any, t: dict[str, str]) -> list[str]:
    items = [s for s in (sources or []) if isinstance(s, dict)]
    lines = ["  " + cite(s, short=False) for s in items[:_MAX_SOURCES]]
    if len(items) > _MAX_SOURCES:
        lines.append(f"  … (+{len(items) - _MAX_SOURCES})")
    return [t["sources"] + ":"] + lines if lines else []


def _is_flow(a: dict[str, Any]) -> bool:
    return bool(a.get("material_label") or a.get("material_label_en") or a.get("materials"))


def _edge_name(a: dict[str, Any], lang: str) -> str:
    keys: tuple[str, ...]
    if _is_flow(a):
        keys = ("material_label_en", "material_label") if lang == "en" else ("material_label", "material_label_en")
    else:
        keys = ("property_label_en", "property_label", "property") if lang == "en" else ("property_label", "property_label_en", "property")
    name = next((str(a[k]) for k in keys if a.get(k)), "")
    if a.get("count") and int(a["count"]) > 1:
        name += f" ×{int(a['count'])}"
    return name


def _status_key(a: dict[str, Any]) -> str:
    s = str(a.get("status") or "unknown")
    return s if s in _STATUS else "unknown"


def _graph_data(graph: Any, lang: str, size_by: str | None, chain_names: dict[str, str]) -> dict[str, Any]:
    t = _TEXT[lang]
    cat_names = {c[0]: (c[1] if lang == "zh" else c[2]) for c in _CATEGORIES}
    cat_style = {c[0]: (c[3], c[4]) for c in _CATEGORIES}
    directed = graph.is_directed()
    names = {n: _name(a, n, lang) for n, a in graph.nodes(data=True)}

    # edges: parallel edges of one direction, kind and status are merged into one drawn link
    groups: dict[tuple[str, str, str, bool], list[dict[str, Any]]] = {}
    for u, v, a in graph.edges(data=True):
        u, v = str(u), str(v)
        if not directed and v < u:
            u, v = v, u
        groups.setdefault((u, v, _status_key(a), _is_flow(a)), []).append(a)
    show_relation_labels = len(groups) <= EDGE_LABEL_LIMIT
    edges = []
    for i, ((u, v, status, flow), items) in enumerate(sorted(groups.items())):
        st = _STATUS[status]
        labels = sorted({_edge_name(a, lang) for a in items} - {""})
        title = [f"{names.get(u, u)} {'→' if directed else '—'} {names.get(v, v)}"]
        for a in sorted(items, key=lambda a: _edge_name(a, lang)):
            title.append(f"{_edge_name(a, lang) or '—'} · {st[1] if lang == 'zh' else st[2]}")
            title += _source_lines(a.get("sources"), t)
            title += [f"{t['rationale']}: {r}" for r in (a.get("rationale") or [])[:3]]
        sep = "、" if lang == "zh" else ", "
        edges.append({
            "id": f"e{i}", "from": u, "to": v, "status": status, "flow": flow,
            "label": sep.join(labels) if (flow or show_relation_labels or any(a.get("label_always") for a in items)) else "",
            "title": "\n".join(title),
            "dashes": st[3],
            "color": {"color": _FLOW_COLOR if flow and status != "unknown" else st[5], "opacity": 1.0},
            "width": (2.5 if flow else 1.2) + min(2.0, math.log2(len(items))),
            "arrows": {"to": {"enabled": directed and not all(a.get("undirected") for a in items), "scaleFactor": 0.6}},
        })

    degree: dict[str, int] = {}
    for e in edges:
        degree[e["from"]] = degree.get(e["from"], 0) + 1
        degree[e["to"]] = degree.get(e["to"], 0) + 1
    nodes = []
    for n, a in sorted(graph.nodes(data=True), key=lambda x: str(x[0])):
        nid = str(n)
        cat = category(str(a.get("type") or ""))
        color, shape = cat_style[cat]
        measure = float(a.get(size_by) or 0) if size_by else float(degree.get(nid, 0))
        zh, en = str(a.get("label") or ""), str(a.get("label_en") or "")
        title = [names[n]] + ([zh if lang == "en" else en] if (zh if lang == "en" else en) not in ("", names[n]) else [])
        title.append(f"{t['id']}: {nid} · {cat_names[cat]}" + (f" ({str(a['type']).rsplit(':', 1)[-1]})" if a.get("type") else ""))
        chains = [str(c) for c in (a.get("chains") or [])]
        if str(a.get("type") or "").rsplit(":", 1)[-1] == "IndustrialChain" and nid not in chains:
            chains.append(nid)  # a chain is on itself: the chain filter keeps it
        if chains:
            title.append(f"{t['chains']}: " + ", ".join(chain_names.get(c, c) for c in chains))
        title += [str(d) for d in (a.get("details") or [])]
        title += _source_lines(a.get("sources"), t)
        nodes.append({
            "id": nid, "label": _short(names[n], lang), "title": "\n".join(title), "cat": cat,
            "shape": shape, "color": {"background": color, "border": "#333333",
                                      "highlight": {"background": color, "border": "#000000"}},
            "size": round(min(60.0, 8 + 5 * math.sqrt(max(measure, 0.0))), 2),
            "chains": chains, "search": " ".join([nid, zh, en]).lower(), "measure": measure,
        })
        if a.get("depth") == 0:
            nodes[-1]["borderWidth"] = 3
        if a.get("url"):  # double-click opens the node's own page (the explorer's overview)
            nodes[-1]["url"] = str(a["url"])
    return {"nodes": nodes, "edges": edges}


def _options(n_nodes: int, n_edges: int, directed: bool, seed: int) -> dict[str, Any]:
    big = n_nodes > 300
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": n_nodes <= 100},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "Noto Sans CJK SC, WenQuanYi Micro Hei, Microsoft YaHei, sans-serif",
                                              "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False if big else {"enabled": True, "type": "curvedCW", "roundness": 0.12},
                  "font": {"size": 11, "align": "horizontal", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "arrows": {"to": {"enabled": directed, "scaleFactor": 0.6}}},
        "physics": {
            "enabled": n_nodes > 1,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "centralGravity": 0.01, "springLength": 110,
                                 "springConstant": 0.08, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 160 if big else 600, "updateInterval": 20, "fit": True},
            "timestep": 0.5, "minVelocity": 1.0,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "keyboard": False,
                        "multiselect": True},
    }


def render(graph: Any, title: str, *, lang: str = "zh", subtitle: str = "", view: str = "graph",
           notes: list[str] | tuple[str, ...] = (), size_by: str | None = None, size_label: tuple[str, str] | None = None,
           chain_names: dict[str, tuple[str, str]] | None = None, seed: int = DEFAULT_SEED,
           max_nodes: int = DEFAULT_MAX_NODES) -> Page:
    """One self-contained HTML page drawing ``graph`` (see the module docstring for attributes).

    ``size_by`` names a numeric node attribute for node size (described by ``size_label`` (zh, en));
    the default is the number of links in the view. ``chain_names`` maps chain ids to (zh, en)
    labels for the chain filter. More than ``max_nodes`` nodes raises :class:`ViewTooLarge`.
    """
    if lang not in _TEXT:
        raise HykgError(f"unknown language {lang!r}; use zh or en")
    n = graph.number_of_nodes()
    limit = min(max_nodes, HARD_MAX_NODES)
    if n > limit:
        raise ViewTooLarge(
            f"this view has {n} nodes, above the limit of {limit}: narrow it (a smaller --depth, a chain or park "
            "view, the supply or parks view, or a --query that selects less)"
            + ("" if limit >= HARD_MAX_NODES else f", or raise --max-nodes (at most {HARD_MAX_NODES})"))
    t = _TEXT[lang]
    names = {k: (v[1] if lang == "en" and v[1] else v[0]) for k, v in (chain_names or {}).items()}
    for node, a in graph.nodes(data=True):  # chains drawn in the view name themselves
        if category(str(a.get("type") or "")) == "chain":
            names.setdefault(str(node), _name(a, node, lang))
    data = _graph_data(graph, lang, size_by, names)
    nodes, edges = data["nodes"], data["edges"]
    cat_count: dict[str, int] = {}
    for nd in nodes:
        cat_count[nd["cat"]] = cat_count.get(nd["cat"], 0) + 1
    st_count: dict[str, int] = {}
    for e in edges:
        st_count[e["status"]] = st_count.get(e["status"], 0) + 1
    categories = [{"key": c[0], "name": c[1] if lang == "zh" else c[2], "color": c[3], "count": cat_count[c[0]],
                   "path": _SVG[c[4]]} for c in _CATEGORIES if c[0] in cat_count]
    statuses = [{"key": s[0], "name": s[1] if lang == "zh" else s[2], "dasharray": s[4], "color": s[5],
                 "count": st_count[s[0]], "help": s[6] if lang == "zh" else s[7]} for s in _STATUSES if s[0] in st_count]
    chain_ids = sorted({c for nd in nodes for c in nd["chains"]}, key=lambda c: (names.get(c, c), c))
    what = (size_label[0] if lang == "zh" else size_label[1]) if size_label else t["degree"]
    assets = _assets()
    payload = {"nodes": nodes, "edges": edges, "options": _options(len(nodes), len(edges), graph.is_directed(), seed),
               "text": {k: t[k] for k in ("shown", "matches", "layout")}}
    from .. import __version__

    ui = dict(t)
    ui["counts"] = t["counts"].format(n=len(nodes), m=len(edges))
    ui["size"] = t["size"].format(what=what)
    csp = ("default-src 'none'; script-src " + _sha256(assets["vis_js"]) + " " + _sha256(assets["page_js"])
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    page = _template().render(
        html_lang="zh-CN" if lang == "zh" else "en", csp=csp, version=__version__, title=title, subtitle=subtitle,
        view=view, n_nodes=len(nodes), n_edges=len(edges), notes=list(notes), t=ui, categories=categories,
        statuses=statuses, chains=[{"id": c, "name": names.get(c, c)} for c in chain_ids],
        data_json=json_for_script(payload), vis_js=assets["vis_js"], vis_css=assets["vis_css"],
        page_js=assets["page_js"], page_css=assets["page_css"],  # |safe in the template: checked in _assets
    )
    return Page(html=page, title=title, view=view, nodes=len(nodes), edges=len(edges), notes=list(notes))
