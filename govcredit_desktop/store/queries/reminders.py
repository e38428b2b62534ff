"""What is due: the reminders shown at start-up and each day the window stays open.

    due = reminders(db, today, warning_days=db.settings.warning_days())
    for r in due.items: r.kind, r.record_id, r.problem_id, r.text, r.due_date, r.overdue

* **problems** not rectified (core.rules.is_rectified: the 红灯 and 黄灯 rule of the
  ledger, by the same rules_sql expressions) whose 整改时限 has passed or falls within
  the warning window, counted as figures.py counts 逾期 and 临期;
* **measures** not 已完成 of a problem not 已销号 whose deadline has passed or falls
  within the window (core.rules.measure_light: red or yellow);
* **complaints** awaiting a reply (``db.complaints.awaiting_reply`` with the register's
  own reply window, ``db.settings.complaint_reply_days``), overdue ones marked;
* **campaign deadlines** — 自查情况报告, 整改方案, 整改报告 — from today to
  CAMPAIGN_DAYS days ahead.

Overdue first, then by date.  Each kind lists at most ``limit`` lines and says how many
there are in all, so 5,000 overdue problems at 100k make a short panel that points to
the ledger's 红灯 filter, not 5,000 lines.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import figures
from govcredit_desktop.store.queries.rules_sql import guarded, not_rectified_sql
from govcredit_desktop.store.schema import MEASURE_OPEN

CAMPAIGN_DAYS = 14
PROBLEM, MEASURE, COMPLAINT, CAMPAIGN = "problem", "measure", "complaint", "campaign"
KIND_TEXT = {PROBLEM: "问题", MEASURE: "整改措施", COMPLAINT: "投诉", CAMPAIGN: "报送截止"}
CAMPAIGN_DEADLINES = (("self_inspection_deadline", "自查情况报告"),
                      ("plan_deadline", "整改方案"),
                      ("rectification_deadline", "整改报告"))

# Due or overdue and not rectified: deadline <= soon (the index range), then the rule.
_PROBLEM_WHERE = guarded("p.deadline <= :soon", not_rectified_sql())
_PROBLEMS_SQL = f"""
SELECT p.id, p.number, p.title, p.deadline, p.responsible_unit
FROM problem p WHERE {_PROBLEM_WHERE} {{campaign}}
ORDER BY p.deadline, p.id LIMIT :limit
"""
_MEASURES_FROM = f"""
FROM measure m JOIN problem p ON p.id = m.problem_id
WHERE m.deadline <= :soon AND m.{MEASURE_OPEN} AND p.status != :closed {{campaign}}
"""
_MEASURES_SQL = ("SELECT m.id, m.problem_id, m.seq, m.content, m.deadline, p.number, p.title"
                 + _MEASURES_FROM + " ORDER BY m.deadline, m.id LIMIT :limit")
# A campaign's count: each due measure's problem looked up (a department's campaign).
_MEASURES_COUNT_SQL = ("SELECT count(*) AS n, coalesce(sum(m.deadline < :today), 0) AS late"
                       + _MEASURES_FROM)
# Every campaign's count without looking up each due measure's problem (120,000 lookups
# at 100k: 0.35-1 s with the connection's lock held, which the status line then waited
# for after every edit): the open measures due are two range counts of
# measure_open_deadline, less those of closed problems.  A problem has open measures only
# while measures_done < measures_total (the store keeps both, ``check`` verifies them),
# so the closed problems to look at are a range of problem_status_progress below 1 —
# none when every closed problem's measures are done, as closure requires.
_OPEN_DUE = f"FROM measure m WHERE m.{MEASURE_OPEN} AND m.deadline {{cmp}}"
_CLOSED_OPEN_DUE = f"""
FROM problem p CROSS JOIN measure m ON m.problem_id = p.id
WHERE p.status = :closed AND (p.measures_done * 1.0 / max(p.measures_total, 1)) < 1
  AND m.{MEASURE_OPEN} AND m.deadline {{cmp}}
"""
_MEASURES_TOTAL_SQL = "SELECT " + ", ".join(
    f"(SELECT count(*) {_OPEN_DUE.format(cmp=cmp)})"
    f" - (SELECT count(*) {_CLOSED_OPEN_DUE.format(cmp=cmp)}) AS {name}"
    for name, cmp in (("n", "<= :soon"), ("late", "< :today")))


@dataclass(frozen=True)
class Reminder:
    kind: str  # PROBLEM | MEASURE | COMPLAINT | CAMPAIGN
    record_id: int  # the problem's, measure's, complaint's or campaign's id
    problem_id: int | None  # the problem a line opens (a measure's problem), else None
    due_date: str  # ISO
    overdue: bool
    text: str  # what the line says after its date

    def days_left(self, today: _dt.date) -> int:
        return (_dt.date.fromisoformat(self.due_date) - today).days


@dataclass
class Reminders:
    today: _dt.date
    warning_days: int
    items: list[Reminder] = field(default_factory=list)
    #: kind -> how many are due in all (the items hold at most ``limit`` of each).
    totals: dict[str, int] = field(default_factory=dict)
    #: kind -> how many of those are overdue.
    overdue: dict[str, int] = field(default_factory=dict)

    def of(self, kind: str) -> list[Reminder]:
        return [r for r in self.items if r.kind == kind]

    def more(self, kind: str) -> int:
        """How many of a kind are due beyond the lines listed."""
        return self.totals.get(kind, 0) - len(self.of(kind))

    @property
    def empty(self) -> bool:
        return not any(self.totals.values())


def _short(text: str, n: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def reminders(db, today: _dt.date, warning_days: int, campaign_id: int | None = None,
              limit: int = 50) -> Reminders:
    """Everything due as of ``today`` (module docstring); ``campaign_id`` None: every
    campaign's (complaints belong to no campaign: always all of them)."""
    soon = today + _dt.timedelta(days=warning_days)
    params = {"today": today.isoformat(), "soon": soon.isoformat(), "limit": limit,
              "closed": ProblemStatus.CLOSED,
              "campaign_id": campaign_id}
    scope = "AND p.campaign_id = :campaign_id" if campaign_id is not None else ""
    out = Reminders(today, warning_days)
    iso = today.isoformat()
    for r in db.query(_PROBLEMS_SQL.format(campaign=scope), params):
        out.items.append(Reminder(PROBLEM, r["id"], r["id"], r["deadline"], r["deadline"] < iso,
                                  f"{r['number']} {_short(r['title'])}"))
    # How many: figures.py's 逾期 and 临期, the status line's, as index ranges.
    row = db.query(figures.ranges_sql(("overdue", "due_soon"), list(ProblemStatus),
                                      campaign_id is not None), params)[0]
    out.totals[PROBLEM] = row["overdue"] + row["due_soon"]
    out.overdue[PROBLEM] = row["overdue"]
    for r in db.query(_MEASURES_SQL.format(campaign=scope), params):
        out.items.append(Reminder(MEASURE, r["id"], r["problem_id"], r["deadline"],
                                  r["deadline"] < iso,
                                  f"{r['number']} 措施{r['seq']}：{_short(r['content'], 30)}"
                                  f"（{_short(r['title'], 16)}）"))
    row = db.query(_MEASURES_COUNT_SQL.format(campaign=scope) if scope
                   else _MEASURES_TOTAL_SQL, params)[0]
    out.totals[MEASURE], out.overdue[MEASURE] = row["n"], row["late"]
    rows = db.complaints.awaiting_reply(today, db.settings.complaint_reply_days())
    for c in rows[:limit]:
        out.items.append(Reminder(COMPLAINT, c["id"], None, c["due_date"], bool(c["overdue"]),
                                  f"{c['channel']}：{_short(c['content'], 36)}"))
    out.totals[COMPLAINT] = len(rows)
    out.overdue[COMPLAINT] = sum(bool(c["overdue"]) for c in rows)
    horizon = (today + _dt.timedelta(days=CAMPAIGN_DAYS)).isoformat()
    campaigns = db.query("SELECT * FROM campaign"
                         + (" WHERE id = :campaign_id" if campaign_id is not None else ""),
                         params)
    dated = []
    for c in campaigns:
        for key, label in CAMPAIGN_DEADLINES:
            day = c.get(key)
            if day and iso <= day <= horizon:
                dated.append(Reminder(CAMPAIGN, c["id"], None, day, False,
                                      f"“{label}”报送截止（{_short(c['name'], 30)}）"))
    out.items.extend(dated)
    out.totals[CAMPAIGN] = len(dated)
    out.overdue[CAMPAIGN] = 0  # a deadline passed is the status line's to say
    order = {PROBLEM: 1, MEASURE: 2, COMPLAINT: 0, CAMPAIGN: 3}
    out.items.sort(key=lambda r: (not r.overdue, r.due_date, order[r.kind], r.record_id))
    return out
