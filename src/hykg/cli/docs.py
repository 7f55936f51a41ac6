"""`hykg docs ontology`: the ontology reference as an offline HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from .options import format_option


@click.group()
def docs() -> None:
    """Generate documentation from the project's own files (offline HTML)."""


@docs.command("ontology")
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write index.html (and copies of the .ttl files) into; created if missing.")
@click.option("--ontology", "ontology_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Ontology folder (default: the bundled ontology/).")
@format_option("table", "json")
def ontology(out_dir: Path, ontology_dir: Path | None, fmt: str) -> None:
    """The ontology reference: classes, properties, data keys, SHACL rules and a class diagram."""
    from ..present.ontodoc import write_ontology_docs
    from ..present.text import to_json

    r = write_ontology_docs(out_dir, ontology_dir)
    if fmt == "json":
        click.echo(to_json(r))
    else:
        click.echo(f"wrote {r['index']}: {r['classes']} classes, {r['properties']} properties, "
                   f"{r['statuses']} statuses, {r['shapes']} SHACL shapes")


COMMANDS = [docs]
