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
HEADERS = ("编号", "重点领域", "问题类型", "问题名称", "涉及金额（元）", "已清偿金额（元）",
           "整改措施", "责任单位", "责任领导\n责任人", "整改时限", "整改进展", "整改状态")
# Millimetres of the 257 mm landscape type area, at 9 pt (小五号).
WIDTHS = (16, 15, 17, 30, 21.5, 21.5, 50, 16, 16.5, 20, 23, 15.5)
ALIGN = "CCCLRRLCCCLC"
SIZE = 9
# A county's merged ledger (reports/county_ledger.py): a 单位 column after 编号, taken
# from the two widest columns (整改措施, 问题名称).
UNIT_HEADERS = (HEADERS[0], "单位", *HEADERS[1:])
UNIT_WIDTHS = (WIDTHS[0], 20, *WIDTHS[1:3], WIDTHS[3] - 5, *WIDTHS[4:6], WIDTHS[6] - 15,
               *WIDTHS[7:])
UNIT_ALIGN = ALIGN[0] + "C" + ALIGN[1:]


def _measures(measures: list[dict]) -> str:
    return "\n".join(f"{i}.{m['content']}（{m['status']}）"
                     for i, m in enumerate(measures, start=1))


def _progress(p: dict) -> str:
    if not p["progress_count"]:
        return ""
    text = f"{format_cn(p['latest_progress_date'])}\n{p['latest_progress_note']}"
    return text + (f"（共{p['progress_count']}次）" if p["progress_count"] > 1 else "")


def _people(p: dict) -> str:
    return "\n".join(x for x in (p["responsible_leader_name"], p["responsible_person_name"])
                     if x)


def ledger_rows(ctx: Context, layout: TableLayout, report, cancelled,
                unit_column: bool = False) -> list:
    rows, texts = [], []
    for i, p in enumerate(ctx.rows(), start=1):
        values = (p["number"], zh(p["area"]), p["category"], p["title"],
                  yuan(p["amount_involved"]), yuan(p["amount_repaid"]), _measures(p["measures"]),
                  p["responsible_unit"], _people(p), format_cn(p["deadline"]), _progress(p),
                  p["status"])
        if unit_column:
            values = (values[0], p["department"], *values[1:])
        texts.extend(v for v in values if v)
        rows.append(layout.row(values))
        if i % 200 == 0:
            check_cancel(cancelled)
            report(i)
    t = ctx.summary.total
    total = ("合计", f"{t.count}个", "", "", yuan(t.amount_involved), yuan(t.amount_repaid),
             "", "", "", "", "", f"已销号{t.closed}个")
    rows.append(layout.row(total[:1] + ("",) * unit_column + total[1:], total=True))
    check_glyphs(ctx, texts)
    return rows


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


def write(ctx: Context, out_path, progress=None, cancelled=None, *, unit_column: bool = False,
          empty_text: str | None = None):
    """Progress counts rows twice: once gathered and wrapped, once laid out on a page.
    ``unit_column``: a 单位 column from each row's ``department`` (a county's ledger);
    ``empty_text`` replaces the department's sentence for a ledger without problems."""
    total = 2 * (ctx.summary.total.count + 1)

    def report(done: int) -> None:
        if progress:
            progress(min(done, total), total)

    shift = int(unit_column)
    layout = TableLayout(ctx.fonts, UNIT_HEADERS if unit_column else HEADERS,
                         UNIT_WIDTHS if unit_column else WIDTHS, gw.LAND_TYPE_W,
                         UNIT_ALIGN if unit_column else ALIGN, size=SIZE, leading=11.5,
                         fit=fit_columns(ctx, number=0, amounts=(4 + shift, 5 + shift),
                                         date=9 + shift))
    rows = (ledger_rows(ctx, layout, report, cancelled, unit_column)
            if ctx.summary.total.count else [])
    if not rows:
        check_glyphs(ctx, [])
    offset = len(rows)
    title = f"{ctx.name}{ctx.campaign['name']}{TITLE}"
    return build(ctx, out_path, story(ctx, layout, rows, lambda n: report(offset + n),
                                      empty_text), title,
                 landscape=True, progress=lambda done, tot: report(total) if done >= tot
                 else None, cancelled=cancelled)
