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


def kept(kg: Any, key: str, compute: Any) -> Any:
    """``compute()`` (a value of JSON types) read once per database where the store keeps answers next
    to an on-disk database hykg built (``store.remembered``: a file ``key``.json), else computed.

    >>> class S: pass
    >>> class G: store = S()
    >>> kept(G, "x", lambda: [1, 2])
    [1, 2]
    """
    remembered = getattr(getattr(kg, "store", None), "remembered", None)
    return remembered(key, compute) if remembered else compute()
