"""Rules of the campaign: deadline light, closure, numbering."""

import datetime as _dt
from enum import StrEnum

from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus

DEFAULT_WARNING_DAYS = 7


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"

    @property
    def label(self) -> str:
        return {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}[self.value]


def light_for(
    deadline: _dt.date | str | None,
    done: bool,
    today: _dt.date,
    warning_days: int = DEFAULT_WARNING_DAYS,
) -> Light:
    """Red = overdue and not done; yellow = due within the window; else green.

    The same rule is written in SQL in ``store.queries.ledger``; a test keeps
    the two in step.
    """
    if done or not deadline:
        return Light.GREEN
    if isinstance(deadline, str):
        deadline = _dt.date.fromisoformat(deadline)
    if deadline < today:
        return Light.RED
    if deadline <= today + _dt.timedelta(days=warning_days):
        return Light.YELLOW
    return Light.GREEN


def problem_light(problem: dict, today: _dt.date, warning_days: int = DEFAULT_WARNING_DAYS):
    return light_for(problem.get("deadline"), problem.get("status") == ProblemStatus.CLOSED,
                     today, warning_days)


def measure_light(measure: dict, today: _dt.date, warning_days: int = DEFAULT_WARNING_DAYS):
    return light_for(measure.get("deadline"), measure.get("status") == MeasureStatus.DONE,
                     today, warning_days)


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
