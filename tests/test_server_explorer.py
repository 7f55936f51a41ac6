"""The web explorer on a live `hykg serve`: pages, escaping, downloads, and a real headless Chromium session."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import httpx
import pytest

from hykg.server.examples import EXAMPLES

from .docs_browser import CHROMIUM_ARGS
from .server_fixtures import LiveServer, live_server

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def server(built_graph: Path, tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("serve-explorer") / "serve.log"
    with live_server(built_graph, log, "--query-workers", "2") as s:
        yield s


@pytest.fixture(scope="module")
def client(server: LiveServer):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def test_pages_in_chinese_and_english(client: httpx.Client) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "衡阳产业知识图谱" in home.text and 'lang="zh-CN"' in home.text
    assert "Hengyang Industrial Knowledge Graph" in client.get("/", params={"lang": "en"}).text
    entity = client.get("/entity/ent/hengguang")
    assert "恒光" in entity.text and "恒光利用建滔的盐酸、烧碱、双氧水" in entity.text and "/graph/ego/ent/hengguang" in entity.text
    park = client.get("/park/park/songmu")
    assert park.status_code == 200 and 'id="loops"' in park.text and "芬恩循环指数" in park.text
    assert "常宁水口山经开区" in park.text  # resources from another park
    chain = client.get("/chain/chain/chem-new-materials", params={"lang": "en"})
    assert chain.status_code == 200 and "not stated in the sources" in chain.text and 'id="segments"' in chain.text
    assert client.get("/api/search", params={"q": "建滔"}).json()[0]["id"] == "ent/kingboard"
    for path in ("/chains", "/parks", "/query", "/search?q=%E5%BB%BA%E6%BB%94"):
        assert client.get(path).status_code == 200, path


def test_chinese_pages_use_ontology_labels_not_codes(client: httpx.Client) -> None:
    """Issue 13: classes, kinds and properties by their zh labels; the clusters in no chain list named."""
    chain = client.get("/chain/chain/chem-new-materials").text
    assert "<h4>ChainSegment" not in chain and "<h4>Enterprise" not in chain
    assert "<code>skos:closeMatch</code>" not in chain and "上游" in chain
    assert 'id="six-ones"' in chain and "一个联合党工委" in chain and "来源未提及" in chain
    assert 'id="targets"' in chain and "化工新材料行业产值(2025)" in chain and "无统计数据衡量该指标" in chain
    chains = client.get("/chains").text
    assert "— (" not in chains and "未列入产业链目录" in chains
    assert "in no chain list" in client.get("/chains", params={"lang": "en"}).text
    park = client.get("/park/park/songmu").text
    assert "econ_dev_zone" not in park and "经济技术开发区" in park
    search = client.get("/search", params={"q": "恒光"}).text
    assert "hykg:Enterprise" not in search and "企业" in search
    target = client.get("/entity/target/hitech-firms-2025").text
    assert 'id="against-actuals"' in target and "420家" in target and "差 380 家" in target
    listed = client.get("/entity/target/listed-firms-2025").text
    assert "无统计数据衡量该指标" in listed
    project = client.get("/entity/proj/shanshan-outlets").text
    assert 'id="silent"' in project and "hykg:status" not in project


def test_explorer_pages_have_a_strict_csp_and_only_local_assets(client: httpx.Client) -> None:
    r = client.get("/entity/ent/hengguang")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "http://" not in r.text.replace("http://www.w3.org", "") and "https://cdn" not in r.text
    graph = client.get("/graph/ego/ent/hengguang")
    assert graph.status_code == 200 and "sandbox allow-scripts" in graph.headers["content-security-policy"]
    assert "<script src=" not in graph.text  # vis-network is inlined, not fetched


def test_user_text_is_escaped(client: httpx.Client) -> None:
    for r in (client.get("/search", params={"q": HOSTILE}),
              client.get("/query", params={"query": f"SELECT * WHERE {{ BIND('{HOSTILE}' AS ?x) }}"}),
              client.get("/entity/" + HOSTILE, headers={"Accept": "text/html"})):
        assert "<script>alert" not in r.text and "<img src=x" not in r.text
        assert "&lt;script&gt;" in r.text
    assert client.get("/query", params={"query": f"SELECT * WHERE {{ BIND('{HOSTILE}' AS ?x) }}"}).status_code == 200


def test_unknown_entity_is_404_for_browsers_and_clients(client: httpx.Client) -> None:
    html = client.get("/entity/ent/no-such-firm", headers={"Accept": "text/html"})
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html") and 'id="error"' in html.text
    data = client.get("/entity/ent/no-such-firm", headers={"Accept": "application/json"})
    assert data.status_code == 404 and data.json()["error"] == "unknown_entity"


def test_every_example_query_answers(client: httpx.Client) -> None:
    for ex in EXAMPLES:
        r = client.get("/query", params={"query": ex.query})
        assert r.status_code == 200 and 'id="query-error"' not in r.text, ex.id
        assert 'id="result-table"' in r.text or 'class="turtle"' in r.text, ex.id


def test_downloads(client: httpx.Client) -> None:
    query = next(e for e in EXAMPLES if e.id == "fed-by").query
    r = client.get("/query/download", params={"query": query, "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="hykg-query.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["supplier", "material", "quote"] and len(rows) == 5 and ["建衡", "聚合氯化铝"] == rows[4][:2]
    j = client.get("/query/download", params={"query": query, "format": "json"})
    assert len(j.json()["results"]["bindings"]) == 4
    bad = client.get("/query/download", params={"query": query, "format": "exe"})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_request"


def test_browser_search_entity_and_example_query(server: LiveServer) -> None:
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def only_local(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        if url.startswith((server.url + "/", "data:", "about:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", only_local)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server.url + "/")
            page.fill("#home-search input[name=q]", "恒光")
            page.press("#home-search input[name=q]", "Enter")
            page.wait_for_selector("#search-results")
            page.locator("#search-results a.hit", has_text="恒光").first.click()
            page.wait_for_selector("#entity-card")
            assert page.locator("h1").first.inner_text().startswith("恒光")
            relations = page.inner_text("#relations")
            assert "松木经开区" in relations and "恒光利用建滔的盐酸、烧碱、双氧水" in relations
            ego = page.frame_locator("figure.graph iframe")
            ego.locator("canvas").first.wait_for(timeout=20_000)  # vis-network drew the ego graph

            page.click("header nav >> text=SPARQL 查询")
            page.click("a.example[data-example=fed-by]")
            assert "hykg:consumer ent:hengguang" in page.input_value("#query-text")
            page.click("#run")
            page.wait_for_selector("#result-table tbody tr")
            rows = page.locator("#result-table tbody tr")
            assert rows.count() == 4
            assert [rows.nth(i).locator("td").first.inner_text() for i in range(4)] == ["建滔", "建滔", "建滔", "建衡"]
            assert page.locator("#download-csv").get_attribute("href").startswith("/query/download?")

            page.click("#lang-switch")
            page.wait_for_selector("text=Query editor")
            assert page.locator("#result-table tbody tr").count() == 4
            assert errors == []
        finally:
            browser.close()
    assert outside == []


def test_chain_page_shows_the_printable_panorama(client: httpx.Client, server: LiveServer, kg) -> None:
    """Issue 18: the chain page shows the same SVG `hykg viz panorama` writes, through <img> (strict CSP)."""
    from hykg.present.panorama import panorama_svg

    page = client.get("/chain/chain/chem-new-materials").text
    assert '<div class="target-bars"><svg ' in page and "无统计数据衡量该指标" in page  # its targets drawn
    assert 'id="picture"' in page and 'src="/panorama/chain/chem-new-materials"' in page
    r = client.get("/panorama/chain/chem-new-materials")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert r.text == panorama_svg(kg, "chain/chem-new-materials")  # the very same bytes
    status = client.get("/panorama/chain/chem-new-materials", params={"mode": "status", "lang": "en"}).text
    assert "chain status map" in status and "GAP: no local firm" not in status
    assert client.get("/panorama/chain/chem-new-materials", params={"mode": "x"}).status_code == 400
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page()
            tab.goto(server.url + "/chain/chain/chem-new-materials")
            size = tab.eval_on_selector("img.panorama", "e => e.decode().then(() => [e.naturalWidth, e.clientWidth])")
            assert size[0] > 1000 and size[1] > 300  # the picture loaded and is drawn on the page
            bars = tab.eval_on_selector(".target-bars svg", "e => e.getBoundingClientRect().width")
            assert bars > 300  # the inline target bars, drawn under the page's strict CSP
        finally:
            browser.close()


def test_home_shows_the_overview_and_a_double_click_opens_a_node(client: httpx.Client, server: LiveServer) -> None:
    """Issue 18: the home page's overview (chains and parks); double-clicking 松木经开区 opens its page."""
    home = client.get("/").text
    assert 'id="overview"' in home and 'src="/graph/overview"' in home
    assert 'sandbox="allow-scripts allow-top-navigation-by-user-activation"' in home
    frame = client.get("/graph/overview")
    assert frame.status_code == 200 and 'data-view="overview"' in frame.text
    assert frame.headers["content-security-policy"].endswith("sandbox allow-scripts allow-top-navigation-by-user-activation")
    assert "allow-top-navigation" not in client.get("/graph/ego/ent/hengguang").headers["content-security-policy"]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server.url + "/")
            page.locator("#overview iframe").scroll_into_view_if_needed()
            frame = page.frame_locator("#overview iframe")
            frame.locator('body[data-ready="1"]').wait_for(state="attached", timeout=30_000)
            inner = next(f for f in page.frames if f.url.endswith("/graph/overview"))
            xy = inner.evaluate("(() => { const n = hykg.network; const p = n.getPositions(['park/songmu'])['park/songmu'];"
                                " return n.canvasToDOM(p); })()")
            with page.expect_navigation(timeout=20_000):
                frame.locator("#graph canvas").dblclick(position={"x": xy["x"], "y": xy["y"]})
            assert page.url == server.url + "/park/park/songmu"
        finally:
            browser.close()


def test_pages_read_their_figures_in_plain_words(client: httpx.Client) -> None:
    """Issue 18: the park page reads FCI, cyclicity and connectance; the chain page its supporting rate."""
    park = client.get("/park/park/songmu").text
    assert 'id="readings"' in park and "约 13.9% 会沿闭合回路回到其来源" in park and "连接度 0.33" in park
    assert "About 13.9% of the material" in client.get("/park/park/songmu", params={"lang": "en"}).text
    chain = client.get("/chain/chain/chem-new-materials").text
    assert 'id="supporting-reading"' in chain and "本地配套率 40.0%" in chain
