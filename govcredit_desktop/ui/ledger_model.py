"""The ledger table as a Qt model over SQL, for any number of problems.

Nothing here holds every row: ``rowCount`` comes from one ``count()`` query
and rows are read in pages of ``PAGE_SIZE`` ids when the view asks for them,
keeping only the last ``MAX_PAGES`` pages.  Sorting and filtering are SQL
(``store.queries.ledger``), so a 100,000-problem county ledger paints as fast as
a small one (a QStandardItemModel of 100k rows took 10 s and +1 GB).
"""

import datetime as _dt
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.money import format_yuan
from govcredit_desktop.core.rules import Light
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui.lights import light_icon

PAGE_SIZE = 200
MAX_PAGES = 16  # ~3,200 rows cached: several screens up and down

# The problem id of a row, for any column.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The raw light value of a row (a core.rules.Light value: 'red', …, 'rectified', 'closed').
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 2

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    key: str        # row field and SORT_KEYS key
    header: str
    width: int      # default width in pixels at 100 % scale
    align: Qt.AlignmentFlag = _LEFT


COLUMNS = (
    Column("number", "编号", 76, _CENTER),
    Column("area", "领域", 104),
    Column("category", "问题类型", 150),
    Column("title", "问题标题", 280),  # takes what is left of the window's width
    Column("responsible_unit", "责任单位", 116),
    Column("responsible_person", "责任人", 60, _CENTER),
    Column("deadline", "整改时限", 108, _CENTER),
    Column("status", "状态", 88, _CENTER),
    Column("progress", "进度", 84, _CENTER),
    Column("light", "预警灯", 64),
    Column("amount_involved", "涉及金额", 104, _RIGHT),
    Column("amount_repaid", "已清偿", 104, _RIGHT),
    # County mode only (the window hides it for a department's own ledger); last, so
    # the logical indexes of the department's columns stay what they were.
    Column("department", "单位", 120),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
#: Before the title of a problem with a dishonesty record (纳入政务失信记录).
DISHONEST_MARK = "【失信】"

LIGHT_TIPS = {
    "red": "红灯：已超过整改时限仍未完成整改（已整改待销号但欠款未清偿完的也算逾期）",
    "yellow": "黄灯：距整改时限不足{days}天",
    "green": "绿灯：在整改时限内",
    "undated": "未定时限：尚未填写整改时限",
    "rectified": "已整改：整改措施全部完成、欠款已清偿，等待销号（不算逾期）",
    "closed": "已销号",
}
_OVERDUE_TEXT = "#b3261e"
_CLOSED_TEXT = "#6b6b6b"

_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ALIGNMENTS = tuple(int(c.align.value) for c in COLUMNS)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_DECORATION = int(Qt.ItemDataRole.DecorationRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ID = int(ID_ROLE)
_LIGHT = int(LIGHT_ROLE)
_ROLES_SERVED = frozenset((_DISPLAY, _ALIGN, _DECORATION, _FOREGROUND, _TOOLTIP, _ID, _LIGHT))

# What a ledger row shows comes from these records (a person through 责任人).
SHOWN_KINDS = (RecordKind.PROBLEM, RecordKind.MEASURE, RecordKind.PROGRESS, RecordKind.PERSON,
               RecordKind.DATABASE)
# Any of these can change many rows, or rows not known: re-read everything.
_WIDE_KINDS = (RecordKind.PERSON, RecordKind.DATABASE)


_LEVELS = "县市区旗"


def county_prefix(office: str | None) -> str:
    """'宝丰县' of '宝丰县信用办': the place every registered department's name starts
    with; '' when the office's name names none."""
    office = office or ""
    for i, ch in enumerate(office):
        if i > 0 and ch in _LEVELS:
            return office[:i + 1]
    return ""


def short_department(name: str | None, prefix: str) -> str:
    """'县交通运输局' for '宝丰县交通运输局' in 宝丰县's ledger, as county tables write it:
    the column stays narrow enough for a 1024-pixel screen (the tooltip has it in full)."""
    name = name or ""
    if prefix and name.startswith(prefix) and len(name) > len(prefix) + 1:
        return prefix[-1] + name[len(prefix):]
    return name


class LedgerModel(QAbstractTableModel):
    """Problems of a ``LedgerFilter``, sorted by one column, read page by page.

    A read that fails (damaged pages, a pulled stick: the store's UserError) leaves
    the rows it could not read empty and says why once, through ``readFailed``, until
    a read succeeds again: the view asks for rows on every paint, and an exception
    from ``data`` cannot reach the clerk, only fill the log, paint after paint."""

    readFailed = Signal(str)

    def __init__(self, db, ledger_filter: lq.LedgerFilter | None = None, parent=None):
        super().__init__(parent)
        self._store = db
        self._filter = ledger_filter or lq.LedgerFilter()
        self._sort_key = "number"
        self._descending = False
        self._failing = False
        self._count = self._read(lambda: lq.count(db, self._filter), 0)
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._last_page: int | None = None  # skips LRU bookkeeping on repeated reads
        self._icons: dict[str, QIcon] = {}
        self._prefix = self._county_prefix(db)
        self._brushes = {"closed": QBrush(QColor(_CLOSED_TEXT)),
                         "overdue": QBrush(QColor(_OVERDUE_TEXT))}

    # --- what the window asks -------------------------------------------------
    @property
    def db(self):
        return self._store

    @property
    def ledger_filter(self) -> lq.LedgerFilter:
        return self._filter

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    def set_store(self, db) -> None:
        self._store = db
        self._prefix = self._county_prefix(db)
        self._filter = lq.LedgerFilter()
        self.refresh()

    def set_filter(self, ledger_filter: lq.LedgerFilter) -> None:
        self._filter = ledger_filter
        self.refresh()

    def refresh(self) -> None:
        """Re-read everything (after an edit, or when the date has turned)."""
        if self._filter.today != _dt.date.today():
            self._filter = self._filter.with_(today=_dt.date.today())
        self.beginResetModel()
        self._pages.clear()
        self._last_page = None
        self._count = self._read(lambda: lq.count(self._store, self._filter), 0)
        self.endResetModel()

    def apply_changes(self, changes: Changes) -> None:
        """Follow what was written: the touched rows in place when they can be, else re-read.

        Re-reading resets the model (the view drops its selection and the window
        reselects); an edit that leaves every row where it was only emits
        ``dataChanged`` for its rows."""
        if not changes.affects(SHOWN_KINDS):
            return
        ids = changes.ids(RecordKind.PROBLEM)
        if ids and not changes.affects(_WIDE_KINDS) and self._filter.today == _dt.date.today() \
                and self._reread_rows(ids):
            return
        self.refresh()

    def problem_id(self, row: int) -> int | None:
        r = self._row(row)
        return r["id"] if r else None

    def row_data(self, row: int) -> dict | None:
        """The display row (see ``queries.ledger.ROW_SQL``) of a table row."""
        return self._row(row)

    def row_of(self, problem_id: int) -> int | None:
        """Where a problem is, if it sits in a page read recently (no query)."""
        for number, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r["id"] == problem_id:
                    return number * PAGE_SIZE + i
        return None

    def column_of(self, key: str) -> int:
        return COLUMN_KEYS.index(key)

    # --- Qt model interface ----------------------------------------------------
    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_CENTER)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"单击按“{COLUMNS[section].header}”排序，再次单击倒序"
        return None

    def flags(self, index):
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index, role=_DISPLAY):
        # Called ~1,500 times per repaint: plain ints, no enum arithmetic.
        role = int(role)
        if role not in _ROLES_SERVED or not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        key = COLUMN_KEYS[column]
        if role == _DISPLAY:
            return self._display(row, key)
        if role == _ALIGN:
            return _ALIGNMENTS[column]
        if role == _DECORATION:
            return self._icon(row["light"]) if key == "light" else None
        if role == _FOREGROUND:
            if row["status"] == ProblemStatus.CLOSED:
                return self._brushes["closed"]
            if key == "deadline" and row["light"] == "red":
                return self._brushes["overdue"]
            return None
        if role == _ID:
            return row["id"]
        if role == _LIGHT:
            return row["light"]
        return self._tooltip(row, key)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort_key = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self._last_page = None
        # Rows move arbitrarily; persistent indexes (the selection) cannot
        # follow without reading every row, so they are dropped and the window
        # reselects by problem id.
        self.changePersistentIndexList(self.persistentIndexList(),
                                       [QModelIndex()] * len(self.persistentIndexList()))
        self.layoutChanged.emit()

    # --- internals -------------------------------------------------------------
    @staticmethod
    def _county_prefix(db) -> str:
        from govcredit_desktop.store import KIND_COUNTY

        return county_prefix(db.county.name()) if db.kind == KIND_COUNTY else ""

    def _read(self, read, failed):
        """``read()``, or ``failed`` when the file cannot be read (said once)."""
        try:
            value = read()
        except UserError as exc:
            if not self._failing:
                self._failing = True
                self.readFailed.emit(str(exc))
            return failed
        self._failing = False
        return value

    def _reread_rows(self, ids: frozenset[int]) -> bool:
        """Re-read the pages holding ``ids`` if the problems kept their places.

        They did when all of them sit in pages read, the count is the same and
        those pages hold the same ids in the same order: the changed problems
        still match the filter at the same ranks, so no other row moved.  False
        (nothing changed here) otherwise."""
        pages = {n for n, rows in self._pages.items() if any(r["id"] in ids for r in rows)}
        if {r["id"] for n in pages for r in self._pages[n]} & ids != ids:
            return False
        if self._read(lambda: lq.count(self._store, self._filter), None) != self._count:
            return False
        fresh = {}
        for n in pages:
            rows = self._read(lambda n=n: self._page_rows(n), None)
            if rows is None or [r["id"] for r in rows] != [r["id"] for r in self._pages[n]]:
                return False
            fresh[n] = rows
        last = len(COLUMNS) - 1
        for n, rows in fresh.items():
            self._pages[n] = rows
            for i, r in enumerate(rows):
                if r["id"] in ids:
                    row = n * PAGE_SIZE + i
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return True

    def _row(self, row: int) -> dict | None:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        rows = self._pages.get(number)
        if rows is None:
            rows = self._fetch(number)
        elif number != self._last_page:
            self._pages.move_to_end(number)
        self._last_page = number
        return rows[offset] if offset < len(rows) else None

    def _page_rows(self, number: int) -> list[dict]:
        ids = lq.page_ids(self._store, self._filter, self._sort_key, self._descending,
                          offset=number * PAGE_SIZE, limit=PAGE_SIZE, matches=self._count)
        return lq.rows_by_id(self._store, ids, self._filter)

    def _fetch(self, number: int) -> list[dict]:
        # An unreadable page is kept empty (blank rows) until the next refresh.
        rows = self._read(lambda: self._page_rows(number), [])
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows

    def _icon(self, light: str) -> QIcon:
        if light not in self._icons:
            self._icons[light] = light_icon(Light(light))
        return self._icons[light]

    def _display(self, row: dict, key: str):
        if key in ("amount_involved", "amount_repaid"):
            return format_yuan(row[key])
        if key == "deadline":
            return format_cn(row["deadline"])
        if key == "light":
            return Light(row["light"]).label
        if key == "progress":
            total = row["measures_total"]
            return f"{row['measures_done']}/{total} 项措施" if total else "无措施"
        if key == "department":
            return short_department(row["department"], self._prefix)
        if key == "title" and row.get("listed_as_dishonest"):
            return DISHONEST_MARK + row["title"]
        return row.get(key) or ""

    def _tooltip(self, row: dict, key: str) -> str | None:
        if key == "light":
            tip = LIGHT_TIPS.get(row["light"], "").format(days=self._filter.warning_days)
            if row["light"] in ("red", "yellow") and row["deadline"]:
                left = (_dt.date.fromisoformat(row["deadline"]) - self._filter.today).days
                tip += f"（已逾期{-left}天）" if left < 0 else f"（还剩{left}天）"
            return tip
        if key in ("amount_involved", "amount_repaid"):
            return format_yuan(row[key], unit=True) or "未填写"
        if key == "deadline" and row["deadline"]:
            days = (_dt.date.fromisoformat(row["deadline"]) - self._filter.today).days
            if row["status"] == ProblemStatus.CLOSED:
                return None
            return f"已逾期{-days}天" if days < 0 else f"还剩{days}天"
        if key == "department":
            return row.get("department") or None
        title = f"{row['number']}  {row['title']}"
        if row.get("counterparty"):
            title += f"\n涉及企业/对象：{row['counterparty']}"
        if row.get("listed_as_dishonest"):
            title += "\n已纳入政务失信记录（详见问题编辑的“失信记录”页）"
        return title
