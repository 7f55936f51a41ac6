"""Chain development reports (产业链发展报告): one chain's organisation, firms, projects, targets, loops,
risks, gaps and candidates from the graph alone, every figure with its source, as HTML or Markdown."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..query.names import ENTITY_TYPES, compact, labels, ref, resolve
from ..query.provenance import Provenance, provenance, rank
from ..rdf import vocab
from ..rdf.terms import sparql_iris
from ..stores.base import lean

#: The most candidate listed companies a report lists.
MAX_CANDIDATES = 30
_POSITION = {"upstream": 0, "midstream": 1, "downstream": 2}
H = vocab.ONT

#: Chains that are the same or close to a chain (both directions), and the clusters close to it.
MATCH_QUERY = """SELECT DISTINCT ?x ?m WHERE { VALUES ?m { skos:exactMatch skos:closeMatch }
  { <%(c)s> ?m ?x } UNION { ?x ?m <%(c)s> } } ORDER BY ?x ?m"""
#: Firms and projects on the chain or a chain matching it exactly (%s: VALUES list of chains).
MEMBER_QUERY = """SELECT DISTINCT ?m ?c ?t WHERE { VALUES ?c { %s } ?m hykg:onChain ?c ; a ?t .
  FILTER(?t IN (hykg:Enterprise, hykg:Project)) } ORDER BY ?m ?c ?t"""
#: Parks, projects and flows of a set of firms (%s: VALUES list).
FIRM_PARK_QUERY = """SELECT DISTINCT ?f ?park WHERE { VALUES ?f { %s } ?f hykg:inPark ?park } ORDER BY ?f ?park"""
PROJECT_QUERY = """SELECT DISTINCT ?p WHERE { { VALUES ?f { %(firms)s } ?p hykg:byEnterprise ?f }
  UNION { VALUES ?c { %(chains)s } ?p hykg:onChain ?c } ?p a hykg:Project } ORDER BY ?p"""
PROJECT_FACTS_QUERY = """SELECT ?p ?k ?v WHERE { VALUES ?p { %s } VALUES ?k { hykg:status hykg:investment hykg:unit
  hykg:qualifier hykg:year hykg:inPark hykg:byEnterprise } ?p ?k ?v } ORDER BY ?p ?k ?v"""
#: Targets and statistics: those that concern the chain (or its matches, or its scheme), or whose indicator names it.
FIGURE_QUERY = """SELECT ?x ?t ?ind ?k ?v WHERE { VALUES ?t { hykg:Target hykg:Statistic } ?x a ?t ; hykg:indicator ?ind .
  VALUES ?k { hykg:value hykg:valueText hykg:unit hykg:qualifier hykg:deadline hykg:period hykg:concerns hykg:area }
  OPTIONAL { ?x ?k ?v } } ORDER BY ?x ?k ?v"""
DOC_QUERY = """SELECT ?d ?title ?issued WHERE { ?d a hykg:SourceDocument . OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { ?d dcterms:issued ?issued } } ORDER BY ?d DESC(?title) ?issued"""


class Citations:
    """Numbered sources for the figures of a report: a document span, an editorial rationale or an inference."""

    def __init__(self, docs: dict[str, dict[str, str]]) -> None:
        self.docs = docs
        self.items: list[dict[str, Any]] = []
        self._index: dict[tuple[str, str, str, int | None], int] = {}

    def _add(self, kind: str, a: str, b: str = "", row: int | None = None) -> int:
        key = (kind, a, b, row)
        if key not in self._index:
            item: dict[str, Any] = {"n": len(self.items) + 1, "kind": kind}
            if kind == "documented":
                item.update(doc=a, quote=b, **self.docs.get(a, {"title": "", "issued": ""}))
                if row:
                    item["row"] = row
            else:
                item["text"] = a
            self.items.append(item)
            self._index[key] = item["n"]
        return self._index[key]

    def cite(self, prov: dict[str, Any] | None, inferred: str = "") -> list[int]:
        """Numbers for a provenance entry (``status``, ``sources``, ``rationale``) or an inference note.

        >>> c = Citations({})
        >>> c.cite({"status": "documented", "sources": [{"doc": "d1", "quote": "q"}], "rationale": []})
        [1]
        >>> c.cite(None, inferred="computed by hykg"), c.cite({"sources": [{"doc": "d1", "quote": "q"}]})
        ([2], [1])
        """
        nums = []
        for s in (prov or {}).get("sources", []):
            nums.append(self._add("documented", s["doc"], s.get("quote", ""), s.get("row")))
        for r in (prov or {}).get("rationale", []):
            nums.append(self._add("editorial", r))
        if inferred:
            nums.append(self._add("inferred", inferred))
        return sorted(set(nums))


def _vals(iris: set[str] | list[str]) -> str:
    return sparql_iris(iris) or "<urn:hykg:none>"


def _period_key(p: str) -> str:
    return p.split("/")[-1] if p else ""


def chain_report(kg: Any, name: str) -> dict[str, Any]:
    """The development report of one chain, as JSON-ready data (pages: :mod:`hykg.present.report_render`).

    >>> import hykg
    >>> r = chain_report(hykg.load(), "化工新材料")
    >>> r["chain"]["id"], [p["role"]["label"] for p in r["organisation"]["posts"]][:2]
    ('chain/chem-new-materials', ['牵头对口服务金融机构', '链长'])
    >>> [g["label"] for g in r["gaps"]["segments"]]
    ['化工原料']
    """
    from ..analysis.structure import chain_structure

    c = resolve(kg, name, ENTITY_TYPES["chain"])
    profile = kg.chain(c)
    docs = {vocab.id_of(r["d"]).removeprefix("doc/"): {"title": r.get("title", ""), "issued": r.get("issued", "")}
            for r in kg.select(DOC_QUERY)}
    cites = Citations(docs)
    matches = {r["x"]: compact(r["m"]) for r in kg.select(MATCH_QUERY % {"c": c})}
    same_chains = {c} | {x for x, m in matches.items() if m == "skos:exactMatch"}
    structure = chain_structure(kg, c) if profile["chain"]["types"][0]["id"] == "hykg:IndustrialChain" else None

    report: dict[str, Any] = {
        "chain": {k: profile["chain"][k] for k in ("id", "label", "label_en")},
        "named_in": [{"doc": s["doc"], "quote": s["quote"], "cite": cites.cite({"sources": [s]})}
                     for s in profile["chain"]["sources"]],
        "schemes": [{k: s[k] for k in ("id", "label", "label_en")} for s in profile["schemes"]],
        "matches": [{"property": m["property"], "id": m["id"], "label": m["label"], "label_en": m["label_en"],
                     "status": m["status"], "cite": cites.cite(m)} for m in profile["matches"]],
        "graph": {"quads": len(kg)},
    }
    report["organisation"] = _organisation(profile, cites)
    report["six_ones"] = _six_ones(kg, same_chains, cites)
    firms, segments = _segments(structure, cites)
    members = _members(profile["membership"], cites) if profile["membership"] else []
    for m in members:
        if m["type"] == "Enterprise":
            firms.setdefault(m["id"], m["label"])
    report["segments"] = segments
    report["members"] = members
    report["parks"] = _parks(kg, firms, structure, cites)
    report["projects"] = _projects(kg, set(firms), same_chains, cites)
    report["figures"] = _figures(kg, c, profile, matches, cites)
    report["loops"], report["risks"] = _loops_and_risks(kg, set(firms), cites)
    report["gaps"] = _gaps(structure, cites)
    report["candidates"] = _candidates(kg, c)
    report["flows"] = _flows(kg, set(firms), cites)
    report["sources"] = cites.items
    report["notes"] = [
        "documented = a source states it (see the numbered sources); editorial = curator knowledge with a "
        "rationale; inferred = computed by hykg from the graph.",
        "\"not stated\" means the sources are silent; hykg never guesses a name or a figure.",
    ] + (structure["notes"] if structure else [])
    return report


def _organisation(profile: dict[str, Any], cites: Citations) -> dict[str, Any]:
    posts = [{"post": {k: p[k] for k in ("id", "label", "label_en")}, "role": p["role"], "in": p["in"],
              "holder": p["holder"], "holder_note": p.get("holder_note", ""), "status": p["status"],
              "cite": cites.cite(p)} for p in profile["posts"]]
    offices = [{k: o[k] for k in ("id", "label", "label_en")} for o in profile["offices"]]
    return {"posts": posts, "offices": offices,
            "not_stated": sum(1 for p in posts if p["holder"] is None)}


def _six_ones(kg: Any, chains: set[str], cites: Citations) -> list[dict[str, Any]]:
    from ..query.silence import six_ones

    return [{**p, "members": [{**m, "cite": cites.cite(m)} for m in p["members"]]} for p in six_ones(kg, chains)]


def _segments(structure: dict[str, Any] | None, cites: Citations) -> tuple[dict[str, str], list[dict[str, Any]]]:
    firms: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    if structure is None:
        return firms, out
    for s in sorted(structure["segments"], key=lambda s: (_POSITION.get(s["position"] or "", 3), s["segment"]["id"])):
        entries = []
        for f in s["firms"]:
            firms.setdefault(f["entity"]["id"], f["entity"]["label"])
            products = sorted({v["product"]["label"] for v in f["via"] if v.get("product")})
            entries.append({"entity": f["entity"], "status": f["status"], "products": products,
                            "cite": sorted({n for v in f["via"] for n in cites.cite(v)})})
        out.append({"segment": s["segment"], "position": s["position"], "status": s["status"],
                    "cite": cites.cite({"rationale": s["rationale"]}), "products": [p["label"] for p in s["products"]],
                    "firms": entries, "gap": s["gap"],
                    "projects": [p["entity"]["label"] for p in s["projects"]]})
    return firms, out


def _members(membership: dict[str, Any], cites: Citations) -> list[dict[str, Any]]:
    """The members of :func:`hykg.query.chains.chain_members` (firms, projects, parks, targets, statistics), each
    with its basis; ``chain`` is what it is on the chain through (the chain itself, a base or a matching chain)."""
    from ..query.chains import KINDS

    out = []
    for kind in KINDS:
        for i in membership[kind]:
            via = {"id": i["via"], "label": i["via"], "label_en": i["via"]} if i["via"] else membership["chain"]
            out.append({k: i[k] for k in ("id", "label", "label_en", "type", "basis", "status")} | {
                "chain": via, "cite": cites.cite(i)})
    return out


def _parks(kg: Any, firms: dict[str, str], structure: dict[str, Any] | None, cites: Citations) -> list[dict[str, Any]]:
    firm_iris = {vocab.iri_of(f) for f in firms}
    rows = kg.select(FIRM_PARK_QUERY % _vals(firm_iris))
    names = labels(kg, {r["park"] for r in rows} | firm_iris)
    prov = provenance(kg, firm_iris)
    parks: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: (r["park"], r["f"])):
        p = prov.get((r["f"], H + "inPark", r["park"]), {"status": "unknown", "sources": [], "rationale": []})
        entry = parks.setdefault(r["park"], {**ref(r["park"], names), "firms": [], "cite": [], "status": "documented"})
        entry["firms"].append(ref(r["f"], names)["label"])
        entry["cite"] = sorted(set(entry["cite"]) | set(cites.cite(p)))
        if rank(p["status"]) > rank(entry["status"]):
            entry["status"] = p["status"]
    return sorted(parks.values(), key=lambda p: (-len(p["firms"]), p["id"]))


def _projects(kg: Any, firms: set[str], chains: set[str], cites: Citations) -> list[dict[str, Any]]:
    firm_iris = {vocab.iri_of(f) for f in firms}
    iris = {r["p"] for r in kg.select(PROJECT_QUERY % {"firms": _vals(firm_iris), "chains": _vals(chains)})}
    facts: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    result = kg.query(PROJECT_FACTS_QUERY % _vals(iris)) if iris else None
    for row in getattr(result, "rows", []):
        facts[row["p"]["value"]][row["k"]["value"].rsplit("#", 1)[-1]].append(row["v"])
    others = {v["value"] for f in facts.values() for k in ("inPark", "byEnterprise") for v in f.get(k, [])}
    names = labels(kg, iris | others)
    prov = provenance(kg, iris)
    out = []
    for p in sorted(iris):
        first = {k: vs[0]["value"] for k, vs in facts[p].items()}
        nums: set[int] = set()
        for k, vs in sorted(facts[p].items()):
            for v in vs:
                nums |= set(cites.cite(prov.get((p, H + k, lean(v)))))
        for c in sorted(chains):
            nums |= set(cites.cite(prov.get((p, H + "onChain", c))))
        out.append({**ref(p, names), **{k: first.get(k, "") for k in ("status", "investment", "unit", "qualifier", "year")},
                    "park": ref(first["inPark"], names)["label"] if "inPark" in first else "",
                    "enterprise": ref(first["byEnterprise"], names)["label"] if "byEnterprise" in first else "",
                    "cite": sorted(nums)})
    return out


def _figures(kg: Any, c: str, profile: dict[str, Any], matches: dict[str, str], cites: Citations) -> dict[str, Any]:
    """Targets and statistics about the chain, its matches or its scheme; each target with the latest
    statistic on the same indicator, if the graph holds one."""
    about = {c} | set(matches)
    schemes = {vocab.iri_of(s["id"]) for s in profile["schemes"]}
    names_of = [n for n in {profile["chain"]["label"]} | {m["label"] for m in profile["matches"]} if len(n) >= 2]
    result = kg.query(FIGURE_QUERY)
    figs: dict[str, dict[str, Any]] = {}
    for row in getattr(result, "rows", []):
        x = row["x"]["value"]
        f = figs.setdefault(x, {"iri": x, "kind": row["t"]["value"].rsplit("#", 1)[-1], "indicator": row["ind"]["value"],
                                "concerns": set(), "values": {}})
        if "k" in row and "v" in row:
            k = row["k"]["value"].rsplit("#", 1)[-1]
            if k == "concerns":
                f["concerns"].add(row["v"]["value"])
            else:
                f["values"][k] = row["v"]
    picked: dict[str, str] = {}
    for x, f in figs.items():
        if f["concerns"] & about:
            picked[x] = "concerns the chain"
        elif any(n in f["indicator"] for n in names_of):
            picked[x] = "indicator names the chain (matched by name: inferred)"
        elif f["concerns"] & schemes:
            picked[x] = "concerns all chains of the scheme"
    prov: Provenance = {}
    names: dict[str, tuple[str, str]] = {}

    def item(x: str) -> dict[str, Any]:
        f = figs[x]
        vals = {k: "" for k in ("value", "valueText", "unit", "qualifier", "deadline", "period")}
        vals.update({k: v["value"] for k, v in f["values"].items() if k != "area"})
        nums: set[int] = set()
        for k, v in sorted(f["values"].items()):
            nums |= set(cites.cite(prov.get((x, H + k, lean(v)))))
        nums |= set(cites.cite(prov.get((x, H + "indicator", lean({"type": "literal", "value": f["indicator"]})))))
        if "inferred" in picked[x]:
            nums |= set(cites.cite(None, inferred=f"{compact(x)} is matched to the chain because its indicator "
                                                 f"「{f['indicator']}」 contains the chain's name"))
        return {**ref(x, names), "indicator": f["indicator"], "why": picked[x], **vals, "cite": sorted(nums)}

    for x, f in figs.items():  # a statistic measuring a picked target's indicator is picked too
        if f["kind"] == "Statistic" and x not in picked and any(
                figs[t]["kind"] == "Target" and figs[t]["indicator"] == f["indicator"] for t in picked):
            picked[x] = "measures the indicator of a target of the chain"
    prov.update(provenance(kg, set(picked)))
    names.update(labels(kg, set(picked)))
    targets = [item(x) for x in sorted(picked) if figs[x]["kind"] == "Target"]
    stats = [item(x) for x in sorted(picked) if figs[x]["kind"] == "Statistic"]
    from ..query.targets import targets as against_actuals

    paired = {p["target"]["id"]: p for p in against_actuals(kg)}
    for t in targets:
        same = [s for s in stats if s["indicator"] == t["indicator"]]
        t["latest"] = max(same, key=lambda s: _period_key(s.get("period", "")), default=None)
        t["progress"] = ""
        p = paired.get(t["id"])
        if p and p["latest"]:
            a = next(x for x in p["actuals"] if x["id"] == p["latest"])
            t["latest"] = {"id": a["id"], "value": a["value"], "valueText": "", "unit": a["unit"], "period": a["period"],
                           "cite": cites.cite({"sources": a["sources"]}) + cites.cite(
                               a["pairing"], inferred="computed by hykg: the target and the statistic measure the same "
                                                      "indicator (hykg targets)")}
            t["progress"] = (p["progress"] or {}).get("text", "")
    stats.sort(key=lambda s: (_period_key(s.get("period", "")), s["id"]), reverse=True)
    return {"targets": targets, "statistics": stats}


def _flows(kg: Any, firms: set[str], cites: Citations) -> list[dict[str, Any]]:
    """Stated material flows between the chain's firms (for the chain map)."""
    from ..query.projections import supply_network

    g = supply_network(kg)
    out = []
    for u, v, key, a in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u in firms and v in firms:
            out.append({"supplier": u, "consumer": v, "flow": key, "material": a.get("material_label", ""),
                        "status": a.get("status", "unknown"), "cite": cites.cite(a)})
    return out


def _loops_and_risks(kg: Any, firms: set[str], cites: Citations) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from ..analysis.circular import circular
    from ..analysis.risk import risk

    loops = []
    for loop in circular(kg)["loops"]:
        ids = [n["id"] for n in loop["nodes"]]
        if not firms & set(ids):
            continue
        steps = [{"from": s["from"]["label"], "to": s["to"]["label"],
                  "materials": sorted({f["material"]["label"] for f in s["flows"]}),
                  "cite": sorted({n for f in s["flows"] for n in cites.cite(f)})} for s in loop["steps"]]
        loops.append({"nodes": [n["label"] for n in loop["nodes"]], "steps": steps})
    r = risk(kg)["supply"]
    infer = "computed by hykg from the stated material flows (hykg analyze risk)"
    single = [{"consumer": s["consumer"]["label"], "material": s["material"]["label"], "supplier": s["supplier"]["label"],
               "alternatives": [a["entity"]["label"] for a in s.get("alternatives", [])],
               "cite": cites.cite(None, inferred=infer)}
              for s in r["single_suppliers"] if s["consumer"]["id"] in firms or s["supplier"]["id"] in firms]
    cut = [{"node": c["node"]["label"], "cite": cites.cite(None, inferred=infer), "reading": c.get("reading")}
           for c in r["cut_points"] if c["node"]["id"] in firms]
    dom = [{"node": d["node"]["label"], "count": d["count"], "dominated": [x["label"] for x in d["dominated"]],
            "cite": cites.cite(None, inferred=infer), "reading": d.get("reading")}
           for d in r["dominators"] if d["node"]["id"] in firms]
    return loops, {"single_suppliers": single, "cut_points": cut, "dominators": dom}


def _gaps(structure: dict[str, Any] | None, cites: Citations) -> dict[str, Any]:
    if structure is None:
        return {"segments": [], "supporting": None, "missing_inputs": []}
    sup = structure["supporting"]
    rate_note = ("computed by hykg: the chain's input products (hasInput of the products placed in its segments) "
                 "with a local producer, over all its input products (hykg analyze chain)")
    missing = [{"product": i["product"]["label"], "for": [p["label"] for p in i["for"]], "status": i["status"]}
               for i in sup["inputs"] if not i["local_producers"]]
    return {"segments": [{k: g[k] for k in ("id", "label", "label_en")} for g in structure["gaps"]],
            "supporting": {"local": sup["local"], "total": sup["total"], "rate": sup["rate"],
                           "cite": cites.cite(None, inferred=rate_note),
                           "reading": structure.get("reading", {}).get("supporting")} if sup["total"] else None,
            "missing_inputs": missing}


def _candidates(kg: Any, c: str) -> dict[str, Any]:
    """Listed companies nationwide that could fill the chain's gaps, where the listed-company data is imported."""
    from ..datasets.chainkg.questions import candidates_for_chain

    if not kg.select("SELECT ?x WHERE { ?x a hykg:ListedCompany } LIMIT 1"):
        return {"available": False, "firms": [], "industries": [], "total": 0,
                "note": "the listed-company data (chainkg) is not imported into this graph, so no candidate firms "
                        "are proposed; `hykg import chainkg` imports it"}
    p = candidates_for_chain(kg, c)
    firms = [{"label": x["company"]["label"], "code": x["company"].get("code", ""),
              "exchange": x["company"].get("exchange", ""), "industry": (x.get("industry") or {}).get("label", ""),
              "basis": x.get("basis", ""), "reason": x.get("reason", ""), "reason_zh": _reason_zh(x), "st": bool(x.get("st")),
              "hunan": bool(x.get("hunan"))} for x in p.get("candidates", [])[:MAX_CANDIDATES]]
    industries = [{"label": i["label"], "basis": i["basis"], "companies": i.get("companies", 0),
                   "proposed": i.get("proposed", 0)} for i in p.get("industries", [])]
    return {"available": True, "firms": firms, "industries": industries, "total": len(p.get("candidates", [])),
            "note": "candidates are inferred from Shenwan industries (ChainKG listed-company data): leads for "
                    "investment promotion, not statements that a firm would invest; ST = special treatment"}


_BASIS_ZH = {"curated": "编辑为本链选定的行业", "member": "链上企业所属上市公司的行业",
             "upstream": "ChainKG 中本链行业的上游行业", "segment": "缺口环节产品所属的行业"}


def _reason_zh(x: dict[str, Any]) -> str:
    """The Chinese reason of a candidate: its industry and why the industry was chosen."""
    leaf = (x.get("industry") or {}).get("label", "")
    return f"属于{leaf}:{_BASIS_ZH.get(x.get('basis', ''), x.get('basis', ''))}"
