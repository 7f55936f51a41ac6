"""Entities in a document for ingest: known ones by name and alias on word boundaries, linked to their
ids; longer and shorter forms of known names proposed as possible identities; new ones by suffix
patterns and 简称 introductions, cut on the segmenter's word boundaries.

>>> known = [KnownEntity("ent/jianheng", "Enterprise", "建衡", ("建衡",))]
>>> found = find_entities(normalise("组建衡阳市产业联盟。建衡的聚合氯化铝供应充足。"), known)
>>> [(e.label, e.linked, [m.span for m in e.mentions]) for e in found]
[('衡阳市产业联盟', None, ['衡阳市产业联盟']), ('建衡', 'ent/jianheng', ['建衡'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .ingest_text import Normalised, normalise

#: Suffixes of new names and the type they give, longest first.
SUFFIXES: list[tuple[str, str]] = sorted([
    ("股份有限公司", "Enterprise"), ("有限责任公司", "Enterprise"), ("有限公司", "Enterprise"), ("集团", "Enterprise"),
    ("公司", "Enterprise"), ("工业园区", "Park"), ("产业园区", "Park"), ("园区", "Park"), ("经开区", "Park"),
    ("高新区", "Park"), ("开发区", "Park"), ("工业园", "Park"), ("产业园", "Park"), ("工业集中区", "Park"),
    ("综合保税区", "Park"), ("产业基地", "IndustrialBase"), ("基地", "IndustrialBase"), ("产业集群", "IndustrialCluster"),
    ("集群", "IndustrialCluster"), ("项目", "Project"), ("银行", "FinancialInstitution"), ("协会", "Association"),
    ("商会", "Association"), ("联盟", "Association"), ("大学", "AcademicInstitution"), ("学院", "AcademicInstitution"),
    ("研究院", "AcademicInstitution"), ("研究所", "AcademicInstitution"), ("局", "GovernmentBody"),
    ("委员会", "GovernmentBody"), ("人民政府", "GovernmentBody"), ("管委会", "GovernmentBody"),
    ("办公室", "GovernmentBody"), ("厅", "GovernmentBody"), ("小镇", "CharacteristicTown"),
], key=lambda s: -len(s[0]))
SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in SUFFIXES))
TYPE_OF_SUFFIX = dict(SUFFIXES)
PREFIX_OF_TYPE = {"Enterprise": "ent", "Park": "park", "IndustrialBase": "base", "IndustrialCluster": "cluster",
                  "Project": "proj", "FinancialInstitution": "org", "Association": "org", "AcademicInstitution": "org",
                  "GovernmentBody": "org", "CharacteristicTown": "town", "IndustrialChain": "chain", "Product": "mat",
                  "Place": "place"}
#: Words that end a name going leftwards (verbs, function words, quantities).
STOP = set("的 和 与 及 或 在 为 是 对 将 把 由 向 等 了 从 到 经 被 以 于 其 该 个 家 条 项 批 多 各 等等 "
           "并 也 又 还 都 已 正 共 约 近 超 所 之 年 月 日 号 这 那 此 每 即 如 如下 包括 "
           "支持 建设 打造 推进 引进 引入 签约 落户 入驻 成立 组建 依托 加快 积极 全力 推动 实施 培育 创建 获批 "
           "完成 新增 投资 利用 提供 围绕 形成 建成 开工 竣工 投产 达产 启动 举行 召开 参加 参与 认定 评为 入选 "
           "列入 纳入 申报 争创 加强 提升 发展 壮大 做大 做强 推进 促进 服务 联合 合作 携手 牵头 主导 带动 "
           "重点 主要 大力 着力 全面 深入 持续 进一步 不断 努力 力争 确保 实现 达到 突破 位于 坐落 布局 "
           "拥有 集聚 聚集 汇聚 吸引 招引 招商 对接 洽谈 考察 调研 走访 指导 帮助 解决 协调 组织 开展 "
           "同时 其中 目前 今年 去年 全市 全省 全国 我市 我省 市 县 区 省 国家 以及 通过 按照 根据 关于 "
           "作为 成为 属于 负责 分别 相关 有关 一批 一个 一家 首个 首家 一 二 三 四 五 六 七 八 九 十 "
           "获得 荣获 授予 命名 挂牌 设立 设有 包含 含 涵盖 覆盖 拟 计划 预计 规划 谋划 储备 新引进 新建 新开工 "
           "大型 重大 优质 知名 龙头 骨干 规模 规上 重要 核心 首批 第一 第二 省级 国家级 市级".split())
#: Words that end a project's name going leftwards (its name may hold verbs: 回收利用项目).
PROJECT_STOP = set("的 和 与 及 等 在 为 是 对 将 把 由 向 了 从 到 被 以 于 其 该 个 批 多 各 共 约 近 超 如 包括 "
                   "签约 开工 竣工 投产 达产 引进 推进 落户 启动 实施 加快 完成 新增 支持 推动 打造 入选 列入 "
                   "纳入 全市 全省 我市 重点 重大 一批 首批 其中 目前 今年 去年 共有 有 组建 成立 依托 围绕 提出 "
                   "参加 举办 召开 获批 获评 荣获 评为 认定".split())
#: Types whose name a place in front of it is not part of (衡阳市XX项目 is the project XX项目).
LOCATED_TYPES = ("Project", "IndustrialBase", "IndustrialCluster", "IndustrialChain", "Park")
#: Leading place words stripped to get a name's core (衡阳市建滔 -> 建滔).
PLACE_HEAD = re.compile(r"^(?:中国|湖南省?|湖南|香港|衡阳市?|衡阳|[\u4e00-\u9fff]{2}[市县区])")
ORG_TAIL = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团|公司|科技|实业|控股|股份|新材料|"
                      r"电子|化工|电源)+$")
ABBR = re.compile(r"[（(]\s*(?:以下简称|下称|简称)\s*[:：]?\s*[“\"「『]?([\u4e00-\u9fffA-Za-z0-9]{2,12})[”\"」』]?\s*[）)]")
MAX_NAME = 22
#: Types whose labels are descriptions made by the curators, not names a text uses.
UNNAMED_TYPES = frozenset({"Statement", "SourceDocument", "Statistic", "Target", "Post", "MaterialFlow",
                           "ParkResourceFlow", "ProjectBatch", "Indicator"})
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class KnownEntity:
    """An entity of the graph: id, type, label (zh) and every name it goes by (label and aliases)."""

    id: str
    type: str
    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """Where a name occurs: the verbatim span of the document and its offsets there (and in the
    normalised text, ``nstart``/``nend``)."""

    span: str
    start: int
    end: int
    nstart: int
    nend: int


@dataclass
class EntityCandidate:
    """An entity the document names: known (``linked`` with ``link_score`` 1), a possible identity
    (``linked`` below 1, never merged) or new (``linked`` None)."""

    candidate: str
    label: str
    type: str
    mentions: list[Mention]
    linked: str | None
    link_score: float
    confidence: float
    why: str
    aliases: list[str] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.linked is not None and self.link_score >= 1.0


def core(name: str) -> str:
    """A name without its leading place and trailing company words (``衡阳市建滔化工有限公司`` -> ``建滔``).

    >>> core("香港建滔集团"), core("衡阳电科电源有限公司")
    ('建滔', '电科')
    """
    c = PLACE_HEAD.sub("", name)
    c = ORG_TAIL.sub("", c) or c
    return c if len(c) >= 2 else name


@lru_cache(maxsize=4)
def _segmenter(words: tuple[str, ...]) -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    from .. import settings

    try:
        cache = settings.get("home")
        import pathlib

        pathlib.Path(cache).mkdir(parents=True, exist_ok=True)
        tk.tmp_dir = cache
    except Exception:  # noqa: BLE001 - an unwritable home: jieba's own temp folder
        pass
    tk.initialize()
    for w in words:
        tk.add_word(w, freq=max(tk.suggest_freq(w, tune=False), 3))
    return tk


def boundaries(text: str, words: tuple[str, ...] = ()) -> set[int]:
    """Offsets in ``text`` where the segmenter (jieba, with ``words`` as user dictionary) puts a
    word boundary.

    >>> b = boundaries("组建衡阳市产业联盟")
    >>> 1 in b, 2 in b
    (False, True)
    """
    tk = _segmenter(words)
    out = {0, len(text)}
    for _w, _s, e in tk.tokenize(text, HMM=True):
        out.add(e)
    return out


def tokens(text: str, words: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """The segmenter's tokens of ``text``: word, start, end."""
    return list(_segmenter(words).tokenize(text, HMM=True))


def user_words(known: list[KnownEntity]) -> tuple[str, ...]:
    """The user dictionary built from the graph: known names of three characters or more (shorter
    ones would let the segmenter cut 组建衡阳 as 组/建衡/阳)."""
    out = {normalise(n).text for k in known for n in k.names}
    return tuple(sorted(n for n in out if len(n) >= 3 and CJK_RE.search(n)))


def _mention(norm: Normalised, s: int, e: int) -> Mention:
    a, b = norm.span(s, e)
    return Mention(norm.source[a:b], a, b, s, e)


def _automaton(names: dict[str, list[str]]) -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for name, ids in names.items():
        auto.add_word(name, (name, tuple(ids)))
    if names:
        auto.make_automaton()
    return auto


def _scan(auto: Any, text: str, bounds: set[int]) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Longest non-overlapping matches on word boundaries."""
    if not len(auto):
        return []
    hits = []
    for end, (name, ids) in auto.iter(text):
        s, e = end - len(name) + 1, end + 1
        if s in bounds and e in bounds:
            hits.append((s, e, name, ids))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int, str, tuple[str, ...]]] = []
    used = [False] * (len(text) + 1)
    for h in hits:
        if any(used[h[0]:h[1]]):
            continue
        for i in range(h[0], h[1]):
            used[i] = True
        taken.append(h)
    return sorted(taken)


def _new_names(norm: Normalised, toks: list[tuple[str, int, int]]) -> list[tuple[int, int, str]]:
    """Spans of new names: a suffix pattern with the words before it up to a stop word."""
    text = norm.text
    at = [0] * (len(text) + 1)
    for i, (_w, s, e) in enumerate(toks):
        for k in range(s, e):
            at[k] = i
    ends = {e for _w, _s, e in toks}
    out = []
    for m in SUFFIX_RE.finditer(text):
        suf, e = m.group(0), m.end()
        if e not in ends:
            continue
        i = at[m.start()]
        tok, begin = toks[i][0], toks[i][1]
        if len(suf) == 1 and not (tok == suf or len(tok) >= 3):
            continue  # 格局, 布局: an ordinary word
        typ = TYPE_OF_SUFFIX[suf]
        stop = PROJECT_STOP if typ in ("Project", "GovernmentBody", "Association") else STOP
        j = i - 1
        while j >= 0:
            w = toks[j][0]
            if w in stop and not (typ == "GovernmentBody" and w == "和" and j > 0 and toks[j - 1][0] not in stop):
                break
            if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·.]+", w) or re.fullmatch(r"[\d.]+", w):
                break
            if e - toks[j][1] > MAX_NAME:
                break
            begin = toks[j][1]
            j -= 1
        while begin < m.start() and text[begin] in "和与及":
            begin += 1
        name = text[begin:e]
        if len(name) - len(suf) < 2 or not CJK_RE.search(name[:-len(suf)]):
            continue
        out.append((begin, e, suf))
    return out


def find_entities(norm: Normalised, known: list[KnownEntity]) -> list[EntityCandidate]:
    """The entity candidates of a normalised document (see the module docstring)."""
    by_id = {k.id: k for k in known}
    names: dict[str, list[str]] = {}
    for k in known:
        for n in k.names:
            nn = normalise(n).text
            if len(nn) >= 2:
                names.setdefault(nn, []).append(k.id)
    shorts: dict[str, list[str]] = {}
    for k in known:
        if k.type not in ("Enterprise", "FinancialInstitution", "Park"):
            continue
        for n in k.names:
            c = core(normalise(n).text)
            if c != n and c not in names and len(c) >= 2:
                shorts.setdefault(c, []).append(k.id)
    words = user_words(known)
    toks = tokens(norm.text, words)
    bounds = {0, len(norm.text)} | {e for _w, _s, e in toks}
    text = norm.text
    known_hits = _scan(_automaton(names), text, bounds)
    cands: dict[str, EntityCandidate] = {}
    order: list[str] = []

    def add(key: str, make: Any, mention: Mention) -> EntityCandidate:
        if key not in cands:
            cands[key] = make()
            order.append(key)
        c = cands[key]
        if all(m.nstart != mention.nstart for m in c.mentions):
            c.mentions.append(mention)
        return c

    covered = [False] * (len(text) + 1)
    # new names first: a known name inside a longer new name is that name's part, not a mention
    news = _new_names(norm, toks)
    for s, e, suf in news:
        label = text[s:e]
        if label in names:
            continue
        inner = [h for h in known_hits if s <= h[0] and h[1] <= e and (h[0], h[1]) != (s, e)]
        typ = TYPE_OF_SUFFIX[suf]
        # a known place or park in front of the name is where it is, not part of it
        while inner and inner[0][0] == s and by_id[inner[0][3][0]].type in ("Place", "Park") \
                and (by_id[inner[0][3][0]].type == "Park" or typ in LOCATED_TYPES) \
                and (typ not in ("Park", "Place") or PLACE_HEAD.sub("", label) == inner[-1][2]):
            s = inner[0][1]
            inner = inner[1:]
            label = text[s:e]
        if len(label) - len(suf) < 2 or label in names:
            continue
        if re.search(r"示范|试点|称号|名单", label):
            typ = "Recognition"
        linked, score, why = None, 0.0, f"new name: suffix {suf}"
        for hs, he, hname, ids in inner:
            k = by_id[ids[0]]
            if k.type in ("Place",) or (k.type == "Park" and typ != "Park"):
                continue  # 衡阳市XX局, 松木经开区XX项目: a place or park before the name, a relation
            if k.type == typ or {k.type, typ} <= {"Enterprise", "FinancialInstitution"}:
                same = core(label) == core(hname)
                linked, score = k.id, 0.85 if same else 0.6
                why = (f"new name: suffix {suf}; a longer form of the known {hname} ({k.id}): possible identity, "
                       "review before linking")
                break
        for hs, he, _n, _ids in inner:
            if linked is not None and _ids[0] == linked:
                for i in range(hs, he):
                    covered[i] = True
        conf = 0.8 if len(suf) >= 2 else 0.6
        add("new:" + label, lambda label=label, typ=typ, linked=linked, score=score, why=why, conf=conf:
            EntityCandidate("", label, typ, [], linked, score, conf, why), _mention(norm, s, e))
    for s, e, name, ids in known_hits:
        if any(covered[s:e]):
            continue
        k = by_id[ids[0]]
        score = 1.0 if len(set(ids)) == 1 else round(1.0 / len(set(ids)), 2)
        why = f"known name {name} ({'label' if name == normalise(k.label).text else 'alias'} of {k.id})"
        if score < 1.0:
            why += f"; also the name of {', '.join(sorted(set(ids) - {k.id}))}: choose the entity"
        add("known:" + k.id, lambda k=k, score=score, why=why:
            EntityCandidate("", k.label, k.type, [], k.id, score, 0.95 if score == 1 else 0.5, why),
            _mention(norm, s, e))
        for i in range(s, e):
            covered[i] = True
    for s, e, name, ids in _scan(_automaton(shorts), text, bounds):
        if any(covered[s:e]):
            continue
        k = by_id[ids[0]]
        add("short:" + name, lambda k=k, name=name: EntityCandidate(
            "", name, k.type, [], k.id, 0.7, 0.6,
            f"a shorter form of the known {k.label} ({k.id}): possible identity, review before linking"),
            _mention(norm, s, e))
    _abbreviations(norm, cands, order, bounds, covered, add)
    out = [cands[k] for k in order]
    out.sort(key=lambda c: (c.mentions[0].nstart, c.label))
    for i, c in enumerate(out, 1):
        c.candidate = f"e{i}"
        c.mentions.sort(key=lambda m: m.nstart)
    return out


def _abbreviations(norm: Normalised, cands: dict[str, EntityCandidate], order: list[str], bounds: set[int],
                   covered: list[bool], add: Any) -> None:
    """简称 / 以下简称 introductions: the short name becomes an alias of the name before it, and its
    later occurrences its mentions."""
    text = norm.text
    for m in ABBR.finditer(text):
        short = m.group(1)
        before = [c for c in cands.values() if any(mm.nend == m.start() for mm in c.mentions)]
        if not before:
            continue
        c = before[0]
        dup = cands.pop("new:" + short, None)
        if dup is not None:
            order.remove("new:" + short)
        if short not in c.aliases:
            c.aliases.append(short)
            c.why += f"; 简称 {short} (introduced in the text)"
        pos = 0
        while (i := text.find(short, pos)) >= 0:
            pos = i + len(short)
            if m.start(1) <= i < m.end(1) or any(covered[i:pos]):
                continue
            if i in bounds or i == m.start(1):
                c.mentions.append(_mention(norm, i, pos))
                for k in range(i, pos):
                    covered[k] = True


def known_from_rows(rows: list[dict[str, Any]]) -> list[KnownEntity]:
    """Known entities from rows with ``id``, ``type``, ``label`` and ``name`` (one name per row)."""
    acc: dict[str, dict[str, Any]] = {}
    for r in rows:
        d = acc.setdefault(str(r["id"]), {"type": str(r["type"]), "label": str(r["label"]), "names": []})
        if r.get("name") and str(r["name"]) not in d["names"]:
            d["names"].append(str(r["name"]))
    return [KnownEntity(i, d["type"], d["label"], tuple(dict.fromkeys([d["label"], *d["names"]])))
            for i, d in sorted(acc.items())]


def known_from_graph(kg: Any) -> list[KnownEntity]:
    """The named entities of a loaded graph (``rdfs:label``/``skos:altLabel`` in Chinese, one hykg type)."""
    from ..rdf import vocab

    rows = kg.rows("""SELECT ?e ?t ?l ?n WHERE {
        ?e a ?t ; rdfs:label ?l . FILTER(lang(?l) = "zh" && STRSTARTS(STR(?t), STR(hykg:)))
        OPTIONAL { ?e skos:altLabel ?n . FILTER(lang(?n) = "zh") } }""")
    def text(v: Any) -> str:
        return str(v[0]) if isinstance(v, tuple) else str(v)

    out = []
    for r in rows:
        eid = vocab.id_of(str(r["e"]))
        t = str(r["t"]).rsplit("#", 1)[-1]
        if "/" not in eid or eid.startswith(("stmt/", "doc/")) or t in UNNAMED_TYPES:
            continue
        out.append({"id": eid, "type": t, "label": text(r["l"]), "name": text(r["n"]) if r.get("n") else None})
    return known_from_rows(out)
