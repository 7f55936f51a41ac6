"""Shared fixtures: the real dataset built once per session, a tiny fixture dataset, a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("HYKG_TEST_DATA", ROOT / "data"))  # another curated folder can be tested
ONTOLOGY = ROOT / "ontology"
TINY = Path(__file__).parent / "data" / "tiny"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


def corpus_or_skip() -> Path:
    if not (CORPUS / "sources.yaml").exists():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def built_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real Hengyang dataset, built (with span checks when the corpus is present)."""
    from hykg.curation.build import build

    out = tmp_path_factory.mktemp("graph") / "hykg.nq.gz"
    build(out, DATA, ONTOLOGY, CORPUS if CORPUS.exists() else None, check_corpus=CORPUS.exists())
    return out


@pytest.fixture(scope="session", autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, built_graph: Path):
    """Doctests and default loads read the session's graph; nothing is written to the user's home."""
    saved = {k: os.environ.get(k) for k in ("HYKG_HOME", "HYKG_GRAPH")}
    os.environ["HYKG_HOME"] = str(tmp_path_factory.mktemp("home"))
    os.environ["HYKG_GRAPH"] = str(built_graph)
    yield
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture(scope="session")
def kg(built_graph: Path):
    """A KnowledgeGraph over the real dataset."""
    from hykg import load

    return load(built_graph)


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture dataset (data/ folder); its corpus is TINY / 'corpus'."""
    dest = tmp_path / "data"
    shutil.copytree(TINY / "data", dest)
    return dest


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner, built_graph: Path):
    """Invoke `hykg --graph <real graph> ARGS...`; returns the click Result."""

    def invoke(*args: str):
        return runner.invoke(__import__("hykg.cli", fromlist=["main"]).main, ["--graph", str(built_graph), *args])

    return invoke


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium (Debian's, driven by Playwright) per test module."""
    from playwright.sync_api import sync_playwright

    from .docs_browser import CHROMIUM_ARGS

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed (scripts/system-deps.sh installs it)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def kg_with_listed(built_graph: Path, tmp_path_factory: pytest.TempPathFactory):
    """The real graph with the ChainKG listed-company data imported next to it (products left out)."""
    import shutil

    from hykg import load
    from hykg.datasets.chainkg import importer as chainkg

    source = chainkg.default_source()
    if not (source / "company.json").exists():
        pytest.skip("../shared/datasets/chainkg is not present")
    folder = tmp_path_factory.mktemp("with-chainkg")
    shutil.copy(built_graph, folder / "hykg.nq.gz")
    chainkg.import_chainkg(source, folder / "chainkg.nq.gz", graph=folder / "hykg.nq.gz", products=False)
    return load(folder / "hykg.nq.gz")
