"""The HTTP/1.1 protocol `hykg serve` runs on: uvicorn's httptools parser, with hykg's answer to over-long URLs."""

from __future__ import annotations

import ipaddress
import json
from typing import Any, cast

from .responses import error_body

#: httptools cannot take a URL apart past 64 KiB (its offsets are 16-bit): longer ones are refused first.
HTTPTOOLS_MAX_URL = 65535


def protocol(max_url: int, headers: dict[str, str]) -> type[Any]:
    """The asyncio protocol class for ``uvicorn.run(http=...)``: uvicorn's httptools protocol (the C
    parser: about twice the throughput of h11 here, see benchmarks/serve.py), except that a URL
    longer than ``max_url`` bytes (at most 64 KiB) is answered with hykg's JSON 414 error and
    ``headers`` instead of httptools' plain-text 400, and headers past ``max_url`` bytes in all are
    refused (400)."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    limit = min(max_url, HTTPTOOLS_MAX_URL)
    message = f"request URL longer than {limit} bytes"
    body = json.dumps(error_body(414, "uri_too_long", message)).encode()
    head = "".join(f"{k}: {v}\r\n" for k, v in {**headers, "content-type": "application/json",
                                                "content-length": str(len(body)), "connection": "close"}.items())
    answer = b"HTTP/1.1 414 URI Too Long\r\n" + head.encode("latin-1") + b"\r\n" + body

    class HykgHttpProtocol(HttpToolsProtocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self.transport = cast(Any, HeldHead(transport))  # what the response cycles write to

        def on_response_complete(self) -> None:
            cast(HeldHead, self.transport).flush()
            super().on_response_complete()

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self.header_bytes = 0

        def on_header(self, name: bytes, value: bytes) -> None:
            self.header_bytes += len(name) + len(value)
            if self.header_bytes > max_url:  # as h11's max_incomplete_event_size did: headers are capped too
                raise ValueError("request headers too large")  # -> 400
            super().on_header(name, value)

        def on_url(self, url: bytes) -> None:
            super().on_url(url)
            if len(self.url) > limit:
                raise ValueError(message)  # stops the parser, which then answers through send_400_response

        def send_400_response(self, msg: str) -> None:
            if len(getattr(self, "url", b"")) <= limit:
                super().send_400_response(msg)
                return
            self.transport.write(answer)
            self.transport.close()

    return HykgHttpProtocol


class HeldHead:
    """The transport a response is written to, holding a response's status line and headers back until
    its first piece of body (or its end), so that a response goes out in one write: one system call
    and one wake-up of the client instead of two. Everything else is the real transport's.

    >>> class T:
    ...     def __init__(self): self.writes = []
    ...     def write(self, data): self.writes.append(data)
    >>> t = T(); held = HeldHead(t)
    >>> held.write(b"HTTP/1.1 200 OK\\r\\n\\r\\n"); held.write(b"{}"); t.writes
    [b'HTTP/1.1 200 OK\\r\\n\\r\\n{}']
    >>> held.write(b"HTTP/1.1 100 Continue\\r\\n\\r\\n"); t.writes[-1]  # an interim answer goes at once
    b'HTTP/1.1 100 Continue\\r\\n\\r\\n'
    """

    __slots__ = ("_transport", "_held")

    def __init__(self, transport: Any) -> None:
        self._transport = transport
        self._held = b""

    def write(self, data: bytes) -> None:
        if self._held:
            data, self._held = self._held + data, b""
        elif data.startswith(b"HTTP/1.1 ") and data[9:10] != b"1":  # a final response's head
            self._held = data
            return
        self._transport.write(data)

    def flush(self) -> None:
        if self._held:
            data, self._held = self._held, b""
            self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def is_loopback(host: str) -> bool:
    """Whether a bind address only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The host part of a Host header, lower-cased, without port or IPv6 brackets.

    >>> host_name("[::1]:8000"), host_name("LocalHost:80"), host_name("127.0.0.1")
    ('::1', 'localhost', '127.0.0.1')
    """
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header
