"""The curated facts of document 003 (the 《意见》 of 市委十一届九次全会 on a strong modern-industry city).

Pins representative facts of each kind: the policy and its issuer, its goals, layouts and
programmes, quantified targets (number, ratio, conflicting figures), the eight industrial bases
with what they support, the "一轴三廊" corridors, the 布局四 chain scheme and its links to the 2021
chains, the 布局五 towns, projects and capacities, parks and places, recognitions, and the
provenance (documented / editorial) that the statements carry.
"""

from __future__ import annotations

from .sparql_helpers import one as _one
from .sparql_helpers import values as _values

DOC003 = "https://w3id.org/hykg/id/doc/003_e5cf64c1269dc84a"
ID = "https://w3id.org/hykg/id/"
H = "https://w3id.org/hykg/ont#"




# ---------------------------------------------------------------- the policy

def test_policy_title_issuer_and_abbreviation(kg) -> None:
    row = _one(kg, """
        SELECT ?title ?issuer ?alias WHERE {
          policy:modern-industry-opinions a hykg:PolicyDocument ; dcterms:title ?title ;
              hykg:issuedBy ?issuer ; skos:altLabel ?alias .
        }""")
    assert row["title"] == "中共衡阳市委关于贯彻新发展理念大力建设现代产业强市的意见"
    assert row["issuer"] == ID + "org/hengyang-cpc"
    assert row["alias"] == "意见"


def test_policy_issue_date_and_number_are_not_stated(kg) -> None:
    assert _values(kg, "policy:modern-industry-opinions", "hykg:notStated") == {
        "http://purl.org/dc/terms/issued", H + "number"}


def test_four_goals_five_layouts_eight_programmes_are_parts_of_the_policy(kg) -> None:
    for group, cls, n in (("goal:four-goals", "hykg:Goal", 4), ("layout:five-layouts", "hykg:Layout", 5),
                          ("goal:eight-programmes", "hykg:Programme", 8)):
        rows = kg.select(f"""
            SELECT DISTINCT ?m WHERE {{
              {group} hykg:includes ?m . ?m a {cls} ; dcterms:isPartOf policy:modern-industry-opinions .
            }}""")
        assert len(rows) == n, (group, rows)


def test_programme_labels_in_both_languages(kg) -> None:
    row = _one(kg, """
        SELECT ?zh ?en WHERE {
          prog:jinsui-finance rdfs:label ?zh , ?en .
          FILTER(lang(?zh) = "zh" && lang(?en) = "en")
        }""")
    assert row["zh"] == "资金保障“金穗工程”"
    assert row["en"].startswith("Programme 7")


# ---------------------------------------------------------------- targets

def test_industrial_growth_target_value_unit_qualifier_deadline(kg) -> None:
    row = _one(kg, """
        SELECT ?ind ?v ?unit ?q ?year ?area WHERE {
          target:scale-industry-va-growth-2025 hykg:indicator ?ind ; hykg:value ?v ; hykg:unit ?unit ;
              hykg:qualifier ?q ; hykg:deadline ?year ; hykg:area ?area .
        }""")
    assert row["ind"] == "规模工业增加值年均增长"
    assert float(row["v"]) == 9
    assert row["unit"] == "%"
    assert row["q"] == "at_least"
    assert row["year"] == "2025"
    assert row["area"] == ID + "place/hengyang"


def test_target_is_set_by_its_goal_and_by_the_policy(kg) -> None:
    setters = {r["s"] for r in kg.select(
        "SELECT ?s WHERE { ?s hykg:setsTarget target:rd-intensity-2025 }")}
    assert setters == {ID + "goal/industrial-innovation", ID + "policy/modern-industry-opinions"}
    row = _one(kg, "SELECT ?v ?q WHERE { target:rd-intensity-2025 hykg:value ?v ; hykg:qualifier ?q }")
    assert (float(row["v"]), row["q"]) == (3, "about")


def test_sector_structure_target_is_a_ratio_text(kg) -> None:
    row = _one(kg, "SELECT ?t WHERE { target:industry-structure-2025 hykg:valueText ?t }")
    assert row["t"] == "6.5:38.5:55"
    assert _values(kg, "target:industry-structure-2025", "hykg:value") == set()


def test_new_scale_firms_targets_of_003_and_002_are_kept_apart(kg) -> None:
    rows = kg.select("""
        SELECT ?t ?v ?doc WHERE {
          VALUES ?t { target:new-scale-firms-yearly target:new-scale-firms-annual }
          ?t hykg:value ?v .
          ?st rdf:subject ?t ; rdf:predicate hykg:value ; rdf:object ?v ; prov:wasDerivedFrom ?doc .
        }""")
    by_target = {r["t"].rsplit("/", 1)[1]: (float(r["v"]), r["doc"].rsplit("/", 1)[1]) for r in rows}
    assert by_target == {
        "new-scale-firms-yearly": (200, "003_e5cf64c1269dc84a"),
        "new-scale-firms-annual": (150, "002_1c68d8dfbd77d31d"),
    }


def test_logistics_cost_ratio_target_is_documented_with_its_span(kg) -> None:
    row = _one(kg, f"""
        SELECT ?v ?qual ?q WHERE {{
          target:logistics-cost-ratio-2025 hykg:value ?v ; hykg:qualifier ?qual .
          ?st rdf:subject target:logistics-cost-ratio-2025 ; rdf:predicate hykg:value ; rdf:object ?v ;
              prov:wasDerivedFrom <{DOC003}> ; hykg:quote ?q ; hykg:statementStatus hykg:documented .
        }}""")
    assert float(row["v"]) == 14.5
    assert row["qual"] == "below"
    assert "14.5%以下" in row["q"]


def test_tourism_targets_exceed_one_hundred_million_visits_and_1200_yi(kg) -> None:
    visits = _one(kg, "SELECT ?v ?u ?q WHERE { target:tourists-2025 hykg:value ?v ; hykg:unit ?u ; hykg:qualifier ?q }")
    revenue = _one(kg, "SELECT ?v ?u WHERE { target:tourism-revenue-2025 hykg:value ?v ; hykg:unit ?u }")
    assert (float(visits["v"]), visits["u"], visits["q"]) == (1, "亿人次", "exceed")
    assert (float(revenue["v"]), revenue["u"]) == (1200, "亿元")


def test_quality_award_target_concerns_a_national_recognition(kg) -> None:
    row = _one(kg, """
        SELECT ?t ?level ?zh WHERE {
          target:china-quality-award-2025 hykg:valueText ?t ; hykg:concerns ?h .
          ?h hykg:level ?level ; rdfs:label ?zh . FILTER(lang(?zh) = "zh")
        }""")
    assert row == {"t": "零的突破", "level": "national", "zh": "中国质量奖"}


# ---------------------------------------------------------------- the eight bases

def test_eight_bases_are_grouped_and_each_sets_a_target(kg) -> None:
    rows = kg.select("""
        SELECT DISTINCT ?b WHERE {
          goal:eight-bases hykg:includes ?b . ?b a hykg:IndustrialBase ; hykg:setsTarget ?t .
        }""")
    assert len(rows) == 8


def test_nonferrous_base_supports_its_enterprises_and_targets_800_yi(kg) -> None:
    supported = _values(kg, "base:nonferrous-alloy", "hykg:supports")
    assert {ID + "ent/minmetals", ID + "ent/hunan-rare-earth-alloy", ID + "park/hengdong-edz",
            ID + "park/songmu", ID + "proj/minmetals-nonferrous-base"} <= supported
    row = _one(kg, """
        SELECT ?v ?u ?q ?y WHERE {
          base:nonferrous-alloy hykg:setsTarget ?t .
          ?t hykg:value ?v ; hykg:unit ?u ; hykg:qualifier ?q ; hykg:deadline ?y .
        }""")
    assert (float(row["v"]), row["u"], row["q"], row["y"]) == (800, "亿元", "reach", "2025")


def test_chemical_base_supports_an_enterprise_declared_by_document_000(kg) -> None:
    assert ID + "ent/ruida-power" in _values(kg, "base:chem-new-materials", "hykg:supports")


def test_tungsten_base_sits_in_the_hengdong_zone_in_hengdong_county(kg) -> None:
    assert _values(kg, "base:tungsten-processing", "hykg:inPark") == {ID + "park/hengdong-edz"}
    assert _values(kg, "park:hengdong-edz", "hykg:locatedIn") == {ID + "place/hengdong"}
    assert _values(kg, "park:hengdong-edz", "hykg:kind") == {"econ_dev_zone"}


def test_byd_rail_park_status_enterprise_and_output_target(kg) -> None:
    row = _one(kg, """
        SELECT ?status ?firm ?v WHERE {
          proj:byd-rail-park hykg:status ?status ; hykg:byEnterprise ?firm .
          ?t hykg:concerns proj:byd-rail-park ; hykg:value ?v .
        }""")
    assert row["status"] == "under_construction"
    assert row["firm"] == ID + "ent/byd"
    assert float(row["v"]) == 200


def test_wm_motor_project_capacity_statistic(kg) -> None:
    row = _one(kg, """
        SELECT ?v ?u ?firm ?en WHERE {
          stat:wm-motor-capacity hykg:value ?v ; hykg:unit ?u ; hykg:concerns ?p .
          ?p hykg:byEnterprise ?firm . ?firm rdfs:label ?en . FILTER(lang(?en) = "en")
        }""")
    assert (float(row["v"]), row["u"]) == (30, "万台")
    assert row["firm"] == ID + "ent/wm-motor"
    assert row["en"] == "WM Motor"


def test_auto_parts_firm_is_on_the_layout4_auto_chain(kg) -> None:
    assert ID + "chain/l4-auto-rail" in _values(kg, "ent:tianyan", "hykg:onChain")
    assert ID + "ent/tianyan" in _values(kg, "base:auto", "hykg:supports")


def test_digital_base_partners_and_hitech_zone_projects(kg) -> None:
    partners = _values(kg, "base:digital-economy", "hykg:partner")
    assert {ID + "ent/tencent", ID + "ent/huawei", ID + "ent/jd", ID + "ent/alibaba"} <= partners
    assert _values(kg, "proj:hitech-blockchain-park", "hykg:inPark") == {ID + "park/hengyang-hitech"}


def test_wharves_are_located_in_their_counties(kg) -> None:
    assert _values(kg, "proj:qidong-guiyang-wharf", "hykg:locatedIn") == {ID + "place/qidong"}
    assert _values(kg, "proj:hengdong-dapu-wharf", "hykg:locatedIn") == {ID + "place/hengdong"}


def test_land_port_logistics_hub_recognises_hengyang(kg) -> None:
    row = _one(kg, "SELECT ?r ?l WHERE { honor:land-port-logistics-hub hykg:recipient ?r ; hykg:level ?l }")
    assert row == {"r": ID + "place/hengyang", "l": "national"}


# ---------------------------------------------------------------- 一轴三廊, chains, towns

def test_one_axis_three_corridors_and_their_roads(kg) -> None:
    members = _values(kg, "layout:one-axis-three-corridors", "hykg:includes")
    assert members == {ID + "corridor/xiangjiang-green-axis", ID + "corridor/sci-tech",
                       ID + "corridor/advanced-manufacturing", ID + "corridor/consumer-goods"}
    assert _values(kg, "corridor:advanced-manufacturing", "hykg:locatedIn") == {ID + "place/zhengxiang-south-road"}
    assert _values(kg, "corridor:sci-tech", "hykg:locatedIn") == {ID + "place/hengzhou-avenue"}
    assert ID + "layout/axis-corridors" in _values(kg, "layout:one-axis-three-corridors", "dcterms:isPartOf")


def test_layout4_scheme_has_eight_chains_linked_to_2021(kg) -> None:
    rows = kg.select("SELECT ?c WHERE { ?c skos:inScheme scheme:layout4-chains }")
    assert len(rows) == 8
    assert _values(kg, "chain:l4-chem-new-materials", "skos:exactMatch") == {ID + "chain/chem-new-materials"}
    assert _values(kg, "chain:l4-nonferrous-alloy", "skos:closeMatch") == {ID + "chain/nonferrous-alloy"}
    assert _values(kg, "chain:l4-auto-rail", "skos:closeMatch") == {ID + "chain/auto", ID + "chain/rail-machinery"}


def test_chain_match_is_editorial_with_a_rationale(kg) -> None:
    row = _one(kg, """
        SELECT ?why WHERE {
          ?st rdf:subject chain:l4-nonferrous-alloy ; rdf:predicate skos:closeMatch ;
              rdf:object chain:nonferrous-alloy ; hykg:statementStatus hykg:editorial ; hykg:rationale ?why .
        }""")
    assert "有色金属及新型合金" in row["why"]


def test_layout5_names_twelve_characteristic_towns(kg) -> None:
    rows = kg.select("""
        SELECT ?t WHERE { ?t a hykg:CharacteristicTown ; dcterms:isPartOf layout:characteristic-towns }""")
    assert len(rows) == 12
    assert _values(kg, "town:eyewear", "hykg:industry") == {"眼镜"}
    row = _one(kg, "SELECT ?v ?q WHERE { layout:characteristic-towns hykg:setsTarget ?t . ?t hykg:value ?v ; hykg:qualifier ?q }")
    assert (float(row["v"]), row["q"]) == (1, "at_least")


# ---------------------------------------------------------------- identities left open

def test_two_science_city_names_are_only_possibly_the_same(kg) -> None:
    row = _one(kg, """
        SELECT ?why WHERE {
          park:hengyang-science-city hykg:possiblySameAs park:hengshan-science-city .
          ?st rdf:subject park:hengyang-science-city ; rdf:predicate hykg:possiblySameAs ;
              hykg:statementStatus hykg:editorial ; hykg:rationale ?why .
        }""")
    assert "衡山科学城" in row["why"]
    labels = {r["zh"] for r in kg.select("""
        SELECT ?zh WHERE { VALUES ?p { park:hengyang-science-city park:hengshan-science-city }
                           ?p rdfs:label ?zh . FILTER(lang(?zh) = "zh") }""")}
    assert labels == {"衡阳科学城", "衡山科学城"}
