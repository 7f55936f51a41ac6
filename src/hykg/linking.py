"""Linking Hengyang enterprises to listed companies: curated links, name-matching candidates, and
candidate listed companies for a chain (招商目标).

Only the links a curator wrote in ``data/curated/links_chainkg.yaml`` (with a rationale) enter the
graph; ``candidates`` proposes more by name for a curator to review.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import vocab
from .errors import AmbiguousName, DataError, UnknownEntity
from .nquads import QuadSet, iri
from .yamlfile import KEY_LINES, LINE, read_yaml

if TYPE_CHECKING:
    from .chainkg import Dataset
    from .kg import KnowledgeGraph

LINKS_GRAPH = vocab.graph_iri("chainkg-links")
RELATIONS = {"self": vocab.ONT + "listedAs", "parent": vocab.ORG + "subOrganizationOf"}
H = vocab.ONT


def default_links_path() -> Path:
    """The bundled curated links: ``data/curated/links_chainkg.yaml``."""
    from .resources import data_dir

    return data_dir() / "curated" / "links_chainkg.yaml"


# ---------------------------------------------------------------------- the curated file
@dataclass
class CompanyLink:
    """A curated link: Hengyang entity -> listed company (``self``) or its listed parent group."""

    entity: str
    code: str
    name: str
    relation: str
    rationale: str
    where: str


@dataclass
class ChainIndustries:
    """A curated mapping: chain -> industries of the classification whose firms work in it."""

    chain: str
    industries: list[tuple[str, str]]  # (code, name)
    rationale: str
    where: str


@dataclass
class Links:
    """The content of a links file."""

    companies: list[CompanyLink] = field(default_factory=list)
    chains: list[ChainIndustries] = field(default_factory=list)


def _text(item: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = item.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        problems.append(f"{where}: {key} must be quoted text (\"{value:06d}\"), not a number")
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: missing {key}")
        return ""
    return value.strip()


def _status(item: dict[str, Any], where: str, problems: list[str]) -> None:
    if item.get("status", "editorial") != "editorial":
        problems.append(f"{where}: status must be editorial (a curator's link with a rationale), not {item['status']!r}")


def read_links(path: Path) -> Links:
    """Parse and check a links file; DataError lists every problem by file and line.

    >>> links = read_links(default_links_path())
    >>> [(c.entity, c.code, c.relation) for c in links.companies][:2]
    [('ent/tbea', '600089', 'self'), ('ent/jinbei', '002533', 'self')]
    """
    data = read_yaml(path)
    problems: list[str] = []
    links = Links()
    if not isinstance(data, dict):
        raise DataError(f"{path}:1: expected a mapping with companies and chains")
    extra = set(data) - {"dataset", "companies", "chains", LINE, KEY_LINES}
    if extra:
        problems.append(f"{path}:1: unexpected top-level keys: {', '.join(sorted(map(str, extra)))}")
    for item in data.get("companies") or []:
        where = f"{path}:{item.get(LINE, 0) if isinstance(item, dict) else 0}"
        if not isinstance(item, dict):
            problems.append(f"{where}: a company link must be a mapping")
            continue
        unknown = set(item) - {"entity", "code", "name", "relation", "status", "rationale", LINE, KEY_LINES}
        if unknown:
            problems.append(f"{where}: unexpected keys: {', '.join(sorted(map(str, unknown)))}")
        fields = [_text(item, k, where, problems) for k in ("entity", "code", "name", "relation", "rationale")]
        _status(item, where, problems)
        if fields[3] and fields[3] not in RELATIONS:
            problems.append(f"{where}: relation must be self or parent, not {fields[3]!r}")
        if fields[1] and not re.fullmatch(r"\d{6}", fields[1]):
            problems.append(f"{where}: code {fields[1]!r} is not a six-digit stock code")
        if all(fields):
            links.companies.append(CompanyLink(fields[0], fields[1], fields[2], fields[3], fields[4], where))
    for item in data.get("chains") or []:
        where = f"{path}:{item.get(LINE, 0) if isinstance(item, dict) else 0}"
        if not isinstance(item, dict):
            problems.append(f"{where}: a chain mapping must be a mapping")
            continue
        chain = _text(item, "chain", where, problems)
        rationale = _text(item, "rationale", where, problems)
        _status(item, where, problems)
        industries = []
        for ind in item.get("industries") or []:
            iwhere = f"{path}:{ind.get(LINE, 0) if isinstance(ind, dict) else item[LINE]}"
            if not isinstance(ind, dict):
                problems.append(f"{iwhere}: an industry is a mapping {{code: \"630800\", name: 电网设备}}")
                continue
            code, name = _text(ind, "code", iwhere, problems), _text(ind, "name", iwhere, problems)
            if code and name:
                industries.append((code, name))
        if not industries:
            problems.append(f"{where}: list the chain's industries")
        if chain and rationale and industries:
            links.chains.append(ChainIndustries(chain, industries, rationale, where))
    if problems:
        raise DataError(problems)
    return links


def _curated_ids(graph: Path | None) -> dict[str, set[str]]:
    """Curated ids of the built graph and their hykg classes (local names)."""
    import pyoxigraph as ox

    from .store import read_graph_file

    if graph is None:
        from .build import ensure_built

        graph = ensure_built()
    types: dict[str, set[str]] = defaultdict(set)
    kinds = set()
    for q in ox.parse(read_graph_file(Path(graph)), format=ox.RdfFormat.N_QUADS):
        p = q.predicate.value
        if p == H + "enKind":
            kinds.add(q.subject.value)
        elif p == vocab.RDF + "type" and q.object.value.startswith(H):
            types[q.subject.value].add(q.object.value[len(H):])
    return {vocab.id_of(s): types.get(s, set()) for s in kinds}


def add_links(links: Links, data: Dataset, q: QuadSet, graph: Path | None = None) -> int:
    """Check the curated links against the dataset and the built graph, then add them to ``q``
    (graph chainkg-links, editorial), each company link with the listed company's industry
    (inferred). Returns the number of statements added; DataError lists every bad link."""
    from .chainkg import company_id, industry_id

    known = _curated_ids(graph)
    problems: list[str] = []
    g = f"<{LINKS_GRAPH}>"
    added = 0
    for link in links.companies:
        company = data.companies.get(link.code)
        if link.entity not in known or "Enterprise" not in known[link.entity]:
            problems.append(f"{link.where}: {link.entity} is not an enterprise of the built graph")
        if company is None:
            problems.append(f"{link.where}: code {link.code} is not a company of the dataset")
        elif link.name != company["label"] and link.name not in company["names"]:
            problems.append(f"{link.where}: code {link.code} is {company['label']} in the dataset, not {link.name}")
        if problems:
            continue
        assert company is not None
        ent, listed = iri(link.entity), iri(company_id(link.code))
        q.statement(ent, f"<{RELATIONS[link.relation]}>", listed, g, "editorial", link.rationale)
        added += 1
        if "industry" in company:
            code = company["industry"]
            whose = "it is" if link.relation == "self" else "its listed parent group is"
            why = (f"{whose} {company['label']} ({link.code}), which ChainKG (company_industry.json) classifies in "
                   f"{data.industries[code]} (申万 {code}); the link is editorial, the firm's own business may differ")
            q.statement(ent, f"<{H}listedIndustry>", iri(industry_id(code)), g, "inferred", why)
            added += 1
    for m in links.chains:
        kinds = known.get(m.chain, set())
        if not kinds & {"IndustrialChain", "IndustrialCluster"}:
            problems.append(f"{m.where}: {m.chain} is not a chain of the built graph")
            continue
        for code, name in m.industries:
            if data.industries.get(code) != name:
                actual = data.industries.get(code)
                problems.append(f"{m.where}: industry {code} is {actual!r} in the dataset, not {name!r}" if actual
                                else f"{m.where}: industry {code} is not in the dataset")
                continue
            q.statement(iri(m.chain), f"<{H}relatedIndustry>", iri(industry_id(code)), g, "editorial", m.rationale)
            added += 1
    if problems:
        raise DataError(problems)
    return added


# ---------------------------------------------------------------------- name matching
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


def _listed(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Every listed company: label, names, code, exchange, industry (id, label).

    Simple patterns, joined here: every backend answers them fast (rdflib is slow on OPTIONAL and
    UNION over large graphs)."""
    out: dict[str, dict[str, Any]] = {}
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


def _existing_links(kg: KnowledgeGraph) -> dict[str, list[tuple[str, str]]]:
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
    from .questions import labels, ref, resolve

    if name is not None:
        where = f"VALUES ?e {{ <{resolve(kg, name, ('Enterprise',))}> }}"
    else:
        where = "?e a hykg:Enterprise ; hykg:enKind ?k ."
    local: dict[str, set[str]] = defaultdict(set)
    for r in kg.select(f"""SELECT ?e ?l WHERE {{ {{ {where} ?e rdfs:label ?l FILTER(lang(?l) = "zh") }}
                           UNION {{ {where} ?e skos:altLabel ?l }} }}"""):
        local[r["e"]].add(r["l"])
    listed = _listed(kg)
    linked = {(e, c) for c, es in _existing_links(kg).items() for e, _rel in es}
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


def curated_links(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The curated links in the graph: ``entity``, ``relation`` (self / parent), ``listed`` (id, label,
    code), ``industry`` of the listed company, ``status`` and ``rationale``.

    >>> import hykg
    >>> curated_links(hykg.load())  # without chainkg imported there are none
    []
    """
    from .questions import labels, provenance, ref

    listed = {c: i for c, i in _listed(kg).items()}
    links = _existing_links(kg)
    entities = {e for es in links.values() for e, _ in es}
    names = labels(kg, entities)
    prov = provenance(kg, entities)
    out = []
    for c, es in links.items():
        for e, rel in es:
            entry = prov.get((e, RELATIONS[rel], c),
                             {"status": "unknown", "rationale": []})
            info = listed[c]
            out.append({"entity": ref(e, names), "relation": rel,
                        "listed": {k: info[k] for k in ("id", "label", "code")}, "industry": info["industry"],
                        "status": entry["status"], "rationale": entry["rationale"]})
    out.sort(key=lambda r: (r["entity"]["id"], r["listed"]["code"]))
    return out


# ---------------------------------------------------------------------- listed company card
def listed_company(kg: KnowledgeGraph, name: str) -> dict[str, Any]:
    """A listed company by code (``600089``), id (``listed/600089``) or exact name: code, exchange,
    listing date, names, industry with its parents, upstream industries, and the Hengyang
    entities linked to it (with the link's status and rationale)."""
    from .questions import compact, labels, provenance, ref

    listed = _listed(kg)
    key = name.strip()
    hits = [c for c, i in listed.items()
            if key in (i["code"], i["id"]) or key in i["names"]]
    if not hits:
        raise UnknownEntity(key, [])
    if len(hits) > 1:
        raise AmbiguousName(key, [f"{listed[c]['label']} ({listed[c]['code']})" for c in sorted(hits)])
    c = hits[0]
    info = listed[c]
    date = kg.select(f"SELECT ?d WHERE {{ <{c}> hykg:listingDate ?d }}")
    industry = info["industry"]
    path: list[dict[str, str]] = []
    upstream: list[dict[str, Any]] = []
    if industry:
        i_iri = vocab.iri_of(industry["id"])
        for r in kg.select(f"""SELECT ?b ?l ?n WHERE {{ <{i_iri}> skos:broader+ ?b . ?b rdfs:label ?l ; skos:notation ?n }}
                               ORDER BY DESC(STRLEN(?n)) ?n"""):
            path.append({"id": vocab.id_of(r["b"]), "label": r["l"], "code": r["n"]})
        for r in kg.select(f"""SELECT ?u ?l ?w WHERE {{ ?k hykg:downstreamIndustry <{i_iri}> ;
                               hykg:upstreamIndustry ?u ; hykg:weight ?w . ?u rdfs:label ?l }}"""):
            upstream.append({"id": vocab.id_of(r["u"]), "label": r["l"], "weight": int(r["w"])})
        upstream.sort(key=lambda u: (-u["weight"], u["id"]))
    links = _existing_links(kg).get(c, [])
    names = labels(kg, {e for e, _ in links})
    prov = provenance(kg, {e for e, _ in links})
    linked = []
    for e, rel in sorted(links):
        p = RELATIONS[rel]
        entry = prov.get((e, p, c), {"status": "unknown", "sources": [], "rationale": []})
        linked.append({**ref(e, names), "relation": rel, "property": compact(p), **entry})
    return {"id": info["id"], "label": info["label"], "code": info["code"], "exchange": info["exchange"],
            "listing_date": date[0]["d"] if date else None, "names": sorted(info["names"] - {info["label"]}),
            "industry": {**industry, "broader": path} if industry else None, "upstream": upstream[:15],
            "linked_from": linked}


# ---------------------------------------------------------------------- prospects for a chain
def _values(iris: set[str] | list[str]) -> str:
    return " ".join(f"<{x}>" for x in sorted(iris))


def chain_industries(kg: KnowledgeGraph, chain_iri: str, upstream: int = 0) -> dict[str, dict[str, Any]]:
    """The industries of a chain: curated (``hykg:relatedIndustry``, also through the chain's skos
    exact/close matches), those of the listed companies linked to its member firms, and optionally
    the ``upstream`` heaviest upstream industries of each (ChainKG's weights). Industry IRI ->
    ``basis`` (curated, member, upstream), ``reasons``, ``weight``."""
    from .questions import labels, ref

    chains = {chain_iri} | {r["x"] for r in kg.select(f"""SELECT ?x WHERE {{
        {{ <{chain_iri}> skos:exactMatch|skos:closeMatch ?x }} UNION {{ ?x skos:exactMatch|skos:closeMatch <{chain_iri}> }} }}""")}
    found: dict[str, dict[str, Any]] = {}

    def note(i: str, basis: str, reason: str, weight: int = 0) -> None:
        entry = found.setdefault(i, {"basis": basis, "reasons": [], "weight": weight})
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)

    rows = kg.select(f"""SELECT ?c ?i ?rat WHERE {{ VALUES ?c {{ {_values(chains)} }} ?c hykg:relatedIndustry ?i .
        OPTIONAL {{ ?st rdf:subject ?c ; rdf:predicate hykg:relatedIndustry ; rdf:object ?i ; hykg:rationale ?rat }} }}""")
    members = kg.select(f"""SELECT ?m ?l ?code ?i WHERE {{ VALUES ?ch {{ {_values(chains)} }}
        ?m hykg:onChain ?ch ; ?p ?l . VALUES ?p {{ hykg:listedAs org:subOrganizationOf }}
        ?l a hykg:ListedCompany ; hykg:listedCode ?code ; hykg:inIndustry ?i }}""")
    names = labels(kg, chains | {r["m"] for r in members} | {r["l"] for r in members})
    for r in sorted(rows, key=lambda r: (r["i"], r["c"])):
        via = "" if r["c"] == chain_iri else f" via {ref(r['c'], names)['label']} ({vocab.id_of(r['c'])})"
        note(r["i"], "curated", f"curated for the chain{via}: {r.get('rat', 'no rationale')}")
    for r in sorted(members, key=lambda r: (r["i"], r["m"])):
        note(r["i"], "member", f"industry of {ref(r['l'], names)['label']} ({r['code']}), the listed company of "
                               f"chain member {ref(r['m'], names)['label']} ({vocab.id_of(r['m'])})")
    if upstream > 0 and found:
        tree = _narrower(kg)
        own = set(found) | {n for i in found for n in tree.get(i, set())}
        weights: dict[str, int] = defaultdict(int)
        via_down: dict[str, set[str]] = defaultdict(set)
        for r in kg.select(f"""SELECT ?d ?u ?w WHERE {{ VALUES ?d {{ {_values(own)} }}
                ?k hykg:downstreamIndustry ?d ; hykg:upstreamIndustry ?u ; hykg:weight ?w }}"""):
            if r["u"] not in own:
                weights[r["u"]] += int(r["w"])
                via_down[r["u"]].add(r["d"])
        unames = labels(kg, set(weights) | {d for v in via_down.values() for d in v})
        for u, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:upstream]:
            downs = "、".join(ref(d, unames)["label"] for d in sorted(via_down[u]))
            note(u, "upstream", f"upstream of {downs} in ChainKG (total weight {w})", w)
    return found


def candidates_for_chain(kg: KnowledgeGraph, chain: str, per_industry: int = 10, upstream: int = 0,
                         industries: list[str] | None = None) -> dict[str, Any]:
    """Candidate listed companies nationwide for a chain (招商目标), each with the reason.

    The chain's industries come from :func:`chain_industries`; ``industries`` (Shenwan codes)
    restricts them, e.g. to those of one gap segment. For each industry (with its narrower ones),
    up to ``per_industry`` companies are proposed: companies already linked to a Hengyang firm and
    delisted ones (退市) are left out (and counted), ST companies are flagged, and those whose
    names mention Hunan (湖南, 衡阳) come first, then by stock code. Industries are ranked curated,
    member, upstream, and within each, those holding more firms linked to Hengyang first.

    >>> import hykg
    >>> p = candidates_for_chain(hykg.load(), "化工新材料")  # without chainkg imported: nothing to propose
    >>> p["chain"]["id"], p["candidates"]
    ('chain/chem-new-materials', [])
    """
    from .questions import ENTITY_TYPES, labels, ref, resolve

    c_iri = resolve(kg, chain, ENTITY_TYPES["chain"])
    found = chain_industries(kg, c_iri, upstream)
    if industries is not None:
        wanted = {vocab.iri_of(f"industry/sw-{c}") for c in industries}
        found = {i: v for i, v in found.items() if i in wanted}
    tree, linked = _narrower(kg), _existing_links(kg)
    names = labels(kg, set(found) | {c_iri})
    listed = _listed(kg)
    rows_of = {i: kg.select(f"""SELECT ?c ?ci WHERE {{ VALUES ?ci {{ {_values(tree.get(i, set()) | {i})} }}
            ?c hykg:inIndustry ?ci }}""") for i in found}
    local = {i: len({r["c"] for r in rows if r["c"] in linked}) for i, rows in rows_of.items()}
    order = {"curated": 0, "member": 1, "upstream": 2}
    # industries where Hengyang already has linked firms first: the chain's strengths, where it grows
    ranked = sorted(found, key=lambda i: (order[found[i]["basis"]], -local[i], -found[i]["weight"], i))
    out: list[dict[str, Any]] = []
    industries_out = []
    seen: set[str] = set()
    for i in ranked:
        rows = rows_of[i]
        companies: dict[str, dict[str, Any]] = {}
        for r in rows:
            info = listed[r["c"]]
            companies[r["c"]] = {"r": {**r, "code": info["code"], "l": info["label"], "ex": info["exchange"]},
                                 "names": info["names"]}
        leaf_names = labels(kg, {r["ci"] for r in rows})
        left_out = {"linked": 0, "delisted": 0, "already proposed": 0}
        picked = []
        for c, v in companies.items():
            row = v["r"]
            if c in seen:
                left_out["already proposed"] += 1
            elif c in linked:
                left_out["linked"] += 1
            elif "退市" in row["l"]:
                left_out["delisted"] += 1
            else:
                hunan = any(n.startswith("湖南") or "衡阳" in n for n in v["names"])
                picked.append((not hunan, row["code"], c, row, hunan))
        picked.sort()
        basis = found[i]["basis"]
        why = {"curated": f"a curated industry of {ref(c_iri, names)['label']}",
               "member": "the industry of a chain member's listed company",
               "upstream": "upstream of the chain's industries in ChainKG"}[basis]
        for _not_hunan, code, c, row, hunan in picked[:per_industry]:
            seen.add(c)
            leaf = ref(row["ci"], leaf_names)
            under = "" if row["ci"] == i else f", under {ref(i, names)['label']}"
            out.append({
                "company": {"id": vocab.id_of(c), "label": row["l"], "code": code, "exchange": row.get("ex")},
                "industry": leaf,
                "basis": basis,
                "reason": f"in {leaf['label']}{under}: {why}",
                "st": bool(re.match(r"^\*?S?\*?ST", row["l"])),
                "hunan": hunan,
            })
        industries_out.append({**ref(i, names), "basis": basis, "reasons": found[i]["reasons"],
                               "companies": len(companies), "proposed": min(len(picked), per_industry),
                               "left_out": left_out})
    return {"chain": ref(c_iri, names), "industries": industries_out, "candidates": out}


def _narrower(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Industry IRI -> every narrower industry (the classification is small: one query)."""
    children: dict[str, set[str]] = defaultdict(set)
    for r in kg.select("SELECT ?i ?b WHERE { ?i a hykg:Industry ; skos:broader ?b }"):
        children[r["b"]].add(r["i"])
    out: dict[str, set[str]] = {}
    for top in list(children):
        stack, acc = list(children[top]), set()
        while stack:
            x = stack.pop()
            if x not in acc:
                acc.add(x)
                stack.extend(children.get(x, ()))
        out[top] = acc
    return out
