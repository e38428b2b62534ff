"""报送前检查: what must be right before a package leaves the department.

Errors block the package (an incomplete profile, a problem without measures,
responsible unit, person or deadline, a 销号 without approver or date, damaged
evidence or database, an empty campaign); warnings are shown and must be confirmed
(overdue problems and measures, problems without evidence).  This is what stops
瞒报漏报 before the county office sees it.

A fault shared by many problems is one finding: its message gives the count and the
first numbers, and ``details`` holds one line per problem, every one of them, for the
dialog's list and the command line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.uscc import uscc_problem
from govcredit_desktop.store.queries.submission import precheck_facts

ERROR = "error"
WARNING = "warning"
#: Problem numbers named in a message; the rest are in ``details``.
SHOWN = 5


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR | WARNING
    code: str
    message_cn: str
    problem_number: str = ""  # when the finding is about one problem
    details: tuple[str, ...] = ()  # one line per problem (or per measure, or per fault)
    problem_numbers: tuple[str, ...] = ()  # every problem concerned, in ledger order

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == ERROR]


def warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == WARNING]


def _short(title: str, width: int = 24) -> str:
    return title if len(title) <= width else title[:width] + "…"


def _about(level: str, code: str, rows: list, what: str, fix: str, line=None) -> list[Finding]:
    """One finding for the problems ``rows`` (each with .number and .title) sharing a fault:
    nothing for none, the problem named for one, the count and the first numbers for many."""
    if not rows:
        return []
    line = line or (lambda r: f"{r.number} {r.title}")
    numbers = tuple(dict.fromkeys(r.number for r in rows))
    details = tuple(line(r) for r in rows)
    if len(numbers) == 1:
        first = rows[0]
        message = f"问题{first.number}“{_short(first.title)}”{what}。{fix}"
        return [Finding(level, code, message, first.number, details, numbers)]
    shown = "、".join(numbers[:SHOWN]) + ("等" if len(numbers) > SHOWN else "")
    message = f"{len(numbers)}个问题{what}：{shown}。{fix}"
    return [Finding(level, code, message, "", details, numbers)]


def _department(department: dict | None) -> list[Finding]:
    where = "请在“设置 → 单位信息”中补全后再报送"
    if not department:
        return [Finding(ERROR, "department_missing",
                        f"还没有填写单位信息（单位名称、统一社会信用代码、第一责任人、联系人）。{where}")]
    out = []
    missing = [label for key, label in (("name", "单位名称"), ("first_responsible", "第一责任人"),
                                        ("contact_person", "联系人"),
                                        ("contact_phone", "联系电话"))
               if not (department.get(key) or "").strip()]
    if missing:
        out.append(Finding(ERROR, "department_incomplete",
                           f"单位信息不完整：缺少{'、'.join(missing)}。{where}",
                           details=tuple(missing)))
    problem = uscc_problem(department.get("uscc") or "")
    if problem:
        out.append(Finding(ERROR, "department_uscc",
                           f"单位的{problem}。签名证书和报送包都以它标明单位，"
                           "请在“设置 → 单位信息”中改正后再报送"))
    return out


def _database(db) -> list[Finding]:
    """What ``check`` (cli.cmd_check) looks at: pages, keys, evidence, the audit log."""
    out = []
    blobs = db.evidence.blob_problems()
    if blobs:
        out.append(Finding(ERROR, "evidence_damaged",
                           f"{len(blobs)}个佐证材料文件的内容已损坏（SHA-256 与记录不符）。"
                           "请从备份恢复数据库，或删除后重新添加这些佐证材料",
                           details=tuple(blobs)))
    damage = db.integrity_problems(blobs=False)
    if damage:
        out.append(Finding(ERROR, "database_damaged",
                           f"数据库完整性检查未通过：{damage[0]}。请先运行“检查数据库”并从备份"
                           "恢复后再报送", details=tuple(damage)))
    report = db.verify_audit()
    if not report.ok:
        out.append(Finding(ERROR, "audit_broken",
                           f"{report.message()}。审计日志被改动过的数据库不能报送，请从备份恢复"))
        return out
    cut = db.backups_ahead_of_log()
    if cut:
        out.append(Finding(ERROR, "audit_cut", f"审计日志异常：{cut[0]}。请从备份恢复",
                           details=tuple(cut)))
    replayed = db.replay_audit()
    if not replayed.ok:
        out.append(Finding(ERROR, "audit_mismatch",
                           f"{replayed.message()}。数据与审计日志不符的数据库不能报送，请从备份恢复",
                           details=tuple(replayed.lines(limit=50))))
    return out


def precheck(db, campaign_id: int, today: _dt.date | None = None) -> list[Finding]:
    """Every finding of the 报送前检查 for the campaign, errors first."""
    today = today or _dt.date.today()
    found = _database(db)
    try:
        facts = precheck_facts(db, campaign_id, today)
    except UserError as exc:  # a damaged file may refuse the reads themselves
        return [*found, Finding(ERROR, "database_damaged", str(exc))]
    found += _department(facts.department)
    problems = facts.problems
    if not problems:
        found.append(Finding(ERROR, "no_problems",
                             "该专项治理中还没有任何问题。如确实没有发现问题，也应如实填报"
                             "自查情况后再报送；请先在台账中录入问题"))
    found += _about(ERROR, "no_measures", [p for p in problems if not p.has_measures],
                    "没有整改措施", "请在台账中为其添加整改措施后再报送")
    found += _about(ERROR, "no_responsible_unit",
                    [p for p in problems if not p.responsible_unit.strip()],
                    "没有填写责任单位", "请在台账中补充责任单位后再报送")
    found += _about(ERROR, "no_responsible_person", [p for p in problems if not p.has_person],
                    "没有指定责任人", "请在台账中指定责任人后再报送")
    found += _about(ERROR, "no_deadline", [p for p in problems if not p.deadline],
                    "没有整改时限", "请在台账中填写整改时限后再报送")
    closed = [p for p in problems if p.closed]
    found += _about(ERROR, "closed_without_approver",
                    [p for p in closed if not p.closed_by.strip()],
                    "已销号但没有销号审批人", "请撤销销号后重新办理销号并填写审批人")
    found += _about(ERROR, "closed_without_date", [p for p in closed if not p.closed_date],
                    "已销号但没有销号日期", "请撤销销号后重新办理销号并填写销号日期")
    found.sort(key=lambda f: f.level != ERROR)  # stable: the order above within a level

    overdue = [p for p in problems if p.overdue_on(today)]
    found += _about(WARNING, "overdue", overdue, "已超过整改时限仍未完成整改",
                    "报送包将如实载明这些逾期问题，请确认",
                    line=lambda p: f"{p.number} {p.title}（整改时限{format_cn(p.deadline)}）")
    found += _about(WARNING, "measures_overdue", facts.late_measures,
                    "有整改措施已超过完成时限仍未完成", "请确认或先更新措施状态",
                    line=lambda m: f"{m.number} 第{m.seq}项措施：{_short(m.content, 30)}"
                                   f"（完成时限{format_cn(m.deadline)}）")
    found += _about(WARNING, "no_evidence", [p for p in problems if not p.has_evidence],
                    "没有佐证材料", "县信用办可能要求补充，请确认")
    return found
