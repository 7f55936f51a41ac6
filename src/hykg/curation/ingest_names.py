"""New names in a document: suffix patterns (有限公司, 园区, 基地 ...), company words after a name-like
word (裕华化工), the items of an enumeration ending in a type noun (A、B、C等企业), and the parties of a
material flow (X利用Y的M), each cut on the segmenter's word boundaries.

>>> from .ingest_text import normalise
>>> from .ingest_entities import _segmenter, tokens
>>> n = normalise("引进了华为、中兴、博思软件等一批知名企业，金化科技产值增长。")
>>> sorted((x.label, x.type) for x in new_names(n, tokens(n.text), _segmenter(()).FREQ))
[('中兴', 'Enterprise'), ('华为', 'Enterprise'), ('博思软件', 'Enterprise'), ('金化科技', 'Enterprise')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

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
    ("物流园", "Park"), ("文创园", "Park"), ("生态园", "Park"), ("服饰园", "Park"), ("园中园", "Park"), ("示范园", "Park"),
    ("科技园", "Park"), ("软件园", "Park"), ("示范区", "Park"), ("自贸区", "Park"), ("科学城", "Park"), ("新城", "Park"),
    ("智造谷", "Park"), ("保税区", "Park"), ("工厂", "Project"), ("码头", "Project"), ("枢纽", "Project"),
    ("口岸", "Project"), ("保税仓", "Project"), ("中心", "Project"), ("服务中心", "GovernmentBody"),
    ("交易中心", "Project"), ("厂房", "Project"), ("海关", "GovernmentBody"), ("俱乐部", "Association"),
    ("示范点", "Park"), ("产业化基地", "IndustrialBase"), ("物流中心", "Project"), ("大数据中心", "Project"),
], key=lambda s: -len(s[0]))
#: Types whose names may describe (华中地区最大的盐卤化工基地, 以新能源汽车为引领的区域性汽车产业基地).
DESC_TYPES = ("IndustrialBase", "Park", "Project", "IndustrialCluster")
DESC_BEFORE = frozenset("最大 最强 最优 最长 领先 引领 龙头 为主 特色 主导 核心".split())
SUFFIX_RE = re.compile("|".join(re.escape(s) for s, _ in SUFFIXES))
TYPE_OF_SUFFIX = dict(SUFFIXES)
PREFIX_OF_TYPE = {"Enterprise": "ent", "Park": "park", "IndustrialBase": "base", "IndustrialCluster": "cluster",
                  "Project": "proj", "FinancialInstitution": "org", "Association": "org", "AcademicInstitution": "org",
                  "GovernmentBody": "org", "CharacteristicTown": "town", "IndustrialChain": "chain", "Product": "mat",
                  "Place": "place"}
#: Words that end a name going leftwards (verbs, function words, quantities).
STOP = set("的 和 与 及 或 在 为 是 对 将 把 由 向 等 了 从 到 经 被 以 于 其 该 个 家 条 项 批 多 各 等等 "
           "并 也 又 还 都 已 正 共 约 近 超 所 之 年 月 日 号 这 那 此 每 即 如 如下 包括 "
           "支持 建设 打造 推进 引进 引入 签约 落户 入驻 成立 组建 依托 依靠 深化 对接 引导 鼓励 加快 积极 全力 推动 实施 培育 创建 获批 "
           "完成 新增 投资 利用 提供 围绕 形成 建成 开工 竣工 投产 达产 启动 举行 召开 参加 参与 认定 评为 入选 "
           "列入 纳入 申报 争创 加强 提升 发展 壮大 做大 做强 推进 促进 服务 联合 合作 携手 牵头 主导 带动 "
           "重点 主要 大力 着力 全面 深入 持续 进一步 不断 努力 力争 确保 实现 达到 突破 位于 坐落 布局 "
           "拥有 集聚 聚集 汇聚 吸引 招引 招商 对接 洽谈 考察 调研 走访 指导 帮助 解决 协调 组织 开展 "
           "同时 其中 目前 今年 去年 全市 全省 全国 我市 我省 市 县 区 省 国家 以及 通过 按照 根据 关于 "
           "作为 成为 属于 负责 分别 相关 有关 一批 一个 一家 首个 首家 一 二 三 四 五 六 七 八 九 十 "
           "获得 荣获 授予 命名 挂牌 设立 设有 包含 含 涵盖 覆盖 拟 计划 预计 规划 谋划 储备 新引进 新建 新开工 "
           "大型 重大 优质 知名 龙头 骨干 规模 规上 重要 核心 首批 第一 第二 省级 国家级 市级 "
           "其他 开展 坚持 确保 全力以赴 抓 狠抓 刷新 处处 呈现 随着 汇聚 扎实 逐 夯实 聚焦 强化 当好 立足 "
           "制定 下好 正在 同 这片 "
           "建设 发挥 充分发挥 继续 跟踪 服务 筹建 建好 推行 做大做强 高标准 抓好 优化 紧扣 厚植 探索 探索出 协调 争当 全力支持 下好 基本实现 暂无 现有 我省 我市 每一个 一个个 不止 二季度".split())
#: Words that end a project's name going leftwards (its name may hold verbs: 回收利用项目).
PROJECT_STOP = set("的 和 与 及 等 在 为 是 对 将 把 由 向 了 从 到 被 以 于 其 该 个 批 多 各 共 约 近 超 如 包括 "
                   "签约 开工 竣工 投产 达产 引进 推进 落户 启动 实施 加快 完成 新增 支持 推动 打造 入选 列入 "
                   "纳入 全市 全省 我市 重点 重大 一批 首批 其中 目前 今年 去年 共有 有 组建 成立 依托 围绕 提出 "
                   "参加 举办 召开 获批 获评 荣获 评为 认定 依靠 深化 对接 引导 鼓励 支持 通过 经 向 "
                   "建成 形成 成为 着力 大力 积极 加强 发展 壮大 培育 创建 争创 申报 省级 推进 加快推进 "
                   "开展 坚持 确保 全力以赴 抓 狠抓 刷新 处处 呈现 随着 汇聚 扎实 逐 持续 夯实 聚焦 强化 当好 立足 "
                   "制定 下好 正在 位于 同 这片 一次 很多 这种 以上 "
                   "建设 发挥 充分发挥 继续 跟踪 服务 筹建 建好 推行 做大做强 高标准 抓好 优化 紧扣 厚植 探索 探索出 协调 争当 全力支持 下好 基本实现 暂无 现有 我省 我市 每一个 一个个 不止 二季度".split())
#: A count just before a suffix (两个园区, 30余家企业, 17个产业园区).
COUNTED = re.compile(r"(?:\d+|[一二两三四五六七八九十百几多]+)(?:余|多)?(?:个|家|座|批|处|所)(?:产业|省级|国家级)?$")
#: Types whose name a place in front of it is not part of (衡阳市XX项目 is the project XX项目).
LOCATED_TYPES = ("Project", "IndustrialBase", "IndustrialCluster", "IndustrialChain", "Park")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
MAX_NAME = 22
#: Words that end a company's short name after a name-like word (裕华化工, 金化科技, 恒飞电缆).
COMPANY_WORDS = frozenset("科技 化工 新材 新材料 软件 制药 药业 生物 电气 电工 电缆 米业 物流 汽车 机械 通信 精工 实业 电子 "
                          "电源 电力 锅炉 粮食 钢管 重工 材料 能源 光电 智能 资本 盐化 玻璃 股份 控股 食品 茶油 茶业 光伏 "
                          "新能源 威视 声学 车桥 铝业 铜业 锌业 矿业 钢铁 纺织 服饰 眼镜 陶瓷 纸业 建材 医疗 健康 网络 "
                          "信息 数据 云 智造 重机 机床 泵业 齿轮 轴承 环保 水泥 化学 油脂 农业 牧业 茶叶 旅游 文旅 地产 置业".split())
#: A word at most this frequent in the segmenter's dictionary is name-like (裕华 14, 中兴 684 is not).
NAME_FREQ = 100
#: The type noun after an enumeration: A、B、C等(一批)(知名)企业.
ENUM_TAIL = re.compile(r"等(?:等)?(?:\d+|[一二三四五六七八九十百千两]+)?(?:余|多)?(?:个|家|条|大|批|一批)?(?:世界|中国|全国)?(?:500强)?(?:千亿级?|百亿级?)?"
                       r"(?:知名|龙头|骨干|重点|优质|头部|规上|规模以上|园区|链上|上下游|配套|领军)?"
                       r"(?P<noun>企业|公司|项目|产业集群|集群|园区|产业园|基地|银行|金融机构|高校|院校|协会|商会)")
ENUM_TYPE = {"企业": "Enterprise", "公司": "Enterprise", "项目": "Project", "产业集群": "IndustrialCluster",
             "集群": "IndustrialCluster", "园区": "Park", "产业园": "Park", "基地": "IndustrialBase",
             "银行": "FinancialInstitution", "金融机构": "FinancialInstitution", "高校": "AcademicInstitution",
             "院校": "AcademicInstitution", "协会": "Association", "商会": "Association"}
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


def _name_like(word: str, freq: Any) -> bool:
    return bool(CJK_RE.search(word)) and len(word) >= 2 and word not in STOP and (freq.get(word) or 0) <= NAME_FREQ


def company_names(norm: Any, toks: list[tuple[str, int, int]], freq: Any) -> list[NewName]:
    """裕华化工: a name-like word (rare in the segmenter's dictionary) and a company word."""
    out = []
    for i in range(1, len(toks)):
        w, s, e = toks[i]
        if w not in COMPANY_WORDS:
            continue
        prev, ps, _pe = toks[i - 1]
        k = i - 1
        while len(prev) < 3 and k > 0 and len(toks[k][0]) == 1 and len(toks[k - 1][0]) == 1 \
                and CJK_RE.match(toks[k - 1][0]) and toks[k - 1][0] not in STOP:
            k -= 1
            prev, ps = toks[k][0] + prev, toks[k][1]
        if not _name_like(prev, freq):
            continue
        if i + 1 < len(toks) and toks[i + 1][0] in ("产业", "行业", "领域", "产业链", "板块", "专业"):
            continue  # 裕华化工 is a firm, 精细化工产业 an industry
        out.append(NewName(ps, e, prev + w, "Enterprise", f"new name: name-like {prev} + company word {w}", 0.55))
    return out


def enumerations(norm: Any, toks: list[tuple[str, int, int]]) -> list[NewName]:
    """The items of A、B、C等企业 (the type from the noun after 等)."""
    text = norm.text
    out = []
    ends = {e for _w, _s, e in toks}
    starts = {s for _w, s, _e in toks}
    for m in re.finditer(r"等", text):
        tail = ENUM_TAIL.match(text, m.start())
        if not tail:
            continue
        typ = ENUM_TYPE[tail.group("noun")]
        # items going leftwards, separated by 、
        pos, items = m.start(), []
        while pos > 0:
            j = pos
            while j > 0 and ITEM_CHAR.fullmatch(text[j - 1]):
                j -= 1
            item = text[j:pos]
            if not item:
                break
            # cut a verb or function word in front of the first item (引进了华为 -> 华为)
            k = j
            for w, s, e in toks:
                if j <= s < pos and (w in STOP or w in PROJECT_STOP) and e < pos:
                    k = e
            item_s = k
            if pos - item_s >= 2 and item_s in starts and pos in ends:
                items.append((item_s, pos))
            if item_s != j or j == 0 or text[j - 1] != "、":
                break
            pos = j - 1
        if len(items) < 2 and not (items and typ != "Enterprise"):
            continue
        for s, e in items:
            label = text[s:e].strip("“”\"")
            if len(label) < 2 or len(label) > 16:
                continue
            out.append(NewName(s, e, text[s:e], typ, f"an item of an enumeration ending in 等{tail.group('noun')}", 0.5))
    return out


FLOW_PARTY = re.compile(r"(?:利用|使用|依靠|依托)(?P<b>[\u4e00-\u9fff]{2,10}?)的")


def flow_parties(norm: Any, toks: list[tuple[str, int, int]], freq: Any) -> list[NewName]:
    """The parties of a material flow (X利用Y的M, 以及Y的M作为原材料): the words next to the verb."""
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
                     r"科技攻关|产业集群|产业链|现代农业|农产品加工|物流平台|新|[\u4e00-\u9fff]?[布格])*$")
#: Quotation marks and brackets a name does not begin or end with.
QUOTES = "“”\"'‘’「」『』《》"


def _trimmed(n: NewName, text: str) -> NewName | None:
    """``n`` without quotation marks or a year's 年 at its edges, or None when what is left is generic."""
    s, e = n.start, n.end
    while s < e and (text[s] in QUOTES or (text[s] == "年" and s > 0 and text[s - 1].isdigit())):
        s += 1
    while e > s and text[e - 1] in QUOTES:
        e -= 1
    label = text[s:e]
    stem = label[:-len(n.suffix)] if n.suffix and label.endswith(n.suffix) else label
    if len(label) < 2 or GENERIC.match(stem):
        return None
    return n if (s, e) == (n.start, n.end) else NewName(s, e, label, n.type, n.why, n.confidence, n.suffix)


def new_names(norm: Any, toks: list[tuple[str, int, int]], freq: Any) -> list[NewName]:
    """Every new-name rule's finds, one per span (the suffix rule first, then company words,
    enumerations, flow parties); overlapping finds of a later rule are left out, and generic ones
    (重大项目, 各类园区) and quotation marks at the edges dropped."""
    found: list[NewName] = []
    taken: list[tuple[int, int]] = []
    for batch in (suffix_names(norm, toks), company_names(norm, toks, freq), enumerations(norm, toks),
                  flow_parties(norm, toks, freq)):
        for raw in batch:
            n = _trimmed(raw, norm.text)
            if n is None or any(not (n.end <= s or e <= n.start) for s, e in taken):
                continue
            found.append(n)
            taken.append((n.start, n.end))
    return sorted(found, key=lambda n: n.start)




def suffix_names(norm: Any, toks: list[tuple[str, int, int]]) -> list[NewName]:
    """Spans of new names: a suffix pattern with the words before it up to a stop word."""
    text = norm.text
    at = [0] * (len(text) + 1)
    for i, (_w, s, e) in enumerate(toks):
        for k in range(s, e):
            at[k] = i
    ends = {e for _w, _s, e in toks}
    out: list[NewName] = []
    for m in SUFFIX_RE.finditer(text):
        suf, e = m.group(0), m.end()
        if e not in ends:
            continue
        i = at[m.start()]
        tok, begin = toks[i][0], toks[i][1]
        if len(suf) == 1 and not (tok == suf or len(tok) >= 3):
            continue  # 格局, 布局: an ordinary word
        if COUNTED.search(text, max(0, m.start() - 8), m.start()):
            continue  # 两个园区, 17个产业园区: a count of the names before, not a name
        typ = TYPE_OF_SUFFIX[suf]
        stop = PROJECT_STOP if typ in ("Project", "GovernmentBody", "Association", *DESC_TYPES) else STOP
        j = i - 1
        while j >= 0:
            w = toks[j][0]
            prev = toks[j - 1][0] if j > 0 else ""
            inner_and = w in "和与及" and prev not in stop and typ in ("GovernmentBody", *DESC_TYPES)
            desc = typ in DESC_TYPES and w == "的" and prev in DESC_BEFORE
            if w == "以" and typ in DESC_TYPES and "为" in text[toks[j][1]:e]:
                begin = toks[j][1]
                break
            if w in stop and not (inner_and or desc):
                break
            if w in ")）":  # a place in brackets inside a company's name: 建滔(衡阳)实业有限公司
                opening = next((i for i in range(j - 1, max(j - 6, -1), -1) if toks[i][0] in "(（"), None)
                if opening and e - toks[opening - 1][1] <= MAX_NAME and toks[opening - 1][0] not in stop:
                    begin, j = toks[opening][1], opening - 1
                    continue
                break
            if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9·.“”+]+", w) or (
                    re.fullmatch(r"[\d.]+", w) and not (typ in DESC_TYPES and prev == "年产")):
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
        out.append(NewName(begin, e, name, typ, f"new name: suffix {suf}", 0.8 if len(suf) >= 2 else 0.6, suf))
    return out


