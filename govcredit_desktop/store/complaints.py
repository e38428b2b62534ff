"""Complaints (投诉登记, schema v8): what came in through 12345, a letter or a visit,
how it was answered, and the problem it became.

A complaint awaits a reply while it has no reply date; it is due ``complaint_reply_days``
(a setting, db.settings) calendar days after it was received.  Turning one into a problem
(``convert``) adds the problem and the link in one transaction; deleting a complaint
keeps its problem, deleting a problem unlinks its complaints (each an audited edit).
"""

from __future__ import annotations  # the class has a method named list

import datetime as _dt

from govcredit_desktop.core import validation
from govcredit_desktop.core.dates import parse_date
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.vocab import SOURCES
from govcredit_desktop.store.problems import cleaned
from govcredit_desktop.store.records import RecordStore

COMPLAINT_DATES = ("received_date", "reply_date")
COMPLAINT_EDITABLE = ("channel", "received_date", "complainant", "contact", "content",
                      "handling_unit", "reply", "reply_date", "result")

_LIST = ("SELECT c.*, p.number AS problem_number, p.title AS problem_title FROM complaint c"
         " LEFT JOIN problem p ON p.id = c.problem_id")


def due_date(received: str | _dt.date, window_days: int) -> _dt.date:
    return parse_date(received) + _dt.timedelta(days=window_days)


def problem_source(channel: str) -> str:
    """The problem's 问题来源 for a complaint's channel: the seed list names the four
    complaint channels (投诉举报(12345热线) …); the others are 投诉举报 of their own."""
    for source in SOURCES:
        if source == f"投诉举报({channel})":
            return source
    return f"投诉举报({channel})" if channel else "投诉举报(12345热线)"


class ComplaintStore(RecordStore):
    table = "complaint"
    noun = "投诉"

    def list(self, channel: str | None = None, replied: bool | None = None) -> list[dict]:
        """Newest first; ``replied`` True/False keeps only the answered/unanswered."""
        where, params = [], []
        if channel:
            where.append("c.channel = ?")
            params.append(channel)
        if replied is not None:
            where.append("c.reply_date IS NOT NULL" if replied else "c.reply_date IS NULL")
        sql = _LIST + (" WHERE " + " AND ".join(where) if where else "")
        return self.db.query(sql + " ORDER BY c.received_date DESC, c.id DESC", params)

    def channels(self) -> list[str]:
        """The channels in use, for the list's filter (seed words come from core.vocab)."""
        return self.db.column("SELECT DISTINCT channel FROM complaint ORDER BY channel")

    def of_problem(self, problem_id: int) -> list[dict]:
        return self.db.query(_LIST + " WHERE c.problem_id = ? ORDER BY c.received_date, c.id",
                             (problem_id,))

    def awaiting_reply(self, today: _dt.date, window_days: int) -> list[dict]:
        """Complaints without a reply date, oldest first: id, received_date, channel,
        content, due_date (ISO), overdue (past its due date on ``today``)."""
        rows = self.db.query("SELECT id, received_date, channel, content FROM complaint"
                             " WHERE reply_date IS NULL ORDER BY received_date, id")
        for row in rows:
            due = due_date(row["received_date"], window_days)
            row["due_date"] = due.isoformat()
            row["overdue"] = today > due
        return rows

    def add(self, values: dict) -> int:
        rec = cleaned(values, COMPLAINT_DATES)
        rec.pop("problem_id", None)  # a link is made by convert / link, never typed
        return self._insert(rec, validation.validate_complaint)

    def update(self, complaint_id: int, changes: dict) -> dict:
        unknown = set(changes) - set(COMPLAINT_EDITABLE)
        if unknown:
            raise UserError(f"这些字段不能直接修改：{'、'.join(sorted(unknown))}")
        return self._update(complaint_id, cleaned(changes, COMPLAINT_DATES),
                            validation.validate_complaint)

    def delete(self, complaint_id: int) -> dict:
        """The complaint only: a problem it became stays in the ledger (the ui asks first)."""
        return self._delete(complaint_id)

    # --- the link to a problem ----------------------------------------------------
    def problem_values(self, complaint_id: int, campaign_id: int) -> dict:
        """What a new problem takes from the complaint (the editor shows it prefilled)."""
        c = self.get(complaint_id)
        first_line = (c["content"].split("\n", 1)[0]).strip()
        title = first_line if len(first_line) <= 60 else first_line[:60] + "…"
        return {"campaign_id": campaign_id, "title": title, "description": c["content"],
                "source": problem_source(c["channel"]), "discovered_date": c["received_date"],
                "responsible_unit": c["handling_unit"]}

    def convert(self, complaint_id: int, problem: dict) -> int:
        """Add ``problem`` and link the complaint to it, together; the problem's id."""
        with self.db.transaction():
            complaint = self.get(complaint_id)
            if complaint["problem_id"] is not None:
                number = self.db.scalar("SELECT number FROM problem WHERE id = ?",
                                        (complaint["problem_id"],))
                raise UserError(f"该投诉已转为问题{number}，不能重复转为问题")
            problem_id = self.db.problems.add(problem)
            self._update(complaint_id, {"problem_id": problem_id})
        return problem_id

    def link(self, complaint_id: int, problem_id: int | None) -> dict:
        """Link to an existing problem (or unlink with None)."""
        with self.db.transaction():
            if problem_id is not None:
                self.db.problems.get(problem_id)
            return self._update(complaint_id, {"problem_id": problem_id})

    def unlink_problem(self, problem_id: int) -> None:
        """Before a problem is deleted: its complaints stay, without the link."""
        for complaint_id in self.db.column("SELECT id FROM complaint WHERE problem_id = ?",
                                           (problem_id,)):
            self._update(complaint_id, {"problem_id": None})
