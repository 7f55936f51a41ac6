"""Chain investment-promotion reports (产业链招商报告): for each gap segment the inputs it lacks and
listed companies nationwide in the industries of its products, the projects already signed or under
way, and the firms the chain would feed; every figure with its numbered source."""

from __future__ import annotations

from typing import Any

from ..query.names import ENTITY_TYPES, labels, ref, resolve
from ..query.provenance import provenance
from ..rdf import vocab
from ..rdf.terms import sparql_iris
from .report import DOC_QUERY, Citations

#: Candidates proposed per industry of a gap product, and per gap segment.
PER_INDUSTRY, PER_GAP = 8, 20
#: Project statuses that count as signed or under way (the 五单 list of projects).
UNDER_WAY = ("signed", "started", "under_construction", "progressing", "in_production")
H = vocab.ONT
PRODUCT_INDUSTRY = """SELECT ?p ?i WHERE { VALUES ?p { %s } ?p hykg:relatedIndustry ?i } ORDER BY ?p ?i"""
PROJECTS = """SELECT DISTINCT ?p ?st WHERE { { VALUES ?c { %(chains)s } ?p hykg:onChain ?c }
  UNION { VALUES ?f { %(firms)s } ?p hykg:byEnterprise ?f } ?p a hykg:Project . OPTIONAL { ?p hykg:status ?st } }
  ORDER BY ?p ?st"""
FEEDS = """SELECT DISTINCT ?f ?m ?x WHERE { VALUES ?f { %s } { ?fl hykg:supplier ?f ; hykg:consumer ?x ; hykg:material ?m }
  UNION { ?f hykg:makes ?m . ?x hykg:uses ?m . ?x a hykg:Enterprise } FILTER(?x != ?f) } ORDER BY ?f ?m ?x"""


def chain_view(kg: Any, chain_iri: str) -> dict[str, Any]:
    """The chain's segments, gaps and member firms (:func:`hykg.query.chains.chain_members`), as the
    promotion report reads them.

    >>> import hykg
    >>> v = chain_view(hykg.load(), vocab.iri_of("chain/chem-new-materials"))
    >>> [g["segment"]["label"] for g in v["segments"] if g["gap"]], len(v["firms"]) >= 3
    (['化工原料'], True)
    """
    from ..analysis.structure import chain_structure
    from ..query.chains import chain_members, member_ids

    members = chain_members(kg, vocab.id_of(chain_iri))
    chains = {chain_iri} | {vocab.iri_of(i) for i in member_ids(members, ("matches",))}
    structure = chain_structure(kg, chain_iri)
    firms = {vocab.iri_of(f["entity"]["id"]) for s in structure["segments"] for f in s["firms"]}
    firms |= {vocab.iri_of(i) for i in member_ids(members, ("firms",))}
    return {"chains": chains, "segments": structure["segments"], "inputs": structure["supporting"]["inputs"],
            "firms": firms}


def promotion_report(kg: Any, name: str) -> dict[str, Any]:
    """The investment-promotion report of one chain, as JSON-ready data (pages: report_render).

    >>> import hykg
    >>> r = promotion_report(hykg.load(), "化工新材料")
    >>> [(g["segment"]["label"], [p["label"] for p in g["products"]]) for g in r["gaps"]]
    [('化工原料', ['氢氧化铝', '盐卤', '硫'])]
    >>> r["candidates_available"]  # ChainKG is not imported in the bundled graph
    False
    """
    c = resolve(kg, name, ENTITY_TYPES["chain"])
    docs = {vocab.id_of(r["d"]).removeprefix("doc/"): {"title": r.get("title", ""), "issued": r.get("issued", "")}
            for r in kg.select(DOC_QUERY)}
    cites = Citations(docs)
    view = chain_view(kg, c)
    names = labels(kg, {c})
    listed = bool(kg.select("SELECT ?x WHERE { ?x a hykg:ListedCompany } LIMIT 1"))
    report: dict[str, Any] = {"chain": ref(c, names), "graph": {"quads": len(kg)}, "candidates_available": listed}
    report["gaps"] = [_gap(kg, s, view, listed, report["chain"], cites) for s in view["segments"] if s["gap"]]
    report["projects"] = _projects(kg, view, cites)
    report["feeds"] = _feeds(kg, view, cites)
    report["sources"] = cites.items
    report["notes"] = ["", ""]  # the report's own notes come from report_text (zh / en)
    return report


def _gap(kg: Any, seg: dict[str, Any], view: dict[str, Any], listed: bool, chain: dict[str, str],
         cites: Citations) -> dict[str, Any]:
    products = seg["products"]
    prod_iris = {vocab.iri_of(p["id"]) for p in products}
    seg_cite = cites.cite({"rationale": seg["rationale"]})
    lacking = [{"product": i["product"], "for": i["for"], "status": i["status"],
                "cite": cites.cite({"rationale": []}, inferred="computed by hykg: an input of the chain's products "
                                                               "with no local producer (hykg analyze chain)")}
               for i in view["inputs"] if not i["local_producers"]
               and (vocab.iri_of(i["product"]["id"]) in prod_iris or {f["id"] for f in i["for"]} & {p["id"] for p in products})]
    out: dict[str, Any] = {"segment": seg["segment"], "position": seg["position"], "products": products,
                           "cite": seg_cite, "lacking": lacking,
                           "industries": [], "candidates": []}
    if not listed:
        return out
    from ..datasets.chainkg.questions import propose

    rows = kg.select(PRODUCT_INDUSTRY % (sparql_iris(prod_iris) or "<urn:hykg:none>"))
    prov = provenance(kg, prod_iris)
    inames = labels(kg, {r["i"] for r in rows} | prod_iris)
    found: dict[str, dict[str, Any]] = {}
    for r in rows:
        e = prov.get((r["p"], H + "relatedIndustry", r["i"]), {"status": "editorial", "sources": [], "rationale": []})
        entry = found.setdefault(r["i"], {"basis": "segment", "reasons": [], "weight": 0, "products": [], "cite": []})
        entry["products"].append(ref(r["p"], inames)["label"])
        entry["reasons"].append(f"{ref(r['p'], inames)['label']}: " + "; ".join(e["rationale"]))
        entry["cite"] = sorted(set(entry["cite"]) | set(cites.cite(e)))
    proposed = propose(kg, found, chain, PER_INDUSTRY)
    out["industries"] = [{**i, "products": found[vocab.iri_of(i["id"])]["products"],
                          "cite": found[vocab.iri_of(i["id"])]["cite"]} for i in proposed["industries"]]
    for rank_, x in enumerate(_interleave(proposed["candidates"])[:PER_GAP], 1):
        ind = found[_industry_of(x, found, kg)]
        why_zh = f"属于{x['industry']['label']},该行业生产缺口环节的产品{'、'.join(ind['products'])}"
        why_en = (f"in {x['industry']['label_en'] or x['industry']['label']}, an industry making the gap segment's "
                  f"product(s) {', '.join(ind['products'])}")
        out["candidates"].append({"rank": rank_, "label": x["company"]["label"], "code": x["company"]["code"],
                                  "exchange": x["company"].get("exchange") or "", "industry": x["industry"]["label"],
                                  "reason_zh": why_zh + ("(湖南企业优先)" if x["hunan"] else ""),
                                  "reason_en": why_en + (" (a Hunan company, ranked first)" if x["hunan"] else ""),
                                  "st": x["st"], "hunan": x["hunan"],
                                  "cite": sorted(set(ind["cite"]) | set(cites.cite(None, inferred=(
                                      "inferred by hykg: listed companies (ChainKG) in a Shenwan industry that makes "
                                      "a product of the gap segment; Hunan companies first, then by stock code"))))})
    return out


def _interleave(cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Candidates taken in turn from each industry (so that every gap product is represented), Hunan
    companies first within each round.

    >>> [c["n"] for c in _interleave([{"n": 1, "industry": {"id": "a"}, "hunan": False}, {"n": 2, "industry": {"id": "a"}, "hunan": False},
    ...                              {"n": 3, "industry": {"id": "b"}, "hunan": True}])]
    [3, 1, 2]
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in cands:
        groups.setdefault(c["industry"]["id"], []).append(c)
    out: list[dict[str, Any]] = []
    for i in range(max((len(g) for g in groups.values()), default=0)):
        batch = [g[i] for g in groups.values() if i < len(g)]
        out += sorted(batch, key=lambda c: not c["hunan"])
    return out


def _industry_of(x: dict[str, Any], found: dict[str, Any], kg: Any) -> str:
    """The industry of ``found`` a candidate was proposed under (its own, or the broader one found)."""
    leaf = vocab.iri_of(x["industry"]["id"])
    if leaf in found:
        return leaf
    from ..datasets.chainkg.questions import _narrower

    tree = _narrower(kg)
    return next(i for i in sorted(found) if leaf in tree.get(i, set()))


def _projects(kg: Any, view: dict[str, Any], cites: Citations) -> list[dict[str, Any]]:
    rows = kg.select(PROJECTS % {"chains": sparql_iris(view["chains"]),
                                 "firms": sparql_iris(view["firms"]) or "<urn:hykg:none>"})
    iris = {r["p"] for r in rows}
    names = labels(kg, iris)
    prov = provenance(kg, iris)
    out = []
    for p in sorted(iris):
        statuses = sorted({r["st"] for r in rows if r["p"] == p and "st" in r})
        if not set(statuses) & set(UNDER_WAY):
            continue
        nums: set[int] = set()
        for (s, k, _o), e in sorted(prov.items(), key=lambda kv: str(kv[0])):
            if s == p and k == H + "status":
                nums |= set(cites.cite(e))
        out.append({**ref(p, names), "status": [s for s in statuses if s in UNDER_WAY][0], "cite": sorted(nums)})
    return out


def _feeds(kg: Any, view: dict[str, Any], cites: Citations) -> list[dict[str, Any]]:
    if not view["firms"]:
        return []
    rows = [r for r in kg.select(FEEDS % sparql_iris(view["firms"])) if r["x"] not in view["firms"]]
    names = labels(kg, {r["f"] for r in rows} | {r["m"] for r in rows} | {r["x"] for r in rows})
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        e = out.setdefault((r["f"], r["x"]), {"supplier": ref(r["f"], names), "customer": ref(r["x"], names),
                                              "materials": [], "cite": []})
        m = ref(r["m"], names)["label"]
        if m not in e["materials"]:
            e["materials"].append(m)
        e["cite"] = sorted(set(e["cite"]) | set(cites.cite(None, inferred=(
            "inferred by hykg: a chain firm makes or supplies a material the other firm uses (stated flows, makes/uses)"))))
    return [out[k] for k in sorted(out)]
