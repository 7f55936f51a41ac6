"""`hykg report chain`: a chain's development report (HTML or Markdown) from the graph alone."""

from __future__ import annotations

from pathlib import Path

import click

from .options import format_option, kg_of


@click.group()
def report() -> None:
    """Write reports from the graph (self-contained HTML or Markdown, every figure with its source)."""


@report.command("chain")
@click.argument("name")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: .html (default) or .md for Markdown.")
@format_option("table", "json", "html", "md",
               help="How to report what was written: table (a line of text) or json; html and md (as before) "
                    "choose the file's format, as --file-format does.")
@click.option("--file-format", type=click.Choice(["html", "md"]),
              help="Format of the report file (default: from the file's suffix; .md -> md, else html).")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@click.pass_context
def chain_report(ctx: click.Context, name: str, out: Path, fmt: str, file_format: str | None, as_json: bool) -> None:
    """The development report of chain NAME: organisation, parks, firms by segment, projects, targets
    against the latest statistics, loops and risks, gaps and candidate firms, with numbered sources."""
    from ..present.report_render import write_chain_report
    from ..present.text import to_json

    if fmt in ("html", "md"):
        if file_format and file_format != fmt:
            raise click.UsageError(f"--format {fmt} and --file-format {file_format} disagree")
        file_format, fmt = fmt, "table"
    s = write_chain_report(kg_of(ctx), name, out, file_format)
    if as_json or fmt == "json":
        click.echo(to_json(s))
    else:
        click.echo(f"wrote {s['out']} ({s['format']}): {s['chain']['label']} ({s['chain']['id']}): {s['firms']} firms, "
                   f"{s['projects']} projects, {s['targets']} targets, {s['sources']} sources")


COMMANDS = [report]
