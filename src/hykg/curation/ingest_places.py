"""Where things are: names that begin with a place, 以P为主线/依托P, a sentence's place or park carried to its clauses, P打造B.

>>> from .ingest_text import normalise
>>> from .ingest_entities import KnownEntity, find_entities
>>> from .ingest_relations import find_relations
>>> k = [KnownEntity("place/q", "Place", "青山县", ("青山县",)), KnownEntity("park/x", "Park", "青山经开区", ("青山经开区",))]
>>> n = normalise("青山经开区建设顺利。")
>>> [(r.subject, r.property, r.object) for r in find_relations(n, find_entities(n, k), k)]
[('park/x', 'locatedIn', 'place/q')]
"""

from __future__ import annotations

import re
from typing import Any

from .ingest_entities import EntityCandidate, Mention
from .ingest_text import Normalised

#: Types that lie in a place, that may be in a park, and containers a sentence may begin with.
PLACED = ("Park", "IndustrialBase", "IndustrialCluster", "Project", "GovernmentBody", "CharacteristicTown", "Corridor")
SITES = ("Enterprise", "Project", "IndustrialBase")
#: 以P为主线 / 以P为轴 / 依托P: the thing built lies along P.
ALONG = re.compile(r"以(?P<p>[\u4e00-\u9fff]{1,8}?(?:大道|大街|路|街|江|河|湖|线))为(?:主线|轴|主轴|轴线|纽带)")
AROUND = re.compile(r"以(?P<p>\S{2,10}?)为(?:核心|中心|主线|轴|主轴|轴线|纽带|龙头)")
#: Words opening a sentence before its topic (在此之前，衡阳市的…).
OPENER = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,6}(?:之前|以来|以后|期间|目前|当前|同时|此外|近年来|今年|去年)[，,]?)?")
#: What follows these verbs is a title the thing won, not a thing in the place (入选国家创新型产业集群).
TITLE_VERB = re.compile(r"(?:入选|获评|评为|获批|列入|纳入|成为|创建|争创|认定为|命名为)(?:了|为)?"
                        r"(?:全国|全省|全市|国家级?|省级?|市级)?$")
BUILD = re.compile(r"(?:打造|建设|建成|培育|布局|规划建设|新建)(?:了|成)?")


def ref_of(c: EntityCandidate) -> str:
    """The id a relation names for an entity candidate: the known id, else the candidate's own."""
    return c.linked if c.known and c.linked else c.candidate


def new_places(norm: Normalised, ents: list[EntityCandidate]) -> list[EntityCandidate]:
    """Roads and rivers a text builds along (以衡州大道为主线, 以湘江为轴), as Place candidates when not
    named already."""
    have = {c.label for c in ents} | {a for c in ents for a in c.aliases}
    out: dict[str, EntityCandidate] = {}
    for m in ALONG.finditer(norm.text):
        label = m.group("p")
        if label in have:
            continue
        c = out.setdefault(label, EntityCandidate("", label, "Place", [], None, 0.0, 0.6,
                                                  "以P为主线/为轴: the road or river a plan follows"))
        a, b = norm.span(m.start("p"), m.end("p"))
        c.mentions.append(Mention(norm.source[a:b], a, b, m.start("p"), m.end("p")))
    return list(out.values())


def _stems(places: dict[str, str]) -> dict[str, str]:
    """Place names and their stems without the 县/市/区 ending (衡东县 -> 衡东), longest first."""
    out = dict(places)
    for name, ref in places.items():
        stem = re.sub(r"(?:自治县|县|市|区|镇|乡)$", "", name)
        if len(stem) >= 2 and stem != name:
            out.setdefault(stem, ref)
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


def place_prefix(ents: list[EntityCandidate], places: dict[str, str], rel: Any, same: dict[str, str]) -> None:
    """A name that begins with a place's name lies there (衡阳市钟表产业集群 -> 衡阳市; 常宁水口山经开区 ->
    常宁市 and 水口山; 衡东经开区 -> 衡东县); one that is a place and another name (衡阳松木经开区) is that
    name (``same``); a park whose name begins with a firm's name (富士康…园区) has that firm in it."""
    stems = _stems(places)
    by_label = {c.label: c for c in ents if c.mentions}
    firms = sorted(((c.label, ref_of(c)) for c in ents if c.type == "Enterprise" and len(c.label) >= 2),
                   key=lambda x: -len(x[0]))
    for c in ents:
        if c.type not in PLACED + ("Place",) or not c.mentions:
            continue
        m = c.mentions[0]
        rest, got = c.label, 0
        names = places if c.type == "Place" else stems  # 蒸湘南路 is no part of 蒸湘区
        while got < 2:
            name = next((n for n in names if rest.startswith(n) and len(rest) > len(n) + 1), None)
            if name is None:
                break
            rest = rest[len(name):]
            short = by_label.get(rest)
            if short is not None and short is not c and short.type == c.type and any(
                    not any(x.nstart <= y.nstart < x.nend for x in c.mentions) for y in short.mentions):
                same[ref_of(c)] = ref_of(short)  # the text names it without the place too
            rel(ref_of(c), "locatedIn", names[name], m.nstart, m.nend, 0.6,
                "the name begins with a place's name (P…): located in P")
            got += 1
        if c.type == "Park":
            firm = next((f for f in firms if c.label.startswith(f[0]) and len(c.label) > len(f[0]) + 2), None)
            if firm:
                rel(firm[1], "inPark", ref_of(c), m.nstart, m.nend, 0.5, "a park named after a firm (E…园区): E is in it")


#: What a body's office or committee adds to the body's name (市政协 + 提案委, 市政府 + 办公室).
UNIT_TAIL = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:委员会|办公室|提案委|委|办|部|科|处|股|室|局|中心|所|队|站|组)")
#: What a park inside a park adds to its name (…开发区 + 化工园区, …高新区 + 光电产业园).
PARK_TAIL = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:园区|产业园|工业园|科技园|园|片区|基地|组团)")
#: What a project or base in a park adds to the park's name (衡山科学城 + 信息技术产业园, 综保区 + 物流中心).
SITE_TAIL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,20}")


def nested_names(ents: list[EntityCandidate], rel: Any, known: list[Any] | None = None) -> None:
    """A name that is another name and a unit's or park's word is part of it: 市政协提案委 of 市政协,
    湘潭某开发区化工园区 of 湘潭某开发区; a project or base named after a park is in it (某科学城信息技术产业园);
    the body or the park a candidate of the text or a known one."""
    def names(c: EntityCandidate) -> set[str]:
        return {c.label, *c.aliases, *(m.span for m in c.mentions)}

    wholes = [(ref_of(d), d.type, d.label, names(d)) for d in ents]
    wholes += [(k.id, k.type, k.label, set(k.names)) for k in known or [] if k.type in ("GovernmentBody", "Park")]
    for c in ents:
        tail = UNIT_TAIL if c.type == "GovernmentBody" else PARK_TAIL if c.type == "Park" else SITE_TAIL
        if c.type not in ("GovernmentBody", "Park", "Project", "IndustrialBase") or not c.mentions:
            continue
        for ref, typ, label, ns in wholes:
            if typ != ("GovernmentBody" if c.type == "GovernmentBody" else "Park") or ref == ref_of(c):
                continue
            if any(n.startswith(w) and len(w) >= 2 and tail.fullmatch(n[len(w):]) for n in names(c) for w in ns):
                m = c.mentions[0]
                prop = "partOf" if c.type in ("GovernmentBody", "Park") else "inPark"
                kind = {"GovernmentBody": "unit's word: part of it", "Park": "park's word: part of it"}
                rel(ref_of(c), prop, ref, m.nstart, m.nend, 0.6,
                    f"the name is {label}'s and a {kind.get(c.type, 'site: in the park')}")
                break


def brought_in(text: str, ats: list[Any], pos: int, end: int) -> list[Any]:
    """The firms and projects listed after 引进/集聚… from ``pos`` (A、B、C等企业), stepping over items
    that are no names (the text's names it did not find)."""
    out = []
    while pos < end:
        a = next((b for b in ats if b.s == pos), None)
        if a is not None:
            out.append(a)
            pos = a.e
        else:
            m = re.match(r"[\u4e00-\u9fffA-Za-z0-9]{2,8}(?=、|，|,|以及|和|及|与|等)", text[pos:end])
            if not m:
                break
            pos += m.end()
        j = re.match(r"、|以及|和|及|与", text[pos:end])
        if not j:
            break
        pos += j.end()
    return out


class Topic:
    """The place or park a sentence opens with, carried to its clauses and to a 如/例如 sentence after it."""

    def __init__(self) -> None:
        self.prev: Any = None

    def sentence(self, text: str, here: list[Any], ss: int, se: int, rel: Any, quote_end: Any) -> None:
        head = m.end() if (m := OPENER.match(text, ss)) else ss
        carried = re.match(r"(?:如|例如|比如|譬如)[，,:：]", text[head:se])
        top = next((a for a in here if a.s == head and a.type in ("Place", "Park")), None)
        if carried:
            top = self.prev
        self.prev = top if top is not None else (self.prev if carried else None)
        if top is None:
            return
        taken: set[int] = set()
        for a in here:
            if a.s < (head if carried else top.e) or a is top or a.ref == top.ref:
                continue
            if any(b.type in ("Place", "Park") and top.e <= b.s < a.s and b.ref != top.ref for b in here) \
                    or TITLE_VERB.search(text[max(ss, a.s - 8):a.s]):
                continue  # another place or park named first, or a title won (入选…集群)
            if not (carried or a.s == top.e or text[top.e:a.s] == "的" or text[a.s - 1] in "，,"
                    or (text[a.s - 1] in "和、及" and a.s - 1 in taken)):
                continue  # only what opens a clause (P的A入选…，B入选…) or follows one of them (A和B)
            if top.type == "Place" and a.type in PLACED and a.type != "GovernmentBody":
                taken.add(a.e)
                rel(a, "locatedIn", top, ss, quote_end(a), 0.5,
                    "the place the sentence opens with (P的A…，B…): A and B lie in P")
            elif top.type == "Park" and a.type in SITES and (carried or a.type != "Enterprise"
                                                               or re.search(r"企业|入驻|落户|园区", text[ss:se])):
                taken.add(a.e)
                rel(a, "inPark", top, ss, quote_end(a), 0.5,
                    "the park the sentence (or the one it gives an example of) opens with")


def build_in(text: str, here: list[Any], ss: int, se: int, rel: Any) -> None:
    """P打造B / 在P建设B / P、Q打造B / P…，打造B: what a park builds is in it (a park in a park: part of it)."""
    head = m.end() if (m := OPENER.match(text, ss)) else ss
    opening = next((a for a in here if a.s == head), None)
    if opening is not None and not re.match(r"[^，,]{0,12}?(?:依靠|依托|利用|通过|发挥|坚持)", text[opening.e:se]):
        opening = None  # only a park that is the subject of the clauses (P依靠…，打造B)
    for m in BUILD.finditer(text, ss, se):
        cl = max(text.rfind(x, ss, m.start()) for x in "，,；;")  # the clause the verb is in
        cl = ss if cl < ss else cl + 1
        before = text[cl:m.start()]
        parks: list[Any] = []
        inside = cl + len(before) - len(re.sub(r"^(?:支持|推动|加快|鼓励|在)", "", before))
        while True:
            a = next((b for b in here if b.s == inside and b.type == "Park"), None)
            if a is None:
                break
            parks.append(a)
            j = re.match(r"、|和|及|与", text[a.e:m.start()])
            if not j:
                break
            inside = a.e + j.end()
        if not parks and cl > ss and opening is not None and opening.type == "Park" and opening.e <= cl:
            parks = [opening]  # 松木经开区依靠…资源，打造B: the park the sentence opens with builds B
        elif not parks or not re.fullmatch(r"(?:内|中|里)?(?:全力|加快|重点|大力|着力)?", text[parks[-1].e:m.start()]):
            continue
        stop = re.search(r"[，,；;。]", text[m.end():se])
        end = m.end() + stop.start() if stop else se
        objs = [b for b in here if m.end() <= b.s and b.e <= end and b.type in ("Park",) + SITES]
        for p in parks:
            for b in objs:
                if b.type == "Park":
                    rel(b, "partOf", p, p.s, b.e, 0.5, f"P{m.group(0)}B: a park the park builds is part of it")
                else:
                    rel(b, "inPark", p, p.s, b.e, 0.5, f"P{m.group(0)}B: what the park builds is in it")


def along(text: str, here: list[Any], ss: int, se: int, rel: Any, topic: Any) -> None:
    """以P为主线…打造X / X依托P / 该X以P为核心: X lies along or in the place P."""
    for m in AROUND.finditer(text, ss, se):
        p = next((a for a in here if a.s == m.start("p") and a.e == m.end("p") and a.type == "Place"), None)
        if p is None:
            continue
        stop = re.search(r"[；;。]|以[^，,；;。]{2,10}?为(?:主线|轴|核心|中心)", text[m.end():se])
        end = m.end() + stop.start() if stop else se
        built = [a for a in here if m.end() < a.s and a.e <= end and a.type in PLACED
                 and BUILD.search(text[max(m.end(), a.s - 4):a.s])]
        subs = built or ([topic] if topic is not None and topic.type in PLACED else [])
        for x in subs:
            rel(x, "locatedIn", p, min(x.s, m.start()), max(x.e, m.end()), 0.5,
                f"以P为{text[m.end('p') + 1:m.end()]}: X lies along or in P")
    for m in re.finditer(r"依托|沿(?:着)?", text[ss:se]):
        x = next((a for a in reversed(here) if a.e == m.start() + ss and a.type in ("Corridor", "Park")), None)
        p = next((a for a in here if a.s == m.end() + ss and a.type == "Place"), None)
        if x and p and re.match(r"[，,。；;]|$", text[p.e:p.e + 1]):  # 依托湘江航道优势: not the place itself
            rel(x, "locatedIn", p, x.s, p.e, 0.5, f"X{m.group(0)}P: the corridor or park lies along P")


#: P + A、B、C…产业园: items sharing the park before them and the head noun of the last (高新区软件、人工智能产业园).
PARK_HEADS = ("产业园", "科技园", "工业园", "文创园", "生态园", "物流园", "示范园", "基地", "小镇")


def park_items(norm: Normalised, ents: list[EntityCandidate]) -> Any:
    """The items of ``P A、B和C产业园`` named in full (P A产业园 ...), each in the park P; projects when the
    sentence calls them 项目."""
    from .ingest_programmes import Programmes

    text = norm.text
    out = Programmes()
    parks = [(m, c) for c in ents if c.type == "Park" for m in c.mentions]
    labels = {c.label: c for c in ents}
    for m, park in parks:
        word = r"(?:(?![及和与的等])[\u4e00-\u9fffA-Za-z0-9])"
        mm = re.match(rf"(?P<mods>{word}{{2,6}}(?:、{word}{{2,6}})+)、(?P<last>{word}{{2,16}}?(?P<head>"
                      + "|".join(PARK_HEADS) + "))", text[m.nend:])
        if not mm or any(re.search(r"(?:中心|园|区|基地|公司|集团|项目|物流|小镇)$", x)
                         for x in mm.group("mods").split("、")):
            continue  # 综保区物流中心、雁城物流园: names of their own, no shared head
        stop = re.search(r"[。；;]", text[m.nend:])
        sentence = text[m.nend:m.nend + (stop.start() if stop else len(text))]
        typ = "Project" if "项目" in sentence else "Park"
        ptext = text[m.nstart:m.nend]
        items = [(x.start(), x.end()) for x in re.finditer(r"[^、]+", mm.group("mods"))]
        items.append((mm.start("last"), mm.end("last")))
        for a, z in items:
            name = text[m.nend + a:m.nend + z]
            label = ptext + name + ("" if name.endswith(mm.group("head")) else mm.group("head"))
            if label in labels:
                continue
            c = EntityCandidate("", label, typ, [], None, 0.0, 0.5,
                                f"an item of {ptext}A、B…{mm.group('head')}: the park and head noun shared")
            s, e = m.nend + a, m.nend + z
            x, y = norm.span(s, e)
            c.mentions.append(Mention(norm.source[x:y], x, y, s, e))
            labels[label] = c
            out.entities.append(c)
            out.relations.append((c, "inPark" if typ == "Project" else "partOf", park, m.nstart, e, 0.5,
                                  f"{ptext}A、B…{mm.group('head')}: each item is in the park named before"))
    return out


#: A和B产业集群: two names sharing the head noun (智能视听产品和钢管深加工产业集群); 与 and 及 join the
#: fields of one name (有色金属与合金新材料产业基地, 无缝钢管及深加工产业基地).
SHARED_AND = re.compile(r"(?P<a>(?:(?![的和与及、，,])[\u4e00-\u9fff]){4,8})和"
                        r"(?P<b>(?:(?![的和与及、，,])[\u4e00-\u9fff]){4,8}?)"
                        r"(?P<head>产业集群|集群|产业基地|基地|产业园|特色小镇|小镇)$")


def shared_and(norm: Normalised, ents: list[EntityCandidate]) -> list[EntityCandidate]:
    """Both names of ``A和B产业集群`` as candidates (A产业集群, B产业集群): from the joined form when that was
    found, else from a ``B产业集群`` the text writes right after ``A和``."""
    have = {c.label for c in ents}
    out: list[EntityCandidate] = []
    text = norm.text
    for c in ents:
        if c.type not in ("IndustrialCluster", "IndustrialBase", "Park", "CharacteristicTown") or c.linked:
            continue
        m, shift = SHARED_AND.fullmatch(c.label), 0
        if m is None:  # B产业集群 found alone: A和 before it?
            for mm in c.mentions:
                before = re.search(r"((?:(?![的和与及、，,])[\u4e00-\u9fff]){4,8})和$", text[max(0, mm.nstart - 9):mm.nstart])
                if before and (m := SHARED_AND.fullmatch(before.group(1) + "和" + c.label)):
                    shift = len(before.group(1)) + 1
                    break
        if m is None:
            continue
        for part in ("a", "b"):
            label = m.group(part) + m.group("head")
            if label in have:
                continue
            have.add(label)
            new = EntityCandidate("", label, c.type, [], None, 0.0, 0.4,
                                  f"one of {m.group(0)} (A和B with the head noun shared)")
            for mm in c.mentions:
                base = mm.nstart - shift
                if text[base:base + len(m.group(0))] != m.group(0):
                    continue
                s, e = base + m.start(part), base + (m.end("a") if part == "a" else m.end("head"))
                x, y = norm.span(s, e)
                new.mentions.append(Mention(norm.source[x:y], x, y, s, e))
            if new.mentions:
                out.append(new)
    return out
