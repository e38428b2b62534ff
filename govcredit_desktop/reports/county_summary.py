"""县级汇总报告: the county office reports one county campaign upward — who submitted (on
time, late, not at all, named), the merged problems' totals (销号率, 整改完成率, amounts),
a table per department ranked by 销号率, a table and a chart per area, and what is next.

Every figure comes from the coverage board and the merged records (store/queries/coverage.py,
county_totals.py) as of the document's date; the sentences are built for 0, 1 and many
departments and problems (tests/county/test_county_documents.py reads them).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from govcredit_desktop.core.dates import format_cn, format_cn_time
from govcredit_desktop.store.queries.coverage import ranked

from . import gongwen as gw
from .charts import status_by_area
from .county_documents import Campaign, CountyContext, write_county_report
from .document_parts import (
    build,
    check_glyphs,
    document_title,
    heading,
    notice_title,
    para,
    run_in,
    wan,
)
from .paged_table import TableLayout
from .rectification import area_table, rates_sentence

TITLE = "报送和整改情况的汇总报告"
ADDRESSEE = "市社会信用体系建设领导小组办公室"
DEPARTMENT_HEADERS = ("排名", "单位", "报送情况", "问题数", "已销号", "已整改\n待销号", "逾期",
                      "涉及金额\n（万元）", "已偿还\n（万元）", "销号率")
DEPARTMENT_WEIGHTS = (9, 40, 15, 10, 10, 12, 9, 17, 17, 13)
# Ranking sentences name every department up to this many, else the first and last three.
RANK_NAMED = 6


def _names(rows) -> str:
    return "、".join(r.department for r in rows)


def submission_text(ctx: CountyContext) -> str:
    """一、报送情况: how many registered, submitted (on time, late), missing."""
    board, t = ctx.board, ctx.board.totals
    n = t.departments
    if n == 0:
        return "目前尚未登记报送单位，尚未收到各单位报送的问题整改台账。"
    deadline = f"，报送截止时间为{format_cn(board.deadline)}" if board.deadline else \
        "，尚未设定报送截止时间"
    text = f"全县共登记报送单位{n}个{deadline}。截至{ctx.date_text}，"
    if t.submitted == 0:
        return text + ("登记的单位均未报送。" if n > 1 else "该单位尚未报送。")
    if t.missing == 0:
        text += f"全部{n}个单位均已报送" if n > 1 else "该单位已报送"
    else:
        text += f"已报送{t.submitted}个，未报送{t.missing}个"
    if board.deadline is None:
        return text + "。"
    if t.late == 0:
        return text + ("，均为按时报送。" if t.submitted > 1 else "，为按时报送。")
    if t.on_time == 0:
        return text + ("，均为逾期报送。" if t.submitted > 1 else "，为逾期报送。")
    return text + f"，其中按时报送{t.on_time}个、逾期报送{t.late}个。"


def missing_text(ctx: CountyContext) -> str:
    rows = ctx.board.missing
    return f"截至{ctx.date_text}，{_names(rows)}共{len(rows)}个单位尚未报送。" if len(rows) > 1 \
        else f"截至{ctx.date_text}，{_names(rows)}尚未报送。"


def late_text(ctx: CountyContext) -> str:
    rows = ctx.board.late
    items = "、".join(f"{r.department}（{format_cn_time(r.latest_at)}报送）" for r in rows)
    deadline = format_cn(ctx.board.deadline)
    if len(rows) > 1:
        return f"{items}共{len(rows)}个单位在截止时间（{deadline}）之后报送。"
    return f"{items}在截止时间（{deadline}）之后报送。"


def totals_text(ctx: CountyContext) -> str:
    """二、问题整改总体情况: the merged problems' totals."""
    board, t, s = ctx.board, ctx.board.totals, ctx.summary.total
    if t.submitted == 0:
        return "由于尚无单位报送，暂无问题整改数据。"
    if s.count == 0:
        return ("已报送的单位均未报告政务失信问题。" if t.submitted > 1
                else "已报送的单位未报告政务失信问题。")
    who = next(r.department for r in board.rows if r.submitted) if t.submitted == 1 \
        else f"已报送的{t.submitted}个单位共"
    text = f"{who}报告政务失信问题{s.count}个"
    if s.amount_involved:
        text += f"，涉及金额{wan(s.amount_involved)}"
    text += (f"。截至{ctx.date_text}，已销号{s.closed}个，已整改待销号{s.awaiting_closure}个，"
             f"{rates_sentence(s)}；正在整改{s.in_progress}个，尚未启动整改{s.open}个")
    if s.amount_involved:
        text += f"；已偿还金额{wan(s.amount_repaid)}，占涉及金额的{s.repaid_rate}"
    text += f"；逾期未完成整改的问题{s.overdue}个。"
    return text


def ranking_text(ctx: CountyContext) -> str:
    """The ranking by 销号率, in words (the table lists every department)."""
    places = ranked(ctx.board.rows)
    quiet = [r for r in ctx.board.rows if r.submitted and not r.problems]
    if not places:
        return ""
    if len(places) == 1:
        text = f"{places[0][1].department}销号率为{places[0][1].rate}。"
    else:
        def item(place):
            return f"{place[1].department}（{place[1].rate}）"

        if len(places) <= RANK_NAMED:
            text = f"按销号率由高到低，依次为{'、'.join(item(p) for p in places)}。"
        else:
            text = (f"按销号率由高到低，前三位是{'、'.join(item(p) for p in places[:3])}；"
                    f"后三位是{'、'.join(item(p) for p in places[-3:])}。")
    if quiet:
        text += (f"另有{_names(quiet)}报告无问题，不参加排名。" if len(quiet) <= RANK_NAMED
                 else f"另有{len(quiet)}个单位报告无问题，不参加排名。")
    return text + "各单位情况见表1。"


def next_steps_text(ctx: CountyContext) -> str:
    """三、下一步工作: what the figures call for."""
    t, s = ctx.board.totals, ctx.summary.total
    if t.departments == 0:
        return "下一步，将尽快组织各有关单位登记报送证书并报送问题整改台账。"
    parts = []
    if t.missing:
        parts.append(f"对未报送的{t.missing}个单位逐一电话催报，督促其限期报送")
    if t.late:
        parts.append(f"对逾期报送的{t.late}个单位予以提醒")
    if s.overdue:
        parts.append(f"督促有关单位加快整改逾期未完成的{s.overdue}个问题")
    if s.count > s.closed:
        parts.append(f"推动剩余{s.count - s.closed}个未销号问题按期整改销号")
    parts.append("定期汇总各单位报送情况和整改进展，按要求向上级报告")
    return "下一步，将" + "；".join(parts) + "。"


def _caption(ctx: CountyContext, text: str):
    st = ParagraphStyle("county-caption", parent=gw.styles(ctx.fonts).plain,
                        alignment=TA_CENTER, fontName=ctx.fonts.heiti, fontSize=12, leading=18)
    return gw.paragraph(text, st, ctx.fonts)


def department_rows(ctx: CountyContext) -> list[tuple]:
    """Table 1's cells: ranked departments, then those without problems, the late and
    the missing; and the totals."""
    place = {id(r): p for p, r in ranked(ctx.board.rows)}
    order = sorted(ctx.board.rows, key=lambda r: (
        0 if id(r) in place else 1 if r.submitted else 2, place.get(id(r), 0), r.department))
    out = []
    for r in order:
        if not r.submitted:
            out.append(("—", r.department, r.state_text, "—", "—", "—", "—", "—", "—", "—"))
            continue
        out.append((place.get(id(r), "—"), r.department, r.state_text, r.problems, r.closed,
                    r.awaiting_closure, r.overdue, _wan(r.involved_fen), _wan(r.repaid_fen),
                    r.rate if r.problems else "—"))
    return out


def _wan(fen: int) -> str:
    return wan(fen).removesuffix("万元")


def _department_table(ctx: CountyContext):
    t = ctx.board.totals
    total = ("", f"合计（{t.departments}个单位）", f"已报送{t.submitted}个", t.problems, t.closed,
             t.awaiting_closure, t.overdue, _wan(t.involved_fen), _wan(t.repaid_fen), t.rate)
    # Every column but 单位 as wide as its widest text (the totals hold the widest
    # numbers, the headers' lines the widest words), so that no number or state wraps.
    def widest(*texts: str) -> str:
        return max(texts, key=lambda x: stringWidth(x, ctx.fonts.heiti, 10))

    fit = {0: "排名", 2: widest(total[2], "逾期报送"), 3: "问题数", 4: "已销号",
           5: "待销号", 6: "逾期", 7: widest(total[7], "涉及金额"),
           8: widest(total[8], "已偿还"), 9: "100.0%"}
    layout = TableLayout(ctx.fonts, DEPARTMENT_HEADERS, DEPARTMENT_WEIGHTS, gw.TYPE_W,
                         "CLCCCCCRRC", size=10, fit=fit)
    rows = [layout.row(v) for v in department_rows(ctx)]
    rows.append(layout.row(total, total=True))
    return layout.flowable(rows, space_after=gw.LINE / 2)


def texts(ctx: CountyContext) -> list[str]:
    """Every sentence the document computes, in order (for the glyph check and tests)."""
    board = ctx.board
    out = [opening_text(ctx), submission_text(ctx)]
    if board.missing and board.totals.submitted:
        out.append(missing_text(ctx))
    if board.late:
        out.append(late_text(ctx))
    out.append(totals_text(ctx))
    out.append(ranking_text(ctx))
    out.append(next_steps_text(ctx))
    return [t for t in out if t]


def opening_text(ctx: CountyContext) -> str:
    c = ctx.campaign
    number = (c.get("doc_number") or "").strip()
    cited = f"《{notice_title(ctx)}》" + (f"（{number}）" if number else "")
    return (f"按照{cited}工作部署，{ctx.we}组织全县各有关单位开展"
            "政务失信问题自查整改，并汇总各单位报送的问题整改台账。现将截至"
            f"{ctx.date_text}的报送和整改情况报告如下：")


def story(ctx: CountyContext) -> list:
    fonts, board, s = ctx.fonts, ctx.board, ctx.summary
    t = board.totals
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, opening_text(ctx)),
           heading(ctx, "一、报送情况"), para(ctx, submission_text(ctx))]
    head = 1
    numbers = "一二三四"
    # The missing are named only beside someone who did submit: "全部未报送" names nobody.
    if board.missing and t.submitted:
        out.append(run_in(ctx, f"（{numbers[head - 1]}）未报送单位。", missing_text(ctx)))
        head += 1
    if board.late:
        out.append(run_in(ctx, f"（{numbers[head - 1]}）逾期报送单位。", late_text(ctx)))
    out += [heading(ctx, "二、问题整改总体情况"), para(ctx, totals_text(ctx))]
    if t.submitted:
        ranking = ranking_text(ctx)
        out.append(run_in(ctx, "（一）各单位整改情况。", ranking or "各单位情况见表1。"))
        out.append(gw.caption_with_table(_caption(ctx, "表1　各单位问题整改情况（按销号率排名）"),
                                         _department_table(ctx)))
    if s.total.count:
        out += [run_in(ctx, "（二）分领域整改情况。", "各重点领域问题整改情况见表2和图1。"),
                gw.caption_with_table(_caption(ctx, "表2　各重点领域问题整改情况"),
                                      area_table(ctx)),
                gw.float_block([status_by_area(s.by_area, fonts, gw.TYPE_W),
                                _caption(ctx, "图1　各重点领域问题整改情况")])]
    tail = [heading(ctx, "三、下一步工作"), para(ctx, next_steps_text(ctx)),
            para(ctx, "特此报告。")]
    return out + gw.signature_block(ctx.name, ctx.date, fonts, keep_with=tail)


def write(ctx: CountyContext, out_path, progress=None, cancelled=None):
    names = [r.department for r in ctx.board.rows]
    check_glyphs(ctx, [*texts(ctx), *names, ADDRESSEE])
    return build(ctx, out_path, story(ctx), document_title(ctx, TITLE), progress=progress,
                 cancelled=cancelled)


def write_summary(db, out_path, campaign: Campaign = None, progress=None, cancelled=None,
                  date: _dt.date | None = None) -> Path:
    """The 县级汇总报告 of a county campaign (its id or name; the newest by default), figures as
    of ``date`` (today by default)."""
    return write_county_report(db, "summary", out_path, campaign, progress, cancelled, date)
