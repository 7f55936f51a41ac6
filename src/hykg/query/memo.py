"""Answers computed once per loaded graph, kept on the KnowledgeGraph (its ``memo`` dict)."""

from __future__ import annotations

from typing import Any


def memo(kg: Any, key: str, compute: Any) -> Any:
    """``compute()`` once per loaded graph (kept in ``kg.memo``); every call where ``kg`` keeps no memo.

    >>> class G: memo = {}
    >>> memo(G, "x", lambda: [1]) is memo(G, "x", lambda: [2])
    True
    """
    cache = getattr(kg, "memo", None)
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]
