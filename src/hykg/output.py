"""Turning answers into text: aligned tables (CJK-aware), JSON, CSV and the W3C SPARQL formats."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

from .store import QueryResult, Solutions, Term, Triples


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
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows([["" if c is None else c for c in r] for r in rows])
    return buf.getvalue()


# ---------------------------------------------------------------------- SPARQL results
def sparql_json(result: QueryResult) -> dict[str, Any]:
    """W3C SPARQL 1.1 Query Results JSON for a SELECT or ASK result."""
    if isinstance(result, bool):
        return {"head": {}, "boolean": result}
    if isinstance(result, Solutions):
        return {"head": {"vars": result.vars}, "results": {"bindings": result.rows}}
    raise TypeError("CONSTRUCT/DESCRIBE results are graphs: use turtle, ntriples or json-ld")


def n3(t: Term) -> str:
    """A term in N-Triples/Turtle syntax (as the W3C TSV results format writes it)."""
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    v = t["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    if "xml:lang" in t:
        return f'"{v}"@{t["xml:lang"]}'
    if "datatype" in t:
        return f'"{v}"^^<{t["datatype"]}>'
    return f'"{v}"'


def sparql_csv(result: Solutions, tsv: bool = False) -> str:
    """W3C SPARQL 1.1 CSV (plain values) or TSV (terms in N-Triples syntax) results."""
    if tsv:
        lines = ["\t".join("?" + v for v in result.vars)]
        lines += ["\t".join(n3(r[v]) if v in r else "" for v in result.vars) for r in result.rows]
        return "\n".join(lines) + "\n"
    return to_csv(result.vars, [[r[v]["value"] if v in r else "" for v in result.vars] for r in result.rows])


def sparql_table(result: QueryResult) -> str:
    """A SPARQL result as a readable table (ASK: yes/no)."""
    if isinstance(result, bool):
        return "true" if result else "false"
    if isinstance(result, Triples):
        return table(["subject", "predicate", "object"], [[n3(s), n3(p), n3(o)] for s, p, o in result.triples])
    rows = [[r[v]["value"] if v in r else "" for v in result.vars] for r in result.rows]
    return table(result.vars, rows) + f"\n({len(rows)} rows)"


def graph_text(result: Triples, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE result as Turtle, N-Triples or JSON-LD."""
    from rdflib import BNode, Graph, Literal, URIRef

    def term(t: Term) -> Any:
        if t["type"] == "uri":
            return URIRef(t["value"])
        if t["type"] == "bnode":
            return BNode(t["value"])
        return Literal(t["value"], lang=t.get("xml:lang"), datatype=URIRef(t["datatype"]) if "datatype" in t else None)

    from . import vocab

    g = Graph()
    for prefix, ns in vocab.PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o in result.triples:
        g.add((term(s), term(p), term(o)))
    rdflib_fmt = {"turtle": "turtle", "ntriples": "nt", "json-ld": "json-ld"}[fmt]
    return g.serialize(format=rdflib_fmt)
