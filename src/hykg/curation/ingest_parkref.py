"""Parks a text refers back to (园区, 该区, 区内), and what it puts in them: 园区内的X, P累计入驻…，其中A、B.

A bare 园区 (not inside a name) means the park named before it in the sentence, else the park a
sentence of the paragraph opened with, else the park the document's title (or first sentence) begins
with, else the park named last before it.

>>> from .ingest_text import normalise
>>> from .ingest_entities import KnownEntity, find_entities
>>> from .ingest_relations import find_relations
>>> k = [KnownEntity("park/q", "Park", "青山化工园区", ("青山化工园区",)),
...      KnownEntity("ent/a", "Enterprise", "甲化学", ("甲化学",))]
>>> n = normalise("青山化工园区简介\\n园区面积10平方公里。\\n园区内的甲化学生产烧碱。")
>>> [(r.subject, r.property, r.object) for r in find_relations(n, find_entities(n, k), k)]
[('ent/a', 'inPark', 'park/q')]
"""

from __future__ import annotations

import re
from typing import Any

from .ingest_entities import EntityCandidate, Mention
from .ingest_places import TITLE_VERB
from .ingest_text import Normalised

SITES = ("Enterprise", "Project", "IndustrialBase")
#: The words that refer back to a park: 园区, 该园区, 本区, 园内, 区内.
BARE = re.compile(r"(?:该|本|此)(?:园区|园|区)|园区|园内|区内")
#: Characters that may stand before a bare 园区 (a function word, not the end of a longer name).
BEFORE_BARE = set("的在给与和及为对向从至入是将由把、，,。；;：:\n “”（）()")
#: 园区内的X / 园区龙头企业X / 区内企业X: what follows the word before the name in the park.
IN_WORDS = re.compile(r"内?的?(?:龙头|骨干|重点|领军|规上|规模以上|入驻|主要|知名)?(?:企业|项目)?")
#: 园区下辖A、B / 园区包括A、B: the names after are parts of the park.
PARTS_AFTER = re.compile(r"(?:下辖|辖|包括|包含|涵盖|分为|划分为|设有)(?:了|有)?[：:]?")
#: P累计入驻企业86家 / P已落户项目12个 / P集聚企业200余家: a count of what is in the park.
COUNTED_IN = re.compile(r"(?:累计|共|已|先后|目前|共计|新)*(?:入驻|进驻|落户|引进|集聚|聚集|拥有|现有|共有|有|签约|开工|在建"
                        r"|竣工|投产)(?:了)?(?:各类|规上|规模以上|重点|工业|产业)*(?:企业|项目)(?:达到?|超过|共)?"
                        r"[\d一二三四五六七八九十百千万余多]+(?:家|个)")
#: X在P正式开工 / 在P投资建设Y: what starts, is built or settles in a park is in it.
IN_PARK_VERB = re.compile(r"(?:内|里)?(?P<gap>[^，,。；;]{0,14}?)(?P<verb>正式开工|开工|投产|落地|开建|竣工|建成投产|建成|建设"
                          r"|新建|投资建设|打造|设立|入驻|落户|开业|运营)")
#: 下辖A、B两个片区: a closed list of parts named by their count.
COUNTED_PARTS = re.compile(r"(?:下辖|辖|包括|包含|分为|设有|由)(?:了|有)?[：:]?(?P<list>[^，,。；;：:]{4,80}?)"
                           r"(?:[两二三四五六七八九十\d]+)个(?:片区|园区|园|组团|功能区|板块)")
PART_END = re.compile(r"(?:片区|园区|产业园|工业园|科技园|园|组团|功能区)$")


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class ParkRef:
    """The park a bare 园区 refers to at a point of the text (see the module docstring)."""

    def __init__(self, text: str, ats: list[Any]) -> None:
        self.text = text
        self.ats = ats
        first = text.split("\n", 1)[0]
        title_end = len(first) if 4 <= len(first.strip()) <= 50 and not re.search(r"[。；;]", first) else 0
        body = re.search(r"\S", text[title_end:])
        starts = (len(first) - len(first.lstrip()), title_end + body.start() if body else -1)
        # a title that begins with the park (P简介, P：…), else a first sentence that opens with it
        longest = next((max(ps, key=lambda a: a.e - a.s) for pos in starts if (ps := [
            a for a in ats if a.s == pos and a.type == "Park"])), None)
        self.doc = longest
        self.opened: Any = None
        self.para = -1

    def sentence(self, here: list[Any], ss: int, head: int) -> None:
        """Note the park a sentence opens with (after its opener words, ending at ``head``)."""
        para = self.text.rfind("\n", 0, ss)
        if para != self.para:
            self.para, self.opened = para, None
        top = next((a for a in here if a.s == head and a.type == "Park"), None)
        if top is not None:
            self.opened = top

    def at(self, here: list[Any], ss: int, pos: int) -> Any:
        """The park meant by a bare 园区 at ``pos``: one named before in the sentence (not in brackets),
        the park a sentence of the paragraph opened with, the document's park, the park named last before."""
        for a in reversed(here):
            if a.e <= pos and a.type == "Park":
                before = self.text[ss:a.s]
                if before.count("（") + before.count("(") <= before.count("）") + before.count(")"):
                    return a
        if self.opened or self.doc:
            return self.opened or self.doc
        return next((a for a in reversed(self.ats) if a.e <= pos and pos - a.e <= 300 and a.type == "Park"
                     and not TITLE_VERB.search(self.text[max(0, a.s - 8):a.s])), None)  # the park named last


def bare_words(text: str, ats: list[Any], ss: int, se: int) -> list[re.Match[str]]:
    """The bare 园区 / 区内 words of a sentence: inside no name, after a function word or a break."""
    out = []
    for m in BARE.finditer(text, ss, se):
        if any(a.s <= m.start() < a.e or a.s < m.end() <= a.e for a in ats):
            continue
        if m.group(0)[0] not in "该本此" and m.start() > 0 and text[m.start() - 1] not in BEFORE_BARE \
                and _cjk(text[m.start() - 1]):
            continue
        out.append(m)
    return out


def refer_back(text: str, here: list[Any], ss: int, se: int, rel: Any, ref: ParkRef, enumeration: Any) -> None:
    """园区内的X / 园区龙头企业X: X in the park referred to; 园区下辖A、B: parts of it."""
    named = [a for a in here if a.type == "Park"]
    for m in bare_words(text, here, ss, se) + named:
        park = ref.at(here, ss, m.start()) if isinstance(m, re.Match) else m
        if isinstance(m, re.Match) is False:
            w = IN_WORDS.match(text, m.e, se)
            if w and re.search("内|企业|项目", w.group(0)):  # P内的X, P龙头企业X (P的X: the adjacency rule)
                for a in enumeration(text, here, w.end(), se):
                    if a.type in SITES:
                        rel(a, "inPark", m, m.s, a.e, 0.6, f"P{w.group(0)}X: X is in the park P")
            continue
        last = next((a for a in reversed(ref.ats) if a.e <= m.start() and a.type in ("Park", "Place")), None)
        if park is None or (m.group(0) in ("区内", "该区", "本区", "此区") and last is not None and last.type == "Place"):
            continue  # 天元区…区内企业: the district named last, not a park
        w = IN_WORDS.match(text, m.end(), se)
        if w and w.end() > m.end():
            for a in enumeration(text, here, w.end(), se):
                if a.type in SITES:
                    rel(a, "inPark", park, m.start(), a.e, 0.6,
                        f"{m.group(0)}{w.group(0)}X: X is in the park referred to ({text[park.s:park.e]})")
        h = PARTS_AFTER.match(text, m.end(), se)
        if h:
            for a in enumeration(text, here, h.end(), se):
                if a.type == "Park":
                    rel(a, "partOf", park, m.start(), a.e, 0.6,
                        f"{m.group(0)}{h.group(0)}A、B: parts of the park referred to ({text[park.s:park.e]})")
                elif a.type in SITES:
                    rel(a, "inPark", park, m.start(), a.e, 0.6,
                        f"{m.group(0)}{h.group(0)}A、B: in the park referred to ({text[park.s:park.e]})")


def counted_in(text: str, here: list[Any], ss: int, se: int, rel: Any, ref: ParkRef, listed: Any) -> None:
    """P累计入驻企业86家，其中A、B等企业…: each firm or project listed after 其中 is in P."""
    for m in COUNTED_IN.finditer(text, ss, se):
        k = re.match(r"[^。；;]{0,12}?[，,]?其中", text[m.end():se])
        if not k:
            continue
        park = next((a for a in reversed(here) if a.e <= m.start() and a.type == "Park"
                     and not re.search(r"[，,]", text[a.e:m.start()])), None)
        if park is None and any(x.end() <= m.start() and not re.search(r"[，,]", text[x.end():m.start()])
                                for x in bare_words(text, here, ss, m.start())):
            park = ref.at(here, ss, m.start())
        if park is None:
            continue
        for a in listed(text, here, m.end() + k.end(), se):
            if a.type in SITES:
                rel(a, "inPark", park, park.s, a.e, 0.7, f"P{m.group(0)}，其中A、B: each is in the park")


def counted_parts(norm: Normalised, ents: list[EntityCandidate]) -> list[EntityCandidate]:
    """The parts of ``下辖A、B两个片区`` the entity rules did not name, as Park candidates (each ends in
    片区, 园区, 园, 组团 …)."""
    text = norm.text
    taken = [(m.nstart, m.nend) for c in ents for m in c.mentions]
    have = {c.label for c in ents}
    out: list[EntityCandidate] = []
    for m in COUNTED_PARTS.finditer(text):
        base = m.start("list")
        for item in re.finditer(r"[^、和及与]+", m.group("list")):
            s, e, label = base + item.start(), base + item.end(), item.group(0)
            if label in have or not PART_END.search(label) or not 3 <= len(label) <= 16 \
                    or any(a < e and s < b for a, b in taken):
                continue
            have.add(label)
            x, y = norm.span(s, e)
            out.append(EntityCandidate("", label, "Park", [Mention(norm.source[x:y], x, y, s, e)], None, 0.0, 0.5,
                                       f"one of the parts counted after {text[m.start():m.start() + 2]} (两个片区)"))
    return out


def in_park_verb(text: str, here: list[Any], ss: int, se: int, rel: Any) -> None:
    """X项目在P正式开工 / X在P落户 / 在P投资建设Y: the project (or firm settling) before 在P and what is
    built after it are in P."""
    for m in re.finditer(r"在", text[ss:se]):
        p = ss + m.end()
        park = next((a for a in here if a.s == p and a.type == "Park"), None)
        v = IN_PARK_VERB.match(text, park.e, se) if park else None
        if park is None or v is None or re.search(r"[的是与和]", v.group("gap")):
            continue
        lead = re.search(r"(?:将|已|拟|计划|正式|也|还|均|已经|于|先后|率先)*$", text[ss:ss + m.start()])
        who = next((a for a in here if a.e == ss + lead.start() and a.type in SITES), None) if lead else None
        settles = v.group("verb") in ("落地", "设立", "入驻", "落户", "开业", "运营", "投产", "建成投产")
        if who and (who.type != "Enterprise" or settles):
            rel(who, "inPark", park, ss + m.start(), v.end(), 0.7, f"X在P{v.group('verb')}: X is in the park")
        stop = re.search(r"[，,。；;]", text[v.end():se])
        end = v.end() + (stop.start() if stop else se - v.end())
        built = next((a for a in here if v.end() <= a.s and a.e <= end and a.type in SITES), None)
        if built and not settles and v.group("verb") not in ("开工", "正式开工", "竣工"):
            rel(built, "inPark", park, m.start() + ss, built.e, 0.6, f"在P{v.group('verb')}Y: what is built is in the park")
