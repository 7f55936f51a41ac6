"""Small SPARQL helpers shared by the dataset tests."""

from __future__ import annotations

from typing import Any


def one(kg: Any, query: str) -> dict[str, str]:
    """The single row a SELECT must return (fails, showing the rows, otherwise)."""
    rows = kg.select(query)
    assert len(rows) == 1, rows
    return rows[0]


def values(kg: Any, subject: str, prop: str) -> set[str]:
    """Every object of ``subject prop ?o`` (both written in SPARQL syntax)."""
    rows = kg.select(f"SELECT ?o WHERE {{ {subject} {prop} ?o }}")
    return {r["o"] for r in rows}
