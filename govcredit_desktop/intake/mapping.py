"""Which field a column holds, from the words people put in its header.

Headers are normalised (spaces and line breaks dropped, full-width brackets and
punctuation made half-width, a unit in brackets taken off and kept) and looked up in
the synonyms below; a header not found exactly is tried for a synonym it contains, the
longest first, so that 整改责任单位 is the unit and not the person.
"""

from __future__ import annotations

import re
import unicodedata

#: field -> Chinese label, in the order the wizard lists them.
FIELDS: dict[str, str] = {
    "number": "编号",
    "area": "重点领域",
    "category": "问题类型",
    "source": "问题来源",
    "title": "问题标题",
    "description": "问题描述",
    "counterparty": "涉及企业/对象",
    "counterparty_uscc": "统一社会信用代码",
    "amount_involved": "涉及金额",
    "amount_repaid": "已清偿金额",
    "discovered_date": "发现日期",
    "target": "整改目标",
    "measures": "整改措施",
    "lead_unit": "牵头单位",
    "responsible_unit": "责任单位",
    "responsible_leader": "责任领导",
    "responsible_person": "责任人",
    "deadline": "整改时限",
    "status": "整改状态",
    "closed_flag": "是否销号",
    "progress": "整改进展",
    "closed_by": "销号审批人",
    "closed_date": "销号日期",
    "remark": "备注",
}

# The 序号 column: recognised as part of a header, imported as nothing.
INDEX_WORDS = ("序号", "序", "顺序号", "行号", "no", "no.")

SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("编号", "问题编号", "台账编号", "问题序号编号"),
    "area": ("重点领域", "领域", "所属领域", "问题领域", "治理领域"),
    "category": ("问题类型", "问题类别", "类型", "类别", "问题分类", "失信类型"),
    "source": ("问题来源", "来源", "线索来源", "发现途径", "问题线索来源"),
    "title": ("问题标题", "标题", "问题名称", "问题简述", "问题概述", "问题摘要"),
    "description": ("问题描述", "存在问题", "具体问题表述", "问题表述", "问题内容", "主要问题",
                    "问题情况", "具体问题", "问题具体情况", "问题详情", "存在的问题",
                    "具体问题描述"),
    "counterparty": ("涉及企业/对象", "涉及企业", "涉及对象", "企业名称", "债权人",
                     "债权企业", "当事人", "涉及企业名称", "涉及企业(对象)"),
    "counterparty_uscc": ("统一社会信用代码", "信用代码", "社会信用代码",
                          "涉及企业统一社会信用代码", "企业信用代码"),
    "amount_involved": ("涉及金额", "问题金额", "欠款金额", "拖欠金额", "金额", "涉案金额",
                        "拖欠账款金额"),
    "amount_repaid": ("已清偿金额", "已偿还金额", "已支付金额", "已还款金额", "清偿金额",
                      "已化解金额", "已清欠金额", "已付金额"),
    "discovered_date": ("发现日期", "发现时间", "登记日期", "问题发现时间"),
    "target": ("整改目标", "目标", "整改要求"),
    "measures": ("整改措施", "措施", "具体措施", "整改举措", "整改措施及计划"),
    "lead_unit": ("牵头单位", "牵头部门"),
    "responsible_unit": ("责任单位", "整改责任单位", "责任部门", "主体责任单位", "整改单位"),
    "responsible_leader": ("责任领导", "分管领导", "牵头领导", "包保领导", "责任领导人"),
    "responsible_person": ("责任人", "具体责任人", "整改责任人", "直接责任人"),
    "deadline": ("整改时限", "完成时限", "整改期限", "完成时间", "整改完成时限", "时限",
                 "整改完成时间", "计划完成时间"),
    "status": ("整改状态", "状态", "整改情况", "完成情况", "是否完成", "整改完成情况",
               "是否整改到位"),
    "closed_flag": ("是否销号", "销号与否"),
    "progress": ("整改进展", "进展情况", "工作进展", "推进情况", "整改进展情况"),
    "closed_by": ("审批人", "销号审批人", "销号人", "销号批准人"),
    "closed_date": ("销号日期", "销号时间"),
    "remark": ("备注", "说明", "其他说明"),
}

_UNIT = re.compile(r"\((万元|元|亿元)\)|(万元|元)$")
_DROP = re.compile(r"[\s*※★:：]+")

_EXACT: dict[str, str] = {}
for _field, _words in SYNONYMS.items():
    for _w in _words:
        _EXACT.setdefault(_w, _field)
_BY_LENGTH = sorted(_EXACT.items(), key=lambda kv: -len(kv[0]))


def normalise(text) -> str:
    """'问题金额（万元）\\n' -> '问题金额(万元)': NFKC makes brackets, digits and letters
    half-width; spaces, line breaks and required-field stars go."""
    text = unicodedata.normalize("NFKC", str(text if text is not None else ""))
    return _DROP.sub("", text).lower()


def split_unit(text: str) -> tuple[str, str | None]:
    """'涉及金额(万元)' -> ('涉及金额', '万元'); '欠款金额' -> ('欠款金额', None)."""
    m = _UNIT.search(text)
    if not m or (m[2] and text == m[2]):
        return text, None
    return text[:m.start()] + text[m.end():], m[1] or m[2]


def field_of(header: str) -> str | None:
    """The field a normalised header names, or None."""
    if not header:
        return None
    base, _unit = split_unit(header)
    base = re.sub(r"\(.*?\)", "", base) if base not in _EXACT else base
    if base in _EXACT:
        return _EXACT[base]
    if header in _EXACT:
        return _EXACT[header]
    if base in INDEX_WORDS:
        return None
    for word, f in _BY_LENGTH:
        if len(word) >= 2 and word in base:
            return f
    return None


def is_index(header: str) -> bool:
    return header in INDEX_WORDS


def unit_of(header: str) -> str | None:
    return split_unit(header)[1]


def header_key(headers: list[str]) -> str:
    """What a remembered mapping is filed under: the normalised header texts in order."""
    return "|".join(headers)
