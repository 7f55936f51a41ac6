"""`hykg build`: ontology + curated data -> validated, deterministic, atomically written graph."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from .. import resources
from ..errors import DataError
from ..files import gzip_bytes, write_atomic
from ..rdf import vocab
from .compile import USER_CORPUS, Compiled, compile_data
from .schema import schema_from_ontology

G_ONTOLOGY = URIRef(vocab.graph_iri("ontology"))


@dataclass
class BuildReport:
    """What a build produced: where, how many quads, counts by type, and what was checked."""

    out: Path
    quads: int
    counts: dict[str, int]
    spans_checked: int
    corpus: Path | None
    warnings: list[str] = field(default_factory=list)


def load_ontology(ontology_dir: Path) -> Graph:
    """The ontology (every ``*.ttl`` but ``shapes.ttl``) as one rdflib graph."""
    g = Graph()
    files = sorted(p for p in ontology_dir.glob("*.ttl") if p.name != "shapes.ttl")
    if not files:
        raise DataError(f"{ontology_dir}: no ontology (*.ttl) found")
    for path in files:
        try:
            g.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser types
            raise DataError(f"{path}: cannot parse ontology: {exc}") from exc
    return g


def check_spans(compiled: Compiled, corpus: Path | None) -> int:
    """Every quote must occur verbatim in its document; returns how many were checked. A workspace's
    documents are read from its own corpus (``corpus/``); the bundled ones from ``corpus`` (skipped
    when None)."""
    problems, texts, where = [], {}, {}
    for doc_id, meta in compiled.docs.items():
        folder = meta.get(USER_CORPUS, corpus)
        if folder is None:
            continue
        where[doc_id] = folder
        path = Path(folder) / str(meta.get("file", f"{doc_id}.txt"))
        if path.exists():
            texts[doc_id] = path.read_text(encoding="utf-8")
    checked = 0
    for c in compiled.cited:
        if c.doc not in where:
            continue
        checked += 1
        if c.doc not in texts:
            problems.append(f"{c.where}: document {c.doc} not found in {where[c.doc]}")
        elif c.quote not in texts[c.doc]:
            problems.append(f"{c.where}: span not found in document {c.doc}: {c.quote!r}")
    if problems:
        raise DataError(problems)
    return checked


def validate(compiled: Compiled, onto: Graph, shapes_path: Path, statements: bool = False) -> None:
    """SHACL-validate the facts (with the ontology for class hierarchy); errors name file and line.

    The statement (provenance) nodes are made by the compiler to the shape hs:Statement; they are
    validated only when ``statements`` is true (the tests do; the build skips them for speed).
    """
    from pyshacl import validate as shacl_validate

    data = Graph()
    stmt_prefix = vocab.ID + "stmt/"
    for s, p, o, _g in compiled.dataset.quads((None, None, None, None)):
        if statements or not str(s).startswith(stmt_prefix):
            data.add((s, p, o))
    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, report, _text = shacl_validate(
        data, shacl_graph=shapes, ont_graph=onto, inference="none", advanced=False, allow_warnings=False
    )
    if conforms:
        return
    SH = vocab.SH
    problems = []
    for result in report.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = str(report.value(result, URIRef(SH + "focusNode")))
        path = report.value(result, URIRef(SH + "resultPath"))
        message = report.value(result, URIRef(SH + "resultMessage"))
        value = report.value(result, URIRef(SH + "value"))
        where = compiled.where_fact.get((focus, str(path))) or compiled.where.get(focus) or vocab.id_of(focus)
        if focus.startswith(vocab.ID + "stmt/"):
            subj = compiled.dataset.value(URIRef(focus), RDF.subject)
            where = compiled.where.get(str(subj), vocab.id_of(str(subj)))
        prop = f" {vocab.id_of(str(path)).rsplit('#', 1)[-1]}" if path is not None else ""
        val = f" (value {vocab.id_of(str(value))})" if value is not None else ""
        problems.append(f"{where}: {vocab.id_of(focus)}{prop}: {message}{val}")
    raise DataError(sorted(set(problems)))


def to_nquads(ds: Dataset) -> bytes:
    """Canonical N-Quads: one quad per line, sorted; blank nodes (e.g. an ``owl:Restriction`` in the
    ontology) named by RDFC-1.0 (:func:`hykg.rdf.canon.canonical_nquads`), so byte-identical per input."""
    from ..rdf.canon import canonical_nquads

    return canonical_nquads(ds.serialize(format="nquads", encoding="utf-8"))


def compile_graph(
    data_dir: Path | None = None,
    ontology_dir: Path | None = None,
    corpus: Path | None = None,
    check_corpus: bool = True,
    user_dirs: list[Path] | None = None,
) -> tuple[Dataset, Compiled, int, Path | None]:
    """Compile, check spans and validate; returns the dataset with the ontology in its own graph.

    ``user_dirs``: workspace data folders compiled with the bundled data (default: the workspace's,
    when ``data_dir`` is not given); their quotes are checked against their own ``corpus/``."""
    if user_dirs is None:
        user_dirs = [w] if data_dir is None and (w := resources.workspace_data()) else []
    data_dir = data_dir or resources.data_dir()
    ontology_dir = ontology_dir or resources.ontology_dir()
    onto = load_ontology(ontology_dir)
    compiled = compile_data(data_dir, schema_from_ontology(onto), user_dirs)
    if check_corpus and corpus is None:
        corpus = resources.default_corpus()
    spans = check_spans(compiled, corpus) if check_corpus else 0
    validate(compiled, onto, ontology_dir / "shapes.ttl")
    ds = compiled.dataset
    og = ds.graph(G_ONTOLOGY)
    for triple in onto:
        og.add(triple)
    return ds, compiled, spans, corpus if check_corpus else None


def build(
    out: Path | None = None,
    data_dir: Path | None = None,
    ontology_dir: Path | None = None,
    corpus: Path | None = None,
    check_corpus: bool = True,
    user_dirs: list[Path] | None = None,
) -> BuildReport:
    """Build the graph and write it atomically to ``out`` (gzip if it ends in .gz).

    Raises DataError (one message per problem) and leaves any existing ``out`` untouched.

    >>> import tempfile, pathlib
    >>> report = build(pathlib.Path(tempfile.mkdtemp()) / "g.nq.gz")
    >>> report.counts["Enterprise"] > 0
    True
    """
    out = out or resources.user_graph()
    ds, compiled, spans, used_corpus = compile_graph(data_dir, ontology_dir, corpus, check_corpus, user_dirs)
    payload = to_nquads(ds)
    write_atomic(out, gzip_bytes(payload) if out.suffix == ".gz" else payload)
    counts: Counter[str] = Counter()
    for g in (ds.graph(URIRef(vocab.graph_iri("hengyang"))), ds.graph(URIRef(vocab.graph_iri("editorial")))):
        for s, o in g.subject_objects(RDF.type):
            if str(o).startswith(vocab.ONT) and str(s).startswith(vocab.ID) and not str(s).startswith(vocab.ID + "stmt/"):
                counts[str(o)[len(vocab.ONT):]] += 1
    warnings = [] if used_corpus or not check_corpus else [
        "corpus of the bundled data not found: its quotes were not checked (use --corpus or set HYKG_CORPUS)"]
    return BuildReport(out, payload.count(b"\n"), dict(sorted(counts.items())), spans, used_corpus, warnings)
