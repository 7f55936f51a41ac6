"""`hykg coverage`: how much of each source document the graph cites, for curators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import emit, format_option, kg_of


@click.command()
@click.option("--corpus", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Source corpus (default: $HYKG_CORPUS, ../shared/corpus, or the workspace's bundled_corpus); "
                   "the workspace's own documents are added.")
@click.option("--doc", "doc_filter", help="Only this document (id or its first digits, e.g. 002).")
@format_option()
@click.pass_context
def coverage(ctx: click.Context, corpus: Path | None, doc_filter: str | None, fmt: str) -> None:
    """Per source document: characters cited, paragraphs, and the paragraphs no fact cites."""
    from .. import resources
    from ..curation.coverage import coverage as compute
    from ..curation.workspace import current
    from ..errors import DataError
    from ..present.text import table

    ws = current()
    corpus = corpus or resources.default_corpus()
    if corpus is None and ws is None:
        raise DataError("no corpus found: give --corpus DIR, set HYKG_CORPUS, or name it in a workspace's "
                        "hykg-workspace.yaml (bundled_corpus: DIR)")
    rows = [r for r in compute(kg_of(ctx), corpus, ws.root if ws else None)
            if not doc_filter or r["doc"].startswith(doc_filter)]

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

    emit(fmt, rows, text, summary)


COMMANDS = [coverage]
