"""Analyses of the projected networks: supply closure and paths, circular economy, chain structure, risk.

Every analysis is a plain function on a networkx graph (usable from notebooks on any graph with the
attributes of :mod:`hykg.query.projections`), plus a function taking the KnowledgeGraph and a name that returns
a JSON-ready answer for the CLI:

- :mod:`hykg.analysis.supply`: ``closure``, ``material_paths``, ``infer_could_supply`` / ``could_supply``
- :mod:`hykg.analysis.circular`: ``ena_metrics``, ``finn_cycling_index``, ``cyclicity``, ``loops``, ``circular``
- :mod:`hykg.analysis.structure`: ``supporting_rate``, ``chain_structure``
- :mod:`hykg.analysis.risk`: ``risk_report``, ``risk``

Their tables and exports are in :mod:`hykg.present.analysis` and :mod:`hykg.present.export`.
"""
