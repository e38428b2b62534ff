"""催报清单: the departments of a county campaign that have not submitted, then those that
submitted late, with USCC, state, deadline and the latest package's time, and a blank
column for the clerk's notes while phoning.  A working list, not a 公文: landscape A4,
the column header on every page, the office and the date at the foot."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Spacer

from govcredit_desktop.core.dates import format_cn, format_cn_time

from . import gongwen as gw
from .county_documents import Campaign, CountyContext, write_county_report
from .document_parts import build, check_glyphs
from .paged_table import TableLayout

TITLE = "未报送和逾期报送单位催报清单"
HEADERS = ("序号", "单位名称", "统一社会信用代码", "报送情况", "报送截止时间", "最近报送时间",
           "催报记录（时间、联系人、答复）")
WEIGHTS = (10, 60, 42, 20, 30, 34, 70)
ALIGN = "CLCCCCL"


def listed(ctx: CountyContext) -> list:
    """The rows to chase: the missing first, then the late, by name (the board's order)."""
    return [r for r in ctx.board.rows if r.state != "on_time"]


def summary_line(ctx: CountyContext) -> str:
    board, t = ctx.board, ctx.board.totals
    deadline = format_cn(board.deadline) if board.deadline else "未设定"
    head = f"报送截止时间：{deadline}\u3000\u3000统计截至：{ctx.date_text}\u3000\u3000"
    if t.departments == 0:
        return head + "尚未登记报送单位。"
    if not listed(ctx):
        return head + (f"登记的{t.departments}个单位均已按时报送，无需催报。" if t.departments > 1
                       else "登记的单位已按时报送，无需催报。")
    text = f"登记单位{t.departments}个，已按时报送{t.on_time}个，未报送{t.missing}个"
    if board.deadline is not None:
        text += f"，逾期报送{t.late}个"
    return head + text + "。"


def _cells(i: int, r, deadline: str) -> tuple:
    # Two lines in 催报记录: room to write by hand.
    return (i, r.department, r.uscc, r.state_text, deadline,
            format_cn_time(r.latest_at) if r.latest_at else "", "\n")


def write(ctx: CountyContext, out_path, progress=None, cancelled=None):
    fonts = ctx.fonts
    st = gw.styles(fonts)
    rows = listed(ctx)
    deadline = format_cn(ctx.board.deadline) if ctx.board.deadline else "未设定"
    check_glyphs(ctx, [TITLE, summary_line(ctx), *(r.department for r in rows)])
    title = gw.paragraph(f"{ctx.campaign['name']}\n{TITLE}", ParagraphStyle(
        "reminder-title", parent=st.title, leading=30, spaceAfter=6), fonts)
    info = ParagraphStyle("reminder-info", parent=st.plain, fontSize=12, leading=20)
    out = [title, gw.paragraph(summary_line(ctx), info, fonts), Spacer(1, 6)]
    foot = ParagraphStyle("reminder-foot", parent=st.plain, fontSize=12, leading=20)
    sign = gw.paragraph(f"{ctx.name}\u3000\u3000\u3000\u3000{ctx.date_text}\u3000\u3000"
                        "催报人：\u3000\u3000\u3000\u3000\u3000\u3000", foot, fonts)
    if rows:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        # USCC glyphs differ in width: the widest one present sets the column.
        uscc = max((r.uscc for r in rows), key=lambda u: stringWidth(u, fonts.heiti, 11))
        layout = TableLayout(fonts, HEADERS, WEIGHTS, gw.LAND_TYPE_W, ALIGN, size=11,
                             fit={0: "序号", 2: uscc, 3: "逾期报送", 4: "2021年12月30日",
                                  5: "2021年12月30日 23:59"})
        table = layout.flowable([layout.row(_cells(i, r, deadline))
                                 for i, r in enumerate(rows, 1)], space_after=gw.LINE / 2)
        out.append(table.with_tail([sign]))
    else:
        empty = ParagraphStyle("reminder-empty", parent=st.plain, alignment=TA_CENTER)
        out += [Spacer(1, gw.LINE), gw.paragraph("无需催报的单位。", empty, fonts),
                Spacer(1, gw.LINE), sign]
    return build(ctx, out_path, out, f"{ctx.campaign['name']}{TITLE}", landscape=True,
                 progress=progress, cancelled=cancelled)


def write_reminder(db, out_path, campaign: Campaign = None, progress=None, cancelled=None,
                   date: _dt.date | None = None) -> Path:
    """The 催报清单 of a county campaign (its id or name; the newest by default), figures as
    of ``date`` (today by default)."""
    return write_county_report(db, "reminder", out_path, campaign, progress, cancelled, date)
