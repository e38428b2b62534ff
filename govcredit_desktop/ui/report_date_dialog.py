"""Ask the 成文日期 of a document before it is made (today unless the clerk changes it),
and for a report to the county office its 发文字号 (none: the plain form, no 版头).

The date is also the day overdue is counted on and the texts are worded against (a
deadline before it is told as past), as ``report … --date`` on the command line; the
statuses are the ledger's as they are now (it keeps no history of them to go back to).
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.dates import DateError, parse_date, today
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.ui.widgets import DateEdit

# Longer than any real one (宝丰县住房和城乡建设局〔2026〕123号 is 21 characters), short
# enough that the 版头 line holds it beside the 签发人.
ISSUE_NUMBER_MAX = 30


class ReportDateDialog(QDialog):
    def __init__(self, parent: QWidget | None, document_name: str,
                 default: _dt.date | None = None, *, issue_number: bool = False):
        super().__init__(parent)
        self.setWindowTitle(f"生成{document_name}")
        self.setMinimumWidth(400)
        self.date_edit = DateEdit(self)
        self.date_edit.setObjectName("reportDateEdit")
        self.date_edit.set_iso((default or today()).isoformat())
        label = QLabel("成文日期(&D)：", self)
        label.setBuddy(self.date_edit)
        hint = QLabel("逾期按这一天计算，早于这一天的时限按已过表述。\n"
                      "问题和措施的状态是台账当前的状态。", self)
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(label, self.date_edit)
        self.issue_edit: QLineEdit | None = None
        if issue_number:
            # Per document, so never remembered: a number used twice is a wrong number.
            self.issue_edit = QLineEdit(self)
            self.issue_edit.setObjectName("issueNumberEdit")
            self.issue_edit.setMaxLength(ISSUE_NUMBER_MAX)
            self.issue_edit.setPlaceholderText("如 宝住建〔2026〕12号；不填则不排版头")
            issue_label = QLabel("发文字号(&W)：", self)
            issue_label.setBuddy(self.issue_edit)
            form.addRow(issue_label, self.issue_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成(&G)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.date_edit.setFocus()
        self.date_edit.selectAll()
        self._date: _dt.date | None = None

    def accept(self) -> None:
        try:
            value = parse_date(self.date_edit.text())
        except DateError as exc:
            value, message = None, str(exc)
        else:
            message = "请填写成文日期，例如 2021-12-30"
        if value is None:
            self.error.setText(message)
            self.error.show()
            self.date_edit.setFocus()
            return
        self._date = value
        super().accept()

    def date(self) -> _dt.date | None:
        return self._date

    def issue_number(self) -> str:
        """The 发文字号 typed, cleaned; '' for none (or no such field)."""
        return clean_text(self.issue_edit.text()) if self.issue_edit is not None else ""

    @classmethod
    def ask(cls, parent: QWidget | None, document_name: str) -> _dt.date | None:
        """The date chosen, or None when the clerk cancelled."""
        answer = cls.ask_with_number(parent, document_name, issue_number=False)
        return answer[0] if answer else None

    @classmethod
    def ask_with_number(cls, parent: QWidget | None, document_name: str,
                        issue_number: bool = True) -> tuple[_dt.date, str] | None:
        """(成文日期, 发文字号 or '') — the number asked only with ``issue_number``, for a
        report to the county office; None when cancelled."""
        dialog = cls(parent, document_name, issue_number=issue_number)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.date() is None:
                return None
            return dialog.date(), dialog.issue_number()
        finally:
            dialog.deleteLater()
