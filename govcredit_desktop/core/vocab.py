"""Vocabularies taken from the seed policy texts (shared/seeds/).

Users may extend areas, categories and sources; the store keeps their
additions in the ``vocabulary`` table and merges them after these defaults.
Fixed vocabularies (statuses) are ``StrEnum``s: their members are the stored
words, and SQL is built from them.
"""

from enum import StrEnum

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

# 投诉登记 (issue 19): where a complaint came in.  Editable lists: a clerk may type another.
COMPLAINT_CHANNELS = (
    "12345热线",
    "举报箱",
    "电子信箱",
    "来信来访",
    "电话",
    "上级转办",
    "网上信访",
    "其他",
)

# 政务失信记录: what kind of finding it is, and the document it rests on (seeds: 司法判决,
# 行政处罚, 纪律处分和问责处理 are the sources of a government body's dishonesty record).
DISHONESTY_RECORD_TYPES = (
    "法院生效判决未履行",
    "失信被执行人",
    "行政处罚",
    "纪律处分",
    "问责处理",
    "上级通报认定",
    "其他",
)

SOURCE_DOCUMENTS = (
    "判决书",
    "裁定书",
    "调解书",
    "行政处罚决定书",
    "处分决定",
    "问责决定",
    "通报",
    "其他",
)

# 失信惩戒: the measures the seed texts name (书面警示、约谈告诫、公开通报批评, 取消评优评先
# and 荣誉评选资格, 晋升限制, 财政资金/项目等方面的限制, 通报商业银行审慎放贷).
SANCTION_KINDS = (
    "书面警示",
    "约谈告诫",
    "公开通报批评",
    "取消评优评先",
    "取消荣誉评选资格",
    "限制晋升职务职级",
    "限制财政资金拨付和项目支持",
    "通报商业银行审慎放贷",
    "其他",
)


class RepairDecision(StrEnum):
    """A credit repair's outcome (信用修复): 从轻 (减轻) or 免于 (解除) the sanctions, or not.
    Empty in the table while the repair awaits its decision."""

    REDUCED = "减轻"
    LIFTED = "解除"
    REFUSED = "不予修复"


class ProblemStatus(StrEnum):
    """A problem's status, in workflow order; only CLOSED (销号) is closed.  Whether a
    problem is rectified or overdue is core.rules.is_rectified / is_overdue."""

    OPEN = "待整改"
    IN_PROGRESS = "整改中"
    AWAITING_CLOSURE = "已整改待销号"
    CLOSED = "已销号"

    @property
    def rank(self) -> int:
        return list(ProblemStatus).index(self)


# A user picks among these; 已销号 is reached only through the closure action.
EDITABLE_STATUSES = (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS,
                     ProblemStatus.AWAITING_CLOSURE)


class MeasureStatus(StrEnum):
    NOT_STARTED = "未开始"
    IN_PROGRESS = "进行中"
    DONE = "已完成"


class VocabKind(StrEnum):
    """The vocabularies a user may extend (the ``vocabulary`` table's kinds)."""

    AREA = "area"
    CATEGORY = "category"
    SOURCE = "source"


VOCAB_KINDS = {VocabKind.AREA: AREAS, VocabKind.CATEGORY: CATEGORIES,
               VocabKind.SOURCE: SOURCES}


def sql_literal(value: str) -> str:
    """A vocabulary word as an SQL string literal, for SQL built from an enum:
    the words are ours (no quotes inside), never user input."""
    assert "'" not in value
    return f"'{value}'"


def sql_list(values) -> str:
    """"('待整改', '整改中')" for an ``IN (...)`` built from an enum."""
    return "(" + ", ".join(sql_literal(str(v)) for v in values) + ")"
