"""`hykg serve --review`: an ingested document's spans marked, its candidates accepted and edited through the page
in headless Chromium (CSRF token, loopback only), then `hykg build` and `hykg show` cite the new document."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import httpx
import pytest

from .ingest_fixtures import hykg_in as _hykg
from .server_fixtures import LiveServer

TEXT = ("2024年5月，衡阳市新星化工有限公司在松木经开区投产，主要生产聚合氯化铝。\n"
        "2024年1至9月，衡阳市实现地区生产总值3300亿元。\n")
NAME = "衡阳市新星化工有限公司"


@pytest.fixture(scope="module")
def reviewed(workspace: tuple[Path, dict[str, str]], built_graph: Path):
    """A workspace with one ingested document and a review server on it."""
    base, env = workspace
    ws = base / "ws"
    doc = base / "走访.txt"
    doc.write_text(TEXT, encoding="utf-8")
    done = _hykg(env, "ingest", str(doc), "--title", "走访记录", "--format", "json")
    assert done.returncode == 0, done.stderr
    doc_id = json.loads(done.stdout)["doc"]["id"]
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        server = LiveServer(built_graph, "--review", log=base / "serve.log")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    yield server, ws, env, doc_id
    server.stop()


def _candidate(ws: Path, doc_id: str, label: str) -> dict[str, object]:
    import yaml

    records = yaml.safe_load((ws / "candidates" / f"{doc_id}.yaml").read_text(encoding="utf-8"))["records"]
    return next(r for r in records if r.get("zh") == label)


def test_the_page_marks_each_span_and_refuses_a_form_without_its_token(reviewed) -> None:
    server, ws, _env, doc_id = reviewed
    listing = httpx.get(server.url + "/review")
    assert listing.status_code == 200 and doc_id in listing.text and "走访记录" in listing.text
    page = httpx.get(server.url + f"/review/{doc_id}")
    assert page.status_code == 200
    cand = _candidate(ws, doc_id, NAME)["candidate"]
    assert re.search(rf'<mark class="cand" id="span-{cand}"[^>]*>{NAME}<sup>{cand}</sup></mark>', page.text)
    before = (ws / "candidates" / f"{doc_id}.yaml").read_bytes()
    for form in ({f"review-{cand}": "accepted"}, {f"review-{cand}": "accepted", "csrf": "forged"}):
        r = httpx.post(server.url + f"/review/{doc_id}", data=form)
        assert r.status_code == 403 and r.json()["error"] == "forbidden"
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    other_site = httpx.post(server.url + f"/review/{doc_id}", data={"csrf": token, f"review-{cand}": "accepted"},
                            headers={"Origin": "http://evil.example"})
    assert other_site.status_code == 403
    assert (ws / "candidates" / f"{doc_id}.yaml").read_bytes() == before  # nothing written
    gdp = page.text[page.text.index('id="cand-' + _candidate(ws, doc_id, "衡阳市实现地区生产总值(2024年1至9月)")["candidate"]):]
    gdp = gdp[:gdp.index("</tr>")]  # the figure's row: the graph's other value beside it
    assert "stat/gdp-2024q1q3</a>: 3241.5 亿元" in gdp and "与图谱已有陈述不同" in gdp and "doc/000_77e32e1598185cb9" in gdp
    unknown = httpx.post(server.url + f"/review/{doc_id}", data={"csrf": token, f"linked-{cand}": "ent/no-such-firm"})
    assert unknown.status_code == 400 and "ent/no-such-firm is not an entity of the graph" in unknown.json()["message"]


def test_a_programme_listed_with_other_parts_shows_both_lists(reviewed) -> None:
    server, ws, _env, doc_id = reviewed
    cands = ws / "candidates" / f"{doc_id}.yaml"
    good = cands.read_text(encoding="utf-8")
    extra = "".join(f"  - {{candidate: r9{i}, review: pending, about: {m}, partOf: mech/five-lists-one-map, "
                    f"quote: 五单一图谱}}\n" for i, m in enumerate(("mech/list-development-goals", "mech/list-key-problems")))
    try:
        cands.write_text(good + extra, encoding="utf-8")  # as a reviewer may add them by hand
        page = httpx.get(server.url + f"/review/{doc_id}")
        assert page.status_code == 200
        row = page.text[page.text.index('id="cand-r90"'):]
        row = row[:row.index("</tr>")]
        assert "与图谱中同名项目的组成不同" in row and "mech/five-lists-one-map" in row
        assert "本文所列组成: 发展目标清单、重点问题清单" in row and "可产业化的主要科研成果清单" in row
    finally:
        cands.write_text(good, encoding="utf-8")


def test_accept_and_edit_in_the_browser_then_build_and_show_cite_the_document(reviewed, browser) -> None:
    server, ws, env, doc_id = reviewed
    firm = _candidate(ws, doc_id, NAME)
    cand = firm["candidate"]
    page = browser.new_page()
    try:
        page.goto(server.url + f"/review/{doc_id}")
        page.select_option(f"select[name=review-{cand}]", "accepted")
        page.fill(f"input[name=zh-{cand}]", NAME)  # unchanged label: no edit recorded
        page.click("#save")
        page.wait_for_selector("#saved")
        assert "1" in page.inner_text("#saved")
    finally:
        page.close()
    assert _candidate(ws, doc_id, NAME)["review"] == "accepted"
    curated = ws / "data" / "curated" / f"ingested_{doc_id}.yaml"
    assert NAME in curated.read_text(encoding="utf-8")
    built = _hykg(env, "build")
    assert built.returncode == 0, built.stderr
    show = _hykg(env, "show", NAME, "--format", "json")
    assert show.returncode == 0, show.stderr
    card = json.loads(show.stdout)
    assert {"doc": doc_id, "quote": NAME} in card["sources"]  # the new document's span, as quoted


def test_review_refuses_a_public_bind(tmp_path: Path) -> None:
    from hykg.errors import HykgError
    from hykg.server.app import ServerConfig, create_app

    with pytest.raises(HykgError, match="loopback address only"):
        create_app(ServerConfig(host="0.0.0.0", review=str(tmp_path)))


def test_choices_offer_the_known_entity_a_longer_name_may_be(kg) -> None:
    from hykg.server.review import choices

    rec = {"candidate": "e1", "zh": "湖南恒光化工股份有限公司", "type": "Enterprise", "id": "ent/new"}
    assert choices(kg, rec)[0] == {"id": "ent/hengguang", "label": "恒光"}
    assert choices(kg, {"candidate": "f1", "type": "Statistic", "indicator": "x"}) == []
