"""Rules of the campaign: deadline light, closure, status, numbering, dates in order.

Each rule is written once, here; the store applies it on every write, the bulk
writer on imports, the demo obeys it, and the ledger's SQL mirrors the light
(``store.queries.ledger``; a test keeps the two in step).

**Overdue** (issue 17; ``is_overdue``, ``is_rectified``).  A problem is 逾期 when its
整改时限 has passed and its rectification is not finished.  Finished (``is_rectified``)
means 已销号, or 已整改待销号 with nothing still owed:

- 已整改待销号 is set when every measure is done (``status_after_measures``): the
  department's work is finished and what remains is the 销号 sign-off (the leader's or
  the county office's check).  The 整改时限 is the date by which the rectification
  must be done, so a rectified problem past it is not "逾期未完成整改" — counting it
  so overstated the 整改报告's overdue figure (15 where the data had 14).
- but a problem that still owes money (``amount_repaid`` below ``amount_involved``) is
  not rectified whatever its measures say: for 拖欠 and every money problem the
  campaign's target is 清偿到位, and a repayment agreement signed (a measure done) is
  not a debt paid.  Such a 已整改待销号 problem is still overdue past its deadline.
- 已销号 is never overdue; a problem without a deadline never is.

The same rule is the 整改完成 of ``store.queries.summary`` (整改完成率), the red light
and the 逾期 counts of the window, the reports and the package manifest; it is written in
SQL once in ``store.queries.rules_sql`` (a test compares the two on every case).

**Lights** (issue 14).  A light answers "is this late?", so only something with a
deadline that is still to be done gets red, yellow or green:

- a problem: 已销号 → ``CLOSED`` ("已销号", never 绿灯: it is finished, not on
  track); rectified and awaiting 销号 → ``RECTIFIED`` ("已整改": finished, nothing
  to be on time for, see **Overdue**); no deadline → ``UNDATED`` ("未定时限");
  past its deadline → ``RED`` (exactly ``is_overdue``); due within the warning window
  → ``YELLOW``; else ``GREEN``.  A 已整改待销号 problem that still owes money keeps
  its deadline light.
- a measure: 已完成 on or before its deadline (or without one) → ``DONE``
  ("已完成"); 已完成 after its deadline → ``LATE`` ("逾期完成": done, but the record
  must show it was late, so not 绿灯); not done → as a problem's by its deadline,
  ``UNDATED`` without one.

**Status follows the measures** (``status_after_measures``, see there): the store
applies it on every measure add/edit/delete as an audited edit of the problem; a
status chosen by hand that the rule would move at once is refused
(``status_conflict``); the bulk writer applies it to a bundle that states no status
and writes a stated one as stated (a county merge or an older ledger is the source's
record, not ours to rewrite; old databases are never re-derived); demo data is
generated consistent with it.

**Dates in order** (``core.validation``): a 销号 not before the discovery, the last
progress entry or any measure's completion; a measure not 已完成 after today; a
campaign's 自查 ≤ 整改方案 ≤ 整改报告 deadlines, none before its start.
"""

import datetime as _dt
from collections.abc import Iterable
from enum import StrEnum

from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus

# The warning window: a deadline this many days away or nearer is 黄灯, and the reminders
# (store.queries.reminders) list it.  The database keeps the department's choice
# (``db.settings.warning_days``), bounded by WARNING_DAYS_RANGE.
DEFAULT_WARNING_DAYS = 7
WARNING_DAYS_RANGE = (1, 90)


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    UNDATED = "undated"
    CLOSED = "closed"
    RECTIFIED = "rectified"
    DONE = "done"
    LATE = "late"

    @property
    def label(self) -> str:
        return _LIGHT_LABELS[self.value]

    @property
    def is_deadline_light(self) -> bool:
        """Red, yellow or green: a deadline still to be met (days left are worth showing)."""
        return self.value in ("red", "yellow", "green")


_LIGHT_LABELS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "undated": "未定时限",
                 "closed": "已销号", "rectified": "已整改", "done": "已完成", "late": "逾期完成"}


def _date(value: _dt.date | str | None) -> _dt.date | None:
    if not value:
        return None
    return _dt.date.fromisoformat(value) if isinstance(value, str) else value


def deadline_light(deadline: _dt.date | str | None, today: _dt.date,
                   warning_days: int = DEFAULT_WARNING_DAYS) -> Light:
    """The light of something still to be done: red, yellow, green, or 未定时限."""
    due = _date(deadline)
    if due is None:
        return Light.UNDATED
    if due < today:
        return Light.RED
    if due <= today + _dt.timedelta(days=warning_days):
        return Light.YELLOW
    return Light.GREEN


def owes_money(amount_involved: int | None, amount_repaid: int | None) -> bool:
    """Money involved and not all repaid (fen; None as 0)."""
    return (amount_involved or 0) > (amount_repaid or 0)


def is_rectified(status: str, amount_involved: int | None = None,
                 amount_repaid: int | None = None) -> bool:
    """整改完成: 已销号, or 已整改待销号 with nothing still owed (module docstring)."""
    if status == ProblemStatus.CLOSED:
        return True
    return (status == ProblemStatus.AWAITING_CLOSURE
            and not owes_money(amount_involved, amount_repaid))


def is_overdue(status: str, deadline: _dt.date | str | None, amount_involved: int | None,
               amount_repaid: int | None, today: _dt.date) -> bool:
    """逾期未完成整改: past its deadline and not rectified (module docstring, **Overdue**).

    ``store.queries.rules_sql.overdue_sql`` is this rule in SQL."""
    due = _date(deadline)
    return (due is not None and due < today
            and not is_rectified(status, amount_involved, amount_repaid))


def problem_overdue(problem: dict, today: _dt.date) -> bool:
    return is_overdue(problem.get("status"), problem.get("deadline"),
                      problem.get("amount_involved"), problem.get("amount_repaid"), today)


def light_for(
    deadline: _dt.date | str | None,
    closed: bool,
    today: _dt.date,
    warning_days: int = DEFAULT_WARNING_DAYS,
    rectified: bool = False,
) -> Light:
    """A problem's light: 已销号 when closed, 已整改 when rectified (``is_rectified``)
    and not closed, else by its deadline (module docstring).

    The same rule is written in SQL in ``store.queries.ledger`` (LIGHT_SQL); a test
    keeps the two in step.
    """
    if closed:
        return Light.CLOSED
    if rectified:
        return Light.RECTIFIED
    return deadline_light(deadline, today, warning_days)


def problem_light(problem: dict, today: _dt.date, warning_days: int = DEFAULT_WARNING_DAYS):
    status = problem.get("status")
    return light_for(problem.get("deadline"), status == ProblemStatus.CLOSED, today,
                     warning_days, rectified=is_rectified(
                         status, problem.get("amount_involved"), problem.get("amount_repaid")))


def measure_light(measure: dict, today: _dt.date, warning_days: int = DEFAULT_WARNING_DAYS):
    if measure.get("status") == MeasureStatus.DONE:
        due, done_on = _date(measure.get("deadline")), _date(measure.get("completed_date"))
        if due and done_on and done_on > due:
            return Light.LATE
        return Light.DONE
    return deadline_light(measure.get("deadline"), today, warning_days)


def status_after_measures(status: str, measure_statuses: Iterable[str]) -> str:
    """The problem status its measures imply, applied whenever measures change.

    - 已销号 stays (closure and its reversal are separate actions);
    - no measures: the status stays as the clerk set it;
    - every measure 已完成 → 已整改待销号 (销号 itself is still the closure action);
    - 已整改待销号 with a measure not done (one added, or one reopened) → 整改中;
    - 待整改 with a measure 进行中 or 已完成 → 整改中;
    - otherwise the status stays: 整改中 with every measure 未开始 is kept, since a
      progress entry also moves a problem to 整改中.
    """
    if status == ProblemStatus.CLOSED:
        return status
    states = list(measure_statuses)
    if not states:
        return status
    if all(s == MeasureStatus.DONE for s in states):
        return ProblemStatus.AWAITING_CLOSURE
    if status == ProblemStatus.AWAITING_CLOSURE:
        return ProblemStatus.IN_PROGRESS
    if status == ProblemStatus.OPEN and any(
            s in (MeasureStatus.IN_PROGRESS, MeasureStatus.DONE) for s in states):
        return ProblemStatus.IN_PROGRESS
    return status


def status_conflict(status: str, measure_statuses: Iterable[str]) -> str | None:
    """Why a status chosen by hand contradicts the measures, or None.

    The same rule as ``status_after_measures``: a status it would move at once
    (all done but 整改中, started but 待整改, not done but 已整改待销号) is refused
    rather than silently moved, so the clerk sees why."""
    states = list(measure_statuses)
    implied = status_after_measures(status, states)
    if implied == status:
        return None
    if implied == ProblemStatus.AWAITING_CLOSURE:
        return "整改措施已全部完成，状态应为“已整改待销号”"
    if status == ProblemStatus.AWAITING_CLOSURE:
        pending = sum(s != MeasureStatus.DONE for s in states)
        return f"还有{pending}项整改措施未完成，全部完成后才能设为“已整改待销号”"
    return "已有整改措施在进行中或已完成，状态应为“整改中”"


def closure_blockers(measures: list[dict]) -> str | None:
    """Why a problem cannot be closed yet, or None when it can."""
    if not measures:
        return "该问题还没有整改措施，请先添加整改措施并全部完成后再销号"
    pending = [m for m in measures if m.get("status") != MeasureStatus.DONE]
    if pending:
        return f"还有{len(pending)}项整改措施未完成，全部完成后才能销号"
    return None


def problem_number(prefix: str, seq: int) -> str:
    """'2021', 1 -> '2021-001' (numbers grow past 999 without breaking order)."""
    return f"{prefix}-{seq:03d}"


def days_left(deadline: _dt.date | str | None, today: _dt.date) -> int | None:
    if not deadline:
        return None
    if isinstance(deadline, str):
        deadline = _dt.date.fromisoformat(deadline)
    return (deadline - today).days
