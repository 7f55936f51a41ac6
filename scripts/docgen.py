"""Command outputs for the documentation, generated from the code by cog.

README.md and docs/commands/*.md hold cog blocks such as::

    <!-- [[[cog import docgen; cog.out(docgen.run("hykg fed-by 恒光")) ]]] -->
    <!-- [[[end]]] -->

``cog -r -I scripts README.md docs/commands/*.md`` fills them in; ``tests/test_docs_generated.py``
runs cog in check mode, so a change in what a command prints fails the tests until the docs are
regenerated.

Every command runs in-process (click's CliRunner) against the bundled graph, in a temporary,
throw-away world, so that the output is the same on every machine and nothing is written to the
user's home:

- a fake home folder ``~`` with ``XDG_DATA_HOME=~/.local/share``: the graph is the default user graph
  ``~/.local/share/hykg/hykg.nq.gz`` (a copy of ``$HYKG_GRAPH`` when it is set, as in the test
  session, else built once per process); every other ``HYKG_*`` variable is unset;
- the commands run in an empty working folder, so ``-o FILE`` writes there and prints ``FILE``;
- the temporary folders, the checkout and ``../shared`` are replaced in the output by ``~``, relative
  paths and ``../shared`` (``built ~/.local/share/hykg/hykg.nq.gz: ... checked against ../shared/corpus``).

A second world, ``world="chainkg"``, also has the ChainKG listed-company dataset imported (for
``hykg import``, ``link``, ``listed``, ``prospects``).

What a block can show:

- :func:`run` (``$ command`` and its output in a ```text block, cut to ``head`` / ``tail`` lines, to
  the lines matching ``grep``, to ``clip`` columns), built from :func:`cmd` and :func:`block`;
  besides ``hykg ...`` a command may be ``cat``, ``head -N`` or ``grep -E`` of a file that an earlier
  command wrote, and :func:`write`, :func:`copy`, :func:`edit` prepare input files;
- :func:`banner`: what ``hykg serve`` prints before it serves; :func:`serve`: ``curl`` requests to the
  server (the real application, in-process, on Starlette's test client); :func:`endpoint`: hykg
  commands against a real ``oxigraph serve`` (from the ``oxigraph`` package);
- :func:`python`: a Python example, run (so a broken example fails), with the value of its last line;
- :func:`commands`: the table of every top-level command and its page.

The server's query workers start with multiprocessing's spawn method, which imports the ``__main__``
module again: run docgen through ``cog`` or pytest (their entry points guard ``__main__``), not from
a script without an ``if __name__ == "__main__"`` guard.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CHAINKG = SHARED / "datasets" / "chainkg"



def _on_path() -> None:
    """Put the checkout's code (whatever hykg is installed) and its test helpers first on sys.path;
    called again before late imports, since cog restores sys.path after each block."""
    for path in (ROOT, ROOT / "src"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))


_on_path()

#: the columns click wraps help text at, whatever the terminal
WIDTH = 80


@dataclass
class World:
    """A fake home with the built graph in its default place, and a working folder."""

    name: str
    home: Path
    work: Path

    @property
    def data_home(self) -> Path:
        return self.home / ".local" / "share"

    @property
    def graph(self) -> Path:
        return self.data_home / "hykg" / "hykg.nq.gz"

    def environ(self) -> dict[str, str | None]:
        env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("HYKG_")}
        env.update({"HOME": str(self.home), "XDG_DATA_HOME": str(self.data_home), "COLUMNS": str(WIDTH),
                    "LINES": "24"})
        return env


_base: Path | None = None
_worlds: dict[str, World] = {}


def _tmp() -> Path:
    global _base
    if _base is None:
        _base = Path(tempfile.mkdtemp(prefix="hykg-docgen-"))
        atexit.register(shutil.rmtree, _base, True)
    return _base


def _bundled_graph() -> Path:
    """The bundled graph, built once per process (or ``$HYKG_GRAPH``, the test session's)."""
    given = os.environ.get("HYKG_GRAPH")
    if given and Path(given).is_file():
        return Path(given)
    out = _tmp() / "built" / "hykg.nq.gz"
    if not out.exists():
        from hykg.curation.build import build

        corpus = CORPUS if (CORPUS / "sources.yaml").exists() else None
        build(out, corpus=corpus, check_corpus=corpus is not None)
    return out


def get_world(name: str = "bundled") -> World:
    """The world ``name`` ("bundled" or "chainkg"), set up on first use."""
    if name in _worlds:
        return _worlds[name]
    if name not in ("bundled", "chainkg"):
        raise ValueError(f"unknown docgen world {name!r}")
    w = World(name, _tmp() / name / "home", _tmp() / name / "work")
    w.work.mkdir(parents=True)
    w.graph.parent.mkdir(parents=True)
    shutil.copyfile(_bundled_graph(), w.graph)  # a fresh mtime: newer than the sources, never rebuilt
    _worlds[name] = w
    return w


def _ensure_imported(w: World, argv: list[str]) -> None:
    """The chainkg world imports ChainKG before its first command (unless that is the import itself)."""
    if w.name == "chainkg" and not (w.graph.parent / "chainkg.nq.gz").exists() and argv[:3] != ["hykg", "import", "chainkg"]:
        _invoke(w, ["import", "chainkg"], expect=0)


def _replacements(w: World) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for path, shown in ((w.work, "."), (w.home, "~"), (SHARED, "../shared"), (ROOT, "."), (_tmp(), "/tmp")):
        for variant in {str(path), os.path.realpath(path), str(path.resolve())}:
            pairs.append((variant + os.sep, "" if shown == "." else shown + "/"))
            pairs.append((variant, shown))
    return sorted(pairs, key=lambda p: -len(p[0]))


def _replace(text: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


_RULE = re.compile(r"-+(  -+)*")


def _cells(line: str, starts: list[int], widths: list[int]) -> list[str] | None:
    """``line`` cut at the display columns ``starts``; None when it is not a row of that table (a cell
    wider than its column, or no two spaces before the next column)."""
    from hykg.present.text import width  # the tables and CJK widths the commands print

    cells, current, pos = [], "", 0
    for ch in line:
        while len(cells) + 1 < len(starts) and pos >= starts[len(cells) + 1]:
            cells.append(current)
            current = ""
        current += ch
        pos += width(ch)
    cells.append(current)
    if any(not c.endswith("  ") for c in cells[:-1]):
        return None
    cells = [c.rstrip() for c in cells]
    if any(width(c) > widths[k] for k, c in enumerate(cells) if k < len(starts) - 1):
        return None
    return cells + [""] * (len(starts) - len(cells))


def _realign(lines: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Each aligned table (header, a rule of dashes, rows) with its cells' paths replaced, aligned again
    (a temporary path is longer than the ``~/...`` shown for it)."""
    from hykg.present.text import table  # the tables and CJK widths the commands print

    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and _RULE.fullmatch(lines[i + 1]):
            rule = list(re.finditer(r"-+", lines[i + 1]))
            starts, widths = [m.start() for m in rule], [len(m.group()) for m in rule]
            rows = [_cells(lines[i], starts, widths)]
            j = i + 2
            while j < len(lines) and lines[j].strip() and (row := _cells(lines[j], starts, widths)) is not None:
                rows.append(row)
                j += 1
            if rows[0] is not None and any(_replace(c, pairs) != c for r in rows for c in r if r):
                cells = [[_replace(c, pairs) for c in r] for r in rows if r is not None]
                out += table(cells[0], cells[1:]).split("\n")
                i = j
                continue
        out.append(_replace(lines[i], pairs))
        i += 1
    return out


def normalise(text: str, w: World) -> str:
    """Temporary and machine paths replaced by the paths a user would see (tables aligned again);
    CSV's CRLF line ends as a terminal shows them (cog reads files with universal newlines)."""
    return "\n".join(_realign(text.replace("\r\n", "\n").split("\n"), _replacements(w)))


@contextlib.contextmanager
def _inside(w: World, env: dict[str, str] | None = None) -> Iterator[None]:
    """Run in world ``w``: its environment (plus ``env``) and its working folder, restored after."""
    changes = {**w.environ(), **(env or {})}
    saved = {k: os.environ.get(k) for k in changes}
    here = os.getcwd()
    try:
        for k, v in changes.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        os.chdir(w.work)
        yield
    finally:
        os.chdir(here)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _invoke(w: World, args: list[str], expect: int | None, env: dict[str, str] | None = None) -> str:
    from click.testing import CliRunner

    from hykg.cli import main

    with _inside(w, env):
        result = CliRunner().invoke(main, args, prog_name="hykg", terminal_width=WIDTH)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"hykg {shlex.join(args)} raised {result.exception!r}:\n{result.output}") \
            from result.exception
    if expect is not None and result.exit_code != expect:
        raise RuntimeError(f"hykg {shlex.join(args)} exited {result.exit_code}, expected {expect}:\n{result.output}")
    return result.output


def _clip(line: str, columns: int) -> str:
    from hykg.present.text import width  # the tables and CJK widths the commands print

    if width(line) <= columns:
        return line
    kept, used = "", 0
    for ch in line:
        if used + width(ch) > columns - 4:
            break
        kept += ch
        used += width(ch)
    return kept.rstrip() + " ..."


def _cut(text: str, head: int | None, tail: int | None, grep: str | None = None, clip: int | None = None) -> str:
    """The first ``head`` and last ``tail`` lines (all when both are None), only those matching ``grep``
    if given, each at most ``clip`` columns wide; ``...`` stands for what is left out."""
    lines = text.rstrip("\n").split("\n")
    if clip is not None:
        lines = [_clip(line, clip) for line in lines]
    if grep is not None:
        kept: list[str] = []
        for line in lines:
            if re.search(grep, line):
                kept.append(line)
            elif not kept or kept[-1] != "...":
                kept.append("...")
        lines = kept
    if head is None and tail is None:
        return "\n".join(lines)
    h, t = head or 0, tail or 0
    if h + t >= len(lines):
        return "\n".join(lines)
    return "\n".join([*lines[:h], "...", *(lines[len(lines) - t:] if t else [])])


def output(command: str, *, world: str = "bundled", exit_code: int | None = 0) -> str:
    """What ``command`` prints (stdout and stderr, as a terminal shows them), paths normalised.

    ``command`` is a shell-like line: ``hykg ARGS...`` (after ``VAR=value`` assignments, if any), or
    ``cat FILE`` / ``head -N FILE`` / ``grep -E RE FILE`` for a file in the working folder (what an
    earlier command wrote).
    """
    w = get_world(world)
    argv = shlex.split(command)
    env = {}
    while argv and re.fullmatch(r"[A-Z_]+=.*", argv[0]):  # VAR=value hykg ...
        name, _, value = argv.pop(0).partition("=")
        env[name] = value
    if argv[0] == "hykg":
        _ensure_imported(w, argv)
        text = _invoke(w, argv[1:], exit_code, env)
    elif argv[0] == "cat" and len(argv) == 2:
        text = (w.work / argv[1]).read_text(encoding="utf-8")
    elif argv[0] == "head" and len(argv) == 3 and re.fullmatch(r"-\d+", argv[1]):
        lines = (w.work / argv[2]).read_text(encoding="utf-8-sig").splitlines()
        text = "\n".join(lines[: int(argv[1][1:])])
    elif argv[0] == "grep" and len(argv) == 4 and argv[1] == "-E":
        lines = (w.work / argv[3]).read_text(encoding="utf-8-sig").splitlines()
        text = "\n".join(line for line in lines if re.search(argv[2], line))
    else:
        raise ValueError(f"docgen runs hykg, cat FILE, head -N FILE and grep -E RE FILE, not {command!r}")
    return normalise(text, w)


def cmd(command: str, *, head: int | None = None, tail: int | None = None, world: str = "bundled",
        grep: str | None = None, clip: int | None = None, exit_code: int | None = 0,
        subs: Sequence[tuple[str, str]] = ()) -> str:
    """``$ command`` and its output (only the lines matching ``grep``, the ``head`` first and ``tail``
    last lines, each at most ``clip`` columns; ``...`` for what is left out); ``subs`` are (regular
    expression, replacement) pairs for what changes from run to run (a time)."""
    text = output(command, world=world, exit_code=exit_code)
    for pattern, replacement in subs:
        text = re.sub(pattern, replacement, text)
    return f"$ {command}\n{_cut(text, head, tail, grep, clip)}".rstrip("\n")


def block(*parts: str, sep: str = "\n\n") -> str:
    """A markdown ```text block of ``parts`` (from :func:`cmd`), without trailing spaces (which
    markdown reads as line breaks). Cog indents it as its marker is (inside a list item, say)."""
    text = "```text\n" + sep.join(parts) + "\n```"
    return "".join(line.rstrip() + "\n" for line in text.split("\n"))


def run(*commands: str, head: int | None = None, tail: int | None = None, world: str = "bundled",
        grep: str | None = None, clip: int | None = None, exit_code: int | None = 0,
        subs: Sequence[tuple[str, str]] = (), sep: str = "\n\n") -> str:
    """A ```text block with each command line and its output (each cut as :func:`cmd` does)."""
    return block(*(cmd(c, head=head, tail=tail, world=world, grep=grep, clip=clip, exit_code=exit_code, subs=subs)
                   for c in commands), sep=sep)


def write(name: str, text: str, *, world: str = "bundled") -> str:
    """Write a file into the working folder (for a later ``hykg ... FILE``); returns ''."""
    path = get_world(world).work / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return ""


def copy(source: str, name: str, *, world: str = "bundled") -> str:
    """Copy ``source`` (a file or folder of the checkout) into the working folder as ``name``; returns ''."""
    src, dest = ROOT / source, get_world(world).work / name
    if dest.exists():
        shutil.rmtree(dest) if dest.is_dir() else dest.unlink()
    shutil.copytree(src, dest) if src.is_dir() else shutil.copyfile(src, dest)
    return ""


def edit(name: str, line: int, old: str, new: str, *, world: str = "bundled") -> str:
    """In working-folder file ``name``, replace ``old`` (which must be there) on line ``line``; returns ''."""
    path = get_world(world).work / name
    lines = path.read_text(encoding="utf-8").split("\n")
    if old not in lines[line - 1]:
        raise ValueError(f"{name}:{line}: {old!r} is not on that line: {lines[line - 1]!r}")
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return ""


def python(code: str, *, world: str = "bundled", result: bool = True) -> str:
    """A ```python block of ``code``, run in the world (so an example that no longer works fails cog);
    with ``result``, the value of its last line, when that is an expression, follows as comments."""
    import ast
    import pprint

    w = get_world(world)
    code = code.strip("\n") + "\n"
    tree = ast.parse(code)
    last = tree.body.pop() if result and tree.body and isinstance(tree.body[-1], ast.Expr) else None
    namespace: dict[str, object] = {"__name__": "__docgen__"}
    with _inside(w):
        exec(compile(tree, "<docgen>", "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), "<docgen>", "eval"), namespace) if last else None
    shown = ""
    if last is not None:
        text = normalise(pprint.pformat(value, width=100, sort_dicts=False), w)
        shown = "".join(f"# {line}\n" for line in text.split("\n"))
    return "```python\n" + code + shown + "```\n"


def _stubbed(names: Sequence[str]) -> contextlib.ExitStack:
    """Each dotted name (``module.attribute``) replaced by a function that does nothing, until exit."""
    import importlib
    from unittest import mock

    stack = contextlib.ExitStack()
    for name in names:
        module, _, attribute = name.rpartition(".")
        stack.enter_context(mock.patch.object(importlib.import_module(module), attribute, lambda *a, **k: None))
    return stack


def banner(command: str = "hykg serve", *, world: str = "bundled") -> str:
    """What ``hykg serve ...`` prints before the server runs (the server itself is not started)."""
    with _stubbed(["hykg.server.app.serve"]):
        return cmd(command, world=world)


def _curl(client: object, command: str, w: World) -> str:
    """Run a ``curl`` command line (the options these docs use) against the test client, printing what
    curl prints: the body, with ``-i`` (or ``-D -``) the status line and headers first."""
    from urllib.parse import urlsplit

    line, _, pipe = command.replace("\\\n", " ").partition(" | ")
    argv = shlex.split(line)
    assert argv[0] == "curl", command
    headers: dict[str, str] = {}
    data: list[str] = []
    body: str | None = None
    get = include = False
    out: str | None = None
    url = ""
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "-s":
            pass
        elif a == "-i":
            include = True
        elif a == "-G":
            get = True
        elif a == "-H":
            i += 1
            k, _, v = argv[i].partition(":")
            headers[k.strip()] = v.strip()
        elif a == "--data-urlencode":
            i += 1
            data.append(argv[i])
        elif a == "--data-binary":
            i += 1
            body = argv[i]
        elif a == "-D" and argv[i + 1] == "-":
            include = True
            i += 1
        elif a == "-o":
            i += 1
            out = argv[i]
        elif a.startswith("http"):
            url = a
        else:
            raise ValueError(f"docgen's curl does not know {a!r}: {command}")
        i += 1
    parts = urlsplit(url)
    params = [tuple(d.split("=", 1)) for d in data]
    if get or (not data and body is None):
        response = client.request("GET", parts.path, params=params, headers=headers)  # type: ignore[attr-defined]
    elif body is not None:
        response = client.request("POST", parts.path, content=body.encode(), headers=headers)  # type: ignore[attr-defined]
    else:
        response = client.request("POST", parts.path, data=dict(params), headers=headers)  # type: ignore[attr-defined]
    text = ""
    if include:
        text += f"HTTP/1.1 {response.status_code} {response.reason_phrase}\n"
        text += "".join(f"{k.decode()}: {v.decode()}\n" for k, v in response.headers.raw) + "\n"
    if out:
        (w.work / out).write_bytes(response.content)
    else:
        text += response.text
    if pipe:
        grep = shlex.split(pipe)
        assert grep[:2] == ["grep", "-i"] and len(grep) == 3, pipe
        text = "\n".join(x for x in text.split("\n") if grep[2].lower() in x.lower())
    return normalise(text, w).rstrip("\n")


def serve(server: str, *curls: str, world: str = "bundled", sep: str = "\n\n") -> str:
    """A ```text block: ``$ hykg serve OPTIONS &`` (its options configure the server, which runs
    in-process, on a test client, and prints nothing here), then each ``curl`` command line and what it
    prints."""
    import warnings

    with warnings.catch_warnings():  # starlette's note on httpx versions is not for the docs' readers
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from hykg.cli.serve import serve as serve_command
    from hykg.server.app import ServerConfig, create_app

    argv = shlex.split(server)
    assert argv[:2] == ["hykg", "serve"], server
    params = serve_command.make_context("serve", argv[2:]).params
    w = get_world(world)
    shown = [f"$ {server} &"]
    with _inside(w):
        config = ServerConfig(host=params["host"], port=params["port"], timeout=params["timeout"],
                              max_rows=params["max_rows"], cors=params["cors"], workers=params["workers"],
                              graph=str(w.graph))
        base = f"http://{params['host']}:{params['port']}"
        with TestClient(create_app(config), base_url=base) as client:
            for c in curls:
                shown.append(f"$ {c}\n{_curl(client, c, w)}".rstrip("\n"))
    return "```text\n" + sep.join(shown) + "\n```\n"


def endpoint(*commands: str, world: str = "bundled", head: int | None = None, sep: str = "\n\n") -> str:
    """A ```text block: ``oxigraph serve`` (a real Oxigraph server, from the ``oxigraph`` package, on
    a free port shown as 7878), then each hykg command against it, cut to ``head`` lines."""
    _on_path()
    from tests.store_fixtures import OxigraphServer  # the real server the store tests start

    location = Path(tempfile.mkdtemp(dir=_tmp(), prefix="oxigraph-"))
    server = OxigraphServer(location / "db", location / "serve.log")
    port = server.port
    shown = ["$ oxigraph serve --location /data/hykg --bind 127.0.0.1:7878 &"]
    try:
        for c in commands:
            text = output(c.replace("127.0.0.1:7878", f"127.0.0.1:{port}"), world=world)
            text = _cut(text.replace(f"127.0.0.1:{port}", "127.0.0.1:7878"), head, None)
            shown.append(f"$ {c}\n{text}".rstrip("\n"))
    finally:
        server.stop()
    return block(*shown, sep=sep)


def commands(pages: dict[str, str]) -> str:
    """A markdown table of every top-level command: its line of help and the page (``pages[name]``, a
    link) that documents it. A command missing from ``pages`` fails, so a new command needs a page."""
    import click

    from hykg.cli import main

    ctx = click.Context(main, info_name="hykg")
    names = main.list_commands(ctx)
    missing = [n for n in names if n not in pages]
    if missing:
        raise ValueError(f"no documentation page given for: {', '.join(missing)}")
    rows = ["| command | what it does | page |", "|---|---|---|"]
    for name in names:
        command = main.get_command(ctx, name)
        assert command is not None
        summary = command.get_short_help_str(limit=200).replace("|", "\\|")
        rows.append(f"| `hykg {name}` | {summary} | {pages[name]} |")
    return "\n".join(rows) + "\n"
