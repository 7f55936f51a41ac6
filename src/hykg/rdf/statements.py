"""The one statement writer: a triple plus its ``rdf:Statement`` node with status and source.

Every fact hykg writes, from the curated YAML (``hykg.curation.compile``) or from an import
(``hykg.rdf.nquads.QuadSet``), goes through :func:`statement_triples`, so both get the same
statement ids and the same shape: status (documented / editorial / inferred), and a document with a
quote, or a rationale.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TypeVar

from . import vocab

T = TypeVar("T")

#: The statuses a statement may have, strongest first.
STATUSES = ("documented", "editorial", "inferred")


#: A list left open by the source: names joined by 、 then 等 / 等等, or introduced by 如 (e.g. 「为建衡、电科等园区企业」).
_OPEN_LIST = re.compile(r"、[^、,，。;；:：]{1,20}?(等等|等)|如[^,，。;；]{1,30}、")


def open_list(quote: str | None) -> str | None:
    """The word (等, 等等 or 如) that leaves the list a quote enumerates open, else None.

    >>> open_list("生产的硫酸又为建衡、电科等园区企业提供原材料"), open_list("恒光利用建滔的盐酸")
    ('等', None)
    """
    m = _OPEN_LIST.search(quote or "")
    return None if m is None else (m.group(1) or "如")


def statement_iri(s: str, p: str, o_key: str, doc: str | None = None, quote: str | None = None,
                  rationale: str | None = None) -> str:
    """The id of the statement of (s, p, o) with this source: a hash, so equal input gives equal ids.

    ``o_key`` is the object in N-Triples syntax; ``doc`` the source document's id (``003``).

    >>> a = statement_iri("https://w3id.org/hykg/id/ent/a", "https://w3id.org/hykg/ont#inPark", "<x>", rationale="r")
    >>> a == statement_iri("https://w3id.org/hykg/id/ent/a", "https://w3id.org/hykg/ont#inPark", "<x>", rationale="r")
    True
    >>> a.startswith("https://w3id.org/hykg/id/stmt/"), a == statement_iri("https://w3id.org/hykg/id/ent/a",
    ...     "https://w3id.org/hykg/ont#inPark", "<x>", rationale="another reason")
    (True, False)
    """
    key = "|".join([s, p, o_key, doc or "", quote or "", rationale or ""])
    return vocab.iri_of("stmt/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])


def statement_triples(s: str, p: str, o: T, o_key: str, *, status: str, iri: Callable[[str], T],
                      lit: Callable[[str], T], doc: str | None = None, quote: str | None = None,
                      rationale: str | None = None) -> list[tuple[T, T, T]]:
    """The triple (s, p, o) and the triples of its statement node, built with the term makers
    ``iri`` and ``lit`` (rdflib's URIRef / Literal, or :func:`hykg.rdf.terms.iri` / ``lit``).

    A documented statement cites ``doc`` (id) and ``quote``; an editorial or inferred one carries
    its ``rationale``.

    >>> from hykg.rdf.terms import lit
    >>> ts = statement_triples("https://w3id.org/hykg/id/ent/a", "https://w3id.org/hykg/ont#inPark", "<x>", "<x>",
    ...                        status="editorial", rationale="r", iri=lambda i: f"<{i}>", lit=lit)
    >>> len(ts), ts[-1][2]
    (7, '"r"')
    """
    if status not in STATUSES:
        raise ValueError(f"unknown statement status {status!r}")
    if status == "documented" and (doc is None or quote is None):
        raise ValueError("a documented statement needs a document and a quote")
    if status != "documented" and not rationale:
        raise ValueError(f"an {status} statement needs a rationale")
    rdf, h = vocab.RDF, vocab.ONT
    subj, pred = iri(s), iri(p)
    st = iri(statement_iri(s, p, o_key, doc if status == "documented" else None,
                           quote if status == "documented" else None, rationale))
    triples = [(subj, pred, o), (st, iri(rdf + "type"), iri(rdf + "Statement")), (st, iri(rdf + "subject"), subj),
               (st, iri(rdf + "predicate"), pred), (st, iri(rdf + "object"), o),
               (st, iri(h + "statementStatus"), iri(h + status))]
    if status == "documented":
        triples += [(st, iri(vocab.PROV + "wasDerivedFrom"), iri(vocab.iri_of("doc/" + str(doc)))),
                    (st, iri(h + "quote"), lit(str(quote)))]
        if (word := open_list(str(quote))) is not None:  # the source lists members, not all of them
            triples.append((st, iri(h + "openList"), lit(word)))
    else:
        triples.append((st, iri(h + "rationale"), lit(str(rationale))))
    return triples
