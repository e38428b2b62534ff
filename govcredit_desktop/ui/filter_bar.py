"""The row of filters above the ledger, emitting one ``filterChanged(LedgerFilter)``.

Each drop-down starts with a "全部…" entry that names the filter, so the bar
stays one line wide on a 1366-pixel laptop screen without separate labels;
the tooltip and accessible name say the rest.
"""

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store import KIND_COUNTY
from govcredit_desktop.store.queries import ledger as lq

SEARCH_DELAY_MS = 250  # typing 拖欠 quickly runs one query, not two
SEARCH_PLACEHOLDER = "搜索标题、描述、涉及企业（可输入单个汉字）"
LIGHTS = (("red", "红灯（已逾期）"), ("yellow", "黄灯（即将到期）"), ("green", "绿灯"),
          ("undated", "未定时限"), ("rectified", "已整改（待销号）"), ("closed", "已销号"))

# filter field -> (label used in "全部…", tooltip name)
_COMBOS = (
    # County mode only (hidden for a department's own ledger): whose records.
    ("department_id", "全部单位", "报送单位"),
    ("campaign_id", "全部专项治理", "专项治理"),
    ("area", "全部领域", "重点领域"),
    ("category", "全部问题类型", "问题类型"),
    ("status", "全部状态", "状态"),
    ("light", "全部预警灯", "预警灯"),
    ("responsible_unit", "全部责任单位", "责任单位"),
    ("person_id", "全部责任人", "责任人或责任领导"),
)
FILTER_FIELDS = tuple(name for name, _, _ in _COMBOS)

# The record kind each data-dependent list is read from (责任单位: the problems' own).
CHOICE_KINDS = {
    "department_id": RecordKind.DEPARTMENT,
    "campaign_id": RecordKind.CAMPAIGN,
    "area": RecordKind.VOCABULARY,
    "category": RecordKind.VOCABULARY,
    "responsible_unit": RecordKind.PROBLEM,
    "person_id": RecordKind.PERSON,
}


class FilterBar(QWidget):
    filterChanged = Signal(object)  # LedgerFilter

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self._store = db
        self.combos: dict[str, QComboBox] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(6)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("搜索")
        self.search.setToolTip("在问题标题、问题描述和涉及企业/对象中查找（Ctrl+F）")
        self.search.setMinimumWidth(180)
        layout.addWidget(self.search, 3)

        for name, everything, label in _COMBOS:
            combo = QComboBox(self)
            combo.setAccessibleName(label)
            combo.setToolTip(f"按{label}筛选")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            # Short minimums: the bar shares the room by stretch, and its minimum
            # must not hold the window wider than a 1024-pixel screen (issue 14).
            combo.setMinimumContentsLength(5 if name in ("campaign_id", "department_id") else 3)
            combo.addItem(everything, None)
            combo.currentIndexChanged.connect(self._combo_changed)
            self.combos[name] = combo
            layout.addWidget(combo, 1)

        # The 销号 month a dashboard timeline bar asked for: no drop-down holds it, so it
        # shows as a chip that clears itself when clicked.
        self._closed_month: str | None = None
        self.month_chip = QToolButton(self)
        self.month_chip.setObjectName("closedMonthChip")
        self.month_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.month_chip.setStyleSheet(
            "#closedMonthChip { background: #e3f1e6; border: 1px solid #2e9d4f;"
            " border-radius: 9px; padding: 1px 8px; color: #1f5f31; }")
        self.month_chip.setToolTip("只显示该月销号的问题；点击清除这一条件")
        self.month_chip.clicked.connect(lambda: self.set_closed_month(None))
        self.month_chip.hide()
        layout.addWidget(self.month_chip)

        self.clear_button = QToolButton(self)
        self.clear_button.setText("清除筛选")
        self.clear_button.setToolTip("恢复显示全部问题")
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        # Enter in the search box searches at once.
        self.search.returnPressed.connect(self._emit)

        self._fill_fixed()
        self._show_mode()
        self.reload_choices()

    # --- public ------------------------------------------------------------------
    @property
    def county(self) -> bool:
        """A county file: the merged ledger of every department (the 单位 filter shows)."""
        return self._store.kind == KIND_COUNTY

    def set_store(self, db) -> None:
        self._store = db
        self._show_mode()
        with QSignalBlocker(self.search):
            self.search.clear()
        for combo in self.combos.values():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        self.reload_choices()

    def apply_changes(self, changes: Changes) -> None:
        """Re-read the lists whose records were written."""
        if RecordKind.DATABASE in changes:
            self.reload_choices()
        else:
            self.reload_choices([name for name, kind in CHOICE_KINDS.items() if kind in changes])

    def reload_choices(self, names=tuple(CHOICE_KINDS)) -> None:
        """Re-read the lists (by filter field) that depend on the data, keeping what is chosen."""
        db = self._store
        read = {
            "department_id": lambda: [(d["name"], d["id"])
                                      for d in db.registrations.departments()],
            "campaign_id": self._campaign_choices,
            "area": lambda: [(v, v) for v in db.settings.vocabulary("area")],
            "category": lambda: [(v, v) for v in db.settings.vocabulary("category")],
            "responsible_unit": lambda: [(u, u) for u in lq.distinct_units(db)],
            "person_id": lambda: [(p["name"] if p["active"] else f"{p['name']}（已停用）", p["id"])
                                  for p in db.people.list()],
        }
        for name in names:
            if name == "department_id" and not self.county:
                continue  # a department's own ledger: no such filter (_show_mode)
            self._refill(name, read[name]())

    def select_department(self, department_id: int | None) -> None:
        """Only one department's records (the board's double-click), the other filters
        cleared: what was chosen before may hide some of them."""
        with QSignalBlocker(self.search):
            self.search.clear()
        for name, combo in self.combos.items():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(self._find(combo, department_id), 0)
                                      if name == "department_id" else 0)
        self._emit()

    def current_filter(self) -> lq.LedgerFilter:
        values = {name: combo.currentData() for name, combo in self.combos.items()}
        # The department's warning window (设置 → 提醒): the 黄灯 is what the reminders list.
        return lq.LedgerFilter(search=self.search.text().strip(),
                               closed_month=self._closed_month,
                               warning_days=self._store.settings.warning_days(), **values)

    @property
    def closed_month(self) -> str | None:
        return self._closed_month

    def set_closed_month(self, month: str | None, emit: bool = True) -> None:
        """Only the problems 销号 in ``month`` ('YYYY-MM'), or no such condition."""
        self._closed_month = month or None
        if month:
            year, m = month.split("-")
            self.month_chip.setText(f"{year}年{int(m)}月销号 ✕")
            self.month_chip.setAccessibleName(f"筛选条件：{year}年{int(m)}月销号，点击清除")
        self.month_chip.setVisible(bool(month))
        if emit:
            self._emit()

    def state(self) -> dict:
        """The chosen values (not the search text) for QSettings."""
        return {name: combo.currentData() for name, combo in self.combos.items()
                if combo.currentData() is not None}

    def restore_state(self, state: dict | None) -> None:
        """Choose saved values that still exist; emits nothing."""
        for name, value in (state or {}).items():
            combo = self.combos.get(name)
            if combo is None:
                continue
            i = self._find(combo, value)
            if i >= 0:
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(i)

    def show_preset(self, light: str) -> None:
        """Only the problems of one deadline light (逾期 / 即将到期), within the chosen
        campaign: the other filters and the search would hide some of them."""
        with QSignalBlocker(self.search):
            self.search.clear()
        for name, combo in self.combos.items():
            if name == "campaign_id":
                continue
            with QSignalBlocker(combo):
                combo.setCurrentIndex(self._find(combo, light) if name == "light" else 0)
        self._emit()

    def show_only(self, **values) -> None:
        """Only the problems of these filter values (a dashboard bar: area, status,
        light, …), within the chosen campaign unless one is given; every other filter
        and the search cleared, so that the ledger lists what the bar counted."""
        with QSignalBlocker(self.search):
            self.search.clear()
        self.set_closed_month(values.get("closed_month"), emit=False)
        for name, combo in self.combos.items():
            if name == "campaign_id" and values.get(name) is None:
                continue
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(self._find(combo, values[name]), 0)
                                      if values.get(name) is not None else 0)
        self._emit()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear(self) -> None:
        with QSignalBlocker(self.search):
            self.search.clear()
        self.set_closed_month(None, emit=False)
        for combo in self.combos.values():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        self._emit()

    def is_filtered(self) -> bool:
        return bool(self.state()) or bool(self.search.text().strip()) or bool(
            self._closed_month)

    # --- internals ---------------------------------------------------------------
    def _show_mode(self) -> None:
        combo = self.combos["department_id"]
        combo.setVisible(self.county)
        if not self.county:
            with QSignalBlocker(combo):
                while combo.count() > 1:
                    combo.removeItem(1)

    def _campaign_choices(self) -> list[tuple[str, int]]:
        campaigns = self._store.settings.list_campaigns()
        if not self.county:
            return [(c["name"], c["id"]) for c in campaigns]
        # Every department names its campaign as the county does: say whose it is.
        names = {d["id"]: d["name"] for d in self._store.registrations.departments()}
        return [(f"{c['name']}（{names.get(c.get('department_id'), '未登记单位')}）", c["id"])
                for c in campaigns]

    def _fill_fixed(self) -> None:
        self._refill("status", [("未销号（除已销号外）", lq.NOT_CLOSED),
                                *((s, s) for s in tuple(ProblemStatus)),
                                ("已整改待销号但仍欠款", lq.AWAITING_OWING)])
        self._refill("light", [(label, value) for value, label in LIGHTS])

    def _refill(self, name: str, items: list[tuple[str, object]]) -> None:
        combo = self.combos[name]
        current = combo.currentData()
        with QSignalBlocker(combo):
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            i = self._find(combo, current) if current is not None else 0
            combo.setCurrentIndex(max(i, 0))
        if current is not None and combo.currentData() != current:
            self._emit()  # the chosen value is gone (e.g. a campaign was removed)

    @staticmethod
    def _find(combo: QComboBox, value) -> int:
        for i in range(1, combo.count()):
            if combo.itemData(i) == value:
                return i
        return -1

    def _combo_changed(self) -> None:
        if self._closed_month and self.combos["status"].currentData() != ProblemStatus.CLOSED:
            # A month of 销号 means 已销号: another status drops it.
            self.set_closed_month(None, emit=False)
        self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        self.filterChanged.emit(self.current_filter())
