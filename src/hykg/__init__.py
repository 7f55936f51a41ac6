"""hykg: the Hengyang Industrial Knowledge Graph: build, query and analyse Hengyang's industry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _moved

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "load", "__version__"]

_moved.install()  # old module paths (hykg.project ...) stay importable

if TYPE_CHECKING:
    from .query.kg import KnowledgeGraph, load


def __getattr__(name: str) -> Any:
    # imported lazily so that `import hykg` (and `hykg --help`) stay fast
    if name in ("KnowledgeGraph", "load"):
        from .query import kg

        return getattr(kg, name)
    raise AttributeError(name)
