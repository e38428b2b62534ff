"""整改台账 as an A4 landscape table: every problem with its measures, owners, deadline,
progress and status; the column header on every page; built page by page so that 10,000
rows take seconds (see paged_table.py), with progress and cancel."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from ..core.dates import format_cn
from . import gongwen as gw
from .document_parts import (
    Context,
    build,
    check_cancel,
    check_glyphs,
    closing,
    fit_columns,
    yuan,
    zh,
)
from .paged_table import TableLayout

TITLE = "问题整改台账"
# The county template's columns (the Excel ledger's), paired where two short fields share a
# cell one above the other, so that a typical problem takes 3-5 lines and a page holds 8-12.
HEADERS = ("编号", "重点领域\n问题类型", "问题名称", "涉及金额（元）\n已清偿（元）", "整改目标",
           "整改措施", "牵头单位\n责任单位", "责任领导\n责任人", "整改时限", "整改进展",
           "整改状态\n销号情况")
# Weights of the columns that are not fitted to their widest text (fit_columns below).
WIDTHS = (15, 19, 26, 21, 21, 68, 20, 14, 20, 23, 20)
ALIGN = "CCLRLLCCCLC"
SIZE = 8
LEADING = 10
# Fitted to their widest value: number, amounts, the dates.
AMOUNTS_COLUMN, DEADLINE_COLUMN, STATUS_COLUMN = 3, 8, 10
# A county's merged ledger (reports/county_ledger.py): a 单位 column after 编号, its width
# taken from 整改措施, the widest.
UNIT_HEADERS = (HEADERS[0], "单位", *HEADERS[1:])
UNIT_WIDTHS = (WIDTHS[0], 20, *WIDTHS[1:5], WIDTHS[5] - 20, *WIDTHS[6:])
UNIT_ALIGN = ALIGN[0] + "C" + ALIGN[1:]
MEASURE_STATUS = {"已完成": "（已完成）", "进行中": "（进行中）", "未开始": "（未开始）"}


def _measures(measures: list[dict]) -> str:
    return "\n".join(f"{i}.{m['content']}{MEASURE_STATUS.get(m['status'], '')}"
                     for i, m in enumerate(measures, start=1))


def _progress(p: dict) -> str:
    if not p["progress_count"]:
        return ""
    text = f"{format_cn(p['latest_progress_date'])}\n{p['latest_progress_note']}"
    return text + (f"（共{p['progress_count']}次）" if p["progress_count"] > 1 else "")


def _pair(*values) -> str:
    return "\n".join(v for v in values if v)


def _closure(p: dict) -> str:
    if not p.get("closed_date") and not p.get("closed_by"):
        return p["status"]
    who = f"{p['closed_by']}审批" if p.get("closed_by") else ""
    return _pair(p["status"], format_cn(p.get("closed_date")), who)


def ledger_values(p: dict) -> tuple:
    """The cells of one problem, in HEADERS order."""
    return (p["number"], _pair(zh(p["area"]), zh(p["category"])), zh(p["title"]),
            _pair(yuan(p["amount_involved"]), yuan(p["amount_repaid"])), zh(p["target"] or ""),
            zh(_measures(p["measures"])),
            _pair(p.get("lead_unit") or "", p["responsible_unit"]
                  if p["responsible_unit"] != p.get("lead_unit") else ""),
            _pair(p["responsible_leader_name"], p["responsible_person_name"]),
            format_cn(p["deadline"]), zh(_progress(p)), _closure(p))


def total_values(ctx: Context) -> tuple:
    """The 合计 row, in HEADERS order."""
    t = ctx.summary.total
    return ("合计", f"{t.count}个", "", _pair(yuan(t.amount_involved), yuan(t.amount_repaid)),
            "", "", "", "", "", "", f"已销号{t.closed}个")


def ledger_rows(ctx: Context, layout: TableLayout, report, cancelled, *,
                values_of=ledger_values, totals=total_values) -> list:
    """Every problem's row and the 合计 row; a table with other columns (a county office's
    ledger with a 单位 column) passes its own ``values_of(problem)`` and ``totals(ctx)``."""
    rows = []
    for i, p in enumerate(ctx.rows(), start=1):
        rows.append(layout.row(values_of(p)))
        if i % 200 == 0:
            check_cancel(cancelled)
            report(i)
    rows.append(layout.row(totals(ctx), total=True))
    # Every character the cells print, gathered as they were wrapped: collecting the
    # texts again cost 70 ms at 10,000 rows.
    check_glyphs(ctx, layout.characters())
    return rows


def layout_for(ctx: Context, headers=HEADERS, widths=WIDTHS, align=ALIGN,
               amounts: int = AMOUNTS_COLUMN, dates: tuple[int, ...] = (DEADLINE_COLUMN,
                                                                       STATUS_COLUMN)):
    """The ledger's TableLayout on the landscape sheet; another column set (a county
    office's, with a 单位 column) passes its own headers, weights and fitted columns."""
    fit = fit_columns(ctx, number=0, amounts=(amounts,))
    for col in dates:
        fit[col] = "2021年12月30日"
    return TableLayout(ctx.fonts, headers, widths, gw.SHEET_TYPE_W, align, size=SIZE,
                       leading=LEADING, fit=fit)


def story(ctx: Context, layout: TableLayout, rows: list, on_rows,
          empty_text: str | None = None) -> list:
    fonts = ctx.fonts
    st = gw.styles(fonts)
    title = gw.paragraph(f"{ctx.campaign['name']}\n{TITLE}", ParagraphStyle(
        "ledger-title", parent=st.title, leading=30, spaceAfter=6), fonts)
    info = ParagraphStyle("ledger-info", parent=st.plain, fontSize=12, leading=20)
    line = (f"填报单位（盖章）：{ctx.name}\u3000\u3000\u3000\u3000填报日期：{ctx.date_text}"
            f"\u3000\u3000\u3000\u3000共{ctx.summary.total.count}个问题")
    out = [title, Paragraph(gw.markup(line, info.fontName, fonts, 12), info)]
    if rows:
        # The table keeps its last rows on the page with the signature (signature_block).
        last = layout.flowable(rows, on_rows=on_rows, space_after=gw.LINE / 2)
    else:
        empty = ParagraphStyle("ledger-empty", parent=st.plain, alignment=TA_CENTER)
        last = gw.paragraph(empty_text or f"经自查，{ctx.we}未发现政务失信问题，本台账无记录。",
                            empty, fonts)
    return out + closing(ctx, [last], final=None)


def _with_unit(values: tuple, unit: str) -> tuple:
    return (values[0], unit, *values[1:])


def write(ctx: Context, out_path, progress=None, cancelled=None, *, unit_column: bool = False,
          empty_text: str | None = None):
    """Progress counts rows twice: once gathered and wrapped, once laid out on a page.
    ``unit_column``: a 单位 column from each row's ``department`` (a county's ledger);
    ``empty_text`` replaces the department's sentence for a ledger without problems."""
    total = 2 * (ctx.summary.total.count + 1)

    def report(done: int) -> None:
        if progress:
            progress(min(done, total), total)

    if unit_column:
        layout = layout_for(ctx, UNIT_HEADERS, UNIT_WIDTHS, UNIT_ALIGN, AMOUNTS_COLUMN + 1,
                            (DEADLINE_COLUMN + 1, STATUS_COLUMN + 1))
        columns = {"values_of": lambda p: _with_unit(ledger_values(p), p["department"]),
                   "totals": lambda c: _with_unit(total_values(c), "")}
    else:
        layout, columns = layout_for(ctx), {}
    rows = (ledger_rows(ctx, layout, report, cancelled, **columns)
            if ctx.summary.total.count else [])
    if not rows:
        check_glyphs(ctx, [])
    offset = len(rows)
    title = f"{ctx.name}{ctx.campaign['name']}{TITLE}"
    return build(ctx, out_path, story(ctx, layout, rows, lambda n: report(offset + n),
                                      empty_text), title,
                 landscape=True, progress=lambda done, tot: report(total) if done >= tot
                 else None, cancelled=cancelled)
