"""Blank nodes: the build names them by RDFC-1.0 (byte-identical whatever PYTHONHASHSEED), and a
2,000-deep blank-node chain is written in every RDF format by the CLI and a live `hykg serve`."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from hykg.errors import DataError
from hykg.rdf.canon import canonical_nquads

from .fixtures import ONTOLOGY, TINY
from .server_fixtures import live_server

RESTRICTION = """
hykg:Park rdfs:subClassOf [ a owl:Restriction ; owl:onProperty hykg:kind ; owl:someValuesFrom xsd:string ] .
hykg:MaterialFlow rdfs:subClassOf [ a owl:Restriction ; owl:onProperty hykg:supplier ;
    owl:someValuesFrom [ a owl:Class ; owl:unionOf ( hykg:Enterprise hykg:Park ) ] ] .
"""
DEPTH = 2000
CHAIN = ("CONSTRUCT { ent:start hykg:includes _:b0 . "
         + " ".join(f"_:b{i} hykg:includes _:b{i + 1} ." for i in range(DEPTH)) + " } WHERE {}")


def _build(out: Path, ontology: Path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "HYKG_HOME": str(out.parent)}
    done = subprocess.run([sys.executable, "-m", "hykg", "build", "--out", str(out), "--data", str(TINY / "data"),
                           "--ontology", str(ontology), "--no-corpus-check"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return gzip.decompress(out.read_bytes())


def test_build_with_restrictions_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    onto = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, onto)
    with (onto / "hykg.ttl").open("a", encoding="utf-8") as fh:
        fh.write(RESTRICTION)
    a = _build(tmp_path / "a.nq.gz", onto, "1")
    b = _build(tmp_path / "b.nq.gz", onto, "2")
    assert a == b
    assert b"_:c14n0 " in a and b"_:N" not in a  # RDFC-1.0 labels, not the parser's
    ds = Dataset()
    ds.parse(data=a, format="nquads")
    written, source = Graph(), Graph().parse(onto / "hykg.ttl", format="turtle")
    for t in ds.graph(URIRef("https://w3id.org/hykg/graph/ontology")):
        written.add(t)
    assert isomorphic(written, source)  # the same ontology, blank nodes and all


def test_canonicalisation_past_its_budget_is_a_clear_error() -> None:
    # 40 indistinguishable blank nodes in a cycle: far more than 0.001 s of RDFC-1.0
    cycle = b"".join(f"_:n{i} <http://e/p> _:n{(i + 1) % 40} .\n".encode() for i in range(40))
    with pytest.raises(DataError, match=r"40 blank nodes could not be canonicalised \(RDFC-1.0\) within 0.001 s"):
        canonical_nquads(cycle, budget=0.001)


def test_deep_blank_node_chain_in_every_cli_format(runner: Any, built_graph: Path) -> None:
    from hykg.cli import main

    for fmt, marker in (("turtle", "hykg:includes"), ("json-ld", '"@id"'), ("ntriples", "_:")):
        r = runner.invoke(main, ["--graph", str(built_graph), "--store", "oxigraph-memory", "sparql", CHAIN, "--format", fmt])
        assert r.exit_code == 0, r.output[-2000:]
        assert "Traceback" not in r.output and "RecursionError" not in r.output
        assert r.output.count(marker) >= DEPTH


def test_deep_blank_node_chain_and_control_characters_on_a_live_server(built_graph: Path, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    with live_server(built_graph, tmp_path / "serve.log", "--max-rows", "5000", "--query-workers", "1") as s, \
            httpx.Client(base_url=s.url, timeout=60) as c:
        for accept in ("text/turtle", "application/ld+json", "application/rdf+xml"):
            r = c.post("/sparql", data={"query": CHAIN}, headers={"Accept": accept})
            assert r.status_code == 200, (accept, r.text[:500])
            assert r.headers["content-type"].startswith(accept)
            if accept == "application/rdf+xml":
                assert len(ET.fromstring(r.content)) >= DEPTH  # well-formed
        bell = 'CONSTRUCT { ent:hengguang hykg:rationale "a\\u0007b" } WHERE {}'
        r = c.get("/sparql", params={"query": bell}, headers={"Accept": "application/rdf+xml"})
        assert r.status_code == 422 and r.json()["error"] == "not_serialisable", r.text
        assert "U+0007" in r.json()["message"]
        ok = c.get("/sparql", params={"query": bell}, headers={"Accept": "text/turtle"})
        assert ok.status_code == 200 and '"a\\u0007b"' in ok.text
