"""`hykg import`, `hykg link`, `hykg listed`, `hykg prospects`, `hykg store`: outside data and stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import emit, format_option, kg_of, lang_option
from .workspace import import_ledger

SHOWN_PROBLEMS = 20


def _graph(ctx: click.Context) -> Path:
    from ..curation.fresh import ensure_built

    graph = ctx.obj.get("graph") if ctx.obj else None
    return Path(graph) if graph else ensure_built()


def _progress(message: str) -> None:
    click.echo(message, err=True)


# ---------------------------------------------------------------------- import
@click.group("import")
def import_group() -> None:
    """Import an outside dataset into its own named graph, next to the built graph."""


@import_group.command("chainkg")
@click.argument("path", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write (default: chainkg.nq.gz next to the built graph, loaded with it).")
@click.option("--links", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Curated links file (default: the bundled data/curated/links_chainkg.yaml).")
@click.option("--no-products", is_flag=True, help="Leave out the 95k product names (a smaller, faster graph).")
@click.option("--allow-shrink", is_flag=True,
              help="Import even when a file has far fewer records than at the last import (refused otherwise).")
@format_option("table", "json")
@click.pass_context
def import_chainkg(ctx: click.Context, path: Path | None, out: Path | None, links: Path | None, no_products: bool,
                   allow_shrink: bool, fmt: str) -> None:
    """Import the ChainKG listed-company dataset (PATH, default ../shared/datasets/chainkg).

    Companies (code, exchange, listing date), Shenwan industries with their hierarchy and upstream
    links, company -> industry and product names go to the named graph .../graph/chainkg; the curated
    links to Hengyang firms and chains to .../graph/chainkg-links. Bad lines are reported by file and
    line and left out; the rest is loaded. A truncated or unreadable file, or one with far fewer
    records than the last import read (kept in chainkg.manifest.json), stops the import: the last
    import stays.
    """
    from ..datasets.chainkg.importer import default_source
    from ..datasets.chainkg.importer import import_chainkg as run
    from ..present.text import table, to_json

    graph = _graph(ctx)
    report = run(path or default_source(), out or graph.parent / "chainkg.nq.gz", graph, links,
                 products=not no_products, progress=None if fmt == "json" else _progress, allow_shrink=allow_shrink)
    data = {"out": str(report.out), "quads": report.quads, "counts": report.counts, "links": report.links,
            "seconds": report.seconds, "problems": report.problems, "notes": report.notes}
    if fmt == "json":
        click.echo(to_json(data))
        return
    click.echo(f"wrote {report.out}: {report.quads} quads ({report.links} curated link statements) "
               f"in {report.seconds:.1f} s")
    click.echo(table(["what", "count"], [[k, v] for k, v in report.counts.items()]))
    for title, items in (("problems (lines left out or partly loaded)", report.problems),
                         ("notes (handled)", report.notes)):
        if items:
            click.echo(f"\n{len(items)} {title}:")
            click.echo("\n".join(f"  {p}" for p in items[:SHOWN_PROBLEMS]))
            if len(items) > SHOWN_PROBLEMS:
                click.echo(f"  ... and {len(items) - SHOWN_PROBLEMS} more (--format json lists all)")
    store = ctx.obj.get("store") or ""
    if store.startswith("sparql:"):
        click.echo(f"\nto update the endpoint: hykg store load {store}")
    elif store in ("", "oxigraph") or store.startswith("oxigraph:"):
        click.echo("\nevery hykg command now reads this file too: the next one rebuilds the on-disk store (once)")
    else:
        click.echo("\nevery hykg command now loads this file too (at every start, with this store)")


# ---------------------------------------------------------------------- link
@click.group()
def link() -> None:
    """Links between Hengyang enterprises and listed companies (ChainKG)."""


def _candidate_rows(rows: list[dict[str, Any]], lang: str) -> tuple[list[str], list[list[Any]]]:
    name = "label_en" if lang == "en" else "label"
    return (["entity", "name", "listed", "code", "industry", "score", "reason", "curated"],
            [[r["entity"]["id"], r["entity"][name], r["listed"]["label"], r["listed"]["code"],
              (r["listed"]["industry"] or {}).get("label", ""), f"{r['score']:.2f}", r["reason"],
              "yes" if r["linked"] else ""] for r in rows])


@link.command("candidates")
@click.argument("name", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Candidates per enterprise.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.7, show_default=True)
@format_option()
@lang_option
@click.pass_context
def link_candidates(ctx: click.Context, name: str | None, limit: int, min_score: float, fmt: str, lang: str) -> None:
    """Listed companies whose names match Hengyang enterprises (all, or NAME), with a score, for review.

    Only the links in data/curated/links_chainkg.yaml enter the graph ("curated: yes").
    """
    from ..datasets.chainkg.matching import candidates
    from ..present.text import table

    rows = candidates(kg_of(ctx), name, limit, min_score)
    emit(fmt, rows, lambda: table(*_candidate_rows(rows, lang)) if rows else "no candidates (is chainkg imported?)",
          lambda: _candidate_rows(rows, lang))


def _link_rows(rows: list[dict[str, Any]], lang: str) -> tuple[list[str], list[list[Any]]]:
    name = "label_en" if lang == "en" else "label"
    return (["entity", "name", "relation", "listed", "code", "industry", "status", "rationale"],
            [[r["entity"]["id"], r["entity"][name], r["relation"], r["listed"]["label"], r["listed"]["code"],
              (r["industry"] or {}).get("label", ""), r["status"], "; ".join(r["rationale"])] for r in rows])


@link.command("list")
@format_option()
@lang_option
@click.pass_context
def link_list(ctx: click.Context, fmt: str, lang: str) -> None:
    """The curated links in the graph: enterprise, relation, listed company, its industry, rationale."""
    from ..datasets.chainkg.questions import curated_links
    from ..present.text import table

    rows = curated_links(kg_of(ctx))
    emit(fmt, rows, lambda: table(*_link_rows(rows, lang)) if rows else "no curated links (is chainkg imported?)",
          lambda: _link_rows(rows, lang))


# ---------------------------------------------------------------------- listed, prospects
@click.command()
@click.argument("name")
@format_option("table", "json")
@click.pass_context
def listed(ctx: click.Context, name: str, fmt: str) -> None:
    """A listed company (stock code, listed/CODE or exact name): industry, upstream, linked firms."""
    from ..datasets.chainkg.questions import listed_company

    card = listed_company(kg_of(ctx), name)

    def text() -> str:
        ind = card["industry"]
        lines = [f"{card['label']}  ({card['id']})  {card['code']} {card['exchange'] or ''}".rstrip(),
                 f"listed: {card['listing_date'] or 'not given'}"]
        if card["names"]:
            lines.append("other names: " + ", ".join(card["names"]))
        if ind:
            path = " > ".join(b["label"] for b in ind["broader"])
            lines.append(f"industry: {ind['label']} ({ind['id']})" + (f"  [{path}]" if path else ""))
        if card["upstream"]:
            lines.append("upstream industries (ChainKG weight): "
                         + ", ".join(f"{u['label']} {u['weight']}" for u in card["upstream"]))
        for e in card["linked_from"]:
            lines.append(f"linked from {e['label']} ({e['id']}) as {e['relation']}: {e['status']}; "
                         + "; ".join(e["rationale"]))
        return "\n".join(lines)

    emit(fmt, card, text)


def _prospect_rows(answer: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    return (["company", "code", "exchange", "industry", "basis", "flags", "reason"],
            [[c["company"]["label"], c["company"]["code"], c["company"]["exchange"] or "", c["industry"]["label"],
              c["basis"], " ".join(f for f, on in (("ST", c["st"]), ("湖南", c["hunan"])) if on), c["reason"]]
             for c in answer["candidates"]])


def prospects_text(answer: dict[str, Any]) -> str:
    """The candidate listed companies of :func:`hykg.datasets.chainkg.candidates_for_chain` as text."""
    from ..present.text import table

    ch = answer["chain"]
    lines = [f"{ch['label']} ({ch['id']}): candidate listed companies"]
    if not answer["industries"]:
        return lines[0] + "\n(no industries for this chain: import chainkg, or curate its industries)"
    lines.append("industries:")
    said: set[str] = set()
    for i in answer["industries"]:
        left = ", ".join(f"{k} {v}" for k, v in i["left_out"].items() if v)
        lines.append(f"  {i['label']} ({i['id']}, {i['basis']}): {i['companies']} companies, "
                     f"{i['proposed']} proposed" + (f"; left out: {left}" if left else ""))
        lines += [f"    - {r}" if r not in said else "    - (the same reason)" for r in i["reasons"]]
        said.update(i["reasons"])
    lines.append(table(*_prospect_rows(answer)) if answer["candidates"] else "(no candidates)")
    return "\n".join(lines)


@click.command()
@click.argument("chain")
@click.option("--per-industry", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--upstream", type=click.IntRange(min=0), default=0, show_default=True,
              help="Also propose companies of the N heaviest upstream industries (ChainKG's weights).")
@click.option("--industry", "industries", multiple=True, metavar="CODE",
              help="Only these Shenwan industry codes (repeatable), e.g. the industries of one gap.")
@format_option()
@click.pass_context
def prospects(ctx: click.Context, chain: str, per_industry: int, upstream: int, industries: tuple[str, ...],
              fmt: str) -> None:
    """Candidate listed companies nationwide for CHAIN (招商目标), with the reason for each."""
    from ..datasets.chainkg.questions import candidates_for_chain

    answer = candidates_for_chain(kg_of(ctx), chain, per_industry, upstream, list(industries) or None)
    emit(fmt, answer, lambda: prospects_text(answer), lambda: _prospect_rows(answer))


# ---------------------------------------------------------------------- store
@click.group()
def store() -> None:
    """Store backends: load the graph into one, or describe the one in use."""


@store.command("load")
@click.argument("spec")
@click.option("--gsp", metavar="URL", help="Graph Store Protocol URL of a sparql: store (default: its /store).")
@format_option("table", "json")
@click.pass_context
def store_load(ctx: click.Context, spec: str, gsp: str | None, fmt: str) -> None:
    """Load the built graph and imported datasets into SPEC (oxigraph:PATH or sparql:URL)."""
    from ..present.text import table, to_json
    from ..stores import load_store

    r = load_store(spec, _graph(ctx), gsp, None if fmt == "json" else _progress)
    if fmt == "json":
        click.echo(to_json(r))
    elif "graphs" in r:
        click.echo(table(["graph", "triples"], [[g, n] for g, n in r["graphs"].items()]))
    else:
        click.echo(f"built {spec}: {r['quads']} quads from {', '.join(r['files'])}")


@store.command("info")
@format_option("table", "json")
@click.pass_context
def store_info(ctx: click.Context, fmt: str) -> None:
    """The store in use (--store): backend, quads, and quads per named graph."""
    from ..present.text import table
    from ..stores import store_info as info

    r = info(kg_of(ctx).store)
    emit(fmt, r, lambda: f"{r['store']}\nquads: {r['quads']}\n"
          + table(["graph", "quads"], [[g, n] for g, n in r["graphs"].items()]))


import_group.add_command(import_ledger)  # `hykg import ledger`: written with the workspace commands
COMMANDS = [import_group, link, listed, prospects, store]
