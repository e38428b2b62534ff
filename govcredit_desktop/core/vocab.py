"""Vocabularies taken from the seed policy texts (shared/seeds/).

Users may extend areas, categories and sources; the store keeps their
additions in the ``vocabulary`` table and merges them after these defaults.
"""

AREAS = (
    "政府采购",
    "政府和社会资本合作(PPP)",
    "招标投标",
    "招商引资",
    "政府投资项目审批",
    "地方政府债务融资",
    "公共资源交易",
    "政策落实兑现",
    "履行法定义务",
    "基层(乡镇街道)",
    "其他",
)

CATEGORIES = (
    "拖欠民营和中小企业账款",
    "“新官不理旧账”",
    "政策承诺失信违约",
    "合同约定失信违约",
    "履职尽责不到位",
    "未履行生效司法判决",
    "违规举债担保",
    "未批先建",
    "打白条",
    "违规收取涉企保证金",
    "其他",
)

SOURCES = (
    "自查自纠",
    "投诉举报(12345热线)",
    "投诉举报(举报箱)",
    "投诉举报(电子信箱)",
    "投诉举报(来信来访)",
    "上级通报",
    "审计发现",
    "人大建议/政协提案",
    "司法建议",
    "媒体曝光",
    "第三方评估",
)

# Problem statuses, in workflow order. Only STATUS_CLOSED counts as done.
STATUS_OPEN = "待整改"
STATUS_IN_PROGRESS = "整改中"
STATUS_AWAITING_CLOSURE = "已整改待销号"
STATUS_CLOSED = "已销号"
STATUSES = (STATUS_OPEN, STATUS_IN_PROGRESS, STATUS_AWAITING_CLOSURE, STATUS_CLOSED)
# A user picks among these; 已销号 is reached only through the closure action.
EDITABLE_STATUSES = STATUSES[:3]

MEASURE_NOT_STARTED = "未开始"
MEASURE_IN_PROGRESS = "进行中"
MEASURE_DONE = "已完成"
MEASURE_STATUSES = (MEASURE_NOT_STARTED, MEASURE_IN_PROGRESS, MEASURE_DONE)

VOCAB_KINDS = {"area": AREAS, "category": CATEGORIES, "source": SOURCES}
