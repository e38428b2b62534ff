"""登记报送单位: read a department's registration file, show its fingerprint large enough
to read over the phone, and register it only once the clerk ticked that it matched.

The store decides (``db.registrations.register``): a new department, the same
certificate again, a replaced certificate with its history kept, or a refusal; the
dialog says which, with the store's warnings, and stays open for the next file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QDialog, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.forms.ui_register_dialog import Ui_RegisterDialog

OPEN_REGISTRATION = "open_registration"
ERROR_STYLE = "color: #b71c1c; background: #ffebee; border: 1px solid #e57373; padding: 6px;"
DONE_STYLE = "color: #1b5e20; background: #e8f5e9; border: 1px solid #81c784; padding: 6px;"
NOTE_STYLE = "color: #5d4200; background: #fff8e1; border: 1px solid #e0c060; padding: 6px;"
OUTCOME_TEXT = {
    "new": "已登记“{name}”。以后收到它签名的报送包即可核验来源。",
    "same": "“{name}”的这个证书此前已经登记，未做任何改动。",
    "replaced": ("已登记“{name}”的新证书；原证书（共 {count} 个）已标记为被替换，"
                 "登记历史已保留。原证书在替换之后签名的报送包将被拒收。"),
}


def fingerprint_block(fingerprint: str) -> str:
    """The 16 groups of 4, four groups to a line, as the department's 登记表 prints them."""
    from govcredit_desktop.ui.key_dialog import fingerprint_lines

    return fingerprint_lines(fingerprint)


def monospace(widget: QWidget, scale: float = 1.0, bold: bool = False) -> None:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(widget.font().pointSizeF() * scale)
    font.setBold(bold)
    widget.setFont(font)


class RegisterDialog(QDialog):
    def __init__(self, parent: QWidget | None, db, path: Path | None = None):
        super().__init__(parent)
        self.db = db
        self.registration = None
        self.changes = Changes.none()
        self.form = f = Ui_RegisterDialog()
        f.setupUi(self)
        monospace(f.fingerprintValue, 1.6, bold=True)
        monospace(f.usccValue, 1.15)
        f.departmentValue.setStyleSheet("font-weight: bold;")
        f.chooseButton.clicked.connect(self.choose)
        f.phoneCheck.toggled.connect(self._update)
        f.registerButton.clicked.connect(self.register)
        f.closeButton.clicked.connect(self.reject)
        self._outcome("", "")
        if path is not None:
            self.load(path)
        self._update()
        f.chooseButton.setFocus()

    # --- the file -----------------------------------------------------------------------
    def choose(self) -> None:
        name = file_dialogs.open_file(self, OPEN_REGISTRATION, "选择登记文件",
                                      "登记文件 (*.gcreg.json *.json);;所有文件 (*)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        """Read and check ``path``; its department and fingerprint shown, or why not."""
        from govcredit_desktop.package.registration import read_registration

        f = self.form
        f.fileEdit.setText(str(path))
        f.phoneCheck.setChecked(False)  # a new file is a new phone call
        try:
            reg = read_registration(path)
        except UserError as exc:
            self.registration = None
            for label in (f.departmentValue, f.usccValue, f.fingerprintValue):
                label.clear()
            self._outcome(str(exc), ERROR_STYLE)
            self._update()
            return False
        self.registration = reg
        f.departmentValue.setText(reg.department)
        f.usccValue.setText(reg.uscc)
        f.fingerprintValue.setText(fingerprint_block(reg.fingerprint))
        known = self.db.registrations.department_by_uscc(reg.uscc)
        if known is not None and self.db.registrations.certificate(reg.fingerprint) is None:
            self._outcome(f"“{known['name']}”已经登记过；这是一个新证书（该单位更换了密钥）。"
                          "登记后原证书标记为被替换，请在电话中问清更换原因。", NOTE_STYLE)
        else:
            self._outcome("请打电话核对上面的证书指纹（16 组，每组 4 位），一致后勾选下面的"
                          "确认框，再点“登记”。", NOTE_STYLE)
        f.phoneCheck.setFocus()
        self._update()
        return True

    # --- registering ----------------------------------------------------------------------
    def register(self) -> None:
        f = self.form
        if self.registration is None or not f.phoneCheck.isChecked():
            return
        reg = self.registration
        try:
            done = self.db.registrations.register(reg)
        except UserError as exc:
            self._outcome(str(exc), ERROR_STYLE)
            return
        if done.outcome != "same":
            self.changes |= Changes.some(RecordKind.DEPARTMENT)
        text = OUTCOME_TEXT[done.outcome].format(name=done.department["name"],
                                                 count=len(done.replaced))
        for warning in done.warnings:
            text += f"\n注意：{warning}"
        self._outcome(text, NOTE_STYLE if done.warnings else DONE_STYLE)
        self.registration = None  # registered: the next file, or 关闭
        f.phoneCheck.setChecked(False)
        self._update()
        f.chooseButton.setFocus()

    # --- internals ------------------------------------------------------------------------
    def _outcome(self, text: str, style: str) -> None:
        label = self.form.outcomeLabel
        label.setText(text)
        label.setStyleSheet(style)
        label.setVisible(bool(text))

    def _update(self, *_args) -> None:
        f = self.form
        loaded = self.registration is not None
        f.phoneCheck.setEnabled(loaded)
        f.registerButton.setEnabled(loaded and f.phoneCheck.isChecked())
        f.registerButton.setDefault(loaded)
        f.chooseButton.setText("选择登记文件(&O)…" if not f.fileEdit.text() or loaded
                               else "登记下一个单位(&O)…")

    @classmethod
    def ask(cls, parent: QWidget | None, db, path: Path | None = None) -> Changes:
        dialog = cls(parent, db, path)
        dialog.exec()
        return dialog.changes
