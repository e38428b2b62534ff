"""``core.rules``' overdue rule as SQL expressions any query can embed.

``is_rectified`` and ``is_overdue`` (core/rules.py, where the rule and its reasons are
written) in SQL over a ``problem`` row under an alias, with the date as a named
parameter or a literal; tests/store/test_rules_sql.py checks them against the Python
rule on every status × deadline × repayment case.  Each expression is 0 or 1, never NULL.

Speed: the ledger's counts and light filters at 100,000 problems are scans of the
covering index (campaign_id, deadline, status) — 1.5 ms for the overdue count.  Naming
``amount_involved`` in the expression would make every row a table lookup (32 ms).  So
the amounts are read by a rowid subquery, inside a CASE that only reaches it for a
已整改待销号 row: the scan stays on the index and looks up only those rows (8–10 ms).
"""

from govcredit_desktop.core.vocab import ProblemStatus, sql_literal

_CLOSED = sql_literal(ProblemStatus.CLOSED)
_AWAITING = sql_literal(ProblemStatus.AWAITING_CLOSURE)


def owes_money_sql(alias: str = "p") -> str:
    """Money involved and not all repaid (``core.rules.owes_money``), from the row itself:
    for queries that read the whole row anyway."""
    return f"(coalesce({alias}.amount_involved, 0) > coalesce({alias}.amount_repaid, 0))"


def _owes_by_id(alias: str, table: str) -> str:
    q = f"{alias}_money"
    return (f"(SELECT coalesce({q}.amount_involved, 0) > coalesce({q}.amount_repaid, 0)"
            f" FROM {table} {q} WHERE {q}.id = {alias}.id)")


def rectified_sql(alias: str = "p", table: str = "problem") -> str:
    """整改完成: 已销号, or 已整改待销号 with nothing still owed (``core.rules.is_rectified``).

    ``table`` is the table ``alias`` is a row of (the amounts are read from it by id)."""
    return (f"(CASE WHEN {alias}.status = {_CLOSED} THEN 1"
            f" WHEN {alias}.status = {_AWAITING} THEN NOT {_owes_by_id(alias, table)}"
            " ELSE 0 END)")


def not_rectified_sql(alias: str = "p", table: str = "problem") -> str:
    """NOT ``rectified_sql``.  A CASE, not AND/OR: SQLite evaluates both sides of an AND
    outside a WHERE (in ``sum(…)``), and only a CASE keeps the amounts unread."""
    return (f"(CASE WHEN {alias}.status = {_CLOSED} THEN 0 WHEN {alias}.status != {_AWAITING}"
            f" THEN 1 ELSE {_owes_by_id(alias, table)} END)")


def guarded(condition: str, then: str) -> str:
    """``condition AND then``, cheap in a WHERE (the condition can use an index, SQLite
    stops at it) and in a sum() (``then`` is only evaluated where the condition holds)."""
    return f"({condition} AND CASE WHEN {condition} THEN {then} ELSE 0 END)"


def overdue_sql(alias: str = "p", today: str = ":today", table: str = "problem") -> str:
    """逾期未完成整改 on the date ``today`` (a parameter name or an ISO literal):
    ``core.rules.is_overdue``."""
    # Without a deadline the comparison is NULL and NULL AND 0 is 0: the CASE says 0 for
    # it, so the whole is 0, never NULL.  (An "IS NOT NULL" term would make the planner
    # take the deadline range for selective and sort it, 28 ms for the first page.)
    due = f"{alias}.deadline < {today}"
    return (f"({due} AND CASE WHEN {alias}.deadline IS NOT NULL AND {due}"
            f" THEN {not_rectified_sql(alias, table)} ELSE 0 END)")
