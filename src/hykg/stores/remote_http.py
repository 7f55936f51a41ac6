"""HTTP for the ``sparql:URL`` store: credentials (environment or netrc), basic / digest auth, no redirects."""

from __future__ import annotations

import base64
import hashlib
import http.client
import netrc
import os
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..errors import HykgError

PROBE_BODY = 64 * 1024  # a body at least this large is sent only once the server's challenge is known


class RemoteError(HykgError):
    """A SPARQL endpoint or Graph Store answered with an error or with something that is not a valid answer."""

    http_status = 502
    code = "remote_error"


class RemoteAuthError(RemoteError):
    """The endpoint asks for credentials (HTTP 401) and none were given, or it refused the ones given."""

    code = "remote_auth"


@dataclass(frozen=True)
class Credentials:
    """A user and password for one server, and where they were read from (never the command line)."""

    user: str
    password: str
    source: str


def check_url(url: str) -> str:
    """An http(s) URL without credentials in it.

    >>> check_url("http://127.0.0.1:8890/sparql")
    'http://127.0.0.1:8890/sparql'
    >>> check_url("http://dba:secret@127.0.0.1:8890/sparql")
    Traceback (most recent call last):
    ...
    hykg.errors.HykgError: credentials in the URL are refused (shell history and process lists show them): set HYKG_REMOTE_USER and HYKG_REMOTE_PASSWORD, or add the host to ~/.netrc
    """
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HykgError(f"{url!r} is not an http(s) URL of a SPARQL endpoint")
    if parts.username is not None or parts.password is not None:
        raise HykgError("credentials in the URL are refused (shell history and process lists show them): "
                        "set HYKG_REMOTE_USER and HYKG_REMOTE_PASSWORD, or add the host to ~/.netrc")
    return url


def credentials_for(url: str) -> Credentials | None:
    """The credentials for ``url``'s host: $HYKG_REMOTE_USER / $HYKG_REMOTE_PASSWORD, else the host's
    ``machine`` entry (or ``default``) in the netrc file ($HYKG_REMOTE_NETRC, default ~/.netrc), else None.

    >>> credentials_for("http://127.0.0.1:1/sparql") is None or True
    True
    """
    user = settings.get("remote.user")
    if user:
        return Credentials(user, settings.get("remote.password") or "", "$HYKG_REMOTE_USER / $HYKG_REMOTE_PASSWORD")
    path = Path(settings.get("remote.netrc")).expanduser()
    if not path.is_file():
        return None
    try:
        found = netrc.netrc(str(path)).authenticators(urllib.parse.urlsplit(url).hostname or "")
    except (netrc.NetrcParseError, OSError) as exc:
        raise RemoteError(f"{path}: cannot read the netrc file: {exc}") from exc
    if not found:
        return None
    login, _, password = found
    return Credentials(login or "", password or "", f"netrc file {path}")


def _challenge(header: str) -> tuple[str, dict[str, str]]:
    """``Digest realm="x", nonce="y"`` -> ("digest", {"realm": "x", "nonce": "y"})."""
    scheme, _, rest = header.strip().partition(" ")
    params = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest)) if "=" in rest else {}
    return scheme.lower(), {k.lower(): v for k, v in params.items()}


def digest_header(creds: Credentials, params: dict[str, str], method: str, uri: str, nc: int,
                  cnonce: str) -> str:
    """The ``Authorization`` value answering a digest challenge (RFC 7616: MD5 / SHA-256, qop auth).

    >>> digest_header(Credentials("Mufasa", "Circle Of Life", "-"), {"realm": "testrealm@host.com",
    ...     "nonce": "dcd98b7102dd2f0e8b11d0f600bfb0c093", "qop": "auth", "opaque": "5ccc069c403ebaf9f0171e9517f40e41"},
    ...     "GET", "/dir/index.html", 1, "0a4f113b").split('response="')[1][:32]
    '6629fae49393a05397450978507c4ef1'
    """
    algorithm = params.get("algorithm", "MD5")
    base = algorithm.upper().removesuffix("-SESS")
    hashers = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}
    if base not in hashers:
        raise RemoteAuthError(f"the server asks for digest algorithm {algorithm}: hykg knows MD5 and SHA-256")

    def h(text: str) -> str:
        return hashers[base](text.encode("utf-8")).hexdigest()

    realm, nonce = params.get("realm", ""), params.get("nonce", "")
    ha1 = h(f"{creds.user}:{realm}:{creds.password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    fields = {"username": creds.user, "realm": realm, "nonce": nonce, "uri": uri, "algorithm": algorithm}
    if qops:
        if "auth" not in qops:
            raise RemoteAuthError(f"the server asks for digest qop {params['qop']}: hykg knows qop=auth")
        fields.update(qop="auth", nc=f"{nc:08x}", cnonce=cnonce)
        fields["response"] = h(f"{ha1}:{nonce}:{nc:08x}:{cnonce}:auth:{ha2}")
    else:
        fields["response"] = h(f"{ha1}:{nonce}:{ha2}")
    if "opaque" in params:
        fields["opaque"] = params["opaque"]
    unquoted = ("algorithm", "qop", "nc")
    return "Digest " + ", ".join(f"{k}={v}" if k in unquoted else f'{k}="{v}"' for k, v in fields.items())


def _key(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.netloc, parts.path


class Http:
    """Requests to one server: answers 401 challenges (basic, digest) with the configured credentials and
    then sends them up front; follows no redirect (a 3xx is an error naming where it points)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._challenges: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
        self._creds: dict[str, Credentials | None] = {}
        self._nc = 0

    def _credentials(self, url: str) -> Credentials | None:
        host = urllib.parse.urlsplit(url).netloc
        if host not in self._creds:
            self._creds[host] = credentials_for(url)
        return self._creds[host]

    def _authorization(self, method: str, url: str) -> str | None:
        parts = urllib.parse.urlsplit(url)
        known = self._challenges.get(_key(url))
        creds = self._credentials(url)
        if known is None or creds is None:
            return None
        scheme, params = known
        if scheme == "basic":
            return "Basic " + base64.b64encode(f"{creds.user}:{creds.password}".encode()).decode("ascii")
        self._nc += 1
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        return digest_header(creds, params, method, uri, self._nc, os.urandom(8).hex())

    def _send(self, method: str, url: str, body: bytes | None,
              headers: dict[str, str]) -> tuple[int, http.client.HTTPMessage, bytes]:
        parts = urllib.parse.urlsplit(url)
        cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(parts.hostname or "", parts.port, timeout=self.timeout)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            try:
                conn.request(method, target, body=body, headers=headers)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered (often 401) before reading the whole body: read that answer
            resp = conn.getresponse()
            return resp.status, resp.headers, resp.read()
        except (OSError, http.client.HTTPException) as exc:
            raise RemoteError(f"cannot reach the SPARQL endpoint {parts.scheme}://{parts.netloc}{parts.path}: "
                              f"{exc}") from exc
        finally:
            conn.close()

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None,
                auth: bool = True) -> tuple[int, http.client.HTTPMessage, bytes]:
        """Send one request; returns (status, headers, body) of any answer but a redirect, or a 401 (answered
        with the credentials, or an error), unless ``auth`` is False (then a 401 is returned too)."""
        where, key = url.split("?")[0], _key(url)
        if (body is not None and len(body) >= PROBE_BODY and key not in self._challenges
                and self._credentials(url) is not None):
            status, rh, _ = self._send("HEAD", url, None, {})  # learn the challenge before sending a large body
            if status == 401:
                self._challenges[key] = _challenge(rh.get("WWW-Authenticate", ""))
        fresh = False  # whether the credentials sent answered a challenge of this very request
        for _ in range(3):
            hdrs = dict(headers or {})
            sent = self._authorization(method, url)
            if sent:
                hdrs["Authorization"] = sent
            status, rh, data = self._send(method, url, body, hdrs)
            if 300 <= status < 400:
                raise RemoteError(f"{where}: HTTP {status} redirect to {rh.get('Location', '(no Location)')}: "
                                  "hykg follows no redirect, give the final URL")
            if status != 401 or not auth:
                return status, rh, data
            scheme, params = _challenge(rh.get("WWW-Authenticate", ""))
            realm = f" (realm {params['realm']!r})" if "realm" in params else ""
            creds = self._credentials(url)
            if creds is None:
                raise RemoteAuthError(
                    f"{where}: the server asks for credentials (HTTP 401, {scheme or 'no'} authentication{realm}): "
                    "set HYKG_REMOTE_USER and HYKG_REMOTE_PASSWORD, or add a machine entry for "
                    f"{urllib.parse.urlsplit(url).hostname} to ~/.netrc ($HYKG_REMOTE_NETRC)")
            if scheme not in ("basic", "digest"):
                raise RemoteAuthError(f"{where}: the server asks for {scheme or 'unknown'} authentication: "
                                      "hykg answers basic and digest")
            stale = params.get("stale", "").lower() == "true"
            if sent and fresh and not stale:
                raise RemoteAuthError(f"{where}: the server refused the credentials of user {creds.user!r} "
                                      f"from {creds.source} (HTTP 401{realm.replace(' (', ', ').rstrip(')')})")
            self._challenges[key], fresh = (scheme, params), True
        raise RemoteAuthError(f"{where}: the server keeps asking for credentials (HTTP 401)")
