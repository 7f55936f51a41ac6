"""`hykg coverage`: how much of each source document the graph cites, for curators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..cli import _emit, _kg, handle_errors


@click.command()
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Source corpus (default: $HYKG_CORPUS or ../shared/corpus).")
@click.option("--doc", "doc_filter", help="Only this document (id or its first digits, e.g. 002).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.pass_context
@handle_errors
def coverage(ctx: click.Context, corpus: Path | None, doc_filter: str | None, fmt: str) -> None:
    """Per source document: characters cited, paragraphs, and the paragraphs no fact cites."""
    from .. import resources
    from ..coverage import coverage as compute
    from ..errors import DataError
    from ..output import table

    corpus = corpus or resources.default_corpus()
    if corpus is None:
        raise DataError("no corpus found: give --corpus DIR or set HYKG_CORPUS")
    rows = [r for r in compute(_kg(ctx), corpus) if not doc_filter or r["doc"].startswith(doc_filter)]

    def summary() -> tuple[list[str], list[list[Any]]]:
        return (["doc", "chars", "cited_chars", "share", "paragraphs", "uncited_paragraphs", "quotes"],
                [[r["doc"], r["chars"], r["cited_chars"], f"{r['share']:.1%}", r["paragraphs"], len(r["uncited"]),
                  r["quotes"]] for r in rows])

    def text() -> str:
        lines = [table(*summary())]
        for r in rows:
            if r["uncited"]:
                lines.append(f"\n{r['doc']}: paragraphs with no fact cited")
                lines += [f"  line {p['line']}: {p['text'][:70]}" for p in r["uncited"]]
        return "\n".join(lines)

    _emit(fmt, rows, text, summary)


COMMANDS = [coverage]
