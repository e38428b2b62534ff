"""Rows below the header that are not problems: blank rows, 合计/小计 rows, the 填报单位
or signature lines, a repeated header (printed pages), a row of column numbers.

Called for every row of a 50,000-row sheet: only short texts are normalised, since a
合计 or a header word is short and a problem's description is not.
"""

from __future__ import annotations

import re
import unicodedata

_TOTAL = re.compile(r"^(合计|小计|总计|共计|累计)")
_TOTAL_FIRST = set("合小总共累")
_NOTE = ("填报单位", "填报人", "填表人", "填报日期", "经办人", "审核人", "签发人", "制表",
         "联系电话", "联系人", "说明", "注:", "备注:", "单位负责人", "单位(盖章)", "单位盖章")
_EMPTY_LEDGER = ("本专项治理暂无问题", "暂无问题", "无")
_SHORT = 16
_SPACES = re.compile(r"\s+")


def _key(value: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", value))


class RowSkipper:
    def __init__(self, fields: list, header_texts: list[str], hidden: set[int]):
        self.mapped = {i for i, f in enumerate(fields) if f}
        self.hidden = hidden
        # Each column's header words, as a repeated header row would show them.
        self.header = [{p.strip() for p in t.split("/") if p} for t in header_texts]

    def reason(self, row: list) -> str | None:
        hidden = self.hidden
        # The cells that hold something: text that is not blank, any other value.
        cells = [(i, v) for i, v in enumerate(row)
                 if (v.strip() if v.__class__ is str else v is not None)
                 and (not hidden or i not in hidden)]
        if not cells:
            return "空行"
        short = [(i, v.strip()) for i, v in cells if v.__class__ is str and len(v) <= _SHORT]
        if any(t[0] in _TOTAL_FIRST and _TOTAL.match(_key(t)) and len(_key(t)) <= 8
               for _i, t in short):
            return "合计/小计行"
        first = cells[0][1]
        if type(first) is str:
            # A line merged across the table comes back in every column it covers.
            distinct = {v for _i, v in cells}
            head = _key(first[:40])
            if len(distinct) <= 3 and head.startswith(_NOTE):
                return f"说明行（{head[:12]}）"
            if len(distinct) == 1 and head in _EMPTY_LEDGER:
                return "无内容的说明行"
        if not any(i in self.mapped for i, _v in cells):
            return "空行（只有序号或未对应的列）"
        header = self.header
        repeats = sum(1 for i, t in short if i < len(header) and t in header[i])
        if repeats >= max(2, len(cells) // 2):
            return "重复的表头行"
        if len(cells) >= 3 and all(type(v) in (int, float)
                                   or (type(v) is str and v.strip().isdigit())
                                   for _i, v in cells):
            numbers = [int(float(v)) for _i, v in cells]
            if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
                return "列序号行"
        return None
