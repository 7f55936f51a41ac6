"""Chain structure: segments with their local firms, parks and projects, gaps, and the local supporting rate."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..query.names import compact
from ..query.provenance import provenance, rank, strongest, weakest
from ._common import iri, park_scope

_ORDER = {"upstream": 0, "midstream": 1, "downstream": 2}

#: The chain and the chains that are skos:exactMatch of it (one chain listed in several schemes).
SAME_CHAIN_QUERY = """SELECT DISTINCT ?c WHERE { { BIND(<%s> AS ?c) } UNION { <%s> skos:exactMatch ?c }
  UNION { ?c skos:exactMatch <%s> } }"""
#: Segments of the chains (%s: VALUES list) with their position.
SEGMENT_QUERY = """SELECT ?seg ?pos WHERE { VALUES ?chain { %s } ?seg hykg:segmentOf ?chain .
  OPTIONAL { ?seg hykg:position ?pos } } ORDER BY ?seg"""
#: What sits at the segments: products, firms, parks, projects (hykg:segment), with their class.
AT_SEGMENT_QUERY = """SELECT ?x ?seg ?t WHERE { VALUES ?seg { %s } ?x hykg:segment ?seg ; a ?t . }"""
#: Producers: who makes a product, and who supplies it in a stated flow (firm or park).
PRODUCER_QUERY = """SELECT ?x ?p ?how ?f WHERE {
  { ?x hykg:makes ?p BIND("makes" AS ?how) }
  UNION { ?f hykg:supplier ?x ; hykg:material ?p BIND("supplies" AS ?how) } }"""
#: Product inputs.
INPUT_QUERY = """SELECT ?p ?i WHERE { ?p hykg:hasInput ?i }"""
#: Parks of firms, projects of firms (%s: VALUES list of firms).
FIRM_LINKS_QUERY = """SELECT ?x ?p ?y WHERE { VALUES ?x { %s }
  { ?x hykg:inPark ?y BIND(hykg:inPark AS ?p) } UNION { ?y hykg:byEnterprise ?x BIND(hykg:byEnterprise AS ?p) } }"""


def supporting_rate(chain_products: set[str], has_input: dict[str, set[str]],
                    producers: dict[str, set[str]]) -> dict[str, Any]:
    """The local supporting rate (本地配套率): share of the chain's input products with a local producer.

    The chain's input products are the inputs (``has_input``) of the products placed in its segments.

    >>> r = supporting_rate({"pcb", "foil"}, {"pcb": {"foil", "acid"}, "foil": {"copper"}}, {"acid": {"firm-a"}, "foil": set()})
    >>> r["inputs"], r["local"], round(r["rate"], 4)
    (['acid', 'copper', 'foil'], ['acid'], 0.3333)
    """
    needed: dict[str, set[str]] = defaultdict(set)
    for p in chain_products:
        for i in has_input.get(p, set()):
            needed[i].add(p)
    local = sorted(i for i in needed if producers.get(i))
    return {"inputs": sorted(needed), "for": {i: sorted(ps) for i, ps in sorted(needed.items())},
            "local": local, "rate": len(local) / len(needed) if needed else None}


def chain_structure(kg: Any, name: str, park: str | None = None) -> dict[str, Any]:
    """A chain's segments (upstream / midstream / downstream) with local firms, parks and projects at each,
    the gaps (segments with no local firm) and the local supporting rate.

    A firm or park sits at a segment when it makes (or supplies in a stated flow) one of the segment's
    products, or is linked to it by ``hykg:segment``. "Local" is any firm or park of the graph (the
    Hengyang firms and parks the sources name), or, with ``park``, those in that park and its parts.

    >>> import hykg
    >>> r = chain_structure(hykg.load(), "化工新材料")
    >>> [(s["segment"]["label"], s["position"], [f["entity"]["label"] for f in s["firms"]]) for s in r["segments"]]
    [('化工原料', 'upstream', []), ('基础化学品', 'midstream', ['恒光', '建滔']), ('精细化学品', 'downstream', ['建衡', '建衡实业'])]
    >>> r["supporting"]["local"], r["supporting"]["total"]
    (2, 5)
    """
    from ..query.projections import node_info

    chain = kg.resolve(name, ("IndustrialChain", "IndustrialCluster"))
    chains = {r["c"] for r in kg.select(SAME_CHAIN_QUERY % (chain, chain, chain))}
    segs = {r["seg"]: r.get("pos", "") for r in kg.select(SEGMENT_QUERY % " ".join(f"<{c}>" for c in sorted(chains)))}
    seg_vals = " ".join(f"<{s}>" for s in sorted(segs))
    at = kg.select(AT_SEGMENT_QUERY % seg_vals) if segs else []
    prods: dict[str, set[str]] = defaultdict(set)
    direct: dict[str, set[str]] = defaultdict(set)
    for r in at:
        if r["t"].endswith("#Product"):
            prods[r["seg"]].add(r["x"])
        elif r["t"].endswith(("#Enterprise", "#Project", "#Park", "#Corridor", "#CharacteristicTown")):
            direct[r["seg"]].add(r["x"])
    producer_rows = kg.select(PRODUCER_QUERY)
    prov = provenance(kg, {r["x"] for r in producer_rows if r["how"] == "makes"} | {r["f"] for r in producer_rows if "f" in r}
                      | {r["x"] for r in at})
    scope_ids: set[str] | None = None
    scope_ref = None
    if park:
        park_id, areas = park_scope(kg, park)
        scope_ids = areas
        scope_ref = park_id
    all_x = {r["x"] for r in producer_rows} | {x for v in direct.values() for x in v}
    types = {r["x"]: r["t"] for r in kg.select(
        f"SELECT ?x ?t WHERE {{ VALUES ?x {{ {' '.join(f'<{x}>' for x in sorted(all_x))} }} ?x a ?t }}")} if all_x else {}
    firms_all = {x for x, t in types.items() if t.endswith("#Enterprise")}
    links = kg.select(FIRM_LINKS_QUERY % " ".join(f"<{f}>" for f in sorted(firms_all))) if firms_all else []
    parks_of: dict[str, set[str]] = defaultdict(set)
    projects_of: dict[str, set[str]] = defaultdict(set)
    for r in links:
        (parks_of if r["p"].endswith("inPark") else projects_of)[r["x"]].add(r["y"])

    def in_scope(x: str) -> bool:
        if scope_ids is None:
            return True
        cx = compact(x)
        return cx in scope_ids or bool({compact(p) for p in parks_of.get(x, set())} & scope_ids)

    def status_of(s: str, p: str, o: str) -> tuple[str, list[dict[str, str]], list[str]]:
        e = prov.get((s, p, o))
        return (e["status"], e["sources"], e["rationale"]) if e else ("unknown", [], [])

    producers: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for r in producer_rows:
        if not in_scope(r["x"]):
            continue
        if r["how"] == "makes":
            st, src, rat = status_of(r["x"], vocab_ont("makes"), r["p"])
        else:
            st, src, rat = status_of(r["f"], vocab_ont("supplier"), r["x"])
        producers[r["p"]][r["x"]].append({"how": r["how"], "status": st, "sources": src, "rationale": rat,
                                          **({"flow": compact(r["f"])} if "f" in r else {})})
    has_input: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(INPUT_QUERY):
        has_input[r["p"]].add(r["i"])
    chain_products = {p for ps in prods.values() for p in ps}
    # local producers are the chain's own enterprises (at one of its segments), so that a chain whose segments are
    # all gaps has a rate of 0; what parks supply (park supply) and other local firms make are reported apart
    chain_firms = {x for p in chain_products for x in producers.get(p, {}) if x in firms_all} \
        | {x for v in direct.values() for x in v if x in firms_all and in_scope(x)}
    rate = supporting_rate(chain_products, has_input, {p: {x for x in v if x in chain_firms} for p, v in producers.items()})

    ids = set(segs) | chain_products | set(rate["inputs"]) | {x for v in producers.values() for x in v} \
        | {x for v in direct.values() for x in v} | {p for v in parks_of.values() for p in v} \
        | {p for v in projects_of.values() for p in v} | {chain} | ({iri(scope_ref)} if scope_ref else set())
    info = node_info(kg, ids)

    def ref(x: str) -> dict[str, str]:
        return {"id": compact(x), "label": info[x]["label"], "label_en": info[x]["label_en"]}

    segments = []
    for seg, pos in sorted(segs.items(), key=lambda s: (_ORDER.get(s[1], 3), s[0])):
        firms: dict[str, list[dict[str, Any]]] = defaultdict(list)
        parks: dict[str, list[dict[str, Any]]] = defaultdict(list)
        projects: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for p in sorted(prods[seg]):
            seg_st = status_of(p, vocab_ont("segment"), seg)[0]
            for x, hows in producers.get(p, {}).items():
                for h in hows:
                    via = {"product": ref(p), "how": h["how"], "status": weakest([h["status"], seg_st]),
                           "sources": h["sources"], "rationale": h["rationale"]}
                    (firms if x in firms_all else parks)[x].append(via)
        for x in sorted(direct[seg]):
            if not in_scope(x):
                continue
            st, src, rat = status_of(x, vocab_ont("segment"), seg)
            via = {"product": None, "how": "segment", "status": st, "sources": src, "rationale": rat}
            t = types.get(x, "")
            (firms if t.endswith("#Enterprise") else projects if t.endswith("#Project") else parks)[x].append(via)
        for f in list(firms):
            for pk in parks_of.get(f, set()):
                parks[pk].append({"product": None, "how": f"hosts {compact(f)}", "status": "documented"
                                  if all(v["status"] == "documented" for v in firms[f]) else "editorial",
                                  "sources": [], "rationale": []})
            for pj in projects_of.get(f, set()):
                projects[pj].append({"product": None, "how": f"by {compact(f)}", "status": "documented"
                                     if all(v["status"] == "documented" for v in firms[f]) else "editorial",
                                     "sources": [], "rationale": []})
        seg_prov = _segment_status(kg, seg)
        segments.append({
            "segment": ref(seg), "position": pos, "status": seg_prov["status"], "rationale": seg_prov["rationale"],
            "products": [ref(p) for p in sorted(prods[seg], key=lambda p: info[p]["label"])],
            "firms": _entries(firms, ref), "parks": _entries(parks, ref), "projects": _entries(projects, ref),
            "gap": not firms,
        })
    gaps = [s["segment"] for s in segments if s["gap"]]
    inputs = [{"product": ref(i), "for": [ref(p) for p in rate["for"][i]],
               "local_producers": [{"entity": ref(x), "how": sorted({h["how"] for h in hs}),
                                    "status": strongest([h["status"] for h in hs])}
                                   for x, hs in sorted(producers.get(i, {}).items()) if x in chain_firms],
               "other_local_firms": [{"entity": ref(x), "how": sorted({h["how"] for h in hs}),
                                      "status": strongest([h["status"] for h in hs])}
                                     for x, hs in sorted(producers.get(i, {}).items()) if x in firms_all and x not in chain_firms],
               "park_supply": [{"entity": ref(x), "how": sorted({h["how"] for h in hs}),
                                "status": strongest([h["status"] for h in hs])}
                               for x, hs in sorted(producers.get(i, {}).items()) if x not in firms_all],
               "status": _input_status(kg, rate["for"][i], i)} for i in rate["inputs"]]
    from .readings import supporting_reading

    supporting = {"inputs": inputs, "local": len(rate["local"]), "total": len(rate["inputs"]), "rate": rate["rate"]}
    return {
        "chain": ref(chain),
        "scope": ref(iri(scope_ref)) if scope_ref else None,
        "segments": segments,
        "gaps": gaps,
        "supporting": supporting,
        "notes": _notes(segments, scope_ref),
        "reading": {"supporting": supporting_reading(ref(chain), supporting)},
    }


def vocab_ont(local: str) -> str:
    from ..rdf import vocab

    return vocab.ONT + local


def _entries(d: dict[str, list[dict[str, Any]]], ref: Any) -> list[dict[str, Any]]:
    out = []
    for x, via in d.items():
        status = strongest([v["status"] for v in via])
        out.append({"entity": ref(x), "status": status, "via": via})
    return sorted(out, key=lambda e: (rank(e["status"]), e["entity"]["id"]))


def _segment_status(kg: Any, seg: str) -> dict[str, Any]:
    prov = provenance(kg, {seg})
    entries = [v for (s, p, _), v in prov.items() if p.endswith("#segmentOf")]
    if not entries:
        return {"status": "unknown", "rationale": []}
    return {"status": entries[0]["status"], "rationale": entries[0]["rationale"]}


def _input_status(kg: Any, products: list[str], i: str) -> str:
    prov = provenance(kg, set(products))
    sts = [v["status"] for (s, p, o), v in prov.items() if p.endswith("#hasInput") and o == i]
    return strongest(sts)


def _notes(segments: list[dict[str, Any]], scope: str | None) -> list[str]:
    notes = []
    if any(s["status"] == "editorial" for s in segments):
        notes.append("segments marked editorial are curator knowledge: the sources name the chain but not its segments")
    notes.append("本地配套率 counts the chain's own enterprises (those at its segments) as local producers; other local "
                 "firms and the parks' resources (park supply) are listed apart")
    notes.append("local = a firm or park of the graph" + (f" within {scope} and its parts" if scope else
                 " (the Hengyang firms and parks the sources name)")
                 + "; a gap is a segment with no local firm stated or known to make its products")
    return notes
