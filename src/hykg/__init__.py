"""hykg: the Hengyang Industrial Knowledge Graph: build, query and analyse Hengyang's industry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "load", "__version__"]

if TYPE_CHECKING:
    from .kg import KnowledgeGraph, load


def __getattr__(name: str) -> Any:
    # imported lazily so that `import hykg` (and `hykg --help`) stay fast
    if name in ("KnowledgeGraph", "load"):
        from . import kg

        return getattr(kg, name)
    raise AttributeError(name)
