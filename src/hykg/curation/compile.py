"""Curated YAML -> RDF quads, each fact with its provenance statement; errors name file and line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from ..errors import DataError
from ..rdf import vocab
from ..rdf.statements import statement_triples
from ..rdf.terms import canonical_decimal
from .schema import RESERVED, VALUE_KEYS, Prop, Schema
from .yamlfile import KEY_LINES, LINE, read_yaml

MAX_QUOTE = 60
ID_RE = re.compile(r"^([a-z]+)/([a-z0-9][a-z0-9-]*)$")
EN_KINDS = {
    "official": "official English name",
    "translation": "English translation by the hykg curators",
    "transliteration": "transliteration of the Chinese name by the hykg curators",
}
H = vocab.ONT
P_NOT_STATED = URIRef(H + "notStated")
P_EN_KIND = URIRef(H + "enKind")
G_HENGYANG = URIRef(vocab.graph_iri("hengyang"))
G_EDITORIAL = URIRef(vocab.graph_iri("editorial"))


@dataclass(frozen=True)
class Prov:
    """Where a statement comes from: a document and quote, or an editorial rationale."""

    doc: str | None = None
    quote: str | None = None
    rationale: str | None = None


#: Stand-in for a source that was reported as invalid, so that no follow-on "no source" errors appear.
INVALID = Prov(rationale="(invalid source, reported)")


@dataclass(frozen=True)
class Cited:
    """A quote to check against its document (file:line for the error message)."""

    doc: str
    quote: str
    where: str


@dataclass
class Compiled:
    """The result of compiling the curated folder."""

    dataset: Dataset
    cited: list[Cited] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # entity IRI -> file:line of declaration
    where_fact: dict[tuple[str, str], str] = field(default_factory=dict)  # (s, p) -> file:line
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)


class _Compiler:
    def __init__(self, schema: Schema, docs: dict[str, dict[str, Any]], root: Path) -> None:
        self.schema = schema
        self.docs = docs
        self.root = root
        self.problems: list[str] = []
        # id -> file:line; source documents are declared by data/sources.yaml (facts about them: about: doc/ID)
        self.declared: dict[str, str] = {f"doc/{d}": "data/sources.yaml" for d in docs}
        self.unsourced: list[str] = []  # keys of the current record with no source
        self.out = Compiled(Dataset(), docs=docs)

    # ------------------------------------------------------------------ helpers
    def err(self, where: str, msg: str) -> None:
        self.problems.append(f"{where}: {msg}")

    def emit(self, s: str, p: str, o: URIRef | Literal, prov: Prov, where: str) -> None:
        documented = prov.rationale is None
        graph = self.out.dataset.graph(G_HENGYANG if documented else G_EDITORIAL)
        for triple in statement_triples(s, p, o, o.n3(), status="documented" if documented else "editorial",
                                        doc=prov.doc, quote=prov.quote, rationale=prov.rationale,
                                        iri=URIRef, lit=Literal):
            graph.add(triple)
        self.out.where_fact.setdefault((s, p), where)

    def prov_of(self, node: dict[str, Any], inherited: Prov | None, doc: str | None, where: str) -> Prov | None:
        """The provenance a mapping states itself, else the inherited one."""
        quote, rationale = node.get("quote"), node.get("editorial")
        doc = node.get("doc", doc)
        if quote is not None and rationale is not None:
            self.err(where, "give either quote or editorial, not both")
            return INVALID
        if rationale is not None:
            if not isinstance(rationale, str) or not rationale.strip():
                self.err(where, "editorial needs a rationale (a non-empty string)")
                return INVALID
            return Prov(rationale=rationale.strip())
        if quote is not None:
            if not isinstance(quote, str) or not quote:
                self.err(where, "quote must be a non-empty string")
                return INVALID
            if len(quote) > MAX_QUOTE:
                self.err(where, f"quote longer than {MAX_QUOTE} characters ({len(quote)})")
                return INVALID
            if doc is None:
                self.err(where, "quote without a document: give doc at the top of the file or in the record")
                return INVALID
            if doc not in self.docs:
                self.err(where, f"unknown document {doc!r} (not in data/sources.yaml)")
                return INVALID
            self.out.cited.append(Cited(doc, quote, where))
            return Prov(doc=doc, quote=quote)
        if "doc" in node and doc not in self.docs:
            self.err(where, f"unknown document {doc!r} (not in data/sources.yaml)")
            return INVALID
        return inherited

    # ------------------------------------------------------------------ passes
    def declare(self, files: list[tuple[str, Any]]) -> None:
        for name, data in files:
            for rec in data.get("records") or []:
                if not isinstance(rec, dict):
                    continue
                eid = rec.get("id")
                where = f"{name}:{rec[LINE]}"
                if eid is None:
                    continue
                if not isinstance(eid, str) or not (m := ID_RE.match(eid)):
                    self.err(where, f"bad id {eid!r}: expected prefix/slug with a lowercase slug [a-z0-9-]")
                    continue
                if m.group(1) not in vocab.ID_PREFIXES or m.group(1) in ("doc", "stmt"):
                    self.err(where, f"unknown id prefix {m.group(1)!r} in {eid!r}")
                    continue
                if eid in self.declared:
                    self.err(where, f"duplicate id {eid!r} (first declared at {self.declared[eid]})")
                    continue
                self.declared[eid] = where
                self.out.where[vocab.iri_of(eid)] = where

    def record(self, name: str, rec: Any, file_doc: str | None) -> None:
        if not isinstance(rec, dict):
            self.err(name, f"a record must be a mapping, got {type(rec).__name__}")
            return
        where = f"{name}:{rec[LINE]}"
        lines = rec[KEY_LINES]
        eid, about = rec.get("id"), rec.get("about")
        if (eid is None) == (about is None):
            self.err(where, "a record needs exactly one of id (declare) or about (add facts)")
            return
        if eid is not None and eid not in self.declared:
            return  # bad or duplicate id: already reported
        if about is not None and about not in self.declared:
            self.err(where, f"unknown reference {about!r} in about")
            return
        subject = vocab.iri_of(str(eid or about))
        doc = rec.get("doc", file_doc)
        prov = self.prov_of(rec, None, doc, where)
        self.unsourced = []
        for key in rec:
            if key in (LINE, KEY_LINES, "id", "about", "quote", "editorial", "doc"):
                continue
            kwhere = f"{name}:{lines.get(key, rec[LINE])}"
            if eid is None and key in ("type", "zh", "en", "enKind"):
                self.err(kwhere, f"{key!r} belongs on the record that declares {about!r}")
                continue
            self.field(subject, key, rec[key], prov, doc, kwhere)
        if self.unsourced:
            self.err(where, f"no source for {', '.join(self.unsourced)}: give the record a quote "
                     "(or editorial rationale), or each value its own")
        if eid is not None:
            for required in ("type", "zh", "en"):
                if required not in rec:
                    self.err(where, f"{eid}: missing {required!r}")
            en_kind = rec.get("enKind", "translation")
            if en_kind not in EN_KINDS:
                self.err(where, f"enKind must be one of {', '.join(EN_KINDS)}, not {en_kind!r}")
            elif "en" in rec and isinstance(rec["en"], str):
                self.emit(subject, str(P_EN_KIND), Literal(en_kind), Prov(rationale=EN_KINDS[en_kind]), where)
                self.emit(subject, str(RDFS.label), Literal(rec["en"], lang="en"),
                          Prov(rationale=EN_KINDS[en_kind]), where)

    def values(self, raw: Any, prov: Prov | None, doc: str | None, where: str) -> list[tuple[Any, Prov | None, str]]:
        items = raw if isinstance(raw, list) else [raw]
        out = []
        for item in items:
            if isinstance(item, dict):
                iwhere = where.rsplit(":", 1)[0] + f":{item[LINE]}"
                extra = set(item) - VALUE_KEYS - {LINE, KEY_LINES}
                if extra or "value" not in item:
                    self.err(iwhere, "a value mapping takes value plus quote/editorial/doc"
                             + (f" (unexpected: {', '.join(sorted(map(str, extra)))})" if extra else ""))
                    continue
                own = self.prov_of(item, prov, item.get("doc", doc), iwhere)
                out.append((item["value"], own, iwhere))
            else:
                out.append((item, prov, where))
        return out

    def field(self, subject: str, key: str, raw: Any, prov: Prov | None, doc: str | None, where: str) -> None:
        if key == "en" or key == "enKind":
            if not isinstance(raw, str) or not raw.strip():
                self.err(where, f"{key} must be a non-empty string")
            return  # emitted in record() with the editorial provenance of the English name
        for value, vprov, vwhere in self.values(raw, prov, doc, where):
            if vprov is None:
                if key not in self.unsourced:
                    self.unsourced.append(key)
                continue
            if key == "type":
                if value not in self.schema.classes:
                    self.err(vwhere, f"unknown type {value!r} (not a class of ontology/hykg.ttl)")
                    continue
                self.emit(subject, str(RDF.type), URIRef(self.schema.class_iri(value)), vprov, vwhere)
            elif key in ("zh", "aliases"):
                if not isinstance(value, str) or not value.strip():
                    self.err(vwhere, f"{key} must be a non-empty string")
                    continue
                pred = RDFS.label if key == "zh" else SKOS.altLabel
                self.emit(subject, str(pred), Literal(value, lang="zh"), vprov, vwhere)
            elif key == "notStated":
                prop = self.schema.props.get(str(value))
                if prop is None:
                    self.err(vwhere, f"notStated: unknown key {value!r}")
                    continue
                self.emit(subject, str(P_NOT_STATED), URIRef(prop.iri), vprov, vwhere)
            elif key in RESERVED:
                self.err(vwhere, f"{key!r} is not allowed here")
            else:
                prop = self.schema.props.get(key)
                if prop is None:
                    self.err(vwhere, f"unknown key {key!r} (see data/README.md and ontology/hykg.ttl)")
                    continue
                obj = self.object_term(prop, value, vwhere)
                if obj is not None:
                    self.emit(subject, prop.iri, obj, vprov, vwhere)

    def object_term(self, prop: Prop, value: Any, where: str) -> URIRef | Literal | None:
        if prop.is_object:
            if not isinstance(value, str) or value not in self.declared:
                self.err(where, f"{prop.key}: unknown reference {value!r}")
                return None
            return URIRef(vocab.iri_of(value))
        return literal(prop, value, lambda msg: self.err(where, msg))


def literal(prop: Prop, value: Any, fail: Any) -> Literal | None:
    """The typed literal for a data key's value, or None after calling ``fail(message)``."""
    dtype = prop.datatype or vocab.XSD + "string"
    bad = f"bad value {value!r} for {prop.key}"
    if isinstance(value, bool):
        fail(f"{bad}: expected {dtype.rsplit('#', 1)[-1]}")
        return None
    if dtype == str(XSD.decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = None
        if number is None or not isinstance(value, (int, float, str)) or not number.is_finite():
            fail(f"{bad}: expected a number")
            return None
        return Literal(canonical_decimal(number), datatype=XSD.decimal)
    if dtype == str(XSD.integer):
        if not isinstance(value, int):
            fail(f"{bad}: expected a whole number")
            return None
        return Literal(value, datatype=XSD.integer)
    if dtype == str(XSD.gYear):
        if not re.fullmatch(r"\d{4}", str(value)):
            fail(f"{bad}: expected a year such as 2025")
            return None
        return Literal(str(value), datatype=XSD.gYear)
    if dtype == str(XSD.date):
        if isinstance(value, dt.date):
            return Literal(value.isoformat(), datatype=XSD.date)
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return Literal(value, datatype=XSD.date)
        fail(f"{bad}: expected a date YYYY-MM-DD")
        return None
    if not isinstance(value, str) or not value.strip():
        fail(f"{bad}: expected text (quote numbers-as-text such as codes: \"002533\")")
        return None
    if dtype == vocab.RDF + "langString":
        return Literal(value, lang="zh")
    return Literal(value)


def read_sources(path: Path, display: str) -> dict[str, dict[str, Any]]:
    """The source-document registry (data/sources.yaml)."""
    data = read_yaml(path, display)
    if not isinstance(data, list):
        raise DataError(f"{display}:1: expected a list of documents")
    docs: dict[str, dict[str, Any]] = {}
    problems = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(f"{display}:{getattr(item, 'get', lambda *_: 0)(LINE, 0)}: a document needs an id")
            continue
        if item["id"] in docs:
            problems.append(f"{display}:{item[LINE]}: duplicate document id {item['id']!r}")
        docs[item["id"]] = item
    if problems:
        raise DataError(problems)
    return docs


def compile_data(data_dir: Path, schema: Schema) -> Compiled:
    """Compile ``data_dir`` (sources.yaml + curated/*.yaml) into a Dataset with provenance.

    Raises DataError with one message per problem (file:line: message).
    """
    display = lambda p: str(p.relative_to(data_dir.parent)) if p.is_relative_to(data_dir.parent) else str(p)  # noqa: E731
    sources = data_dir / "sources.yaml"
    docs = read_sources(sources, display(sources))
    comp = _Compiler(schema, docs, data_dir)
    files: list[tuple[str, Any]] = []
    for path in sorted((data_dir / "curated").glob("*.yaml")):
        if path.name.startswith("links_"):
            continue  # links to an imported dataset: read by `hykg import` (hykg.datasets.chainkg)
        name = display(path)
        try:
            data = read_yaml(path, name)
        except DataError as exc:
            comp.problems.extend(exc.problems)
            continue
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("records", []), list):
            comp.err(f"{name}:1", "expected a mapping with a records list")
            continue
        extra = set(data) - {"doc", "records", LINE, KEY_LINES}
        if extra:
            comp.err(f"{name}:1", f"unexpected top-level keys: {', '.join(sorted(extra))}")
        if "doc" in data and data["doc"] not in docs:
            comp.err(f"{name}:{data[KEY_LINES]['doc']}", f"unknown document {data['doc']!r} (not in data/sources.yaml)")
            continue
        files.append((name, data))
    comp.declare(files)
    for name, data in files:
        for rec in data.get("records") or []:
            comp.record(name, rec, data.get("doc"))
    if comp.problems:
        raise DataError(comp.problems)
    _add_documents(comp, docs)
    return comp.out


def _add_documents(comp: _Compiler, docs: dict[str, dict[str, Any]]) -> None:
    """The source documents' registry metadata (title, publisher, kind, file), marked as such."""
    from rdflib.namespace import DCTERMS

    registry = Prov(rationale="metadata of the source document, from the corpus registry (data/sources.yaml)")
    for doc_id, meta in docs.items():
        d = vocab.iri_of("doc/" + doc_id)
        where = f"data/sources.yaml:{meta.get(LINE, 0)}"
        comp.emit(d, str(RDF.type), URIRef(H + "SourceDocument"), registry, where)
        comp.emit(d, str(RDFS.label), Literal(str(meta.get("title", doc_id)), lang="zh"), registry, where)
        for key, pred, lang in (("title", DCTERMS.title, "zh"), ("publisher", DCTERMS.publisher, "zh"),
                                ("publisher_en", DCTERMS.publisher, "en")):
            if meta.get(key):
                comp.emit(d, str(pred), Literal(str(meta[key]), lang=lang), registry, where)
        # the issue date is a curated fact with its quote (about: doc/ID), not registry metadata
        for key, pred in (("kind", DCTERMS.type), ("file", URIRef(H + "fileName"))):
            if meta.get(key):
                comp.emit(d, str(pred), Literal(str(meta[key])), registry, where)
