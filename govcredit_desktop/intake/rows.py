"""Rows below the header that are not problems: blank rows, 合计/小计 rows, the 填报单位
or signature lines, a repeated header (printed pages), a row of column numbers."""

from __future__ import annotations

import re
import unicodedata

from govcredit_desktop.intake import values as vl

_TOTAL = re.compile(r"^(合计|小计|总计|共计|累计)")
_NOTE = ("填报单位", "填报人", "填表人", "填报日期", "经办人", "审核人", "签发人", "制表",
         "联系电话", "联系人", "说明", "注:", "备注:", "单位负责人", "单位(盖章)", "单位盖章")
_EMPTY_LEDGER = ("本专项治理暂无问题", "暂无问题", "无")


def _key(value) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", vl.text(value)))


def skip_reason(row: list, fields: list, header, hidden: set[int]) -> str | None:
    cells = [(i, v) for i, v in enumerate(row) if i not in hidden and not vl.is_blank(v)]
    if not cells:
        return "空行"
    texts = [_key(v) for _i, v in cells]
    if any(_TOTAL.match(t) and len(t) <= 8 for t in texts):
        return "合计/小计行"
    # A line merged across the table comes back in every column it covers.
    if len(set(texts)) <= 3 and any(texts[0].startswith(n) for n in _NOTE):
        return f"说明行（{texts[0][:12]}）"
    if len(set(texts)) == 1 and texts[0] in _EMPTY_LEDGER:
        return "无内容的说明行"
    mapped = [(i, v) for i, v in cells if i < len(fields) and fields[i]]
    if not mapped:
        return "空行（只有序号或未对应的列）"
    shown = [re.sub(r"\s+", "", t) for t in header.texts]
    if sum(1 for i, v in cells if i < len(shown) and _key(v) and
           (_key(v) == shown[i] or shown[i].endswith("/" + _key(v)))) >= max(2, len(cells) // 2):
        return "重复的表头行"
    if len(cells) >= 3 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                               or (isinstance(v, str) and v.strip().isdigit()) for _i, v in cells):
        numbers = [int(float(v)) for _i, v in cells]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            return "列序号行"
    return None
