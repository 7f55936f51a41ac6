"""Who feeds whom, further: upstream / downstream closure, material paths, inferred "could supply" links."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar, Union

from ..errors import HykgError
from ..query.names import compact
from ..query.provenance import rank, weakest
from ._common import check_depth, flow_item, network, node_ref, resolve_party

if TYPE_CHECKING:
    import networkx as nx

    from ..query.flownet import FlowNet

#: What the walks read: a FlowNet or a networkx directed graph (``in``, ``successors``, ``predecessors``).
Network = Union["FlowNet", "nx.DiGraph"]
N = TypeVar("N", "FlowNet", "nx.MultiDiGraph")

#: Facts the "could supply" inference reads: who makes / uses which product, and product inputs.
#: Each row is one asserted triple; provenance comes from its statement node.
FACTS_QUERY = """SELECT ?s ?p ?o WHERE {
  VALUES ?p { hykg:makes hykg:uses hykg:hasInput }
  ?s ?p ?o .
} ORDER BY ?p ?s ?o"""


# ---------------------------------------------------------------------- closure
def _distances(step: Callable[[str], Iterable[str]], node: str, cutoff: int | None = None) -> dict[str, int]:
    """Breadth-first distances from ``node`` following ``step`` (successors or predecessors), to ``cutoff``."""
    dist = {node: 0}
    frontier = [node]
    d = 0
    while frontier and (cutoff is None or d < cutoff):
        d += 1
        nxt = []
        for n in frontier:
            for m in step(n):
                if m not in dist:
                    dist[m] = d
                    nxt.append(m)
        frontier = nxt
    return dist


def closure(g: Network, node: str, direction: str = "upstream", depth: int | None = None) -> dict[str, int]:
    """Nodes that feed ``node`` (upstream) or that it feeds (downstream), each with its distance in steps.

    ``depth=None`` follows the flows to any depth. The node itself is not included. ``g`` is a
    :class:`~hykg.query.flownet.FlowNet` or a networkx directed graph.

    >>> import networkx as nx
    >>> g = nx.DiGraph([("ore", "smelter"), ("smelter", "foil"), ("foil", "laminate")])
    >>> closure(g, "laminate")
    {'foil': 1, 'smelter': 2, 'ore': 3}
    >>> closure(g, "smelter", "downstream", depth=1)
    {'foil': 1}
    """
    if direction not in ("upstream", "downstream"):
        raise HykgError("direction must be upstream or downstream")
    check_depth(depth)
    dist = _distances(g.predecessors if direction == "upstream" else g.successors, node, depth)
    return {n: d for n, d in sorted(dist.items(), key=lambda x: (x[1], x[0])) if n != node}


def closure_report(kg: Any, name: str, direction: str = "upstream", depth: int | None = None) -> dict[str, Any]:
    """The upstream / downstream closure of a firm (supply network) or park (park network), as JSON.

    >>> import hykg
    >>> r = closure_report(hykg.load(), "建滔", "downstream")
    >>> [(m["entity"]["label"], m["distance"]) for m in r["members"]]
    [('恒光', 1), ('电科', 2), ('建衡', 2)]
    """
    node, kind = resolve_party(kg, name)
    g = _net(kg, kind)
    dist = closure(g, node, direction, depth)
    if kind == "firm":
        from ..query.projections import describe_firms

        describe_firms(kg, g, {node, *dist})  # (the firms named below: themselves and those they come via)
    members = []
    for n, d in dist.items():
        near = [p for p in g.predecessors(n)] if direction == "downstream" else [s for s in g.successors(n)]
        via = sorted({p for p in near if dist.get(p) == d - 1 or (d == 1 and p == node)})
        members.append({"entity": node_ref(g, n), "distance": d, "via": [node_ref(g, p) for p in via]})
    return {"entity": node_ref(g, node), "kind": kind, "direction": direction, "depth": depth, "members": members}


# ---------------------------------------------------------------------- paths
def material_paths(g: Network, source: str, target: str, max_length: int = 6,
                   limit: int = 20) -> list[list[str]]:
    """Simple paths of flows from ``source`` to ``target``, shortest first (at most ``limit``).

    Paths of one length come in the order of their node ids. Each length is searched depth first,
    pruned by the distance left to ``target``, so only nodes that can still reach it are walked.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "a")])
    >>> material_paths(g, "a", "c")
    [['a', 'c'], ['a', 'b', 'c']]
    """
    if max_length < 1 or limit < 1:
        raise HykgError("max_length and limit must be at least 1")
    if source not in g or target not in g or source == target:
        return []
    to_target = _distances(g.predecessors, target, max_length)
    if source not in to_target:
        return []
    nexts = {n: sorted(m for m in g.successors(n) if m in to_target) for n in to_target}
    out: list[list[str]] = []

    def walk(path: list[str], left: int) -> None:
        here = path[-1]
        if here == target:
            if left == 0:
                out.append(list(path))
            return
        for m in nexts[here]:
            if len(out) >= limit:
                return
            if to_target[m] <= left - 1 and m not in path:
                path.append(m)
                walk(path, left - 1)
                path.pop()

    for length in range(to_target[source], max_length + 1):
        walk([source], length)
        if len(out) >= limit:
            break
    return out


def _net(kg: Any, kind: str) -> Any:
    """:func:`hykg.analysis._common.network`, the supply network with its firms not yet described
    (:func:`hykg.query.projections.describe_firms` adds what the answer shows)."""
    if kind != "firm":
        return network(kg, kind)
    from ..query.projections import supply_net

    return supply_net(kg, all_firms=True, describe=False)


def paths(kg: Any, a: str, b: str, max_length: int = 6, limit: int = 20, inferred: bool = False) -> dict[str, Any]:
    """Material paths between two firms (supply network) or two parks (park network), with each step's flows.

    ``inferred=True`` also walks inferred "could supply" links (their steps say status "inferred").

    >>> import hykg
    >>> r = paths(hykg.load(), "建滔", "电科")
    >>> [s["label"] for s in r["paths"][0]["nodes"]]
    ['建滔', '恒光', '电科']
    """
    src, kind_a = resolve_party(kg, a)
    dst, kind_b = resolve_party(kg, b)
    if kind_a != kind_b:
        raise HykgError(f"give two firms or two parks: {src} is a {kind_a}, {dst} is a {kind_b}")
    g = _net(kg, kind_a)
    if inferred and kind_a == "firm":
        add_inferred_edges(g, could_supply(kg, net=g)["links"])  # the network at hand: built once
    walked = material_paths(g, src, dst, max_length, limit)
    if kind_a == "firm":
        from ..query.projections import describe_firms

        describe_firms(kg, g, {src, dst, *(n for p in walked for n in p)})  # (the firms named below)
    found = []
    for p in walked:
        steps = []
        for u, v in zip(p, p[1:], strict=False):
            flows = [flow_item(u, v, k, d, g) for k, d in sorted(g[u][v].items())]
            steps.append({"from": node_ref(g, u), "to": node_ref(g, v), "flows": flows})
        found.append({"length": len(p) - 1, "nodes": [node_ref(g, n) for n in p], "steps": steps})
    return {"source": node_ref(g, src), "target": node_ref(g, dst), "kind": kind_a, "max_length": max_length,
            "inferred_included": inferred and kind_a == "firm", "paths": found}


# ---------------------------------------------------------------------- could supply
def infer_could_supply(makes: list[dict[str, Any]], uses: list[dict[str, Any]], inputs: list[dict[str, Any]],
                       known: set[tuple[str, str, str]] | None = None) -> list[dict[str, Any]]:
    """Inferred links "A could supply B with P", each with the statements that explain it.

    Rules: (1) A makes P and B uses P; (2) A makes P, B makes Q and Q has input P. Facts are dicts
    ``{"s", "o", "status", ...}`` (maker/user -> product, product -> input). Links already stated as
    flows (``known``: (supplier, consumer, material)) and self-links are left out. Every link has
    status "inferred" and ``basis``: the weakest status among the facts of its best explanation.

    >>> mk = [{"s": "A", "o": "acid", "status": "documented"}, {"s": "B", "o": "salt", "status": "documented"}]
    >>> inp = [{"s": "salt", "o": "acid", "status": "editorial"}]
    >>> [(x["supplier"], x["consumer"], x["material"], x["rule"], x["basis"]) for x in infer_could_supply(mk, [], inp)]
    [('A', 'B', 'acid', 'makes_input', 'editorial')]
    """
    known = known or set()
    makers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in makes:
        makers[f["o"]].append(f)
    links: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(a_fact: dict[str, Any], consumer: str, material: str, rule: str, chain: list[tuple[str, dict[str, Any]]]) -> None:
        supplier = a_fact["s"]
        if supplier == consumer or (supplier, consumer, material) in known:
            return
        explanation = [{"property": "hykg:makes", **a_fact}] + [{"property": p, **f} for p, f in chain]
        basis = weakest([e["status"] for e in explanation])
        key = (supplier, consumer, material)
        link = links.setdefault(key, {"supplier": supplier, "consumer": consumer, "material": material,
                                      "status": "inferred", "rule": rule, "basis": basis, "explanations": []})
        link["explanations"].append({"rule": rule, "basis": basis, "facts": explanation})
        best = min(link["explanations"], key=lambda e: (rank(e["basis"]), e["rule"] != "makes_uses"))
        link["rule"], link["basis"] = best["rule"], best["basis"]

    for u in uses:
        for m in makers.get(u["o"], []):
            add(m, u["s"], u["o"], "makes_uses", [("hykg:uses", u)])
    for i in inputs:  # product i["s"] has input i["o"]
        for b in makers.get(i["s"], []):
            for a in makers.get(i["o"], []):
                add(a, b["s"], i["o"], "makes_input", [("hykg:makes", b), ("hykg:hasInput", i)])
    out = sorted(links.values(), key=lambda x: (rank(x["basis"]), x["supplier"], x["consumer"], x["material"]))
    for link in out:
        link["explanations"].sort(key=lambda e: (rank(e["basis"]), e["rule"] != "makes_uses"))
    return out


def _facts(kg: Any) -> dict[str, list[dict[str, Any]]]:
    from ..query.provenance import provenance

    rows = kg.select(FACTS_QUERY)
    prov = provenance(kg, {r["s"] for r in rows}, predicates={r["p"] for r in rows})  # (the facts' own)
    out: dict[str, list[dict[str, Any]]] = {"makes": [], "uses": [], "hasInput": []}
    for r in rows:
        e = prov.get((r["s"], r["p"], r["o"]),
                     {"status": "unknown", "sources": [], "rationale": []})
        out[r["p"].rsplit("#", 1)[1]].append({"s": compact(r["s"]), "o": compact(r["o"]), "status": e["status"],
                                               "sources": e["sources"], "rationale": e["rationale"]})
    return out


def could_supply(kg: Any, name: str | None = None, net: FlowNet | None = None) -> dict[str, Any]:
    """Inferred "could supply" links over the whole graph (or those of one firm or park), with explanations.

    Never mixed with stated flows: a pair already linked by a stated flow of that material is left out.
    ``net``: the supply network (:func:`hykg.query.projections.supply_net`), when the caller has it.

    >>> import hykg
    >>> r = could_supply(hykg.load(), "恒光")
    >>> [(x["consumer"]["label"], x["material"]["label"], x["status"]) for x in r["links"] if x["supplier"]["label"] == "恒光"]
    [('建衡实业', '硫酸', 'inferred')]
    """
    from ..query.projections import node_info, supply_net

    focus = resolve_party(kg, name)[0] if name else None
    facts = _facts(kg)
    g = supply_net(kg) if net is None else net
    known = {(u, v, d["material"]) for u, v, d in g.edges(data=True)}
    known |= _park_flows(kg)
    links = infer_could_supply(facts["makes"], facts["uses"], facts["hasInput"], known)
    if focus:
        links = [x for x in links if focus in (x["supplier"], x["consumer"])]
    ids = {x[k] for x in links for k in ("supplier", "consumer", "material")}
    ids |= {f[k] for x in links for e in x["explanations"] for f in e["facts"] for k in ("s", "o")}
    from ._common import iri

    info = {compact(k): v for k, v in node_info(kg, {iri(i) for i in ids}).items()}

    def ref(i: str) -> dict[str, str]:
        a = info.get(i, {})
        return {"id": i, "label": a.get("label", i), "label_en": a.get("label_en", i)}

    def text(f: dict[str, Any], lang: str) -> str:
        verb = {"hykg:makes": ("生产", "makes"), "hykg:uses": ("使用", "uses"),
                "hykg:hasInput": ("投入品", "has input")}[f["property"]]
        key = "label" if lang == "zh" else "label_en"
        return f"{ref(f['s'])[key]} {verb[0 if lang == 'zh' else 1]} {ref(f['o'])[key]}"

    out = []
    for x in links:
        exps = []
        for e in x["explanations"]:
            facts_out = [{"subject": ref(f["s"]), "property": f["property"], "object": ref(f["o"]),
                          "status": f["status"], "sources": f["sources"], "rationale": f["rationale"]}
                         for f in e["facts"]]
            exps.append({"rule": e["rule"], "basis": e["basis"], "facts": facts_out,
                         "text": "; ".join(text(f, "zh") for f in e["facts"]),
                         "text_en": "; ".join(text(f, "en") for f in e["facts"])})
        out.append({"supplier": ref(x["supplier"]), "consumer": ref(x["consumer"]), "material": ref(x["material"]),
                    "status": "inferred", "rule": x["rule"], "basis": x["basis"], "explanations": exps})
    return {"entity": ref(focus) if focus else None, "links": out}


def _park_flows(kg: Any) -> set[tuple[str, str, str]]:
    from ..query.projections import PARK_FLOW_QUERY

    return {(compact(r["supplier"]), compact(r["consumer"]), compact(r["material"])) for r in kg.select(PARK_FLOW_QUERY)}


def add_inferred_edges(g: N, links: list[dict[str, Any]]) -> N:
    """Add inferred links (from :func:`could_supply`) to a supply network as edges with status "inferred".

    Edge keys are ``inferred/<supplier>-><consumer>:<material>``, with ``basis`` (the weakest fact used)
    and ``explanation`` / ``explanation_en`` (the facts, as text); stated flows are untouched.
    """
    for x in links:
        u, v, m = x["supplier"]["id"], x["consumer"]["id"], x["material"]
        for n, r in ((u, x["supplier"]), (v, x["consumer"])):
            if n not in g:
                g.add_node(n, label=r["label"], label_en=r["label_en"], type="", parks=[], chains=[])
        g.add_edge(u, v, key=f"inferred/{u}->{v}:{m['id']}", material=m["id"], material_label=m["label"],
                   material_label_en=m["label_en"], status="inferred", sources=[], rationale=[],
                   kind="inferred could-supply", basis=x["basis"],
                   explanation=[e["text"] for e in x["explanations"]],
                   explanation_en=[e["text_en"] for e in x["explanations"]])
    return g
