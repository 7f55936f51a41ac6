"""The ontology: labels and definitions on every term; the data keys it defines."""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from hykg.curation.build import load_ontology
from hykg.curation.schema import schema_from_ontology
from hykg.rdf import vocab

from .fixtures import ONTOLOGY, ROOT


def test_every_class_and_property_has_zh_en_label_and_definition() -> None:
    g = load_ontology(ONTOLOGY)
    terms = [t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for t in g.subjects(RDF.type, kind)]
    assert len(terms) > 80
    for t in terms:
        if str(t).startswith(vocab.ONT):
            langs = {lab.language for lab in g.objects(t, RDFS.label)}
            assert {"zh", "en"} <= langs, t
            assert g.value(t, SKOS.definition) is not None, t
        elif (t, RDF.type, OWL.Class) not in g:  # a reused property: hykg's names and usage, not W3C's
            assert {lab.language for lab in g.objects(t, SKOS.altLabel)} >= {"zh", "en"}, t
            assert g.value(t, SKOS.scopeNote) is not None, t


def test_keys_documented_in_data_readme_exist() -> None:
    schema = schema_from_ontology(load_ontology(ONTOLOGY))
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    table_keys = set(re.findall(r"^\| `(\w+)`", readme, flags=re.M))
    documented = {k for row in re.findall(r"^\|((?:\s*`\w+`,?)+)\s*\|", readme, flags=re.M)
                  for k in re.findall(r"`(\w+)`", row)} | table_keys
    assert documented <= set(schema.props), documented - set(schema.props)
    assert {"inPark", "onChain", "supplier", "consumer", "material", "heldBy", "notStated"} - {"notStated"} <= set(schema.props)


def test_shapes_parse_and_target_the_flows() -> None:
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert URIRef("https://w3id.org/hykg/ont#MaterialFlow") in targets
    assert URIRef(str(RDF.Statement)) in targets
