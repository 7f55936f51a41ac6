"""The city overview (``hykg viz all``): chains and parks as nodes sized by their firms, linked by the
firms they share and by park-to-park flows, with the counts on the links.

Chains are the 14 of the 2021 list (``scheme/chains-2021``; every chain when the graph has no such
list), their firms and parks :func:`hykg.query.chains.chain_members`; a park's firms are the
enterprises ``hykg:inPark`` it. A chain is linked to a park by the firms they share, or else (链上园区)
when the park is on the chain. A shared-firm link is computed (status ``inferred``), a flow link counts the stated
park resource flows and the firm flows between the two parks (the ``parks`` view's aggregation).

>>> import hykg
>>> g = overview_graph(hykg.load())
>>> g.nodes["park/songmu"]["firms"] >= 4, g.graph["size_by"]
(True, 'firms')
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

SCHEME = "https://w3id.org/hykg/id/scheme/chains-2021"
_CHAINS = "SELECT ?c WHERE { ?c a hykg:IndustrialChain ; skos:inScheme <%s> }"
_ALL_CHAINS = "SELECT ?c WHERE { ?c a hykg:IndustrialChain }"
_PARK_FIRMS = "SELECT ?f ?p WHERE { ?f hykg:inPark ?p ; a hykg:Enterprise . ?p a hykg:Park }"
_PARKS = "SELECT ?p WHERE { ?p a hykg:Park }"
_SHOWN = 6


def overview_graph(kg: Any, link: str | None = None) -> nx.MultiDiGraph:
    """The overview graph; ``link`` (e.g. ``"/{kind}/{id}"``) gives each node a ``url`` to open its page."""
    import networkx as nx

    from ..query.chains import chain_members
    from ..query.names import compact
    from ..query.projections import node_info, park_network

    chains = sorted(r["c"] for r in kg.select(_CHAINS % SCHEME)) or sorted(r["c"] for r in kg.select(_ALL_CHAINS))
    parks = sorted(r["p"] for r in kg.select(_PARKS))
    info = node_info(kg, set(chains) | set(parks))
    firms_of: dict[str, set[str]] = {}
    member_parks: dict[str, list[dict[str, Any]]] = {}
    for c in chains:
        m = chain_members(kg, c)
        firms_of[compact(c)] = {f["id"] for f in m["firms"]}
        member_parks[compact(c)] = m["parks"]
    park_firms: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(_PARK_FIRMS):
        park_firms[compact(r["p"])].add(compact(r["f"]))
    for p in parks:
        firms_of[compact(p)] = park_firms.get(compact(p), set())
    everyone = {f for fs in firms_of.values() for f in fs}
    names = {compact(k): v for k, v in node_info(kg, {_iri(f) for f in everyone}).items()}
    g = nx.MultiDiGraph(name="overview", projection="overview")
    for iri in chains + parks:
        n = compact(iri)
        kind = "chain" if iri in chains else "park"
        g.add_node(n, **info[iri], firms=len(firms_of[n]), url=link.format(kind=kind, id=n) if link else "",
                   details=[f"企业 firms: {len(firms_of[n])}", f"hykg viz {kind} {n} -o {n.split('/')[-1]}.html"])
    nodes = [compact(i) for i in chains + parks]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:]:
            shared = sorted(firms_of[a] & firms_of[b])
            if a.startswith("park/") and b.startswith("park/") or not shared:
                continue  # parks are linked by their flows (a firm in two parks is rare and not a flow)
            zh = "、".join(names.get(f, {}).get("label", f) for f in shared[:_SHOWN]) + ("…" if len(shared) > _SHOWN else "")
            en = ", ".join(names.get(f, {}).get("label_en", f) for f in shared[:_SHOWN]) + ("…" if len(shared) > _SHOWN else "")
            g.add_edge(a, b, key="shared", undirected=True, label_always=True, status="inferred",
                       property="shared firms", property_label=f"共有企业 {len(shared)}",
                       property_label_en=f"{len(shared)} shared firms", shared=len(shared),
                       sources=[], rationale=[f"共有企业 / shared firms: {zh} / {en}"])
    for c, ps in sorted(member_parks.items()):
        for p in ps:
            if p["id"] in g and not g.has_edge(c, p["id"]):  # a park on the chain (through a base ...), no shared firm
                g.add_edge(c, p["id"], key="member", undirected=True, label_always=True, status=p["status"],
                           property="hykg:onChain", property_label="链上园区", property_label_en="park on the chain",
                           sources=p["sources"], rationale=p["rationale"])
    _park_flows(g, park_network(kg))
    g.graph.update(size_by="firms", size_label=("企业数", "number of firms"),
                   title=("衡阳产业全景：产业链与园区", "Hengyang overview: chains and parks"),
                   subtitle=("节点大小：企业数；连线：共有企业数、园区间物料流数", "node size: firms; links: shared "
                             "firms, flows between parks"))
    return g


def _park_flows(g: nx.MultiDiGraph, parks: nx.MultiDiGraph) -> None:
    """One link per pair of parks: the stated resource flows and the firm flows between them, counted."""
    from ..query.provenance import weakest

    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for u, v, _k, a in sorted(parks.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u not in g or v not in g or u == v:
            continue
        p = pairs.setdefault((u, v), {"n": 0, "zh": set(), "en": set(), "statuses": [], "sources": []})
        p["n"] += int(a.get("count") or 1)
        p["zh"].add(str(a.get("material_label") or "、".join(a.get("material_labels") or []) or ""))
        p["en"].add(str(a.get("material_label_en") or ""))
        p["statuses"].append(a.get("status", "unknown"))
        p["sources"] += [s for s in a.get("sources") or [] if s not in p["sources"]]
    for (u, v), p in sorted(pairs.items()):
        mats_zh = "、".join(sorted(m for m in p["zh"] if m))
        mats_en = ", ".join(sorted(m for m in p["en"] if m))
        g.add_edge(u, v, key="flows", label_always=True, status=weakest(p["statuses"]),
                   material_label=f"物料流 {p['n']}", material_label_en=f"{p['n']} flows", flows=p["n"],
                   sources=p["sources"][:6], rationale=[f"物料 / materials: {mats_zh or '—'} / {mats_en or '—'}"])


def _iri(node: str) -> str:
    from ..rdf import vocab

    return vocab.iri_of(node)
