"""Aliases a document gives its new entities: 简称 introductions, short forms of a full name used later (湘潭电化).

>>> from .ingest_entities import KnownEntity, find_entities
>>> from .ingest_text import normalise
>>> text = "长湖电化科技股份有限公司生产硫酸，长湖电化的硫酸供应园区。"
>>> [(e.label, e.aliases, len(e.mentions)) for e in find_entities(normalise(text), [])]
[('长湖电化科技股份有限公司', ['长湖电化'], 2)]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .ingest_names import NAME_FREQ, SUFFIX_END
from .ingest_words import COMPANY_WORDS

if TYPE_CHECKING:
    from .ingest_entities import EntityCandidate, Mention

ABBR = re.compile(r"[（(]\s*(?:以下简称|下称|简称)\s*[:：]?\s*[“\"「『]?([\u4e00-\u9fffA-Za-z0-9]{2,12})[”\"」』]?\s*[）)]")
#: Leading place words of a full name; what follows them in a short form must be a name (湘潭/电化).
PLACE_HEAD = re.compile(r"^(?:中国|[\u4e00-\u9fff]{2}(?:省|市|县|区)?)")
#: Types whose full names are shortened to their head in later mentions.
SHORTENED = ("Enterprise", "FinancialInstitution", "AcademicInstitution")
#: The shortest short form (a place and a two-character name: 湖南裕能).
MIN_SHORT = 4


def abbreviations(text: str, cands: dict[str, EntityCandidate], order: list[str], bounds: set[int],
                  covered: list[bool], mention: Callable[[int, int], Mention]) -> None:
    """简称 / 以下简称 introductions: the short name becomes an alias of the name before it, and its
    later occurrences its mentions, also where a known entity goes by that name (the text says what it
    means here: 综保区 of 郴州综合保税区, not the graph's 综保区)."""
    for m in ABBR.finditer(text):
        short = m.group(1)
        before = [c for c in cands.values() if any(mm.nend == m.start() for mm in c.mentions)]
        if not before:
            continue
        c = before[0]
        _drop(cands, order, "new:" + short)
        if short not in c.aliases:
            c.aliases.append(short)
            c.why += f"; 简称 {short} (introduced in the text)"
        pos = 0
        while (i := text.find(short, pos)) >= 0:
            pos = i + len(short)
            if m.start(1) <= i < m.end(1):
                _take_known(cands, order, i, pos)  # the introduced name itself is no known entity's
                continue
            if any(covered[i:pos]) and not (i > m.end() and _take_known(cands, order, i, pos)):
                continue
            if i in bounds or i == m.start(1):
                c.mentions.append(mention(i, pos))
                for k in range(i, pos):
                    covered[k] = True


def _drop(cands: dict[str, Any], order: list[str], key: str) -> Any:
    dup = cands.pop(key, None)
    if dup is not None:
        order.remove(key)
    return dup


def _take_known(cands: dict[str, EntityCandidate], order: list[str], s: int, e: int) -> bool:
    """Drop the known entities' mentions inside ``s:e`` (and an entity left with none); whether one was
    there (高新区 in 常德高新区, a short name the text introduced)."""
    hit = False
    for key in [k for k in order if k.startswith("known:")]:
        c = cands[key]
        kept = [m for m in c.mentions if not (s <= m.nstart and m.nend <= e)]
        if len(kept) < len(c.mentions):
            c.mentions[:] = kept
            hit = True
            if not kept:
                _drop(cands, order, key)
    return hit


def short_forms(text: str, cands: dict[str, EntityCandidate], order: list[str], bounds: set[int],
                freq: Any, mention: Callable[[int, int], Mention]) -> None:
    """A new firm's full name shortened elsewhere in the text to its head (湘潭电化科技股份有限公司, 湘潭电化):
    the longest head of four characters or more that begins and ends on word boundaries, a place and a
    name the dictionary does not know as a common word, and is no name of its own (中国银行 of
    中国银行郴州分行, a suffix's name) becomes an alias and its occurrences mentions; a new candidate
    with that label is merged into it."""
    taken = [(m.nstart, m.nend) for c in cands.values() for m in c.mentions]
    for key in list(order):
        c = cands.get(key)
        if c is None or not key.startswith("new:") or c.type not in SHORTENED or not c.mentions:
            continue
        full, first = c.label, c.mentions[0].nstart
        pos = 0  # a headline may shorten the name before the text gives it in full
        while (i := text.find(full[:MIN_SHORT], pos)) >= 0:
            pos = i + 1
            n = MIN_SHORT
            while n < len(full) and i + n < len(text) and text[i + n] == full[n]:
                n += 1
            short, e = full[:n], i + n
            if n == len(full) or i not in bounds or e not in bounds or first + n not in bounds \
                    or SUFFIX_END.search(short) or not _names_one(short, freq) \
                    or any(a < e and i < b and not (i <= a and b <= e) for a, b in taken):
                continue
            other = _drop(cands, order, "new:" + short)
            if other is not None:
                c.mentions.extend(m for m in other.mentions if all(m.nstart != x.nstart for x in c.mentions))
            if short not in c.aliases:
                c.aliases.append(short)
                c.why += f"; {short}: its short form in the text"
            if all(m.nstart != i for m in c.mentions):
                c.mentions.append(mention(i, e))
            taken.append((i, e))
            pos = e


#: The usual short forms of a park's long suffix (常德经济技术开发区 -> 常德经开区).
PARK_SHORT = (("经济技术开发区", "经开区"), ("经济开发区", "经开区"), ("高新技术产业开发区", "高新区"),
              ("高新技术开发区", "高新区"), ("综合保税区", "综保区"))


def inner_forms(text: str, cands: dict[str, EntityCandidate], order: list[str], bounds: set[int],
                mention: Callable[[int, int], Mention]) -> None:
    """Other short forms of a new name: a firm found on its own (before or after it) whose name is inside
    the full name after its place (湖南金健米业股份有限公司, 金健米业; :func:`_inside`), and a park's usual short
    suffix (常德经济技术开发区 ... 常德经开区); each becomes an alias of the full name and its occurrences mentions."""
    taken = [(m.nstart, m.nend) for c in cands.values() for m in c.mentions]
    for key in list(order):
        c = cands.get(key)
        if c is None or not key.startswith("new:") or not c.mentions:
            continue
        first = c.mentions[0].nend
        shorts = [c.label[:-len(long)] + short for long, short in PARK_SHORT
                  if c.type == "Park" and c.label.endswith(long) and len(c.label) - len(long) >= 2]
        if c.type in SHORTENED and SUFFIX_END.search(c.label):
            shorts += [o.label for k, o in cands.items() if k.startswith("new:") and o is not c and o.type == c.type
                       and len(o.label) >= MIN_SHORT and _inside(o.label, c.label)]
        for short in shorts:
            other = _drop(cands, order, "new:" + short)
            found = list(other.mentions) if other is not None else []
            pos = first
            while other is None and (i := text.find(short, pos)) >= 0:
                pos = i + len(short)
                if i in bounds and pos in bounds and not any(a < pos and i < b for a, b in taken):
                    found.append(mention(i, pos))
            if not found:
                continue
            c.mentions.extend(m for m in found if all(m.nstart != x.nstart for x in c.mentions))
            if short not in c.aliases:
                c.aliases.append(short)
                c.why += f"; {short}: its short form in the text"


def bare_kinds(text: str, cands: dict[str, EntityCandidate], order: list[str]) -> None:
    """A known entity named only by a bare kind word (高新区, 经开区: a suffix) is not meant where the text
    names a new park of that kind (常德高新区): its mentions there are dropped, not linked."""
    from .ingest_names import TYPE_OF_SUFFIX

    own = [n for k, c in cands.items() if k.startswith("new:") and c.type == "Park" for n in (c.label, *c.aliases)]
    for key in [k for k in order if k.startswith("known:")]:
        c = cands[key]
        bare = {text[m.nstart:m.nend] for m in c.mentions}
        if bare <= set(TYPE_OF_SUFFIX) and all(any(n.endswith(w) and n != w for n in own) for w in bare):
            _drop(cands, order, key)


def _inside(short: str, full: str) -> bool:
    """``short`` is ``full`` without its place (金健米业 in 湖南金健米业股份有限公司), or without its place and
    the words between its name and its company word (宏泰食品 in 湖南祁东宏泰黄花菜食品有限公司).

    >>> _inside("宏泰食品", "湖南祁东宏泰黄花菜食品有限公司"), _inside("宏泰食品", "湖南宏达食品有限公司")
    (True, False)
    """
    if 0 < full.find(short) <= 4:
        return True
    tail = next((w for w in sorted(COMPANY_WORDS, key=len, reverse=True) if short.endswith(w)), "")
    head = short[:-len(tail)] if tail else ""
    at = full.find(head) if len(head) >= 2 else -1
    return 0 < at <= 6 and full.find(tail, at + len(head)) > at


def _names_one(short: str, freq: Any) -> bool:
    """``short`` is a place and a name, not a place and a common word (中国石化: 石化 is a word).

    >>> from .ingest_entities import _segmenter
    >>> f = _segmenter(()).FREQ
    >>> _names_one("湘潭电化", f), _names_one("中国石化", f), _names_one("湖南省", f)
    (True, False, False)
    """
    head = PLACE_HEAD.match(short)
    rest = short[head.end():] if head else short
    return len(rest) >= 2 and (freq.get(rest) or 0) <= NAME_FREQ
