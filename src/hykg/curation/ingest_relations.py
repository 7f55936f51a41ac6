"""Relations a document states, between the entity candidates of its sentences.

Each rule reads one sentence (or clause) of the normalised text with the entities found in it: in
park, located in, part of, subsidiary of, on chain (链主), produces, signs with / invests; the parks a
text refers back to are in :mod:`.ingest_parkref`, material flows in :mod:`.ingest_flows`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .ingest_entities import EntityCandidate, KnownEntity
from .ingest_parkref import ParkRef, counted_in, in_park_verb, refer_back
from .ingest_places import OPENER, Topic, along, brought_in, build_in, nested_names, place_prefix, ref_of
from .ingest_text import Normalised, normalise

MAX_SPAN = 60
SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
MATERIAL = r"(?:(?![的以及和与等为又作供])[\u4e00-\u9fffA-Za-z0-9]){1,10}"
MATERIALS = rf"(?P<mats>{MATERIAL}(?:(?:、|以及|和|及|与){MATERIAL}){{0,8}})"
ORG_TYPES = ("Enterprise", "FinancialInstitution", "AcademicInstitution", "Association", "GovernmentBody")
SITE_TYPES = ("Enterprise", "Project", "IndustrialBase")


@dataclass
class RelationCandidate:
    """A relation the text states: subject and object are known ids or entity candidate ids."""

    candidate: str
    subject: str
    property: str
    object: str
    span: str
    confidence: float
    why: str


@dataclass(frozen=True)
class _At:
    """An entity mention in the normalised text: where, and the id the relation names."""

    s: int
    e: int
    ref: str
    type: str


def mentions(ents: list[EntityCandidate]) -> list[_At]:
    """Every entity mention, in text order (normalised offsets)."""
    out = [_At(m.nstart, m.nend, ref_of(c), c.type) for c in ents for m in c.mentions]
    return sorted(out, key=lambda a: (a.s, -a.e))


def quote(norm: Normalised, s: int, e: int) -> str:
    """The verbatim span of the document for the normalised ``s:e``, at most 60 characters."""
    a, b = norm.span(s, e)
    text = norm.source[a:b].strip()
    return text[:MAX_SPAN]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text)]


def _in(ats: list[_At], s: int, e: int) -> list[_At]:
    return [a for a in ats if s <= a.s and a.e <= e]


def _at(ats: list[_At], pos: int, types: tuple[str, ...] | None = None) -> _At | None:
    return next((a for a in ats if a.s == pos and (types is None or a.type in types)), None)


def _ending(ats: list[_At], pos: int, types: tuple[str, ...] | None = None) -> _At | None:
    return next((a for a in reversed(ats) if a.e == pos and (types is None or a.type in types)), None)


#: Verbs after which the names that follow are parts of the name before (X下辖A、B、C).
HAS_PARTS = re.compile(r"(?:下辖|辖|包括|包含|涵盖|囊括|拥有|设有|含|分为|划分为|由)(?:了|有)?[：:]?")
#: Types of what is in a place (located in) or part of a park / base / cluster.
PLACED_TYPES = ("Park", "IndustrialBase", "IndustrialCluster", "Project", "GovernmentBody", "CharacteristicTown",
                "Corridor")
CONTAINER_TYPES = ("Park", "IndustrialBase", "IndustrialCluster", "CharacteristicTown", "GovernmentBody", "Place",
                   "Corridor")
#: A name referred back to (这条走廊, 该园区, 园区内): the suffix says what it was.
BACK_REF = re.compile(r"(?:这|该|此|本)(?:条|个|座|片|家)?[^，,。；、]{0,8}?(?P<suf>走廊|园区|产业园|园|基地|集群|开发区|高新区|经开区|小镇)")
#: Verbs after which the places that follow are where the name before lies (横跨A、B两区).
SPANS_PLACES = re.compile(r"(?:横跨|跨越|覆盖|涉及|分布在|分布于|辐射)(?:了)?")
#: Verbs after which the firms that follow are in the park named (引进A、B等企业).
BRINGS_IN = re.compile(r"(?:引进|吸引|引入|集聚|聚集|入驻了|进驻了|落户了)(?:了)?")


def enumeration(text: str, ats: list[_At], pos: int, end: int) -> list[_At]:
    """The names of the enumeration starting at ``pos`` (A、B和C), up to ``end``.

    >>> ats = [_At(0, 2, "a", "Park"), _At(3, 5, "b", "Park"), _At(6, 8, "c", "Park")]
    >>> [a.ref for a in enumeration("甲园、乙园和丙园等", ats, 0, 9)]
    ['a', 'b', 'c']
    """
    out: list[_At] = []
    while pos < end:
        a = next((b for b in ats if b.s == pos), None)
        if a is None:
            break
        out.append(a)
        pos = a.e
        j = re.match(r"、|，|,|以及|和|及|与|或", text[pos:end])
        if not j:
            break
        pos += j.end()
    return out


def _enumeration_before(text: str, ats: list[_At], pos: int, start: int) -> list[_At]:
    """The names of an enumeration ending at ``pos`` (A、B和C落户…), back to ``start``."""
    out: list[_At] = []
    while pos > start:
        a = next((b for b in reversed(ats) if b.e == pos), None)
        if a is None:
            break
        out.append(a)
        pos = a.s
        j = re.search(r"(?:、|以及|和|及|与)$", text[start:pos])
        if not j:
            break
        pos = start + j.start()
    return out[::-1]


def find_relations(norm: Normalised, ents: list[EntityCandidate], known: list[KnownEntity] | None = None,
                   extra: list[tuple[Any, str, Any, int, int, float, str]] | None = None) -> list[RelationCandidate]:
    """The relation candidates of a document (see the module docstring), ids ``r1``, ``r2`` ...

    >>> from .ingest_text import normalise
    >>> from .ingest_entities import find_entities
    >>> k = [KnownEntity("park/a", "Park", "甲园", ("甲园",)), KnownEntity("park/b", "Park", "乙园", ("乙园",)),
    ...      KnownEntity("park/x", "Park", "某开发区", ("某开发区",))]
    >>> n = normalise("某开发区下辖甲园、乙园两个园区。")
    >>> [(r.subject, r.property, r.object) for r in find_relations(n, find_entities(n, k), k)]
    [('park/a', 'partOf', 'park/x'), ('park/b', 'partOf', 'park/x')]
    """
    text = norm.text
    ats = mentions(ents)
    out: list[RelationCandidate] = []
    seen: set[tuple[str, str, str]] = set()
    last_park: _At | None = None

    def rel(sub: _At | str, prop: str, obj: _At | str, s: int, e: int, conf: float, why: str) -> None:
        subj = same.get(x := sub if isinstance(sub, str) else sub.ref, x)
        o = same.get(x := obj if isinstance(obj, str) else obj.ref, x)
        if subj == o or (subj, prop, o) in seen:
            return
        seen.add((subj, prop, o))
        out.append(RelationCandidate("", subj, prop, o, quote(norm, s, e), conf, why))

    def back_ref(ss: int, se: int) -> _At | None:
        m = BACK_REF.search(text, ss, se)
        if m is None:
            return None
        suf = m.group("suf")
        return next((a for a in reversed(ats) if a.e <= m.start() and a.type in CONTAINER_TYPES and a.type != "Place"
                     and text[a.s:a.e].endswith(suf[-1]) and m.start() - a.e <= 400), None)

    same: dict[str, str] = {}  # 衡阳松木经开区 -> 松木经开区: a place and another name
    if known:
        place_prefix(ents, {normalise(n).text: k.id for k in known if k.type == "Place" for n in k.names}
                     | {c.label: ref_of(c) for c in ents if c.type == "Place" and not c.known}, rel, same)
    for c in ents:  # 郴州综合保税区（以下简称“综保区”）: the text's own short name means it, not a known namesake
        for d in ents:
            if d is not c and d.known and not c.known and d.type == c.type and {d.label, *(
                    text[m.nstart:m.nend] for m in d.mentions)} & set(c.aliases):
                same[ref_of(d)] = ref_of(c)
    nested_names(ents, rel, known)
    parkref = ParkRef(text, ats)
    opener = Topic()
    topic: _At | None = None
    prev_end = 0
    for ss, se in _sentences(text):
        here = _in(ats, ss, se)
        if "\n" in text[prev_end:ss]:
            topic = None  # a back reference holds to the end of its paragraph
        prev_end = se
        topic = back_ref(ss, se) or topic
        first = next((a for a in here if a.type in CONTAINER_TYPES and a.type != "Place"), None)
        head = om.end() if (om := OPENER.match(text, ss)) else ss
        parkref.sentence(here, ss, head)
        refer_back(text, here, ss, se, rel, parkref, enumeration)
        counted_in(text, here, ss, se, rel, parkref, brought_in)
        in_park_verb(text, here, ss, se, rel)
        opener.sentence(text, here, ss, se, rel, lambda a: a.e)
        build_in(text, here, ss, se, rel)
        along(text, here, ss, se, rel, topic)
        for m in SPANS_PLACES.finditer(text, ss, se):
            whole = first if first and first.e <= m.start() else topic
            for part in enumeration(text, here, m.end(), se):
                if whole and part.type == "Place":
                    rel(whole, "locatedIn", part, whole.s if whole.s >= ss else m.start(), part.e, 0.6,
                        f"X{m.group(0)}A、B: X lies in each place")
                elif whole and part.type == "Park" and whole.type in ("Corridor", "Project", "IndustrialBase"):
                    rel(whole, "inPark", part, whole.s if whole.s >= ss else m.start(), part.e, 0.6,
                        f"X{m.group(0)}A、B: X lies partly in the park")
        for m in BRINGS_IN.finditer(text, ss, se):
            park = _ending(here, m.start(), ("Park", "Corridor", "IndustrialBase")) or (
                first if first and first.type in ("Park", "Corridor") and first.e <= m.start() else topic)
            for part in brought_in(text, here, m.end(), se):
                if park and part.type in SITE_TYPES:
                    rel(part, "inPark", park, m.start(), part.e, 0.5, f"P{m.group(0)}A、B: brought into the park")
        for a in here:
            nxt = [b for b in here if b.s in (a.e, a.e + 1) and (b.s == a.e or text[a.e] in "的内")]
            for b in nxt:
                if a.type == "Park" and b.type in SITE_TYPES:
                    rel(b, "inPark", a, a.s, b.e, 0.7, "a park's name just before the name (P + E)")
                elif a.type == "Park" and b.type == "Park":
                    rel(b, "partOf", a, a.s, b.e, 0.6, "a park's name just before a park's name")
                elif a.type == "Place" and b.type in ("Park", "IndustrialBase", "IndustrialCluster", "Project"):
                    rel(b, "locatedIn", a, a.s, b.e, 0.7, "a place's name just before the name")
            if a.type == "Park":
                last_park = a
        for m in re.finditer(r"(?:成功)?(?:落户|入驻|位于|落地|坐落于|坐落在|地处|扎根|建在|选址|进驻|布局)(?:在|于|到)?",
                             text[ss:se]):
            p = m.end() + ss
            park = _at(here, p, ("Park",))
            place = _at(here, p, ("Place",))
            lead = re.sub(r"(?:等|等企业|等项目|等一批企业|等\d+家企业|等[一二三四五六七八九十]+家企业)?"
                          r"(?:已经|已|将|拟|相继|先后|陆续|纷纷|全部|均|也|还|正式|签约|集中)*$", "", text[ss:m.start() + ss])
            subs = _enumeration_before(text, here, ss + len(lead), ss) or [x for x in [
                _ending(here, m.start() + ss, SITE_TYPES) or next(
                    (a for a in reversed(here) if a.e <= m.start() + ss and a.type in SITE_TYPES), None)] if x]
            if not subs and re.search(r"[，,](?:现|目前|均|已|主要|就)?$", lead):  # S于2016年设立，位于P内
                subs = [a for a in here if a.s == head and a.type in SITE_TYPES + ("Park",)][:1]
            if park and re.match(r"内?的", text[park.e:se]) and (x := _at(here, park.e + (
                    2 if text[park.e] == "内" else 1), SITE_TYPES)):
                subs = [x]  # 位于P的X: X is in P
            for who in subs:
                if park and who.type in SITE_TYPES:
                    rel(who, "inPark", park, min(who.s, park.s), max(who.e, park.e), 0.8, f"{m.group(0)}: X {m.group(0)} P")
                elif park and who.type == "Park" and m.group(0).startswith(("位于", "坐落", "地处")):
                    rel(who, "partOf", park, who.s, park.e, 0.7, f"{m.group(0)}: a park {m.group(0)} a park is part of it")
                elif place and who.type in PLACED_TYPES + SITE_TYPES:
                    rel(who, "locatedIn", place, who.s, place.e, 0.7, f"{m.group(0)}: X {m.group(0)} a place")
        for m in HAS_PARTS.finditer(text, ss, se):
            whole = _ending(here, m.start(), CONTAINER_TYPES) or topic or next((  # P位于…，下辖A、B
                a for a in here if a.s == head and a.type in CONTAINER_TYPES and text[m.start() - 1] in "，,"), None)
            if whole is None:
                continue
            for part in enumeration(text, here, m.end(), se):
                if part.type in SITE_TYPES and whole.type == "Park":
                    rel(part, "inPark", whole, whole.s, part.e, 0.6, f"X{m.group(0)}A、B: the names after are in X")
                elif whole.type == "Place" and part.type in PLACED_TYPES:
                    rel(part, "locatedIn", whole, whole.s, part.e, 0.6, f"X{m.group(0)}A、B: in the place X")
                elif part.type in CONTAINER_TYPES + ("Project",) and part.type != "Place":
                    rel(part, "partOf", whole, whole.s, part.e, 0.6, f"X{m.group(0)}A、B: the names after are parts of X")
        for m in re.finditer(r"(?:属于|隶属于?|归属于?|是|为)(?P<whole>.{0,2}?)", text[ss:se]):
            p = m.end() + ss
            whole = _at(here, p, CONTAINER_TYPES)
            sub = _ending(here, m.start() + ss)
            if whole and sub and text[whole.e:whole.e + 3].startswith(("的", "下属", "旗下", "所属", "组成", "之一")):
                prop = "inPark" if whole.type == "Park" and sub.type in SITE_TYPES else "partOf"
                rel(sub, prop, whole, sub.s, whole.e, 0.6, f"X{m.group(0)}Y的…/之一: part of Y")
        for m in re.finditer(r"等?(?:园区|园内|区内)企业", text[ss:se]):
            if last_park is None:
                continue
            for a in here:
                if a.e <= m.start() + ss and a.type == "Enterprise" and m.start() + ss - a.e <= 12:
                    rel(a, "inPark", last_park, a.s, m.end() + ss, 0.5,
                        f"X等园区企业: the park named last before it ({text[last_park.s:last_park.e]})")
        for m in re.finditer(r"(?:是|为|系)(?P<who>.{0,12}?)(?:旗下|的子公司|的全资子公司|控股的?|下属的?)", text[ss:se]):
            sub = _ending(here, m.start() + ss, ORG_TYPES)
            par = next((a for a in here if m.start("who") + ss <= a.s and a.e <= m.end("who") + ss), None)
            if sub and par:
                rel(sub, "parentGroup", par, sub.s, m.end() + ss, 0.7, "X是Y旗下/的子公司 (subsidiary of)")
        for m in re.finditer(r"(?:旗下|控股|下属)的?", text[ss:se]):
            par = _ending(here, m.start() + ss, ORG_TYPES)
            sub = _at(here, m.end() + ss, ORG_TYPES)
            if par and sub:
                rel(sub, "parentGroup", par, par.s, sub.e, 0.7, "Y旗下的X (subsidiary of)")
        chains = [a for a in here if a.type == "IndustrialChain"]
        for m in re.finditer(r"链主(?:企业)?", text[ss:se]):
            firms = [a for a in here if a.type == "Enterprise" and abs(a.s - (m.start() + ss)) <= 20]
            for ch in chains:
                for f in firms:
                    rel(f, "onChain", ch, min(f.s, ch.s, m.start() + ss), max(f.e, ch.e, m.end() + ss), 0.7,
                        "链主: the chain owner of the chain named with it")
        for ch in chains:
            for f in here:
                if f.type == "Enterprise" and 0 <= ch.s - f.e <= 4:
                    rel(f, "onChain", ch, f.s, ch.e, 0.5, "an enterprise just before a chain's name")
        for m in re.finditer(r"(?:主要生产|专业生产|生产|年产|主营|主导产品为|主要产品为|产品有)(?P<what>[^，,。；、]{1,16})",
                             text[ss:se]):
            sub = _ending(here, m.start() + ss, ("Enterprise",))
            if sub is None:
                continue
            what = _at(here, m.start("what") + ss, ("Product",))
            if what:
                rel(sub, "makes", what, sub.s, what.e, 0.7, f"X{m.group(0)[:2]}M: produces")
        for m in re.finditer(r"与(?P<a>.{2,24}?)(?:签约|签订|签署|达成)", text[ss:se]):
            partner = next((a for a in here if m.start("a") + ss <= a.s and a.e <= m.end("a") + ss
                            and a.type in ORG_TYPES), None)
            sub = next((a for a in reversed(here) if a.e <= m.start() + ss and a.type in ORG_TYPES + ("Park",)), None)
            if partner and sub:
                rel(sub, "partner", partner, sub.s, m.end() + ss, 0.6, "X与Y签约: signed with")
        for m in re.finditer(r"(?:投资|出资|投建)(?:建设|兴建|新建)?的?", text[ss:se]):
            inv = _ending(here, m.start() + ss, ("Enterprise",))
            proj = next((a for a in here if a.s >= m.end() + ss and a.type == "Project"
                         and a.s - (m.end() + ss) <= 20), None)
            if inv and proj:
                rel(proj, "byEnterprise", inv, inv.s, proj.e, 0.6, "X投资建设…项目: invests")
    for sub, prop, obj, s, e, conf, why in extra or []:
        rel(sub if isinstance(sub, str) else ref_of(sub), prop, obj if isinstance(obj, str) else ref_of(obj), s, e,
            conf, why)
    for i, r in enumerate(out, 1):
        r.candidate = f"r{i}"
    return out
