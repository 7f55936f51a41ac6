"""Helpers shared by the analyses: entity references from graph nodes, firm-or-park resolution."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import HykgError
from ..query.names import compact
from ..rdf import vocab
from ..rdf.terms import sparql_iris

if TYPE_CHECKING:
    import networkx as nx

    from ..query.flownet import FlowNet

FIRM_OR_PARK = ("Enterprise", "IndustrialArea")


def node_ref(g: nx.Graph | FlowNet, node: str) -> dict[str, str]:
    """``{"id", "label", "label_en"}`` of a node from its attributes (the id when it has none)."""
    a = g.nodes[node] if node in g else {}
    return {"id": node, "label": a.get("label", node), "label_en": a.get("label_en", a.get("label", node))}


def kind_of(kg: Any, iri: str) -> str:
    """``"firm"`` for an enterprise, ``"park"`` for any industrial area."""
    if kg.query(f"ASK {{ <{iri}> a ?t . VALUES ?t {{ {kg.subclasses('hykg:Enterprise')} }} }}"):
        return "firm"
    return "park"


def resolve_party(kg: Any, name: str) -> tuple[str, str]:
    """The id and kind (firm / park) of a firm or park name; unknown names raise like the queries do."""
    iri = kg.resolve(name, FIRM_OR_PARK)
    return compact(iri), kind_of(kg, iri)


def network(kg: Any, kind: str) -> FlowNet:
    """The supply network (every firm, with or without flows) or the park network (no networkx)."""
    from ..query.projections import park_net, supply_net

    return supply_net(kg, all_firms=True) if kind == "firm" else park_net(kg)


def park_scope(kg: Any, name: str) -> tuple[str, set[str]]:
    """A park's id and the ids of the areas it comprises (itself, parts, included areas, transitively)."""
    iri = kg.resolve(name, ("IndustrialArea",))
    within = kg.reach(iri, into=("dcterms:isPartOf",), out=("hykg:includes",))
    rows = kg.select(f"""SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {sparql_iris(within)} }}
        ?x a ?t . VALUES ?t {{ {kg.subclasses('hykg:IndustrialArea')} }} }}""")
    return compact(iri), {compact(r["x"]) for r in rows} | {compact(iri)}


def flow_item(u: str, v: str, key: str, a: dict[str, Any], g: nx.Graph | FlowNet) -> dict[str, Any]:
    """One flow as JSON: supplier, consumer, material, flow id, status, sources, rationale (and for an
    inferred link: basis, explanation, explanation_en)."""
    item = {
        "supplier": node_ref(g, u),
        "consumer": node_ref(g, v),
        "material": {"id": a.get("material", ""), "label": a.get("material_label", ""),
                     "label_en": a.get("material_label_en", "")},
        "flow": key,
        "status": a.get("status", "unknown"),
        "sources": a.get("sources", []),
        "rationale": a.get("rationale", []),
    }
    if "explanation" in a:  # an inferred link: the facts it rests on, and their weakest status
        item.update(basis=a.get("basis"), explanation=a["explanation"], explanation_en=a.get("explanation_en", []))
    return item


def check_depth(depth: int | None) -> None:
    if depth is not None and depth < 1:
        raise HykgError("depth must be at least 1")


def iri(entity_id: str) -> str:
    return vocab.iri_of(entity_id)
