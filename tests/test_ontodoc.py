"""The ontology reference: every term documented with its key and SHACL rules; offline, escaped, drawn."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from hykg.cli import main
from hykg.present.ontodoc import read_ontology, write_ontology_docs

from .docs_browser import assert_clean, open_file
from .fixtures import ONTOLOGY

SH = "http://www.w3.org/ns/shacl#"


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ontodoc")
    write_ontology_docs(out, ONTOLOGY)
    return out / "index.html"


def _ontology_terms() -> tuple[set[str], set[str]]:
    g = Graph()
    for p in ONTOLOGY.glob("*.ttl"):
        if p.name != "shapes.ttl":
            g.parse(p)
    # the reference documents hykg's terms and the reused ones hykg names (skos:altLabel), not bare declarations
    named = {str(s) for s in g.subjects(RDFS.label)} | {str(s) for s in g.subjects(SKOS.altLabel)}
    classes = {str(c) for c in g.subjects(RDF.type, OWL.Class) if str(c) in named}
    props = {str(p) for k in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
             for p in g.subjects(RDF.type, k) if str(p) in named}
    return classes, props


def test_model_covers_every_term_with_keys_and_constraints() -> None:
    m = read_ontology(ONTOLOGY)
    classes, props = _ontology_terms()
    assert {c.iri for c in m.classes} == classes
    assert {p.iri for p in m.properties} == props
    assert all(c.label_zh and c.label_en and c.definition for c in m.classes)
    shapes = Graph().parse(ONTOLOGY / "shapes.ttl")
    assert len(m.shapes) == len(set(shapes.subjects(RDF.type, URIRef(SH + "NodeShape"))))
    by = {p.curie: p for p in m.properties}
    # the data key: a hykg property's local name, a reused one's hykg:key
    assert by["hykg:inPark"].key == "inPark" and by["dcterms:isPartOf"].key == "partOf"
    assert by["org:heldBy"].key == "heldBy" and by["hykg:key"].kind == "annotation"
    assert by["hykg:supplier"].domain == ["hykg:ResourceFlow"]
    # SHACL: the flow shapes constrain hykg:supplier; a post must name its holder or say it is not stated
    assert {c.shape for c in by["hykg:supplier"].constraints} == {"hs:MaterialFlow", "hs:ParkResourceFlow"}
    post = next(c for c in m.classes if c.curie == "hykg:Post")
    assert any("org:heldBy: min 1" in c.rule and "hykg:notStated: value org:heldBy" in c.rule
               for c in post.constraints)
    flow = next(c for c in m.classes if c.curie == "hykg:MaterialFlow")
    assert "hykg:supplier: min 1 · max 1 · class hykg:Enterprise" in [c.rule for c in flow.constraints]
    park = next(c for c in m.classes if c.curie == "hykg:Park")
    assert park.parents == ["hykg:IndustrialArea"] and park.id_prefixes == ["park/"]
    assert any("one of" in c.rule and "econ_dev_zone" in c.rule for c in park.constraints)


def test_diagram_places_every_class_once_without_overlap() -> None:
    m = read_ontology(ONTOLOGY)
    nodes = m.diagram.nodes
    assert {c.curie for c in m.classes} <= {n["curie"] for n in nodes}
    assert len({n["curie"] for n in nodes}) == len(nodes)
    boxes = {(n["x"], n["y"]) for n in nodes}
    assert len(boxes) == len(nodes)  # no two boxes share a place
    for n in nodes:
        assert 0 <= n["x"] and n["x"] + n["w"] <= m.diagram.width and n["y"] + n["h"] <= m.diagram.height
    park = next(n for n in nodes if n["curie"] == "hykg:Park")
    area = next(n for n in nodes if n["curie"] == "hykg:IndustrialArea")
    assert park["x"] > area["x"]  # subclasses to the right of their superclass
    assert any(e["kind"] == "property" and e["label"] == "hykg:segmentOf" for e in m.diagram.edges)


def test_output_is_deterministic(tmp_path: Path, reference: Path) -> None:
    """Byte-identical output, in this process and in one with another hash seed."""
    import os
    import subprocess
    import sys

    write_ontology_docs(tmp_path / "a", ONTOLOGY)
    assert (tmp_path / "a" / "index.html").read_bytes() == reference.read_bytes()
    assert (tmp_path / "a" / "hykg.ttl").read_bytes() == (ONTOLOGY / "hykg.ttl").read_bytes()
    env = {**os.environ, "PYTHONHASHSEED": "12345" if os.environ.get("PYTHONHASHSEED") != "12345" else "54321"}
    subprocess.run([sys.executable, "-m", "hykg", "docs", "ontology", "-o", str(tmp_path / "b"), "--ontology",
                    str(ONTOLOGY)], check=True, env=env, capture_output=True)
    assert (tmp_path / "b" / "index.html").read_bytes() == reference.read_bytes()


def test_reference_in_headless_chromium(browser, reference: Path) -> None:
    loaded = open_file(browser, reference)
    page = loaded.page
    m = read_ontology(ONTOLOGY)
    for c in m.classes:
        section = page.locator(f"#{c.anchor}")
        assert section.count() == 1, c.curie
        assert c.label_zh in section.inner_text() and c.curie in section.inner_text()
    assert page.locator(".term.property").count() == len(m.properties)
    # the diagram is drawn: one visible box per class, the subclass edges and property arcs laid out
    sizes = page.eval_on_selector_all("#diagram g.node rect", "els => els.map(e => e.getBBox().width * e.getBBox().height)")
    assert len(sizes) == len(m.diagram.nodes) and min(sizes) > 0
    assert page.locator("#diagram path.edge.subclass").count() >= len(m.classes)
    assert page.locator("#diagram path.edge.property").count() >= 3
    text_width = page.eval_on_selector('#diagram g.node[data-curie="hykg:Park"] text.l', "e => e.getBBox().width")
    assert text_width > 10  # the Chinese label 园区 is rendered
    # clicking a class in the diagram jumps to its entry; the filter hides what does not match
    page.click('#diagram g.node[data-curie="hykg:Park"]')
    assert page.evaluate("location.hash") == "#class-Park"
    page.fill("#filter", "inPark")
    visible = page.eval_on_selector_all(".term.property", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")
    assert visible == ["prop-inPark"]
    assert_clean(loaded)


def test_labels_are_escaped(tmp_path: Path, browser) -> None:
    onto = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, onto)
    ttl = onto / "hykg.ttl"
    text = ttl.read_text(encoding="utf-8")
    evil = '<img src=x onerror="alert(1)">'
    text = text.replace('rdfs:label "园区"@zh', 'rdfs:label "园区' + evil.replace('"', '\\"') + '"@zh', 1)
    text = text.replace('"The park, zone, corridor', '"</script><script>alert(2)</script> The park, zone, corridor', 1)
    ttl.write_text(text, encoding="utf-8")
    write_ontology_docs(tmp_path / "out", onto)
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=" in html and "<img" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(2)" in html
    loaded = open_file(browser, tmp_path / "out" / "index.html")
    assert evil in loaded.page.inner_text("#class-Park h3")
    assert_clean(loaded)


def test_cli_writes_the_reference(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["docs", "ontology", "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert re.match(r"wrote .*index\.html: \d+ classes, \d+ properties, 4 statuses, \d+ SHACL shapes", result.output)
    assert (tmp_path / "site" / "index.html").stat().st_size > 50_000
    assert (tmp_path / "site" / "shapes.ttl").exists()


def test_cli_reports_a_broken_ontology(runner, tmp_path: Path) -> None:
    broken = tmp_path / "onto"
    broken.mkdir()
    (broken / "hykg.ttl").write_text("@prefix : <x#> .\n:a :b ", encoding="utf-8")
    result = runner.invoke(main, ["docs", "ontology", "-o", str(tmp_path / "site"), "--ontology", str(broken)])
    assert result.exit_code == 1
    assert "Error:" in result.output and "hykg.ttl: cannot parse ontology" in result.output
    assert not (tmp_path / "site" / "index.html").exists()
