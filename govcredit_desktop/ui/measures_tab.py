"""The 整改措施 tab of the problem editor: the measures table and its buttons.

Insert adds a measure, F2/Enter (or a double click) edits it, Delete removes
it; each opens ``MeasureDialog`` over the editor.
"""

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QTableWidget, QWidget

from govcredit_desktop.core import rules
from govcredit_desktop.core.changes import RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.vocab import MeasureStatus
from govcredit_desktop.ui.lights import light_icon, light_text
from govcredit_desktop.ui.measure_progress_dialogs import MeasureDialog
from govcredit_desktop.ui.table_helpers import RecordTab, confirm_and_delete, item

HEADERS = ["期限提示", "措施内容", "责任人", "完成时限", "状态", "完成日期"]


class MeasuresTab(RecordTab):
    kind = RecordKind.MEASURE

    def __init__(self, owner: QWidget, db, today: _dt.date, table: QTableWidget,
                 add_button: QPushButton, edit_button: QPushButton,
                 delete_button: QPushButton, history=None):
        super().__init__(owner, db, table, HEADERS, stretch=1)
        self.today = today
        self.history = history
        self.add_button = add_button
        self.edit_button = edit_button
        self.delete_button = delete_button
        add_button.clicked.connect(self.add)
        edit_button.clicked.connect(self.edit)
        delete_button.clicked.connect(self.delete)
        table.doubleClicked.connect(lambda *_: self.edit())

    def keys(self) -> dict:
        return {Qt.Key_Insert: self.add, Qt.Key_F2: self.edit, Qt.Key_Return: self.edit,
                Qt.Key_Enter: self.edit, Qt.Key_Delete: self.delete}

    def records(self) -> list[dict]:
        return self.db.measures.list(self.problem_id)

    def fill_row(self, row: int, m: dict) -> None:
        table = self.table
        light = rules.measure_light(m, self.today)
        # An icon keeps its colour on a selected row; the word says it too.
        dot = item(light.label, m["id"], light_text(light, m.get("deadline"), self.today,
                                                      m.get("completed_date")))
        dot.setIcon(light_icon(light))
        table.setItem(row, 0, dot)
        table.setItem(row, 1, item(m["content"], tooltip=m["content"]))
        table.setItem(row, 2, item(m.get("owner_name") or ""))
        table.setItem(row, 3, item(format_cn(m.get("deadline"))))
        table.setItem(row, 4, item(m["status"]))
        table.setItem(row, 5, item(format_cn(m.get("completed_date"))))

    def caption(self, measures: list[dict]) -> str:
        done = sum(1 for m in measures if m["status"] == MeasureStatus.DONE)
        return f"整改措施（已完成 {done}/{len(measures)}）(&2)"

    def update_buttons(self) -> None:
        selected = self.selected_id() is not None
        self.add_button.setEnabled(self.editable)
        self.edit_button.setEnabled(self.editable and selected)
        self.delete_button.setEnabled(self.editable and selected)

    def add(self) -> None:
        if not self.add_button.isEnabled():
            return
        self.show_saved(MeasureDialog.ask(self.owner, self.db, self.problem_id))

    def edit(self) -> None:
        measure_id = self.selected_id()
        if measure_id is None or not self.edit_button.isEnabled():
            return
        if MeasureDialog.ask(self.owner, self.db, self.problem_id, measure_id,
                             self.history) is not None:
            self.show_saved(measure_id)

    def delete(self) -> None:
        measure_id = self.selected_id()
        if measure_id is None or not self.delete_button.isEnabled():
            return
        if confirm_and_delete(self.owner, "删除这条整改措施吗？",
                              lambda: self.db.measures.delete(measure_id)):
            self.wrote(measure_id)
            self.load()
