"""Dialogs for one rectification measure and one progress entry of a problem.

Each dialog writes through the store when OK is pressed and stays open with
the messages next to the fields if the store refuses, so nothing half-valid
is saved and nothing typed is lost.
"""

from PySide6.QtWidgets import QDialog, QWidget

from govcredit_desktop.core.dates import today
from govcredit_desktop.core.vocab import MeasureStatus
from govcredit_desktop.ui.forms.ui_measure_dialog import Ui_MeasureDialog
from govcredit_desktop.ui.forms.ui_progress_dialog import Ui_ProgressDialog
from govcredit_desktop.ui.record_form import read_values
from govcredit_desktop.ui.store_dialog import StoreDialog
from govcredit_desktop.ui.widgets import FieldErrors, fill_person_combo


def _caption(problem: dict | None) -> str:
    return f"问题 {problem['number']}：{problem['title']}" if problem else ""


class MeasureDialog(StoreDialog):
    def __init__(self, parent: QWidget | None, db, problem_id: int,
                 measure_id: int | None = None, history=None):
        super().__init__(parent)
        self.db = db
        self.history = history
        self.problem_id = problem_id
        self.measure_id = measure_id
        self.form = f = Ui_MeasureDialog()
        f.setupUi(self)
        f.problemLabel.setText(_caption(db.problems.get(problem_id)))
        f.statusCombo.addItems(list(tuple(MeasureStatus)))
        current = db.measures.get(measure_id) if measure_id else {}
        self.setWindowTitle("编辑整改措施" if measure_id else "新增整改措施")
        f.contentEdit.setPlainText(current.get("content", ""))
        fill_person_combo(f.ownerCombo, db.people.list(), current.get("owner_id"))
        f.deadlineEdit.set_iso(current.get("deadline"))
        f.statusCombo.setCurrentText(current.get("status") or MeasureStatus.NOT_STARTED)
        f.completedDateEdit.set_iso(current.get("completed_date"))
        f.statusCombo.currentTextChanged.connect(self._status_changed)
        self._name_buttons("保存")
        self.errors = FieldErrors({
            "content": f.contentError, "owner_id": f.ownerError, "deadline": f.deadlineError,
            "status": f.statusError, "completed_date": f.completedDateError,
        }, {"content": f.contentEdit, "deadline": f.deadlineEdit,
            "completed_date": f.completedDateEdit}, self, general=f.generalError)
        f.contentEdit.setFocus()

    def _status_changed(self, status: str) -> None:
        # Marking a measure done usually happens on the day it is done.
        if status == MeasureStatus.DONE and not self.form.completedDateEdit.text().strip():
            self.form.completedDateEdit.set_iso(today().isoformat())

    def save(self) -> None:
        f = self.form
        values = read_values({
            "content": f.contentEdit, "owner_id": f.ownerCombo, "deadline": f.deadlineEdit,
            "status": f.statusCombo, "completed_date": f.completedDateEdit,
        }, by_data=("owner_id",))
        if self.measure_id is None:
            self.measure_id = self.db.measures.add(self.problem_id, values)
        else:
            old = self.db.measures.update(self.measure_id, values)
            if self.history is not None:
                self.history.record(self.measure_id, old, values, "整改措施", "measures",
                                    problem_id=self.problem_id)

    @classmethod
    def ask(cls, parent: QWidget | None, db, problem_id: int,
            measure_id: int | None = None, history=None) -> int | None:
        """Add (or edit) a measure; returns its id, or None if cancelled. An edit goes
        into ``history`` (an EditHistory), so 撤销 in the main window takes it back."""
        dialog = cls(parent, db, problem_id, measure_id, history)
        return dialog.measure_id if dialog.exec() == QDialog.Accepted else None


class ProgressDialog(StoreDialog):
    def __init__(self, parent: QWidget | None, db, problem_id: int):
        super().__init__(parent)
        self.db = db
        self.problem_id = problem_id
        self.progress_id: int | None = None
        self.form = f = Ui_ProgressDialog()
        f.setupUi(self)
        f.problemLabel.setText(_caption(db.problems.get(problem_id)))
        f.entryDateEdit.set_iso(today().isoformat())
        self._name_buttons("保存")
        self.errors = FieldErrors({
            "entry_date": f.entryDateError, "note": f.noteError,
            "amount_repaid": f.amountRepaidError,
        }, {"entry_date": f.entryDateEdit, "note": f.noteEdit, "amount_repaid": f.amountEdit},
            self, general=f.generalError)
        f.noteEdit.setFocus()

    def save(self) -> None:
        f = self.form
        self.progress_id = self.db.progress.add(self.problem_id, read_values({
            "entry_date": f.entryDateEdit, "note": f.noteEdit, "amount_repaid": f.amountEdit}))

    @classmethod
    def ask(cls, parent: QWidget | None, db, problem_id: int) -> int | None:
        """Add a progress entry; returns its id, or None if cancelled."""
        dialog = cls(parent, db, problem_id)
        return dialog.progress_id if dialog.exec() == QDialog.Accepted else None
