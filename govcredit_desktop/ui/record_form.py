"""One record's fields on screen, saved the moment the user leaves each one.

There is no Save button, as in Excel: a field commits on editingFinished (a
text field), on focus-out (a multi-line text) or when its choice changes (a
drop-down, a check box). A refused value stays in its field with the store's
message in red under it and is not overwritten by reloads until it is fixed or
undone; nothing is written meanwhile. Each committed edit goes into an
``EditHistory``, so Ctrl+Z takes it back (itself an audited edit); inside a
field that still holds unsaved typing, Ctrl+Z undoes that typing first.

The form knows nothing of the record kind: an editor hands it the inputs, a
``load() -> dict`` and a ``commit(field, value) -> old values``, and keeps
what is particular to its record (how it is created, what a change shows
elsewhere on screen). Values cross in storage form: integer fen, ISO dates,
ids, 0/1 (see ``read_value``).
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.ui.undo import EditHistory
from govcredit_desktop.ui.widgets import DateEdit, FieldErrors, MoneyEdit

__all__ = ["Field", "RecordForm", "read_value", "read_values", "show_value"]

REFUSED = "有内容未保存，请按红字提示修改"
NOTHING_TO_UNDO = "没有可撤销的修改"


@dataclass
class Field:
    """One field of a record form.

    ``by_data``: a drop-down whose value is its item data (a person id), not
    its text. ``fill(widget, value)`` replaces ``show_value`` where the choices
    come from the store (vocabularies, persons).
    """

    input: QWidget
    error: QLabel | None = None
    label: str = ""
    by_data: bool = False
    fill: Callable[[QWidget, object], None] | None = None


def read_value(widget: QWidget, *, by_data: bool = False):
    """The widget's value in storage form; a ValueError with a Chinese message
    when its text is no value (an amount or date that does not parse)."""
    if isinstance(widget, QComboBox):
        return widget.currentData() if by_data else widget.currentText().strip()
    if isinstance(widget, QCheckBox):
        return 1 if widget.isChecked() else 0
    if isinstance(widget, MoneyEdit):
        return widget.fen()
    if isinstance(widget, DateEdit):
        return widget.iso()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    return widget.text().strip()


def show_value(widget: QWidget, value, *, by_data: bool = False) -> None:
    """Show a stored value in its display form (1,234.50; 2026年3月1日)."""
    if isinstance(widget, QComboBox):
        if by_data:
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setCurrentText(value or "")
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, MoneyEdit):
        widget.set_fen(value)
    elif isinstance(widget, DateEdit):
        widget.set_iso(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
        widget.document().setModified(False)
    else:
        if value and len(value) > widget.maxLength():
            # setText would cut it silently, and the cut text would be saved on leaving.
            widget.setMaxLength(len(value))
        widget.setText(value or "")
        widget.setModified(False)


def read_values(inputs: Mapping[str, QWidget], *, by_data: Collection[str] = ()) -> dict:
    """Every input's value, for a dialog that writes them all at once; a
    ValidationError names each field whose text is no value."""
    values, errors = {}, {}
    for name, widget in inputs.items():
        try:
            values[name] = read_value(widget, by_data=name in by_data)
        except ValueError as exc:
            errors[name] = str(exc)
    if errors:
        raise ValidationError(errors)
    return values


def _same(a, b) -> bool:
    # A stored NULL and an empty field are the same nothing.
    return a == b or (a in (None, "") and b in (None, ""))


class RecordForm(QObject):
    """The fields of one record, committed one by one as the user leaves them.

    ``record_id`` is None until the record exists; meanwhile leaving a field
    calls ``create()`` (the editor decides when enough is filled in, and sets
    ``record_id``). ``store`` names the record store (``"problems"``) so the
    history can undo an edit after the form has gone.
    """

    committed = Signal(str, dict)  # field, the record as stored after the write
    reloaded = Signal(dict)  # the record, after every field was shown again
    written = Signal()  # something was written (a commit or an undo)
    message = Signal(str)  # one line for the editor's save-state label
    undoChanged = Signal()  # noqa: N815 (Qt naming)
    undone = Signal(object)  # the Edit Ctrl+Z took back

    def __init__(self, owner: QWidget, db, fields: Mapping[str, Field], *, store: str,
                 load: Callable[[], dict], commit: Callable[[str, object], dict],
                 create: Callable[[], None] | None = None,
                 history: EditHistory | None = None, record_id: int | None = None,
                 general: QLabel | None = None, also_undoes: Collection[str] = ()):
        super().__init__(owner)
        self.owner = owner
        self.db = db
        self.fields = dict(fields)
        self.store = store
        # Stores of records kept under this one (a problem's 失信记录): their edits of it
        # are undone from here too.
        self.also_undoes = frozenset(also_undoes)
        self.record_id = record_id
        self.history = history if history is not None else EditHistory(parent=self)
        self._load = load
        self._commit = commit
        self._create = create
        self._stored: dict = {}
        self._pending: set[str] = set()
        self._loading = False
        self._read_only = False
        self._read_only_reason = ""
        self.inputs = {name: field.input for name, field in self.fields.items()}
        self._names = {widget: name for name, widget in self.inputs.items()}
        self.errors = FieldErrors(
            {name: field.error for name, field in self.fields.items() if field.error},
            self.inputs, self, general=general)
        self.history.changed.connect(self.undoChanged)
        for name, widget in self.inputs.items():
            self._watch(name, widget)
        # Ctrl+Z anywhere in the owner; eventFilter lets a field with unsaved
        # typing keep it for its own undo.
        self.undo_action = QAction("撤销上一步修改", owner)
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.undo_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo)
        owner.addAction(self.undo_action)

    def _watch(self, name: str, widget: QWidget) -> None:
        commit = partial(self.commit, name)
        if isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.lineEdit().editingFinished.connect(commit)
                widget.installEventFilter(self)
            widget.currentIndexChanged.connect(lambda index: index >= 0 and commit())
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _checked: commit())
        elif isinstance(widget, QLineEdit):
            widget.editingFinished.connect(commit)
            widget.installEventFilter(self)
            if isinstance(widget, MoneyEdit):
                # A refused key (a minus sign) is said under the field until the next edit.
                widget.refused.connect(partial(self.errors.set, name))
                widget.textEdited.connect(
                    lambda _text, n=name: n in self._pending or self.errors.set(n, None))
        elif isinstance(widget, QPlainTextEdit):
            widget.installEventFilter(self)  # commits on focus out

    # --- values ----------------------------------------------------------------
    def label(self, name: str) -> str:
        return self.fields[name].label or name

    def value(self, name: str):
        return read_value(self.inputs[name], by_data=self.fields[name].by_data)

    def collect(self) -> dict:
        """The filled-in values, for creating the record; unreadable fields are refused."""
        values = {}
        for name in self.fields:
            try:
                value = self.value(name)
            except ValueError as exc:
                self.refuse(name, str(exc))
                continue
            if value not in (None, ""):
                values[name] = value
        return values

    def has_input(self, ignore: Collection[str] = ()) -> bool:
        """Whether the user typed or chose anything (fields with defaults in ``ignore``)."""
        for name in self.fields:
            if name in ignore:
                continue
            try:
                value = self.value(name)
            except ValueError:
                return True
            if value not in (None, "", 0):
                return True
        return False

    @property
    def pending(self) -> frozenset[str]:
        """Fields whose refused text is kept on screen, unsaved."""
        return frozenset(self._pending)

    # --- showing ---------------------------------------------------------------
    def reload(self, only: Collection[str] | None = None) -> dict:
        """Show the stored record (all fields, or ``only`` these); fields with
        refused text keep it. A full reload emits ``reloaded``."""
        record = self._load() if self.record_id is not None else {}
        self._loading = True
        try:
            for name in self.fields:
                if name not in self._pending and (only is None or name in only):
                    self._show(name, record.get(name))
        finally:
            self._loading = False
        self._stored = record
        if only is None:
            self.reloaded.emit(record)
            self.undoChanged.emit()
        return record

    def prefill(self, values: dict) -> None:
        """Show ``values`` in a new record's fields without committing them (a problem
        made from a complaint); the record is created once its required fields are."""
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.fields and value not in (None, ""):
                    self._show(name, value)
        finally:
            self._loading = False

    def _show(self, name: str, value) -> None:
        field = self.fields[name]
        if field.fill is not None:
            field.fill(field.input, value)
        else:
            show_value(field.input, value, by_data=field.by_data)

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """Nothing commits while read-only; ``reason`` is what undo answers then."""
        self._read_only = read_only
        self._read_only_reason = reason
        for widget in self.inputs.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(read_only)  # still selectable and copyable
                # White reads as "type here": a read-only text gets the window's grey.
                palette = widget.palette()
                base = self.owner.palette().color(QPalette.ColorRole.Window if read_only
                                                  else QPalette.ColorRole.Base)
                palette.setColor(QPalette.ColorRole.Base, base)
                widget.setPalette(palette)
            else:
                widget.setEnabled(not read_only)
        # Still on: a record kept under this one may be undone (see can_undo).
        self.undo_action.setEnabled(True)
        self.undoChanged.emit()

    @property
    def read_only(self) -> bool:
        return self._read_only

    # --- committing ------------------------------------------------------------
    def commit(self, name: str) -> None:
        """Write the field the user is leaving, or keep it with the reason it was refused."""
        if self._loading or self._read_only:
            return
        try:
            value = self.value(name)
        except ValueError as exc:
            self.refuse(name, str(exc))
            return
        if self.record_id is None:
            if self._create is not None:
                self._create()
            return
        if name not in self._pending and _same(value, self._stored.get(name)):
            return  # only passed through: no transaction, no audit row
        try:
            old = self._write(name, value)
        except ValidationError as exc:
            self.refuse(name, exc.errors.get(name) or "；".join(exc.errors.values()))
            return
        except UserError as exc:
            self.refuse(name, str(exc))
            return
        if not old:
            return
        self.message.emit(f"已自动保存（{self.label(name)}）")
        self._retry_pending()
        record = self._load()
        self._stored = record
        # Re-show the committed value in its display form (e.g. 1,234.50).
        if name not in self._pending and not self.inputs[name].hasFocus():
            self._loading = True
            try:
                self._show(name, record.get(name))
            finally:
                self._loading = False
        self.committed.emit(name, record)

    def _write(self, name: str, value) -> dict:
        old = self._commit(name, value)
        self.accept(name)
        if old:
            self.history.record(self.record_id, old, {name: value}, self.label(name),
                                self.store)
            self.written.emit()
        return old

    def _retry_pending(self) -> None:
        """A refused field may be valid now (e.g. 已清偿 after 涉及金额 grew)."""
        for name in list(self._pending):
            try:
                self._write(name, self.value(name))
            except (ValueError, UserError):
                continue

    def refuse(self, name: str, message: str) -> None:
        self._pending.add(name)
        if name in self.errors.labels:
            self.errors.set(name, message)
        else:
            self.errors.show_general(message)
        self.message.emit(REFUSED)

    def accept(self, name: str) -> None:
        self._pending.discard(name)
        self.errors.set(name, None)

    def commit_focused(self) -> None:
        """Commit the field the cursor is in (closing the owner must not lose it)."""
        widget = self.owner.focusWidget()
        for name, field in self.fields.items():
            w = field.input
            if widget is w or (isinstance(w, QComboBox) and widget is w.lineEdit()):
                if isinstance(w, (QLineEdit, QComboBox, QPlainTextEdit)):
                    self.commit(name)
                return

    # --- undo ------------------------------------------------------------------
    def can_undo(self) -> bool:
        # The history may be shared with the main window; only this record's
        # last edit may be undone from here, and never while it is read-only.
        # A record kept under this one stays writable when this one is read-only (a
        # closed problem's 失信记录).
        edit = self.history.last_edit()
        if self.record_id is None or edit is None:
            return False
        if edit.store in self.also_undoes and edit.problem_id == self.record_id:
            return True
        return not self._read_only and (edit.store, edit.record_id) == (self.store,
                                                                        self.record_id)

    def undo(self) -> None:
        if not self.can_undo():
            self.message.emit(self._read_only_reason or NOTHING_TO_UNDO if self._read_only
                              else NOTHING_TO_UNDO)
            return
        label = self.history.last_label()
        try:
            edit = self.history.undo(self.db)
        except UserError as exc:
            QMessageBox.warning(self.owner, "不能撤销", str(exc))
            return
        self.written.emit()
        self.undone.emit(edit)
        self._pending.clear()
        self.errors.clear()
        self.reload()
        self.message.emit(f"已撤销（{label}）")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        etype = event.type()
        if etype == QEvent.FocusOut and isinstance(obj, QPlainTextEdit):
            name = self._names.get(obj)
            if name and obj.document().isModified():
                obj.document().setModified(False)
                self.commit(name)
        elif etype in (QEvent.ShortcutOverride, QEvent.KeyPress) and \
                isinstance(obj, (QLineEdit, QPlainTextEdit, QComboBox)) and \
                event.matches(QKeySequence.Undo):
            # Typing not yet saved: the field's own undo. Otherwise the edit
            # history, as Ctrl+Z in Excel after the cell was left. (An editable
            # combo has the focus itself and hands keys to its line edit.)
            text = obj.lineEdit() if isinstance(obj, QComboBox) else obj
            if text is None:
                return False
            local = text.isUndoAvailable() if isinstance(text, QLineEdit) else \
                text.document().isUndoAvailable()
            if local and not text.isReadOnly():
                return False
            if etype == QEvent.ShortcutOverride:
                event.accept()  # deliver as a key press to this filter
                return True
            self.undo()
            return True
        return super().eventFilter(obj, event)
