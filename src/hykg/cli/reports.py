"""`hykg report chain`: a chain's development report (HTML or Markdown) from the graph alone."""

from __future__ import annotations

from pathlib import Path

import click

from .options import format_option, kg_of

#: ``--lang`` of the reports: Chinese (default) or English.
report_lang = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                           help="Language of the report: zh (Chinese, default) or en (English).")


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
@report_lang
@click.pass_context
def chain_report(ctx: click.Context, name: str, out: Path, fmt: str, file_format: str | None, as_json: bool,
                 lang: str) -> None:
    """The development report of chain NAME: organisation, parks, firms by segment, projects, targets
    against the latest statistics, loops and risks, gaps and candidate firms, with numbered sources."""
    from ..present.report_render import write_chain_report
    from ..present.text import to_json

    if fmt in ("html", "md"):
        if file_format and file_format != fmt:
            raise click.UsageError(f"--format {fmt} and --file-format {file_format} disagree")
        file_format, fmt = fmt, "table"
    s = write_chain_report(kg_of(ctx), name, out, file_format, lang)
    if as_json or fmt == "json":
        click.echo(to_json(s))
    else:
        click.echo(f"wrote {s['out']} ({s['format']}): {s['chain']['label']} ({s['chain']['id']}): {s['firms']} firms, "
                   f"{s['projects']} projects, {s['targets']} targets, {s['sources']} sources")


@report.command("promotion")
@click.argument("name")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: .html (default) or .md for Markdown.")
@format_option("table", "json", help="How to report what was written: table (a line of text) or json.")
@click.option("--file-format", type=click.Choice(["html", "md"]),
              help="Format of the report file (default: from the file's suffix; .md -> md, else html).")
@report_lang
@click.pass_context
def promotion_report(ctx: click.Context, name: str, out: Path, fmt: str, file_format: str | None, lang: str) -> None:
    """The investment-promotion report (产业链招商报告) of chain NAME: for each gap segment the inputs it
    lacks and listed companies nationwide in the industries of its products (with ChainKG imported),
    ranked with reasons; the projects already signed; the firms the chain would feed; numbered sources."""
    from ..present.report_render import write_chain_report
    from ..present.text import to_json

    s = write_chain_report(kg_of(ctx), name, out, file_format, lang, kind="promotion")
    if fmt == "json":
        click.echo(to_json(s))
    else:
        click.echo(f"wrote {s['out']} ({s['format']}): {s['chain']['label']} ({s['chain']['id']}): {s['gaps']} gap "
                   f"segments, {s['candidates']} candidates, {s['projects']} projects, {s['sources']} sources")


COMMANDS = [report]
