"""The department profile (单位信息): name, 统一社会信用代码 and the names
printed on every submitted report.

The 统一社会信用代码 is checked while it is typed (GB 32100-2015 check
character), so a clerk copying it from the licence sees a slip at once.
"""

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.uscc import ALPHABET, uscc_problem
from govcredit_desktop.ui.forms.ui_department_dialog import Ui_DepartmentDialog
from govcredit_desktop.ui.record_form import read_values
from govcredit_desktop.ui.store_dialog import StoreDialog
from govcredit_desktop.ui.widgets import FieldErrors, limit_lengths

USCC_LENGTH = 18
_OK_STYLE = "color: #2e7d32;"
_HINT_STYLE = "color: #666666;"


def uscc_live_message(code: str) -> tuple[str, str]:
    """(kind, message) for a code being typed: kind is '', 'hint', 'ok' or 'error'.

    Short codes are not yet wrong, only unfinished; a character that can never
    appear is wrong at once.
    """
    code = code.strip().upper()
    if not code:
        return "", ""
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad or len(code) >= USCC_LENGTH:
        problem = uscc_problem(code)
        return ("error", problem) if problem else ("ok", "✓ 统一社会信用代码校验通过")
    return "hint", f"已输入{len(code)}位，共{USCC_LENGTH}位"


class DepartmentDialog(StoreDialog):
    def __init__(self, parent: QWidget | None, db):
        super().__init__(parent)
        self.db = db
        self.changes = Changes.none()
        self.form = Ui_DepartmentDialog()
        self.form.setupUi(self)
        f = self.form
        self.inputs = {
            "name": f.nameEdit, "uscc": f.usccEdit,
            "first_responsible": f.firstResponsibleEdit, "contact_person": f.contactPersonEdit,
            "contact_phone": f.contactPhoneEdit, "preparer": f.preparerEdit,
            "reviewer": f.reviewerEdit, "signatory": f.signatoryEdit,
        }
        # In the tab order: the first refused field gets the focus.
        labels = {
            "name": f.nameError, "uscc": f.usccError,
            "first_responsible": f.firstResponsibleError, "contact_person": f.contactPersonError,
            "contact_phone": f.contactPhoneError, "preparer": f.preparerError,
            "reviewer": f.reviewerError, "signatory": f.signatoryError,
        }
        self.errors = FieldErrors(labels, self.inputs, self, general=f.generalError)
        # A fixed-pitch font keeps the 18 characters in columns, easier to
        # compare with the licence.
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        mono.setPointSizeF(f.usccEdit.font().pointSizeF())
        f.usccEdit.setFont(mono)
        f.usccEdit.textEdited.connect(self._uscc_edited)
        for field, edit in self.inputs.items():
            if field != "uscc":
                edit.textEdited.connect(lambda _text, fl=field: self.errors.clear(fl))

        self._name_buttons("确定")
        f.buttonBox.accepted.connect(self.accept)
        f.buttonBox.rejected.connect(self.reject)

        self.original = db.settings.department()
        if self.original is None:
            self.setWindowTitle("填写单位信息")
        else:
            for field, edit in self.inputs.items():
                edit.setText(self.original.get(field) or "")
            self._show_uscc(f.usccEdit.text())
        limit_lengths("department", self.inputs)
        f.nameEdit.setFocus()

    # --- 统一社会信用代码 -------------------------------------------------------
    def _uscc_edited(self, text: str) -> None:
        edit = self.form.usccEdit
        upper = text.upper()
        if upper != text:
            # Clerks type lower case; the code is upper case by definition.
            pos = edit.cursorPosition()
            edit.setText(upper)
            edit.setCursorPosition(pos)
        self._show_uscc(upper)

    def _show_uscc(self, code: str) -> None:
        kind, message = uscc_live_message(code)
        label = self.form.usccError
        if kind == "error":
            self.errors.set("uscc", message)
            return
        self.errors.set("uscc", None)
        if kind:
            label.setStyleSheet(_OK_STYLE if kind == "ok" else _HINT_STYLE)
            label.setText(message)
            label.show()

    # --- save ----------------------------------------------------------------
    def save(self) -> None:
        values = read_values(self.inputs)
        self.db.settings.save_department(values)
        before = self.original or {}
        if any((before.get(k) or "") != v for k, v in values.items()):
            self.changes = Changes.of(RecordKind.DEPARTMENT)

    @classmethod
    def ask(cls, parent: QWidget | None, db) -> Changes:
        """The department, when the profile was saved with a change."""
        dialog = cls(parent, db)
        return dialog.changes if dialog.exec() == QDialog.Accepted else Changes.none()
