"""The ontology's class diagram: the class hierarchy laid out as a left-to-right tree (deterministic)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ontodoc import ClassDoc, PropertyDoc

#: Names of the reused vocabularies, shown under their terms in the diagram.
VOCABULARIES = {"org": "W3C ORG", "prov": "W3C PROV-O", "skos": "W3C SKOS", "foaf": "FOAF",
                "dcterms": "DCMI Terms", "xkos": "XKOS", "rdf": "RDF", "rdfs": "RDF Schema"}

#: Layout of the class diagram (pixels).
BOX_W, BOX_H, COL_W, ROW_H, MARGIN = 176, 34, 214, 42, 16



@dataclass
class Diagram:
    """The class hierarchy, laid out as a left-to-right tree (deterministic)."""

    width: int
    height: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


def class_diagram(classes: list[ClassDoc], properties: list[PropertyDoc]) -> Diagram:
    """Lay the class hierarchy out as a tree: depth -> column, leaves -> rows, parents centred on children.

    A class with two superclasses sits under the first; a dashed edge joins it to the other. Object
    properties whose domain and range are both drawn become curved arcs on the right.

    >>> from hykg.present.ontodoc import read_ontology
    >>> d = class_diagram(read_ontology().classes, [])
    >>> sorted(n["curie"] for n in d.nodes if n["depth"] == 0)[:3]
    ['dcterms:Location', 'foaf:Document', 'foaf:Person']
    """
    by_curie = {c.curie: c for c in classes}
    known_parents = {"org:FormalOrganization": ["org:Organization"]}
    names = set(by_curie)
    for c in classes:
        names |= set(c.parents)
    for child, parents in known_parents.items():
        if child in names:
            names |= set(parents)

    def parents_of(n: str) -> list[str]:
        return by_curie[n].parents if n in by_curie else known_parents.get(n, [])

    tree_children: dict[str, list[str]] = {n: [] for n in names}
    for n in sorted(names):
        ps = parents_of(n)
        if ps:
            tree_children[ps[0]].append(n)
    roots = sorted(n for n in names if not parents_of(n))
    pos: dict[str, tuple[int, float]] = {}
    next_row = [0]

    def place(n: str, depth: int) -> float:
        kids = sorted(tree_children[n], key=lambda k: (bool(tree_children[k]), k))
        if not kids:
            row = float(next_row[0])
            next_row[0] += 1
        else:
            rows = [place(k, depth + 1) for k in kids]
            row = (rows[0] + rows[-1]) / 2
        pos[n] = (depth, row)
        return row

    for r in roots:
        place(r, 0)
    max_depth = max(d for d, _ in pos.values())
    arcs = sorted({(p.curie, d, r) for p in properties if p.kind == "object"
                   for d in p.domain for r in p.range if d in pos and r in pos})
    right = MARGIN + max_depth * COL_W + BOX_W  # the right edge of the deepest column
    lanes_end = right + 24 + len(arcs) * 14
    width = lanes_end + (150 if arcs else MARGIN)
    height = MARGIN * 2 + next_row[0] * ROW_H

    def xy(n: str) -> tuple[int, int]:
        depth, row = pos[n]
        return MARGIN + depth * COL_W, int(MARGIN + row * ROW_H)

    nodes: list[dict[str, Any]] = []
    for n in sorted(pos, key=lambda k: (pos[k][1], pos[k][0])):
        x, y = xy(n)
        cd = by_curie.get(n)
        nodes.append({"curie": n, "x": x, "y": y, "w": BOX_W, "h": BOX_H, "depth": pos[n][0],
                      "external": cd is None, "anchor": cd.anchor if cd else "",
                      "label": cd.label_zh if cd else n,
                      "sublabel": cd.label_en if cd else VOCABULARIES.get(n.split(":")[0], "reused term")})
    edges: list[dict[str, Any]] = []
    for n in sorted(pos):
        for i, parent in enumerate(parents_of(n)):
            if parent not in pos:
                continue
            (px, py), (cx, cy) = xy(parent), xy(n)
            x1, y1, x2, y2 = px + BOX_W, py + BOX_H // 2, cx, cy + BOX_H // 2
            mid = x1 + (x2 - x1) // 2 if x2 > x1 else x1 + 12
            edges.append({"kind": "subclass" if i == 0 else "subclass-extra", "from": n, "to": parent,
                          "d": f"M{x1},{y1} H{mid} V{y2} H{x2}" if i == 0 else
                          f"M{x2},{y2} C{x2 - 60},{y2} {x1 + 60},{y1} {x1},{y1}", "label": ""})
    for k, (name, d, r) in enumerate(arcs):
        (dx, dy), (rx, ry) = xy(d), xy(r)
        lane = right + 24 + k * 14
        y1, y2 = dy + BOX_H // 2 - 5, ry + BOX_H // 2 + 5
        turn = 6 if y2 >= y1 else -6
        edges.append({"kind": "property", "from": d, "to": r, "label": name,
                      "d": f"M{dx + BOX_W},{y1} H{lane - 6} Q{lane},{y1} {lane},{y1 + turn} "
                           f"V{y2 - turn} Q{lane},{y2} {lane - 6},{y2} H{rx + BOX_W}",
                      "lx": lanes_end + 4, "ly": (y1 + y2) // 2 + 4})
    last = -100
    for e in sorted((e for e in edges if e["kind"] == "property"), key=lambda e: (int(e["ly"]), str(e["label"]))):
        last = max(int(e["ly"]), last + 14)  # labels never overlap
        e["ly"] = last
    return Diagram(width, height, nodes, edges)
