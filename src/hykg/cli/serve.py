"""`hykg serve`: the read-only SPARQL endpoint and the web explorer."""

from __future__ import annotations

import click

from .. import settings
from .options import kg_of


@click.command()
@click.option("--host", default=settings.default("serve.host"), envvar=settings.BY_NAME["serve.host"].env, show_default=True,
              help="Address to listen on (a non-loopback address exposes the graph to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=settings.default("serve.port"), envvar=settings.BY_NAME["serve.port"].env, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=settings.default("serve.timeout"), envvar=settings.BY_NAME["serve.timeout"].env, show_default=True,
              help="Seconds a query may run before its worker is killed (answered 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=settings.default("serve.max_rows"), envvar=settings.BY_NAME["serve.max_rows"].env, show_default=True,
              help="Rows (or triples) an answer may hold; longer answers are cut and marked truncated.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (Access-Control-Allow-Origin: *).")
@click.option("--query-workers", "workers", type=click.IntRange(1, 64), default=settings.default("serve.workers"), envvar=settings.BY_NAME["serve.workers"].env, show_default=True,
              help="Query worker processes (queries answered at the same time).")
@click.option("--review", is_flag=True,
              help="Add the review page (/review) for the documents `hykg ingest` read into the workspace: accept, "
                   "reject or edit their candidates (writes into the workspace; loopback addresses only).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_rows: int, cors: bool, workers: int,
          review: bool) -> None:
    """Serve the graph: a read-only SPARQL endpoint at /sparql and the web explorer at /.

    Updates, SERVICE, LOAD and remote FROM are refused; each query runs in a worker process that is
    killed after --timeout seconds. Stop with Ctrl-C.
    """
    from ..server.app import ServerConfig
    from ..server.app import serve as run_server

    workspace = None
    if review:
        from ..curation.workspace import current
        from ..errors import HykgError
        from ..server.review import check_bind

        check_bind(host)
        ws = current()
        if ws is None:
            raise HykgError("hykg serve --review needs a workspace: run it inside one (hykg init DIR), or give "
                            "--workspace DIR")
        workspace = str(ws.root)
    kg = kg_of(ctx)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"hykg serve: explorer at http://{shown}:{port}/ ; SPARQL endpoint at http://{shown}:{port}/sparql "
               f"(timeout {timeout:g} s, max {max_rows} rows, CORS {'on' if cors else 'off'})", err=True)
    graph = ctx.obj.get("graph")
    config = ServerConfig(host=host, port=port, timeout=timeout, max_rows=max_rows, cors=cors, workers=workers,
                          graph=str(graph) if graph else None, store=ctx.obj.get("store"), review=workspace)
    if workspace:
        click.echo(f"hykg serve: review page at http://{shown}:{port}/review (writes into {workspace})", err=True)
    run_server(config, kg)


COMMANDS = [serve]
