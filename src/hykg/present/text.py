"""Text for people and spreadsheets: aligned tables (CJK-aware), JSON, CSV, and sources in one cell."""

from __future__ import annotations

import io
import json
import unicodedata
from typing import Any


def width(text: str) -> int:
    """Display width: CJK characters take two columns.

    >>> width("恒光ab")
    6
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], rows: list[list[Any]]) -> str:
    """An aligned plain-text table.

    >>> print(table(["a", "名称"], [[1, "恒光"]]))
    a  名称
    -  ----
    1  恒光
    """
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip()

    return "\n".join([line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]])


def to_json(data: Any) -> str:
    """Pretty, stable JSON with Chinese kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)


def to_csv(headers: list[str], rows: list[list[Any]], delimiter: str = ",") -> str:
    """CSV (UTF-8, with a BOM-free header row) that Excel and WPS open."""
    buf = io.StringIO()
    import csv

    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows([["" if c is None else c for c in r] for r in rows])
    return buf.getvalue()


def cite(source: dict[str, Any], short: bool = True) -> str:
    """One source as text: a document by its number (``short``) or id with the quote, an imported
    dataset (no quote) by its name.

    >>> cite({"doc": "003-hengyang", "quote": "恒光"}), cite({"doc": "chainkg", "quote": ""})
    ('003:「恒光」', 'chainkg')
    >>> cite({"doc": "visit-2024", "quote": "投产"})  # a workspace document keeps its id
    'visit-2024:「投产」'
    >>> cite({"doc": "ledger-1a2b3c4d", "row": 7, "quote": "松木经开区"})
    'ledger-1a2b3c4d 第7行:「松木经开区」'
    """
    doc, quote = str(source.get("doc", "")), source.get("quote")
    if source.get("row"):  # a ledger: its id and row (第7行), never shortened
        return f"{doc} 第{source['row']}行" + (f":「{quote}」" if quote else "")
    if not quote:
        return doc
    return f"{doc[:3] if short and doc[:3].isdigit() else doc}:「{quote}」"


def sources_text(item: dict[str, Any], lang: str = "zh") -> str:
    """The sources of an answer item in one cell: its documents and quotes, its rationales (marked
    editorial, or inferred for an inferred item) and, for an inferred link, its explanations.

    >>> sources_text({"status": "editorial", "sources": [], "rationale": ["常识"]})
    'editorial: 常识'
    """
    parts = [cite(s) if isinstance(s, dict) else str(s) for s in item.get("sources", [])]
    kind = "inferred" if item.get("status") == "inferred" else "editorial"
    parts += [f"{kind}: {r}" for r in item.get("rationale", [])]
    parts += [f"inferred ({item.get('basis')}): {e}"
              for e in item.get("explanation_en" if lang == "en" else "explanation", [])]
    return "; ".join(parts)

