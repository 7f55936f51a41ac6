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


PLACES = [KnownEntity("place/cn", "Place", "常宁市", ("常宁市", "常宁")),
          KnownEntity("place/sks", "Place", "水口山", ("水口山",)),
          KnownEntity("place/qs", "Place", "青山县", ("青山县",)),
          KnownEntity("place/js", "Place", "甲山区", ("甲山区",)),
          KnownEntity("place/hy", "Place", "衡阳市", ("衡阳市", "衡阳")),
          KnownEntity("park/north", "Park", "北湖产业园", ("北湖产业园",)),
          KnownEntity("park/east", "Park", "东城智造园", ("东城智造园",)),
          KnownEntity("park/zone", "Park", "江北开发区", ("江北开发区",)),
          KnownEntity("ent/hw", "Enterprise", "华为", ("华为",)),
          KnownEntity("ent/tx", "Enterprise", "腾讯", ("腾讯",)),
          KnownEntity("ent/hg", "Enterprise", "恒光", ("恒光",)),
          KnownEntity("ent/jh", "Enterprise", "建衡", ("建衡",)),
          KnownEntity("ent/fx", "Enterprise", "富士康科技集团", ("富士康科技集团", "富士康")),
          KnownEntity("corr/bj", "Corridor", "滨江文旅走廊", ("滨江文旅走廊",))]


def test_names_beginning_with_places() -> None:
    facts = _facts("常宁水口山经开区、青山经开区建设顺利。青山南路改造完成。", PLACES)
    assert {("常宁水口山经开区", "locatedIn", "常宁市"), ("常宁水口山经开区", "locatedIn", "水口山"),
            ("青山经开区", "locatedIn", "青山县")} <= facts
    assert not any(s == "青山南路" for s, _p, _o in facts)  # a road is no part of the county it is named after


def test_a_place_before_a_name_the_text_also_uses_alone() -> None:
    facts = _facts("松木经开区发展迅速。初冬的衡阳松木经开区恒光正在扩产。", PLACES)
    assert ("恒光", "inPark", "松木经开区") in facts and ("恒光", "inPark", "衡阳松木经开区") not in facts
    assert ("松木经开区", "locatedIn", "衡阳市") in facts


def test_the_place_a_sentence_opens_with_holds_for_its_clauses() -> None:
    facts = _facts("在此之前，甲山区的新材料产业集群入选全省先进制造业集群，钟表产业集群入选全省特色产业集群。", PLACES)
    assert {("新材料产业集群", "locatedIn", "甲山区"), ("钟表产业集群", "locatedIn", "甲山区")} <= facts
    assert not any(s in ("先进制造业集群", "特色产业集群") for s, _p, _o in facts)


def test_an_example_sentence_carries_the_park_before() -> None:
    facts = _facts("北湖产业园是循环化改造示范园区。如，恒光利用建衡的盐酸生产硫酸。", PLACES)
    assert {("恒光", "inPark", "北湖产业园"), ("建衡", "inPark", "北湖产业园")} <= facts
    assert not any(p == "inPark" for _s, p, _o in _facts("北湖产业园是示范园区。恒光利用建衡的盐酸。", PLACES))


def test_what_a_park_builds_is_in_it() -> None:
    facts = _facts("支持江北开发区打造钨材深加工产业基地，北湖产业园、东城智造园打造有色金属回收产业基地。", PLACES)
    assert {("钨材深加工产业基地", "inPark", "江北开发区"), ("有色金属回收产业基地", "inPark", "北湖产业园"),
            ("有色金属回收产业基地", "inPark", "东城智造园")} <= facts
    assert ("钨材深加工产业基地", "inPark", "北湖产业园") not in facts


def test_along_a_road_and_around_a_place() -> None:
    facts = _facts("以滨江路为主线，打造滨江文旅走廊。", PLACES)
    assert ("滨江文旅走廊", "locatedIn", "滨江路") in facts
    facts = _facts("北湖产业园获批。该产业园正是以甲山区为核心建设的。", PLACES)
    assert ("北湖产业园", "locatedIn", "甲山区") in facts
    assert not any(p == "locatedIn" for _s, p, _o in _facts("以创新为核心，打造滨江文旅走廊。", PLACES))


def test_firms_brought_in_past_names_not_found() -> None:
    facts = _facts("北湖产业园引进华为、某某、腾讯等企业。", PLACES)
    assert {("华为", "inPark", "北湖产业园"), ("腾讯", "inPark", "北湖产业园")} <= facts


def test_items_sharing_the_park_and_head_noun() -> None:
    facts = _facts("加快北湖产业园软件、人工智能、区块链产业园等重点项目建设。", PLACES)
    assert ("北湖产业园人工智能产业园", "inPark", "北湖产业园") in facts
    assert ("北湖产业园区块链产业园", "inPark", "北湖产业园") in facts
    assert not any("物流中心" in s and "综保区" in s for s, _p, _o in _facts("推进北湖产业园物流中心、雁城物流园建设。",
                                                                             PLACES))


def test_a_park_named_after_a_firm() -> None:
    known = PLACES + [KnownEntity("ent/byd", "Enterprise", "比亚迪", ("比亚迪",))]
    assert ("比亚迪", "inPark", "比亚迪新型轨道交通智能制造产业园") in _facts("加快比亚迪新型轨道交通智能制造产业园建设。", known)
    facts = _facts("华为的代表参观了比亚迪新型轨道交通智能制造产业园。", known)
    assert not any(s == "华为" for s, _p, _o in facts)  # a firm only named near the park is not in it


def test_two_names_sharing_a_head_noun() -> None:
    facts = _facts("甲山区的智能视听产品和钢管深加工产业集群入选全省先进制造业集群。", PLACES)
    assert {("智能视听产品产业集群", "locatedIn", "甲山区"), ("钢管深加工产业集群", "locatedIn", "甲山区")} <= facts
    known = PLACES + [KnownEntity("cluster/x", "IndustrialCluster", "装备和材料产业集群", ("装备和材料产业集群",))]
    labels = {e.label for e in analyse("甲山区的装备和材料产业集群发展迅速。", known).entities}
    assert "装备产业集群" not in labels and "材料产业集群" not in labels  # a name the graph knows is not split
    labels = {e.label for e in analyse("甲山区建设有色金属与合金新材料产业基地。", PLACES).entities}
    assert "合金新材料产业基地" not in labels  # 与 joins the fields of one base


def test_the_park_a_sentence_opens_with_builds() -> None:
    facts = _facts("江北开发区依靠北湖产业园的资源，打造线路板产业基地。", PLACES)
    assert ("线路板产业基地", "inPark", "江北开发区") in facts
    assert ("线路板产业基地", "inPark", "北湖产业园") not in facts
    assert not any(p == "inPark" for _s, p, _o in _facts("江北开发区发布公告，打造线路板产业基地。", PLACES))


def test_programmes_serving_a_goal() -> None:
    known = [KnownEntity("goal/city", "Goal", "现代产业强市", ("现代产业强市",))]
    facts = _facts("我市以建设现代产业强市为主抓手，着力实施“八大工程”。", known)
    assert ("八大工程", "partOf", "现代产业强市") in facts
    assert not _facts("我市以创新为主抓手，着力实施“八大工程”。", known)


def test_instruments_and_quoted_aims_of_a_members_section() -> None:
    text = ("### 实施“两大工程”\n\n#### 工程一：实施资金“保障工程”\n\n探索设立科技成果转化基金，完善天使基金和风险补偿基金体系，"
            "打造“一小时服务圈”。\n\n#### 工程二：实施质量“提升工程”\n\n引导企业建立标准体系。\n")
    facts = _facts(text)
    assert {("科技成果转化基金", "partOf", "资金“保障工程”"), ("天使基金和风险补偿基金体系", "partOf", "资金“保障工程”"),
            ("一小时服务圈", "partOf", "资金“保障工程”")} <= facts
    assert not any(s == "标准体系" for s, _p, _o in facts)  # too short to be an instrument's name
    assert not any(s == "科技成果转化基金" for s, _p, _o in _facts("探索设立科技成果转化基金。"))  # no section: no whole


def test_plain_numbered_headings_and_far_bracket_ordinals() -> None:
    text = ("关于加快发展的意见（以下简称《意见》）出台。《关于加快发展的意见》（以下简称《意见》）印发。\n"
            "一、明确“两大目标”\n目标一：产值翻番\n目标二：企业倍增\n")
    facts = _facts(text)
    assert ("两大目标", "partOf", "关于加快发展的意见") in facts and ("产值翻番", "partOf", "关于加快发展的意见") in facts
    far = "我市实施“三大工程”。" + "园区建设稳步推进，企业发展势头良好。" * 20 + "\n（一）优化营商环境\n"
    assert not any(o == "三大工程" for _s, _p, o in _facts(far))  # a bracket ordinal far from the programme
    near = "我市实施“三大工程”：\n（一）优化营商环境\n（二）强化要素保障\n（三）提升服务水平\n"
    assert ("强化要素保障", "partOf", "三大工程") in _facts(near)


def test_a_new_heading_ends_the_programme_before_it() -> None:
    text = ("我市推进“五大行动”，即产业链建设行动、园区提质行动、科技创新行动、开放崛起行动和营商环境优化行动。\n"
            "二、主要任务\n（一）推动产业升级。加快建设动力谷。\n（二）深化改革开放。\n")
    facts = _facts(text)
    assert ("园区提质行动", "partOf", "五大行动") in facts
    assert not any(o == "五大行动" and "产业升级" in s for s, _p, o in facts)
    assert _conf(text, "园区提质行动") == 0.7  # five found, as the name says
    near = "我市推进“两大行动”：\n（一）推动产业升级。加快建设动力谷。\n（二）深化改革开放。\n"
    assert ("推动产业升级", "partOf", "两大行动") in _facts(near)  # the heading, not its body


def test_relying_on_a_place_and_on_its_advantages() -> None:
    known = PLACES + [KnownEntity("place/r", "Place", "滨江路", ("滨江路",))]
    assert ("滨江文旅走廊", "locatedIn", "滨江路") in _facts("滨江文旅走廊依托滨江路，全长8公里。", known)
    assert not _facts("滨江文旅走廊依托滨江路沿线的文化资源发展。", known)


def test_parts_of_a_code_explained_by_the_names_they_are() -> None:
    text = "园区已形成“一核两翼”发展格局，“一核”即九华片区，“两翼”即天易片区和昭山片区。"
    facts = _facts(text)
    assert {("九华片区", "partOf", "一核两翼"), ("天易片区", "partOf", "一核两翼"), ("昭山片区", "partOf", "一核两翼")} <= facts
    assert not _facts("园区已形成“一核两翼”发展格局，“一核”即加快发展。")


def test_the_park_a_sentence_opens_with_holds_for_its_list() -> None:
    facts = _facts("北湖产业园的恒光、建衡等企业产值增长较快。", PLACES)
    assert {("恒光", "inPark", "北湖产业园"), ("建衡", "inPark", "北湖产业园")} <= facts


def test_members_counted_off_with_yi_shi() -> None:
    facts = _facts("今年重点抓好“三大任务”：一是优化营商环境，减少审批；二是强化要素保障；三是提升服务水平。")
    assert {("优化营商环境", "partOf", "三大任务"), ("强化要素保障", "partOf", "三大任务"),
            ("提升服务水平", "partOf", "三大任务")} <= facts
    assert not _facts("今年重点抓好三项工作：一是优化营商环境；二是强化要素保障。")  # no counted name


# parks referred back to, counted firms, parts, names inside names (issue 15, general rules)
PARKS = [KnownEntity("park/qs", "Park", "青山高新技术产业开发区", ("青山高新技术产业开发区",)),
         KnownEntity("park/qsz", "Park", "青山经开区", ("青山经开区",)),
         KnownEntity("ent/a", "Enterprise", "甲化学", ("甲化学",)),
         KnownEntity("ent/b", "Enterprise", "乙电子", ("乙电子",)),
         KnownEntity("ent/c", "Enterprise", "丙包装", ("丙包装",)),
         KnownEntity("place/hn", "Place", "湖南省", ("湖南省", "湖南"))]


def test_a_bare_park_word_means_the_park_of_the_title() -> None:
    text = ("青山高新技术产业开发区简介\n青山高新技术产业开发区规划面积20平方公里。\n"
            "园区龙头企业甲化学主要生产钛白粉。园区内的乙电子生产电路板。")
    assert {("甲化学", "inPark", "青山高新技术产业开发区"), ("乙电子", "inPark", "青山高新技术产业开发区")} <= _facts(text, PARKS)
    # no park in the title or the first sentence: nothing to refer back to; a longer word (各类园区) is no reference
    assert not {f for f in _facts("关于企业的报告\n园区内的乙电子生产电路板。", PARKS) if f[1] == "inPark"}
    assert not {f for f in _facts("青山经开区简介\n全省各类园区内的乙电子生产电路板。", PARKS) if f[1] == "inPark"}


def test_a_bare_park_word_means_the_park_named_before_it_in_the_sentence() -> None:
    text = "青山经开区相关负责人介绍，园区内的甲化学增长较快。"
    assert ("甲化学", "inPark", "青山经开区") in _facts(text, PARKS)
    assert ("甲化学", "inPark", "青山经开区") not in _facts("青山经开区相关负责人介绍，甲化学增长较快。", PARKS)


def test_parts_counted_after_xiaxia_of_the_park_referred_to() -> None:
    text = "青山经开区简介\n青山经开区创建于2010年。园区下辖北湖片区、东城片区两个片区。"
    facts = _facts(text, PARKS)
    assert {("北湖片区", "partOf", "青山经开区"), ("东城片区", "partOf", "青山经开区")} <= facts
    types = {e.label: e.type for e in analyse(text, PARKS).entities}
    assert types["北湖片区"] == "Park"
    # parts counted with no park's word (五个乡镇) are made no parks
    assert not {e.label for e in analyse("青山县下辖城关镇、东湖乡五个乡镇。", []).entities if e.type == "Park"}


def test_a_park_lying_in_a_park_is_part_of_it() -> None:
    known = PARKS + [KnownEntity("park/bz", "Park", "青山综合保税区", ("青山综合保税区",))]
    text = "青山综合保税区于2018年获批设立，位于青山高新技术产业开发区内。"
    assert ("青山综合保税区", "partOf", "青山高新技术产业开发区") in _facts(text, known)
    assert not _facts("青山综合保税区于2018年获批设立，进出口增长较快。", known)
    # 位于P的X: the firm is in the park
    assert ("甲化学", "inPark", "青山经开区") in _facts("位于青山经开区的甲化学今年投产。", PARKS)


def test_firms_listed_after_a_count_of_a_parks_firms() -> None:
    text = "截至2023年底，青山经开区累计入驻企业50家，其中乙电子、丙包装等企业已建成投产。"
    assert {("乙电子", "inPark", "青山经开区"), ("丙包装", "inPark", "青山经开区")} <= _facts(text, PARKS)
    # a count of the city's firms puts them in no park
    assert not _facts("截至2023年底，全市累计新增企业50家，其中乙电子、丙包装等企业已建成投产。", PARKS)


def test_the_texts_own_short_name_wins_over_a_known_namesake() -> None:
    known = PARKS + [KnownEntity("park/other", "Park", "某市综合保税区", ("某市综合保税区", "综保区"))]
    text = "青山综合保税区（以下简称“综保区”）设立于2018年。综保区累计入驻企业50家，其中乙电子等企业已投产。"
    a = analyse(text, known)
    label = {e.candidate: e.label for e in a.entities}
    assert {(r.subject, r.object) for r in a.relations if r.property == "inPark"} \
        == {("ent/b", next(c for c, x in label.items() if x == "青山综合保税区"))}


def test_an_office_named_inside_a_bodys_name_is_part_of_it() -> None:
    known = [KnownEntity("org/p", "GovernmentBody", "市政协", ("市政协",)),
             KnownEntity("org/pt", "GovernmentBody", "市政协提案委", ("市政协提案委",)),
             KnownEntity("org/pm", "GovernmentBody", "青山经开区管委会", ("青山经开区管委会",))]
    facts = _facts("市政协第0215号提案的答复。抄送：市政协提案委。", known)
    assert ("市政协提案委", "partOf", "市政协") in facts
    assert ("市政协提案委", "partOf", "市政协") in _facts("抄送：市政协提案委。", known)  # the body known
    assert not _facts("抄送：市政协提案委。", known[1:])  # the body neither named nor known
    # a park's management committee is no part of the park
    assert not {f for f in _facts("青山经开区管委会发布通知，青山经开区发展良好。", known + PARKS) if f[1] == "partOf"}


def test_a_park_named_inside_a_parks_name_is_part_of_it() -> None:
    known = PARKS + [KnownEntity("park/chem", "Park", "青山经开区化工园区", ("青山经开区化工园区",))]
    assert ("青山经开区化工园区", "partOf", "青山经开区") in _facts("青山经开区化工园区是青山经开区的一部分。", known)
    # the park whose name it begins with need not be named alone when the graph knows it
    assert ("青山经开区化工园区", "partOf", "青山经开区") in _facts("青山经开区化工园区规划面积5平方公里。", known)
    others = [k for k in known if k.id != "park/qsz"]
    assert not {f for f in _facts("青山经开区化工园区规划面积5平方公里。", others) if f[1] == "partOf"}


def _flows(text: str, known: list[KnownEntity]) -> set[tuple[str, str, str]]:
    a = analyse(text, known)
    label = {e.candidate: e.label for e in a.entities} | {k.id: k.label for k in known}
    return {(label.get(f.supplier, f.supplier), label.get(f.consumer, f.consumer), f.material["label"]) for f in a.flows}


def test_a_firm_provides_a_material_to_another() -> None:
    assert _flows("园区内的甲化学为乙电子提供电子级氢氟酸。", PARKS) == {("甲化学", "乙电子", "电子级氢氟酸")}
    assert not _flows("甲化学为乙电子提供融资服务。", PARKS)  # a service, no material


def test_its_by_product_supplied_to_a_firm() -> None:
    text = "甲化学主要生产钛白粉，其副产的硫酸供应给乙电子。"
    assert _flows(text, PARKS) == {("甲化学", "乙电子", "硫酸")}
    assert not _flows("甲化学主要生产钛白粉，硫酸供应紧张。", PARKS)


def test_firms_named_again_by_the_head_of_their_names() -> None:
    known = PARKS + [KnownEntity("ent/hf", "Enterprise", "湖南恒丰新材料股份有限公司", ("湖南恒丰新材料股份有限公司",)),
                     KnownEntity("ent/qs", "Enterprise", "青山明达化工有限公司", ("青山明达化工有限公司",))]
    text = "湖南恒丰新材料股份有限公司与青山明达化工有限公司签约。湖南恒丰利用青山明达的硫酸和锰盐生产正极材料。"
    assert _flows(text, known) == {("青山明达化工有限公司", "湖南恒丰新材料股份有限公司", "硫酸"),
                                   ("青山明达化工有限公司", "湖南恒丰新材料股份有限公司", "锰盐")}
    # the place alone (湖南) is no short name of the firm
    assert not _flows("湖南恒丰新材料股份有限公司签约。湖南利用青山明达的硫酸。", known[:-1])


def test_what_starts_or_is_built_in_a_park_is_in_it() -> None:
    known = PARKS + [KnownEntity("proj/x", "Project", "长盛锂电池材料项目", ("长盛锂电池材料项目",)),
                     KnownEntity("base/y", "IndustrialBase", "长盛电池生产基地", ("长盛电池生产基地",))]
    assert ("长盛锂电池材料项目", "inPark", "青山经开区") in _facts("近日，长盛锂电池材料项目在青山经开区正式开工。", known)
    assert ("长盛电池生产基地", "inPark", "青山经开区") in _facts("乙电子将在青山经开区投资50亿元建设长盛电池生产基地。", known)
    # a firm meeting in the park (举行签约仪式) is not said to be in it; nor one that builds there
    assert not {f for f in _facts("甲化学在青山经开区举行签约仪式。", known) if f[1] == "inPark"}
    assert ("乙电子", "inPark", "青山经开区") not in _facts("乙电子将在青山经开区投资50亿元建设长盛电池生产基地。", known)


def test_firms_named_after_a_park_and_in_or_its_firms() -> None:
    assert {("甲化学", "inPark", "青山经开区"), ("乙电子", "inPark", "青山经开区")} <= _facts(
        "青山经开区内的甲化学和乙电子产值增长。", PARKS)
    assert ("乙电子", "inPark", "青山经开区") in _facts("青山经开区龙头企业乙电子今年扩产。", PARKS)
    assert not _facts("青山经开区和乙电子签订协议书。", PARKS) - {("青山经开区", "partner", "乙电子")}


def test_firms_counted_as_signed_in_a_park() -> None:
    known = PARKS + [KnownEntity("proj/x", "Project", "长盛锂电池材料项目", ("长盛锂电池材料项目",))]
    assert ("长盛锂电池材料项目", "inPark", "青山经开区") in _facts(
        "青山经开区新签约项目12个，其中长盛锂电池材料项目总投资超过30亿元。", known)
    assert not _facts("全市新签约项目12个，其中长盛锂电池材料项目总投资超过30亿元。", known)


def test_a_firm_supplies_a_material_to_another_with_xiang() -> None:
    assert _flows("甲化学向乙电子稳定供应正极材料。", PARKS) == {("甲化学", "乙电子", "正极材料")}
    assert not _flows("甲化学向乙电子提供技术服务。", PARKS)


def test_a_bare_park_word_in_news_means_the_park_named_last() -> None:
    text = ("青山县：新项目签约\n4月1日，长盛集团签订投资协议，项目落户青山经开区。项目建成后，"
            "园区内的乙电子将扩产。")
    assert ("乙电子", "inPark", "青山经开区") in _facts(text, PARKS)
    # a park named as a title to win (创建国家级园区) is not the one meant
    known = PARKS + [KnownEntity("park/g", "Park", "绿色化工园区", ("绿色化工园区",))]
    assert ("乙电子", "inPark", "绿色化工园区") not in _facts("青山县：争创绿色化工园区。\n园区内的乙电子将扩产。", known)


def test_a_parks_firms_counted_with_their_kind() -> None:
    text = "青山经开区现有规模以上工业企业86家，其中甲化学、乙电子等企业满负荷生产。"
    assert {("甲化学", "inPark", "青山经开区"), ("乙电子", "inPark", "青山经开区")} <= _facts(text, PARKS)


def test_parts_of_the_park_a_sentence_opens_with() -> None:
    known = PARKS + [KnownEntity("park/w", "Park", "浯溪工业园", ("浯溪工业园",)),
                     KnownEntity("park/l", "Park", "黎家坪工业园", ("黎家坪工业园",))]
    text = "青山经开区位于青山县城区东部，包括浯溪工业园、黎家坪工业园两个园区。"
    assert {("浯溪工业园", "partOf", "青山经开区"), ("黎家坪工业园", "partOf", "青山经开区")} <= _facts(text, known)
    assert not {f for f in _facts("青山经开区位于青山县城区东部。浯溪工业园、黎家坪工业园发展较快。", known)
                if f[1] == "partOf"}


def test_flows_to_a_firm_in_the_park_and_from_a_firm_named_without_its_place() -> None:
    known = PARKS + [KnownEntity("ent/x", "Enterprise", "湖南星光科技有限公司", ("湖南星光科技有限公司",)),
                     KnownEntity("ent/y", "Enterprise", "衡南金源化工有限公司", ("衡南金源化工有限公司",)),
                     KnownEntity("place/hn2", "Place", "衡南县", ("衡南县",))]
    assert _flows("甲化学将为园区内的乙电子提供电解液。", PARKS) == {("甲化学", "乙电子", "电解液")}
    text = "湖南星光科技有限公司、衡南金源化工有限公司满负荷生产。金源化工的副产盐酸供应给星光科技。"
    assert _flows(text, known) == {("衡南金源化工有限公司", "湖南星光科技有限公司", "盐酸")}
    assert not _flows("湖南星光科技有限公司满负荷生产。金源的盐酸供应给星光。", known)  # two characters name no firm


def test_counted_programmes_in_a_county_feature() -> None:
    facts = _facts("青山县实施“三大工程”。一是实施产业链提升工程，引进企业20家；二是实施园区提质工程，完善配套。")
    assert {("产业链提升工程", "partOf", "三大工程"), ("园区提质工程", "partOf", "三大工程")} <= facts
    facts = _facts("青山县实施“三大行动”，分别是招商攻坚行动、项目提速行动和环境优化行动。")
    assert ("环境优化行动", "partOf", "三大行动") in facts
    facts = _facts("青山县启动“两大攻坚”。\n1. 招商引资攻坚。全年引进项目30个。\n2. 园区扩容攻坚。\n")
    assert {("招商引资攻坚", "partOf", "两大攻坚"), ("园区扩容攻坚", "partOf", "两大攻坚")} <= facts
    # numbered lines with no counted programme before them are no members
    assert not _facts("青山县工作要点。\n1. 招商引资攻坚。全年引进项目30个。\n2. 园区扩容攻坚。\n")


def test_firms_settling_after_adverbs_and_signing() -> None:
    facts = _facts("甲化学、乙电子等企业相继签约落户青山经开区。", PARKS)
    assert {("甲化学", "inPark", "青山经开区"), ("乙电子", "inPark", "青山经开区")} <= facts
    assert not {f for f in _facts("甲化学、乙电子等企业相继签约。", PARKS) if f[1] == "inPark"}


def test_a_project_named_after_a_park_is_in_it() -> None:
    known = PARKS + [KnownEntity("proj/it", "Project", "青山经开区信息技术产业园", ("青山经开区信息技术产业园",))]
    assert ("青山经开区信息技术产业园", "inPark", "青山经开区") in _facts("推进青山经开区信息技术产业园建设。", known)
    others = [k for k in known if k.id != "park/qsz"]
    assert not _facts("推进青山经开区信息技术产业园建设。", others)


def test_qu_nei_after_a_district_means_the_district() -> None:
    known = PARKS + [KnownEntity("place/ty", "Place", "天元区", ("天元区",))]
    assert ("甲化学", "inPark", "青山经开区") in _facts("青山经开区简介\n天元区经济增长较快。区内企业甲化学扩产。", PARKS)
    assert ("甲化学", "inPark", "青山经开区") not in _facts("青山经开区简介\n天元区经济增长较快。区内企业甲化学扩产。", known)
    # 园区 is a park whatever place was named last
    known2 = known + [KnownEntity("place/hn", "Place", "湖南省", ("湖南省",))]
    assert ("甲化学", "inPark", "青山经开区") in _facts("青山经开区简介\n青山经开区是湖南省首批园区。园区企业甲化学扩产。", known2)


def test_flows_bought_piped_and_made_by_another() -> None:
    assert _flows("乙电子从甲化学采购高纯硅。", PARKS) == {("甲化学", "乙电子", "高纯硅")}
    assert _flows("甲化学的氯气通过管道输送至乙电子。", PARKS) == {("甲化学", "乙电子", "氯气")}
    assert _flows("乙电子利用甲化学生产的氢氟酸制造芯片。", PARKS) == {("甲化学", "乙电子", "氢氟酸")}
    assert not _flows("乙电子从甲化学采购服务。", PARKS) and not _flows("甲化学生产的氯气输送至园区。", PARKS)


def test_a_firm_makes_its_product_of_another_firms_material() -> None:
    text = "北湖高新区内的湖南青禾药业有限公司以金穗米业的碎米为原料生产淀粉。"
    assert _flows(text, []) == {("金穗米业", "湖南青禾药业有限公司", "碎米")}
    assert not _flows("湖南青禾药业有限公司以市场需求为导向，金穗米业扩产。", [])  # 为导向: no material


def test_what_a_firm_needs_supplied_by_another() -> None:
    text = "湖南星辰电器股份有限公司满负荷运转。公司所需的电极箔主要由园区内的南山市华瑞电子有限公司供应。"
    assert _flows(text, []) == {("华瑞电子有限公司", "湖南星辰电器股份有限公司", "电极箔")}
    assert not _flows("湖南星辰电器股份有限公司扩产。公司所需的资金由南山农商银行提供。", [])  # money is no material
