"""What the commands share: option decorators, the graph of an invocation, output, and error handling.

A command loads the graph (:func:`kg_of`), calls one library function and prints the answer with
:func:`emit`; hykg's errors become a message and the exit code their class carries, in one place
(:class:`HykgGroup`), not in every command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import HykgError

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, default: str = "table", help: str | None = None) -> Callable[[F], F]:
    """``--format`` with these choices (default ``table``, or ``table``, ``json``, ``csv``).

    >>> @format_option("table", "json")
    ... def f(fmt): ...
    >>> [p.name for p in f.__click_params__]
    ['fmt']
    """
    return click.option("--format", "fmt", type=click.Choice(list(choices or ("table", "json", "csv"))),
                        default=default, show_default=True, help=help)


#: ``--lang``: the language of labels in tables and pages.
lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                           help="Language of labels in tables.")


def kg_of(ctx: click.Context) -> Any:
    """The KnowledgeGraph of this invocation (``--graph`` / ``--store`` of the group), loaded once."""
    from ..query.kg import load

    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "kg" not in obj:
        obj["kg"] = load(obj.get("graph"), store=obj.get("store"))
    return obj["kg"]


def emit(fmt: str, data: Any, text: Callable[[], str],
         rows: Callable[[], tuple[list[str], list[list[Any]]]] | None = None) -> None:
    """Print an answer: JSON, CSV (``rows``) or the readable ``text``."""
    from ..present.text import to_csv, to_json

    if fmt == "json":
        click.echo(to_json(data))
    elif fmt == "csv":
        if rows is None:
            raise click.UsageError("csv is not available for this command; use json")
        click.echo(to_csv(*rows()), nl=False)
    else:
        click.echo(text())


class HykgGroup(click.Group):
    """The ``hykg`` group: a HykgError from any command becomes ``Error: message`` on stderr and the
    exit code its class carries (1; 2 for a SPARQL syntax error), never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HykgError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
