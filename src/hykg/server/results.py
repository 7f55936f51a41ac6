"""One query evaluated under a row cap and written in a W3C results format (JSON, XML, CSV, TSV, RDF)."""

from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ..present.sparql import sparql_csv
from ..query.safety import check_query
from ..rdf import vocab
from ..rdf.sparqltext import Dataset
from ..stores.base import QueryResult, Solutions, Term, Triples

#: Results formats of SELECT and ASK: name -> media type, in the server's order of preference.
SOLUTION_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
#: Formats of CONSTRUCT and DESCRIBE results (RDF graphs), in the server's order of preference.
GRAPH_FORMATS: dict[str, str] = {
    "turtle": "text/turtle; charset=utf-8",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Answer:
    """A serialised query answer: body, media type, rows (or triples) written, whether cut at the cap."""

    body: bytes
    media_type: str
    count: int | None
    truncated: bool
    max_rows: int


def run_capped(kg: Any, query: str, max_rows: int, dataset: Dataset | None = None,
               checked: bool = False) -> tuple[QueryResult, bool]:
    """Run a read-only query, reading at most ``max_rows`` rows (or triples); say whether more existed.
    ``checked``: the caller has already passed ``query`` through :func:`hykg.query.safety.check_query`
    (the server checks each request before it hands it to a worker).

    >>> from hykg import load
    >>> result, cut = run_capped(load(), "SELECT ?s WHERE { ?s a hykg:Enterprise }", 3)
    >>> len(result.rows), cut
    (3, True)
    """
    if not checked:
        check_query(query)
    store = kg.store
    if _streams(type(store)):
        result = store.query(query, used_prefixes(query), max_rows=max_rows + 1, dataset=dataset)  # stops early
    else:  # a backend without streaming: read everything, then cut
        result = store.query(query, vocab.PREFIXES, dataset=dataset)
    if isinstance(result, Solutions) and len(result.rows) > max_rows:
        return Solutions(result.vars, result.rows[:max_rows]), True
    if isinstance(result, Triples) and len(result.triples) > max_rows:
        return Triples(result.triples[:max_rows]), True
    return result, False


_STREAMING: dict[type, bool] = {}


def _streams(store_type: type) -> bool:
    """Whether a store class's ``query`` takes ``max_rows`` (reads no more solutions than asked)."""
    if store_type not in _STREAMING:
        _STREAMING[store_type] = "max_rows" in inspect.signature(store_type.query).parameters  # type: ignore[attr-defined]
    return _STREAMING[store_type]


def used_prefixes(query: str) -> dict[str, str]:
    """The hykg prefixes that ``query`` may use (``name:`` occurs in it): handing the engine only
    these halves the cost of a cheap query (Oxigraph reads every prefix it is given, each time).

    >>> used_prefixes("ASK { ent:hengguang hykg:inPark park:songmu }").keys() == {"ent", "hykg", "park"}
    True
    """
    return {p: iri for p, iri in vocab.PREFIXES.items() if p + ":" in query}


def evaluate(kg: Any, query: str, fmt: str, max_rows: int, dataset: Dataset | None = None,
             checked: bool = False) -> Answer:
    """Run ``query`` and write it as ``fmt`` (a key of SOLUTION_FORMATS or GRAPH_FORMATS).

    A SELECT/ASK asked for in a graph format is written as JSON, a graph asked for in a results
    format as Turtle (the query form is only guessed before parsing).

    >>> from hykg import load
    >>> a = evaluate(load(), "ASK { ent:hengguang hykg:inPark park:songmu }", "json", 10)
    >>> a.body, a.media_type
    (b'{"head": {}, "boolean": true}', 'application/sparql-results+json')
    """
    result, truncated = run_capped(kg, query, max_rows, dataset, checked)
    if isinstance(result, Triples):
        fmt = fmt if fmt in GRAPH_FORMATS else "turtle"
        return Answer(graph_bytes(result, fmt), GRAPH_FORMATS[fmt], len(result.triples), truncated, max_rows)
    fmt = fmt if fmt in SOLUTION_FORMATS else "json"
    if isinstance(result, bool) and fmt not in ("json", "xml"):
        fmt = "json"
    count = len(result.rows) if isinstance(result, Solutions) else None
    return Answer(solutions_bytes(result, fmt, truncated), SOLUTION_FORMATS[fmt], count, truncated, max_rows)


def solutions_bytes(result: Solutions | bool, fmt: str, truncated: bool = False) -> bytes:
    """A SELECT or ASK result in the W3C JSON, XML, CSV or TSV format.

    JSON carries ``"truncated": true|false`` next to ``head`` and ``results`` (a SELECT only).

    >>> print(solutions_bytes(Solutions(["x"], [{"x": {"type": "literal", "value": "a<b"}}]), "xml").decode())
    <?xml version="1.0" encoding="utf-8"?>
    <sparql xmlns="http://www.w3.org/2005/sparql-results#">
    <head><variable name="x"/></head>
    <results>
    <result><binding name="x"><literal>a&lt;b</literal></binding></result>
    </results>
    </sparql>
    <BLANKLINE>
    """
    if fmt == "json":
        if isinstance(result, bool):
            data: dict[str, Any] = {"head": {}, "boolean": result}
        else:
            data = {"head": {"vars": result.vars}, "results": {"bindings": result.rows}, "truncated": truncated}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        return _xml(result, truncated).encode("utf-8")
    if isinstance(result, bool):
        raise ValueError("CSV and TSV have no form for ASK results")
    return sparql_csv(result, tsv=fmt == "tsv").encode("utf-8")


def _xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text))


def _xml_term(t: Term) -> str:
    if t["type"] == "uri":
        return f"<uri>{_xml_text(t['value'])}</uri>"
    if t["type"] == "bnode":
        return f"<bnode>{_xml_text(t['value'])}</bnode>"
    attrs = ""
    if "xml:lang" in t:
        attrs = f" xml:lang={quoteattr(t['xml:lang'])}"
    elif "datatype" in t:
        attrs = f" datatype={quoteattr(t['datatype'])}"
    return f"<literal{attrs}>{_xml_text(t['value'])}</literal>"


def _xml(result: Solutions | bool, truncated: bool) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if isinstance(result, bool):
        out += ["<head/>", f"<boolean>{'true' if result else 'false'}</boolean>"]
    else:
        link = '<link href="urn:hykg:truncated"/>' if truncated else ""
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.vars) + link + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>" for v in result.vars if v in row)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def graph_bytes(result: Triples, fmt: str) -> bytes:
    """A CONSTRUCT/DESCRIBE result as Turtle, JSON-LD, N-Triples or RDF/XML (:mod:`hykg.present.rdfout`;
    RDF/XML with a control character: NotSerialisable, 422).

    >>> t = {"type": "uri", "value": "https://w3id.org/hykg/id/ent/hengguang"}
    >>> graph_bytes(Triples([(t, t, {"type": "literal", "value": "恒光", "xml:lang": "zh"})]), "ntriples").decode()
    '<https://w3id.org/hykg/id/ent/hengguang> <https://w3id.org/hykg/id/ent/hengguang> "恒光"@zh .\\n'
    """
    from ..present.rdfout import triples_bytes

    return triples_bytes(result.triples, fmt)
