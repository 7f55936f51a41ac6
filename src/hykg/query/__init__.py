"""Asking the graph: the KnowledgeGraph, query safety, name resolution, provenance, the named questions, projections to networkx."""
