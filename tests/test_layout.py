"""The package's shape: layers without import cycles (imports inside functions count), modules of a
few hundred lines, a small top level, old paths still importable."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "hykg"
MAX_LINES = 450
MAX_TOP_MODULES = 8


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["hykg", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _type_checking_only(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Whether an import sits under ``if TYPE_CHECKING:`` (never executed)."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return True
    return False


def import_graph() -> nx.DiGraph:
    """Module -> module edges of every hykg import, at module level or inside functions alike (a
    package's own submodules are resolved to the module, not the package)."""
    mods = _modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(mods)
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(tree):
            if _type_checking_only(node, parents):
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
            for target in targets:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target)
    return graph


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert graph.number_of_edges() > 100  # the scan sees the package's imports
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == [], f"import cycles: {cycles}"


def test_layers_point_down() -> None:
    """rdf imports nothing above it; stores never reach the curation, query or presentation layers."""
    graph = import_graph()
    for module, target in graph.edges:
        if module.startswith("hykg.rdf"):
            assert target.startswith("hykg.rdf") or target in ("hykg.files", "hykg.errors"), (module, target)
        if module.startswith("hykg.stores"):
            assert not target.startswith(("hykg.curation", "hykg.query", "hykg.present", "hykg.cli")), (module, target)
        if module.startswith("hykg.analysis"):
            assert not target.startswith(("hykg.present", "hykg.cli", "hykg.server")), (module, target)


def test_modules_stay_small_and_the_top_level_short() -> None:
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_every_module_says_what_it_holds() -> None:
    missing = [name for name, path in _modules().items()
               if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert missing == []


@pytest.mark.parametrize(("old", "new"), [("hykg.project", "hykg.query.projections"), ("hykg.output", "hykg.present.text"),
                                          ("hykg.build", "hykg.curation.build"), ("hykg.linking", "hykg.datasets.chainkg")])
def test_old_paths_still_import(old: str, new: str) -> None:
    assert importlib.import_module(old) is importlib.import_module(new)
    from hykg.linking import candidates_for_chain  # a name documented under the old path

    assert callable(candidates_for_chain)
