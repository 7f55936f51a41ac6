"""The project's exception types, each carrying its exit code, HTTP status and JSON error code.

The command line and the HTTP server map an error in one place each (``hykg.cli.options`` and
``hykg.server.responses``) by reading these class attributes, as datasette's ``Forbidden.status``:

>>> e = QuerySyntaxError("bad")
>>> e.exit_code, e.http_status, e.code
(2, 400, 'syntax_error')
>>> UpdateRefused("INSERT").code, UpdateRefused("INSERT").http_status
('update_forbidden', 403)
"""

from __future__ import annotations

from typing import Any


class HykgError(Exception):
    """Base class of every error hykg raises on purpose."""

    #: Exit code of the command that fails with this error.
    exit_code = 1
    #: HTTP status of a request that fails with it.
    http_status = 500
    #: The ``error`` field of the JSON error body.
    code = "query_failed"
    #: HTTP headers sent with the error (e.g. Retry-After).
    headers: dict[str, str] = {}

    def extra(self) -> dict[str, Any]:
        """Fields added to the JSON error body (suggestions, candidates ...)."""
        return {}


class DataError(HykgError):
    """Curated data or an input file is invalid; carries one message per problem."""

    code = "data_error"

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class UnknownEntity(HykgError):
    """A name resolves to no entity; lists the closest matches."""

    http_status = 404
    code = "unknown_entity"

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = ("; closest: " + ", ".join(suggestions)) if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")

    def extra(self) -> dict[str, Any]:
        return {"suggestions": self.suggestions}


class UnknownGraph(HykgError):
    """A query or request names a graph the store does not hold; lists the ones it does."""

    http_status = 404
    code = "unknown_graph"

    def __init__(self, graphs: list[str], known: list[str]) -> None:
        self.graphs = graphs
        self.known = known
        super().__init__("no such graph: " + ", ".join(f"<{g}>" for g in graphs)
                         + "; the graphs here: " + (", ".join(f"<{g}>" for g in known) or "none"))

    def extra(self) -> dict[str, Any]:
        return {"graphs": self.graphs, "known": self.known}


class AmbiguousName(HykgError):
    """A name matches several entities equally well; lists them."""

    http_status = 400
    code = "ambiguous_name"

    def __init__(self, name: str, candidates: list[str]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} is ambiguous: " + ", ".join(candidates))

    def extra(self) -> dict[str, Any]:
        return {"candidates": self.candidates}


class QueryRefused(HykgError):
    """A SPARQL request is refused before evaluation (SERVICE, LOAD, remote FROM, too deep ...)."""

    http_status = 403
    code = "refused"


class UpdateRefused(QueryRefused):
    """A SPARQL update (INSERT, DELETE, LOAD ...): hykg's queries and endpoint are read-only."""

    code = "update_forbidden"


class QuerySyntaxError(HykgError):
    """A SPARQL request does not parse; carries the parser's message."""

    exit_code = 2
    http_status = 400
    code = "syntax_error"


class QueryTimeout(HykgError):
    """A query ran past its time limit and was stopped."""

    http_status = 503
    code = "timeout"
    headers = {"Retry-After": "1"}


class ServerBusy(HykgError):
    """Every query worker stayed busy for the whole wait (answered 503)."""

    http_status = 503
    code = "busy"
    headers = {"Retry-After": "1"}


class WorkerCrashed(HykgError):
    """The worker died while answering (out of memory or a crash in the engine; answered 503)."""

    http_status = 503
    code = "worker_crashed"


class ViewTooLarge(HykgError):
    """A graph has more nodes than a page may draw; the message suggests a narrower view."""

    http_status = 422
    code = "view_too_large"


class RequestError(HykgError):
    """A request the endpoint will not answer: an HTTP status, a short code and a message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        self.http_status = status
        self.code = code
        self.headers = headers or {}
        super().__init__(message)

    @property
    def status(self) -> int:
        """The HTTP status (the name the server code used before)."""
        return self.http_status


class NotSerialisable(HykgError):
    """A graph cannot be written in the asked format (RDF/XML and a control character XML 1.0 forbids)."""

    http_status = 422
    code = "not_serialisable"
