"""Questions about the imported ChainKG data: the curated links in the graph, a listed company's card,
and candidate listed companies nationwide for a chain (招商目标)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ...errors import AmbiguousName, UnknownEntity
from ...rdf import vocab
from ...rdf.terms import sparql_iris
from .links import RELATIONS
from .matching import existing_links, listed_index, listed_named

if TYPE_CHECKING:
    from ...query.kg import KnowledgeGraph

H = vocab.ONT

def curated_links(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The curated links in the graph: ``entity``, ``relation`` (self / parent), ``listed`` (id, label,
    code), ``industry`` of the listed company, ``status`` and ``rationale``.

    >>> import hykg
    >>> curated_links(hykg.load())  # without chainkg imported there are none
    []
    """
    from ...query.names import labels, ref
    from ...query.provenance import provenance

    listed = {c: i for c, i in listed_index(kg).items()}
    links = existing_links(kg)
    entities = {e for es in links.values() for e, _ in es}
    names = labels(kg, entities)
    prov = provenance(kg, entities)
    out = []
    for c, es in links.items():
        for e, rel in es:
            entry = prov.get((e, RELATIONS[rel], c),
                             {"status": "unknown", "rationale": []})
            info = listed[c]
            out.append({"entity": ref(e, names), "relation": rel,
                        "listed": {k: info[k] for k in ("id", "label", "code")}, "industry": info["industry"],
                        "status": entry["status"], "rationale": entry["rationale"]})
    out.sort(key=lambda r: (r["entity"]["id"], r["listed"]["code"]))
    return out


# ---------------------------------------------------------------------- listed company card
def listed_company(kg: KnowledgeGraph, name: str) -> dict[str, Any]:
    """A listed company by code (``600089``), id (``listed/600089``) or exact name: code, exchange,
    listing date, names, industry with its parents, upstream industries, and the Hengyang
    entities linked to it (with the link's status and rationale)."""
    from ...query.names import compact, labels, ref
    from ...query.provenance import provenance

    key = name.strip()
    listed = listed_named(kg, key)
    hits = list(listed)
    if not hits:
        raise UnknownEntity(key, [])
    if len(hits) > 1:
        raise AmbiguousName(key, [f"{listed[c]['label']} ({listed[c]['code']})" for c in sorted(hits)])
    c = hits[0]
    info = listed[c]
    date = kg.select(f"SELECT ?d WHERE {{ <{c}> hykg:listingDate ?d }}")
    industry = info["industry"]
    path: list[dict[str, str]] = []
    upstream: list[dict[str, Any]] = []
    if industry:
        i_iri = vocab.iri_of(industry["id"])
        broader = kg.reach(i_iri, out=("skos:broader",)) - {i_iri}  # skos:broader+, without a path (Virtuoso)
        for r in kg.select(f"""SELECT ?b ?l ?n WHERE {{ VALUES ?b {{ {sparql_iris(broader)} }}
                               ?b rdfs:label ?l ; skos:notation ?n }}
                               ORDER BY DESC(STRLEN(?n)) ?n""") if broader else []:
            path.append({"id": vocab.id_of(r["b"]), "label": r["l"], "code": r["n"]})
        for r in kg.select(f"""SELECT ?u ?l ?w WHERE {{ ?k hykg:downstreamIndustry <{i_iri}> ;
                               hykg:upstreamIndustry ?u ; hykg:weight ?w . ?u rdfs:label ?l }}"""):
            upstream.append({"id": vocab.id_of(r["u"]), "label": r["l"], "weight": int(r["w"])})
        upstream.sort(key=lambda u: (-u["weight"], u["id"]))
    links = existing_links(kg).get(c, [])
    names = labels(kg, {e for e, _ in links})
    prov = provenance(kg, {e for e, _ in links})
    linked = []
    for e, rel in sorted(links):
        p = RELATIONS[rel]
        entry = prov.get((e, p, c), {"status": "unknown", "sources": [], "rationale": []})
        linked.append({**ref(e, names), "relation": rel, "property": compact(p), **entry})
    return {"id": info["id"], "label": info["label"], "code": info["code"], "exchange": info["exchange"],
            "listing_date": date[0]["d"] if date else None, "names": sorted(info["names"] - {info["label"]}),
            "industry": {**industry, "broader": path} if industry else None, "upstream": upstream[:15],
            "linked_from": linked}


# ---------------------------------------------------------------------- prospects for a chain
def chain_industries(kg: KnowledgeGraph, chain_iri: str, upstream: int = 0) -> dict[str, dict[str, Any]]:
    """The industries of a chain: curated (``hykg:relatedIndustry``, also through the chain's skos
    exact/close matches), those of the listed companies linked to its member firms, and optionally
    the ``upstream`` heaviest upstream industries of each (ChainKG's weights). Industry IRI ->
    ``basis`` (curated, member, upstream), ``reasons``, ``weight``."""
    from ...query.names import labels, ref

    chains = {chain_iri} | {r["x"] for r in kg.select(f"""SELECT ?x WHERE {{
        {{ <{chain_iri}> skos:exactMatch ?x }} UNION {{ <{chain_iri}> skos:closeMatch ?x }}
        UNION {{ ?x skos:exactMatch <{chain_iri}> }} UNION {{ ?x skos:closeMatch <{chain_iri}> }} }}""")}
    found: dict[str, dict[str, Any]] = {}

    def note(i: str, basis: str, reason: str, weight: int = 0) -> None:
        entry = found.setdefault(i, {"basis": basis, "reasons": [], "weight": weight})
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)

    rows = kg.select(f"""SELECT ?c ?i ?rat WHERE {{ VALUES ?c {{ {sparql_iris(chains)} }} ?c hykg:relatedIndustry ?i .
        OPTIONAL {{ ?st rdf:subject ?c ; rdf:predicate hykg:relatedIndustry ; rdf:object ?i ; hykg:rationale ?rat }} }}""")
    members = kg.select(f"""SELECT ?m ?l ?code ?i WHERE {{ VALUES ?ch {{ {sparql_iris(chains)} }}
        ?m hykg:onChain ?ch ; ?p ?l . VALUES ?p {{ hykg:listedAs org:subOrganizationOf }}
        ?l a hykg:ListedCompany ; hykg:listedCode ?code ; hykg:inIndustry ?i }}""")
    names = labels(kg, chains | {r["m"] for r in members} | {r["l"] for r in members})
    for r in sorted(rows, key=lambda r: (r["i"], r["c"])):
        via = "" if r["c"] == chain_iri else f" via {ref(r['c'], names)['label']} ({vocab.id_of(r['c'])})"
        note(r["i"], "curated", f"curated for the chain{via}: {r.get('rat', 'no rationale')}")
    for r in sorted(members, key=lambda r: (r["i"], r["m"])):
        note(r["i"], "member", f"industry of {ref(r['l'], names)['label']} ({r['code']}), the listed company of "
                               f"chain member {ref(r['m'], names)['label']} ({vocab.id_of(r['m'])})")
    if upstream > 0 and found:
        tree = _narrower(kg)
        own = set(found) | {n for i in found for n in tree.get(i, set())}
        weights: dict[str, int] = defaultdict(int)
        via_down: dict[str, set[str]] = defaultdict(set)
        for r in kg.select(f"""SELECT ?d ?u ?w WHERE {{ VALUES ?d {{ {sparql_iris(own)} }}
                ?k hykg:downstreamIndustry ?d ; hykg:upstreamIndustry ?u ; hykg:weight ?w }}"""):
            if r["u"] not in own:
                weights[r["u"]] += int(r["w"])
                via_down[r["u"]].add(r["d"])
        unames = labels(kg, set(weights) | {d for v in via_down.values() for d in v})
        for u, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:upstream]:
            downs = "、".join(ref(d, unames)["label"] for d in sorted(via_down[u]))
            note(u, "upstream", f"upstream of {downs} in ChainKG (total weight {w})", w)
    return found


def candidates_for_chain(kg: KnowledgeGraph, chain: str, per_industry: int = 10, upstream: int = 0,
                         industries: list[str] | None = None) -> dict[str, Any]:
    """Candidate listed companies nationwide for a chain (招商目标), each with the reason.

    The chain's industries come from :func:`chain_industries`; ``industries`` (Shenwan codes)
    restricts them, e.g. to those of one gap segment. For each industry (with its narrower ones),
    up to ``per_industry`` companies are proposed: companies already linked to a Hengyang firm and
    delisted ones (退市) are left out (and counted), ST companies are flagged, and those whose
    names mention Hunan (湖南, 衡阳) come first, then by stock code. Industries are ranked curated,
    member, upstream, and within each, those holding more firms linked to Hengyang first.

    >>> import hykg
    >>> p = candidates_for_chain(hykg.load(), "化工新材料")  # without chainkg imported: nothing to propose
    >>> p["chain"]["id"], p["candidates"]
    ('chain/chem-new-materials', [])
    """
    from ...query.names import ENTITY_TYPES, labels, ref, resolve

    c_iri = resolve(kg, chain, ENTITY_TYPES["chain"])
    found = chain_industries(kg, c_iri, upstream)
    if industries is not None:
        wanted = {vocab.iri_of(f"industry/sw-{c}") for c in industries}
        found = {i: v for i, v in found.items() if i in wanted}
    names = labels(kg, {c_iri})
    return propose(kg, found, ref(c_iri, names), per_industry)


def propose(kg: KnowledgeGraph, found: dict[str, dict[str, Any]], chain: dict[str, str],
            per_industry: int = 10) -> dict[str, Any]:
    """Listed companies in the industries ``found`` (IRI -> basis, reasons, weight), as
    :func:`candidates_for_chain` proposes them; ``chain`` is the reference the answer names."""
    from ...query.names import labels, ref

    c_iri = vocab.iri_of(chain["id"])
    tree, linked = _narrower(kg), existing_links(kg)
    names = labels(kg, set(found) | {c_iri})
    rows_of = {i: kg.select(f"""SELECT ?c ?ci WHERE {{ VALUES ?ci {{ {sparql_iris(tree.get(i, set()) | {i})} }}
            ?c hykg:inIndustry ?ci }}""") for i in found}
    listed = listed_index(kg, {r["c"] for rows in rows_of.values() for r in rows})
    local = {i: len({r["c"] for r in rows if r["c"] in linked}) for i, rows in rows_of.items()}
    order = {"segment": 0, "curated": 0, "member": 1, "upstream": 2}
    # industries where Hengyang already has linked firms first: the chain's strengths, where it grows
    ranked = sorted(found, key=lambda i: (order[found[i]["basis"]], -local[i], -found[i]["weight"], i))
    out: list[dict[str, Any]] = []
    industries_out = []
    seen: set[str] = set()
    for i in ranked:
        rows = rows_of[i]
        companies: dict[str, dict[str, Any]] = {}
        for r in rows:
            info = listed[r["c"]]
            companies[r["c"]] = {"r": {**r, "code": info["code"], "l": info["label"], "ex": info["exchange"]},
                                 "names": info["names"]}
        leaf_names = labels(kg, {r["ci"] for r in rows})
        left_out = {"linked": 0, "delisted": 0, "already proposed": 0}
        picked = []
        for c, v in companies.items():
            row = v["r"]
            if c in seen:
                left_out["already proposed"] += 1
            elif c in linked:
                left_out["linked"] += 1
            elif "退市" in row["l"]:
                left_out["delisted"] += 1
            else:
                hunan = any(n.startswith("湖南") or "衡阳" in n for n in v["names"])
                picked.append((not hunan, row["code"], c, row, hunan))
        picked.sort()
        basis = found[i]["basis"]
        why = {"curated": f"a curated industry of {chain['label']}",
               "member": "the industry of a chain member's listed company",
               "upstream": "upstream of the chain's industries in ChainKG",
               "segment": "an industry making a product of the gap segment: " + "; ".join(found[i]["reasons"])}[basis]
        for _not_hunan, code, c, row, hunan in picked[:per_industry]:
            seen.add(c)
            leaf = ref(row["ci"], leaf_names)
            under = "" if row["ci"] == i else f", under {ref(i, names)['label']}"
            out.append({
                "company": {"id": vocab.id_of(c), "label": row["l"], "code": code, "exchange": row.get("ex")},
                "industry": leaf,
                "basis": basis,
                "reason": f"in {leaf['label']}{under}: {why}",
                "st": bool(re.match(r"^\*?S?\*?ST", row["l"])),
                "hunan": hunan,
            })
        industries_out.append({**ref(i, names), "basis": basis, "reasons": found[i]["reasons"],
                               "companies": len(companies), "proposed": min(len(picked), per_industry),
                               "left_out": left_out})
    return {"chain": chain, "industries": industries_out, "candidates": out}


def _narrower(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Industry IRI -> every narrower industry (the classification is small: one query, once per graph)."""
    from ...query.memo import memo

    return memo(kg, "chainkg.narrower", lambda: _narrower_of(kg))


def _narrower_of(kg: KnowledgeGraph) -> dict[str, set[str]]:
    from ...query.memo import kept

    def read() -> list[list[str]]:
        return sorted([r["i"], r["b"]] for r in kg.select("SELECT ?i ?b WHERE { ?i a hykg:Industry ; skos:broader ?b }"))

    children: dict[str, set[str]] = defaultdict(set)
    for i, b in kept(kg, "chainkg-broader", read):  # read once per database where it is kept
        children[b].add(i)
    out: dict[str, set[str]] = {}
    for top in list(children):
        stack, acc = list(children[top]), set()
        while stack:
            x = stack.pop()
            if x not in acc:
                acc.add(x)
                stack.extend(children.get(x, ()))
        out[top] = acc
    return out
