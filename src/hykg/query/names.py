"""Names: compact ids, labels and references of entities, and resolving a name (label, alias, id) to one."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Any

from ..errors import AmbiguousName, UnknownEntity
from ..rdf import vocab
from ..rdf.terms import sparql_iris, sparql_string

H = vocab.ONT
ENTITY_TYPES = {
    "flows": ("Enterprise", "IndustrialArea"),
    "chain": ("IndustrialChain", "IndustrialCluster"),
    "park": ("IndustrialArea",),
}
_ID_RE = re.compile(r"^[a-z]+/[A-Za-z0-9][A-Za-z0-9_-]*$")
_NOT_IN_IRI = frozenset('<>"{}|^`\\')  # with the controls and space: what SPARQL's <IRI> may not hold


def _plain_iri(text: str) -> bool:
    """Whether ``text`` can stand between ``<`` and ``>`` in a query without ending it early.

    >>> _plain_iri("https://w3id.org/hykg/id/ent/x"), _plain_iri("x> } SERVICE <http://e/> {")
    (True, False)
    """
    return all(ch > " " and ch not in _NOT_IN_IRI for ch in text)


@functools.lru_cache(maxsize=1 << 16)  # called for every term of every answer
def compact(iri: str) -> str:
    """``hykg:inPark`` for a known namespace, ``ent/x`` for an entity, else the IRI.

    >>> compact("https://w3id.org/hykg/ont#inPark")
    'hykg:inPark'
    """
    if iri.startswith(vocab.ID):
        return vocab.id_of(iri)
    for p in ("hykg", "rdf", "rdfs", "skos", "org", "prov", "foaf", "dcterms", "xkos", "xsd", "owl"):
        ns = vocab.PREFIXES[p]
        if iri.startswith(ns):
            return f"{p}:{iri[len(ns):]}"
    return iri


def labels(kg: Any, iris: set[str]) -> dict[str, tuple[str, str]]:
    """zh and en labels (either may be empty) for a set of IRIs."""
    if not iris:
        return {}
    out: dict[str, list[str]] = defaultdict(lambda: ["", ""])
    q = f"""SELECT ?x ?l WHERE {{ VALUES ?x {{ {sparql_iris(iris)} }}
            {{ ?x rdfs:label ?l }} UNION {{ ?x skos:prefLabel ?l }} }}"""
    for row in kg.rows(q):
        value, lang, _ = row["l"]
        slot = 1 if lang == "en" else 0
        cur = out[row["x"]]
        if not cur[slot] or value < cur[slot]:
            cur[slot] = value
    return {k: (v[0], v[1]) for k, v in out.items()}


def ref(iri: str, names: dict[str, tuple[str, str]]) -> dict[str, str]:
    """An entity reference as JSON: id, zh label (falls back to en, then id), en label."""
    zh, en = names.get(iri, ("", ""))
    c = compact(iri)
    return {"id": c, "label": zh or en or c, "label_en": en or zh or c}


def _type_filter(kg: Any, types: tuple[str, ...]) -> str:
    if not types:
        return ""
    return f"?e a ?t . VALUES ?t {{ {kg.subclasses(*('hykg:' + t for t in types))} }}"


#: Every entity's labels and aliases (an entity: anything with a hykg:enKind).
NAMES_QUERY = """SELECT DISTINCT ?e ?l WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } ?e hykg:enKind ?k }"""


def name_table(kg: Any) -> list[tuple[str, str]]:
    """Every entity's (IRI, label or alias) pairs, sorted: read once per loaded graph, and kept next to
    an on-disk database (which never changes), so that matching a part of a name is a scan of a list
    rather than of every label in the store (50 ms with ChainKG imported; 1 ms here).

    >>> import hykg
    >>> ("https://w3id.org/hykg/id/ent/kingboard", "建滔") in name_table(hykg.load())
    True
    """
    from .memo import kept, memo

    def read() -> list[tuple[str, str]]:
        return sorted({(str(r["e"]), r["l"][0]) for r in kg.rows(NAMES_QUERY)})

    def table() -> list[tuple[str, str]]:
        return [(e, label) for e, label in kept(kg, "names", read)]  # JSON: the pairs come back as lists

    return memo(kg, "names", table)


def _typed(kg: Any, found: dict[str, set[str]], types: tuple[str, ...]) -> dict[str, set[str]]:
    """``found`` without the entities of none of ``types`` (one check of those few)."""
    if not found or not types:
        return found
    kept = {r["e"] for r in kg.rows(f"SELECT DISTINCT ?e WHERE {{ VALUES ?e {{ {sparql_iris(set(found))} }} {_type_filter(kg, types)} }}")}
    return defaultdict(set, {e: labs for e, labs in found.items() if e in kept})


def _candidates(kg: Any, types: tuple[str, ...], match: Any) -> dict[str, set[str]]:
    """Entities of ``types`` with a label or alias for which ``match(lowercased label)`` holds."""
    found: dict[str, set[str]] = defaultdict(set)
    for e, label in name_table(kg):
        if match(label.lower()):
            found[e].add(label)
    return _typed(kg, found, types)


def _written(kg: Any, types: tuple[str, ...], name: str) -> dict[str, set[str]]:
    """Entities with ``name`` as written for a label or alias (zh, en or no language): index
    lookups, then the type check on those few (Oxigraph plans the two together as a scan)."""
    written = " ".join(sparql_string(name) + tag for tag in ("@zh", "@en", ""))
    q = f"""SELECT DISTINCT ?e ?l WHERE {{ {{ VALUES ?l {{ {written} }} ?e rdfs:label ?l }}
            UNION {{ VALUES ?l {{ {written} }} ?e skos:altLabel ?l }} ?e hykg:enKind ?k }}"""
    found: dict[str, set[str]] = defaultdict(set)
    for row in kg.rows(q):
        found[row["e"]].add(row["l"][0])
    return _typed(kg, found, types)


def _describe(kg: Any, iris: list[str]) -> list[str]:
    names = labels(kg, set(iris))
    return [f"{ref(i, names)['label']} ({compact(i)})" for i in sorted(iris)][:10]


def resolve(kg: Any, name: str, types: tuple[str, ...] = ()) -> str:
    """The IRI that a label, alias, id or IRI denotes, restricted to ``types`` (hykg class names)."""
    name = name.strip()
    if not name:
        raise UnknownEntity(name, [])
    if _ID_RE.match(name) or name.startswith(vocab.ID):
        iri = name if name.startswith(vocab.ID) else vocab.iri_of(name)
        q = f"ASK {{ BIND(<{iri}> AS ?e) ?e a ?any . {_type_filter(kg, types)} }}"
        if kg.ask(q) if _plain_iri(iri) else kg.query(q):  # (anything else is checked as a user's query)
            return iri
    exact = _written(kg, types, name)  # the name as written: fast however big the graph
    needle = name.lower()
    if not exact:  # then ignoring case
        exact = _candidates(kg, types, needle.__eq__)
    if len(exact) == 1:
        return next(iter(exact))
    if len(exact) > 1:
        return _same_concept(kg, list(exact)) or _ambiguous(kg, name, list(exact))
    partial = _candidates(kg, types, lambda label: needle in label)
    if len(partial) == 1:
        return next(iter(partial))
    if len(partial) > 1:
        raise AmbiguousName(name, _describe(kg, list(partial)))
    everyone = _candidates(kg, types, lambda label: True)
    by_label = {lab: e for e, labs in everyone.items() for lab in labs}
    import difflib

    close = difflib.get_close_matches(name, list(by_label), n=5, cutoff=0.3)
    raise UnknownEntity(name, [f"{c} ({compact(by_label[c])})" for c in close])


def _ambiguous(kg: Any, name: str, iris: list[str]) -> str:
    raise AmbiguousName(name, _describe(kg, iris))


def _same_concept(kg: Any, iris: list[str]) -> str | None:
    """The one candidate every other candidate is an skos:exactMatch of (the same chain listed in
    several schemes under one name), or None."""
    q = f"""SELECT ?hub (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?hub {{ {sparql_iris(iris)} }}
            VALUES ?x {{ {sparql_iris(iris)} }} ?x skos:exactMatch ?hub }} GROUP BY ?hub"""
    hubs = [r["hub"] for r in kg.rows(q) if int(r["n"][0]) == len(iris) - 1]
    return hubs[0] if len(hubs) == 1 else None


def search(kg: Any, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Entities whose label or alias (zh or en) contains ``text``, best matches first."""
    needle = text.strip().lower()
    if not needle:
        return []
    found = _candidates(kg, (), lambda label: needle in label)
    names = labels(kg, set(found))
    types = types_of(kg, set(found))
    hits: list[dict[str, Any]] = []
    for iri, labs in found.items():
        best = min(labs, key=lambda lab: (lab.lower() != needle, len(lab), lab))
        hits.append({**ref(iri, names), "types": types.get(iri, []), "matched": best})
    hits.sort(key=lambda h: (h["matched"].lower() != needle, len(h["matched"]), h["id"]))
    return hits[:limit]


def types_of(kg: Any, iris: set[str]) -> dict[str, list[str]]:
    if not iris:
        return {}
    out: dict[str, list[str]] = defaultdict(list)
    for row in kg.rows(f"SELECT ?x ?t WHERE {{ VALUES ?x {{ {sparql_iris(iris)} }} ?x a ?t }} ORDER BY ?t"):
        out[row["x"]].append(compact(row["t"]))
    return out
