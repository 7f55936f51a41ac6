"""RDF out: triples or quads as Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML (pyoxigraph's writers).

pyoxigraph's writers keep every literal's lexical form (``"18"^^xsd:decimal`` stays so; rdflib's
Turtle writes ``18.0``), label blank nodes instead of nesting them (a 2,000-deep blank-node chain
is written, where rdflib's Turtle and JSON-LD writers raise RecursionError) and take the hykg
prefixes. RDF/XML (XML 1.0) cannot carry C0 control characters, even escaped: a graph with one
is refused, naming the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import HykgError, NotSerialisable
from ..rdf import vocab

#: format name -> (pyoxigraph format name, keeps named graphs)
FORMATS: dict[str, tuple[str, bool]] = {
    "turtle": ("TURTLE", False), "trig": ("TRIG", True), "ntriples": ("N_TRIPLES", False),
    "nquads": ("N_QUADS", True), "json-ld": ("JSON_LD", True), "rdfxml": ("RDF_XML", False),
}
_C0 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _term(t: dict[str, str]) -> Any:
    import pyoxigraph as ox

    if t["type"] == "uri":
        return ox.NamedNode(t["value"])
    if t["type"] == "bnode":
        return ox.BlankNode(t["value"])
    if "xml:lang" in t:
        return ox.Literal(t["value"], language=t["xml:lang"])
    return ox.Literal(t["value"], datatype=ox.NamedNode(t["datatype"])) if "datatype" in t else ox.Literal(t["value"])


def check_xml_safe(values: Iterable[str]) -> None:
    """Refuse (NotSerialisable) a value with a character XML 1.0 cannot hold.

    >>> check_xml_safe(["恒光", "a\\tb"])
    >>> check_xml_safe(["ok", "bell\\x07"])
    Traceback (most recent call last):
    ...
    hykg.errors.NotSerialisable: RDF/XML cannot hold the control character U+0007 in 'bell\\x07' (XML 1.0 forbids it): choose Turtle, N-Triples or JSON-LD
    """
    for v in values:
        m = _C0.search(v)
        if m:
            raise NotSerialisable(f"RDF/XML cannot hold the control character U+{ord(m.group()):04X} in {v[:60]!r} "
                                  "(XML 1.0 forbids it): choose Turtle, N-Triples or JSON-LD")


def serialize(quads: Iterable[Any], fmt: str) -> bytes:
    """pyoxigraph Triples or Quads in ``fmt`` (a key of :data:`FORMATS`), with the hykg prefixes.

    A quad format given triples puts them in the default graph; a triple format given quads
    writes their union.

    >>> import pyoxigraph as ox
    >>> t = ox.Triple(ox.NamedNode(vocab.ID + "target/x"), ox.NamedNode(vocab.ONT + "value"),
    ...               ox.Literal("18", datatype=ox.NamedNode(vocab.XSD + "decimal")))
    >>> serialize([t], "turtle").decode().splitlines()[-1]
    'target:x hykg:value "18"^^xsd:decimal .'
    """
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise HykgError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")
    name, quad_format = FORMATS[fmt]
    items = list(quads)
    if quad_format:
        items = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in items]
    else:
        items = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) if isinstance(q, ox.Quad) else q
                                   for q in items))
    if fmt == "rdfxml":
        check_xml_safe(str(t.value) for q in items for t in (q.subject, q.predicate, q.object))
    prefixes = None if fmt in ("ntriples", "nquads") else dict(vocab.PREFIXES)
    return ox.serialize(items, format=getattr(ox.RdfFormat, name), prefixes=prefixes) or b""


def triples_bytes(triples: Iterable[tuple[dict[str, str], dict[str, str], dict[str, str]]], fmt: str) -> bytes:
    """A CONSTRUCT/DESCRIBE result (W3C JSON terms) in ``fmt``.

    >>> t = {"type": "uri", "value": "https://w3id.org/hykg/id/ent/hengguang"}
    >>> triples_bytes([(t, t, {"type": "literal", "value": "恒光", "xml:lang": "zh"})], "ntriples").decode()
    '<https://w3id.org/hykg/id/ent/hengguang> <https://w3id.org/hykg/id/ent/hengguang> "恒光"@zh .\\n'
    """
    import pyoxigraph as ox

    return serialize([ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in triples], fmt)


def export_rdf(files: Iterable[Path], fmt: str, out: Path) -> int:
    """Write the graph files (N-Quads, gzip or not) as ``fmt`` to ``out`` atomically; returns the quads written.

    Quads are sorted first, so equal graphs give equal bytes.
    """
    import pyoxigraph as ox

    from ..files import write_atomic
    from ..stores.base import read_graph_file

    quads: list[Any] = []
    for path in files:
        quads += ox.parse(read_graph_file(path), format=ox.RdfFormat.N_QUADS)
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    payload = serialize(quads, fmt)
    write_atomic(out, payload)
    return len(quads)
