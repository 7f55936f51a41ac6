"""The named questions as SPARQL: relations of an entity, the entity card, feeds / fed-by, the chain and
park profiles, and counts."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from ..errors import HykgError
from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .names import ENTITY_TYPES, compact, labels, ref, resolve, types_of
from .provenance import NO_PROV, RANK, Provenance, dataset_provenance, doc_id, entry, provenance, statements

H = vocab.ONT
_SKIP_OUT = {vocab.RDFS + "label", vocab.SKOS + "altLabel", vocab.RDF + "type", H + "enKind", H + "notStated"}
def relations(kg: Any, iri: str, prov: Provenance | None = None) -> list[dict[str, Any]]:
    """Every relation of an entity in both directions, with the other end, status and sources.

    ``prov``: the provenance of the entity's own statements (``provenance(kg, {iri})``), if at hand;
    the statements towards the entity are read apart (a chain has thousands; joined to the
    relations with OPTIONAL, rdflib takes seconds)."""
    out_rows = kg.rows(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
    in_rows = kg.rows(f"""SELECT ?s ?p WHERE {{ ?s ?p <{iri}> FILTER(?p NOT IN (rdf:subject, rdf:object))
        FILTER NOT EXISTS {{ ?s a rdf:Statement }} }}""")
    incoming: dict[tuple[str, str], list[dict[str, Any]]] = {(r["s"], r["p"]): [] for r in in_rows}
    # the statements towards it, without the object column (it is the entity): for a chain's
    # thousands of members that is a tenth of the answer's cost, more than `_statements` would take
    for r in kg.rows(f"""SELECT ?s ?p ?status ?doc ?quote ?rat ?row WHERE {{
            ?st rdf:object <{iri}> ; rdf:subject ?s ; rdf:predicate ?p ; hykg:statementStatus ?status .
            OPTIONAL {{ ?st prov:wasDerivedFrom ?doc }} OPTIONAL {{ ?st hykg:quote ?quote }}
            OPTIONAL {{ ?st hykg:rationale ?rat }} OPTIONAL {{ ?st hykg:row ?row }} }}"""):
        if (r["s"], r["p"]) in incoming:
            incoming[r["s"], r["p"]].append(r)
    others = {r["o"] for r in out_rows if isinstance(r["o"], str)} | {s for s, _ in incoming}
    names = labels(kg, others | {r["p"] for r in out_rows} | {p for _, p in incoming})
    other_types = types_of(kg, others)
    if prov is None:
        prov = provenance(kg, {iri})
    rels = []
    for r in out_rows:
        p, o = r["p"], r["o"]
        if p in _SKIP_OUT:
            continue
        item = _rel("out", p, names)
        if isinstance(o, str):
            item["other"] = {**ref(o, names), "types": other_types.get(o, [])}
        else:
            item["value"] = o[0]
            if o[2]:
                item["datatype"] = compact(o[2])
        item.update(prov.get((iri, p, o), NO_PROV))
        rels.append(item)
    heads = {p: _rel("in", p, names) for _, p in incoming}
    for (s, p), rows in incoming.items():  # often thousands (a chain's members): kept lean
        item = heads[p].copy()
        other: dict[str, Any] = ref(s, names)
        other["types"] = other_types.get(s, [])
        item["other"] = other
        item.update(entry(rows) if rows else NO_PROV)
        rels.append(item)
    if any(r["status"] == "unknown" for r in rels):
        dataset_provenance(kg, iri, rels)
    rels.sort(key=_rel_order)
    return rels


def _rel_order(r: dict[str, Any]) -> tuple[bool, str, str]:
    other = r.get("other")
    return r["direction"] != "out", r["property"], other["id"] if other else r.get("value", "")


def _rel(direction: str, p: str, names: dict[str, tuple[str, str]]) -> dict[str, Any]:
    zh, en = names.get(p, ("", ""))
    return {"direction": direction, "property": compact(p), "property_label": zh or compact(p),
            "property_label_en": en or compact(p)}


# ---------------------------------------------------------------------- show
def show(kg: Any, name: str) -> dict[str, Any]:
    """The entity card of ``name``."""
    return _card(kg, resolve(kg, name))


def _card(kg: Any, iri: str) -> dict[str, Any]:
    names = labels(kg, {iri})
    card: dict[str, Any] = {**ref(iri, names), "iri": iri}
    rows = kg.rows(f"""SELECT ?p ?o WHERE {{ <{iri}> ?p ?o
        VALUES ?p {{ rdf:type skos:altLabel hykg:enKind hykg:notStated }} }}""")
    prov = provenance(kg, {iri})  # its own statements: the relations below reuse it
    types = sorted(r["o"] for r in rows if r["p"] == vocab.RDF + "type")
    not_stated = sorted(r["o"] for r in rows if r["p"] == H + "notStated")
    tnames = labels(kg, set(types) | set(not_stated))
    card["types"] = [ref(t, tnames) for t in types]
    card["aliases"] = sorted(r["o"][0] for r in rows if r["p"] == vocab.SKOS + "altLabel")
    card["en_kind"] = next((r["o"][0] for r in rows if r["p"] == H + "enKind"), None)
    card["not_stated"] = [
        {**_rel("out", p, tnames), **prov.get((iri, H + "notStated", p), NO_PROV)}
        for p in not_stated
    ]
    label_prov = prov.get((iri, vocab.RDFS + "label", (names.get(iri, ("", ""))[0], "zh", "")))
    card["sources"] = label_prov["sources"] if label_prov else []
    card["relations"] = relations(kg, iri, prov)
    if H + "Target" in types:
        from .targets import target_card

        card["against_actuals"] = target_card(kg, iri)
    if H + "Project" in types:
        from .silence import project_silence

        card["silent"] = project_silence(kg, {iri})[card["id"]]
    return card


# ---------------------------------------------------------------------- flows
def flows(kg: Any, name: str, direction: str, depth: int = 1) -> dict[str, Any]:
    """Flows into (``fed_by``) or out of (``feeds``) a firm or park, following ``depth`` steps."""
    if depth < 1:
        raise HykgError("depth must be at least 1")
    iri = resolve(kg, name, ENTITY_TYPES["flows"])
    near, far = ("supplier", "consumer") if direction == "feeds" else ("consumer", "supplier")
    seen_nodes, frontier, found = {iri}, {iri}, []
    seen_flows: set[str] = set()
    for step in range(1, depth + 1):
        if not frontier:
            break
        q = f"""SELECT ?f ?x ?y ?m ?ft WHERE {{ VALUES ?x {{ {sparql_iris(frontier)} }}
                ?f hykg:{near} ?x ; hykg:{far} ?y ; hykg:material ?m ; a ?ft .
                VALUES ?ft {{ {kg.subclasses("hykg:ResourceFlow")} }} }}"""
        nxt: set[str] = set()
        for row in kg.rows(q):
            f, y = row["f"], row["y"]
            if f in seen_flows:
                continue
            seen_flows.add(f)
            found.append((step, f, row["ft"], row["x"], y, row["m"]))
            if y not in seen_nodes:
                seen_nodes.add(y)
                nxt.add(y)
        frontier = nxt
    names = labels(kg, {iri} | {x for f in found for x in (f[3], f[4], f[5])})
    items = _flow_items(kg, found, direction, names)
    other = "consumer" if direction == "feeds" else "supplier"
    items.sort(key=lambda i: (i["depth"], i[other]["label"], i["material"]["label"], i["flow"]))
    return {"entity": ref(iri, names), "direction": direction, "depth": depth, "flows": items}


def _flow_items(kg: Any, found: list[tuple[int, str, str, str, str, str]], direction: str,
                names: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """Flows as answered by :func:`flows`; ``found``: (depth, flow, flow type, near end, far end,
    material) tuples. A flow is as strong as the weakest of its supplier, consumer and material
    statements (unknown when one has none); its sources and rationales are theirs together."""
    supplier_p, consumer_p, material_p = H + "supplier", H + "consumer", H + "material"
    by_triple = statements(kg, {f[1] for f in found}, predicates={supplier_p, consumer_p, material_p})
    refs = {i: ref(i, names) for f in found for i in f[3:]}  # firms and materials recur: one reference each
    items: list[dict[str, Any]] = []
    for step, f, ftype, x, y, m in found:
        supplier, consumer = (x, y) if direction == "feeds" else (y, x)
        rows, weakest = [], 0
        for key in ((f, supplier_p, supplier), (f, consumer_p, consumer), (f, material_p, m)):
            part = by_triple.get(key)
            if part is None:
                weakest = 3
                continue
            rows += part
            strongest = min(RANK.get(r["status"], 3) for r in part) if len(part) > 1 else RANK.get(part[0]["status"], 3)
            weakest = max(weakest, strongest)
        items.append({"depth": step, "supplier": refs[supplier], "consumer": refs[consumer], "material": refs[m],
                      "flow": compact(f), "kind": compact(ftype), **(entry(rows, weakest) if rows else NO_PROV)})
    return items


# ---------------------------------------------------------------------- profiles
def _group(rels: list[dict[str, Any]], direction: str, prop: str) -> list[dict[str, Any]]:
    return [r for r in rels if r["direction"] == direction and r["property"] == prop]


def _by_type(rels: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[str] = set()
    for r in rels:
        other = r["other"]
        if other["id"] in seen:
            continue
        seen.add(other["id"])
        grouped[_kind(tuple(other.get("types", ())))].append({**other, "status": r["status"], "sources": r["sources"]})
    return dict(sorted(grouped.items()))


@functools.lru_cache(maxsize=256)
def _kind(types: tuple[str, ...]) -> str:
    """The first hykg class among compacted types (``Enterprise``), else ``Other``."""
    return next((t.split(":", 1)[1] for t in types if t.startswith("hykg:")), "Other")


def _posts(kg: Any, holders_of: list[str]) -> list[dict[str, Any]]:
    """Posts in the given chains/bodies, with the holder or 'not stated'."""
    if not holders_of:
        return []
    q = f"""SELECT ?post ?in ?role ?person ?ns WHERE {{ VALUES ?in {{ {sparql_iris(set(holders_of))} }}
            {{ ?post org:postIn ?in }} UNION {{ ?post hykg:postOnChain ?in }} ?post org:role ?role .
            OPTIONAL {{ ?post org:heldBy ?person }}
            OPTIONAL {{ ?post hykg:notStated ?ns FILTER(?ns = org:heldBy) }} }}"""
    rows = kg.rows(q)
    names = labels(kg, {r[k] for r in rows for k in ("post", "in", "role", "person") if k in r})
    prov = provenance(kg, {r["post"] for r in rows}, predicates={vocab.ORG + "heldBy", H + "notStated"})
    posts: list[dict[str, Any]] = []
    for r in rows:
        post = r["post"]
        item: dict[str, Any] = {**ref(post, names), "role": ref(r["role"], names), "in": ref(r["in"], names)}
        if "person" in r:
            p = r["person"]
            item["holder"] = ref(p, names)
            item.update(prov.get((post, vocab.ORG + "heldBy", p), NO_PROV))
        else:
            item["holder"] = None
            item["holder_note"] = "not stated in the sources" if "ns" in r else "unknown"
            item.update(prov.get((post, H + "notStated", vocab.ORG + "heldBy"), NO_PROV))
        posts.append(item)
    posts.sort(key=lambda p: (p["in"]["id"], p["role"]["id"], p["id"]))
    return posts


def chain_profile(kg: Any, name: str, basis: str | None = None) -> dict[str, Any]:
    """A chain's scheme, matches in other schemes, posts, offices, members by type, targets, statistics.

    For an industrial chain, ``membership`` is :func:`hykg.query.chains.chain_members` (each member with its
    basis) and ``members`` groups the same members by type (``basis="documented"``: only what a document
    states on the chain). Members of another kind of chain (a cluster) are its direct relations.
    """
    iri = resolve(kg, name, ENTITY_TYPES["chain"])
    card = _card(kg, iri)
    rels = card["relations"]
    offices = [r["other"] for r in _group(rels, "in", "hykg:serves")]
    match_props = ("skos:exactMatch", "skos:closeMatch", "skos:broader", "hykg:possiblySameAs")
    membership = None
    if not any(t["id"] == "hykg:IndustrialChain" for t in card["types"]):  # (a chain's members: its membership)
        member_props = ("hykg:onChain", "hykg:segmentOf")
        members = [r for r in rels if r["direction"] == "in" and r["property"] in member_props]
        for same in (r["other"] for r in rels if r["property"] == "skos:exactMatch"):
            # the same chain listed in another scheme: its members are this chain's, shown with `via`
            members += [{**r, "other": {**r["other"], "via": same["id"]}} for r in relations(kg, vocab.iri_of(same["id"]))
                        if r["direction"] == "in" and r["property"] in member_props]
        grouped = _by_type(members)
    else:
        from .chains import KINDS, chain_members

        membership = chain_members(kg, iri, basis)
        grouped = {KINDS[k][0]: [{k2: i[k2] for k2 in ("id", "label", "label_en", "status", "sources", "basis", "via")}
                                 for i in membership[k]] for k in KINDS if membership[k]}
        if membership["segments"]:
            grouped["ChainSegment"] = [{"id": s["id"], "label": s["label"], "label_en": s["label_en"], "status": s["status"],
                                        "sources": s["sources"], "basis": "editorial" if s["status"] == "editorial"
                                        else "documented", "via": None} for s in membership["segments"]]
        grouped = dict(sorted(grouped.items()))
    return {
        "chain": {k: card[k] for k in ("id", "label", "label_en", "types", "aliases", "sources")},
        "membership": membership,
        "schemes": [r["other"] for r in _group(rels, "out", "skos:inScheme")],
        "matches": [{"property": r["property"], "direction": r["direction"], **r["other"], "status": r["status"],
                     "sources": r["sources"], "rationale": r["rationale"]}
                    for r in rels if r["property"] in match_props],
        "posts": _posts(kg, [iri] + [vocab.iri_of(o["id"]) for o in offices]),
        "offices": offices,
        "members": grouped,
        "concerned_by": _by_type(_group(rels, "in", "hykg:concerns")),
        "other_relations": [r for r in rels if r["property"] not in (
            "hykg:serves", "skos:inScheme", "hykg:onChain", "hykg:segmentOf", "hykg:concerns", "org:postIn", "hykg:postOnChain", *match_props)],
    }


def park_profile(kg: Any, name: str) -> dict[str, Any]:
    """A park's kind, place, hosted firms / projects / sub-parks, recognitions, flows and chains."""
    iri = resolve(kg, name, ENTITY_TYPES["park"])
    card = _card(kg, iri)
    rels = card["relations"]
    attrs = {r["property"]: r.get("value") for r in rels if r["direction"] == "out" and "value" in r}
    hosted = _group(rels, "in", "hykg:inPark") + _group(rels, "in", "dcterms:isPartOf") + _group(rels, "out", "hykg:includes")
    hosted_iris = {vocab.iri_of(r["other"]["id"]) for r in hosted}
    internal = _internal_flows(kg, hosted_iris)
    out_park = flows(kg, vocab.id_of(iri), "feeds")["flows"]
    in_park = flows(kg, vocab.id_of(iri), "fed_by")["flows"]
    return {
        "park": {k: card[k] for k in ("id", "label", "label_en", "types", "aliases", "sources")},
        "kind": attrs.get("hykg:kind"),
        "level": attrs.get("hykg:level"),
        "located_in": [r["other"] for r in _group(rels, "out", "hykg:locatedIn")],
        "part_of": [r["other"] for r in _group(rels, "out", "dcterms:isPartOf")],
        "hosts": _by_type(hosted),
        "recognitions": [r["other"] for r in _group(rels, "in", "hykg:recipient")],
        "chains": _by_type(_group(rels, "out", "hykg:onChain")),
        "park_flows_in": in_park,
        "park_flows_out": out_park,
        "internal_flows": internal,
        "concerned_by": _by_type(_group(rels, "in", "hykg:concerns")),
    }


def _internal_flows(kg: Any, members: set[str]) -> list[dict[str, Any]]:
    """The material flows of which a member firm (or part) of a park is the supplier or the consumer."""
    if not members:
        return []
    q = f"""SELECT ?f ?x ?y ?m ?ft WHERE {{ {{ SELECT DISTINCT ?f WHERE {{ VALUES ?e {{ {sparql_iris(members)} }}
            {{ ?f hykg:supplier ?e }} UNION {{ ?f hykg:consumer ?e }} ?f a hykg:MaterialFlow }} }}
            ?f hykg:supplier ?x ; hykg:consumer ?y ; hykg:material ?m ; a ?ft .
            VALUES ?ft {{ {kg.subclasses("hykg:ResourceFlow")} }} }}"""
    found = {r["f"]: (1, r["f"], r["ft"], r["x"], r["y"], r["m"]) for r in kg.rows(q)}
    found_list = [found[f] for f in sorted(found)]
    names = labels(kg, {x for f in found_list for x in (f[3], f[4], f[5])})
    items = _flow_items(kg, found_list, "feeds", names)
    return sorted(items, key=lambda i: (i["supplier"]["label"], i["consumer"]["label"], i["material"]["label"]))


# ---------------------------------------------------------------------- stats
def stats(kg: Any) -> dict[str, Any]:
    """Counts of entities by type, statements by status and by document, records taken from an
    imported dataset (``entities_by_dataset``: the ChainKG companies, industries ...), and quads."""
    def counts(q: str, key: Any) -> dict[str, int]:
        return {key(r["x"]): int(r["n"][0]) for r in kg.rows(q)}

    by_type = counts("""SELECT ?x (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e hykg:enKind ?k ; a ?x } GROUP BY ?x ORDER BY ?x""",
                     compact)
    by_status = counts("""SELECT ?x (COUNT(?st) AS ?n) WHERE { ?st hykg:statementStatus ?x } GROUP BY ?x ORDER BY ?x""",
                       lambda iri: iri.rsplit("#", 1)[-1])
    by_doc = counts("""SELECT ?x (COUNT(?st) AS ?n) WHERE { ?st hykg:statementStatus ?s ; prov:wasDerivedFrom ?x }
                       GROUP BY ?x ORDER BY ?x""", doc_id)
    by_dataset = counts("""SELECT ?x (COUNT(?e) AS ?n) WHERE { ?e prov:wasDerivedFrom ?x
                           FILTER NOT EXISTS { ?e hykg:statementStatus ?s } } GROUP BY ?x ORDER BY ?x""", doc_id)
    return {"quads": len(kg), "entities": sum(by_type.values()), "entities_by_type": by_type,
            "statements_by_status": by_status, "statements_by_document": by_doc, "entities_by_dataset": by_dataset}
