"""Undo of field edits (Ctrl+Z), as Excel users expect.

Each edit is already committed; undo is one more committed edit that writes
the old values back, so it is audited like any other. An edit names its record
store (``db.problems``, ``db.complaints``, ``db.dishonesty_records`` …) so the main window can undo
it after the editor that made it has closed, and the problem it belongs to, so
the window can say which problem undo would change and refuse where it cannot
(a closed problem).
"""

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import NotFoundError, UserError

# The record kind each store's edits touch, announced after an undo.
STORE_KINDS = {"problems": RecordKind.PROBLEM, "measures": RecordKind.MEASURE,
               "progress": RecordKind.PROGRESS, "complaints": RecordKind.COMPLAINT,
               "dishonesty_records": RecordKind.DISHONESTY, "sanctions": RecordKind.DISHONESTY,
               "repairs": RecordKind.DISHONESTY}
# The stores of a problem's 失信记录 tab: written on a closed problem too.
DISHONESTY_STORES = ("dishonesty_records", "sanctions", "repairs")
# Where an edit is written back when it is not ``db.<store>.update``.
_WRITERS = {"sanctions": ("dishonesty_records", "update_sanction"),
            "repairs": ("dishonesty_records", "update_repair")}
# What an edit was, so undo knows what to write: field values back (update), the
# record away again (added), or a record like the one removed (deleted; progress
# entries, which are only ever added and deleted).
UPDATE, ADDED, DELETED = "update", "added", "deleted"


@dataclass
class Edit:
    record_id: int
    old: dict
    new: dict
    label: str
    store: str
    problem_id: int | None  # None: a record of no problem (a complaint)
    action: str = UPDATE

    def changes(self) -> Changes:
        """What undoing this edit writes: the record, and its problem (status, lights)."""
        record = Changes.of(STORE_KINDS[self.store], self.record_id)
        return record if self.problem_id is None else record | Changes.of(
            RecordKind.PROBLEM, self.problem_id)


class EditHistory(QObject):
    changed = Signal()

    def __init__(self, limit: int = 100, parent: QObject | None = None):
        super().__init__(parent)
        self._edits: list[Edit] = []
        self._limit = limit

    def record(self, record_id: int, old: dict, new: dict, label: str = "",
               store: str = "problems", problem_id: int | None = None) -> None:
        """Call with what the store's ``update`` returned (the old values);
        ``problem_id`` is the problem a measure belongs to."""
        if not old:
            return
        self._edits.append(Edit(record_id, dict(old), {k: new[k] for k in old if k in new},
                                label, store,
                                record_id if problem_id is None else problem_id))
        del self._edits[:-self._limit]
        self.changed.emit()

    def record_update(self, store: str, record_id: int, old: dict, new: dict, label: str,
                      problem_id: int | None) -> None:
        """An update of a complaint (``problem_id`` None) or of a problem's dishonesty
        record, sanction or repair: ``old`` is what the store's update returned."""
        if old:
            self._push(Edit(record_id, dict(old), {k: new[k] for k in old if k in new},
                            label, store, problem_id))

    def record_added(self, store: str, record_id: int, label: str, problem_id: int) -> None:
        """A record was added (a progress entry): undo deletes it."""
        self._push(Edit(record_id, {}, {}, label, store, problem_id, ADDED))

    def record_deleted(self, store: str, values: dict, label: str, problem_id: int) -> None:
        """A record was deleted: undo adds one with the same ``values`` (a new id)."""
        self._push(Edit(0, dict(values), {}, label, store, problem_id, DELETED))

    def _push(self, edit: Edit) -> None:
        self._edits.append(edit)
        del self._edits[:-self._limit]
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._edits)

    def last_record(self) -> tuple[str, int] | None:
        """(store, record id) of the edit that undo would take back."""
        return (self._edits[-1].store, self._edits[-1].record_id) if self._edits else None

    def last_label(self) -> str:
        return self._edits[-1].label if self._edits else ""

    def last_edit(self) -> Edit | None:
        return self._edits[-1] if self._edits else None

    def undo(self, db) -> Edit | None:
        """Write the last edit's old values back; returns that edit, or None."""
        if not self._edits:
            return None
        edit = self._edits.pop()
        store = getattr(db, _WRITERS.get(edit.store, (edit.store,))[0])
        try:
            if edit.action == ADDED:
                store.delete(edit.record_id)
            elif edit.action == DELETED:
                edit.record_id = store.add(edit.problem_id, edit.old)
            else:
                attr, method = _WRITERS.get(edit.store, (edit.store, "update"))
                getattr(getattr(db, attr), method)(edit.record_id, edit.old)
        except NotFoundError:
            # Deleted since: its id is never given to another record, so there
            # is nothing to write back to; the edit goes, the next one can follow.
            self.changed.emit()
            raise UserError(f"“{edit.label or '这次修改'}”所改的记录已被删除，无法撤销") from None
        except Exception:
            self._edits.append(edit)
            raise
        self.changed.emit()
        return edit
