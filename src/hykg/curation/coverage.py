"""How much of each source document the graph cites: characters covered and paragraphs with no fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import DataError

#: Paragraphs shorter than this (after stripping) are layout, not statements (headings, captions, dates).
MIN_PARAGRAPH = 12


def _registry(path: Path) -> list[dict[str, Any]]:
    try:
        docs = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read the corpus registry: {exc}") from exc
    if docs is None:
        return []
    if not isinstance(docs, list):
        raise DataError(f"{path}:1: expected a list of documents")
    return docs


def cited_spans(kg: Any) -> dict[str, set[str]]:
    """Every quote in the graph, by document id."""
    rows = kg.select("SELECT DISTINCT ?doc ?q WHERE { ?st prov:wasDerivedFrom ?doc ; hykg:quote ?q }")
    spans: dict[str, set[str]] = {}
    for r in rows:
        spans.setdefault(r["doc"].rsplit("/", 1)[-1], set()).add(r["q"])
    return spans


def document_coverage(text: str, quotes: set[str]) -> dict[str, Any]:
    """Characters covered by the quotes and the paragraphs (lines) that no quote touches.

    >>> c = document_coverage("甲公司生产乙,乙供应丙公司。\\n\\n丙园区很大很大很大很大很大。", {"甲公司生产乙"})
    >>> c["cited_chars"], c["paragraphs"], [p["text"] for p in c["uncited"]]
    (6, 2, ['丙园区很大很大很大很大很大。'])
    """
    covered = bytearray(len(text))
    missing = []
    for q in sorted(quotes):
        start = text.find(q)
        if start < 0:
            missing.append(q)
        while start >= 0:
            covered[start:start + len(q)] = b"\x01" * len(q)
            start = text.find(q, start + 1)
    paragraphs, uncited, offset = 0, [], 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if len(stripped) >= MIN_PARAGRAPH:
            paragraphs += 1
            if not any(covered[offset:offset + len(line)]):
                uncited.append({"line": lineno, "text": stripped})
        offset += len(line) + 1
    body = sum(1 for ch in text if not ch.isspace())
    cited = sum(1 for i, ch in enumerate(text) if covered[i] and not ch.isspace())
    return {"chars": body, "cited_chars": cited, "share": round(cited / body, 4) if body else 0.0,
            "paragraphs": paragraphs, "uncited": uncited, "quotes": len(quotes), "quotes_not_found": missing}


def coverage(kg: Any, corpus: Path | None, workspace: Path | None = None) -> list[dict[str, Any]]:
    """Coverage of every document of the corpus (``corpus/sources.yaml``) and of the workspace's
    documents (its ``data/sources.yaml``, texts in ``corpus/``) by the graph's quotes, in registry order.

    >>> import hykg, hykg.resources as r
    >>> rows = coverage(hykg.load(), r.default_corpus())  # doctest: +SKIP
    """
    spans = cited_spans(kg)
    out = []
    registries = ([(corpus / "sources.yaml", corpus)] if corpus else []) + (
        [(workspace / "data" / "sources.yaml", workspace / "corpus")] if workspace else [])
    for registry, folder in registries:
        out += _documents(registry, folder, spans)
    return out


def _documents(registry: Path, corpus: Path, spans: dict[str, set[str]]) -> list[dict[str, Any]]:
    out = []
    for doc in _registry(registry):
        doc_id = str(doc.get("id"))
        path = corpus / str(doc.get("file", f"{doc_id}.txt"))
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataError(f"{path}: cannot read document {doc_id}: {exc.strerror}") from exc
        out.append({"doc": doc_id, **document_coverage(text, spans.get(doc_id, set()))})
    return out
