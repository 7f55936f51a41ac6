"""A ledger's rows -> facts in its own named graph: firms matched (credit code, name, alias) or new, each fact citing the ledger, row and cell.

>>> strip_name("湖南恒光化工股份有限公司"), strip_name("衡阳市建衡实业有限公司")
('恒光化工', '建衡实业')
"""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import hashlib
import io
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..files import write_atomic
from ..rdf import vocab
from ..rdf.statements import statement_triples
from ..rdf.terms import lit
from .ledger import Ledger, Problem, number, split_list
from .pinyin import RATIONALE, english, slug

H, RDF, RDFS, SKOS, DCT, XSD = vocab.ONT, vocab.RDF, vocab.RDFS, vocab.SKOS, vocab.DCTERMS, vocab.XSD
MAX_QUOTE = 60
_PREFIX = re.compile(r"^(湖南省|湖南|衡阳市|衡阳)")
_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团|公司|厂)$")
#: Index kinds -> classes whose instances a ledger cell may name.
KINDS = {"ent": ("Enterprise",), "park": ("Park", "Corridor", "CharacteristicTown"), "chain": ("IndustrialChain",),
         "place": ("Place",), "mat": ("Product",)}
PROPS = {"chain": "onChain", "park": "inPark", "county": "locatedIn"}
WHAT = {"chain": "chain", "park": "park", "county": "county (Place)"}


def normal_code(code: str) -> str:
    """A credit code as compared: upper case, without spaces.

    >>> normal_code(" 91430400ma4l00000x ")
    '91430400MA4L00000X'
    """
    return re.sub(r"\s+", "", code).upper()


def strip_name(name: str) -> str:
    """A firm name without the province/city prefix and the company-form suffix (for matching)."""
    n = re.sub(r"[\s()（）]", "", name)
    n = _PREFIX.sub("", n)
    while (m := _SUFFIX.search(n)) and len(n) > len(m.group(0)) + 1:
        n = n[: m.start()]
    return n


@dataclass
class Index:
    """The entities a ledger may name: zh names (labels and aliases) -> ids, per kind; credit codes."""

    names: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    stripped: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    codes: dict[str, str] = field(default_factory=dict)  # credit code -> IRI
    code_of: dict[str, str] = field(default_factory=dict)  # IRI -> credit code
    labels: dict[str, str] = field(default_factory=dict)  # IRI -> zh label
    same: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # IRI -> its skos:exactMatch

    @classmethod
    def of(cls, kg: Any, leave_out: str | None = None) -> Index:
        """The index of a loaded graph (``leave_out``: a named graph not to read, the ledger's own)."""
        idx = cls()
        classes = " ".join(f"(hykg:{c} '{k}')" for k, cs in KINDS.items() for c in cs)
        own = f"<{leave_out or vocab.graph_iri('none')}>"
        q = f"""SELECT DISTINCT ?e ?k ?l WHERE {{ VALUES (?c ?k) {{ {classes} }} GRAPH ?tg {{ ?e a ?c }}
                GRAPH ?lg {{ ?e rdfs:label|skos:altLabel ?l }} FILTER(LANG(?l) = 'zh' && ?tg != {own} && ?lg != {own}) }}"""
        for r in kg.rows(q):
            e, kind, label = str(r["e"]), r["k"][0], r["l"][0]
            idx.names[kind][label].add(e)
            if kind == "ent":
                idx.stripped[strip_name(label)].add(e)
            idx.labels.setdefault(e, label)
        for r in kg.rows(f"SELECT ?e ?c WHERE {{ GRAPH ?g {{ ?e hykg:creditCode ?c }} FILTER(?g != {own}) }}"):
            code = normal_code(r["c"][0])
            idx.codes[code] = str(r["e"])
            idx.code_of[str(r["e"])] = code
        for r in kg.rows("SELECT ?a ?b WHERE { ?a skos:exactMatch ?b . ?a a hykg:IndustrialChain . ?b a hykg:IndustrialChain }"):
            idx.same[str(r["a"])].add(str(r["b"]))
        return idx

    def pick(self, kind: str, text: str) -> tuple[str | None, set[str]]:
        """The one entity of ``kind`` named ``text`` (a chain listed in several schemes under one name
        is the one the others are an skos:exactMatch of), and the candidates."""
        found = self.names[kind].get(text, set())
        if len(found) == 1:
            return next(iter(found)), found
        hubs = [h for h in found if all(h in self.same[x] for x in found if x != h)]
        return (hubs[0] if len(found) > 1 and len(hubs) == 1 else None), found

    def closest(self, kind: str, text: str) -> list[str]:
        return difflib.get_close_matches(text, list(self.names[kind]), n=3, cutoff=0.3)


@dataclass
class LedgerReport:
    """What an import read, matched, created, reported and wrote."""

    ledger: Ledger
    out: Path
    imported: int = 0
    matched: int = 0
    new: int = 0
    quads: int = 0
    written: bool = False
    unchanged: bool = False
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def problem_lines(self) -> list[str]:
        """``FILE:ROW: column: message``, one per problem."""
        return [f"{self.ledger.path.name}:{p.row}: {p.column}: {p.message}" for p in self.problems]

    def as_json(self) -> dict[str, Any]:
        lg = self.ledger
        return {"ledger": {"id": lg.id, "file": str(lg.path), "sheet": lg.sheet, "rows": len(lg.rows),
                           "encoding": lg.encoding, "sha256": lg.sha256, "ignored_columns": lg.ignored},
                "imported": self.imported, "matched": self.matched, "new": self.new,
                "problems": [{"row": p.row, "column": p.column, "message": p.message} for p in self.problems],
                "out": str(self.out) if self.written or self.unchanged else None,
                "written": self.written, "unchanged": self.unchanged, "quads": self.quads}


class _Writer:
    """Facts of one ledger as N-Quads, each with a documented statement citing the ledger, row and
    cell, streamed into gzip in the order they are made (the same ledger gives the same bytes).
    A quad repeated within a row is written once; across rows no quad repeats (a firm has one row,
    a new product is named once), so the memory of what was written is one row's."""

    def __init__(self, ledger: Ledger) -> None:
        self.doc = ledger.id
        self.doc_iri = f"<{vocab.iri_of('doc/' + ledger.id)}>"
        self.g = f"<{vocab.graph_iri(ledger.id)}>"
        self.buf = io.BytesIO()
        self.gz = gzip.GzipFile(fileobj=self.buf, mode="wb", compresslevel=6, mtime=0, filename="")
        self.seen: set[str] = set()
        self.pending: list[str] = []
        self.count = 0
        self._row = f"<{H}row>"

    def add(self, s: str, p: str, o: str) -> None:
        line = f"{s} {p} {o} {self.g} .\n"
        if line not in self.seen:
            self.seen.add(line)
            self.pending.append(line)
            self.count += 1
            if len(self.pending) >= 4096:
                self.flush()

    def flush(self) -> None:
        self.gz.write("".join(self.pending).encode("utf-8"))
        self.pending.clear()

    def end_row(self) -> None:
        self.seen.clear()

    def fact(self, s: str, p: str, o: str, row: int, quote: str) -> None:
        quote = quote[:MAX_QUOTE]
        triples = statement_triples(s, p, o, o, status="documented", doc=self.doc, quote=quote,
                                    iri=lambda i: f"<{i}>", lit=lit)
        for t in triples:
            self.add(*t)
        self.add(triples[1][0], self._row, f'"{row}"^^<{XSD}integer>')

    def node(self, s: str, row: int, quote: str, props: list[tuple[str, str]]) -> None:
        """A fact that is a node already (a statistic): its triples, and on the node the ledger, row
        and cell it comes from (as the curated observations carry ``prov:wasDerivedFrom``)."""
        for p, o in props:
            self.add(f"<{s}>", f"<{p}>", o)
        self.add(f"<{s}>", f"<{vocab.PROV}wasDerivedFrom>", self.doc_iri)
        self.add(f"<{s}>", f"<{H}quote>", lit(quote[:MAX_QUOTE]))
        self.add(f"<{s}>", self._row, f'"{row}"^^<{XSD}integer>')

    def editorial(self, s: str, p: str, o: str, rationale: str) -> None:
        for t in statement_triples(s, p, o, o, status="editorial", rationale=rationale, iri=lambda i: f"<{i}>", lit=lit):
            self.add(*t)

    def payload(self) -> bytes:
        """The gzip bytes (closes the stream)."""
        self.flush()
        self.gz.close()
        self.seen.clear()
        return self.buf.getvalue()


def _match(name: str, code: str, idx: Index, aliases: list[str] | tuple[str, ...] = ()) -> tuple[str | None, str | None]:
    """(IRI, problem) of the firm a row names: by credit code, else exact name or alias, else the
    name without prefix and suffix, else one of the row's own aliases (简称); several candidates are
    a problem, never a guess."""
    if code and code in idx.codes:
        return idx.codes[code], None
    by_alias: set[str] = set()
    for a in aliases:
        by_alias |= idx.names["ent"].get(a, set())
    for candidates in (idx.names["ent"].get(name, set()), idx.stripped.get(strip_name(name), set()), by_alias):
        if len(candidates) == 1:
            return next(iter(candidates)), None
        if len(candidates) > 1:
            return None, "matches several enterprises: " + ", ".join(
                f"{idx.labels.get(e, e)} ({vocab.id_of(e)})" for e in sorted(candidates)) + " (add 统一社会信用代码)"
    return None, None


def build_quads(ledger: Ledger, idx: Index, import_date: str) -> tuple[_Writer, LedgerReport]:
    """The quads of a ledger and the report (matched, new, problems); rows with problems add nothing."""
    w = _Writer(ledger)
    report = LedgerReport(ledger, Path())
    cols = ledger.columns
    name_col = next(h for h, f in cols.items() if f.kind == "name")
    code_col = next((h for h, f in cols.items() if f.kind == "code"), "统一社会信用代码")
    seen_name: dict[str, int] = {}
    seen_code: dict[str, tuple[int, str]] = {}
    made_products: set[str] = set()
    for row, cells in ledger.rows:
        problems: list[Problem] = []
        name = cells[name_col].strip()
        code = next((normal_code(cells[h]) for h, f in cols.items() if f.kind == "code" and cells[h].strip()), "")
        if not name:
            report.problems.append(Problem(row, name_col, "empty firm name: row left out"))
            continue
        key = strip_name(name)
        if key in seen_name:
            report.problems.append(Problem(row, name_col, f"duplicate of row {seen_name[key]} ({name})"))
            continue
        seen_name[key] = row
        if code:
            if code in seen_code and seen_code[code][1] != key:
                problems.append(Problem(row, code_col, f"credit code {code} is also given to row "
                                        f"{seen_code[code][0]} (another firm)"))
            seen_code.setdefault(code, (row, key))
        alias_cells = [a for h, f in cols.items() if f.kind == "aliases" for a in split_list(cells[h])]
        e, ambiguous = _match(name, code, idx, alias_cells)
        if ambiguous:
            problems.append(Problem(row, name_col, f"{name} {ambiguous}"))
        if e and code and idx.code_of.get(e) not in (None, code):
            problems.append(Problem(row, code_col, f"credit code {code} conflicts with "
                                    f"{idx.code_of[e]} of {idx.labels.get(e, '')} ({vocab.id_of(e)})"))
        links: list[tuple[str, str, str, str]] = []  # (property, object, quote) per reference cell
        figures: list[tuple[str, Any, Any]] = []
        for h, f in cols.items():
            text = cells[h].strip()
            if not text:
                continue
            if f.kind in PROPS:
                kind = "place" if f.kind == "county" else f.kind
                for part in split_list(text) if f.kind == "chain" else [text]:
                    one, found = idx.pick(kind, part)
                    if one is not None:
                        links.append((PROPS[f.kind], one, text, h))
                    else:
                        near = idx.closest(kind, part)
                        why = ("is ambiguous: " + ", ".join(sorted(vocab.id_of(x) for x in found)) if found else
                               "is not known" + (f"; closest: {', '.join(near)}" if near else ""))
                        problems.append(Problem(row, h, f"{WHAT[f.kind]} {part!r} {why}"))
            elif f.kind == "figure":
                value = number(text)
                if value is None:
                    problems.append(Problem(row, h, f"{text!r} is not a number"))
                else:
                    figures.append((h, f, value))
        if problems:
            report.problems.extend(problems)
            continue
        name_quote = name
        if e is None:
            e = vocab.iri_of("ent/ledger-" + slug(name, unique=True))
            w.fact(e, RDF + "type", f"<{H}Enterprise>", row, name_quote)
            w.fact(e, RDFS + "label", lit(name, "zh"), row, name_quote)
            w.editorial(e, RDFS + "label", lit(english(name), "en"), RATIONALE)
            w.add(f"<{e}>", f"<{H}enKind>", lit("generated"))
            report.new += 1
        else:
            report.matched += 1
            if name not in idx.names["ent"]:
                w.fact(e, SKOS + "altLabel", lit(name, "zh"), row, name_quote)
        if code:
            w.fact(e, H + "creditCode", lit(code), row, code)
        for h, f in cols.items():
            text = cells[h].strip()
            if not text:
                continue
            if f.kind == "aliases":
                for alias in split_list(text):
                    if alias != name:
                        w.fact(e, SKOS + "altLabel", lit(alias, "zh"), row, text)
            elif f.kind in ("products", "materials"):
                for product in split_list(text):
                    found = idx.names["mat"].get(product, set())
                    p_iri = next(iter(found)) if len(found) == 1 else vocab.iri_of("mat/ledger-" + slug(product, unique=True))
                    if len(found) != 1 and p_iri not in made_products:  # a new product: named once
                        made_products.add(p_iri)
                        w.fact(p_iri, RDF + "type", f"<{H}Product>", row, text)
                        w.fact(p_iri, RDFS + "label", lit(product, "zh"), row, text)
                        w.editorial(p_iri, RDFS + "label", lit(english(product), "en"), RATIONALE)
                        w.add(f"<{p_iri}>", f"<{H}enKind>", lit("generated"))
                    w.fact(e, H + ("makes" if f.kind == "products" else "uses"), f"<{p_iri}>", row, text)
        for prop, obj, text, _h in links:
            w.fact(e, H + prop, f"<{obj}>", row, text)
        for h, f, value in figures:
            text = cells[h].strip()
            st = vocab.iri_of("stat/ledger-" + hashlib.sha1(f"{ledger.id}|{e}|{h}".encode()).hexdigest()[:16])
            props = [(RDF + "type", f"<{H}Statistic>"),
                     (RDFS + "label", lit(f"{name} {f.year + '年' if f.year else ''}{f.indicator}", "zh")),
                     (H + "indicator", lit(f.indicator)), (H + "value", lit(str(value), datatype=XSD + "decimal")),
                     (H + "unit", lit(f.unit))] + ([(H + "period", lit(f.year))] if f.year else [])
            w.node(st, row, text, props)
            w.fact(st, H + "concerns", f"<{e}>", row, text)
        report.imported += 1
        w.end_row()
    _document(w, ledger, import_date)
    return w, report


def _document(w: _Writer, ledger: Ledger, import_date: str) -> None:
    d = vocab.iri_of("doc/" + ledger.id)
    why = "metadata of the imported ledger (hykg import ledger)"
    title = ledger.path.name + (f" [{ledger.sheet}]" if ledger.sheet else "")
    for p, o in ((RDF + "type", f"<{H}SourceDocument>"), (RDFS + "label", lit(title, "zh")),
                 (DCT + "title", lit(title, "zh")), (DCT + "type", lit("ledger")),
                 (H + "fileName", lit(ledger.path.name)), (H + "sha256", lit(ledger.sha256)),
                 (H + "importDate", lit(import_date, datatype=XSD + "date"))):
        w.editorial(d, p, o, why)
    if ledger.sheet:
        w.editorial(d, H + "sheet", lit(ledger.sheet), why)


def _previous_date(out: Path, sha256: str) -> str | None:
    """The import date in an earlier import of the same bytes (so that a re-import changes nothing)."""
    if not out.exists():
        return None
    try:
        text = gzip.decompress(out.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None
    if f'"{sha256}"' not in text:
        return None
    m = re.search(r'importDate> "(\d{4}-\d{2}-\d{2})"', text)
    return m.group(1) if m else None


def ledger_file(graph: Path, ledger: Ledger) -> Path:
    """Where a ledger's graph goes: ``<ledger id>.nq.gz`` next to the built graph (loaded with it)."""
    return graph.parent / f"{ledger.id}.nq.gz"


def import_ledger(ledger: Ledger, kg: Any, graph: Path, skip_bad: bool = False, today: str | None = None,
                  allow_shrink: bool = False) -> LedgerReport:
    """Match and convert ``ledger`` against ``kg`` and write its named graph next to ``graph``,
    atomically; nothing is written when a row is bad, unless ``skip_bad``. A re-import of the same
    bytes writes the same file (and skips the write). A ledger with far fewer rows than at its last
    import (a truncated or partial copy) is a DataError and the last import stays, unless ``allow_shrink``."""
    from .manifest import check_counts, read_manifest, write_manifest

    t0 = time.perf_counter()
    out = ledger_file(graph, ledger)
    records = {ledger.path.name + (f"[{ledger.sheet}]" if ledger.sheet else ""): len(ledger.rows)}
    last = read_manifest(out)
    if not allow_shrink:
        check_counts(ledger.path.parent, records, last)
    idx = Index.of(kg, leave_out=vocab.graph_iri(ledger.id))
    date = _previous_date(out, ledger.sha256) or today or dt.date.today().isoformat()
    writer, report = build_quads(ledger, idx, date)
    report.out, report.quads = out, writer.count
    payload = writer.payload()
    if report.problems and not skip_bad:
        report.seconds = time.perf_counter() - t0
        return report
    if not report.imported and not ledger.rows:
        raise DataError(f"{ledger.path.name}: no data rows under the header")
    if out.exists() and out.read_bytes() == payload:
        report.unchanged = True
    else:
        write_atomic(out, payload)
        report.written = True
    write_manifest(out, records, last, writer.count)
    report.seconds = time.perf_counter() - t0
    return report
