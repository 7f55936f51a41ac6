"""Entity rules of ingest on short texts of our own: suffix names, bodies, lists, neighbours, phases, descriptions."""

from __future__ import annotations

from hykg.curation.ingest_entities import KnownEntity, find_entities
from hykg.curation.ingest_text import normalise

KNOWN = [KnownEntity("ent/xinghe", "Enterprise", "星河电工", ("星河电工",)),
         KnownEntity("ent/tx", "Enterprise", "腾讯", ("腾讯",)),
         KnownEntity("ent/jd", "Enterprise", "京东", ("京东",)),
         KnownEntity("ent/hw", "Enterprise", "华为", ("华为",)),
         KnownEntity("mat/clothes", "Product", "服装", ("服装",)),
         KnownEntity("place/beishan-airport", "Place", "北山机场", ("北山机场",)),
         KnownEntity("place/changhu", "Place", "长湖市", ("长湖市", "长湖")),
         KnownEntity("proj/xiangjiang-ext", "Project", "湘江产业延伸", ("湘江产业延伸",))]


def _found(text: str) -> dict[str, str]:
    """New candidates (and possible identities) by label: their type."""
    return {e.label: e.type for e in find_entities(normalise(text), KNOWN) if not e.known}


def test_suffix_the_longest_name_wins_and_a_firm_at_its_head_is_kept() -> None:
    found = _found("东源科技集团长湖园区外联总监介绍,天津奥瑞克电梯工厂项目已签约。")
    assert found["东源科技集团长湖园区"] == "Park"
    assert found["东源科技集团"] == "Enterprise"
    assert found["天津奥瑞克电梯工厂项目"] == "Project"
    assert "天津奥瑞克电梯工厂" not in found
    # a company word inside the suffix (物流 of 物流中心) is no firm
    assert "长湖物流" not in _found("推进长湖物流中心建设。")


def test_suffix_a_phase_belongs_to_the_project_and_the_park_before_it_is_kept() -> None:
    found = _found("北岭服饰园标准厂房(二期)主体完工。")
    assert found["北岭服饰园标准厂房(二期)"] == "Project"
    assert found["北岭服饰园"] == "Park"
    # 与 just before a suffix joins two things, not the parts of one name
    assert not _found("银行机构与园区签订合作协议。")


def test_government_bodies_with_their_level_and_office_suffixes() -> None:
    found = _found("对市政协第5号提案的答复\n来源:工业园区科\n抄送:市政府办(2),市政协提案委(2)。民建长湖市委:")
    for body in ("市政协", "工业园区科", "市政府办", "市政协提案委", "民建长湖市委"):
        assert found[body] == "GovernmentBody", body
    assert "抄送:市政府办" not in found
    found = _found("承办单位:市投资促进局。请于5月底前报市发展改革委。")
    assert found["市投资促进局"] == found["市发展改革委"] == "GovernmentBody"
    assert _found("三一集团、中联重科、山河智能等企业。")["中联重科"] == "Enterprise"  # 科 in a firm's word
    # 布局, 格局: ordinary words ending in 局
    assert not _found("优化我市产业布局,打造现代产业发展新格局。")
    # the segmenter cuts 市工/信局: the unknown words are the body's name
    found = _found("近日,长湖市发改委、市工信局联合印发通知。")
    assert found["市工信局"] == found["长湖市发改委"] == "GovernmentBody"


def test_enumeration_with_a_free_modifier_and_a_merchants_noun() -> None:
    found = _found("引进甲乙软件、丙丁科技等30余家数字经济引领型企业。高效接洽青禾联、云帆堡等20余批意向客商。")
    assert {found.get(n) for n in ("甲乙软件", "丙丁科技", "青禾联", "云帆堡")} == {"Enterprise"}
    # a list of industries before 产业集群 or 项目 names no entity
    assert not _found("推动军工装备、油茶等农副产品种植加工等8个千亿级产业集群发展。")
    assert not _found("新引进陶瓷、烟花、电子信息等产业项目32个。")
    found = _found("该市农行、建行、工行等金融机构加大信贷投放。")
    assert {found.get(n) for n in ("农行", "建行", "工行")} == {"FinancialInstitution"}
    assert "该市农行" not in found


def test_enumeration_the_firm_at_the_head_of_a_capacity() -> None:
    found = _found("推动星驰智电年产3000辆新能源客车、蓝岭新材150亿瓦时电池等项目达产。")
    assert found["星驰智电"] == "Enterprise"
    assert "蓝岭新材150亿瓦时电池" not in found
    assert not any(label.startswith("年产") for label in found)
    assert not _found("重点推进年产10万吨锂电池、年产5000台工程机械等项目建设。")  # capacities, no names


def test_short_bank_names_in_a_list() -> None:
    found = _found("获得了国开行、农发行等50亿元贷款。")
    assert found["国开行"] == found["农发行"] == "FinancialInstitution"
    assert not _found("工作正在进行、试运行顺利。")


def test_neighbours_of_a_known_firm_in_a_list_are_firms() -> None:
    found = _found("支持北辰电网、星河电工进行充电桩建设。深化与腾讯、京东华为以及深兰科技等企业合作。")
    assert found["北辰电网"] == "Enterprise"
    assert found["深兰科技"] == "Enterprise"
    assert "京东华为" not in found  # two known firms side by side
    # common words next to a firm are no firms
    assert not _found("园区为星河电工、人才、资金等要素提供保障。")
    # a list naming a product is a list of industries
    assert "军民融合" not in _found("推动军民融合、纺织服装、星河电工发展。")


def test_a_known_project_with_a_phase_and_a_known_place_that_is_the_project_name() -> None:
    found = _found("湘江产业延伸(一期)开工,推进北山机场扩建、湘江走廊等项目。")
    assert found["湘江产业延伸(一期)"] == "Project"
    assert found["北山机场扩建"] == "Project"
    assert "扩建" not in found


def test_a_description_before_a_base_is_kept_unless_a_name_follows_it() -> None:
    found = _found("打造以新能源汽车为引领的区域性汽车产业基地。打造以电池板块为主的瑞丰电源核心产业基地。")
    assert found["以新能源汽车为引领的区域性汽车产业基地"] == "IndustrialBase"
    assert found["瑞丰电源核心产业基地"] == "IndustrialBase"
    assert not any(label.startswith("以电池") for label in found)
    found = _found("打造以覆铜面板、线路板产业链为主的长湖星辰电子产业园和华中最大的盐卤化工基地。")
    assert found["长湖星辰电子产业园"] == "Park"
    assert found["华中最大的盐卤化工基地"] == "IndustrialBase"


def test_quotes_inside_a_name_and_a_function_word_glued_to_it() -> None:
    found = _found("签约“星乐园”文旅康养产业园。深化同中核集团的战略合作。")
    assert found["“星乐园”文旅康养产业园"] == "Park"
    assert found["中核集团"] == "Enterprise"
    assert "同中核集团" not in found
    # a name cut inside a quotation is no name
    assert not any("灯塔工厂" in label for label in _found("推进工业富联“灯塔工厂”应用。"))


def test_a_firm_honoured_as_one_and_an_item_glued_to_its_etc() -> None:
    found = _found("成效明显。星岭机油泵获评为第五批制造业单项冠军示范企业,我市企业入选百强企业。")
    assert found["星岭机油泵"] == "Enterprise"
    assert not any("我市" in label for label in found)
    # the segmenter joins 城等; the item still ends before 等
    found = _found("接洽青禾联、浙江义乌小商品城等20余批意向客商。")
    assert found["浙江义乌小商品城"] == "Enterprise"


def test_kinds_and_counts_are_no_names() -> None:
    found = _found("引进中航集团、京东集团等“三类500强”项目26个。争创“五好”园区,建设八大基地。东至湘江,西至长湖大学。")
    assert found["长湖大学"] == "AcademicInstitution"
    assert found["中航集团"] == "Enterprise"
    assert not any(k in label for label in found for k in ("三类500强", "五好", "八大", "西至"))


def test_a_company_word_alone_is_no_short_form_of_a_known_firm() -> None:
    known = [KnownEntity("ent/jg", "Enterprise", "湖南精工", ("湖南精工",)),
             KnownEntity("ent/hl", "Enterprise", "湖南华菱", ("湖南华菱",))]
    labels = {e.label for e in find_entities(normalise("精工制造水平提升,华菱产值增长。"), known)}
    assert "华菱" in labels and "精工" not in labels


def test_a_verb_between_two_names_parts_them_and_a_state_firm_keeps_its_head() -> None:
    found = _found("长湖星岭钢铁有限责任公司携手长湖经开区共建产业园。国家电投集团签署协议。")
    assert found["长湖星岭钢铁有限责任公司"] == "Enterprise"
    assert found["长湖经开区"] == "Park"
    assert found["国家电投集团"] == "Enterprise"
    assert not any("携手" in label for label in found)


def test_a_function_word_a_supply_verb_or_a_kind_of_firm_before_a_name_is_not_its() -> None:
    found = _found("园区骨干企业青山电子股份有限公司的盐酸供应给长丰化工有限公司,而北辰刀具股份有限公司扩产。")
    for firm in ("青山电子股份有限公司", "长丰化工有限公司", "北辰刀具股份有限公司"):
        assert found[firm] == "Enterprise", firm
    assert not any(label.startswith(("园区", "盐酸", "而")) for label in found)
    # a heading's ordinal in brackets is no part of a name; a place in brackets is
    found = _found("（三）园区提质。星河(长湖)实业有限公司投产。")
    assert found["星河(长湖)实业有限公司"] == "Enterprise"
    assert not any(label.startswith("（") for label in found)


def test_a_verb_the_segmenter_joins_to_a_known_name_after_a_park() -> None:
    known = [*KNOWN, KnownEntity("goal/national", "Goal", "创建国家级园区", ("创建国家级园区",))]
    found = {e.label: e.type for e in find_entities(normalise("推动长湖高新技术产业开发区创建国家级园区。"), known)
             if not e.known}
    assert found == {"长湖高新技术产业开发区": "Park"}


def test_bank_branches_export_zones_and_areas_are_named_whole_kinds_of_park_are_not() -> None:
    found = _found("交通银行长湖分行、农业银行北山支行与长湖出口加工区、东湖片区签约。")
    assert found["交通银行长湖分行"] == found["农业银行北山支行"] == "FinancialInstitution"
    assert found["长湖出口加工区"] == found["东湖片区"] == "Park"
    assert "交通银行" not in found
    # a kind of park (level, kind and industry words only) or a count of areas names no park
    assert not _found("是首批认定的化工园区,建成国家级绿色化工园区,下辖两个片区和出口加工区。")


def test_a_park_named_in_full_before_a_longer_park_name_is_kept() -> None:
    found = _found("长湖经济技术开发区化工园区规划面积12平方公里。")
    assert found["长湖经济技术开发区化工园区"] == found["长湖经济技术开发区"] == "Park"


def test_a_company_word_after_a_product_word_is_no_firm_a_known_place_before_it_is_the_firms() -> None:
    found = _found("生产磷酸铁锂正极材料。长湖青禾新材料年产3万吨树脂项目开工。")
    assert "正极材料" not in found
    assert found["长湖青禾新材料"] == "Enterprise"
    assert found["长湖青禾新材料年产3万吨树脂项目"] == "Project"


def test_a_firms_project_and_a_long_project_name_with_its_verbs_are_kept_whole() -> None:
    found = _found("引进长湖星驰汽车股份有限公司配套项目。支持星河化工公司建设己内酰胺产业链搬迁与升级转型发展项目。")
    assert found["长湖星驰汽车股份有限公司配套项目"] == "Project"
    assert found["长湖星驰汽车股份有限公司"] == "Enterprise"
    assert found["己内酰胺产业链搬迁与升级转型发展项目"] == "Project"
    assert "配套项目" not in found and "发展项目" not in found
    # 与 after a stop word still parts two things
    assert not _found("推进园区与项目建设。")


def test_the_parties_of_a_supply_named_by_what_one_gives_the_other() -> None:
    found = _found("园区内的时代电气为北辰株机提供牵引变流器。")
    assert found["时代电气"] == found["北辰株机"] == "Enterprise"
    # common words around 为…提供 name no firm
    assert not _found("园区为周边企业提供优质服务。")


def test_a_short_form_of_a_new_firm_later_in_the_text_is_its_alias() -> None:
    text = "长湖裕能新能源电池材料股份有限公司投产。长湖裕能利用硫酸生产正极材料。"
    firm = next(e for e in find_entities(normalise(text), KNOWN) if e.label.startswith("长湖裕能新能源"))
    assert firm.aliases == ["长湖裕能"]
    assert [m.span for m in firm.mentions] == ["长湖裕能新能源电池材料股份有限公司", "长湖裕能"]
    # the head of a branch's name is the bank (a name of its own), a place and a common word no short form
    for text in ("中国银行长湖分行开业。中国银行加大投放。", "中国石化长岭石化公司扩产。中国石化签约。"):
        assert all(not e.aliases for e in find_entities(normalise(text), KNOWN)), text


def test_a_name_the_text_introduces_as_short_is_not_a_known_entity_of_that_name() -> None:
    known = [*KNOWN, KnownEntity("park/bonded", "Park", "综保区", ("综保区",))]
    found = find_entities(normalise("北山综合保税区（以下简称“综保区”）获批。综保区进出口增长。"), known)
    assert [e.label for e in found] == ["北山综合保税区"]
    assert [m.span for m in found[0].mentions] == ["北山综合保税区", "综保区"]
    # without an introduction the known name is linked
    assert [e.linked for e in find_entities(normalise("综保区进出口增长。"), known)] == ["park/bonded"]


def test_a_firm_found_alone_inside_a_full_name_and_a_parks_short_suffix_are_aliases() -> None:
    text = "长湖经济技术开发区引进湖南青禾米业股份有限公司。青禾米业的稻壳供应园区,长湖经开区产值增长。"
    by = {e.label: e for e in find_entities(normalise(text), KNOWN)}
    assert by["湖南青禾米业股份有限公司"].aliases == ["青禾米业"]
    assert by["长湖经济技术开发区"].aliases == ["长湖经开区"]
    assert "青禾米业" not in by and "长湖经开区" not in by
    # another firm's or another park's name is no short form
    by = {e.label: e for e in find_entities(normalise("湖南青禾米业股份有限公司与金健米业合作,北山经开区。"
                                                      "长湖经济技术开发区扩区。"), KNOWN)}
    assert not any(e.aliases for e in by.values())


def test_a_known_alias_that_is_a_suffix_is_not_mentioned_inside_another_name() -> None:
    known = [*KNOWN, KnownEntity("park/hitech", "Park", "长湖国家高新区", ("长湖国家高新区", "高新区"))]
    found = find_entities(normalise("北湖高新区管委会牵头。"), known)
    assert [e.label for e in found] == ["北湖高新区管委会"]
    assert [e.linked for e in find_entities(normalise("高新区新增企业12家。"), known)] == ["park/hitech"]


def test_inside_words_counts_and_amounts_before_names() -> None:
    found = _found("区内星河重工有限公司扩产。园区下辖北区产业园、南区产业园两个专业园区。引进超十亿元项目8个。")
    assert found["星河重工有限公司"] == "Enterprise"
    assert found["北区产业园"] == found["南区产业园"] == "Park"
    assert not any(label.startswith("区内") or "两个" in label or "亿元" in label for label in found)
    # a firm's project may be long: its full name and what it builds
    found = _found("湖南青禾米业集团股份有限公司年产10万吨精米加工扩产项目开工。")
    assert found["湖南青禾米业集团股份有限公司年产10万吨精米加工扩产项目"] == "Project"
    assert found["湖南青禾米业集团股份有限公司"] == "Enterprise"


def test_every_body_a_kind_of_park_and_a_lead_verb_begin_no_name() -> None:
    found = _found("各乡镇人民政府、县人民政府:长湖是全省唯一的国家级临港高新区,正加快建设临港化工新材料产业园。")
    assert found["县人民政府"] == "GovernmentBody"
    assert found["临港化工新材料产业园"] == "Park"
    assert not any(label.startswith(("各", "国家级", "建设")) for label in found)
    # a known alias that is a suffix makes no longer name a possible identity
    known = [*KNOWN, KnownEntity("park/hitech", "Park", "长湖国家高新区", ("长湖国家高新区", "高新区"))]
    assert all(e.linked is None for e in find_entities(normalise("推动北湖临港高新区发展。"), known))


def test_introductions_every_one_and_a_park_with_a_word_after_it_are_no_names() -> None:
    found = _found("长湖高新技术产业开发区园区概况。北湖高新技术产业开发区(简称北湖高新区)成立。各县市区人民政府:")
    assert found["长湖高新技术产业开发区"] == found["北湖高新技术产业开发区"] == "Park"
    assert not any(label.startswith(("简称", "县市区")) or label.endswith("开发区园区") for label in found)
    # a park named by what it holds after its park's name is one
    assert _found("长湖经济技术开发区化工园区扩区。")["长湖经济技术开发区化工园区"] == "Park"


def test_a_verb_before_a_firm_a_bank_before_为_and_the_clauses_verb_before_a_kind() -> None:
    found = _found("盾构机则采用长湖市中力液压件有限公司的元件。交通银行长湖分行为园区项目提供贷款。")
    assert found["长湖市中力液压件有限公司"] == "Enterprise"
    assert found["交通银行长湖分行"] == "FinancialInstitution"
    assert not any("采用" in label or "为园区" in label for label in found)
    # 发展 right after the lead verb is the clause's verb: 特色产业园区 is a kind
    assert not _found("加快发展特色产业园区。")
    assert "数字经济创新发展示范基地" in _found("打造数字经济创新发展示范基地。")


def test_every_parks_committee_a_division_periods_and_one_of_a_kind() -> None:
    found = _found("各省级及以上产业园区管委会:请将材料报送省商务厅开发区处。举行第二季度项目签约,建设一个黄花菜交易中心。")
    assert found["省商务厅开发区处"] == "GovernmentBody"
    assert found["黄花菜交易中心"] == "Project"
    assert not any(label.endswith("管委会") or "季度" in label or label.startswith("一个") for label in found)
    assert found.get("长湖高新区管委会") is None and _found("长湖高新区管委会牵头。")["长湖高新区管委会"] == "GovernmentBody"


def test_a_firms_name_and_company_word_found_alone_later_are_its_alias() -> None:
    text = "湖南祁东宏泰黄花菜食品有限公司投产。宏泰食品为周边农户提供种苗。"
    by = {e.label: e for e in find_entities(normalise(text), KNOWN)}
    assert by["湖南祁东宏泰黄花菜食品有限公司"].aliases == ["宏泰食品"]
    by = {e.label: e for e in find_entities(normalise("湖南宏达食品有限公司投产。宏泰食品扩产。"), KNOWN)}
    assert not by["湖南宏达食品有限公司"].aliases and "宏泰食品" in by


def test_ministries_and_departments_an_institute_with_与_and_a_latin_name_before_brackets() -> None:
    found = _found("工业和信息化部、省委宣传部出席。中国科学院长湖光学精密机械与物理研究所支持。ABB（中国）有限公司签约。")
    assert found["工业和信息化部"] == found["省委宣传部"] == "GovernmentBody"
    assert found["中国科学院长湖光学精密机械与物理研究所"] == "AcademicInstitution"
    assert found["ABB（中国）有限公司"] == "Enterprise"
    assert "有限公司" not in found and "物理研究所" not in found
    # words ending in 部 and a part of a city are no names
    assert not _found("项目全部完成,西部地区内部管理加强,总部经济发展,干部队伍建设,南部片区。")


def test_a_bare_kind_word_is_not_a_known_park_where_the_text_names_its_own() -> None:
    known = [*KNOWN, KnownEntity("park/hitech", "Park", "长湖国家高新区", ("长湖国家高新区", "高新区"))]
    found = find_entities(normalise("北湖高新技术产业开发区(以下简称北湖高新区)扩区,高新区新增企业12家。"), known)
    assert not any(e.linked == "park/hitech" for e in found)
    found = find_entities(normalise("北湖经济技术开发区扩区,高新区新增企业12家。"), known)
    assert any(e.linked == "park/hitech" for e in found)  # no park of that kind named: the known one


def test_a_branch_holds_its_parents_full_name() -> None:
    found = _found("中国石油天然气股份有限公司湖南长湖销售分公司为园区企业提供燃料。")
    assert found["中国石油天然气股份有限公司湖南长湖销售分公司"] == "Enterprise"
    assert not any(label.startswith("石油") for label in found)
    # other firms' names stay within the usual length
    found = _found("支持长湖星河化工有限公司与北山远大精细化学品有限公司合作。")
    assert found["长湖星河化工有限公司"] == found["北山远大精细化学品有限公司"] == "Enterprise"


def test_a_firms_short_name_before_its_full_name_is_its_alias() -> None:
    by = {e.label: e for e in find_entities(normalise("星华集团扩产。湖南星华集团股份有限公司年产电容器10亿只。"), KNOWN)}
    assert by["湖南星华集团股份有限公司"].aliases == ["星华集团"]
    assert [m.span for m in by["湖南星华集团股份有限公司"].mentions] == ["星华集团", "湖南星华集团股份有限公司"]


def test_a_headlines_short_form_before_the_full_name_is_its_alias() -> None:
    text = "长湖电化:产值创新高\n长湖电化科技股份有限公司今年产值增长。"
    firm = next(e for e in find_entities(normalise(text), KNOWN) if e.label == "长湖电化科技股份有限公司")
    assert firm.aliases == ["长湖电化"] and [m.span for m in firm.mentions][0] == "长湖电化"


def test_after_consulting_会同_is_a_verb_before_a_county_body_and_a_county_elsewhere() -> None:
    found = _found("经会同县财政局研究,现答复如下。会同县人民政府印发通知。")
    assert found["县财政局"] == found["会同县人民政府"] == "GovernmentBody"
    assert "会同县财政局" not in found


def test_a_starting_verb_before_a_park_and_a_product_after_a_supply_verb() -> None:
    found = _found("园区新开工长湖宝丰汽车零部件产业园、强链补链项目。彩虹玻璃为星驰汽车提供车用玻璃。")
    assert found["长湖宝丰汽车零部件产业园"] == "Park"
    assert not any(label.startswith("园区") or label in ("车用玻璃", "强链补链项目") for label in found)
    assert _found("支持北辰玻璃扩产。")["北辰玻璃"] == "Enterprise"


def test_according_to_and_since_before_a_name_are_not_its() -> None:
    found = _found("据长湖星河科技股份有限公司介绍,据悉北辰化工有限公司投产。县自然资源局、长湖自贸区。")
    assert found["长湖星河科技股份有限公司"] == found["北辰化工有限公司"] == "Enterprise"
    assert found["县自然资源局"] == "GovernmentBody" and found["长湖自贸区"] == "Park"
    assert not any(label.startswith("据") for label in found)
