"""The 失信记录 tab of the problem editor: the problem's dishonesty records (政务失信记录)
and, for the record selected, its sanctions (失信惩戒) and credit repairs (信用修复).

Each table takes Insert (add), Enter or a double click (edit) and Delete (delete, asked
first); the buttons carry Alt mnemonics.  An edit goes into the window's undo history:
Ctrl+Z in the editor (or 编辑 → 撤销 after it closed) writes the old values back.
Records stay writable on a closed problem: a judgment, a sanction or a repair decision
often comes after the sign-off.  Adding the first record marks the problem
纳入政务失信记录 (the store keeps the flag).
"""

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui.record_dialogs import RecordDialog, RepairDialog, SanctionDialog
from govcredit_desktop.ui.table_helpers import (
    confirm_and_delete,
    item,
    select_id,
    selected_id,
    setup_table,
)
from govcredit_desktop.ui.widgets import install_shortcut

RECORD_HEADERS = ["认定日期", "失信记录类型", "认定文书", "文书编号", "涉及的公务人员", "说明"]
SANCTION_HEADERS = ["惩戒日期", "惩戒措施", "决定机关", "公示期至"]
REPAIR_HEADERS = ["修复措施", "佐证情况", "修复决定", "决定日期"]
LEGACY_TEXT = ("该问题的“纳入政务失信记录”标记来自旧版本（当时只有是/否标记），"
               "但没有任何政务失信记录。如确属失信，请新增失信记录；如不再适用，可清除旧标记。")


class _Table:
    """One table with its add / edit / delete buttons."""

    def __init__(self, page: QWidget, name: str, headers: list[str], stretch: int,
                 add_text: str, edit_text: str, delete_text: str):
        self.table = QTableWidget(page)
        self.table.setObjectName(name)
        setup_table(self.table, headers, stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.add = QPushButton(add_text, page)
        self.add.setToolTip(add_text.split("(")[0] + "（Insert）")
        self.edit = QPushButton(edit_text, page)
        self.edit.setToolTip("编辑选中的一行（回车或双击）")
        self.delete = QPushButton(delete_text, page)
        self.delete.setToolTip("删除选中的一行（Delete，会先询问）")
        self.buttons = QHBoxLayout()
        for b in (self.add, self.edit, self.delete):
            self.buttons.addWidget(b)
        self.buttons.addStretch(1)

    def box(self, page: QWidget, title: str) -> QGroupBox:
        group = QGroupBox(title, page)
        layout = QVBoxLayout(group)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        return group

    def wire(self, add, edit, delete, changed_selection) -> None:
        self.add.clicked.connect(add)
        self.edit.clicked.connect(edit)
        self.delete.clicked.connect(delete)
        self.table.doubleClicked.connect(lambda _i: edit())
        self.table.itemSelectionChanged.connect(changed_selection)
        install_shortcut(self.table, Qt.Key_Insert, add)
        install_shortcut(self.table, [Qt.Key_Return, Qt.Key_Enter], edit)
        install_shortcut(self.table, Qt.Key_Delete, delete)

    def fill(self, rows: list[list], ids: list[int], keep: int | None) -> None:
        self.table.setRowCount(len(rows))
        for r, (values, row_id) in enumerate(zip(rows, ids, strict=True)):
            for c, value in enumerate(values):
                self.table.setItem(r, c, item(value, row_id if c == 0 else None,
                                              tooltip=value if len(str(value)) > 20 else None))
        self.table.resizeRowsToContents()
        select_id(self.table, keep)

    def selected(self) -> int | None:
        return selected_id(self.table)


class DishonestyTab(QObject):
    changed = Signal(object)  # Changes
    captionChanged = Signal(str)  # noqa: N815 (Qt naming)

    def __init__(self, owner: QWidget, db, history=None):
        super().__init__(owner)
        self.owner, self.db = owner, db
        # Edits go into the window's undo (an EditHistory): Ctrl+Z takes them back.
        self.history = history
        self.problem_id: int | None = None
        self.editable = False
        self.page = QWidget(owner)
        self.page.setObjectName("dishonestyTab")
        layout = QVBoxLayout(self.page)
        self.hint = QLabel("有政务失信记录的问题即标记为“纳入政务失信记录”；惩戒措施和信用修复"
                           "登记在所选的失信记录之下。", self.page)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        # A problem from before schema v8 may carry the old 0/1 flag with no record: said
        # here, with a confirmed, audited way to clear it.
        self.legacy = QWidget(self.page)
        self.legacy.setObjectName("legacyFlag")
        self.legacy.setStyleSheet("#legacyFlag { background: #fff4e0; border: 1px solid #e0a84a;"
                                  " border-radius: 4px; }")
        row = QHBoxLayout(self.legacy)
        row.setContentsMargins(8, 4, 8, 4)
        self.legacy_label = QLabel(LEGACY_TEXT, self.legacy)
        self.legacy_label.setWordWrap(True)
        self.legacy_button = QPushButton("清除旧标记(&L)…", self.legacy)
        self.legacy_button.setToolTip("清除旧版本留下的“纳入政务失信记录”标记（会先确认，记入审计日志）")
        self.legacy_button.clicked.connect(self.clear_legacy_flag)
        row.addWidget(self.legacy_label, 1)
        row.addWidget(self.legacy_button)
        self.legacy.hide()
        layout.addWidget(self.legacy)
        self.records = _Table(self.page, "recordsTable", RECORD_HEADERS, 5,
                              "新增失信记录(&A)", "编辑记录(&E)", "删除记录(&D)")
        self.sanctions = _Table(self.page, "sanctionsTable", SANCTION_HEADERS, 1,
                                "新增惩戒措施(&S)", "编辑惩戒(&G)", "删除惩戒(&W)")
        self.repairs = _Table(self.page, "repairsTable", REPAIR_HEADERS, 0,
                              "新增信用修复(&R)", "编辑修复(&J)", "删除修复(&K)")
        layout.addWidget(self.records.box(self.page, "政务失信记录"), 3)
        lower = QHBoxLayout()
        lower.addWidget(self.sanctions.box(self.page, "失信惩戒措施（所选记录）"), 1)
        lower.addWidget(self.repairs.box(self.page, "信用修复（所选记录）"), 1)
        layout.addLayout(lower, 2)
        self.records.wire(self.add_record, self.edit_record, self.delete_record,
                          self._record_selected)
        self.sanctions.wire(self.add_sanction, self.edit_sanction, self.delete_sanction,
                            self.update_buttons)
        self.repairs.wire(self.add_repair, self.edit_repair, self.delete_repair,
                          self.update_buttons)

    # --- showing ---------------------------------------------------------------
    def show_problem(self, problem_id: int | None, editable: bool) -> None:
        self.problem_id, self.editable = problem_id, editable
        self.load()

    def load(self, select: int | None = None) -> None:
        store = self.db.dishonesty_records
        rows = store.list(self.problem_id) if self.problem_id else []
        keep = select if select is not None else self.records.selected()
        self.records.fill([[format_cn(r["record_date"]), r["record_type"], r["source_document"],
                            r["document_number"],
                            f"{r['person_name']}（{r['person_post']}）" if r["person_post"]
                            else (r["person_name"] or ""), r["note"]] for r in rows],
                          [r["id"] for r in rows], keep)
        if keep is None and rows:
            self.records.table.selectRow(0)
        legacy = bool(self.problem_id) and store.has_legacy_flag(self.problem_id)
        self.legacy.setVisible(legacy)
        self.legacy_button.setEnabled(legacy and self.editable)
        self.captionChanged.emit(f"失信记录（{len(rows)} 条）(&5)" if rows else "失信记录(&5)")
        self._record_selected()

    def _record_selected(self, sanction: int | None = None, repair: int | None = None) -> None:
        store = self.db.dishonesty_records
        record = self.records.selected()
        sanctions = store.sanctions(record) if record else []
        repairs = store.repairs(record) if record else []
        self.sanctions.fill([[format_cn(s["sanction_date"]), s["kind"], s["decided_by"],
                              format_cn(s["publicity_until"])] for s in sanctions],
                            [s["id"] for s in sanctions], sanction)
        self.repairs.fill([[r["steps"], r["evidence"], r["decision"] or "尚未决定",
                            format_cn(r["decision_date"])] for r in repairs],
                          [r["id"] for r in repairs], repair)
        self.update_buttons()

    def update_buttons(self) -> None:
        record = self.records.selected()
        for table, parent in ((self.records, True), (self.sanctions, record is not None),
                              (self.repairs, record is not None)):
            table.add.setEnabled(self.editable and parent)
            chosen = table.selected() is not None
            table.edit.setEnabled(self.editable and chosen)
            table.delete.setEnabled(self.editable and chosen)

    def _wrote(self, kind_ids: int | None = None) -> None:
        self.changed.emit(Changes.of(RecordKind.DISHONESTY, *(
            [kind_ids] if kind_ids else [])) | Changes.of(RecordKind.PROBLEM, self.problem_id))

    def clear_legacy_flag(self) -> None:
        """The old flag away, once the clerk confirms; an audited edit of the problem."""
        if self.problem_id is None or not self.legacy_button.isEnabled():
            return
        number = self.db.problems.get(self.problem_id)["number"]
        answer = QMessageBox.question(
            self.owner, "清除旧标记",
            f"清除问题 {number} 的“纳入政务失信记录”标记吗？\n\n"
            "该标记来自旧版本，问题没有任何政务失信记录。清除后台账、报告和报送包不再把它"
            "计为纳入政务失信记录的问题；这一修改记入审计日志。如该问题确属失信，请改为"
            "“新增失信记录”。", QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            self.db.dishonesty_records.clear_legacy_flag(self.problem_id)
        except UserError as exc:
            QMessageBox.warning(self.owner, "不能清除", str(exc))
            self.load()
            return
        self.changed.emit(Changes.of(RecordKind.PROBLEM, self.problem_id)
                          | Changes.some(RecordKind.DISHONESTY))
        self.load()
        self.records.table.setFocus()

    # --- records -----------------------------------------------------------------
    def add_record(self) -> None:
        if not self.records.add.isEnabled():
            return
        rid = RecordDialog.ask(self.owner, self.db, self.problem_id)
        if rid is not None:
            self._wrote(rid)
            self.load(select=rid)
        self.records.table.setFocus()

    def edit_record(self) -> None:
        rid = self.records.selected()
        if rid is None or not self.records.edit.isEnabled():
            return
        if RecordDialog.ask(self.owner, self.db, self.problem_id, rid,
                            history=self.history) is not None:
            self._wrote(rid)
            self.load(select=rid)
        self.records.table.setFocus()

    def delete_record(self) -> None:
        rid = self.records.selected()
        if rid is None or not self.records.delete.isEnabled():
            return
        n_s = len(self.db.dishonesty_records.sanctions(rid))
        n_r = len(self.db.dishonesty_records.repairs(rid))
        more = f"其下的{n_s}项惩戒措施和{n_r}项信用修复将一并删除。" if n_s or n_r else ""
        if confirm_and_delete(self.owner, f"删除这条政务失信记录吗？{more}",
                              lambda: self.db.dishonesty_records.delete(rid)):
            self._wrote(rid)
            self.load()
            self.records.table.setFocus()

    # --- sanctions and repairs ---------------------------------------------------
    def _child(self, table: _Table, dialog, child_id: int | None) -> None:
        record = self.records.selected()
        button = table.edit if child_id else table.add
        if record is None or not button.isEnabled():
            return
        saved = dialog.ask(self.owner, self.db, record, *([child_id] if child_id else []),
                           history=self.history)
        if saved is not None:
            self._wrote(record)
            kw = {"sanction": saved} if table is self.sanctions else {"repair": saved}
            self._record_selected(**kw)
        table.table.setFocus()

    def add_sanction(self) -> None:
        self._child(self.sanctions, SanctionDialog, None)

    def edit_sanction(self) -> None:
        if self.sanctions.selected() is not None:
            self._child(self.sanctions, SanctionDialog, self.sanctions.selected())

    def add_repair(self) -> None:
        self._child(self.repairs, RepairDialog, None)

    def edit_repair(self) -> None:
        if self.repairs.selected() is not None:
            self._child(self.repairs, RepairDialog, self.repairs.selected())

    def _delete_child(self, table: _Table, what: str, delete) -> None:
        child = table.selected()
        if child is None or not table.delete.isEnabled():
            return
        if confirm_and_delete(self.owner, f"删除这项{what}吗？", lambda: delete(child)):
            self._wrote(self.records.selected())
            self._record_selected()
            table.table.setFocus()

    def delete_sanction(self) -> None:
        self._delete_child(self.sanctions, "惩戒措施", self.db.dishonesty_records.delete_sanction)

    def delete_repair(self) -> None:
        self._delete_child(self.repairs, "信用修复", self.db.dishonesty_records.delete_repair)
