"""Writing canonical N-Quads fast (for imports of large datasets): a set of quads, sorted lines, gzip."""

from __future__ import annotations

from pathlib import Path

from ..files import gzip_bytes, write_atomic
from .statements import statement_triples
from .terms import lit


def _bracketed(value: str) -> str:
    return f"<{value}>"


class QuadSet:
    """A set of quads as N-Quads lines; ``payload()`` is sorted, so equal input gives equal bytes.

    >>> from hykg.rdf.terms import iri
    >>> q = QuadSet()
    >>> q.statement(iri("ent/a"), iri("https://w3id.org/hykg/ont#inPark"), iri("park/p"), iri("https://w3id.org/hykg/graph/x"),
    ...             "editorial", "because")
    >>> len(q)
    7
    """

    def __init__(self) -> None:
        self.lines: set[str] = set()

    def add(self, s: str, p: str, o: str, g: str) -> None:
        """Add one quad of already-formatted terms (see :func:`hykg.rdf.terms.iri`, :func:`~hykg.rdf.terms.lit`)."""
        self.lines.add(f"{s} {p} {o} {g} .")

    def statement(self, s: str, p: str, o: str, g: str, status: str, rationale: str) -> None:
        """Add a triple and its ``rdf:Statement`` node (status ``editorial`` or ``inferred``), written by
        :func:`hykg.rdf.statements.statement_triples` as the curated facts are."""
        for t in statement_triples(s[1:-1], p[1:-1], o, o, status=status, rationale=rationale, iri=_bracketed, lit=lit):
            self.add(*t, g)

    def __len__(self) -> int:
        return len(self.lines)

    def payload(self) -> bytes:
        """Canonical N-Quads: one quad per line, sorted."""
        return ("\n".join(sorted(self.lines)) + "\n").encode("utf-8") if self.lines else b""

    def write(self, out: Path) -> int:
        """Write atomically (gzip if ``out`` ends in .gz, deterministic); returns the number of quads."""
        payload = self.payload()
        write_atomic(out, gzip_bytes(payload) if out.suffix == ".gz" else payload)
        return len(self.lines)
