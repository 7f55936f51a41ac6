"""Folding a graph too large to draw: members into their park or chain, then leaves into their
neighbours, until it fits (the ``all`` view past ``--max-nodes``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

#: Members that the ``all`` view may draw inside their park or chain when it is too large.
MEMBER_TYPES = frozenset({"Enterprise", "Project"})


def node_type(attrs: dict[str, Any]) -> str:
    """The class name of a node (``Enterprise`` from ``hykg:Enterprise`` or ``Enterprise``)."""
    return str(attrs.get("type") or "").rsplit(":", 1)[-1]


def _merge(g: nx.MultiDiGraph, into: dict[str, str]) -> nx.MultiDiGraph:
    """A copy of ``g`` with each key of ``into`` drawn inside its value (links move, inner ones vanish)."""
    import networkx as nx

    h = nx.MultiDiGraph(**g.graph)
    for n, a in g.nodes(data=True):
        if n not in into:
            h.add_node(n, **{**a, "inside": dict(a.get("inside", {}))})
    for part, whole in sorted(into.items()):
        inside = h.nodes[whole]["inside"]
        for t, c in {**g.nodes[part].get("inside", {}), node_type(g.nodes[part]) or "Thing": 0}.items():
            inside[t] = inside.get(t, 0) + c
        inside[node_type(g.nodes[part]) or "Thing"] += 1
    for u, v, a in g.edges(data=True):
        nu, nv = into.get(u, u), into.get(v, v)
        if nu != nv:
            h.add_edge(nu, nv, **a)
    return h


def members_into_wholes(g: nx.MultiDiGraph) -> dict[str, str]:
    """Each firm and project -> its park (``hykg:inPark``), else its chain (``hykg:onChain``)."""
    into: dict[str, str] = {}
    for n, a in g.nodes(data=True):
        if node_type(a) in MEMBER_TYPES:
            outs = sorted((k, v) for _, v, k in g.out_edges(n, keys=True) if k in ("hykg:inPark", "hykg:onChain"))
            if outs:
                into[n] = outs[0][1]  # hykg:inPark sorts before hykg:onChain
    return into


def leaves_into_neighbours(g: nx.MultiDiGraph, need: int) -> dict[str, str]:
    """Up to ``need`` nodes with exactly one neighbour (a statistic, a recognition ...) -> that
    neighbour, those of the neighbours with the most such nodes first."""
    leaves: dict[str, str] = {}
    for n in g.nodes:
        near = (set(g.predecessors(n)) | set(g.successors(n))) - {n}
        if len(near) == 1:
            leaves[n] = next(iter(near))
    per_hub: dict[str, int] = {}
    for hub in leaves.values():
        per_hub[hub] = per_hub.get(hub, 0) + 1
    into: dict[str, str] = {}
    for n, hub in sorted(leaves.items(), key=lambda x: (-per_hub[x[1]], x[1], x[0])):
        if len(into) >= need:
            break
        if hub not in into and n not in into.values():
            into[n] = hub
    return into


def aggregate(g: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, int]:
    """Shrink ``g`` to ``limit`` nodes: firms and projects into their park or chain, then (only as
    many as needed) single-neighbour nodes into that neighbour. Returns the graph and how many nodes
    are drawn inside others; labels get ``(+N)`` and tooltips list what is inside.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("park/p", label="园", label_en="P", type="Park")
    >>> for i in range(3):
    ...     g.add_node(f"ent/{i}", label=str(i), label_en=str(i), type="Enterprise")
    ...     _ = g.add_edge(f"ent/{i}", "park/p", key="hykg:inPark")
    >>> h, merged = aggregate(g, 2)
    >>> list(h.nodes), merged, h.nodes["park/p"]["label"]
    (['park/p'], 3, '园 (+3)')
    """
    h = _merge(g, members_into_wholes(g)) if g.number_of_nodes() > limit else g
    for _ in range(5):  # merging leaves makes new leaves
        if h.number_of_nodes() <= limit:
            break
        into = leaves_into_neighbours(h, h.number_of_nodes() - limit)
        if not into:
            break
        h = _merge(h, into)
    merged = g.number_of_nodes() - h.number_of_nodes()
    for n, a in h.nodes(data=True):
        total = sum(a.get("inside", {}).values())
        if total:
            kinds = ", ".join(f"{t} {c}" for t, c in sorted(a["inside"].items()))
            a["details"] = list(a.get("details", [])) + [f"内含 drawn inside: {kinds}"]
            a["label"] = f"{a.get('label', n)} (+{total})"
            a["label_en"] = f"{a.get('label_en', n)} (+{total})"
    return h, merged
