"""Analysis commands: path, upstream / downstream, analyze (circular, chain, risk, could-supply), export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import emit, format_option, kg_of, lang_option

PROJECTIONS = ("supply", "park", "membership", "ego")


@click.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--max-length", type=click.IntRange(min=1), default=6, show_default=True, help="Longest path, in flows.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many paths.")
@click.option("--inferred", is_flag=True, help="Also walk inferred could-supply links (marked inferred).")
@format_option()
@lang_option
@click.pass_context
def path_cmd(ctx: click.Context, a: str, b: str, max_length: int, limit: int, inferred: bool, fmt: str, lang: str) -> None:
    """Material paths from firm A to firm B (or park A to park B), shortest first, with each step's flows."""
    from ..analysis.supply import paths
    from ..present.analysis import path_rows, path_text

    r = paths(kg_of(ctx), a, b, max_length, limit, inferred)
    emit(fmt, r, lambda: path_text(r, lang), lambda: path_rows(r, lang))


def _closure_command(direction: str, help_text: str) -> click.Command:
    @click.argument("name")
    @click.option("--depth", type=click.IntRange(min=1), default=None, help="Stop after this many steps (default: any depth).")
    @format_option()
    @lang_option
    @click.pass_context
    def command(ctx: click.Context, name: str, depth: int | None, fmt: str, lang: str) -> None:
        from ..analysis.supply import closure_report
        from ..present.analysis import closure_rows, closure_text

        r = closure_report(kg_of(ctx), name, direction, depth)
        emit(fmt, r, lambda: closure_text(r, lang), lambda: closure_rows(r, lang))

    command.__doc__ = help_text
    return click.command(direction)(command)


upstream = _closure_command("upstream", "Every firm (or park) that feeds NAME, directly or through others, with its distance.")
downstream = _closure_command("downstream", "Every firm (or park) that NAME feeds, directly or through others, with its distance.")


@click.group("analyze")
def analyze() -> None:
    """Network analyses: circular economy, chain structure, supply risk, inferred could-supply links."""


@analyze.command("circular")
@click.option("--park", default=None, help="Only the firms of this park (and its parts).")
@click.option("--max-length", type=click.IntRange(min=2), default=6, show_default=True, help="Longest loop, in firms.")
@format_option()
@lang_option
@click.pass_context
def circular_cmd(ctx: click.Context, park: str | None, max_length: int, fmt: str, lang: str) -> None:
    """Loops, strongly connected components and ecological network analysis figures (csv: the figures)."""
    from ..analysis.circular import circular
    from ..present.analysis import circular_text, metric_rows

    r = circular(kg_of(ctx), park, max_length)
    emit(fmt, r, lambda: circular_text(r, lang), lambda: metric_rows(r, lang))


@analyze.command("chain")
@click.argument("name")
@click.option("--park", default=None, help="Count as local only the firms and parks of this park (and its parts).")
@click.option("--prospects", "per_industry", type=click.IntRange(min=1), default=None, metavar="N",
              help="Also list up to N candidate listed companies nationwide per matching industry "
                   "(招商目标; needs `hykg import chainkg`), as `hykg prospects` does.")
@format_option()
@lang_option
@click.pass_context
def chain_cmd(ctx: click.Context, name: str, park: str | None, per_industry: int | None, fmt: str, lang: str) -> None:
    """Segments of chain NAME with local firms, parks and projects; gaps; local supporting rate."""
    from ..analysis.structure import chain_structure
    from ..present.analysis import chain_rows, chain_structure_text

    kg = kg_of(ctx)
    r = chain_structure(kg, name, park)
    if per_industry is None:
        emit(fmt, r, lambda: chain_structure_text(r, lang), lambda: chain_rows(r, lang))
        return
    from ..datasets.chainkg.questions import candidates_for_chain
    from .data import prospects_text

    r["prospects"] = candidates_for_chain(kg, name, per_industry)
    emit(fmt, r, lambda: chain_structure_text(r, lang) + "\n\n" + prospects_text(r["prospects"]),
          lambda: chain_rows(r, lang))


@analyze.command("risk")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Betweenness: this many nodes.")
@format_option()
@lang_option
@click.pass_context
def risk_cmd(ctx: click.Context, top: int, fmt: str, lang: str) -> None:
    """Cut points, dominators, single-supplier dependencies and betweenness of the firm and park networks."""
    from ..analysis.risk import risk
    from ..present.analysis import risk_rows, risk_text

    r = risk(kg_of(ctx), top)
    emit(fmt, r, lambda: risk_text(r, lang), lambda: risk_rows(r, lang))


@analyze.command("could-supply")
@click.argument("name", required=False)
@format_option()
@lang_option
@click.pass_context
def could_cmd(ctx: click.Context, name: str | None, fmt: str, lang: str) -> None:
    """Inferred links "A could supply B" (A makes what B uses or needs as input), with the facts behind each."""
    from ..analysis.supply import could_supply
    from ..present.analysis import could_rows, could_text

    r = could_supply(kg_of(ctx), name)
    emit(fmt, r, lambda: could_text(r, lang), lambda: could_rows(r, lang))


RDF_FORMATS = ("turtle", "trig", "json-ld", "rdfxml", "nquads", "ntriples")


@click.command("export")
@click.argument("projection", type=click.Choice([*PROJECTIONS, "ledger", "graph"]))
@click.argument("chain", required=False)
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "csv", "xlsx", *RDF_FORMATS]),
              help="graphml/gexf/csv: a projection; xlsx/csv: a ledger; turtle/trig/json-ld/rdfxml/nquads/ntriples: "
                   "the graph itself (default: from the -o file's suffix).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--name", default=None, help="ego: the entity at the centre.")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, help="ego: steps around the entity.")
@click.option("--inferred", is_flag=True, help="supply: add inferred could-supply links (status inferred).")
@click.pass_context
def export_cmd(ctx: click.Context, projection: str, chain: str | None, fmt: str | None, output: Path, name: str | None,
               depth: int, inferred: bool) -> None:
    """Write a projection (supply, park, membership, ego) as GraphML, GEXF 1.3 (Gephi) or a CSV edge list;
    `ledger [CHAIN]`: the firms (of CHAIN) as a ledger in the columns `hykg import ledger` reads (.xlsx or
    CSV with a BOM, for Excel/WPS), with their latest figures and a sources column; or `graph`: the graph
    itself (the built graph and the imported datasets next to it) as Turtle, TriG, JSON-LD, RDF/XML,
    N-Quads or N-Triples."""
    suffix = output.suffix.lower().lstrip(".")
    if projection == "ledger":
        from ..present.tables import write_table
        from ..query.ledger_table import ledger_rows

        fmt = fmt or ("csv" if suffix == "csv" else "xlsx")
        if fmt not in ("csv", "xlsx"):
            raise click.UsageError("a ledger is written as xlsx or csv")
        headers, rows = ledger_rows(kg_of(ctx), chain)
        write_table(output, headers, rows, fmt)
        click.echo(f"wrote {output}: {len(rows)} firms, {len(headers)} columns (ledger{' of ' + chain if chain else ''}, {fmt})")
        return
    if chain:
        raise click.UsageError(f"{projection} takes no CHAIN argument (ego: --name NAME)")
    if projection == "graph":
        by_suffix = {"ttl": "turtle", "trig": "trig", "jsonld": "json-ld", "rdf": "rdfxml", "nq": "nquads", "nt": "ntriples"}
        fmt = fmt or by_suffix.get(suffix)
        if fmt not in RDF_FORMATS:
            raise click.UsageError("the graph is written as " + "/".join(RDF_FORMATS))
        from ..present.rdfout import export_rdf
        from ..stores.base import graph_files
        from .data import _graph

        files = graph_files(_graph(ctx))
        quads = export_rdf(files, fmt, output)
        click.echo(f"wrote {output}: {quads} quads from {', '.join(p.name for p in files)} ({fmt})")
        return
    fmt = fmt or (suffix if suffix in ("graphml", "gexf", "csv") else None)
    if fmt in RDF_FORMATS:
        raise click.UsageError(f"{fmt} writes the graph itself: hykg export graph --format {fmt}")
    if fmt not in ("graphml", "gexf", "csv"):
        raise click.UsageError("give --format graphml, gexf or csv (or an -o file ending in one)")
    from ..present.export import export_graph

    g = _projection(ctx, projection, name, depth, inferred)
    out = export_graph(g, fmt, output)
    click.echo(f"wrote {out}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges ({projection}, {fmt})")


def _projection(ctx: click.Context, projection: str, name: str | None, depth: int, inferred: bool) -> Any:
    from ..query import projections as project

    kg = kg_of(ctx)
    if projection == "ego":
        if not name:
            raise click.UsageError("ego needs --name NAME")
        return project.ego_graph(kg, name, depth)
    if name:
        raise click.UsageError("--name is only for the ego projection")
    if inferred and projection != "supply":
        raise click.UsageError("--inferred is only for the supply projection")
    if projection == "supply":
        g = project.supply_network(kg)
        if inferred:
            from ..analysis.supply import add_inferred_edges, could_supply

            add_inferred_edges(g, could_supply(kg)["links"])
        return g
    return project.park_network(kg) if projection == "park" else project.membership_graph(kg)


COMMANDS = [path_cmd, upstream, downstream, analyze, export_cmd]
