"""Every figure the ledger is counted by, defined once, and every SELECT that counts them.

A figure — 问题数, 待整改, 整改中, 已整改待销号, 已销号, 整改完成, 逾期, 临期, 涉及金额 … — is
written here once, as disjoint terms: a set of statuses, a deadline range and whether
money is still owed (core.rules' ``is_rectified`` and ``is_overdue`` spelled out status
by status), or as the column a money figure adds up.  From those terms this module
builds both forms in which the program counts:

* ``sums_sql``: one SELECT of per-row sums over any rows — a filter's, a search's, grouped
  by area, by responsible unit, by campaign.  The status line beside a filter or a search
  (queries/ledger.py ``summary``), the reports' and the dashboard's grouped totals
  (queries/summary.py), the county coverage board's per-department figures
  (queries/coverage.py) and the dashboard's closures by month all run it.
* ``ranges_sql``: the same figures as counts of index ranges, for the status line of the
  whole ledger or a status filter (shown unfiltered, beside every filter, re-read after
  each edit): problem_campaign_status per status and deadline range, and the partial
  problem_awaiting_money for the one case where money decides.  2.5 ms at 100k where
  the per-row sums take 25 ms.

Speed of the sums (rules_sql.py's docstring says why): a query that scans an index only
(``covering=True``: the status line over problem_summary or the filter's index) reads a
已整改待销号 row's amounts by a rowid subquery, reached only for those rows (a CASE
WHEN tests its conditions in order and stops at the first false one); a query that
reads the rows anyway (the summary, the board: they add up the money) compares the
amounts in place.  Money stays integer fen; rates are Decimal (``percent``).

tests/store/test_figures.py holds both forms to core.rules on every status × deadline ×
money case, and the figures of every caller to SQL written out in the test.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from govcredit_desktop.core.vocab import ProblemStatus, sql_literal

_ALL = tuple(ProblemStatus)
_OPEN = (ProblemStatus.OPEN,)
_IN_PROGRESS = (ProblemStatus.IN_PROGRESS,)
_AWAITING = (ProblemStatus.AWAITING_CLOSURE,)
_CLOSED = (ProblemStatus.CLOSED,)
# Open whatever their amounts (core.rules.is_rectified is false for them).
_WORKING = (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS)

# The deadline ranges a term may ask for, over the parameters :today and :soon (the last
# day of the warning window); a problem without a deadline is in neither.
OVERDUE, DUE_SOON = "overdue", "due_soon"
_DEADLINES = {OVERDUE: "{p}.deadline < {today}",
              DUE_SOON: "{p}.deadline >= {today} AND {p}.deadline <= {soon}"}


@dataclass(frozen=True)
class Term:
    """The rows with one of ``statuses``, within ``deadline`` (a _DEADLINES key, or any
    deadline), owing money (``owes`` True), owing none (False) or either (None), and
    meeting ``row`` (a condition on the row's own columns, ``{p}`` its alias)."""

    statuses: tuple[ProblemStatus, ...]
    deadline: str = ""
    owes: bool | None = None
    row: str = ""


@dataclass(frozen=True)
class Figure:
    """A count (the rows meeting one of ``terms``, which never overlap) or a money
    figure (the sum of ``amount``, in fen)."""

    name: str
    label: str
    terms: tuple[Term, ...] = ()
    amount: str = ""


FIGURES = {f.name: f for f in (
    Figure("total", "问题数", (Term(_ALL),)),
    Figure("open", "待整改", (Term(_OPEN),)),
    Figure("in_progress", "整改中", (Term(_IN_PROGRESS),)),
    Figure("awaiting_closure", "已整改待销号", (Term(_AWAITING),)),
    Figure("closed", "已销号", (Term(_CLOSED),)),
    # 已整改待销号 with money still owed: not rectified (core.rules.is_rectified).
    Figure("awaiting_owing", "已整改待销号仍欠款", (Term(_AWAITING, owes=True),)),
    Figure("rectified", "整改完成", (Term(_CLOSED), Term(_AWAITING, owes=False))),
    # core.rules.is_overdue: past the deadline and not rectified.
    Figure("overdue", "逾期", (Term(_WORKING, OVERDUE), Term(_AWAITING, OVERDUE, owes=True))),
    # Due within the warning window (the 黄灯) and not rectified.
    Figure("due_soon", "临期", (Term(_WORKING, DUE_SOON),
                               Term(_AWAITING, DUE_SOON, owes=True))),
    Figure("with_money", "涉及金额的问题", (Term(_ALL, row="{p}.amount_involved > 0"),)),
    Figure("dishonest", "纳入政务失信记录", (Term(_ALL, row="{p}.listed_as_dishonest = 1"),)),
    # 待整改 with measures drawn up, none started yet (the self-inspection report).
    Figure("open_planned", "已制定措施的待整改", (Term(_OPEN, row="{p}.measures_total > 0"),)),
    Figure("amount_involved", "涉及金额", amount="amount_involved"),
    Figure("amount_repaid", "已清偿金额", amount="amount_repaid"),
)}
#: The figure of each status (a dashboard slice, a chart's bar segment).
STATUS_FIGURES = {ProblemStatus.OPEN: "open", ProblemStatus.IN_PROGRESS: "in_progress",
                  ProblemStatus.AWAITING_CLOSURE: "awaiting_closure",
                  ProblemStatus.CLOSED: "closed"}


def _status_in(alias: str, statuses) -> str:
    if len(statuses) == 1:
        return f"{alias}.status = {sql_literal(statuses[0])}"
    return f"{alias}.status IN ({', '.join(sql_literal(s) for s in statuses)})"


def _owes(alias: str, covering: bool) -> str:
    """core.rules.owes_money of the row: in place, or by rowid when the scan must stay
    on an index that does not hold the amounts."""
    if not covering:
        return f"(coalesce({alias}.amount_involved, 0) > coalesce({alias}.amount_repaid, 0))"
    m = f"{alias}_money"
    return (f"(SELECT coalesce({m}.amount_involved, 0) > coalesce({m}.amount_repaid, 0)"
            f" FROM problem {m} WHERE {m}.id = {alias}.id)")


def _term_sql(term: Term, alias: str, covering: bool, today: str, soon: str) -> str:
    parts = []
    if term.statuses != _ALL:
        parts.append(_status_in(alias, term.statuses))
    if term.deadline:
        parts.append(_DEADLINES[term.deadline].format(p=alias, today=today, soon=soon))
    if term.row:
        parts.append(term.row.format(p=alias))
    if term.owes is not None:  # last: the money is read only for rows meeting the rest
        owes = _owes(alias, covering)
        parts.append(owes if term.owes else f"NOT {owes}")
    return " AND ".join(parts) or "1"


def condition(name: str, alias: str = "p", covering: bool = False, today: str = ":today",
              soon: str = ":soon") -> str:
    """Whether a row counts in a count figure, as a value (1 or 0, never NULL): what
    its sum adds up."""
    terms = [_term_sql(t, alias, covering, today, soon) for t in FIGURES[name].terms]
    if terms == ["1"]:
        return "1"
    return "(CASE " + " ".join(f"WHEN {t} THEN 1" for t in terms) + " ELSE 0 END)"


def where(name: str, alias: str = "p", covering: bool = False, today: str = ":today",
          soon: str = ":soon") -> str:
    """The rows a count figure counts, as a WHERE condition the planner can take an
    index range from (the dashboard's closures by month, the ledger's 销号 month)."""
    terms = [_term_sql(t, alias, covering, today, soon) for t in FIGURES[name].terms]
    return "(" + " OR ".join(f"({t})" for t in terms) + ")" if len(terms) > 1 else terms[0]


def figure_sql(name: str, alias: str = "p", covering: bool = False, today: str = ":today",
               soon: str = ":soon") -> str:
    """The aggregate of one figure over the selected rows (0 over none, never NULL)."""
    figure = FIGURES[name]
    if figure.amount:
        return f"coalesce(sum({alias}.{figure.amount}), 0)"
    cond = condition(name, alias, covering, today, soon)
    return "count(*)" if cond == "1" else f"coalesce(sum({cond}), 0)"


def sums_sql(names, source: str = "problem p", where: str = "1", keys=(), alias: str = "p",
             covering: bool = False, today: str = ":today", soon: str = ":soon") -> str:
    """``SELECT [keys,] <each figure> AS <its name> FROM source WHERE where [GROUP BY
    keys]``: the figures ``names`` of the rows of ``source`` (``alias`` the problem row)
    that meet ``where``, per value of ``keys`` (SQL expressions, 'expr AS name' allowed).
    ``covering``: the plan reads an index without the amounts (see the module's text)."""
    columns = [*keys, *(f"{figure_sql(n, alias, covering, today, soon)} AS {n}"
                        for n in names)]
    sql = f"SELECT {', '.join(columns)} FROM {source} WHERE {where}"
    if keys:
        sql += " GROUP BY " + ", ".join(k.split(" AS ")[0] for k in keys)
    return sql


# The partial index holding the amounts of the 已整改待销号 problems (schema v7).
_MONEY_INDEX = "problem_awaiting_money"


def ranges_sql(names, statuses, campaign: bool) -> str:
    """The count figures ``names`` of the problems with one of ``statuses`` (of one
    campaign, ``:campaign_id``, or all) as index ranges: one ``count(*)`` per term, over
    problem_campaign_status (campaign, status, deadline), or the partial
    problem_awaiting_money where the term asks whether money is owed."""
    statuses = [ProblemStatus(s) for s in statuses]
    # Every problem's campaign exists (a foreign key): the IN puts an equality on the
    # index's first column, so status and deadline are ranges of it, not filters.
    scope = "p.campaign_id = :campaign_id" if campaign else \
        "p.campaign_id IN (SELECT id FROM campaign)"

    def count(term: Term) -> str | None:
        kept = tuple(s for s in term.statuses if s in statuses)
        if not kept:
            return None
        if term.row:
            raise ValueError("a figure with a row condition is not an index range")
        if not campaign and len(kept) == len(_ALL) and not term.deadline:
            return "(SELECT count(*) FROM problem)"
        index = ""
        if term.owes is not None:
            assert kept == _AWAITING, "only the 已整改待销号 amounts are indexed"
            # The planner takes problem_campaign_status and reads every row's amounts
            # from the table (25 ms, not 1).
            index = f" INDEXED BY {_MONEY_INDEX}"
        where = _term_sql(Term(kept, term.deadline, term.owes), "p", False, ":today",
                          ":soon")
        return f"(SELECT count(*) FROM problem p{index} WHERE {scope} AND {where})"

    parts = []
    for name in names:
        figure = FIGURES[name]
        if figure.amount:
            raise ValueError(f"{name} is a sum of money, not a count of index ranges")
        counts = [c for c in map(count, figure.terms) if c]
        parts.append(f"{' + '.join(counts) or '0'} AS {name}")
    return "SELECT " + ", ".join(parts)


def percent(part: int, whole: int, digits: int = 1) -> str:
    """'72.7%' with half-up rounding; '0.0%' when there is nothing to divide by."""
    if not whole:
        return f"{Decimal(0):.{digits}f}%"
    q = Decimal(1).scaleb(-digits)
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(q, rounding=ROUND_HALF_UP)
    return f"{value}%"
