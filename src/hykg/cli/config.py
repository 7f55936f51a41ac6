"""`hykg config`: every setting's effective value and where it came from."""

from __future__ import annotations

import click
from click.core import ParameterSource

from .options import emit, format_option

#: Settings the group's own options (--graph, --store) can give on the command line.
_FLAGS = ("graph", "store")


@click.command("config")
@format_option()
@click.pass_context
def config(ctx: click.Context, fmt: str) -> None:
    """The settings hykg runs with: value, source (flag, environment, default), variable and meaning."""
    from .. import settings
    from ..present.text import table

    root = ctx.find_root()
    flags = {name: root.params.get(name) for name in _FLAGS
             if root.get_parameter_source(name) == ParameterSource.COMMANDLINE}
    rows = settings.effective(flags)

    def cells() -> tuple[list[str], list[list[str]]]:
        return (["setting", "value", "source", "variable", "meaning"],
                [[r["name"], "" if r["value"] is None else r["value"], r["source"], r["env"], r["meaning"]] for r in rows])

    emit(fmt, rows, lambda: table(*cells()), cells)


COMMANDS = [config]
