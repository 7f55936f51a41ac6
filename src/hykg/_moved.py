"""Old module paths (before the layered package) kept importable: ``import hykg.project`` gives
``hykg.query.projections``. New code uses the new paths; this table only keeps notebooks and
scripts written against 0.1 working."""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

#: old path -> new path
MOVED = {
    "hykg.vocab": "hykg.rdf.vocab",
    "hykg.nquads": "hykg.rdf.nquads",
    "hykg.store": "hykg.stores.base",
    "hykg.build": "hykg.curation.build",
    "hykg.compile": "hykg.curation.compile",
    "hykg.schema": "hykg.curation.schema",
    "hykg.yamlfile": "hykg.curation.yamlfile",
    "hykg.coverage": "hykg.curation.coverage",
    "hykg.kg": "hykg.query.kg",
    "hykg.safety": "hykg.query.safety",
    "hykg.questions": "hykg.query.questions",
    "hykg.project": "hykg.query.projections",
    "hykg.output": "hykg.present.text",
    "hykg.textviews": "hykg.present.answers",
    "hykg.viz": "hykg.present.viz",
    "hykg.render": "hykg.present.render",
    "hykg.report": "hykg.present.report",
    "hykg.ontodoc": "hykg.present.ontodoc",
    "hykg.analysis.views": "hykg.present.analysis",
    "hykg.analysis.export": "hykg.present.export",
    "hykg.chainkg": "hykg.datasets.chainkg.importer",
    "hykg.linking": "hykg.datasets.chainkg",
}


class _Alias:
    """Finds an old path and hands out the module at its new path (the same module object).

    A meta path finder and loader by protocol (``find_spec``, ``create_module``, ``exec_module``):
    subclassing ``importlib.abc``'s classes would import ``importlib.resources`` on every start."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname in MOVED:
            return importlib.machinery.ModuleSpec(fullname, self)  # type: ignore[arg-type]  # a Loader by protocol
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module: ModuleType) -> None:
        pass  # the new module ran when it was imported


def install() -> None:
    """Add the alias finder once (``import hykg`` does)."""
    if not any(isinstance(f, _Alias) for f in sys.meta_path):
        sys.meta_path.append(_Alias())
