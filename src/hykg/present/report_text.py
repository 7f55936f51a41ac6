"""The words of the reports in Chinese (default) and English: headings, column names, controlled values."""

from __future__ import annotations

from typing import Any

_VALUES: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "status": {"documented": "文献记载", "editorial": "编辑补充", "inferred": "推断", "unknown": "未知",
                   "dataset": "数据集"},
        "project": {"planned": "计划", "signed": "已签约", "started": "已开工", "under_construction": "在建",
                    "progressing": "推进中", "completed": "已竣工", "in_production": "已投产", "operating": "运营中",
                    "draft": "草案"},
        "position": {"upstream": "上游", "midstream": "中游", "downstream": "下游"},
        "qualifier": {"at_least": "以上", "about": "左右", "exceed": "突破", "reach": "达", "below": "以下", "max": "最高"},
        "type": {"Enterprise": "企业", "Project": "项目", "Park": "园区"},
        "match": {"skos:exactMatch": "相同", "skos:closeMatch": "相近", "skos:broader": "更宽", "skos:narrower": "更窄"},
        "basis": {"curated": "编辑选定行业", "member": "链上企业的行业", "upstream": "上游行业", "segment": "缺口环节的产品"},
        "why": {"concerns the chain": "涉及本链",
                "indicator names the chain (matched by name: inferred)": "指标名称含本链名称(按名称匹配:推断)",
                "concerns all chains of the scheme": "涉及该体系的全部产业链",
                "measures the indicator of a target of the chain": "衡量本链某一目标的指标"},
    },
    "en": {
        "status": {}, "project": {"under_construction": "under construction", "in_production": "in production"},
        "position": {}, "qualifier": {"at_least": "at least", "exceed": "over", "below": "below", "about": "about",
                                      "reach": "reach", "max": "at most"},
        "type": {}, "basis": {"segment": "gap segment's products"}, "why": {},
        "match": {"skos:exactMatch": "same", "skos:closeMatch": "close", "skos:broader": "broader", "skos:narrower": "narrower"},
    },
}

_WORDS: dict[str, dict[str, Any]] = {
    "zh": {
        "lang": "zh", "report": "产业链发展报告", "promotion": "产业链招商报告",
        "sub": "产业链发展报告", "schemes": "所属产业链体系", "none": "无", "named_in": "见于",
        "matches": "对应产业链", "generated": "由 hykg report chain 仅据图谱生成({n} 条四元组)。每个数字均标注来源编号,见",
        "generated_p": "由 hykg report promotion 仅据图谱生成({n} 条四元组)。每个数字均标注来源编号,见",
        "sources": "来源", "organisation": "一、组织架构", "role": "职务", "post": "职位", "holder": "任职人",
        "status": "依据", "not_stated": "原文未说明", "no_holder": "{n}/{m} 个职位原文未说明任职人。",
        "office": "产业链推进办公室", "no_posts": "图谱中没有本链的职位。",
        "map": "二、产业链图谱与环节企业", "panorama_caption": "产业链全景图(A3 横版,可打印;hykg viz panorama 可另存为 PDF/PNG):实线框为文件载明,虚线框为编辑判断,红色虚线为缺口环节。", "map_caption": "列:本链从上游到下游的环节;方框:各环节的本地企业;箭头:文献所述企业间的物料流向(悬停可见物料)。",
        "segment": "环节", "position": "位置", "products": "产品", "local_firms": "本地企业", "gap": "缺口",
        "gap_no_firm": "缺口:无本地企业", "no_segments": "图谱中没有本链的环节。",
        "on_chain": "链上企业与项目", "name": "名称", "type": "类型", "chain_list": "产业链", "parks": "三、园区",
        "park": "园区", "park_firms": "所在的本链企业", "no_parks": "文献未说明本链企业所在园区。",
        "projects": "四、项目", "project": "项目", "project_status": "进展", "investment": "投资",
        "enterprise": "企业", "no_projects": "图谱中没有与本链或其企业相关的项目。",
        "targets": "五、目标与实际", "indicator": "指标", "target": "目标值", "deadline": "期限",
        "latest": "最新实际值", "progress": "差距/进度", "why": "列入原因",
        "no_statistic": "无统计数据衡量该指标", "no_targets": "图谱中没有本链的目标。",
        "statistics": "统计数据(按时间倒序)", "value": "数值", "period": "统计期",
        "loops": "六、循环与风险", "loops_intro": "经过本链企业的、由文献所述物料流构成的闭环:",
        "no_loops": "没有经过本链企业的闭环。", "consumer": "用料企业", "material": "物料",
        "single_supplier": "唯一供应方(就文献所列而言)", "others": "其他本地生产者", "none_known": "未知",
        "cut_points": "割点(去掉其一会使供应网络断开)", "dominators": "支配点(通往其他企业的每条供应路径都经过它)",
        "gaps": "七、缺口与招商", "gap_segments": "无本地企业的缺口环节", "no_gap": "没有缺少本地企业的环节",
        "no_segments_known": "(环节未知)", "supporting": "本地配套率", "missing": "无本地生产者的投入品",
        "needed_for": "用于", "candidates": "招商目标企业",
        "proposed": "共提出 {n} 家上市公司{shown},来自行业:", "shown": "(显示前 {n} 家)", "of": "家中",
        "company": "公司", "code": "代码", "industry": "行业", "reason": "理由",
        "kind_documented": "文献", "kind_editorial": "编辑补充", "kind_inferred": "推断",
        "notes": ["文献记载 = 来源文件明确说明(见编号来源);编辑补充 = 编者依据常识补充,附理由;推断 = hykg 依图谱计算。",
                  "“原文未说明”表示来源文件没有提及;hykg 从不猜测名称或数字。"],
        "cand_none": "图谱未导入上市公司数据(ChainKG),因此不提出候选企业;可用 `hykg import chainkg` 导入。",
        "cand_note": "候选企业由申万行业推断(ChainKG 上市公司数据),仅为招商线索,并非企业有投资意向的陈述;ST = 特别处理。",
        # promotion report
        "p_gaps": "一、缺口环节", "p_inputs": "缺少的投入品", "p_candidates": "全国上市公司候选(按缺口产品所属行业)",
        "p_signed": "二、已签约与在建项目", "p_feeds": "三、本链可供应的企业", "p_feeds_intro": "本链企业的产品被以下企业使用(文献所述或推断):",
        "p_no_gaps": "本链没有缺口环节(每个环节都有本地企业)。", "p_no_inputs": "无", "p_no_signed": "图谱中没有本链已签约、已开工或在建的项目。",
        "p_no_feeds": "图谱中没有本链企业向其他企业供货的记载。", "p_no_industry": "该缺口环节的产品未对应到任何申万行业,无法提出候选企业。",
        "p_gap_products": "缺口产品", "p_industries": "对应行业", "rank": "序号", "supplier": "供应企业", "customer": "用户企业",
        "six_ones": "“六个一”",
    },
    "en": {
        "lang": "en", "report": " chain development report", "promotion": " chain investment-promotion report",
        "sub": "Development report", "schemes": "Chain lists", "none": "none", "named_in": "named in",
        "matches": "Same or related", "generated": "Generated by hykg report chain from the graph alone ({n} quads). Every figure carries its source number; see",
        "generated_p": "Generated by hykg report promotion from the graph alone ({n} quads). Every figure carries its source number; see",
        "sources": "Sources", "organisation": "1. Organisation", "role": "Role", "post": "Post", "holder": "Holder",
        "status": "Status", "not_stated": "not stated", "no_holder": "{n} of {m} posts have no holder named in the sources.",
        "office": "Chain office", "no_posts": "The graph holds no posts for this chain.",
        "map": "2. Chain map and firms by segment", "panorama_caption": "The chain panorama (A3 landscape, printable; hykg viz panorama saves it as PDF/PNG): solid boxes stated in a document, dashed editorial, red dashed a gap segment.", "map_caption": "Columns: the chain's segments from upstream to downstream; boxes: local firms at each segment; arrows: stated material flows between them (hover for the material).",
        "segment": "Segment", "position": "Position", "products": "Products", "local_firms": "Local firms", "gap": "gap",
        "gap_no_firm": "gap: no local firm", "no_segments": "The graph names no segments for this chain.",
        "on_chain": "On the chain", "name": "Name", "type": "Type", "chain_list": "Chain list", "parks": "3. Parks",
        "park": "Park", "park_firms": "Chain firms located there", "no_parks": "The sources name no park for this chain's firms.",
        "projects": "4. Projects", "project": "Project", "project_status": "Status", "investment": "Investment",
        "enterprise": "Enterprise", "no_projects": "The graph links no project to this chain or its firms.",
        "targets": "5. Targets against actuals", "indicator": "Indicator", "target": "Target", "deadline": "Due",
        "latest": "Latest actual", "progress": "Gap / progress", "why": "Why listed",
        "no_statistic": "no statistic measures this indicator", "no_targets": "The graph holds no target for this chain.",
        "statistics": "Statistics (latest first)", "value": "Value", "period": "Period",
        "loops": "6. Loops and risks", "loops_intro": "Closed loops of stated flows through the chain's firms:",
        "no_loops": "No closed loop of stated flows passes through the chain's firms.", "consumer": "Consumer",
        "material": "Material", "single_supplier": "Single supplier (as far as the sources list)",
        "others": "Other local makers", "none_known": "none known",
        "cut_points": "Cut points (removing one splits the supply network)",
        "dominators": "Dominators (every supply path to other firms passes through them)",
        "gaps": "7. Gaps and investment promotion", "gap_segments": "Segments with no local firm",
        "no_gap": "No segment without a local firm", "no_segments_known": " (no segments known)",
        "supporting": "Local supporting rate", "missing": "Input with no local producer", "needed_for": "Needed for",
        "candidates": "Candidate firms", "proposed": "{n} listed companies proposed{shown}, from the industries:",
        "shown": " (the first {n} shown)", "of": "of", "company": "Company", "code": "Code", "industry": "Industry",
        "reason": "Why", "kind_documented": "documented", "kind_editorial": "editorial", "kind_inferred": "inferred",
        "notes": ["documented = a source states it (see the numbered sources); editorial = curator knowledge with a "
                  "rationale; inferred = computed by hykg from the graph.",
                  "\"not stated\" means the sources are silent; hykg never guesses a name or a figure."],
        "cand_none": "the listed-company data (chainkg) is not imported into this graph, so no candidate firms "
                     "are proposed; `hykg import chainkg` imports it",
        "cand_note": "candidates are inferred from Shenwan industries (ChainKG listed-company data): leads for "
                     "investment promotion, not statements that a firm would invest; ST = special treatment",
        "p_gaps": "1. Gap segments", "p_inputs": "Inputs it lacks", "p_candidates": "Listed companies nationwide (industries of the gap's products)",
        "p_signed": "2. Projects signed, started or under construction", "p_feeds": "3. Firms the chain would feed",
        "p_feeds_intro": "The chain's firms' products are used by (stated or inferred):",
        "p_no_gaps": "The chain has no gap segment (every segment has a local firm).", "p_no_inputs": "none",
        "p_no_signed": "The graph holds no signed, started or under-construction project of this chain.",
        "p_no_feeds": "The graph records no supply from the chain's firms to other firms.",
        "p_no_industry": "The gap segment's products match no Shenwan industry, so no candidate is proposed.",
        "p_gap_products": "Gap products", "p_industries": "Industries", "rank": "#", "supplier": "Supplier", "customer": "Customer",
        "six_ones": "\"Six ones\" (六个一)",
    },
}


#: Chinese for the inference notes the reports cite (the English text is the key).
INFERRED_ZH = {
    "computed by hykg from the stated material flows (hykg analyze risk)": "hykg 依文献所述物料流计算(hykg analyze risk)",
    "computed by hykg: the chain's input products (hasInput of the products placed in its segments) with a local "
    "producer, over all its input products (hykg analyze chain)":
        "hykg 计算:本链投入品(各环节产品的 hasInput)中有本地生产者的个数,除以全部投入品个数(hykg analyze chain)",
    "computed by hykg: an input of the chain's products with no local producer (hykg analyze chain)":
        "hykg 计算:本链产品的投入品中没有本地生产者的(hykg analyze chain)",
    "inferred by hykg: listed companies (ChainKG) in a Shenwan industry that makes a product of the gap segment; "
    "Hunan companies first, then by stock code":
        "hykg 推断:生产缺口环节产品的申万行业中的上市公司(ChainKG);湖南企业在前,其余按股票代码排序",
    "inferred by hykg: a chain firm makes or supplies a material the other firm uses (stated flows, makes/uses)":
        "hykg 推断:本链企业生产或供应的物料为另一企业所用(文献所述物料流、生产/使用关系)",
    "computed by hykg: the target and the statistic measure the same indicator (hykg targets)":
        "hykg 计算:目标与统计数据衡量同一指标(hykg targets)",
}


def localise_sources(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The numbered sources with ``text_zh``: the Chinese of the inference notes hykg knows, and the
    Chinese half of a bilingual editorial rationale written "中文 / English" (``text`` keeps the English).

    >>> localise_sources([{"kind": "inferred", "text": "computed by hykg from the stated material flows (hykg analyze risk)"}])[0]["text_zh"][:4]
    'hykg'
    >>> [(s["text_zh"], s["text"]) for s in localise_sources([{"kind": "editorial", "text": "常识 / common knowledge"}])]
    [('常识', 'common knowledge')]
    """
    out = []
    for s in sources:
        text = s.get("text", "")
        zh = INFERRED_ZH.get(text) if s.get("kind") == "inferred" else None
        if s.get("kind") == "editorial" and " / " in text and not text.split(" / ", 1)[0].isascii():
            zh, text = text.split(" / ", 1)  # a bilingual rationale: "中文 / English"
        out.append({**s, "text": text, "text_zh": zh or ""})
    return out


def words(lang: str = "zh") -> dict[str, Any]:
    """The words of a report in ``lang`` (zh or en), with the controlled values under ``values``.

    >>> words()["report"], words("en")["values"]["project"]["under_construction"]
    ('产业链发展报告', 'under construction')
    >>> words("zh")["values"]["status"]["documented"]
    '文献记载'
    """
    from ..errors import DataError

    if lang not in _WORDS:
        raise DataError(f"unknown report language {lang!r} (zh or en)")
    return {**_WORDS[lang], "values": _VALUES[lang]}


def value(t: dict[str, Any], kind: str, v: Any) -> str:
    """A controlled value (status, project status, position ...) in the report's language; as is if unknown.

    >>> value(words(), "project", "started"), value(words("en"), "project", "started")
    ('已开工', 'started')
    """
    s = "" if v is None else str(v)
    return str(t["values"].get(kind, {}).get(s, s))
