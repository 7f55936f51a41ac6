"""End to end on the real data: the 14 chains of 2021 and their "六个一" organisation (document 002)."""

from __future__ import annotations

CHAINS_2021 = {
    "生态绿色食品", "电子信息", "移动互联网", "有色金属及新型合金", "核技术应用", "汽车", "新型能源及电力装备",
    "生物医药", "化工新材料", "轻工纺织", "钢管及深加工", "先进轨道交通及工程机械", "文化旅游", "现代物流",
}


def test_the_fourteen_chains_of_2021(kg) -> None:
    rows = kg.select("""SELECT ?c ?zh ?en WHERE { ?c skos:inScheme scheme:chains-2021 ; a hykg:IndustrialChain ;
        rdfs:label ?zh , ?en FILTER(lang(?zh) = "zh" && lang(?en) = "en") }""")
    assert {r["zh"] for r in rows} == CHAINS_2021
    assert all(r["en"] for r in rows)


def test_each_chain_has_a_leader_post_whose_holder_is_not_stated(kg) -> None:
    for name in CHAINS_2021:
        posts = kg.chain(name)["posts"]
        leaders = [p for p in posts if p["role"]["id"] == "role/chain-leader"]
        assert len(leaders) == 1, name
        assert leaders[0]["holder"] is None
        assert leaders[0]["holder_note"] == "not stated in the sources"
        assert leaders[0]["sources"][0]["quote"] == "每条产业链均明确由市级领导联点担任“链长”"


def test_chain_office_and_its_director(kg) -> None:
    profile = kg.chain("化工新材料")
    assert [o["id"] for o in profile["offices"]] == ["org/chain-office-chem-new-materials"]
    roles = {p["role"]["label"] for p in profile["posts"]}
    assert {"链长", "链办主任"} <= roles


def test_fifteen_banks_and_eighteen_cadres(kg) -> None:
    rows = kg.select("""SELECT ?v ?unit ?q WHERE { stat:chain-banks-2021 hykg:value ?v ; hykg:unit ?unit .
        ?st rdf:subject stat:chain-banks-2021 ; rdf:predicate hykg:value ; hykg:quote ?q }""")
    assert [(float(r["v"]), r["unit"]) for r in rows] == [(15.0, "家")]
    assert "15家金融机构牵头对口服务14条产业链" in rows[0]["q"]
    cadres = kg.select("SELECT ?v WHERE { stat:chain-office-cadres-2021 hykg:value ?v }")
    assert float(cadres[0]["v"]) == 18


def test_six_ones_has_six_parts(kg) -> None:
    rows = kg.select("SELECT ?part WHERE { ?part dcterms:isPartOf mech:six-ones }")
    assert len(rows) == 6


def test_named_people_hold_their_posts(kg) -> None:
    rows = kg.select("""SELECT ?role WHERE { ?post org:heldBy person:wan-kejian ; org:role ?r .
        ?r rdfs:label ?role FILTER(lang(?role) = "zh") }""")
    assert [r["role"] for r in rows] == ["责任领导"]
