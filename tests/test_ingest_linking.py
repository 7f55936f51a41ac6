"""Linking known entities in `hykg ingest`: a name shared by entities declared the same (skos:exactMatch) is
one link, not an ambiguity; a name shared by unrelated entities stays a choice for the reviewer."""

from __future__ import annotations

from hykg.curation.ingest import analyse
from hykg.curation.ingest_entities import KnownEntity, known_from_graph


def test_name_of_entities_declared_the_same_links_to_the_one_the_others_match() -> None:
    known = [KnownEntity("chain/bio", "IndustrialChain", "生物医药", ("生物医药",)),
             KnownEntity("chain/l4-bio", "IndustrialChain", "生物医药", ("生物医药",), ("chain/bio",))]
    [e] = analyse("壮大生物医药产业链。", known).entities
    assert (e.linked, e.link_score, e.known, e.same_as) == ("chain/bio", 1.0, True, ["chain/l4-bio"])


def test_name_of_unrelated_entities_is_left_to_the_reviewer() -> None:
    known = [KnownEntity("ent/a", "Enterprise", "恒达", ("恒达",)), KnownEntity("ent/b", "Enterprise", "恒达", ("恒达",))]
    [e] = analyse("恒达公司扩产。", known).entities
    assert not e.known and e.link_score == 0.5 and e.same_as == [] and "choose the entity" in e.why


def test_graph_chains_in_both_lists_carry_their_exact_match(kg) -> None:
    by_id = {k.id: k for k in known_from_graph(kg)}
    assert by_id["chain/l4-biomedicine"].same_as == ("chain/biomedicine",)
    found = {e.label: e for e in analyse("做强生物医药产业链。", list(by_id.values())).entities}
    assert found["生物医药"].linked == "chain/biomedicine" and found["生物医药"].same_as == ["chain/l4-biomedicine"]
