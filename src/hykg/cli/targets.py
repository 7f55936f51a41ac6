"""`hykg targets`: targets against actuals (the latest statistic on the same indicator, gap, progress)."""

from __future__ import annotations

import click

from .options import emit, format_option, kg_of, lang_option


@click.command("targets")
@click.argument("chain", required=False)
@click.option("--due", type=int, metavar="YEAR", help="Only targets due by YEAR (e.g. 2025).")
@format_option("table", "json", "csv", "xlsx", "svg")
@lang_option
@click.pass_context
def targets(ctx: click.Context, chain: str | None, due: int | None, fmt: str, lang: str) -> None:
    """Targets (of CHAIN, or all) against actuals: value, due year, the latest statistic measuring the
    same indicator and its period, the gap and progress, with sources; "no statistic" where none exists.

    --format svg draws each target as a progress bar (value, due year, the latest actual, the gap; sources
    as numbered notes): `hykg targets 化工新材料 --format svg -o targets.svg`.
    """
    from ..present.text import table
    from ..query.targets import target_rows
    from ..query.targets import targets as run

    items = run(kg_of(ctx), chain, due)
    if fmt == "svg":
        from ..present.targetbars import targets_svg

        emit(fmt, items, lambda: targets_svg(items, lang).rstrip("\n"))
        return
    emit(fmt, items, lambda: table(*target_rows(items, lang)), lambda: target_rows(items, lang))


COMMANDS = [targets]
