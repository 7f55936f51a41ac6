"""The curated links between Hengyang and ChainKG (``data/curated/links_chainkg.yaml``): reading the
file, checking it, and writing its links (editorial) and the industries they imply (inferred)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import DataError
from ...rdf import vocab
from ...rdf.terms import iri
from .ids import company_id, industry_id

if TYPE_CHECKING:  # the quad writer only where links are added (an import), not for a question
    from ...rdf.nquads import QuadSet
    from .importer import Dataset

LINKS_GRAPH = vocab.graph_iri("chainkg-links")
RELATIONS = {"self": vocab.ONT + "listedAs", "parent": vocab.ORG + "subOrganizationOf"}
H = vocab.ONT


def default_links_path() -> Path:
    """The bundled curated links: ``data/curated/links_chainkg.yaml``."""
    from ...resources import data_dir

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
    products: list[ChainIndustries] = field(default_factory=list)  # product -> industries making it


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
    from ...curation.yamlfile import KEY_LINES, LINE, read_yaml  # YAML only when the links are read

    data = read_yaml(path)
    problems: list[str] = []
    links = Links()
    if not isinstance(data, dict):
        raise DataError(f"{path}:1: expected a mapping with companies and chains")
    extra = set(data) - {"dataset", "companies", "chains", "products", LINE, KEY_LINES}
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
    for section, key in (("chains", "chain"), ("products", "product")):
        for item in data.get(section) or []:
            where = f"{path}:{item.get(LINE, 0) if isinstance(item, dict) else 0}"
            if not isinstance(item, dict):
                problems.append(f"{where}: a chain mapping must be a mapping")
                continue
            chain = _text(item, key, where, problems)
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
                problems.append(f"{where}: list the {key}'s industries")
            if chain and rationale and industries:
                (links.chains if key == "chain" else links.products).append(ChainIndustries(chain, industries, rationale, where))
    if problems:
        raise DataError(problems)
    return links


def _curated_ids(graph: Path | None) -> dict[str, set[str]]:
    """Curated ids of the built graph and their hykg classes (local names)."""
    import pyoxigraph as ox

    from ...stores.base import read_graph_file

    if graph is None:
        from ...curation.fresh import ensure_built

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
    for m in links.chains + links.products:
        kinds = known.get(m.chain, set())
        wanted = {"IndustrialChain", "IndustrialCluster"} if m in links.chains else {"Product"}
        if not kinds & wanted:
            problems.append(f"{m.where}: {m.chain} is not a {'chain' if m in links.chains else 'product'} of the built graph")
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
