"""A plain query command imports only what its query needs: no rdflib, YAML, pyshacl, networkx,
pyvis or jinja2 (the build, the analyses and the pages import them when they run)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("rdflib", "yaml", "pyshacl", "networkx", "pyvis", "jinja2")
#: What only building a store (or a graph) needs: a query opening a fresh store compares sizes and times.
BUILD_ONLY = ("hashlib", "tempfile", "shutil", "hykg.files", "hykg.curation.build")
#: The checks of user SPARQL: the named questions read the library's own queries without them.
USER_SPARQL_ONLY = ("hykg.query.safety", "hykg.rdf.sparqltext")

COMMANDS = [
    ["fed-by", "恒光"],
    ["feeds", "恒光", "--format", "json"],
    ["show", "恒光"],
    ["chain", "化工新材料"],
    ["park", "松木经开区"],
    ["search", "化工"],
    ["stats"],
    ["path", "建滔", "电科"],
    ["downstream", "建滔", "--format", "json"],
    ["prospects", "化工新材料", "--per-industry", "5"],
    ["sparql", "SELECT ?p ?l WHERE { ?p a hykg:Park ; rdfs:label ?l } LIMIT 5", "--format", "json"],
    ["sparql", "SELECT ?p WHERE { ?p a hykg:Park } LIMIT 5"],
]

PROBE = """
import contextlib, io, json, sys
from hykg.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    main(sys.argv[1:], standalone_mode=False)
assert out.getvalue().strip(), "no answer"
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(args: list[str], env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.splitlines()[-1]))


def _heavy(modules: list[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, built_graph: Path) -> dict[str, str]:
    """A user home with an up-to-date built graph (the default path: freshness checked, no build)."""
    folder = tmp_path_factory.mktemp("cold-home")
    shutil.copy(built_graph, folder / "hykg.nq.gz")  # copied now: newer than the bundled sources
    env = {k: v for k, v in os.environ.items() if k not in ("HYKG_GRAPH", "HYKG_STORE")}
    env["HYKG_HOME"] = str(folder)
    _modules_after(["stats"], env)  # the first command builds the on-disk store
    return env


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2])[:30])
def test_query_command_imports_nothing_heavy(args: list[str], home: dict[str, str]) -> None:
    modules = _modules_after(args, home)
    assert "hykg.query.kg" in modules and "pyoxigraph" in modules  # the probe did run the query
    assert _heavy(modules) == []
    assert "hykg.curation.build" not in modules


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2])[:30])
def test_query_command_imports_no_build_code_and_only_its_own_cli_module(args: list[str], home: dict[str, str]) -> None:
    from hykg.cli import TOPICS

    _modules_after(args, home)  # the first run may write the answers a database keeps (query.memo.kept)
    modules = _modules_after(args, home)
    assert [m for m in BUILD_ONLY if m in modules] == []
    own = {"hykg.cli.options", f"hykg.cli.{TOPICS[args[0]]}"}
    if TOPICS[args[0]] == "data":
        own.add("hykg.cli.workspace")  # `hykg import` holds `import ledger`, written with the workspace commands
    assert {m for m in modules if m.startswith("hykg.cli.")} == own


@pytest.mark.parametrize("args", [c for c in COMMANDS if c[0] in ("fed-by", "feeds", "show", "chain", "park", "search", "stats")],
                         ids=lambda a: " ".join(a[:2])[:30])
def test_named_question_skips_the_user_query_checks(args: list[str], home: dict[str, str]) -> None:
    assert [m for m in USER_SPARQL_ONLY if m in _modules_after(args, home)] == []


def test_every_command_is_in_the_topic_table_under_its_own_module() -> None:
    import importlib

    from hykg.cli import TOPICS

    found = {c.name: topic for topic in set(TOPICS.values())
             for c in importlib.import_module(f"hykg.cli.{topic}").COMMANDS}
    assert found == TOPICS


def test_explicit_graph_imports_nothing_heavy(built_graph: Path, home: dict[str, str]) -> None:
    assert _heavy(_modules_after(["--graph", str(built_graph), "fed-by", "恒光"], home)) == []


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="CPU affinity is Linux's")
def test_store_open_runs_on_one_cpu_then_on_all_again() -> None:
    from hykg.stores.disk import _on_one_cpu

    before = os.sched_getaffinity(0)
    with _on_one_cpu():
        inside = os.sched_getaffinity(0)
    assert len(inside) == 1 and inside <= before
    assert os.sched_getaffinity(0) == before


def test_select_reads_lean_rows_as_the_w3c_terms_read() -> None:
    """select() of the library's own queries skips the user-query checks; its plain strings are those of
    the W3C terms (a blank node as its id, a literal as its lexical form)."""
    import pyoxigraph as ox

    from hykg.query.kg import KnowledgeGraph
    from hykg.stores.oxigraph import OxigraphStore

    store = ox.Store()
    g = ox.NamedNode("https://w3id.org/hykg/graph/t")
    s, b = ox.NamedNode("https://w3id.org/hykg/id/ent/t"), ox.BlankNode("b1")
    for o in (b, ox.Literal("恒光", language="zh"), ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))):
        store.add(ox.Quad(s, ox.NamedNode("https://w3id.org/hykg/ont#p"), o, g))
    kg = KnowledgeGraph(OxigraphStore(store))
    q = "SELECT ?o WHERE { ent:t hykg:p ?o }"
    assert sorted(r["o"] for r in kg.select(q)) == ["3", "b1", "恒光"]
    assert kg.select(q) == [{k: t["value"] for k, t in row.items()} for row in kg.query(q).rows]


def test_provenance_of_some_predicates_is_that_part_of_the_whole(built_graph: Path) -> None:
    from hykg.query.kg import load
    from hykg.query.provenance import provenance
    from hykg.rdf import vocab

    kg = load(built_graph)
    firm = {vocab.iri_of("ent/hengguang")}
    whole = provenance(kg, firm, firm)
    some = {vocab.ONT + "inPark", vocab.RDFS + "label"}
    part = provenance(kg, firm, firm, predicates=some)
    assert part and {p for _, p, _ in part} <= some
    assert part == {k: v for k, v in whole.items() if k[1] in some}
