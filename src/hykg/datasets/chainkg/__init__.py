"""ChainKG: 4,654 Chinese listed companies, 510 Shenwan industries and their links, imported into the
named graph ``.../graph/chainkg``; the curated links to Hengyang's firms and chains in ``chainkg-links``.

Modules: :mod:`.importer` (reading the dataset), :mod:`.links` (the curated links file),
:mod:`.matching` (name-matching candidates), :mod:`.questions` (links, listed companies, prospects).
The functions most used are re-exported here:

>>> from hykg.datasets.chainkg import candidates_for_chain, import_chainkg
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: Where each re-exported name lives: imported on first use, so that a question about listed
#: companies does not import the importer.
_HOMES = {"default_source": "importer", "import_chainkg": "importer", "candidates": "matching",
          "candidates_for_chain": "questions", "chain_industries": "questions", "curated_links": "questions",
          "listed_company": "questions"}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
