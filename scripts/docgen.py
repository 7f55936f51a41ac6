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
``hykg import``, ``link``, ``listed``, ``prospects``, ``store``).
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CHAINKG = SHARED / "datasets" / "chainkg"

if str(ROOT / "src") not in sys.path:  # the checkout's code, whatever hykg is installed
    sys.path.insert(0, str(ROOT / "src"))

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
    if name == "chainkg":
        _invoke(w, ["import", "chainkg"], expect=0)
    return w


def _replacements(w: World) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for path, shown in ((w.work, "."), (w.home, "~"), (SHARED, "../shared"), (ROOT, "."), (_tmp(), "/tmp")):
        for variant in {str(path), os.path.realpath(path), str(path.resolve())}:
            pairs.append((variant + os.sep, "" if shown == "." else shown + "/"))
            pairs.append((variant, shown))
    return sorted(pairs, key=lambda p: -len(p[0]))


def normalise(text: str, w: World) -> str:
    """Temporary and machine paths replaced by the paths a user would see."""
    for old, new in _replacements(w):
        text = text.replace(old, new)
    return text


def _invoke(w: World, args: list[str], expect: int | None) -> str:
    from click.testing import CliRunner

    from hykg.cli import main

    here = os.getcwd()
    os.chdir(w.work)
    try:
        result = CliRunner(env=w.environ()).invoke(main, args, prog_name="hykg", terminal_width=WIDTH)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise RuntimeError(f"hykg {shlex.join(args)} raised {result.exception!r}:\n{result.output}") \
            from result.exception
    if expect is not None and result.exit_code != expect:
        raise RuntimeError(f"hykg {shlex.join(args)} exited {result.exit_code}, expected {expect}:\n{result.output}")
    return result.output


def _cut(text: str, head: int | None, tail: int | None) -> str:
    lines = text.rstrip("\n").split("\n")
    if head is None and tail is None:
        return "\n".join(lines)
    h, t = head or 0, tail or 0
    if h + t >= len(lines):
        return "\n".join(lines)
    return "\n".join([*lines[:h], "...", *(lines[len(lines) - t:] if t else [])])


def output(command: str, *, world: str = "bundled", exit_code: int | None = 0) -> str:
    """What ``command`` prints (stdout and stderr, as a terminal shows them), paths normalised.

    ``command`` is a shell-like line: ``hykg ARGS...``, or ``cat FILE`` / ``head -N FILE`` for a file
    in the working folder (what an earlier command wrote).
    """
    w = get_world(world)
    argv = shlex.split(command)
    if argv[0] == "hykg":
        text = _invoke(w, argv[1:], exit_code)
    elif argv[0] == "cat" and len(argv) == 2:
        text = (w.work / argv[1]).read_text(encoding="utf-8")
    elif argv[0] == "head" and len(argv) == 3 and re.fullmatch(r"-\d+", argv[1]):
        lines = (w.work / argv[2]).read_text(encoding="utf-8-sig").splitlines()
        text = "\n".join(lines[: int(argv[1][1:])])
    else:
        raise ValueError(f"docgen runs hykg, cat FILE and head -N FILE, not {command!r}")
    return normalise(text, w)


def cmd(command: str, *, head: int | None = None, tail: int | None = None, world: str = "bundled",
        exit_code: int | None = 0, show: str | None = None) -> str:
    """``$ command`` and its output (``head`` first and ``tail`` last lines, ``...`` between)."""
    text = _cut(output(command, world=world, exit_code=exit_code), head, tail)
    return f"$ {show or command}\n{text}".rstrip("\n")


def block(*parts: str, sep: str = "\n\n") -> str:
    """A markdown ```text block of ``parts`` (from :func:`cmd`)."""
    return "```text\n" + sep.join(parts) + "\n```\n"


def run(*commands: str, head: int | None = None, tail: int | None = None, world: str = "bundled",
        exit_code: int | None = 0, sep: str = "\n\n") -> str:
    """A ```text block with each command line and its output (each cut to ``head`` / ``tail`` lines)."""
    return block(*(cmd(c, head=head, tail=tail, world=world, exit_code=exit_code) for c in commands), sep=sep)


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


def edit(name: str, old: str, new: str, *, world: str = "bundled") -> str:
    """Replace the one occurrence of ``old`` in working-folder file ``name``; returns ''."""
    path = get_world(world).work / name
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise ValueError(f"{name}: {old!r} occurs {text.count(old)} times, not once")
    path.write_text(text.replace(old, new), encoding="utf-8")
    return ""

