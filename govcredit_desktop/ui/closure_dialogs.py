"""Closure (销号) and reopening (撤销销号) of a problem, each its own audited action."""

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn, today
from govcredit_desktop.ui.forms.ui_closure_dialog import Ui_CloseProblemDialog
from govcredit_desktop.ui.forms.ui_reopen_dialog import Ui_ReopenDialog
from govcredit_desktop.ui.record_form import read_value, read_values
from govcredit_desktop.ui.store_dialog import StoreDialog
from govcredit_desktop.ui.widgets import FieldErrors, limit_lengths


def _problem_caption(problem: dict) -> str:
    return f"问题 {problem['number']}：{problem['title']}"


def _problem_if(result: int, problem_id: int) -> Changes:
    accepted = result == QDialog.DialogCode.Accepted
    return Changes.of(RecordKind.PROBLEM, problem_id) if accepted else Changes.none()


def default_approver(db, problem: dict) -> str:
    """The department's signatory signs closures; else its first responsible person."""
    department = db.settings.department() or {}
    return department.get("signatory") or department.get("first_responsible") or ""


class CloseProblemDialog(StoreDialog):
    def __init__(self, parent: QWidget | None, db, problem_id: int):
        super().__init__(parent)
        self.db = db
        self.problem_id = problem_id
        self.form = Ui_CloseProblemDialog()
        self.form.setupUi(self)
        problem = db.problems.get(problem_id)
        self.form.problemLabel.setText(
            _problem_caption(problem) + "\n所有整改措施均已完成，办理销号后问题不能再修改。")
        self.form.approverEdit.setText(default_approver(db, problem))
        limit_lengths("closure", {"closed_by": self.form.approverEdit})
        self.form.closedDateEdit.set_iso(today().isoformat())
        self._name_buttons("销号")
        self.errors = FieldErrors({
            "closed_by": self.form.closedByError,
            "closed_date": self.form.closedDateError,
            "closure_remark": self.form.remarkError,
        }, {"closed_by": self.form.approverEdit, "closed_date": self.form.closedDateEdit},
            self, general=self.form.generalError)
        self.form.approverEdit.setFocus()
        self.form.approverEdit.selectAll()

    def save(self) -> None:
        f = self.form
        values = read_values({"closed_by": f.approverEdit, "closed_date": f.closedDateEdit,
                              "closure_remark": f.remarkEdit})
        self.db.problems.close(self.problem_id, values["closed_by"], values["closed_date"],
                               values["closure_remark"])

    @classmethod
    def ask(cls, parent: QWidget | None, db, problem_id: int) -> Changes:
        """Close the problem after asking approver, date and remark; the problem if closed."""
        blocker = db.problems.closure_blockers(problem_id)
        if blocker:
            QMessageBox.information(parent, "暂不能销号", blocker)
            return Changes.none()
        return _problem_if(cls(parent, db, problem_id).exec(), problem_id)


class ReopenDialog(StoreDialog):
    def __init__(self, parent: QWidget | None, db, problem_id: int):
        super().__init__(parent)
        self.db = db
        self.problem_id = problem_id
        self.form = Ui_ReopenDialog()
        self.form.setupUi(self)
        problem = db.problems.get(problem_id)
        self.form.problemLabel.setText(
            _problem_caption(problem)
            + f"\n已于{format_cn(problem['closed_date'])}销号（审批人：{problem['closed_by']}）。"
            "恢复未销号后可继续修改，原因将记入操作日志。")
        self._name_buttons("恢复未销号")
        self.errors = FieldErrors({"reason": self.form.reasonError},
                                  {"reason": self.form.reasonEdit}, self,
                                  general=self.form.generalError)
        self.form.reasonEdit.setFocus()

    def save(self) -> None:
        self.db.problems.reopen(self.problem_id, read_value(self.form.reasonEdit))

    @classmethod
    def ask(cls, parent: QWidget | None, db, problem_id: int) -> Changes:
        """Reopen a closed problem after asking the reason; the problem if reopened."""
        return _problem_if(cls(parent, db, problem_id).exec(), problem_id)
