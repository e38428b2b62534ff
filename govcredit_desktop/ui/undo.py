"""Undo of problem field edits (Ctrl+Z), as Excel users expect.

Each edit is already committed; undo is one more committed edit that writes
the old values back, so it is audited like any other.
"""

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass
class Edit:
    problem_id: int
    old: dict
    new: dict
    label: str


class EditHistory(QObject):
    changed = Signal()

    def __init__(self, limit: int = 100, parent: QObject | None = None):
        super().__init__(parent)
        self._edits: list[Edit] = []
        self._limit = limit

    def record(self, problem_id: int, old: dict, new: dict, label: str = "") -> None:
        """Call with what ``Store.update_problem`` returned (the old values)."""
        if not old:
            return
        self._edits.append(Edit(problem_id, dict(old), {k: new[k] for k in old if k in new},
                                label))
        del self._edits[:-self._limit]
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._edits)

    def last_problem_id(self) -> int | None:
        return self._edits[-1].problem_id if self._edits else None

    def last_label(self) -> str:
        return self._edits[-1].label if self._edits else ""

    def undo(self, db) -> int | None:
        """Write the last edit's old values back; returns the problem id, or None."""
        if not self._edits:
            return None
        edit = self._edits.pop()
        try:
            db.problems.update(edit.problem_id, edit.old)
        except Exception:
            self._edits.append(edit)
            raise
        self.changed.emit()
        return edit.problem_id
