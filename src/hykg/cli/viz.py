"""`hykg viz`: write an interactive, self-contained HTML page of a view of the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .options import format_option, kg_of

_VIEWS = ("ego", "chain", "park", "supply", "parks", "all", "panorama")
_NAMED = ("ego", "chain", "park", "panorama")


@click.command("viz")
@click.argument("view", required=False, type=click.Choice(_VIEWS))
@click.argument("name", required=False)
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="The HTML file to write ('-' for stdout); panorama: .svg, .html, .png or .pdf.")
@click.option("--query", "query_file", type=click.File("r", encoding="utf-8"),
              help="Draw the graph a SPARQL CONSTRUCT (or DESCRIBE) query in FILE returns (instead of a VIEW).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="ego: steps around NAME.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of the page.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Refuse (or, for 'all', aggregate) a view with more nodes than this.")
@click.option("--seed", type=int, default=None, help="Layout seed (the default gives the same layout every time).")
@click.option("--full", is_flag=True, help="all: every entity and relation (capped by --max-nodes), not the overview.")
@click.option("--mode", type=click.Choice(["panorama", "status"]), default="panorama", show_default=True,
              help="panorama: 全景图, every segment, gaps marked; status: 现状图, only what the city has.")
@format_option("table", "json", help="How to report what was written.")
@click.pass_context
def viz(ctx: click.Context, view: str | None, name: str | None, out: Path, query_file: Any, depth: int, lang: str,
        max_nodes: int, seed: int | None, full: bool, mode: str, fmt: str) -> None:
    """Write an offline, interactive HTML page of a VIEW: ego NAME, chain NAME, park NAME, supply, parks, all;
    or a chain's printable picture: panorama CHAIN.

    \b
    Examples:
      hykg viz ego 恒光 --depth 2 -o hengguang.html
      hykg viz park 松木经开区 -o songmu.html
      hykg viz supply --lang en -o supply.html
      hykg viz all -o overview.html
      hykg viz --query flows.rq -o flows.html
      hykg viz panorama 化工新材料 -o chem.pdf
      hykg viz panorama 化工新材料 --mode status --lang en -o chem-status.svg

    all draws the city overview: the chains and parks, sized by their firms, linked by the firms they
    share and by the flows between parks (counts on the links); all --full every entity and relation.

    One self-contained file: no network access, opens from a file or a share. Colour and shape by
    type (legend), arrows for direction, material on supply links, documented / editorial /
    inferred links solid / dotted / dashed, tooltips with sources; search, filters, physics toggle.

    panorama CHAIN draws the chain's 全景图 (--mode panorama) or 现状图 (--mode status) on one A3
    landscape page: segments upstream -> downstream with their products, the local firms (documented
    solid, editorial dashed), gaps, stated flows, parks, 链长/链办 posts, a legend and numbered
    sources. .svg and .html are written directly; .png and .pdf through headless Chromium (offline).
    """
    from ..errors import QueryRefused, QuerySyntaxError
    from ..present.render import DEFAULT_SEED
    from ..present.text import to_json
    from ..present.viz import view as make_view

    if query_file is not None and view is not None:
        raise click.UsageError("give a VIEW or --query FILE, not both")
    if query_file is None and view is None:
        raise click.UsageError(f"give a VIEW ({', '.join(_VIEWS)}) or --query FILE")
    if view in _NAMED and not name:
        raise click.UsageError(f"the {view} view needs a NAME, e.g. hykg viz {view} 松木经开区 -o page.html")
    if name and view not in _NAMED:
        raise click.UsageError(f"the {view or 'query'} view takes no NAME (got {name!r})")
    if depth != 1 and view != "ego":
        raise click.UsageError("--depth applies to the ego view only")
    if full and view != "all":
        raise click.UsageError("--full applies to the all view only")
    if mode != "panorama" and view != "panorama":
        raise click.UsageError("--mode applies to the panorama view only")
    if view == "panorama":
        _panorama(ctx, str(name), out, mode, lang, fmt)
        return
    kind = view or "query"
    if kind == "all" and not full:
        kind = "overview"
    query = query_file.read() if query_file is not None else None
    try:
        page = make_view(kg_of(ctx), kind, name, depth=depth, query=query, lang=lang, max_nodes=max_nodes,
                         seed=DEFAULT_SEED if seed is None else seed)
    except (QueryRefused, QuerySyntaxError) as exc:
        if query_file is None:
            raise
        raise type(exc)(f"{query_file.name}: {exc}") from exc
    if str(out) == "-":
        click.echo(page.html, nl=False)
        return
    written = page.save(out)
    info = {"out": str(written), **page.summary()}
    if fmt == "json":
        click.echo(to_json(info))
        return
    click.echo(f"wrote {written}: {page.view} view, {page.nodes} nodes, {page.edges} links, "
               f"{info['bytes'] // 1024} KiB, self-contained (no network requests)")
    for note in page.notes:
        click.echo(note)


def _panorama(ctx: click.Context, name: str, out: Path, mode: str, lang: str, fmt: str) -> None:
    from ..present.panorama import panorama_svg, write_panorama
    from ..present.text import to_json

    if str(out) == "-":
        click.echo(panorama_svg(kg_of(ctx), name, mode, lang), nl=False)
        return
    s = write_panorama(kg_of(ctx), name, out, mode, lang)
    if fmt == "json":
        click.echo(to_json(s))
        return
    counts = ", ".join(f"{s[k]} {k if s[k] != 1 else k[:-1]}" for k in ("segments", "gaps", "firms", "flows", "sources"))
    click.echo(f"wrote {s['out']}: {s['chain']['label']} {mode} ({s['format']}, A3 landscape), {counts}, "
               f"{s['bytes'] // 1024} KiB")


COMMANDS = [viz]
