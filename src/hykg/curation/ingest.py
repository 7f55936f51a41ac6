"""`hykg ingest`: read a new document and propose what it states as candidate facts, each quoting its span.

The document is registered in the workspace (``data/sources.yaml``, its text in ``corpus/``, id from its
sha256); the candidates go to ``candidates/DOCID.yaml`` in the curated format, each with
``confidence``, ``why`` and ``review: pending``; nothing enters the graph before review
(:mod:`hykg.curation.ingest_review`).

>>> from .ingest_entities import KnownEntity
>>> r = analyse("衡阳市松木经开区新引进衡阳恒远新材料有限公司，全市规模工业增加值同比增长8.1%。",
...             [KnownEntity("park/songmu", "Park", "松木经开区", ("松木经开区",)),
...              KnownEntity("place/hengyang", "Place", "衡阳市", ("衡阳市", "衡阳"))])
>>> [(e.label, e.type, e.linked) for e in r.entities]
[('衡阳市', 'Place', 'place/hengyang'), ('松木经开区', 'Park', 'park/songmu'), ('衡阳恒远新材料有限公司', 'Enterprise', None)]
>>> [(f.indicator, f.value, f.unit) for f in r.figures]
[('规模工业增加值同比增长', '8.1', '%')]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..files import write_atomic
from .ingest_conflicts import GraphSays, mark_conflicts
from .ingest_entities import EntityCandidate, KnownEntity, find_entities
from .ingest_figures import FigureCandidate, find_figures
from .ingest_flows import FlowCandidate, find_flows
from .ingest_parkref import counted_parts
from .ingest_places import new_places, park_items, shared_and
from .ingest_programmes import find_programmes, merge_entities
from .ingest_read import Document, html_title, read_document
from .ingest_relations import RelationCandidate, find_relations
from .ingest_text import Normalised, normalise
from .workspace import Workspace

NOT_STATED = "未说明 (not stated)"
CANDIDATES_HEADER = ("# Candidates read by `hykg ingest` from {file} ({day}); nothing here is in the graph yet.\n"
                     "# Review: `hykg review {doc}` lists them; `--accept IDS|all` / `--reject IDS` (or set review:\n"
                     "# accepted / rejected here, edit zh / type / id, set merge: true on a possible identity to\n"
                     "# record the name as an alias of the entity it names) and run `hykg review {doc} --apply`.\n")


@dataclass
class Analysis:
    """What the ingester found in one text: entities, relations, flows, figures."""

    norm: Normalised
    entities: list[EntityCandidate]
    relations: list[RelationCandidate]
    flows: list[FlowCandidate]
    figures: list[FigureCandidate]


@dataclass
class Ingested:
    """A registered document and its candidates: the analysis, the document id and where it went."""

    doc_id: str
    file: Path
    analysis: Analysis
    meta: dict[str, Any]
    written: Path | None = None
    records: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The stable JSON of ``hykg ingest --format json``."""
        a = self.analysis
        conflicts = {r["candidate"]: r["conflicts"] for r in self.records if "conflicts" in r}
        return {
            "doc": {"id": self.doc_id, "file": str(self.file), "chars": len(a.norm.source), "script": a.norm.script,
                    "title": self.meta.get("title"), "publisher": self.meta.get("publisher"),
                    "date": self.meta.get("issued"), "url": self.meta.get("url"),
                    "encoding": self.meta.get("encoding"), "format": self.meta.get("format")},
            "entities": [{"candidate": e.candidate, "label": e.label, "type": e.type,
                          "mentions": [{"span": m.span, "start": m.start, "end": m.end} for m in e.mentions],
                          "linked": e.linked, "link_score": e.link_score, "confidence": e.confidence, "why": e.why,
                          "aliases": e.aliases, "same_as": e.same_as} for e in a.entities],
            "relations": [{"candidate": r.candidate, "subject": r.subject, "property": r.property, "object": r.object,
                           "span": r.span, "confidence": r.confidence, "why": r.why,
                           "conflicts": conflicts.get(r.candidate, [])} for r in a.relations],
            "flows": [{"candidate": f.candidate, "supplier": f.supplier, "consumer": f.consumer,
                       "material": f.material, "span": f.span, "confidence": f.confidence, "why": f.why}
                      for f in a.flows],
            "figures": [{"candidate": f.candidate, "subject": f.subject, "indicator": f.indicator,
                         "value": f.value, "unit": f.unit, "period": f.period, "kind": f.kind,
                         "qualifier": f.qualifier, "span": f.span, "confidence": f.confidence, "why": f.why,
                         "conflicts": conflicts.get(f.candidate, [])} for f in a.figures],
            "written": str(self.written) if self.written else None,
        }


def analyse(text: str, known: list[KnownEntity]) -> Analysis:
    """Run every rule family on ``text`` against the ``known`` entities of the graph."""
    norm = normalise(text)
    ents = find_entities(norm, known)
    progs = find_programmes(norm, ents, known)
    items = park_items(norm, ents + progs.entities)
    more = progs.entities + items.entities
    more += counted_parts(norm, ents + more)
    ents = merge_entities(ents, more + new_places(norm, ents + more) + shared_and(norm, ents))
    rels = find_relations(norm, ents, known, progs.relations + items.relations)
    return Analysis(norm, ents, rels, find_flows(norm, ents, known),
                    find_figures(norm, ents))


def doc_id_of(raw: bytes) -> str:
    """A document's id: the first 16 hex digits of its sha256.

    >>> doc_id_of(b"x")
    '2d711642b726b044'
    """
    return hashlib.sha256(raw).hexdigest()[:16]


def read_off(text: str, path: Path) -> dict[str, str]:
    """Title, publisher and date as the text states them (a short first line, 来源：…, a date
    such as 2024年11月20日); what it does not state is left out."""
    out: dict[str, str] = {}
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = html_title(path)
    if title:
        out["title"] = title.strip()
    elif 4 <= len(first) <= 50 and not re.search(r"[。；]$", first):
        out["title"] = first
    m = re.search(r"(?:来源|來源|发布单位|發布單位|发布机构)\s*[:：]\s*([\u4e00-\u9fff（）()A-Za-z0-9]{2,30})", text)
    if m:
        out["publisher"] = m.group(1)
    d = re.search(r"(20\d\d|19\d\d)[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?", text[:400])
    if d:
        try:
            out["issued"] = dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3))).isoformat()
        except ValueError:
            pass
    return out


def _registered(ws: Workspace) -> dict[str, dict[str, Any]]:
    from .compile import read_sources

    path = ws.data_dir / "sources.yaml"
    return read_sources(path, str(path)) if path.exists() else {}


def ingest(ws: Workspace, path: Path, known: list[KnownEntity], *, title: str | None = None,
           publisher: str | None = None, date: str | None = None, url: str | None = None,
           says: GraphSays | None = None) -> Ingested:
    """Read ``path``, register it in the workspace and write its candidates file; refuses (DataError,
    the workspace unchanged) a bad file or one already ingested. ``says``: what the graph already
    states, to mark the candidates that say otherwise (:mod:`hykg.curation.ingest_conflicts`)."""
    from .add import records_text
    from .ingest_yaml import candidate_records

    doc: Document = read_document(path)
    doc_id = doc_id_of(doc.raw)
    sha = hashlib.sha256(doc.raw).hexdigest()
    registered = _registered(ws)
    for other, other_meta in registered.items():
        if other == doc_id or other_meta.get("sha256") == sha:
            raise DataError(f"{path}: already ingested as document {other} (same sha256; "
                            f"{ws.data_dir / 'sources.yaml'}): nothing changed")
    cand_path = ws.root / "candidates" / f"{doc_id}.yaml"
    if cand_path.exists():
        raise DataError(f"{path}: {cand_path} already exists: nothing changed")
    stated = read_off(doc.text, path)
    meta: dict[str, Any] = {"id": doc_id, "file": f"{doc_id}.txt"}
    for key, given in (("title", title), ("publisher", publisher), ("issued", date), ("url", url)):
        if given:
            meta[key] = given
        elif key in stated:
            meta[key] = stated[key]
            meta[f"{key}_note"] = "read off the text by hykg ingest"
        else:
            meta[key] = NOT_STATED
    meta.update({"kind": "ingested document", "original": path.name, "format": doc.format,
                 "encoding": doc.encoding, "sha256": sha, "ingested": dt.date.today().isoformat()})
    analysis = analyse(doc.text, known)
    result = Ingested(doc_id, path, analysis, meta)
    result.records = candidate_records(result, known)
    if says is not None:
        mark_conflicts(result.records, says)
    header = CANDIDATES_HEADER.format(file=path.name, day=meta["ingested"], doc=doc_id)
    body = header + f'doc: "{doc_id}"\nrecords:\n' + records_text(result.records)
    # text first, candidates next, the registry last: a failure before the registry leaves no document
    corpus = ws.corpus_dir / meta["file"]
    if corpus.exists() and corpus.read_text(encoding="utf-8") != doc.text:
        raise DataError(f"{path}: {corpus} exists with another text: nothing changed")
    write_atomic(corpus, doc.text)
    write_atomic(cand_path, body)
    sources = ws.data_dir / "sources.yaml"
    old = sources.read_text(encoding="utf-8") if sources.exists() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    entry = {k: v for k, v in meta.items()}
    import yaml

    write_atomic(sources, old + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000))
    result.written = cand_path
    return result

