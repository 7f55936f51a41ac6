"""The ontology reference: classes, properties, data keys and SHACL constraints as one offline HTML page."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..rdf import vocab
from .ontodiagram import Diagram, class_diagram

SH = vocab.SH
#: Prefixes used to write IRIs compactly in the reference (the query prefixes, plus the shapes' own).
CURIE_PREFIXES: dict[str, str] = {
    **{p: ns for p, ns in vocab.PREFIXES.items() if not ns.startswith(vocab.ID)},
    "sh": SH,
    "hs": "https://w3id.org/hykg/shapes#",
    "vann": "http://purl.org/vocab/vann/",
}

@dataclass
class Constraint:
    """One SHACL requirement, in words: which shape, on what, and the rule."""

    shape: str
    target: str
    rule: str
    message: str = ""
    comment: str = ""


@dataclass
class TermDoc:
    """A documented class or property."""

    iri: str
    curie: str
    anchor: str
    label_zh: str
    label_en: str
    definition: str
    constraints: list[Constraint] = field(default_factory=list)


@dataclass
class ClassDoc(TermDoc):
    parents: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    id_prefixes: list[str] = field(default_factory=list)
    domain_of: list[str] = field(default_factory=list)
    range_of: list[str] = field(default_factory=list)


@dataclass
class PropertyDoc(TermDoc):
    kind: str = "object"  # object | datatype | annotation
    key: str = ""
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)


@dataclass
class OntologyModel:
    """Everything the reference shows, read from ``ontology/*.ttl``."""

    title_zh: str
    title_en: str
    namespace: str
    version: str
    files: list[dict[str, str]]
    classes: list[ClassDoc]
    properties: list[PropertyDoc]
    statuses: list[TermDoc]
    shapes: list[dict[str, Any]]
    diagram: Diagram

    def summary(self) -> dict[str, int]:
        return {"classes": len(self.classes), "properties": len(self.properties),
                "statuses": len(self.statuses), "shapes": len(self.shapes)}


def curie(iri: str) -> str:
    """An IRI written with the reference's prefixes.

    >>> curie("https://w3id.org/hykg/ont#Park"), curie("http://www.w3.org/ns/org#Post")
    ('hykg:Park', 'org:Post')
    """
    for prefix, ns in sorted(CURIE_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(ns) and iri != ns:
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def anchor(kind: str, iri: str) -> str:
    """A stable HTML id for a term (``class-Park``, ``prop-org-heldBy``).

    >>> anchor("prop", "http://www.w3.org/ns/org#heldBy")
    'prop-org-heldBy'
    """
    c = curie(iri)
    name = c[len("hykg:"):] if c.startswith("hykg:") else c.replace(":", "-")
    return f"{kind}-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)


# ---------------------------------------------------------------------- reading the ontology
def _labels(g: Any, s: Any) -> tuple[str, str]:
    from rdflib.namespace import RDFS, SKOS

    out = {"zh": "", "en": ""}
    # a reused W3C term carries hykg's own names as skos:altLabel (its own labels are not restated)
    for pred in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        for lit in sorted(g.objects(s, pred), key=str):
            lang = getattr(lit, "language", None)
            if lang in out and not out[lang]:
                out[lang] = str(lit)
    return out["zh"], out["en"]


def _definition(g: Any, s: Any) -> str:
    from rdflib.namespace import RDFS, SKOS

    for pred in (SKOS.definition, SKOS.scopeNote, RDFS.comment):
        values = sorted(str(v) for v in g.objects(s, pred))
        if values:
            return values[0]
    return ""


def _rdf_list(g: Any, node: Any) -> list[Any]:
    from rdflib.collection import Collection

    return list(Collection(g, node))


def _term(g: Any, node: Any) -> str:
    from rdflib import Literal

    if isinstance(node, Literal):
        numeric = node.datatype is not None and curie(str(node.datatype)) in ("xsd:integer", "xsd:decimal", "xsd:boolean")
        return str(node) if numeric else f'"{node}"'
    return curie(str(node))


_PARAMS = (("minCount", "min {}"), ("maxCount", "max {}"), ("class", "class {}"), ("datatype", "datatype {}"),
           ("hasValue", "value {}"), ("in", "one of {}"), ("maxLength", "at most {} characters"),
           ("languageIn", "languages {}"), ("uniqueLang", "one value per language"))


def _rule(g: Any, shape: Any) -> str:
    """A property shape (or a node shape's own parameters) in words."""
    from rdflib import URIRef

    parts = []
    path = g.value(shape, URIRef(SH + "path"))
    for name, fmt in _PARAMS:
        value = g.value(shape, URIRef(SH + name))
        if value is None:
            continue
        if name in ("in", "languageIn"):
            parts.append(fmt.format(", ".join(_term(g, v) for v in _rdf_list(g, value))))
        elif name == "uniqueLang":
            parts.append(fmt)
        else:
            parts.append(fmt.format(_term(g, value)))
    rule = " · ".join(parts) if parts else "(no parameters)"
    return f"{curie(str(path))}: {rule}" if path is not None else rule


def _node_rules(g: Any, shape: Any) -> list[dict[str, Any]]:
    """``{"paths", "rule", "message"}`` for every property shape and ``sh:or`` of a node shape."""
    from rdflib import URIRef

    rules = []
    for prop in sorted(g.objects(shape, URIRef(SH + "property")), key=lambda n: _rule(g, n)):
        path = g.value(prop, URIRef(SH + "path"))
        rules.append({"paths": [str(path)] if path is not None else [], "rule": _rule(g, prop),
                      "message": str(g.value(prop, URIRef(SH + "message")) or "")})
    for alternatives in g.objects(shape, URIRef(SH + "or")):
        options, paths = [], set()
        for alt in _rdf_list(g, alternatives):
            inner = [_rule(g, p) for p in sorted(g.objects(alt, URIRef(SH + "property")), key=lambda n: _rule(g, n))]
            own = g.value(alt, URIRef(SH + "path"))
            if own is not None:
                inner.insert(0, _rule(g, alt))
                paths.add(str(own))
            for p in g.objects(alt, URIRef(SH + "property")):
                pp = g.value(p, URIRef(SH + "path"))
                if pp is not None:
                    paths.add(str(pp))
            options.append(" and ".join(inner))
        rule = "one of: " + " | ".join(f"({chr(97 + i)}) {o}" for i, o in enumerate(options))
        rules.append({"paths": sorted(paths), "rule": rule,
                      "message": str(g.value(shape, URIRef(SH + "message")) or "")})
    return rules


def read_shapes(path: Path) -> list[dict[str, Any]]:
    """The SHACL node shapes of ``shapes.ttl``: name, targets, comment, message and rules."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, RDFS

    from ..errors import DataError

    if not path.exists():
        return []
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser types
        raise DataError(f"{path}: cannot parse the shapes: {exc}") from exc
    shapes = []
    for shape in sorted(set(g.subjects(RDF.type, URIRef(SH + "NodeShape"))), key=str):
        target_classes = sorted(str(c) for c in g.objects(shape, URIRef(SH + "targetClass")))
        target_subjects = sorted(str(p) for p in g.objects(shape, URIRef(SH + "targetSubjectsOf")))
        targets = ([f"instances of {curie(c)}" for c in target_classes]
                   + [f"subjects of {curie(p)}" for p in target_subjects])
        shapes.append({
            "iri": str(shape), "curie": curie(str(shape)), "anchor": anchor("shape", str(shape)),
            "target_classes": target_classes, "target_subjects": target_subjects,
            "targets": targets, "comment": str(g.value(shape, RDFS.comment) or ""),
            "message": str(g.value(shape, URIRef(SH + "message")) or ""),
            "rules": _node_rules(g, shape),
        })
    return shapes


def _file_info(path: Path) -> dict[str, str]:
    return {"name": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:12]}


def read_ontology(ontology_dir: Path | None = None) -> OntologyModel:
    """Read classes, properties, statuses and shapes from an ontology folder (default: the bundled one).

    >>> m = read_ontology()
    >>> park = next(c for c in m.classes if c.curie == "hykg:Park")
    >>> park.label_zh, park.parents, park.id_prefixes
    ('园区', ['hykg:IndustrialArea'], ['park/'])
    >>> next(p.key for p in m.properties if p.curie == "org:heldBy")
    'heldBy'
    """
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    from .. import resources
    from ..curation.build import load_ontology
    from ..curation.schema import schema_from_ontology

    ontology_dir = Path(ontology_dir) if ontology_dir is not None else resources.ontology_dir()
    g = load_ontology(ontology_dir)
    keys = {p.iri: p.key for p in schema_from_ontology(g).props.values()}
    prefixes_of: dict[str, list[str]] = {}
    for prefix, names in vocab.ID_PREFIXES.items():
        for n in names:
            prefixes_of.setdefault(vocab.ONT + n, []).append(f"{prefix}/")

    def documented(term: str) -> bool:  # hykg's terms, and reused ones hykg names (not bare declarations)
        return term.startswith(vocab.ONT) or any(_labels(g, URIRef(term)))

    class_iris = sorted({str(c) for c in g.subjects(RDF.type, OWL.Class) if documented(str(c))})
    classes: dict[str, ClassDoc] = {}
    for iri in class_iris:
        zh, en = _labels(g, URIRef(iri))
        classes[iri] = ClassDoc(iri, curie(iri), anchor("class", iri), zh, en, _definition(g, URIRef(iri)),
                                parents=sorted(curie(str(p)) for p in g.objects(URIRef(iri), RDFS.subClassOf)),
                                id_prefixes=prefixes_of.get(iri, []))
    for c in classes.values():
        c.children = sorted(o.curie for o in classes.values() if c.curie in o.parents)

    properties: list[PropertyDoc] = []
    for kind, cls in (("object", OWL.ObjectProperty), ("datatype", OWL.DatatypeProperty),
                      ("annotation", OWL.AnnotationProperty)):
        for p in sorted({str(s) for s in g.subjects(RDF.type, cls) if documented(str(s))}):
            zh, en = _labels(g, URIRef(p))
            properties.append(PropertyDoc(
                p, curie(p), anchor("prop", p), zh, en, _definition(g, URIRef(p)), kind=kind, key=keys.get(p, ""),
                domain=sorted(curie(str(d)) for d in g.objects(URIRef(p), RDFS.domain)),
                # the datatype the values are written in (hykg:literalType) where OWL's range is rdfs:Literal
                range=sorted(curie(str(r)) for r in (list(g.objects(URIRef(p), URIRef(vocab.ONT + "literalType")))
                                                     or g.objects(URIRef(p), RDFS.range)))))
    by_curie = {c.curie: c for c in classes.values()}
    for prop in properties:
        for d in prop.domain:
            if d in by_curie:
                by_curie[d].domain_of.append(prop.curie)
        for r in prop.range:
            if r in by_curie:
                by_curie[r].range_of.append(prop.curie)

    statuses = []
    for s in sorted({str(x) for x in g.subjects(RDF.type, URIRef(vocab.ONT + "Status"))}):
        zh, en = _labels(g, URIRef(s))
        statuses.append(TermDoc(s, curie(s), anchor("status", s), zh, en, _definition(g, URIRef(s))))

    shapes_path = ontology_dir / "shapes.ttl"
    shapes = read_shapes(shapes_path)
    _attach_constraints(shapes, classes, properties)

    onto = next(iter(sorted(g.subjects(RDF.type, OWL.Ontology), key=str)), None)
    title_zh, title_en = _labels(g, onto) if onto is not None else ("", "")
    files = [_file_info(p) for p in sorted(ontology_dir.glob("*.ttl"))]
    return OntologyModel(
        title_zh=title_zh, title_en=title_en, namespace=vocab.ONT,
        version=str(g.value(onto, OWL.versionInfo) or "") if onto is not None else "",
        files=files, classes=list(classes.values()), properties=properties, statuses=statuses, shapes=shapes,
        diagram=class_diagram(list(classes.values()), properties))


def _attach_constraints(shapes: list[dict[str, Any]], classes: dict[str, ClassDoc],
                        properties: list[PropertyDoc]) -> None:
    """Give each class the shapes that target it (or a superclass), and each property the rules on its path."""
    ancestors: dict[str, set[str]] = {}

    def up(iri: str) -> set[str]:
        if iri not in ancestors:
            ancestors[iri] = set()
            for parent in classes[iri].parents:
                piri = next((k for k, c in classes.items() if c.curie == parent), None)
                ancestors[iri] |= {parent} | (up(piri) if piri else set())
        return ancestors[iri]

    props = {p.iri: p for p in properties}
    for shape in shapes:
        for iri, cls in classes.items():
            direct = iri in shape["target_classes"]
            inherited = sorted(set(map(curie, shape["target_classes"])) & up(iri))
            if not (direct or inherited):
                continue
            target = "instances" if direct else f"instances (via {', '.join(inherited)})"
            for rule in shape["rules"]:
                cls.constraints.append(Constraint(shape["curie"], target, rule["rule"], rule["message"], shape["comment"]))
        for rule in shape["rules"]:
            for path in rule["paths"]:
                if path in props:
                    props[path].constraints.append(Constraint(shape["curie"], ", ".join(shape["targets"]), rule["rule"],
                                                              rule["message"], shape["comment"]))


# ---------------------------------------------------------------------- rendering
def render_html(model: OntologyModel) -> str:
    """The reference as one self-contained HTML page (inline CSS and SVG; every string escaped)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates" / "docs")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    by_curie: dict[str, str] = {c.curie: c.anchor for c in model.classes}
    by_curie |= {p.curie: p.anchor for p in model.properties}
    by_curie |= {s["curie"]: s["anchor"] for s in model.shapes}
    groups = [(kind, title, [p for p in model.properties if p.kind == kind]) for kind, title in
              (("object", "Object properties / 对象属性"), ("datatype", "Datatype properties / 数据属性"),
               ("annotation", "Annotation properties / 注释属性"))]
    return env.get_template("ontology.html.j2").render(m=model, links=by_curie, groups=groups)


def write_ontology_docs(out_dir: Path, ontology_dir: Path | None = None) -> dict[str, Any]:
    """Write ``index.html`` (and copies of the ``.ttl`` files it documents) into ``out_dir``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     r = write_ontology_docs(Path(d))
    >>> r["classes"] > 30, r["index"].endswith("index.html"), r["files"]
    (True, True, ['hykg.ttl', 'shapes.ttl'])
    """
    from .. import resources
    from ..errors import DataError
    from ..files import write_atomic

    ontology_dir = Path(ontology_dir) if ontology_dir is not None else resources.ontology_dir()
    model = read_ontology(ontology_dir)
    html = render_html(model)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from exc
    if not out_dir.is_dir():
        raise DataError(f"{out_dir}: not a folder")
    index = out_dir / "index.html"
    write_atomic(index, html.encode("utf-8"))
    for f in model.files:
        write_atomic(out_dir / f["name"], (ontology_dir / f["name"]).read_bytes())
    return {"index": str(index), **model.summary(), "files": [f["name"] for f in model.files]}


def model_json(model: OntologyModel) -> dict[str, Any]:
    """The model as plain JSON-ready data (used by ``hykg docs ontology --format json``)."""
    data = asdict(model)
    data.pop("diagram")
    return data
