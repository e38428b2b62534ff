"""报送情况: the coverage board of a county campaign — who has submitted, who is late,
who is missing ("全覆盖、无遗漏"), with each department's figures.

The rows are ``store.queries.coverage.board`` (one grouped query); the model only
formats them: 未报送 in red at the top, 逾期报送 orange, 按时报送 plain, and a totals
line under the table.  A double-click (or Enter) on a department asks the window to
show that department's part of the merged ledger.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn, format_cn_time
from govcredit_desktop.core.money import format_yuan
from govcredit_desktop.ui.widgets import install_shortcut

# (text, background) per state: red and orange are what the office scans for.
STATE_COLOURS = {"missing": ("#b71c1c", "#ffebee"), "late": ("#a04a00", "#fff3e0"),
                 "on_time": ("#1b5e20", None)}
#: The board follows these writes (an import, a registration, another file).
BOARD_KINDS = (RecordKind.PROBLEM, RecordKind.CAMPAIGN, RecordKind.DEPARTMENT,
               RecordKind.SUBMISSION, RecordKind.DATABASE)
DEPARTMENT_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# key, header, alignment
COLUMNS = (
    ("department", "报送单位", _LEFT),
    ("state", "报送情况", _CENTER),
    ("latest_at", "最近报送时间", _CENTER),
    ("problems", "问题数", _RIGHT),
    ("closed", "已销号", _RIGHT),
    ("overdue", "逾期", _RIGHT),
    ("involved", "涉及金额（元）", _RIGHT),
    ("repaid", "已清偿（元）", _RIGHT),
    ("rate", "销号率", _RIGHT),
    ("rectified_rate", "整改完成率", _RIGHT),
)
_KEYS = tuple(c[0] for c in COLUMNS)


def yuan(fen: int | None) -> str:
    """Two decimals always, thousands grouped: the board's money columns line up."""
    return format_yuan(fen or 0)


class CoverageModel(QAbstractTableModel):
    """The rows of one ``Board`` in the query's order: missing, late, on time."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board = None
        self._rows: list = []
        bold = QFont()
        bold.setBold(True)
        self._bold = bold

    def set_board(self, board) -> None:
        self.beginResetModel()
        self.board = board
        self._rows = list(board.rows) if board else []
        self.endResetModel()

    def row(self, r: int):
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        key = _KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(COLUMNS[index.column()][2].value)
        if role == Qt.ItemDataRole.ForegroundRole:
            if key in ("state", "department") and row.state != "on_time":
                return QBrush(QColor(STATE_COLOURS[row.state][0]))
            if key == "overdue" and row.overdue:
                return QBrush(QColor(STATE_COLOURS["missing"][0]))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            bg = STATE_COLOURS.get(row.state, (None, None))[1]
            return QBrush(QColor(bg)) if bg else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if key == "state" and row.state != "on_time" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
        if role == DEPARTMENT_ROLE:
            return row.department_id
        return None

    def text(self, row, key: str) -> str:
        missing = row.state == "missing"
        if key == "department":
            return row.department
        if key == "state":
            return row.state_text
        if key == "latest_at":
            return format_cn_time(row.latest_at) if row.latest_at else "—"
        if missing and key != "department":
            return "—"
        if key in ("problems", "closed", "overdue"):
            return str(getattr(row, key))
        if key == "involved":
            return yuan(row.involved_fen)
        if key == "repaid":
            return yuan(row.repaid_fen)
        if key == "rate":
            return row.rate
        if key == "rectified_rate":
            return row.rectified_rate
        return ""

    def tooltip(self, row) -> str:
        text = f"{row.department}（{row.uscc}）"
        if row.state == "missing":
            return text + "：尚未报送。双击查看该单位在汇总台账中的记录"
        extra = f"，另有 {row.refused} 个被拒收的包" if row.refused else ""
        return (text + f"：共收到 {row.packages} 个有效报送包{extra}。"
                "双击查看该单位在汇总台账中的问题")


class CoverageBoard(QWidget):
    """The campaign chooser, the table of departments, the totals and 打印催报清单."""

    departmentActivated = Signal(int)  # county_department.id
    reminderRequested = Signal()

    def __init__(self, operations, parent=None):
        super().__init__(parent)
        self.operations = operations
        self._campaigns: list = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        top = QHBoxLayout()
        label = QLabel("专项治理(&G)：", self)
        self.campaign_combo = QComboBox(self)
        self.campaign_combo.setAccessibleName("专项治理")
        self.campaign_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.campaign_combo)
        self.deadline_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.reminder_button = QPushButton("打印催报清单(&P)…", self)
        self.reminder_button.setToolTip("列出未报送和逾期报送的单位，预览后打印或另存")
        top.addWidget(label)
        top.addWidget(self.campaign_combo)
        top.addSpacing(12)
        top.addWidget(self.deadline_label)
        top.addSpacing(12)
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.reminder_button)
        layout.addLayout(top)

        self.model = CoverageModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("报送情况")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # fit_columns sizes
        hh.setStretchLastSection(False)
        layout.addWidget(self.table, 1)
        self.totals_label = QLabel(self)
        self.totals_label.setAccessibleName("合计")
        self.totals_label.setWordWrap(True)
        self.totals_label.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        layout.addWidget(self.totals_label)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #666666; padding: 20px;")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)

        self.table.doubleClicked.connect(self._activated)
        install_shortcut(self.table, [QKeySequence(Qt.Key.Key_Return),
                                      QKeySequence(Qt.Key.Key_Enter)],
                         lambda: self._activated(self.table.currentIndex()),
                         "查看该单位的问题")
        self.campaign_combo.currentIndexChanged.connect(lambda _i: self.reload_board())
        self.reminder_button.clicked.connect(self.reminderRequested.emit)
        operations.changed.connect(self.apply_changes)
        self.reload()

    @property
    def db(self):
        return self.operations.db

    def campaign_id(self) -> int | None:
        """The county campaign shown (None: there is none yet)."""
        return self.campaign_combo.currentData()

    def apply_changes(self, changes: Changes) -> None:
        if changes.affects(BOARD_KINDS) and self.db.kind == "county":
            self.reload()

    def reload(self) -> None:
        """Re-read the campaigns (keeping the one chosen) and the board."""
        from govcredit_desktop.store.queries import coverage

        current = self.campaign_id()
        self._campaigns = coverage.campaigns(self.db)
        with QSignalBlocker(self.campaign_combo):
            self.campaign_combo.clear()
            for c in self._campaigns:
                self.campaign_combo.addItem(c["name"], c["id"])
            i = self.campaign_combo.findData(current) if current is not None else -1
            self.campaign_combo.setCurrentIndex(i if i >= 0 else 0)
        self.reload_board()

    def reload_board(self) -> None:
        from govcredit_desktop.store.queries import coverage

        keep = self._current_department()
        board = coverage.board(self.db, self.campaign_id())
        self.model.set_board(board)
        self._show_figures(board)
        self.fit_columns()
        row = next((r for r in range(self.model.rowCount())
                    if self.model.row(r).department_id == keep), 0)
        if self.model.rowCount():
            # Current (Enter acts on it) but not selected: the selection's colour would
            # hide the red of a missing department at the top.
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Every column as wide as its contents, the department's name up to 24
        characters; room left over is shared by all columns, so the table fills a wide
        screen without pushing the figures away from the names; on a narrow one the
        name gives up room first (down to 8 characters)."""
        hh = self.table.horizontalHeader()
        t = self.table
        em = t.fontMetrics().horizontalAdvance("中")
        pad = 16
        widths = [max(t.sizeHintForColumn(i), hh.sectionSizeHint(i)) + pad
                  for i in range(hh.count())]
        names = [self.model.row(r).department for r in range(self.model.rowCount())]
        widest = max([t.fontMetrics().horizontalAdvance(n) for n in names] + [4 * em])
        widths[0] = min(widest, 24 * em) + 2 * pad
        room = t.viewport().width()
        extra = room - sum(widths)
        if extra >= 0:
            share, left = divmod(extra, len(widths))
            widths = [w + share + (1 if i < left else 0) for i, w in enumerate(widths)]
        else:
            widths[0] = max(8 * em, widths[0] + extra)
        for i, w in enumerate(widths):
            if hh.sectionSize(i) != w:
                hh.resizeSection(i, w)

    def _current_department(self) -> int | None:
        row = self.model.row(self.table.currentIndex().row())
        return row.department_id if row is not None else None

    def _show_figures(self, board) -> None:
        rows = board.rows
        self.table.setVisible(bool(rows))
        self.totals_label.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        if not rows:
            self.empty_label.setText(
                "还没有登记报送单位。请先在“县信用办 → 登记报送单位”中登记各单位的登记文件，"
                "再“接收报送包”。")
        deadline = board.deadline
        self.deadline_label.setText(f"报送截止：{format_cn(deadline)}" if deadline
                                    else "报送截止：未定")
        t = board.totals
        self.counts_label.setText(
            f"登记单位 {t.departments} 个：按时报送 {t.on_time} · "
            f"<span style='color:#a04a00'>逾期报送 {t.late}</span> · "
            f"<span style='color:#b71c1c; font-weight:bold'>未报送 {t.missing}</span>")
        self.totals_label.setText(
            f"合计（已报送 {t.submitted} 个单位）：问题 {t.problems} 个，"
            f"已销号 {t.closed}，逾期 {t.overdue}；"
            f"涉及金额 {yuan(t.involved_fen)} 元，已清偿 {yuan(t.repaid_fen)} 元；"
            f"销号率 {t.rate}，整改完成率 {t.rectified_rate}")
        self.reminder_button.setEnabled(bool(t.missing or t.late))

    def _activated(self, index) -> None:
        row = self.model.row(index.row()) if index.isValid() else None
        if row is not None:
            self.departmentActivated.emit(row.department_id)
