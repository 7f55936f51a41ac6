"""New names in a document: suffix patterns (有限公司, 园区, 基地 ...), company words after a name-like
word (裕华化工) and the parties of a material flow (X利用Y的M), each cut on the segmenter's word
boundaries; the items of lists come from :mod:`.ingest_lists`.

>>> from .ingest_text import normalise
>>> from .ingest_entities import _segmenter, tokens
>>> n = normalise("金化科技产值增长，签约天津奥瑞克电梯工厂项目。")
>>> sorted((x.label, x.type) for x in new_names(n, tokens(n.text), _segmenter(()).FREQ))
[('天津奥瑞克电梯工厂项目', 'Project'), ('金化科技', 'Enterprise')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .ingest_words import COMPANY_WORDS, PROJECT_STOP, STOP, SUFFIXES

#: Types whose names may describe (华中地区最大的盐卤化工基地, 以新能源汽车为引领的区域性汽车产业基地).
DESC_TYPES = ("IndustrialBase", "Park", "Project", "IndustrialCluster")
DESC_BEFORE = frozenset("最大 最强 最优 最长 领先 引领 龙头 为主 特色 主导 核心".split())
SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in SUFFIXES))
SUFFIX_END = re.compile(f"(?:{SUFFIX_RE.pattern})$")
TYPE_OF_SUFFIX = dict(SUFFIXES)
PREFIX_OF_TYPE = {"Enterprise": "ent", "Park": "park", "IndustrialBase": "base", "IndustrialCluster": "cluster",
                  "Project": "proj", "FinancialInstitution": "org", "Association": "org", "AcademicInstitution": "org",
                  "GovernmentBody": "org", "CharacteristicTown": "town", "IndustrialChain": "chain", "Product": "mat",
                  "Place": "place"}
#: A count just before a suffix (两个园区, 30余家企业, 17个产业园区).
COUNTED = re.compile(r"(?:(?:\d+|[一二两三四五六七八九十百几多]+)(?:余|多)?(?:个|家|座|批|处|所)|[二三四五六七八九十]大)"
                     r"(?:产业|省级|国家级|专业|特色|主题|重点|功能)?$")
#: Types whose name a place in front of it is not part of (衡阳市XX项目 is the project XX项目).
LOCATED_TYPES = ("Project", "IndustrialBase", "IndustrialCluster", "IndustrialChain", "Park")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
MAX_NAME = 22
MAX_PROJECT = 32
#: Suffixes of a branch, whose name holds its parent's full name (中国石油天然气股份有限公司湖南张家界销售分公司).
BRANCH_SUFFIXES = frozenset({"分公司", "分行", "支行"})
#: A word at most this frequent in the segmenter's dictionary is name-like (裕华 14, 中兴 684 is not).
NAME_FREQ = 100
ITEM_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”\"·+]")


@dataclass(frozen=True)
class NewName:
    """A new name found in the normalised text: where, what type, which rule, how sure."""

    start: int
    end: int
    label: str
    type: str
    why: str
    confidence: float
    suffix: str = ""
    nested: bool = False


def _name_like(word: str, freq: Any) -> bool:
    return bool(CJK_RUN.fullmatch(word)) and len(word) >= 2 and word not in STOP and (freq.get(word) or 0) <= NAME_FREQ


def company_names(norm: Any, toks: list[tuple[str, int, int]], freq: Any,
                  named_at: frozenset[int] = frozenset()) -> list[NewName]:
    """裕华化工: a name-like word (rare in the segmenter's dictionary) and a company word; a known name
    just before it (``named_at``: where known names begin), a place, is the name's (湖南兴华新材料), and
    another word just before it makes it the tail of a product (磷酸锰铁锂正极材料)."""
    out = []
    for i in range(1, len(toks)):
        w, s, e = toks[i]
        if w not in COMPANY_WORDS:
            continue
        prev, ps, _pe = toks[i - 1]
        k = i - 1
        if prev + w in COMPANY_WORDS and i >= 2:  # 大合/新/材料: the company word is 新材料
            w, k = prev + w, i - 2
            prev, ps = toks[k][0], toks[k][1]
        while len(prev) < 3 and k > 0 and len(toks[k][0]) == 1 and len(toks[k - 1][0]) == 1 \
                and CJK_RE.match(toks[k - 1][0]) and toks[k - 1][0] not in STOP:
            k -= 1
            prev, ps = toks[k][0] + prev, toks[k][1]
        if _glued_function_char(prev, toks[k - 1][0] if k > 0 else "", freq, STOP):
            prev, ps = prev[1:], ps + 1  # 以中核健康为依托: the firm is 中核健康
        if not _name_like(prev, freq):
            continue
        before = toks[k - 1] if k > 0 else ("", 0, 0)
        if before[1] in named_at and len(before[0]) >= 2 and CJK_RUN.fullmatch(before[0]):
            prev, ps = before[0] + prev, before[1]  # 湖南/兴华/新材料: the place is the firm's name's
        elif CJK_RUN.fullmatch(before[0]) and before[0] not in STOP and before[0] not in PROJECT_STOP \
                and not _unknown(prev, freq) and before[0][-1] not in FUNCTION_CHARS or before[0] in PRODUCT_VERBS:
            continue  # 磷酸锰铁锂/正极/材料, 提供/车用/玻璃: a product's words, no firm
        if i + 1 < len(toks) and toks[i + 1][0] in ("产业", "行业", "领域", "产业链", "板块", "专业", "制造", "创新",
                                                    "装备", "产品", "服务"):
            continue  # 裕华化工 is a firm, 精细化工产业 an industry
        out.append(NewName(ps, e, prev + w, "Enterprise", f"new name: name-like {prev} + company word {w}",
                           0.6 if not freq.get(prev) else 0.55))  # a word the dictionary lacks: surer
    return out


def _within_tokens(toks: list[tuple[str, int, int]], s: int, e: int) -> list[tuple[str, int, int]]:
    """The tokens that make up ``[s, e)`` exactly, or none when a token crosses its edges."""
    inside = [t for t in toks if s <= t[1] and t[2] <= e]
    return inside if inside and inside[0][1] == s and inside[-1][2] == e else []


#: Verbs whose object is a product (提供车用玻璃), not a firm.
PRODUCT_VERBS = frozenset("提供 生产 供应 销售 出口 采购 加工 制造 研发 主营 主产 配套".split())
FLOW_PARTY = re.compile(r"(?:利用|使用|依靠|依托)(?P<b>[\u4e00-\u9fff]{2,10}?)的")


def flow_parties(norm: Any, toks: list[tuple[str, int, int]], freq: Any) -> list[NewName]:
    """The parties of a material flow (X利用Y的M, 以及Y的M作为原材料, X为Y提供M: a firm's words, a company
    word ending them or words the dictionary lacks, not 园区为周边企业提供): the words next to the verb."""
    out = []
    by_end = {e: (w, s) for w, s, e in toks}
    by_start = {s: (w, e) for w, s, e in toks}
    text = norm.text
    for m in re.finditer(r"利用|使用", text):
        before = by_end.get(m.start())
        after = by_start.get(m.end())
        if before and after and text[after[1]:after[1] + 1] == "的" and _name_like(before[0], freq) \
                and _name_like(after[0], freq):
            out.append(NewName(before[1], m.start(), before[0], "Enterprise", "a party of a material flow (X利用Y的M)",
                               0.5))
            out.append(NewName(m.end(), after[1], after[0], "Enterprise", "a party of a material flow (X利用Y的M)",
                               0.5))
    for m in re.finditer(r"为(?P<y>[\u4e00-\u9fff]{2,8}?)提供", text):
        y = _within_tokens(toks, m.start("y"), m.end("y"))
        x: list[tuple[str, int, int]] = []
        k = next((i for i, t in enumerate(toks) if t[2] == m.start()), None)
        while k is not None and k >= 0 and CJK_RUN.fullmatch(toks[k][0]) and toks[k][0] not in STOP \
                and m.start() - toks[k][1] <= 8:
            x.insert(0, toks[k])
            k -= 1
        if not y or not x or k is None or k >= 0 and CJK_RUN.fullmatch(toks[k][0]) and toks[k][0] not in STOP:
            continue
        for party, kind in ((x, "supplier"), (y, "consumer")):
            words = [w for w, _s, _e in party]
            if len("".join(words)) >= 4 and (words[-1] in COMPANY_WORDS and len(words) >= 2
                                             or all((freq.get(w) or 0) <= NAME_FREQ for w in words)):
                out.append(NewName(party[0][1], party[-1][2], "".join(words), "Enterprise",
                                   f"the {kind} of a material flow (X为Y提供M)", 0.5))
    for m in re.finditer(r"(?:以及|还有)(?P<w>[\u4e00-\u9fff]{2,6}?)的[^，。]{1,12}作为(?:原材料|原料)", text):
        w = m.group("w")
        if m.start("w") in by_start and _name_like(w, freq):
            out.append(NewName(m.start("w"), m.end("w"), w, "Enterprise", "a supplier of raw material (Y的M作为原材料)",
                               0.5))
    return out


#: Words in front of a suffix that make a name generic (重大项目, 园区内项目, 各类园区, 千亿级产业集群).
GENERIC = re.compile(r"^(?:[\d.]+|[一二三四五六七八九十百千万亿]+)?(?:年|个|家|批|类|级)?(?:(?:国家|省|市|县|区)级?|"
                     r"重大|重点|产业|投资|建设|在建|新建|新开工|标志性|龙头|其他|各类|各|特色|工程|计划|招商引资|"
                     r"园区内?|链上|亿元以上|万元以上|以上|千亿级?|百亿级?|精品|专业|先进制造业|优势|传统|新兴|"
                     r"这种|很多|一批|首批|该|这个|本|上述|相关|示范|标准|配套|承接产业转移|高新技术产业|老工业|"
                     r"城区或|基础和|县\(市\)区|国家级|省级|市级|的|绿色|飞地|合资|总部|生产|系列|科技创新|研发计划|"
                     r"科技攻关|产业集群|产业链|现代农业|农产品加工|物流平台|新|县域|物流|集散|工业|农业科技|研发|每|标杆|文旅|"
                     r"上市|[\u4e00-\u9fff]{1,3}型|第?[一二三四]季度|年度|上半年|下半年|行业|[强补延固]链|"
                     r"“[^”]{1,12}”|超?[\d.一二三四五六七八九十百千]+[亿万]元(?:以上|级)?|"
                     r"[\u4e00-\u9fff]?[布格])*$")
#: A park's stem made of level, kind and industry words only names a kind of park
#: (化工园区, 国家级绿色化工园区, 出口加工区), not one park.
KIND_STEM = re.compile(r"^(?:(?:国家|省|市|县|区)级?|绿色|生态|循环|精细|特色|现代|新型|智慧|低碳|专业|核心|出口|综合|[东西南北中]部|城[东西南北]|"
                       r"化工园区|" + "|".join(sorted(COMPANY_WORDS, key=len, reverse=True)) + ")+$")
#: Quotation marks and brackets a name does not begin or end with.
QUOTES = "“”\"'‘’「」『』《》"


def _trimmed(n: NewName, text: str) -> NewName | None:
    """``n`` without quotation marks or a year's 年 at its edges, or None when what is left is generic."""
    s, e = n.start, n.end
    while s < e and (text[s] in QUOTES or (text[s] == "年" and s > 0 and text[s - 1].isdigit())):
        if text[s] == "“" and "”" in text[s + 1:e - 1]:
            break  # “幻多奇”文旅康养产业园: the quoted word is part of the name
        s += 1
    while e > s and text[e - 1] in QUOTES:
        if text[e - 1] == "”" and "“" in text[s + 1:e - 1]:
            break
        e -= 1
    label = text[s:e]
    stem = label[:-len(n.suffix)] if n.suffix and label.endswith(n.suffix) else label
    body = n.type == "GovernmentBody" and len(label) > len(n.suffix)  # 市政协, 工业园区科: a body's name
    if label.count("“") != label.count("”") or stem.endswith("+"):
        return None  # 工业富联“灯塔工厂: cut inside a quotation; 公司+基地: a model, not a name
    if s > 0 and text[s - 1] == "等":
        return None  # A、B等“三类500强”项目: the list's kind, not a name
    if len(label) < 2 or label in TYPE_OF_SUFFIX or not body and (GENERIC.match(stem) or stem in TYPE_OF_SUFFIX):
        return None
    if body and n.suffix == "管委会" and (stem in TYPE_OF_SUFFIX or GENERIC.match(stem)):
        return None  # 园区管委会: every park's
    if n.type == "Park" and (KIND_STEM.match(stem) or re.match("(?:国家|省|市|县)级", stem)) or label[0] == "各":
        return None  # 化工园区, 国家级临港高新区: a kind of park; 各乡镇人民政府: every one
    return n if (s, e) == (n.start, n.end) else NewName(s, e, label, n.type, n.why, n.confidence, n.suffix)


#: (inner, outer) types of a name that may begin a longer name: a firm, or a park a project lies in.
NESTED = frozenset({("Enterprise", t) for t in ("Park", "Project", "IndustrialBase", "IndustrialCluster",
                                                 "AcademicInstitution", "CharacteristicTown")} | {("Park", "Project")})


def new_names(norm: Any, toks: list[tuple[str, int, int]], freq: Any, named_at: frozenset[int] = frozenset(),
              more: list[NewName] | None = None) -> list[NewName]:
    """Every new-name rule's finds (suffixes, company words, ``more`` such as the enumerations of
    :mod:`.ingest_lists`, flow parties), generic ones (重大项目, 各类园区) and quotation marks at the
    edges dropped; of overlapping finds the longest is kept (天津奥瑞克电梯工厂项目 over 天津奥瑞克电梯工厂),
    except a firm inside another type's name (富士康科技集团 in 富士康科技集团衡阳园区), kept ``nested``.
    ``named_at``: where known names begin."""
    raw = [n for batch in (suffix_names(norm, toks, freq, named_at), company_names(norm, toks, freq, named_at),
                           more or [], flow_parties(norm, toks, freq)) for n in batch]
    trimmed = [n for n in (_trimmed(r, norm.text) for r in raw) if n is not None]
    order = sorted(range(len(trimmed)), key=lambda k: (-(trimmed[k].end - trimmed[k].start), k))
    found: list[NewName] = []
    for k in order:
        n = trimmed[k]
        over = [f for f in found if not (n.end <= f.start or f.end <= n.start)]
        if not over:
            found.append(n)
        elif n.type in ("Enterprise", "Park") and all(
                f.start == n.start and n.end <= f.end - len(f.suffix) and n.end < f.end and (
                    (n.type, f.type) in NESTED or n.type == f.type == "Park" and len(n.suffix) >= 3)
                for f in over):  # 湘潭天易经济技术开发区 in 湘潭天易经济技术开发区化工园区: a park in a park  # 综保区物流 in 综保区物流中心: inside the suffix, not a name
            found.append(NewName(n.start, n.end, n.label, n.type, n.why + f" (inside {over[0].label})",
                                 n.confidence, n.suffix, nested=True))
    return sorted(found, key=lambda n: (n.start, n.end))


#: Ordinary words ending in the suffix 局.
ORDINARY_JU = frozenset("布局 格局 新局 大局 全局 开局 结局 变局 破局 当局".split())
#: One-character words that end a name going leftwards only before a number (超100亿元, but 超特高压).
BEFORE_NUMBER = frozenset("超 约 近".split())
#: One-character words a segmenter's unknown word may begin or end with (同中核 -> 中核, 强以 -> |).
FUNCTION_CHARS = frozenset("同以与和在对向将把由从为被让使给跟据而")
def _unknown(w: str, freq: Any) -> bool:
    return freq is not None and len(w) >= 2 and not freq.get(w)


def _glued_function_char(w: str, prev: str, freq: Any, stop: set[str]) -> bool:
    """The segmenter joined a function character to the name's first word (深化/同中核/集团), at a
    boundary: a stop word, punctuation, or a firm's name just before (…有限公司以金穗米业的碎米为原料)."""
    return _unknown(w, freq) and len(w) >= 3 and w[0] in FUNCTION_CHARS and (
        not prev or prev in stop or not CJK_RE.fullmatch(prev[-1]) or prev.endswith(("公司", "集团")))


#: Verbs in a name's stretch of words that a clause's lead verb before it makes part of the name
#: (打造数字经济创新发展示范基地).
SOFT_STOP = frozenset("发展 创新 服务 合作 协同 开发 融合 应用 建设 促进".split())
LEAD_VERBS = frozenset("打造 建设 建成 创建 争创 推进 加快 培育 建好".split())
#: Verbs the segmenter may join to the name after them (创建国家级园区 a known goal's one word).
GLUED_VERBS = frozenset("支持 推动 引进 建立 设立 申报 创成".split())
#: A body's level in front of its name (市政协, 省发改委).
LEVEL = frozenset("市 省 县 区".split())
#: A heading's ordinal in brackets: （二）, (3).
ORDINAL = re.compile(r"[一二三四五六七八九十\d]+")
#: A phase after a project's name: (一期), 二期.
PHASE = re.compile(r"[(（]?[一二三四五六七八九十\d]+期(?:工程)?[)）]?")


def _is_stop(w: str, stop: set[str], nxt: str) -> bool:
    """``w`` ends a name going leftwards: a stop word (超 only before a number), or two stop words joined
    (跟踪服务)."""
    if w in BEFORE_NUMBER:
        return bool(re.match(r"[\d一二三四五六七八九十百千万两]", nxt))
    if w in stop:
        return True
    return len(w) == 4 and w[:2] in STOP | PROJECT_STOP and w[2:] in STOP | PROJECT_STOP


def _lead_verb_before(toks: list[tuple[str, int, int]], j: int, e: int, stop: set[str]) -> int | None:
    """The index of a lead verb (打造, 建设) left of token ``j`` with only name-like words between, or None."""
    k = j - 1
    while k >= 0 and e - toks[k][1] <= MAX_NAME:
        w = toks[k][0]
        if w in LEAD_VERBS:
            return k
        if not CJK_RE.fullmatch(w[:1]) or (w in stop and w not in SOFT_STOP and not (
                w in ("与", "和", "及") and k > 0 and toks[k - 1][0] not in stop)):  # 搬迁与升级: one name's
            return None
        k -= 1
    return None


def _named_head(toks: list[tuple[str, int, int]], j: int, freq: Any, named_at: frozenset[int]) -> bool:
    """The word after a description's 的 (token ``j``) begins a name: a known name or a word the
    dictionary lacks (以电池板块为主的瑞达电源核心产业基地: the base is 瑞达电源核心产业基地)."""
    if j >= len(toks):
        return False
    w, s, _e = toks[j]
    return s in named_at or (freq is not None and _name_like(w, freq) and not freq.get(w))


def suffix_names(norm: Any, toks: list[tuple[str, int, int]], freq: Any = None,
                 named_at: frozenset[int] = frozenset()) -> list[NewName]:
    """Spans of new names: a suffix pattern with the words before it up to a stop word.

    >>> from .ingest_text import normalise
    >>> from .ingest_entities import _segmenter, tokens
    >>> n = normalise("深化同中核集团的合作，打造数字经济创新发展示范基地，抄送市政协。")
    >>> [x.label for x in suffix_names(n, tokens(n.text), _segmenter(()).FREQ)]
    ['中核集团', '数字经济创新发展示范基地', '市政协']
    """
    text = norm.text
    at = [0] * (len(text) + 1)
    for i, (_w, s, e) in enumerate(toks):
        for k in range(s, e):
            at[k] = i
    ends = {e for _w, _s, e in toks}
    out: list[NewName] = []
    seen: set[tuple[int, int]] = set()
    for m in re.finditer(f"(?=({SUFFIX_RE.pattern}))", text):
        suf = m.group(1)
        e = m.start() + len(suf)
        if e not in ends:
            continue
        i = at[m.start()]
        tok, begin = toks[i][0], toks[i][1]
        if len(suf) == 1 and not (tok == suf or len(tok) >= 3 or _unknown(tok, freq) and toks[i][2] == e
                                     and i > 0 and _unknown(toks[i - 1][0], freq)) \
                or suf == "局" and text[e - 2:e] in ORDINARY_JU or suf == "科" and tok != suf:
            continue  # 格局, 布局: ordinary words; 中联重科: a firm's; 市工/信局: unknown words are a name's
        if COUNTED.search(text, max(0, m.start() - 8), m.start()):
            continue  # 两个园区, 17个产业园区: a count of the names before, not a name
        typ = TYPE_OF_SUFFIX[suf]
        stop = PROJECT_STOP if typ in ("Project", "GovernmentBody", "Association", *DESC_TYPES) else STOP
        j = i - 1
        glued = next((k for k in (3, 2) if tok[:k] in LEAD_VERBS | GLUED_VERBS and begin + k < m.start()), 0)
        if glued:  # 创建国家级园区 one word (a known name): the verb is not the name's
            begin, j = begin + glued, -1
        while j >= 0:
            w = toks[j][0]
            prev = toks[j - 1][0] if j > 0 else ""
            nxt = toks[j + 1][0] if j + 1 < len(toks) else ""
            inner_and = (w in "和与及" and typ == "GovernmentBody" or w in "与及" and typ in (
                *DESC_TYPES, "AcademicInstitution")) \
                and (prev not in stop or typ == "GovernmentBody" and prev in SOFT_STOP) and not SUFFIX_END.search(prev) \
                and j < i - 1  # 金融机构与园区: nothing between 与 and the suffix, two things
            desc = typ in DESC_TYPES and w == "的" and prev in DESC_BEFORE
            if desc and _named_head(toks, j + 1, freq, named_at):
                break  # 线路板产业链为主的衡阳建滔电子信息产业园: the name begins after the description
            if w == "以" and typ in DESC_TYPES and "为" in text[toks[j][1]:e]:
                after = next((k for k in range(j + 1, i) if toks[k][0] == "的"), None)
                begin = toks[after + 1][1] if after is not None and _named_head(toks, after + 1, freq, named_at) \
                    else toks[j][1]
                break
            if typ == "GovernmentBody" and (w in LEVEL or _unknown(w, freq) and w[-1] in LEVEL) \
                    and TYPE_OF_SUFFIX.get(prev + w) != "Park":  # 产业园/区/管委会: the 区 of 产业园区
                begin = toks[j][2] - 1  # 市政协, 省发改委, 报/市/发展改革委: the level begins a body's name
                break
            if _unknown(w, freq) and w.endswith("以"):
                break  # 做大做强以祝融学院: the segmenter's unknown word 强以 ends before the name
            if _glued_function_char(w, prev, freq, stop):
                begin = toks[j][1] + 1  # 深化同中核集团: 同 is not part of the name
                break
            desc = desc or w == "为" and typ in DESC_TYPES and any(
                t[0] == "以" for t in toks[max(0, j - 8):j]) and bool(CJK_RE.fullmatch(prev[-1:]))  # 以X为引领的
            firm_head = typ == "Enterprise" and w == "国家" and (j == 0 or prev in stop or not CJK_RE.fullmatch(prev[-1:]))
            if firm_head:
                begin = toks[j][1]  # 国家电投集团: a state firm's name
                break
            if _is_stop(w, stop, nxt) and not (inner_and or desc or typ == "GovernmentBody" and w in SOFT_STOP):
                if w in SOFT_STOP and w not in LEAD_VERBS and typ in DESC_TYPES:  # 加快建设X园: not 建设X园
                    lead = _lead_verb_before(toks, j, e, stop)
                    if lead is not None and lead + 1 < j:  # 加快发展特色园区: 发展 the clause's verb
                        begin = toks[lead + 1][1]
                break
            if w in ")）":  # a place in brackets inside a company's name: 建滔(衡阳)实业有限公司
                opening = next((i for i in range(j - 1, max(j - 6, -1), -1) if toks[i][0] in "(（"), None)
                if opening and e - toks[opening - 1][1] <= MAX_NAME and toks[opening - 1][0] not in stop \
                        and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]", toks[opening - 1][0][-1]) \
                        and not ORDINAL.fullmatch(text[toks[opening][2]:toks[j][1]]):  # （二）园区: a heading
                    begin, j = toks[opening][1], opening - 1
                    continue
                break
            if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·.“”+]+", w) or (
                    re.fullmatch(r"[\d.]+", w) and not (typ in DESC_TYPES and prev == "年产")):
                break
            if e - toks[j][1] > (MAX_PROJECT if typ == "Project" or suf in BRANCH_SUFFIXES else MAX_NAME):
                break  # a firm's project: its full name and what it builds
            begin = toks[j][1]
            j -= 1
        while begin < m.start() and text[begin] in "和与及":
            begin += 1
        name = text[begin:e]
        park_before = SUFFIX_END.search(name[:-len(suf)]) if typ == "Park" else None
        if j >= 0 and toks[j][0] in ("各", "各级") and toks[j][2] == begin or park_before and len(
                park_before.group(0)) >= 3 and TYPE_OF_SUFFIX[park_before.group(0)] == "Park":
            continue  # 各县市区人民政府: every one; X开发区园区: the park X开发区 and a word
        if suf == "航线" and not re.search("至|直飞|到|—|-", name):
            continue  # 直飞北京航线, 衡阳至深圳航线: a route names where it goes
        short = len(name) - len(suf) < 2 and not (typ == "GovernmentBody" and name[0] in LEVEL and len(name) >= 3)
        if short or not CJK_RE.search(name[:-len(suf)]):
            continue
        if typ == "Project" and (ph := PHASE.match(text, e)) and (ph.end() in ends or ph.end() == len(text)):
            e = ph.end()  # 标准厂房(一期): the phase is part of the project's name
            name = text[begin:e]
        if (begin, e) in seen:
            continue
        seen.add((begin, e))
        out.append(NewName(begin, e, name, typ, f"new name: suffix {suf}", 0.8 if len(suf) >= 2 else 0.6, suf))
    return out
