"""投诉登记: the complaint register with its filters, overdue replies highlighted, the
add / edit / delete dialog and 转为问题 (issue 19).  An edit goes into the window's undo
history: Ctrl+Z (撤销修改) here, or 编辑 → 撤销 in the main window, writes it back.

A complaint awaits its reply while it has no reply date and is overdue after the reply
window (设置 → 投诉答复时限, db.settings.complaint_reply_days).  转为问题 opens the problem
editor prefilled from the complaint; the problem and the link are written together when
the editor creates the problem.  Deleting a complaint that became a problem asks first
and keeps the problem.
"""

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
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
from govcredit_desktop.core.vocab import COMPLAINT_CHANNELS
from govcredit_desktop.store.complaints import due_date
from govcredit_desktop.ui.record_dialogs import ComplaintDialog
from govcredit_desktop.ui.table_helpers import item, select_id, selected_id, setup_table
from govcredit_desktop.ui.widgets import install_shortcut

HEADERS = ["受理日期", "渠道", "投诉内容", "投诉人", "承办单位", "答复期限", "答复日期",
           "办理结果", "转为问题"]
OVERDUE_TEXT = QColor("#c62828")
OVERDUE_BACK = QColor("#fdecea")
REPLY_ALL, REPLY_AWAITING, REPLY_DONE = "全部", "待答复", "已答复"


class ComplaintsWindow(QDialog):
    """``campaign_id()`` gives the campaign a converted problem goes to (the ledger's)."""

    def __init__(self, parent: QWidget | None, db, campaign_id=lambda: None, history=None,
                 operations=None, today: _dt.date | None = None):
        super().__init__(parent)
        self.db = db
        self.campaign_id = campaign_id
        self.history = history
        self.operations = operations
        self.today = today or _dt.date.today()
        self.changes = Changes.none()
        self.setWindowTitle("投诉登记")
        layout = QVBoxLayout(self)

        bar = QHBoxLayout()
        self.channel_filter = QComboBox(self)
        self.channel_filter.setObjectName("channelFilter")
        channel_label = QLabel("渠道(&Q)：", self)
        channel_label.setBuddy(self.channel_filter)
        self.reply_filter = QComboBox(self)
        self.reply_filter.setObjectName("replyFilter")
        self.reply_filter.addItems([REPLY_ALL, REPLY_AWAITING, REPLY_DONE])
        reply_label = QLabel("答复(&A)：", self)
        reply_label.setBuddy(self.reply_filter)
        self.count_label = QLabel(self)
        self.window_button = QPushButton("答复时限(&W)…", self)
        self.window_button.setToolTip("设置投诉应在受理后多少天内答复（逾期的以红色标出）")
        for w in (channel_label, self.channel_filter, reply_label, self.reply_filter):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        bar.addWidget(self.window_button)
        layout.addLayout(bar)

        self.table = QTableWidget(self)
        self.table.setObjectName("complaintsTable")
        setup_table(self.table, HEADERS, stretch=2)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        # One line per complaint: a long content is read in its tooltip or the dialog.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.ElideRight)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("登记投诉(&N)", self)
        self.add_button.setToolTip("登记一件新投诉（Insert）")
        self.edit_button = QPushButton("编辑(&E)", self)
        self.edit_button.setToolTip("编辑选中的投诉（回车或双击）")
        self.delete_button = QPushButton("删除(&D)", self)
        self.delete_button.setToolTip("删除选中的投诉（Delete，会先询问）")
        self.convert_button = QPushButton("转为问题(&P)…", self)
        self.convert_button.setToolTip("把投诉登记为台账中的问题，内容自动带入")
        self.open_button = QPushButton("打开问题(&O)", self)
        self.open_button.setToolTip("打开该投诉转成的问题")
        self.undo_button = QPushButton("撤销修改(&U)", self)
        self.undo_button.setObjectName("undoComplaintButton")
        for b in (self.add_button, self.edit_button, self.delete_button, self.convert_button,
                  self.open_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("关闭")
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.convert_button.clicked.connect(self.convert)
        self.open_button.clicked.connect(self.open_problem)
        self.window_button.clicked.connect(self.set_reply_days)
        self.undo_button.clicked.connect(self.undo)
        # Ctrl+Z in the register takes back the last complaint edit, as 编辑 → 撤销 does
        # in the main window (the history is the window's).
        undo = QAction("撤销投诉的修改", self)
        undo.setShortcut(QKeySequence.Undo)
        undo.triggered.connect(self.undo)
        self.addAction(undo)
        if self.history is not None:
            self.history.changed.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        install_shortcut(self.table, [Qt.Key_Return, Qt.Key_Enter], self.edit)
        install_shortcut(self.table, Qt.Key_Insert, self.add)
        install_shortcut(self.table, Qt.Key_Delete, self.delete)
        self.channel_filter.currentIndexChanged.connect(lambda _i: self.load())
        self.reply_filter.currentIndexChanged.connect(lambda _i: self.load())
        self._fill_channels()
        self.load()
        self.resize(1000, 560)
        self.table.setFocus()

    # --- the list --------------------------------------------------------------
    def _fill_channels(self) -> None:
        keep = self.channel_filter.currentData()
        blocked = self.channel_filter.blockSignals(True)
        self.channel_filter.clear()
        self.channel_filter.addItem("全部", None)
        used = self.db.complaints.channels()
        for channel in list(COMPLAINT_CHANNELS) + [c for c in used if c not in COMPLAINT_CHANNELS]:
            self.channel_filter.addItem(channel, channel)
        self.channel_filter.setCurrentIndex(max(0, self.channel_filter.findData(keep)))
        self.channel_filter.blockSignals(blocked)

    def load(self, select: int | None = None) -> None:
        keep = select if select is not None else selected_id(self.table)
        replied = {REPLY_AWAITING: False, REPLY_DONE: True}.get(self.reply_filter.currentText())
        rows = self.db.complaints.list(self.channel_filter.currentData(), replied)
        window = self.db.settings.complaint_reply_days()
        table = self.table
        table.setRowCount(len(rows))
        overdue = 0
        for r, c in enumerate(rows):
            due = due_date(c["received_date"], window)
            late = c["reply_date"] is None and self.today > due
            overdue += late
            number = c["problem_number"] or ""
            cells = [item(format_cn(c["received_date"]), c["id"]), item(c["channel"]),
                     item(c["content"], tooltip=c["content"]), item(c["complainant"]),
                     item(c["handling_unit"]),
                     item(("已逾期 " if late else "") + format_cn(due)
                          if c["reply_date"] is None else ""),
                     item(format_cn(c["reply_date"])), item(c["result"]),
                     item(number, tooltip=c["problem_title"])]
            for col, cell in enumerate(cells):
                if late:
                    cell.setForeground(QBrush(OVERDUE_TEXT))
                    cell.setBackground(QBrush(OVERDUE_BACK))
                    if col == 5:
                        font = QFont(cell.font())
                        font.setBold(True)
                        cell.setFont(font)
                table.setItem(r, col, cell)
        awaiting = sum(1 for c in rows if c["reply_date"] is None)
        self.count_label.setText(f"共 {len(rows)} 件，待答复 {awaiting} 件"
                                 + (f"，逾期未答复 {overdue} 件" if overdue else "")
                                 + f"（答复时限 {window} 天）")
        select_id(table, keep)
        self._update_buttons()

    def selected(self) -> dict | None:
        cid = selected_id(self.table)
        return self.db.complaints.get(cid) if cid is not None else None

    def _update_buttons(self) -> None:
        c = self.selected()
        writable = not self.db.read_only
        self.add_button.setEnabled(writable)
        self.window_button.setEnabled(writable)
        self.edit_button.setEnabled(c is not None)
        self.delete_button.setEnabled(writable and c is not None)
        self.convert_button.setEnabled(writable and c is not None and c["problem_id"] is None)
        self.open_button.setEnabled(c is not None and c["problem_id"] is not None)
        edit = self._last_edit()
        self.undo_button.setEnabled(writable and edit is not None)
        self.undo_button.setToolTip(f"撤销对投诉{edit.label}的修改（Ctrl+Z）" if edit else
                                    "撤销最近一次对投诉的修改（Ctrl+Z）")

    def _last_edit(self):
        """The history's last edit when it is a complaint's (what Ctrl+Z undoes here)."""
        edit = self.history.last_edit() if self.history is not None else None
        return edit if edit is not None and edit.store == "complaints" else None

    def _wrote(self, complaint_id: int, *more: Changes) -> None:
        """What the window wrote; the main window announces it when the window closes."""
        self.changes |= Changes.of(RecordKind.COMPLAINT, complaint_id)
        for extra in more:
            self.changes |= extra

    # --- actions -----------------------------------------------------------------
    def add(self) -> None:
        if not self.add_button.isEnabled():
            return
        cid = ComplaintDialog.ask(self, self.db)
        if cid is not None:
            self._wrote(cid)
            self._fill_channels()
            self.load(select=cid)
        self.table.setFocus()

    def edit(self) -> None:
        c = self.selected()
        if c is None:
            return
        if self.db.read_only:
            QMessageBox.information(self, "只读", "数据库是只读打开的，只能查看，不能修改")
            return
        if ComplaintDialog.ask(self, self.db, c["id"], history=self.history) is not None:
            self._wrote(c["id"])
            self._fill_channels()
            self.load(select=c["id"])
        self.table.setFocus()

    def delete(self) -> None:
        c = self.selected()
        if c is None or not self.delete_button.isEnabled():
            return
        if c["problem_id"] is not None:
            number = self.db.problems.get(c["problem_id"])["number"]
            text = (f"该投诉已转为问题 {number}。\n删除投诉后，问题 {number} 仍保留在台账中，"
                    "只是不再显示来源投诉。\n确定删除这件投诉吗？")
        else:
            text = "删除这件投诉吗？删除后不能恢复。"
        answer = QMessageBox.question(self, "确认删除", text, QMessageBox.Yes | QMessageBox.No,
                                      QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            self.db.complaints.delete(c["id"])
        except UserError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return
        extra = Changes.of(RecordKind.PROBLEM, c["problem_id"]) if c["problem_id"] else None
        self._wrote(c["id"], *([extra] if extra else []))
        self.load()
        self.table.setFocus()

    def undo(self) -> None:
        """Write the last complaint edit's old values back (an audited edit itself)."""
        edit = self._last_edit()
        if edit is None or self.db.read_only:
            QMessageBox.information(self, "撤销", "没有可以撤销的投诉修改")
            return
        try:
            self.history.undo(self.db)
        except UserError as exc:
            QMessageBox.warning(self, "不能撤销", str(exc))
            self.load()
            return
        self.changes |= edit.changes()
        self.load(select=edit.record_id)
        self.count_label.setText(self.count_label.text() + f"　已撤销{edit.label}的修改")
        self.table.setFocus()

    def set_reply_days(self) -> None:
        from govcredit_desktop.store.settings import MAX_COMPLAINT_REPLY_DAYS

        days, ok = QInputDialog.getInt(
            self, "投诉答复时限", "投诉受理后应在多少天内答复：",
            self.db.settings.complaint_reply_days(), 1, MAX_COMPLAINT_REPLY_DAYS)
        if not ok:
            return
        try:
            self.db.settings.set_complaint_reply_days(days)
        except UserError as exc:
            QMessageBox.warning(self, "投诉答复时限", str(exc))
            return
        self.changes |= Changes.some(RecordKind.COMPLAINT)
        self.load()

    def _campaign(self) -> int | None:
        campaign = self.campaign_id()
        if campaign is not None:
            return campaign
        campaigns = self.db.settings.list_campaigns()
        if not campaigns:
            QMessageBox.information(self, "转为问题", "请先在“设置 → 专项治理”中新建一个专项治理。")
            return None
        if len(campaigns) == 1:
            return campaigns[0]["id"]
        names = [c["name"] for c in campaigns]
        name, ok = QInputDialog.getItem(self, "转为问题", "登记到哪个专项治理：", names, 0, False)
        return campaigns[names.index(name)]["id"] if ok else None

    def convert(self) -> None:
        from govcredit_desktop.ui.problem_editor import ProblemEditor

        c = self.selected()
        if c is None or not self.convert_button.isEnabled():
            return
        campaign = self._campaign()
        if campaign is None:
            return
        changes = ProblemEditor.edit(self, self.db, None, campaign, self.history,
                                     self.operations, complaint_id=c["id"])
        self.changes |= changes
        if self.db.complaints.get(c["id"])["problem_id"] is not None:
            self._wrote(c["id"], changes)
        self.load(select=c["id"])
        self.table.setFocus()

    def open_problem(self) -> None:
        from govcredit_desktop.ui.problem_editor import ProblemEditor

        c = self.selected()
        if c is None or c["problem_id"] is None:
            return
        self.changes |= ProblemEditor.edit(self, self.db, c["problem_id"], None, self.history,
                                           self.operations)
        self.load(select=c["id"])
        self.table.setFocus()

    @classmethod
    def show_register(cls, parent, db, campaign_id=lambda: None, history=None,
                      operations=None) -> Changes:
        dialog = cls(parent, db, campaign_id, history, operations)
        dialog.exec()
        return dialog.changes
