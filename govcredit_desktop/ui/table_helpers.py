"""What the problem editor's record tabs (措施, 进展, 佐证材料) share.

Each row keeps its record's id in column 0 under ``Qt.UserRole``, so the
selection survives a reload and a key or button knows which record it means.
``RecordTab`` is the controller each tab builds on: it owns the table's
setup, its keys and its buttons' state, and tells the editor through signals
when it wrote something (``changed``, with the ``Changes``) or its tab caption
is new (``captionChanged``).
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError


def setup_table(table: QTableWidget, headers: list[str], stretch: int) -> None:
    """Whole-row selection, no row numbers; column ``stretch`` takes the spare width."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    header = table.horizontalHeader()
    for col in range(len(headers)):
        header.setSectionResizeMode(
            col, QHeaderView.Stretch if col == stretch else QHeaderView.ResizeToContents)


def item(text, data=None, tooltip: str | None = None) -> QTableWidgetItem:
    cell = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        cell.setData(Qt.UserRole, data)
    if tooltip:
        cell.setToolTip(tooltip)
    return cell


def selected_id(table: QTableWidget) -> int | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    cell = table.item(rows[0].row(), 0)
    return cell.data(Qt.UserRole) if cell else None


def select_id(table: QTableWidget, record_id: int | None) -> None:
    """Select the row of ``record_id``; if it is gone, a row near the old one."""
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.UserRole) == record_id:
            table.selectRow(row)
            return
    if table.rowCount():
        table.selectRow(min(table.rowCount() - 1, max(0, table.currentRow())))


def confirm_and_delete(parent: QWidget, text: str, delete: Callable[[], object]) -> bool:
    """Ask ``text``; on yes run ``delete``. True if it deleted; a refusal is shown."""
    answer = QMessageBox.question(parent, "确认删除", text,
                                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    if answer != QMessageBox.Yes:
        return False
    try:
        delete()
    except UserError as exc:
        QMessageBox.warning(parent, "不能删除", str(exc))
        return False
    return True


class RecordTab(QObject):
    """One record table of the problem editor and its buttons.

    ``owner`` is the editor: dialogs and message boxes open over it. A subclass
    says what the table shows (``records``, ``fill_row``, ``caption``), sets
    its buttons in ``update_buttons`` and maps keys pressed in the table to its
    slots in ``keys``.
    """

    # Changes: a record was written; the editor refreshes what depends on it
    changed = Signal(object)
    captionChanged = Signal(str)  # noqa: N815 (Qt naming)

    kind: RecordKind  # what the tab's rows are

    # Rows grow to fit wrapped long text (措施内容, 进展情况); a tab of short
    # one-line values turns this off.
    resize_rows = True

    def __init__(self, owner: QWidget, db, table: QTableWidget,
                 headers: list[str], stretch: int):
        super().__init__(owner)
        self.owner = owner
        self.db = db
        self.table = table
        self.problem_id: int | None = None
        self.editable = False
        setup_table(table, headers, stretch)
        table.installEventFilter(self)
        table.itemSelectionChanged.connect(self.update_buttons)

    def show_problem(self, problem_id: int | None, editable: bool) -> None:
        """Show ``problem_id``'s records (none for a new problem)."""
        self.problem_id = problem_id
        self.editable = editable
        self.load()

    def selected_id(self) -> int | None:
        return selected_id(self.table)

    def show_saved(self, record_id: int | None) -> None:
        """After a dialog saved ``record_id`` (None: cancelled): tell the editor,
        reload with that record selected and give the table the keyboard back."""
        if record_id is None:
            return
        self.wrote(record_id)
        self.load(select=record_id)
        self.table.setFocus()

    def wrote(self, *record_ids: int) -> None:
        """Tell the editor these records of this problem were written (or deleted)."""
        self.changed.emit(Changes.of(self.kind, *record_ids)
                          | Changes.of(RecordKind.PROBLEM, self.problem_id))

    def load(self, select: int | None = None) -> None:
        """Fill the table, keeping (or moving to ``select``) the selected record."""
        table = self.table
        keep = select if select is not None else self.selected_id()
        records = self.records() if self.problem_id else []
        table.setRowCount(len(records))
        for row, record in enumerate(records):
            self.fill_row(row, record)
        if self.resize_rows:
            table.resizeRowsToContents()
        self.captionChanged.emit(self.caption(records))
        select_id(table, keep)
        self.update_buttons()

    def records(self) -> list[dict]:
        """This problem's records, in table order."""
        raise NotImplementedError

    def fill_row(self, row: int, record: dict) -> None:
        """Show ``record`` in ``row``; column 0 carries its id (``item(text, id)``)."""
        raise NotImplementedError

    def caption(self, records: list[dict]) -> str:
        raise NotImplementedError

    def update_buttons(self) -> None:
        raise NotImplementedError

    def keys(self) -> dict:
        """Qt key -> slot, for keys pressed in the table without modifiers."""
        return {}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if obj is self.table and event.type() == QEvent.KeyPress:
            actions = self.keys()
            if event.key() in actions and \
                    event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
                actions[event.key()]()
                return True
            return False
        return super().eventFilter(obj, event)
