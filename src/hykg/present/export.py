"""Exports of any projection: GraphML and GEXF 1.3 (Gephi, yEd, Cytoscape, igraph) and CSV edge lists (Excel, WPS)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import HykgError
from ..files import write_atomic
from .text import cite

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("graphml", "gexf", "csv")


def _scalar(value: Any) -> Any:
    """GraphML/GEXF take strings, numbers and booleans: lists and mappings become JSON text."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def flat_graph(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose node, edge and graph attributes are all scalars (see :func:`_scalar`).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="flow/1", sources=[{"doc": "000", "quote": "q"}], parks=["p1", "p2"])
    >>> flat_graph(g).edges["a", "b", "flow/1"]
    {'sources': '[{"doc": "000", "quote": "q"}]', 'parks': 'p1; p2'}
    """
    h = g.__class__()
    h.graph.update({k: _scalar(v) for k, v in g.graph.items()})
    for n, a in g.nodes(data=True):
        h.add_node(n, **{k: _scalar(v) for k, v in a.items()})
    if g.is_multigraph():
        for u, v, k, a in g.edges(keys=True, data=True):
            h.add_edge(u, v, key=k, **{kk: _scalar(vv) for kk, vv in a.items()})
    else:
        for u, v, a in g.edges(data=True):
            h.add_edge(u, v, **{kk: _scalar(vv) for kk, vv in a.items()})
    return h


def _sources_text(sources: Any) -> str:
    if not isinstance(sources, list):
        return _scalar(sources)
    return "; ".join(cite(s) if isinstance(s, dict) else str(s) for s in sources)


def edge_rows(g: nx.Graph) -> tuple[list[str], list[list[Any]]]:
    """An edge list: source, source_label, target, target_label, key, then every edge attribute (sorted).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="甲")
    >>> _ = g.add_edge("a", "b", key="f1", material="mat/x", status="documented")
    >>> edge_rows(g)
    (['source', 'source_label', 'target', 'target_label', 'key', 'material', 'status'], [['a', '甲', 'b', 'b', 'f1', 'mat/x', 'documented']])
    """
    edges = list(g.edges(keys=True, data=True)) if g.is_multigraph() else [(u, v, "", a) for u, v, a in g.edges(data=True)]
    attrs = sorted({k for *_, a in edges for k in a})
    headers = ["source", "source_label", "target", "target_label", "key", *attrs]
    rows = []
    for u, v, k, a in sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        cells = [u, g.nodes[u].get("label", u), v, g.nodes[v].get("label", v), k]
        cells += [_sources_text(a[x]) if x == "sources" else _scalar(a.get(x)) for x in attrs]
        rows.append(cells)
    return headers, rows


def export_graph(g: nx.Graph, fmt: str, path: Path | str) -> Path:
    """Write ``g`` as GraphML, GEXF 1.3 or a CSV edge list (UTF-8 with a BOM so that Excel reads Chinese), atomically.

    Edge ids are unique in GraphML and GEXF (:func:`hykg.present.gexf.edge_ids`); equal graphs give equal bytes.

    >>> import networkx as nx, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
    >>> export_graph(nx.DiGraph([("a", "b")]), "graphml", out).read_text().count("<edge ")
    1
    """
    import networkx as nx

    from .text import to_csv

    if fmt not in FORMATS:
        raise HykgError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(path)
    if not out.parent.exists():
        raise HykgError(f"{out.parent}: no such directory")
    if fmt == "csv":
        payload = to_csv(*edge_rows(g)).encode("utf-8-sig")
    elif fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(unique_keys(flat_graph(g)), buffer, encoding="utf-8")
        payload = buffer.getvalue()
    else:
        from .gexf import gexf_text

        payload = gexf_text(flat_graph(g)).encode("utf-8")
    write_atomic(out, payload)
    return out


def unique_keys(g: nx.Graph) -> nx.Graph:
    """A multigraph with its edge keys replaced by unique ids (:func:`hykg.present.gexf.edge_ids`), which
    GraphML writes as ``edge/@id`` (igraph and networkx read them back); other graphs as they are.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "p", "inPark"), ("b", "p", "inPark")])
    >>> sorted(k for *_, k in unique_keys(g).edges(keys=True))
    ['a|inPark|p', 'b|inPark|p']
    """
    if not g.is_multigraph():
        return g
    from .gexf import edge_ids

    ids = edge_ids(g)
    h = g.__class__()
    h.graph.update(g.graph)
    h.add_nodes_from(sorted(g.nodes(data=True), key=lambda n: str(n[0])))
    for u, v, k, a in sorted(g.edges(keys=True, data=True), key=lambda e: ids[(e[0], e[1], e[2])]):
        h.add_edge(u, v, key=ids[(u, v, k)], **a)
    return h
