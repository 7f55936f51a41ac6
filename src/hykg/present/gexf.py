"""GEXF 1.3 (Gephi, Gephi Lite, graphology): valid against the official XSD, unique edge ids, labels, weights, no date.

networkx writes GEXF 1.2draft with ``graph/@name`` (which the XSDs reject), today's date (files
differ per day) and, for a multigraph, its edge keys as ids (the ego projection repeats them:
graphology refuses the file, Gephi drops edges). This writer gives every edge a unique id, a
``label`` (the material or relation, so Gephi shows it), a ``weight`` and a ``kind`` (Gephi keeps
parallel edges of different kinds apart: three flows of three materials stay three edges).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

if TYPE_CHECKING:
    import networkx as nx

NS = "http://gexf.net/1.3"
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _attr(value: Any) -> str:
    """An XML attribute value (quoted); characters XML 1.0 cannot hold become U+FFFD."""
    return quoteattr(_NOT_XML.sub("\ufffd", str(value)))


def edge_ids(g: nx.Graph) -> dict[tuple[Any, Any, Any], str]:
    """A unique, stable id per edge ``(u, v, key)``: the keys where they are unique (flow ids), else
    ``"u|key|v"`` (ego: keys are relations; numbered ``|2`` ... should two collide). No spaces:
    igraph cuts GraphML ids at a space.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for u, v, k in (("a", "b", "flow/1"), ("a", "p", "inPark"), ("c", "p", "inPark"), ("c", "p", "locatedIn")):
    ...     _ = g.add_edge(u, v, key=k)
    >>> sorted(edge_ids(g).values())
    ['a|flow/1|b', 'a|inPark|p', 'c|inPark|p', 'c|locatedIn|p']
    >>> sorted(edge_ids(nx.MultiDiGraph([("a", "b", "flow/1"), ("a", "b", "flow/2")])).values())
    ['flow/1', 'flow/2']
    """
    edges = list(g.edges(keys=True)) if g.is_multigraph() else [(u, v, None) for u, v in g.edges()]
    unique = len({k for _, _, k in edges}) == len(edges)
    ids: dict[tuple[Any, Any, Any], str] = {}
    seen: Counter[str] = Counter()
    for u, v, k in sorted(edges, key=lambda e: tuple(str(x) for x in e)):
        base = str(k) if k is not None and unique else f"{u}|{k}|{v}" if k is not None else f"{u}|{v}"
        seen[base] += 1
        ids[(u, v, k)] = base if seen[base] == 1 else f"{base}|{seen[base]}"
    return ids


def edge_label(a: dict[str, Any], key: Any) -> str:
    """What Gephi shows on an edge: the material (flows), else the relation, else the key.

    >>> edge_label({"material_label": "硫酸", "property_label": "x"}, "flow/1"), edge_label({}, "hykg:inPark")
    ('硫酸', 'hykg:inPark')
    """
    for name in ("material_label", "property_label", "material", "property", "kind"):
        if a.get(name):
            return str(a[name])
    return str(key) if key is not None else ""


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _attributes(items: list[dict[str, Any]], skip: set[str]) -> dict[str, tuple[str, str]]:
    """title -> (id, GEXF type) of every attribute of these nodes or edges; mixed types become string."""
    kinds: dict[str, set[str]] = {}
    for a in items:
        for k, v in a.items():
            if k not in skip and v is not None and v != "":
                kinds.setdefault(k, set()).add(_kind(v))
    return {k: (str(i), next(iter(t)) if len(t) == 1 else "string") for i, (k, t) in enumerate(sorted(kinds.items()))}


def _attvalues(a: dict[str, Any], attrs: dict[str, tuple[str, str]], indent: str) -> list[str]:
    cells = [f'{indent}  <attvalue for="{attrs[k][0]}" value={_attr(str(v).lower() if isinstance(v, bool) else v)}/>'
             for k, v in sorted(a.items()) if k in attrs and v is not None and v != ""]
    return [f"{indent}<attvalues>", *cells, f"{indent}</attvalues>"] if cells else []


def gexf_text(g: nx.Graph, description: str | None = None) -> str:
    """``g`` (attributes already scalars: :func:`hykg.present.export.flat_graph`) as GEXF 1.3 text.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(name="supply")
    >>> g.add_node("a", label="甲")
    >>> _ = g.add_edge("a", "b", key="flow/1", material_label="硫酸")
    >>> print(gexf_text(g).split("<edges")[1].split("</edges>")[0].strip())
    count="1">
          <edge id="flow/1" source="a" target="b" label="硫酸" weight="1.0" kind="硫酸">
            <attvalues>
              <attvalue for="0" value="硫酸"/>
            </attvalues>
          </edge>
    """
    nodes = sorted(g.nodes(data=True), key=lambda n: str(n[0]))
    edges = list(g.edges(keys=True, data=True)) if g.is_multigraph() else [(u, v, None, a) for u, v, a in g.edges(data=True)]
    ids = edge_ids(g)
    node_attrs = _attributes([a for _, a in nodes], {"label"})
    edge_attrs = _attributes([a for *_, a in edges], {"weight"})
    kind = "directed" if g.is_directed() else "undirected"
    about = description or str(g.graph.get("name") or "")
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<gexf xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           f'xsi:schemaLocation="{NS} http://gexf.net/1.3/gexf.xsd" version="1.3">',
           "  <meta>", "    <creator>hykg</creator>"]
    if about:
        out.append(f"    <description>{_attr(about)[1:-1]}</description>")
    out += ["  </meta>", f'  <graph defaultedgetype="{kind}" mode="static" idtype="string">']
    for cls, attrs in (("node", node_attrs), ("edge", edge_attrs)):
        if attrs:
            out.append(f'    <attributes class="{cls}" mode="static">')
            out += [f"      <attribute id=\"{i}\" title={_attr(t)} type=\"{k}\"/>" for t, (i, k) in attrs.items()]
            out.append("    </attributes>")
    out.append(f'    <nodes count="{len(nodes)}">')
    for n, a in nodes:
        body = _attvalues(a, node_attrs, "        ")
        head = f"      <node id={_attr(n)} label={_attr(a.get('label', n))}"
        out += [head + ">", *body, "      </node>"] if body else [head + "/>"]
    out += ["    </nodes>", f'    <edges count="{len(edges)}">']
    for u, v, k, a in sorted(edges, key=lambda e: ids[(e[0], e[1], e[2])]):
        label = edge_label(a, k)
        weight = a.get("weight")
        weight = float(weight) if isinstance(weight, int | float) and not isinstance(weight, bool) else 1.0
        head = (f"      <edge id={_attr(ids[(u, v, k)])} source={_attr(u)} target={_attr(v)} label={_attr(label)} "
                f"weight=\"{weight!r}\" kind={_attr(label)}")
        body = _attvalues(a, edge_attrs, "        ")
        out += [head + ">", *body, "      </edge>"] if body else [head + "/>"]
    out += ["    </edges>", "  </graph>", "</gexf>"]
    return "\n".join(out) + "\n"
