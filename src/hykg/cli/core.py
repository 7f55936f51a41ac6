"""The core commands: build, sparql, search, show, feeds / fed-by, chain, park, stats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import emit, format_option, kg_of, lang_option


@click.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the graph (default: the workspace's graph/hykg.nq.gz, else $HYKG_HOME/hykg.nq.gz "
                   "or ~/.local/share/hykg/hykg.nq.gz).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Curated data folder (default: the bundled data/ and, in a workspace, its data/).")
@click.option("--ontology", "ontology_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Ontology folder (default: the bundled ontology/).")
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Source corpus for span checks (default: $HYKG_CORPUS or ../shared/corpus).")
@click.option("--no-corpus-check", is_flag=True, help="Skip checking quotes against the corpus.")
@format_option("table", "json")
def build(out: Path | None, data_dir: Path | None, ontology_dir: Path | None, corpus: Path | None,
          no_corpus_check: bool, fmt: str) -> None:
    """Build the graph: ontology + curated data, SHACL-validated, span-checked, written atomically.

    In a workspace (`hykg init`): the bundled data plus the workspace's, whose quotes are checked
    against its own corpus/, written into the workspace's graph/.
    """
    from ..curation.build import build as run_build
    from ..present.text import table, to_json

    r = run_build(out, data_dir, ontology_dir, corpus, check_corpus=not no_corpus_check)
    for w in r.warnings:
        click.echo(f"Warning: {w}", err=True)
    data = {"out": str(r.out), "quads": r.quads, "spans_checked": r.spans_checked,
            "corpus": str(r.corpus) if r.corpus else None, "counts": r.counts}
    if fmt == "json":
        click.echo(to_json(data))
        return
    click.echo(f"built {r.out}: {r.quads} quads; {r.spans_checked} spans checked"
               + (f" against {r.corpus}" if r.corpus else ""))
    click.echo(table(["type", "count"], [[k, v] for k, v in r.counts.items()]))


@click.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "turtle", "ntriples", "json-ld"]),
              default="table", show_default=True,
              help="json/csv/tsv: W3C SPARQL results (SELECT/ASK); turtle/ntriples/json-ld: CONSTRUCT/DESCRIBE.")
@click.pass_context
def sparql(ctx: click.Context, query: str | None, query_file: Any, fmt: str) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Standard prefixes are predeclared: hykg:, rdfs:, skos:, org:, prov:, dcterms: and one per id
    space (ent:, park:, chain:, proj: ...). Updates and SERVICE are refused.
    """
    from ..present.sparql import graph_text, sparql_csv, sparql_json, sparql_table
    from ..present.text import to_json
    from ..stores.base import Solutions, Triples

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -f FILE (one of them)")
    text = query if query is not None else query_file.read()
    result = kg_of(ctx).query(text)
    if isinstance(result, Triples):
        click.echo(sparql_table(result) if fmt == "table" else graph_text(result, fmt if fmt in ("ntriples", "json-ld") else "turtle"))
    elif fmt == "json":
        click.echo(to_json(sparql_json(result)))
    elif fmt in ("csv", "tsv") and isinstance(result, Solutions):
        click.echo(sparql_csv(result, tsv=fmt == "tsv"), nl=False)
    else:
        click.echo(sparql_table(result))


@click.command()
@click.argument("text")
@click.option("--limit", default=50, show_default=True)
@format_option()
@lang_option
@click.pass_context
def search(ctx: click.Context, text: str, limit: int, fmt: str, lang: str) -> None:
    """Entities whose name or alias (zh or en) contains TEXT."""
    from ..present.answers import search_rows
    from ..present.text import table

    hits = kg_of(ctx).search(text, limit)
    emit(fmt, hits, lambda: table(*search_rows(hits, lang)) if hits else f"nothing matches {text!r}",
          lambda: search_rows(hits, lang))


@click.command()
@click.argument("name")
@format_option()
@lang_option
@click.pass_context
def show(ctx: click.Context, name: str, fmt: str, lang: str) -> None:
    """The entity card: types, names, every relation both ways, with status and sources."""
    from ..present.answers import card_text, relation_rows

    card = kg_of(ctx).show(name)
    emit(fmt, card, lambda: card_text(card, lang), lambda: relation_rows(card["relations"], lang))


def _flow_command(direction: str, help_text: str) -> Any:
    @click.argument("name")
    @click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
                  help="Follow the chain of supply this many steps.")
    @format_option()
    @lang_option
    @click.pass_context
    def command(ctx: click.Context, name: str, depth: int, fmt: str, lang: str) -> None:
        from ..present.answers import flow_rows, flows_text

        kg = kg_of(ctx)
        answer = kg.feeds(name, depth) if direction == "feeds" else kg.fed_by(name, depth)
        emit(fmt, answer, lambda: flows_text(answer, lang), lambda: flow_rows(answer, lang))

    command.__doc__ = help_text
    return command


feeds = click.command("feeds")(_flow_command("feeds", "Whom the firm or park NAME supplies: party, material, status, sources."))
fed_by = click.command("fed-by")(_flow_command("fed_by", "Who supplies the firm or park NAME: party, material, status, sources."))


@click.command()
@click.argument("name")
@format_option("table", "json")
@lang_option
@click.option("--basis", type=click.Choice(["all", "documented"]), default="all", show_default=True,
              help="documented: only the members a document states on the chain (not via a base, a matching chain or "
                   "a curator).")
@click.pass_context
def chain(ctx: click.Context, name: str, fmt: str, lang: str, basis: str) -> None:
    """The profile of an industrial chain: scheme, posts, offices, members (each with its basis), targets."""
    from ..present.answers import chain_text

    p = kg_of(ctx).chain(name, None if basis == "all" else basis)
    emit(fmt, p, lambda: chain_text(p, lang))


@click.command()
@click.argument("name")
@format_option("table", "json")
@lang_option
@click.pass_context
def park(ctx: click.Context, name: str, fmt: str, lang: str) -> None:
    """The profile of a park: kind, place, hosted firms and projects, flows, recognitions."""
    from ..present.answers import park_text

    p = kg_of(ctx).park(name)
    emit(fmt, p, lambda: park_text(p, lang))


@click.command()
@format_option("table", "json")
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts of entities by type, statements by status and by source document."""
    from ..present.answers import stats_text

    s = kg_of(ctx).stats()
    emit(fmt, s, lambda: stats_text(s))


COMMANDS = [build, sparql, search, show, feeds, fed_by, chain, park, stats]
