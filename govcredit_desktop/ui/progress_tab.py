"""The 整改进展 tab of the problem editor: dated progress notes and repayments.

Insert adds an entry (``ProgressDialog``), Delete removes one. An entry's
repayment changes the problem's 已清偿金额 (and may move its status on), so
``changed`` tells the editor to re-show those fields.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget, QWidget

from govcredit_desktop.core.changes import RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.money import format_yuan
from govcredit_desktop.ui.measure_progress_dialogs import ProgressDialog
from govcredit_desktop.ui.table_helpers import RecordTab, confirm_and_delete, item

HEADERS = ["日期", "进展情况", "本次清偿金额(元)"]


class ProgressTab(RecordTab):
    kind = RecordKind.PROGRESS

    def __init__(self, owner: QWidget, db, table: QTableWidget,
                 add_button: QPushButton, delete_button: QPushButton, history=None):
        super().__init__(owner, db, table, HEADERS, stretch=1)
        # Adding and deleting entries goes into the window's undo (an EditHistory).
        self.history = history
        self.add_button = add_button
        self.delete_button = delete_button
        add_button.clicked.connect(self.add)
        delete_button.clicked.connect(self.delete)

    def keys(self) -> dict:
        return {Qt.Key_Insert: self.add, Qt.Key_Delete: self.delete}

    def records(self) -> list[dict]:
        return self.db.progress.list(self.problem_id)

    def fill_row(self, row: int, p: dict) -> None:
        self.table.setItem(row, 0, item(format_cn(p["entry_date"]), p["id"]))
        self.table.setItem(row, 1, item(p["note"], tooltip=p["note"]))
        money = item(format_yuan(p["amount_repaid"]) if p["amount_repaid"] else "")
        money.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.table.setItem(row, 2, money)

    def caption(self, entries: list[dict]) -> str:
        return f"整改进展（{len(entries)} 条）(&3)"

    def update_buttons(self) -> None:
        self.add_button.setEnabled(self.editable)
        self.delete_button.setEnabled(self.editable and self.selected_id() is not None)

    def add(self) -> None:
        if not self.add_button.isEnabled():
            return
        entry_id = ProgressDialog.ask(self.owner, self.db, self.problem_id)
        if entry_id is not None and self.history is not None:
            entry = self.db.progress.get(entry_id)
            self.history.record_added("progress", entry_id, f"添加的进展（{_when(entry)}）",
                                      self.problem_id)
        self.show_saved(entry_id)

    def delete(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None or not self.delete_button.isEnabled():
            return
        entry = self.db.progress.get(entry_id)
        if confirm_and_delete(self.owner,
                              "删除这条进展吗？其中登记的清偿金额将从已清偿金额中扣除。",
                              lambda: self.db.progress.delete(entry_id)):
            if self.history is not None:
                kept = {k: entry[k] for k in ("entry_date", "note", "amount_repaid")}
                self.history.record_deleted("progress", kept, f"删除的进展（{_when(entry)}）",
                                            self.problem_id)
            self.wrote(entry_id)
            self.load()


def _when(entry: dict) -> str:
    return format_cn(entry["entry_date"])
