"""What the commands share: option decorators, the graph of an invocation, output, and error handling.

A command loads the graph (:func:`kg_of`), calls one library function and prints the answer with
:func:`emit`; hykg's errors become a message and the exit code their class carries, in one place
(:class:`HykgGroup`), not in every command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import HykgError

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, default: str = "table", help: str | None = None) -> Callable[[F], F]:
    """``--format`` with these choices (default ``table``, or ``table``, ``json``, ``csv``, ``xlsx``);
    a command whose formats include csv also gets ``-o FILE``: the answer written to a file (CSV with
    a UTF-8 BOM, or .xlsx, for Excel and WPS; read by :func:`emit`).

    >>> @format_option("table", "json")
    ... def f(fmt): ...
    >>> [p.name for p in f.__click_params__]
    ['fmt']
    >>> [p.name for p in format_option()(lambda fmt: None).__click_params__]
    ['fmt', 'output']
    """
    names = list(choices or ("table", "json", "csv", "xlsx"))
    fmt = click.option("--format", "fmt", type=click.Choice(names), default=default, show_default=True, help=help)
    if "csv" not in names:
        return fmt

    def remember(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        ctx.meta[OUTPUT] = value

    out = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), expose_value=False,
                       callback=remember, help="Write the answer to FILE (csv: UTF-8 with a BOM for Excel/WPS; "
                                               "xlsx; table and json as text).")
    return lambda f: out(fmt(f))


OUTPUT = "hykg.output"


#: ``--lang``: the language of labels in tables and pages.
lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                           help="Language of labels in tables.")


def kg_of(ctx: click.Context) -> Any:
    """The KnowledgeGraph of this invocation (``--graph`` / ``--store`` of the group), loaded once."""
    from ..query.kg import load

    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "kg" not in obj:
        import gc

        if not gc.get_freeze_count():  # once: what the start made (modules, commands) lives to the end,
            gc.freeze()                # so no collection during the query walks it again
        obj["kg"] = load(obj.get("graph"), store=obj.get("store"))
    return obj["kg"]


def emit(fmt: str, data: Any, text: Callable[[], str],
         rows: Callable[[], tuple[list[str], list[list[Any]]]] | None = None) -> None:
    """Print an answer: JSON, CSV (``rows``) or the readable ``text``; with ``-o FILE`` write it
    there instead (CSV with a UTF-8 BOM, or .xlsx: what Excel and WPS open on Chinese Windows; CSV
    on standard output stays plain UTF-8 for pipes)."""
    from ..present.text import to_csv, to_json

    ctx = click.get_current_context(silent=True)
    output: Path | None = ctx.meta.get(OUTPUT) if ctx is not None else None
    if fmt in ("csv", "xlsx") and rows is None:
        raise click.UsageError(f"{fmt} is not available for this command; use json")
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a file: give -o FILE.xlsx")
    if output is not None:
        from ..files import write_atomic
        from ..present.tables import write_table

        if fmt in ("csv", "xlsx") and rows is not None:
            write_table(output, *rows(), fmt=fmt)
        else:
            write_atomic(output, (to_json(data) if fmt == "json" else text()) + "\n")
        click.echo(f"wrote {output}", err=True)
    elif fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv" and rows is not None:
        click.echo(to_csv(*rows()), nl=False)
    else:
        click.echo(text())


class HykgGroup(click.Group):
    """The ``hykg`` group: a HykgError from any command becomes ``Error: message`` on stderr and the
    exit code its class carries (1; 2 for a SPARQL syntax error), never a traceback.

    ``topics``: the module of :mod:`hykg.cli` that holds each command (in its ``COMMANDS``), imported
    when the command is first asked for (an unknown name loads them all, for the error's suggestions).
    """

    def __init__(self, *args: Any, topics: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.topics = dict(topics or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.topics})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            for topic in sorted({self.topics[cmd_name]} if cmd_name in self.topics else set(self.topics.values())):
                self._load(topic)
        return self.commands.get(cmd_name)

    def _load(self, topic: str) -> None:
        import importlib

        for command in importlib.import_module(f"{__package__}.{topic}").COMMANDS:
            self.add_command(command)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HykgError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
