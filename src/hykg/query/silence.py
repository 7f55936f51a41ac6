"""Silence made explicit: the 六个一 parts of a chain and the project facts the sources leave unsaid."""

from __future__ import annotations

from typing import Any

from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .names import labels, ref
from .provenance import provenance

H = vocab.ONT
#: The parts of the 六个一 organisation and how a chain's member of each is found in the graph.
SIX_ONES = [
    ("mech/six-ones-leader", "leader"), ("mech/six-ones-carrier", "carrier"),
    ("mech/six-ones-association", "Association"), ("mech/six-ones-bank", "FinancialInstitution"),
    ("mech/six-ones-universities", "AcademicInstitution"), ("mech/six-ones-party", "party"),
]
#: Project facts whose absence is reported as "not stated".
PROJECT_FACTS = ("status", "investment", "inPark", "onChain")
NOT_STATED = {"zh": "未说明", "en": "not stated"}


def six_ones(kg: Any, chains: set[str]) -> list[dict[str, Any]]:
    """The six parts of a chain's 六个一 organisation, each with the members the graph names for
    ``chains`` (a chain and its exact matches) or none ("not stated").

    >>> import hykg
    >>> parts = six_ones(hykg.load(), {"https://w3id.org/hykg/id/chain/chem-new-materials"})
    >>> [p["part"]["label"] for p in parts if not p["members"]][:3]  # the sources name none for any chain
    ['一位市级领导', '一个承载主体', '一个行业协会']
    """
    vals = sparql_iris(chains) or "<urn:hykg:none>"
    rows = [{**r, "p": "serves"} for r in kg.select(
        f"SELECT DISTINCT ?x ?t WHERE {{ VALUES ?c {{ {vals} }} {{ ?x hykg:serves ?c }} UNION {{ ?x hykg:onChain ?c }} ?x a ?t }} ORDER BY ?x ?t")]
    rows += [{**r, "t": H + "Person", "p": "heldBy"} for r in kg.select(
        f"""SELECT DISTINCT ?x WHERE {{ VALUES ?c {{ {vals} }} ?post hykg:postOnChain ?c ;
            org:role <{vocab.iri_of('role/chain-leader')}> ; org:heldBy ?x }} ORDER BY ?x""")]
    parts = [vocab.iri_of(p) for p, _ in SIX_ONES]
    names = labels(kg, set(parts) | {r["x"] for r in rows})
    prov = provenance(kg, {r["x"] for r in rows})
    out = []
    for (_pid, how), iri in zip(SIX_ONES, parts, strict=True):
        members = []
        for r in rows:
            kind = r["t"].rsplit("#", 1)[-1]
            if (how == "leader" and r["p"].endswith("heldBy")) or kind == how:
                e = next((v for (s, _p, o), v in prov.items() if s == r["x"] and o in chains), None)
                members.append({**ref(r["x"], names), "status": (e or {}).get("status", "unknown"),
                                "sources": (e or {}).get("sources", []), "rationale": (e or {}).get("rationale", [])})
        out.append({"part": ref(iri, names), "members": members,
                    "status": min((m["status"] for m in members), default="not stated")})
    return out


def project_silence(kg: Any, iris: set[str]) -> dict[str, list[str]]:
    """For each project, the facts of :data:`PROJECT_FACTS` the graph does not hold ("not stated").

    >>> import hykg
    >>> project_silence(hykg.load(), set())
    {}
    """
    if not iris:
        return {}
    rows = kg.select(f"""SELECT DISTINCT ?p ?k WHERE {{ VALUES ?p {{ {sparql_iris(iris)} }}
        VALUES ?k {{ {' '.join('hykg:' + f for f in PROJECT_FACTS)} }} ?p ?k ?v }}""")
    have: dict[str, set[str]] = {p: set() for p in iris}
    for r in rows:
        have[r["p"]].add(r["k"].rsplit("#", 1)[-1])
    return {vocab.id_of(p): [f for f in PROJECT_FACTS if f not in have[p]] for p in sorted(iris)}
