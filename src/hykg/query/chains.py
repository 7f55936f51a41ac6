"""Chain membership: the one answer to "what is on this chain" (firms, projects, parks, targets, statistics, segments)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .memo import memo
from .names import compact, resolve
from .provenance import provenance, rank

#: How a member comes to be on a chain, strongest first:
#: ``documented`` a document states it on the chain; ``via_container`` it belongs to a base / cluster / town /
#: corridor that is tied to the chain (the correspondence is one statement, see ``containers``);
#: ``via_match`` it is a member of a matching chain of another list (skos:exactMatch / closeMatch, e.g. the
#: 2021 list vs the 2025 layout); ``editorial`` a curator put it on the chain (with a rationale).
BASES = ("documented", "via_container", "via_match", "editorial")
#: The member lists of a membership answer, with the hykg classes each holds.
KINDS = {"firms": ("Enterprise",), "projects": ("Project",), "parks": ("Park",),
         "targets": ("Target",), "statistics": ("Statistic",)}
CONTAINER_TYPES = ("IndustrialBase", "IndustrialCluster", "CharacteristicTown", "Corridor")
_ORDER = {"upstream": 0, "midstream": 1, "downstream": 2}
H = vocab.ONT
#: The statements that tie a container (base, cluster ...) to a chain.
_TIES = (H + "onChain", vocab.SKOS + "closeMatch", vocab.SKOS + "exactMatch")

#: Direct statements that put ?x on ?c (the chain, or a container): predicate, direction.
_DIRECT = """SELECT ?x ?p ?c ?t WHERE { VALUES ?c { %s }
  { ?x hykg:onChain ?c BIND(hykg:onChain AS ?p) } UNION { ?x hykg:concerns ?c BIND(hykg:concerns AS ?p) }
  UNION { ?x hykg:inPark ?c BIND(hykg:inPark AS ?p) } UNION { ?x dcterms:isPartOf ?c BIND(dcterms:isPartOf AS ?p) }
  UNION { ?c hykg:supports ?x BIND(hykg:supports AS ?p) } UNION { ?c hykg:includes ?x BIND(hykg:includes AS ?p) }
  UNION { ?c hykg:setsTarget ?x BIND(hykg:setsTarget AS ?p) } UNION { ?x skos:closeMatch ?c BIND(skos:closeMatch AS ?p) }
  UNION { ?x skos:exactMatch ?c BIND(skos:exactMatch AS ?p) }
  ?x a ?t FILTER(STRSTARTS(STR(?t), STR(hykg:))) }"""
#: The predicates of :data:`_DIRECT`: the only statements whose provenance a membership reads.
_PREDICATES = {H + p for p in ("onChain", "concerns", "inPark", "supports", "includes", "setsTarget")} | {
    vocab.DCTERMS + "isPartOf", vocab.SKOS + "closeMatch", vocab.SKOS + "exactMatch"}
_MATCHES = """SELECT DISTINCT ?m ?p WHERE { VALUES ?c { %s } VALUES ?p { skos:exactMatch skos:closeMatch }
  { ?c ?p ?m } UNION { ?m ?p ?c } ?m a hykg:IndustrialChain }"""
_SEGMENTS = """SELECT ?seg ?chain ?pos WHERE { VALUES ?chain { %s } ?seg hykg:segmentOf ?chain .
  OPTIONAL { ?seg hykg:position ?pos } }"""
_AT_SEGMENT = """SELECT ?x ?seg ?t WHERE { VALUES ?seg { %s } ?x hykg:segment ?seg ; a ?t FILTER(STRSTARTS(STR(?t), STR(hykg:))) }"""
_PRODUCERS = """SELECT ?x ?p ?t WHERE { VALUES ?p { %s } { ?x hykg:makes ?p } UNION { ?f hykg:supplier ?x ; hykg:material ?p }
  ?x a ?t FILTER(?t IN (hykg:Enterprise, hykg:Park)) }"""
_PROJECT_STATUS = """SELECT ?x ?s WHERE { VALUES ?x { %s } ?x hykg:status ?s }"""


def chain_members(kg: Any, name: str, basis: str | None = None) -> dict[str, Any]:
    """The members of a chain, each with its basis; the one membership every view shows.

    Returns ``{"chain": ref, "matches": [ref + property + status], "containers": [ref + type + status +
    sources + rationale], "firms" | "projects" | "parks" | "targets" | "statistics": [member], "segments":
    [segment], "gaps": [ref], "not_stated": [kind]}`` (``not_stated``: the lists the sources leave empty). A member is ``{id, label, label_en, type, basis, via, bases, status,
    sources, rationale}`` (projects add ``project_status``: the stated status, or None when not stated):
    ``basis`` is the strongest of :data:`BASES` it has, ``via`` the container or matching chain it comes
    through (None when documented or editorial on the chain itself), ``bases`` every basis with its via,
    ``status`` the statement status (documented / editorial) of the weakest link of that path. A segment is
    ``{id, label, label_en, position, chain, status, rationale, products: [ref], firms: [ref], parks: [ref],
    gap}``: ``firms`` are the enterprises of the graph that make (or supply in a stated flow) a product of
    the segment, ``parks`` the parks that do (park supply, not local producers), ``gap`` no firm.

    ``basis="documented"`` keeps only what a document states on the chain itself.

    >>> import hykg
    >>> m = chain_members(hykg.load(), "钢管及深加工")
    >>> [f["label"] for f in m["firms"] if f["label"] == "衡钢"]
    ['衡钢']
    >>> sorted({f["basis"] for f in chain_members(hykg.load(), "钢管及深加工", basis="documented")["firms"]}) in ([], ['documented'])
    True
    """
    chain = resolve(kg, name, ("IndustrialChain",))
    # every view of a chain asks for it (report, promotion report, targets): computed once per loaded graph
    return memo(kg, f"chain_members {chain} {basis}", lambda: _members(kg, chain, basis))


def _members(kg: Any, chain: str, basis: str | None) -> dict[str, Any]:
    from .projections import node_info

    matches = {r["m"]: r["p"] for r in kg.select(_MATCHES % f"<{chain}>") if r["m"] != chain}
    chains = [chain, *sorted(matches)]
    # containers: bases / clusters / towns / corridors on the chain or on a matching chain
    rows = kg.select(_DIRECT % sparql_iris(set(chains)))
    containers: dict[str, tuple[str, str]] = {}  # container -> the chain it is tied to, and by which property
    for r in rows:
        if r["p"] in _TIES and r["t"][len(H):] in CONTAINER_TYPES and r["x"] not in containers:
            containers[r["x"]] = (r["c"], r["p"])
    rows += kg.select(_DIRECT % sparql_iris(set(containers))) if containers else []
    # every statement read below has its subject or its object among the chains and containers (a member's
    # own statement points at one): the subjects that are neither (the members) add nothing
    ends = set(chains) | set(containers)
    prov = provenance(kg, ({r["x"] for r in rows} | set(containers) | {chain}) & ends, ends, _PREDICATES)
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        x, c, p, t = r["x"], r["c"], r["p"], r["t"][len(H):]
        kind = next((k for k, ts in KINDS.items() if t in ts), None)
        if kind is None or x in chains:
            continue
        if p in _TIES[1:]:
            continue
        key = (x, p, c) if p in (H + "onChain", H + "concerns", H + "inPark", vocab.DCTERMS + "isPartOf") else (c, p, x)
        e = prov.get(key, {"status": "unknown", "sources": [], "rationale": []})
        if c == chain:
            b, via, st = ("documented" if e["status"] == "documented" else "editorial"), None, e["status"]
        elif c in matches:
            b, via, st = "via_match", c, _weakest(e["status"], _link_status(prov, chain, c))
        else:  # a container
            tied, tie = containers[c]
            link = prov.get((c, tie, tied), {"status": "unknown"})["status"]
            b = "via_container" if tied == chain else "via_match"
            via = c
            st = _weakest(e["status"], link, _link_status(prov, chain, tied) if tied != chain else "documented")
        m = found.setdefault(x, {"kind": kind, "type": t, "bases": []})
        step = {"basis": b, "via": compact(via) if via else None, "status": st, "sources": e["sources"],
                "rationale": e["rationale"]}
        if step not in m["bases"]:
            m["bases"].append(step)
    if basis == "documented":
        for m in found.values():
            m["bases"] = [s for s in m["bases"] if s["basis"] == "documented"]
    elif basis is not None and basis not in BASES:
        from ..errors import HykgError

        raise HykgError(f"unknown basis {basis!r}: use one of {', '.join(BASES)}")
    segments = _segments(kg, chains)
    if basis != "documented":  # a firm making a segment's product is on the chain through the (editorial) segment
        for seg in segments:
            for f in seg["firms"]:
                m = found.setdefault(f, {"kind": "firms", "type": "Enterprise", "bases": []})
                m["bases"].append({"basis": "editorial", "via": compact(seg["id"]), "status": "editorial",
                                   "sources": [], "rationale": seg["rationale"]})
    found = {x: m for x, m in found.items() if m["bases"]}
    info = node_info(kg, set(found) | set(chains) | set(containers) | {i for s in segments for k in ("products", "firms", "parks")
                                                                          for i in s[k]} | {s["id"] for s in segments})
    status_of = {r["x"]: r["s"] for r in kg.select(_PROJECT_STATUS % sparql_iris(
        {x for x, m in found.items() if m["kind"] == "projects"}))} if any(m["kind"] == "projects" for m in found.values()) else {}

    def ref(x: str) -> dict[str, str]:
        return {"id": compact(x), "label": info[x]["label"], "label_en": info[x]["label_en"]}

    out: dict[str, Any] = {"chain": ref(chain), "basis_filter": basis,
                           "matches": [{**ref(m), "property": compact(p), **_link(prov, chain, m)} for m, p in sorted(matches.items())],
                           "containers": [{**ref(c), "type": info[c]["type"], "chain": compact(ch), "property": compact(tie),
                                           **_link(prov, c, ch, tie)} for c, (ch, tie) in sorted(containers.items())]}
    for kind in KINDS:
        items = []
        for x, m in found.items():
            if m["kind"] != kind:
                continue
            steps = sorted(m["bases"], key=lambda s: (BASES.index(s["basis"]), rank(s["status"]), s["via"] or ""))
            best = steps[0]
            item = {**ref(x), "type": m["type"], "basis": best["basis"], "via": best["via"], "status": best["status"],
                    "sources": best["sources"], "rationale": best["rationale"], "bases": steps}
            if kind == "projects":
                item["project_status"] = status_of.get(x)
            items.append(item)
        out[kind] = sorted(items, key=lambda i: (BASES.index(i["basis"]), i["label"], i["id"]))
    out["segments"] = [{**ref(s["id"]), **{k: v for k, v in s.items() if k not in ("id", "products", "firms", "parks")},
                        "products": [ref(p) for p in s["products"]], "firms": [ref(f) for f in s["firms"]],
                        "parks": [ref(p) for p in s["parks"]]} for s in segments]
    out["gaps"] = [{k: s[k] for k in ("id", "label", "label_en")} for s in out["segments"] if s["gap"]]
    out["not_stated"] = [k for k in KINDS if not out[k]]  # the sources (and curators) name no member of these kinds
    return out


def member_ids(m: dict[str, Any], kinds: tuple[str, ...] = tuple(KINDS)) -> set[str]:
    """The ids of a membership answer's members of ``kinds`` (all lists by default).

    >>> member_ids({"firms": [{"id": "ent/a"}], "parks": [{"id": "park/b"}]}, ("firms",))
    {'ent/a'}
    """
    return {i["id"] for k in kinds for i in m.get(k, [])}


def _segments(kg: Any, chains: list[str]) -> list[dict[str, Any]]:
    """Segments of the chains with their products, producer firms and parks, and the gap flag."""
    segs = {r["seg"]: (r["chain"], r.get("pos", "")) for r in kg.select(_SEGMENTS % sparql_iris(set(chains)))}
    if not segs:
        return []
    prods: dict[str, set[str]] = defaultdict(set)
    direct: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(_AT_SEGMENT % sparql_iris(set(segs))):
        if r["t"] == H + "Product":
            prods[r["seg"]].add(r["x"])
        elif r["t"] == H + "Enterprise":
            direct[r["seg"]].add(r["x"])
    all_p = {p for ps in prods.values() for p in ps}
    makers: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"firms": set(), "parks": set()})
    for r in kg.select(_PRODUCERS % sparql_iris(all_p)) if all_p else []:
        makers[r["p"]]["firms" if r["t"] == H + "Enterprise" else "parks"].add(r["x"])
    prov = provenance(kg, set(segs), predicates={H + "segmentOf"})
    out = []
    for seg, (ch, pos) in sorted(segs.items(), key=lambda s: (chains.index(s[1][0]), _ORDER.get(s[1][1], 3), s[0])):
        firms = set(direct[seg]) | {f for p in prods[seg] for f in makers[p]["firms"]}
        parks = {k for p in prods[seg] for k in makers[p]["parks"]}
        e = prov.get((seg, H + "segmentOf", ch), {"status": "unknown", "rationale": [], "sources": []})
        out.append({"id": seg, "position": pos, "chain": compact(ch), "status": e["status"], "rationale": e["rationale"],
                    "sources": e["sources"], "products": sorted(prods[seg]), "firms": sorted(firms), "parks": sorted(parks),
                    "gap": not firms})
    return out


def _weakest(*statuses: str) -> str:
    return max(statuses, key=rank)


def _link_status(prov: Any, a: str, b: str) -> str:
    return _link(prov, a, b)["status"]


def _link(prov: Any, a: str, b: str, prop: str | None = None) -> dict[str, Any]:
    """Status, sources and rationale of the statement linking a and b (either way; any match property)."""
    props = [prop] if prop else [vocab.SKOS + "exactMatch", vocab.SKOS + "closeMatch"]
    for p in props:
        for key in ((a, p, b), (b, p, a)):
            if key in prov:
                return {"status": prov[key]["status"], "sources": prov[key]["sources"], "rationale": prov[key]["rationale"]}
    return {"status": "unknown", "sources": [], "rationale": []}
