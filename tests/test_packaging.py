"""The wheel carries the ontology and curated data, and the installed `hykg` answers from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .fixtures import ROOT


def test_wheel_installs_and_answers_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("hykg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "hykg/_resources/ontology/hykg.ttl" in names
    assert "hykg/_resources/ontology/shapes.ttl" in names
    assert "hykg/_resources/data/curated/000_songmu.yaml" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("HYKG_GRAPH", "HYKG_CORPUS")}
    env.update(PYTHONPATH=str(target), HYKG_HOME=str(tmp_path / "home"), PYTHONSAFEPATH="1")
    result = subprocess.run([sys.executable, "-m", "hykg", "fed-by", "恒光", "--format", "csv"], cwd=elsewhere,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "建滔" in result.stdout and "聚合氯化铝" in result.stdout
    assert (tmp_path / "home" / "hykg.nq.gz").exists()  # built on first use into the user folder
    imported = subprocess.run([sys.executable, "-c", "import hykg, sys; sys.stdout.write(hykg.__file__)"],
                              cwd=elsewhere, env=env, capture_output=True, text=True).stdout
    assert imported.startswith(str(target))
