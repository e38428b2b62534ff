"""整改方案: per problem its target, measures, responsible unit, leader and person and its
deadline (the 整改任务清单 attachment), with the plan's goals, tasks by category, schedule
and safeguards in the body."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from govcredit_desktop.store.queries.summary import ARREARS_CATEGORY

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
    para,
    run_in,
    wan,
    write_document,
)
from .paged_table import TableLayout

TITLE = "问题整改方案"
ATTACHMENT = "政务失信问题整改任务清单"
HEADERS = ("编号", "问题名称", "整改目标", "整改措施（责任人、完成时限）", "牵头单位\n责任单位",
           "责任领导", "责任人", "整改时限")
WEIGHTS = (19, 36, 34, 80, 30, 17, 15, 21)
ALIGN = "CLLLCCCC"
NUMERALS = "一二三四五六七八九十"


@dataclass
class _CategoryPlan:
    units: Counter = field(default_factory=Counter)
    measures: Counter = field(default_factory=Counter)
    n_measures: int = 0
    last_deadline: str = ""


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


def collect(ctx: Context, cancelled=None):
    """The attachment's rows and what the body says about each category."""
    layout = TableLayout(ctx.fonts, HEADERS, WEIGHTS, gw.LAND_TYPE_W, ALIGN, size=10,
                         fit=fit_columns(ctx, number=0, date=7))
    rows, texts = [], []
    by_category: dict[str, _CategoryPlan] = {}
    leaders: Counter = Counter()
    for i, p in enumerate(ctx.rows()):
        if i % 500 == 0:
            check_cancel(cancelled)
        values = (p["number"], p["title"], p["target"], measure_lines(p["measures"]), _units(p),
                  p["responsible_leader_name"], p["responsible_person_name"],
                  format_cn(p["deadline"]))
        texts.extend(v for v in values if v)
        rows.append(layout.row(values))
        plan = by_category.setdefault(p["category"], _CategoryPlan())
        if p["responsible_unit"]:
            plan.units[p["responsible_unit"]] += 1
        for m in p["measures"]:
            plan.measures[m["content"]] += 1
        plan.n_measures += len(p["measures"])
        plan.last_deadline = max(plan.last_deadline, p["deadline"] or "")
        if p["responsible_leader_name"]:
            leaders[p["responsible_leader_name"]] += 1
    check_glyphs(ctx, texts)
    return layout, rows, by_category, leaders


def _task_paragraphs(ctx: Context, by_category: dict[str, _CategoryPlan]) -> list:
    out = []
    groups = [g for g in ctx.summary.by_category if g.count]
    for n, g in enumerate(groups):
        plan = by_category.get(g.name, _CategoryPlan())
        label = NUMERALS[n] if n < len(NUMERALS) else str(n + 1)
        text = f"共{g.count}个"
        if g.amount_involved:
            text += f"，涉及金额{wan(g.amount_involved)}"
        units = [u for u, _ in plan.units.most_common(3)]
        if units:
            text += f"，责任单位为{'、'.join(units)}{'等' if len(plan.units) > 3 else ''}"
        text += "。"
        top = [m for m, _ in plan.measures.most_common(3)]
        if top:
            text += f"主要措施：{'；'.join(top)}等，共制定整改措施{plan.n_measures}项"
            if plan.last_deadline:
                text += f"，{format_cn(plan.last_deadline)}前全部完成"
            text += "。"
        out.append(run_in(ctx, f"（{label}）{g.name}问题。", text))
    return out


def story(ctx: Context, collected) -> list:
    fonts, s, c, we = ctx.fonts, ctx.summary, ctx.campaign, ctx.we
    t = s.total
    out = [gw.title(document_title(ctx, TITLE), fonts), gw.addressee(ADDRESSEE, fonts),
           para(ctx, f"为认真抓好{c['name']}自查发现问题的整改落实，按照县社会信用体系建设领导"
                     f"小组办公室工作要求{doc_reference(ctx)}，结合{we}实际，制定本方案。"),
           heading(ctx, "一、总体要求")]
    rect_deadline = c.get("rectification_deadline")
    by = f"{format_cn(rect_deadline)}前" if rect_deadline else "专项治理结束前"
    if s.empty:
        out += [para(ctx, f"经自查，{we}未发现政务失信问题，暂无需要整改的问题。{we}将坚持"
                          "边查边改、立查立改，对今后新发现的问题及时制定整改措施，"
                          "确保整改到位。")]
    else:
        money = f"（涉及金额{wan(t.amount_involved)}）" if t.amount_involved else ""
        out += [para(ctx, f"坚持问题导向，对自查发现的{t.count}个政务失信问题{money}逐项建立"
                          "整改台账，明确整改目标、整改措施、责任单位、责任人和整改时限，"
                          "做到问题不解决不放过、整改不到位不销号。"),
                heading(ctx, "二、整改目标")]
        goal = f"{by}，{t.count}个问题全部完成整改并对账销号"
        arrears = s.category(ARREARS_CATEGORY)
        if arrears.count:
            goal += (f"；拖欠民营和中小企业账款问题{arrears.count}个，"
                     f"{wan(arrears.amount_involved)}欠款依法依规清偿到位")
        out += [para(ctx, goal + "。"), heading(ctx, "三、整改任务和措施")]
        _, _, by_category, _ = collected
        out += _task_paragraphs(ctx, by_category)
        out.append(para(ctx, "各问题的整改目标、整改措施、责任单位、责任领导、责任人和整改"
                             "时限详见附件。"))
        out.append(heading(ctx, "四、时间安排"))
        plan_deadline = c.get("plan_deadline")
        out += [run_in(ctx, "（一）制定方案阶段" + (f"（{format_cn(plan_deadline)}前）"
                                               if plan_deadline else "") + "。",
                       "逐项研究整改措施，形成整改方案和整改任务清单，报县信用办备案。"),
                run_in(ctx, f"（二）集中整改阶段（{by}）。",
                       "按照整改任务清单逐项推进，每周调度整改进展，及时收集佐证材料。"),
                run_in(ctx, "（三）验收销号阶段。",
                       "对已完成整改的问题逐项对账核实，经责任领导审核后销号，"
                       "形成整改报告报送县信用办。")]
    leader = (ctx.department.get("first_responsible") or "").strip()
    out.append(heading(ctx, "五、保障措施" if not s.empty else "二、保障措施"))
    out.append(run_in(ctx, "（一）加强组织领导。",
                      f"{'由主要负责同志' + leader if leader else '由主要负责同志'}"
                      "牵头抓总，分管领导各负其责，确保整改工作有序推进。"))
    responsibility = "实行整改责任制，每个问题明确一名责任领导和一名责任人"
    if not s.empty:
        _, _, _, leaders = collected
        names = [n for n, _ in leaders.most_common(3)]
        if names:
            responsibility += f"，{'、'.join(names)}等同志分别牵头相关问题的整改"
    out.append(run_in(ctx, "（二）压实整改责任。", responsibility + "。"))
    tail = [run_in(ctx, "（三）强化督导调度。",
                   "对整改进度实行红黄绿灯预警管理，对逾期未完成整改的问题督促限期完成，"
                   "确保整改质量和进度。")]
    out += closing(ctx, tail, final=None, attachments=[] if s.empty else [ATTACHMENT])
    if not s.empty:
        layout, rows, _, _ = collected
        out += gw.attachment_heading(None, ATTACHMENT, fonts, landscape=True)
        out.append(layout.flowable(rows))
    return out


def write(ctx: Context, out_path, progress=None, cancelled=None):
    return write_document(ctx, out_path, TITLE, collect, story, progress, cancelled)
