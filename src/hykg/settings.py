"""Every setting hykg reads: one table of name, environment variable, default and meaning.

Modules read a setting with :func:`get` (the environment first, then the default), never
``os.environ`` themselves; ``hykg config`` prints :func:`effective` values and where each came from.

>>> get("serve.timeout", environ={})
10.0
>>> get("serve.timeout", environ={"HYKG_SERVE_TIMEOUT": "2.5"})
2.5
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_CHECKOUT = Path(__file__).resolve().parent.parent.parent  # src/hykg -> repository root, in a checkout


@dataclass(frozen=True)
class Setting:
    """One setting: its name, environment variable, type, default (a value or a function of the
    environment) and what it means."""

    name: str
    env: str
    kind: type
    default: Any
    meaning: str
    secret: bool = False

    def default_value(self, environ: Mapping[str, str]) -> Any:
        return self.default(environ) if callable(self.default) else self.default


def _home(environ: Mapping[str, str]) -> str:
    xdg = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(xdg) / "hykg")


#: The file that marks a workspace folder (``hykg init`` writes it); found in the working folder or a parent.
WORKSPACE_FILE = "hykg-workspace.yaml"


def _workspace(environ: Mapping[str, str]) -> str | None:
    """The workspace of the working folder: the nearest folder, upwards, holding ``hykg-workspace.yaml``."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return str(folder)
    return None


def _graph(environ: Mapping[str, str]) -> str:
    ws = get("workspace", environ)
    return str(Path(ws) / "graph" / "hykg.nq.gz") if ws else str(Path(get("home", environ)) / "hykg.nq.gz")


def _near_shared(*parts: str) -> Callable[[Mapping[str, str]], str | None]:
    marker = parts[-1]

    def find(environ: Mapping[str, str]) -> str | None:
        ws = get("workspace", environ)
        bases = [Path.cwd(), _CHECKOUT] + ([Path(ws)] if ws else [])
        for base in bases:
            for c in (base / ".." / "shared" / Path(*parts[:-1]), base / "shared" / Path(*parts[:-1])):
                if (c / marker).exists():
                    return str(c.resolve())
        if ws and parts[0] == "corpus":
            return _configured(Path(ws), "bundled_corpus", marker)
        return None

    return find


def _configured(ws: Path, key: str, marker: str) -> str | None:
    """A folder the workspace's config file names (``bundled_corpus: PATH``), when it holds ``marker``."""
    try:
        import yaml

        value = (yaml.safe_load((ws / WORKSPACE_FILE).read_text(encoding="utf-8")) or {}).get(key)
    except (OSError, ValueError, AttributeError):
        return None
    if value and (Path(ws, str(value)) / marker).exists():
        return str(Path(ws, str(value)).resolve())
    return None


SETTINGS: tuple[Setting, ...] = (
    Setting("workspace", "HYKG_WORKSPACE", str, _workspace,
            "the user's workspace folder (`hykg init`): --workspace, else $HYKG_WORKSPACE, else the working "
            "folder or its nearest parent holding hykg-workspace.yaml"),
    Setting("home", "HYKG_HOME", str, _home,
            "folder of the user's built graph and imported datasets ($XDG_DATA_HOME/hykg by default)"),
    Setting("graph", "HYKG_GRAPH", str, _graph,
            "the built graph that queries read (the workspace's graph/hykg.nq.gz, else $HYKG_HOME/hykg.nq.gz; built on first use when it is the default)"),
    Setting("store", "HYKG_STORE", str, "oxigraph",
            "store backend: oxigraph (on disk next to the graph), oxigraph-memory, memory, oxigraph:PATH or sparql:URL"),
    Setting("corpus", "HYKG_CORPUS", str, _near_shared("corpus", "sources.yaml"),
            "source corpus the build checks quotes against (../shared/corpus near the working folder or checkout)"),
    Setting("chainkg", "HYKG_CHAINKG", str, _near_shared("datasets", "chainkg", "company.json"),
            "the ChainKG folder `hykg import chainkg` reads by default"),
    Setting("remote.timeout", "HYKG_REMOTE_TIMEOUT", float, 60.0,
            "seconds a sparql:URL store waits for an answer"),
    Setting("remote.user", "HYKG_REMOTE_USER", str, None,
            "user a sparql:URL store answers an HTTP 401 (basic or digest) with; else the netrc file's entry"),
    Setting("remote.password", "HYKG_REMOTE_PASSWORD", str, None,
            "password of HYKG_REMOTE_USER (never given on the command line; `hykg config` hides it)", secret=True),
    Setting("remote.netrc", "HYKG_REMOTE_NETRC", str, lambda env: str(Path.home() / ".netrc"),
            "netrc file with the sparql:URL server's credentials (machine HOST login USER password PASS)"),
    Setting("serve.host", "HYKG_SERVE_HOST", str, "127.0.0.1",
            "address `hykg serve` listens on (a non-loopback address exposes the graph to the network)"),
    Setting("serve.port", "HYKG_SERVE_PORT", int, 8000, "port `hykg serve` listens on"),
    Setting("serve.timeout", "HYKG_SERVE_TIMEOUT", float, 10.0,
            "seconds a served query may run before its worker is killed (503)"),
    Setting("serve.max_rows", "HYKG_SERVE_MAX_ROWS", int, 10_000,
            "rows (or triples) a served answer may hold; longer answers are cut and marked truncated"),
    Setting("serve.workers", "HYKG_SERVE_WORKERS", int, 4, "query worker processes of `hykg serve`"),
    Setting("serve.max_body", "HYKG_SERVE_MAX_BODY", int, 256 * 1024, "largest request body, in bytes (413 beyond)"),
    Setting("serve.memory_mb", "HYKG_SERVE_MEMORY_MB", int, 2048, "address-space limit of one query worker, in MiB"),
    Setting("serve.max_waiting", "HYKG_SERVE_MAX_WAITING", int, 64,
            "requests that may wait for a free worker before the server answers 503 busy"),
)
BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The value of setting ``name``: its environment variable (converted to the setting's type),
    else its default (None when a searched-for default finds nothing)."""
    setting = BY_NAME[name]
    env = os.environ if environ is None else environ
    raw = env.get(setting.env)
    if raw not in (None, ""):
        try:
            return setting.kind(raw)
        except ValueError as exc:
            from .errors import HykgError

            raise HykgError(f"${setting.env}={raw!r}: expected {setting.kind.__name__} ({setting.meaning})") from exc
    return setting.default_value(env)


def default(name: str) -> Any:
    """The fixed default of setting ``name`` (for option and dataclass defaults).

    >>> default("serve.port")
    8000
    """
    value = BY_NAME[name].default
    if callable(value):
        raise ValueError(f"setting {name} has a computed default: use get()")
    return value


def is_set(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether setting ``name`` is given in the environment (not left to its default)."""
    return (os.environ if environ is None else environ).get(BY_NAME[name].env) not in (None, "")


def effective(flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Every setting with its effective value and where it came from: ``flag`` (given on the
    command line, in ``flags``), ``environment`` or ``default``.

    >>> [r["source"] for r in effective({"store": "memory"}, {"HYKG_SERVE_PORT": "9000"}) if r["name"] in ("store", "serve.port")]
    ['flag', 'environment']
    """
    env = os.environ if environ is None else environ
    flags = flags or {}
    rows = []
    for s in SETTINGS:
        if flags.get(s.name) is not None:
            value, source = flags[s.name], "flag"
        elif env.get(s.env) not in (None, ""):
            value, source = get(s.name, env), "environment"
        else:
            value, source = s.default_value(env), "default"
        shown = None if value is None else "********" if s.secret else str(value)
        rows.append({"name": s.name, "value": shown, "source": source,
                     "env": s.env, "meaning": s.meaning})
    return rows


def use(name: str, value: str | None) -> None:
    """Give setting ``name`` the value ``value`` (None: its default again) for this process and the
    processes it starts (a command-line flag such as ``--workspace`` does so: the library and
    workers then see it).

    >>> use("serve.port", "9001"); get("serve.port")
    9001
    >>> use("serve.port", None); get("serve.port")
    8000
    """
    if value is None:
        os.environ.pop(BY_NAME[name].env, None)
    else:
        os.environ[BY_NAME[name].env] = value
