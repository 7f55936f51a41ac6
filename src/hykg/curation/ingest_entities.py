"""Entities in a document for ingest: known ones by name and alias on word boundaries, linked to their
ids; longer and shorter forms of known names proposed as possible identities; new ones by suffix
patterns, lists (:mod:`.ingest_lists`: A、B等企业, the neighbours of a known firm), cut on the segmenter's
word boundaries; their 简称 introductions and later short forms (:mod:`.ingest_aliases`) aliases.

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

from .ingest_lists import THING_TYPES, enumerations, list_neighbours
from .ingest_names import COMPANY_WORDS, LOCATED_TYPES, PHASE, PREFIX_OF_TYPE, TYPE_OF_SUFFIX, NewName, new_names
from .ingest_text import Normalised, normalise

__all__ = ["PREFIX_OF_TYPE", "TYPE_OF_SUFFIX", "KnownEntity", "EntityCandidate", "find_entities"]

#: Leading place words stripped to get a name's core (衡阳市建滔 -> 建滔).
PLACE_HEAD = re.compile(r"^(?:中国|湖南省?|湖南|香港|衡阳市?|衡阳|[\u4e00-\u9fff]{2}[市县区])")
ORG_TAIL = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团|公司|科技|实业|控股|股份|新材料|"
                      r"电子|化工|电源)+$")
MAX_NAME = 22
#: Known names this long are matched without the word-boundary check (the segmenter may cut them).
LONG_NAME = 4
#: Types whose labels are descriptions made by the curators, not names a text uses.
UNNAMED_TYPES = frozenset({"Statement", "SourceDocument", "Statistic", "Target", "Post", "MaterialFlow",
                           "ParkResourceFlow", "ProjectBatch", "Indicator"})
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class KnownEntity:
    """An entity of the graph: id, type, label (zh), every name it goes by (label and aliases) and the
    ids it is declared the same as (``skos:exactMatch``: the same chain in two lists)."""

    id: str
    type: str
    label: str
    names: tuple[str, ...]
    same_as: tuple[str, ...] = ()


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
    same_as: list[str] = field(default_factory=list)

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
        if (s in bounds and e in bounds) or len(name) >= LONG_NAME:
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


def same_hub(ids: tuple[str, ...], by_id: dict[str, KnownEntity]) -> str | None:
    """The one of several ids sharing a name that every other is declared the same as, if any.

    >>> k = {"chain/x": KnownEntity("chain/x", "IndustrialChain", "X链", ("X链",)),
    ...      "chain/l4-x": KnownEntity("chain/l4-x", "IndustrialChain", "X链", ("X链",), ("chain/x",))}
    >>> same_hub(("chain/l4-x", "chain/x"), k), same_hub(("chain/x",), k)
    ('chain/x', None)
    """
    distinct = sorted(set(ids))
    if len(distinct) < 2:
        return None
    for declared_by_others in (True, False):  # first the one the others point to, then either way
        for h in distinct:
            if all(h in by_id[o].same_as or (not declared_by_others and o in by_id[h].same_as)
                   for o in distinct if o != h):
                return h
    return None


def find_entities(norm: Normalised, known: list[KnownEntity]) -> list[EntityCandidate]:
    """The entity candidates of a normalised document (see the module docstring)."""
    by_id = {k.id: k for k in known}
    names: dict[str, list[str]] = {}
    for k in known:
        for n in k.names:
            written = normalise(n).text
            if len(written) >= 2:
                names.setdefault(written, []).append(k.id)
    shorts: dict[str, list[str]] = {}
    for k in known:
        if k.type not in ("Enterprise", "FinancialInstitution", "Park"):
            continue
        for n in k.names:
            short = core(normalise(n).text)
            if short in COMPANY_WORDS:
                continue  # 湖南精工: 精工 alone is a company word, not the firm
            if short != n and short not in names and len(short) >= 2:
                shorts.setdefault(short, []).append(k.id)
    words = user_words(known)
    toks = _bank_edges(tokens(norm.text, words))
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
    freq = _segmenter(words).FREQ
    named_at = frozenset(h[0] for h in known_hits if by_id[h[3][0]].type not in THING_TYPES - {"Place"})
    found = new_names(norm, toks, freq, named_at, enumerations(norm, toks, freq, named_at))
    typed = [(n.start, n.end, n.type, n.confidence >= 0.6) for n in found]
    found += _phases(text, known_hits, by_id) + list_neighbours(
        text, toks, typed + [(h[0], h[1], by_id[h[3][0]].type, True) for h in known_hits], freq)
    # new names first: a known name inside a longer new name is that name's part, not a mention
    for nn in found:
        s, e, suf, typ = nn.start, nn.end, nn.suffix, nn.type
        label = text[s:e]
        if label in names or (suf and typ != "GovernmentBody" and label[:-len(suf)] in names
                              and label[:-len(suf)] != label
                              and by_id[names[label[:-len(suf)]][0]].type == typ):
            continue  # a known name (万魔声学智造群项目: the project 万魔声学智造群)
        inner = [h for h in known_hits if s <= h[0] and h[1] <= e and (h[0], h[1]) != (s, e)]
        # a known place or park in front of the name is where it is, not part of it
        while inner and inner[0][0] == s and by_id[inner[0][3][0]].type in ("Place", "Park", "CharacteristicTown") \
                and (by_id[inner[0][3][0]].type == "Park" or typ in LOCATED_TYPES and typ not in ("Project", "IndustrialBase")
                     or nn.nested and typ != "Enterprise" or by_id[inner[0][3][0]].type == "CharacteristicTown") \
                and (typ not in ("Park", "Place") or PLACE_HEAD.sub("", label) == inner[-1][2]
                     or by_id[inner[0][3][0]].type == "CharacteristicTown") \
                and e - inner[0][1] > max(2, len(suf)):  # 南岳机场扩建: the place is the project's name
            s = inner[0][1]
            inner = inner[1:]
            label = text[s:e]
        if len(label) - len(suf) < 2 and not (typ == "GovernmentBody" and len(label) >= 3) or label in names \
                or len(inner) >= 2 and sum(
                h[1] - h[0] for h in inner) == e - s and all(by_id[h[3][0]].type == "Enterprise" for h in inner):
            continue  # 京东华为: two known firms side by side
        if re.search(r"示范|试点|称号|名单", label):
            typ = "Recognition"
        linked, score, why = None, 0.0, nn.why
        for _hs, _he, hname, ids in inner:
            k = by_id[ids[0]]
            if k.type in ("Place",) or (k.type == "Park" and typ != "Park") or hname in TYPE_OF_SUFFIX:
                continue  # 衡阳市XX局, 松木经开区XX项目: a place or park before the name; 高新区: a suffix
            if k.type == typ or {k.type, typ} <= {"Enterprise", "FinancialInstitution"}:
                same = core(label) == core(hname)
                linked, score = k.id, 0.85 if same else 0.6
                why = (f"{nn.why}; a longer form of the known {hname} ({k.id}): possible identity, "
                       "review before linking")
                break
        for hs, he, _n, _ids in inner:
            if linked is not None and _ids[0] == linked and score > 0.6 and not nn.nested:
                for i in range(hs, he):
                    covered[i] = True
        conf = nn.confidence
        add("new:" + label, lambda label=label, typ=typ, linked=linked, score=score, why=why, conf=conf:
            EntityCandidate("", label, typ, [], linked, score, conf, why), _mention(norm, s, e))
    new_spans = [(nn.start, nn.end) for nn in found]
    for s, e, name, ids in known_hits:
        if any(covered[s:e]) or name in TYPE_OF_SUFFIX and any(a < s and e <= b for a, b in new_spans):
            continue  # 高新区 in 郴州高新区管委会: a known alias that is a suffix, here another name's
        hub = same_hub(ids, by_id)
        k = by_id[hub or ids[0]]
        declared = sorted(set(ids) - {k.id}) if hub else []
        score = 1.0 if len(set(ids)) == 1 or hub else round(1.0 / len(set(ids)), 2)
        why = f"known name {name} ({'label' if name == normalise(k.label).text else 'alias'} of {k.id})"
        if declared:
            why += f"; declared the same as {', '.join(declared)}"
        elif score < 1.0:
            why += f"; also the name of {', '.join(sorted(set(ids) - {k.id}))}: choose the entity"
        add("known:" + k.id, lambda k=k, score=score, why=why, declared=declared:
            EntityCandidate("", k.label, k.type, [], k.id, score, 0.95 if score == 1 else 0.5, why, same_as=declared),
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
    from .ingest_aliases import abbreviations, bare_kinds, inner_forms, short_forms

    abbreviations(text, cands, order, bounds, covered, lambda s, e: _mention(norm, s, e))
    short_forms(text, cands, order, bounds, freq, lambda s, e: _mention(norm, s, e))
    inner_forms(text, cands, order, bounds, lambda s, e: _mention(norm, s, e))
    bare_kinds(text, cands, order)
    out = [cands[k] for k in order]
    out.sort(key=lambda c: (c.mentions[0].nstart, c.label))
    for i, c in enumerate(out, 1):
        c.candidate = f"e{i}"
        c.mentions.sort(key=lambda m: m.nstart)
    return out


def _bank_edges(toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The segmenter's 分/行为 (湖南省分行为园区提供): the bank's 行 given back to 分, 支 or 银; and its
    经/会同县 (经会同县财政局: after consulting the county's bureau): the verb 会同 apart from the level."""
    out: list[tuple[str, int, int]] = []
    for w, s, e in toks:
        if w == "行为" and out and out[-1][0][-1:] in ("分", "支", "银"):
            pw, ps, _pe = out.pop()
            out += [(pw + "行", ps, s + 1), ("为", s + 1, e)]
        elif w.startswith("会同") and len(w) > 2 and out and out[-1][0] == "经":
            out += [("会同", s, s + 2), (w[2:], s + 2, e)]
        else:
            out.append((w, s, e))
    return out


def _phases(text: str, known_hits: list[tuple[int, int, str, tuple[str, ...]]], by_id: dict[str, KnownEntity]
            ) -> list[NewName]:
    """A known project's name with a phase after it (延伸产业(一期)): the phase, a project of its own."""
    out = []
    for s, e, name, ids in known_hits:
        if by_id[ids[0]].type == "Project" and (m := PHASE.match(text, e)):
            out.append(NewName(s, m.end(), text[s:m.end()], "Project", f"a phase of the known project {name}", 0.6))
    return out


def known_from_rows(rows: list[dict[str, Any]]) -> list[KnownEntity]:
    """Known entities from rows with ``id``, ``type``, ``label``, ``name`` and ``same`` (an id it is the
    same as; one name and one such id per row, either may be missing)."""
    acc: dict[str, dict[str, Any]] = {}
    for r in rows:
        d = acc.setdefault(str(r["id"]), {"type": str(r["type"]), "label": str(r["label"]), "names": [], "same": []})
        for key, into in (("name", "names"), ("same", "same")):
            if r.get(key) and str(r[key]) not in d[into]:
                d[into].append(str(r[key]))
    return [KnownEntity(i, d["type"], d["label"], tuple(dict.fromkeys([d["label"], *d["names"]])),
                        tuple(sorted(d["same"]))) for i, d in sorted(acc.items())]


def known_from_graph(kg: Any) -> list[KnownEntity]:
    """The named entities of a loaded graph (``rdfs:label``/``skos:altLabel`` in Chinese, one hykg type,
    ``skos:exactMatch``)."""
    from ..rdf import vocab

    rows = kg.rows("""SELECT ?e ?t ?l ?n ?x WHERE {
        ?e a ?t ; rdfs:label ?l . FILTER(lang(?l) = "zh" && STRSTARTS(STR(?t), STR(hykg:)))
        OPTIONAL { ?e skos:altLabel ?n . FILTER(lang(?n) = "zh") }
        OPTIONAL { ?e skos:exactMatch ?x } }""")
    def text(v: Any) -> str:
        return str(v[0]) if isinstance(v, tuple) else str(v)

    out = []
    for r in rows:
        eid = vocab.id_of(str(r["e"]))
        t = str(r["t"]).rsplit("#", 1)[-1]
        if "/" not in eid or eid.startswith(("stmt/", "doc/")) or t in UNNAMED_TYPES:
            continue
        out.append({"id": eid, "type": t, "label": text(r["l"]), "name": text(r["n"]) if r.get("n") else None,
                    "same": vocab.id_of(str(r["x"])) if r.get("x") else None})
    return known_from_rows(out)
