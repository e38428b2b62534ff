"""openpyxl (the ledger's writer) against XlsxWriter, writing the same ledger in one run.

    PYTHONPATH=. python bench/excel_writer_bench.py DB.sqlite [--repeats 3] [--profile]

Both write the two sheets of ``excel_ledger.export_ledger`` from the same rows: the same
values, number formats, fonts, borders, merged header cells, drop-down lists, print
titles, freeze panes, row heights and the 合计 formulas.  The rows are read from the
database once, before timing, so the figures compare the writers alone; the export's own
end-to-end time (reading included) is printed beside them.  XlsxWriter runs in
``constant_memory`` mode (rows streamed to temporary files, like openpyxl's write_only).
``--profile`` prints where the end-to-end export spends its time (cProfile, by module);
``--export-only`` skips the comparison (for the 100k database, whose rows would not be held).

Finding (2026-12, this machine): XlsxWriter writes no faster than our openpyxl path (1.00×
and 0.93× in two runs) though 0.73× of openpyxl restricted to its public API, and in
``constant_memory`` mode it cannot write the template's header: a row is flushed as soon as
a later row is touched, so ``merge_range`` over rows 3-4 succeeds for one column only (the
others return -2 and are lost; the file this bench writes shows it).  The ledger therefore
stays on openpyxl, whose two private hooks are accelerations with a public fallback.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as _dt
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _rows(db_path: Path):
    from govcredit_desktop.reports import excel_ledger as E
    from govcredit_desktop.reports.subject import campaign_for, require_department
    from govcredit_desktop.store import Database
    from govcredit_desktop.store.queries import report_data

    with Database(db_path, create=True) as db:
        department, campaign = require_department(db), campaign_for(db)
        ledger, measures = [], []
        for n, row in enumerate(report_data.iter_ledger_rows(db, campaign["id"]), 1):
            ledger.append(E.ledger_values(n, row))
            for i, m in enumerate(row["measures"], 1):
                measures.append([row["number"], row["title"], i, m["content"], m["owner_name"],
                                 E._date(m["deadline"]), m["status"],
                                 E._date(m["completed_date"])])
    return department, campaign, ledger, measures


def write_openpyxl_public(out: Path, department, campaign, ledger, measures) -> None:
    """The same code without its two private openpyxl hooks (cells handed to append as
    they are, each cell's style id looked up by openpyxl)."""
    from openpyxl.cell import Cell

    from govcredit_desktop.reports import excel_ledger as E

    class PlainCell(Cell):
        def __init__(self, ws, column, style_array):
            super().__init__(ws, row=1, column=column, style_array=style_array)

    saved = E._fixed_style_cell
    E._fixed_style_cell = lambda: PlainCell
    try:
        write_openpyxl(out, department, campaign, ledger, measures, hooks=False)
    finally:
        E._fixed_style_cell = saved


def write_openpyxl(out: Path, department, campaign, ledger, measures, hooks=True) -> None:
    """excel_ledger's own sheet code, fed the pre-read rows."""
    from openpyxl import Workbook

    from govcredit_desktop.reports import excel_ledger as E

    wb = Workbook(write_only=True)
    sheet = E._Sheet(wb, E.SHEET_LEDGER, E.LEDGER_COLUMNS, freeze=f"C{E.FIRST_DATA_ROW}",
                     fit_width=False)
    msheet = E._Sheet(wb, E.SHEET_MEASURES, E.MEASURE_COLUMNS,
                      freeze=f"A{E.MEASURES_FIRST_DATA_ROW}")
    if not hooks:
        for s in (sheet, msheet):
            s.ws.__dict__.pop("_values_to_row", None)
    sheet.full_width_row(E.ledger_title(department, campaign), sheet.styles.title, height=40)
    E._subtitle(sheet, department, campaign, _dt.date.today())
    E._header_rows(sheet)
    msheet.full_width_row(E.measures_title(department, campaign), msheet.styles.title,
                          height=36)
    msheet.append([c.label for c in E.MEASURE_COLUMNS], [msheet.styles.header] * msheet.n,
                  height=24)
    for values in ledger:
        sheet.append_data(values)
    for values in measures:
        msheet.append_data(values)
    E._total_row(sheet, len(ledger))
    sheet.full_width_row(E.signature_text(department), sheet.styles.footer, height=28)
    sheet.page_setup(title_rows=f"{E.HEADER_ROW_1}:{E.HEADER_ROW_2}", fit_width=False)
    last = E.FIRST_DATA_ROW + len(ledger) - 1
    from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus

    sheet.add_list(tuple(ProblemStatus), E.LEDGER_STATUS_COLUMN, E.FIRST_DATA_ROW, last,
                   "整改状态", True)
    msheet.page_setup(title_rows="2:2")
    msheet.add_list(tuple(MeasureStatus), E.MEASURE_STATUS_COLUMN, 3, 2 + len(measures),
                    "状态", True)
    with open(out, "wb") as fh:
        E._save(wb, fh)


def write_xlsxwriter(out: Path, department, campaign, ledger, measures) -> None:
    """The same workbook through XlsxWriter's public API."""
    import xlsxwriter

    from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
    from govcredit_desktop.reports import excel_ledger as E

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True,
                                        "tmpdir": tempfile.gettempdir()})
    border = {"border": 1, "valign": "vcenter", "text_wrap": True, "font_name": "宋体",
              "font_size": E.BODY_SIZE}
    fmt = {
        "text": wb.add_format({**border, "align": "left"}),
        "center": wb.add_format({**border, "align": "center"}),
        "int": wb.add_format({**border, "align": "center"}),
        "money": wb.add_format({**border, "align": "right", "num_format": E.MONEY_FORMAT}),
        "date": wb.add_format({**border, "align": "center", "num_format": E.DATE_FORMAT}),
    }
    title = wb.add_format({"font_name": "黑体", "font_size": 18, "align": "center",
                           "valign": "vcenter"})
    header = wb.add_format({**border, "font_name": "黑体", "font_size": 11, "align": "center",
                            "bg_color": "#D9D9D9"})
    sub = wb.add_format({"font_name": "宋体", "font_size": 11, "valign": "vcenter"})
    total_money = wb.add_format({**border, "font_name": "黑体", "align": "right",
                                 "num_format": E.MONEY_FORMAT})
    total = wb.add_format({**border, "font_name": "黑体", "align": "center"})

    def sheet_of(name, columns, freeze_row, freeze_col):
        ws = wb.add_worksheet(name)
        for i, c in enumerate(columns):
            ws.set_column(i, i, c.width)
        ws.freeze_panes(freeze_row, freeze_col)
        ws.set_landscape()
        ws.set_paper(9)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C第 &P 页，共 &N 页")
        return ws

    def put(ws, r, values, columns):
        for c, (v, col) in enumerate(zip(values, columns, strict=True)):
            f = fmt[col.kind]
            if v is None:
                ws.write_blank(r, c, None, f)
            elif isinstance(v, str):
                ws.write_string(r, c, v, f)
            elif isinstance(v, _dt.date):
                ws.write_datetime(r, c, _dt.datetime(v.year, v.month, v.day), f)
            else:
                ws.write_number(r, c, float(v), f)

    n = len(E.LEDGER_COLUMNS)
    ws = sheet_of(E.SHEET_LEDGER, E.LEDGER_COLUMNS, E.FIRST_DATA_ROW - 1, 2)
    ws.set_row(0, 40)
    ws.merge_range(0, 0, 0, n - 1, E.ledger_title(department, campaign), title)
    ws.set_row(1, 24)
    ws.merge_range(1, 0, 1, 7, f"填报单位（盖章）：{department['name']}", sub)
    ws.merge_range(1, 8, 1, n - 5, f"依据文件：{campaign.get('doc_number') or ''}", sub)
    ws.merge_range(1, n - 4, 1, n - 1, "填报日期：", sub)
    ws.set_row(2, 22)
    ws.set_row(3, 30)
    for i, c in enumerate(E.LEDGER_COLUMNS):
        if not c.group:
            ws.merge_range(2, i, 3, i, c.label, header)
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(E.LEDGER_COLUMNS):
        if c.group:
            groups.setdefault(c.group, []).append(i)
    for group, cols in groups.items():
        ws.merge_range(2, cols[0], 2, cols[-1], group, header)
        for i in cols:
            ws.write_string(3, i, E.LEDGER_COLUMNS[i].label, header)
    sizing = E._Sheet.row_height
    fake = type("S", (), {"_wrapping": [(i, max(1.0, c.width - 1.0)) for i, c in
                                        enumerate(E.LEDGER_COLUMNS)
                                        if c.kind in ("text", "center")]})()
    r = E.FIRST_DATA_ROW - 1
    for values in ledger:
        h = sizing(fake, values)
        if h:
            ws.set_row(r, h)
        put(ws, r, values, E.LEDGER_COLUMNS)
        r += 1
    first, last = E.FIRST_DATA_ROW, E.FIRST_DATA_ROW + len(ledger) - 1
    ws.write_string(r, 0, "合计", total)
    ws.write_formula(r, 1, f"=COUNTA(B{first}:B{last})", total)
    for i, c in enumerate(E.LEDGER_COLUMNS):
        if c.kind == "money":
            col = chr(ord("A") + i)
            ws.write_formula(r, i, f"=SUM({col}{first}:{col}{last})", total_money)
    r += 1
    ws.merge_range(r, 0, r, n - 1, E.signature_text(department), sub)
    ws.repeat_rows(E.HEADER_ROW_1 - 1, E.HEADER_ROW_2 - 1)
    ws.repeat_columns(0, E.REPEATED_COLUMNS - 1)
    ws.set_print_scale(E.PRINT_SCALE)
    ws.set_v_pagebreaks(E.print_pages(E.LEDGER_COLUMNS)[:-1])
    ws.data_validation(first - 1, E.LEDGER_STATUS_COLUMN - 1, last - 1,
                       E.LEDGER_STATUS_COLUMN - 1,
                       {"validate": "list", "source": list(ProblemStatus)})

    ms = sheet_of(E.SHEET_MEASURES, E.MEASURE_COLUMNS, 2, 0)
    ms.set_row(0, 36)
    ms.merge_range(0, 0, 0, len(E.MEASURE_COLUMNS) - 1, E.measures_title(department, campaign),
                   title)
    ms.set_row(1, 24)
    for i, c in enumerate(E.MEASURE_COLUMNS):
        ms.write_string(1, i, c.label, header)
    mfake = type("S", (), {"_wrapping": [(i, max(1.0, c.width - 1.0)) for i, c in
                                         enumerate(E.MEASURE_COLUMNS)
                                         if c.kind in ("text", "center")]})()
    for r, values in enumerate(measures, 2):
        h = sizing(mfake, values)
        if h:
            ms.set_row(r, h)
        put(ms, r, values, E.MEASURE_COLUMNS)
    ms.repeat_rows(1, 1)
    ms.fit_to_pages(1, 0)
    ms.data_validation(2, E.MEASURE_STATUS_COLUMN - 1, 1 + len(measures),
                       E.MEASURE_STATUS_COLUMN - 1,
                       {"validate": "list", "source": list(MeasureStatus)})
    wb.close()


def export_end_to_end(db_path: Path, out: Path) -> float:
    from govcredit_desktop.reports import excel_ledger
    from govcredit_desktop.store import Database

    with Database(db_path, create=True) as db:
        t0 = time.perf_counter()
        excel_ledger.export_ledger(db, out)
        return time.perf_counter() - t0


def profile(db_path: Path, out: Path) -> None:
    prof = cProfile.Profile()
    from govcredit_desktop.reports import excel_ledger
    from govcredit_desktop.store import Database

    with Database(db_path, create=True) as db:
        prof.enable()
        excel_ledger.export_ledger(db, out)
        prof.disable()
    stats = pstats.Stats(prof)
    by_area: dict[str, float] = {}
    for (file, _line, _name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        f = file.replace(os.sep, "/")
        if "/openpyxl/" in f or "et_xmlfile" in f or "xml/etree" in f:
            area = "openpyxl: cells to XML"
        elif "zipfile" in f or "zlib" in f or f == "~":
            area = "zip/deflate and C built-ins"
        elif "/store/" in f or "sqlite" in f:
            area = "reading rows (store, SQLite)"
        elif "excel_ledger" in f:
            area = "excel_ledger: values, row heights"
        else:
            area = "other"
        by_area[area] = by_area.get(area, 0.0) + tt
    total = sum(by_area.values())
    print("  where the export's time goes (cProfile self time, profiler overhead included):")
    for area, t in sorted(by_area.items(), key=lambda kv: -kv[1]):
        print(f"    {area:38s} {t:6.2f} s  {100 * t / total:4.1f} %")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("db", type=Path)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--export-only", action="store_true")
    args = p.parse_args(argv)
    if args.export_only:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "x.xlsx"
            print(f"export_ledger end to end: {export_end_to_end(args.db, out):.1f} s")
            if args.profile:
                profile(args.db, out)
        return 0
    data = _rows(args.db)
    rows = len(data[2])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.xlsx"
        writers = (("openpyxl write_only (ours)", write_openpyxl),
                   ("openpyxl, public API only", write_openpyxl_public),
                   ("XlsxWriter constant_memory", write_xlsxwriter))
        times = {name: [] for name, _ in writers}
        for _ in range(args.repeats):  # alternating, so that load on the machine hits all
            for name, fn in writers:
                t0 = time.perf_counter()
                fn(out, *data)
                times[name].append(time.perf_counter() - t0)
                out.unlink()
        print(f"{rows:,} problems, {len(data[3]):,} measures, writing only, "
              f"{args.repeats} runs each:")
        for name, ts in times.items():
            print(f"  {name:30s} min {min(ts):.2f} / median {statistics.median(ts):.2f} s"
                  f"  ({min(ts) / rows * 10_000:.2f} s per 10k rows)")
        a, pub, b = (statistics.median(t) for t in times.values())
        print(f"  XlsxWriter / openpyxl (ours): {b / a:.2f}×, XlsxWriter / openpyxl public: "
              f"{b / pub:.2f}×")
        e2e = export_end_to_end(args.db, out)
        print(f"  export_ledger end to end (reading included): {e2e:.2f} s")
        if args.profile:
            profile(args.db, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
