"""Fixtures of the analysis tests: a hand-built network (tests/data/analysis) built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from .fixtures import ONTOLOGY

ANALYSIS = Path(__file__).parent / "data" / "analysis"


@pytest.fixture(scope="session")
def analysis_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built analysis dataset, built (span-checked) alone in its own folder."""
    from hykg.curation.build import build

    out = tmp_path_factory.mktemp("analysis-graph") / "hykg.nq.gz"
    build(out, ANALYSIS / "data", ONTOLOGY, ANALYSIS / "corpus", check_corpus=True)
    return out


@pytest.fixture(scope="session")
def akg(analysis_graph: Path):
    """A KnowledgeGraph over the hand-built analysis dataset."""
    from hykg import load

    return load(analysis_graph)


@pytest.fixture
def acli(analysis_graph: Path):
    """Invoke `hykg --graph <analysis graph> ARGS...`; returns the click Result."""
    from hykg.cli import main

    def invoke(*args: str):
        return CliRunner().invoke(main, ["--graph", str(analysis_graph), *args])

    return invoke
