"""The coverage board (报送情况): every registered department against one county campaign.

    for row in board(db).rows: row.department, row.state, row.problems, row.rate ...

Definitions (docs/county-mode.md, "Coverage"):

* a department's **latest package** is its newest accepted ``received_package`` of a
  department campaign linked to the county campaign;
* **on time** when that package's ``created_at`` is no later than the end of the county
  campaign's deadline day on this machine's clock, **late** otherwise, **missing** when
  there is none (no deadline set: every package counts as on time);
* the figures come from the merged records of the department's campaign(s) under the
  county campaign, each as figures.py defines it (core.rules' rectified and overdue).

Every figure of every department comes from one grouped query (a CTE for the problems,
one for the packages, joined to the departments): 100 departments × 1,000 problems take
tens of milliseconds (bench/coverage_bench.py).  Money stays integer fen.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from govcredit_desktop.core.dates import local_moment
from govcredit_desktop.store.queries import figures
from govcredit_desktop.store.queries.figures import percent

MISSING, LATE, ON_TIME = "missing", "late", "on_time"
STATES = (MISSING, LATE, ON_TIME)
# What the board, the command line and the documents call each state.
STATE_TEXT = {MISSING: "未报送", LATE: "逾期报送", ON_TIME: "按时报送"}
ACCEPTED, REFUSED = "accepted", "refused"

# Each department's figures are figures.py's, summed per department campaign first: the
# problems are then read in the order of problem_campaign_seq, campaign by campaign,
# with no sort of 100,000 rows by department (measured: ~15% of the board).  Overdue is
# counted to :on_date.  The same figures as the department's status bar and reports.
BOARD_FIGURES = ("total", "closed", "awaiting_closure", "rectified", "overdue",
                 "amount_involved", "amount_repaid")
_BOARD_SQL = """
WITH linked AS (
    SELECT id, department_id FROM campaign WHERE county_campaign_id = :county_campaign
),
figures AS (
    SELECT l.department_id AS department_id, {department_sums}
    FROM linked l JOIN ({per_campaign}) g ON g.campaign_id = l.id
    GROUP BY l.department_id
),
packages AS (
    -- A refused package names its department only by the USCC it claimed, and may have
    -- been refused before it was linked to a campaign: it belongs to this county campaign
    -- by the campaign name it claimed.
    SELECT coalesce(r.department_id, c.id) AS department_id, count(*) AS packages,
           sum(r.status = :refused) AS refused,
           group_concat(CASE WHEN r.status = :accepted AND r.campaign_id IN
                                  (SELECT id FROM linked)
                             THEN r.package_created_at END, ' ') AS accepted_at
    FROM received_package r
    LEFT JOIN county_department c ON r.department_id IS NULL AND c.uscc = r.claimed_uscc
    WHERE r.campaign_id IN (SELECT id FROM linked) OR r.campaign_name = :name
    GROUP BY 1
)
SELECT d.id, d.name, d.uscc, k.packages, k.refused, k.accepted_at,
       {department_figures}
FROM county_department d
LEFT JOIN packages k ON k.department_id = d.id
LEFT JOIN figures f ON f.department_id = d.id
"""


def _board_sql() -> str:
    per_campaign = figures.sums_sql(BOARD_FIGURES, "problem p",
                                    "p.campaign_id IN (SELECT id FROM linked)",
                                    keys=("p.campaign_id",), today=":on_date")
    return _BOARD_SQL.format(
        per_campaign=per_campaign,
        department_sums=", ".join(f"sum(g.{n}) AS {n}" for n in BOARD_FIGURES),
        department_figures=", ".join(f"f.{n}" for n in BOARD_FIGURES))


# Without any county campaign nothing can be on the board but the departments and what
# they sent (every package was refused, or none came).
_NO_CAMPAIGN_SQL = """
SELECT d.id, d.name, d.uscc, count(r.id) AS packages,
       coalesce(sum(r.status = :refused), 0) AS refused
FROM county_department d LEFT JOIN received_package r
    ON r.department_id = d.id OR (r.department_id IS NULL AND r.claimed_uscc = d.uscc)
GROUP BY d.id
"""


_FIGURES = ("packages", "refused", "problems", "closed", "awaiting", "rectified", "overdue",
            "involved_fen", "repaid_fen")


class _Rates:
    """The rates of anything with the board's figures (a row, the totals)."""

    closed: int
    awaiting: int
    rectified: int
    problems: int
    involved_fen: int
    repaid_fen: int

    @property
    def awaiting_closure(self) -> int:
        """已整改待销号, money still owed or not."""
        return self.awaiting

    @property
    def rate(self) -> str:
        """销号率: closed over all problems, '72.7%' ('0.0%' with no problems)."""
        return percent(self.closed, self.problems)

    @property
    def rectified_rate(self) -> str:
        """整改完成率 (core.rules.is_rectified: 已销号, and 已整改待销号 with nothing
        owed) over all problems."""
        return percent(self.rectified, self.problems)

    @property
    def repaid_rate(self) -> str:
        """已偿还 over 涉及金额."""
        return percent(self.repaid_fen, self.involved_fen)


@dataclass
class CoverageRow(_Rates):
    """One registered department on the board; money in fen."""

    department_id: int
    department: str
    uscc: str
    state: str = MISSING  # MISSING | LATE | ON_TIME
    latest_at: str | None = None  # the latest accepted package's created_at (ISO)
    packages: int = 0  # received from it for this campaign, any status
    refused: int = 0
    problems: int = 0
    closed: int = 0  # 已销号
    awaiting: int = 0  # 已整改待销号
    rectified: int = 0  # 整改完成 (core.rules.is_rectified)
    overdue: int = 0
    involved_fen: int = 0
    repaid_fen: int = 0

    @property
    def state_text(self) -> str:
        """未报送 / 逾期报送 / 按时报送."""
        return STATE_TEXT[self.state]

    @property
    def submitted(self) -> bool:
        return self.state != MISSING


@dataclass
class Totals(_Rates):
    """The board's 合计: the figures summed, and how many departments are in each state."""

    departments: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    packages: int = 0
    refused: int = 0
    problems: int = 0
    closed: int = 0
    awaiting: int = 0
    rectified: int = 0
    overdue: int = 0
    involved_fen: int = 0
    repaid_fen: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late


@dataclass
class Board:
    campaign: dict | None  # the county_campaign row; None when there is none yet
    deadline: _dt.date | None
    on_date: _dt.date  # the day overdue is counted to
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def missing(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.state == MISSING]

    @property
    def late(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.state == LATE]

    @property
    def on_time(self) -> list[CoverageRow]:
        return [r for r in self.rows if r.state == ON_TIME]

    @property
    def totals(self) -> Totals:
        t = Totals(departments=len(self.rows))
        for r in self.rows:
            for name in _FIGURES:
                setattr(t, name, getattr(t, name) + getattr(r, name))
            setattr(t, r.state, getattr(t, r.state) + 1)
        return t


def campaigns(db) -> list[dict]:
    """The county campaigns (county_campaign rows), newest first."""
    return db.query("SELECT * FROM county_campaign ORDER BY created_at DESC, id DESC")


def campaign_by_name(db, name: str) -> dict | None:
    """The county campaign of that name (as the store cleans names), or None."""
    from govcredit_desktop.core.limits import clean_text

    rows = db.query("SELECT * FROM county_campaign WHERE name = ?", (clean_text(name or ""),))
    return rows[0] if rows else None


def deadline_end(deadline: _dt.date) -> _dt.datetime:
    """The first moment after the deadline day on this machine's clock: a package made
    at 23:59 on the deadline day is on time, one made at 00:00 the next day is late."""
    return _dt.datetime.combine(deadline + _dt.timedelta(days=1), _dt.time()).astimezone()


def state_of(created_at: str | None, deadline: _dt.date | None) -> str:
    """missing / late / on_time of a department whose latest accepted package was made at
    ``created_at`` (ISO with offset; None when it has none)."""
    if created_at is None:
        return MISSING
    if deadline is None:
        return ON_TIME
    moment = local_moment(created_at)
    if moment is None:  # unreadable: the verifier refuses such packages; never "on time"
        return LATE
    return ON_TIME if moment < deadline_end(deadline) else LATE


def _latest(stamps: str | None) -> str | None:
    """The latest of the space-separated created_at stamps, by the moment they name
    (packages carry the department's offset, so the text does not sort by time)."""
    if not stamps:
        return None
    values = stamps.split(" ")
    return max(values, key=lambda s: (local_moment(s) or _dt.datetime.min.replace(
        tzinfo=_dt.UTC), s))


_ORDER = {MISSING: 0, LATE: 1, ON_TIME: 2}


def board(db, county_campaign_id: int | None = None,
          on_date: _dt.date | None = None) -> Board:
    """Every registered department against the county campaign (the newest one by
    default), overdue counted to ``on_date`` (today by default).  With no county campaign
    at all every department is missing.  Rows: missing first, then late, then on time,
    by name within each."""
    on_date = on_date or _dt.date.today()
    if county_campaign_id is None:
        found = campaigns(db)
        campaign = found[0] if found else None
    else:
        rows = db.query("SELECT * FROM county_campaign WHERE id = ?", (county_campaign_id,))
        if not rows:
            from govcredit_desktop.core.errors import NotFoundError

            raise NotFoundError(f"找不到该专项治理（#{county_campaign_id}），它可能已被删除")
        campaign = rows[0]
    out: list[CoverageRow] = []
    if campaign is None:
        for r in db.query(_NO_CAMPAIGN_SQL, {"refused": REFUSED}):
            out.append(CoverageRow(department_id=r["id"], department=r["name"],
                                   uscc=r["uscc"], packages=r["packages"],
                                   refused=r["refused"]))
        deadline = None
    else:
        deadline = _dt.date.fromisoformat(campaign["deadline"]) if campaign["deadline"] \
            else None
        params = {"county_campaign": campaign["id"], "name": campaign["name"],
                  "on_date": on_date.isoformat(), "accepted": ACCEPTED, "refused": REFUSED}
        for r in db.query(_board_sql(), params):
            latest = _latest(r["accepted_at"])
            out.append(CoverageRow(
                department_id=r["id"], department=r["name"], uscc=r["uscc"],
                state=state_of(latest, deadline), latest_at=latest,
                packages=r["packages"] or 0, refused=r["refused"] or 0,
                problems=r["total"] or 0, closed=r["closed"] or 0,
                awaiting=r["awaiting_closure"] or 0,
                rectified=r["rectified"] or 0, overdue=r["overdue"] or 0,
                involved_fen=r["amount_involved"] or 0, repaid_fen=r["amount_repaid"] or 0))
    out.sort(key=lambda r: (_ORDER[r.state], r.department, r.uscc))
    return Board(campaign, deadline, on_date, out)


def ranked(rows: list[CoverageRow]) -> list[tuple[int, CoverageRow]]:
    """The departments that submitted problems, by 销号率 (exact, not the rounded text)
    from high to low, then by name; equal rates share a place (1, 1, 3)."""
    from fractions import Fraction

    rated = sorted((r for r in rows if r.submitted and r.problems),
                   key=lambda r: (-Fraction(r.closed, r.problems), r.department))
    out: list[tuple[int, CoverageRow]] = []
    for i, r in enumerate(rated):
        same = out and Fraction(out[-1][1].closed, out[-1][1].problems) == Fraction(
            r.closed, r.problems)
        out.append((out[-1][0] if same else i + 1, r))
    return out
