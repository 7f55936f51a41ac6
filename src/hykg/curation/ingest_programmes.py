"""Counted programmes (四大目标, “五制一平台”, 一轴三廊), their members and the policies that state them.

A counted programme is named by numbers (N大X, “五单一图谱”, “六个一”); its members follow as ordinal
headings (目标一：…, ——打造…), as an explanation (“P”即A、B和C) or before it (“A、B”的“P”). Each member
is part of the programme; a programme a policy (《…意见》) states is part of that policy; what a member's
section names as its own scheme (“X”行动, …计划, 一批A、B…特色小镇) is part of the member.

>>> from .ingest_text import normalise
>>> n = normalise("我市推行“三单一平台”，即任务清单、责任清单、问题清单和调度平台。")
>>> p = find_programmes(n, [], [])
>>> [(e.label, e.type) for e in p.entities][:2]
[('三单一平台', 'Mechanism'), ('任务清单', 'Mechanism')]
>>> [(s.label, o.label) for s, prop, o, *_ in p.relations][-1]
('调度平台', '三单一平台')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .ingest_entities import EntityCandidate, KnownEntity, Mention
from .ingest_text import Normalised, normalise

NUM = "一二三四五六七八九十两"
NUM_VALUE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
#: The noun a counted name ends in (八大产业基地, 五大发展布局, 四大目标).
KIND_NOUN = "目标|工程|布局|产业基地|基地|行动|任务|举措|战略|板块|计划|体系|平台|中心|小镇|走廊|集群|机制|专项|攻坚"
COUNTED = re.compile(rf"(?<![{NUM}])[{NUM}]大[\u4e00-\u9fff]{{0,4}}?(?:{KIND_NOUN})")
#: A quoted code of counts: “五制一平台”, “六个一”, “一轴三廊”, “两网两图两库两池两报告”.
CODE = re.compile(rf"“(?P<code>[{NUM}](?:个一|[\u4e00-\u9fff]{{1,3}}?)(?:[{NUM}][\u4e00-\u9fff]{{1,3}}?)*)”")
#: Ordinal member headings: 目标一：…, 工程二:…, （三）…, ——打造….
ORDINAL = re.compile(rf"^[#\s*]*(?:(?P<kw>(?:(?![{NUM}])[\u4e00-\u9fff]){{1,2}}|[（(])(?P<ord>[{NUM}]+)[)）]?|\d{{1,2}}(?=[.．、]))"
                     rf"\s*[:：、.．]?\s*(?P<name>.+)$")
DASH = re.compile(r"^[#\s*]*——\s*(?P<name>[^。！？\n*]{2,40})")
NOT_NOUN = re.compile(r"^(?:以|支持|推动|加快|加强|发挥|坚持|围绕|通过|按照|力争|确保)")
#: A heading line: markdown (### …) or a short numbered line (二、五大发展布局).
HEADING = re.compile(rf"^(?:#{{1,3}}\s|[{NUM}]+[、.．]\s*[^。！？；\n]{{2,30}}$)")
LEAD_VERB = re.compile(r"^(?:着力|加快|全力|大力|重点|深入)?(?:实施|打造|建设|建成|推进|构建|培育|发展)")
POLICY = re.compile(r"《(?P<title>[^《》\n]{4,60}?(?:实施意见|意见|方案|规划|纲要|办法|通知|决定|条例|计划|措施|细则))》"
                    r"(?:[（(](?:以下简称|下称|简称)[《“]?(?P<short>[\u4e00-\u9fff]{2,8})[》”]?[）)])?")
#: Schemes a section names: [prefix]“Q”[tail noun] after a verb (推进工业企业“原地倍增”计划).
SCHEME = re.compile(r"(?:实施|推进|开展|推行|启动|建立健全|健全完善|建立|健全|推广|落实|(?<=”)和|(?<=”)、)"
                    r"(?P<name>[\u4e00-\u9fff]{0,6}“[^”“]{2,16}”(?:[\u4e00-\u9fff]{0,12}?(?:行动计划|行动|计划|战略|工程"
                    r"|机制|模式|制度))?)")
#: Instruments a section sets up: 建立全市统一的招商信息共享平台, 探索设立场景应用基金, 完善A、B和C基金体系.
INSTRUMENT = re.compile(r"(?P<verb>建立健全|建立|设立|构建|搭建|完善|组建)(?P<name>(?:(?!建立|设立|构建|完善)[^，,。；;：:“”\n]){3,28}?"
                        r"(?:平台|基金|体系|机制|制度))(?=[，,。；;]|$)")
#: 打造A、B、C等一批…特色小镇: members named by a shared head noun.
HEADS = ("特色产业小镇", "特色小镇", "小镇", "产业园", "产业基地", "基地", "示范园")
SHARED = re.compile(r"(?:打造|建设|建成|培育|创建)(?P<mods>[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,6}){2,})"
                    r"等(?P<rest>[^。；;]{0,40}?)(?P<head>" + "|".join(HEADS) + ")")


@dataclass
class _Prog:
    """A counted name in the text; ``owns``: whether ordinal headings after it may be its members."""

    s: int
    e: int
    name: str
    owns: bool
    made: Any = None

    def entity(self, b: _Builder) -> Any:
        if self.made is None:
            self.made = b.entity(self.name, kind_of(self.name)[0], self.s, self.e, 0.6,
                                 "a counted programme (N大X, a quoted code) with members")
        return self.made


@dataclass
class Programmes:
    """New entity candidates (programmes, members, policies) and relations between candidates or known ids:
    (subject, property, object, start, end, confidence, why) with normalised offsets."""

    entities: list[EntityCandidate] = field(default_factory=list)
    relations: list[tuple[Any, str, Any, int, int, float, str]] = field(default_factory=list)


def count_of(code: str) -> int | None:
    """The number of members a counted name announces.

    >>> count_of("五制一平台"), count_of("六个一"), count_of("一轴三廊"), count_of("八大工程"), count_of("双创")
    (6, 6, 4, 8, None)
    """
    if m := re.match(rf"([{NUM}])大", code):
        return NUM_VALUE[m.group(1)]
    if m := re.fullmatch(rf"([{NUM}])个一", code):
        return NUM_VALUE[m.group(1)]
    nums = [NUM_VALUE[c] for c in re.findall(rf"(?:^|(?<=[\u4e00-\u9fff]))([{NUM}])", code) if c in NUM_VALUE]
    return sum(nums) if nums and code[0] in NUM_VALUE else None


def kind_of(name: str) -> tuple[str, str]:
    """The type of a counted programme and of its members, from the name's noun.

    >>> kind_of("四大目标"), kind_of("八大工程"), kind_of("一轴三廊"), kind_of("五单一图谱")
    (('Goal', 'Goal'), ('Goal', 'Programme'), ('Layout', 'Corridor'), ('Mechanism', 'Mechanism'))
    """
    if name.endswith("目标"):
        return "Goal", "Goal"
    if name.endswith(("工程", "行动", "计划", "战略", "专项", "任务", "举措", "攻坚")):
        return "Goal", "Programme"
    if name.endswith("基地"):
        return "Goal", "IndustrialBase"
    if name.endswith("小镇"):
        return "Layout", "CharacteristicTown"
    if re.search("[轴廊]", name) or name.endswith("走廊"):
        return "Layout", "Corridor"
    if name.endswith(("布局", "板块")):
        return "Layout", "Layout"
    return "Mechanism", "Mechanism"


def member_type(label: str, default: str) -> str:
    """A member's type from its own ending when it says one (…走廊, …基地, …小镇)."""
    for end, typ in (("走廊", "Corridor"), ("产业轴", "Corridor"), ("基地", "IndustrialBase"),
                     ("小镇", "CharacteristicTown"), ("工程", "Programme")):
        if label.endswith(end):
            return typ
    return default


def _items(raw: str) -> list[tuple[int, int]]:
    """The items of an enumeration ``A、B和C`` as offsets in ``raw``."""
    out, pos = [], 0
    for m in re.finditer(r"、|，|,|以及|和|及|与", raw):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(raw)))
    return [(a, b) for a, b in out if b - a >= 2]


class _Builder:
    """Candidates reused by label or known name; relations collected with their spans."""

    def __init__(self, norm: Normalised, ents: list[EntityCandidate], known: list[KnownEntity]) -> None:
        self.norm = norm
        self.by_label: dict[str, EntityCandidate] = {}
        for c in ents:
            self.by_label.setdefault(c.label, c)
            for a in c.aliases:
                self.by_label.setdefault(a, c)
        self.known = {normalise(n).text: k.id for k in known for n in k.names}
        self.out = Programmes()
        self.seen: set[tuple[int, str, int]] = set()

    def entity(self, label: str, typ: str, s: int, e: int, conf: float, why: str) -> Any:
        label = label.strip("* ")
        if label.startswith("“") and label.endswith("”") and label.count("“") == 1:
            label = label[1:-1]
        if len(label) < 2 or label.count("“") != label.count("”"):
            return None
        if label in self.by_label:
            c = self.by_label[label]
        elif label.strip("“”") in self.known:
            return self.known[label.strip("“”")]
        else:
            c = EntityCandidate("", label, typ, [], None, 0.0, conf, why)
            self.by_label[label] = c
            self.out.entities.append(c)
        if all(m.nstart != s for m in c.mentions):
            a, b = self.norm.span(s, e)
            c.mentions.append(Mention(self.norm.source[a:b], a, b, s, e))
        return c

    def rel(self, sub: Any, prop: str, obj: Any, s: int, e: int, conf: float, why: str) -> None:
        if sub is None or obj is None or sub is obj or (id(sub), prop, id(obj)) in self.seen:
            return
        self.seen.add((id(sub), prop, id(obj)))
        self.out.relations.append((sub, prop, obj, s, e, conf, why))


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _clean(name: str) -> str:
    name = re.sub(r"[。！？!?]?\**\s*$", "", name.strip()).strip("*")
    return LEAD_VERB.sub("", name) if LEAD_VERB.sub("", name) and len(LEAD_VERB.sub("", name)) >= 4 else name


def find_programmes(norm: Normalised, ents: list[EntityCandidate], known: list[KnownEntity]) -> Programmes:
    """The counted programmes of a text, their members, the policies stating them and the schemes of
    each member's section (see the module docstring)."""
    text = norm.text
    b = _Builder(norm, ents, known)
    progs: list[_Prog] = [_Prog(m.start(), m.end(), m.group(0), True) for m in COUNTED.finditer(text)]
    for m in CODE.finditer(text):
        code = m.group("code")
        n = count_of(code)
        if n is not None:
            progs.append(_Prog(m.start("code"), m.end("code"), code, n >= 3))
    names = {p.name for p in progs}
    progs = [p for p in progs if not any(p.name != o and p.name in o for o in names)]  # “一轴” of 一轴三廊
    progs = sorted({p.s: p for p in reversed(progs)}.values(), key=lambda x: x.s)  # “五大行动”: once
    members: dict[str, list[Any]] = {}

    def add_members(p: _Prog, found: list[tuple[str, int, int]], why: str) -> list[Any]:
        conf, note = 0.7, ""
        mtype = kind_of(p.name)[1]
        obj = p.entity(b)
        out = []
        for label, s, e in found:
            c = b.entity(label, member_type(label, mtype), s, e, conf, f"a member of {p.name}: {why}{note}")
            b.rel(c, "partOf", obj, s, e, conf, f"a member of {p.name}: {why}{note}")
            out.append(c)
        members.setdefault(p.name, []).extend(out)
        return out

    # explanations: “P”即A、B和C / “P”：A、B / “A、B”的“P”
    for p in progs:
        s, e = p.s, p.e
        after = re.match(r"[”]?\s*[,，]?\s*(?:即|也?就是|分别是|分别为|(?:主要|具体)?包括|[:：])(?P<list>[^。；;\n]+)", text[e:])
        before = re.search(r"“(?P<list>[^“”]{4,80})”的“$", text[max(0, s - 90):s])
        raw, base = "", 0
        if after and "、" in after.group("list"):
            raw = re.split(r"[,，]", after.group("list"))[0]
            base = e + after.start("list")
        elif before:
            raw = before.group("list")
            base = max(0, s - 90) + before.start("list")
        found = [(raw[a:z], base + a, base + z) for a, z in _items(raw)]
        if len(found) >= 2 and all(len(x) <= 20 and not NOT_NOUN.match(x) for x, _s, _e in found):
            add_members(p, found, "listed after 即" if after else "listed before it (“A、B”的“P”)")
    # 重点抓好“三大任务”：一是X；二是Y；三是Z (in the paragraph, right after the programme)
    for p in progs:
        para_end = text.find("\n", p.e) if "\n" in text[p.e:] else len(text)
        lead = re.match(r"[”]?[^。\n]{0,12}?[:：，,。]\s*", text[p.e:para_end])
        if not p.owns or p.name in members or not lead or not text.startswith("一是", p.e + lead.end()):
            continue
        found = [(t.group("x"), t.start("x"), t.end("x")) for t in re.finditer(
            rf"(?:^|(?<=[。；;，,\s]))[{NUM}]是(?P<x>[^，,。；;]{{2,20}})", text[p.e + lead.end():para_end])]
        found = [(c, p.e + lead.end() + z - len(c), p.e + lead.end() + z) for x, a, z in found
                 if not NOT_NOUN.match(x) and (c := _clean(x)) and x.endswith(c)]  # 一是实施A工程: A工程
        if len(found) >= 2:
            add_members(p, found, "一是…二是… after it")
    # parts of a code explained one by one: “一轴”即…打造X。“三廊”即…打造“Y”；…打造“Z”
    for p in progs:
        parts = re.findall(rf"[{NUM}][\u4e00-\u9fff]{{1,3}}?(?=[{NUM}]|$)", p.name)
        if len(parts) < 2 or p.name in members:
            continue
        found = []
        for part in parts:
            pm = re.compile(rf"“{part}”即").search(text, p.e)
            if not pm:
                continue
            end = text.find("\n", pm.end())
            nxt = [text.find(f"“{q}”即", pm.end()) for q in parts if q != part]
            end = min([x for x in nxt + [end] if x > 0] or [len(text)])
            built = [(t.group("x"), pm.end() + t.start("x"), pm.end() + t.end("x")) for t in re.finditer(
                r"(?:打造|建设|形成)“?(?P<x>[^“”。；;，,]{2,16}?)”?(?=[。；;，,]|$)", text[pm.end():end])]
            if not built:  # “两翼”即天易片区和昭山片区: the names the part is
                raw = re.split(r"[。；;，,…]", text[pm.end():end])[0]
                built = [(raw[a:z], pm.end() + a, pm.end() + z) for a, z in _items(raw)
                         if len(raw[a:z]) <= 12 and not NOT_NOUN.match(raw[a:z]) and not LEAD_VERB.match(raw[a:z])]
            found.extend(built)
        if len(found) >= 2:
            add_members(p, found, "named in the explanation of each part (“一轴”即…)")
    # ordinal headings and —— lines: members of the programme named last before them whose noun the
    # heading repeats (工程一 -> 八大工程), or, for —— and （一）, of the one the run of such lines began after
    sections: list[tuple[int, int, Any]] = []
    owner: dict[str, _Prog] = {}
    seen_progs: list[_Prog] = []
    heading = 0  # where the section of the current heading begins
    for ls, le in _lines(text):
        line = text[ls:le]
        om = ORDINAL.match(line)
        dm = DASH.match(line)
        kw = ((om.group("kw") or "（") if om else "——") if (om or dm) else ""  # 1. A: as （一）A
        target = None
        if om and kw not in "（(":
            target = next((x for x in reversed(seen_progs) if x.name.endswith(kw)), None)
        elif kw:
            last = seen_progs[-1] if seen_progs else None
            target = owner.get(kw) or (last if last and last.s >= heading and ls - last.e <= 300 else None)
        if target:
            label = _clean(re.split(r"[。；;]", om.group("name") if om else dm.group("name") if dm else "")[0])
            off = line.find(label)
            if off >= 0 and 2 <= len(label) <= 40:
                got = add_members(target, [(label, ls + off, ls + off + len(label))],
                                  "an ordinal heading after it")
                owner[kw] = target
                if sections and sections[-1][1] == len(text):
                    sections[-1] = (sections[-1][0], ls, sections[-1][2])
                sections.append((ls + off + len(label), len(text), got[0]))
                for p in progs:  # 布局二：以“一轴三廊”产业集聚区为先导: the programme named is part of the member
                    if ls + off <= p.s < ls + off + len(label) and p.name in members:
                        b.rel(p.entity(b), "partOf", got[0], p.s, p.e, 0.6, "a programme named in a member's heading")
                continue
        if HEADING.match(line):
            owner.clear()
            heading = ls
            if sections and sections[-1][1] == len(text):
                sections[-1] = (sections[-1][0], ls, sections[-1][2])
        seen_progs.extend(x for x in progs if ls <= x.s < le and x.owns)
    _recount(b, progs, members)
    _under_goal(text, b, progs, ents, known)
    _sections(text, b, sections, progs)
    _policies(text, b, progs, members)
    return b.out


#: 以建设G为主抓手，实施“P”: the programmes the sentence names after it serve the goal G.
UNDER = re.compile(r"以(?:加快|全面|大力)?(?:建设|打造|建成)?(?P<g>[\u4e00-\u9fff“”]{2,16}?)为(?:主抓手|抓手|统揽|总揽|牵引)[，,]")


def _under_goal(text: str, b: _Builder, progs: list[_Prog], ents: list[EntityCandidate],
                known: list[KnownEntity]) -> None:
    """以G为主抓手，着力实施“八大工程”: each counted programme after it in the sentence is part of the goal G."""
    goals: dict[str, Any] = {normalise(n).text: k.id for k in known if k.type == "Goal" for n in k.names}
    goals |= {c.label: c for c in ents + b.out.entities if c.type == "Goal" and not c.known}
    for m in UNDER.finditer(text):
        g = goals.get(m.group("g"))
        if g is None:
            continue
        stop = re.search(r"[。；;]", text[m.end():])
        end = m.end() + (stop.start() if stop else len(text) - m.end())
        for p in progs:
            if m.end() <= p.s < end and p.s - m.end() <= 40 and p.name != m.group("g"):
                b.rel(p.entity(b), "partOf", g, m.start(), p.e, 0.5, "以G为主抓手，实施P: the programme serves the goal")


def _recount(b: _Builder, progs: list[_Prog], members: dict[str, list[Any]]) -> None:
    """Member confidence from the count the name announces: 0.7 when as many members were found, else 0.5."""
    for p in progs:
        n, total = count_of(p.name), len(members.get(p.name, []))
        if p.made is None or n is None:
            continue
        conf = 0.7 if n == total else 0.5
        note = "" if n == total else f" ({total} found, the name says {n})"
        for i, (sub, prop, obj, s, e, _c, why) in enumerate(b.out.relations):
            if obj is p.made and why.startswith(f"a member of {p.name}:"):
                b.out.relations[i] = (sub, prop, obj, s, e, conf, why + note)
                if isinstance(sub, EntityCandidate) and sub.candidate == "" and sub.why.startswith("a member"):
                    sub.confidence = conf


def _sections(text: str, b: _Builder, sections: list[tuple[int, int, Any]], progs: list[_Prog]) -> None:
    """What a member's section names as its schemes (“X”行动, …计划, 一批A、B…小镇) is part of the member."""
    prog_at = {p.s for p in progs if p.made is not None}
    for body, e, member in sections:
        for m in SCHEME.finditer(text, body, e):
            name, ns, ne = m.group("name"), m.start("name"), m.end("name")
            if re.search(r"[和、]“", name) or any(ns <= x < ne for x in prog_at):
                continue
            q = re.search(r"“([^”]+)”", name)
            if q and (q.group(1) in b.known or q.group(1) in b.by_label):
                name, ns, ne = q.group(1), ns + q.start(1), ns + q.end(1)
            typ = "Mechanism" if name.endswith(("机制", "模式", "制度")) else "Programme"
            c = b.entity(name, typ, ns, ne, 0.5, "a quoted scheme named after a verb (实施“X”行动)")
            b.rel(c, "partOf", member, ns, ne, 0.5, "a scheme named in the section of a programme's member")
        for m in INSTRUMENT.finditer(text, body, e):
            c = b.entity(m.group("name"), "Mechanism", m.start("name"), m.end("name"), 0.5,
                         f"an instrument set up after {m.group('verb')} (…平台/基金/体系/机制)")
            b.rel(c, "partOf", member, m.start("name"), m.end("name"), 0.5,
                  "an instrument set up in the section of a programme's member")
        for m in re.finditer(r"(?:打造|建设|建成)“(?P<name>[^“”]{3,12})”", text[body:e]):
            ns, ne = body + m.start("name"), body + m.end("name")
            if any(ns <= x < ne for x in prog_at):
                continue
            c = b.entity(m.group("name"), member_type(m.group("name"), "Goal"), ns, ne, 0.5, "a quoted aim after 打造")
            b.rel(c, "partOf", member, ns, ne, 0.5, "an aim (打造“X”) in the section of a programme's member")
        for m in SHARED.finditer(text, body, e):
            head = m.group("head")
            full = next((h for h in HEADS if (m.group("rest") + head).endswith(h)), head)
            base = m.start("mods")
            for a, z in _items(m.group("mods")):
                c = b.entity(m.group("mods")[a:z] + full, member_type(full, "Project"), base + a, base + z, 0.5,
                             f"an item of 打造A、B等…{full} (the head noun shared)")
                b.rel(c, "partOf", member, base + a, m.end(), 0.5, "built in the section of a programme's member")
        for c in list(b.by_label.values()):
            if isinstance(c, EntityCandidate) and c.type in ("Programme", "Mechanism") and c.mentions \
                    and body <= c.mentions[0].nstart < e and c is not member and c.mentions[0].nstart not in prog_at:
                b.rel(c, "partOf", member, c.mentions[0].nstart, c.mentions[0].nend, 0.5,
                      "a programme first named in the section of a programme's member")


def _policies(text: str, b: _Builder, progs: list[_Prog], members: dict[str, list[Any]]) -> None:
    """Policies named in 《》; a programme the policy states (《P》提出/明确了…“X”) is part of it, and so
    is, in a text explaining one policy (以下简称), a counted programme in a heading, with its members."""
    main = None
    for m in POLICY.finditer(text):
        pol = b.entity(m.group("title"), "PolicyDocument", m.start("title"), m.end("title"), 0.6,
                       "a policy named in 《》")
        if pol is None or isinstance(pol, str):
            continue
        short = m.group("short")
        if short and short not in pol.aliases and short != pol.label:
            pol.aliases.append(short)
            main = pol
        for n in [pol.label] + ([short] if short else []):
            for k in re.finditer(f"《{re.escape(n)}》", text):
                stop = re.search(r"[。！？\n]", text[k.end():])
                end = k.end() + (stop.start() if stop else len(text) - k.end())
                if not re.match(r"[^。]{0,20}?(?:提出|明确|确定|部署|要求)", text[k.end():end]):
                    continue
                for p in progs:
                    if k.end() <= p.s <= end and (p.owns or p.name in members):
                        b.rel(p.entity(b), "partOf", pol, k.start(), p.e, 0.6,
                              "《P》提出/明确了X: a programme the policy states")
    if main is None:
        return
    for p in progs:
        ls, le = text.rfind("\n", 0, p.s) + 1, text.find("\n", p.s)
        if p.name in members and HEADING.match(text[ls:le if le >= 0 else len(text)]):
            b.rel(p.entity(b), "partOf", main, p.s, p.e, 0.5,
                  "a counted programme in a heading of a text explaining the policy (以下简称)")
        if p.name in members and p.made is not None and any(r[0] is p.made and r[2] is main for r in b.out.relations):
            for c in members[p.name]:
                b.rel(c, "partOf", main, p.s, p.e, 0.4, f"a member of {p.name}, a programme of the policy")


def merge_entities(ents: list[EntityCandidate], more: list[EntityCandidate]) -> list[EntityCandidate]:
    """The candidates of both lists in text order, numbered again ``e1``, ``e2`` ..."""
    out = [c for c in ents + more if c.mentions]
    for c in out:
        c.mentions.sort(key=lambda m: m.nstart)
    out.sort(key=lambda c: (c.mentions[0].nstart, c.label))
    for i, c in enumerate(out, 1):
        c.candidate = f"e{i}"
    return out
