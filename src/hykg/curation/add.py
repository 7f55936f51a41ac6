"""`hykg add`: one reviewed fact (an enterprise, park or project) as a curated YAML record in the workspace.

The record cites a document by id with a quote that must occur in its text (the workspace's
``corpus/`` or the bundled corpus), or is editorial with a rationale; it goes into
``data/curated/added_<doc>.yaml`` (``added_editorial.yaml``), appended as text so that a curator's
comments stay and ``git diff`` shows one new record.

>>> record_text({"id": "ent/x", "type": "Enterprise", "zh": "某公司", "inPark": "park/songmu"})
'  - id: ent/x\\n    type: Enterprise\\n    zh: 某公司\\n    inPark: park/songmu\\n'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..files import write_atomic
from .workspace import Workspace

KINDS = {"enterprise": ("Enterprise", "ent"), "park": ("Park", "park"), "project": ("Project", "proj")}


@dataclass(frozen=True)
class Added:
    """What ``hykg add`` wrote: the record's id, the file, and the record."""

    id: str
    file: Path
    record: dict[str, Any]


def record_text(record: dict[str, Any]) -> str:
    """A record as the YAML list item the curated files use (two-space indent, Chinese kept)."""
    return records_text([record])


def records_text(records: list[dict[str, Any]]) -> str:
    """Records as the YAML list items the curated files use, in one pass (libyaml's emitter when present).

    >>> print(records_text([{"id": "ent/x", "zh": "某公司"}]), end="")
      - id: ent/x
        zh: 某公司
    """
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(records, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)
    return "".join("  " + line + "\n" for line in text.splitlines())


def document_text(ws: Workspace, doc: str) -> str:
    """The text of document ``doc``: a workspace document (``data/sources.yaml``, ``corpus/``) or a
    bundled one (the bundled ``sources.yaml``, the bundled corpus)."""
    from .. import resources
    from .compile import read_sources

    places: list[tuple[Path, Path | None]] = [(ws.data_dir / "sources.yaml", ws.corpus_dir),
                                             (resources.data_dir() / "sources.yaml", resources.default_corpus())]
    known: list[str] = []
    for registry, corpus in places:
        if not registry.exists():
            continue
        docs = read_sources(registry, str(registry))
        known += list(docs)
        if doc in docs:
            if corpus is None:
                raise DataError(f"document {doc}: the bundled corpus is not found (set HYKG_CORPUS)")
            path = corpus / str(docs[doc].get("file", f"{doc}.txt"))
            try:
                return path.read_text(encoding="utf-8")
            except OSError as exc:
                raise DataError(f"document {doc}: cannot read {path} ({exc.strerror})") from exc
    raise DataError(f"unknown document {doc!r}: add it to {ws.data_dir / 'sources.yaml'} with its text in "
                    f"{ws.corpus_dir}; known: {', '.join(sorted(known)) or 'none'}")


def add(ws: Workspace, kg: Any, kind: str, name: str, *, park: str | None = None, chain: str | None = None,
        products: tuple[str, ...] = (), doc: str | None = None, quote: str | None = None,
        editorial: str | None = None, en: str | None = None) -> Added:
    """Write a record for a new ``kind`` (enterprise, park, project) named ``name``; ``park``,
    ``chain`` and ``products`` are resolved in ``kg`` (an unknown product becomes a new product record
    with the same source). Refuses a quote not in the document, and a name already in the graph."""
    from ..errors import UnknownEntity
    from ..query.names import resolve
    from ..rdf import vocab
    from ..rdf.terms import sparql_string
    from .pinyin import slug

    if kind not in KINDS:
        raise DataError(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    name = name.strip()
    if not name:
        raise DataError("the name is empty")
    if (doc is None) == (editorial is None) or (doc is not None and not quote):
        raise DataError("give the source: --doc ID --quote \"...\" (a span of the document), or --editorial \"why\"")
    if doc is not None and quote is not None:
        text = document_text(ws, doc)
        if quote not in text:
            raise DataError(f"the quote is not in document {doc}: {quote!r} (copy a span of its text exactly)")
    cls, prefix = KINDS[kind]
    same = [r["e"] for r in kg.rows(f"""SELECT DISTINCT ?e WHERE {{ ?e rdfs:label|skos:altLabel {sparql_string(name)}@zh ;
                                           a hykg:{cls} }}""")]
    if same:
        raise DataError(f"{name}: already in the graph ({', '.join(sorted(vocab.id_of(e) for e in same))}); "
                        "edit its record instead")
    rid = f"{prefix}/{slug(name)}"
    source: dict[str, Any] = {"quote": quote} if doc is not None else {"editorial": editorial}
    record: dict[str, Any] = {"id": rid, "type": cls, "zh": name}
    if en:
        record.update({"en": en, "enKind": "translation"})
    record.update(source)
    extra: list[dict[str, Any]] = []
    if park:
        record["partOf" if kind == "park" else "inPark"] = vocab.id_of(resolve(kg, park, ("IndustrialArea",)))
    if chain:
        record["onChain"] = vocab.id_of(resolve(kg, chain, ("IndustrialChain",)))
    made: list[str] = []
    for p in products:
        try:
            made.append(vocab.id_of(resolve(kg, p, ("Product",))))
        except UnknownEntity:
            made.append(f"mat/{slug(p)}")
            extra.append({"id": made[-1], "type": "Product", "zh": p, **source})
    if made:
        record["makes"] = made[0] if len(made) == 1 else made
    path = ws.data_dir / "curated" / f"added_{doc or 'editorial'}.yaml"
    old = path.read_text(encoding="utf-8") if path.exists() else (
        "# Records written by `hykg add` (review them; edit freely: hykg add appends).\n"
        + (f'doc: "{doc}"\n' if doc else "") + "records:\n")
    if f"- id: {rid}\n" in old:
        raise DataError(f"{path}: already has a record {rid}")
    write_atomic(path, old + "".join(record_text(r) for r in (record, *extra)))
    return Added(rid, path, record)
