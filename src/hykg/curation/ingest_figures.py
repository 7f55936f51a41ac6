"""Figures a document states: statistics (value, unit, period, growth rates) and targets (力争2025年…达…,
突破, 以上), each with its indicator and subject.

>>> from .ingest_text import normalise
>>> [(f.indicator, f.value, f.unit, f.period, f.kind) for f in find_figures(normalise(
...     "1至9月，全市规模工业增加值同比增长7.2%。力争2025年全市工业总产值突破5000亿元。"), [])]
[('规模工业增加值同比增长', '7.2', '%', '1至9月', 'statistic'), ('全市工业总产值', '5000', '亿元', '2025年', 'target')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ingest_entities import EntityCandidate
from .ingest_relations import mentions, quote
from .ingest_text import Normalised

UNITS = ("万亿元 亿美元 万美元 亿元 万元 元 个百分点 % 万人次 万人 万户 万亩 万吨 万千瓦 万平方米 平方公里 平方米 千瓦 公里 亩 吨 "
         "倍 个 家 条 项 户 人 名 所 座 台 套 件 次 位 批 栋 吨标准煤").split()
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[一二两三四五六七八九十百千零〇]+)"
UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
FIGURE = re.compile(NUMBER + r"\s*(?P<unit>" + UNIT_RE + r")(?P<qual>以上|左右|多|余)?")
PERIOD = re.compile(r"(?:20\d\d|19\d\d)年(?:1[-至~—]\d{1,2}月|前三季度|上半年|下半年|[一二三四]季度|全年|\d{1,2}月份?)?"
                    r"|1[-至~—]\d{1,2}月|前三季度|上半年|下半年|第?[一二三四]季度|前\d{1,2}个?月|\d{1,2}月份")
TARGET_WORDS = re.compile(r"力争|争取|到20\d\d年|至20\d\d年|目标|确保|预计|计划|将达|20\d\d年前")
LEAD = re.compile(r"^(?:实现|完成|力争|争取|确保|预计|计划|到|至|其中|全年|同比|累计|共|合计|目前|截至目前|今年以来|去年|今年|以上|此外|另外|同时|并|和|与|及|、)+")
TRAIL = re.compile(r"(?:实现|完成|达到|达|突破|为|是|共|有|累计|合计|约|近|超过|超|总计|分别|增至|提升到|提高到|提升至|"
                   r"提高至|达到了|优化为|控制在|保持在|稳定在|占比|以上|了)+$")
CLAUSE = re.compile(r"[^，,。；;！？\n]+")


@dataclass
class FigureCandidate:
    """A figure: subject (known id, candidate id, or None: not stated), indicator, value, unit, period,
    ``kind`` (statistic or target), qualifier (at_least, about or None), the span."""

    candidate: str
    subject: str | None
    indicator: str
    value: str
    unit: str
    period: str | None
    kind: str
    span: str
    confidence: float
    why: str
    qualifier: str | None = None


def cn_number(text: str) -> str | None:
    """A Chinese numeral (up to the thousands) as digits, else None.

    >>> cn_number("二十五"), cn_number("十四"), cn_number("一百零八"), cn_number("八")
    ('25', '14', '108', '8')
    """
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
    return str(total + (digit or 0))


def _value(raw: str) -> str | None:
    if raw[0].isdigit():
        return raw.replace(",", "")
    return cn_number(raw)


def find_figures(norm: Normalised, ents: list[EntityCandidate]) -> list[FigureCandidate]:
    """The figure candidates of a document, ids ``n1``, ``n2`` ... (see the module docstring)."""
    text = norm.text
    ats = mentions(ents)
    hengyang = next((c.linked for c in ents if c.known and c.type == "Place" and c.label.startswith("衡阳")), None)
    out: list[FigureCandidate] = []
    doc_period = None
    for sm in re.finditer(r"[^。！？!?；;\n]+", text):
        ss, sent = sm.start(), sm.group(0)
        speriod = PERIOD.search(sent)
        if speriod:
            doc_period = speriod.group(0) if not re.fullmatch(r"20\d\d年", speriod.group(0)) else doc_period
        target = bool(TARGET_WORDS.search(sent))
        deadline = re.search(r"(?:到|至|力争|争取)(20\d\d)年|(20\d\d)年(?:前|底前)", sent)
        last_ind = ""
        for cm in CLAUSE.finditer(sent):
            cs, clause = ss + cm.start(), cm.group(0)
            pos = 0
            for fm in FIGURE.finditer(clause):
                value = _value(fm.group("num"))
                if value is None or (fm.group("unit") == "年"):
                    continue
                if re.match(r"\d{4}$", value) and clause[fm.end("num"):fm.end("num") + 1] == "年":
                    continue
                before = clause[pos:fm.start()]
                pos = fm.end()
                cperiod = PERIOD.search(clause)
                before_clean = PERIOD.sub("", before)
                before_clean = re.sub(r"^(?:全市|全省|全县|全区|我市)", "", before_clean.strip())
                before_clean = LEAD.sub("", before_clean)
                ind = TRAIL.sub("", before_clean).strip()
                growth = re.search(r"(?:同比)?(?:增长|下降|增速|提高|增加|减少)$", TRAIL.sub("", before.strip()))
                if not ind or len(ind) < 2:
                    ind = (last_ind + "增长") if growth and last_ind else last_ind
                elif growth and len(ind) <= 6 and last_ind and fm.group("unit") == "%":
                    ind = last_ind + ind
                if not ind:
                    continue
                if len(ind) > 24:
                    ind = ind[-24:]
                if not growth:
                    last_ind = ind
                is_target = target and (deadline is not None or fm.group("qual") == "以上" or "突破" in before)
                period = None
                if is_target:
                    period = f"{deadline.group(1) or deadline.group(2)}年" if deadline else None
                elif cperiod:
                    period = cperiod.group(0)
                elif speriod:
                    period = speriod.group(0)
                subj_at = next((a for a in reversed(ats) if ss <= a.s and a.e <= cs + fm.start()
                                and a.type not in ("Product",)), None)
                subject = subj_at.ref if subj_at else hengyang if re.search(r"全市|我市|衡阳", sent) else None
                qual = fm.group("qual")
                qualifier = "at_least" if qual in ("以上", "多", "余") or "突破" in before[-4:] or "超过" in before[-4:] \
                    else "about" if qual == "左右" or before.endswith(("约", "近")) else None
                start = cs + max(0, fm.start() - len(before.strip()[-20:]))
                out.append(FigureCandidate(
                    "", subject, ind, value, fm.group("unit"), period, "target" if is_target else "statistic",
                    quote(norm, start, cs + fm.end()), 0.7 if period else 0.5,
                    ("target: " if is_target else "statistic: ") + "number and unit"
                    + (f", period {period}" if period else ", no period in the sentence")
                    + (", growth rate" if growth else ""), qualifier))
    for i, f in enumerate(out, 1):
        f.candidate = f"n{i}"
    return out
