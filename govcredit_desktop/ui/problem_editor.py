"""The problem editor: every field is saved the moment the user leaves it.

There is no Save button, as in Excel: a field commits on editingFinished (or
when a drop-down changes) through ``Store.update_problem``; a refused value
stays in the field with the store's message under it until it is fixed, and
nothing is written. Each saved edit goes into an ``EditHistory`` so Ctrl+Z
takes it back (itself an audited edit).

A new problem is created as soon as its required fields (标题, 领域, 类型,
来源) are filled in validly; until then nothing is in the database.
"""

import datetime as _dt
import tempfile
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from govcredit_desktop.core import rules
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.fields import PROBLEM_LABELS
from govcredit_desktop.core.money import format_yuan
from govcredit_desktop.core.vocab import EDITABLE_STATUSES, STATUS_CLOSED, STATUS_OPEN
from govcredit_desktop.store import ledger_query
from govcredit_desktop.ui.closure_dialogs import CloseProblemDialog, ReopenDialog
from govcredit_desktop.ui.forms.ui_problem_editor import Ui_ProblemEditor
from govcredit_desktop.ui.measure_progress_dialogs import MeasureDialog, ProgressDialog
from govcredit_desktop.ui.undo import EditHistory
from govcredit_desktop.ui.widgets import (
    DateEdit,
    FieldErrors,
    MoneyEdit,
    combo_person_id,
    ensure_vocab,
    fill_person_combo,
    fill_vocab_combo,
)

REQUIRED_FOR_CREATE = ("title", "area", "category", "source")
HINT_REQUIRED = "填写标题、领域、类型、来源后自动保存"
VOCAB_FIELDS = ("area", "category", "source")

# field -> attribute of the form holding its input
FIELD_WIDGETS = {
    "title": "titleEdit",
    "area": "areaCombo",
    "category": "categoryCombo",
    "source": "sourceCombo",
    "status": "statusCombo",
    "dishonesty_record": "dishonestyRecordCheck",
    "counterparty": "counterpartyEdit",
    "counterparty_uscc": "counterpartyUsccEdit",
    "amount_involved": "amountInvolvedEdit",
    "amount_repaid": "amountRepaidEdit",
    "discovered_date": "discoveredDateEdit",
    "deadline": "deadlineEdit",
    "lead_unit": "leadUnitEdit",
    "responsible_unit": "responsibleUnitEdit",
    "responsible_leader_id": "responsibleLeaderCombo",
    "responsible_person_id": "responsiblePersonCombo",
    "description": "descriptionEdit",
    "target": "targetEdit",
}
ERROR_LABELS = {
    **{field: attr.replace("Edit", "Error").replace("Combo", "Error").replace("Check", "Error")
       for field, attr in FIELD_WIDGETS.items()},
    "campaign_id": "campaignError",
}

LIGHT_COLOURS = {"red": "#d32f2f", "yellow": "#f9a825", "green": "#2e7d32"}
BANNER_STYLE = ("QFrame#closedBanner { background: #e8f5e9; border: 1px solid #81c784;"
                " border-radius: 4px; }")
ERROR_STYLE = "color: #c62828;"


def light_html(light: rules.Light, deadline: str | None, today: _dt.date) -> str:
    """A coloured dot with the words, so the light is not told by colour alone."""
    text = light.label
    left = rules.days_left(deadline, today)
    if left is not None and light != rules.Light.GREEN:
        text += f"，已逾期{-left}天" if left < 0 else f"，剩{left}天到期"
    elif left is not None:
        text += f"，{format_cn(deadline)}到期"
    return f'<span style="color:{LIGHT_COLOURS[light.value]}">●</span> {text}'


def light_icon(light: rules.Light) -> QIcon:
    """A filled circle drawn at the screen's pixel ratio (sharp on high-DPI)."""
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if \
        QGuiApplication.primaryScreen() else 1.0
    side = 12
    pixmap = QPixmap(int(side * ratio), int(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(LIGHT_COLOURS[light.value]))
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    return QIcon(pixmap)


def _size_text(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _item(text, data=None, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        item.setData(Qt.UserRole, data)
    if tooltip:
        item.setToolTip(tooltip)
    return item


class ProblemEditor(QDialog):
    def __init__(self, parent: QWidget | None, store, problem_id: int | None = None,
                 campaign_id: int | None = None, history: EditHistory | None = None):
        super().__init__(parent)
        self.store = store
        self.problem_id = problem_id
        self.history = history if history is not None else EditHistory(parent=self)
        self.changed = False
        self.today = _dt.date.today()
        self._loading = False
        self._closed = False
        self._temp_dir: tempfile.TemporaryDirectory | None = None
        # Fields whose text was refused: the text is kept and not overwritten
        # by reloads until the user fixes it (or undoes).
        self._pending: set[str] = set()

        self.form = f = Ui_ProblemEditor()
        f.setupUi(self)
        self.inputs = {field: getattr(f, attr) for field, attr in FIELD_WIDGETS.items()}
        self.inputs_by_widget = {w: field for field, w in self.inputs.items()}
        # The form's grid has no error label under the campaign combo; the
        # store reports a missing campaign in the general line instead.
        labels = {field: getattr(f, name) for field, name in ERROR_LABELS.items()
                  if hasattr(f, name)}
        self.errors = FieldErrors(labels, self.inputs, self)
        f.generalError.setStyleSheet(ERROR_STYLE)
        f.generalError.hide()
        f.closedBanner.setStyleSheet(BANNER_STYLE)
        f.closedBanner.hide()
        font = f.numberLabel.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        f.numberLabel.setFont(font)
        f.lightLabel.setTextFormat(Qt.RichText)
        f.buttonBox.button(QDialogButtonBox.Close).setText("关闭")
        f.undoButton.setShortcut(QKeySequence())  # Ctrl+Z comes from the action below
        for field in REQUIRED_FOR_CREATE:
            label = getattr(f, FIELD_WIDGETS[field].replace("Edit", "Label")
                            .replace("Combo", "Label"))
            label.setText(label.text() + " *")  # plain text keeps the Alt mnemonic
            label.setToolTip("必填")

        self._fill_choices(campaign_id)
        self._connect()
        self._setup_tables()
        self._setup_actions()
        self.load()
        f.tabs.setCurrentIndex(0)
        f.titleEdit.setFocus()

    # --- setup ---------------------------------------------------------------
    def _fill_choices(self, campaign_id: int | None) -> None:
        f = self.form
        problem = self.store.get_problem(self.problem_id) if self.problem_id else {}
        current_campaign = problem.get("campaign_id", campaign_id)
        for campaign in self.store.list_campaigns():
            f.campaignCombo.addItem(campaign["name"], campaign["id"])
        if current_campaign is not None:
            f.campaignCombo.setCurrentIndex(f.campaignCombo.findData(current_campaign))
        # The number is per campaign, so the campaign is chosen once, at creation.
        f.campaignCombo.setEnabled(self.problem_id is None)
        units = ledger_query.distinct_units(self.store, current_campaign)
        for edit in (f.responsibleUnitEdit, f.leadUnitEdit):
            completer = QCompleter(units, edit)
            completer.setCaseSensitivity(Qt.CaseInsensitive)
            completer.setFilterMode(Qt.MatchContains)
            edit.setCompleter(completer)

    def _connect(self) -> None:
        for field, widget in self.inputs.items():
            commit = partial(self._commit_field, field)
            if isinstance(widget, QComboBox):
                if widget.isEditable() or field in VOCAB_FIELDS:
                    widget.setEditable(True)
                    widget.lineEdit().editingFinished.connect(commit)
                    widget.installEventFilter(self)
                widget.currentIndexChanged.connect(
                    lambda index, name=field: index >= 0 and self._commit_field(name))
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(lambda _checked, c=commit: c())
            elif isinstance(widget, QLineEdit):
                widget.editingFinished.connect(commit)
                widget.installEventFilter(self)
            elif isinstance(widget, QPlainTextEdit):
                widget.installEventFilter(self)  # commits on focus out
        f = self.form
        f.undoButton.clicked.connect(self.undo_last)
        f.closeProblemButton.clicked.connect(self.close_problem)
        f.reopenProblemButton.clicked.connect(self.reopen_problem)
        f.addMeasureButton.clicked.connect(self.add_measure)
        f.editMeasureButton.clicked.connect(self.edit_measure)
        f.deleteMeasureButton.clicked.connect(self.delete_measure)
        f.addProgressButton.clicked.connect(self.add_progress)
        f.deleteProgressButton.clicked.connect(self.delete_progress)
        f.addEvidenceButton.clicked.connect(self.add_evidence)
        f.openEvidenceButton.clicked.connect(self.open_evidence)
        f.saveEvidenceButton.clicked.connect(self.save_evidence_as)
        f.deleteEvidenceButton.clicked.connect(self.delete_evidence)
        self.history.changed.connect(self._update_undo_button)

    def _setup_tables(self) -> None:
        f = self.form
        specs = (
            (f.measuresTable, ["期限提示", "措施内容", "责任人", "完成时限", "状态",
                               "完成日期"], 1),
            (f.progressTable, ["日期", "进展情况", "本次清偿金额(元)"], 1),
            (f.evidenceTable, ["文件名", "大小", "SHA-256", "添加日期"], 0),
        )
        for table, headers, stretch in specs:
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            table.verticalHeader().setVisible(False)
            table.setSelectionBehavior(QAbstractItemView.SelectRows)
            header = table.horizontalHeader()
            for col in range(len(headers)):
                header.setSectionResizeMode(
                    col, QHeaderView.Stretch if col == stretch else QHeaderView.ResizeToContents)
            table.installEventFilter(self)
        f.measuresTable.doubleClicked.connect(lambda *_: self.edit_measure())
        f.evidenceTable.doubleClicked.connect(lambda *_: self.open_evidence())
        for table in (f.measuresTable, f.progressTable, f.evidenceTable):
            table.itemSelectionChanged.connect(self._update_buttons)

    def _setup_actions(self) -> None:
        # Ctrl+Z anywhere in the editor; inside a text field that still holds
        # uncommitted typing, the field's own undo runs first (eventFilter).
        self.undo_action = QAction("撤销上一步修改", self)
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.undo_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.undo_last)
        self.addAction(self.undo_action)

    # --- loading -------------------------------------------------------------
    def load(self) -> None:
        """Show the stored problem (fields with refused text keep that text)."""
        f = self.form
        problem = self.store.get_problem(self.problem_id) if self.problem_id else {}
        self._closed = problem.get("status") == STATUS_CLOSED
        self._loading = True
        try:
            for field in REQUIRED_FOR_CREATE + tuple(
                    k for k in FIELD_WIDGETS if k not in REQUIRED_FOR_CREATE):
                if field in self._pending:
                    continue
                self._show_value(field, problem.get(field))
        finally:
            self._loading = False
        if self.problem_id:
            f.numberLabel.setText(f"问题 {problem['number']}")
            self.setWindowTitle(f"问题编辑 — {problem['number']} {problem['title']}")
            self._show_light(problem)
            f.saveStateLabel.setText(f.saveStateLabel.text() or "修改后离开该项即自动保存")
        else:
            f.numberLabel.setText("新问题（编号保存后自动生成）")
            self.setWindowTitle("新增问题")
            f.lightLabel.setText("")
            f.saveStateLabel.setText(HINT_REQUIRED)
        self._apply_closed(problem)
        self.load_measures()
        self.load_progress()
        self.load_evidence()
        self._update_undo_button()

    def _show_light(self, problem: dict) -> None:
        if problem.get("status") == STATUS_CLOSED:
            self.form.lightLabel.setText(
                f'<span style="color:{LIGHT_COLOURS["green"]}">●</span> 已销号')
            return
        self.form.lightLabel.setText(light_html(rules.problem_light(problem, self.today),
                                                problem.get("deadline"), self.today))

    def _show_value(self, field: str, value) -> None:
        widget = self.inputs[field]
        persons = None
        if field in VOCAB_FIELDS:
            fill_vocab_combo(widget, self.store.vocabulary(field), value)
        elif field == "status":
            widget.clear()
            statuses = list(EDITABLE_STATUSES)
            if value == STATUS_CLOSED:
                statuses.append(STATUS_CLOSED)
            widget.addItems(statuses)
            widget.setCurrentText(value or STATUS_OPEN)
        elif field in ("responsible_leader_id", "responsible_person_id"):
            persons = persons or self.store.list_persons()
            fill_person_combo(widget, persons, value)
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
            widget.setText(value or "")
            widget.setModified(False)

    def _apply_closed(self, problem: dict) -> None:
        f = self.form
        closed = self._closed
        for widget in self.inputs.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(closed)  # still selectable and copyable
            else:
                widget.setEnabled(not closed)
        f.campaignCombo.setEnabled(self.problem_id is None)
        f.closedBanner.setVisible(closed)
        if closed:
            f.closedBannerLabel.setText(
                f"已销号（审批人：{problem.get('closed_by') or '—'}，"
                f"日期：{format_cn(problem.get('closed_date')) or '—'}）"
                f"{'，备注：' + problem['closure_remark'] if problem.get('closure_remark') else ''}"
                " — 如需修改请先撤销销号")
        exists = self.problem_id is not None
        for index in (1, 2, 3):
            f.tabs.setTabEnabled(index, exists)
        f.closeProblemButton.setVisible(not closed)
        f.closeProblemButton.setEnabled(exists)
        f.reopenProblemButton.setVisible(closed)
        self._update_buttons()

    def _update_buttons(self) -> None:
        f = self.form
        editable = self.problem_id is not None and not self._closed
        f.addMeasureButton.setEnabled(editable)
        f.editMeasureButton.setEnabled(editable and self._selected_id(f.measuresTable) is not None)
        f.deleteMeasureButton.setEnabled(editable
                                         and self._selected_id(f.measuresTable) is not None)
        f.addProgressButton.setEnabled(editable)
        f.deleteProgressButton.setEnabled(editable
                                          and self._selected_id(f.progressTable) is not None)
        has_evidence = self._selected_id(f.evidenceTable) is not None
        f.addEvidenceButton.setEnabled(editable)
        f.openEvidenceButton.setEnabled(has_evidence)
        f.saveEvidenceButton.setEnabled(has_evidence)
        f.deleteEvidenceButton.setEnabled(editable and has_evidence)

    def _update_undo_button(self) -> None:
        can = self._own_undo_available()
        self.form.undoButton.setEnabled(can)
        label = self.history.last_label() if can else ""
        self.form.undoButton.setToolTip(f"撤销：{label}（Ctrl+Z）" if label
                                        else "撤销最近一次字段修改（Ctrl+Z）")

    # --- committing fields ---------------------------------------------------
    def _value(self, field: str):
        """The field's value in storage form; ValueError (Chinese) if unreadable."""
        widget = self.inputs[field]
        if field in ("responsible_leader_id", "responsible_person_id"):
            return combo_person_id(widget)
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        if isinstance(widget, QCheckBox):
            return 1 if widget.isChecked() else 0
        if isinstance(widget, MoneyEdit):
            return widget.fen()
        if isinstance(widget, DateEdit):
            return widget.iso()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        return widget.text().strip()

    def _commit_field(self, field: str) -> None:
        if self._loading or self._closed:
            return
        try:
            value = self._value(field)
        except ValueError as exc:
            self._refuse(field, str(exc))
            return
        if self.problem_id is None:
            self._try_create()
            return
        try:
            if field in VOCAB_FIELDS:
                ensure_vocab(self.store, field, value)
            old = self.store.update_problem(self.problem_id, {field: value})
        except ValidationError as exc:
            self._refuse(field, exc.errors.get(field) or "；".join(exc.errors.values()))
            return
        except UserError as exc:
            self._refuse(field, str(exc))
            return
        self._accepted(field)
        if old:
            label = PROBLEM_LABELS.get(field, field)
            self.history.record(self.problem_id, old, {field: value}, label)
            self.changed = True
            self.form.saveStateLabel.setText(f"已自动保存（{label}）")
            self._retry_pending()
            self._refresh_after_change(field)

    def _refuse(self, field: str, message: str) -> None:
        self._pending.add(field)
        self.errors.set(field, message)
        self.form.saveStateLabel.setText("有内容未保存，请按红字提示修改")

    def _accepted(self, field: str) -> None:
        self._pending.discard(field)
        self.errors.set(field, None)

    def _retry_pending(self) -> None:
        """A refused field may be valid now (e.g. 已清偿 after 涉及金额 grew)."""
        for field in list(self._pending):
            try:
                value = self._value(field)
                old = self.store.update_problem(self.problem_id, {field: value})
            except (ValueError, UserError):
                continue
            self._accepted(field)
            if old:
                self.history.record(self.problem_id, old, {field: value},
                                    PROBLEM_LABELS.get(field, field))

    def _refresh_after_change(self, field: str) -> None:
        problem = self.store.get_problem(self.problem_id)
        self._show_light(problem)
        if field == "title":
            self.setWindowTitle(f"问题编辑 — {problem['number']} {problem['title']}")
        # Re-show the committed value in its display form (e.g. 1,234.50).
        if field not in self._pending and not self.inputs[field].hasFocus():
            self._loading = True
            try:
                self._show_value(field, problem.get(field))
            finally:
                self._loading = False

    def _try_create(self) -> None:
        """Create the new problem once the required fields are valid."""
        values = {}
        for field in FIELD_WIDGETS:
            try:
                value = self._value(field)
            except ValueError as exc:
                self._refuse(field, str(exc))
                continue
            if value not in (None, ""):
                values[field] = value
        missing = [f for f in REQUIRED_FOR_CREATE if not values.get(f)]
        if missing:
            if not self._pending:
                self.form.saveStateLabel.setText(HINT_REQUIRED)
            return
        campaign_id = self.form.campaignCombo.currentData()
        if campaign_id is None:
            self._general("请先选择专项治理（如没有，请先在“专项治理”中新建）")
            return
        values = {k: v for k, v in values.items() if k not in self._pending or
                  k in REQUIRED_FOR_CREATE}
        values["campaign_id"] = campaign_id
        while True:
            try:
                for field in VOCAB_FIELDS:
                    ensure_vocab(self.store, field, values.get(field))
                self.problem_id = self.store.add_problem(values)
                break
            except ValidationError as exc:
                rest = {}
                for field, message in exc.errors.items():
                    if field in self.inputs:
                        self._refuse(field, message)
                    else:
                        rest[field] = message
                self._general("；".join(rest.values()))
                # A bad optional field must not hold the problem back: save
                # without it; its text and message stay until it is fixed.
                optional = set(exc.errors) & (set(values) - set(REQUIRED_FOR_CREATE)
                                              - {"campaign_id"})
                if rest or set(exc.errors) - optional:
                    return
                for field in optional:
                    values.pop(field)
            except UserError as exc:
                self._general(str(exc))
                return
        self.changed = True
        self._general("")
        for field in values:
            self._accepted(field)
        self.load()
        self.form.saveStateLabel.setText(
            "已自动保存" if not self._pending else "已自动保存；红字提示的内容未保存，请修改")

    def _general(self, message: str) -> None:
        self.form.generalError.setText(message)
        self.form.generalError.setVisible(bool(message))

    def _commit_focused(self) -> None:
        """Commit the field the cursor is in (closing the dialog must not lose it)."""
        widget = self.focusWidget()
        for field, input_widget in self.inputs.items():
            if widget is input_widget or (isinstance(input_widget, QComboBox)
                                          and widget is input_widget.lineEdit()):
                if isinstance(input_widget, (QLineEdit, QComboBox, QPlainTextEdit)):
                    self._commit_field(field)
                return

    # --- undo ----------------------------------------------------------------
    def _own_undo_available(self) -> bool:
        # The history may be shared with the main window; only this problem's
        # last edit may be undone from here.
        return (self.problem_id is not None
                and self.history.last_problem_id() == self.problem_id)

    def undo_last(self) -> None:
        if self._closed:
            self.form.saveStateLabel.setText("已销号，不能撤销修改；如需修改请先撤销销号")
            return
        if not self._own_undo_available():
            self.form.saveStateLabel.setText("没有可撤销的修改")
            return
        label = self.history.last_label()
        try:
            self.history.undo(self.store)
        except UserError as exc:
            QMessageBox.warning(self, "不能撤销", str(exc))
            return
        self.changed = True
        self._pending.clear()
        self.errors.clear()
        self.load()
        self.form.saveStateLabel.setText(f"已撤销（{label}）")

    # --- events ----------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        etype = event.type()
        if etype == QEvent.FocusOut and isinstance(obj, QPlainTextEdit):
            field = self.inputs_by_widget.get(obj)
            if field and obj.document().isModified():
                obj.document().setModified(False)
                self._commit_field(field)
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
            self.undo_last()
            return True
        elif etype == QEvent.KeyPress and isinstance(obj, QTableWidget):
            return self._table_key(obj, event)
        return super().eventFilter(obj, event)

    def _table_key(self, table: QTableWidget, event) -> bool:
        f = self.form
        key = event.key()
        actions = {
            f.measuresTable: {Qt.Key_Insert: self.add_measure, Qt.Key_F2: self.edit_measure,
                              Qt.Key_Return: self.edit_measure, Qt.Key_Enter: self.edit_measure,
                              Qt.Key_Delete: self.delete_measure},
            f.progressTable: {Qt.Key_Insert: self.add_progress,
                              Qt.Key_Delete: self.delete_progress},
            f.evidenceTable: {Qt.Key_Insert: self.add_evidence,
                              Qt.Key_Return: self.open_evidence,
                              Qt.Key_Enter: self.open_evidence,
                              Qt.Key_Delete: self.delete_evidence},
        }[table]
        if key in actions and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            actions[key]()
            return True
        return False

    def reject(self) -> None:
        self._commit_focused()
        if self.problem_id is None and self._anything_typed():
            answer = QMessageBox.question(
                self, "放弃新问题？",
                "这条新问题还没有保存：填写标题、领域、类型、来源后才会自动保存。\n"
                "放弃已填写的内容并关闭吗？",
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return
        elif self._pending:
            names = "、".join(PROBLEM_LABELS.get(f, f) for f in sorted(self._pending))
            answer = QMessageBox.question(
                self, "有内容未保存",
                f"{names}的修改未能保存（见红字提示）。\n放弃这些修改并关闭吗？",
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return
        super().reject()

    def _anything_typed(self) -> bool:
        for field in FIELD_WIDGETS:
            try:
                value = self._value(field)
            except ValueError:
                return True
            if field == "status":
                continue
            if value not in (None, "", 0):
                return True
        return False

    def done(self, result: int) -> None:
        if self._temp_dir is not None:
            # Files opened for viewing may still be open in another program on
            # Windows; leave them for the OS to clean up rather than fail.
            self._temp_dir = None
        super().done(result)

    # --- closure ---------------------------------------------------------------
    def close_problem(self) -> None:
        if self.problem_id is None:
            return
        self._commit_focused()
        if CloseProblemDialog.ask(self, self.store, self.problem_id):
            self.changed = True
            self.form.saveStateLabel.setText("已销号")
            self.load()

    def reopen_problem(self) -> None:
        if self.problem_id is None:
            return
        if ReopenDialog.ask(self, self.store, self.problem_id):
            self.changed = True
            self.form.saveStateLabel.setText("已撤销销号，可以继续修改")
            self.load()

    # --- measures --------------------------------------------------------------
    @staticmethod
    def _selected_id(table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows() if table.selectionModel() else []
        if not rows:
            return None
        item = table.item(rows[0].row(), 0)
        return item.data(Qt.UserRole) if item else None

    @staticmethod
    def _select_id(table: QTableWidget, record_id: int | None) -> None:
        for row in range(table.rowCount()):
            if table.item(row, 0).data(Qt.UserRole) == record_id:
                table.selectRow(row)
                return
        if table.rowCount():
            table.selectRow(min(table.rowCount() - 1, max(0, table.currentRow())))

    def load_measures(self, select: int | None = None) -> None:
        table = self.form.measuresTable
        keep = select if select is not None else self._selected_id(table)
        measures = self.store.list_measures(self.problem_id) if self.problem_id else []
        table.setRowCount(len(measures))
        for row, m in enumerate(measures):
            light = rules.measure_light(m, self.today)
            # An icon keeps its colour on a selected row; the word says it too.
            dot = _item(light.label, m["id"], light_html(light, m.get("deadline"), self.today)
                        .split("</span> ")[1])
            dot.setIcon(light_icon(light))
            table.setItem(row, 0, dot)
            table.setItem(row, 1, _item(m["content"], tooltip=m["content"]))
            table.setItem(row, 2, _item(m.get("owner_name") or ""))
            table.setItem(row, 3, _item(format_cn(m.get("deadline"))))
            table.setItem(row, 4, _item(m["status"]))
            table.setItem(row, 5, _item(format_cn(m.get("completed_date"))))
        table.resizeRowsToContents()
        done = sum(1 for m in measures if m["status"] == "已完成")
        self.form.tabs.setTabText(1, f"整改措施（已完成 {done}/{len(measures)}）(&2)")
        self._select_id(table, keep)
        self._update_buttons()

    def add_measure(self) -> None:
        if not self.form.addMeasureButton.isEnabled():
            return
        new_id = MeasureDialog.ask(self, self.store, self.problem_id)
        if new_id is not None:
            self.changed = True
            self.load_measures(select=new_id)
            self.form.measuresTable.setFocus()

    def edit_measure(self) -> None:
        measure_id = self._selected_id(self.form.measuresTable)
        if measure_id is None or not self.form.editMeasureButton.isEnabled():
            return
        if MeasureDialog.ask(self, self.store, self.problem_id, measure_id) is not None:
            self.changed = True
            self.load_measures(select=measure_id)
            self.form.measuresTable.setFocus()

    def delete_measure(self) -> None:
        measure_id = self._selected_id(self.form.measuresTable)
        if measure_id is None or not self.form.deleteMeasureButton.isEnabled():
            return
        if not self._confirm_delete("删除这条整改措施吗？"):
            return
        try:
            self.store.delete_measure(measure_id)
        except UserError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return
        self.changed = True
        self.load_measures()

    def _confirm_delete(self, text: str) -> bool:
        return QMessageBox.question(self, "确认删除", text,
                                    QMessageBox.Yes | QMessageBox.No,
                                    QMessageBox.No) == QMessageBox.Yes

    # --- progress --------------------------------------------------------------
    def load_progress(self, select: int | None = None) -> None:
        table = self.form.progressTable
        keep = select if select is not None else self._selected_id(table)
        entries = self.store.list_progress(self.problem_id) if self.problem_id else []
        table.setRowCount(len(entries))
        for row, p in enumerate(entries):
            table.setItem(row, 0, _item(format_cn(p["entry_date"]), p["id"]))
            table.setItem(row, 1, _item(p["note"], tooltip=p["note"]))
            money = _item(format_yuan(p["amount_repaid"]) if p["amount_repaid"] else "")
            money.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            table.setItem(row, 2, money)
        table.resizeRowsToContents()
        self.form.tabs.setTabText(2, f"整改进展（{len(entries)} 条）(&3)")
        self._select_id(table, keep)
        self._update_buttons()

    def add_progress(self) -> None:
        if not self.form.addProgressButton.isEnabled():
            return
        new_id = ProgressDialog.ask(self, self.store, self.problem_id)
        if new_id is not None:
            self.changed = True
            # A repayment changes 已清偿金额 and may move the status on.
            self._reload_fields()
            self.load_progress(select=new_id)
            self.form.progressTable.setFocus()

    def delete_progress(self) -> None:
        entry_id = self._selected_id(self.form.progressTable)
        if entry_id is None or not self.form.deleteProgressButton.isEnabled():
            return
        if not self._confirm_delete("删除这条进展吗？其中登记的清偿金额将从已清偿金额中扣除。"):
            return
        try:
            self.store.delete_progress(entry_id)
        except UserError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return
        self.changed = True
        self._reload_fields()
        self.load_progress()

    def _reload_fields(self) -> None:
        problem = self.store.get_problem(self.problem_id)
        self._loading = True
        try:
            for field in ("amount_repaid", "status"):
                if field not in self._pending:
                    self._show_value(field, problem.get(field))
        finally:
            self._loading = False

    # --- evidence --------------------------------------------------------------
    def load_evidence(self, select: int | None = None) -> None:
        table = self.form.evidenceTable
        keep = select if select is not None else self._selected_id(table)
        rows = self.store.list_evidence(self.problem_id) if self.problem_id else []
        table.setRowCount(len(rows))
        for row, e in enumerate(rows):
            table.setItem(row, 0, _item(e["original_name"], e["id"], e.get("note") or None))
            size = _item(_size_text(e["size"]))
            size.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            table.setItem(row, 1, size)
            table.setItem(row, 2, _item(e["sha256"][:12] + "…", tooltip=e["sha256"]))
            table.setItem(row, 3, _item(format_cn((e.get("created_at") or "")[:10])))
        self.form.tabs.setTabText(3, f"佐证材料（{len(rows)} 个）(&4)")
        self._select_id(table, keep)
        self._update_buttons()

    def add_evidence(self) -> None:
        if not self.form.addEvidenceButton.isEnabled():
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "添加佐证材料", "", "所有文件 (*)")
        last = None
        failures = []
        for path in paths:
            try:
                last = self.store.add_evidence(self.problem_id, path)
            except UserError as exc:
                failures.append(str(exc))
        if last is not None:
            self.changed = True
            self.load_evidence(select=last)
        if failures:
            QMessageBox.warning(self, "部分文件未添加", "\n".join(failures))

    def open_evidence(self) -> None:
        evidence_id = self._selected_id(self.form.evidenceTable)
        if evidence_id is None:
            return
        if self._temp_dir is None:
            self._temp_dir = tempfile.TemporaryDirectory(prefix="govcredit-evidence-",
                                                         ignore_cleanup_errors=True)
        try:
            path = self.store.export_evidence(evidence_id, self._temp_dir.name)
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, "无法打开", str(exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.information(self, "无法打开",
                                    f"没有能打开该文件的程序。文件已导出到：\n{path}")

    def save_evidence_as(self) -> None:
        evidence_id = self._selected_id(self.form.evidenceTable)
        if evidence_id is None:
            return
        name = self.store.get("evidence", evidence_id)["original_name"]
        target, _ = QFileDialog.getSaveFileName(self, "另存佐证材料", name)
        if not target:
            return
        try:
            Path(target).write_bytes(self.store.evidence_bytes(evidence_id))
        except (UserError, OSError) as exc:
            QMessageBox.warning(self, "保存失败", str(exc))

    def delete_evidence(self) -> None:
        evidence_id = self._selected_id(self.form.evidenceTable)
        if evidence_id is None or not self.form.deleteEvidenceButton.isEnabled():
            return
        name = self.store.get("evidence", evidence_id)["original_name"]
        if not self._confirm_delete(f"删除佐证材料“{name}”吗？"):
            return
        try:
            self.store.delete_evidence(evidence_id)
        except UserError as exc:
            QMessageBox.warning(self, "不能删除", str(exc))
            return
        self.changed = True
        self.load_evidence()

    # --- entry point -----------------------------------------------------------
    @classmethod
    def edit(cls, parent: QWidget | None, store, problem_id: int | None = None,
             campaign_id: int | None = None, history: EditHistory | None = None) -> bool:
        """Open the editor (a new problem when ``problem_id`` is None).

        Returns True if anything was written.
        """
        dialog = cls(parent, store, problem_id, campaign_id, history)
        dialog.exec()
        return dialog.changed
