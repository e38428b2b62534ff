"""Our own export's second sheet, 整改措施 (reports/excel_ledger.MEASURE_COLUMNS): one
measure per row with its owner, deadline, state and completion date.  When a workbook
has it, the measures of each problem come from there (the 整改措施 cell of the ledger
sheet carries no completion dates), so that an export imports back whole."""

from __future__ import annotations

from govcredit_desktop.intake import mapping as mp
from govcredit_desktop.intake import values as vl
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
    out: dict[str, list[vl.MeasureText]] = {}
    for row in rows:
        number = vl.nfkc(vl.text(row[col["问题编号"]]))
        content = vl.text(row[col["措施内容"]])
        if not number or not content:
            continue
        try:
            deadline = vl.date_value(row[col["完成时限"]], year)
            done = vl.date_value(row[col["完成日期"]], year)
        except vl.ValueProblem:
            deadline = done = None
        status = vl.text(row[col["状态"]]) or None
        out.setdefault(number, []).append(vl.MeasureText(
            content, vl.text(row[col["责任人"]]), deadline, status, done))
    return out
