"""Fixtures of the ingest tests: a workspace made by `hykg init` with its own home, and the command run in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def hykg_in(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`hykg ARGS` as a fresh process with ``env`` (a workspace's)."""
    return subprocess.run([sys.executable, "-m", "hykg", *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A folder holding a new workspace ``ws`` and the environment that uses it (its own HYKG_HOME)."""
    base = tmp_path_factory.mktemp("ingest")
    env = {k: v for k, v in os.environ.items() if k not in ("HYKG_GRAPH", "HYKG_STORE", "HYKG_WORKSPACE")}
    env.update({"HYKG_HOME": str(tmp_path_factory.mktemp("home")), "HYKG_WORKSPACE": str(base / "ws")})
    assert hykg_in(env, "init", str(base / "ws")).returncode == 0
    return base, env
