"""New names from lists: the items of A、B、C等企业, a firm at the head of a listed capacity, short banks, honoured firms.

>>> from .ingest_text import normalise
>>> from .ingest_entities import _segmenter, tokens
>>> n = normalise("引进甲乙软件、丙丁科技等30余家数字经济引领型企业。")
>>> [(x.label, x.type) for x in enumerations(n, tokens(n.text), _segmenter(()).FREQ)]
[('丙丁科技', 'Enterprise'), ('甲乙软件', 'Enterprise')]
"""

from __future__ import annotations

import re
from typing import Any

from .ingest_names import CJK_RE, ITEM_CHAR, PROJECT_STOP, STOP, SUFFIX_END, NewName, _name_like

#: The type noun after an enumeration: A、B、C等(30余家)(数字经济引领型)企业.
ENUM_TAIL = re.compile(r"等(?:等)?(?:\d+|[一二三四五六七八九十百千两]+)?(?:余|多)?(?:个|家|条|大|批|一批)?"
                       r"(?P<mod>[\u4e00-\u9fff\d]{0,8}?)"
                       r"(?P<noun>企业|公司|项目|产业集群|集群|园区|产业园|基地|银行|金融机构|高校|院校|协会|商会|客商)")
NOUN_AFTER = re.compile(ENUM_TAIL.pattern.split("(?P<noun>")[1].rstrip(")"))
#: Words in the modifier before the type noun that make the items something else (A、B等领域的企业).
NOT_ITEMS = re.compile("的|领域|方面|行业|产品|环节|类|地区|城市|国家")
ENUM_TYPE = {"企业": "Enterprise", "公司": "Enterprise", "项目": "Project", "产业集群": "IndustrialCluster",
             "集群": "IndustrialCluster", "园区": "Park", "产业园": "Park", "基地": "IndustrialBase",
             "银行": "FinancialInstitution", "金融机构": "FinancialInstitution", "高校": "AcademicInstitution",
             "院校": "AcademicInstitution", "协会": "Association", "商会": "Association", "客商": "Enterprise"}
#: A firm at the head of a listed capacity: 恒大智电年产3000辆新能源客车, 新敏雅150亿瓦时高能比电池.
CAPACITY_HEAD = re.compile(r"(?!年)([\u4e00-\u9fff]{2,6}?)(?=年产|年加工|年处理|\d)")
#: Type nouns whose lists name industries more often than entities (有色金属、轨道交通等产业集群).
INDUSTRY_NOUNS = frozenset({"产业集群", "集群", "园区", "产业园", "基地"})
MAX_ITEM = 16


def _cut_leading(text: str, toks: list[tuple[str, int, int]], j: int, pos: int) -> int:
    """Where the first item of a list begins: after the last verb or function word in front of it
    (引进了华为 -> 华为)."""
    k = j
    for w, _s, e in _within(toks, j, pos):
        if (w in STOP or w in PROJECT_STOP) and e < pos:
            k = e
    return k


def _within(toks: list[tuple[str, int, int]], a: int, b: int) -> list[tuple[str, int, int]]:
    """The tokens beginning in ``[a, b)`` (``toks`` in order of their start)."""
    from bisect import bisect_left

    lo = bisect_left(toks, a, key=lambda t: t[1])
    hi = bisect_left(toks, b, lo=lo, key=lambda t: t[1])
    return toks[lo:hi]


def _items_before(text: str, toks: list[tuple[str, int, int]], end: int) -> list[tuple[int, int]]:
    """The items of the 、-list ending at ``end``, right to left; an item after 、 is kept whole
    (油茶等农副产品种植加工, 懿科药用包材及医疗器械研发生产), the first cut after its lead verb."""
    pos, items = end, []
    while pos > 0:
        j = pos
        while j > 0 and ITEM_CHAR.fullmatch(text[j - 1]):
            j -= 1
        if j == pos:
            break
        inner = j > 0 and text[j - 1] == "、"
        items.append((j if inner else _cut_leading(text, toks, j, pos), pos))
        if not inner:
            break
        pos = j - 1
    return items


def _split(text: str, item: tuple[int, int], typ: str) -> list[tuple[int, int]]:
    """An item cut at 以及 (and, in a list of firms, at 和/及): 京东华为以及深兰科技."""
    s, e = item
    cuts = [m.span() for m in re.finditer("以及" if typ != "Enterprise" else "以及|和|及", text[s:e])]
    out, pos = [], s
    for a, b in cuts:
        out.append((pos, s + a))
        pos = s + b
    out.append((pos, e))
    return [(a, b) for a, b in out if b > a]


def enumerations(norm: Any, toks: list[tuple[str, int, int]], freq: Any = None,
                 named_at: frozenset[int] = frozenset()) -> list[NewName]:
    """The items of A、B、C等企业 (the type from the noun after 等), and the firm at the head of an
    item that lists its capacity (恒大智电年产3000辆新能源客车); an item of a list of projects names one
    when it is long or a known name (``named_at``: where they begin), a word the dictionary lacks or a
    Latin word is in it (陶瓷、电子信息等项目 name industries), and not when it opens with 年产."""
    text = norm.text
    out = []
    ends = {e for _w, _s, e in toks} | {m.start() for m in re.finditer("等", text)}  # 小商品/城等: 等 ends it
    starts = {s for _w, s, _e in toks}
    for m in re.finditer(r"等", text):
        tail = ENUM_TAIL.match(text, m.start())
        if not tail or NOT_ITEMS.search(tail.group("mod")):
            continue
        noun = tail.group("noun")
        if nxt := NOUN_AFTER.match(text, tail.end()):
            noun = nxt.group(0)  # 等园区企业: firms of the park
        typ = "Enterprise" if "强" in tail.group("mod") else ENUM_TYPE[noun]  # 等500强项目: firms
        items = _items_before(text, toks, m.start())
        names = sum(bool(SUFFIX_END.search(text[s:e])) for s, e in items) * 2 >= len(items)
        if len(items) < 2 and not (items and typ != "Enterprise"):
            continue
        for s, e in (part for item in items for part in _split(text, item, typ)):
            head = CAPACITY_HEAD.match(text, s, e)
            if head and head.end() in ends and s in starts:
                out.append(NewName(s, head.end(), head.group(1), "Enterprise",
                                   "the firm at the head of a listed capacity (X年产…)", 0.5))
                continue
            label = text[s:e].strip("“”\"")
            if not (2 <= len(label) <= MAX_ITEM) or s not in starts or e not in ends or label.endswith(noun) \
                    or not CJK_RE.search(label):
                continue
            if noun in INDUSTRY_NOUNS and not names or typ == "Project" and e - s <= 8 and not any(
                    ts in named_at or re.search("[A-Za-z]", w) or _name_like(w, freq) and not freq.get(w)
                    for w, ts, _e in _within(toks, s, e)) or typ == "Project" and label.startswith("年产"):
                continue  # 有色金属、轨道交通等产业集群, 人工智能、物联网等项目: industries, not names
            out.append(NewName(s, e, text[s:e], typ, f"an item of an enumeration ending in 等{noun}", 0.5))
    out.extend(_banks(text, starts))
    out.extend(honoured_firms(norm, toks))
    return out


BANK_LIST = re.compile(r"[\u4e00-\u9fff]{2,4}行(?:、[\u4e00-\u9fff]{2,4}行)+(?![\u4e00-\u9fff])|"
                       r"[\u4e00-\u9fff]{2,4}行(?:、[\u4e00-\u9fff]{2,4}行)+(?=等)")


def _banks(text: str, starts: set[int]) -> list[NewName]:
    """国开行、农发行: a list of short names ending in 行 names banks (each from a word boundary)."""
    out = []
    for m in BANK_LIST.finditer(text):
        pos = m.start()
        for item in m.group(0).split("、"):
            s = next((k for k in range(pos + len(item) - 3, pos - 1, -1) if k in starts), None)
            if s is not None and 3 <= pos + len(item) - s <= 5:
                out.append(NewName(s, pos + len(item), text[s:pos + len(item)], "FinancialInstitution",
                                   "a short bank name in a list of names ending in 行", 0.5))
            pos += len(item) + 1
    return out


#: Types that make a list one of things other than named entities (products, chains, places).
THING_TYPES = frozenset({"Product", "IndustrialChain", "ChainSegment", "Place", "Material"})


#: A word this frequent in the segmenter's dictionary is a common noun, no firm's name (人才, 资金).
COMMON_FREQ = 1000


def list_neighbours(text: str, toks: list[tuple[str, int, int]], typed: list[tuple[int, int, str, bool]],
                    freq: Any = None) -> list[NewName]:
    """The unnamed items of a 、-list whose named items are firms take their type: 支持国家电网、特变电工
    (特变电工 a known firm: 国家电网 a firm too). ``typed``: the spans found (start, end, type, and whether
    a firm found there is sure enough to vouch for its neighbours: known, or named with a company suffix);
    a list with a product, chain or place covering half an item or more is left alone, and an item
    that is a common word of the segmenter's dictionary (``freq``) is left out (比亚迪、人才、资金).

    >>> from .ingest_entities import tokens
    >>> t = "深化与腾讯、阿里、光云科技合作。"
    >>> [(n.label, n.type) for n in list_neighbours(t, tokens(t), [(3, 5, "Enterprise", True)])]
    [('阿里', 'Enterprise'), ('光云科技', 'Enterprise')]
    >>> list_neighbours("推动军民融合、纺织服装产业。", tokens("推动军民融合、纺织服装产业。"), [(9, 11, "Product", True)])
    []
    """
    starts = {s for _w, s, _e in toks}
    ends = {e for _w, _s, e in toks}
    by_span = {(s, e): t for s, e, t, _sure in typed}
    sure_at = {s for s, _e, t, sure in typed if sure and t == "Enterprise"}
    ending: dict[int, list[int]] = {}
    beginning: dict[int, list[int]] = {}
    for s, e in by_span:
        ending.setdefault(e, []).append(s)
        beginning.setdefault(s, []).append(e)
    things = [(s, e) for s, e, t, _sure in typed if t in THING_TYPES]
    out = []
    for sep in (i for i, c in enumerate(text) if c == "、"):
        if _in_list_before(text, sep):
            continue  # the list was read from its first separator
        items = _list_items(text, toks, sep, ending, beginning)
        found = [by_span.get(it) for it in items]
        named = [f for f in found if f]
        firms = named.count("Enterprise")
        if not any(f == "Enterprise" and s in sure_at for (s, _e), f in zip(items, found, strict=True)) \
                or firms < 2 and firms * 2 < len(named) or any(
                    2 * (min(e, b) - max(s, a)) >= e - s for (s, e), f in zip(items, found, strict=True) if not f for a, b in things):
            continue
        for (s, e), f in zip(items, found, strict=True):
            if f or not (2 <= e - s <= 8) or s not in starts or e not in ends or text[s:e] in STOP \
                    or not CJK_RE.fullmatch(text[s]) or any(not (e <= a or b <= s) for a, b, _t, _s in typed) \
                    or freq is not None and (freq.get(text[s:e]) or 0) > COMMON_FREQ:
                continue
            out.append(NewName(s, e, text[s:e], "Enterprise", "an item of a list of firms (its neighbours)", 0.45))
    return out


def _in_list_before(text: str, sep: int) -> bool:
    """The 、 at ``sep`` follows an item that itself follows a 、 (not the list's first separator)."""
    j = sep
    while j > 0 and ITEM_CHAR.fullmatch(text[j - 1]):
        j -= 1
    return j > 0 and text[j - 1] == "、"


def _list_items(text: str, toks: list[tuple[str, int, int]], sep: int, ending: dict[int, list[int]],
                beginning: dict[int, list[int]]) -> list[tuple[int, int]]:
    """The items of the 、-list whose first separator is at ``sep``: the first cut after its lead verb
    (unless a named span ends it), the last cut before its first stop word (unless a named span begins it)."""
    j = sep
    while j > 0 and ITEM_CHAR.fullmatch(text[j - 1]):
        j -= 1
    named_ending = [s for s in ending.get(sep, ()) if s >= j]
    first = (min(named_ending), sep) if named_ending else (_cut_leading(text, toks, j, sep), sep)
    around = [w for w, _s, _e in _within(toks, first[0] - 1, first[0] + 1)] if first[0] > j else []
    if not named_ending and len(around) == 2 and len(around[0]) == len(around[1]) == 1:
        first = (sep, sep)  # 与多牛资本: the one-character word 多 may be the name's or the verb's
    items = [first]
    pos = sep + 1
    while True:
        k = pos
        while k < len(text) and ITEM_CHAR.fullmatch(text[k]):
            k += 1
        if k < len(text) and text[k] == "、" and k > pos:
            items.append((pos, k))
            pos = k + 1
            continue
        named_starting = [e for e in beginning.get(pos, ()) if e <= k]
        if named_starting:
            items.append((pos, max(named_starting)))
        else:
            cut = next((s for w, s, _e in _within(toks, pos + 1, k) if w in STOP or w in PROJECT_STOP), k)
            if cut > pos:
                items.append((pos, cut))
        return items


#: A firm honoured as one: X获评为第五批制造业单项冠军示范企业, X被认定为高新技术企业.
HONOURED = re.compile(r"(?<=[，,。；;：:\n])(?P<x>[\u4e00-\u9fff]{2,10}?)(?:被|荣?获)?(?:评为|认定为|列为|入选|授予)"
                      r"[^，,。；;\n]{0,30}?(?:企业|公司)(?![\u4e00-\u9fff])")


def honoured_firms(norm: Any, toks: list[tuple[str, int, int]]) -> list[NewName]:
    """The subject of a clause honouring a firm (X获评为…示范企业): a firm, when it begins the clause and
    no stop word is in it.

    >>> from .ingest_text import normalise
    >>> from .ingest_entities import tokens
    >>> n = normalise("成效明显。星岭机油泵获评为第五批制造业单项冠军示范企业,我市企业入选百强企业。")
    >>> [x.label for x in honoured_firms(n, tokens(n.text))]
    ['星岭机油泵']
    """
    text = norm.text
    out = []
    for m in HONOURED.finditer(text):
        s, e = m.span("x")
        words = _within(toks, s, e)
        if words and words[0][1] == s and words[-1][2] == e and not any(
                w in STOP or w in PROJECT_STOP or w.endswith(("企业", "公司")) for w, _s, _e in words):
            out.append(NewName(s, e, m.group("x"), "Enterprise", "a firm honoured as one (X获评为…企业)", 0.5))
    return out
