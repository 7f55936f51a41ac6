"""The ontology is OWL 2 DL: HermiT (through owlready2, on Java) finds it and the graph's assertions consistent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from hykg.rdf import vocab
from hykg.resources import ontology_dir

W3C_AXIOMS = Path(__file__).parent / "data" / "w3c" / "axioms.ttl"
#: The datatypes of the OWL 2 datatype map that the ontology may name as a range (OWL 2 Syntax, section 4).
OWL2_DATATYPES = {vocab.XSD + n for n in ("string", "decimal", "integer", "boolean", "dateTime", "anyURI")} | {
    vocab.RDFS + "Literal"}
RESERVED = (vocab.RDF, vocab.RDFS, str(OWL), vocab.XSD)

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java (default-jre-headless)")


def _ontology() -> Graph:
    return Graph().parse(ontology_dir() / "hykg.ttl")


def _hermit(g: Graph, tmp_path: Path):
    """Run HermiT on ``g``; returns the owlready2 world (raises OwlReadyInconsistentOntologyError)."""
    import owlready2

    path = tmp_path / "onto.nt"
    g.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load(format="ntriples")
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world


def _assertions(kg, onto: Graph) -> Graph:
    """The graph's class and object-property assertions between named entities (no literals, no statement
    nodes: the reasoner checks the typing the ontology implies)."""
    objprops = {str(p) for p in onto.subjects(RDF.type, OWL.ObjectProperty)}
    classes = {str(c) for c in onto.subjects(RDF.type, OWL.Class)}
    out = Graph()
    rows = kg.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?s), '{vocab.ID}')) }}")
    for r in rows:
        s, p, o = r["s"], r["p"], r["o"]
        if (p == vocab.RDF + "type" and o in classes) or (p in objprops and o.startswith(vocab.ID)):
            out.add((URIRef(s), URIRef(p), URIRef(o)))
    return out


def test_ontology_is_consistent_with_no_unsatisfiable_class(tmp_path: Path) -> None:
    world = _hermit(_ontology() + Graph().parse(W3C_AXIOMS), tmp_path)
    assert list(world.inconsistent_classes()) == []


def test_graph_assertions_are_consistent_and_no_chain_is_an_organisation(kg, tmp_path: Path) -> None:
    import owlready2

    onto = _ontology() + Graph().parse(W3C_AXIOMS)
    abox = _assertions(kg, onto)
    chains = {s for s in abox.subjects(RDF.type, URIRef(vocab.ONT + "IndustrialChain"))}
    assert len(chains) >= 14 and len(abox) > 2000
    _hermit(onto + abox, tmp_path)  # consistent: IndustrialChain is disjoint with org:Organization
    # the check can fail: a post "in" a chain through org:postIn (range org:Organization) is refused
    post = next(abox.subjects(RDF.type, URIRef(vocab.ONT + "Post")))
    abox.add((post, URIRef(vocab.ORG + "postIn"), sorted(chains)[0]))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _hermit(onto + abox, tmp_path)


def test_only_owl2_datatypes_and_no_reserved_vocabulary_as_class() -> None:
    g = _ontology()
    for p in g.subjects(RDF.type, OWL.DatatypeProperty):
        for r in g.objects(p, RDFS.range):
            assert str(r) in OWL2_DATATYPES, (p, r)
    for pred in (RDFS.domain, RDFS.subClassOf, OWL.disjointWith):
        for o in g.objects(None, pred):
            assert not str(o).startswith(RESERVED), (pred, o)
    for p in g.subjects(RDF.type, OWL.ObjectProperty):
        for r in g.objects(p, RDFS.range):
            assert not str(r).startswith(RESERVED), (p, r)
    kinds = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        for p in g.subjects(RDF.type, kind):
            assert kinds.setdefault(p, kind) == kind, f"{p} is declared both {kinds[p]} and {kind}"


def test_w3c_terms_are_not_relabelled() -> None:
    g = _ontology()
    foreign = {s for s in g.subjects() if isinstance(s, URIRef) and not str(s).startswith("https://w3id.org/hykg/")}
    assert URIRef(vocab.ORG + "postIn") in foreign
    for s in foreign:
        for pred in (RDFS.label, RDFS.comment, SKOS.prefLabel, SKOS.definition):
            assert g.value(s, pred) is None, f"{s} restated {pred}"
    # hykg's own names for them are skos:altLabel, and the publisher name is hykg's own datatype property
    assert Literal("任职对象", lang="zh") in set(g.objects(URIRef(vocab.ORG + "postIn"), SKOS.altLabel))
    assert (URIRef(vocab.DCTERMS + "publisher"), None, None) not in g
    assert not any(isinstance(t, BNode) for t in g.all_nodes())
