"""Ingest relation rules on short texts of our own: counted programmes and their members, policies,
section schemes, and the place and park rules."""

from __future__ import annotations

from hykg.curation.ingest import analyse
from hykg.curation.ingest_entities import KnownEntity
from hykg.curation.ingest_programmes import count_of, find_programmes
from hykg.curation.ingest_text import normalise


def _facts(text: str, known: list[KnownEntity] | None = None) -> set[tuple[str, str, str]]:
    a = analyse(text, known or [])
    label = {e.candidate: e.label for e in a.entities} | {k.id: k.label for k in known or []}
    return {(label.get(r.subject, r.subject), r.property, label.get(r.object, r.object)) for r in a.relations}


def _conf(text: str, sub: str) -> float:
    a = analyse(text, [])
    label = {e.candidate: e.label for e in a.entities}
    return next(r.confidence for r in a.relations if label.get(r.subject) == sub)


def test_members_listed_after_ji_are_parts_of_the_counted_programme() -> None:
    text = "我县落实“三单一平台”，即任务清单、责任清单、问题清单和调度平台，推动项目落地。"
    facts = _facts(text)
    assert {(m, "partOf", "三单一平台") for m in ("任务清单", "责任清单", "问题清单", "调度平台")} <= facts
    assert _conf(text, "任务清单") == 0.7
    # three members where the name announces four: proposed, with less confidence
    assert _conf("我县落实“三单一平台”，即任务清单、责任清单和调度平台。", "任务清单") == 0.5


def test_members_quoted_before_the_programme() -> None:
    facts = _facts("构建“一名县级领导、一个牵头部门、一家合作银行”的“三个一”工作架构。")
    assert ("一家合作银行", "partOf", "三个一") in facts
    assert count_of("三个一") == 3


def test_ordinal_headings_and_dash_lines_are_members() -> None:
    text = ("## 明确“两大目标”\n\n目标一：园区产值翻番\n\n正文。\n\n目标二：企业数量倍增\n\n"
            "## 建设“两大基地”\n\n**——打造南方新材料产业基地。**正文。\n\n**——建成区域物流基地。**正文。\n")
    facts = _facts(text)
    assert ("园区产值翻番", "partOf", "两大目标") in facts and ("企业数量倍增", "partOf", "两大目标") in facts
    assert ("南方新材料产业基地", "partOf", "两大基地") in facts and ("区域物流基地", "partOf", "两大基地") in facts


def test_a_subtitle_dash_or_an_uncounted_phrase_makes_no_programme() -> None:
    text = "# 融入“一带一路”建设\n\n## ——全会精神解读\n\n“双创”即创新创业。"
    p = find_programmes(normalise(text), [], [])
    assert p.entities == [] and p.relations == []


def test_each_part_of_a_code_explained_gives_its_members() -> None:
    text = ("布局二：以“一核两廊”为先导\n\n“一核”即以老城为核心，打造城市服务核心区。"
            "“两廊”即以滨江路为主线，打造“滨江文旅走廊”；以工业大道为主线，打造“智造走廊”。")
    facts = _facts(text)
    assert {("城市服务核心区", "partOf", "一核两廊"), ("滨江文旅走廊", "partOf", "一核两廊"),
            ("智造走廊", "partOf", "一核两廊")} <= facts
    types = {e.label: e.type for e in analyse(text, []).entities}
    assert types["智造走廊"] == "Corridor" and types["一核两廊"] == "Layout"


def test_a_policy_and_the_programmes_it_states() -> None:
    text = ("近日出台《关于推进园区高质量发展的实施意见》（以下简称《意见》）。\n\n"
            "### 1 明确“两大目标”\n\n《意见》明确了园区发展的“两大目标”：\n\n目标一：产值翻番\n\n目标二：企业倍增\n")
    a = analyse(text, [])
    pol = next(e for e in a.entities if e.type == "PolicyDocument")
    assert pol.label == "关于推进园区高质量发展的实施意见" and pol.aliases == ["意见"]
    facts = _facts(text)
    assert ("两大目标", "partOf", pol.label) in facts and ("产值翻番", "partOf", pol.label) in facts
    # a policy named in passing states nothing
    assert not any(o == "关于推进园区发展的意见" for _s, _p, o in _facts(
        "根据《关于推进园区发展的意见》，我市推进“两大目标”落实。"))


def test_schemes_and_shared_head_items_of_a_members_section() -> None:
    text = ("### 实施“两大工程”\n\n#### 工程一：实施人才“引凤工程”\n\n开展“雁归故里”行动，推进企业“小升规”计划。\n\n"
            "#### 工程二：实施质量“提升工程”\n\n打造陶瓷、五金、家具等一批精品特色小镇。\n")
    facts = _facts(text)
    assert {("“雁归故里”行动", "partOf", "人才“引凤工程”"), ("企业“小升规”计划", "partOf", "人才“引凤工程”"),
            ("人才“引凤工程”", "partOf", "两大工程"), ("陶瓷特色小镇", "partOf", "质量“提升工程”"),
            ("家具特色小镇", "partOf", "质量“提升工程”")} <= facts
    assert ("陶瓷特色小镇", "partOf", "人才“引凤工程”") not in facts
