"""The overdue rule in SQL (store.queries.rules_sql) is core.rules' on every case."""

import datetime as dt
import itertools

from govcredit_desktop.core.rules import is_overdue, is_rectified, light_for
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries.rules_sql import overdue_sql, rectified_sql

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
