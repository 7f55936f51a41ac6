"""Writing canonical N-Quads fast (for imports of large datasets): escaped terms, sorted lines, gzip."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import vocab

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def iri(value: str) -> str:
    """An IRI term; curated ids (``ent/x``) become hykg IRIs.

    >>> iri("listed/600089")
    '<https://w3id.org/hykg/id/listed/600089>'
    """
    full = value if ":" in value else vocab.iri_of(value)
    if any(c in full for c in '<>"{}|^`\\ ') or any(ord(c) <= 0x20 for c in full):
        raise ValueError(f"not an IRI: {full!r}")
    return f"<{full}>"


def lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term, escaped as N-Quads requires.

    >>> lit('a "b"', lang="zh"), lit("2", datatype=vocab.XSD + "integer")
    ('"a \\\\"b\\\\""@zh', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    body = f'"{_escape(value)}"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != vocab.XSD + "string":
        return f"{body}^^<{datatype}>"
    return body


class QuadSet:
    """A set of quads as N-Quads lines; ``payload()`` is sorted, so equal input gives equal bytes."""

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, s: str, p: str, o: str, g: str) -> None:
        """Add one quad of already-formatted terms (see :func:`iri`, :func:`lit`)."""
        self.lines.add(f"{s} {p} {o} {g} .")

    def statement(self, s: str, p: str, o: str, g: str, status: str, rationale: str,
                  derived_from: str | None = None) -> None:
        """Add a triple and its ``rdf:Statement`` node (status ``editorial`` or ``inferred``)."""
        self.add(s, p, o, g)
        key = "|".join([s, p, o, status, rationale, derived_from or ""])
        st = iri("stmt/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])
        rdf, h = vocab.RDF, vocab.ONT
        self.add(st, f"<{rdf}type>", f"<{rdf}Statement>", g)
        self.add(st, f"<{rdf}subject>", s, g)
        self.add(st, f"<{rdf}predicate>", p, g)
        self.add(st, f"<{rdf}object>", o, g)
        self.add(st, f"<{h}statementStatus>", f"<{h}{status}>", g)
        self.add(st, f"<{h}rationale>", lit(rationale), g)
        if derived_from:
            self.add(st, f"<{vocab.PROV}wasDerivedFrom>", derived_from, g)

    def __len__(self) -> int:
        return len(self.lines)

    def payload(self) -> bytes:
        """Canonical N-Quads: one quad per line, sorted."""
        return ("\n".join(sorted(self.lines)) + "\n").encode("utf-8") if self.lines else b""

    def write(self, out: Path) -> int:
        """Write atomically (gzip if ``out`` ends in .gz, deterministic); returns the number of quads."""
        from .build import gzip_bytes, write_atomic

        payload = self.payload()
        write_atomic(out, gzip_bytes(payload) if out.suffix == ".gz" else payload)
        return len(self.lines)
