"""The import wizard's tables: the column mapping (with its combo-box delegate), the
preview of every row and the list of errors.

They are models over the intake's ``Analysis`` (govcredit_desktop.intake), not
QTableWidgets: a sheet of 50,000 rows is shown by reading only the cells painted,
and the 只看有错误的行 filter is a list of row indices, not a proxy model.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.money import format_yuan

NOT_IMPORTED = "不导入"
#: Fields the intake types as integer fen.
MONEY_FIELDS = {"amount_involved", "amount_repaid"}
#: A field whose value the intake keeps under the problem's column name.
VALUE_KEYS = {"remark": "closure_remark"}

#: action -> (shown as, text colour, background): the colours of 接收结果's statuses.
ACTIONS = {
    "add": ("新增", "#1b5e20", "#e8f5e9"),
    "update": ("更新", "#0d47a1", "#e3f2fd"),
    "unchanged": ("不变", "#555555", "#f1f1f1"),
    "error": ("有错误", "#b71c1c", "#ffebee"),
}
ERROR_CELL = ("#b71c1c", "#ffcdd2")
#: The header the program found, in the yellow a clerk knows from 查找 in Excel/WPS.
HEADER_CELL = ("#000000", "#fff59d")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_Valid = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def action_label(action: str) -> str:
    return ACTIONS.get(action, (action,))[0]


def display(value) -> str:
    """A typed value as the clerk reads it: dates 2021年12月30日, lists one item a line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, _dt.date):
        return format_cn(value)
    if isinstance(value, str):
        return format_cn(value) if _ISO_DATE.match(value) else value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple):
        items = [display(v) for v in value]
        if len(items) > 1:
            return "；".join(f"{i}. {text}" for i, text in enumerate(items, 1))
        return items[0] if items else ""
    if isinstance(value, dict):
        return display(value.get("content") or value.get("name") or
                       "，".join(display(v) for v in value.values() if v))
    return str(value)


def _colours(pair: tuple[str, str], role: int):
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(pair[0]))
    return QBrush(QColor(pair[1]))


# --- the column mapping --------------------------------------------------------------
class MappingModel(QAbstractTableModel):
    """One row per column of the sheet: 列, 表头, 示例, 导入为 (editable), 说明."""

    HEADERS = ["列", "表头文字", "示例（前几行的值）", "导入为", "说明"]
    FIELD_COLUMN = 3
    #: {column index: field or None}, after the clerk changed one.
    mappingChanged = Signal(object)

    def __init__(self, fields: dict[str, str], parent=None):
        super().__init__(parent)
        self.fields = fields
        self.columns: list = []
        self.hidden: set[str] = set()
        self.chosen: dict[int, str | None] = {}
        self.changed_by_hand: set[int] = set()

    def load(self, analysis) -> None:
        """The columns the program found; the clerk's own choices are kept over a re-read."""
        self.beginResetModel()
        self.columns = list(analysis.columns)
        self.hidden = set(analysis.hidden_columns)
        self.chosen = {c.index: c.field for c in self.columns}
        self.changed_by_hand &= set(self.chosen)
        self.endResetModel()

    def mapping(self) -> dict[int, str | None]:
        return dict(self.chosen)

    def field_label(self, field: str | None) -> str:
        return self.fields.get(field, field) if field else NOT_IMPORTED

    def rowCount(self, parent: _Valid = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def columnCount(self, parent: _Valid = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: _Valid):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.FIELD_COLUMN:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def note(self, row: int) -> str:
        c = self.columns[row]
        field = self.chosen.get(c.index)
        if c.letter in self.hidden:
            return "隐藏列，不导入" if field is None else "隐藏列，仍按所选导入"
        if c.index in self.changed_by_hand:
            return "已手动修改"
        if c.remembered:
            return "沿用上次导入时的选择"
        if field is None:
            return "未识别，不导入（可在左边选择）"
        return "按表头文字自动识别"

    def data(self, index: _Valid, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c = self.columns[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return c.letter
            if col == 1:
                return c.header_text
            if col == 2:
                samples = [s for s in c.sample if s]
                return ("\n" if role == Qt.ItemDataRole.ToolTipRole else "；").join(samples)
            if col == 3:
                return self.field_label(self.chosen.get(c.index))
            return self.note(index.row())
        if role == Qt.ItemDataRole.EditRole and col == self.FIELD_COLUMN:
            return self.chosen.get(c.index)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if col == 1:
                return _colours(HEADER_CELL, role)
            if col == 3 and self.chosen.get(c.index) is None:
                return _colours(ACTIONS["unchanged"][1:], role)
            if col == 4 and index.row() < len(self.columns) and \
                    c.index in self.changed_by_hand:
                return _colours(ACTIONS["update"][1:], role)
        return None

    def setData(self, index: _Valid, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.FIELD_COLUMN:
            return False
        c = self.columns[index.row()]
        value = value or None
        if self.chosen.get(c.index) == value:
            return False
        self.chosen[c.index] = value
        self.changed_by_hand.add(c.index)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 4))
        self.mappingChanged.emit(self.mapping())
        return True

    def duplicates(self) -> dict[str, list[str]]:
        """Fields chosen for more than one column: field -> the columns' letters."""
        seen: dict[str, list[str]] = {}
        for c in self.columns:
            field = self.chosen.get(c.index)
            if field:
                seen.setdefault(field, []).append(c.letter)
        return {f: letters for f, letters in seen.items() if len(letters) > 1}


class FieldDelegate(QStyledItemDelegate):
    """导入为 as a combo box: 不导入 and every field, picked with the mouse or the arrow
    keys; a pick is written at once (the wizard re-reads the sheet with it)."""

    def __init__(self, fields: dict[str, str], parent=None):
        super().__init__(parent)
        self.fields = fields

    def createEditor(self, parent, _option, _index):
        combo = QComboBox(parent)
        combo.setAccessibleName("导入为")
        combo.addItem(NOT_IMPORTED, None)
        for field, label in self.fields.items():
            combo.addItem(label, field)
        combo.setMaxVisibleItems(len(self.fields) + 1)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QComboBox, index) -> None:
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(i, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


# --- the preview of every row ----------------------------------------------------------
#: 错误 beside 处理: at 1024 pixels the fields run past the right edge, the reason must not.
ERRORS_COLUMN = 2
FIRST_FIELD = 3


class PreviewModel(QAbstractTableModel):
    """Every row of the sheet the analysis read: 行号, 处理, the imported fields, 错误."""

    def __init__(self, fields: dict[str, str], parent=None):
        super().__init__(parent)
        self.fields = fields
        self.rows: list = []
        self.shown: list[int] = []
        self.shown_fields: list[str] = []
        self.errors_only = False
        self._field_of_letter: dict[str, str] = {}

    def load(self, analysis) -> None:
        self.beginResetModel()
        self.rows = list(analysis.rows)
        # 编号 always: the intake numbers a row without one (values' number_note says so).
        chosen = {c.field for c in analysis.columns if c.field} | {"number"}
        self.shown_fields = [f for f in self.fields if f in chosen]
        self._field_of_letter = {c.letter: c.field for c in analysis.columns if c.field}
        self._filter()
        self.endResetModel()

    def set_errors_only(self, on: bool) -> None:
        self.beginResetModel()
        self.errors_only = on
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self.shown = ([i for i, r in enumerate(self.rows) if r.errors] if self.errors_only
                      else list(range(len(self.rows))))

    def headers(self) -> list[str]:
        return ["行号", "处理", "错误"] + [self.fields[f] for f in self.shown_fields]

    def row_at(self, view_row: int):
        return self.rows[self.shown[view_row]]

    def view_row_of(self, row_number: int) -> int | None:
        for view_row, i in enumerate(self.shown):
            if self.rows[i].row_number == row_number:
                return view_row
        return None

    def rowCount(self, parent: _Valid = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.shown)

    def columnCount(self, parent: _Valid = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.shown_fields) + 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def _error_fields(self, r) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in r.errors:
            field = self._field_of_letter.get(e.column_letter)
            if field:
                out[field] = out.get(field, "") + ("；" if field in out else "") + e.reason
        return out

    def data(self, index: _Valid, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self.row_at(index.row())
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return str(r.row_number)
            if col == 1:
                return action_label(r.action)
            if col == ERRORS_COLUMN:
                return "；".join(error_line(e, with_row=False) for e in r.errors)
            field = self.shown_fields[col - FIRST_FIELD]
            value = r.values.get(VALUE_KEYS.get(field, field))
            note = r.values.get(f"{field}_note")
            text = (format_yuan(value, unit=True) if field in MONEY_FIELDS and
                    isinstance(value, int) else display(value))
            if note:
                text = f"{text}（{note}）" if text else note
            if not text and field in self._error_fields(r):
                text = "（有误，见“错误”）"
            if role == Qt.ItemDataRole.ToolTipRole:
                reason = self._error_fields(r).get(field)
                return f"{text}\n错误：{reason}" if reason else (text or None)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            if col == 1 and r.action in ACTIONS:
                return _colours(ACTIONS[r.action][1:], role)
            if r.errors and (col == ERRORS_COLUMN or (
                    col >= FIRST_FIELD and
                    self.shown_fields[col - FIRST_FIELD] in self._error_fields(r))):
                return _colours(ERROR_CELL, role)
        return None


def error_line(e, with_row: bool = True) -> str:
    where = f"{e.column_letter} 列" if e.column_letter else ""
    if e.header_text:
        where += f"（{e.header_text}）"
    head = f"第 {e.row_number} 行" if with_row else ""
    return "".join(part for part in (head, where, "：" if (head or where) else "", e.reason))


class ErrorsModel(QAbstractTableModel):
    """Every error of every row: 行号, 列, 表头, 原因."""

    HEADERS = ["行号", "列", "表头", "原因"]

    def __init__(self, parent=None):
        super().__init__(parent)
        self.errors: list = []

    def load(self, analysis) -> None:
        self.beginResetModel()
        self.errors = [e for r in analysis.rows for e in r.errors]
        self.endResetModel()

    def rowCount(self, parent: _Valid = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.errors)

    def columnCount(self, parent: _Valid = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Valid, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.errors[index.row()]
        return [str(e.row_number), e.column_letter or "", e.header_text or "",
                e.reason][index.column()]
