"""Provenance: the status order (documented < editorial < inferred < unknown) and the status,
sources and rationale of asserted triples, read from their statement nodes."""

from __future__ import annotations

import functools
from typing import Any

from ..rdf import vocab
from ..rdf.terms import sparql_iris
from ..stores.base import IMPORTED_DATASETS, Value
from .names import compact

H = vocab.ONT

#: The statuses of statements, strongest first (unknown: no statement found).
STATUSES = ("documented", "editorial", "inferred", "unknown")
#: The strength of a status name (0 strongest); any other status counts as unknown (3).
STRENGTH = {s: i for i, s in enumerate(STATUSES)}
RANK = {H + s: i for i, s in enumerate(STATUSES[:3])}  # the same, keyed by status IRI




def rank(status: str) -> int:
    """The strength of a status, 0 strongest; a status hykg does not know counts as unknown (3).

    >>> rank("documented"), rank("editorial"), rank("whatever")
    (0, 1, 3)
    """
    return STRENGTH.get(status, 3)


def strongest(statuses: list[str] | set[str] | tuple[str, ...]) -> str:
    """The strongest of several statuses (``unknown`` for none).

    >>> strongest(["inferred", "editorial"])
    'editorial'
    """
    return min(statuses, key=rank) if statuses else "unknown"


def weakest(statuses: list[str] | set[str] | tuple[str, ...]) -> str:
    """The weakest of several statuses (documented < editorial < inferred < unknown).

    >>> weakest(["documented", "editorial"]), weakest([])
    ('editorial', 'unknown')
    """
    return max(statuses, key=rank) if statuses else "unknown"


#: Provenance of triples: (subject IRI, predicate IRI, object as a lean value) -> status, sources, rationale.
Provenance = dict[tuple[str, str, Value], dict[str, Any]]


def provenance(kg: Any, subjects: set[str], objects: set[str] | None = None,
               predicates: set[str] | None = None) -> Provenance:
    """Status and sources of asserted triples, keyed by (subject IRI, predicate IRI, object): the
    object is its lean value (:func:`hykg.stores.base.lean`: an IRI's string, a literal's tuple).
    ``predicates``: only the triples of these predicate IRIs (default: all)."""
    return {key: entry(rows) for key, rows in statements(kg, subjects, objects, predicates).items()}


def statements(kg: Any, subjects: set[str], objects: set[str] | None = None,
               predicates: set[str] | None = None) -> dict[tuple[str, str, Value], list[dict[str, Any]]]:
    """The statement rows (status, doc, quote, rat) of the triples about ``subjects`` (or towards
    ``objects``), of ``predicates`` (default: all), grouped by triple."""
    parts = []
    # the statement pattern inside each branch: rdflib (--store memory) is 50x slower with it outside
    bgp = "?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; hykg:statementStatus ?status ."
    if predicates:  # the filter right after ?p is bound: Oxigraph then reads the rest of those statements only
        bgp = (f"?st rdf:subject ?s ; rdf:predicate ?p . FILTER(?p IN ({', '.join(f'<{p}>' for p in sorted(predicates))})) "
               "?st rdf:object ?o ; hykg:statementStatus ?status .")
    if subjects:
        parts.append(f"{{ VALUES ?s {{ {sparql_iris(subjects)} }} {bgp} }}")
    if objects:
        parts.append(f"{{ VALUES ?o {{ {sparql_iris(objects)} }} {bgp} }}")
    if not parts:
        return {}
    q = f"""SELECT ?s ?p ?o ?status ?doc ?quote ?rat ?row WHERE {{ {' UNION '.join(parts)}
            OPTIONAL {{ ?st prov:wasDerivedFrom ?doc }} OPTIONAL {{ ?st hykg:quote ?quote }}
            OPTIONAL {{ ?st hykg:rationale ?rat }} OPTIONAL {{ ?st hykg:row ?row }} }}"""
    by_key: dict[tuple[str, str, Value], list[dict[str, Any]]] = {}
    for row in kg.rows(q):
        key = (row["s"], row["p"], row["o"])
        rows = by_key.get(key)
        if rows is None:
            by_key[key] = [row]
        else:
            rows.append(row)
    return by_key


def entry(rows: list[dict[str, Any]], rank: int | None = None) -> dict[str, Any]:
    """Provenance from statement rows: the status of ``rank`` (default: the strongest of the rows),
    each source and rationale once."""
    if len(rows) == 1:  # one statement, one source: most triples
        r = rows[0]
        return {"status": STATUSES[RANK.get(r["status"], 3) if rank is None else rank],
                "sources": [_source(r["doc"], r["quote"][0] if "quote" in r else "", r.get("row"))] if "doc" in r else [],
                "rationale": [r["rat"][0]] if "rat" in r else []}
    docs: list[tuple[str, str, Any]] = []
    rats: list[str] = []
    for r in rows:
        if "doc" in r and (d := (r["doc"], r["quote"][0] if "quote" in r else "", r.get("row"))) not in docs:
            docs.append(d)
        if "rat" in r and r["rat"][0] not in rats:
            rats.append(r["rat"][0])
    docs.sort(key=lambda d: (d[0], d[1], int(d[2][0]) if d[2] else 0))  # one namespace: IRI order is id order
    rats.sort()
    return {"status": STATUSES[min(RANK.get(r["status"], 3) for r in rows) if rank is None else rank],
            "sources": [_source(d, q, row) for d, q, row in docs], "rationale": rats}


def _source(doc: Any, quote: str, row: Any = None) -> dict[str, Any]:
    """A source: its document id and quote, and the ledger row for a fact from an imported ledger.

    >>> _source("https://w3id.org/hykg/id/doc/ledger-1a2b3c4d", "松木经开区", ("7", "", "x"))
    {'doc': 'ledger-1a2b3c4d', 'row': 7, 'quote': '松木经开区'}
    """
    if row:
        return {"doc": doc_id(doc), "row": int(row[0]), "quote": quote}
    return {"doc": doc_id(doc), "quote": quote}


@functools.lru_cache(maxsize=1024)
def doc_id(iri: str) -> str:
    return compact(iri).removeprefix("doc/")


NO_PROV = {"status": "unknown", "sources": [], "rationale": []}


def dataset_provenance(kg: Any, iri: str, rels: list[dict[str, Any]]) -> None:
    """Mark the relations that come from an imported dataset (its own named graph, e.g. chainkg,
    which has no statement per triple) with status ``dataset`` and the dataset as source."""
    graphs = {vocab.graph_iri(name): name for name in IMPORTED_DATASETS}
    q = f"""SELECT ?g ?dir ?p ?x WHERE {{ VALUES ?g {{ {sparql_iris(set(graphs))} }}
            {{ GRAPH ?g {{ <{iri}> ?p ?x }} BIND("out" AS ?dir) }} UNION {{ GRAPH ?g {{ ?x ?p <{iri}> }} BIND("in" AS ?dir) }} }}"""
    found = {(r["dir"][0], compact(r["p"]), compact(r["x"]) if isinstance(r["x"], str) else r["x"][0]): graphs[r["g"]]
             for r in kg.rows(q)}
    for r in rels:
        name = found.get((r["direction"], r["property"], r["other"]["id"] if "other" in r else r["value"]))
        if name and r["status"] == "unknown":
            r.update(status="dataset", sources=[{"doc": name, "quote": ""}], rationale=[])
