"""The `hykg` command: parse options, call one library function, format the answer."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import HykgError, QuerySyntaxError

FORMATS = click.Choice(["table", "json", "csv"])
LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                    help="Language of labels in tables.")


def _fail(exc: HykgError) -> None:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(2 if isinstance(exc, QuerySyntaxError) else 1)


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the project's errors into a message on stderr and a non-zero exit (2 for syntax errors)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except HykgError as exc:
            _fail(exc)

    return wrapper


def _kg(ctx: click.Context) -> Any:
    from .kg import load

    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "kg" not in obj:
        obj["kg"] = load(obj.get("graph"), store=obj.get("store"))
    return obj["kg"]


def _emit(fmt: str, data: Any, text: Callable[[], str], rows: Callable[[], tuple[list[str], list[list[Any]]]] | None = None) -> None:
    from .output import to_csv, to_json

    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        if rows is None:
            raise click.UsageError("csv is not available for this command; use json")
        click.echo(to_csv(*rows()), nl=False)
    else:
        click.echo(text())


class _TopicGroup(click.Group):
    """The `hykg` group: the topic modules' commands (hykg.commands) are added on first use, not at import."""

    _topics_loaded = False

    def _load_topics(self) -> None:
        if not self._topics_loaded:
            self._topics_loaded = True
            from .commands import register

            register(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_topics()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load_topics()
        return super().get_command(ctx, cmd_name)


@click.group(cls=_TopicGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), envvar="HYKG_GRAPH",
              help="Built graph to query (default: the user graph, built from the bundled data on first use).")
@click.option("--store", envvar="HYKG_STORE", metavar="SPEC",
              help="Store backend: oxigraph (default, in memory), memory (rdflib), oxigraph:PATH (on disk) "
                   "or sparql:URL (a SPARQL 1.1 endpoint).")
@click.version_option(package_name="hykg")
@click.pass_context
def main(ctx: click.Context, graph: Path | None, store: str | None) -> None:
    """hykg: the Hengyang Industrial Knowledge Graph (衡阳产业知识图谱).

    Query chains, parks, enterprises, projects and who feeds whom; every answer cites its source.
    """
    ctx.ensure_object(dict)
    ctx.obj["graph"] = graph
    ctx.obj["store"] = store


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the graph (default: $HYKG_HOME/hykg.nq.gz or ~/.local/share/hykg/hykg.nq.gz).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Curated data folder (default: the bundled data/).")
@click.option("--ontology", "ontology_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Ontology folder (default: the bundled ontology/).")
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Source corpus for span checks (default: $HYKG_CORPUS or ../shared/corpus).")
@click.option("--no-corpus-check", is_flag=True, help="Skip checking quotes against the corpus.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handle_errors
def build(out: Path | None, data_dir: Path | None, ontology_dir: Path | None, corpus: Path | None,
          no_corpus_check: bool, fmt: str) -> None:
    """Build the graph: ontology + curated data, SHACL-validated, span-checked, written atomically."""
    from .build import build as run_build
    from .output import table, to_json

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


@main.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "turtle", "ntriples", "json-ld"]),
              default="table", show_default=True,
              help="json/csv/tsv: W3C SPARQL results (SELECT/ASK); turtle/ntriples/json-ld: CONSTRUCT/DESCRIBE.")
@click.pass_context
@handle_errors
def sparql(ctx: click.Context, query: str | None, query_file: Any, fmt: str) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Standard prefixes are predeclared: hykg:, rdfs:, skos:, org:, prov:, dcterms: and one per id
    space (ent:, park:, chain:, proj: ...). Updates and SERVICE are refused.
    """
    from .output import graph_text, sparql_csv, sparql_json, sparql_table, to_json
    from .store import Solutions, Triples

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -f FILE (one of them)")
    text = query if query is not None else query_file.read()
    result = _kg(ctx).query(text)
    if isinstance(result, Triples):
        click.echo(sparql_table(result) if fmt == "table" else graph_text(result, fmt if fmt in ("ntriples", "json-ld") else "turtle"))
    elif fmt == "json":
        click.echo(to_json(sparql_json(result)))
    elif fmt in ("csv", "tsv") and isinstance(result, Solutions):
        click.echo(sparql_csv(result, tsv=fmt == "tsv"), nl=False)
    else:
        click.echo(sparql_table(result))


@main.command()
@click.argument("text")
@click.option("--limit", default=50, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@LANG
@click.pass_context
@handle_errors
def search(ctx: click.Context, text: str, limit: int, fmt: str, lang: str) -> None:
    """Entities whose name or alias (zh or en) contains TEXT."""
    from .output import table
    from .textviews import search_rows

    hits = _kg(ctx).search(text, limit)
    _emit(fmt, hits, lambda: table(*search_rows(hits, lang)) if hits else f"nothing matches {text!r}",
          lambda: search_rows(hits, lang))


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@LANG
@click.pass_context
@handle_errors
def show(ctx: click.Context, name: str, fmt: str, lang: str) -> None:
    """The entity card: types, names, every relation both ways, with status and sources."""
    from .textviews import card_text, relation_rows

    card = _kg(ctx).show(name)
    _emit(fmt, card, lambda: card_text(card, lang), lambda: relation_rows(card["relations"], lang))


def _flow_command(direction: str, help_text: str) -> Any:
    @click.argument("name")
    @click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
                  help="Follow the chain of supply this many steps.")
    @click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
    @LANG
    @click.pass_context
    @handle_errors
    def command(ctx: click.Context, name: str, depth: int, fmt: str, lang: str) -> None:
        from .textviews import flow_rows, flows_text

        kg = _kg(ctx)
        answer = kg.feeds(name, depth) if direction == "feeds" else kg.fed_by(name, depth)
        _emit(fmt, answer, lambda: flows_text(answer, lang), lambda: flow_rows(answer, lang))

    command.__doc__ = help_text
    return command


main.command("feeds")(_flow_command("feeds", "Whom the firm or park NAME supplies: party, material, status, sources."))
main.command("fed-by")(_flow_command("fed_by", "Who supplies the firm or park NAME: party, material, status, sources."))


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@click.pass_context
@handle_errors
def chain(ctx: click.Context, name: str, fmt: str, lang: str) -> None:
    """The profile of an industrial chain: scheme, posts, offices, members, targets."""
    from .textviews import chain_text

    p = _kg(ctx).chain(name)
    _emit(fmt, p, lambda: chain_text(p, lang))


@main.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@click.pass_context
@handle_errors
def park(ctx: click.Context, name: str, fmt: str, lang: str) -> None:
    """The profile of a park: kind, place, hosted firms and projects, flows, recognitions."""
    from .textviews import park_text

    p = _kg(ctx).park(name)
    _emit(fmt, p, lambda: park_text(p, lang))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
@handle_errors
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts of entities by type, statements by status and by source document."""
    from .textviews import stats_text

    s = _kg(ctx).stats()
    _emit(fmt, s, lambda: stats_text(s))



if __name__ == "__main__":  # pragma: no cover
    main()
