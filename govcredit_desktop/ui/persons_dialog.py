"""Persons (责任人): the list with add / edit / deactivate / delete, and the
small form for one person.

Every change is written to the store the moment the user confirms it; there
is no "save all" step to forget.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui.forms.ui_person_form import Ui_PersonForm
from govcredit_desktop.ui.forms.ui_persons_dialog import Ui_PersonsDialog
from govcredit_desktop.ui.record_form import read_values
from govcredit_desktop.ui.store_dialog import StoreDialog
from govcredit_desktop.ui.widgets import (
    FieldErrors,
    install_shortcut,
    limit_lengths,
    sort_persons,
)

COLUMNS = ("姓名", "职务", "单位", "电话", "状态", "负责事项数")
_INACTIVE = QColor("#8a8a8a")


class PersonForm(StoreDialog):
    """One person's 姓名/职务/单位/电话; OK writes to the store or shows why not."""

    def __init__(self, parent: QWidget | None, db, person_id: int | None = None):
        super().__init__(parent)
        self.db = db
        self.person_id = person_id
        self.form = Ui_PersonForm()
        self.form.setupUi(self)
        f = self.form
        self.inputs = {"name": f.nameEdit, "post": f.postEdit, "unit": f.unitEdit,
                       "phone": f.phoneEdit}
        self.errors = FieldErrors(
            {"name": f.nameError, "post": f.postError, "unit": f.unitError,
             "phone": f.phoneError}, self.inputs, self, general=f.generalError)
        self._name_buttons("确定")
        f.buttonBox.accepted.connect(self.accept)
        f.buttonBox.rejected.connect(self.reject)
        f.nameEdit.textEdited.connect(lambda _text: self.errors.clear("name"))

        # Units repeat (局办公室, 计划财务股 …): offer the ones already typed.
        persons = db.people.list()
        units = sorted({p["unit"] for p in persons if p["unit"]})
        completer = QCompleter(units, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        f.unitEdit.setCompleter(completer)

        if person_id is None:
            self.setWindowTitle("新增责任人")
        else:
            person = db.people.get(person_id)
            self.setWindowTitle(f"编辑责任人 — {person['name']}")
            for field, edit in self.inputs.items():
                edit.setText(person.get(field) or "")
        limit_lengths("person", self.inputs)
        f.nameEdit.setFocus()

    def accept(self) -> None:
        if self._same_name_confirmed():
            super().accept()

    def _same_name_confirmed(self) -> bool:
        """Two persons of one name are real (two 张伟), but mostly a typing twice:
        say who is already there and let the clerk decide."""
        name = self.form.nameEdit.text().strip()
        if not name:
            return True  # the store says 姓名不能为空 next to the field
        if self.person_id is not None and self.db.people.get(self.person_id)["name"] == name:
            return True  # the name is not being changed
        others = self.db.people.same_name(name, exclude_id=self.person_id)
        if not others:
            return True
        lines = []
        for p in others:
            where = "，".join(x for x in (p["unit"], p["post"]) if x) or "未填单位和职务"
            lines.append(f"· {p['name']}（{where}）" + ("" if p["active"] else "，已停用"))
        verb = "新增" if self.person_id is None else "改名为"
        answer = QMessageBox.question(
            self, "同名责任人",
            f"已有同名的责任人：\n{chr(10).join(lines)}\n\n"
            f"确定要{verb}另一位同名的“{name}”吗？同名时请填写单位或职务以便区分。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            return True
        self.form.nameEdit.setFocus()
        self.form.nameEdit.selectAll()
        return False

    def save(self) -> None:
        values = read_values(self.inputs)
        if self.person_id is None:
            self.person_id = self.db.people.add(values)
        else:
            self.db.people.update(self.person_id, values)

    @classmethod
    def ask(cls, parent: QWidget | None, db, person_id: int | None = None) -> int | None:
        """The id of the person added or edited, or None when cancelled."""
        dialog = cls(parent, db, person_id)
        return dialog.person_id if dialog.exec() == QDialog.Accepted else None


class PersonsDialog(QDialog):
    """The list of persons with 新增 / 编辑 / 停用·启用 / 删除."""

    def __init__(self, parent: QWidget | None, db):
        super().__init__(parent)
        self.db = db
        self.changes = Changes.none()
        self.form = Ui_PersonsDialog()
        self.form.setupUi(self)
        f = self.form
        f.buttonBox.button(QDialogButtonBox.Close).setText("关闭")
        f.buttonBox.rejected.connect(self.reject)

        table = f.table
        table.setColumnCount(len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        # Compact rows, as in a spreadsheet; the cells get a little air instead.
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setStyleSheet("QTableWidget::item { padding: 0 6px; }")

        f.addButton.clicked.connect(self.add)
        f.editButton.clicked.connect(self.edit)
        f.toggleButton.clicked.connect(self.toggle_active)
        f.deleteButton.clicked.connect(self.delete)
        table.doubleClicked.connect(lambda _index: self.edit())
        table.itemSelectionChanged.connect(self._update_buttons)
        # Keys a clerk expects in a list: Enter opens, Delete removes, Insert adds.
        install_shortcut(table, ["Return", "Enter"], self.edit, "编辑")
        install_shortcut(table, "Delete", self.delete, "删除")
        install_shortcut(self, "Insert", self.add, "新增")
        f.filterEdit.textChanged.connect(self._apply_filter)
        install_shortcut(self, "Ctrl+F", lambda: (f.filterEdit.setFocus(),
                                                  f.filterEdit.selectAll()), "查找")
        # Down from the search box goes into the (filtered) list, as in a browser.
        install_shortcut(f.filterEdit, "Down", table.setFocus, "到列表")

        self.reload()
        table.setFocus()

    # --- list --------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            select_id = self.current_id()
        persons = sort_persons(self.db.people.list())
        table = self.form.table
        table.setRowCount(len(persons))
        select_row = 0 if persons else -1
        italic = QFont(table.font())
        italic.setItalic(True)
        for row, person in enumerate(persons):
            owned = self.db.people.ownership_count(person["id"])
            active = bool(person["active"])
            cells = (person["name"], person["post"], person["unit"], person["phone"],
                     "启用" if active else "已停用", str(owned))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text or "")
                if col == 5:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if not active:
                    item.setForeground(QBrush(_INACTIVE))
                    item.setFont(italic)
                table.setItem(row, col, item)
            table.item(row, 0).setData(Qt.UserRole, person["id"])
            table.item(row, 0).setData(Qt.UserRole + 1, owned)
            table.item(row, 0).setData(Qt.UserRole + 2, active)
            if person["id"] == select_id:
                select_row = row
        if select_row >= 0:
            table.selectRow(select_row)
            table.setCurrentCell(select_row, 0)
        active = sum(1 for p in persons if p["active"])
        inactive = len(persons) - active
        self.form.countLabel.setText(f"共 {len(persons)} 人：启用 {active} 人，停用 {inactive} 人")
        self._apply_filter()

    def _apply_filter(self, *_args) -> None:
        """Hide the rows that do not contain the search text in 姓名, 职务, 单位 or 电话;
        the selection moves to the first shown row when its own row is hidden."""
        table = self.form.table
        needle = self.form.filterEdit.text().strip().casefold()
        first = -1
        for row in range(table.rowCount()):
            text = " ".join(table.item(row, c).text() for c in range(4)).casefold()
            hidden = bool(needle) and needle not in text
            table.setRowHidden(row, hidden)
            if not hidden and first < 0:
                first = row
        current = table.currentRow()
        if current < 0 or table.isRowHidden(current):
            if first >= 0:
                table.selectRow(first)
                table.setCurrentCell(first, 0)
            else:
                table.clearSelection()
                table.setCurrentCell(-1, -1)
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.form.table.currentRow()
        item = self.form.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.UserRole) if item is not None else None

    def _current(self, role_offset: int):
        row = self.form.table.currentRow()
        item = self.form.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.UserRole + role_offset) if item is not None else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        f = self.form
        for button in (f.editButton, f.toggleButton, f.deleteButton):
            button.setEnabled(has)
        f.toggleButton.setText("启用(&S)" if has and not self._current(2) else "停用(&S)")

    # --- actions -------------------------------------------------------------
    def add(self) -> None:
        person_id = PersonForm.ask(self, self.db)
        if person_id is not None:
            self.changes |= Changes.of(RecordKind.PERSON, person_id)
            self.reload(person_id)
        self.form.table.setFocus()

    def edit(self) -> None:
        person_id = self.current_id()
        if person_id is None:
            return
        if PersonForm.ask(self, self.db, person_id) is not None:
            self.changes |= Changes.of(RecordKind.PERSON, person_id)
            self.reload(person_id)
        self.form.table.setFocus()

    def toggle_active(self) -> None:
        person_id = self.current_id()
        if person_id is None:
            return
        try:
            self.db.people.set_active(person_id, not self._current(2))
        except UserError as err:
            QMessageBox.warning(self, "无法修改", str(err))
            return
        self.changes |= Changes.of(RecordKind.PERSON, person_id)
        self.reload(person_id)

    def delete(self) -> None:
        # Back to the list afterwards, so the keyboard user carries on there.
        try:
            self._delete()
        finally:
            self.form.table.setFocus()

    def _delete(self) -> None:
        person_id = self.current_id()
        if person_id is None:
            return
        name = self.form.table.item(self.form.table.currentRow(), 0).text()
        if not self._current(1):
            answer = QMessageBox.question(
                self, "删除责任人", f"确定删除责任人“{name}”吗？删除后不能恢复。",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return
        try:
            # The store decides: it refuses when the person still owns problems
            # or measures, with a message that says so.
            self.db.people.delete(person_id)
        except UserError as err:
            self._offer_deactivate(person_id, str(err))
            return
        self.changes |= Changes.of(RecordKind.PERSON, person_id)
        self.reload()

    def _offer_deactivate(self, person_id: int, message: str) -> None:
        if not self._current(2):
            QMessageBox.warning(self, "不能删除",
                                f"{message}。\n\n此人已经停用，不会再出现在下拉列表中。")
            return
        answer = QMessageBox.question(
            self, "不能删除",
            f"{message}。\n\n是否改为停用？停用后此人不再出现在下拉列表中，"
            "已有问题和措施中的记录保持不变。",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer == QMessageBox.Yes:
            self.db.people.set_active(person_id, False)
            self.changes |= Changes.of(RecordKind.PERSON, person_id)
            self.reload(person_id)

    @classmethod
    def ask(cls, parent: QWidget | None, db) -> Changes:
        """Show the list; the persons added, edited or removed."""
        dialog = cls(parent, db)
        dialog.exec()
        return dialog.changes
