"""The ASGI application behind `hykg serve`: routes, limits, one JSON error shape, the workers' lifetime."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import settings
from ..errors import HykgError, RequestError
from ..query.safety import MAX_LENGTH, check_query
from ..stores.base import requested_dataset
from .http import host_name, is_loopback, protocol
from .protocol import dataset_from, negotiate, query_from, read_body, service_description
from .responses import classify, error_body, json_response, message_of
from .worker import PoolConfig, WorkerPool

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from ..query.kg import KnowledgeGraph

log = logging.getLogger("hykg.server")

#: Headers that tell a client its SELECT (or CONSTRUCT) answer was cut at the row cap.
TRUNCATION_HEADERS = ("X-Hykg-Rows", "X-Hykg-Truncated", "X-Hykg-Max-Rows")
_API_PREFIXES = ("/sparql", "/api/", "/health", "/static/")
DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'"
#: Set on every answer (pages may set their own Content-Security-Policy).
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                    "Content-Security-Policy": DEFAULT_CSP, "X-Frame-Options": "DENY"}


@dataclass(frozen=True)
class ServerConfig:
    """What `hykg serve` runs with; every limit is a plain setting."""

    host: str = settings.default("serve.host")
    port: int = settings.default("serve.port")
    timeout: float = settings.default("serve.timeout")
    max_rows: int = settings.default("serve.max_rows")
    cors: bool = False
    workers: int = settings.default("serve.workers")
    max_body: int = settings.default("serve.max_body")
    memory_mb: int = settings.default("serve.memory_mb")
    graph: str | None = None  # where query workers load the graph from: the arguments of `hykg.load`
    store: str | None = None
    review: str | None = None  # a workspace folder: serve its review page (/review; loopback only)


def wants_html(request: Request) -> bool:
    """An explorer page opened by a browser gets its errors as an HTML page (same fields)."""
    path = request.url.path
    if path.startswith(_API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


async def handle_error(request: Request, exc: Exception) -> Response:
    status, code, extra, headers = classify(exc)
    message = message_of(exc)
    if status >= 500 and code == "internal_error":
        log.error("hykg serve: %s %s: %r", request.method, request.url.path, exc)
    if wants_html(request):
        from .explorer import error_page

        return error_page(request, error_body(status, code, message, **extra), headers)
    return json_response(error_body(status, code, message, **extra), status, headers)


# ---------------------------------------------------------------------- the SPARQL endpoint
async def sparql(request: Request) -> Response:
    """/sparql: the SPARQL 1.1 Protocol (GET, POST form, POST direct); read-only, time- and row-capped."""
    from starlette.responses import Response

    state = request.app.state
    body = b""
    if request.method == "POST":
        body = await read_body(request.stream(), state.config.max_body)
    try:  # the raw query string (request.url would parse the whole URL for it)
        url_query = request.scope["query_string"].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, "bad_request", "the request URL is not valid UTF-8") from exc
    content_type = request.headers.get("content-type")
    query = query_from(request.method, content_type, url_query, body)
    if query is None:
        return Response(state.description, media_type="text/turtle; charset=utf-8")
    if len(query) > MAX_LENGTH:
        raise RequestError(413, "too_large", f"query longer than {MAX_LENGTH} characters")
    form = check_query(query)  # updates, SERVICE, LOAD, remote FROM, deep nesting: refused here
    dataset = dataset_from(request.method, content_type, url_query, body)
    requested_dataset(query, dataset, lambda: state.graphs)  # a graph the server does not hold: 404, named
    fmt = negotiate(request.headers.get("accept"), form)
    answer = await state.pool.run(query, fmt, dataset)
    headers = {"Vary": "Accept", "Cache-Control": "no-store"}
    if answer.count is not None:
        headers.update({"X-Hykg-Rows": str(answer.count), "X-Hykg-Max-Rows": str(answer.max_rows),
                        "X-Hykg-Truncated": "true" if answer.truncated else "false"})
    return Response(answer.body, media_type=answer.media_type, headers=headers)


async def _sparql_direct(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """/sparql as a plain ASGI call (every method: the endpoint answers 405 itself), its errors in the
    one error shape, as the router would give them."""
    from starlette.requests import Request

    request = Request(scope, receive)
    try:
        response = await sparql(request)
    except Exception as exc:  # noqa: BLE001  (every error becomes its JSON answer, as under the router)
        response = await handle_error(request, exc)
    await response(scope, receive, send)


async def health(request: Request) -> Response:
    """/health: the server is up; its workers and counters."""
    state = request.app.state
    return json_response({"status": "ok", "triples": state.pool.triples, **state.pool.status()})


# ---------------------------------------------------------------------- the guard
class Guard:
    """Outermost ASGI layer: Host check on loopback binds, size caps, CORS (opt-in), security headers."""

    def __init__(self, app: Any, config: ServerConfig) -> None:
        self.app = app
        self.max_body = config.max_body
        self.cors = config.cors
        self.hosts: frozenset[str] | None = None
        if is_loopback(config.host):
            self.hosts = frozenset({"127.0.0.1", "localhost", "::1", host_name(config.host)})

    def _problem(self, scope: dict[str, Any], headers: Any) -> tuple[int, str, str] | None:
        if self.hosts is not None:
            host = headers.get("host", "")
            if host_name(host) not in self.hosts:
                return 400, "bad_host", (f"Host {host!r} is not served here: this server is bound to a loopback "
                                         "address and answers only to localhost (a guard against DNS rebinding)")
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return 400, "bad_request", "invalid Content-Length"
            if int(length) > self.max_body:
                return 413, "too_large", f"request body larger than {self.max_body} bytes"
        if len(scope.get("query_string", b"")) + len(scope.get("raw_path") or b"") > self.max_body:
            return 414, "uri_too_long", f"request URL longer than {self.max_body} bytes"
        return None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import Headers

        headers = Headers(scope=scope)
        problem = self._problem(scope, headers)
        if problem is not None:
            status, code, message = problem
            await json_response(error_body(status, code, message), status)(scope, receive, self._decorate(send, headers))
            return
        if self.cors and scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            preflight = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST",
                         "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "600"}
            from starlette.responses import Response

            await Response(status_code=204, headers=preflight)(scope, receive, self._decorate(send, headers))
            return

        if scope["path"] == "/sparql":  # the hot path: straight to the endpoint, past the router's layers
            await _sparql_direct(scope, receive, self._decorate(send, headers))
            return
        await self.app(scope, receive, self._decorate(send, headers))

    def _decorate(self, send: Any, request_headers: Any) -> Any:
        extra = _CORS_HEADERS if self.cors and "origin" in request_headers else ()

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in _SECURITY_RAW if n not in present]  # a page's own CSP stays
                headers += [(n, v) for n, v in extra if n not in present]
                message["headers"] = headers
            await send(message)

        return wrapped


_SECURITY_RAW = tuple((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items())
_CORS_HEADERS = ((b"access-control-allow-origin", b"*"),
                 (b"access-control-expose-headers", ", ".join(TRUNCATION_HEADERS).encode("latin-1")))


# ---------------------------------------------------------------------- the application
def create_app(config: ServerConfig | None = None, kg: KnowledgeGraph | None = None) -> Starlette:
    """The Starlette application: /sparql, /health and the explorer pages.

    The graph is ``hykg.load(config.graph, store=config.store)``: the query workers load it when the
    application starts (its lifespan); ``kg``, if given, is that graph already loaded, for the
    explorer's named questions.

    >>> app = create_app(ServerConfig(timeout=5))
    >>> sorted(r.path for r in app.routes if r.path.startswith(("/sparql", "/health")))
    ['/health', '/sparql']
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Route

    from . import explorer

    config = config or ServerConfig()
    if kg is None:
        from ..query.kg import load

        kg = load(config.graph, store=config.store)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = WorkerPool(PoolConfig(graph=config.graph, store=config.store, size=config.workers, timeout=config.timeout,
                                     max_rows=config.max_rows, memory_mb=config.memory_mb))
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    routes = [Route("/sparql", sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]), Route("/health", health), *explorer.routes()]
    if config.review:
        from . import review

        review.check_bind(config.host)
        routes += review.routes()
    handlers: dict[Any, Any] = {Exception: handle_error, HykgError: handle_error}
    from starlette.exceptions import HTTPException

    handlers[HTTPException] = handle_error
    guard = Guard(None, config)

    class App(Starlette):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/sparql":  # the hot path: the guard, then the endpoint
                scope["app"] = self
                await guard(scope, receive, send)
            else:
                await super().__call__(scope, receive, send)

    app = App(routes=routes, middleware=[Middleware(Guard, config=config)], exception_handlers=handlers,
              lifespan=lifespan)
    app.state.kg = kg
    app.state.config = config
    app.state.review_workspace, app.state.review_token = None, ""
    if config.review:
        import secrets
        from pathlib import Path

        from ..curation.workspace import Workspace

        app.state.review_workspace = Workspace(Path(config.review), "flag")
        app.state.review_token = secrets.token_urlsafe(32)  # the review form's CSRF token, new each start
    graphs = sorted(r["g"] for r in kg.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))
    app.state.graphs = graphs
    app.state.description = service_description(graphs, len(kg))
    return app


def serve(config: ServerConfig | None = None, kg: KnowledgeGraph | None = None) -> None:
    """Run the server with uvicorn until interrupted (blocks); ``kg`` as for :func:`create_app`."""
    import uvicorn

    config = config or ServerConfig()
    if not is_loopback(config.host):
        log.warning("hykg serve: listening on %s: anyone who can reach this machine can query the graph "
                    "(the Host check is off)", config.host)
    # httptools (C) parses HTTP; asyncio's own loop, since uvloop makes the workers' pipes non-blocking;
    # no access log: one line per query costs more than the query (errors are still logged)
    uvicorn.run(create_app(config, kg), host=config.host, port=config.port, log_level="info", access_log=False,
                loop="asyncio", http=protocol(config.max_body, SECURITY_HEADERS),
                server_header=False, proxy_headers=False, timeout_keep_alive=5)
