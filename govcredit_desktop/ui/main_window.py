"""The main window: menus and toolbar around the filter bar, the ledger table and the status bar.

The window only wires things together: rows come from ``LedgerModel``,
filters from ``FilterBar``, editing from the dialogs (imported when their
action is used, so start-up stays light), the status line from
``status_line``.  What a dialog or an operation wrote goes out on
``self.operations.changed`` (``ui/operations.py``); the model, the filter bar,
the status line and the title each follow the kinds of record they show.
"""

import datetime as _dt
import hashlib
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import govcredit_desktop
from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store import KIND_COUNTY, KIND_DEPARTMENT
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import show_error
from govcredit_desktop.ui.error_log import open_log_folder
from govcredit_desktop.ui.filter_bar import FilterBar
from govcredit_desktop.ui.ledger_model import COLUMN_KEYS, COLUMNS, LedgerModel
from govcredit_desktop.ui.operations import Operations, ask_wait_or_cancel
from govcredit_desktop.ui.status_counts import StatusCounts
from govcredit_desktop.ui.undo import DISHONESTY_STORES, EditHistory

APP_TITLE = "政务失信问题整改台账"
COUNTY_TITLE = "县信用办汇总"
COUNTY_READ_ONLY_TEXT = "汇总台账只读：记录来自各单位的报送包，如需改正请由报送单位修改后重新报送"
DEADLINE_KINDS = (("self_inspection_deadline", "自查情况报告"),
                  ("plan_deadline", "整改方案"),
                  ("rectification_deadline", "整改报告"))
# The status line counts problems by status and deadline and names the campaign's deadline.
STATUS_KINDS = (RecordKind.PROBLEM, RecordKind.MEASURE, RecordKind.PROGRESS,
                RecordKind.CAMPAIGN, RecordKind.DATABASE)
TITLE_KINDS = (RecordKind.DEPARTMENT, RecordKind.DATABASE)
HEADER_KEY = "ledger/header_v3"  # v2: the light after 编号 (issue 14); v3: 单位 (issue 16)
MANUAL_KEY = "ledger/hand_sized"
# The check on open: its progress dialog only for a read slower than usual (see
# check_on_open).
OPEN_CHECK_DIALOG_AFTER_MS = 2000
# Columns of free text that give up width on a narrow screen before the title does.
SHRINKABLE = ("area", "category", "responsible_unit", "progress", "department")
# County mode, when even the shrunk columns leave the title too little: a department's
# own 责任人, then 责任单位, are left out first (the filter bar still offers them).
COUNTY_DROPPABLE = ("responsible_person", "responsible_unit")
# The database opened last and its kind: the next start opens it again.
LAST_DB_KEY = "database/last_path"
LAST_KIND_KEY = "database/last_kind"


def counts_text(s: lq.Summary) -> str:
    return (f"合计 {s.total} 个问题 · 逾期 {s.overdue} · 即将到期 {s.due_soon}"
            f" · 已销号 {s.closed}")


def deadline_text(campaign: dict | None, today: _dt.date) -> str:
    """Days to the campaign's next submission deadline, or how late the last one is."""
    if not campaign:
        return ""
    dated = [(_dt.date.fromisoformat(campaign[k]), label)
             for k, label in DEADLINE_KINDS if campaign.get(k)]
    if not dated:
        return ""
    upcoming = sorted(d for d in dated if d[0] >= today)
    if upcoming:
        day, label = upcoming[0]
        days = (day - today).days
        if days == 0:
            return f"“{label}”今天报送截止"
        return f"距“{label}”报送截止还有 {days} 天"
    day, label = max(dated)
    return f"“{label}”报送截止已逾期 {(today - day).days} 天"


NO_MATCH_TEXT = ("没有符合条件的问题。\n"
                 "点筛选栏右端的“清除筛选”（Ctrl+Shift+L）显示全部问题。")
EMPTY_LEDGER_TEXT = "台账中还没有问题。"


class LedgerView(QTableView):
    """The table; says when it has painted (start-up timing, screenshots), and says in
    words why it is empty: a blank table reads as a lost ledger."""

    painted = Signal()
    resized = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.filtered = lambda: False  # the window tells whether a filter hides rows

    def empty_message(self) -> str:
        if self.model() is None or self.model().rowCount():
            return ""
        return NO_MATCH_TEXT if self.filtered() else EMPTY_LEDGER_TEXT

    def paintEvent(self, event):
        super().paintEvent(event)
        message = self.empty_message()
        if message:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(20, 40, -20, -20)
            painter.drawText(area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, message)
            painter.end()
        self.painted.emit()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.resized.emit()

    def viewportEvent(self, event):
        # The viewport narrows when the vertical scroll bar appears without the view
        # being resized (a tab shown for the first time): the columns follow it too.
        handled = super().viewportEvent(event)
        if event.type() == QEvent.Type.Resize:
            self.resized.emit()
        return handled


class MainWindow(QMainWindow):
    def __init__(self, db, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.operations = Operations(db, self)
        self.settings = settings or QSettings()
        self._after_paint: list | None = []  # None once the window has painted
        self.history = EditHistory(parent=self)
        self.history.changed.connect(self._update_actions)

        self.filter_bar = FilterBar(db, self)
        self.model = LedgerModel(db, parent=self)
        self._damage_said: str | None = None
        # What could not be read, said once each; ``interactive`` False (a scripted
        # screenshot) keeps it here instead of in a dialog nobody would close.
        self.unreadable: list[str] = []
        self.interactive = True
        # Queued: the failed read happens inside a paint, where a dialog must not open.
        self.model.readFailed.connect(self._say_unreadable, Qt.ConnectionType.QueuedConnection)
        self.table = LedgerView(self)
        self.table.filtered = self.filter_bar.is_filtered
        self._setup_table()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._row_menu)
        # The filter bar, the hint and the table: the window itself for a department,
        # the 汇总台账 tab beside the coverage board for the county office.
        self.ledger_page = QWidget(self)
        layout = QVBoxLayout(self.ledger_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        # A department's window: the ledger, the 统计 tab and the 提醒 bar.
        from govcredit_desktop.ui.department_tabs import DepartmentTabs

        self.department_page = DepartmentTabs(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.board = None  # the coverage board, made for the first county file
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.department_page)
        self.pages.addWidget(self.tabs)
        self.setCentralWidget(self.pages)

        self.status_counts = StatusCounts(self)
        self.status_counts.ready.connect(self._show_counts)
        self.counts_label = QLabel(self)
        self.deadline_label = QLabel(self)
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.deadline_label)
        # The overdue problems are the day's work: said at start-up and whenever
        # a filter hides them, one click away.
        self.overdue_hint = QToolButton(self)
        self.overdue_hint.setAutoRaise(True)
        self.overdue_hint.setStyleSheet("color: #c62828; font-weight: bold;")
        self.overdue_hint.hide()
        self.statusBar().addPermanentWidget(self.overdue_hint)
        # The title bar alone is easy to miss: say it where the counts are read.
        self.read_only_label = QLabel("只读打开，不能修改", self)
        self.read_only_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.read_only_label)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self.overdue_hint.clicked.connect(self.overdue_action.trigger)
        self._restore_settings()
        self._apply_mode()
        self.filter_bar.filterChanged.connect(self.apply_filter)
        # In this order: the selection is noted before the model may reset,
        # and restored (with the status line) after everything followed.
        self._kept: tuple[int | None, int] = (None, -1)
        self._select_next: int | None = None
        changed = self.operations.changed
        changed.connect(self._note_selection)
        changed.connect(self.model.apply_changes)
        changed.connect(self.filter_bar.apply_changes)
        changed.connect(self._follow_changes)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._update_actions)
        # A mouse click moves the current row before it selects it.
        selection.selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.model.layoutChanged.connect(self._update_actions)
        self._update_title()
        self._update_actions()
        # Start-up paints the ledger first; the counts follow (issue 21).
        self.table.painted.connect(self._first_paint)
        self.deadline_label.setText("" if self.county else deadline_text(
            self._status_campaign(self.model.ledger_filter), self.model.ledger_filter.today))
        self.table.setFocus()
        if self.model.rowCount():
            # A current row from the start: Enter edits at once.
            self.select_problem(None, 0)

    # --- construction --------------------------------------------------------------
    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        t.setAccessibleName("问题台账")
        fm = t.fontMetrics()
        vh = t.verticalHeader()
        vh.hide()
        # Fixed row heights: the view never asks every row for its size.
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(fm.height() + 10)
        hh = t.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setHighlightSections(False)
        hh.setStretchLastSection(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # Widths were chosen with 12-pixel CJK glyphs; follow the real font size.
        scale = max(1.0, fm.horizontalAdvance("中") / 12)
        self._default_widths = [round(col.width * scale) for col in COLUMNS]
        self._min_widths = self._narrowest_widths()
        self._sizing = False  # True while the window sizes columns, not the user
        self._manual: set[str] = set()  # keys of the columns the user sized by hand
        for i, width in enumerate(self._default_widths):
            hh.resizeSection(i, width)
        # The light is what a clerk scans first (issue 14): right after 编号.
        hh.moveSection(hh.visualIndex(self.model.column_of("light")), 1)
        # County mode: whose problem it is, right after the light (hidden otherwise).
        hh.moveSection(hh.visualIndex(self.model.column_of("department")), 2)
        hh.sectionResized.connect(self._section_resized)
        t.resized.connect(self.fit_title_column)
        hh.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        t.doubleClicked.connect(self.edit_problem)

    def _action(self, text: str, slot, shortcut=None, tip: str = "",
                widget_only: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if widget_only:
            # Enter and Delete act on the table only, so they still work as
            # usual in the search box.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
        else:
            self.addAction(action)
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        S = QKeySequence.StandardKey
        self.open_action = self._action("打开数据库(&O)…", self.open_database, S.Open,
                                        "打开另一个台账数据库文件")
        self.new_db_action = self._action("新建单位台账数据库(&N)…", self.new_database, None,
                                          "新建一个空的单位台账数据库文件")
        self.new_county_action = self._action(
            "新建县信用办数据库(&C)…", self.new_county_database, None,
            "新建县信用办数据库：登记报送单位、接收报送包、汇总各单位台账")
        self.quit_action = self._action("退出(&X)", self.close, S.Quit)
        self.import_excel_action = self._action(
            "从 Excel 导入台账(&I)…", self.import_excel, "Ctrl+I",
            "把本单位已有的 Excel/WPS 台账导入本程序（先预览，确认后才写入）")
        self.import_excel_action.setIconText("导入 Excel…")
        self.new_action = self._action("新建问题(&N)", self.new_problem, "Ctrl+N",
                                       "在当前专项治理中登记一个新问题")
        self.edit_action = self._action("编辑问题(&E)", self.edit_problem,
                                        [Qt.Key.Key_Return, Qt.Key.Key_Enter],
                                        "编辑选中的问题（回车或双击）", widget_only=True)
        self.delete_action = self._action("删除问题(&D)", self.delete_problem,
                                          QKeySequence(Qt.Key.Key_Delete),
                                          "删除选中的问题（会先询问）", widget_only=True)
        self.undo_action = self._action("撤销(&U)", self.undo, S.Undo,
                                        "撤销最近一次对问题的修改")
        self.close_action = self._action("销号(&C)…", self.close_problem, None,
                                         "为整改完成的问题办理销号")
        # Not 撤销销号: beside 撤销(U) it reads as undoing the last edit.
        self.reopen_action = self._action("恢复未销号(&R)…", self.reopen_problem, None,
                                          "把已销号的问题恢复为未销号，以便继续整改（需填写原因）")
        self.copy_number_action = self._action("复制编号", self.copy_number, None,
                                               "把选中问题的编号复制到剪贴板")
        self.find_action = self._action("查找(&F)", self.filter_bar.focus_search, S.Find,
                                        "在标题、描述、涉及企业中搜索")
        self.clear_filter_action = self._action("清除筛选(&L)", self.filter_bar.clear,
                                                "Ctrl+Shift+L", "显示全部问题")
        self.refresh_action = self._action("刷新(&R)", self.refresh, S.Refresh, "重新读取台账")
        self.overdue_action = self._action("逾期", lambda: self.show_preset("red"),
                                           "Ctrl+1", "只显示已过整改时限、尚未销号的问题")
        self.due_soon_action = self._action(
            "即将到期", lambda: self.show_preset("yellow"), "Ctrl+2",
            "只显示整改时限将到、尚未销号的问题")
        self.department_action = self._action("单位信息(&D)…", self.edit_department)
        self.campaign_action = self._action("专项治理(&C)…", self.edit_campaigns)
        self.persons_action = self._action("责任人(&P)…", self.edit_persons)
        self.package_action = self._action(
            "生成报送包(&G)…", self.make_package, "Ctrl+Shift+U",
            "检查台账后生成签名的报送包，写入 U 盘，交县信用办")
        self.package_action.setIconText("报送…")
        self.submissions_action = self._action("报送记录(&L)…", self.show_submissions, None,
                                               "查看本单位生成过的报送包")
        self.key_action = self._action("签名密钥(&K)…", self.edit_key, None,
                                       "创建签名密钥、导出登记文件、修改密码或更换密钥")
        self.county_recipient_action = self._action(
            "县信用办公钥(&K)…", self.edit_county_recipient, None,
            "导入县信用办的公钥文件：以后的报送包加密发给县信用办")
        self.guide_action = self._action("使用说明(&G)", self.show_guide, "F1",
                                         "打开使用说明（含截图）")
        self.about_action = self._action("关于(&A)", self.about)
        self.backup_action = self._action("备份与恢复(&B)…", self.backup_restore, None,
                                          "立即备份、备份到 U 盘、从备份恢复、迁移到新电脑")
        self.log_folder_action = self._action("打开日志文件夹(&L)", open_log_folder, None,
                                              "程序出错时，把这里的日志文件发给技术支持人员")
        self.complaints_action = self._action("投诉登记(&T)…", self.show_complaints, "Ctrl+T",
                                              "登记和答复投诉，把投诉转为问题")
        self._create_county_actions()

    def _create_county_actions(self) -> None:
        from govcredit_desktop.ui import county_ui

        c = county_ui.CountyActions(self)
        self.county_actions = c
        self.register_action = self._action("登记报送单位(&R)…", c.register, None,
                                            "登记报送单位送来的登记文件（须电话核对证书指纹）")
        self.departments_action = self._action("已登记单位(&D)…", c.show_departments, None,
                                               "查看已登记的报送单位及其证书指纹和更换历史")
        self.import_action = self._action("接收报送包(&I)…", c.import_packages, "Ctrl+I",
                                          "从文件、文件夹或 U 盘接收各单位的报送包")
        self.import_action.setIconText("接收报送包…")
        self.received_action = self._action("接收记录(&L)…", c.show_received, None,
                                            "查看接收过的每一个报送包及其核验结果")
        self.county_excel_action = self._action("导出县级汇总台账(&E)…", c.export_ledger, None,
                                                "把各单位的问题汇总导出为 Excel 台账")
        self.county_summary_action = self._action("县级汇总报告(&S)…", c.summary_report, None,
                                                  "生成县级汇总报告 PDF，预览后可打印或另存")
        self.county_pdf_action = self._action("汇总台账（PDF）(&P)…", c.ledger_pdf, None,
                                              "生成各单位问题的汇总台账 PDF，预览后可打印或另存")
        self.reminder_action = self._action("催报清单(&M)…", c.reminder_list, None,
                                            "列出未报送和逾期报送的单位，预览后可打印")
        self.county_key_action = self._action("县信用办公钥(&K)…", c.export_key, None,
                                              "导出公钥文件发给各报送单位，报送包加密发来")

    def _create_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        self.file_menu = m
        m.addActions([self.open_action, self.new_db_action, self.new_county_action])
        m.addSeparator()
        m.addAction(self.import_excel_action)
        m.addAction(self.backup_action)
        m.addSeparator()
        m.addAction(self.quit_action)
        m = bar.addMenu("编辑(&E)")
        m.addActions([self.new_action, self.edit_action, self.delete_action])
        m.addSeparator()
        m.addAction(self.undo_action)
        m.addSeparator()
        m.addActions([self.close_action, self.reopen_action])
        m.addSeparator()
        m.addAction(self.complaints_action)
        m.addSeparator()
        m.addActions([self.find_action, self.clear_filter_action, self.refresh_action])
        m = bar.addMenu("查看(&V)")
        m.addActions([self.overdue_action, self.due_soon_action, self.clear_filter_action])
        m.addSeparator()
        m.addActions(self.department_page.view_actions())
        m = bar.addMenu("设置(&S)")
        self.settings_menu = m
        m.addActions([self.department_action, self.campaign_action, self.persons_action,
                      self.department_page.warning_days_action])
        m.addSeparator()
        m.addAction(self.county_recipient_action)
        self.reports_menu = bar.addMenu("报表(&R)")
        from govcredit_desktop.ui.reports_ui import populate_reports_menu

        populate_reports_menu(self.reports_menu, self, self.operations, self.default_campaign)
        m = bar.addMenu("报送(&U)")
        self.submit_menu = m
        m.addActions([self.package_action, self.submissions_action])
        m.addSeparator()
        m.addAction(self.key_action)
        m = bar.addMenu("县信用办(&C)")
        self.county_menu = m
        m.addActions([self.register_action, self.departments_action])
        m.addSeparator()
        m.addActions([self.import_action, self.received_action])
        m.addSeparator()
        m.addActions([self.county_excel_action, self.county_pdf_action,
                      self.county_summary_action, self.reminder_action])
        m.addSeparator()
        m.addAction(self.county_key_action)
        m = bar.addMenu("帮助(&H)")
        m.addActions([self.guide_action, self.log_folder_action, self.about_action])

    def _create_toolbar(self) -> None:
        tb = QToolBar("常用操作", self)
        tb.setObjectName("main_toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.new_action, self.edit_action, self.delete_action, None,
                  self.undo_action, None, self.close_action, self.reopen_action, None,
                  self.overdue_action, self.due_soon_action, None, self.import_excel_action,
                  self.package_action):
            if a is None:
                tb.addSeparator()
            else:
                tb.addAction(a)
        self.addToolBar(tb)
        self.toolbar = tb
        # The county office's own: one toolbar per mode, so no gaps of hidden buttons.
        ctb = QToolBar("县信用办常用操作", self)
        ctb.setObjectName("county_toolbar")
        ctb.setMovable(False)
        ctb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for a in (self.import_action, self.register_action, None, self.edit_action, None,
                  self.overdue_action, self.due_soon_action, None, self.reminder_action):
            if a is None:
                ctb.addSeparator()
            else:
                ctb.addAction(a)
        self.addToolBar(ctb)
        self.county_toolbar = ctb

    # --- the mode: a department's ledger or the county office's ------------------------
    @property
    def county(self) -> bool:
        return self.db.kind == KIND_COUNTY

    @property
    def _department_only(self) -> tuple[QAction, ...]:
        return (self.new_action, self.delete_action, self.undo_action, self.close_action,
                self.reopen_action, self.department_action, self.campaign_action,
                self.persons_action, self.package_action, self.submissions_action,
                self.key_action, self.county_recipient_action, self.complaints_action,
                self.import_excel_action, self.department_page.warning_days_action,
                *self.department_page.view_actions())

    @property
    def _county_only(self) -> tuple[QAction, ...]:
        return (self.register_action, self.departments_action, self.import_action,
                self.received_action, self.county_excel_action, self.county_pdf_action,
                self.county_summary_action, self.reminder_action, self.county_key_action)

    def _apply_mode(self) -> None:
        """Show what the open file's kind offers: a department edits its own ledger and
        makes packages; the county office registers, imports and reads the merged,
        read-only ledger beside the coverage board."""
        county = self.county
        for a in self._department_only:
            a.setVisible(not county)
        for a in self._county_only:
            a.setVisible(county)
        for m in (self.settings_menu, self.reports_menu, self.submit_menu):
            m.menuAction().setVisible(not county)
        self.county_menu.menuAction().setVisible(county)
        self.toolbar.setVisible(not county)
        self.county_toolbar.setVisible(county)
        self.edit_action.setText("查看问题(&E)" if county else "编辑问题(&E)")
        self.edit_action.setStatusTip("查看选中的问题（回车或双击；汇总台账只读）" if county
                                      else "编辑选中的问题（回车或双击）")
        self.table.setAccessibleName("汇总台账" if county else "问题台账")
        hh = self.table.horizontalHeader()
        hh.setSectionHidden(self.model.column_of("department"), not county)
        if county:
            self._show_county_pages()
        elif not self.department_page.holds_ledger():
            self.tabs.clear()
            self.department_page.take_ledger()
        self.pages.setCurrentWidget(self.tabs if county else self.department_page)
        self.fit_title_column()

    def _show_county_pages(self) -> None:
        from govcredit_desktop.ui.coverage_board import CoverageBoard

        if self.board is None:
            self.board = CoverageBoard(self.operations, self)
            self.board.departmentActivated.connect(self.show_department)
            self.board.reminderRequested.connect(self.county_actions.reminder_list)
        if self.tabs.count() == 0:
            self.tabs.addTab(self.board, "报送情况(&B)")
            self.tabs.addTab(self.ledger_page, "汇总台账(&T)")
        self.pages.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.board)
        # The ledger's tab is not painted yet, and the status line waits for that paint.
        QTimer.singleShot(0, self._counts_if_shown)

    def _counts_if_shown(self) -> None:
        # Not for a window closed meanwhile: its database may be closed too.
        if self.isVisible():
            self.update_status()

    def show_preset(self, light: str) -> None:
        """逾期 / 即将到期: in the ledger, which the county office reads in its own tab."""
        if self.county:
            self.tabs.setCurrentWidget(self.ledger_page)
        self.filter_bar.show_preset(light)

    def show_department(self, department_id: int) -> None:
        """The merged ledger of one department (double-click on the board)."""
        self.tabs.setCurrentWidget(self.ledger_page)
        self.filter_bar.select_department(department_id)
        self.table.setFocus()

    # --- settings --------------------------------------------------------------------
    def _db_key(self) -> str:
        path = str(Path(self.db.path).resolve()) if self.db.path else ":memory:"
        return hashlib.sha1(path.encode()).hexdigest()[:12]

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        # A new key: layouts saved before the light moved forward start from the new default.
        header = s.value(HEADER_KEY)
        if isinstance(header, QByteArray) and not header.isEmpty():
            self._sizing = True
            try:
                if self.table.horizontalHeader().restoreState(header):
                    manual = s.value(MANUAL_KEY) or []
                    self._manual = {k for k in ([manual] if isinstance(manual, str) else manual)
                                    if k in COLUMN_KEYS}
            finally:
                self._sizing = False
        self._restore_filters()
        # Enabling sorting sorts once by the (restored) header indicator.
        self.table.setSortingEnabled(True)

    def _restore_filters(self) -> None:
        state = self.settings.value(f"filters/{self._db_key()}")
        if isinstance(state, dict):
            self.filter_bar.restore_state(state)
        self.model.set_filter(self.filter_bar.current_filter())

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        s.setValue(MANUAL_KEY, sorted(self._manual))
        s.setValue(f"filters/{self._db_key()}", self.filter_bar.state())
        if self.db.path:
            s.setValue(LAST_DB_KEY, str(Path(self.db.path).resolve()))
            s.setValue(LAST_KIND_KEY, self.db.kind)
        s.sync()

    def showEvent(self, event):
        super().showEvent(event)
        self.fit_title_column()

    def paintEvent(self, event):
        super().paintEvent(event)
        if self._after_paint is not None:
            # Queued: it runs once this paint has reached the screen, the window's
            # children (the ledger or the county's board) painted with it; not at all
            # for a window destroyed meanwhile.
            for callback in self._after_paint:
                QTimer.singleShot(0, self, callback)
            self._after_paint = None

    def when_painted(self, callback) -> None:
        """Call ``callback`` once the window has first painted (start-up work that the
        first picture need not wait for: the damage check); at once if it has."""
        if self._after_paint is None:
            QTimer.singleShot(0, self, callback)
        else:
            self._after_paint.append(callback)

    def _narrowest_widths(self) -> list[int]:
        """Below these a column says nothing: its header, a full date, an amount of
        99,999,999.99 元, the light's dot with its word."""
        fm = self.table.fontMetrics()
        pad = 18  # the cell's margins and the sort arrow's room
        text = {"number": "2026-0000", "deadline": "2026年12月30日",
                "amount_involved": "99,999,999.99", "amount_repaid": "99,999,999.99",
                "status": "已整改待销号", "light": "●● 红灯", "progress": "0/10 项措施",
                "department": "县交通运输局"}
        widths = []
        for col in COLUMNS:
            sample = text.get(col.key, col.header)
            widths.append(max(fm.horizontalAdvance(sample), fm.horizontalAdvance(col.header))
                          + pad)
        return widths

    def _section_resized(self, logical: int, _old: int, _new: int) -> None:
        if self._sizing:
            return
        # The user dragged (or double-clicked) a divider: that width is theirs to keep.
        self._manual.add(COLUMNS[logical].key)
        self.fit_title_column()

    def fit_title_column(self) -> None:
        """Fill the table's width, on every resize: the title gets what the other columns
        leave; when that is too little (1024 px screens) the columns of longer text
        (领域, 问题类型, 责任单位, 进度, 单位) give up room first, never the light, dates or
        money; in the county's merged ledger, whose 单位 column takes room, a department's
        own 责任人 and 责任单位 are left out while even that is not enough. A column the
        user sized by hand keeps its width; once the title itself was sized by hand,
        nothing is fitted any more."""
        if "title" in self._manual or not self.table.isVisible():
            return  # a hidden table is fitted when it is shown (showEvent, resized)
        hh = self.table.horizontalHeader()
        title = self.model.column_of("title")
        droppable = [self.model.column_of(k) for k in COUNTY_DROPPABLE]
        dropped: list[int] = []
        while True:
            widths, short = self._fitted(title, droppable, dropped)
            if short <= 0 or not self.county or len(dropped) == len(droppable):
                break
            dropped.append(droppable[len(dropped)])
        hidden = [i for i in droppable if hh.isSectionHidden(i) != (i in dropped)]
        resized = {i: w for i, w in widths.items() if hh.sectionSize(i) != w}
        if not hidden and not resized:
            return
        # Told through sectionResized, the view repaints the columns once more on a 0 ms
        # timer (QTableView::columnResized), after the paint this sizing comes before (at
        # start-up, or a resize of the window): a second paint of the whole page.  The
        # view's geometry and one repaint are asked for here instead.
        self._sizing = True
        blocked = hh.blockSignals(True)
        try:
            for i in hidden:
                hh.setSectionHidden(i, i in dropped)
            for i, width in resized.items():
                hh.resizeSection(i, width)
        finally:
            hh.blockSignals(blocked)
            self._sizing = False
        self.table.updateGeometries()
        self.table.viewport().update()

    def _fitted(self, title: int, droppable: list[int],
                dropped: list[int]) -> tuple[dict[int, int], int]:
        """The widths of the columns shown (those of ``dropped`` left out) and by how
        many pixels the title still falls short of its narrowest."""
        hh = self.table.horizontalHeader()
        shown = [i for i in range(hh.count()) if i != title and i not in dropped
                 and (i in droppable or not hh.isSectionHidden(i))]
        widths = {i: (hh.sectionSize(i) if COLUMNS[i].key in self._manual
                      else self._default_widths[i]) for i in shown}
        room = self.table.viewport().width()
        # The merged ledger's 单位 is read before the title there: one character less.
        narrowest_title = ((9 if self.county else 10)
                           * self.table.fontMetrics().horizontalAdvance("中"))
        short = narrowest_title - (room - sum(widths.values()))
        give = [i for i in shown if COLUMNS[i].key in SHRINKABLE
                and COLUMNS[i].key not in self._manual]
        if short > 0 and give:
            spare = {i: max(0, widths[i] - self._min_widths[i]) for i in give}
            total = sum(spare.values())
            if total:
                ratio = min(1.0, short / total)  # each gives the same share of its spare
                for i in give:
                    widths[i] -= round(spare[i] * ratio)
        left = room - sum(widths.values())
        widths[title] = max(narrowest_title, left)
        return widths, narrowest_title - left

    def closeEvent(self, event):
        if not ask_wait_or_cancel(self, self.operations, "退出", "退出程序", self.close):
            event.ignore()
            return
        self.save_settings()
        self.status_counts.wait()
        self.department_page.wait()
        super().closeEvent(event)

    # --- the ledger -------------------------------------------------------------------
    @property
    def db(self):
        return self.operations.db

    def current_problem_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.problem_id(index.row())

    def select_problem(self, problem_id: int | None, near_row: int = 0) -> None:
        """Select a problem's row if it is in a page read; else the row ``near_row``."""
        row = self.model.row_of(problem_id) if problem_id is not None else None
        if row is None:
            if self.model.rowCount() == 0:
                return
            row = min(near_row, self.model.rowCount() - 1)
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def apply_filter(self, ledger_filter: lq.LedgerFilter) -> None:
        keep = self.current_problem_id()
        self.model.set_filter(ledger_filter)
        self.department_page.follow_filter(ledger_filter)
        # Looks for the kept problem only in the first page, which the view
        # reads anyway; otherwise the first row becomes current.
        self.model.row_data(0)
        self.select_problem(keep, 0)
        self.update_status()

    def refresh(self) -> None:
        """Re-read everything (F5): another program may have written the file."""
        self.operations.notify(Changes.everything())

    def announce(self, changes: Changes, select: int | None = None) -> None:
        """Tell everything that shows data what a dialog wrote; then ``select``
        (a new problem) or the problem selected before is selected."""
        self._select_next = select
        try:
            self.operations.notify(changes)
        finally:
            self._select_next = None

    def _note_selection(self, _changes: Changes) -> None:
        keep = self._select_next if self._select_next is not None else self.current_problem_id()
        self._kept = (keep, self.table.currentIndex().row())

    def _follow_changes(self, changes: Changes) -> None:
        keep, row = self._kept
        if self.current_problem_id() is None or self.current_problem_id() != keep:
            if row >= 0:
                self.model.row_data(row)  # read the page the problem was in
            self.select_problem(keep, max(row, 0))
        if changes.affects(STATUS_KINDS):
            self.status_counts.forget()
            self.update_status()
        if changes.affects(TITLE_KINDS):
            self._update_title()
        self._update_actions()

    def _first_paint(self) -> None:
        self.table.painted.disconnect(self._first_paint)
        self.update_status()
        self.department_page.start_reminders()

    def update_status(self) -> None:
        """Ask for the counts of the filter shown; ``_show_counts`` follows when read."""
        f = self.model.ledger_filter
        whole = (lq.LedgerFilter(campaign_id=f.campaign_id, today=f.today,
                                 warning_days=f.warning_days)
                 if self.filter_bar.is_filtered() else None)
        # Read before the worker takes the connection's lock, which would make it wait.
        # The county's deadline is the board's; a department campaign's would mislead.
        self.deadline_label.setText("" if self.county
                                    else deadline_text(self._status_campaign(f), f.today))
        self.status_counts.request(self.db, f, whole)

    def wait_for_counts(self, msecs: int = 5000) -> None:
        """Until the status line shows the figures of the filter shown (a screenshot
        of the window, tests)."""
        if not self.status_counts.requested:
            self.update_status()
        deadline = time.monotonic() + msecs / 1000
        while self.status_counts.pending and time.monotonic() < deadline:
            self.status_counts.wait(msecs)
            QApplication.processEvents()  # delivers the figures (a queued signal)

    def _show_counts(self, shown: lq.Summary, whole: lq.Summary) -> None:
        f = self.model.ledger_filter
        text = counts_text(shown)
        if self.filter_bar.is_filtered():
            text += "（已筛选）"
        self.counts_label.setText(text)
        self.overdue_action.setText(f"逾期（{whole.overdue}）")
        self.due_soon_action.setText(f"即将到期（{whole.due_soon}）")
        self.overdue_hint.setText(f"有 {whole.overdue} 个问题已逾期，点此查看")
        self.overdue_hint.setVisible(whole.overdue > 0 and f.light != "red")
        if self.model.rowCount() == 0:
            # The sentence of an empty table follows the filter.  Only then: a table
            # of rows was painted with them already, and painting it again cost
            # every filter, search and edit another 25-35 ms at 100k.
            self.table.viewport().update()

    def _status_campaign(self, f: lq.LedgerFilter) -> dict | None:
        if f.campaign_id is not None:
            try:
                return self.db.settings.get_campaign(f.campaign_id)
            except UserError:
                return None
        campaigns = self.db.settings.list_campaigns()
        return campaigns[0] if campaigns else None

    def _update_title(self) -> None:
        if self.county:
            parts = [COUNTY_TITLE]
            office = self.db.county.name()
            if office:
                parts.append(office)
        else:
            dept = self.db.settings.department()
            parts = [APP_TITLE]
            if dept and dept.get("name"):
                parts.append(dept["name"])
        if self.db.path:
            parts.append(Path(self.db.path).name + ("（只读）" if self.db.read_only else ""))
        self.setWindowTitle(" — ".join(parts))
        self.read_only_label.setVisible(self.db.read_only)

    def _update_actions(self, *_args) -> None:
        pid = self.current_problem_id()
        row = self.model.row_data(self.table.currentIndex().row()) if pid else None
        for a in (self.edit_action, self.delete_action, self.copy_number_action):
            a.setEnabled(pid is not None)
        closed = bool(row) and row["status"] == ProblemStatus.CLOSED
        self.close_action.setEnabled(bool(row) and not closed)
        self.reopen_action.setEnabled(closed)
        self.new_action.setEnabled(bool(self.db.settings.list_campaigns()))
        self._update_undo()
        for a in (*self.department_page.view_actions(), self.department_page.warning_days_action):
            a.setEnabled(True)  # a department's file again (the branches below disable)
        if self.county:
            # The merged ledger is read-only: its records come only from packages.
            for a in self._department_only:
                a.setEnabled(False)
            self.edit_action.setEnabled(pid is not None)
            for a in (self.register_action, self.import_action):
                a.setEnabled(not self.db.read_only)
        elif self.db.read_only:
            # 编辑 still opens the editor, to read a problem in full.
            for a in (self.new_action, self.delete_action, self.undo_action, self.close_action,
                      self.reopen_action, self.department_action, self.campaign_action,
                      self.persons_action, self.package_action, self.import_excel_action,
                      self.department_page.warning_days_action):
                a.setEnabled(False)

    def _update_undo(self) -> None:
        """Name the problem and the field undo would change; disabled where it cannot."""
        edit = self.history.last_edit()
        text, tip, enabled = "撤销(&U)", "撤销最近一次对问题的修改", edit is not None
        if edit is not None and edit.problem_id is None:  # a complaint
            text = f"撤销投诉的{edit.label}(&U)"
            tip = f"把投诉登记中最近修改的{edit.label}改回修改前"
        elif edit is not None:
            try:
                problem = self.db.problems.get(edit.problem_id)
            except UserError:
                problem = None  # deleted since: undo says so and drops the edit
            if problem is not None:
                title = problem["title"]
                short = title if len(title) <= 12 else title[:11] + "…"
                text = f"撤销“{problem['number']} {short}”的{edit.label}(&U)"
                tip = f"把问题 {problem['number']} {title} 的{edit.label}改回修改前"
                if edit.store in DISHONESTY_STORES:
                    # 失信记录 stay writable on a closed problem (store/dishonesty.py).
                    what = {"sanctions": "惩戒措施", "repairs": "信用修复"}.get(
                        edit.store, "失信记录")
                    text = f"撤销“{problem['number']} {short}”{what}的{edit.label}(&U)"
                    tip = f"把问题 {problem['number']} {title} 的{what}的{edit.label}改回修改前"
                elif problem["status"] == ProblemStatus.CLOSED:
                    enabled = False
                    tip = (f"问题 {problem['number']} 已销号，不能撤销其{edit.label}的修改；"
                           "如需修改请先恢复未销号")
        self.undo_action.setText(text)
        self.undo_action.setToolTip(tip)
        self.undo_action.setStatusTip(tip)
        self.undo_action.setEnabled(enabled)

    # --- actions: problems -----------------------------------------------------------
    def default_campaign(self) -> int | None:
        f = self.model.ledger_filter
        if f.campaign_id is not None:
            return f.campaign_id
        campaigns = self.db.settings.list_campaigns()
        return campaigns[0]["id"] if campaigns else None

    def new_problem(self) -> None:
        from govcredit_desktop.ui.problem_editor import ProblemEditor

        campaign_id = self.default_campaign()
        if campaign_id is None:
            QMessageBox.information(self, "新建问题", "请先在“设置 → 专项治理”中新建一个专项治理。")
            return
        changes = ProblemEditor.edit(self, self.db, problem_id=None, campaign_id=campaign_id,
                                     history=self.history, operations=self.operations)
        created = changes.ids(RecordKind.PROBLEM)
        self.announce(changes, select=min(created) if created else None)

    def show_complaints(self) -> None:
        from govcredit_desktop.ui.complaints_window import ComplaintsWindow

        self.announce(ComplaintsWindow.show_register(
            self, self.db, self.default_campaign, self.history, self.operations))

    def edit_problem(self, *_args) -> None:
        from govcredit_desktop.ui.problem_editor import ProblemEditor

        pid = self.current_problem_id()
        if pid is None:
            return
        # The merged ledger is shown, never edited: it is what the packages said.
        extra = {"read_only": COUNTY_READ_ONLY_TEXT} if self.county else {}
        self.announce(ProblemEditor.edit(self, self.db, problem_id=pid, history=self.history,
                                         operations=self.operations, **extra), select=pid)

    def _row_menu(self, pos) -> None:
        """Right-click on a row: the row becomes the selected one, then what can be done to it."""
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.select_problem(self.model.problem_id(index.row()), index.row())
        menu = QMenu(self)
        menu.addActions([self.edit_action, self.close_action, self.reopen_action])
        menu.addSeparator()
        menu.addAction(self.copy_number_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def copy_number(self) -> None:
        if self.current_problem_id() is None:
            return
        number = self.model.row_data(self.table.currentIndex().row())["number"]
        QGuiApplication.clipboard().setText(number)
        self.statusBar().showMessage(f"已复制编号 {number}", 3000)

    def delete_problem(self) -> None:
        pid = self.current_problem_id()
        if pid is None:
            return
        row = self.model.row_data(self.table.currentIndex().row())
        answer = QMessageBox.question(
            self, "删除问题",
            f"确定要删除问题“{row['number']} {row['title']}”吗？\n\n"
            "该问题的整改措施、进展记录、佐证材料和政务失信记录会一并删除，删除后不能撤销"
            "（由投诉转来的，投诉登记保留）。"
            "（删除操作会记入审计日志。）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.db.problems.delete(pid)
        except UserError as exc:
            show_error(self, "删除问题", exc)
            return
        self.announce(Changes.of(RecordKind.PROBLEM, pid)
                      | Changes.some(RecordKind.MEASURE, RecordKind.PROGRESS, RecordKind.EVIDENCE,
                                     RecordKind.DISHONESTY, RecordKind.COMPLAINT))

    def undo(self) -> None:
        if not self.undo_action.isEnabled():
            return  # a closed problem (Ctrl+Z may arrive before the action is updated)
        try:
            edit = self.history.undo(self.db)
        except UserError as exc:
            show_error(self, "撤销", exc)
            return
        if edit is not None:
            self.announce(edit.changes(), select=edit.problem_id)
            self.statusBar().showMessage(f"已撤销{edit.label}的修改", 4000)

    def close_problem(self) -> None:
        from govcredit_desktop.ui.closure_dialogs import CloseProblemDialog

        pid = self.current_problem_id()
        if pid is not None:
            self.announce(CloseProblemDialog.ask(self, self.db, pid), select=pid)

    def reopen_problem(self) -> None:
        from govcredit_desktop.ui.closure_dialogs import ReopenDialog

        pid = self.current_problem_id()
        if pid is not None:
            self.announce(ReopenDialog.ask(self, self.db, pid), select=pid)

    # --- actions: settings -------------------------------------------------------------
    def edit_department(self) -> None:
        from govcredit_desktop.ui.department_dialog import DepartmentDialog

        self.announce(DepartmentDialog.ask(self, self.db))

    def edit_campaigns(self) -> None:
        from govcredit_desktop.ui.campaign_dialog import CampaignDialog

        self.announce(CampaignDialog.ask(self, self.db))

    def import_excel(self) -> None:
        from govcredit_desktop.ui.import_wizard import ImportWizard

        ImportWizard.ask(self, self.operations, self.default_campaign())

    def edit_persons(self) -> None:
        from govcredit_desktop.ui.persons_dialog import PersonsDialog

        self.announce(PersonsDialog.ask(self, self.db))

    # --- actions: 报送 -----------------------------------------------------------------
    def make_package(self) -> None:
        from govcredit_desktop.ui.package_dialog import PackageDialog

        self.announce(PackageDialog.ask(self, self.operations, self.default_campaign(),
                                        edit_problem=self.edit_problem_by_id))

    def show_submissions(self) -> None:
        from govcredit_desktop.ui.submissions_dialog import SubmissionsDialog

        SubmissionsDialog.ask(self, self.db)

    def edit_county_recipient(self) -> None:
        from govcredit_desktop.ui.county_recipient_dialog import CountyRecipientDialog

        self.announce(CountyRecipientDialog.ask(self, self.db))

    def edit_key(self) -> None:
        from govcredit_desktop.ui.key_dialog import KeyDialog

        self.announce(KeyDialog.ask(self, self.operations))

    def edit_problem_by_id(self, problem_id: int, parent: QWidget | None = None) -> Changes:
        """Open one problem's editor over ``parent`` (the 报送 dialog's findings) and
        select it in the ledger; the Changes are announced here."""
        from govcredit_desktop.ui.problem_editor import ProblemEditor

        changes = ProblemEditor.edit(parent or self, self.db, problem_id=problem_id,
                                     history=self.history, operations=self.operations)
        self.announce(changes, select=problem_id)
        self.select_problem(problem_id, self.table.currentIndex().row())
        return changes

    def check_on_open(self, then=None) -> None:
        """Look for damaged pages off the GUI thread (~0.4 s at 100,000 problems)
        and say so at once, rather than when a page fails to read later; writes wait
        for it, and a damaged file takes none (Database.hold_writes_until_checked)."""
        from govcredit_desktop.store.errors import DatabaseDamaged
        from govcredit_desktop.ui.operations import run_operation

        self.db.hold_writes_until_checked()

        def work(db, _progress, _cancelled) -> Changes:
            db.quick_check()
            return Changes.none()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DatabaseDamaged):
                self._say_unreadable(str(exc))
            else:
                show_error(self, "检查数据库", exc)

        # The read takes 0.3-0.4 s at 100,000 problems: a dialog after the usual 300 ms
        # flashed over the ledger just painted at every start.  It comes only for a
        # read that is really slow (a network drive, a cold disk).
        run_operation(self, work, operations=self.operations, title="检查数据库",
                      label="正在检查数据库文件是否完好……", cancellable=False,
                      on_success=lambda _changes: then and then(), on_failure=failed,
                      show_after_ms=OPEN_CHECK_DIALOG_AFTER_MS)

    def _say_unreadable(self, message: str) -> None:
        """The ledger could not be read, or the check found damage: said once per file
        (the ledger's rows and the check on open both meet the same damage)."""
        if self._damage_said == message:
            return
        self._damage_said = message
        self.unreadable.append(message)
        if not self.interactive:
            return
        QMessageBox.critical(self, "数据库文件已损坏" if "已损坏" in message else "无法读取数据库",
                             message)

    def offer_first_run(self) -> bool:
        """While the database has no campaign, offer the welcome dialog, and keep a
        hint with a 新建专项治理 button above the ledger until one exists (without
        a campaign 新建问题 stays greyed and the empty window says nothing).

        True when the offer was made."""
        self._install_campaign_hint()
        if self.county or self.db.read_only or self.db.settings.list_campaigns():
            return False  # the county's campaigns come from the packages
        from govcredit_desktop.ui.first_run import FirstRunDialog

        self.announce(FirstRunDialog.ask(self, self.operations, on_county=self._open_county))
        self._update_campaign_hint()
        return True

    def _install_campaign_hint(self) -> None:
        if getattr(self, "campaign_hint", None) is not None:
            self._update_campaign_hint()
            return
        from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton

        hint = QFrame(self)
        hint.setObjectName("campaign_hint")
        hint.setStyleSheet(
            "#campaign_hint { background: #fff8e1; border-bottom: 1px solid #e0c060; }")
        row = QHBoxLayout(hint)
        row.setContentsMargins(10, 6, 10, 6)
        label = QLabel("还没有专项治理：请先新建专项治理，之后才能登记问题。", hint)
        button = QPushButton("新建专项治理…", hint)
        button.setAccessibleName("新建专项治理")
        button.clicked.connect(self.edit_campaigns)
        row.addWidget(label, 1)
        row.addWidget(button)
        self.campaign_hint, self.campaign_hint_button = hint, button
        self.ledger_page.layout().insertWidget(1, hint)  # between filters and ledger
        self.operations.changed.connect(self._update_campaign_hint)
        self._update_campaign_hint()

    def _update_campaign_hint(self, *_args) -> None:
        self.campaign_hint.setVisible(not self.db.read_only and not self.county
                                      and not self.db.settings.list_campaigns())

    # --- actions: files ----------------------------------------------------------------
    def open_database(self) -> None:
        if not ask_wait_or_cancel(self, self.operations, "打开数据库", "打开另一个数据库",
                                  self.open_database):
            return
        name = file_dialogs.open_file(self, file_dialogs.OPEN_DATABASE, "打开数据库",
                                      "台账数据库或县信用办数据库 (*.sqlite *.db);;所有文件 (*)")
        if name:
            # Either kind: the window follows what the file is.
            self._switch_to(Path(name), kind=None)

    def new_database(self) -> None:
        if not ask_wait_or_cancel(self, self.operations, "新建数据库", "新建数据库",
                                  self.new_database):
            return
        path = self._ask_new_file("新建单位台账数据库", "")
        if path is not None and self._switch_to(path):
            self.offer_first_run()

    def new_county_database(self) -> None:
        """A county office database: its name asked, then made and opened."""
        from govcredit_desktop.ui.county_ui import ask_county_name, create_county_file

        if not ask_wait_or_cancel(self, self.operations, "新建县信用办数据库",
                                  "新建县信用办数据库", self.new_county_database):
            return
        path = self._ask_new_file("新建县信用办数据库", "县信用办汇总.sqlite")
        if path is None:
            return
        name = ask_county_name(self)
        if name is None:
            return
        try:
            create_county_file(path, name)
        except UserError as exc:
            show_error(self, "新建县信用办数据库", exc)
            return
        self._switch_to(path, kind=KIND_COUNTY)

    def _open_county(self, path: Path) -> None:
        """The county database chosen at the first run: the window switches to it."""
        self._switch_to(path, kind=KIND_COUNTY)

    def _ask_new_file(self, title: str, suggested: str) -> Path | None:
        name = file_dialogs.save_file(self, file_dialogs.OPEN_DATABASE, title, suggested,
                                      "数据库文件 (*.sqlite)",
                                      options=QFileDialog.Option.DontConfirmOverwrite)
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".sqlite")
        if path.exists():
            QMessageBox.warning(self, title,
                                f"文件“{path.name}”已经存在。为免覆盖原有数据，请换一个文件名，"
                                "或用“打开数据库”打开它。")
            return None
        return path

    def _switch_to(self, path: Path, kind: str | None = KIND_DEPARTMENT) -> bool:
        """Open ``path`` in this window (a new file is made as a department's);
        ``kind=None`` opens either kind and the window switches mode."""
        from govcredit_desktop.store import Database

        try:
            db = Database(path, create=not path.exists(), kind=kind, exclusive=True)
        except UserError as exc:
            show_error(self, "打开数据库", exc)
            return False
        self.save_settings()
        old = self.db
        self.operations.set_db(db)  # refuses while a worker still uses the old one
        self.history.deleteLater()
        self.history = EditHistory(parent=self)
        self.history.changed.connect(self._update_actions)
        self.filter_bar.set_store(db)
        self._damage_said = None  # another file: its damage, if any, is news
        self.model.set_store(db)
        self._restore_filters()
        self.status_counts.wait()
        self.status_counts.forget()
        self.department_page.wait()
        old.close()
        self._apply_mode()
        self.operations.notify(Changes.some(RecordKind.DATABASE))
        self.check_on_open()
        return True

    def backup_restore(self) -> None:
        from govcredit_desktop.ui.backup_dialog import BackupDialog

        if not ask_wait_or_cancel(self, self.operations, "备份与恢复", "备份或恢复",
                                  self.backup_restore):
            return
        dialog = BackupDialog(self.operations, self)
        dialog.exec()
        if dialog.reopen:  # the file's contents were replaced: nothing cached may stay
            self._switch_to(self.db.path, kind=self.db.kind)

    def show_guide(self) -> None:
        from govcredit_desktop.ui.guide import show_guide

        show_guide(self)

    def about(self) -> None:
        QMessageBox.about(
            self, "关于",
            f"<b>{APP_TITLE}</b> {govcredit_desktop.__version__}<br><br>"
            "供县直部门、乡镇登记政务失信问题、跟踪整改措施、打印报表和报送材料使用。<br>"
            "全部数据保存在本机，不联网。")
