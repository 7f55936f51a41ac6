"""Normalising a document for ingest: Traditional -> Simplified, full -> half width, stray spaces and
inserted pinyin dropped, with an offset map back to the text as written (quotes stay verbatim).

>>> n = normalise("衡陽 市（héng yáng）松木經開區２０２４年")
>>> n.text
'衡阳市松木经开区2024年'
>>> n.original(0, 3), n.script
('衡陽 市', 'traditional')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

CJK_CHAR = r"[\u3400-\u9fff\uf900-\ufaff]"
#: Pinyin inserted after Chinese text, e.g. 衡阳（héng yáng）: dropped from the normalised text.
PINYIN = re.compile(r"[（(]\s*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]+(?:\s+[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]+)*"
                    r"\s*[)）]")
TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜǹň]")
#: Full-width forms kept as they are (Chinese punctuation the rules read).
KEEP_WIDE = set("，。、；：？！（）《》“”‘’【】")


@dataclass(frozen=True)
class Normalised:
    """The normalised text and, for each of its characters, the offset of the original character."""

    text: str
    offsets: list[int]
    source: str
    script: str  # "simplified" or "traditional"

    def original(self, start: int, end: int) -> str:
        """The span of the text as written that the normalised span ``start:end`` came from."""
        a, b = self.span(start, end)
        return self.source[a:b]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the normalised span ``start:end``."""
        if end <= start:
            a = self.offsets[start] if start < len(self.offsets) else len(self.source)
            return a, a
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


#: Characters of Taiwan's chemical and materials vocabulary that OpenCC's t2s leaves as they are
#: (its tw2sp converts them only inside phrases it knows, and may change a text's length).
TAIWAN_CHARACTERS = str.maketrans({"醯": "酰", "矽": "硅"})


def to_simplified(text: str) -> str:
    """Traditional -> Simplified, character for character (same length: offsets stay valid).

    >>> to_simplified("衡陽電科"), to_simplified("己內醯胺、矽片")
    ('衡阳电科', '己内酰胺、硅片')
    """
    if not text:
        return text
    conv = _converter()
    out = conv.convert(text)
    if len(out) != len(text):
        out = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in text)
    return str(out).translate(TAIWAN_CHARACTERS)


def _half(ch: str) -> str:
    code = ord(ch)
    if ch in KEEP_WIDE:
        return ch
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def normalise(source: str) -> Normalised:
    """Normalise ``source``: width, script, spaces between Chinese characters, inserted pinyin."""
    drop = [False] * len(source)
    for m in PINYIN.finditer(source):
        inner = m.group(0)
        if TONE.search(inner) or (m.start() > 0 and re.match(CJK_CHAR, source[m.start() - 1])
                                  and len(inner) > 4 and inner[1:-1].replace(" ", "").islower()):
            for i in range(m.start(), m.end()):
                drop[i] = True
    half = "".join(_half(ch) for ch in source)
    # spaces (and tabs) with Chinese text or Chinese punctuation on both sides are stray
    for m in re.finditer(r"[ \t\u3000\u00a0]+", half):
        before = half[m.start() - 1] if m.start() > 0 else ""
        after = half[m.end()] if m.end() < len(half) else ""
        cjkish = re.compile(CJK_CHAR + r"|[，。、；：？！（）《》“”%]|\d")
        if before and after and (re.match(CJK_CHAR, before) or re.match(CJK_CHAR, after)) \
                and cjkish.match(before) and cjkish.match(after):
            for i in range(m.start(), m.end()):
                drop[i] = True
    kept = [i for i in range(len(source)) if not drop[i]]
    simple = to_simplified(half)
    text = "".join(simple[i] for i in kept)
    changed = sum(1 for a, b in zip(half, simple, strict=True) if a != b)
    cjk = len(re.findall(CJK_CHAR, half)) or 1
    script = "traditional" if changed >= max(2, 0.02 * cjk) else "simplified"
    return Normalised(text, kept, source, script)
