"""Workspaces: `hykg init`, finding one (flag, environment, folder), `hykg status`, `hykg add`, `hykg build` into it, coverage with its documents."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hykg.curation.workspace import find, init
from hykg.errors import HykgError

VISIT = "2024年5月走访松木经开区，衡阳市新星化工有限公司在松木经开区投产，主要生产聚合氯化铝。\n"
SOURCES = "- id: visit-2024\n  file: visit.txt\n  title: 园区走访记录\n  publisher: 本单位\n"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HYKG_GRAPH", "HYKG_STORE", "HYKG_WORKSPACE")}
    env["HYKG_HOME"] = str(home)
    return env


def _hykg(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hykg", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_init_makes_the_folders_and_keeps_an_existing_one(tmp_path: Path) -> None:
    ws = init(tmp_path / "ws")
    assert sorted(p.name for p in ws.root.iterdir()) == ["README.md", "corpus", "data", "graph", "hykg-workspace.yaml",
                                                         "ledgers"]
    (ws.data_dir / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    init(ws.root)
    assert (ws.data_dir / "sources.yaml").read_text(encoding="utf-8") == SOURCES


def test_found_by_flag_environment_or_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = init(tmp_path / "ws")
    deep = ws.root / "ledgers" / "2024"
    deep.mkdir()
    monkeypatch.delenv("HYKG_WORKSPACE", raising=False)
    assert find(deep) is not None and find(deep).root == ws.root and find(deep).source == "folder"  # type: ignore[union-attr]
    assert find(tmp_path) is None
    assert find(tmp_path, flag=ws.root).source == "flag"  # type: ignore[union-attr]
    monkeypatch.setenv("HYKG_WORKSPACE", str(ws.root))
    assert find(tmp_path).source == "environment"  # type: ignore[union-attr]
    with pytest.raises(HykgError, match="not a hykg workspace"):
        find(tmp_path, flag=tmp_path)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """`hykg init` in an empty folder, a document of its own, `hykg add`, `hykg build`: all as a user runs them."""
    base = tmp_path_factory.mktemp("empty")
    env = _env(tmp_path_factory.mktemp("home"))
    done = _hykg(base, env, "init", "mine")
    assert done.returncode == 0, done.stderr
    root = base / "mine"
    (root / "corpus" / "visit.txt").write_text(VISIT, encoding="utf-8")
    with (root / "data" / "sources.yaml").open("a", encoding="utf-8") as fh:
        fh.write(SOURCES)
    added = _hykg(root, env, "add", "enterprise", "衡阳市新星化工有限公司", "--park", "松木经开区", "--chain", "化工新材料",
                  "--doc", "visit-2024", "--quote", "衡阳市新星化工有限公司在松木经开区投产", "--format", "json")
    assert added.returncode == 0, added.stderr
    built = _hykg(root, env, "build", "--format", "json")
    assert built.returncode == 0, built.stderr
    return root, env


def test_add_writes_a_curated_record(workspace: tuple[Path, dict[str, str]]) -> None:
    root, _env = workspace
    record = (root / "data" / "curated" / "added_visit-2024.yaml").read_text(encoding="utf-8")
    assert record.endswith("records:\n  - id: ent/heng-yang-shi-xin-xing-hua-gong-you-xian\n    type: Enterprise\n"
                           "    zh: 衡阳市新星化工有限公司\n    quote: 衡阳市新星化工有限公司在松木经开区投产\n"
                           "    inPark: park/songmu\n    onChain: chain/chem-new-materials\n")
    assert 'doc: "visit-2024"' in record


def test_build_writes_into_the_workspace_and_checks_its_quotes(workspace: tuple[Path, dict[str, str]]) -> None:
    root, env = workspace
    assert (root / "graph" / "hykg.nq.gz").is_file()
    show = _hykg(root / "ledgers", env, "show", "新星化工", "--format", "json")  # from a folder below the workspace
    assert show.returncode == 0, show.stderr
    card = json.loads(show.stdout)
    assert card["label_en"] == "Heng Yang Shi Xin Xing Hua Gong You Xian Gong Si"  # generated pinyin
    park = next(r for r in card["relations"] if r["property"] == "hykg:inPark")
    assert park["sources"] == [{"doc": "visit-2024", "quote": "衡阳市新星化工有限公司在松木经开区投产"}]
    # a quote edited so that it is no longer in the document: the build names the file and line
    path = root / "data" / "curated" / "added_visit-2024.yaml"
    good = path.read_text(encoding="utf-8")
    try:
        path.write_text(good.replace("在松木经开区投产", "在松木经开区扩产"), encoding="utf-8")
        bad = _hykg(root, env, "build")
        assert bad.returncode == 1
        assert "span not found in document visit-2024: '衡阳市新星化工有限公司在松木经开区扩产'" in bad.stderr
        assert "data/curated/added_visit-2024.yaml:" in bad.stderr
    finally:
        path.write_text(good, encoding="utf-8")


def test_add_refuses_a_quote_not_in_the_document_and_a_known_name(workspace: tuple[Path, dict[str, str]]) -> None:
    root, env = workspace
    before = sorted((p.name, p.read_bytes()) for p in (root / "data" / "curated").iterdir())
    bad = _hykg(root, env, "add", "enterprise", "衡阳市某公司", "--doc", "visit-2024", "--quote", "不在文中")
    assert bad.returncode == 1 and "the quote is not in document visit-2024: '不在文中'" in bad.stderr
    known = _hykg(root, env, "add", "enterprise", "恒光", "--editorial", "test")
    assert known.returncode == 1 and "恒光: already in the graph (ent/hengguang)" in known.stderr
    unsourced = _hykg(root, env, "add", "park", "新园区")
    assert unsourced.returncode == 1 and "give the source" in unsourced.stderr
    assert sorted((p.name, p.read_bytes()) for p in (root / "data" / "curated").iterdir()) == before


def test_status_says_what_is_used_and_why(workspace: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, env = workspace
    here = json.loads(_hykg(root, env, "status", "--format", "json").stdout)
    assert here["workspace"]["root"] == str(root) and here["workspace"]["source"] == "folder"
    assert here["graph"] == {"file": str(root / "graph" / "hykg.nq.gz"), "source": "workspace", "exists": True}
    assert here["workspace"]["documents"] == 1 and here["workspace"]["records"] == 1
    flagged = json.loads(_hykg(tmp_path, env, "--workspace", str(root), "status", "--format", "json").stdout)
    assert flagged["workspace"]["source"] == "flag"
    by_env = json.loads(_hykg(tmp_path, {**env, "HYKG_WORKSPACE": str(root)}, "status", "--format", "json").stdout)
    assert by_env["workspace"]["source"] == "environment"
    none = json.loads(_hykg(tmp_path, env, "status", "--format", "json").stdout)
    assert none["workspace"] is None and none["graph"]["source"] == "default"
    text = _hykg(root, env, "status").stdout
    assert f"workspace: {root} (folder)" in text


def test_coverage_lists_the_workspace_documents_from_anywhere(workspace: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, env = workspace
    done = _hykg(tmp_path, env, "--workspace", str(root), "coverage", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = {r["doc"]: r for r in json.loads(done.stdout)}
    assert rows["visit-2024"]["quotes"] == 1 and rows["visit-2024"]["cited_chars"] == len("衡阳市新星化工有限公司在松木经开区投产")


def test_without_a_workspace_add_says_how_to_make_one(tmp_path: Path) -> None:
    done = _hykg(tmp_path, _env(tmp_path / "home"), "--graph", os.environ["HYKG_GRAPH"], "add", "park", "X",
                 "--editorial", "why")
    assert done.returncode == 1 and "no workspace here: create one with `hykg init DIR`" in done.stderr


def test_add_park_and_project_records(tmp_path: Path, kg) -> None:
    from hykg.curation.add import add

    ws = init(tmp_path / "ws")
    park = add(ws, kg, "park", "松木新材料产业园", park="松木经开区", editorial="园区管委会口头介绍; told by the park office")
    assert park.record == {"id": "park/song-mu-xin-cai-liao-chan-ye-yuan", "type": "Park", "zh": "松木新材料产业园",
                           "editorial": "园区管委会口头介绍; told by the park office", "partOf": "park/songmu"}
    proj = add(ws, kg, "project", "年产1万吨新材料项目", park="松木经开区", products=("聚苯硫醚",), editorial="走访; visit",
               en="10,000 t/a new materials project")
    assert proj.record["inPark"] == "park/songmu" and proj.record["en"] == "10,000 t/a new materials project"
    assert proj.record["makes"] == "mat/ju-ben-liu-mi"  # a new product, recorded with the same source
    text = (ws.data_dir / "curated" / "added_editorial.yaml").read_text(encoding="utf-8")
    assert text.count("  - id: ") == 3 and "  - id: mat/ju-ben-liu-mi\n    type: Product\n    zh: 聚苯硫醚\n" in text
    with pytest.raises(HykgError, match="already has a record park/song-mu-xin-cai-liao-chan-ye-yuan"):
        add(ws, kg, "park", "松木新材料产业园", editorial="again")
