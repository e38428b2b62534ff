"""Input widgets shared by the editors: money in 元, optional dates, field errors,
vocabulary and person drop-downs.

Values cross into the store in storage form (integer fen, ISO date strings,
person ids); the widgets only convert at the edge.
"""

from PySide6.QtCore import QDate, QObject, QPoint, QRegularExpression, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QStyle,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.dates import DateError, format_cn, parse_date
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.limits import MAX_DATE, MAX_LENGTH, MIN_DATE
from govcredit_desktop.core.money import MoneyError, format_yuan, parse_yuan

__all__ = [
    "DateEdit",
    "FieldErrors",
    "MoneyEdit",
    "ensure_vocab",
    "ADD_PERSON_TEXT",
    "fill_person_combo",
    "fill_vocab_combo",
    "ERROR_COLOUR",
    "ERROR_STYLE",
    "install_shortcut",
    "limit_lengths",
    "person_label",
    "sort_persons",
]

# Red, small, wrapping: the message sits right under the field it explains.
ERROR_COLOUR = "#c62828"
ERROR_STYLE = f"color: {ERROR_COLOUR};"


def limit_lengths(kind: str, inputs) -> None:
    """Stop one-line inputs at the store's limit for ``kind`` (core.limits), so the limit
    is met while typing rather than as a refusal.  Never below what an input already
    shows: QLineEdit cuts longer text silently, and an older value longer than today's
    limit must stay whole for the store to refuse (and the clerk to shorten)."""
    for field, widget in inputs.items():
        limit = MAX_LENGTH[kind].get(field)
        if limit and type(widget) is QLineEdit:
            widget.setMaxLength(max(limit, len(widget.text())))


class MoneyEdit(QLineEdit):
    """An amount in 元 with at most two decimals; the value is integer fen.

    While the field has focus it shows plain digits ("12345.6"); otherwise it
    shows thousands separators ("12,345.60"), as clerks read amounts in Excel.
    ``fen()`` returns None for an empty field and raises ``MoneyError`` (a
    ValueError with a Chinese message) if the text is not an amount.
    """

    # Digits with optional separators, and up to two decimals. No sign:
    # negative money is never valid in the ledger.
    _PATTERN = QRegularExpression(r"^\s*[0-9][0-9,，]*(\.[0-9]{0,2})?\s*$|^\s*$|^\.[0-9]{0,2}$")
    # The validator drops these without a word; a clerk typing -500 must learn why.
    _MINUS = frozenset("-－−")
    NEGATIVE_MESSAGE = "金额不能为负数：请输入 0 或正数（单位：元）"

    refused = Signal(str)  # a key the field will not take, and why

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(self._PATTERN, self))
        self.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.setToolTip("金额，单位：元，最多两位小数")

    def fen(self) -> int | None:
        return parse_yuan(self.text())

    def set_fen(self, fen: int | None) -> None:
        self.setText(format_yuan(fen, grouping=not self.hasFocus()))

    def is_valid(self) -> bool:
        try:
            self.fen()
        except MoneyError:
            return False
        return True

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.text() and event.text() in self._MINUS and not self.isReadOnly():
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())),
                              self.NEGATIVE_MESSAGE, self)
            self.refused.emit(self.NEGATIVE_MESSAGE)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt override)
        # Separators get in the way of editing; drop them while focused.
        if "," in self.text():
            self.setText(self.text().replace(",", ""))
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)  # emits editingFinished with the typed text
        try:
            fen = self.fen()
        except MoneyError:
            return  # keep what the user typed, the caller shows the message
        self.setText(format_yuan(fen))


class _CalendarPopup(QFrame):
    picked = Signal(QDate)

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.Popup)
        self.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        # The dates the store accepts (core.limits); the calendar offers no others.
        self.calendar.setDateRange(QDate(MIN_DATE.year, MIN_DATE.month, MIN_DATE.day),
                                   QDate(MAX_DATE.year, MAX_DATE.month, MAX_DATE.day))
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.Monday)
        # Week numbers mean nothing on a Chinese office calendar.
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout.addWidget(self.calendar)
        # clicked: mouse; activated: Enter/Return or double click.
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def _pick(self, date: QDate) -> None:
        self.hide()
        self.picked.emit(date)


class DateEdit(QLineEdit):
    """A date that may be empty: type it (2026-03-15, 2026/3/15, 2026年3月15日)
    or pick it from the calendar (the button at the right, Alt+↓ or F4).

    Shows "2026年3月15日" when not editing. ``iso()`` returns None when empty
    and raises ``DateError`` (Chinese message) for text that is not a date.
    ``dateChanged(object)`` carries the new ISO string or None whenever the
    committed value changes; ``editingFinished`` fires after a calendar pick too.
    """

    dateChanged = Signal(object)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("例如 2026-03-15")
        self.setToolTip("日期：可直接输入 2026-03-15 或 2026年3月15日；Alt+↓ 或 F4 打开日历")
        self.setClearButtonEnabled(True)
        self._last: str | None = None
        self._popup: _CalendarPopup | None = None
        icon = self.style().standardIcon(QStyle.SP_FileDialogDetailedView)
        self.calendar_action = QAction(icon, "选择日期", self)
        self.calendar_action.setToolTip("选择日期（Alt+↓）")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.TrailingPosition)
        self.editingFinished.connect(self._commit)

    # --- value -------------------------------------------------------------
    def iso(self) -> str | None:
        d = parse_date(self.text())
        return d.isoformat() if d else None

    def set_iso(self, value: str | None) -> None:
        try:
            self._last = parse_date(value).isoformat() if value else None
        except DateError:
            self._last = None
        self.setText(format_cn(self._last) if self._last else "")

    def is_valid(self) -> bool:
        try:
            self.iso()
        except DateError:
            return False
        return True

    def _commit(self) -> None:
        try:
            value = self.iso()
        except DateError:
            return
        if not self.hasFocus() and value:
            self.setText(format_cn(value))
        if value != self._last:
            self._last = value
            self.dateChanged.emit(value)

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt naming)
        # A read-only date offers neither the calendar nor the clear button.
        super().setReadOnly(read_only)
        self.setClearButtonEnabled(not read_only)
        self.calendar_action.setVisible(not read_only)

    # --- calendar ----------------------------------------------------------
    def open_calendar(self) -> None:
        if self.isReadOnly():
            return
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        try:
            current = parse_date(self.text())
        except DateError:
            current = None
        cal = self._popup.calendar
        cal.setSelectedDate(QDate(current.year, current.month, current.day)
                            if current else QDate.currentDate())
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        cal.setFocus()

    def _picked(self, date: QDate) -> None:
        self.setText(format_cn(f"{date.year():04d}-{date.month():02d}-{date.day():02d}"))
        self.setFocus()
        self.editingFinished.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if (event.key() == Qt.Key_F4 or (event.key() == Qt.Key_Down
                                         and event.modifiers() & Qt.AltModifier)):
            self.open_calendar()
            return
        super().keyPressEvent(event)



class FieldErrors(QObject):
    """Messages next to their fields: ``show({'title': '问题标题不能为空'})``.

    ``labels`` maps field name -> the small QLabel placed under the input;
    ``inputs`` (optional) maps field name -> the input, which gets a red frame;
    ``general`` (optional) is the form's one line for messages that belong to
    no field. ``show`` returns the messages that have no label, so the caller
    can put them in the general line instead of losing them.
    """

    def __init__(self, labels: dict[str, QLabel], inputs: dict[str, QWidget] | None = None,
                 parent: QObject | None = None, *, general: QLabel | None = None):
        super().__init__(parent)
        self.labels = dict(labels)
        self.inputs = dict(inputs or {})
        self.general = general
        for label in [*self.labels.values(), *([general] if general is not None else [])]:
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.setText("")
            label.hide()

    def show(self, errors: dict[str, str], *, replace: bool = True) -> dict[str, str]:
        """Show ``errors``; with ``replace`` the other fields' messages are cleared."""
        if replace:
            self.clear()
        rest = {}
        for field, message in errors.items():
            if field in self.labels:
                self.set(field, message)
            else:
                rest[field] = message
        return rest

    def set(self, field: str, message: str | None) -> None:
        label = self.labels.get(field)
        if label is None:
            return
        if message:
            # A label may show a hint in another colour between refusals
            # (the live 统一社会信用代码 check); a refusal is always red.
            label.setStyleSheet(ERROR_STYLE)
        label.setText(message or "")
        label.setVisible(bool(message))
        widget = self.inputs.get(field)
        if widget is not None:
            widget.setStyleSheet(
                f"{type(widget).__name__} {{ border: 1px solid {ERROR_COLOUR}; }}"
                if message else "")

    def show_general(self, message: str) -> None:
        if self.general is not None:
            self.general.setText(message)
            self.general.setVisible(bool(message))

    def refuse(self, error: UserError, hint: str = "") -> None:
        """Show why the store refused a write: a ValidationError under its fields
        (the first refused input gets the focus, ``hint`` goes in the general
        line when every message has a field), anything else in the general line."""
        if not isinstance(error, ValidationError):
            self.clear()
            self.show_general(str(error))
            return
        rest = self.show(error.errors)
        self.show_general("；".join(rest.values()) or hint)
        for field in self.labels:
            widget = self.inputs.get(field)
            if field in error.errors and widget is not None:
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                break

    def clear(self, field: str | None = None) -> None:
        for name in ([field] if field else list(self.labels)):
            self.set(name, None)
        if field is None:
            self.show_general("")


# --- drop-downs --------------------------------------------------------------

def fill_vocab_combo(combo: QComboBox, values: list[str], current: str | None) -> None:
    """An editable combo with the vocabulary; a value not in it is kept and shown.

    A user may type a new value; call ``ensure_vocab`` when committing it so the
    store remembers it for next time.
    """
    blocked = combo.blockSignals(True)
    try:
        combo.clear()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.NoInsert)
        items = list(values)
        if current and current not in items:
            items.append(current)
        combo.addItems(items)
        if current:
            combo.setCurrentIndex(items.index(current))
        else:
            combo.setCurrentIndex(-1)
            combo.setEditText("")
        if combo.lineEdit() is not None:
            combo.lineEdit().setPlaceholderText("请选择或输入")
    finally:
        combo.blockSignals(blocked)


def ensure_vocab(db, kind: str, value: str | None) -> None:
    """Remember a value the user typed into a vocabulary combo."""
    value = (value or "").strip()
    if value and value not in db.settings.vocabulary(kind):
        db.settings.add_vocabulary(kind, value)


def person_label(person: dict) -> str:
    text = person["name"]
    if person.get("post"):
        text += f"（{person['post']}）"
    if not person.get("active", 1):
        text += "（已停用）"
    return text


ADD_PERSON_TEXT = "新增责任人…"
_ADD_ROLE = Qt.UserRole + 1  # marks the 新增责任人… row of a person combo


def sort_persons(persons: list[dict]) -> list[dict]:
    """Active persons first, each group in Chinese order (pinyin, as ICU's zh_CN
    collation sorts: 安 白 陈 … 张 赵); SQL's ORDER BY name sorts by code point."""
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Chinese, QLocale.China))
    collator.setNumericMode(True)  # 张伟2 before 张伟10

    def compare(a: dict, b: dict) -> int:
        by_active = int(not a.get("active", 1)) - int(not b.get("active", 1))
        return by_active or collator.compare(a["name"], b["name"]) or (a["id"] > b["id"]) - (
            a["id"] < b["id"])

    return sorted(persons, key=cmp_to_key(compare))


class _PersonAdder(QObject):
    """The 新增责任人… row of one combo: opens the person form, puts the new person
    in every person combo of the window and selects it here.

    The row's item data is kept equal to the person chosen before it, so a
    record form that commits on ``currentIndexChanged`` (connected before this)
    sees no change when the row is picked; the real choice follows once the
    person exists."""

    def __init__(self, combo: QComboBox):
        super().__init__(combo)
        self.combo = combo
        self.db = None
        self.on_added = None
        self.allow_empty = True
        combo.currentIndexChanged.connect(self._index_changed)

    def _add_row(self) -> int:
        for i in range(self.combo.count() - 1, -1, -1):
            if self.combo.itemData(i, _ADD_ROLE):
                return i
        return -1

    def _index_changed(self, index: int) -> None:
        combo = self.combo
        add_row = self._add_row()
        if index < 0 or add_row < 0:
            return
        if index != add_row:
            combo.setItemData(add_row, combo.itemData(index))  # follow the real choice
            return
        previous = combo.itemData(add_row)
        from govcredit_desktop.ui.persons_dialog import PersonForm  # imports this module

        person_id = PersonForm.ask(combo.window(), self.db)
        if person_id is None:
            back = combo.findData(previous)
            blocked = combo.blockSignals(True)
            try:
                combo.setCurrentIndex(back if back != add_row else -1)
            finally:
                combo.blockSignals(blocked)
            return
        persons = self.db.people.list()
        for other in combo.window().findChildren(QComboBox):
            adder = other.findChild(_PersonAdder, options=Qt.FindDirectChildrenOnly)
            if adder is not None and other is not combo and adder.db is not None:
                fill_person_combo(other, persons, other.currentData(), adder.allow_empty,
                                  db=adder.db, on_added=adder.on_added)
        fill_person_combo(combo, persons, previous, self.allow_empty, db=self.db,
                          on_added=self.on_added)
        if self.on_added is not None:
            from govcredit_desktop.core.changes import Changes, RecordKind

            self.on_added(Changes.of(RecordKind.PERSON, person_id))
        combo.setCurrentIndex(combo.findData(person_id))  # the editor commits it


def _make_searchable(combo: QComboBox) -> None:
    """Typing part of a name (any character, Chinese through the input method) offers
    the persons who match; text that names nobody goes back to the current choice."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.NoInsert)
    completer = combo.completer()
    completer.setCaseSensitivity(Qt.CaseInsensitive)
    completer.setFilterMode(Qt.MatchContains)
    completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
    line = combo.lineEdit()
    line.setPlaceholderText("输入姓名查找")

    def back_to_choice() -> None:
        if combo.currentIndex() >= 0 and line.text() != combo.currentText():
            line.setText(combo.itemText(combo.currentIndex()))
    line.editingFinished.connect(back_to_choice)


def fill_person_combo(combo: QComboBox, persons: list[dict], current_id: int | None,
                      allow_empty: bool = True, *, db=None, on_added=None) -> None:
    """Active persons in Chinese order, plus an inactive one only when it is the
    current choice; searchable by typing.

    Item data is the person id (None for the empty choice "（未指定）"). With ``db``
    the last entry is 新增责任人…, which adds a person on the spot (a new database
    has none) and calls ``on_added(changes)`` with what it wrote.
    """
    blocked = combo.blockSignals(True)
    try:
        if not combo.isEditable():
            _make_searchable(combo)
        combo.clear()
        if allow_empty:
            combo.addItem("（未指定）", None)
        for person in sort_persons(persons):
            if person.get("active", 1) or person["id"] == current_id:
                combo.addItem(person_label(person), person["id"])
        index = combo.findData(current_id) if current_id is not None else (0 if allow_empty
                                                                           else -1)
        if db is not None:
            combo.addItem(ADD_PERSON_TEXT, current_id)
            combo.setItemData(combo.count() - 1, True, _ADD_ROLE)
            combo.setItemData(combo.count() - 1, "新增一位责任人并选中", Qt.ToolTipRole)
            adder = (combo.findChild(_PersonAdder, options=Qt.FindDirectChildrenOnly)
                     or _PersonAdder(combo))
            adder.db, adder.on_added, adder.allow_empty = db, on_added, allow_empty
        combo.setCurrentIndex(index)
        if index < 0:
            combo.setEditText("")
    finally:
        combo.blockSignals(blocked)


def install_shortcut(widget: QWidget, keys, slot, text: str = "") -> QAction:
    """A widget-local shortcut (works while focus is inside ``widget``)."""
    action = QAction(text, widget)
    if isinstance(keys, (list, tuple)):
        action.setShortcuts([QKeySequence(k) for k in keys])
    else:
        action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    widget.addAction(action)
    return action

