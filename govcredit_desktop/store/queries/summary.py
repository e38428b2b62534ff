"""Totals of one campaign by area, category, source, responsible unit and status, and
its closures by month.

The reports, the county documents (county_totals.py) and the dashboard (ui/dashboard.py)
print these figures; every one of them is defined in figures.py, which builds the
grouped query here as it builds the status line's counts (queries/ledger.py) and the
coverage board's (queries/coverage.py).  One grouped query scans the campaign's problems
once; 100,000 problems take a fraction of a second (off the GUI thread in the
dashboard).  Money stays in integer fen; rates are computed with Decimal, never floats.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields

from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store.queries import figures
from govcredit_desktop.store.queries.figures import percent

ARREARS_CATEGORY = "拖欠民营和中小企业账款"
CLOSURE_RATE_NAME = "销号率"
COMPLETION_RATE_NAME = "整改完成率"

# ``{scope}`` picks the problems: one campaign's, or every department campaign a county
# campaign groups (county_totals.py); the same figures either way.
CAMPAIGN_SCOPE = "campaign_id = :campaign"
COUNTY_SCOPE = ("campaign_id IN (SELECT id FROM campaign"
                " WHERE county_campaign_id = :campaign)")
# The report's groups in one scan; 责任单位 in a scan of its own, asked for by the
# dashboard only: as a fourth key it made 13,000 groups of 1,000 at 100k and the whole
# summary twice as slow, for figures the reports do not print.
_KEYS = ("area", "category", "source")
_UNIT_KEYS = ("responsible_unit",)
# Group's figures (figures.FIGURES names; ``count`` is figures' ``total``).
_GROUP_FIGURES = ("total", "open", "in_progress", "awaiting_closure", "closed",
                  "awaiting_owing", "rectified", "overdue", "with_money", "dishonest",
                  "open_planned", "amount_involved", "amount_repaid")
_MEASURES_SQL = """
SELECT count(*) AS total, coalesce(sum(m.status = :done), 0) AS done
FROM measure m JOIN problem p ON p.id = m.problem_id WHERE p.{scope}
"""


@dataclass
class Group:
    """Totals of the problems sharing one value (an area, a category, ...); each figure
    as figures.py defines it, money in fen."""

    name: str
    count: int = 0
    open: int = 0              # 待整改
    in_progress: int = 0       # 整改中
    awaiting_closure: int = 0  # 已整改待销号, money still owed or not
    closed: int = 0            # 已销号
    awaiting_owing: int = 0    # 已整改待销号 still owing money: not rectified
    rectified: int = 0         # 整改完成 (core.rules.is_rectified)
    overdue: int = 0           # core.rules.is_overdue on the summary's date
    with_money: int = 0        # problems with an amount involved
    dishonest: int = 0         # 纳入政务失信记录
    open_planned: int = 0      # 待整改 with measures drawn up (none started yet)
    amount_involved: int = 0   # fen
    amount_repaid: int = 0     # fen

    @property
    def by_status(self) -> dict[str, int]:
        return {s: getattr(self, figures.STATUS_FIGURES[s]) for s in ProblemStatus}

    # Two rates, never one called plainly "整改率": CLOSURE_RATE_NAME counts 已销号 only,
    # COMPLETION_RATE_NAME every rectified problem; reports print the name with the figure.
    @property
    def closure_rate(self) -> str:
        """销号率: 已销号 over all problems, e.g. '72.7%'."""
        return percent(self.closed, self.count)

    @property
    def completion_rate(self) -> str:
        """整改完成率: rectified (已销号 and 已整改待销号 with nothing owed) over all."""
        return percent(self.rectified, self.count)

    @property
    def repaid_rate(self) -> str:
        return percent(self.amount_repaid, self.amount_involved)

    def add(self, row) -> None:
        """Add the figures of ``row`` (a Group, or a row of the grouped query)."""
        for f in fields(self):
            if f.name != "name":
                key = "total" if f.name == "count" and not isinstance(row, Group) else f.name
                setattr(self, f.name, getattr(self, f.name) + (
                    getattr(row, key) if isinstance(row, Group) else row[key]))


@dataclass
class CampaignSummary:
    campaign_id: int
    today: _dt.date
    total: Group
    by_area: list[Group]
    by_category: list[Group]
    by_source: list[Group]
    measures_total: int = 0
    measures_done: int = 0
    #: By 责任单位 (a problem without one is the group named ""), largest first.
    by_unit: list[Group] = field(default_factory=list)
    #: (month 'YYYY-MM', problems closed in it), oldest first; months without a 销号
    #: between the first and the last are there with 0.
    closures_by_month: list[tuple[str, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.total.count == 0

    def category(self, name: str) -> Group:
        return next((g for g in self.by_category if g.name == name), Group(name))


def _ordered(groups: dict[str, Group], order: list[str]) -> list[Group]:
    """Vocabulary order first (as the county templates list them), then anything else."""
    rank = {name: i for i, name in enumerate(order)}
    return sorted(groups.values(), key=lambda g: (rank.get(g.name, len(rank)), g.name))


def _grouped(db, keys: tuple[str, ...], scope: str, params: dict,
             total: Group | None = None) -> dict[str, dict[str, Group]]:
    groups: dict[str, dict[str, Group]] = {key: {} for key in keys}
    sql = figures.sums_sql(_GROUP_FIGURES, "problem p", scope, keys=keys)
    for r in db.query(sql, params):
        if total is not None:
            total.add(r)
        for kind, by_name in groups.items():
            name = r[kind]
            by_name.setdefault(name, Group(name)).add(r)
    return groups


def campaign_summary(db, campaign_id: int, today: _dt.date | None = None,
                     scope: str = CAMPAIGN_SCOPE, dashboard: bool = False) -> CampaignSummary:
    """Totals of a campaign as of ``today`` (overdue: core.rules.is_overdue); with
    ``scope=COUNTY_SCOPE``, ``campaign_id`` is a county campaign's.  ``dashboard``: also
    by 责任单位 (``by_unit``) and the closures by month, two more scans the reports do
    not need."""
    today = today or _dt.date.today()
    params = {"campaign": campaign_id, "today": today.isoformat()}
    total = Group("合计")
    groups = _grouped(db, _KEYS, scope, params, total)
    groups["responsible_unit"] = (_grouped(db, _UNIT_KEYS, scope, params)["responsible_unit"]
                                  if dashboard else {})
    measures = db.query(_MEASURES_SQL.format(scope=scope),
                        {"campaign": campaign_id, "done": MeasureStatus.DONE})[0]
    return CampaignSummary(
        campaign_id=campaign_id, today=today, total=total,
        by_area=_ordered(groups["area"], db.settings.vocabulary("area")),
        by_category=_ordered(groups["category"], db.settings.vocabulary("category")),
        by_source=_ordered(groups["source"], db.settings.vocabulary("source")),
        measures_total=measures["total"], measures_done=measures["done"],
        by_unit=sorted(groups["responsible_unit"].values(),
                       key=lambda g: (-g.count, g.name == "", g.name)),
        closures_by_month=_months(db.query(closures_sql(scope), params)) if dashboard else [])


def closures_sql(scope: str) -> str:
    """已销号 by the month of its 销号日期 (closed_date, ISO): the dashboard's timeline."""
    return figures.sums_sql(("total",), "problem p",
                            f"{scope} AND {figures.where('closed')}"
                            " AND p.closed_date IS NOT NULL",
                            keys=("substr(p.closed_date, 1, 7) AS month",)) + " ORDER BY month"


def _months(rows: list[dict]) -> list[tuple[str, int]]:
    """The months from the first 销号 to the last, each with its count (0 for none):
    a timeline with gaps left out would read as steady work."""
    counts = {r["month"]: r["total"] for r in rows if r["month"]}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        if key >= last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
