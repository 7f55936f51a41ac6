"""SPARQL answers as text: the W3C JSON, CSV and TSV results formats, a readable table, RDF for graphs."""

from __future__ import annotations

from typing import Any

from ..rdf.terms import n3
from ..stores.base import QueryResult, Solutions, Term, Triples
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
    """A CONSTRUCT/DESCRIBE result as Turtle, N-Triples or JSON-LD."""
    from rdflib import BNode, Graph, Literal, URIRef

    def term(t: Term) -> Any:
        if t["type"] == "uri":
            return URIRef(t["value"])
        if t["type"] == "bnode":
            return BNode(t["value"])
        return Literal(t["value"], lang=t.get("xml:lang"), datatype=URIRef(t["datatype"]) if "datatype" in t else None)

    from ..rdf import vocab

    g = Graph()
    for prefix, ns in vocab.PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    for s, p, o in result.triples:
        g.add((term(s), term(p), term(o)))
    rdflib_fmt = {"turtle": "turtle", "ntriples": "nt", "json-ld": "json-ld"}[fmt]
    return g.serialize(format=rdflib_fmt)
