"""The web explorer: home and search, entity, chain, park and query pages (Chinese first, English toggle).

Pages are Jinja2 templates with autoescape on; every asset is served from ``static/`` (no CDN); the
graphs are hykg.present.viz pages shown in sandboxed iframes. Pages ask the KnowledgeGraph's named
questions; the query page runs the user's SPARQL on the query workers, like /sparql.
"""

from __future__ import annotations

import collections
import functools
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from ..errors import HykgError
from ..query.names import compact, labels
from ..query.safety import check_query
from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .examples import EXAMPLES, example
from .i18n import TEXT, lang_of, value
from .responses import classify, error_body, json_response

HERE = Path(__file__).resolve().parent
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: hykg.present.viz pages inline their scripts (with their own hash-based CSP); they run sandboxed, in an iframe.
GRAPH_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
             "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; "
             "sandbox allow-scripts")
#: The overview's frame may also open a node's page in the top window (on a click, never by itself).
OVERVIEW_CSP = GRAPH_CSP + " allow-top-navigation-by-user-activation"
DISPLAY_ROWS = 1000
GRAPH_KINDS = ("ego", "chain", "park")
DOWNLOADS = {"csv": "csv", "tsv": "tsv", "json": "json", "xml": "xml", "turtle": "ttl", "ntriples": "nt"}


@functools.lru_cache(maxsize=1)
def _env() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class View:
    """What a template needs about the request: language, texts, names and links."""

    def __init__(self, request: Any) -> None:
        self.request = request
        self.lang = lang_of(request.query_params.get("lang"))
        self.text = TEXT[self.lang]

    def t(self, key: str, **kw: Any) -> str:
        text = self.text.get(key, key)
        return text.format(**kw) if kw else text

    def name(self, ref: dict[str, Any] | None) -> str:
        if not ref:
            return ""
        if self.lang == "en":
            return str(ref.get("label_en") or ref.get("label") or ref.get("id", ""))
        return str(ref.get("label") or ref.get("label_en") or ref.get("id", ""))

    def url(self, path: str, **params: Any) -> str:
        query = {k: v for k, v in params.items() if v not in (None, "")}
        if self.lang == "en":
            query["lang"] = "en"
        return path + ("?" + urlencode(query) if query else "")

    def entity_url(self, entity_id: str) -> str:
        return self.url("/entity/" + quote(entity_id, safe="/"))

    def page_url(self, ref: dict[str, Any]) -> str:
        """The best page for an entity: its chain or park page, else its entity page."""
        types = [t if isinstance(t, str) else t.get("id", "") for t in ref.get("types", [])]
        eid = ref.get("id", "")
        if any(t in ("hykg:IndustrialChain", "hykg:IndustrialCluster") for t in types):
            return self.url("/chain/" + quote(eid, safe="/"))
        if any(t in ("hykg:Park", "hykg:IndustrialArea", "hykg:Corridor", "hykg:CharacteristicTown") for t in types):
            return self.url("/park/" + quote(eid, safe="/"))
        return self.entity_url(eid)

    def linkable(self, entity_id: str) -> bool:
        return "/" in entity_id and "://" not in entity_id and not entity_id.startswith(("doc/", "stmt/"))

    def switch_url(self) -> str:
        params = [(k, v) for k, v in self.request.query_params.multi_items() if k != "lang"]
        if self.lang == "zh":
            params.append(("lang", "en"))
        path = self.request.url.path
        return path + ("?" + urlencode(params) if params else "")

    def doc(self, doc_id: str) -> str:
        docs = _docs(self.request.app.state)
        d = docs.get(doc_id)
        return d["title"] if d else doc_id

    def value(self, kind: str, code: str | None) -> str:
        """A controlled value (park kind, level, position, project status) in the page language."""
        return value(self.lang, kind, code)

    def vocab_name(self, term: str) -> str:
        """The ontology's label of a class or property (``Enterprise``, ``hykg:Enterprise``, ``skos:closeMatch``)
        in the page language; the term itself only when the ontology gives none."""
        names = _vocab_labels(self.request.app.state)
        key = term if ":" in term else "hykg:" + term
        zh, en = names.get(key, ("", ""))
        return (en or zh if self.lang == "en" else zh or en) or term

    def term(self, t: dict[str, str] | None) -> dict[str, Any]:
        """A result cell: text to show and, for an entity IRI, the page it links to."""
        if not t:
            return {"text": "", "href": None}
        if t["type"] == "uri":
            short = compact(t["value"])
            href = self.entity_url(short) if t["value"].startswith(vocab.ID) and self.linkable(short) else None
            return {"text": short, "href": href, "title": t["value"]}
        if t["type"] == "bnode":
            return {"text": "_:" + t["value"], "href": None}
        return {"text": t["value"], "href": None, "lang": t.get("xml:lang", "")}


def render(request: Any, template: str, status: int = 200, headers: dict[str, str] | None = None,
           **context: Any) -> Any:
    """An HTML page from a template (autoescaped), with the explorer's Content-Security-Policy."""
    from starlette.responses import HTMLResponse

    v = View(request)
    html = _env().get_template(template).render(v=v, t=v.t, examples=EXAMPLES, **context)
    return HTMLResponse(html, status, headers={"Content-Security-Policy": PAGE_CSP, **(headers or {})})


def error_page(request: Any, body: dict[str, Any], headers: dict[str, str]) -> Any:
    """An error (the one error shape: error, status, message ...) as an HTML page, for browsers."""
    return render(request, "error.html", status=body["status"], headers=headers, error=body)


# ---------------------------------------------------------------------- cached facts
_lock = threading.Lock()


def _cached(state: Any, key: str, make: Any) -> Any:
    cache = state.__dict__.setdefault("_explorer_cache", {})
    if key not in cache:
        value = make()
        with _lock:
            cache.setdefault(key, value)
    return cache[key]


def _docs(state: Any) -> dict[str, dict[str, str]]:
    def make() -> dict[str, dict[str, str]]:
        rows = state.kg.select("""SELECT ?d ?title ?pub WHERE { ?d a hykg:SourceDocument ; dcterms:title ?title .
                                  OPTIONAL { ?d hykg:publisherName ?pub } }""")
        out: dict[str, dict[str, str]] = {}
        for r in rows:
            doc_id = compact(r["d"]).removeprefix("doc/")
            out.setdefault(doc_id, {"title": r["title"], "publisher": r.get("pub", "")})
        return out

    return _cached(state, "docs", make)


def _vocab_labels(state: Any) -> dict[str, tuple[str, str]]:
    """Compact name (``hykg:Enterprise``, ``skos:closeMatch``) -> (zh, en) label of every labelled
    class and property of the ontology."""
    def make() -> dict[str, tuple[str, str]]:
        rows = state.kg.select("""SELECT ?c WHERE { VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty
                                  rdf:Property } ?c a ?k }""")
        iris = {r["c"] for r in rows}
        names = labels(state.kg, iris)
        # a reused W3C term carries hykg's names as skos:altLabel (its own labels are not restated)
        alt = state.kg.rows(f"""SELECT ?x ?l WHERE {{ VALUES ?x {{ {sparql_iris(iris - set(names))} }}
                                ?x skos:altLabel ?l }} ORDER BY ?x ?l""")
        for r in alt:
            value, lang, _ = r["l"]
            zh, en = names.get(r["x"], ("", ""))
            names[r["x"]] = (zh, en or value) if lang == "en" else (zh or value, en)
        return {compact(i): n for i, n in names.items()}

    return _cached(state, "vocab_labels", make)


def _listing(state: Any, kind: str) -> list[dict[str, Any]]:
    """Chains (grouped by scheme) or parks (grouped by type), named in both languages."""
    def make() -> list[dict[str, Any]]:
        kg = state.kg
        if kind == "chains":
            rows = kg.select("""SELECT ?x ?g WHERE { VALUES ?t { hykg:IndustrialChain hykg:IndustrialCluster }
                                ?x a ?t . OPTIONAL { ?x skos:inScheme ?g } }""")
        else:
            rows = kg.select(f"""SELECT ?x ?g WHERE {{ ?x a ?g . VALUES ?g {{ {kg.subclasses("hykg:IndustrialArea")} }}
                                ?x hykg:enKind ?k }}""")
        names = labels(kg, {r["x"] for r in rows} | {r["g"] for r in rows if "g" in r})
        groups: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for r in rows:
            g = r.get("g", "")
            if (g, r["x"]) in seen:
                continue
            seen.add((g, r["x"]))
            zh, en = names.get(r["x"], ("", ""))
            groups[g].append({"id": compact(r["x"]), "label": zh or en, "label_en": en or zh})
        out: list[dict[str, Any]] = []
        for g, items in groups.items():
            zh, en = names.get(g, ("", ""))
            items.sort(key=lambda i: (i["label"], i["id"]))
            out.append({"group": {"id": compact(g) if g else "",
                                  "label": zh or compact(g) or TEXT["zh"]["no_scheme"],
                                  "label_en": en or compact(g) or TEXT["en"]["no_scheme"]}, "items": items})
        out.sort(key=lambda grp: (-len(grp["items"]), grp["group"]["id"]))
        return out

    return _cached(state, kind, make)


def _stats(state: Any) -> dict[str, Any]:
    return _cached(state, "stats", state.kg.stats)


# ---------------------------------------------------------------------- pages
def home(request: Any) -> Any:
    state = request.app.state
    return render(request, "home.html", stats=_stats(state), chains=_listing(state, "chains"),
                  parks=_listing(state, "parks"))


def search(request: Any) -> Any:
    text = request.query_params.get("q", "").strip()[:200]
    hits = request.app.state.kg.search(text, 50) if text else []
    return render(request, "search.html", q=text, hits=hits)


def api_search(request: Any) -> Any:
    text = request.query_params.get("q", "").strip()[:200]
    return json_response(request.app.state.kg.search(text, 20) if text else [])


def _flows(kg: Any, card: dict[str, Any]) -> dict[str, Any] | None:
    types = {t["id"] for t in card["types"]}
    if not types & {"hykg:Enterprise", "hykg:Park", "hykg:IndustrialArea", "hykg:Corridor", "hykg:CharacteristicTown"}:
        return None
    try:
        return {"fed_by": kg.fed_by(card["id"])["flows"], "feeds": kg.feeds(card["id"])["flows"]}
    except HykgError:
        return None


def entity(request: Any) -> Any:
    kg = request.app.state.kg
    card = kg.show(request.path_params["eid"])
    return render(request, "entity.html", card=card, flows=_flows(kg, card),
                  graph_url=View(request).url("/graph/ego/" + quote(card["id"], safe="/")))


def chains(request: Any) -> Any:
    return render(request, "list.html", kind="chains", groups=_listing(request.app.state, "chains"))


def parks(request: Any) -> Any:
    return render(request, "list.html", kind="parks", groups=_listing(request.app.state, "parks"))


def _optional(make: Any) -> tuple[Any, str]:
    """An analysis from another module, or why it is not shown (a missing module or a refusal)."""
    try:
        return make(), ""
    except ImportError as exc:
        return None, f"not available in this installation ({exc.name})"
    except HykgError as exc:
        return None, str(exc)


def _profile_page(request: Any, kind: str, analysis: str, analyse: Callable[[Any, str], Any]) -> Any:
    """A chain or park page: its profile, one optional analysis (``analysis`` and ``analysis_note``
    in the template) and its graph view; a chain's page also its 六个一 parts and targets against actuals."""
    kg = request.app.state.kg
    profile = getattr(kg, kind)(request.path_params["eid"])
    eid = profile[kind]["id"]
    result, why = _optional(lambda: analyse(kg, eid))
    extra: dict[str, Any] = {}
    if kind == "chain":
        from ..query.silence import six_ones
        from ..query.targets import targets
        from .pictures import target_bars

        against = targets(kg, eid)
        extra = {"six_ones": six_ones(kg, {vocab.iri_of(eid)}), "against_actuals": against,
                 "target_bars": target_bars(against, View(request).lang)}
    if kind == "chain":
        extra["panorama_url"] = View(request).url("/panorama/" + quote(eid, safe="/"))
    return render(request, f"{kind}.html", p=profile, **{analysis: result, analysis + "_note": why}, **extra,
                  graph_url=View(request).url(f"/graph/{kind}/" + quote(eid, safe="/")))


def chain(request: Any) -> Any:
    def structure(kg: Any, cid: str) -> Any:
        from ..analysis.structure import chain_structure

        return chain_structure(kg, cid)

    return _profile_page(request, "chain", "structure", structure)


def park(request: Any) -> Any:
    def circularity(kg: Any, pid: str) -> Any:
        from ..analysis.circular import circular

        return circular(kg, pid)

    return _profile_page(request, "park", "circ", circularity)


def graph_frame(request: Any) -> Any:
    """A hykg.present.viz page (ego, chain or park view, or the home page's overview), shown inside a
    sandboxed iframe."""
    from starlette.responses import HTMLResponse

    from ..errors import RequestError

    kind, eid = request.path_params.get("kind", "overview"), request.path_params.get("eid", "")
    if kind not in GRAPH_KINDS and kind != "overview":
        raise RequestError(404, "not_found", f"no graph view {kind!r}; views: {', '.join(GRAPH_KINDS)}")
    lang = lang_of(request.query_params.get("lang"))
    state = request.app.state
    cache: collections.OrderedDict[tuple[str, str, str], str] = state.__dict__.setdefault(
        "_graph_cache", collections.OrderedDict())
    key = (kind, eid, lang)
    html = cache.get(key)
    if html is None:
        try:
            from ..present.viz import view
        except ImportError as exc:
            raise RequestError(404, "not_available", f"graph views are not available ({exc.name})") from exc
        from ..errors import ViewTooLarge

        try:
            if kind == "overview":  # chains and parks; a double-click opens the node's page
                html = view(state.kg, kind, lang=lang, link="/{kind}/{id}" + ("?lang=en" if lang == "en" else "")).html
            else:
                html = view(state.kg, kind, eid, lang=lang).html
        except ViewTooLarge as exc:
            raise RequestError(422, "view_too_large", str(exc)) from exc
        with _lock:
            cache[key] = html
            while len(cache) > 32:
                cache.popitem(last=False)
    csp = OVERVIEW_CSP if kind == "overview" else GRAPH_CSP
    return HTMLResponse(html, headers={"Content-Security-Policy": csp, "X-Frame-Options": "SAMEORIGIN"})


# ---------------------------------------------------------------------- the query page
async def query_page(request: Any) -> Any:
    """The editor, the examples, and (when a query is given) its result table and downloads."""
    params = request.query_params
    text = params.get("query", "")
    chosen = example(params.get("example", ""))
    if not text and chosen:
        text = chosen.query
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    status = 200
    if params.get("query", "").strip():
        try:
            result = await _run(request, text)
        except HykgError as exc:
            status, code, extra, _ = classify(exc)
            error = error_body(status, code, str(exc), **extra)
    downloads = ({fmt: View(request).url("/query/download", query=text, format=fmt) for fmt in _formats(result)}
                 if result else {})
    return render(request, "query.html", status=status, query=text, chosen=chosen, result=result, error=error,
                  downloads=downloads)


def _formats(result: dict[str, Any] | None) -> list[str]:
    if not result:
        return []
    if result["kind"] == "graph":
        return ["turtle", "ntriples"]
    return ["csv", "json"] if result["kind"] == "table" else ["json"]


async def _run(request: Any, text: str) -> dict[str, Any]:
    state = request.app.state
    form = check_query(text)
    if form in ("CONSTRUCT", "DESCRIBE"):
        answer = await state.pool.run(text, "turtle")
        return {"kind": "graph", "text": answer.body.decode("utf-8"), "count": answer.count,
                "truncated": answer.truncated, "max_rows": answer.max_rows}
    answer = await state.pool.run(text, "json")
    data = json.loads(answer.body)
    if "boolean" in data:
        return {"kind": "boolean", "value": data["boolean"]}
    rows = data["results"]["bindings"]
    return {"kind": "table", "vars": data["head"]["vars"], "rows": rows[:DISPLAY_ROWS], "count": len(rows),
            "shown": min(len(rows), DISPLAY_ROWS), "truncated": answer.truncated, "max_rows": answer.max_rows}


async def download(request: Any) -> Any:
    """A query's full answer (up to the row cap) as a file: CSV, TSV, JSON, XML, Turtle or N-Triples."""
    from starlette.responses import Response

    from ..errors import RequestError

    text = request.query_params.get("query", "")
    fmt = request.query_params.get("format", "csv")
    if fmt not in DOWNLOADS:
        raise RequestError(400, "bad_request", f"unknown format {fmt!r}; formats: {', '.join(DOWNLOADS)}")
    if not text.strip():
        raise RequestError(400, "missing_query", "no query to download")
    check_query(text)
    answer = await request.app.state.pool.run(text, fmt)
    ext = {"application/sparql-results+json": "json", "text/turtle; charset=utf-8": "ttl"}.get(
        answer.media_type, DOWNLOADS[fmt])
    headers = {"Content-Disposition": f'attachment; filename="hykg-query.{ext}"', "X-Hykg-Truncated":
               "true" if answer.truncated else "false"}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def routes() -> list[Any]:
    """The explorer's routes (pages, graph frames, downloads, search API, static assets)."""
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from . import pictures

    return [
        Route("/", home), Route("/search", search), Route("/api/search", api_search),
        Route("/entity/{eid:path}", entity), Route("/chains", chains), Route("/chain/{eid:path}", chain),
        Route("/parks", parks), Route("/park/{eid:path}", park), Route("/graph/{kind}/{eid:path}", graph_frame),
        Route("/graph/overview", graph_frame), Route("/panorama/{eid:path}", pictures.panorama),
        Route("/query", query_page), Route("/query/download", download),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
