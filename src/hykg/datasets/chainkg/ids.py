"""Ids of the ChainKG records: listed companies by stock code, Shenwan industries, product names."""

from __future__ import annotations


def company_id(code: str) -> str:
    """The id of the listed company with a six-digit stock code.

    >>> company_id("600089")
    'listed/600089'
    """
    return f"listed/{code}"


def industry_id(code: str) -> str:
    """The id of a Shenwan industry (``industry/sw-630801``)."""
    return f"industry/sw-{code}"


def product_id(name: str) -> str:
    """The id of a product name: a hash of the name (names are values, not ids)."""
    import hashlib  # at import time only: a question about listed companies needs none

    return "cprod/" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
