"""The explorer's interface texts in Chinese (the default) and English."""

from __future__ import annotations

LANGS = ("zh", "en")


def lang_of(value: str | None) -> str:
    """The page language a ``lang`` parameter asks for: ``en``, else Chinese.

    >>> lang_of("en"), lang_of(None), lang_of("fr")
    ('en', 'zh', 'zh')
    """
    return "en" if value == "en" else "zh"


TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "site": "衡阳产业知识图谱",
        "tagline": "产业链、园区、企业、项目与物料流向；每条事实都注明出处。",
        "home": "首页", "chains": "产业链", "parks": "园区", "query": "SPARQL 查询", "switch": "English",
        "search": "搜索", "search_placeholder": "企业、园区、产业链……如 恒光、松木经开区",
        "results_for": "“{q}”的搜索结果", "no_results": "没有找到名称包含“{q}”的实体。",
        "id": "编号", "name": "名称", "name_en": "英文名", "type": "类型", "types": "类型", "matched": "匹配",
        "aliases": "别名", "sources": "出处", "named_in": "名称出处", "relations": "关系", "direction": "方向",
        "property": "关系", "other": "对象", "status": "状态", "rationale": "编辑理由",
        "documented": "有原文", "editorial": "编辑补充", "inferred": "推断", "dataset": "外部数据集", "unknown": "未知",
        "not_stated": "来源未提及", "ego": "关系图", "graph_note": "图中可拖动、缩放；悬停查看出处。",
        "upstream": "上游（谁供给它）", "downstream": "下游（它供给谁）", "supplier": "供货方",
        "consumer": "用货方", "material": "物料", "depth": "层级", "no_flows": "来源中没有记载物料流向。",
        "stats": "图谱概况", "quads": "四元组", "entities": "实体", "examples": "示例查询",
        "open_chain": "产业链页面", "open_park": "园区页面", "open_entity": "实体卡片",
        "overview": "产业全景：产业链与园区", "overview_note": "节点大小为企业数；连线上的数字为共有企业数或园区间物料流数；双击节点打开其页面。",
        "panorama": "产业链全景", "picture": "产业链全景图与现状图（A3 横版，可打印）", "picture_panorama": "全景图（含缺口）",
        "picture_status": "现状图（本地已有）", "picture_open": "打开 SVG（可打印、可另存）", "schemes": "所属目录", "matches": "其他目录中的对应链", "posts": "链长与链办",
        "holder": "任职者", "offices": "推进办公室", "members": "成员", "concerned_by": "相关目标与统计",
        "segments": "环节", "gaps": "缺口", "gap": "缺口：本地无企业", "products": "产品", "firms": "企业",
        "projects": "项目", "position": "位置", "supporting": "本地配套率", "inputs": "所需原料",
        "local_producers": "本地生产者", "none": "无", "no_gaps": "各环节都有本地企业。",
        "no_segments": "来源和编辑数据都没有给出这条链的环节。",
        "kind": "类别", "level": "级别", "located_in": "所在地", "part_of": "隶属", "hosts": "入驻",
        "recognitions": "荣誉称号", "internal_flows": "园区内企业间的物料流", "flows_in": "来自其他园区的资源",
        "flows_out": "输往其他园区的资源", "loops": "循环（闭环）", "no_loops": "未发现闭环。",
        "symbiosis": "产业共生指标", "metric": "指标", "value": "数值", "components": "强连通部分",
        "editor": "查询编辑器", "run": "运行", "result": "结果", "rows": "{n} 行", "shown": "显示前 {n} 行",
        "truncated": "结果超过上限 {n} 行，已截断。", "download": "下载", "ask_true": "是（true）",
        "ask_false": "否（false）", "triples": "{n} 条三元组", "prefixes": "已预声明前缀：hykg: rdfs: skos: org: prov: dcterms: ent: park: chain: mat: flow: 等。",
        "readonly": "只读：更新、SERVICE、LOAD 与远程 FROM 会被拒绝；查询超时 {s} 秒。",
        "error": "出错了", "suggestions": "你是不是要找", "back_home": "返回首页", "view_all": "全部",
        "endpoint": "SPARQL 端点", "language": "语言", "not_available": "暂不可用",
        "finn_cycling_index": "芬恩循环指数", "cyclicity": "循环度", "connectance": "连接度",
        "link_density": "链接密度", "nodes": "节点", "links": "连接", "flows": "物料流",
        "total_system_throughflow": "系统总通量", "cycled_throughflow": "循环通量", "weights": "权重",
        "no_scheme": "未列入产业链目录", "against_actuals": "目标与实际", "target": "目标值", "due": "期限",
        "latest": "最新实际值", "period": "统计期", "progress": "差距/进度", "no_statistic": "无统计数据衡量该指标",
        "pairing": "配对依据", "six_ones": "“六个一”组织架构",
        "basis": "依据", "basis_documented": "原文所述", "basis_via_container": "经基地/集群/小镇",
        "basis_via_match": "经其他目录的对应链", "basis_editorial": "编辑补充",
        "review": "审核", "review_docs": "待审核文献", "review_none": "工作区还没有读入的文献（hykg ingest FILE）。",
        "candidates": "候选", "pending": "待审", "accepted": "已接受", "rejected": "已拒绝", "candidate": "候选",
        "confidence": "置信度", "why": "依据", "quote": "原文", "linked": "链接实体", "link_score": "相似度",
        "save": "保存审核结果", "saved": "已保存：{n} 项改动；运行 hykg build 后，已接受的事实进入图谱。",
        "review_note": "只写入工作区（候选文件与工作区数据）；已接受的候选在 hykg build 之后才计入图谱。",
        "document": "文献", "in_graph": "图谱中已有", "conflict": "与图谱已有陈述不同：两者都保留，各注出处",
        "merge": "作为已知实体的别名", "publisher": "发布者", "issued": "日期",
        "members_differ": "与图谱中同名项目的组成不同：两者都保留，各注出处", "members_in_graph": "图谱所列组成",
        "members_here": "本文所列组成",
    },
    "en": {
        "site": "Hengyang Industrial Knowledge Graph",
        "tagline": "Chains, parks, firms, projects and material flows; every fact cites its source.",
        "home": "Home", "chains": "Chains", "parks": "Parks", "query": "SPARQL query", "switch": "中文",
        "search": "Search", "search_placeholder": "a firm, park or chain, e.g. 恒光, Songmu",
        "results_for": "Results for “{q}”", "no_results": "No entity is named like “{q}”.",
        "id": "id", "name": "name", "name_en": "English name", "type": "type", "types": "types", "matched": "matched",
        "aliases": "aliases", "sources": "sources", "named_in": "named in", "relations": "Relations",
        "direction": "dir", "property": "property", "other": "other", "status": "status", "rationale": "rationale",
        "documented": "documented", "editorial": "editorial", "inferred": "inferred", "dataset": "dataset",
        "unknown": "unknown",
        "not_stated": "not stated in the sources", "ego": "Graph", "graph_note": "Drag and zoom; hover for sources.",
        "upstream": "Upstream (who supplies it)", "downstream": "Downstream (whom it supplies)",
        "supplier": "supplier", "consumer": "consumer", "material": "material", "depth": "depth",
        "no_flows": "The sources state no material flows.",
        "stats": "The graph", "quads": "quads", "entities": "entities", "examples": "Example queries",
        "open_chain": "chain page", "open_park": "park page", "open_entity": "entity card",
        "overview": "Overview: chains and parks", "overview_note": "Node size: firms; the numbers on the links: shared firms, or flows between parks; double-click a node to open its page.",
        "panorama": "Chain panorama", "picture": "Chain panorama and status map (A3 landscape, printable)",
        "picture_panorama": "panorama (gaps included)", "picture_status": "status map (what the city has)",
        "picture_open": "open the SVG (print or save)", "schemes": "schemes", "matches": "same or close chains in other schemes",
        "posts": "Chain leaders and offices", "holder": "holder", "offices": "offices", "members": "Members",
        "concerned_by": "Targets and statistics", "segments": "Segments", "gaps": "Gaps",
        "gap": "gap: no local firm", "products": "products", "firms": "firms", "projects": "projects",
        "position": "position", "supporting": "Local supporting rate", "inputs": "input products",
        "local_producers": "local producers", "none": "none", "no_gaps": "Every segment has a local firm.",
        "no_segments": "Neither the sources nor the editorial data give this chain's segments.",
        "kind": "kind", "level": "level", "located_in": "located in", "part_of": "part of", "hosts": "Hosts",
        "recognitions": "recognitions", "internal_flows": "Material flows among its firms",
        "flows_in": "Resources from other parks", "flows_out": "Resources to other parks",
        "loops": "Loops", "no_loops": "No loops found.", "symbiosis": "Industrial symbiosis figures",
        "metric": "figure", "value": "value", "components": "strongly connected parts",
        "editor": "Query editor", "run": "Run", "result": "Result", "rows": "{n} rows",
        "shown": "showing the first {n}", "truncated": "More than {n} rows: the answer was cut.",
        "download": "Download", "ask_true": "true", "ask_false": "false", "triples": "{n} triples",
        "prefixes": "Predeclared prefixes: hykg: rdfs: skos: org: prov: dcterms: ent: park: chain: mat: flow: and more.",
        "readonly": "Read-only: updates, SERVICE, LOAD and remote FROM are refused; queries stop after {s} s.",
        "error": "Error", "suggestions": "Did you mean", "back_home": "Back to the home page", "view_all": "all",
        "endpoint": "SPARQL endpoint", "language": "language", "not_available": "not available",
        "finn_cycling_index": "Finn cycling index", "cyclicity": "cyclicity", "connectance": "connectance",
        "link_density": "link density", "nodes": "nodes", "links": "links", "flows": "flows",
        "total_system_throughflow": "total system throughflow", "cycled_throughflow": "cycled throughflow",
        "weights": "weights",
        "no_scheme": "in no chain list", "against_actuals": "Target against actuals", "target": "target",
        "due": "due", "latest": "latest actual", "period": "period", "progress": "gap / progress",
        "no_statistic": "no statistic measures this indicator", "pairing": "pairing",
        "six_ones": "The \"six ones\" organisation (六个一)",
        "basis": "basis", "basis_documented": "stated", "basis_via_container": "via base / cluster / town",
        "basis_via_match": "via matching chain", "basis_editorial": "editorial",
        "review": "Review", "review_docs": "Documents to review", "review_none": "No document has been read into this workspace yet (hykg ingest FILE).",
        "candidates": "candidates", "pending": "pending", "accepted": "accepted", "rejected": "rejected",
        "candidate": "candidate", "confidence": "confidence", "why": "why", "quote": "quote", "linked": "linked entity",
        "link_score": "similarity", "save": "Save the review",
        "saved": "Saved: {n} changes; accepted facts count after hykg build.",
        "review_note": "Writes only into the workspace (the candidates file and the workspace data); accepted candidates enter the graph at the next hykg build.",
        "document": "document", "in_graph": "already in the graph",
        "conflict": "differs from what the graph says: both are kept, each with its source",
        "merge": "record as an alias of the linked entity", "publisher": "publisher", "issued": "date",
        "members_differ": "lists other parts than the graph's programme of that name: both are kept, each with its source",
        "members_in_graph": "parts in the graph", "members_here": "parts in this document",
    },
}

#: Controlled values shown on the pages (park kinds, levels, segment positions, project statuses).
VALUES: dict[str, dict[str, dict[str, str]]] = {
    "zh": {
        "kind": {"hightech_zone": "高新区", "econ_dev_zone": "经济技术开发区", "industrial_park": "产业园区",
                 "bonded_zone": "综合保税区", "science_city": "科学城", "logistics_park": "物流园区", "other": "其他",
                 "chain_promotion_office": "产业链推进办公室"},
        "level": {"national": "国家级", "provincial": "省级", "municipal": "市级", "county": "县级"},
        "position": {"upstream": "上游", "midstream": "中游", "downstream": "下游"},
        "project": {"planned": "计划", "signed": "已签约", "started": "已开工", "under_construction": "在建",
                    "progressing": "推进中", "completed": "已竣工", "in_production": "已投产", "operating": "运营中",
                    "draft": "草案"},
    },
    "en": {"kind": {}, "level": {}, "position": {}, "project": {"under_construction": "under construction",
                                                              "in_production": "in production"}},
}


def value(lang: str, kind: str, code: str | None) -> str:
    """A controlled value in the page language (as is when unknown).

    >>> value("zh", "kind", "econ_dev_zone"), value("en", "kind", "econ_dev_zone"), value("zh", "level", None)
    ('经济技术开发区', 'econ_dev_zone', '')
    """
    if not code:
        return ""
    return VALUES.get(lang, {}).get(kind, {}).get(code, code)
