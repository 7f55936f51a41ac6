"""The Store interface and what every backend shares: result types, lean values, the graph files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..errors import DataError, UnknownGraph

if TYPE_CHECKING:  # reading the dataset clause is for queries that name graphs: imported then
    from ..rdf.sparqltext import Dataset

#: One RDF term as in the W3C SPARQL 1.1 JSON results format: {"type", "value", "xml:lang"?, "datatype"?}.
Term = dict[str, str]

#: One RDF term as the library's own queries read it (see :func:`lean`): an IRI as its string, a
#: blank node as ``_:id``, a literal as (lexical form, language, datatype), "" for none / xsd:string.
Value = str | tuple[str, str, str]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass
class Solutions:
    """The answer to a SELECT: variable names and rows of bound terms."""

    vars: list[str]
    rows: list[dict[str, Term]] = field(default_factory=list)


@dataclass
class Triples:
    """The answer to a CONSTRUCT or DESCRIBE."""

    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)


QueryResult = Solutions | bool | Triples


class Store(Protocol):
    """What a backend offers: a read-only SPARQL query and a size."""

    def query(self, sparql: str, prefixes: dict[str, str]) -> QueryResult: ...
    # backends also take ``max_rows`` and ``dataset`` (the protocol's default-graph-uri / named-graph-uri,
    # which override the query's own FROM / FROM NAMED): see :func:`requested_dataset`

    def __len__(self) -> int: ...


def requested_dataset(sparql: str, dataset: Dataset | None, known: Callable[[], Iterable[str]]) -> Dataset | None:
    """The graphs a query runs on: ``dataset`` (a request's) if given, else the query's FROM / FROM NAMED;
    None for neither (hykg's default graph, the union of all). A graph the store does not hold
    (``known()``) is an UnknownGraph error naming the ones it does.

    >>> requested_dataset("SELECT * FROM <https://w3id.org/hykg/graph/x> { ?s ?p ?o }", None, lambda: ["g"])
    Traceback (most recent call last):
    ...
    hykg.errors.UnknownGraph: no such graph: <https://w3id.org/hykg/graph/x>; the graphs here: <g>
    """
    if dataset is None:
        if "from" not in sparql.lower() and "\\" not in sparql:  # (an escape may spell FROM)
            return None
        from ..rdf.sparqltext import dataset_clause

        dataset = dataset_clause(sparql)
    if not dataset:
        return None
    have = set(known())
    missing = sorted(dataset.graphs() - have)
    if missing:
        raise UnknownGraph(missing, sorted(have))
    return dataset


# ---------------------------------------------------------------------- graph files
def read_graph_file(path: Path) -> bytes:
    """The N-Quads bytes of a built graph (``.nq`` or ``.nq.gz``)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the graph ({exc.strerror}); run `hykg build` first") from exc
    if path.suffix == ".gz":
        try:
            import gzip

            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise DataError(f"{path}: not a valid gzip file: {exc}") from exc
    return raw


#: Datasets `hykg import` writes next to the built graph (``<name>.nq.gz``), loaded with it.
IMPORTED_DATASETS = ("chainkg",)
#: The file name of an imported ledger's graph.
LEDGER_FILE = re.compile(r"ledger-[0-9a-f]{8}\.nq\.gz")


def graph_files(graph: Path | str) -> list[Path]:
    """The built graph first, then the imported datasets that sit next to it (``chainkg.nq.gz``).

    Only the known dataset names are picked up: other graph files in the same folder (an older
    build, a download) are never mixed in. Imported ledgers (``ledger-<id>.nq.gz``, written by
    ``hykg import ledger``) come last, by name.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("hykg.nq.gz", "chainkg.nq.gz", "old-build.nq.gz", ".tmp.nq.gz", "notes.txt", "ledger-1a2b3c4d.nq.gz"):
    ...     _ = (d / n).write_bytes(b"")
    >>> [p.name for p in graph_files(d / "hykg.nq.gz")]
    ['hykg.nq.gz', 'chainkg.nq.gz', 'ledger-1a2b3c4d.nq.gz']
    """
    main = Path(graph)
    if not main.exists():
        raise DataError(f"{main}: cannot read the graph (no such file); run `hykg build` first")
    others = [main.parent / f"{name}.nq.gz" for name in IMPORTED_DATASETS]
    others += sorted(p for p in main.parent.glob("ledger-*.nq.gz") if LEDGER_FILE.fullmatch(p.name))
    return [main, *(p for p in others if p.is_file() and p.resolve() != main.resolve())]


def lean(term: Term) -> Value:
    """A W3C JSON term as a lean :data:`Value` (hashable; equal terms give equal values).

    >>> lean({"type": "uri", "value": "http://x"}), lean({"type": "literal", "value": "硫酸", "xml:lang": "zh"})
    ('http://x', ('硫酸', 'zh', ''))
    """
    kind = term["type"]
    if kind == "literal":
        dtype = term.get("datatype", "")
        return term["value"], term.get("xml:lang", ""), "" if dtype in (XSD_STRING, RDF_LANGSTRING) else dtype
    if kind == "bnode":
        return "_:" + term["value"]
    return term["value"]


def lean_rows(result: QueryResult) -> list[dict[str, Value]]:
    """The rows of a SELECT result as lean values (what backends without a faster path return)."""
    if not isinstance(result, Solutions):
        raise TypeError("lean rows need a SELECT query")
    return [{k: lean(t) for k, t in row.items()} for row in result.rows]


