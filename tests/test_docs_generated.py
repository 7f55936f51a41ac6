"""The command outputs in README.md and docs/commands/*.md are generated (cog blocks running
scripts/docgen.py): each must show what the code prints now.

After changing what a command prints, regenerate them:

    .venv-test/bin/cog -r -I scripts README.md docs/commands/*.md
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

import pytest

from .fixtures import CORPUS, ROOT

SCRIPTS = ROOT / "scripts"
FILES = [ROOT / "README.md", *sorted((ROOT / "docs" / "commands").glob("*.md"))]
CHAINKG = ROOT.parent / "shared" / "datasets" / "chainkg"
REGENERATE = "cog -r -I scripts README.md docs/commands/*.md"


@pytest.fixture(scope="module")
def docgen():
    """scripts/docgen.py, imported as the cog blocks import it (one graph copy per test session)."""
    if not (SCRIPTS / "docgen.py").exists():
        pytest.skip("scripts/docgen.py is not here (the docs are checked in the checkout)")
    sys.path.insert(0, str(SCRIPTS))
    try:
        import docgen

        yield docgen
    finally:
        sys.path.remove(str(SCRIPTS))


def _user_data() -> list[tuple[str, int]] | None:
    """What the user's own hykg folder holds (names and modification times), None if there is none."""
    folder = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "hykg"
    return sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir()) if folder.is_dir() else None


def test_generated_docs_match_the_code(docgen) -> None:
    cogapp = pytest.importorskip("cogapp")
    if not (CORPUS / "sources.yaml").exists() or not (CHAINKG / "company.json").exists():
        pytest.skip("the docs are generated with ../shared/corpus and ../shared/datasets/chainkg")
    before = _user_data()
    drifted = []
    for path in FILES:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = cogapp.Cog().main(["cog", "--check", "--diff", "-I", str(SCRIPTS), str(path)])
        if status != 0:
            name = path.relative_to(ROOT).as_posix()
            drifted.append(f"{name} (cog exit {status}):\n{out.getvalue()}{err.getvalue()}")
    assert not drifted, (f"generated command output differs from what the code prints now; run `{REGENERATE}`\n\n"
                         + "\n\n".join(drifted))
    assert _user_data() == before, "docgen wrote into the user's hykg folder"


def test_generated_docs_hold_no_machine_paths(docgen) -> None:
    machine = {str(ROOT), str(ROOT.parent / "shared"), "hykg-docgen-"}
    if str(Path.home()) not in ("/", ""):
        machine.add(str(Path.home()) + os.sep)
    for path in FILES:
        text = path.read_bytes().decode("utf-8")
        found = sorted(m for m in machine if m in text)
        assert not found, f"{path.relative_to(ROOT)} shows {found}: docgen should have replaced them"
        assert "\r" not in text, f"{path.relative_to(ROOT)}: a carriage return (CSV line ends are shown as \\n)"


def test_docgen_replaces_temporary_paths_and_aligns_tables_again(docgen) -> None:
    w = docgen.get_world()
    graph = str(w.graph)
    text = f"setting  value\n-------  {'-' * len(graph)}\ngraph    {graph}\nstore    oxigraph\n(2 rows)"
    assert docgen.normalise(text, w) == ("setting  value\n"
                                         "-------  ------------------------------\n"
                                         "graph    ~/.local/share/hykg/hykg.nq.gz\n"
                                         "store    oxigraph\n"
                                         "(2 rows)")
    assert docgen.normalise(f"built {w.work / 'out.html'}: 4 nodes", w) == "built out.html: 4 nodes"


def test_docgen_cuts_long_outputs(docgen) -> None:
    text = "\n".join(f"line {i}" for i in range(1, 11))
    assert docgen._cut(text, 2, None) == "line 1\nline 2\n..."
    assert docgen._cut(text, 1, 1) == "line 1\n...\nline 10"
    assert docgen._cut(text, None, None, grep="line [13]$") == "line 1\n...\nline 3\n..."
    assert docgen._cut("恒光恒光恒光", None, None, clip=9) == "恒光 ..."
