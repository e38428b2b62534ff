"""Our own export's second sheet, 整改措施 (reports/excel_ledger.MEASURE_COLUMNS): one
measure per row with its owner, deadline, state and completion date.  When a workbook
has it, the measures of each problem come from there (the 整改措施 cell of the ledger
sheet carries no completion dates), so that an export imports back whole."""

from __future__ import annotations

from govcredit_desktop.intake import mapping as mp
from govcredit_desktop.intake import values as vl
from govcredit_desktop.intake.cells import each_once
from govcredit_desktop.intake.headers import fill_merges

LABELS = ("问题编号", "问题标题", "序号", "措施内容", "责任人", "完成时限", "状态", "完成日期")
_SEARCH = 6


def find_measures_sheet(wb, ledger_sheet: str, year: int) -> dict[str, list[vl.MeasureText]]:
    """Problem number -> its measures, from a sheet headed like our 整改措施 sheet."""
    for name in wb.sheet_names:
        if name == ledger_sheet:
            continue
        s = wb.sheet(name)
        fill_merges(s)
        for r, row in enumerate(s.rows[:_SEARCH]):
            keys = [mp.normalise(v) if isinstance(v, str) else "" for v in row]
            if all(label in keys for label in LABELS):
                col = {label: keys.index(label) for label in LABELS}
                return _read(s.rows[r + 1:], col, year)
    return {}


def _read(rows, col, year) -> dict[str, list[vl.MeasureText]]:
    # Column by column, each distinct cell once (as intake/cells.py does for the ledger):
    # a county's sheet holds ~30,000 measures of a few hundred owners and days.
    def column(label, parse):
        return each_once([row[col[label]] for row in rows], parse)

    def date(cell):
        try:
            return vl.date_value(cell, year)
        except vl.ValueProblem:
            return _BAD

    out: dict[str, list[vl.MeasureText]] = {}
    for number, content, owner, deadline, status, done in zip(
            column("问题编号", lambda c: vl.nfkc(vl.text(c))),
            column("措施内容", vl.text), column("责任人", vl.text),
            column("完成时限", date), column("状态", lambda c: vl.text(c) or None),
            column("完成日期", date), strict=True):
        if not number or not content:
            continue
        if deadline is _BAD or done is _BAD:
            deadline = done = None
        out.setdefault(number, []).append(vl.MeasureText(content, owner, deadline, status, done))
    return out


_BAD = object()  # a date cell that is no date: the measure keeps neither date
