"""Name matching between Hengyang enterprises and listed companies: candidates for a curator to review
(only the curated links enter the graph)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ...rdf import vocab
from ...rdf.terms import sparql_iris, sparql_string

if TYPE_CHECKING:
    from ...query.kg import KnowledgeGraph

H = vocab.ONT

_SUFFIXES = ("股份有限公司", "集团股份公司", "有限责任公司", "有限公司", "股份公司", "集团", "股份", "公司")
_PREFIXES = ("*ST", "ST", "S*ST", "SST", "S")
_PLACES = ("中国", "湖南省", "湖南", "衡阳市", "衡阳")


def normalise(name: str, places: bool = False) -> str:
    """A company name without legal-form suffixes and risk markers (and leading place names if ``places``).

    >>> normalise("湖南机油泵股份有限公司"), normalise("湖南机油泵股份有限公司", places=True), normalise("*ST德豪")
    ('湖南机油泵', '机油泵', '德豪')
    """
    n = re.sub(r"[\s()（）·]", "", name)
    for p in sorted(_PREFIXES, key=len, reverse=True):
        if n.startswith(p) and len(n) > len(p) + 1 and not n[len(p)].isascii():
            n = n[len(p):]
            break
    changed = True
    while changed:
        changed = False
        for s in _SUFFIXES:
            if n.endswith(s) and len(n) > len(s) + 1:
                n, changed = n[: -len(s)], True
        for p in _PLACES if places else ():
            if n.startswith(p) and len(n) > len(p) + 1:
                n, changed = n[len(p):], True
    return n


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def name_score(local: str, listed: str) -> tuple[float, str]:
    """How alike two company names are (0..1) and why; legal forms (股份有限公司, 集团) and risk
    markers (ST) are ignored, and leading place names (湖南, 衡阳) count for less.

    >>> name_score("特变电工", "特变电工股份有限公司")
    (1.0, 'same name')
    >>> name_score("特变电工物流", "特变电工")
    (0.867, 'one name contains the other')
    >>> name_score("衡东机油泵", "湖南机油泵股份有限公司")
    (0.74, 'one name contains the other, leaving out place names')
    """
    scores: list[tuple[float, str]] = []
    for places, base, what in ((False, 0.6, ""), (True, 0.5, ", leaving out place names")):
        a, b = normalise(local, places), normalise(listed, places)
        if not a or not b:
            return 0.0, ""
        short, long_ = sorted((a, b), key=len)
        if a == b:
            scores.append((1.0 if not places else 0.95, "same name" + what))
        elif len(short) >= 2 and short in long_:
            scores.append((round(base + 0.4 * len(short) / len(long_), 3), "one name contains the other" + what))
    x, y = _bigrams(normalise(local)), _bigrams(normalise(listed))
    scores.append((round(0.8 * 2 * len(x & y) / (len(x) + len(y)), 3), "similar name (shared character pairs)"))
    return max(scores, key=lambda s: s[0])


def listed_index(kg: KnowledgeGraph, only: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every listed company (or those whose IRIs are in ``only``): label, names, code, exchange,
    industry (id, label); every company once per loaded graph.

    Simple patterns, joined here: every backend answers them fast (rdflib is slow on OPTIONAL and
    UNION over large graphs)."""
    if only is None:
        from ...query.memo import memo

        return memo(kg, "chainkg.listed_index", lambda: _listed_index(kg, None))
    return _listed_index(kg, only)


def _listed_index(kg: KnowledgeGraph, only: set[str] | None) -> dict[str, dict[str, Any]]:
    if only is not None and not only:
        return {}
    out: dict[str, dict[str, Any]] = {}
    if only is not None:  # a few companies: one query (each has one label, code, exchange and industry)
        for r in kg.select(f"""SELECT ?c ?l ?code ?alt ?ex ?i ?il WHERE {{ VALUES ?c {{ {sparql_iris(only)} }}
                ?c a hykg:ListedCompany ; rdfs:label ?l ; hykg:listedCode ?code .
                OPTIONAL {{ ?c skos:altLabel ?alt }} OPTIONAL {{ ?c hykg:exchange ?ex }}
                OPTIONAL {{ ?c hykg:inIndustry ?i . ?i rdfs:label ?il }} }}"""):
            c = out.get(r["c"])
            if c is None:
                c = out[r["c"]] = {"id": vocab.id_of(r["c"]), "label": r["l"], "code": r["code"],
                                   "exchange": r.get("ex"), "names": {r["l"]}, "industry": None}
                if "i" in r:
                    c["industry"] = {"id": vocab.id_of(r["i"]), "label": r["il"]}
            if "alt" in r:
                c["names"].add(r["alt"])
        return out
    for r in kg.select("SELECT ?c ?l ?code WHERE { ?c a hykg:ListedCompany ; rdfs:label ?l ; hykg:listedCode ?code }"):
        out[r["c"]] = {"id": vocab.id_of(r["c"]), "label": r["l"], "code": r["code"], "exchange": None,
                       "names": {r["l"]}, "industry": None}
    for r in kg.select("SELECT ?c ?l WHERE { ?c a hykg:ListedCompany ; skos:altLabel ?l }"):
        if r["c"] in out:
            out[r["c"]]["names"].add(r["l"])
    for r in kg.select("SELECT ?c ?ex WHERE { ?c a hykg:ListedCompany ; hykg:exchange ?ex }"):
        if r["c"] in out:
            out[r["c"]]["exchange"] = r["ex"]
    for r in kg.select("SELECT ?c ?i ?il WHERE { ?c a hykg:ListedCompany ; hykg:inIndustry ?i . ?i rdfs:label ?il }"):
        if r["c"] in out:
            out[r["c"]]["industry"] = {"id": vocab.id_of(r["i"]), "label": r["il"]}
    return out


def listed_named(kg: KnowledgeGraph, key: str) -> dict[str, dict[str, Any]]:
    """The listed companies whose code, id (``listed/CODE``) or one of whose names is exactly ``key``
    (as :func:`listed_index`): looked up through the store's indexes, not by reading every company."""
    key = key.strip()
    if key.startswith("listed/"):
        hits = {r["c"] for r in kg.select(f"SELECT ?c WHERE {{ VALUES ?c {{ <{vocab.iri_of(key)}> }} ?c a hykg:ListedCompany }}")}
    else:
        forms = " ".join(sparql_string(key) + tag for tag in ("", "@zh", "@en"))
        hits = {r["c"] for r in kg.select(f"""SELECT DISTINCT ?c WHERE {{ VALUES ?k {{ {forms} }}
                   ?c hykg:listedCode|rdfs:label|skos:altLabel ?k . ?c a hykg:ListedCompany }}""")}
    return listed_index(kg, hits)


def existing_links(kg: KnowledgeGraph) -> dict[str, list[tuple[str, str]]]:
    """Listed company IRI -> [(Hengyang entity IRI, relation)] of the curated links in the graph."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in kg.select("""SELECT ?e ?p ?c WHERE { ?e ?p ?c . ?c a hykg:ListedCompany
                          VALUES ?p { hykg:listedAs org:subOrganizationOf } }"""):
        out[r["c"]].append((r["e"], "self" if r["p"].endswith("listedAs") else "parent"))
    return out


def candidates(kg: KnowledgeGraph, name: str | None = None, limit: int = 5, min_score: float = 0.7
               ) -> list[dict[str, Any]]:
    """Listed companies whose names match a Hengyang enterprise's names, best first (for review).

    Each row: ``entity`` (ref), ``listed`` (id, label, code, exchange, industry), ``score`` (0..1),
    ``reason``, ``matched`` (the two names compared) and ``linked`` (a curated link exists).

    >>> import hykg
    >>> candidates(hykg.load(), "恒光")  # without chainkg imported there is nothing to match
    []
    """
    from ...query.names import labels, ref, resolve

    if name is not None:
        where = f"VALUES ?e {{ <{resolve(kg, name, ('Enterprise',))}> }}"
    else:
        where = "?e a hykg:Enterprise ; hykg:enKind ?k ."
    local: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(f"""SELECT ?e ?l WHERE {{ {{ {where} ?e rdfs:label ?l FILTER(lang(?l) = "zh") }}
                           UNION {{ {where} ?e skos:altLabel ?l }} }}"""):
        local[r["e"]].add(r["l"])
    listed = listed_index(kg)
    linked = {(e, c) for c, es in existing_links(kg).items() for e, _rel in es}
    index: dict[str, set[str]] = defaultdict(set)
    for c, info in listed.items():
        for n in info["names"]:
            for bg in _bigrams(normalise(n)) | _bigrams(normalise(n, places=True)):
                index[bg].add(c)
    names = labels(kg, set(local))
    out: list[dict[str, Any]] = []
    for e, enames in local.items():
        best: dict[str, tuple[float, str, str, str]] = {}
        for en in enames:
            grams = _bigrams(normalise(en)) | _bigrams(normalise(en, places=True))
            pool = set().union(*(index.get(bg, set()) for bg in grams))
            for c in pool:
                for cn in listed[c]["names"]:
                    score, why = name_score(en, cn)
                    if score >= min_score and score > best.get(c, (0.0, "", "", ""))[0]:
                        best[c] = (score, why, en, cn)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], listed[kv[0]]["code"]))[:limit]
        for c, (score, why, en, cn) in ranked:
            info = listed[c]
            out.append({"entity": ref(e, names),
                        "listed": {k: info[k] for k in ("id", "label", "code", "exchange", "industry")},
                        "score": score, "reason": why, "matched": [en, cn], "linked": (e, c) in linked})
    out.sort(key=lambda r: (r["entity"]["id"], -r["score"], r["listed"]["code"]))
    return out
