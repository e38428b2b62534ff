"""整改方案: per problem its target, measures, responsible unit, leader and person and its
deadline (the 整改任务清单 attachment), with the plan's goals, tasks by category, schedule
and safeguards in the body."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from govcredit_desktop.store.queries.summary import ARREARS_CATEGORY

from ..core.dates import format_cn
from ..core.rules import is_rectified
from . import gongwen as gw
from .document_parts import (
    ADDRESSEE,
    COUNTY_OFFICE,
    Context,
    check_cancel,
    check_glyphs,
    cited_notice,
    closing,
    document_title,
    first_level,
    fit_columns,
    heading,
    is_past,
    numbered,
    para,
    run_in,
    wan,
    write_document,
)
from .paged_table import TableLayout

TITLE = "整改方案"
ATTACHMENT = "政务失信问题整改任务清单"
HEADERS = ("编号", "问题名称", "整改目标", "整改措施（责任人、完成时限）", "牵头单位\n责任单位",
           "责任领导", "责任人", "整改时限")
WEIGHTS = (19, 36, 34, 80, 30, 17, 15, 21)
ALIGN = "CLLLCCCC"
TOP_MEASURES = 3


@dataclass
class _CategoryPlan:
    units: Counter = field(default_factory=Counter)
    measures: Counter = field(default_factory=Counter)
    n_measures: int = 0
    last_deadline: str = ""     # of the problems still to be rectified
    to_do: int = 0              # not rectified (core.rules.is_rectified)
    titles: list = field(default_factory=list)
    undated: int = 0            # not rectified and without a deadline


@dataclass
class _Collected:
    layout: TableLayout
    rows: list
    by_category: dict
    leaders: Counter
    with_leader_and_person: int = 0
    to_do: int = 0              # problems not yet rectified
    undated: int = 0            # of those, without a deadline
    last_deadline: str = ""     # the latest deadline of those
    after_campaign: int = 0     # of those, due after the campaign's 整改 deadline


def measure_lines(measures: list[dict]) -> str:
    """'1.核实欠款金额（张三，2021年12月30日前）' one measure a line."""
    lines = []
    for i, m in enumerate(measures, start=1):
        deadline = format_cn(m.get("deadline"))
        who = [x for x in (m.get("owner_name"), deadline and f"{deadline}前") if x]
        lines.append(f"{i}.{m['content']}" + (f"（{'，'.join(who)}）" if who else ""))
    return "\n".join(lines)


def _units(p: dict) -> str:
    lead, unit = p.get("lead_unit") or "", p.get("responsible_unit") or ""
    if lead and unit and lead != unit:
        return f"{lead}\n{unit}"
    return lead or unit


def collect(ctx: Context, cancelled=None) -> _Collected:
    """The attachment's rows and what the body says about each category."""
    layout = TableLayout(ctx.fonts, HEADERS, WEIGHTS, gw.LAND_TYPE_W, ALIGN, size=10,
                         fit=fit_columns(ctx, number=0, date=7))
    out = _Collected(layout, [], {}, Counter())
    texts = []
    campaign_due = ctx.campaign.get("rectification_deadline") or ""
    for i, p in enumerate(ctx.rows()):
        if i % 500 == 0:
            check_cancel(cancelled)
        values = (p["number"], p["title"], p["target"], measure_lines(p["measures"]), _units(p),
                  p["responsible_leader_name"], p["responsible_person_name"],
                  format_cn(p["deadline"]))
        texts.extend(v for v in values if v)
        out.rows.append(layout.row(values))
        plan = out.by_category.setdefault(p["category"], _CategoryPlan())
        if p["responsible_unit"]:
            plan.units[p["responsible_unit"]] += 1
        for m in p["measures"]:
            plan.measures[m["content"]] += 1
        plan.n_measures += len(p["measures"])
        if len(plan.titles) < 2:
            plan.titles.append(p["title"])
        if not is_rectified(p["status"], p["amount_involved"], p["amount_repaid"]):
            plan.to_do += 1
            out.to_do += 1
            due = p["deadline"] or ""
            if not due:
                out.undated += 1
                plan.undated += 1
            plan.last_deadline = max(plan.last_deadline, due)
            out.last_deadline = max(out.last_deadline, due)
            if due and campaign_due and due > campaign_due:
                out.after_campaign += 1
        if p["responsible_leader_name"]:
            out.leaders[p["responsible_leader_name"]] += 1
        if p["responsible_leader_name"] and p["responsible_person_name"]:
            out.with_leader_and_person += 1
    check_glyphs(ctx, texts)
    return out


def _finish_by(ctx: Context, subject: str, iso: str, n: int) -> str:
    """When ``n`` problems still to be rectified are due, the latest on ``iso``: '…最迟于
    2027年2月28日前全部完成整改' for a date to come, '…整改时限已于…到期' once past."""
    d = format_cn(iso)
    if is_past(ctx, iso):
        return f"{subject}的整改时限已于{d}{'前全部' if n > 1 else ''}到期，须加快整改"
    if n == 1:
        return f"{subject}于{d}前完成整改"
    return f"{subject}按照整改任务清单所列时限完成整改，最迟于{d}前全部完成"


def _task_paragraphs(ctx: Context, col: _Collected) -> list:
    out = []
    groups = [g for g in ctx.summary.by_category if g.count]
    for n, g in enumerate(groups, start=1):
        plan = col.by_category.get(g.name, _CategoryPlan())
        alone = len(groups) == 1  # one category: a paragraph, no lone （一）
        text = f"{g.name}问题{g.count}个" if alone else (
            "1个问题" if g.count == 1 else f"共{g.count}个问题")
        if g.count == 1 and plan.titles:
            text += f"，即{plan.titles[0]}"
        if g.amount_involved:
            text += f"，涉及金额{wan(g.amount_involved)}"
        units = [u for u, _ in plan.units.most_common(3)]
        if units:
            text += f"，责任单位为{'、'.join(units)}{'等' if len(plan.units) > 3 else ''}"
        text += "。"
        top = [m for m, _ in plan.measures.most_common(TOP_MEASURES)]
        if top:
            more = "等" if len(plan.measures) > TOP_MEASURES else ""
            text += f"主要措施：{'；'.join(top)}{more}，共制定整改措施{plan.n_measures}项。"
        else:
            text += "整改措施正在研究制定。"
        done = g.count - plan.to_do
        if alone:
            pass  # the goal above says when they are due
        elif plan.to_do == 0:
            text += ("该问题" if g.count == 1 else "以上问题均") + "已完成整改。"
        else:
            subject = ("该问题" if g.count == 1 else
                       f"{done}个问题已完成整改，其余{plan.to_do}个" if done else "以上问题")
            dated = plan.to_do - plan.undated
            if dated:
                text += _finish_by(ctx, subject, plan.last_deadline, dated)
                if plan.undated:
                    text += f"，另有{plan.undated}个尚未确定整改时限"
            else:
                text += f"{subject}尚未确定整改时限"
            text += "。"
        if alone:
            out.append(para(ctx, text))
        else:
            out.append(run_in(ctx, f"{numbered(n)}{g.name}问题。", text))
    return out


def _goal(ctx: Context, col: _Collected) -> str:
    s, t = ctx.summary, ctx.summary.total
    rect = ctx.campaign.get("rectification_deadline")
    one = t.count == 1
    awaiting = t.count - col.to_do - t.closed
    if col.to_do == 0:
        goal = "该问题已完成整改" if one else f"{t.count}个问题均已完成整改"
        if awaiting:
            goal += "，待销号" if one else f"，其中{awaiting}个待销号"
        return goal + "。"
    parts = []
    done = t.count - col.to_do
    if done:
        parts.append(f"截至{ctx.date_text}，已完成整改{done}个，尚需整改{col.to_do}个")
    subject = "该问题" if one else ("尚需整改的问题" if done else "各问题")
    dated = col.to_do - col.undated
    if dated:
        parts.append(_finish_by(ctx, subject, col.last_deadline, dated))
        if rect and col.after_campaign and dated == 1:
            parts[-1] += f"，晚于{COUNTY_OFFICE}要求的{format_cn(rect)}"
        elif rect and col.after_campaign:
            parts.append(f"其中{col.after_campaign}个问题的整改时限晚于{COUNTY_OFFICE}要求的"
                         f"{format_cn(rect)}")
        elif rect and not is_past(ctx, rect) and not is_past(ctx, col.last_deadline):
            parts[-1] += f"，未超出{COUNTY_OFFICE}要求的{format_cn(rect)}"
    if col.undated:
        parts.append(f"{'该问题' if one else f'{col.undated}个问题'}尚未确定整改时限，将尽快明确")
    arrears = s.category(ARREARS_CATEGORY)
    owed = arrears.amount_involved - arrears.amount_repaid
    if arrears.count and owed > 0:
        parts.append(f"拖欠民营和中小企业账款问题{arrears.count}个，尚欠{wan(owed)}，"
                     "依法依规清偿到位")
    return "；".join(parts) + "。"


def story(ctx: Context, collected: _Collected | None) -> list:
    fonts, s, c, we = ctx.fonts, ctx.summary, ctx.campaign, ctx.we
    t = s.total
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, f"为认真抓好{c['name']}自查发现问题的整改落实，按照{cited_notice(ctx)}"
                     f"要求，结合{we}实际，制定本方案。")]
    h = 0

    def h1(text: str):
        nonlocal h
        h += 1
        return heading(ctx, first_level(h) + text)

    out.append(h1("总体要求"))
    if s.empty:
        out.append(para(ctx, f"经自查，{we}未发现政务失信问题，暂无需要整改的问题。{we}将坚持"
                             "边查边改、立查立改，对今后新发现的问题及时制定整改措施，"
                             "确保整改到位。"))
    else:
        col = collected
        money = f"（涉及金额{wan(t.amount_involved)}）" if t.amount_involved else ""
        what = (f"对自查发现的1个政务失信问题{money}建立整改台账" if t.count == 1 else
                f"对自查发现的{t.count}个政务失信问题{money}逐项建立整改台账")
        out += [para(ctx, f"坚持问题导向，{what}，明确整改目标、整改措施、责任单位、责任人"
                          "和整改时限，做到问题不解决不放过、整改不到位不销号。"),
                h1("整改目标"), para(ctx, _goal(ctx, col)), h1("整改任务和措施")]
        out += _task_paragraphs(ctx, col)
        out.append(para(ctx, ("该问题" if t.count == 1 else "各问题")
                        + "的整改目标、整改措施、责任单位、责任领导、责任人和整改时限"
                          "详见附件。"))
        out.append(h1("时间安排"))
        plan_deadline = c.get("plan_deadline")
        phase_plan = "（一）制定方案阶段" + (f"（{format_cn(plan_deadline)}前）"
                                        if plan_deadline else "") + "。"
        out.append(run_in(ctx, phase_plan, ("研究" if t.count == 1 else "逐项研究")
                          + f"整改措施，形成整改方案和整改任务清单，报{COUNTY_OFFICE}备案。"))
        if col.to_do:
            last = (f"（{format_cn(col.last_deadline)}前）" if col.last_deadline else "")
            out.append(run_in(ctx, f"（二）集中整改阶段{last}。",
                              "按照整改任务清单逐项推进，每周调度整改进展，及时收集佐证材料。"))
        reconcile = "逐项对账核实" if t.with_money else "逐项核实"
        what = (f"该问题完成整改后{reconcile.removeprefix('逐项')}" if t.count == 1
                else f"对已完成整改的问题{reconcile}")
        out.append(run_in(ctx, f"{numbered(3 if col.to_do else 2)}验收销号阶段。",
                          f"{what}，经责任领导审核后销号，形成整改报告报送{COUNTY_OFFICE}。"))
    leader = (ctx.department.get("first_responsible") or "").strip()
    out.append(h1("保障措施"))
    out.append(run_in(ctx, "（一）加强组织领导。",
                      f"{'由主要负责同志' + leader if leader else '由主要负责同志'}"
                      "牵头抓总，分管领导各负其责，确保整改工作有序推进。"))
    if s.empty:
        responsibility = "对今后发现的问题，逐一明确责任领导、责任人和整改时限"
    else:
        col = collected
        if t.count == 1:
            responsibility = ("实行整改责任制，该问题已明确责任领导和责任人"
                              if col.with_leader_and_person else
                              "实行整改责任制，尽快明确该问题的责任领导和责任人")
        else:
            responsibility = "实行整改责任制，"
            missing = t.count - col.with_leader_and_person
            responsibility += ("每个问题均已明确一名责任领导和一名责任人" if not missing else
                               f"{col.with_leader_and_person}个问题已明确责任领导和责任人，"
                               f"其余{missing}个尽快明确")
            names = [n for n, _ in col.leaders.most_common(3)]
            if len(names) > 1:
                responsibility += (f"，{'、'.join(names)}{'等' if len(col.leaders) > 3 else ''}"
                                   "同志分别牵头相关问题的整改")
    out.append(run_in(ctx, "（二）压实整改责任。", responsibility + "。"))
    tail = [run_in(ctx, "（三）强化督导调度。",
                   "对整改进度实行红黄绿灯预警管理，对逾期未完成整改的问题督促限期完成，"
                   "确保整改质量和进度。" if not s.empty else
                   "定期开展自查，发现问题及时登记、限期整改，确保整改质量。")]
    out += closing(ctx, tail, final=None, attachments=[] if s.empty else [ATTACHMENT])
    if not s.empty:
        out += gw.attachment_heading(None, ATTACHMENT, fonts, landscape=True)
        out.append(collected.layout.flowable(collected.rows))
    return out


def write(ctx: Context, out_path, progress=None, cancelled=None):
    return write_document(ctx, out_path, TITLE, collect, story, progress, cancelled)
