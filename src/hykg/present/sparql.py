"""SPARQL answers as text: the W3C JSON, CSV and TSV results formats, a readable table, RDF for graphs."""

from __future__ import annotations

from typing import Any

from ..rdf.terms import n3
from ..stores.base import QueryResult, Solutions, Triples
from .text import table, to_csv


def sparql_json(result: QueryResult) -> dict[str, Any]:
    """W3C SPARQL 1.1 Query Results JSON for a SELECT or ASK result."""
    if isinstance(result, bool):
        return {"head": {}, "boolean": result}
    if isinstance(result, Solutions):
        return {"head": {"vars": result.vars}, "results": {"bindings": result.rows}}
    raise TypeError("CONSTRUCT/DESCRIBE results are graphs: use turtle, ntriples or json-ld")


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
    """A CONSTRUCT/DESCRIBE result as Turtle, TriG, N-Triples, JSON-LD or RDF/XML (see :mod:`hykg.present.rdfout`).

    >>> t = {"type": "uri", "value": "https://w3id.org/hykg/id/target/x"}
    >>> d = {"type": "literal", "value": "18", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    >>> graph_text(Triples([(t, t, d)]), "turtle").splitlines()[-1]
    'target:x target:x "18"^^xsd:decimal .'
    """
    from .rdfout import triples_bytes

    return triples_bytes(result.triples, fmt).decode("utf-8")
