"""整改报告: the outcome of every problem, the totals (销号率 and 整改完成率, amounts
repaid against involved, overdue count, 纳入政务失信记录) with a table and a chart by area,
the dishonesty records with their sanctions and credit repairs in a section of their own,
and the detail table as the attachment."""

from __future__ import annotations

from dataclasses import dataclass, field

from govcredit_desktop.store.queries.summary import (
    CLOSURE_RATE_NAME,
    COMPLETION_RATE_NAME,
    percent,
)

from ..core.dates import format_cn
from ..core.rules import problem_overdue
from ..core.vocab import ProblemStatus
from . import gongwen as gw
from .charts import status_by_area
from .document_parts import (
    ADDRESSEE,
    Context,
    check_cancel,
    check_glyphs,
    cited_notice,
    closing,
    counted,
    document_title,
    fit_columns,
    heading,
    joined,
    numbered,
    para,
    repaid,
    run_in,
    wan,
    write_document,
    yuan,
)
from .paged_table import TableLayout

TITLE = "整改情况的报告"
ATTACHMENT = "政务失信问题整改情况明细表"
HEADERS = ("编号", "问题名称", "责任单位", "责任人", "整改时限", "涉及金额（元）",
           "已清偿金额（元）", "整改进展", "整改状态", "销号情况")
WEIGHTS = (19, 44, 24, 14, 21, 25, 25, 44, 17, 24)
ALIGN = "CLCCCRRLCL"
AREA_HEADERS = ("重点领域", "问题数", "已销号", "已整改\n待销号", "整改中", "待整改",
                CLOSURE_RATE_NAME, COMPLETION_RATE_NAME.replace("完成", "\n完成"))
AREA_WEIGHTS = (40, 12, 12, 14, 12, 12, 14, 16)
LISTED = 10


@dataclass
class _Collected:
    layout: TableLayout
    rows: list
    overdue: list = field(default_factory=list)        # numbers, core.rules.is_overdue
    dishonest: list = field(default_factory=list)      # numbers, 纳入政务失信记录
    with_unit: int = 0
    with_leader_and_person: int = 0
    records: list = field(default_factory=list)        # db.dishonesty_records.of_campaign


def _closure(p: dict) -> str:
    if p["status"] != ProblemStatus.CLOSED:
        return ""
    parts = [x for x in (format_cn(p.get("closed_date")), p.get("closed_by")) if x]
    return "，".join(parts) + ("销号" if parts else "已销号")


def collect(ctx: Context, cancelled=None) -> _Collected:
    layout = TableLayout(ctx.fonts, HEADERS, WEIGHTS, gw.LAND_TYPE_W, ALIGN, size=10,
                         fit=fit_columns(ctx, number=0, amounts=(5, 6), date=(4, 9)))
    col = _Collected(layout, [])
    texts = []
    for i, p in enumerate(ctx.rows()):
        if i % 500 == 0:
            check_cancel(cancelled)
        values = (p["number"], p["title"], p["responsible_unit"], p["responsible_person_name"],
                  format_cn(p["deadline"]), yuan(p["amount_involved"]),
                  yuan(p["amount_repaid"]), p["progress_summary"], p["status"], _closure(p))
        texts.extend(v for v in values if v)
        col.rows.append(layout.row(values))
        if problem_overdue(p, ctx.date):
            col.overdue.append(p["number"])
        if p["listed_as_dishonest"]:
            col.dishonest.append(p["number"])
        col.with_unit += bool((p["responsible_unit"] or "").strip())
        col.with_leader_and_person += bool(p["responsible_leader_name"]
                                           and p["responsible_person_name"])
    t = ctx.summary.total
    closed = f"已销号{t.closed}个" if t.closed else ""
    col.rows.append(layout.row(("合计", f"{t.count}个", "", "", "", yuan(t.amount_involved),
                                yuan(t.amount_repaid), "", closed, ""), total=True))
    col.records = ctx.db.dishonesty_records.of_campaign(ctx.campaign["id"])
    for r in col.records:
        texts.extend(record_sentences(r))
    check_glyphs(ctx, texts)
    return col


def _numbers(numbers: list[str]) -> str:
    """'2021-003、2021-007' or '2021-003、…、2021-031等14个' beyond LISTED."""
    listed = "、".join(numbers[:LISTED])
    return listed + (f"等{len(numbers)}个" if len(numbers) > LISTED else "")


def rates_sentence(t) -> str:
    """Both rates, each named by what it counts, so neither reads as the other."""
    completion = ("已销号和已整改待销号问题占问题总数的比例" if not t.awaiting_owing else
                  "已销号和已整改待销号且欠款清偿到位的问题占问题总数的比例")
    return (f"{CLOSURE_RATE_NAME}（已销号问题占问题总数的比例）{t.closure_rate}，"
            f"{COMPLETION_RATE_NAME}（{completion}）{t.completion_rate}")


def totals_sentence(ctx: Context, one: dict | None = None) -> str:
    s, we, t = ctx.summary, ctx.we, ctx.summary.total
    if s.empty:
        return f"经自查，{we}未发现政务失信问题，本次专项治理无需要整改的问题。"
    if t.count == 1:
        text = f"{we}自查发现政务失信问题1个"
        if one is not None:
            text += f"：{one['title']}（{one['number']}）"
        if t.amount_involved:
            text += f"，涉及金额{wan(t.amount_involved)}"
        state = {t.closed: "已完成整改并销号", t.awaiting_closure: "已完成整改，待销号",
                 t.in_progress: "正在整改"}.get(1, "尚未开始整改")
        if t.awaiting_owing:
            state = "整改措施已全部完成，待销号，欠款尚未清偿到位"
        text += f"。截至{ctx.date_text}，该问题{state}"
        if t.amount_involved:
            text += "，" + repaid(t, "已清偿")
        if t.overdue:
            text += "，已超过整改时限"
        return text + "。"
    text = f"{we}自查发现政务失信问题{t.count}个"
    if t.amount_involved:
        text += f"，涉及金额{wan(t.amount_involved)}"
    text += f"。截至{ctx.date_text}，" + counted(
        [("已完成整改并销号", t.closed), ("已整改待销号", t.awaiting_closure),
         ("正在整改", t.in_progress), ("尚未开始整改", t.open)])
    text += f"；{rates_sentence(t)}"
    if t.amount_involved:
        text += "；" + repaid(t)
    text += (f"；逾期未完成整改的问题{t.overdue}个。" if t.overdue
             else "；没有逾期未完成整改的问题。")
    return text


def area_table(ctx: Context):
    """表: each area's problems by status and both rates, with the 合计 row (the county
    summary prints the same table of its merged records)."""
    layout = TableLayout(ctx.fonts, AREA_HEADERS, AREA_WEIGHTS, gw.TYPE_W, "LCCCCCCC",
                         size=10.5)
    rows = [layout.row((g.name, g.count, g.closed, g.awaiting_closure, g.in_progress, g.open,
                        g.closure_rate, g.completion_rate))
            for g in ctx.summary.by_area if g.count]
    t = ctx.summary.total
    rows.append(layout.row(("合计", t.count, t.closed, t.awaiting_closure, t.in_progress,
                            t.open, t.closure_rate, t.completion_rate), total=True))
    return layout.flowable(rows, space_after=gw.LINE / 2)


def _caption(ctx: Context, text: str):
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    st = ParagraphStyle("caption", parent=gw.styles(ctx.fonts).plain, alignment=TA_CENTER,
                        fontName=ctx.fonts.heiti, fontSize=12, leading=18)
    return gw.paragraph(text, st, ctx.fonts)


def records_section(ctx: Context, col: _Collected) -> str:
    """纳入政务失信记录: how many problems carry the mark (kept by the store from their
    dishonesty records; older files may hold the mark without a record), and how many
    records, sanctions and repairs follow in their own section (``record_paragraphs``)."""
    n, one = len(col.dishonest), ctx.summary.total.count == 1
    if not n:
        return "该问题未纳入政务失信记录。" if one else "本次自查发现的问题均未纳入政务失信记录。"
    head = "该问题已纳入政务失信记录。" if one else \
        f"纳入政务失信记录的问题{n}个（{_numbers(col.dishonest)}）。"
    if not col.records:
        return head
    sanctions = sum(len(r["sanctions"]) for r in col.records)
    repairs = sum(len(r["repairs"]) for r in col.records)
    tail = counted([("采取失信惩戒措施", sanctions), ("申请信用修复", repairs)], "，", "项")
    return (head + f"登记政务失信记录{len(col.records)}条" + (f"，{tail}" if tail else "")
            + "，具体情况见本报告第二部分。")


def record_sentences(r: dict) -> list[str]:
    """One record as the report says it: the finding, each sanction, each repair."""
    doc = "".join(x for x in (r.get("source_document"), r.get("document_number")) if x)
    who = (f"（涉及{r['person_post'] or ''}{r['person_name']}）" if r.get("person_name")
           else "")
    out = [f"问题{r['number']}（{r['title']}）{who}于{format_cn(r['record_date'])}"
           f"因{r['record_type']}纳入政务失信记录" + (f"，认定文书：{doc}" if doc else "")]
    for s in r["sanctions"]:
        text = (f"{s['decided_by'] or '有关部门'}于{format_cn(s['sanction_date'])}"
                f"采取“{s['kind']}”惩戒措施")
        if s.get("publicity_until"):
            text += f"，公示期至{format_cn(s['publicity_until'])}"
        out.append(text)
    for c in r["repairs"]:
        text = f"信用修复措施：{c['steps']}"
        if c.get("evidence"):
            text += f"（佐证：{c['evidence']}）"
        text += (f"，{format_cn(c['decision_date'])}作出“{c['decision']}”的修复决定"
                 if c.get("decision") else "，修复申请尚待决定")
        out.append(text)
    return out


def record_paragraphs(ctx: Context, col: _Collected) -> list:
    """二、政务失信记录、惩戒和信用修复情况: each record with its sanctions and repairs."""
    out = []
    if not col.records:
        state = ("该问题" if ctx.summary.total.count == 1 else "本次自查发现的问题")
        out.append(para(ctx, f"{state}未登记政务失信记录，未受到失信惩戒，无信用修复事项。"))
        return out
    for i, r in enumerate(col.records, start=1):
        sentences = record_sentences(r)
        out.append(para(ctx, f"{i}．" + "；".join(sentences) + "。"))
    return out


def story(ctx: Context, collected: _Collected | None) -> list:
    fonts, s, we = ctx.fonts, ctx.summary, ctx.we
    t = s.total
    intro = (f"按照{cited_notice(ctx)}要求，"
             + (f"{we}认真开展政务失信问题自查自纠。现将有关情况报告如下：" if s.empty else
                f"{we}对自查发现的政务失信问题"
                + ("制定整改措施、压实整改责任" if t.count == 1 else
                   "逐项制定整改措施、压实整改责任")
                + "，扎实推进整改工作。现将整改情况报告如下："))
    one = next(iter(ctx.rows()), None) if t.count == 1 else None
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, intro), heading(ctx, "一、整改工作总体情况"),
           para(ctx, totals_sentence(ctx, one))]
    if s.empty:
        tail = [heading(ctx, "二、下一步工作"),
                para(ctx, f"{we}将继续开展自查自纠，对新发现的问题立查立改，"
                          "建立健全政务诚信长效机制。")]
        return out + closing(ctx, tail, attachments=[])
    col = collected
    n = 0

    def h2(text: str) -> str:
        nonlocal n
        n += 1
        return f"{numbered(n)}{text}"

    areas = [g for g in s.by_area if g.count]
    if t.count > 1 and len(areas) > 1:
        out += [run_in(ctx, h2("分领域整改情况。"), "各重点领域问题整改情况见表1和图1。"),
                gw.caption_with_table(_caption(ctx, "表1　各重点领域问题整改情况"),
                                      area_table(ctx)),
                gw.float_block([status_by_area(s.by_area, fonts, gw.TYPE_W),
                                _caption(ctx, "图1　各重点领域问题整改情况")])]
    money = [g for g in s.by_category if g.amount_involved]
    if money and t.count > 1:
        out.append(run_in(ctx, h2("清偿账款情况。"), joined(
            [f"{g.name}{g.count}个，涉及金额{wan(g.amount_involved)}，"
             + (f"已清偿{wan(g.amount_repaid)}（{g.repaid_rate}）" if g.amount_repaid
                else "尚未清偿") for g in money], "；") + "。"))
    if not s.measures_total:
        measures = "尚未制定整改措施。"
    elif not s.measures_done:
        measures = f"共制定整改措施{s.measures_total}项，均在落实中，尚无已完成的措施。"
    elif s.measures_done == s.measures_total:
        measures = f"共制定整改措施{s.measures_total}项，已全部完成。"
    else:
        measures = (f"共制定整改措施{s.measures_total}项，已完成{s.measures_done}项，"
                    f"完成率{percent(s.measures_done, s.measures_total)}。")
    out.append(run_in(ctx, h2("整改措施落实情况。"), measures))
    out.append(run_in(ctx, h2("纳入政务失信记录情况。"), records_section(ctx, col)))
    out.append(heading(ctx, "二、政务失信记录、惩戒和信用修复情况"))
    out += record_paragraphs(ctx, col)
    out.append(heading(ctx, "三、主要做法"))
    if t.count == 1:
        who = ("明确了该问题的责任单位、责任领导和责任人" if col.with_leader_and_person
               and col.with_unit else "明确该问题的责任单位和责任人")
    elif col.with_leader_and_person == col.with_unit == t.count:
        who = "对每个问题明确责任单位、责任领导和责任人"
    else:
        who = (f"对{min(col.with_leader_and_person, col.with_unit)}个问题明确了责任单位、"
               "责任领导和责任人，其余问题正在明确")
    out.append(run_in(ctx, "（一）压实整改责任。",
                      f"{who}，制定整改措施和整改时限，做到责任到人、措施到位。"))
    check = "与企业对账核实" if t.with_money else "核实"
    if t.count == 1:
        practice = (f"对该问题的整改情况{check}，收集整改佐证材料，经责任领导审核后予以销号。"
                    if t.closed else
                    f"该问题完成整改后，{check}整改情况、收集整改佐证材料，经责任领导审核后销号。")
    elif t.closed:
        practice = (f"对已完成整改的问题逐项{check}，收集整改佐证材料，经责任领导审核后予以"
                    f"销号，目前已销号{t.closed}个。")
    else:
        practice = (f"问题完成整改后逐项{check}，收集整改佐证材料，经责任领导审核后销号；"
                    "目前尚无已销号的问题。")
    out.append(run_in(ctx, f"（二）坚持{'对账' if t.with_money else '验收'}销号。", practice))
    out.append(heading(ctx, "四、存在的问题和下一步工作"))
    remaining = t.count - t.closed
    if remaining == 0:
        issue = ("该问题已完成整改并销号。" if t.count == 1 else "全部问题均已完成整改并销号。")
        issue += f"下一步，{we}将巩固整改成果，防止问题反弹。"
    else:
        issue = ("该问题尚未完成销号" if t.count == 1 else f"目前仍有{remaining}个问题尚未完成销号")
        if col.overdue and t.count > 1:
            issue += f"，其中逾期未完成整改{len(col.overdue)}个（{_numbers(col.overdue)}）"
        elif col.overdue:
            issue += "，且已超过整改时限"
        issue += "。下一步，" + (f"{we}将" if not col.overdue else
                              f"{we}将对该问题督办，明确最后时限，" if t.count == 1 else
                              f"{we}将对逾期问题逐一督办，明确最后时限，")
        issue += ("加快推进整改，整改到位后及时销号。" if t.count == 1 else
                  "加快推进剩余问题整改，整改一个、销号一个。")
    out.append(para(ctx, issue))
    tail = [para(ctx, "同时，举一反三，完善合同管理、预算管理和政策兑现等制度，"
                      "建立防范政务失信的长效机制。")]
    out += closing(ctx, tail, attachments=[ATTACHMENT])
    out += gw.attachment_heading(None, ATTACHMENT, fonts, landscape=True)
    out.append(col.layout.flowable(col.rows))
    return out


def write(ctx: Context, out_path, progress=None, cancelled=None):
    return write_document(ctx, out_path, TITLE, collect, story, progress, cancelled)
