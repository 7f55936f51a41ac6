"""Material flows a document states between the firms (and parks) of a sentence.

The rules: ``X利用Y(生产)的M``, ``X以Y的M为原料``, ``X所需的M由Y供应``, ``M为Y提供原材料``, ``X为/向Y提供M``,
``Y从X采购M``, ``依靠…的…资源``,
``X(副产)的M供应给Y`` (输送至, 直供); a firm named in full once may be named again by the head of its
name, with or without the place it begins with (湖南某某新能源有限公司 … 湖南某某 / 某某新能源).

>>> from .ingest_text import normalise
>>> from .ingest_entities import KnownEntity, find_entities
>>> n = normalise("恒光利用建滔的盐酸、烧碱。")
>>> ents = find_entities(n, [KnownEntity("ent/hg", "Enterprise", "恒光", ("恒光",)),
...                          KnownEntity("ent/kb", "Enterprise", "建滔", ("建滔",))])
>>> [(f.supplier, f.consumer, f.material["label"]) for f in find_flows(n, ents, [])]
[('ent/kb', 'ent/hg', '盐酸'), ('ent/kb', 'ent/hg', '烧碱')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .ingest_entities import EntityCandidate, KnownEntity
from .ingest_relations import MATERIALS, ORG_TYPES, _At, _at, _ending, _in, _sentences, mentions, quote
from .ingest_text import Normalised

#: What a firm provides that is no material (为企业提供服务、资金、平台 …).
SERVICE = re.compile(r"服务|支持|保障|资金|融资|贷款|担保|授信|平台|便利|帮助|指导|场地|厂房|环境|条件|机会|信息"
                     r"|技术|方案|咨询|培训|人才|政策|空间|订单|市场|渠道|借鉴|经验|动力|载体|用地|岗位|就业")
#: A company form at the end of a firm's full name (its head is what the text may call it after).
COMPANY_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)$")
#: What stands between a supplier and the material it supplies (其副产的, X生产的, X的).
MADE = r"(?:的?所?(?:副产|生产|产出|回收|富余|自产|产)(?:出)?的?|的)"


@dataclass
class FlowCandidate:
    """A material flow: supplier, consumer (ids or candidate ids) and the material (label, linked id)."""

    candidate: str
    supplier: str
    consumer: str
    material: dict[str, Any]
    span: str
    confidence: float
    why: str


#: Where a material's name ends: the verb of what is made of it (盐酸生产化工产品 -> 盐酸).
_MATERIAL_END = re.compile(r"(?:生产|制造|制备|加工|用于|用作|作为|进行|合成|供|来)")


def _materials(raw: str) -> list[str]:
    """The materials of an enumeration, each cut before a verb that follows it.

    >>> _materials("盐酸、烧碱生产化工")
    ['盐酸', '烧碱']
    """
    out = []
    for m in re.split(r"、|以及|和|及|与", raw):
        end = _MATERIAL_END.search(m)
        if end:
            m = m[:end.start()]
        m = re.sub(r"(?:等|等等)?(?:资源|原材料|原料)?$|(?:等|等等)(?:产品|材料)$", "", m)
        if m and len(m) <= 10:
            out.append(m)
        if end:
            break  # what follows the verb is the product, not another material
    return out


def _material(label: str, products: dict[str, str]) -> dict[str, Any]:
    return {"label": label, "linked": products.get(label)}


def find_flows(norm: Normalised, ents: list[EntityCandidate], known: list[KnownEntity]) -> list[FlowCandidate]:
    """The material flows of a document, ids ``f1``, ``f2`` ... (the materials linked to known products
    by name)."""
    products = {n: k.id for k in known if k.type == "Product" for n in k.names}
    text = norm.text
    parties = ORG_TYPES + ("Park",)
    ats = mentions(ents)
    places = {n for k in known if k.type == "Place" for n in k.names}
    shorts = short_forms(text, ents, ats, places | {re.sub(r"[省市县区]$", "", n) for n in places if len(n) >= 3})
    ats = sorted([a for a in ats if not any(b.s <= a.s and a.e <= b.e for b in shorts)] + shorts,
                 key=lambda a: (a.s, -a.e))  # 湖南恒丰 over the 恒丰 in it
    out: list[FlowCandidate] = []
    seen: set[tuple[str, str, str]] = set()

    def flow(sup: _At, con: _At, mats: list[str], s: int, e: int, conf: float, why: str, last: bool = False) -> None:
        named = set() if last else {text[a.s:a.e] for a in ats if a.type in parties and s <= a.s < e + 40}
        for mat in mats:
            if mat in named:
                break  # 盐酸、烧碱以及建衡的…: the list of materials ends at the next party
            if sup.ref == con.ref or (sup.ref, con.ref, mat) in seen:
                continue
            seen.add((sup.ref, con.ref, mat))
            out.append(FlowCandidate("", sup.ref, con.ref, _material(mat, products), quote(norm, s, e), conf, why))

    for ss, se in _sentences(text):
        here = _in(ats, ss, se)
        sent = text[ss:se]
        consumer: _At | None = None
        for m in re.finditer(r"(?:利用|使用|采用|消化|承接)", sent):
            con = _ending(here, m.start() + ss, parties)
            sup = _at(here, m.end() + ss, parties)
            if not (con and sup):
                continue
            consumer = con
            rest = text[sup.e:se]
            mm = re.match(MADE + MATERIALS, rest)  # 利用Y的M / 利用Y生产的M
            if mm:
                flow(sup, con, _materials(mm.group("mats")), con.s, sup.e + mm.end(), 0.8, "X利用Y的M: Y supplies M to X")
        for m in re.finditer(r"以(?=[^，,。；;]{2,40}?为(?:主要)?(?:原料|原材料))", sent):  # X以Y的M为原料
            con = _ending(here, m.start() + ss, parties) or next(
                (a for a in reversed(here) if a.e <= m.start() + ss and a.type in parties), None)
            sup = _at(here, m.end() + ss, parties)
            mm = re.match(MADE + MATERIALS + r"(?:等)?为(?:主要)?(?:原料|原材料)", text[sup.e:se]) if sup else None
            if con and sup and mm:
                flow(sup, con, _materials(mm.group("mats")), con.s, sup.e + mm.end(), 0.7,
                     "X以Y的M为原料: Y supplies M to X", last=True)
        for m in re.finditer(r"所需(?:要)?的?" + MATERIALS + r"(?:主要|均|全部|大多|大部分|多)?由(?P<at>(?:园区|区|园)内的?)?",
                             sent):  # X所需的M由Y供应
            con = _ending(here, m.start() + ss, parties) or next(
                (a for a in reversed(_in(ats, max(0, ss - 200), m.start() + ss)) if a.type == "Enterprise"), None)
            sup = next((a for a in here if m.end() + ss <= a.s <= m.end() + ss + 4 and a.type in parties), None)
            if con and sup and re.match(r"(?:负责)?(?:供应|提供|供给|配套|生产)", text[sup.e:se]) \
                    and not SERVICE.search(m.group("mats")):
                needed = re.sub(r"(?:主要|均|全部|大多|大部分|多)$", "", m.group("mats"))  # the adverb before 由
                flow(sup, con, _materials(needed), m.start() + ss, sup.e, 0.6,
                     "X所需的M由Y供应: Y supplies M to X (X: the firm named last before, where the text says 公司)",
                     last=True)
        for m in re.finditer(r"(?:以及|还有|和)(?P<sup>(?:(?!以及|还有|和)[^，。、]){2,12}?)的" + MATERIALS
                             + r"作为(?:原材料|原料)", sent):
            sup = next((a for a in here if a.s == m.start("sup") + ss and a.type in parties), None)
            if sup and consumer:
                flow(sup, consumer, _materials(m.group("mats")), m.start() + ss, m.end() + ss, 0.7,
                     "…以及Y的M作为原材料: Y supplies M to the consumer named before")
        for m in re.finditer(r"(?:生产的)?" + MATERIALS + r"(?:又|还|也)?为(?P<to>[^。；]{2,40}?)提供(?:了)?(?:原材料|原料|配套)",
                             sent):
            cons = [a for a in here if m.start("to") + ss <= a.s and a.e <= m.end("to") + ss and a.type in parties]
            sup = consumer if consumer and m.group(0).startswith("生产的") else next(
                (a for a in reversed(here) if a.e <= m.start() + ss and a.type in parties), None)
            mats = _materials(m.group("mats"))
            for c in cons:
                if sup:
                    flow(sup, c, mats, m.start() + ss, m.end() + ss, 0.7,
                         "M为Y提供原材料: the maker named before supplies M to Y")
        for m in re.finditer(r"依靠|依托|利用", sent):
            con = _ending(here, m.start() + ss, parties) or next(
                (a for a in reversed(here) if a.e <= m.start() + ss and a.type in parties), None)
            sup = _at(here, m.end() + ss, parties)
            if not (con and sup):
                continue
            mm = re.match(r"的" + MATERIALS + r"等?资源", text[sup.e:se])
            if mm:
                flow(sup, con, _materials(mm.group("mats")), sup.s, sup.e + mm.end(), 0.7,
                     "X依靠Y的M资源: Y supplies M to X")
        for m in re.finditer(r"(?:通过管道|经管道|以管道)?(?:(?:供应|供给|销售|提供|输送|出售)给|输送至|输送到|输往|送往|直供|直送)", sent):
            con = _at(here, m.end() + ss, parties)
            cl = max([ss] + [ss + i + 1 for i, ch in enumerate(sent[:m.start()]) if ch in "，,：:"])
            if con is None:
                continue
            for sup in [a for a in here if cl <= a.s and a.e <= m.start() + ss and a.type in parties] + [None]:
                pos = sup.e if sup else cl
                mm = re.fullmatch((r"" if sup else r"(?:其|该公司|该企业|它)") + MADE + MATERIALS, text[pos:m.start() + ss])
                if mm and sup is None:  # 其副产的M: the firm the sentence named before
                    sup = next((a for a in reversed(here) if a.e <= cl and a.type in parties), None)
                if mm and sup:
                    flow(sup, con, _materials(mm.group("mats")), sup.s if sup.s >= cl else cl, con.e, 0.8,
                         "X(副产)的M供应给Y: X supplies M to Y")
                    break
        for m in re.finditer(r"(?:从|向)(?=[^，,。；;]{2,30}?(?:采购|购买|购进|购入))", sent):  # Y从X采购M
            con = _ending(here, m.start() + ss, ("Enterprise",))
            sup = _at(here, m.end() + ss, ("Enterprise",))
            mm = re.match(r"(?:采购|购买|购进|购入)(?:了)?" + MATERIALS + r"(?=[，,。；;]|$)", text[sup.e:se]) if sup else None
            if sup and con and mm and not SERVICE.search(mm.group("mats")):
                flow(sup, con, _materials(mm.group("mats")), con.s, sup.e + mm.end(), 0.7, "Y从X采购M: X supplies M to Y",
                     last=True)
        for m in re.finditer(r"(?:将|已|还|也|主要|长期|可)*(?:为|向)(?P<at>(?:园区|区|园)内的?)?", sent):
            sup = _ending(here, m.start() + ss, ("Enterprise",))
            con = _at(here, m.end() + ss, ("Enterprise",))
            mm = re.match(r"(?:批量|长期|稳定)?(?:提供|供应|供给|输送|销售)(?:了)?" + MATERIALS + r"(?=[，,。；;]|$)",
                          text[con.e:se]) if con else None
            if sup and con and mm and not SERVICE.search(mm.group("mats")):
                flow(sup, con, _materials(mm.group("mats")), sup.s, con.e + mm.end(), 0.7,
                     "X为/向Y提供M: X supplies M to Y", last=True)  # no party after the materials
    for i, f in enumerate(out, 1):
        f.candidate = f"f{i}"
    return out


def short_forms(text: str, ents: list[EntityCandidate], ats: list[_At], places: set[str]) -> list[_At]:
    """Mentions of a firm by an alias, or by the head of its full name (湖南某能 for 湖南某能新材料有限公司:
    at least four characters, two past a place it begins with), where no name was found.

    >>> c = EntityCandidate("e1", "湖南裕丰新材料有限公司", "Enterprise", [], None, 0.0, 0.5, "")
    >>> [(a.s, a.e, a.ref) for a in short_forms("湖南裕丰利用硫酸。", [c], [], {"湖南"})]
    [(0, 4, 'e1')]
    """
    from .ingest_places import ref_of

    out: list[_At] = []
    taken = [(a.s, a.e) for a in ats if a.type in ORG_TYPES]

    def add(s: int, e: int, ref: str) -> None:
        if not any(a < e and s < b and not (s <= a and b <= e) for a, b in taken):
            taken.append((s, e))  # not inside a longer name found, nor across one; a name it covers gives way
            out.append(_At(s, e, ref, "Enterprise"))

    for c in ents:
        if c.type != "Enterprise":
            continue
        for name in {c.label, *(text[m.nstart:m.nend] for m in c.mentions)}:
            if not (COMPANY_FORM.search(name) and len(name) >= 8):
                continue
            place = max([len(p) for p in places if name.startswith(p)] + [0])
            for skip in {0, place}:  # 湖南星光科技有限公司: 湖南星光… and 星光…
                part, least = name[skip:], 4 if skip else max(4, place + 2)
                pos = text.find(part[:least])
                while 0 <= pos and least < len(part) - 3:
                    k = least
                    while k < len(part) - 4 and pos + k < len(text) and text[pos + k] == part[k]:
                        k += 1
                    if not text.startswith(name, pos - skip):
                        add(pos, pos + k, ref_of(c))
                    pos = text.find(part[:least], pos + 1)
        for alias in c.aliases:
            pos = text.find(alias) if len(alias) >= 2 else -1
            while pos >= 0:
                add(pos, pos + len(alias), ref_of(c))
                pos = text.find(alias, pos + 1)
    return out
