"""`hykg report chain`: a chain's development report (HTML or Markdown) from the graph alone."""

from __future__ import annotations

from pathlib import Path

import click

from ..cli import _kg, handle_errors


@click.group()
def report() -> None:
    """Write reports from the graph (self-contained HTML or Markdown, every figure with its source)."""


@report.command("chain")
@click.argument("name")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: .html (default) or .md for Markdown.")
@click.option("--format", "fmt", type=click.Choice(["html", "md"]),
              help="Output format (default: from the file's suffix; .md -> md, else html).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary instead of a line of text.")
@click.pass_context
@handle_errors
def chain_report(ctx: click.Context, name: str, out: Path, fmt: str | None, as_json: bool) -> None:
    """The development report of chain NAME: organisation, parks, firms by segment, projects, targets
    against the latest statistics, loops and risks, gaps and candidate firms, with numbered sources."""
    from ..output import to_json
    from ..report import write_chain_report

    s = write_chain_report(_kg(ctx), name, out, fmt)
    if as_json:
        click.echo(to_json(s))
    else:
        click.echo(f"wrote {s['out']} ({s['format']}): {s['chain']['label']} ({s['chain']['id']}): {s['firms']} firms, "
                   f"{s['projects']} projects, {s['targets']} targets, {s['sources']} sources")


COMMANDS = [report]
