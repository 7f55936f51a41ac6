"""Word lists of the new-name rules: suffixes and the types they give, stop words, company words."""

from __future__ import annotations

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
    ("政协", "GovernmentBody"), ("委", "GovernmentBody"), ("市委", "GovernmentBody"), ("办", "GovernmentBody"),
    ("科", "GovernmentBody"), ("运管中心", "GovernmentBody"), ("交易平台", "Project"), ("航线", "Project"),
    ("班列", "Project"), ("监管中心", "Project"), ("检验中心", "Project"), ("物流枢纽", "Project"),
    ("母基金", "FinancialInstitution"), ("分行", "FinancialInstitution"), ("支行", "FinancialInstitution"),
    ("加工区", "Park"), ("片区", "Park"), ("陆港", "Park"), ("处", "GovernmentBody"), ("部", "GovernmentBody"),
    ("分公司", "Enterprise"),
], key=lambda s: -len(s[0]))
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
           "制定 下好 正在 同 这片 好 出 接洽 充分 充分利用 至 东至 西至 南至 北至 上下游 基本 该市 本市 共建 呈报 抄送 主送 报送 来源 印发 "
           "建设 发挥 充分发挥 继续 跟踪 服务 筹建 建好 推行 做大做强 高标准 抓好 优化 紧扣 厚植 探索 探索出 协调 争当 全力支持 下好 基本实现 暂无 现有 我省 我市 每一个 一个个 不止 二季度 "
           "而 但 且 则 而且 并且 给 供应 供应给 供给 销往 下辖 辖 企业 龙头企业 骨干企业 单位 内 区内 园区内 园内 境内 采用 选用 简称 下称 以下简称 "
           "据 据悉 据了解 截至 对于 针对 凭借 鉴于 除 除了 自".split())
#: Words that end a project's name going leftwards (its name may hold verbs: 回收利用项目).
PROJECT_STOP = set("的 和 与 及 等 在 为 是 对 将 把 由 向 了 从 到 被 以 于 其 该 个 批 多 各 共 约 近 超 如 包括 "
                   "签约 开工 竣工 投产 达产 引进 推进 落户 启动 实施 加快 完成 新增 支持 推动 打造 入选 列入 "
                   "纳入 全市 全省 我市 重点 重大 一批 首批 其中 目前 今年 去年 共有 有 组建 成立 依托 围绕 提出 "
                   "参加 举办 召开 获批 获评 荣获 评为 认定 依靠 深化 对接 引导 鼓励 支持 通过 经 向 "
                   "建成 形成 成为 着力 大力 积极 加强 发展 壮大 培育 创建 争创 申报 省级 推进 加快推进 "
                   "开展 坚持 确保 全力以赴 抓 狠抓 刷新 处处 呈现 随着 汇聚 扎实 逐 持续 夯实 聚焦 强化 当好 立足 "
                   "制定 下好 正在 位于 同 这片 一次 很多 这种 以上 好 出 接洽 开发 充分 充分利用 "
                   "以及 作为 促进 全力 全面 关于 分别 力争 努力 包含 参与 同时 含 命名 如下 属于 已 并 或 拟 挂牌 指导 按照 "
                   "授予 提供 提升 携手 有关 根据 此 洽谈 涵盖 深入 牵头 相关 突破 等等 考察 获得 覆盖 规划 解决 设有 "
                   "设立 调研 谋划 负责 走访 达到 还 这 进一步 那 都 预计 也 又 帮助 带动 组织 联合 举行 不断 "
                   "实现 东至 西至 南至 北至 上下游 基本 该市 本市 共建 呈报 抄送 主送 报送 来源 印发 入驻 落户 引入 坐落 拥有 集聚 聚集 汇聚 吸引 招引 "
                   "建设 发挥 充分发挥 继续 跟踪 服务 筹建 建好 推行 做大做强 高标准 抓好 优化 紧扣 厚植 探索 探索出 协调 争当 全力支持 下好 基本实现 暂无 现有 我省 我市 每一个 一个个 不止 二季度 "
                   "而 但 且 则 而且 并且 给 供应 供应给 供给 销往 下辖 辖 区内 园区内 园内 境内 采用 选用 简称 下称 以下简称 "
                   "一个 一家 一座 一处 一条 一支 新开工 新签约 新引进 新落地 续建 在建 新建 "
                   "据 据悉 据了解 截至 对于 针对 凭借 鉴于 除 除了 自".split())
#: Words that end a company's short name after a name-like word (裕华化工, 金化科技, 恒飞电缆).
COMPANY_WORDS = frozenset("科技 化工 新材 新材料 软件 制药 药业 生物 电气 电工 电缆 米业 物流 汽车 机械 通信 精工 实业 电子 "
                          "电源 电力 锅炉 粮食 钢管 重工 材料 能源 光电 智能 资本 盐化 玻璃 股份 控股 食品 茶油 茶业 光伏 "
                          "新能源 威视 声学 车桥 铝业 铜业 锌业 矿业 钢铁 纺织 服饰 眼镜 陶瓷 纸业 建材 医疗 健康 网络 "
                          "信息 数据 云 智造 速递 快递 重机 机床 泵业 齿轮 轴承 环保 水泥 化学 油脂 农业 牧业 茶叶 旅游 文旅 地产 置业".split())
