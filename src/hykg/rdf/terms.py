"""RDF terms as text: escaping for N-Triples / N-Quads and SPARQL, IRIs and literals, W3C JSON terms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import vocab

if TYPE_CHECKING:  # decimal costs a query ~1 ms to import; the numbers arrive already made
    from decimal import Decimal

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def escape(text: str) -> str:
    """``text`` escaped for the inside of a double-quoted N-Triples, Turtle or SPARQL string:
    the ECHAR escapes, and ``\\uXXXX`` for other control characters.

    >>> escape('a"b\\n\\x01')
    'a\\\\"b\\\\n\\\\u0001'
    """
    if text.isprintable() and '"' not in text and "\\" not in text:
        return text  # most labels: nothing to escape
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def sparql_string(text: str) -> str:
    """``text`` as a SPARQL string literal, safely escaped.

    >>> sparql_string('a"b\\\\c')
    '"a\\\\"b\\\\\\\\c"'
    """
    return f'"{escape(text)}"'


def iri(value: str) -> str:
    """An IRI term in N-Triples syntax; curated ids (``ent/x``) become hykg IRIs.

    >>> iri("listed/600089")
    '<https://w3id.org/hykg/id/listed/600089>'
    """
    full = value if ":" in value else vocab.iri_of(value)
    if any(c in full for c in '<>"{}|^`\\ ') or any(ord(c) <= 0x20 for c in full):
        raise ValueError(f"not an IRI: {full!r}")
    return f"<{full}>"


def lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term in N-Triples syntax, escaped.

    >>> lit('a "b"', lang="zh"), lit("2", datatype=vocab.XSD + "integer")
    ('"a \\\\"b\\\\""@zh', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    body = f'"{escape(value)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != vocab.XSD + "string":
        return f"{body}^^<{datatype}>"
    return body


def n3(t: dict[str, str]) -> str:
    """A W3C SPARQL JSON term (``{"type", "value", "xml:lang"?, "datatype"?}``) in N-Triples syntax,
    as the W3C TSV results format writes it.

    >>> n3({"type": "literal", "value": "硫酸", "xml:lang": "zh"}), n3({"type": "bnode", "value": "b0"})
    ('"硫酸"@zh', '_:b0')
    """
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    return lit(t["value"], t.get("xml:lang"), t.get("datatype"))


def sparql_iris(iris: list[str] | set[str]) -> str:
    """IRIs as the body of a SPARQL ``VALUES`` clause, sorted (so equal sets give equal queries).

    >>> sparql_iris({"http://b", "http://a"})
    '<http://a> <http://b>'
    """
    return " ".join(f"<{i}>" for i in sorted(iris))


def canonical_decimal(number: Decimal) -> str:
    """The XSD 1.1 canonical form of an ``xsd:decimal`` (what Oxigraph stores): no exponent, no
    trailing zeros, no point for whole numbers; so every store and writer keeps the same text.

    >>> from decimal import Decimal
    >>> [canonical_decimal(Decimal(v)) for v in ("18", "18.0", "-3.10", "1E3", "1e-7", "-0.0", ".5")]
    ['18', '18', '-3.1', '1000', '0.0000001', '0', '0.5']
    """
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
