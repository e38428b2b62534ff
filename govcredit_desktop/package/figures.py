"""The counts and money totals of a ``data/ledger.json`` document, as the manifest
states them (docs/package-format.md): the builder can state them and the verifier
recomputes them with this one function, so that the two cannot drift apart.
"""

from __future__ import annotations

from govcredit_desktop.core.vocab import ProblemStatus


class LedgerShapeError(ValueError):
    """The document is not shaped as a ledger; ``str()`` is the Chinese reason."""


def _list(owner: dict, key: str, where: str) -> list:
    value = owner.get(key)
    if not isinstance(value, list):
        raise LedgerShapeError(f"{where}的 {key} 不是列表")
    return value


def _fen(problem: dict, key: str, where: str) -> int:
    value = problem.get(key)
    if value is None:
        return 0
    # bool is an int in Python and not money.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LedgerShapeError(f"{where}的 {key} 不是以分为单位的非负整数")
    return value


def ledger_figures(ledger: dict, on: str) -> tuple[dict[str, int], dict[str, int]]:
    """(counts, totals) of the ledger; ``on`` is the ISO date overdue is judged at (the
    date part of the manifest's ``created_at``).  A problem is overdue when it is not
    closed and its deadline is before ``on``; a missing amount counts as 0 fen."""
    if not isinstance(ledger, dict):
        raise LedgerShapeError("台账数据不是 JSON 对象")
    problems = _list(ledger, "problems", "台账数据")
    counts = {"problems": len(problems), "measures": 0, "progress": 0, "evidence": 0,
              "persons": len(_list(ledger, "persons", "台账数据")), "closed": 0, "overdue": 0}
    totals = {"amount_involved_fen": 0, "amount_repaid_fen": 0}
    for i, problem in enumerate(problems, 1):
        where = f"第 {i} 个问题"
        if not isinstance(problem, dict):
            raise LedgerShapeError(f"{where}不是 JSON 对象")
        for key in ("measures", "progress", "evidence"):
            counts[key] += len(_list(problem, key, where))
        status, deadline = problem.get("status"), problem.get("deadline")
        if not isinstance(status, str) or not (deadline is None or isinstance(deadline, str)):
            raise LedgerShapeError(f"{where}的状态或整改时限格式不对")
        if status == ProblemStatus.CLOSED:
            counts["closed"] += 1
        elif deadline is not None and deadline < on:
            counts["overdue"] += 1
        for key in totals:
            totals[key] += _fen(problem, key, where)
    return counts, totals
