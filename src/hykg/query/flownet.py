"""A small directed multigraph for the flow projections: what a query command needs, without networkx.

:class:`FlowNet` holds node attributes and keyed edges with the subset of networkx's
``MultiDiGraph`` interface the projections and the path / closure analyses use (``g.nodes[n]``,
``n in g``, ``g[u][v]``, ``successors``, ``predecessors``, ``edges``, ``out_edges``);
:meth:`FlowNet.to_networkx` gives the full networkx graph for the analyses and pages that need it.

>>> g = FlowNet(name="demo")
>>> g.add_node("a", label="甲")
>>> g.add_edge("a", "b", key="f1", material="acid")
>>> g.nodes["a"]["label"], sorted(g.successors("a")), list(g.predecessors("b")), dict(g["a"]["b"])
('甲', ['b'], ['a'], {'f1': {'material': 'acid'}})
>>> n = g.to_networkx(); (n.number_of_edges(), n.graph["name"])
(1, 'demo')
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx


class FlowNet:
    """Directed multigraph: ``nodes`` maps a node to its attributes; ``succ[u][v][key]`` and
    ``pred[v][u][key]`` are one shared attribute dict per edge. Insertion order is kept, as networkx does."""

    def __init__(self, **graph: Any) -> None:
        self.graph: dict[str, Any] = dict(graph)
        self.nodes: dict[str, dict[str, Any]] = {}
        self.succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
        self.pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}

    def add_node(self, n: str, **attrs: Any) -> None:
        if n not in self.nodes:
            self.nodes[n] = {}
            self.succ[n] = {}
            self.pred[n] = {}
        self.nodes[n].update(attrs)

    def add_edge(self, u: str, v: str, key: str, **attrs: Any) -> None:
        self.add_node(u)
        self.add_node(v)
        data = self.succ[u].setdefault(v, {}).setdefault(key, {})
        data.update(attrs)
        self.pred[v].setdefault(u, {})[key] = data

    def __contains__(self, n: object) -> bool:
        return n in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def __getitem__(self, u: str) -> dict[str, dict[str, dict[str, Any]]]:
        return self.succ[u]

    def successors(self, n: str) -> Iterator[str]:
        return iter(self.succ[n])

    def predecessors(self, n: str) -> Iterator[str]:
        return iter(self.pred[n])

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        """``(u, v)``, with ``key`` and / or the attribute dict when asked, as networkx orders them."""
        for u, nbrs in self.succ.items():
            for v, kd in nbrs.items():
                for k, d in kd.items():
                    yield (u, v) + ((k,) if keys else ()) + ((d,) if data else ())

    def out_edges(self, n: str, keys: bool = False, data: bool = False) -> Iterator[tuple[Any, ...]]:
        for v, kd in self.succ[n].items():
            for k, d in kd.items():
                yield (n, v) + ((k,) if keys else ()) + ((d,) if data else ())

    def to_networkx(self) -> nx.MultiDiGraph:
        """The same nodes, edges and attributes as a networkx ``MultiDiGraph`` (attribute dicts copied)."""
        import networkx as nx

        g = nx.MultiDiGraph(**self.graph)
        for n, a in self.nodes.items():
            g.add_node(n, **a)
        for u, v, k, d in self.edges(keys=True, data=True):
            g.add_edge(u, v, key=k, **d)
        return g
