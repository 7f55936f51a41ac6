"""`hykg ingest`, `hykg review`: read a new document into candidate facts, and review them into the workspace."""

from __future__ import annotations

from pathlib import Path

import click

from .options import emit, format_option, kg_of
from .workspace import _workspace

SHOWN = 40


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--title", help="The document's title (default: read off the text, else 未说明 / not stated).")
@click.option("--publisher", help="Who published it (default: read off the text, else not stated).")
@click.option("--date", help="When it was issued, e.g. 2024-11-20 (default: read off the text, else not stated).")
@click.option("--url", help="Where it was published.")
@format_option("table", "json")
@click.pass_context
def ingest(ctx: click.Context, file: Path, title: str | None, publisher: str | None, date: str | None,
           url: str | None, fmt: str) -> None:
    """Read FILE (.txt, .md, .html, .docx, text-layer .pdf; UTF-8, UTF-16, GBK or Big5) and propose what it states.

    The document is registered in the workspace (data/sources.yaml, its text in corpus/, id from its
    sha256) and its candidates (entities linked to the graph, relations, material flows, figures,
    each quoting its span) are written to candidates/DOCID.yaml with confidence, why and review:
    pending. Nothing enters the graph before `hykg review DOCID --accept ...`. An empty, binary,
    non-Chinese or already ingested file is refused (exit 1) and the workspace left unchanged.
    """
    from ..curation.ingest import ingest as run
    from ..curation.ingest_conflicts import graph_says
    from ..curation.ingest_entities import known_from_graph

    ws = _workspace()
    kg = kg_of(ctx)
    r = run(ws, file, known_from_graph(kg), title=title, publisher=publisher, date=date, url=url, says=graph_says(kg))
    data = r.as_json()

    def text() -> str:
        a = r.analysis
        known = sum(1 for e in a.entities if e.known)
        lines = [f"{file.name}: document {r.doc_id} ({len(a.norm.source)} characters, {a.norm.script}, "
                 f"{r.meta['encoding']})",
                 f"  {len(a.entities)} entities ({known} known, {len(a.entities) - known} new or possible), "
                 f"{len(a.relations)} relations, {len(a.flows)} flows, {len(a.figures)} figures"]
        for e in a.entities[:SHOWN]:
            link = f" -> {e.linked}" + (f" ({e.link_score})" if e.link_score < 1 else "") if e.linked else " (new)"
            lines.append(f"  {e.candidate:>4} {e.type:<20} {e.label}{link}")
        if len(a.entities) > SHOWN:
            lines.append(f"  ... and {len(a.entities) - SHOWN} more (--format json lists all)")
        n = sum(1 for rec in r.records if rec.get("conflicts"))
        if n:
            lines.append(f"{n} candidates say otherwise than the graph (hykg review {r.doc_id} shows both; both are kept)")
        lines.append(f"wrote {r.written}\nnext: hykg review {r.doc_id}; hykg review {r.doc_id} --accept IDS|all")
        return "\n".join(lines)

    emit(fmt, data, text)


@click.command()
@click.argument("doc")
@click.option("--accept", metavar="IDS|all", help="Accept these candidates (e1,r2,n3 ...) or all.")
@click.option("--reject", metavar="IDS|all", help="Reject these candidates.")
@click.option("--apply", "apply_", is_flag=True,
              help="Write the accepted candidates again after editing candidates/DOCID.yaml by hand.")
@format_option("table", "json")
def review(doc: str, accept: str | None, reject: str | None, apply_: bool, fmt: str) -> None:
    """List the candidates of ingested document DOC, or accept / reject them.

    Accepted candidates go into the workspace's data/curated/ingested_DOC.yaml (made afresh from
    candidates/DOC.yaml, which may be edited by hand: label, type, id, review); `hykg build` then
    includes them with their quotes. A candidate naming another one that is not accepted is refused.
    """
    from ..curation.ingest_review import decide, load

    ws = _workspace()
    rv = decide(ws, doc, accept, reject) if (accept or reject or apply_) else load(ws, doc)
    rows = rv.rows()
    data = {"doc": doc, "file": str(rv.path), "candidates": rows,
            "written": str(rv.written) if rv.written else None, "changed": rv.changed or []}

    def text() -> str:
        counts = {s: sum(1 for r in rows if r["review"] == s) for s in ("pending", "accepted", "rejected")}
        lines = [f"document {doc}: {len(rows)} candidates ({counts['pending']} pending, {counts['accepted']} "
                 f"accepted, {counts['rejected']} rejected) in {rv.path}"]
        for r in rows:
            lines.append(f"  {r['candidate']:>4} {r['review']:<8} {str(r['type']):<17} {r['what']}  「{r['quote']}」")
            lines += [f"       {line}" for line in conflict_lines(r["conflicts"])]
        if accept or reject or apply_:
            lines.append(f"wrote {rv.written}; run `hykg build` to put them into the graph" if rv.written
                         else "no candidate accepted: nothing in the workspace's data")
        return "\n".join(lines)

    emit(fmt, data, text)


def conflict_lines(conflicts: list[dict]) -> list[str]:
    """What the graph says otherwise, one line each, beside the candidate (both are kept)."""
    out = []
    for c in conflicts:
        if "members_in_graph" in c:
            out.append(f"≠ {c['id']} in the graph has {'、'.join(c['members_in_graph'])} "
                       f"({', '.join(c['docs']) or 'no document'}); here: {'、'.join(c['members_here'])}")
        else:
            said = c.get("value", c.get("valueText", ""))
            out.append(f"≠ {c['id']} in the graph: {said} {c.get('unit', '')} ({c.get('doc', 'no document')}"
                       + (f" 「{c['quote']}」" if c.get("quote") else "") + ")")
    return out


COMMANDS = [ingest, review]
