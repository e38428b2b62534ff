"""自查情况报告: how the self-inspection was done, what it found, what comes next, and the
problem list (问题清单) as the attachment."""

from __future__ import annotations

from govcredit_desktop.store.queries.summary import ARREARS_CATEGORY, Group

from ..core.dates import format_cn
from . import gongwen as gw
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

TITLE = "自查情况的报告"
ATTACHMENT = "政务失信问题清单"
HEADERS = ("编号", "重点领域", "问题类型", "问题来源", "问题名称", "涉及企业（对象）",
           "涉及金额（元）", "发现时间")
WEIGHTS = (20, 24, 28, 26, 64, 42, 25, 21)
ALIGN = "CCCCLLRC"


def _count_money(g: Group) -> str:
    text = f"{g.count}个"
    if g.amount_involved:
        text += f"，涉及金额{wan(g.amount_involved)}"
    return text


def findings_sentence(ctx: Context) -> str:
    """经自查，我局共排查出政务失信问题N个，涉及金额X万元，其中拖欠民营和中小企业账款N个……"""
    s, we = ctx.summary, ctx.we
    if s.empty:
        return f"经自查，{we}未发现政务失信问题。"
    total = s.total
    text = f"经自查，{we}共排查出政务失信问题{total.count}个"
    if total.amount_involved:
        text += f"，涉及金额{wan(total.amount_involved)}"
    arrears = s.category(ARREARS_CATEGORY)
    others = sorted((g for g in s.by_category if g.name != ARREARS_CATEGORY and g.count),
                    key=lambda g: -g.count)
    parts = []
    if arrears.count:
        parts.append(f"拖欠民营和中小企业账款{_count_money(arrears)}")
    parts += [f"{g.name}问题{g.count}个" for g in others]
    if parts:
        text += "，其中" + "；".join(parts)
    return text + "。"


def _sources_sentence(ctx: Context) -> str:
    groups = sorted((g for g in ctx.summary.by_source if g.count), key=lambda g: -g.count)
    return "从问题来源看，" + joined([f"{g.name}{g.count}个" for g in groups], "，") + "。"


def story(ctx: Context, rows: tuple | None) -> list:
    fonts, s, c, we = ctx.fonts, ctx.summary, ctx.campaign, ctx.we
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, f"按照县社会信用体系建设领导小组办公室关于开展{c['name']}的工作部署"
                f"{doc_reference(ctx)}，{we}高度重视，对照重点领域和问题类型，"
                "全面开展政务失信问题自查自纠工作。现将自查情况报告如下："),
           heading(ctx, "一、自查工作开展情况")]
    leader = (ctx.department.get("first_responsible") or "").strip()
    lead = f"由主要负责同志{leader}任组长" if leader else "由主要负责同志任组长"
    start = c.get("start_date")
    since = f"自{format_cn(start)}起，" if start else ""
    sweep = (f"{since}{we}对照政府采购、招标投标、招商引资、政府投资项目审批等重点领域，"
             "采取自查自纠、受理投诉举报、对账核实等方式，逐项排查政务失信问题。")
    if not s.empty:
        sweep += _sources_sentence(ctx)
    out += [run_in(ctx, "（一）加强组织领导。",
                   f"{we}成立了{lead}的专项治理工作领导小组，明确分管领导和各股室负责人的"
                   "责任，做到主要领导亲自抓、分管领导具体抓、责任股室抓落实。"),
            run_in(ctx, "（二）全面排查问题。", sweep),
            run_in(ctx, "（三）建立问题台账。",
                   "对排查出的问题逐一登记，建立问题清单和整改台账，明确责任单位、"
                   "责任人和整改时限，实行动态管理、对账销号。"),
            heading(ctx, "二、发现问题情况"),
            para(ctx, findings_sentence(ctx))]
    if not s.empty:
        t = s.total
        now = (f"截至{ctx.date_text}，已整改销号{t.closed}个，已整改待销号{t.awaiting_closure}个，"
               f"正在整改{t.in_progress}个，尚未启动整改{t.open}个")
        if t.amount_involved:
            now += f"；已清偿金额{wan(t.amount_repaid)}，占涉及金额的{t.repaid_rate}"
        out += [run_in(ctx, "（一）按重点领域分布。",
                       joined([f"{g.name}领域{_count_money(g)}" for g in s.by_area if g.count],
                              "；") + "。"),
                run_in(ctx, "（二）按问题类型分布。",
                       joined([f"{g.name}{_count_money(g)}" for g in s.by_category if g.count],
                              "；") + "。"),
                run_in(ctx, "（三）目前整改情况。", now + "。")]
    out.append(heading(ctx, "三、下一步工作"))
    plan_deadline = c.get("plan_deadline")
    by = f"于{format_cn(plan_deadline)}前" if plan_deadline else "按时"
    if s.empty:
        out.append(para(ctx, f"{we}将继续开展自查自纠，畅通投诉举报渠道，对新发现的问题及时"
                             "登记、立即整改，切实维护政府公信力。"))
        tail = [para(ctx, "同时，建立健全政务诚信长效机制，把守信践诺贯穿于依法行政全过程。")]
    else:
        out += [run_in(ctx, "（一）制定整改方案。",
                       f"对排查出的{s.total.count}个问题，逐项明确整改目标、整改措施、"
                       f"责任单位、责任人和整改时限，{by}报送整改方案。"),
                run_in(ctx, "（二）加快问题整改。",
                       "优先解决拖欠民营和中小企业账款等群众和企业反映强烈的问题，"
                       "能立即整改的立即整改，需要一定时间整改的明确时限、持续推进，"
                       "整改一个、销号一个。")]
        tail = [run_in(ctx, "（三）建立长效机制。",
                       "举一反三，完善合同管理、预算管理和政策兑现等制度，"
                       "从源头上防范政务失信问题发生。")]
    out += closing(ctx, tail, attachments=[ATTACHMENT] if rows else [])
    if rows:
        layout, table_rows = rows
        out += gw.attachment_heading(None, ATTACHMENT, fonts, landscape=True)
        out.append(layout.flowable(table_rows))
    return out


def problem_list(ctx: Context, cancelled=None) -> tuple[TableLayout, list] | None:
    if ctx.summary.empty:
        return None
    layout = TableLayout(ctx.fonts, HEADERS, WEIGHTS, gw.LAND_TYPE_W, ALIGN, size=10,
                         fit=fit_columns(ctx, number=0, amounts=(6,), date=7))
    rows, texts = [], []
    for i, p in enumerate(ctx.rows()):
        if i % 500 == 0:
            check_cancel(cancelled)
        values = (p["number"], p["area"], p["category"], p["source"], p["title"],
                  p["counterparty"], yuan(p["amount_involved"]), format_cn(p["discovered_date"]))
        texts.extend(v for v in values if v)
        rows.append(layout.row(values))
    total = ctx.summary.total
    rows.append(layout.row(("合计", f"{total.count}个", "", "", "", "",
                            yuan(total.amount_involved), ""), total=True))
    check_glyphs(ctx, texts)
    return layout, rows


def write(ctx: Context, out_path, progress=None, cancelled=None):
    return write_document(ctx, out_path, TITLE, problem_list, story, progress, cancelled)
