"""One settings table, read by every module, shown by `hykg config`; errors carry their codes; files 0644."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from hykg import errors, settings
from hykg.cli import main
from hykg.files import write_atomic


def test_environment_overrides_default_and_is_typed() -> None:
    assert settings.get("serve.max_rows", {}) == 10_000
    assert settings.get("serve.max_rows", {"HYKG_SERVE_MAX_ROWS": "5"}) == 5
    with pytest.raises(errors.HykgError, match="HYKG_SERVE_MAX_ROWS"):
        settings.get("serve.max_rows", {"HYKG_SERVE_MAX_ROWS": "many"})
    assert settings.get("graph", {"HYKG_HOME": "/data/h"}) == "/data/h/hykg.nq.gz"


def test_no_module_reads_the_environment_itself() -> None:
    package = Path(settings.__file__).parent
    readers = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                     if "os.environ" in p.read_text(encoding="utf-8") and p.name != "settings.py")
    assert readers == []


def test_config_command_shows_values_and_sources(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HYKG_SERVE_PORT", "9123")
    graph = tmp_path / "g.nq.gz"
    result = runner.invoke(main, ["--graph", str(graph), "config", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.output)}
    assert set(rows) == {s.name for s in settings.SETTINGS}
    assert (rows["graph"]["value"], rows["graph"]["source"]) == (str(graph), "flag")
    assert (rows["serve.port"]["value"], rows["serve.port"]["source"]) == ("9123", "environment")
    assert (rows["serve.timeout"]["value"], rows["serve.timeout"]["source"]) == ("10.0", "default")
    table = runner.invoke(main, ["config"]).output
    assert "HYKG_SERVE_PORT" in table and "environment" in table


def test_serve_defaults_come_from_the_settings(runner) -> None:
    text = runner.invoke(main, ["serve", "--help"]).output
    assert "default: 10.0" in text and "default: 10000" in text


@pytest.mark.parametrize(("error", "exit_code", "status", "code"), [
    (errors.QuerySyntaxError("x"), 2, 400, "syntax_error"),
    (errors.QueryRefused("x"), 1, 403, "refused"),
    (errors.UpdateRefused("x"), 1, 403, "update_forbidden"),
    (errors.UnknownEntity("x", []), 1, 404, "unknown_entity"),
    (errors.QueryTimeout("x"), 1, 503, "timeout"),
    (errors.RequestError(413, "too_large", "x"), 1, 413, "too_large"),
])
def test_errors_carry_exit_code_status_and_code(error: errors.HykgError, exit_code: int, status: int, code: str) -> None:
    assert (error.exit_code, error.http_status, error.code) == (exit_code, status, code)


def test_cli_maps_errors_once_for_every_command(cli) -> None:
    syntax = cli("sparql", "SELEC")
    assert syntax.exit_code == 2 and syntax.output.startswith("Error: ")
    unknown = cli("analyze", "chain", "不存在的产业链")
    assert unknown.exit_code == 1 and "Error: no entity named" in unknown.output
    assert "Traceback" not in unknown.output


def test_written_files_are_readable_by_others(cli, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        written = [write_atomic(tmp_path / "a.txt", "x")]
        assert cli("viz", "park", "松木经开区", "-o", str(tmp_path / "v.html")).exit_code == 0
        assert cli("report", "chain", "化工新材料", "-o", str(tmp_path / "r.html")).exit_code == 0
        written += [tmp_path / "v.html", tmp_path / "r.html"]
    finally:
        os.umask(old)
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {"0o644"}


def test_doctests_never_write_into_home(tmp_path: Path) -> None:
    """`pytest src/hykg` builds its graph in a temporary folder (the root conftest.py), not in ~."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYKG_", "XDG_", "PYTEST_"))}
    env["HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "src/hykg/query/kg.py"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "passed" in done.stdout
    assert list(tmp_path.rglob("*.nq.gz")) == []
