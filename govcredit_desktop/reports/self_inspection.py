"""自查情况报告: how the self-inspection was done, what it found, what comes next, and the
problem list (问题清单) as the attachment."""

from __future__ import annotations

from govcredit_desktop.store.queries.summary import ARREARS_CATEGORY, Group

from ..core.dates import format_cn
from . import gongwen as gw
from .document_parts import (
    ADDRESSEE,
    COUNTY_OFFICE,
    Context,
    check_cancel,
    check_glyphs,
    cited_notice,
    closing,
    counted,
    document_title,
    fit_columns,
    heading,
    is_past,
    joined,
    numbered,
    para,
    repaid,
    run_in,
    source_parts,
    wan,
    write_document,
    yuan,
    zh,
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


def _distribution(groups: list[Group], suffix: str) -> str:
    """'政府采购领域12个，涉及金额…；招标投标领域8个' or '均属政府采购领域' for one group."""
    present = [g for g in groups if g.count]
    if len(present) == 1:
        return f"均属{present[0].name}{suffix}。"
    return joined([f"{g.name}{suffix}{_count_money(g)}" for g in present], "；") + "。"


def findings_sentence(ctx: Context, one: dict | None = None) -> str:
    """经自查，我局共排查出政务失信问题N个，涉及金额X万元。 The breakdown follows once,
    by area and by type, in the paragraphs below (or the one problem described)."""
    s, we = ctx.summary, ctx.we
    if s.empty:
        return f"经自查，{we}未发现政务失信问题。"
    total = s.total
    if total.count == 1 and one is not None:
        text = (f"经自查，{we}排查出政务失信问题1个：{one['title']}（{one['number']}），"
                f"属{one['area']}领域{one['category']}问题，来源为{zh(one['source'])}")
        if one.get("counterparty") and one["counterparty"] not in one["title"]:
            text += f"，涉及{one['counterparty']}"
        if total.amount_involved:
            text += f"，涉及金额{wan(total.amount_involved)}"
        return text + "。"
    text = f"经自查，{we}共排查出政务失信问题{total.count}个"
    if total.amount_involved:
        text += f"，涉及金额{wan(total.amount_involved)}"
    return text + "。"


def status_sentence(ctx: Context) -> str:
    """'截至…，已销号18个，已整改待销号9个，整改中20个，待整改13个（均已制定整改措施）'
    by what the data says: a 待整改 problem has measures drawn up, none started, or none."""
    t = ctx.summary.total
    one = t.count == 1
    if one:
        state = {t.closed: "已完成整改并销号", t.awaiting_closure: "已完成整改，待销号",
                 t.in_progress: "正在整改"}.get(1)
        if state is None:
            state = ("已制定整改措施，尚未开始实施" if t.open_planned else "尚未制定整改措施")
        text = f"截至{ctx.date_text}，该问题{state}"
    else:
        opened = ""
        if t.open:
            if t.open_planned == t.open:
                opened = "（均已制定整改措施，尚未开始实施）" if t.open > 1 else \
                    "（已制定整改措施，尚未开始实施）"
            elif t.open_planned:
                opened = f"（其中{t.open_planned}个已制定整改措施、尚未开始实施）"
            else:
                opened = "（尚未制定整改措施）"
        parts = counted([("已销号", t.closed), ("已整改待销号", t.awaiting_closure),
                         ("整改中", t.in_progress), ("待整改", t.open)])
        text = f"截至{ctx.date_text}，{parts}{opened}"
    if t.amount_involved:
        text += "；" + repaid(t)
    return text + "。"


def story(ctx: Context, rows: tuple | None) -> list:
    fonts, s, c, we = ctx.fonts, ctx.summary, ctx.campaign, ctx.we
    t = s.total
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, f"按照{cited_notice(ctx)}要求，{we}高度重视，对照重点领域和问题类型，"
                "全面开展政务失信问题自查自纠工作。现将自查情况报告如下："),
           heading(ctx, "一、自查工作开展情况")]
    leader = (ctx.department.get("first_responsible") or "").strip()
    lead = f"由主要负责同志{leader}任组长" if leader else "由主要负责同志任组长"
    start = c.get("start_date")
    since = f"自{format_cn(start)}起，" if start else ""
    ways = "采取自查自纠、受理投诉举报" + ("、对账核实" if t.with_money else "") + "等方式"
    sweep = (f"{since}{we}对照政府采购、招标投标、招商引资、政府投资项目审批等重点领域，"
             f"{ways}，逐项排查政务失信问题。")
    if t.count > 1:
        sweep += "从问题来源看，" + joined(source_parts(s.by_source), "，") + "。"
    out += [run_in(ctx, "（一）加强组织领导。",
                   f"{we}成立了{lead}的专项治理工作领导小组，明确分管领导和各股室负责人的"
                   "责任，做到主要领导亲自抓、分管领导具体抓、责任股室抓落实。"),
            run_in(ctx, "（二）全面排查问题。", sweep)]
    if not s.empty:
        out.append(run_in(ctx, "（三）建立问题台账。",
                          ("对排查出的问题登记建档，" if t.count == 1 else
                           "对排查出的问题逐一登记，建立问题清单和整改台账，")
                          + "明确责任单位、责任人和整改时限，实行动态管理、销号管理。"))
    one = next(iter(ctx.rows()), None) if t.count == 1 else None
    out += [heading(ctx, "二、发现问题情况"), para(ctx, findings_sentence(ctx, one))]
    if not s.empty:
        n = 0
        if t.count > 1:
            out += [run_in(ctx, numbered(n + 1) + "按重点领域分布。",
                           _distribution(s.by_area, "领域")),
                    run_in(ctx, numbered(n + 2) + "按问题类型分布。",
                           _distribution(s.by_category, "问题"))]
            n = 2
        if n:
            out.append(run_in(ctx, numbered(n + 1) + "目前整改情况。", status_sentence(ctx)))
        else:  # one problem: its state in a paragraph, no lone （一）
            out.append(para(ctx, status_sentence(ctx)))
    out.append(heading(ctx, "三、下一步工作"))
    plan_deadline = c.get("plan_deadline")
    if plan_deadline and not is_past(ctx, plan_deadline):
        send = f"于{format_cn(plan_deadline)}前报送{COUNTY_OFFICE}"
    elif plan_deadline:
        send = f"报送{COUNTY_OFFICE}（报送时限为{format_cn(plan_deadline)}）"
    else:
        send = f"按时报送{COUNTY_OFFICE}"
    if s.empty:
        out.append(para(ctx, f"{we}将继续开展自查自纠，畅通投诉举报渠道，对新发现的问题及时"
                             "登记、立即整改，切实维护政府公信力。"))
        tail = [para(ctx, "同时，建立健全政务诚信长效机制，把守信践诺贯穿于依法行政全过程。")]
    else:
        which = "对该问题" if t.count == 1 else f"对排查出的{t.count}个问题逐项"
        arrears = s.category(ARREARS_CATEGORY)
        first = ("优先解决拖欠民营和中小企业账款等企业反映强烈的问题，"
                 if arrears.count and t.count > 1 else "")
        out += [run_in(ctx, "（一）制定整改方案。",
                       f"{which}明确整改目标、整改措施、责任单位、责任人和整改时限，"
                       f"形成整改方案，{send}。"),
                run_in(ctx, "（二）加快问题整改。",
                       f"{first}能立即整改的立即整改，需要一定时间整改的明确时限、持续推进，"
                       + ("整改到位后及时销号。" if t.count == 1 else "整改一个、销号一个。"))]
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
