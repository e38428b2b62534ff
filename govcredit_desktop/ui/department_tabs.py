"""A department's window below the toolbar: the 台账 and 统计 tabs, and the 提醒 bar
above the ledger; the window's menus get their actions from here (查看 → 统计 / 提醒,
设置 → 预警天数).

The dashboard is made when its tab is first shown: QtCharts is not loaded for a start-up
that only paints the ledger (docs/ARCHITECTURE.md, heavy libraries).  A bar or slice
clicked on it puts its filter in the filter bar and switches to the ledger.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QTabWidget, QVBoxLayout, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.rules import WARNING_DAYS_RANGE
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries import reminders as rq
from govcredit_desktop.ui.background import show_error
from govcredit_desktop.ui.reminders_panel import RemindersPanel

LEDGER_TAB, DASHBOARD_TAB = 0, 1
REMINDERS_AFTER_MS = 1500


class DepartmentTabs(QWidget):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.dashboard = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs)
        self.tabs.addTab(window.ledger_page, "台账(&T)")
        self.dashboard_page = QWidget(self.tabs)
        QVBoxLayout(self.dashboard_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.dashboard_page, "统计(&S)")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.reminders = RemindersPanel(window.operations, self.open_reminder,
                                        window.ledger_page)
        window.ledger_page.layout().insertWidget(1, self.reminders)

        self.dashboard_action = self._action("统计(&S)", self.show_dashboard, "Ctrl+3",
                                             "整改进度统计图：点击图中的柱或扇区可筛选台账")
        self.reminders_action = self._action("提醒(&M)", self.reminders.reopen, "Ctrl+4",
                                             "显示到期和逾期的问题、整改措施、待答复投诉和报送截止")
        self.warning_days_action = self._action("预警天数(&W)…", self.edit_warning_days, None,
                                                "整改时限前多少天亮黄灯并列入提醒")

    def _action(self, text: str, slot, shortcut, tip: str) -> QAction:
        action = QAction(text, self.window_)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.window_.addAction(action)
        return action

    def view_actions(self) -> list[QAction]:
        return [self.dashboard_action, self.reminders_action]

    # --- the ledger's place (the county window borrows it for its own tabs) -----------
    def holds_ledger(self) -> bool:
        return self.tabs.indexOf(self.window_.ledger_page) == LEDGER_TAB

    def take_ledger(self) -> None:
        self.tabs.insertTab(LEDGER_TAB, self.window_.ledger_page, "台账(&T)")
        self.tabs.setCurrentIndex(LEDGER_TAB)

    def show_ledger(self) -> None:
        self.tabs.setCurrentIndex(LEDGER_TAB)
        self.window_.table.setFocus()

    # --- the dashboard -----------------------------------------------------------
    def show_dashboard(self) -> None:
        if self.window_.county:
            return
        self.tabs.setCurrentIndex(DASHBOARD_TAB)

    def _tab_shown(self, index: int) -> None:
        if (self.tabs.widget(index) is self.dashboard_page and self.dashboard is None
                and not self.window_.county):
            from govcredit_desktop.ui.dashboard import Dashboard

            self.dashboard = Dashboard(self.window_.operations, self.dashboard_page)
            self.dashboard.set_campaign(self.window_.model.ledger_filter.campaign_id)
            self.dashboard.filterRequested.connect(self.filter_ledger)
            self.dashboard_page.layout().addWidget(self.dashboard)
            self.dashboard.show()  # added to a page already shown

    def follow_filter(self, ledger_filter: lq.LedgerFilter) -> None:
        """The dashboard shows the campaign the ledger shows."""
        if self.dashboard is not None:
            self.dashboard.set_campaign(ledger_filter.campaign_id)

    def filter_ledger(self, values: dict) -> None:
        """A bar or slice: its problems in the ledger, the filter in the filter bar."""
        self.show_ledger()
        self.window_.filter_bar.show_only(**values)

    # --- reminders -----------------------------------------------------------------
    def start_reminders(self) -> None:
        """After the first paint, and after the status line's counts: at 100k the
        reminders' scans take ~1 s (every measure is read), holding the connection's lock
        the ledger's pages also need, so they wait until the window has settled."""
        if not self.window_.county:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(REMINDERS_AFTER_MS, self._first_reminders)

    def _first_reminders(self) -> None:
        # Not for a window closed meanwhile, nor a county file opened since.
        if self.isVisible() and not self.window_.county and self.reminders.due is None:
            self.reminders.refresh()

    def open_reminder(self, r: rq.Reminder) -> None:
        w = self.window_
        if r.kind in (rq.PROBLEM, rq.MEASURE):
            self.show_ledger()
            w.edit_problem_by_id(r.problem_id)
        elif r.kind == rq.CAMPAIGN:
            w.edit_campaigns()
        elif r.kind == rq.COMPLAINT:
            self.open_complaint(r.record_id)

    def open_complaint(self, complaint_id: int) -> None:
        """The complaint's own dialog (投诉登记), where its reply is entered."""
        from govcredit_desktop.ui.record_dialogs import ComplaintDialog

        try:
            saved = ComplaintDialog.ask(self.window_, self.window_.db, complaint_id)
        except UserError as exc:  # deleted meanwhile
            show_error(self, "投诉", exc)
            return
        if saved is not None:
            self.window_.announce(Changes.of(RecordKind.COMPLAINT, complaint_id))

    def edit_warning_days(self) -> None:
        db = self.window_.db
        low, high = WARNING_DAYS_RANGE
        days, ok = QInputDialog.getInt(
            self, "预警天数", f"整改时限前多少天亮黄灯并列入提醒（{low}–{high} 天）：",
            db.settings.warning_days(), low, high)
        if not ok:
            return
        try:
            changed = db.settings.set_warning_days(days)
        except UserError as exc:
            show_error(self, "预警天数", exc)
            return
        if changed:
            self.window_.announce(Changes.some(RecordKind.SETTING))
            # The 黄灯 of the ledger follows: its filter carries the window.
            self.window_.apply_filter(self.window_.filter_bar.current_filter())

    def wait(self) -> None:
        """No read runs on the database (another file is opened, the window closes)."""
        self.reminders.reader.wait()
        if self.dashboard is not None:
            self.dashboard.reader.wait()
