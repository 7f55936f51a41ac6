"""The curated-data keys, read off the ontology: a property's key, kind and datatype."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..rdf import vocab

#: Record keys with a fixed meaning (not ontology properties).
RESERVED = frozenset(
    {"id", "about", "type", "zh", "en", "enKind", "aliases", "quote", "editorial", "doc", "notStated"}
)
#: Keys of a value written as a mapping.
VALUE_KEYS = frozenset({"value", "quote", "editorial", "doc"})


@dataclass(frozen=True)
class Prop:
    """One data key: the property it writes, whether it takes ids, and its datatype."""

    key: str
    iri: str
    is_object: bool
    datatype: str | None  # XSD IRI, rdf:langString, or None for object properties


@dataclass(frozen=True)
class Schema:
    """Classes and data keys the curated files may use."""

    classes: frozenset[str]  # local names of hykg: classes
    props: dict[str, Prop]

    def class_iri(self, name: str) -> str:
        return vocab.ONT + name


def schema_from_ontology(onto: Graph) -> Schema:
    """Read classes and keys from the ontology graph.

    A ``hykg:`` property is keyed by its local name; a reused one by its ``hykg:key`` annotation.
    """
    key_pred = URIRef(vocab.ONT + "key")
    classes = frozenset(
        str(c)[len(vocab.ONT):] for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(vocab.ONT)
    )
    props: dict[str, Prop] = {}
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for p in onto.subjects(RDF.type, kind):
            iri = str(p)
            key_lit = onto.value(p, key_pred)
            if key_lit is not None:
                key = str(key_lit)
            elif iri.startswith(vocab.ONT):
                key = iri[len(vocab.ONT):]
            else:
                continue
            # a datatype outside the OWL 2 datatype map (xsd:date) is written as hykg:literalType
            rng = onto.value(p, URIRef(vocab.ONT + "literalType")) or onto.value(p, RDFS.range)
            datatype = None
            if kind == OWL.DatatypeProperty:
                datatype = str(rng) if rng is not None else vocab.XSD + "string"
            props[key] = Prop(key, iri, kind == OWL.ObjectProperty, datatype)
    return Schema(classes, dict(sorted(props.items())))
