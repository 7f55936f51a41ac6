"""Fixtures for the viz tests: a curated dataset with a hostile entity name, built with hykg.curation.build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .fixtures import ONTOLOGY, TINY

#: A name that would run script if any page put it into markup unescaped.
HOSTILE = "</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="session")
def hostile_graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture dataset with 甲公司 (ent/a) renamed to HOSTILE, built (spans checked)."""
    from hykg.curation.build import build

    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(TINY / "data", data)
    curated = data / "curated" / "t1.yaml"
    text = curated.read_text(encoding="utf-8")
    assert "    zh: 甲公司\n" in text
    curated.write_text(text.replace("    zh: 甲公司\n", f"    zh: {HOSTILE!r}\n"), encoding="utf-8")
    out = root / "hostile.nq.gz"
    build(out, data, ONTOLOGY, TINY / "corpus", check_corpus=True)
    return out
