"""The 提醒 bar above the ledger: what is due (store.queries.reminders), at start-up and
each day the window stays open.

Not a dialog: the clerk can work on while it is shown, close it (关闭, Esc in the list)
and open it again from 查看 → 提醒.  Each line opens its record — a problem or measure
in the problem editor, a complaint in the complaint register, a campaign's deadline in
the campaign settings — on a click or Enter (``opener(reminder)``, given by the window).
The list is read off the GUI thread and again shortly after any write of what it lists
(``AFTER_EDIT_MS``), when the edit's own repaint and counts are done.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.store import KIND_COUNTY
from govcredit_desktop.store.queries import reminders as rq
from govcredit_desktop.ui.latest_read import LatestRead
from govcredit_desktop.ui.lights import LIGHT_COLOURS

REMINDER_KINDS = (RecordKind.PROBLEM, RecordKind.MEASURE, RecordKind.CAMPAIGN,
                  RecordKind.COMPLAINT, RecordKind.SETTING, RecordKind.DATABASE)
CHECK_DAY_MS = 10 * 60 * 1000  # the date is looked at every ten minutes
# After an edit the list is read this much later (edits in a row read it once): the
# read holds the connection's lock for ~50 ms at 100k, which the ledger's re-read rows
# and the status line's counts of that edit would otherwise wait behind.
AFTER_EDIT_MS = 400
ROLE = Qt.ItemDataRole.UserRole


def line_text(r: rq.Reminder, today: _dt.date) -> str:
    left = r.days_left(today)
    when = (f"已逾期{-left}天" if left < 0 else "今天到期" if left == 0
            else f"剩{left}天")
    return f"【{rq.KIND_TEXT[r.kind]}】{format_cn(r.due_date)}（{when}） {r.text}"


class _List(QListWidget):
    """Enter opens the line, Esc closes the bar."""

    opened = Signal(object)
    dismissed = Signal()

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.opened.emit(self.currentItem())
            return
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.dismissed.emit()
            return
        super().keyPressEvent(event)


class RemindersPanel(QFrame):
    """``refresh()`` reads what is due; ``opener(reminder)`` opens a line's record."""

    def __init__(self, operations, opener: Callable[[rq.Reminder], None], parent=None):
        super().__init__(parent)
        self.operations = operations
        self.opener = opener
        self.today = _dt.date.today
        self.due: rq.Reminders | None = None
        self.dismissed = False
        self._day: _dt.date | None = None
        self.setObjectName("reminders_panel")
        self.setStyleSheet("#reminders_panel { background: #fff8e1;"
                           " border-bottom: 1px solid #e0c060; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(3)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.heading, 1)
        self.close_button = QPushButton("关闭提醒", self)
        self.close_button.setToolTip("收起提醒栏；可从“查看 → 提醒”再次打开")
        self.close_button.clicked.connect(self.dismiss)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.list = _List(self)
        self.list.setAccessibleName("提醒")
        self.list.setToolTip("单击或按回车打开该项")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 5 + 12)
        self.list.itemClicked.connect(self._open)
        self.list.opened.connect(self._open)
        self.list.dismissed.connect(self.dismiss)
        layout.addWidget(self.list)
        self.more = QLabel(self)
        self.more.setWordWrap(True)
        self.more.setStyleSheet("color: #6d4c00;")
        layout.addWidget(self.more)
        self.hide()

        self.reader = LatestRead(self)
        self.reader.ready.connect(self._show)
        operations.changed.connect(self.apply_changes)
        # Daily while open: a new day re-reads the list and shows it again.
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_DAY_MS)
        self.timer.timeout.connect(self.check_day)
        self.timer.start()
        self.after_edit = QTimer(self)
        self.after_edit.setSingleShot(True)
        self.after_edit.setInterval(AFTER_EDIT_MS)
        self.after_edit.timeout.connect(self.refresh)

    # --- reading -------------------------------------------------------------------
    def refresh(self) -> None:
        self.after_edit.stop()  # this read covers the edits it waited for
        db = self.operations.db
        today = self.today()
        self._day = today
        if db.kind == KIND_COUNTY:  # the county's records are the departments' to keep
            self._show(None)
            return

        def read():
            days = db.settings.warning_days()
            return rq.reminders(db, today, days)

        self.reader.request(read)

    def check_day(self) -> None:
        if self._day is not None and self.today() != self._day:
            self.dismissed = False  # a new day's list is news
            self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        if RecordKind.DATABASE in changes:
            self.dismissed = False  # another file: its reminders are shown afresh
            self.refresh()
        elif changes.affects(REMINDER_KINDS):
            self.after_edit.start()

    def wait(self, msecs: int = 5000) -> None:
        from PySide6.QtWidgets import QApplication

        if self.after_edit.isActive():
            self.refresh()
        while self.reader.pending:
            self.reader.wait(msecs)
            QApplication.processEvents()

    # --- showing -------------------------------------------------------------------
    def reopen(self) -> None:
        """查看 → 提醒: shown again, even when nothing is due (it says so)."""
        self.dismissed = False
        self.setVisible(True)
        self.refresh()
        self.list.setFocus()

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def _show(self, due: rq.Reminders | None) -> None:
        if due is not None and due == self.due:
            # An edit that changed nothing listed (most do): the lines, the current one
            # and the scroll stay; rebuilding them cost ~40 ms of the GUI thread at 100k.
            self.setVisible(not self.dismissed and (not due.empty or self.isVisible()))
            return
        self.due = due
        self.list.clear()
        if due is None:
            self.hide()
            return
        today = due.today
        for r in due.items:
            item = QListWidgetItem(line_text(r, today))
            item.setData(ROLE, r)
            if r.overdue:
                item.setForeground(QColor(LIGHT_COLOURS["red"]))
            self.list.addItem(item)
        t = due.totals
        overdue = sum(due.overdue.values())
        parts = [f"问题 {t.get(rq.PROBLEM, 0)} 个", f"整改措施 {t.get(rq.MEASURE, 0)} 项",
                 f"待答复投诉 {t.get(rq.COMPLAINT, 0)} 件",
                 f"报送截止 {t.get(rq.CAMPAIGN, 0)} 项"]
        self.heading.setText(
            f"<b>提醒</b>（{due.warning_days}天内到期或已逾期）：" + "，".join(parts)
            + (f"；<span style='color:{LIGHT_COLOURS['red']}'>其中已逾期 {overdue} 项</span>"
               if overdue else ""))
        more = [f"另有{rq.KIND_TEXT[k]} {due.more(k)} 项未列出" for k in (rq.PROBLEM, rq.MEASURE,
                                                                      rq.COMPLAINT)
                if due.more(k) > 0]
        self.more.setText("；".join(more) + ("（在台账中按“预警灯”筛选红灯、黄灯可看全部）"
                                            if more else ""))
        self.more.setVisible(bool(more))
        if due.empty:
            self.list.hide()
            self.heading.setText(f"<b>提醒</b>：{due.warning_days}天内没有到期或逾期的事项。")
        else:
            self.list.show()
            self.list.setCurrentRow(0)
        # At start-up and each new day only when something is due; always after 查看 → 提醒.
        self.setVisible(not self.dismissed and (not due.empty or self.isVisible()))

    def _open(self, item: QListWidgetItem) -> None:
        reminder = item.data(ROLE)
        if reminder is not None:
            self.opener(reminder)
