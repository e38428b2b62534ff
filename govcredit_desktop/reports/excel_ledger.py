"""The Excel ledger (整改台账) in the county template style, written with openpyxl write_only.

Sheet 1 “整改台账”: a title row, a subtitle row (填报单位 / 依据文件 / 填报日期), two header
rows with merged groups (责任主体 over 牵头单位/责任单位/责任领导/责任人, 销号情况 over
审批人/销号日期), one row per problem, and a signature line.  Sheet 2 “整改措施”: one
measure per row.  Money is numeric (元, '#,##0.00'), dates are real dates, status columns
carry drop-down lists, the header rows are frozen and repeated on every printed page,
and pages are landscape A4 fitted to the width.

The file is written to a temporary file beside the target and moved into place only
when complete, so a full disk, a removed USB stick or a cancel never leaves a partial
workbook under the user's file name.

openpyxl is imported inside the functions: start-up time matters more than the
~0.1 s the import costs when an export is actually made.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_write
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.reports.subject import campaign_for, require_department
from govcredit_desktop.store.queries import report_data

SHEET_LEDGER = "整改台账"
SHEET_MEASURES = "整改措施"
# Excel refuses more characters in one cell (and LibreOffice cuts them off).
CELL_MAX = 32_767
EMPTY_LEDGER_TEXT = "本专项治理暂无问题"
EMPTY_MEASURES_TEXT = "本专项治理暂无整改措施"
CANCELLED_TEXT = "已取消"

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
MONEY_FORMAT = "#,##0.00"
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW_1, HEADER_ROW_2 = 1, 2, 3, 4
FIRST_DATA_ROW = 5
MEASURES_HEADER_ROW = 2
MEASURES_FIRST_DATA_ROW = 3
# progress(done, total) and cancelled() are called every this many rows.
REPORT_EVERY = 250
# Row heights in points for 10 pt 宋体.  LibreOffice (checked) opens wrapped rows
# one line high unless the file gives a height, so each data row gets an
# estimate from its text; a little too tall is better than clipped on paper.
LINE_HEIGHT = 13.5
ROW_PADDING = 4
MAX_ROW_HEIGHT = 409  # Excel's limit


@dataclass(frozen=True)
class Column:
    label: str
    width: float
    kind: str = "text"  # text | center | code (one line) | int | money | date
    group: str = ""  # upper header spanning consecutive columns with the same group


# Widths in Excel's units (one Latin digit of the default font; a Chinese character
# of 10 pt 宋体 takes ~1.9).
# Date and money cells must not wrap (LibreOffice, checked, wraps "2026年11月27日" in a
# 13-wide column and prints "###" for a 合计 of 13 digits): their columns fit
# "2021年12月30日" and "999,999,999.99"; a header of four characters needs 9.  The
# sheet prints two A4 landscape pages wide at PRINT_SCALE, 序号 and 编号 repeated on each
# (print_columns), so the 10 pt body prints at 9 pt.
LEDGER_COLUMNS = (
    Column("序号", 5, "int"),
    Column("编号", 10, "center"),
    Column("重点领域", 9),
    Column("问题类型", 10),
    Column("问题来源", 9),
    Column("问题标题", 14),
    Column("问题描述", 20),
    Column("涉及企业/对象", 13),
    Column("统一社会信用代码", 23, "code"),
    Column("涉及金额(元)", 14, "money"),
    Column("已清偿金额(元)", 14, "money"),
    Column("发现日期", 15, "date"),
    Column("整改目标", 11),
    Column("整改措施", 25),
    Column("牵头单位", 10, group="责任主体"),
    Column("责任单位", 9, group="责任主体"),
    Column("责任领导", 9, "center", group="责任主体"),
    Column("责任人", 7, "center", group="责任主体"),
    Column("整改时限", 15, "date"),
    Column("整改状态", 9, "center"),
    Column("整改进展", 13),
    Column("审批人", 7, "center", group="销号情况"),
    Column("销号日期", 15, "date", group="销号情况"),
    Column("备注", 8),
)
MEASURE_COLUMNS = (
    Column("问题编号", 10, "center"),
    Column("问题标题", 30),
    Column("序号", 5, "int"),
    Column("措施内容", 40),
    Column("责任人", 8, "center"),
    Column("完成时限", 13, "date"),
    Column("状态", 8, "center"),
    Column("完成日期", 13, "date"),
)
LEDGER_STATUS_COLUMN = 1 + [c.label for c in LEDGER_COLUMNS].index("整改状态")
BODY_SIZE = 10
SUBTITLE_SIZE = 11
# Printed at 90 %: the 10 pt body comes out at 9 pt (GB/T 9704's smallest table text, 小五).
PRINT_SCALE = 90
# A4 landscape less the left and right margins (0.4 in each), in millimetres.
PRINTABLE_MM = 297 - 2 * 0.4 * 25.4
# The height of a printed page in the sheet's points: A4 landscape less the top and bottom
# margins (0.6 in each) at PRINT_SCALE, 3 % kept free for a printer's rounding.
PAGE_ROOM = (210 - 2 * 0.6 * 25.4) * 72 / 25.4 * 100 / PRINT_SCALE * 0.97
# openpyxl's sheetFormatPr defaultRowHeight, the height of a row the file gives none.
DEFAULT_ROW_HEIGHT = 15
REPEATED_COLUMNS = 2  # 序号 and 编号 on every printed page
TOTAL_LABEL = "合计"
MEASURE_STATUS_COLUMN = 1 + [c.label for c in MEASURE_COLUMNS].index("状态")
# A county's merged ledger names each row's department (row["department"]) after 序号 on
# the ledger sheet and first on the measures sheet.
UNIT_COLUMN = Column("单位", 16)
COUNTY_LEDGER_COLUMNS = (LEDGER_COLUMNS[0], UNIT_COLUMN, *LEDGER_COLUMNS[1:])
COUNTY_MEASURE_COLUMNS = (UNIT_COLUMN, *MEASURE_COLUMNS)
_NOT_TEXT = ("f", "e")  # openpyxl's types for '=…' formulas and '#N/A'-like error codes
_VOCAB_COLUMNS = {"area": "重点领域", "category": "问题类型", "source": "问题来源"}


class _Cancelled(Exception):
    pass


@dataclass(frozen=True)
class LedgerSource:
    """What a workbook lists and who signs it: one department's campaign
    (``export_ledger``) or a county campaign's merged records (reports/county_ledger.py,
    with ``unit_column``)."""

    department: dict  # 填报单位 and the signature line: name, preparer, reviewer, ...
    campaign: dict  # name, doc_number
    rows: Callable[[], Iterable[dict]]  # report_data.iter_ledger_rows' dicts
    total: int  # problems plus measures, what progress counts
    unit_column: bool = False


# --- values ------------------------------------------------------------------


def _date(iso: str | None):
    if not iso:
        return None
    try:
        value = _dt.date.fromisoformat(iso)
    except ValueError:  # not what the store writes, but never lose it
        return iso
    # Excel has no date before 1900 (0001-01-01 became serial -693593): older files
    # may hold one, so it goes out as the text it is.
    return value if value.year >= 1900 else iso


def _yuan(fen: int | None) -> Decimal | None:
    # scaleb is exact: 12345 fen -> Decimal('123.45'), never a binary float.
    return None if fen is None else Decimal(fen).scaleb(-2)


def measure_line(index: int, measure: dict) -> str:
    """'1. 核实欠款金额（张伟，2021年12月30日，已完成）' — one line of the 整改措施 cell."""
    detail = "，".join(p for p in (measure["owner_name"], format_cn(measure["deadline"]),
                                   measure["status"]) if p)
    return f"{index}. {measure['content']}（{detail}）" if detail else \
        f"{index}. {measure['content']}"


def measures_text(measures: list[dict]) -> str:
    """The 整改措施 cell: one line per measure, within one Excel cell.  Each measure fits
    (core.limits), but a problem may have many; the cell then says where the rest are,
    rather than Excel cutting it off mid-sentence."""
    lines = [measure_line(i, m) for i, m in enumerate(measures, 1)]
    text = "\n".join(lines)
    if len(text) <= CELL_MAX:
        return text
    kept, used = [], 0
    for line in lines:
        rest = len(lines) - len(kept) - 1
        note = f"……另有{rest}项措施，详见“{SHEET_MEASURES}”表"
        if used + len(line) + 1 + len(note) > CELL_MAX:
            break
        kept.append(line)
        used += len(line) + 1
    rest = len(lines) - len(kept)
    return "\n".join([*kept, f"……另有{rest}项措施，详见“{SHEET_MEASURES}”表"])


def remark_text(row: dict) -> str:
    parts = []
    if row.get("listed_as_dishonest"):
        parts.append("已纳入政务失信记录")
    if row.get("closure_remark"):
        parts.append(row["closure_remark"])
    return "；".join(parts)


def ledger_values(index: int, row: dict) -> list:
    """The cells of one problem row, in LEDGER_COLUMNS order."""
    return [
        index, row["number"], row["area"], row["category"], row["source"], row["title"],
        row["description"], row["counterparty"], row.get("counterparty_uscc") or None,
        _yuan(row["amount_involved"]), _yuan(row["amount_repaid"]),
        _date(row["discovered_date"]), row["target"],
        measures_text(row["measures"]),
        row["lead_unit"], row["responsible_unit"],
        row["responsible_leader_name"], row["responsible_person_name"],
        _date(row["deadline"]), row["status"], row["progress_summary"],
        row["closed_by"], _date(row["closed_date"]), remark_text(row),
    ]


def ledger_title(department: dict, campaign: dict) -> str:
    return f"{department['name']}{campaign['name']}问题整改台账"


def measures_title(department: dict, campaign: dict) -> str:
    return f"{department['name']}{campaign['name']}整改措施清单"


def signature_text(department: dict) -> str:
    parts = [f"{label}：{department.get(key) or ''}" for key, label in (
        ("preparer", "经办人"), ("reviewer", "审核人"), ("signatory", "签发人"),
        ("contact_phone", "联系电话"))]
    return "　　".join(parts)


# --- styles and fast rows ----------------------------------------------------


class _Styles:
    """Each look is built once; cells copy its StyleArray (no per-cell Font/Border)."""

    def __init__(self, ws):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="000000")
        border = Border(left=thin, right=thin, top=thin, bottom=thin)
        body = Font(name="宋体", size=BODY_SIZE)

        def make(font=body, border=border, fill=None, number_format=None, **align):
            cell = WriteOnlyCell(ws)
            cell.font = font
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            if number_format:
                cell.number_format = number_format
            cell.alignment = Alignment(**{"vertical": "center", "wrap_text": True, **align})
            return cell._style

        self.title = make(Font(name="黑体", size=18), None, horizontal="center")
        sub = Font(name="宋体", size=SUBTITLE_SIZE)
        self.sub_left = make(sub, None, horizontal="left")
        self.sub_center = make(sub, None, horizontal="center")
        self.sub_right = make(sub, None, horizontal="right")
        self.header = make(Font(name="黑体", size=11), fill=PatternFill(
            "solid", fgColor="D9D9D9"), horizontal="center")
        self.empty = make(horizontal="center")
        self.footer = make(Font(name="宋体", size=11), None, horizontal="left")
        total_font = Font(name="黑体", size=BODY_SIZE)
        self.total_label = make(total_font, horizontal="center")
        one_line = {"wrap_text": False, "shrink_to_fit": True}
        self.total_money = make(total_font, number_format=MONEY_FORMAT, horizontal="right",
                                **one_line)
        self.total_count = make(total_font, number_format='0"个"', horizontal="center")
        self.total_empty = make(total_font)
        self.by_kind = {
            "text": make(horizontal="left"),
            "center": make(horizontal="center"),
            "int": make(horizontal="center"),
            # One line each, shrunk rather than wrapped or shown as "###" where the
            # reader's font is wider than 宋体 (LibreOffice without it, checked).
            "money": make(number_format=MONEY_FORMAT, horizontal="right", **one_line),
            "date": make(number_format=DATE_FORMAT, horizontal="center", **one_line),
            "code": make(horizontal="center", **one_line),
        }


class _Sheet:
    """A write-only sheet whose rows are lists of pre-styled cells.

    One Cell per column is reused for every data row: write_only serialises a row
    as soon as it is appended, so the cells are free again afterwards.  Handing
    cells to ``append`` normally costs a failed value conversion and a fresh Cell
    per styled value (measured: 1.6-1.9x the time of plain values); ``_cells_as_row``,
    set as the sheet's (private) ``_values_to_row``, passes our cells straight to the
    writer.  If a future openpyxl drops that method, ``append`` still accepts the
    cells, only slower; the tests reload every cell, so a change in it shows.
    """

    def __init__(self, wb, title: str, columns, freeze: str, *, fit_width: bool = True):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.utils import get_column_letter
        from openpyxl.utils.exceptions import IllegalCharacterError
        from openpyxl.worksheet.properties import PageSetupProperties

        self.ws = wb.create_sheet(title)
        # Sheet properties, views and column widths go out with the first row in
        # write_only mode, so they are set before anything is appended.
        self.ws.freeze_panes = freeze
        self.ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=fit_width)
        self.fit_width = fit_width
        # Rows after which a printed page ends (fit_width False: the ledger sheet).
        self.row_breaks: list[int] = []
        self._used = self._repeated = 0.0
        self.columns = columns
        self.n = len(columns)
        self.styles = _Styles(self.ws)
        self.row = 0
        for i, column in enumerate(columns, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = column.width
        if callable(getattr(type(self.ws), "_values_to_row", None)):
            self.ws._values_to_row = _cells_as_row
        self._data_cells = self.new_cells([self.styles.by_kind[c.kind] for c in columns])
        self._illegal_error, self._illegal_re = IllegalCharacterError, ILLEGAL_CHARACTERS_RE
        # (index, characters per line) of the columns whose text wraps.
        # (LibreOffice, checked, wraps the 25-wide 整改措施 at 11 characters, not 12.)
        self._wrapping = [(i, max(1.0, c.width - 1.5)) for i, c in enumerate(columns)
                          if c.kind in ("text", "center")]

    def new_cells(self, styles):
        cls = _fixed_style_cell()
        return [cls(self.ws, i, s) for i, s in enumerate(styles, 1)]

    def append(self, values, styles, height: float | None = None, *,
               formulas: bool = False) -> int:
        """A one-off row (title, headers, totals); ``None`` values keep their border.
        ``formulas``: values starting with '=' are our own formulas (the 合计 row)."""
        cells = self.new_cells(styles)
        self._fill(cells, values, formulas)
        return self._append(cells, height)

    def append_data(self, values) -> int:
        self._fill(self._data_cells, values)
        row = self._append(self._data_cells, self.row_height(values))
        # Written already: drop its row attributes so 100k rows don't pile up.
        self.ws.row_dimensions.pop(row, None)
        return row

    def _fill(self, cells, values, formulas: bool = False) -> None:
        for cell, value in zip(cells, values, strict=True):
            try:
                cell.value = value
            except self._illegal_error:  # control characters pasted from other programs
                cell.value = self._illegal_re.sub("", value)
            # A user's text is never a formula or an error code: '=HYPERLINK(…)' stays text.
            if cell.data_type in _NOT_TEXT and not formulas:
                cell.data_type = "s"

    def row_height(self, values) -> float | None:
        """Points for the tallest wrapped cell, or None when one line is enough."""
        lines = 1
        for i, per_line in self._wrapping:
            text = values[i]
            if not text or text.__class__ is not str:
                continue
            if len(text) * 2 <= per_line and "\n" not in text:
                continue  # fits even if every character is a wide one
            # Display width: 2 for a Chinese character (3 UTF-8 bytes), 1.3 for ASCII:
            # a digit is half an em in 宋体 but wider in the faces that stand in for it
            # (DejaVu Sans in LibreOffice without 宋体: 0.64 em), and a row too low
            # cuts its text on paper.
            n = 0
            for part in text.split("\n"):
                wide = (len(part.encode()) - len(part)) / 2
                n += max(1, math.ceil((2 * wide + 1.3 * (len(part) - wide)) / per_line))
            if n > lines:
                lines = n
        if lines == 1:
            return None
        return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)

    def _append(self, cells, height=None) -> int:
        self.row += 1
        if not self.fit_width:
            self._paginate(height or DEFAULT_ROW_HEIGHT)
        if height:
            # The writer only reads a row's <row> attributes from row_dimensions
            # (``attrs.update(dims.get(row))``); a plain dict of them costs 1/20 of a
            # RowDimension object (measured: 0.5 s per 40k rows, ~10% of the export).
            self.ws.row_dimensions[self.row] = {"ht": f"{height:g}", "customHeight": "1"}
        self.ws.append(cells)
        return self.row

    def _paginate(self, height: float) -> None:
        """Page breaks of our own, from the row heights the file sets: an application's
        own would leave the 经办人 line alone on a last page (LibreOffice, checked)."""
        if self.row in (HEADER_ROW_1, HEADER_ROW_2):
            self._repeated += height
        if self._used + height > PAGE_ROOM and self._used > self._repeated:
            self.row_breaks.append(self.row - 1)
            self._used = self._repeated
        self._used += height

    def keep_tail_together(self, last_data_row: int) -> None:
        """The last problem, the 合计 row and the 经办人 line on one page: a break after the
        last problem moves up one row (unless that row is alone on its page already)."""
        b = self.row_breaks
        if b and b[-1] >= last_data_row and (len(b) < 2 or b[-2] < last_data_row - 1) \
                and last_data_row - 1 >= FIRST_DATA_ROW:
            b[-1] = last_data_row - 1

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        from openpyxl.worksheet.cell_range import CellRange

        self.ws.merged_cells.add(CellRange(min_row=first_row, min_col=first_col,
                                           max_row=last_row, max_col=last_col))

    def full_width_row(self, text: str, style, height=None) -> int:
        row = self.append([text] + [None] * (self.n - 1), [style] * self.n, height)
        self.merge(row, 1, row, self.n)
        return row

    def text_row(self, text: str, style, height: float, *, from_column: int | None = None
                 ) -> int:
        """The title or the 经办人 line: one cell merged over ``text_columns`` (from
        ``from_column`` instead: the empty ledger's note, inside the table's border)."""
        first, last = self.text_columns
        first = from_column or first
        row = self.append([None] * (first - 1) + [text] + [None] * (self.n - first),
                          [style] * self.n, height)
        self.merge(row, first, row, last)
        return row

    @property
    def text_columns(self) -> tuple[int, int]:
        """(first, last) column of the title, subtitle and signature: the first printed
        page after the repeated 序号/编号.  Merged over the whole sheet, LibreOffice
        (checked) centred the title across both pages, cutting it in two, and the repeated
        columns print their part of a row on every page (“填报单位（盖章）” again)."""
        if self.fit_width:
            return 1, self.n
        return REPEATED_COLUMNS + 1, print_pages(self.columns)[0]

    def page_setup(self, title_rows: str, *, fit_width: bool = True) -> None:
        """Landscape A4.  ``fit_width``: one page wide (the measures sheet, narrow enough);
        otherwise PRINT_SCALE with the first REPEATED_COLUMNS on every page and column
        breaks where a page is full (print_columns)."""
        ws = self.ws
        ws.print_title_rows = title_rows
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        if fit_width:
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0  # as many pages tall as needed
        else:
            from openpyxl.utils import get_column_letter
            from openpyxl.worksheet.pagebreak import Break

            ws.page_setup.scale = PRINT_SCALE
            ws.print_title_cols = f"A:{get_column_letter(REPEATED_COLUMNS)}"
            # A problem's two halves on consecutive sheets, to be laid side by side.
            ws.page_setup.pageOrder = "overThenDown"
            for last in print_pages(self.columns)[:-1]:
                ws.col_breaks.append(Break(id=last))
            for row in self.row_breaks:
                ws.row_breaks.append(Break(id=row))
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"

    def add_list(self, values, column: int, first_row: int, last_row: int, title: str,
                 strict: bool) -> None:
        """A drop-down list on one column; skipped when Excel's inline list can't hold it."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        values = list(values)
        if last_row < first_row or any("," in v or '"' in v for v in values):
            return
        formula = '"' + ",".join(values) + '"'
        if len(formula) > 255:  # Excel's limit for an inline list
            return
        letter = get_column_letter(column)
        dv = DataValidation(type="list", formula1=formula, allow_blank=True,
                            showDropDown=False, showErrorMessage=True,
                            errorStyle="stop" if strict else "warning",
                            errorTitle=title,
                            error=f"请从下拉列表中选择{title}：{'、'.join(values)}",
                            promptTitle=title, prompt="请从下拉列表中选择", showInputMessage=False)
        dv.add(f"{letter}{first_row}:{letter}{last_row}")
        self.ws.data_validations.append(dv)


def column_mm(width: float) -> float:
    """Printed width at 100 % of a column ``width`` characters wide (Excel's rule for the
    default 11 pt font: 7 px a character plus 5 px of padding, at 96 px an inch)."""
    return (math.trunc(width * 7 + 0.5) + 5) * 25.4 / 96


def print_pages(columns) -> list[int]:
    """The last column (1-based) of each printed page at PRINT_SCALE, the repeated columns
    counted on every page: as few pages as fit A4, their widths as even as they can be
    (filled greedily, the county's three pages were 274, 267 and 78 mm wide)."""
    full = PRINTABLE_MM * 100 / PRINT_SCALE
    widths = [column_mm(c.width) for c in columns]
    pages = _pack(widths, full)
    low, high = max(widths[REPEATED_COLUMNS:], default=0.0), full
    for _ in range(30):  # the narrowest page width that needs no more pages
        mid = (low + high) / 2
        if len(_pack(widths, mid)) <= len(pages):
            high = mid
        else:
            low = mid
    return _pack(widths, high)


def _pack(widths: list[float], room: float) -> list[int]:
    repeated = sum(widths[:REPEATED_COLUMNS])
    pages, used = [], repeated
    for i, w in enumerate(widths[REPEATED_COLUMNS:], REPEATED_COLUMNS + 1):
        if used + w > room and used > repeated:
            pages.append(i - 1)
            used = repeated
        used += w
    pages.append(len(widths))
    return pages


@functools.cache
def _fixed_style_cell():
    from openpyxl.cell import Cell

    class FixedStyleCell(Cell):
        """A cell whose look never changes: its style id is found once, not per row.

        The writer asks every styled cell for ``has_style`` and ``style_id``; in
        openpyxl both scan and hash the StyleArray each time (~15% of the export).
        """

        __slots__ = ("style_id",)
        has_style = True

        def __init__(self, ws, column, style_array):
            super().__init__(ws, row=1, column=column, style_array=style_array)
            self.style_id = Cell.style_id.fget(self)

    return FixedStyleCell


def _cells_as_row(cells, row_idx):
    for cell in cells:
        cell.row = row_idx
        yield cell


# --- the two sheets ------------------------------------------------------------


def _header_rows(sheet: _Sheet) -> None:
    """Two header rows: grouped columns under a merged group label, others merged down."""
    st = sheet.styles.header
    upper = [c.group or c.label for c in sheet.columns]
    lower = [c.label if c.group else None for c in sheet.columns]
    # Within a group only the first cell carries the group label.
    for i in range(sheet.n - 1, 0, -1):
        if sheet.columns[i].group and sheet.columns[i].group == sheet.columns[i - 1].group:
            upper[i] = None
    r1 = sheet.append(upper, [st] * sheet.n, height=22)
    r2 = sheet.append(lower, [st] * sheet.n, height=30)
    i = 0
    while i < sheet.n:
        group = sheet.columns[i].group
        if not group:
            sheet.merge(r1, i + 1, r2, i + 1)
            i += 1
            continue
        j = i
        while j + 1 < sheet.n and sheet.columns[j + 1].group == group:
            j += 1
        sheet.merge(r1, i + 1, r1, j + 1)
        i = j + 1


def _write_sheets(wb, db, source: LedgerSource, today, tick) -> tuple[int, int]:
    """Both sheets in one pass over the problems; write_only streams each to its own file."""
    department, campaign, unit = source.department, source.campaign, source.unit_column
    ledger = _Sheet(wb, SHEET_LEDGER, COUNTY_LEDGER_COLUMNS if unit else LEDGER_COLUMNS,
                    freeze=f"{'D' if unit else 'C'}{FIRST_DATA_ROW}", fit_width=False)
    measure_columns = COUNTY_MEASURE_COLUMNS if unit else MEASURE_COLUMNS
    measures = _Sheet(wb, SHEET_MEASURES, measure_columns,
                      freeze=f"A{MEASURES_FIRST_DATA_ROW}")
    title = ledger_title(department, campaign)
    first, last = ledger.text_columns
    room = sum(column_mm(c.width) for c in ledger.columns[first - 1:last])
    # A title wider than the first page wraps to a second line (the county's, three pages
    # wide, has the narrowest first page).
    ledger.text_row(title, ledger.styles.title, 40 if _text_mm(title, 18) <= room else 56)
    _subtitle(ledger, department, campaign, today)
    _header_rows(ledger)
    measures.full_width_row(measures_title(department, campaign), measures.styles.title,
                            height=36)
    measures.append([c.label for c in measure_columns],
                    [measures.styles.header] * measures.n, height=24)
    n = n_measures = pending = 0
    for n, row in enumerate(source.rows(), 1):
        values = ledger_values(n, row)
        if unit:
            values.insert(1, row["department"])
        ledger.append_data(values)
        for index, m in enumerate(row["measures"], 1):
            values = [row["number"], row["title"], index, m["content"], m["owner_name"],
                      _date(m["deadline"]), m["status"], _date(m["completed_date"])]
            measures.append_data([row["department"], *values] if unit else values)
        n_measures += len(row["measures"])
        pending += 1 + len(row["measures"])
        if pending >= REPORT_EVERY:
            tick(pending)
            pending = 0
    tick(pending)
    _finish_ledger(ledger, db, department, n)
    _finish_measures(measures, n_measures)
    return n, n_measures


def total_row_values(n: int, columns=LEDGER_COLUMNS) -> list:
    """The 合计 row under ``n`` data rows: the count of problems and SUM formulas over the
    money columns, so that the totals follow when someone edits the sheet in Excel."""
    from openpyxl.utils import get_column_letter

    first, last = FIRST_DATA_ROW, FIRST_DATA_ROW + n - 1
    values: list = [TOTAL_LABEL] + [None] * (len(columns) - 1)
    at = [c.label for c in columns].index("编号")
    number = get_column_letter(1 + at)
    values[at] = f"=COUNTA({number}{first}:{number}{last})"
    for i, c in enumerate(columns):
        if c.kind == "money":
            letter = get_column_letter(i + 1)
            values[i] = f"=SUM({letter}{first}:{letter}{last})"
    return values


def _total_row(sheet: _Sheet, n: int) -> None:
    st = sheet.styles
    values = total_row_values(n, sheet.columns)
    styles = [st.total_money if c.kind == "money" else st.total_empty for c in sheet.columns]
    styles[0] = st.total_label
    styles[[c.label for c in sheet.columns].index("编号")] = st.total_count
    sheet.append(values, styles, height=20, formulas=True)


def _finish_ledger(sheet: _Sheet, db, department: dict, n: int) -> None:
    if n == 0:
        sheet.text_row(EMPTY_LEDGER_TEXT, sheet.styles.empty, 30, from_column=1)
    else:
        _total_row(sheet, n)
    last = FIRST_DATA_ROW + n - 1
    sheet.text_row(signature_text(department), sheet.styles.footer, 28)
    if n:
        sheet.keep_tail_together(last)
    sheet.page_setup(title_rows=f"{HEADER_ROW_1}:{HEADER_ROW_2}", fit_width=False)
    labels = [c.label for c in sheet.columns]
    sheet.add_list(tuple(ProblemStatus), 1 + labels.index("整改状态"), FIRST_DATA_ROW, last,
                   "整改状态", True)
    for kind, label in _VOCAB_COLUMNS.items():
        sheet.add_list(db.settings.vocabulary(kind), labels.index(label) + 1, FIRST_DATA_ROW, last,
                       label, False)


def _finish_measures(sheet: _Sheet, n: int) -> None:
    if n == 0:
        sheet.full_width_row(EMPTY_MEASURES_TEXT, sheet.styles.empty, height=30)
    sheet.page_setup(title_rows=f"{MEASURES_HEADER_ROW}:{MEASURES_HEADER_ROW}")
    status_column = 1 + [c.label for c in sheet.columns].index("状态")
    sheet.add_list(tuple(MeasureStatus), status_column, MEASURES_FIRST_DATA_ROW,
                   MEASURES_FIRST_DATA_ROW + n - 1, "状态", True)


def _subtitle(sheet: _Sheet, department: dict, campaign: dict, today: _dt.date) -> None:
    """填报单位 on the left, 依据文件 in the middle, 填报日期 on the right (each merged),
    all on the first printed page and after the repeated 序号/编号 columns (printed on every
    page, they would show the first words again on the next ones); each part as wide as
    its text needs (the county's first page is narrower), the 依据文件 left out when the
    page has no room for it between the other two."""
    st = sheet.styles
    first, last = sheet.text_columns
    left = f"填报单位（盖章）：{department['name']}"
    middle = f"依据文件：{campaign['doc_number']}" if campaign.get("doc_number") else ""
    right = f"填报日期：{format_cn(today)}"
    widths = [column_mm(c.width) for c in sheet.columns]

    def span(a: int, b: int) -> float:  # columns a..b, 1-based
        return sum(widths[a - 1:b])

    left_end = first
    while left_end < last - 1 and span(first, left_end) < _text_mm(left, SUBTITLE_SIZE):
        left_end += 1
    right_start = last
    while right_start > left_end + 1 and span(right_start, last) < _text_mm(right,
                                                                               SUBTITLE_SIZE):
        right_start -= 1
    if middle and (right_start - left_end < 2
                   or span(left_end + 1, right_start - 1) < _text_mm(middle, SUBTITLE_SIZE)):
        # No room between: the left part takes it, 依据文件 is on the title row's line.
        middle = ""
    if not middle:
        left_end = right_start - 1
    values = [None] * sheet.n
    styles = [st.sub_center] * sheet.n
    values[first - 1], styles[first - 1] = left, st.sub_left
    if middle:
        values[left_end] = middle
    values[right_start - 1], styles[right_start - 1] = right, st.sub_right
    row = sheet.append(values, styles, height=24)
    sheet.merge(row, first, row, left_end)
    if middle:
        sheet.merge(row, left_end + 1, row, right_start - 1)
    sheet.merge(row, right_start, row, last)


def _text_mm(text: str, size: float) -> float:
    """Printed width at 100 % of ``text`` in ``size`` pt 宋体, with a cell's padding and a
    margin for wider stand-in faces."""
    wide = (len(text.encode()) - len(text)) / 2
    return (wide + 0.65 * (len(text) - wide)) * size * 25.4 / 72 * 1.05 + 2


# --- files -------------------------------------------------------------------------


# Deflate makes the sheets' XML about this much smaller (measured: 0.079 for 100k rows).
ZIP_RATIO = 0.08
# Share of the progress bar for compressing the sheets into the .xlsx: 13 s of 97 s for
# 100k problems, with the rows all written already (bench/excel_writer_bench.py).
SAVE_SHARE = 0.15


class _CountingFile:
    """The target file, counting what the zip writes into it (progress while the sheets
    are compressed, and a chance to cancel)."""

    def __init__(self, fh, on_write: Callable[[int], None]):
        self._fh, self._on_write, self.written = fh, on_write, 0

    def write(self, data) -> int:
        n = self._fh.write(data)
        self.written += len(data)
        self._on_write(self.written)
        return n

    def __getattr__(self, name):
        return getattr(self._fh, name)


def _sheet_bytes(wb) -> int:
    """Bytes of XML openpyxl streamed for the sheets (its write_only temporary files)."""
    total = 0
    for ws in getattr(wb, "worksheets", ()):
        path = getattr(getattr(ws, "_writer", None), "out", None)
        if isinstance(path, str) and os.path.exists(path):
            total += os.path.getsize(path)
    return total


def _save(wb, fh, on_write: Callable[[int], None] | None = None) -> None:
    """openpyxl's ``Workbook.save`` into ``fh``, with the zip closed here even on failure.

    ``Workbook.save`` leaves a failed ZipFile to the garbage collector, whose close then
    writes to the discarded file and prints "Exception ignored in ZipFile.__del__".
    ``on_write(bytes)`` is called as the compressed file grows (it may raise to stop).
    """
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if on_write is not None:
        fh = _CountingFile(fh, on_write)
    archive = ZipFile(fh, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()  # closes the archive when it succeeds
    finally:
        if archive.fp is not None:
            # Failed: drop the zip without writing its directory to a full disk.
            archive.fp = None


def _discard(wb) -> None:
    """Remove openpyxl's per-sheet stream files of an export that did not finish."""
    for ws in getattr(wb, "worksheets", ()):
        # Finish the row stream first, or it writes into a closed file when collected.
        rows = getattr(ws, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()
        writer = getattr(ws, "_writer", None)
        path = getattr(writer, "out", None)
        if isinstance(path, str) and os.path.exists(path):
            with contextlib.suppress(Exception):
                writer.close()
            with contextlib.suppress(Exception):
                writer.cleanup()


def export_ledger(db, out_path, campaign_id: int | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  today: _dt.date | None = None) -> Path:
    """Write the campaign's ledger to ``out_path`` (.xlsx) and return the path.

    ``progress(done, total)`` counts problems plus measures, and then the compression of
    the sheets into the file (SAVE_SHARE of the bar, moved by the bytes written); when
    ``cancelled()`` turns true the export stops, leaves no file, and raises
    UserError("已取消").
    """
    department = require_department(db)
    campaign = campaign_for(db, campaign_id)
    total = (report_data.count_problems(db, campaign["id"])
             + report_data.count_measures(db, campaign["id"]))
    source = LedgerSource(department, campaign,
                          lambda: report_data.iter_ledger_rows(db, campaign["id"]), total)
    return write_workbook(db, out_path, source, progress, cancelled, today)


def write_workbook(db, out_path, source: LedgerSource,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   today: _dt.date | None = None) -> Path:
    """Write ``source``'s ledger to ``out_path`` (.xlsx), as ``export_ledger`` does."""
    from openpyxl import Workbook

    out = Path(out_path)
    department, campaign, total = source.department, source.campaign, source.total
    today = today or _dt.date.today()
    rows_total = total
    save_units = max(1, round(rows_total * SAVE_SHARE / (1 - SAVE_SHARE)))
    total = rows_total + save_units
    done = 0

    def tick(rows: int) -> None:
        nonlocal done
        done += rows
        if cancelled is not None and cancelled():
            raise _Cancelled
        if progress is not None:
            progress(min(done, rows_total), total)

    def saving(expected: int):
        last = [-1]

        def on_write(written: int) -> None:
            if cancelled is not None and cancelled():
                raise _Cancelled
            step = min(save_units - 1, save_units * written // max(expected, 1))
            if progress is not None and step > last[0]:
                last[0] = step
                progress(rows_total + step, total)
        return on_write

    wb = Workbook(write_only=True)
    wb.properties.creator = "govcredit-desktop"
    wb.properties.title = ledger_title(department, campaign)
    try:
        with atomic_write(out) as fh:
            _write_sheets(wb, db, source, today, tick)
            _save(wb, fh, saving(int(_sheet_bytes(wb) * ZIP_RATIO)))
            if cancelled is not None and cancelled():
                raise _Cancelled
    except _Cancelled:
        _discard(wb)
        raise UserError(CANCELLED_TEXT) from None
    except BaseException:
        _discard(wb)
        raise
    if progress is not None:
        progress(total, total)
    return out
