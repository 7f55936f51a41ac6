"""Circular economy: loops, strongly connected components and ecological network analysis (ENA) figures.

The ENA figures follow the industrial-symbiosis literature: connectance and link density (Latham 2006
as in R NetIndices), cyclicity = the dominant eigenvalue of the adjacency matrix (Fath & Halnes 2007;
Layton et al. 2016: 0 = no cycles, 1 = one simple cycle, > 1 = interlinked cycles), Finn's cycling index
(Finn 1976, 1980) and total system throughflow, and Freeman's degree centralisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import HykgError
from ._common import flow_item, node_ref

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

#: Above this many nodes in one strongly connected component, cyclicity uses power iteration.
DENSE_EIG_LIMIT = 500
#: Above this many nodes, Finn's index (a dense matrix inverse) is not computed.
FCI_LIMIT = 3000
#: loops() stops enumerating after this many cycles (then sorts what it found).
SCAN_LIMIT = 10000


# ---------------------------------------------------------------------- matrices
def flow_matrix(g: nx.DiGraph, weight: str | None = None) -> tuple[list[str], np.ndarray]:
    """Node order and the flow matrix F (F[i, j] = flow from i to j; parallel flows summed, self-loops kept).

    ``weight=None`` counts each flow as one unit.

    >>> import networkx as nx
    >>> nodes, F = flow_matrix(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a")]))
    >>> nodes, F.tolist()
    (['a', 'b'], [[0.0, 2.0], [1.0, 0.0]])
    """
    import numpy as np

    nodes = sorted(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    F = np.zeros((len(nodes), len(nodes)))
    for u, v, d in g.edges(data=True):
        F[index[u], index[v]] += 1.0 if weight is None else float(d[weight])
    return nodes, F


def throughflow(F: np.ndarray, inputs: np.ndarray | None = None) -> np.ndarray:
    """Node throughflows T (inflow plus boundary input) at steady state.

    With ``inputs=None`` the network is balanced with the smallest boundary flows: a node that sends
    out more than it receives gets the difference as input (and one that receives more exports it),
    so T_i = max(inflow_i, outflow_i).
    """
    import numpy as np

    inflow, outflow = F.sum(axis=0), F.sum(axis=1)
    if inputs is None:
        return np.maximum(inflow, outflow)
    return inflow + np.asarray(inputs, dtype=float)


def finn_cycling_index(F: np.ndarray, inputs: np.ndarray | None = None) -> tuple[float, float, float]:
    """Finn's cycling index, with total system throughflow TST and cycled throughflow TSTc.

    G[i, j] = F[i, j] / T_i, N = (I - G)^-1, TSTc = sum_i (1 - 1 / N_ii) T_i, FCI = TSTc / TST
    (Finn 1980; the formulation of enaR ``enaFlow`` and NetIndices ``PathInd``). A closed loop with no
    boundary flow has FCI 1 (the limit of a vanishing leak). Results are rounded to 9 decimals.

    >>> import numpy as np
    >>> finn_cycling_index(np.array([[0.0, 2.0], [1.0, 0.0]]), inputs=np.array([3.0, 0.0]))
    (0.25, 6.0, 1.5)
    """
    import numpy as np

    T = throughflow(F, inputs)
    tst = float(T.sum())
    if tst == 0:
        return 0.0, 0.0, 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        G = np.where(T[:, None] > 0, F / T[:, None], 0.0)
    try:
        N = np.linalg.inv(np.eye(len(T)) - G)
    except np.linalg.LinAlgError:
        # a closed loop with no boundary flow: everything cycles (the limit of a vanishing leak)
        N = np.linalg.inv(np.eye(len(T)) - (1.0 - 1e-12) * G)
    diag = np.diag(N)
    with np.errstate(divide="ignore", invalid="ignore"):
        cycled = np.where(diag > 0, (1.0 - 1.0 / diag) * T, 0.0)
    tstc = round(max(float(np.sum(cycled)), 0.0), 9)
    return round(tstc / tst, 9), tst, tstc


def cyclicity(g: nx.DiGraph) -> float:
    """The dominant eigenvalue (spectral radius) of the binary adjacency matrix.

    Computed per strongly connected component (the spectral radius of the whole is their maximum):
    dense eigenvalues for small components, power iteration on A + I for large ones.

    >>> import networkx as nx
    >>> cyclicity(nx.DiGraph([(1, 2), (2, 3)])), cyclicity(nx.DiGraph([(1, 2), (2, 3), (3, 1)]))
    (0.0, 1.0)
    """
    import networkx as nx
    import numpy as np

    simple = nx.DiGraph()
    simple.add_nodes_from(g.nodes)
    simple.add_edges_from(g.edges())
    best = 1.0 if any(u == v for u, v in simple.edges) else 0.0
    for comp in nx.strongly_connected_components(simple):
        if len(comp) < 2:
            continue
        sub = simple.subgraph(comp)
        if len(comp) <= DENSE_EIG_LIMIT:
            A = nx.to_numpy_array(sub, nodelist=sorted(comp, key=str), weight=None)
            lam = float(max(abs(np.linalg.eigvals(A))))
        else:
            lam = _power_radius(sub)
        best = max(best, lam)
    return round(best, 12)


def _power_radius(sub: nx.DiGraph, iterations: int = 2000, tol: float = 1e-10) -> float:
    """Perron root of an irreducible adjacency matrix by power iteration on A + I (primitive)."""
    import numpy as np

    index = {n: i for i, n in enumerate(sub.nodes)}
    src = np.fromiter((index[u] for u, v in sub.edges), dtype=np.int64)
    dst = np.fromiter((index[v] for u, v in sub.edges), dtype=np.int64)
    n = len(index)
    x = np.ones(n) / n
    lam = 0.0
    for _ in range(iterations):
        y = x + np.bincount(src, weights=x[dst], minlength=n)  # (A + I) x with A[u, v] = 1 for u -> v
        new = float(y.sum())  # x sums to 1
        x = y / new
        if abs(new - lam) < tol * new:
            lam = new
            break
        lam = new
    return lam - 1.0


def degree_centralization(g: nx.DiGraph) -> dict[str, float]:
    """Freeman's degree centralisation: total (undirected), in and out (1 for a star, 0 for a ring).

    total: sum(max - d_i) / ((n - 1)(n - 2)) on the undirected simple graph; in / out: sum(max - d_i) / (n - 1)^2.

    >>> import networkx as nx
    >>> degree_centralization(nx.DiGraph([("hub", "a"), ("hub", "b"), ("hub", "c")]))
    {'total': 1.0, 'in': 0.111111111111, 'out': 1.0}
    """
    import networkx as nx

    simple = nx.DiGraph()
    simple.add_nodes_from(g.nodes)
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    n = simple.number_of_nodes()
    if n < 3:
        return {"total": 0.0, "in": 0.0, "out": 0.0}
    und = [d for _, d in nx.Graph(simple).degree()]
    ins = [d for _, d in simple.in_degree()]
    outs = [d for _, d in simple.out_degree()]

    def cz(ds: list[int], norm: int) -> float:
        top = max(ds)
        return round(sum(top - d for d in ds) / norm, 12)

    return {"total": cz(und, (n - 1) * (n - 2)), "in": cz(ins, (n - 1) ** 2), "out": cz(outs, (n - 1) ** 2)}


def ena_metrics(g: nx.DiGraph, weight: str | None = None) -> dict[str, Any]:
    """Connectance, link density, cyclicity, Finn's cycling index, TST and degree centralisation of a flow network.

    Links are distinct ordered pairs (u, v), u != v: connectance = L / (n (n - 1)), link density = L / n.
    Flows are summed per pair; ``weight=None`` counts every flow as one unit (say so when reporting).

    >>> import networkx as nx
    >>> m = ena_metrics(nx.MultiDiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
    >>> m["links"], round(m["connectance"], 4), m["link_density"], m["cyclicity"], round(m["finn_cycling_index"], 4)
    (3, 0.5, 1.0, 1.0, 0.375)
    """

    n = g.number_of_nodes()
    links = len({(u, v) for u, v in g.edges() if u != v})
    out: dict[str, Any] = {
        "nodes": n,
        "flows": g.number_of_edges(),
        "links": links,
        "connectance": links / (n * (n - 1)) if n > 1 else 0.0,
        "link_density": links / n if n else 0.0,
        "cyclicity": cyclicity(g),
        "degree_centralization": degree_centralization(g),
        "weights": weight or "unit flows",
    }
    if n <= FCI_LIMIT:
        _, F = flow_matrix(g, weight)
        fci, tst, tstc = finn_cycling_index(F)
        out.update(finn_cycling_index=fci, total_system_throughflow=tst, cycled_throughflow=tstc)
    else:
        inflow: dict[Any, float] = {}
        outflow: dict[Any, float] = {}
        for u, v, d in g.edges(data=True):
            w = 1.0 if weight is None else float(d[weight])
            outflow[u] = outflow.get(u, 0.0) + w
            inflow[v] = inflow.get(v, 0.0) + w
        tst = sum(max(inflow.get(x, 0.0), outflow.get(x, 0.0)) for x in g.nodes)
        out.update(finn_cycling_index=None, total_system_throughflow=tst, cycled_throughflow=None)
    return out


# ---------------------------------------------------------------------- loops
def loops(g: nx.DiGraph, max_length: int = 6, limit: int = 100) -> list[list[str]]:
    """Simple cycles (closed loops of flows) up to ``max_length`` nodes, shortest first, each starting
    at its smallest node (by name).

    A depth-bounded search from each node within its strongly connected component; the work grows
    with the branching factor to the power ``max_length``, so keep the bound small on large networks.
    After ``SCAN_LIMIT`` cycles the search stops and ranks what it found.

    >>> import networkx as nx
    >>> loops(nx.DiGraph([("b", "a"), ("a", "b"), ("b", "c"), ("c", "a")]))
    [['a', 'b'], ['a', 'b', 'c']]
    """
    import networkx as nx

    succ: dict[Any, set[Any]] = {}
    for u, v in g.edges():
        succ.setdefault(u, set()).add(v)
    comp_of: dict[Any, int] = {}
    for i, comp in enumerate(nx.strongly_connected_components(nx.DiGraph(list(g.edges())))):
        if len(comp) > 1:
            for n in comp:
                comp_of[n] = i
    rank = {n: i for i, n in enumerate(sorted(comp_of, key=str))}
    found: list[list[Any]] = []
    for start in sorted(comp_of, key=str):
        c, r0 = comp_of[start], rank[start]
        path, on_path = [start], {start}
        stack = [iter(sorted(succ.get(start, ()), key=str))]
        while stack and len(found) < SCAN_LIMIT:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if nxt == start:
                found.append(list(path))
            elif comp_of.get(nxt) == c and rank[nxt] > r0 and nxt not in on_path and len(path) < max_length:
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(sorted(succ.get(nxt, ()), key=str)))
    found.sort(key=lambda cyc: (len(cyc), [str(x) for x in cyc]))
    return found[:limit]


def components(g: nx.DiGraph) -> list[list[str]]:
    """Strongly connected components with more than one node (the parts where material can circulate)."""
    import networkx as nx

    comps = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    return sorted(comps, key=lambda c: (-len(c), c))


# ---------------------------------------------------------------------- the KG answer
def circular(kg: Any, park: str | None = None, max_length: int = 6) -> dict[str, Any]:
    """Loops, components and ENA figures of the supply network (or of the firms in one park).

    >>> import hykg
    >>> r = circular(hykg.load(), "松木经开区")
    >>> [[n["label"] for n in loop["nodes"]] for loop in r["loops"]]
    [['恒光', '建衡']]
    >>> r["metrics"]["cyclicity"], r["metrics"]["weights"]
    (1.0, 'unit flows')
    """
    from ..query.projections import supply_network
    from ._common import park_scope

    if max_length < 2:
        raise HykgError("max_length must be at least 2")
    g = supply_network(kg)
    scope: dict[str, Any] = {"park": None}
    if park:
        park_id, areas = park_scope(kg, park)
        keep = [n for n, a in g.nodes(data=True) if set(a.get("parks", [])) & areas]
        from ..query.projections import node_info
        from ._common import iri

        info = node_info(kg, {iri(park_id)})[iri(park_id)]
        scope = {"park": {"id": park_id, "label": info["label"], "label_en": info["label_en"]},
                 "areas": sorted(areas)}
        g = g.subgraph(keep).copy()
    weighted = g.number_of_edges() > 0 and all("quantity" in d for _, _, d in g.edges(data=True)) \
        and len({d.get("unit") for _, _, d in g.edges(data=True)}) == 1
    metrics = ena_metrics(g, "quantity" if weighted else None)
    if weighted:
        metrics["weights"] = f"stated quantities ({next(iter(g.edges(data=True)))[2].get('unit', '')})"
    statuses = sorted({d["status"] for _, _, d in g.edges(data=True)})
    notes = []
    if not weighted:
        notes.append("no quantities are stated on these flows: throughflow and Finn's index are computed on "
                     "unit flows (each stated flow counts 1), balanced with the smallest boundary inputs/exports")
    loop_items = []
    for cycle in loops(g, max_length):
        steps = []
        for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=False):
            steps.append({"from": node_ref(g, u), "to": node_ref(g, v),
                          "flows": [flow_item(u, v, k, d, g) for k, d in sorted(g[u][v].items())]})
        loop_items.append({"length": len(cycle), "nodes": [node_ref(g, n) for n in cycle], "steps": steps})
    from .readings import circular_reading

    out = {
        "scope": {**scope, "firms": g.number_of_nodes(), "flows": g.number_of_edges(), "statuses": statuses},
        "loops": loop_items,
        "components": [[node_ref(g, n) for n in c] for c in components(g)],
        "metrics": metrics,
        "notes": notes,
    }
    out["reading"] = circular_reading(out)  # FCI, cyclicity and connectance in plain words (zh, en)
    return out
