"""设置 → 县信用办公钥 (department mode): import the county office's recipient file,
show whose it is and the key itself, remove it.

What is saved is ``db.settings.county_recipient()``; the 报送 dialog encrypts every
package to it while one is saved (``package.build.build_package(recipient=…)``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import show_error
from govcredit_desktop.ui.forms.ui_county_recipient_dialog import Ui_CountyRecipientDialog
from govcredit_desktop.ui.key_dialog import key_date
from govcredit_desktop.ui.register_dialog import monospace

OPEN_COUNTY_KEY = "open_county_key"
REMINDER = ("请打电话与县信用办核对公钥的前后各 8 位：{head} … {tail}。"
            "只有核对一致，才能确定报送包只有该县信用办能打开。")
NONE_TEXT = ("还没有导入县信用办公钥：报送包只签名、不加密。向县信用办索取公钥文件后，"
             "点“导入公钥文件”。")


def recipient_lines(recipient: str, width: int = 31) -> str:
    """age1… in two halves: 62 characters are read out over the phone more easily."""
    return "\n".join(recipient[i:i + width] for i in range(0, len(recipient), width))


class CountyRecipientDialog(QDialog):
    def __init__(self, parent: QWidget | None, db):
        super().__init__(parent)
        self.db = db
        self.changes = Changes.none()
        self.form = f = Ui_CountyRecipientDialog()
        f.setupUi(self)
        monospace(f.recipientValue, 1.2, bold=True)
        f.officeValue.setStyleSheet("font-weight: bold;")
        f.importButton.clicked.connect(self.choose)
        f.removeButton.clicked.connect(self.remove)
        f.closeButton.clicked.connect(self.accept)
        self.refresh()
        f.importButton.setFocus()

    def refresh(self) -> None:
        f = self.form
        saved = self.db.settings.county_recipient()
        f.savedBox.setVisible(saved is not None)
        f.removeButton.setEnabled(saved is not None and not self.db.read_only)
        f.importButton.setEnabled(not self.db.read_only)
        f.importButton.setText("更换公钥文件(&I)…" if saved else "导入公钥文件(&I)…")
        if saved is None:
            f.reminderLabel.setText(NONE_TEXT)
            f.reminderLabel.setStyleSheet("color: #555555;")
            return
        recipient = saved["recipient"]
        f.officeValue.setText(saved["office"])
        f.recipientValue.setText(recipient_lines(recipient))
        f.importedValue.setText(key_date(saved.get("imported_at") or ""))
        f.reminderLabel.setText(REMINDER.format(head=recipient[:8], tail=recipient[-8:])
                                + "\n以后生成的报送包将加密发给该县信用办。")
        f.reminderLabel.setStyleSheet(
            "color: #5d4200; background: #fff8e1; border: 1px solid #e0c060; padding: 6px;")

    def choose(self) -> None:
        from govcredit_desktop.package.encryption import RECIPIENT_SUFFIX

        name = file_dialogs.open_file(
            self, OPEN_COUNTY_KEY, "导入县信用办公钥",
            f"县信用办公钥文件 (*{RECIPIENT_SUFFIX} *.json);;所有文件 (*)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> bool:
        from govcredit_desktop.package.encryption import read_recipient_file

        try:
            found = read_recipient_file(path)
            self.db.settings.set_county_recipient(found.office, found.recipient,
                                                  found.created_at)
        except UserError as exc:
            show_error(self, "导入县信用办公钥", exc)
            return False
        self.changes |= Changes.some(RecordKind.DEPARTMENT)
        self.refresh()
        return True

    def remove(self) -> None:
        saved = self.db.settings.county_recipient()
        if saved is None:
            return
        answer = QMessageBox.question(
            self, "删除县信用办公钥",
            f"删除“{saved['office']}”的公钥后，报送包将不再加密（U 盘丢失时其中的信息可被读取）。"
            "确定删除吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.db.settings.clear_county_recipient()
        except UserError as exc:
            show_error(self, "删除县信用办公钥", exc)
            return
        self.changes |= Changes.some(RecordKind.DEPARTMENT)
        self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, db) -> Changes:
        dialog = cls(parent, db)
        dialog.exec()
        return dialog.changes
