"""The curated facts of documents 000 (2024 Jan-Sep economy) and 002 (2021 reply to proposal No. 72).

Pins representative facts of each kind from data/curated/000_economy.yaml and
data/curated/002_parks_projects.yaml (plus what they add to shared.yaml): statistics with period and
area, signed projects and batches, clusters and their recognitions, the 2024 chain framing with no
members, mechanisms and their parts, achievements, parks and their planned upgrade, plans in draft,
key-project lists, targets (with the 150 vs 200 conflict kept), and provenance.
"""

from __future__ import annotations

from .sparql_helpers import one as _one
from .sparql_helpers import values as _values

DOC000 = "https://w3id.org/hykg/id/doc/000_77e32e1598185cb9"
DOC002 = "https://w3id.org/hykg/id/doc/002_1c68d8dfbd77d31d"
DOC003 = "https://w3id.org/hykg/id/doc/003_e5cf64c1269dc84a"
ID = "https://w3id.org/hykg/id/"
HYKG = "https://w3id.org/hykg/ont#"




# ================================================================ document 000: statistics

def test_gdp_jan_sep_2024(kg) -> None:
    row = _one(kg, """
        SELECT ?v ?unit ?period ?area ?ind WHERE {
          stat:gdp-2024q1q3 a hykg:Statistic ; hykg:value ?v ; hykg:unit ?unit ; hykg:period ?period ;
                            hykg:area ?area ; hykg:indicator ?ind .
        }""")
    assert float(row["v"]) == 3241.5
    assert row["unit"] == "亿元"
    assert row["period"] == "2024-01/2024-09"
    assert row["area"] == ID + "place/hengyang"
    assert row["ind"] == "地区生产总值"


def test_gdp_growth_is_its_own_percent_statistic(kg) -> None:
    row = _one(kg, """
        SELECT ?v ?unit ?ind WHERE { stat:gdp-growth-2024q1q3 hykg:value ?v ; hykg:unit ?unit ; hykg:indicator ?ind }""")
    assert (float(row["v"]), row["unit"], row["ind"]) == (4.9, "%", "地区生产总值同比增长")


def test_gdp_value_is_documented_by_document_000(kg) -> None:
    row = _one(kg, f"""
        SELECT ?q WHERE {{
          ?st rdf:subject stat:gdp-2024q1q3 ; rdf:predicate hykg:value ; prov:wasDerivedFrom <{DOC000}> ;
              hykg:quote ?q ; hykg:statementStatus hykg:documented .
        }}""")
    assert "3241.50亿元" in row["q"]


def test_2023_science_spending_and_rd_intensity(kg) -> None:
    row = _one(kg, "SELECT ?v ?p WHERE { stat:fiscal-sci-tech-2023 hykg:value ?v ; hykg:period ?p }")
    assert (float(row["v"]), row["p"]) == (21.22, "2023")
    row = _one(kg, "SELECT ?v ?u ?q WHERE { stat:rd-intensity-2023 hykg:value ?v ; hykg:unit ?u ; hykg:qualifier ?q }")
    assert (float(row["v"]), row["u"], row["q"]) == (2.0, "%", "reach")


def test_chain_output_jan_sep_2024_and_double_digit_chains(kg) -> None:
    assert {float(v) for v in _values(kg, "stat:chain-output-2024q1q3", "hykg:value")} == {1321.67}
    assert {float(v) for v in _values(kg, "stat:chain-output-growth-2024q1q3", "hykg:value")} == {6.85}
    row = _one(kg, "SELECT ?v ?u WHERE { stat:chains-double-digit-2024q1q3 hykg:value ?v ; hykg:unit ?u }")
    assert (float(row["v"]), row["u"]) == (4.0, "条")


def test_chain_output_links_to_2024_scheme_only_editorially(kg) -> None:
    row = _one(kg, """
        SELECT ?status WHERE {
          ?st rdf:subject stat:chain-output-2024q1q3 ; rdf:predicate hykg:concerns ;
              rdf:object scheme:chains-2024 ; hykg:statementStatus ?status .
        }""")
    assert row["status"] == HYKG + "editorial"


def test_circular_economy_rates_have_no_stated_period(kg) -> None:
    row = _one(kg, "SELECT ?v ?q WHERE { stat:msw-resource-rate hykg:value ?v ; hykg:qualifier ?q }")
    assert (float(row["v"]), row["q"]) == (85.2, "reach")
    assert _values(kg, "stat:msw-resource-rate", "hykg:notStated") == {HYKG + "period"}
    assert {float(v) for v in _values(kg, "stat:comprehensive-use-output", "hykg:value")} == {200.0}


# ================================================================ document 000: projects signed

def test_ten_billion_batch_count_and_members(kg) -> None:
    assert _values(kg, "batch:signed-10yi-2024q1q3", "hykg:count") == {"25"}
    assert _values(kg, "batch:signed-10yi-2024q1q3", "hykg:includes") == {
        ID + "proj/huanduoqi", ID + "proj/tbea-uhv-gis"}


def test_huanduoqi_is_signed_with_at_least_one_billion(kg) -> None:
    row = _one(kg, """
        SELECT ?inv ?unit ?q ?status ?zh WHERE {
          proj:huanduoqi hykg:investment ?inv ; hykg:unit ?unit ; hykg:qualifier ?q ; hykg:status ?status ;
                         rdfs:label ?zh . FILTER(lang(?zh) = "zh")
        }""")
    assert (float(row["inv"]), row["unit"], row["q"], row["status"]) == (10.0, "亿元", "at_least", "signed")
    assert row["zh"] == "“幻多奇”文旅康养产业园"


def test_tbea_gis_factory_enterprise_is_editorial(kg) -> None:
    row = _one(kg, """
        SELECT ?status ?why WHERE {
          ?st rdf:subject proj:tbea-uhv-gis ; rdf:predicate hykg:byEnterprise ; rdf:object ent:tbea ;
              hykg:statementStatus ?status ; hykg:rationale ?why .
        }""")
    assert row["status"] == HYKG + "editorial"
    assert "特变电工" in row["why"]


def test_top500_batch_total_and_groups(kg) -> None:
    row = _one(kg, "SELECT ?c ?inv WHERE { batch:top500-signed-2024q1q3 hykg:count ?c ; hykg:investment ?inv }")
    assert (int(row["c"]), float(row["inv"])) == (26, 123.0)
    assert _values(kg, "batch:top500-signed-2024q1q3", "hykg:partner") == {
        ID + "ent/zhonghang-group", ID + "ent/jd", ID + "ent/guizhou-phosphorus"}
    assert ID + "ent/jd" in _values(kg, "honor:sanlei-500", "hykg:recipient")


def test_jd_is_one_entity_across_documents(kg) -> None:
    assert _values(kg, "ent:jd", "skos:altLabel") == {"京东"}
    assert ID + "ent/jd" in _values(kg, "proj:jd-songmu-park", "hykg:byEnterprise")


# ================================================================ document 000: clusters

def test_uhv_cluster_won_2024_national_competition(kg) -> None:
    row = _one(kg, """
        SELECT ?level ?year ?date ?by WHERE {
          ?h a hykg:Recognition ; hykg:recipient cluster:hcz-uhv-transmission ; hykg:level ?level ;
             hykg:year ?year ; hykg:date ?date ; hykg:issuedBy ?by .
        }""")
    assert (row["level"], row["year"], row["date"]) == ("national", "2024", "2024-11-18")
    assert row["by"] == ID + "org/miit"


def test_cluster_levels(kg) -> None:
    rows = kg.select("""
        SELECT ?c ?level WHERE { ?h a hykg:Recognition ; hykg:recipient ?c ; hykg:level ?level .
                                 ?c a hykg:IndustrialCluster }""")
    levels = {r["c"][len(ID):]: r["level"] for r in rows}
    assert levels["cluster/next-gen-info-network"] == "national"
    assert levels["cluster/salt-brine-chem-materials"] == "provincial"
    assert levels["cluster/clock-watch"] == "provincial"
    assert levels["cluster/smart-av-products"] == "provincial"
    assert levels["cluster/steel-pipe-processing"] == "provincial"


def test_earlier_selections_have_no_stated_year(kg) -> None:
    row = _one(kg, "SELECT ?h WHERE { ?h hykg:recipient cluster:clock-watch }")
    assert _values(kg, f"<{row['h']}>", "hykg:notStated") == {HYKG + "year"}


# ================================================================ document 000: 2024 framing and mechanisms

def test_2024_scheme_has_fifteen_chains_and_no_members(kg) -> None:
    assert _values(kg, "scheme:chains-2024", "hykg:count") == {"15"}
    assert kg.select("SELECT ?c WHERE { ?c skos:inScheme scheme:chains-2024 }") == []
    assert _values(kg, "scheme:chains-2024", "hykg:notStated") == {HYKG + "includes"}
    assert _values(kg, "layout:yihe-liangdian-sanse-sixin", "hykg:count") == {"10"}


def test_five_systems_one_platform_parts(kg) -> None:
    rows = kg.select("""
        SELECT ?zh WHERE { ?m dcterms:isPartOf mech:five-systems-one-platform ; rdfs:label ?zh .
                           FILTER(lang(?zh) = "zh") }""")
    assert {r["zh"] for r in rows} == {"备案监督制", "承诺兑现制", "规模榜单制", "清单管理制", "现场观摩制", "云调度平台"}


def test_five_lists_one_map_parts(kg) -> None:
    rows = kg.select("""
        SELECT ?zh WHERE { ?m dcterms:isPartOf mech:five-lists-one-map ; rdfs:label ?zh .
                           FILTER(lang(?zh) = "zh") }""")
    assert {r["zh"] for r in rows} == {"发展目标清单", "在建重大项目清单", "招商引资重点项目清单", "重点问题清单",
                                       "可产业化的主要科研成果清单", "产业链上下游图谱"}


def test_chain_leaders_to_the_front_line_campaign(kg) -> None:
    row = _one(kg, """SELECT ?zh WHERE { prog:chain-leaders-frontline a hykg:Programme ; rdfs:label ?zh .
                                          FILTER(lang(?zh) = "zh") }""")
    assert row["zh"] == "“链长到一线”大抓落实行动"


# ================================================================ document 000: innovation

def test_ranking_94_in_2024_by_ccid(kg) -> None:
    row = _one(kg, "SELECT ?rank ?by ?who WHERE { honor:stci-top100-2024 hykg:rank ?rank ; hykg:issuedBy ?by ; hykg:recipient ?who }")
    assert (int(row["rank"]), row["by"], row["who"]) == (94, ID + "org/ccid", ID + "place/hengyang")
    assert "赛迪研究院" in _values(kg, f"<{ID}org/ccid>", "skos:altLabel")


def test_achievements_by_firm(kg) -> None:
    assert _values(kg, "tech:gdi", "hykg:achievedBy") == {ID + "ent/nanyue-ecu"}
    assert _values(kg, "tech:tbea-offshore-wind", "hykg:achievedBy") == {ID + "ent/tbea"}
    assert _values(kg, "tech:henggang-casing", "hykg:achievedBy") == {ID + "ent/henggang"}
    assert _values(kg, "tech:hengchundou-10", "hykg:notStated") == {HYKG + "achievedBy"}


def test_leimo_is_not_merged_with_leimu(kg) -> None:
    row = _one(kg, """
        SELECT ?why WHERE {
          ?st rdf:subject ent:leimo ; rdf:predicate hykg:possiblySameAs ; rdf:object ent:leimu ;
              hykg:statementStatus hykg:editorial ; hykg:rationale ?why .
        }""")
    assert "镭目科技" in row["why"]
    assert _values(kg, "ent:leimo", "hykg:inPark") == {ID + "park/smart-weighing"}
    assert _values(kg, "honor:leimo-provincial-major", "hykg:level") == {"provincial"}


def test_rd_and_technology_contracts_jan_sep_2024(kg) -> None:
    assert {float(v) for v in _values(kg, "stat:rd-investment-2024q1q3", "hykg:value")} == {105.99}
    assert {float(v) for v in _values(kg, "stat:tech-contracts-2024q1q3", "hykg:value")} == {309.0}


# ================================================================ document 002: parks and plans

def test_three_parks_to_become_national(kg) -> None:
    assert _values(kg, "goal:parks-national-upgrade", "hykg:supports") == {
        ID + "park/songmu", ID + "park/shuikoushan", ID + "park/xidu-hitech"}
    assert _values(kg, "goal:parks-national-upgrade", "hykg:level") == {"national"}


def test_shuikoushan_park_is_in_changning(kg) -> None:
    row = _one(kg, f"""
        SELECT ?q WHERE {{
          ?st rdf:subject park:shuikoushan ; rdf:predicate hykg:locatedIn ; rdf:object place:changning ;
              prov:wasDerivedFrom <{DOC002}> ; hykg:quote ?q .
        }}""")
    assert "常宁水口山经开区" in row["q"]


def test_park_plans_are_drafts_with_periods(kg) -> None:
    row = _one(kg, "SELECT ?s ?p ?t WHERE { policy:parks-14th-fyp hykg:status ?s ; hykg:period ?p ; dcterms:title ?t }")
    assert (row["s"], row["p"]) == ("draft", "2021/2025")
    assert row["t"] == "衡阳市“十四五”产业园区发展规划(2021-2025)"
    assert _values(kg, "policy:wuhao-parks-plan", "hykg:status") == {"draft"}
    assert _values(kg, "policy:transfer-plan-2020-2025", "hykg:period") == {"2020/2025"}


# ================================================================ document 002: key projects

def test_provincial_key_projects_2021(kg) -> None:
    row = _one(kg, "SELECT ?c ?a ?u ?y WHERE { batch:provincial-key-2021 hykg:count ?c ; hykg:annualInvestment ?a ; hykg:unit ?u ; hykg:year ?y }")
    assert (int(row["c"]), float(row["a"]), row["u"], row["y"]) == (17, 156.0, "亿元", "2021")
    members = _values(kg, "batch:provincial-key-2021", "hykg:includes")
    assert len(members) == 7
    assert {ID + "corridor/hengzhou-avenue", ID + "proj/tbea-5g-park", ID + "proj/shuikoushan-extension",
            ID + "proj/jd-songmu-park"} <= members


def test_municipal_key_projects_first_batch(kg) -> None:
    row = _one(kg, "SELECT ?c ?inv ?a WHERE { batch:municipal-key-2021-first hykg:count ?c ; hykg:investment ?inv ; hykg:annualInvestment ?a }")
    assert (int(row["c"]), float(row["inv"]), float(row["a"])) == (281, 3009.0, 641.43)
    assert ID + "proj/byd-smart-mfg-park" in _values(kg, "batch:municipal-key-2021-first", "hykg:includes")
    assert _values(kg, "proj:byd-smart-mfg-park", "hykg:byEnterprise") == {ID + "ent/byd"}


def test_key_project_progress_end_of_april(kg) -> None:
    row = _one(kg, "SELECT ?v ?p WHERE { stat:municipal-key-progress-2021-04 hykg:value ?v ; hykg:period ?p }")
    assert (float(row["v"]), row["p"]) == (37.4, "2021-01/2021-04")


# ================================================================ document 002: investment promotion

def test_signed_projects_followed_up(kg) -> None:
    for p in ("proj:nanjing-dasheng-agri-trade", "proj:junlian-hotel", "proj:tianjin-aoruike-elevator"):
        assert _values(kg, p, "hykg:status") == {"signed"}


def test_top500_contacts(kg) -> None:
    recipients = _values(kg, "honor:top500-2021-contacts", "hykg:recipient")
    assert len(recipients) == 8
    assert {ID + "ent/sf-express", ID + "ent/midea", ID + "ent/kingsoft-cloud"} <= recipients


def test_investment_models(kg) -> None:
    assert _values(kg, "mech:enclave-park-model", "hykg:concerns") == {ID + "park/shenzhen-sci-tech-park"}
    assert _values(kg, "mech:central-local-mixed-reform", "hykg:concerns") == {ID + "ent/oct"}
    assert ID + "ent/kuwa-robot" in _values(kg, "mech:up-model", "hykg:partner")


# ================================================================ document 002: recognitions and statistics

def test_single_champion_recognitions(kg) -> None:
    assert _values(kg, "honor:alum-single-champion", "hykg:recipient") == {ID + "mat/alum"}
    assert _values(kg, "honor:alum-single-champion", "hykg:level") == {"national"}
    assert ID + "mat/alum" in _values(kg, "ent:jianheng-industrial", "hykg:makes")
    row = _one(kg, """
        SELECT ?status WHERE { ?st rdf:subject honor:oil-pump-single-champion ; rdf:predicate hykg:level ;
                               hykg:statementStatus ?status }""")
    assert row["status"] == HYKG + "editorial"


def test_brand_pilot_firms(kg) -> None:
    assert _values(kg, "honor:brand-cultivation-pilot", "hykg:count") == {"4"}
    assert ID + "ent/nanyue-ecu" in _values(kg, "honor:brand-cultivation-pilot", "hykg:recipient")


def test_tbea_first_set_equipment(kg) -> None:
    row = _one(kg, "SELECT ?r ?c WHERE { honor:tbea-first-set hykg:recipient ?r ; hykg:count ?c }")
    assert (row["r"], int(row["c"])) == (ID + "ent/tbea", 3)


def test_hitech_firms_2020(kg) -> None:
    row = _one(kg, "SELECT ?v ?u ?p WHERE { stat:hitech-firms-2020-r72 hykg:value ?v ; hykg:unit ?u ; hykg:period ?p }")
    assert (float(row["v"]), row["u"], row["p"]) == (420.0, "家", "2020")
    assert {float(v) for v in _values(kg, "stat:hitech-output-2020-r72", "hykg:value")} == {1700.0}


def test_little_giant_share_is_text(kg) -> None:
    assert _values(kg, "stat:national-little-giants-share-2020-r72", "hykg:valueText") == {"八分之一"}


def test_old_industrial_base_city(kg) -> None:
    row = _one(kg, "SELECT ?c ?r WHERE { honor:old-industrial-base-city hykg:count ?c ; hykg:recipient ?r }")
    assert (int(row["c"]), row["r"]) == (26, ID + "place/hengyang")


# ================================================================ document 002: talent and next steps

def test_talent_policy_issued_2018(kg) -> None:
    row = _one(kg, "SELECT ?d WHERE { policy:talent-reform-opinions dcterms:issued ?d }")
    assert row["d"] == "2018-04-03"
    assert _values(kg, "policy:talent-reform-opinions", "hykg:issuedBy") == {
        ID + "org/hengyang-cpc", ID + "org/hengyang-gov"}
    row = _one(kg, "SELECT ?v ?q WHERE { mech:high-level-team-subsidy hykg:value ?v ; hykg:qualifier ?q }")
    assert (float(row["v"]), row["q"]) == (1.0, "max")


def test_new_scale_firms_target_150_kept_beside_200(kg) -> None:
    row = _one(kg, f"""
        SELECT ?v ?u ?q WHERE {{
          goal:reply72-next-4 hykg:setsTarget ?t . ?t hykg:value ?v ; hykg:unit ?u ; hykg:qualifier ?q .
          ?st rdf:subject ?t ; rdf:predicate hykg:value ; prov:wasDerivedFrom <{DOC002}> .
        }}""")
    assert (float(row["v"]), row["u"], row["q"]) == (150.0, "家", "at_least")
    assert _values(kg, "target:new-scale-firms-annual", "hykg:notStated") == {HYKG + "deadline"}
    others = kg.select(f"""
        SELECT ?v WHERE {{ ?t a hykg:Target ; hykg:value ?v .
          ?st rdf:subject ?t ; rdf:predicate hykg:value ; prov:wasDerivedFrom <{DOC003}> ; hykg:quote ?q .
          FILTER(CONTAINS(?q, "每年新增规模以上企业")) }}""")
    assert {float(r["v"]) for r in others} == {200.0}


def test_next_steps_refer_to_document_003_layout_and_bases(kg) -> None:
    concerns = _values(kg, "goal:reply72-next-1", "hykg:concerns")
    assert {ID + "layout/one-axis-three-corridors", ID + "goal/eight-bases", ID + "goal/eight-programmes"} <= concerns
    assert _values(kg, "goal:reply72-next-1", "hykg:supports") == {
        ID + "base/national-nonferrous-new-materials", ID + "base/south-seamless-pipe"}


def test_5g_coverage_target_deadline(kg) -> None:
    row = _one(kg, "SELECT ?d ?vt WHERE { target:5g-coverage-2021 hykg:deadline ?d ; hykg:valueText ?vt }")
    assert (row["d"], row["vt"]) == ("2021", "深度覆盖")
