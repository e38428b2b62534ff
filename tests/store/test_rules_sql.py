"""The overdue rule in SQL (store.queries.rules_sql) is core.rules' on every case."""

import datetime as dt
import itertools
import sqlite3

from govcredit_desktop.core.rules import is_overdue, is_rectified, light_for
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries.rules_sql import overdue_sql, rectified_sql
from tests.conftest import base_problem

TODAY = dt.date(2021, 12, 1)
DEADLINES = (None, "2021-11-30", "2021-12-01", "2021-12-05", "2021-12-20")
# (involved, repaid) in fen: none, nothing involved, unpaid, part paid, all paid
MONEY = ((None, None), (0, 0), (100_00, None), (100_00, 0), (100_00, 40_00),
         (100_00, 100_00))
CASES = list(itertools.product(tuple(ProblemStatus), DEADLINES, MONEY))


def test_sql_rule_equals_python_rule_on_every_case(db):
    values = ", ".join("(?, ?, ?, ?, ?)" for _ in CASES)
    params = [x for i, (status, deadline, (inv, rep)) in enumerate(CASES)
              for x in (i + 1, status, deadline, inv, rep)]
    today, soon = f"'{TODAY.isoformat()}'", f"'{TODAY + dt.timedelta(days=7)}'"
    light = lq.LIGHT_SQL.replace(":today", today).replace(":soon", soon)
    sql = (f"WITH cases(id, status, deadline, amount_involved, amount_repaid)"
           f" AS (VALUES {values})"
           f" SELECT {overdue_sql('p', today, 'cases')} AS overdue,"
           f" {rectified_sql('p', 'cases')} AS rectified,"
           f" {light.replace('FROM problem ', 'FROM cases ')} AS light"
           " FROM cases p ORDER BY p.id")
    rows = db.query(sql, params)
    assert len(rows) == len(CASES) == 4 * 5 * 6
    for (status, deadline, (inv, rep)), row in zip(CASES, rows, strict=True):
        case = (status, deadline, inv, rep)
        assert row["overdue"] == is_overdue(status, deadline, inv, rep, TODAY), case
        assert row["rectified"] == is_rectified(status, inv, rep), case
        assert row["light"] == light_for(deadline, status == ProblemStatus.CLOSED, TODAY,
                                         rectified=is_rectified(status, inv, rep)).value, case


def test_the_decision_on_awaiting_closure():
    """已整改待销号 past its deadline: not overdue when nothing is owed, overdue while
    money is (core/rules.py, **Overdue**); 已销号 never; no deadline never."""
    awaiting, late = ProblemStatus.AWAITING_CLOSURE, "2021-11-30"
    assert not is_overdue(awaiting, late, 100_00, 100_00, TODAY)
    assert not is_overdue(awaiting, late, None, None, TODAY)
    assert is_overdue(awaiting, late, 100_00, 99_99, TODAY)
    assert is_overdue(ProblemStatus.IN_PROGRESS, late, None, None, TODAY)
    assert is_overdue(ProblemStatus.OPEN, late, 100_00, 100_00, TODAY)
    assert not is_overdue(ProblemStatus.CLOSED, late, 100_00, 0, TODAY)
    assert not is_overdue(ProblemStatus.OPEN, None, None, None, TODAY)
    assert not is_overdue(ProblemStatus.OPEN, "2021-12-01", None, None, TODAY)  # due today


def test_status_line_counts_follow_the_rule_on_every_case(db, campaign):
    """``summary`` of a campaign or status filter counts index ranges (ledger.py
    ``_range_summary``), a search its rows' sum: both are core.rules' figures."""
    other = db.settings.add_campaign({"name": "另一专项", "start_date": "2021-10-01"})
    # (campaign, status, deadline, money): every case in the first, a few in another
    rows = [(campaign, *c) for c in CASES] + [(other, *c) for c in CASES[::7]]
    closed = []
    for cid, status, deadline, (inv, rep) in rows:
        pid = db.problems.add(base_problem(
            cid, status=ProblemStatus.AWAITING_CLOSURE if status == ProblemStatus.CLOSED
            else status, deadline=deadline, amount_involved=inv, amount_repaid=rep))
        if status == ProblemStatus.CLOSED:
            closed.append(pid)
    # 已销号 with any amounts (销号 itself wants measures and repayment): written as
    # tests/store/test_replay.py's raw edits are, behind the store's back.
    conn = sqlite3.connect(db.path)
    try:
        conn.executemany("UPDATE problem SET status = '已销号' WHERE id = ?",
                         [(pid,) for pid in closed])
        conn.commit()
    finally:
        conn.close()
    soon = TODAY + dt.timedelta(days=7)
    for status, campaign_id in itertools.product(
            (None, lq.NOT_CLOSED, *ProblemStatus), (None, campaign, other)):
        chosen = [c for cid, *c in rows if campaign_id in (None, cid) and (
            status is None or (status == lq.NOT_CLOSED and c[0] != ProblemStatus.CLOSED)
            or c[0] == status)]
        expected = lq.Summary(
            total=len(chosen),
            overdue=sum(is_overdue(s, d, i, r, TODAY) for s, d, (i, r) in chosen),
            due_soon=sum(d is not None and TODAY.isoformat() <= d <= soon.isoformat()
                         and not is_rectified(s, i, r) for s, d, (i, r) in chosen),
            closed=sum(s == ProblemStatus.CLOSED for s, _d, _m in chosen))
        f = lq.LedgerFilter(campaign_id=campaign_id, status=status, today=TODAY)
        assert lq.summary(db, f) == expected, (status, campaign_id)
        # the per-row sum of a filter the ranges do not serve gives the same figures
        assert lq.summary(db, f.with_(search="拖欠")) == expected, (status, campaign_id)
