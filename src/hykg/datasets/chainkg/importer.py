"""`hykg import chainkg`: the ChainKG listed-company dataset -> its own named graph, with provenance.

ChainKG (github.com/liuhuanyong/ChainKnowledgeGraph) lists Chinese listed companies, the Shenwan
industries with their hierarchy and upstream links, and product names, one JSON object per line.
The import keeps every well-formed line, reports every other one by file and line, and writes
canonical N-Quads (graph ``https://w3id.org/hykg/graph/chainkg``) next to the built graph, so that
``hykg.load()`` reads both. Each entity carries ``prov:wasDerivedFrom doc/chainkg`` (the dataset).

Companies are identified by stock code, never by name: rows that share a code and a listing date
are one company (renamings; the other names become aliases, and the merge is reported); rows that
share a code but disagree on the listing date are reported and only what they agree on is loaded;
companies that share a short name but not a code stay apart (reported).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import DataError
from ...rdf import vocab
from ...rdf.nquads import QuadSet
from ...rdf.terms import iri, lit
from .ids import company_id, industry_id, product_id

DATASET = "doc/chainkg"
GRAPH = vocab.graph_iri("chainkg")
SCHEME = "scheme/sw2021"
FILES = ("company.json", "industry.json", "industry_industry.json", "company_industry.json",
         "industry_up.json", "product.json")
EXCHANGES = {"上海证券交易所": "SH", "深圳证券交易所": "SZ", "北京证券交易所": "BJ"}
_SUFFIX = {v: k for k, v in EXCHANGES.items()}
_CODE = re.compile(r"^(\d{6})(?:\.(SH|SZ|BJ))?$", re.IGNORECASE)

H, RDF, RDFS, SKOS, PROV, XSD, DCT = vocab.ONT, vocab.RDF, vocab.RDFS, vocab.SKOS, vocab.PROV, vocab.XSD, vocab.DCTERMS

Progress = Callable[[str], None]


@dataclass
class Dataset:
    """What the import read: companies by code, industries by code, and what it reported."""

    companies: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> label, names, industry
    industries: dict[str, str] = field(default_factory=dict)  # code -> name
    problems: list[str] = field(default_factory=list)  # file:line: message (lines not or partly loaded)
    notes: list[str] = field(default_factory=list)  # file:line: message (handled, e.g. merged renamings)
    counts: dict[str, int] = field(default_factory=dict)
    records: dict[str, int] = field(default_factory=dict)  # file -> non-blank lines read


@dataclass
class ImportReport:
    """What ``import_chainkg`` wrote and what it reported."""

    out: Path
    quads: int
    counts: dict[str, int]
    problems: list[str]
    notes: list[str]
    links: int
    seconds: float


def _p(term: str) -> str:
    return f"<{term}>"


def read_jsonl(path: Path, data: Dataset, required: tuple[str, ...], progress: Progress | None = None
               ) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a JSON-lines file with the required string fields; bad lines go to ``data.problems``."""
    if not path.exists():
        raise DataError(f"{path}: missing (the ChainKG folder needs {', '.join(FILES)})")
    name = path.name
    if progress:
        progress(f"reading {name}")
    try:
        fh = path.open(encoding="utf-8", errors="strict")
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror}): nothing imported") from exc
    with fh:
        n = records = 0
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                records += 1
                try:
                    row = json.loads(line)
                except ValueError as exc:
                    if not line.endswith("\n"):  # the last line, cut off mid-record
                        raise DataError(f"{path}:{n}: ends in the middle of a JSON record (a truncated file?): "
                                        "nothing imported, the last import is kept") from exc
                    data.problems.append(f"{name}:{n}: not valid JSON ({exc}): line left out")
                    continue
                if not isinstance(row, dict):
                    data.problems.append(f"{name}:{n}: expected a JSON object: line left out")
                    continue
                missing = [k for k in required if not isinstance(row.get(k), str) or not row[k].strip()]
                if missing:
                    data.problems.append(f"{name}:{n}: missing or empty {', '.join(missing)}: line left out")
                    continue
                if progress and n % 25000 == 0:
                    progress(f"  {name}: {n} lines")
                yield n, row
        except UnicodeDecodeError as exc:
            what = ("ends in the middle of a character (a truncated file?)" if exc.reason == "unexpected end of data"
                    else f"not UTF-8 ({exc.reason})")
            raise DataError(f"{path}:{n + 1}: {what}: nothing imported, the last import is kept") from exc
        except OSError as exc:
            raise DataError(f"{path}:{n + 1}: cannot be read ({exc.strerror}): nothing imported") from exc
    data.records[name] = records


def _code(raw: str) -> tuple[str, str | None] | None:
    m = _CODE.match(raw.strip())
    return (m.group(1), m.group(2).upper() if m.group(2) else None) if m else None


def _date(raw: str) -> str | None:
    try:
        return dt.date.fromisoformat(raw.strip()).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()) else None
    except ValueError:
        return None


# ---------------------------------------------------------------------- companies
def _companies(folder: Path, data: Dataset, progress: Progress | None) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, row in read_jsonl(folder / "company.json", data, ("name", "code"), progress):
        code = _code(row["code"])
        if code is None:
            data.problems.append(f"company.json:{n}: code {row['code']!r} is not a six-digit stock code: line left out")
            continue
        exchange = EXCHANGES.get(str(row.get("location", "")).strip())
        if exchange is None:
            how = f"taken from the code suffix .{code[1]}" if code[1] else "left out"
            data.problems.append(f"company.json:{n}: location {row.get('location')!r} is not a stock exchange: exchange {how}")
            exchange = code[1]
        elif code[1] and code[1] != exchange:
            data.problems.append(f"company.json:{n}: code suffix .{code[1]} disagrees with {row['location']}: exchange from location")
        date = _date(str(row.get("time", "")))
        if date is None:
            data.problems.append(f"company.json:{n}: time {row.get('time')!r} is not a date: listing date left out")
        fullname = row.get("fullname") if isinstance(row.get("fullname"), str) and row["fullname"].strip() else None
        groups[code[0]].append({"line": n, "name": row["name"].strip(), "fullname": fullname and fullname.strip(),
                                "exchange": exchange, "date": date})
    return groups


def _emit_companies(groups: dict[str, list[dict[str, Any]]], ci_names: dict[str, str], data: Dataset,
                    q: QuadSet) -> None:
    g, ds = _p(GRAPH), iri(DATASET)
    by_name: dict[str, list[str]] = defaultdict(list)
    for code in sorted(groups):
        rows = groups[code]
        names = list(dict.fromkeys(r["name"] for r in rows))
        label = ci_names[code] if ci_names.get(code) in names else names[0]
        dates = sorted({r["date"] for r in rows if r["date"]})
        exchanges = sorted({r["exchange"] for r in rows if r["exchange"]})
        lines = ", ".join(str(r["line"]) for r in rows)
        conflict = len(dates) > 1
        e = iri(company_id(code))
        q.add(e, _p(RDF + "type"), _p(H + "ListedCompany"), g)
        q.add(e, _p(RDFS + "label"), lit(label, "zh"), g)
        q.add(e, _p(H + "listedCode"), lit(code), g)
        q.add(e, _p(PROV + "wasDerivedFrom"), ds, g)
        if len(exchanges) == 1:
            q.add(e, _p(H + "exchange"), lit(_SUFFIX[exchanges[0]]), g)
        elif exchanges:
            data.problems.append(f"company.json:{lines}: code {code} on several exchanges ({', '.join(exchanges)}): exchange left out")
        for other in names:
            if other != label:
                q.add(e, _p(SKOS + "altLabel"), lit(other, "zh"), g)
        if conflict:
            data.problems.append(
                f"company.json:{lines}: code {code} ({'/'.join(names)}) has rows with different listing dates "
                f"({', '.join(dates)}) and full names: they cannot all be right, so only code and short name are loaded")
        else:
            if dates:
                q.add(e, _p(H + "listingDate"), lit(dates[0], datatype=XSD + "date"), g)
            for full in dict.fromkeys(r["fullname"] for r in rows if r["fullname"]):
                q.add(e, _p(SKOS + "altLabel"), lit(full, "zh"), g)
            if len(rows) > 1:
                fulls = "/".join(dict.fromkeys(r["fullname"] or r["name"] for r in rows))
                same = "the same listing date" if dates else "no valid listing date (none to tell them apart)"
                data.notes.append(f"company.json:{lines}: {len(rows)} rows for code {code} with {same} "
                                  f"({fulls}): one company (a renaming); the other names are kept as aliases")
        data.companies[code] = {"label": label, "names": set(names) | {r["fullname"] for r in rows if r["fullname"]}}
        by_name[label].append(code)
        for other in names:
            if other != label:
                by_name[other].append(code)
    for name, codes in sorted(by_name.items()):
        if len(set(codes)) > 1:
            data.notes.append(f"company.json: short name {name} is used by {len(set(codes))} codes "
                              f"({', '.join(sorted(set(codes)))}): kept as separate companies")
    data.counts["companies"] = len(groups)
    data.counts["company rows"] = sum(len(r) for r in groups.values())


# ---------------------------------------------------------------------- industries
def _industries(folder: Path, data: Dataset, q: QuadSet, progress: Progress | None) -> dict[str, list[str]]:
    g, ds = _p(GRAPH), iri(DATASET)
    by_name: dict[str, list[str]] = defaultdict(list)
    for n, row in read_jsonl(folder / "industry.json", data, ("code", "name"), progress):
        code, name = row["code"].strip(), row["name"].strip()
        if not re.fullmatch(r"\d{6}", code):
            data.problems.append(f"industry.json:{n}: code {code!r} is not a six-digit industry code: line left out")
            continue
        if code in data.industries:
            if data.industries[code] != name:
                data.problems.append(f"industry.json:{n}: code {code} repeated with another name {name!r}: line left out")
            continue
        data.industries[code] = name
        by_name[name].append(code)
        e = iri(industry_id(code))
        q.add(e, _p(RDF + "type"), _p(H + "Industry"), g)
        q.add(e, _p(RDFS + "label"), lit(name, "zh"), g)
        q.add(e, _p(SKOS + "notation"), lit(code), g)
        q.add(e, _p(SKOS + "inScheme"), iri(SCHEME), g)
        q.add(e, _p(PROV + "wasDerivedFrom"), ds, g)
    has_parent: set[str] = set()
    for n, row in read_jsonl(folder / "industry_industry.json", data, ("from_code", "to_code"), progress):
        child, parent = row["from_code"].strip(), row["to_code"].strip()
        unknown = [c for c in (child, parent) if c not in data.industries]
        if unknown:
            data.problems.append(f"industry_industry.json:{n}: industry code {unknown[0]} is not in industry.json: line left out")
            continue
        q.add(iri(industry_id(child)), _p(SKOS + "broader"), iri(industry_id(parent)), g)
        has_parent.add(child)
    for code in data.industries:
        if code not in has_parent:
            q.add(iri(industry_id(code)), _p(SKOS + "topConceptOf"), iri(SCHEME), g)
    data.counts["industries"] = len(data.industries)
    return by_name


def _industry_of(code: str, name: str, where: str, by_name: dict[str, list[str]], data: Dataset) -> str | None:
    if code in data.industries:
        return code
    same = by_name.get(name, [])
    if len(same) == 1:
        data.notes.append(f"{where}: industry code {code} is not in industry.json; matched by its name {name} (code {same[0]})")
        return same[0]
    data.problems.append(f"{where}: industry {code} {name} is not in industry.json: line left out")
    return None


def _company_industry(folder: Path, data: Dataset, by_name: dict[str, list[str]], q: QuadSet,
                      progress: Progress | None) -> None:
    g, ds = _p(GRAPH), iri(DATASET)
    count = 0
    for n, row in read_jsonl(folder / "company_industry.json", data,
                             ("company_code", "company_name", "industry_code", "industry_name"), progress):
        where = f"company_industry.json:{n}"
        parsed = _code(row["company_code"])
        if parsed is None:
            data.problems.append(f"{where}: company code {row['company_code']!r} is not a stock code: line left out")
            continue
        code, suffix = parsed
        industry = _industry_of(row["industry_code"].strip(), row["industry_name"].strip(), where, by_name, data)
        if industry is None:
            continue
        e, name = iri(company_id(code)), row["company_name"].strip()
        if code not in data.companies:
            data.notes.append(f"{where}: {name} ({code}) is not in company.json: added from this line (code, name, exchange)")
            data.companies[code] = {"label": name, "names": {name}}
            q.add(e, _p(RDF + "type"), _p(H + "ListedCompany"), g)
            q.add(e, _p(RDFS + "label"), lit(name, "zh"), g)
            q.add(e, _p(H + "listedCode"), lit(code), g)
            q.add(e, _p(PROV + "wasDerivedFrom"), ds, g)
            if suffix:
                q.add(e, _p(H + "exchange"), lit(_SUFFIX[suffix]), g)
            data.counts["companies"] = data.counts.get("companies", 0) + 1
        elif name not in data.companies[code]["names"]:
            data.companies[code]["names"].add(name)
            q.add(e, _p(SKOS + "altLabel"), lit(name, "zh"), g)
        if "industry" in data.companies[code]:
            data.problems.append(f"{where}: {name} ({code}) already has an industry: second industry {industry} also loaded")
        data.companies[code]["industry"] = industry
        q.add(e, _p(H + "inIndustry"), iri(industry_id(industry)), g)
        count += 1
    data.counts["company industries"] = count


def _upstream(folder: Path, data: Dataset, by_name: dict[str, list[str]], q: QuadSet, progress: Progress | None) -> None:
    g, ds = _p(GRAPH), iri(DATASET)
    count = 0
    seen: dict[str, int] = {}
    for n, row in read_jsonl(folder / "industry_up.json", data, ("industry",), progress):
        where, name = f"industry_up.json:{n}", row["industry"].strip()
        ups = row.get("ups")
        if not isinstance(ups, dict):
            data.problems.append(f"{where}: ups is not a mapping of industry names to weights: line left out")
            continue
        codes = by_name.get(name, [])
        if len(codes) != 1:
            data.problems.append(f"{where}: industry {name!r} is not in industry.json: line left out")
            continue
        down = codes[0]
        if down in seen:
            data.problems.append(f"{where}: industry {name} already listed on line {seen[down]}: its upstream links are added too")
        seen[down] = n
        for up_name, weight in sorted(ups.items()):
            up_codes = by_name.get(str(up_name).strip(), [])
            if len(up_codes) != 1:
                data.problems.append(f"{where}: upstream industry {up_name!r} of {name} is not in industry.json: link left out")
                continue
            if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
                data.problems.append(f"{where}: weight {weight!r} of {name} <- {up_name} is not a positive whole number: link left out")
                continue
            up = up_codes[0]
            d, u = iri(industry_id(down)), iri(industry_id(up))
            link = iri(f"uplink/sw-{down}-{up}")
            q.add(d, _p(H + "upstreamIndustry"), u, g)
            q.add(link, _p(RDF + "type"), _p(H + "IndustryLink"), g)
            q.add(link, _p(H + "downstreamIndustry"), d, g)
            q.add(link, _p(H + "upstreamIndustry"), u, g)
            q.add(link, _p(H + "weight"), lit(str(weight), datatype=XSD + "integer"), g)
            q.add(link, _p(PROV + "wasDerivedFrom"), ds, g)
            count += 1
    data.counts["upstream links"] = count


def _products(folder: Path, data: Dataset, q: QuadSet, progress: Progress | None) -> None:
    g, ds = _p(GRAPH), iri(DATASET)
    names: set[str] = set()
    repeated = 0
    for _n, row in read_jsonl(folder / "product.json", data, ("name",), progress):
        name = row["name"].strip()
        if name in names:
            repeated += 1
            continue
        names.add(name)
        e = iri(product_id(name))
        q.add(e, _p(RDF + "type"), _p(H + "ProductTerm"), g)
        q.add(e, _p(RDFS + "label"), lit(name, "zh"), g)
        q.add(e, _p(PROV + "wasDerivedFrom"), ds, g)
    if repeated:
        data.notes.append(f"product.json: {repeated} repeated product names loaded once")
    data.counts["product names"] = len(names)


def _dataset_node(q: QuadSet) -> None:
    g, d = _p(GRAPH), iri(DATASET)
    q.add(d, _p(RDF + "type"), _p(H + "SourceDocument"), g)
    q.add(d, _p(RDFS + "label"), lit("ChainKG 上市公司产业链数据集", "zh"), g)
    q.add(d, _p(RDFS + "label"), lit("ChainKG listed-company industrial-chain dataset", "en"), g)
    q.add(d, _p(DCT + "title"), lit("ChainKnowledgeGraph: 产业链知识图谱 (data)", "zh"), g)
    q.add(d, _p(H + "publisherName"), lit("liuhuanyong/ChainKnowledgeGraph (GitHub)"), g)
    q.add(d, _p(DCT + "source"), _p("https://github.com/liuhuanyong/ChainKnowledgeGraph"), g)
    for name in FILES:
        q.add(d, _p(H + "fileName"), lit(name), g)
    scheme = iri(SCHEME)
    q.add(scheme, _p(RDF + "type"), _p(SKOS + "ConceptScheme"), g)
    q.add(scheme, _p(RDFS + "label"), lit("申万行业分类(2021)", "zh"), g)
    q.add(scheme, _p(RDFS + "label"), lit("Shenwan industry classification (2021)", "en"), g)
    q.add(scheme, _p(PROV + "wasDerivedFrom"), d, g)


def read_chainkg(folder: Path, q: QuadSet, products: bool = True, progress: Progress | None = None) -> Dataset:
    """Read the ChainKG folder into ``q`` (graph chainkg); returns what was read and reported."""
    data = Dataset()
    _dataset_node(q)
    groups = _companies(folder, data, progress)
    by_name = _industries(folder, data, q, progress)
    ci_names: dict[str, str] = {}
    ci_path = folder / "company_industry.json"
    if ci_path.exists():
        for line in ci_path.open(encoding="utf-8", errors="replace"):
            try:
                row = json.loads(line)
                parsed = _code(str(row.get("company_code", "")))
                if parsed and isinstance(row.get("company_name"), str):
                    ci_names[parsed[0]] = row["company_name"].strip()
            except (ValueError, AttributeError):
                continue  # reported when the file is read for its industries
    _emit_companies(groups, ci_names, data, q)
    _company_industry(folder, data, by_name, q, progress)
    _upstream(folder, data, by_name, q, progress)
    if products:
        _products(folder, data, q, progress)
    return data


def default_source() -> Path:
    """The ``chainkg`` setting: ``$HYKG_CHAINKG``, else ``../shared/datasets/chainkg`` near the working
    folder or the checkout."""
    from ... import settings

    return Path(settings.get("chainkg") or "../shared/datasets/chainkg")


def import_chainkg(source: Path, out: Path, graph: Path | None = None, links: Path | None = None,
                   products: bool = True, progress: Progress | None = None, allow_shrink: bool = False
                   ) -> ImportReport:
    """Import the ChainKG folder ``source`` into ``out`` (canonical N-Quads, gzip, written atomically).

    ``links`` (default: the bundled ``data/curated/links_chainkg.yaml``) holds the curated links to the
    Hengyang graph ``graph`` (default: the built graph); they are checked against both and written
    with editorial status, together with the industry each linked firm's listed company is in
    (inferred). Raises DataError for a missing file or a bad links file; bad dataset lines are
    reported in ``problems`` and left out. A truncated or unreadable file, or one with far fewer
    records than at the last import into ``out`` (its manifest, see :mod:`hykg.curation.manifest`;
    unless ``allow_shrink``), is a DataError and leaves the last import as it was.
    """
    from ...curation.manifest import check_counts, read_manifest, write_manifest
    from .links import add_links, default_links_path, read_links

    t0 = time.perf_counter()
    source = Path(source)
    if not source.is_dir():
        raise DataError(f"{source}: not a folder (expected the ChainKG data folder with {', '.join(FILES)})")
    last = read_manifest(out)
    q = QuadSet()
    data = read_chainkg(source, q, products, progress)
    if not allow_shrink:
        check_counts(source, data.records, last)
    links_path = links or default_links_path()
    n_links = 0
    if links_path.exists():
        if progress:
            progress(f"linking with {links_path}")
        n_links = add_links(read_links(links_path), data, q, graph)
    elif links is not None:
        raise DataError(f"{links}: no such links file")
    if progress:
        progress(f"writing {out}")
    quads = q.write(out)
    write_manifest(out, data.records, last, quads)
    return ImportReport(out, quads, data.counts, sorted(data.problems, key=_where_key), sorted(data.notes, key=_where_key),
                        n_links, round(time.perf_counter() - t0, 2))


def _where_key(message: str) -> tuple[int, int, str]:
    """Order reports by file (in reading order), then line."""
    name, _, rest = message.partition(":")
    line = re.match(r"\s*(\d+)", rest)
    return (FILES.index(name) if name in FILES else len(FILES), int(line.group(1)) if line else 0, message)
