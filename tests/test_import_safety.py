"""Imports never lose data: a truncated, unreadable or shrunken ChainKG copy stops `hykg import chainkg`
(exit 1, the file named) and the last good import stays byte for byte (real dataset copies)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from hykg.curation.manifest import manifest_path
from hykg.datasets.chainkg.importer import import_chainkg
from hykg.errors import DataError

from .test_chainkg import REAL, TINY, _folder


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, built_graph: Path) -> tuple[Path, Path]:
    """A good import of the real ChainKG next to a copy of the built graph: (graph, chainkg.nq.gz)."""
    if not (REAL / "company.json").exists():
        pytest.skip("../shared/datasets/chainkg is not present")
    graph = _folder(tmp_path_factory.mktemp("good"), built_graph)
    out = graph.parent / "chainkg.nq.gz"
    import_chainkg(REAL, out, graph)
    return graph, out


def _copy(tmp: Path) -> Path:
    src = tmp / "chainkg"
    shutil.copytree(REAL, src)
    for p in src.iterdir():
        p.chmod(0o644)
    return src


def test_manifest_records_the_line_counts(good: tuple[Path, Path]) -> None:
    _graph, out = good
    m = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert manifest_path(out).name == "chainkg.manifest.json"
    assert m["records"]["product.json"] == 95559 and m["records"]["company.json"] == 4654
    assert m["quads"] > 300000


def test_product_cut_to_30_percent_is_refused_and_the_last_import_kept(good: tuple[Path, Path], tmp_path: Path,
                                                                       runner: Any) -> None:
    from hykg.cli import main

    graph, out = good
    before, manifest = out.read_bytes(), manifest_path(out).read_bytes()
    src = _copy(tmp_path)
    lines = (src / "product.json").read_text(encoding="utf-8").splitlines(keepends=True)
    (src / "product.json").write_text("".join(lines[: len(lines) * 3 // 10]), encoding="utf-8")
    r = runner.invoke(main, ["--graph", str(graph), "import", "chainkg", str(src)])
    assert r.exit_code == 1, r.output
    assert f"{src / 'product.json'}: 28667 records, the last import read 95559 (below 50%)" in r.output
    assert "Traceback" not in r.output
    assert out.read_bytes() == before and manifest_path(out).read_bytes() == manifest
    assert sorted(p.name for p in out.parent.iterdir()) == ["chainkg.manifest.json", "chainkg.nq.gz", "hykg.nq.gz"]


def test_truncated_mid_record_is_refused(good: tuple[Path, Path], tmp_path: Path, runner: Any) -> None:
    from hykg.cli import main

    graph, out = good
    before = out.read_bytes()
    src = _copy(tmp_path)
    data = (src / "industry_up.json").read_bytes()
    cut = data.index(b'"', len(data) // 2)  # in the middle of a line
    (src / "industry_up.json").write_bytes(data[:cut])
    n = data[:cut].count(b"\n") + 1
    r = runner.invoke(main, ["--graph", str(graph), "import", "chainkg", str(src), "--allow-shrink"])
    assert r.exit_code == 1, r.output
    assert f"{src / 'industry_up.json'}:{n}: ends in the middle of a JSON record (a truncated file?)" in r.output
    assert out.read_bytes() == before
    (src / "industry_up.json").write_bytes(data[: next(i for i in range(len(data) // 2, len(data)) if data[i] >= 0xE0) + 1])  # mid-character
    r = runner.invoke(main, ["--graph", str(graph), "import", "chainkg", str(src), "--allow-shrink"])
    assert r.exit_code == 1 and "ends in the middle of a character (a truncated file?)" in r.output, r.output
    assert out.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_unreadable_file_is_refused(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path / "g", built_graph)
    src = tmp_path / "src"
    shutil.copytree(TINY, src)
    (src / "industry.json").chmod(0)
    with pytest.raises(DataError, match=r"industry.json: cannot be read"):
        import_chainkg(src, tmp_path / "out.nq.gz", graph, TINY / "links.yaml")


def test_directory_in_place_of_a_file_is_refused(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path / "g", built_graph)
    src = tmp_path / "src"
    shutil.copytree(TINY, src)
    (src / "industry.json").unlink()
    (src / "industry.json").mkdir()
    with pytest.raises(DataError, match=r"industry.json: cannot be read"):
        import_chainkg(src, tmp_path / "out.nq.gz", graph, TINY / "links.yaml")
    assert not (tmp_path / "out.nq.gz").exists()


def test_allow_shrink_imports_a_smaller_copy(tmp_path: Path, built_graph: Path) -> None:
    graph = _folder(tmp_path / "g", built_graph)
    out = tmp_path / "out.nq.gz"
    import_chainkg(TINY, out, graph, TINY / "links.yaml")
    src = tmp_path / "src"
    shutil.copytree(TINY, src)
    (src / "product.json").write_text('{"name": "一"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"product.json: 1 records, the last import read 5 \(below 50%\)"):
        import_chainkg(src, out, graph, TINY / "links.yaml")
    report = import_chainkg(src, out, graph, TINY / "links.yaml", allow_shrink=True)
    assert report.counts["product names"] == 1
    records = json.loads(manifest_path(out).read_text(encoding="utf-8"))["records"]
    assert records["product.json"] == 1 and records["company.json"] == 16
