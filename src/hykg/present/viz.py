"""The views of ``hykg viz``: a networkx graph per view (from hykg.query.projections), rendered as an offline page.

Each ``*_graph`` function returns a networkx graph whose ``graph`` attributes carry the title and
how nodes are sized; :func:`view` builds one and renders it with :func:`hykg.present.render.render`.
Material flows (``flow/``, ``pflow/`` entities) are drawn as supplier -> consumer links labelled with
the material, never as nodes.

>>> import hykg
>>> page = view(hykg.load(), "ego", "恒光")
>>> page.nodes >= 5, "</script><img" in page.html
(True, False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import HykgError, QueryRefused, ViewTooLarge
from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .aggregate import MEMBER_TYPES, aggregate, node_type
from .render import DEFAULT_MAX_NODES, DEFAULT_SEED, HARD_MAX_NODES, Page, render

if TYPE_CHECKING:
    import networkx as nx

#: The views ``hykg viz`` offers; ego, chain and park take a NAME, query takes SPARQL text.
VIEWS = ("ego", "chain", "park", "supply", "parks", "all", "overview", "query")
FLOW_TYPES = frozenset({"MaterialFlow", "ParkResourceFlow", "ResourceFlow"})
AREA_TYPES = frozenset({"Park", "IndustrialArea", "Corridor", "CharacteristicTown"})

#: Links between the same or close chains in different schemes (followed by the chain view).
MATCH_PROPERTIES = frozenset({"skos:exactMatch", "skos:closeMatch", "skos:broader", "skos:narrower", "hykg:possiblySameAs"})
#: Every relation between two named entities (entities carry hykg:enKind): the ``all`` view.
ENTITY_RELATIONS_QUERY = "SELECT ?s ?p ?o WHERE { ?s hykg:enKind ?k1 . ?s ?p ?o . ?o hykg:enKind ?k2 }"
#: Chains each entity of a view is on; %s is a VALUES list.
ON_CHAIN_QUERY = "SELECT ?x ?c WHERE { VALUES ?x { %s } ?x hykg:onChain ?c } ORDER BY ?x ?c"
_MEMBERS = ("入驻企业和项目数", "hosted firms and projects")


def _iri(node: str) -> str:
    return node if "://" in node else vocab.iri_of(node)


def _values(nodes: Any) -> str:
    return sparql_iris({_iri(str(n)) for n in nodes})


def _titled(g: nx.Graph, zh: str, en: str, sub_zh: str = "", sub_en: str = "") -> nx.Graph:
    g.graph.update(title=(zh, en), subtitle=(sub_zh, sub_en))
    return g


# ------------------------------------------------------------------------------ shared steps
def _flow_graph(kg: Any) -> nx.MultiDiGraph:
    """Firm and park flows together (stated ones only), keyed by flow id."""
    from ..query import projections as project

    g = project.supply_network(kg)
    parks = project.park_network(kg)
    for n, a in parks.nodes(data=True):
        g.add_node(n, **a)
    for u, v, k, a in parks.edges(keys=True, data=True):
        if not a.get("aggregated"):
            g.add_edge(u, v, key=k, **a)
    return g


def fold_flows(g: nx.MultiDiGraph, flows: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Replace each flow node of ``g`` by a supplier -> consumer edge (adding a missing party)."""
    index = {k: (u, v, a) for u, v, k, a in flows.edges(keys=True, data=True)}
    for n in [n for n, a in g.nodes(data=True) if node_type(a) in FLOW_TYPES]:
        g.remove_node(n)
        if n not in index:
            continue
        u, v, a = index[n]
        for party in (u, v):
            if party not in g:
                g.add_node(party, **{k: x for k, x in flows.nodes[party].items() if k != "depth"})
        g.add_edge(u, v, key=n, **a)
    return g


def add_flows_touching(g: nx.MultiDiGraph, flows: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Add every flow with a supplier or consumer already in ``g`` (and its other party)."""
    inside = set(g.nodes)
    for u, v, k, a in flows.edges(keys=True, data=True):
        if (u in inside or v in inside) and not g.has_edge(u, v, key=k):
            for party in (u, v):
                if party not in g:
                    g.add_node(party, **flows.nodes[party])
            g.add_edge(u, v, key=k, **a)
    return g


def annotate_chains(kg: Any, g: nx.Graph) -> nx.Graph:
    """Set each node's ``chains`` (chain ids it is on) and ``g.graph["chain_names"]`` for the filter."""
    from ..query.names import compact
    from ..query.projections import node_info

    on: dict[str, list[str]] = {str(n): [] for n in g.nodes}
    ids = [n for n in on if n.split("/", 1)[0] in vocab.ID_PREFIXES or n.startswith(vocab.ID)]
    if ids:
        for row in kg.select(ON_CHAIN_QUERY % _values(ids)):
            node = compact(row["x"])
            on.setdefault(node, []).append(compact(row["c"]))
    for n in g.nodes:
        g.nodes[n]["chains"] = sorted(set(on.get(str(n), [])))
    chains = {c for cs in on.values() for c in cs}
    info = node_info(kg, {_iri(c) for c in chains})
    g.graph["chain_names"] = {c: (info[_iri(c)]["label"], info[_iri(c)]["label_en"]) for c in chains}
    return g


def _count_members(kg: Any, g: nx.Graph) -> None:
    """``members``: firms and projects in each area of ``g`` (hykg:inPark, from the membership graph)."""
    from ..query.projections import membership_graph

    m = membership_graph(kg)
    for n in g.nodes:
        count = 0
        if n in m:
            for u, _, a in m.in_edges(n, data=True):
                if "hykg:inPark" in a.get("properties", [a.get("property")]) and node_type(m.nodes[u]) in MEMBER_TYPES:
                    count += 1
        g.nodes[n]["members"] = count


# ------------------------------------------------------------------------------ views
def ego_graph(kg: Any, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """Every relation around ``name`` to ``depth`` steps, flows drawn as links.

    >>> import hykg
    >>> g = ego_graph(hykg.load(), "恒光")
    >>> g.has_edge("ent/kingboard", "ent/hengguang"), any(n.startswith("flow/") for n in g)
    (True, False)
    """
    from ..query.projections import ego_graph as project_ego

    g = fold_flows(project_ego(kg, name, depth), _flow_graph(kg))
    center = g.graph["center"]
    a = g.nodes[center]
    return _titled(g, f"{a['label']} 的关系（{depth} 层）", f"Relations of {a['label_en']} (depth {depth})",
                   center, center)


def chain_graph(kg: Any, name: str) -> nx.MultiDiGraph:
    """A chain's panorama: its direct relations (members, offices, targets, schemes) and those of the
    same or close chains in other schemes (``skos:exactMatch``, ``closeMatch`` ...), the parks of the
    member firms and projects, and the material flows of the member firms."""
    from ..query.names import compact
    from ..query.projections import ego_graph as project_ego
    from ..query.projections import membership_graph

    cid = compact(kg.resolve(name, ("IndustrialChain", "IndustrialCluster")))
    flows = _flow_graph(kg)
    g = project_ego(kg, cid, 1)
    same = sorted({v if u == cid else u for u, v, k in g.edges(keys=True) if k in MATCH_PROPERTIES and cid in (u, v)})
    for other in same:  # the same chain in other schemes, and close clusters: their members too
        h = project_ego(kg, other, 1)
        for n, a in h.nodes(data=True):
            if n not in g:
                g.add_node(n, **{**a, "depth": 1})
        for u, v, k, a in h.edges(keys=True, data=True):
            if not g.has_edge(u, v, key=k):
                g.add_edge(u, v, key=k, **a)
    g = fold_flows(g, flows)
    m = membership_graph(kg)
    for n in [n for n, a in g.nodes(data=True) if node_type(a) in MEMBER_TYPES and n in m]:
        for _, park, a in m.out_edges(n, data=True):
            if a.get("property") == "hykg:inPark" or "hykg:inPark" in a.get("properties", []):
                if park not in g:
                    g.add_node(park, **m.nodes[park])
                if not g.has_edge(n, park, key="hykg:inPark"):
                    g.add_edge(n, park, key="hykg:inPark", **{k: a[k] for k in a if k != "properties"})
    _add_members(g, kg, cid)
    g = add_flows_touching(g, flows) if any(node_type(a) == "Enterprise" for _, a in g.nodes(data=True)) else g
    a = g.nodes[cid]
    return _titled(g, f"产业链全景：{a['label']}", f"Chain panorama: {a['label_en']}", cid, cid)


def _add_members(g: nx.MultiDiGraph, kg: Any, cid: str) -> None:
    """Put every member of :func:`hykg.query.chains.chain_members` in the panorama, marked ``member_basis``,
    linked to what it is on the chain through (the chain, a base / cluster / town, or a matching chain)."""
    if g.nodes[cid].get("type") != "IndustrialChain":
        return
    from ..query.chains import KINDS

    m = kg.chain_members(cid)
    for kind in KINDS:
        for i in m[kind]:
            if i["id"] not in g:
                g.add_node(i["id"], label=i["label"], label_en=i["label_en"], type=i["type"], depth=1)
            g.nodes[i["id"]]["member_basis"] = i["basis"]
            to = i["via"] if i["via"] and i["via"] in g else cid
            if not (g.has_edge(i["id"], to) or g.has_edge(to, i["id"])):
                g.add_edge(i["id"], to, key="hykg:onChain", property="hykg:onChain", property_label="所属产业链",
                           property_label_en="on chain", status=i["status"], sources=i["sources"],
                           rationale=i["rationale"] or [f"basis: {i['basis']}" + (f" via {i['via']}" if i["via"] else "")])


def park_graph(kg: Any, name: str) -> nx.MultiDiGraph:
    """A park: what it hosts and relates to, the material flows of its firms (its symbiosis) and
    the resources it exchanges with other parks."""
    from ..query.names import compact
    from ..query.projections import ego_graph as project_ego

    pid = compact(kg.resolve(name, ("IndustrialArea",)))
    flows = _flow_graph(kg)
    g = fold_flows(project_ego(kg, pid, 1), flows)
    g = add_flows_touching(g, flows)
    a = g.nodes[pid]
    return _titled(g, f"园区：{a['label']}", f"Park: {a['label_en']}", pid, pid)


def supply_graph(kg: Any) -> nx.MultiDiGraph:
    """Firm -> firm material flows (``hykg.query.projections.supply_network``), parks in the tooltips."""
    from ..query.projections import node_info, supply_network

    g = supply_network(kg)
    parks = {p for _, a in g.nodes(data=True) for p in a.get("parks", [])}
    info = node_info(kg, {_iri(p) for p in parks})
    for _, a in g.nodes(data=True):
        names = [f"{info[_iri(p)]['label']} / {info[_iri(p)]['label_en']}" for p in a.get("parks", [])]
        a["details"] = [f"园区 park: {', '.join(names)}"] if names else []
    return _titled(g, "企业间物料供应网络", "Supply network between firms",
                   f"{g.number_of_edges()} 条物料流", f"{g.number_of_edges()} material flows")


def parks_graph(kg: Any) -> nx.MultiDiGraph:
    """Parks and areas: resource flows between parks (stated, and firm flows aggregated), part-of
    links between areas, and every park even without links; size = hosted firms and projects."""
    from ..query.projections import membership_graph, park_network

    g: nx.MultiDiGraph = park_network(kg)
    m = membership_graph(kg)
    for u, v, a in m.edges(data=True):
        if node_type(m.nodes[u]) in AREA_TYPES and node_type(m.nodes[v]) in AREA_TYPES:
            for n in (u, v):
                if n not in g:
                    g.add_node(n, **m.nodes[n])
            g.add_edge(u, v, key=a["property"], **{k: a[k] for k in a if k != "properties"})
    for n, a in m.nodes(data=True):
        if node_type(a) in {"Park", "Corridor"} and n not in g:
            g.add_node(n, **a)
    _count_members(kg, g)
    g.graph["size_by"] = "members"
    g.graph["size_label"] = _MEMBERS
    for _, a in g.nodes(data=True):
        a["details"] = [f"入驻企业和项目 hosted firms and projects: {a['members']}"]
    return _titled(g, "园区之间的资源与隶属关系", "Parks: resource flows and part-of links")


def all_graph(kg: Any) -> nx.MultiDiGraph:
    """Every named entity and every relation between two of them; flows drawn as links."""
    import networkx as nx

    from ..query.names import compact, labels
    from ..query.projections import node_info
    from ..query.provenance import provenance

    rows = kg.select(ENTITY_RELATIONS_QUERY)
    everyone = {r["e"] for r in kg.select("SELECT ?e WHERE { ?e hykg:enKind ?k }")}
    info = node_info(kg, everyone)
    names = labels(kg, {r["p"] for r in rows})
    prov = provenance(kg, {r["s"] for r in rows})
    g = nx.MultiDiGraph(name="all", projection="all")
    for iri in sorted(everyone):
        g.add_node(compact(iri), **info[iri])
    none = {"status": "unknown", "sources": [], "rationale": []}
    for r in sorted(rows, key=lambda r: (r["s"], r["p"], r["o"])):
        s, p, o = r["s"], r["p"], r["o"]
        e = prov.get((s, p, o), none)
        zh, en = names.get(p, ("", ""))
        g.add_edge(compact(s), compact(o), key=compact(p), property=compact(p), property_label=zh or compact(p),
                   property_label_en=en or compact(p), status=e["status"], sources=list(e["sources"]),
                   rationale=list(e["rationale"]))
    g = fold_flows(g, _flow_graph(kg))
    return _titled(g, "衡阳产业知识图谱：全部实体", "Hengyang industrial knowledge graph: every entity")


def query_graph(kg: Any, sparql: str) -> nx.MultiDiGraph:
    """The triples of a CONSTRUCT (or DESCRIBE) query as a graph: IRIs become nodes (labelled and
    typed from the knowledge graph), ``rdf:type`` sets a node's type, other literals become tooltip
    lines; each link carries its statement's status and sources, or ``unknown`` when the graph
    holds no such statement (the query built it)."""
    import networkx as nx

    from ..query.names import compact, labels
    from ..query.projections import node_info
    from ..query.provenance import provenance
    from ..stores.base import Triples, lean

    result = kg.query(sparql)
    if not isinstance(result, Triples):
        raise QueryRefused("viz --query needs a CONSTRUCT or DESCRIBE query (a SELECT or ASK has no graph to draw)")
    typ = vocab.RDF + "type"
    skip = {vocab.RDFS + "label", vocab.SKOS + "prefLabel", vocab.SKOS + "altLabel"}
    iris = {t["value"] for tr in result.triples for t in (tr[0], tr[2]) if t["type"] == "uri"}
    iris |= {tr[0]["value"] for tr in result.triples if tr[0]["type"] == "bnode"}
    info = node_info(kg, {i for i in iris if "://" in i})
    preds = {tr[1]["value"] for tr in result.triples}
    names = labels(kg, preds)
    prov = provenance(kg, {tr[0]["value"] for tr in result.triples if tr[0]["type"] == "uri"})
    g = nx.MultiDiGraph(name="query", projection="query")

    def node(term: dict[str, str]) -> str:
        key = compact(term["value"]) if term["type"] == "uri" else "_:" + term["value"]
        if key not in g:
            g.add_node(key, details=[], **info.get(term["value"], {"label": key, "label_en": key, "type": "Thing"}))
        return key

    none = {"status": "unknown", "sources": [], "rationale": []}
    for s, p, o in sorted(result.triples, key=lambda t: tuple((x["type"], x["value"], x.get("xml:lang", ""), x.get("datatype", "")) for x in t)):
        u = node(s)
        pl = names.get(p["value"], ("", ""))
        if o["type"] in ("uri", "bnode") and p["value"] != typ:
            v = node(o)
            e = prov.get((s["value"], p["value"], lean(o)), none)
            g.add_edge(u, v, key=compact(p["value"]), property=compact(p["value"]),
                       property_label=pl[0] or compact(p["value"]), property_label_en=pl[1] or compact(p["value"]),
                       status=e["status"], sources=list(e["sources"]), rationale=list(e["rationale"]))
        elif p["value"] == typ and o["value"].startswith(vocab.ONT):
            g.nodes[u]["type"] = o["value"][len(vocab.ONT):]
        elif p["value"] not in skip and p["value"] != typ:
            g.nodes[u]["details"].append(f"{pl[0] or compact(p['value'])}: {o['value'][:200]}")
    if not result.triples:
        g.graph["notes"] = ("查询没有返回三元组：没有可画的内容。", "The query returned no triples: nothing to draw.")
    return _titled(g, "SPARQL 查询结果图", "SPARQL query graph",
                   f"{len(result.triples)} 个三元组", f"{len(result.triples)} triples")


# ------------------------------------------------------------------------------ entry point
def graph_for(kg: Any, kind: str, name: str | None = None, *, depth: int = 1, query: str | None = None,
              link: str | None = None) -> nx.MultiDiGraph:
    """The networkx graph of a view (see :data:`VIEWS`); ``link`` the overview's node page pattern."""
    if kind not in VIEWS:
        raise HykgError(f"unknown view {kind!r}; views: {', '.join(VIEWS)}")
    if kind in ("ego", "chain", "park") and not name:
        raise HykgError(f"the {kind} view needs a NAME")
    if kind == "ego":
        return ego_graph(kg, str(name), depth)
    if kind == "chain":
        return chain_graph(kg, str(name))
    if kind == "park":
        return park_graph(kg, str(name))
    if kind == "supply":
        return supply_graph(kg)
    if kind == "parks":
        return parks_graph(kg)
    if kind == "all":
        return all_graph(kg)
    if kind == "overview":
        from .overview import overview_graph

        return overview_graph(kg, link)
    if not query:
        raise HykgError("the query view needs a SPARQL CONSTRUCT query")
    return query_graph(kg, query)


def view(kg: Any, kind: str, name: str | None = None, *, depth: int = 1, query: str | None = None,
         lang: str = "zh", max_nodes: int = DEFAULT_MAX_NODES, seed: int = DEFAULT_SEED, link: str | None = None) -> Page:
    """Build a view and render it as one self-contained page (save it, or display it in Jupyter).

    Above ``max_nodes`` nodes the ``all`` view draws firms and projects inside their parks or chains;
    other views (and an ``all`` view still too large) raise :class:`hykg.present.render.ViewTooLarge`.

    >>> import hykg
    >>> kg = hykg.load()
    >>> p = view(kg, "supply", lang="en")
    >>> p.view, p.nodes == supply_graph(kg).number_of_nodes(), p.title
    ('supply', True, 'Supply network between firms')
    """
    if max_nodes < 1:
        raise HykgError("max_nodes must be at least 1")
    g = graph_for(kg, kind, name, depth=depth, query=query, link=link)
    notes: list[str] = []
    if "notes" in g.graph:
        notes.append(g.graph["notes"][0 if lang == "zh" else 1])
    limit = min(max_nodes, HARD_MAX_NODES)
    if kind == "all" and g.number_of_nodes() > limit:
        before = g.number_of_nodes()
        g, merged = aggregate(g, limit)
        if g.number_of_nodes() > limit:
            raise ViewTooLarge(f"the all view has {before} nodes ({g.number_of_nodes()} after drawing firms and "
                               "projects inside their parks or chains and single-link nodes inside their neighbour), "
                               f"above the limit of {limit}: use a chain, park, supply or parks view, or raise --max-nodes")
        notes.append(
            f"{before} 个节点超过上限 {limit}：{merged} 个节点（企业和项目归入所在园区或产业链，单连线节点归入其邻居）"
            "画在其他节点之内，(+N) 表示内含数量，悬停可见明细。"
            if lang == "zh" else
            f"{before} nodes exceed the limit of {limit}: {merged} are drawn inside others (firms and projects in "
            "their park or chain, single-link nodes in their neighbour); (+N) says how many, hover for details.")
    if g.number_of_nodes() <= limit:  # else render refuses it
        annotate_chains(kg, g)
    zh, en = g.graph.get("title", ("", ""))
    sub_zh, sub_en = g.graph.get("subtitle", ("", ""))
    names = g.graph.get("chain_names", {})
    return render(g, zh if lang == "zh" else en, lang=lang, subtitle=sub_zh if lang == "zh" else sub_en,
                  view=kind, notes=notes, size_by=g.graph.get("size_by"), size_label=g.graph.get("size_label"),
                  chain_names=names, seed=seed, max_nodes=max_nodes)
