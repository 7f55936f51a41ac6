"""Every viz page in headless Chromium (Debian's chromium via Playwright), opened from file:// with
every non-file request blocked and recorded: no console errors, no requests, the expected nodes
drawn, hostile names shown as text and never run, a screenshot that is not blank."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from hykg.present import viz
from hykg.present.aggregate import node_type
from hykg.present.render import render

from .test_render import HOSTILE_FLAG, hostile_graph
from .viz_fixtures import HOSTILE

VIEWS: dict[str, dict[str, Any]] = {
    "ego": {"name": "恒光"}, "chain": {"name": "chain/auto"}, "park": {"name": "松木经开区"}, "supply": {},
    "parks": {}, "all": {}, "overview": {},
    "query": {"query": "CONSTRUCT { ?f hykg:inPark ?p . ?f a ?t } WHERE { ?f hykg:inPark ?p ; a ?t }"},
}
FIRM_RGB = bytes.fromhex("4e79a7")  # the fill of enterprise nodes
FLOW_RGB = bytes.fromhex("e8772e")  # supply links


def png_rgb(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGB rows of an 8-bit, non-interlaced RGB or RGBA PNG (as Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, [], b""
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind, body = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and ctype in (2, 6) and interlace == 0
    bpp = 3 if ctype == 2 else 4
    raw, stride, prev, rows, i = zlib.decompress(b"".join(idat)), w * bpp, bytearray(w * bpp), [], 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride) if f else ():
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 255
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(b"".join(bytes(line[x:x + 3]) for x in range(0, stride, bpp)))
        prev = line
    return w, h, rows


def colours(png: bytes) -> set[bytes]:
    _, _, rows = png_rgb(png)
    return {r[x:x + 3] for r in rows for x in range(0, len(r), 3)}


@pytest.fixture(scope="module")
def pages(kg, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Any]]:
    """Every view written to a file, with the networkx graph it draws."""
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for kind, kw in VIEWS.items():
        page = viz.view(kg, kind, kw.get("name"), query=kw.get("query"))
        out[kind] = (page.save(folder / f"{kind}.html"), viz.graph_for(kg, kind, kw.get("name"), query=kw.get("query")))
    return out


class Opened:
    """A page opened from file:// with every non-file request aborted and recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1000, height: int = 700, ready: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        if ready:
            self.page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=20000)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def js(self, expr: str) -> Any:
        return self.page.evaluate(expr)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser: Any) -> Iterator[Any]:
    seen: list[Opened] = []

    def open_(path: Path, **kw: Any) -> Opened:
        seen.append(Opened(browser, path, **kw))
        return seen[-1]

    yield open_
    for o in seen:
        o.close()


@pytest.mark.parametrize("kind", list(VIEWS))
def test_view_renders_offline_with_its_nodes(opened, pages, kind: str) -> None:
    path, graph = pages[kind]
    o = opened(path)
    assert o.errors == [] and o.dialogs == []
    assert o.requests == [path.as_uri()]  # the page itself, nothing else
    ids = sorted(str(n) for n in graph.nodes)
    assert o.js("hykg.network.body.data.nodes.length") == len(ids)
    assert sorted(o.js("hykg.network.body.nodeIndices")) == ids  # every node is in the drawing
    assert sorted(o.js("Object.keys(hykg.network.getPositions())")) == ids
    assert o.js("hykg.network.body.data.edges.length") == int(o.page.get_attribute("body", "data-edges"))
    seen = colours(o.page.locator("#graph").screenshot())
    assert len(seen) > 20, "the drawing is blank"
    if any(node_type(a) == "Enterprise" for _, a in graph.nodes(data=True)):
        assert FIRM_RGB in seen
    if kind in ("ego", "park", "supply"):
        assert FLOW_RGB in seen


def test_search_filters_and_physics(opened, pages) -> None:
    o = opened(pages["park"][0])
    total = o.js("hykg.nodes.length")
    o.page.fill("#search", "恒光")
    o.page.wait_for_selector('body[data-matches="1"]', state="attached")
    assert o.js("hykg.network.getSelectedNodes()") == ["ent/hengguang"]
    assert "1" in o.page.inner_text("#search-count")
    o.page.select_option("#filter-type", "firm")
    firms = sum(1 for _, a in pages["park"][1].nodes(data=True) if node_type(a) == "Enterprise")
    assert firms >= 4 and o.js("hykg.nodeView.length") == firms
    assert o.js("hykg.nodeView.get().every(n => n.cat === 'firm')")
    assert o.page.get_attribute("body", "data-shown-nodes") == str(firms)
    o.page.check("#physics")
    assert o.js("hykg.network.physics.options.enabled") is True
    o.page.uncheck("#physics")
    assert o.js("hykg.network.physics.options.enabled") is False
    o.page.click("#reset")
    assert o.js("hykg.nodeView.length") == total and o.page.get_attribute("body", "data-matches") == "0"

    c = opened(pages["chain"][0])
    total_edges = c.js("hykg.edges.length")
    c.page.select_option("#filter-status", "editorial")
    statuses = c.js("hykg.edgeView.get().map(e => e.status)")
    assert statuses and set(statuses) == {"editorial"} and len(statuses) < total_edges
    assert c.js("hykg.nodeView.length") < c.js("hykg.nodes.length")  # only the ends of editorial links
    c.page.select_option("#filter-status", "")
    c.page.select_option("#filter-chain", "chain/auto")
    shown = c.js("hykg.nodeView.getIds()")
    assert "ent/hualing-auto" in shown and "chain/auto" in shown
    assert c.js("hykg.nodeView.get().every(n => n.chains.includes('chain/auto'))")
    assert o.errors == c.errors == []


def _hover_tooltip(o: Opened, node: str) -> str:
    x, y = o.js(f"""(() => {{ const p = hykg.network.canvasToDOM(hykg.network.getPosition({node!r}));
        const r = document.querySelector('#graph canvas').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }})()""")
    o.page.mouse.move(x - 40, y - 40)
    o.page.mouse.move(x, y, steps=4)
    tip = o.page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    # plain text: innerText turns line breaks into <br>, and nothing else becomes an element
    assert o.js("[...document.querySelector('div.vis-tooltip').children].every(c => c.tagName === 'BR')")
    return str(tip.inner_text())


def _assert_not_run(o: Opened) -> None:
    assert o.dialogs == [] and o.errors == []
    assert o.js("typeof window.__hykg_pwned") == "undefined"
    assert o.js("document.images.length") == 0
    assert o.js("document.scripts.length") == 3


def test_hostile_names_render_as_text(opened, tmp_path: Path) -> None:
    g = hostile_graph()
    path = render(g, HOSTILE, subtitle=HOSTILE_FLAG, notes=[HOSTILE_FLAG]).save(tmp_path / "evil.html")
    o = opened(path)
    _assert_not_run(o)
    assert o.page.inner_text("#heading") == HOSTILE
    assert o.page.inner_text(".subtitle") == HOSTILE_FLAG
    assert o.js("document.querySelector('#filter-chain option[value=\"chain/evil\"]').textContent") == HOSTILE_FLAG
    assert o.js("hykg.nodes.get('ent/evil').label").startswith("</script><img")
    assert HOSTILE in _hover_tooltip(o, "ent/evil")
    o.page.fill("#search", "onerror")
    o.page.wait_for_selector('body[data-matches="2"]', state="attached")
    _assert_not_run(o)


def test_hostile_name_from_curated_data_end_to_end(opened, hostile_graph_file: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hykg.cli import main

    out = tmp_path / "evil.html"
    result = CliRunner().invoke(main, ["--graph", str(hostile_graph_file), "viz", "ego", "ent/a", "-o", str(out)])
    assert result.exit_code == 0, result.output
    o = opened(out)
    _assert_not_run(o)
    assert o.page.inner_text("#heading") == f"{HOSTILE} 的关系（1 层）"
    assert o.js("hykg.network.body.data.nodes.length") == 3
    assert HOSTILE in _hover_tooltip(o, "ent/a")
    _assert_not_run(o)


def test_jupyter_iframe_renders_the_page(opened, tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node("ent/a", label="甲", label_en="A", type="Enterprise")
    g.add_node("ent/b", label=HOSTILE, label_en="B", type="Enterprise")
    g.add_edge("ent/b", "ent/a", material_label="硫酸", status="documented")
    wrapper = tmp_path / "notebook.html"
    wrapper.write_text("<!DOCTYPE html><meta charset=utf-8><body>" + render(g, HOSTILE)._repr_html_(), encoding="utf-8")
    o = opened(wrapper, ready=False)
    frame = o.page.frames[1]
    frame.wait_for_selector('body[data-ready="1"]', state="attached", timeout=20000)
    assert frame.evaluate("hykg.network.body.data.nodes.length") == 2
    assert frame.inner_text("#heading") == HOSTILE
    assert frame.evaluate("typeof window.__hykg_pwned") == "undefined" and frame.evaluate("document.images.length") == 0
    assert o.requests == [wrapper.as_uri()] and o.errors == [] and o.dialogs == []
