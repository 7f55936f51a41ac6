"""Supply risk: firms and parks whose removal cuts flows, single-supplier dependencies, betweenness."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ._common import node_ref

if TYPE_CHECKING:
    import networkx as nx

#: Exact betweenness up to this many nodes; above it, sampled with ``k`` pivots (fixed seed).
EXACT_BETWEENNESS_LIMIT = 5000
#: Pivots for sampled betweenness (Brandes & Pich 2007): PIVOT_BUDGET / flows, between 8 and 64
#: (13 pivots for 300k flows), so that sampling stays within seconds on a 2-core machine.
PIVOT_BUDGET = 4_000_000
MIN_PIVOTS, MAX_PIVOTS = 8, 64
_ROOT = ("__supply_root__",)


def _light(g: nx.Graph, directed: bool = True) -> nx.Graph:
    """The bare structure of ``g`` (no attributes, no parallel edges, no self-loops): cheap to copy."""
    import networkx as nx

    h = nx.DiGraph() if directed else nx.Graph()
    h.add_nodes_from(g.nodes)
    h.add_edges_from((u, v) for u, v in g.edges() if u != v)
    return h


def cut_points(g: nx.Graph) -> list[dict[str, Any]]:
    """Articulation points of the network (direction ignored): removing one splits its component.

    Each item gives the node, the number of ``pieces`` left, their sizes, and ``cut_off``: how many
    nodes end up outside the largest piece. Linear time (biconnected components, block-cut tree).

    >>> import networkx as nx
    >>> [(c["node"], c["pieces"], c["cut_off"]) for c in cut_points(nx.DiGraph([("k", "h"), ("j", "h"), ("h", "j"), ("h", "d")]))]
    [('h', 3, 2)]
    """
    import networkx as nx

    und = _light(g, directed=False)
    blocks = list(nx.biconnected_components(und))
    seen_in: dict[Any, int] = defaultdict(int)
    for b in blocks:
        for v in b:
            seen_in[v] += 1
    arts = {v for v, k in seen_in.items() if k > 1}
    if not arts:
        return []
    tree: dict[Any, list[Any]] = defaultdict(list)
    weight: dict[Any, int] = {("C", v): 1 for v in arts}
    for i, b in enumerate(blocks):
        weight[("B", i)] = sum(1 for v in b if v not in arts)
        for v in (b & arts if len(b) > len(arts) else [v for v in b if v in arts]):
            tree[("B", i)].append(("C", v))
            tree[("C", v)].append(("B", i))
    parent: dict[Any, Any] = {}
    size = dict(weight)
    out = []
    for start in sorted(arts, key=str):
        root = ("C", start)
        if root in parent:
            continue
        parent[root] = None
        order, stack = [], [root]
        while stack:
            x = stack.pop()
            order.append(x)
            for y in tree[x]:
                if y not in parent:
                    parent[y] = x
                    stack.append(y)
        for x in reversed(order):
            if parent[x] is not None:
                size[parent[x]] += size[x]
        total = size[root]
        for c in order:
            if c[0] != "C":
                continue
            pieces = [size[y] for y in tree[c] if parent.get(y) == c]
            if parent[c] is not None:
                pieces.append(total - size[c])
            pieces.sort(reverse=True)
            out.append({"node": c[1], "pieces": len(pieces), "sizes": pieces, "cut_off": sum(pieces[1:])})
    return sorted(out, key=lambda c: (-c["cut_off"], -c["pieces"], str(c["node"])))


def dominators(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Nodes that every supply path to other nodes passes through (dominators from the supply sources).

    The sources are the nodes of the strongly connected components that nothing feeds; a virtual root
    feeds them. A node dominates another when every path from the root to it passes through the node:
    removing it cuts the other off from all its supplies. Items: node, ``dominated`` (ids) and ``count``.

    >>> import networkx as nx
    >>> [(d["node"], d["dominated"]) for d in dominators(nx.DiGraph([("k", "h"), ("j", "h"), ("h", "j"), ("h", "d")]))]
    [('k', ['d', 'h', 'j']), ('h', ['d', 'j'])]
    """
    import networkx as nx

    simple = _light(g)
    if simple.number_of_nodes() == 0:
        return []
    comp_of: dict[Any, int] = {}
    for i, comp in enumerate(nx.strongly_connected_components(simple)):
        for n in comp:
            comp_of[n] = i
    fed = {comp_of[v] for u, v in simple.edges if comp_of[u] != comp_of[v]}
    sources = [n for n, c in comp_of.items() if c not in fed]
    simple.add_node(_ROOT)
    simple.add_edges_from((_ROOT, n) for n in sources)
    idom = nx.immediate_dominators(simple, _ROOT)
    children: dict[Any, list[Any]] = defaultdict(list)
    for n, d in idom.items():
        if n != d:
            children[d].append(n)
    out = []
    for n in simple.nodes:
        if n == _ROOT or not children.get(n):
            continue
        dominated, stack = [], list(children[n])
        while stack:
            x = stack.pop()
            dominated.append(x)
            stack.extend(children.get(x, []))
        out.append({"node": n, "dominated": sorted(dominated, key=str), "count": len(dominated)})
    return sorted(out, key=lambda d: (-d["count"], str(d["node"])))


def single_suppliers(g: nx.MultiDiGraph, statuses: tuple[str, ...] = ("documented", "editorial")) -> list[dict[str, Any]]:
    """(consumer, material) pairs with exactly one supplier among the flows of the given statuses.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "c", material="acid", status="documented")
    >>> _ = g.add_edge("b", "c", material="acid", status="documented")
    >>> _ = g.add_edge("a", "c", material="salt", status="documented")
    >>> [(s["consumer"], s["material"], s["supplier"]) for s in single_suppliers(g)]
    [('c', 'salt', 'a')]
    """
    by: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for u, v, k, d in g.edges(keys=True, data=True):
        if d.get("status") in statuses and "material" in d:
            by[(v, d["material"])][u].append(k)
    out = []
    for (v, m), sups in sorted(by.items()):
        if len(sups) == 1:
            (u, keys), = sups.items()
            out.append({"consumer": v, "material": m, "supplier": u, "flows": sorted(keys)})
    return out


def betweenness(g: nx.DiGraph, top: int = 10, samples: int | None = None, seed: int = 0) -> tuple[list[tuple[Any, float]], str]:
    """Top nodes by (normalised, directed) betweenness centrality, and how it was computed.

    Exact for up to ``EXACT_BETWEENNESS_LIMIT`` nodes; above, sampled with ``samples`` pivots (default
    ``PIVOT_BUDGET`` / edges, between 8 and 64) and a fixed seed: an estimate, reported as such.

    >>> import networkx as nx
    >>> betweenness(nx.DiGraph([("a", "b"), ("b", "c")]))
    ([('b', 0.5)], 'exact')
    """
    import networkx as nx

    simple = _light(g)
    n = simple.number_of_nodes()
    k = None
    method = "exact"
    if samples is not None or n > EXACT_BETWEENNESS_LIMIT:
        auto = max(MIN_PIVOTS, min(MAX_PIVOTS, PIVOT_BUDGET // max(simple.number_of_edges(), 1)))
        k = min(n, samples or auto)
        method = f"sampled ({k} pivots, seed {seed})"
    bc = nx.betweenness_centrality(simple, k=k, seed=seed if k else None, normalized=True)
    ranked = sorted(((x, round(v, 12)) for x, v in bc.items() if v > 0), key=lambda t: (-t[1], str(t[0])))
    return ranked[:top], method


def risk_report(g: nx.MultiDiGraph, top: int = 10, samples: int | None = None, seed: int = 0) -> dict[str, Any]:
    """All risk figures of one network, with node references (labels from the node attributes).

    >>> import networkx as nx
    >>> r = risk_report(nx.MultiDiGraph([("k", "h"), ("h", "d")]))
    >>> [c["node"]["id"] for c in r["cut_points"]], [d["node"]["id"] for d in r["dominators"]]
    (['h'], ['k', 'h'])
    """
    bc, method = betweenness(g, top, samples, seed)
    return {
        "nodes": g.number_of_nodes(),
        "flows": g.number_of_edges(),
        "cut_points": [{**c, "node": node_ref(g, c["node"])} for c in cut_points(g)],
        "dominators": [{"node": node_ref(g, d["node"]), "count": d["count"],
                        "dominated": [node_ref(g, x) for x in d["dominated"]]} for d in dominators(g)],
        "single_suppliers": [{**s, "consumer": node_ref(g, s["consumer"]), "supplier": node_ref(g, s["supplier"]),
                              "material": _material_ref(g, s)} for s in single_suppliers(g)],
        "betweenness": [{"node": node_ref(g, x), "value": v} for x, v in bc],
        "betweenness_method": method,
    }


def _material_ref(g: nx.MultiDiGraph, s: dict[str, Any]) -> dict[str, str]:
    d = g[s["supplier"]][s["consumer"]][s["flows"][0]]
    return {"id": s["material"], "label": d.get("material_label", s["material"]),
            "label_en": d.get("material_label_en", s["material"])}


def risk(kg: Any, top: int = 10) -> dict[str, Any]:
    """Risk figures of the supply network (firms) and the park network, with alternative local makers
    for each single-supplier dependency (from what the graph says firms and parks make).

    >>> import hykg
    >>> r = risk(hykg.load())
    >>> [(d["node"]["label"], d["count"]) for d in r["supply"]["dominators"]]
    [('建滔', 3), ('恒光', 2)]
    """
    from ..query.projections import park_network, supply_network
    from .supply import _facts

    supply_g, park_g = supply_network(kg), park_network(kg)
    supply = risk_report(supply_g, top)
    parks = risk_report(park_g, top)
    open_flows = _open_flows(kg)
    for report, g in ((supply, supply_g), (parks, park_g)):
        _mark_open(report, g, open_flows)
    makers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in _facts(kg)["makes"]:
        makers[f["o"]].append(f)
    labels = _labels(kg, {f["s"] for fs in makers.values() for f in fs})
    for report in (supply, parks):
        for s in report["single_suppliers"]:
            s["alternatives"] = [{"entity": {"id": f["s"], **labels.get(f["s"], {"label": f["s"], "label_en": f["s"]})},
                                  "status": f["status"], "sources": f["sources"], "rationale": f["rationale"]}
                                 for f in makers.get(s["material"]["id"], []) if f["s"] != s["supplier"]["id"]]
    from .readings import risk_readings

    out = {"supply": supply, "park": parks,
           "notes": ["single suppliers count documented and editorial flows; alternatives are other firms or parks "
                      "the graph says make the material (not known to supply this consumer)",
                      "open_list: the flow is taken from a list the source leaves open (等 / 如): the finding holds "
                      "as far as the sources list (就来源所列), not as a complete account"]}
    risk_readings(out)  # cut points and dominators in plain words (zh, en)
    return out


#: Flows with a statement taken from an open list (hykg:openList, set by the build).
OPEN_FLOWS_QUERY = """SELECT DISTINCT ?f WHERE { ?st rdf:subject ?f ; hykg:openList ?w . ?f a ?t .
  VALUES ?t { %s } }"""


def _open_flows(kg: Any) -> set[str]:
    from ..query.names import compact

    return {compact(r["f"]) for r in kg.select(OPEN_FLOWS_QUERY % kg.subclasses("hykg:ResourceFlow"))}


def _mark_open(report: dict[str, Any], g: nx.MultiDiGraph, open_flows: set[str]) -> None:
    """Set ``open_list`` on each finding that rests on a flow taken from an open list (等 / 如): single
    suppliers whose flow is open, cut points and dominators with an open flow in or out."""
    def is_open(key: Any) -> bool:
        return str(key) in open_flows or any(str(k) in open_flows for k in (key if isinstance(key, (list, tuple)) else []))

    touching: dict[str, bool] = defaultdict(bool)
    for u, v, k in g.edges(keys=True):
        if is_open(k):
            touching[str(u)] = touching[str(v)] = True
    for s in report["single_suppliers"]:
        s["open_list"] = any(is_open(k) for k in s["flows"])
    for key in ("cut_points", "dominators"):
        for c in report[key]:
            c["open_list"] = touching[c["node"]["id"]]


def _labels(kg: Any, ids: set[str]) -> dict[str, dict[str, str]]:
    from ..query.names import compact
    from ..query.projections import node_info
    from ._common import iri

    return {compact(k): {"label": v["label"], "label_en": v["label_en"]} for k, v in node_info(kg, {iri(i) for i in ids}).items()}
