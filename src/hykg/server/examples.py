"""Example SPARQL queries for the explorer's query page: the named questions written as plain SPARQL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """One example: a stable id, a title in Chinese and English, and the query text."""

    id: str
    zh: str
    en: str
    query: str

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


EXAMPLES: tuple[Example, ...] = (
    Example("fed-by", "谁供给恒光？（hykg fed-by 恒光）", "Who supplies 恒光? (hykg fed-by)", """\
# 恒光的上游：供货方、物料与原文出处 / suppliers of 恒光, the material and the quoted source
SELECT ?supplier ?material ?quote WHERE {
  ?flow hykg:consumer ent:hengguang ; hykg:supplier ?s ; hykg:material ?m .
  ?s rdfs:label ?supplier FILTER(lang(?supplier) = "zh")
  ?m rdfs:label ?material FILTER(lang(?material) = "zh")
  OPTIONAL { ?st rdf:subject ?flow ; rdf:predicate hykg:supplier ; hykg:quote ?quote }
}
ORDER BY ?supplier ?material"""),
    Example("feeds", "恒光供给谁？（hykg feeds 恒光）", "Whom does 恒光 supply? (hykg feeds)", """\
SELECT ?consumer ?material ?quote WHERE {
  ?flow hykg:supplier ent:hengguang ; hykg:consumer ?c ; hykg:material ?m .
  ?c rdfs:label ?consumer FILTER(lang(?consumer) = "zh")
  ?m rdfs:label ?material FILTER(lang(?material) = "zh")
  OPTIONAL { ?st rdf:subject ?flow ; rdf:predicate hykg:supplier ; hykg:quote ?quote }
}
ORDER BY ?consumer ?material"""),
    Example("park", "松木经开区有哪些企业？（hykg park）", "Which firms are in 松木经开区? (hykg park)", """\
SELECT ?firm ?name WHERE {
  ?firm hykg:inPark park:songmu ; a hykg:Enterprise ; rdfs:label ?name FILTER(lang(?name) = "zh")
}
ORDER BY ?name"""),
    Example("park-flows", "园区之间的资源流动", "Resources flowing between parks", """\
SELECT ?from ?to ?material WHERE {
  ?f a hykg:ParkResourceFlow ; hykg:supplier ?s ; hykg:consumer ?c ; hykg:material ?m .
  ?s rdfs:label ?from FILTER(lang(?from) = "zh")
  ?c rdfs:label ?to FILTER(lang(?to) = "zh")
  ?m rdfs:label ?material FILTER(lang(?material) = "zh")
}
ORDER BY ?from ?material"""),
    Example("chains", "2021 年的 14 条产业链", "The 14 industrial chains of 2021", """\
SELECT ?chain ?name ?name_en WHERE {
  ?chain skos:inScheme scheme:chains-2021 ; rdfs:label ?name FILTER(lang(?name) = "zh")
  OPTIONAL { ?chain rdfs:label ?name_en FILTER(lang(?name_en) = "en") }
}
ORDER BY ?name"""),
    Example("chain", "产业链上的企业和项目（hykg chain）", "Firms and projects on each chain (hykg chain)", """\
SELECT ?chain ?member ?type WHERE {
  ?m hykg:onChain ?c ; a ?t ; rdfs:label ?member FILTER(lang(?member) = "zh")
  ?c rdfs:label ?chain FILTER(lang(?chain) = "zh")
  ?t rdfs:label ?type FILTER(lang(?type) = "zh")
}
ORDER BY ?chain ?type ?member"""),
    Example("not-stated", "来源未提及的链长", "Chain leaders the sources do not name", """\
# 原文没有写出链长姓名：图谱记为“未提及”，而不是猜测 / recorded as not stated, never guessed
SELECT ?post ?name WHERE {
  ?post hykg:notStated org:heldBy ; rdfs:label ?name FILTER(lang(?name) = "zh")
}
ORDER BY ?name"""),
    Example("search", "名称含“建滔”的实体（hykg search）", "Entities named like 建滔 (hykg search)", """\
SELECT DISTINCT ?entity ?label WHERE {
  ?entity hykg:enKind ?k . { ?entity rdfs:label ?label } UNION { ?entity skos:altLabel ?label }
  FILTER(CONTAINS(LCASE(STR(?label)), "建滔"))
}
ORDER BY ?label"""),
    Example("show", "恒光的每条关系及出处（hykg show）", "Every fact about 恒光 with its source (hykg show)", """\
SELECT ?p ?o ?status ?doc ?quote WHERE {
  ?st rdf:subject ent:hengguang ; rdf:predicate ?p ; rdf:object ?o ; hykg:statementStatus ?status .
  OPTIONAL { ?st prov:wasDerivedFrom ?doc ; hykg:quote ?quote }
}
ORDER BY ?p ?o"""),
    Example("stats", "各类实体的数量（hykg stats）", "Entities by type (hykg stats)", """\
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e hykg:enKind ?k ; a ?type }
GROUP BY ?type
ORDER BY DESC(?n)"""),
    Example("construct", "物料流向图（CONSTRUCT，Turtle）", "Material flows as a graph (CONSTRUCT, Turtle)", """\
CONSTRUCT { ?f a hykg:MaterialFlow ; hykg:supplier ?s ; hykg:consumer ?c ; hykg:material ?m . }
WHERE { ?f a hykg:MaterialFlow ; hykg:supplier ?s ; hykg:consumer ?c ; hykg:material ?m . }"""),
)


def example(example_id: str) -> Example | None:
    """The example with this id, or None.

    >>> example("fed-by").en
    'Who supplies 恒光? (hykg fed-by)'
    """
    return next((e for e in EXAMPLES if e.id == example_id), None)
