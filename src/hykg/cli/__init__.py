"""The `hykg` command: the group and its shared options; one module per topic holds the commands.

Each command parses its options, calls one library function and formats the answer; the group turns
hykg's errors into messages and exit codes (:class:`hykg.cli.options.HykgGroup`).
"""

from __future__ import annotations

from pathlib import Path

import click

from .. import settings
from .options import HykgGroup

#: The module of each command (``hykg.cli.<topic>``, whose ``COMMANDS`` hold it), imported when the command
#: is asked for: a query imports its own module only, ``hykg --help`` all of them.
TOPICS = {
    **dict.fromkeys(("build", "sparql", "search", "show", "feeds", "fed-by", "chain", "park", "stats"), "core"),
    **dict.fromkeys(("path", "upstream", "downstream", "analyze", "export"), "analysis"),
    **dict.fromkeys(("import", "link", "listed", "prospects", "store"), "data"),
    **dict.fromkeys(("init", "status", "add"), "workspace"),
    **dict.fromkeys(("ingest", "review"), "ingest"),
    "coverage": "coverage", "targets": "targets", "viz": "viz", "serve": "serve", "report": "reports",
    "docs": "docs", "config": "config",
}


@click.group(cls=HykgGroup, topics=TOPICS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--graph", type=click.Path(dir_okay=False, path_type=Path), envvar=settings.BY_NAME["graph"].env,
              help="Built graph to query (default: the user graph, built from the bundled data on first use).")
@click.option("--store", envvar=settings.BY_NAME["store"].env, metavar="SPEC",
              help="Store backend: oxigraph (default, on disk next to the graph, built on first use), "
                   "oxigraph-memory (in memory), memory (rdflib), oxigraph:PATH (on disk at PATH) "
                   "or sparql:URL (a SPARQL 1.1 endpoint).")
@click.option("--workspace", "workspace_dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="The workspace to use (default: $HYKG_WORKSPACE, else the working folder or a parent "
                   "holding hykg-workspace.yaml).")
@click.version_option(package_name="hykg")
@click.pass_context
def main(ctx: click.Context, graph: Path | None, store: str | None, workspace_dir: Path | None) -> None:
    """hykg: the Hengyang Industrial Knowledge Graph (衡阳产业知识图谱).

    Query chains, parks, enterprises, projects and who feeds whom; every answer cites its source.
    """
    ctx.ensure_object(dict)
    if workspace_dir is not None and ctx.invoked_subcommand != "init":
        from ..curation.workspace import find

        ws = find(flag=workspace_dir)
        assert ws is not None
        before = settings.get("workspace") if settings.is_set("workspace") else None
        settings.use("workspace", str(ws.root))  # the library and worker processes see it
        ctx.call_on_close(lambda: settings.use("workspace", before))  # the process's own setting again after
        ctx.obj["workspace_flag"] = True
    ctx.obj["graph"] = graph
    ctx.obj["store"] = store
