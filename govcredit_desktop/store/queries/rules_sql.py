"""``core.rules``' overdue rule as SQL expressions any query can embed.

``is_rectified`` and ``is_overdue`` (core/rules.py, where the rule and its reasons are
written) in SQL over a ``problem`` row under an alias, with the date as a named
parameter; tests/store/test_rules_sql.py checks both against the Python rule on every
status × deadline × repayment case.  No NULL leaks out: each expression is 0 or 1.
"""

from govcredit_desktop.core.vocab import ProblemStatus, sql_literal

_CLOSED = sql_literal(ProblemStatus.CLOSED)
_AWAITING = sql_literal(ProblemStatus.AWAITING_CLOSURE)


def owes_money_sql(alias: str = "p") -> str:
    return f"(coalesce({alias}.amount_involved, 0) > coalesce({alias}.amount_repaid, 0))"


def rectified_sql(alias: str = "p") -> str:
    """整改完成: 已销号, or 已整改待销号 with nothing still owed (``core.rules.is_rectified``)."""
    return (f"({alias}.status = {_CLOSED} OR ({alias}.status = {_AWAITING}"
            f" AND NOT {owes_money_sql(alias)}))")


def overdue_sql(alias: str = "p", today: str = ":today") -> str:
    """逾期未完成整改 on the date ``today`` (a parameter name or an ISO literal)
    (``core.rules.is_overdue``)."""
    return (f"({alias}.deadline IS NOT NULL AND {alias}.deadline < {today}"
            f" AND NOT {rectified_sql(alias)})")
