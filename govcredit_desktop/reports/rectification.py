"""整改报告: the outcome of every problem, the totals (rectification rate, amounts repaid
against involved, overdue count) with a table and a chart by area, and the detail table as
the attachment."""

from __future__ import annotations

from govcredit_desktop.store.queries.summary import percent

from ..core.dates import format_cn
from ..core.vocab import ProblemStatus
from . import gongwen as gw
from .charts import status_by_area
from .document_parts import (
    ADDRESSEE,
    Context,
    check_cancel,
    check_glyphs,
    closing,
    doc_reference,
    document_title,
    fit_columns,
    heading,
    joined,
    para,
    run_in,
    wan,
    write_document,
    yuan,
)
from .paged_table import TableLayout

TITLE = "问题整改情况的报告"
ATTACHMENT = "政务失信问题整改情况明细表"
HEADERS = ("编号", "问题名称", "责任单位", "责任人", "整改时限", "涉及金额（元）",
           "已清偿金额（元）", "整改进展", "整改状态", "销号情况")
WEIGHTS = (19, 44, 24, 14, 21, 25, 25, 44, 17, 24)
ALIGN = "CLCCCRRLCL"
AREA_HEADERS = ("重点领域", "问题数", "已销号", "已整改\n待销号", "整改中", "待整改", "整改率")
OVERDUE_LISTED = 10


def _closure(p: dict) -> str:
    if p["status"] != ProblemStatus.CLOSED:
        return ""
    parts = [x for x in (format_cn(p.get("closed_date")), p.get("closed_by")) if x]
    return "，".join(parts) + ("销号" if parts else "已销号")


def collect(ctx: Context, cancelled=None):
    layout = TableLayout(ctx.fonts, HEADERS, WEIGHTS, gw.LAND_TYPE_W, ALIGN, size=10,
                         fit=fit_columns(ctx, number=0, amounts=(5, 6), date=(4, 9)))
    rows, texts, overdue = [], [], []
    today = ctx.date.isoformat()
    for i, p in enumerate(ctx.rows()):
        if i % 500 == 0:
            check_cancel(cancelled)
        values = (p["number"], p["title"], p["responsible_unit"], p["responsible_person_name"],
                  format_cn(p["deadline"]), yuan(p["amount_involved"]),
                  yuan(p["amount_repaid"]), p["progress_summary"], p["status"], _closure(p))
        texts.extend(v for v in values if v)
        rows.append(layout.row(values))
        if p["status"] != ProblemStatus.CLOSED and p["deadline"] and p["deadline"] < today:
            overdue.append(p["number"])
    t = ctx.summary.total
    rows.append(layout.row(("合计", f"{t.count}个", "", "", "", yuan(t.amount_involved),
                            yuan(t.amount_repaid), "", f"已销号{t.closed}个", ""), total=True))
    check_glyphs(ctx, texts)
    return layout, rows, overdue


def totals_sentence(ctx: Context) -> str:
    s, we, t = ctx.summary, ctx.we, ctx.summary.total
    if s.empty:
        return f"经自查，{we}未发现政务失信问题，本次专项治理无需要整改的问题。"
    text = f"{we}自查发现政务失信问题{t.count}个"
    if t.amount_involved:
        text += f"，涉及金额{wan(t.amount_involved)}"
    text += (f"。截至{ctx.date_text}，已完成整改并销号{t.closed}个，已整改待销号"
             f"{t.awaiting_closure}个，正在整改{t.in_progress}个，尚未启动整改{t.open}个，"
             f"整改率{t.rate}")
    if t.amount_involved:
        text += f"；已清偿金额{wan(t.amount_repaid)}，占涉及金额的{t.repaid_rate}"
    text += f"；逾期未完成整改的问题{t.overdue}个。"
    return text


def _area_table(ctx: Context):
    layout = TableLayout(ctx.fonts, AREA_HEADERS, (44, 14, 14, 16, 14, 14, 16), gw.TYPE_W,
                         "LCCCCCC", size=10.5)
    rows = [layout.row((g.name, g.count, g.closed, g.awaiting_closure, g.in_progress, g.open,
                        g.rate)) for g in ctx.summary.by_area if g.count]
    t = ctx.summary.total
    rows.append(layout.row(("合计", t.count, t.closed, t.awaiting_closure, t.in_progress,
                            t.open, t.rate), total=True))
    return layout.flowable(rows, space_after=gw.LINE / 2)


def _caption(ctx: Context, text: str):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    st = ParagraphStyle("caption", parent=gw.styles(ctx.fonts).plain, alignment=TA_CENTER,
                        fontName=ctx.fonts.heiti, fontSize=12, leading=18)
    return gw.paragraph(text, st, ctx.fonts)


def story(ctx: Context, collected) -> list:
    fonts, s, c, we = ctx.fonts, ctx.summary, ctx.campaign, ctx.we
    t = s.total
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, f"按照县社会信用体系建设领导小组办公室关于开展{c['name']}的工作部署"
                     f"{doc_reference(ctx)}，{we}对自查发现的政务失信问题逐项制定整改措施、"
                     "压实整改责任，扎实推进整改工作。现将整改情况报告如下："),
           heading(ctx, "一、整改工作总体情况"),
           para(ctx, totals_sentence(ctx))]
    if not s.empty:
        out += [run_in(ctx, "（一）分领域整改情况。", "各重点领域问题整改情况见表1和图1。"),
                gw.caption_with_table(_caption(ctx, "表1　各重点领域问题整改情况"),
                                      _area_table(ctx)),
                gw.float_block([status_by_area(s.by_area, fonts, gw.TYPE_W),
                                _caption(ctx, "图1　各重点领域问题整改情况")])]
        money = [g for g in s.by_category if g.amount_involved]
        if money:
            out.append(run_in(ctx, "（二）清偿账款情况。", joined(
                [f"{g.name}{g.count}个，涉及金额{wan(g.amount_involved)}，已清偿"
                 f"{wan(g.amount_repaid)}（{g.repaid_rate}）" for g in money], "；") + "。"))
        out.append(run_in(ctx, f"（{'三' if money else '二'}）整改措施落实情况。",
                          f"共制定整改措施{s.measures_total}项，已完成{s.measures_done}项，"
                          f"完成率{percent(s.measures_done, s.measures_total)}。"))
    out += [heading(ctx, "二、主要做法"),
            run_in(ctx, "（一）压实整改责任。",
                   "对每个问题明确责任单位、责任领导和责任人，逐项制定整改措施和整改时限，"
                   "做到责任到人、措施到位。"),
            run_in(ctx, "（二）坚持对账销号。",
                   "对已完成整改的问题逐项与企业对账核实，收集整改佐证材料，"
                   "经责任领导审核后予以销号" + (f"，目前已销号{t.closed}个。" if t.count
                                                  else "。"))]
    last = heading(ctx, "三、存在的问题和下一步工作")
    if s.empty:
        # Heading and its only paragraph go with the signature: a heading directly above
        # the closing block would be left alone when the block moves to the next page.
        tail = [last, para(ctx, f"{we}将继续开展自查自纠，对新发现的问题立查立改，"
                                "建立健全政务诚信长效机制。")]
    else:
        out.append(last)
        remaining = t.count - t.closed
        overdue = collected[2]
        issue = f"目前仍有{remaining}个问题尚未完成销号"
        if overdue:
            listed = "、".join(overdue[:OVERDUE_LISTED])
            more = f"等{len(overdue)}个" if len(overdue) > OVERDUE_LISTED else ""
            issue += f"，其中逾期未完成整改{len(overdue)}个（{listed}{more}）"
        issue += "。下一步，" + (f"{we}将对逾期问题逐一约谈责任人，明确最后时限，" if overdue
                              else f"{we}将")
        issue += "加快推进剩余问题整改，整改一个、销号一个。"
        out.append(para(ctx, issue))
        tail = [para(ctx, "同时，举一反三，完善合同管理、预算管理和政策兑现等制度，"
                          "建立防范政务失信的长效机制。")]
    out += closing(ctx, tail, attachments=[] if s.empty else [ATTACHMENT])
    if not s.empty:
        layout, rows, _ = collected
        out += gw.attachment_heading(None, ATTACHMENT, fonts, landscape=True)
        out.append(layout.flowable(rows))
    return out


def write(ctx: Context, out_path, progress=None, cancelled=None):
    return write_document(ctx, out_path, TITLE, collect, story, progress, cancelled)
