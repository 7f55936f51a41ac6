"""`hykg init`, `hykg status`, `hykg add`, `hykg import ledger`: the user's own workspace, ledgers and one-off facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import emit, format_option, kg_of

SHOWN_PROBLEMS = 30


def _workspace() -> Any:
    from ..curation.workspace import current
    from ..errors import HykgError

    ws = current()
    if ws is None:
        raise HykgError("no workspace here: create one with `hykg init DIR` and run hykg inside it "
                        "(or give --workspace DIR, or set HYKG_WORKSPACE)")
    return ws


def _graph(ctx: click.Context) -> Path:
    from ..curation.fresh import ensure_built

    graph = ctx.obj.get("graph") if ctx.obj else None
    return Path(graph) if graph else ensure_built()


@click.command()
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The workspace's name (default: the folder's).")
@format_option("table", "json")
def init(folder: Path, name: str | None, fmt: str) -> None:
    """Create a workspace in FOLDER (default: here): data/, corpus/, ledgers/, graph/ and hykg-workspace.yaml.

    Every hykg command run inside it (or given --workspace FOLDER) builds and reads the bundled
    Hengyang data together with the workspace's own. An existing workspace is left as it is.
    """
    from ..curation.workspace import MARKER
    from ..curation.workspace import init as run

    existed = (folder / MARKER).is_file()
    ws = run(folder, name)
    data = {"workspace": str(ws.root), "created": not existed}
    emit(fmt, data, lambda: (f"workspace {ws.root} already exists: left as it is" if existed else
                             f"created workspace {ws.root}\n  data/sources.yaml, data/curated/  your documents and facts"
                             "\n  corpus/   the texts your quotes cite\n  ledgers/  firm ledgers (hykg import ledger FILE)"
                             "\n  graph/    what hykg build writes\nnext: hykg add enterprise NAME ... ; hykg build"))


@click.command()
@format_option("table", "json")
@click.pass_context
def status(ctx: click.Context, fmt: str) -> None:
    """Which workspace, graph, corpus and imported datasets are in use, and why (flag, environment, folder)."""
    from .. import resources, settings
    from ..curation.workspace import current, describe

    ws = current()
    if ws is not None and ctx.obj and ctx.obj.get("workspace_flag"):
        from dataclasses import replace

        ws = replace(ws, source="flag")
    root = ctx.find_root()
    if ctx.obj and ctx.obj.get("graph"):
        graph, gsource = Path(ctx.obj["graph"]), "flag" if root.params.get("graph") else "environment"
    elif settings.is_set("graph"):
        graph, gsource = Path(settings.get("graph")), "environment"
    else:
        graph, gsource = resources.user_graph(), "workspace" if ws else "default"
    corpus = resources.default_corpus()
    csource = "environment" if settings.is_set("corpus") else "found" if corpus else "not found"
    d = describe(ws, graph, corpus, gsource, csource)

    def text() -> str:
        w = d["workspace"]
        lines = [f"workspace: {w['root']} ({w['source']}): {w['records']} record files, {w['documents']} documents, "
                 f"{w['ledgers']} ledger files" if isinstance(w, dict) else "workspace: none (hykg init DIR creates one)"]
        g: Any = d["graph"]
        lines.append(f"graph:     {g['file']} ({g['source']})" + ("" if g["exists"] else " (not built yet)"))
        c: Any = d["corpus"]
        lines.append(f"corpus:    {c['folder'] or 'not found: quotes of the bundled data are not checked'} ({c['source']})")
        ds: Any = d["datasets"]
        lines.append("datasets:  " + (", ".join(f"{x['name']} ({x['bytes']} bytes)" for x in ds) if ds else "none imported"))
        return "\n".join(lines)

    emit(fmt, d, text)


@click.command("ledger")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--sheet", help="Worksheet of an .xlsx file (default: the first).")
@click.option("--map", "maps", multiple=True, metavar="列名=FIELD",
              help="Read column 列名 as FIELD: name, code, aliases, chain, park, county, products, materials, "
                   "ignore, or figure:指标:单位[:年份] (repeatable).")
@click.option("--encoding", help="Encoding of a CSV file (default: detected: UTF-8, UTF-8 with BOM, GBK/GB18030).")
@click.option("--skip-bad", is_flag=True, help="Import the good rows and list the bad ones (default: import nothing).")
@click.option("--allow-shrink", is_flag=True,
              help="Import even when the ledger has far fewer rows than at its last import (default: refuse).")
@format_option("table", "json")
@click.pass_context
def import_ledger(ctx: click.Context, file: Path, sheet: str | None, maps: tuple[str, ...], encoding: str | None,
                  skip_bad: bool, allow_shrink: bool, fmt: str) -> None:
    """Import a firm ledger (企业资料台账, .xlsx or .csv) into its own named graph next to the built graph.

    Chinese headers are recognised (企业名称, 统一社会信用代码, 简称/曾用名, 所属产业链, 所在园区, 所在区县,
    主要产品, 主要原料, figures such as 2023年产值(亿元)). Each row's firm is matched by credit code, name or
    alias, or is new; each fact cites the ledger, the row and the cell. A bad row is reported as
    FILE:ROW: column: message and nothing is written (exit 1) unless --skip-bad. Re-importing the same
    file replaces its graph and never duplicates; a copy with under half the rows of the last import is
    refused (exit 1, the last import kept) unless --allow-shrink.
    """
    from ..curation.ledger import parse_map, read_ledger
    from ..curation.ledger_graph import import_ledger as run
    from ..present.text import to_json

    ledger = read_ledger(file, sheet, parse_map(list(maps)), encoding)
    report = run(ledger, kg_of(ctx), _graph(ctx), skip_bad=skip_bad, allow_shrink=allow_shrink)
    data = report.as_json()
    if fmt == "json":
        click.echo(to_json(data))
    else:
        lines = report.problem_lines()
        for line in lines[:SHOWN_PROBLEMS]:
            click.echo(line, err=True)
        if len(lines) > SHOWN_PROBLEMS:
            click.echo(f"... and {len(lines) - SHOWN_PROBLEMS} more (--format json lists all)", err=True)
        lg = report.ledger
        head = f"{lg.path.name}{f' [{lg.sheet}]' if lg.sheet else ''} ({lg.encoding}, {len(lg.rows)} rows, id {lg.id})"
        if report.written or report.unchanged:
            click.echo(f"{head}: {report.imported} firms imported ({report.matched} matched, {report.new} new)"
                       + (f", {len(report.problems)} problems left out" if report.problems else "")
                       + (f"; {report.out} unchanged" if report.unchanged else f"; wrote {report.out}"))
        else:
            click.echo(f"{head}: {len(report.problems)} problems: nothing written (fix them, or --skip-bad)")
        if lg.ignored:
            click.echo(f"columns not read: {', '.join(lg.ignored)} (--map 列名=FIELD reads one)")
    if report.problems and not skip_bad:
        ctx.exit(1)


@click.group("add")
def add_group() -> None:
    """Add one reviewed fact to the workspace: a curated YAML record citing a document or editorial."""


def _add_command(kind: str) -> Any:
    @click.argument("name")
    @click.option("--park", help="The park it is in (name or id).")
    @click.option("--chain", help="The industrial chain it belongs to (name or id).")
    @click.option("--product", "products", multiple=True, help="A product it makes (repeatable; new ones are added).")
    @click.option("--doc", help="The source document's id (the workspace's data/sources.yaml or a bundled one).")
    @click.option("--quote", help="A verbatim span of the document that states it (checked against its text).")
    @click.option("--editorial", help="No document: why a curator adds it (the record is editorial).")
    @click.option("--en", help="English name (default: a generated pinyin transliteration, marked generated).")
    @format_option("table", "json")
    @click.pass_context
    def command(ctx: click.Context, name: str, park: str | None, chain: str | None, products: tuple[str, ...],
                doc: str | None, quote: str | None, editorial: str | None, en: str | None, fmt: str) -> None:
        from ..curation.add import add

        r = add(_workspace(), kg_of(ctx), kind, name, park=park, chain=chain, products=products, doc=doc,
                quote=quote, editorial=editorial, en=en)
        emit(fmt, {"id": r.id, "file": str(r.file), "record": r.record},
             lambda: f"added {r.id} to {r.file}\nrun `hykg build` to put it into the graph")

    command.__doc__ = f"Add a{'n' if kind[0] in 'aeiou' else ''} {kind} NAME to the workspace (a curated record)."
    return click.command(kind)(command)


for _kind in ("enterprise", "park", "project"):
    add_group.add_command(_add_command(_kind))

COMMANDS = [init, status, add_group]
