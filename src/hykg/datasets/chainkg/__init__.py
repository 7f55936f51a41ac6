"""ChainKG: 4,654 Chinese listed companies, 510 Shenwan industries and their links, imported into the
named graph ``.../graph/chainkg``; the curated links to Hengyang's firms and chains in ``chainkg-links``.

Modules: :mod:`.importer` (reading the dataset), :mod:`.links` (the curated links file),
:mod:`.matching` (name-matching candidates), :mod:`.questions` (links, listed companies, prospects).
The functions most used are re-exported here:

>>> from hykg.datasets.chainkg import candidates_for_chain, import_chainkg
"""

from __future__ import annotations

from .importer import default_source, import_chainkg
from .matching import candidates
from .questions import candidates_for_chain, chain_industries, curated_links, listed_company

__all__ = ["candidates", "candidates_for_chain", "chain_industries", "curated_links", "default_source",
           "import_chainkg", "listed_company"]
