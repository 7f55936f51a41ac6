"""Namespaces of the hykg graph and the prefixes every query may use."""

from __future__ import annotations

ONT = "https://w3id.org/hykg/ont#"
ID = "https://w3id.org/hykg/id/"
GRAPH = "https://w3id.org/hykg/graph/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCTERMS = "http://purl.org/dc/terms/"
XKOS = "http://rdf-vocabulary.ddialliance.org/xkos#"
SH = "http://www.w3.org/ns/shacl#"

#: Id prefixes (``ent/hengguang``) and the classes they may hold.
ID_PREFIXES: dict[str, tuple[str, ...]] = {
    "scheme": ("ChainScheme",),
    "chain": ("IndustrialChain",),
    "seg": ("ChainSegment",),
    "cluster": ("IndustrialCluster",),
    "base": ("IndustrialBase",),
    "park": ("Park",),
    "corridor": ("Corridor",),
    "town": ("CharacteristicTown",),
    "layout": ("Layout",),
    "place": ("Place",),
    "ent": ("Enterprise",),
    "org": ("GovernmentBody", "Association", "FinancialInstitution", "AcademicInstitution", "MediaOutlet"),
    "person": ("Person",),
    "post": ("Post",),
    "role": ("Role",),
    "proj": ("Project",),
    "batch": ("ProjectBatch",),
    "policy": ("PolicyDocument",),
    "goal": ("Goal",),
    "prog": ("Programme",),
    "mech": ("Mechanism",),
    "target": ("Target",),
    "stat": ("Statistic",),
    "ind": ("Indicator",),
    "mat": ("Product",),
    "flow": ("MaterialFlow",),
    "pflow": ("ParkResourceFlow",),
    "honor": ("Recognition",),
    "tech": ("Achievement",),
    "doc": ("SourceDocument",),
    "stmt": (),
}

#: Id spaces of imported datasets (``hykg import``): written by the import, never declared in curated files.
IMPORTED_PREFIXES: dict[str, tuple[str, ...]] = {
    "listed": ("ListedCompany",),
    "industry": ("Industry",),
    "uplink": ("IndustryLink",),
    "cprod": ("ProductTerm",),
}

#: SPARQL prefix of an id space whose name clashes with a vocabulary prefix (org: is W3C ORG).
_ID_SPARQL_PREFIX = {"org": "orgid"}

#: Prefixes declared in front of every SPARQL query hykg runs or serves
#: (one per id space: ``ent:hengguang`` is ent/hengguang; organisations use ``orgid:``).
PREFIXES: dict[str, str] = {
    "hykg": ONT,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "org": ORG,
    "prov": PROV,
    "foaf": FOAF,
    "dcterms": DCTERMS,
    "xkos": XKOS,
    **{_ID_SPARQL_PREFIX.get(p, p): f"{ID}{p}/" for p in ID_PREFIXES},
    **{p: f"{ID}{p}/" for p in IMPORTED_PREFIXES},
}


def with_prologue(sparql: str, prefixes: dict[str, str] | None = None) -> str:
    """``sparql`` with a PREFIX line in front for each of ``prefixes`` (default: :data:`PREFIXES`)
    that it does not declare itself: for endpoints that know none of hykg's prefixes.

    >>> with_prologue("ASK { ?s a hykg:Park }", {"hykg": "https://w3id.org/hykg/ont#"}).splitlines()[0]
    'PREFIX hykg: <https://w3id.org/hykg/ont#>'
    >>> with_prologue("PREFIX  hykg: <x> ASK {}", {"hykg": "https://w3id.org/hykg/ont#"})
    'PREFIX  hykg: <x> ASK {}'
    """
    lowered = " ".join(sparql.lower().split())
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in (PREFIXES if prefixes is None else prefixes).items()
                   if f"prefix {p.lower()}:" not in lowered)
    return head + sparql


def iri_of(entity_id: str) -> str:
    """The IRI of a curated id.

    >>> iri_of("ent/hengguang")
    'https://w3id.org/hykg/id/ent/hengguang'
    """
    return ID + entity_id


def id_of(iri: str) -> str:
    """The curated id of an IRI in the hykg id space (other IRIs unchanged).

    >>> id_of("https://w3id.org/hykg/id/park/songmu")
    'park/songmu'
    """
    return iri[len(ID):] if iri.startswith(ID) else iri


def graph_iri(name: str) -> str:
    """The named graph that holds one dataset (hengyang, editorial, ontology, ...)."""
    return GRAPH + name
