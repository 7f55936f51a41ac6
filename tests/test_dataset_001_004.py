"""The curated facts of documents 001 (H1 2021 economy) and 004 (2020 year-end project review).

Pins representative facts of each kind: batches, projects, statistics, parks and the corridor,
enterprises, people and posts, recognitions, the 2020 cluster scheme and its links to the 2021
chains, and the provenance (documented / editorial) that the statements carry.
"""

from __future__ import annotations

import pytest

from .sparql_helpers import one as _one
from .sparql_helpers import values as _values

DOC001 = "https://w3id.org/hykg/id/doc/001_8f848b891b383a44"
DOC004 = "https://w3id.org/hykg/id/doc/004_a94a2d5cae1ad98b"
ID = "https://w3id.org/hykg/id/"




# ---------------------------------------------------------------- project batches

def test_batch_2021_06_21_has_date_count_and_investment(kg) -> None:
    row = _one(kg, """
        SELECT ?date ?count ?inv ?unit ?zh WHERE {
          batch:2021-06-21 a hykg:ProjectBatch ; hykg:date ?date ; hykg:count ?count ;
                           hykg:investment ?inv ; hykg:unit ?unit ; rdfs:label ?zh .
          FILTER(lang(?zh) = "zh")
        }""")
    assert row["date"] == "2021-06-21"
    assert int(row["count"]) == 120
    assert float(row["inv"]) == 408
    assert row["unit"] == "亿元"
    assert row["zh"] == "衡阳市2021年二季度重大项目集中开工活动"


def test_batch_2020_03_03_is_documented_by_document_004(kg) -> None:
    row = _one(kg, f"""
        SELECT ?count ?inv ?q WHERE {{
          batch:2020-03-03 hykg:count ?count ; hykg:investment ?inv .
          ?st rdf:subject batch:2020-03-03 ; rdf:predicate hykg:investment ; rdf:object ?inv ;
              prov:wasDerivedFrom <{DOC004}> ; hykg:quote ?q ; hykg:statementStatus hykg:documented .
        }}""")
    assert int(row["count"]) == 112
    assert float(row["inv"]) == 521.1
    assert "521.1亿元" in row["q"]


def test_two_batches_of_2021_total_and_annual_plan(kg) -> None:
    row = _one(kg, """
        SELECT ?count ?inv ?annual WHERE {
          batch:2021-two-batches hykg:count ?count ; hykg:investment ?inv ; hykg:annualInvestment ?annual .
        }""")
    assert (int(row["count"]), float(row["inv"]), float(row["annual"])) == (222, 941, 351)


def test_q2_batch_inside_the_two_batches_is_editorial(kg) -> None:
    row = _one(kg, """
        SELECT ?why WHERE {
          ?st rdf:subject batch:2021-two-batches ; rdf:predicate hykg:includes ;
              rdf:object batch:2021-06-21 ; hykg:statementStatus hykg:editorial ; hykg:rationale ?why .
        }""")
    assert "逐季" in row["why"]


def test_ahead_of_schedule_list_names_the_corridor_and_tbea_park(kg) -> None:
    members = _values(kg, "batch:2021-ahead-of-schedule", "hykg:includes")
    assert {ID + "corridor/hengzhou-avenue", ID + "proj/tbea-5g-park", ID + "proj/nanyue-airport-expansion",
            ID + "proj/shuikoushan-extension", ID + "proj/township-sewage"} == members
    assert _values(kg, "batch:2021-ahead-of-schedule", "hykg:count") == {"183"}


# ---------------------------------------------------------------- projects

def test_byd_vehicle_lamps_project_in_production(kg) -> None:
    row = _one(kg, """
        SELECT ?status ?ent ?year WHERE {
          proj:byd-vehicle-lamps hykg:status ?status ; hykg:byEnterprise ?ent ; hykg:year ?year .
        }""")
    assert row == {"status": "in_production", "ent": ID + "ent/byd", "year": "2020"}
    cap = _one(kg, "SELECT ?v ?u WHERE { stat:byd-vehicle-lamps-capacity hykg:value ?v ; hykg:unit ?u }")
    assert float(cap["v"]) == 40 and cap["u"] == "万副"


def test_projects_started_in_2020(kg) -> None:
    rows = kg.select("""
        SELECT ?p WHERE { ?p hykg:status "started" ; hykg:year ?y . FILTER(str(?y) = "2020") }""")
    started = {r["p"] for r in rows}
    assert {ID + "proj/cailun-papermaking", ID + "proj/xinmaowei-5g-semiconductor",
            ID + "proj/yto-xiangnan-logistics"} <= started


def test_oct_resort_phase2_by_oct(kg) -> None:
    assert _values(kg, "proj:oct-resort-phase2", "hykg:byEnterprise") == {ID + "ent/oct"}


def test_1more_cluster_project_alias_and_status_from_004(kg) -> None:
    assert "万魔声学智造群项目" in _values(kg, "proj:1more-zhizaoqun", "skos:altLabel")
    row = _one(kg, f"""
        SELECT ?status WHERE {{
          ?st rdf:subject proj:1more-zhizaoqun ; rdf:predicate hykg:status ; rdf:object ?status ;
              prov:wasDerivedFrom <{DOC004}> .
        }}""")
    assert row["status"] == "in_production"
    days = _one(kg, "SELECT ?v ?u WHERE { stat:1more-smart-mfg-days hykg:value ?v ; hykg:unit ?u }")
    assert float(days["v"]) == 20 and days["u"] == "天"


# ---------------------------------------------------------------- statistics

def test_hitech_investment_growth_jan_may_2021(kg) -> None:
    row = _one(kg, """
        SELECT ?v ?u ?period ?area WHERE {
          stat:hitech-investment-growth-2021m1-5 hykg:value ?v ; hykg:unit ?u ;
              hykg:period ?period ; hykg:area ?area .
        }""")
    assert float(row["v"]) == 135.2
    assert row["u"] == "%"
    assert row["period"] == "2021-01/2021-05"
    assert row["area"] == ID + "place/hengyang"


def test_q1_new_projects_rank_second_in_province(kg) -> None:
    row = _one(kg, """
        SELECT ?v ?rank ?period WHERE {
          stat:new-projects-50m-2021q1 hykg:value ?v ; hykg:rank ?rank ; hykg:period ?period .
        }""")
    assert (float(row["v"]), int(row["rank"]), row["period"]) == (223, 2, "2021-Q1")


def test_double_digit_growth_is_text_not_a_number(kg) -> None:
    row = _one(kg, """
        SELECT ?vt WHERE { stat:fai-growth-2021m1-5 hykg:valueText ?vt .
                           FILTER NOT EXISTS { stat:fai-growth-2021m1-5 hykg:value ?v } }""")
    assert row["vt"] == "两位数增长"


def test_city_key_projects_2020(kg) -> None:
    inv = _one(kg, "SELECT ?v ?u ?p WHERE { stat:city-key-projects-investment-2020 hykg:value ?v ; hykg:unit ?u ; hykg:period ?p }")
    assert float(inv["v"]) == 595.92 and inv["u"] == "亿元" and inv["p"] == "2020"
    share = _one(kg, "SELECT ?v WHERE { stat:city-key-projects-task-share-change-2020 hykg:value ?v ; hykg:unit \"个百分点\" }")
    assert float(share["v"]) == 44.3


def test_hitech_output_exceeds_1000_yi(kg) -> None:
    row = _one(kg, "SELECT ?v ?q WHERE { stat:hitech-output-2020 hykg:value ?v ; hykg:qualifier ?q }")
    assert float(row["v"]) == 1000 and row["q"] == "exceed"


def test_nanyue_airport_has_18_routes(kg) -> None:
    row = _one(kg, """
        SELECT ?v ?q WHERE { stat:nanyue-airport-routes-2020 hykg:value ?v ; hykg:qualifier ?q ;
                                 hykg:concerns place:nanyue-airport }""")
    assert float(row["v"]) == 18 and row["q"] == "reach"


def test_corridor_length_and_area(kg) -> None:
    rows = kg.select("""
        SELECT ?v ?u WHERE { ?s hykg:concerns corridor:hengzhou-avenue ; hykg:value ?v ; hykg:unit ?u }""")
    got = {(float(r["v"]), r["u"]) for r in rows}
    assert {(23.0, "公里"), (50.0, "平方公里"), (45.0, "个"), (17.0, "个"), (860.0, "家")} <= got


# ---------------------------------------------------------------- layout, parks, corridor

def test_881314_layout_is_declared_from_001(kg) -> None:
    row = _one(kg, f"""
        SELECT ?zh ?q WHERE {{
          layout:881314 a hykg:Layout ; rdfs:label ?zh . FILTER(lang(?zh) = "zh")
          ?st rdf:subject layout:881314 ; rdf:predicate rdf:type ; prov:wasDerivedFrom <{DOC001}> ;
              hykg:quote ?q .
        }}""")
    assert row["zh"] == "“881314”产业发展格局"
    assert "881314" in row["q"]


def test_corridor_spans_four_districts_and_counties(kg) -> None:
    places = _values(kg, "corridor:hengzhou-avenue", "hykg:locatedIn")
    assert {ID + "place/zhuhui", ID + "place/yanfeng", ID + "place/zhengxiang", ID + "place/hengnan"} <= places


def test_corridor_parks_are_part_of_the_corridor(kg) -> None:
    rows = kg.select("""
        SELECT ?zh WHERE { ?p a hykg:Park ; dcterms:isPartOf corridor:hengzhou-avenue ; rdfs:label ?zh .
                           FILTER(lang(?zh) = "zh") }""")
    names = {r["zh"] for r in rows}
    assert {"湘南湘西高新软件园", "高新电商产业园", "颐高数字产业园", "区块链产业园",
            "极地加智慧医疗产业园", "移动互联网产业园"} <= names


def test_software_parks_are_possibly_the_same_not_merged(kg) -> None:
    row = _one(kg, """
        SELECT ?why WHERE {
          park:xiangnan-hitech-software hykg:possiblySameAs park:xiangnan-xiangxi-hitech-software .
          ?st rdf:subject park:xiangnan-hitech-software ; rdf:predicate hykg:possiblySameAs ;
              rdf:object park:xiangnan-xiangxi-hitech-software ;
              hykg:statementStatus hykg:editorial ; hykg:rationale ?why .
        }""")
    assert "湘南湘西高新软件园" in row["why"]


def test_glasses_town_alias_and_demo_site(kg) -> None:
    assert "眼镜小镇" in _values(kg, "town:glasses", "skos:altLabel")
    assert _values(kg, "park:hongfu-glasses-demo", "dcterms:isPartOf") == {ID + "town/glasses"}


def test_xiangnan_textile_base_is_the_denim_town(kg) -> None:
    assert "牛仔小镇" in _values(kg, "base:xiangnan-textile", "skos:altLabel")


# ---------------------------------------------------------------- enterprises

def test_1more_in_hengshan_science_city_and_on_electronic_info_chain(kg) -> None:
    assert ID + "park/hengshan-science-city" in _values(kg, "ent:1more", "hykg:inPark")
    row = _one(kg, """
        SELECT ?q WHERE { ?st rdf:subject ent:1more ; rdf:predicate hykg:onChain ;
                              rdf:object chain:electronic-info ; hykg:quote ?q }""")
    assert "电子信息产业链" in row["q"]


def test_digital_economy_firms_brought_to_the_corridor(kg) -> None:
    rows = kg.select("""
        SELECT ?zh WHERE { ?e a hykg:Enterprise ; hykg:inPark corridor:hengzhou-avenue ; rdfs:label ?zh .
                           FILTER(lang(?zh) = "zh") }""")
    assert {"华为", "中兴", "腾讯", "博思软件", "科大讯飞", "光云科技", "海康威视"} <= {r["zh"] for r in rows}


def test_english_names_of_official_firms(kg) -> None:
    row = _one(kg, """
        SELECT ?en ?kind WHERE { ent:iflytek rdfs:label ?en ; hykg:enKind ?kind . FILTER(lang(?en) = "en") }""")
    assert row == {"en": "iFLYTEK", "kind": "official"}


# ---------------------------------------------------------------- people and posts

def test_lei_peng_is_foxconn_hengyang_external_relations_director(kg) -> None:
    row = _one(kg, """
        SELECT ?post ?org ?zh WHERE {
          ?post org:heldBy person:lei-peng ; org:postIn ?org ; org:role role:external-relations-director ;
                rdfs:label ?zh . FILTER(lang(?zh) = "zh")
        }""")
    assert row["org"] == ID + "ent/foxconn"
    assert row["zh"] == "富士康科技集团衡阳园区外联总监"


def test_photographer_post_does_not_state_the_organisation(kg) -> None:
    assert _values(kg, "post:doc004-photographer", "hykg:notStated") == {"http://www.w3.org/ns/org#postIn"}
    assert _values(kg, "post:doc004-photographer", "org:heldBy") == {ID + "person/luo-meng"}


# ---------------------------------------------------------------- recognitions

def test_5g_iiot_demo_factories_are_provincial(kg) -> None:
    assert _values(kg, "honor:5g-iiot-demo-factories", "hykg:level") == {"provincial"}
    assert _values(kg, "honor:5g-iiot-demo-factories", "hykg:recipient") == {
        ID + "proj/hengyang-zhizaogu", ID + "proj/tbea-yunji-5g-factory"}


def test_ecommerce_rural_demo_list_2021(kg) -> None:
    assert _values(kg, "honor:ecommerce-rural-demo-2021", "hykg:recipient") == {
        ID + "place/hengyang-county", ID + "place/changning"}
    assert _values(kg, "honor:ecommerce-rural-demo-2021", "hykg:level") == {"national"}


def test_digital_new_infra_list_recipients_not_stated(kg) -> None:
    assert "https://w3id.org/hykg/ont#recipient" in _values(kg, "honor:digital-new-infra-100", "hykg:notStated")


# ---------------------------------------------------------------- chains and the 2020 clusters

def test_2020_scheme_has_eight_clusters(kg) -> None:
    rows = kg.select("""
        SELECT ?c WHERE { ?c a hykg:IndustrialCluster ; skos:inScheme scheme:clusters-2020 }""")
    assert len(rows) == 8
    assert _values(kg, "scheme:clusters-2020", "hykg:count") == {"8"}


@pytest.mark.parametrize("cluster, chain", [
    ("nonferrous", "nonferrous-alloy"),
    ("nev", "auto"),
    ("rail-transit", "rail-machinery"),
    ("fine-chemicals", "chem-new-materials"),
    ("textile-apparel", "light-textile"),
    ("all-area-tourism", "culture-tourism"),
    ("camellia-agri", "green-food"),
])
def test_cluster_close_match_to_2021_chain_is_editorial(kg, cluster: str, chain: str) -> None:
    row = _one(kg, f"""
        SELECT ?why WHERE {{
          cluster:{cluster} skos:closeMatch chain:{chain} .
          ?st rdf:subject cluster:{cluster} ; rdf:predicate skos:closeMatch ; rdf:object chain:{chain} ;
              hykg:statementStatus hykg:editorial ; hykg:rationale ?why .
        }}""")
    assert row["why"]


def test_military_civil_fusion_has_no_2021_chain(kg) -> None:
    assert kg.select("SELECT ?x WHERE { cluster:military-civil-fusion skos:closeMatch|skos:exactMatch ?x }") == []


def test_both_documents_name_chains_of_the_2021_scheme(kg) -> None:
    rows = kg.select("""
        SELECT ?chain ?doc WHERE {
          ?st rdf:subject scheme:chains-2021 ; rdf:predicate hykg:includes ; rdf:object ?chain ;
              prov:wasDerivedFrom ?doc .
        }""")
    by_doc: dict[str, set[str]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], set()).add(r["chain"].rsplit("/", 1)[-1])
    assert by_doc[DOC001] == {"green-food", "auto", "biomedicine"}
    assert by_doc[DOC004] == {"green-food", "light-textile", "auto", "biomedicine"}
