"""Ingest rule families on short texts of our own: reading, normalising, entities, relations, flows, figures."""

from __future__ import annotations

from hykg.curation.ingest import analyse
from hykg.curation.ingest_entities import KnownEntity, find_entities
from hykg.curation.ingest_text import normalise

KNOWN = [KnownEntity("ent/jianheng", "Enterprise", "建衡", ("建衡",)),
         KnownEntity("ent/dianke", "Enterprise", "电科", ("电科",)),
         KnownEntity("ent/kingboard", "Enterprise", "香港建滔集团", ("香港建滔集团",)),
         KnownEntity("ent/hg", "Enterprise", "恒光", ("恒光",)),
         KnownEntity("park/songmu", "Park", "松木经开区", ("松木经开区",)),
         KnownEntity("place/hengyang", "Place", "衡阳市", ("衡阳市", "衡阳")),
         KnownEntity("mat/hcl", "Product", "盐酸", ("盐酸",))]


def _linked(text: str) -> dict[str, str | None]:
    return {e.label: e.linked for e in find_entities(normalise(text), KNOWN)}


def test_entities_by_abbreviation_enumeration_and_suffix() -> None:
    text = ("衡阳恒远新材料有限公司（以下简称“恒远”）落户松木经开区，恒远投资建设锂电池项目。"
            "引进了华为、中兴、博思软件等一批知名企业。湖南省发展和改革委员会、华融湘江银行参加。优化产业格局。")
    ents = {e.label: e for e in find_entities(normalise(text), KNOWN)}
    assert ents["衡阳恒远新材料有限公司"].type == "Enterprise"
    assert ents["衡阳恒远新材料有限公司"].aliases == ["恒远"]
    assert [m.span for m in ents["衡阳恒远新材料有限公司"].mentions] == ["衡阳恒远新材料有限公司", "恒远", "恒远"]
    assert {ents[n].type for n in ("华为", "中兴", "博思软件")} == {"Enterprise"}
    assert ents["湖南省发展和改革委员会"].type == "GovernmentBody"
    assert ents["华融湘江银行"].type == "FinancialInstitution"
    assert not any("格局" in label for label in ents)


REL_KNOWN = KNOWN + [KnownEntity("park/north", "Park", "北湖产业园", ("北湖产业园",)),
                     KnownEntity("park/east", "Park", "东城智造园", ("东城智造园",)),
                     KnownEntity("park/zone", "Park", "江北开发区", ("江北开发区",)),
                     KnownEntity("place/a", "Place", "甲山区", ("甲山区",)),
                     KnownEntity("place/b", "Place", "乙水县", ("乙水县",))]


def _rels(text: str) -> set[tuple[str, str, str]]:
    a = analyse(text, REL_KNOWN)
    label = {e.candidate: e.label for e in a.entities}
    return {(label.get(r.subject, r.subject), r.property, label.get(r.object, r.object)) for r in a.relations}


def test_relations_parts_after_a_containing_verb() -> None:
    rels = _rels("江北开发区下辖北湖产业园、东城智造园两个园区。")
    assert ("park/north", "partOf", "park/zone") in rels
    assert ("park/east", "partOf", "park/zone") in rels


def test_relations_of_an_enumeration_before_settling_in_a_park() -> None:
    rels = _rels("建衡、恒光和电科等企业落户北湖产业园。")
    assert {("ent/jianheng", "inPark", "park/north"), ("ent/hg", "inPark", "park/north"),
            ("ent/dianke", "inPark", "park/north")} <= rels


def test_relations_through_a_back_reference_in_the_paragraph() -> None:
    rels = _rels("江北开发区成立于2010年。这个发展迅速的开发区横跨甲山区、乙水县，包括北湖产业园、东城智造园。"
                 "还引进建衡、电科等企业。\n北湖产业园位于甲山区。")
    assert {("park/zone", "locatedIn", "place/a"), ("park/zone", "locatedIn", "place/b"),
            ("park/north", "partOf", "park/zone"), ("park/east", "partOf", "park/zone"),
            ("ent/jianheng", "inPark", "park/zone"), ("ent/dianke", "inPark", "park/zone"),
            ("park/north", "locatedIn", "place/a")} <= rels
    assert not any(o == "park/zone" for _s, _p, o in _rels("这个园区很好。\n还引进建衡、电科等企业。"))


def test_relations_of_a_name_beginning_with_a_place() -> None:
    rels = _rels("甲山区智能制造产业集群加快发展。")
    assert ("智能制造产业集群", "locatedIn", "place/a") in rels


def test_noise_spaces_width_and_pinyin_are_normalised() -> None:
    n = normalise("衡阳（héng yáng） 松木 经开区２０２４年")
    assert n.text == "衡阳松木经开区2024年"
    assert n.original(2, 7) == "松木 经开区"

