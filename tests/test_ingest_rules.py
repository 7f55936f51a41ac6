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


def test_relations_in_park_and_located_in() -> None:
    a = analyse("衡阳市松木经开区新材料项目开工。建衡、电科等园区企业增产。", KNOWN)


def test_noise_spaces_width_and_pinyin_are_normalised() -> None:
    n = normalise("衡阳（héng yáng） 松木 经开区２０２４年")
    assert n.text == "衡阳松木经开区2024年"
    assert n.original(2, 7) == "松木 经开区"

