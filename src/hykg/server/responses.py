"""The server's shared answers: JSON responses and the one error shape, mapped from the error classes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..errors import HykgError

if TYPE_CHECKING:
    from starlette.responses import Response


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one error shape of every 4xx/5xx answer.

    >>> error_body(403, "refused", "SERVICE is not allowed")
    {'error': 'refused', 'status': 403, 'message': 'SERVICE is not allowed'}
    """
    return {"error": code, "status": status, "message": message, **extra}


def classify(exc: BaseException) -> tuple[int, str, dict[str, Any], dict[str, str]]:
    """HTTP status, error code, extra fields and headers for an exception raised while answering:
    hykg's errors say theirs (:mod:`hykg.errors`); Starlette's HTTP errors keep their status.

    >>> from hykg.errors import UnknownEntity
    >>> classify(UnknownEntity("x", ["恒光"]))
    (404, 'unknown_entity', {'suggestions': ['恒光']}, {})
    """
    from starlette.exceptions import HTTPException

    if isinstance(exc, HykgError):
        return exc.http_status, exc.code, exc.extra(), dict(exc.headers)
    if isinstance(exc, HTTPException):
        codes = {404: "not_found", 405: "method_not_allowed"}
        return exc.status_code, codes.get(exc.status_code, "http_error"), {}, dict(exc.headers or {})
    return 500, "internal_error", {}, {}


def message_of(exc: BaseException) -> str:
    """The message an error answer carries: hykg's own, a short one for HTTP errors, never a traceback."""
    from starlette.exceptions import HTTPException

    if isinstance(exc, HykgError):
        return str(exc)
    if isinstance(exc, HTTPException):
        return {404: "no such page", 405: "method not allowed"}.get(exc.status_code, str(exc.detail))
    return "internal server error"


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``data`` as UTF-8 JSON (Chinese kept readable)."""
    from starlette.responses import Response

    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(body, status, headers=headers, media_type="application/json")
