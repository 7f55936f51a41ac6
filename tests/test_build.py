"""Building: counts, determinism, atomic writes, span checks, and each bad-data case."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from hykg.cli import main
from hykg.curation.build import build, compile_graph
from hykg.errors import DataError

from .fixtures import DATA, ONTOLOGY, TINY, corpus_or_skip

BAD = Path(__file__).parent / "data" / "bad"
STMT = "https://w3id.org/hykg/id/stmt/"


def test_real_build_counts(built_graph: Path) -> None:
    assert built_graph.exists()
    report = build(built_graph.parent / "again.nq.gz", DATA, ONTOLOGY, check_corpus=False)
    assert report.counts["IndustrialChain"] >= 14
    assert report.counts["MaterialFlow"] >= 6
    assert report.counts["ParkResourceFlow"] >= 3


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    a = build(tmp_path / "a.nq.gz", DATA, ONTOLOGY, check_corpus=False).out.read_bytes()
    b = build(tmp_path / "b.nq.gz", DATA, ONTOLOGY, check_corpus=False).out.read_bytes()
    assert a == b
    assert gzip.decompress(a).startswith(b"<")


def test_every_span_occurs_in_its_document(tmp_path: Path) -> None:
    corpus = corpus_or_skip()
    report = build(tmp_path / "g.nq", DATA, ONTOLOGY, corpus)
    assert report.spans_checked > 100
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    ds = Dataset(default_union=True)
    ds.parse(tmp_path / "g.nq", format="nquads")
    quote = URIRef("https://w3id.org/hykg/ont#quote")
    derived = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    checked = 0
    for st, q in ds.subject_objects(quote):
        doc = str(ds.value(st, derived)).rsplit("/", 1)[-1]
        assert str(q) in texts[doc], (doc, str(q))
        assert len(str(q)) <= 60
        checked += 1
    assert checked == report.spans_checked or checked > 0


def test_tiny_compiles_to_expected_facts(tiny_data: Path) -> None:
    ds, _compiled, spans, _ = compile_graph(tiny_data, ONTOLOGY, TINY / "corpus")
    facts = Graph()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if "graph/ontology" not in str(g) and not str(s).startswith(STMT) and "/doc/" not in str(s):
            facts.add((s, p, o))
    expected = Graph().parse(TINY / "expected_facts.ttl", format="turtle")
    iso_a, iso_b = to_isomorphic(facts), to_isomorphic(expected)
    if not isomorphic(iso_a, iso_b):
        _both, only_got, only_expected = graph_diff(iso_a, iso_b)
        pytest.fail(f"only in build:\n{only_got.serialize(format='nt')}\nonly expected:\n{only_expected.serialize(format='nt')}")
    assert spans == 8


def test_tiny_statements_carry_provenance(tiny_data: Path) -> None:
    ds, _c, _s, _ = compile_graph(tiny_data, ONTOLOGY, TINY / "corpus")
    ds.default_union = True
    q = """
    PREFIX hykg: <https://w3id.org/hykg/ont#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?status ?quote ?rat WHERE {
      ?st rdf:subject <https://w3id.org/hykg/id/mat/c> ; rdf:predicate hykg:hasInput ;
          hykg:statementStatus ?status .
      OPTIONAL { ?st hykg:quote ?quote } OPTIONAL { ?st hykg:rationale ?rat } }"""
    rows = list(ds.query(q))
    assert len(rows) == 1
    assert str(rows[0].status).endswith("#editorial")
    assert rows[0].quote is None and str(rows[0].rat) == "test: an editorial input"


@pytest.mark.parametrize("case", sorted(p.name for p in BAD.iterdir()))
def test_bad_data_is_refused_with_file_and_line(case: str, tmp_path: Path, runner) -> None:
    data = tmp_path / "data"
    (data / "curated").mkdir(parents=True)
    shutil.copy(TINY / "data" / "sources.yaml", data / "sources.yaml")
    shutil.copytree(BAD / case / "curated", data / "curated", dirs_exist_ok=True)
    out = tmp_path / "graph.nq.gz"
    out.write_bytes(b"last good graph")
    result = runner.invoke(main, ["build", "--data", str(data), "--ontology", str(ONTOLOGY),
                                  "--corpus", str(TINY / "corpus"), "--out", str(out)])
    expected = (BAD / case / "expected.txt").read_text(encoding="utf-8").strip()
    assert result.exit_code == 1
    assert expected in result.stderr
    assert out.read_bytes() == b"last good graph"  # nothing overwritten
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")] == []


def test_failed_build_keeps_last_good_graph(tiny_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.nq.gz"
    build(out, tiny_data, ONTOLOGY, TINY / "corpus")
    good = out.read_bytes()
    (tiny_data / "curated" / "t1.yaml").write_text("records: [\n", encoding="utf-8")
    with pytest.raises(DataError):
        build(out, tiny_data, ONTOLOGY, TINY / "corpus")
    assert out.read_bytes() == good


def test_build_without_corpus_warns(tiny_data: Path, tmp_path: Path, runner, monkeypatch) -> None:
    monkeypatch.setenv("HYKG_CORPUS", str(tmp_path / "absent"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", "--data", str(tiny_data), "--ontology", str(ONTOLOGY),
                                  "--out", str(tmp_path / "g.nq.gz"), "--no-corpus-check"])
    assert result.exit_code == 0, result.output
    assert "0 spans checked" in result.stdout


def test_statement_nodes_conform_to_their_shape() -> None:
    from hykg.curation.build import load_ontology, validate
    from hykg.curation.compile import compile_data
    from hykg.curation.schema import schema_from_ontology

    onto = load_ontology(ONTOLOGY)
    compiled = compile_data(DATA, schema_from_ontology(onto))
    validate(compiled, onto, ONTOLOGY / "shapes.ttl", statements=True)  # raises DataError if not
