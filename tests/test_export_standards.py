"""Exports the ecosystem accepts, checked with tools nobody here wrote: GEXF against the official GEXF 1.3
XSD (lxml), GraphML read by networkx and igraph, JSON-LD by pyld and rdflib, TriG/Turtle by rdflib,
RDF/XML by an XML parser; unique edge ids, labels and weights, byte-identical files."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph, Literal, URIRef

from hykg.cli import main
from hykg.errors import NotSerialisable
from hykg.present.rdfout import serialize

XSD_DIR = Path(__file__).parent / "data" / "gexf-1.3"
G = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "gexf.xsd")))


def _export(runner: Any, graph: Path, out: Path, *args: str) -> Path:
    r = runner.invoke(main, ["--graph", str(graph), "export", *args, "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.mark.parametrize("args", [("ego", "--name", "恒光", "--depth", "2"), ("supply",), ("park",), ("membership",)])
def test_gexf_is_valid_gexf_1_3_with_unique_edge_ids(args: tuple[str, ...], schema: etree.XMLSchema, runner: Any,
                                                     built_graph: Path, tmp_path: Path) -> None:
    out = _export(runner, built_graph, tmp_path / "a.gexf", *args, "--format", "gexf")
    doc = etree.parse(str(out))
    assert schema.validate(doc), schema.error_log
    assert doc.find(f"{G}graph").get("name") is None
    edges = doc.findall(f".//{G}edge")
    ids = [e.get("id") for e in edges]
    assert edges and len(ids) == len(set(ids))
    assert all(e.get("label") and float(e.get("weight")) > 0 for e in edges)
    again = _export(runner, built_graph, tmp_path / "b.gexf", *args, "--format", "gexf")
    assert out.read_bytes() == again.read_bytes()
    assert not re.search(rb"\d{4}-\d{2}-\d{2}", out.read_bytes().split(b"<graph")[0])  # no date in the header


def test_ego_gexf_has_all_62_edges_and_keeps_parallel_flows(schema: etree.XMLSchema, runner: Any, built_graph: Path,
                                                            tmp_path: Path) -> None:
    ego = etree.parse(str(_export(runner, built_graph, tmp_path / "e.gexf", "ego", "--name", "恒光", "--depth", "2",
                                  "--format", "gexf")))
    assert len({e.get("id") for e in ego.findall(f".//{G}edge")}) == 62
    sup = etree.parse(str(_export(runner, built_graph, tmp_path / "s.gexf", "supply", "--format", "gexf")))
    flows = [e for e in sup.findall(f".//{G}edge")
             if (e.get("source"), e.get("target")) == ("ent/kingboard", "ent/hengguang")]
    assert sorted(e.get("label") for e in flows) == ["双氧水", "烧碱", "盐酸"]
    assert len({e.get("kind") for e in flows}) == 3  # Gephi keeps edges of different kinds apart
    assert {e.get("id") for e in flows} == {"flow/kingboard-hengguang-h2o2", "flow/kingboard-hengguang-hcl",
                                            "flow/kingboard-hengguang-naoh"}


def test_graphml_keeps_unique_edge_ids_for_networkx_and_igraph(runner: Any, built_graph: Path, tmp_path: Path) -> None:
    import igraph

    out = _export(runner, built_graph, tmp_path / "e.graphml", "ego", "--name", "恒光", "--depth", "2",
                  "--format", "graphml")
    ids = [e.get("id") for e in ET.parse(out).getroot().iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(ids) == 62 == len(set(ids)) and "ent/hengguang|hykg:inPark|park/songmu" in ids
    h = nx.read_graphml(out, force_multigraph=True)
    assert h.number_of_edges() == 62 and ("ent/hengguang", "park/songmu", "ent/hengguang|hykg:inPark|park/songmu") \
        in h.edges(keys=True)
    ig = igraph.Graph.Read_GraphML(str(out))  # igraph 1.0 reads edge/@id into the vertex ids: check the edges
    names = ig.vs["id"]
    assert ig.ecount() == 62
    assert len({(names[e.source], e["property"], names[e.target]) for e in ig.es}) == 62
    sup = _export(runner, built_graph, tmp_path / "s.graphml", "supply", "--format", "graphml")
    isup = igraph.Graph.Read_GraphML(str(sup))
    flows = sorted(e["material_label"] for e in isup.es if (isup.vs[e.source]["id"], isup.vs[e.target]["id"])
                   == ("ent/kingboard", "ent/hengguang"))
    assert flows == ["双氧水", "烧碱", "盐酸"]
    again = _export(runner, built_graph, tmp_path / "s2.graphml", "supply", "--format", "graphml")
    assert sup.read_bytes() == again.read_bytes()


def _built(built_graph: Path) -> Dataset:
    ds = Dataset()
    ds.parse(data=gzip.decompress(built_graph.read_bytes()), format="nquads")
    return ds


def test_rdf_exports_of_the_graph(runner: Any, built_graph: Path, tmp_path: Path) -> None:
    from pyld import jsonld

    built = _built(built_graph)
    n = len(built)
    trig = _export(runner, built_graph, tmp_path / "g.trig", "graph", "--format", "trig")
    back = Dataset()
    back.parse(trig, format="trig")
    assert len(back) == n and {str(c.identifier) for c in back.graphs()} >= {"https://w3id.org/hykg/graph/hengyang"}
    js = _export(runner, built_graph, tmp_path / "g.jsonld", "graph", "--format", "json-ld")
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert len(jsonld.to_rdf(doc, {"format": "application/n-quads"}).splitlines()) == n  # pyld reads every quad
    ttl = _export(runner, built_graph, tmp_path / "g.ttl", "graph", "--format", "turtle")
    text = ttl.read_text(encoding="utf-8")
    assert 'hykg:value "18"^^xsd:decimal' in text and " 18.0 " not in text
    g = Graph().parse(ttl, format="turtle")
    stat = URIRef("https://w3id.org/hykg/id/stat/corridor-major-projects")
    assert [str(o) for o in g.objects(stat, URIRef("https://w3id.org/hykg/ont#value"))] == ["18"]
    xml = _export(runner, built_graph, tmp_path / "g.rdf", "graph", "--format", "rdfxml")
    assert len(Graph().parse(xml, format="xml")) == len(g)
    assert trig.read_bytes() == _export(runner, built_graph, tmp_path / "g2.trig", "graph", "--format", "trig").read_bytes()


def test_export_format_and_projection_must_agree(runner: Any, built_graph: Path, tmp_path: Path) -> None:
    r = runner.invoke(main, ["--graph", str(built_graph), "export", "supply", "--format", "json-ld", "-o", str(tmp_path / "x")])
    assert r.exit_code == 2 and "json-ld writes the graph itself: hykg export graph --format json-ld" in r.output
    r = runner.invoke(main, ["--graph", str(built_graph), "export", "graph", "--format", "gexf", "-o", str(tmp_path / "x")])
    assert r.exit_code == 2 and "the graph is written as turtle/trig" in r.output


def test_rdfxml_refuses_control_characters_and_turtle_escapes_them() -> None:
    import pyoxigraph as ox

    t = ox.Triple(ox.NamedNode("https://w3id.org/hykg/id/ent/x"), ox.NamedNode("https://w3id.org/hykg/ont#quote"),
                  ox.Literal("a\x01b"))
    with pytest.raises(NotSerialisable, match="U\\+0001"):
        serialize([t], "rdfxml")
    ttl = serialize([t], "turtle").decode()
    assert '"a\\u0001b"' in ttl
    assert Literal("a\x01b") in set(Graph().parse(data=ttl, format="turtle").objects())
    ok = ox.Triple(t.subject, t.predicate, ox.Literal("a\tb <&>", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")))
    ET.fromstring(serialize([ok], "rdfxml"))  # well-formed
