"""The review page of `hykg serve --review`: an ingested document with its candidates' spans marked, and a
form that accepts, rejects or edits them, writing only into the workspace (loopback only, CSRF token)."""

from __future__ import annotations

import hmac
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..errors import DataError, HykgError, RequestError
from .explorer import render
from .protocol import read_body

#: The review states a form may set.
STATES = ("pending", "accepted", "rejected")


def marked(text: str, records: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The document as pieces, each ``{"text", "candidate"}`` (candidate "" outside every span): each
    candidate's quote marked where it occurs, longer quotes first, spans never overlapping.

    >>> [(p["text"], p["candidate"]) for p in marked("恒光用建滔的盐酸", [{"candidate": "e1", "quote": "建滔"},
    ...                                                              {"candidate": "e2", "quote": "盐酸"}])]
    [('恒光用', ''), ('建滔', 'e1'), ('的', ''), ('盐酸', 'e2')]
    """
    owner = [""] * len(text)
    for rec in sorted(records, key=lambda r: (-len(str(r.get("quote") or "")), r["candidate"])):
        quote = str(rec.get("quote") or "")
        if not quote:
            continue
        start = text.find(quote)
        while start >= 0:
            end = start + len(quote)
            if not any(owner[start:end]):
                owner[start:end] = [rec["candidate"]] * len(quote)
            start = text.find(quote, end)
    pieces: list[dict[str, str]] = []
    for ch, cand in zip(text, owner, strict=True):
        if pieces and pieces[-1]["candidate"] == cand:
            pieces[-1]["text"] += ch
        else:
            pieces.append({"text": ch, "candidate": cand})
    return pieces


_AFFIXES = re.compile(r"^(湖南省|湖南|衡阳市|衡阳)|(股份有限公司|有限责任公司|有限公司|集团|公司)$")


def choices(kg: Any, rec: dict[str, Any], limit: int = 8) -> list[dict[str, str]]:
    """Entities a reviewer may link a candidate to: the one proposed, then those whose names contain
    its label, its label without place prefix and company suffix (湖南恒光化工股份有限公司 -> 恒光化工) or the
    first two characters of that (恒光), of the candidate's type."""
    label = str(rec.get("zh") or "")
    if not label or rec.get("type") in ("Statistic", "Target"):
        return []
    out: dict[str, str] = {}
    if rec.get("linked"):
        out[str(rec["linked"])] = ""
    core = _AFFIXES.sub("", _AFFIXES.sub("", label))
    wanted = f"hykg:{rec['type']}" if rec.get("type") else None
    for text in dict.fromkeys(t for t in (label, core, core[:2]) if len(t) >= 2):
        for hit in kg.search(text, limit):
            if wanted is None or wanted in hit.get("types", []):
                out.setdefault(hit["id"], hit.get("label", ""))
    names = {k: v for k, v in out.items() if k != rec.get("id")}
    return [{"id": k, "label": v} for k, v in list(names.items())[:limit]]


def _workspace(request: Any) -> Any:
    ws = request.app.state.review_workspace
    if ws is None:
        raise RequestError(404, "not_found", "review is off: start the server with hykg serve --review")
    return ws


async def review_list(request: Any) -> Any:
    """/review: the workspace's ingested documents and how many candidates await review."""
    from ..curation.ingest_review import load

    ws = _workspace(request)
    docs = []
    for path in sorted((ws.root / "candidates").glob("*.yaml")):
        try:
            rv = load(ws, path.stem)
        except DataError as exc:
            docs.append({"id": path.stem, "error": str(exc)})
            continue
        counts = {s: sum(1 for r in rv.records if r.get("review", "pending") == s) for s in STATES}
        docs.append({"id": path.stem, "counts": counts, "meta": _sources(ws).get(path.stem, {})})
    return render(request, "review_list.html", docs=docs)


def _sources(ws: Any) -> dict[str, dict[str, Any]]:
    from ..curation.compile import read_sources

    path = ws.data_dir / "sources.yaml"
    return read_sources(path, str(path)) if path.exists() else {}


async def review_page(request: Any, saved: int | None = None) -> Any:
    """/review/DOCID: the document, its spans marked, and the candidates' form."""
    from ..curation.ingest_conflicts import figure_matches, graph_says, mark_conflicts
    from ..curation.ingest_review import load

    ws = _workspace(request)
    doc = request.path_params["doc"]
    rv = load(ws, doc)
    meta = _sources(ws).get(doc, {})
    text_path = ws.corpus_dir / str(meta.get("file", f"{doc}.txt"))
    text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
    kg = request.app.state.kg
    says = graph_says(kg)
    rows = [dict(r) for r in rv.records]
    mark_conflicts(rows, says)  # against the graph as it is now, not as it was at ingest
    rows = [{**r, "existing": figure_matches(r, says) if r.get("type") in ("Statistic", "Target") else [],
             "choices": choices(kg, r)} for r in rows]
    # same-origin: the browser then names this page's origin on the form's POST (no-referrer sends "null")
    return render(request, "review.html", headers={"Referrer-Policy": "same-origin"}, doc=doc, meta=meta,
                  pieces=marked(text, rv.records), rows=rows, states=STATES,
                  token=request.app.state.review_token, saved=saved)


def _same_origin(request: Any) -> bool:
    """A browser's Origin (or Referer) names this server, or names nothing (a non-browser client)."""
    host = request.headers.get("host", "")
    for header in ("origin", "referer"):
        value = request.headers.get(header)
        if value:
            return urlsplit(value).netloc == host
    return True


async def review_save(request: Any) -> Any:
    """POST /review/DOCID: apply the form (CSRF token checked) through hykg.curation.ingest_review.decide."""
    from ..curation.ingest_review import decide, load

    ws = _workspace(request)
    doc = request.path_params["doc"]
    body = await read_body(request.stream(), request.app.state.config.max_body)
    try:
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False))
    except UnicodeDecodeError as exc:
        raise RequestError(400, "bad_request", "the form is not valid UTF-8") from exc
    token = request.app.state.review_token
    if not hmac.compare_digest(form.get("csrf", ""), token) or not _same_origin(request):
        raise RequestError(403, "forbidden", "the review form's token is missing or stale, or it came from "
                                             "another site: reload the page and try again")
    records = {r["candidate"]: r for r in load(ws, doc).records}
    known = _known(request.app.state.kg, {form[k] for k in form if k.startswith("linked-") and form[k]})
    edits: dict[str, dict[str, Any]] = {}
    for cand, rec in records.items():
        fields: dict[str, Any] = {}
        state = form.get(f"review-{cand}")
        if state is not None:
            if state not in STATES:
                raise RequestError(400, "bad_request", f"{cand}: review must be one of {', '.join(STATES)}")
            fields["review"] = state
        for key in ("zh", "type", "linked"):
            value = form.get(f"{key}-{cand}")
            if value is not None and value.strip() != str(rec.get(key) or ""):
                fields[key] = value.strip()
        if "linked" in fields and fields["linked"] and fields["linked"] not in known:
            raise RequestError(400, "bad_request", f"{cand}: {fields['linked']} is not an entity of the graph")
        if "id" in rec and rec.get("linked"):
            merge = form.get(f"merge-{cand}") == "on"
            if merge != bool(rec.get("merge")):
                fields["merge"] = merge
        if fields:
            edits[cand] = fields
    try:
        rv = decide(ws, doc, edits=edits)
    except DataError as exc:
        raise RequestError(400, "bad_request", str(exc)) from exc
    return await review_page(request, saved=len(rv.changed or []))


def _known(kg: Any, ids: set[str]) -> set[str]:
    """Which of ``ids`` (compact, such as ``ent/hengguang``) name an entity of the graph."""
    from ..rdf import vocab
    from ..rdf.terms import sparql_iris

    if not ids:
        return set()
    iris = {vocab.iri_of(i): i for i in ids if "/" in i and " " not in i}
    rows = kg.select(f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {sparql_iris(set(iris))} }} ?x ?p ?o }}") if iris else []
    return {iris[r["x"]] for r in rows}


async def review_doc(request: Any) -> Any:
    if request.method == "POST":
        return await review_save(request)
    return await review_page(request)


def routes() -> list[Any]:
    """The review routes (mounted only under ``hykg serve --review``)."""
    from starlette.routing import Route

    return [Route("/review", review_list), Route("/review/{doc}", review_doc, methods=["GET", "POST"])]


def check_bind(host: str) -> None:
    """The review page writes: it is served on a loopback address only (HykgError otherwise).

    >>> check_bind("127.0.0.1")
    >>> check_bind("0.0.0.0")
    Traceback (most recent call last):
    ...
    hykg.errors.HykgError: hykg serve --review writes into the workspace: it listens on a loopback address only (not 0.0.0.0)
    """
    from .http import is_loopback

    if not is_loopback(host):
        raise HykgError(f"hykg serve --review writes into the workspace: it listens on a loopback address only "
                        f"(not {host})")
