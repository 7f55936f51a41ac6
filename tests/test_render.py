"""hykg.present.render: self-contained pages, escaping, the visual language, limits, Jupyter display."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from hykg.present.render import DEFAULT_SEED, HARD_MAX_NODES, Page, ViewTooLarge, category, json_for_script, render

HOSTILE = "</script><img src=x onerror=alert(1)>"
HOSTILE_FLAG = '<img src=x onerror="window.__hykg_pwned=1">'


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(page: str) -> _Elements:
    p = _Elements()
    p.feed(page)
    return p


def page_data(page: str) -> dict:
    """The JSON data block of a page, decoded."""
    m = re.search(r'<script type="application/json" id="hykg-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("ent/evil", label=HOSTILE, label_en=HOSTILE_FLAG, type="Enterprise", chains=["chain/evil"])
    g.add_node("ent/b", label="乙", label_en="B", type="Enterprise")
    g.add_node("chain/evil", label=HOSTILE_FLAG, label_en=HOSTILE, type="IndustrialChain")
    g.add_edge("ent/b", "ent/evil", material_label=HOSTILE, material_label_en=HOSTILE_FLAG, status="documented",
               sources=[{"doc": "t1", "quote": HOSTILE_FLAG}])
    g.add_edge("ent/evil", "chain/evil", property_label=HOSTILE, status="editorial", rationale=[HOSTILE])
    return g


def supply_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, zh, en, t in (("ent/a", "甲", "A", "Enterprise"), ("ent/b", "乙", "B", "Enterprise"),
                         ("park/p", "园", "P", "Park"), ("mat/x", "硫酸", "sulfuric acid", "Product")):
        g.add_node(n, label=zh, label_en=en, type=t)
    g.add_edge("ent/b", "ent/a", key="f1", material_label="硫酸", material_label_en="sulfuric acid", status="documented",
               sources=[{"doc": "000", "quote": "生产的硫酸"}])
    g.add_edge("ent/b", "ent/a", key="f2", material_label="盐酸", material_label_en="hydrochloric acid", status="documented")
    g.add_edge("ent/a", "ent/b", key="f3", material_label="烧碱", material_label_en="caustic soda", status="editorial",
               rationale=["common practice"])
    g.add_edge("ent/a", "park/p", key="hykg:inPark", property_label="所在园区", property_label_en="in park", status="inferred")
    g.add_edge("ent/a", "mat/x", key="hykg:makes", property_label="生产", property_label_en="makes")
    return g


# ------------------------------------------------------------------------------ self-contained
def test_page_is_self_contained_with_a_strict_policy() -> None:
    page = render(supply_graph(), "供应").html
    doc = parse(page)
    assert not [t for t, a in doc.tags if t in ("link", "iframe", "img", "object", "embed")]
    assert not [a for t, a in doc.tags if t == "script" and "src" in a]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    csp = next(a["content"] for t, a in doc.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    # vis-network is inlined from pyvis's bundle, and the policy allows exactly the two inline scripts
    assert "vis-network" in page and "@version 9.1.2" in page
    code = [s for s, (t, a) in zip(doc.scripts, [x for x in doc.tags if x[0] == "script"], strict=True)
            if a.get("type") != "application/json"]
    assert len(code) == 2 and csp.count("'sha256-") == 2


def test_same_graph_gives_byte_identical_pages_and_the_seed_is_in_the_layout() -> None:
    a, b = render(supply_graph(), "t").html, render(supply_graph(), "t").html
    assert a == b
    assert page_data(a)["options"]["layout"]["randomSeed"] == DEFAULT_SEED
    assert page_data(render(supply_graph(), "t", seed=7).html)["options"]["layout"]["randomSeed"] == 7


# ------------------------------------------------------------------------------ escaping
def test_hostile_text_never_reaches_the_markup_raw() -> None:
    page = render(hostile_graph(), HOSTILE, subtitle=HOSTILE_FLAG, notes=[HOSTILE]).html
    assert HOSTILE not in page and HOSTILE_FLAG not in page
    doc = parse(page)
    assert not [t for t, _ in doc.tags if t == "img"]
    assert not [(t, k) for t, a in doc.tags for k in a if k.startswith("on")]
    assert len(doc.scripts) == 3  # the data block, vis-network, the page script: nothing injected
    assert f"<h1 id=\"heading\">{html.escape(HOSTILE, quote=False)}</h1>" in page
    flag = html.escape(HOSTILE_FLAG).replace("&quot;", "&#34;")  # Jinja writes quotes as &#34;
    assert f'<option value="chain/evil">{flag}</option>' in page


def test_hostile_text_is_carried_as_plain_text_data() -> None:
    data = page_data(render(hostile_graph(), "t").html)
    evil = next(n for n in data["nodes"] if n["id"] == "ent/evil")
    assert evil["label"].startswith("</script><img")  # drawn on the canvas as text (shortened)
    assert HOSTILE in evil["title"] and HOSTILE_FLAG in evil["title"]  # tooltips are plain strings
    flow = next(e for e in data["edges"] if e["flow"])
    assert flow["label"] == HOSTILE and HOSTILE_FLAG in flow["title"]


def test_json_for_script_escapes_markup_and_line_separators() -> None:
    text = json_for_script({"x": "</script>&<!--\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script>&<!--\u2028"}


# ------------------------------------------------------------------------------ visual language
def test_links_show_status_by_dash_and_material_on_supply() -> None:
    data = page_data(render(supply_graph(), "t").html)
    edges = {(e["from"], e["to"], e["status"]): e for e in data["edges"]}
    documented = edges[("ent/b", "ent/a", "documented")]
    assert documented["dashes"] is False and documented["flow"] is True
    assert documented["label"] == "盐酸、硫酸"  # two flows of one direction and status: one link, both materials
    assert "生产的硫酸" in documented["title"] and "documented" not in documented["title"]  # zh page: 有出处
    assert "有出处" in documented["title"]
    editorial = edges[("ent/a", "ent/b", "editorial")]
    assert editorial["dashes"] == [2, 5] and "common practice" in editorial["title"]
    inferred = edges[("ent/a", "park/p", "inferred")]
    assert inferred["dashes"] == [10, 6] and inferred["flow"] is False
    unknown = edges[("ent/a", "mat/x", "unknown")]
    assert unknown["color"]["color"] == "#bbbbbb"
    assert all(e["arrows"]["to"]["enabled"] for e in data["edges"])


def test_colour_shape_and_legend_follow_the_type() -> None:
    page = render(supply_graph(), "t")
    nodes = {n["id"]: n for n in page_data(page.html)["nodes"]}
    assert nodes["ent/a"]["shape"] == "dot" and nodes["park/p"]["shape"] == "square"
    assert nodes["mat/x"]["shape"] == "triangle"
    assert nodes["ent/a"]["color"]["background"] != nodes["park/p"]["color"]["background"]
    legend = page.html.split('<aside id="legend">')[1].split("</aside>")[0]
    for name in ("企业", "园区", "产品与资源", "有出处", "编辑补充", "推断"):
        assert name in legend
    assert "项目" not in legend  # only the categories drawn
    assert category("hykg:Enterprise") == "firm" and category("https://w3id.org/hykg/ont#Park") == "area"


def test_node_size_grows_with_the_measure() -> None:
    nodes = {n["id"]: n for n in page_data(render(supply_graph(), "t").html)["nodes"]}
    assert nodes["ent/a"]["size"] > nodes["ent/b"]["size"] > nodes["park/p"]["size"]  # 4, 2, 1 links
    g = supply_graph()
    nx.set_node_attributes(g, {"park/p": 40, "ent/a": 1}, "members")
    page = render(g, "t", size_by="members", size_label=("入驻数", "hosted"), lang="en")
    sized = {n["id"]: n for n in page_data(page.html)["nodes"]}
    assert sized["park/p"]["size"] > sized["ent/a"]["size"] > sized["ent/b"]["size"]
    assert "Node size: hosted." in page.html


def test_english_labels_and_interface() -> None:
    page = render(supply_graph(), "Supply", lang="en")
    data = page_data(page.html)
    assert {n["label"] for n in data["nodes"]} == {"A", "B", "P", "sulfuric acid"}
    assert '<html lang="en">' in page.html and "Search" in page.html
    with pytest.raises(Exception, match="unknown language"):
        render(supply_graph(), "t", lang="fr")


def test_chain_filter_lists_chains_of_the_nodes() -> None:
    g = supply_graph()
    g.nodes["ent/a"]["chains"] = ["chain/x"]
    page = render(g, "t", chain_names={"chain/x": ("化工", "Chemicals")})
    assert '<option value="chain/x">化工</option>' in page.html
    assert next(n for n in page_data(page.html)["nodes"] if n["id"] == "ent/a")["chains"] == ["chain/x"]


# ------------------------------------------------------------------------------ limits, files, Jupyter
def test_too_many_nodes_is_refused_with_a_suggestion() -> None:
    g = nx.path_graph(30)
    with pytest.raises(ViewTooLarge, match=r"30 nodes, above the limit of 20: narrow it .*--max-nodes"):
        render(g, "t", max_nodes=20)
    big = nx.empty_graph(HARD_MAX_NODES + 1)
    with pytest.raises(ViewTooLarge, match=f"limit of {HARD_MAX_NODES}"):
        render(big, "t", max_nodes=10 * HARD_MAX_NODES)


def test_save_writes_the_page(tmp_path: Path) -> None:
    page = render(supply_graph(), "t")
    out = page.save(tmp_path / "sub" / "p.html")
    assert out.read_text(encoding="utf-8") == page.html
    assert [p.name for p in out.parent.iterdir()] == ["p.html"]  # no temporary file left
    assert page.summary() == {"view": "graph", "title": "t", "nodes": 4, "edges": 4, "notes": [],
                              "bytes": len(page.html.encode("utf-8"))}


def test_jupyter_display_is_a_sandboxed_iframe_with_the_page() -> None:
    page: Page = render(hostile_graph(), HOSTILE)
    frame = page._repr_html_()
    doc = parse(frame)
    assert [t for t, _ in doc.tags] == ["iframe"]
    attrs = doc.tags[0][1]
    assert attrs["sandbox"] == "allow-scripts"
    assert attrs["srcdoc"] == page.html  # the parser unescapes the attribute back to the page
    assert HOSTILE not in frame
