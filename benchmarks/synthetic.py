"""Synthetic supply-chain graphs in the shape of the Hengyang graph, for scale benchmarks and tests.

Firms in parks and on chains, material flows between firms, and a provenance statement for every
fact, exactly as ``hykg build`` writes them, so the named questions run on them unchanged. A fixed
seed gives the same graph on every run. Firm ``ent/f0`` feeds ``ent/f1`` feeds ... along a spine of
``spine`` firms (a supply chain exactly ``spine - 1`` flows long, for transitive-closure tests); the
other firms trade among themselves.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from hykg.rdf import vocab
from hykg.rdf.nquads import QuadSet
from hykg.rdf.terms import iri, lit

#: Triples per firm, about (the generator aims at a number of triples).
TRIPLES_PER_FIRM = 64


@dataclass(frozen=True)
class Shape:
    """How many of each: firms, flows, parks, chains, materials, and the spine's length."""

    firms: int
    flows: int
    parks: int
    chains: int
    materials: int
    spine: int

    @property
    def middle(self) -> int:
        """A firm off the spine, in the middle of the others (for benchmark questions)."""
        return self.spine + (self.firms - self.spine) // 2

    @classmethod
    def for_triples(cls, triples: int, spine: int = 100) -> Shape:
        """A shape of about ``triples`` triples.

        >>> Shape.for_triples(100_000).firms
        1562
        """
        firms = max(10, triples // TRIPLES_PER_FIRM)
        return cls(firms=firms, flows=2 * firms, parks=max(2, firms // 75), chains=max(2, min(40, firms // 500)),
                   materials=max(5, firms // 20), spine=min(spine, firms))


class _Lines:
    """Collects N-Quads lines (a QuadSet-like sink that keeps generation order)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str, g: str) -> None:
        self.lines.append(f"{s} {p} {o} {g} .")


def generate(shape: Shape, seed: int = 7) -> bytes:
    """Canonical N-Quads of a synthetic graph (graph ``…/graph/hengyang``), deterministic per seed.

    >>> data = generate(Shape.for_triples(10_000), seed=1)
    >>> data == generate(Shape.for_triples(10_000), seed=1), 9_000 < data.count(b"\\n") < 12_000
    (True, True)
    """
    q = QuadSet()
    _fill(q, shape, seed)
    return q.payload()


def write(shape: Shape, path: str, seed: int = 7) -> int:
    """Write the synthetic graph to ``path`` as N-Quads in generation order (streamed, for large
    graphs); returns the number of quads."""
    sink = _Lines()
    _fill(sink, shape, seed)
    with open(path, "w", encoding="utf-8") as fh:
        for line in sink.lines:
            fh.write(line)
            fh.write("\n")
    return len(sink.lines)


def _fill(q: Any, shape: Shape, seed: int) -> None:
    rng = random.Random(seed)
    g = f"<{vocab.graph_iri('hengyang')}>"
    H, RDF, RDFS, PROV = vocab.ONT, vocab.RDF, vocab.RDFS, vocab.PROV
    a, label = f"<{RDF}type>", f"<{RDFS}label>"
    doc = iri("doc/synthetic")
    n_st = 0

    def fact(s: str, p: str, o: str) -> None:
        nonlocal n_st
        q.add(s, p, o, g)
        st = iri(f"stmt/s{n_st}")
        n_st += 1
        for pp, oo in ((a, f"<{RDF}Statement>"), (f"<{RDF}subject>", s), (f"<{RDF}predicate>", p),
                       (f"<{RDF}object>", o), (f"<{H}statementStatus>", f"<{H}documented>"),
                       (f"<{PROV}wasDerivedFrom>", doc), (f"<{H}quote>", lit("synthetic quote"))):
            q.add(st, pp, oo, g)

    onto = f"<{vocab.graph_iri('ontology')}>"
    for narrow, wide in (("MaterialFlow", "ResourceFlow"), ("Park", "IndustrialArea"), ("Enterprise", "Organization")):
        q.add(f"<{H}{narrow}>", f"<{RDFS}subClassOf>", f"<{H}{wide}>", onto)
    q.add(doc, a, f"<{H}SourceDocument>", g)

    def entity(eid: str, cls: str, zh: str, en: str) -> str:
        e = iri(eid)
        q.add(e, a, f"<{H}{cls}>", g)
        q.add(e, label, lit(zh, "zh"), g)
        q.add(e, label, lit(en, "en"), g)
        q.add(e, f"<{H}enKind>", lit("translation"), g)
        return e

    parks = [entity(f"park/p{i}", "Park", f"园区{i}", f"Park {i}") for i in range(shape.parks)]
    chains = [entity(f"chain/c{i}", "IndustrialChain", f"产业链{i}", f"Chain {i}") for i in range(shape.chains)]
    mats = [entity(f"mat/m{i}", "Product", f"物料{i}", f"Material {i}") for i in range(shape.materials)]
    firms = []
    for i in range(shape.firms):
        f = entity(f"ent/f{i}", "Enterprise", f"企业{i}", f"Firm {i}")
        fact(f, f"<{H}inPark>", parks[i % shape.parks])
        fact(f, f"<{H}onChain>", chains[rng.randrange(shape.chains)])
        firms.append(f)

    def flow(k: int, sup: int, con: int) -> None:
        fl = iri(f"flow/l{k}")
        q.add(fl, a, f"<{H}MaterialFlow>", g)
        q.add(fl, label, lit(f"流{k}", "zh"), g)
        fact(fl, f"<{H}supplier>", firms[sup])
        fact(fl, f"<{H}consumer>", firms[con])
        fact(fl, f"<{H}material>", mats[rng.randrange(shape.materials)])

    k = 0
    for i in range(shape.spine - 1):
        flow(k, i, i + 1)
        k += 1
    rest = shape.firms - shape.spine  # the other firms trade among themselves, never with the spine
    while k < shape.flows and rest > 1:
        sup = rng.randrange(rest)
        con = (sup + rng.randrange(1, min(50, rest))) % rest  # mostly local: paths of realistic length
        flow(k, shape.spine + sup, shape.spine + con)
        k += 1
