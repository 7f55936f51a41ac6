"""Projections of the knowledge graph into networkx graphs, each defined by a documented SPARQL query.

API (stable; other modules and notebooks build on it):

- ``supply_network(kg) -> nx.MultiDiGraph``: firm -> firm material flows (``hykg:MaterialFlow``).
  Nodes are keyed by id (``"ent/hengguang"``) with ``label``, ``label_en``, ``type`` ("Enterprise"),
  ``parks`` (park ids, from ``hykg:inPark``) and ``chains`` (chain ids, from ``hykg:onChain``).
  Edges are keyed by flow id (``"flow/..."``) with ``material`` (id), ``material_label``,
  ``material_label_en``, ``status`` ("documented" / "editorial" / "inferred"), ``sources``
  (list of ``{"doc", "quote"}``), ``rationale`` (editorial reasons), ``kind`` ("hykg:MaterialFlow") and,
  when a source states one, ``quantity`` (float) and ``unit``.
- ``park_network(kg) -> nx.MultiDiGraph``: park -> park. Stated ``hykg:ParkResourceFlow`` edges (same
  attributes, kind "hykg:ParkResourceFlow") plus one aggregated edge per (supplying park, consuming
  park) pair for firm flows between firms in different parks: key ``"agg/<park>-><park>"``,
  ``aggregated=True``, ``count``, ``flows`` (flow ids), ``materials`` (ids), ``status`` (the weakest of
  the flows and of the firms' inPark statements).
- ``supply_net(kg)`` / ``park_net(kg) -> FlowNet``: the same two networks as a
  :class:`hykg.query.flownet.FlowNet` (no networkx import: what the query commands ``path``,
  ``upstream`` and ``downstream`` walk); ``.to_networkx()`` gives the graphs above.
- ``membership_graph(kg) -> nx.DiGraph``: chain / segment / park / firm / project / cluster / base
  membership (inPark, onChain, partOf, includes, supports, byEnterprise, segmentOf, segment,
  parentGroup, inScheme); nodes with ``label``, ``label_en``, ``type``; edges with ``property``
  (and ``properties`` when one pair has several), ``property_label``, ``status``, ``sources``.
- ``ego_graph(kg, name, depth=1) -> nx.MultiDiGraph``: every relation between named entities (both
  directions) around an entity to ``depth``; edges keyed ``"<property>"`` with ``property``,
  ``property_label``, ``property_label_en``, ``status``, ``sources``, ``rationale``; nodes carry ``depth``.

Literals never become nodes. Unknown names raise :class:`hykg.errors.UnknownEntity` /
:class:`hykg.errors.AmbiguousName` (the graph's ``resolve``). Statuses are those of the statements
(a flow is as strong as its weakest part: documented < editorial < inferred).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .flownet import FlowNet
from .names import compact, labels
from .provenance import Provenance, provenance, weakest

if TYPE_CHECKING:
    import networkx as nx

#: Firm -> firm flows: one row per hykg:MaterialFlow with its supplier, consumer and material.
SUPPLY_QUERY = """SELECT ?flow ?supplier ?consumer ?material WHERE {
  ?flow a hykg:MaterialFlow ; hykg:supplier ?supplier ; hykg:consumer ?consumer ; hykg:material ?material .
} ORDER BY ?flow"""

#: Park -> park flows that a source states (hykg:ParkResourceFlow).
PARK_FLOW_QUERY = """SELECT ?flow ?supplier ?consumer ?material WHERE {
  ?flow a hykg:ParkResourceFlow ; hykg:supplier ?supplier ; hykg:consumer ?consumer ; hykg:material ?material .
} ORDER BY ?flow"""

#: Quantities stated on flows (hykg:value with hykg:unit), when a source gives them; %s is the VALUES
#: list of hykg:ResourceFlow and its subclasses (``kg.subclasses``: no property path, see there).
FLOW_QUANTITY_QUERY = """SELECT ?flow ?value ?unit WHERE {
  ?flow a ?ft ; hykg:value ?value . VALUES ?ft { %s } OPTIONAL { ?flow hykg:unit ?unit }
}"""

#: The parks (any industrial area) and chains of a set of firms; %s is a VALUES list of firm IRIs.
FIRM_CONTEXT_QUERY = """SELECT ?firm ?p ?o WHERE {
  VALUES ?firm { %s }
  { ?firm hykg:inPark ?o BIND(hykg:inPark AS ?p) } UNION { ?firm hykg:onChain ?o BIND(hykg:onChain AS ?p) }
} ORDER BY ?firm ?p ?o"""
# (each branch binds its predicate: rdflib evaluates `VALUES ?p` + `?firm ?p ?o` as a scan, ~1000x slower)

#: Membership properties, written as the YAML key -> SPARQL term.
MEMBERSHIP_PROPERTIES = (
    "hykg:inPark", "hykg:onChain", "dcterms:isPartOf", "hykg:includes", "hykg:supports",
    "hykg:byEnterprise", "hykg:segmentOf", "hykg:segment", "org:subOrganizationOf", "skos:inScheme",
)

#: Classes whose instances are members of the membership graph (subclasses included).
MEMBERSHIP_CLASSES = (
    "hykg:IndustrialChain", "hykg:ChainScheme", "hykg:ChainSegment", "hykg:IndustrialArea",
    "hykg:Enterprise", "hykg:Project", "hykg:IndustrialCluster", "hykg:IndustrialBase",
)

#: Chain / park / firm / project / cluster / base membership: one row per (member, property, whole)
#: where both ends are instances of MEMBERSHIP_CLASSES (literals are never matched: ?o must be typed);
#: %(classes)s is the VALUES list of those classes and their subclasses (``kg.subclasses``).
MEMBERSHIP_QUERY = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  VALUES ?p {{ {" ".join(MEMBERSHIP_PROPERTIES)} }}
  ?s ?p ?o .
  ?s a ?cs . VALUES ?cs {{ %(classes)s }}
  ?o a ?co . VALUES ?co {{ %(classes)s }}
}} ORDER BY ?s ?p ?o"""

#: Relations out of a frontier of entities to other named entities (entities carry hykg:enKind);
#: %s is a VALUES list.
EGO_OUT_QUERY = """SELECT ?s ?p ?o WHERE { VALUES ?s { %s } ?s ?p ?o . ?o hykg:enKind ?k . }"""
#: Relations into a frontier of entities from other named entities.
EGO_IN_QUERY = """SELECT ?s ?p ?o WHERE { VALUES ?o { %s } ?s ?p ?o . ?s hykg:enKind ?k . }"""



def _expand(term: str) -> str:
    prefix, local = term.split(":", 1)
    return vocab.PREFIXES[prefix] + local


def node_info(kg: Any, iris: set[str]) -> dict[str, dict[str, str]]:
    """``label``, ``label_en`` and ``type`` (the first hykg class, by name) of each IRI, keyed by IRI."""
    if not iris:
        return {}
    names = labels(kg, iris)
    types: dict[str, list[str]] = defaultdict(list)
    for row in kg.select(f"SELECT ?x ?t WHERE {{ VALUES ?x {{ {sparql_iris(iris)} }} ?x a ?t }}"):
        if row["t"].startswith(vocab.ONT):
            types[row["x"]].append(row["t"][len(vocab.ONT):])
    out = {}
    for iri in iris:
        zh, en = names.get(iri, ("", ""))
        cid = compact(iri)
        out[iri] = {"label": zh or en or cid, "label_en": en or zh or cid,
                    "type": sorted(types.get(iri, ["Thing"]))[0]}
    return out


def _flow_rows(kg: Any, query: str) -> list[dict[str, str]]:
    return kg.select(query)


#: The statements of a flow that :func:`_flow_attrs` reads the provenance of.
_FLOW_PREDICATES = {vocab.ONT + p for p in ("supplier", "consumer", "material")}


def _flow_attrs(rows: list[dict[str, str]], prov: Provenance,
                info: dict[str, dict[str, str]], kind: str) -> dict[str, dict[str, Any]]:
    """Edge attributes of each flow: material, status (weakest of its three statements), sources."""
    attrs: dict[str, dict[str, Any]] = {}
    for r in rows:
        f = r["flow"]
        entries = [prov.get((f, vocab.ONT + p, r[p]))
                   for p in ("supplier", "consumer", "material")]
        statuses = [e["status"] if e else "unknown" for e in entries]
        sources = sorted({(s["doc"], s["quote"]) for e in entries if e for s in e["sources"]})
        m = r["material"]
        attrs[f] = {
            "material": compact(m),
            "material_label": info[m]["label"],
            "material_label_en": info[m]["label_en"],
            "status": weakest(statuses),
            "sources": [{"doc": d, "quote": q} for d, q in sources],
            "rationale": sorted({x for e in entries if e for x in e["rationale"]}),
            "kind": kind,
        }
    return attrs


def _quantities(kg: Any, attrs: dict[str, dict[str, Any]]) -> None:
    """Add ``quantity`` and ``unit`` to the flows that state one."""
    for row in kg.select(FLOW_QUANTITY_QUERY % kg.subclasses("hykg:ResourceFlow")):
        if row["flow"] in attrs:
            attrs[row["flow"]]["quantity"] = float(row["value"])
            attrs[row["flow"]]["unit"] = row.get("unit", "")


def _firm_context(kg: Any, firms: set[str]) -> dict[str, dict[str, list[str]]]:
    ctx: dict[str, dict[str, list[str]]] = {f: {"parks": [], "chains": []} for f in firms}
    if not firms:
        return ctx
    for row in kg.select(FIRM_CONTEXT_QUERY % sparql_iris(firms)):
        key = "parks" if row["p"].endswith("inPark") else "chains"
        ctx[row["firm"]][key].append(compact(row["o"]))
    return ctx


def supply_net(kg: Any, all_firms: bool = False, describe: bool = True) -> FlowNet:
    """Firm -> firm material flows as a :class:`FlowNet` keyed by flow id (query: ``SUPPLY_QUERY``).

    ``all_firms=True`` also adds every enterprise without flows (isolated nodes). ``describe=False``
    leaves the firms' attributes out (label, type, parks, chains: a query each over every firm), for
    :func:`describe_firms` to add to the few a caller shows (a path's).

    >>> import hykg
    >>> g = supply_net(hykg.load())
    >>> g.nodes["ent/hengguang"]["parks"], sorted(g.successors("ent/hengguang"))
    (['park/songmu'], ['ent/dianke', 'ent/jianheng'])
    >>> g["ent/jianheng"]["ent/hengguang"]["flow/jianheng-hengguang-pac"]["material_label"]
    '聚合氯化铝'
    """
    rows = _flow_rows(kg, SUPPLY_QUERY)
    firms = {r[k] for r in rows for k in ("supplier", "consumer")}
    if all_firms:
        firms |= {r["e"] for r in kg.select("SELECT ?e WHERE { ?e a hykg:Enterprise }")}
    info = node_info(kg, (firms if describe else set()) | {r["material"] for r in rows})
    prov = provenance(kg, {r["flow"] for r in rows}, predicates=_FLOW_PREDICATES)
    ctx = _firm_context(kg, firms) if describe else {}
    g = FlowNet(name="supply network", projection="supply")
    for f in sorted(firms):
        g.add_node(compact(f), **info[f], **ctx[f]) if describe else g.add_node(compact(f))
    by_flow = {r["flow"]: r for r in rows}
    flow_attrs = _flow_attrs(rows, prov, info, "hykg:MaterialFlow")
    _quantities(kg, flow_attrs)
    for f, a in flow_attrs.items():
        r = by_flow[f]
        g.add_edge(compact(r["supplier"]), compact(r["consumer"]), key=compact(f), **a)
    return g


def describe_firms(kg: Any, g: FlowNet, ids: set[str]) -> None:
    """Give the firms ``ids`` of a :func:`supply_net` built with ``describe=False`` the attributes it
    left out, as it gives them (nodes not in ``g``, or with attributes already, stay as they are).

    >>> import hykg
    >>> g = supply_net(hykg.load(), describe=False)
    >>> describe_firms(hykg.load(), g, {"ent/hengguang"})
    >>> g.nodes["ent/hengguang"]["label"], g.nodes["ent/hengguang"]["parks"], g.nodes["ent/dianke"]
    ('恒光', ['park/songmu'], {})
    """
    todo = {_node_iri(n): n for n in ids if n in g and not g.nodes[n]}
    if not todo:
        return
    info, ctx = node_info(kg, set(todo)), _firm_context(kg, set(todo))
    for iri, n in todo.items():
        g.nodes[n].update(**info[iri], **ctx[iri])


def _node_iri(node: str) -> str:
    """The IRI of a node id (:func:`compact`'s inverse)."""
    prefix, colon, local = node.partition(":")
    if not colon:
        return vocab.iri_of(node)
    return vocab.PREFIXES[prefix] + local if prefix in vocab.PREFIXES else node


def supply_network(kg: Any, all_firms: bool = False) -> nx.MultiDiGraph:
    """:func:`supply_net` as a networkx ``MultiDiGraph`` (for the analyses and pages that use networkx).

    >>> import hykg
    >>> g = supply_network(hykg.load())
    >>> g.edges["ent/jianheng", "ent/hengguang", "flow/jianheng-hengguang-pac"]["material_label"]
    '聚合氯化铝'
    """
    return supply_net(kg, all_firms).to_networkx()


def park_net(kg: Any) -> FlowNet:
    """Park -> park: stated park resource flows plus firm flows aggregated between parks.

    Queries: ``PARK_FLOW_QUERY`` (stated) and ``SUPPLY_QUERY`` + ``FIRM_CONTEXT_QUERY`` (aggregated:
    a firm flow counts for every pair of different parks its supplier and consumer are in).

    >>> import hykg
    >>> g = park_net(hykg.load())
    >>> sorted(k for _, _, k in g.out_edges("park/shuikoushan", keys=True))
    ['pflow/shuikoushan-songmu-copper', 'pflow/shuikoushan-songmu-gold', 'pflow/shuikoushan-songmu-lead']
    """
    rows = _flow_rows(kg, PARK_FLOW_QUERY)
    parks = {r[k] for r in rows for k in ("supplier", "consumer")}
    info = node_info(kg, parks | {r["material"] for r in rows})
    prov = provenance(kg, {r["flow"] for r in rows}, predicates=_FLOW_PREDICATES)
    g = FlowNet(name="park network", projection="park")
    attrs = _flow_attrs(rows, prov, info, "hykg:ParkResourceFlow")
    _quantities(kg, attrs)
    for r in rows:
        g.add_edge(compact(r["supplier"]), compact(r["consumer"]), key=compact(r["flow"]),
                   aggregated=False, **attrs[r["flow"]])
    firms = supply_net(kg)
    in_park = provenance(kg, {vocab.iri_of(n) for n in firms.nodes}, predicates={vocab.ONT + "inPark"})

    def park_status(firm: str, park: str) -> str:
        e = in_park.get((vocab.iri_of(firm), vocab.ONT + "inPark", vocab.iri_of(park)))
        return e["status"] if e else "unknown"

    agg: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for u, v, k, a in firms.edges(keys=True, data=True):
        for pu in firms.nodes[u]["parks"]:
            for pv in firms.nodes[v]["parks"]:
                if pu != pv:
                    status = weakest([a["status"], park_status(u, pu), park_status(v, pv)])
                    agg[(pu, pv)].append((k, {**a, "status": status}))
    extra = {vocab.iri_of(p) for pair in agg for p in pair} - parks
    info.update(node_info(kg, extra))
    for (pu, pv), items in sorted(agg.items()):
        mats = sorted({a["material"] for _, a in items})
        g.add_edge(pu, pv, key=f"agg/{pu}->{pv}", aggregated=True, count=len(items),
                   flows=sorted(k for k, _ in items), materials=mats,
                   material=mats[0] if len(mats) == 1 else "",
                   material_label="、".join(sorted({a["material_label"] for _, a in items})),
                   material_label_en=", ".join(sorted({a["material_label_en"] for _, a in items})),
                   status=weakest([a["status"] for _, a in items]),
                   sources=sorted({(s["doc"], s["quote"]) for _, a in items for s in a["sources"]}),
                   rationale=sorted({x for _, a in items for x in a["rationale"]}),
                   kind="aggregated firm flows")
    for _, _, a in g.edges(data=True):
        if a["aggregated"]:
            a["sources"] = [{"doc": d, "quote": q} for d, q in a["sources"]]
    for n in list(g.nodes):
        g.nodes[n].update(info[vocab.iri_of(n)])
    return g


def park_network(kg: Any) -> nx.MultiDiGraph:
    """:func:`park_net` as a networkx ``MultiDiGraph``."""
    return park_net(kg).to_networkx()


def membership_graph(kg: Any) -> nx.DiGraph:
    """Chain / segment / park / firm / project / cluster / base membership (query: ``MEMBERSHIP_QUERY``).

    >>> import hykg
    >>> g = membership_graph(hykg.load())
    >>> g.edges["ent/hengguang", "park/songmu"]["property"], g.nodes["park/songmu"]["type"]
    ('hykg:inPark', 'Park')
    """
    import networkx as nx

    rows = kg.select(MEMBERSHIP_QUERY % {"classes": kg.subclasses(*MEMBERSHIP_CLASSES)})
    iris = {r[k] for r in rows for k in ("s", "o")}
    info = node_info(kg, iris)
    names = labels(kg, {_expand(p) for p in MEMBERSHIP_PROPERTIES})
    prov = provenance(kg, {r["s"] for r in rows})
    g = nx.DiGraph(name="membership", projection="membership")
    for iri in sorted(iris):
        g.add_node(compact(iri), **info[iri])
    for r in rows:
        s, p, o = r["s"], r["p"], r["o"]
        u, v = compact(s), compact(o)
        e = prov.get((s, p, o), {"status": "unknown", "sources": [], "rationale": []})
        zh, en = names.get(p, ("", ""))
        if g.has_edge(u, v):
            a = g.edges[u, v]
            a["properties"].append(compact(p))
            a["status"] = weakest([a["status"], e["status"]])
            a["sources"] += [s_ for s_ in e["sources"] if s_ not in a["sources"]]
            continue
        g.add_edge(u, v, property=compact(p), properties=[compact(p)], property_label=zh or compact(p),
                   property_label_en=en or compact(p), status=e["status"], sources=list(e["sources"]),
                   rationale=list(e["rationale"]))
    return g


def ego_graph(kg: Any, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """Every relation between named entities around ``name``, both directions, to ``depth`` steps.

    >>> import hykg
    >>> g = ego_graph(hykg.load(), "恒光")
    >>> g.nodes["ent/hengguang"]["depth"], g.has_edge("ent/hengguang", "park/songmu", key="hykg:inPark")
    (0, True)
    """
    import networkx as nx

    from ..errors import HykgError

    if depth < 0:
        raise HykgError("depth must be at least 0")
    center = kg.resolve(name)
    seen = {center: 0}
    frontier = {center}
    triples: set[tuple[str, str, str]] = set()
    for step in range(1, depth + 1):
        if not frontier:
            break
        vals = sparql_iris(frontier)
        found = kg.select(EGO_OUT_QUERY % vals) + kg.select(EGO_IN_QUERY % vals)
        nxt = set()
        for r in found:
            triples.add((r["s"], r["p"], r["o"]))
            for x in (r["s"], r["o"]):
                if x not in seen:
                    seen[x] = step
                    nxt.add(x)
        frontier = nxt
    info = node_info(kg, set(seen))
    preds = {p for _, p, _ in triples}
    names = labels(kg, preds)
    prov = provenance(kg, {s for s, _, _ in triples})
    g = nx.MultiDiGraph(name=f"ego graph of {compact(center)}", projection="ego", center=compact(center), depth=depth)
    for iri, d in sorted(seen.items()):
        g.add_node(compact(iri), depth=d, **info[iri])
    for s, p, o in sorted(triples):
        e = prov.get((s, p, o), {"status": "unknown", "sources": [], "rationale": []})
        zh, en = names.get(p, ("", ""))
        g.add_edge(compact(s), compact(o), key=compact(p), property=compact(p), property_label=zh or compact(p),
                   property_label_en=en or compact(p), status=e["status"], sources=list(e["sources"]),
                   rationale=list(e["rationale"]))
    return g
