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
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from govcredit_desktop.core import rules
from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.fields import PROBLEM_LABELS
from govcredit_desktop.core.vocab import EDITABLE_STATUSES, ProblemStatus
from govcredit_desktop.store.queries import ledger
from govcredit_desktop.ui.closure_dialogs import CloseProblemDialog, ReopenDialog
from govcredit_desktop.ui.evidence_tab import EvidenceTab
from govcredit_desktop.ui.forms.ui_problem_editor import Ui_ProblemEditor
from govcredit_desktop.ui.lights import LIGHT_COLOURS, light_html
from govcredit_desktop.ui.measures_tab import MeasuresTab
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.progress_tab import ProgressTab
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
    "listed_as_dishonest": "dishonestyRecordCheck",
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

BANNER_STYLE = ("QFrame#closedBanner { background: #e8f5e9; border: 1px solid #81c784;"
                " border-radius: 4px; }")
ERROR_STYLE = "color: #c62828;"


class ProblemEditor(QDialog):
    def __init__(self, parent: QWidget | None, db, problem_id: int | None = None,
                 campaign_id: int | None = None, history: EditHistory | None = None,
                 operations: Operations | None = None):
        super().__init__(parent)
        self.db = db
        self.problem_id = problem_id
        self.history = history if history is not None else EditHistory(parent=self)
        self.operations = operations if operations is not None else Operations(db, self)
        # What this editor wrote itself (evidence added in the background is
        # announced by its operation).
        self.changes = Changes.none()
        self.today = _dt.date.today()
        self._loading = False
        self._closed = False
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
        self._setup_tabs()
        self._setup_actions()
        self.load()
        f.tabs.setCurrentIndex(0)
        f.titleEdit.setFocus()

    # --- setup ---------------------------------------------------------------
    def _fill_choices(self, campaign_id: int | None) -> None:
        f = self.form
        problem = self.db.problems.get(self.problem_id) if self.problem_id else {}
        current_campaign = problem.get("campaign_id", campaign_id)
        for campaign in self.db.settings.list_campaigns():
            f.campaignCombo.addItem(campaign["name"], campaign["id"])
        if current_campaign is not None:
            f.campaignCombo.setCurrentIndex(f.campaignCombo.findData(current_campaign))
        # The number is per campaign, so the campaign is chosen once, at creation.
        f.campaignCombo.setEnabled(self.problem_id is None)
        units = ledger.distinct_units(self.db, current_campaign)
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
        self.history.changed.connect(self._update_undo_button)

    def _setup_tabs(self) -> None:
        """The record tabs are controllers of their own; the editor refreshes
        what depends on their records when they report a write."""
        f = self.form
        self.measures_tab = MeasuresTab(self, self.db, self.today, f.measuresTable,
                                        f.addMeasureButton, f.editMeasureButton,
                                        f.deleteMeasureButton)
        self.progress_tab = ProgressTab(self, self.db, f.progressTable,
                                        f.addProgressButton, f.deleteProgressButton)
        self.evidence_tab = EvidenceTab(self, self.db, self.operations, f.evidenceTable,
                                        f.addEvidenceButton, f.openEvidenceButton,
                                        f.saveEvidenceButton, f.deleteEvidenceButton)
        self.measures_tab.changed.connect(self._record_written)
        # A repayment changes 已清偿金额 and may move the status on.
        self.progress_tab.changed.connect(self._progress_written)
        self.evidence_tab.changed.connect(self._record_written)
        for index, tab in enumerate(self._record_tabs(), start=1):
            tab.captionChanged.connect(partial(f.tabs.setTabText, index))

    def _record_tabs(self) -> tuple:
        return (self.measures_tab, self.progress_tab, self.evidence_tab)

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
        problem = self.db.problems.get(self.problem_id) if self.problem_id else {}
        self._closed = problem.get("status") == ProblemStatus.CLOSED
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
        editable = self.problem_id is not None and not self._closed
        for tab in self._record_tabs():
            tab.show_problem(self.problem_id, editable)
        self._update_undo_button()

    def _show_light(self, problem: dict) -> None:
        if problem.get("status") == ProblemStatus.CLOSED:
            self.form.lightLabel.setText(
                f'<span style="color:{LIGHT_COLOURS["green"]}">●</span> 已销号')
            return
        self.form.lightLabel.setText(light_html(rules.problem_light(problem, self.today),
                                                problem.get("deadline"), self.today))

    def _show_value(self, field: str, value) -> None:
        widget = self.inputs[field]
        persons = None
        if field in VOCAB_FIELDS:
            fill_vocab_combo(widget, self.db.settings.vocabulary(field), value)
        elif field == "status":
            widget.clear()
            statuses = list(EDITABLE_STATUSES)
            if value == ProblemStatus.CLOSED:
                statuses.append(ProblemStatus.CLOSED)
            widget.addItems(statuses)
            widget.setCurrentText(value or ProblemStatus.OPEN)
        elif field in ("responsible_leader_id", "responsible_person_id"):
            persons = persons or self.db.people.list()
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
                ensure_vocab(self.db, field, value)
            old = self.db.problems.update(self.problem_id, {field: value})
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
            self._wrote(*([RecordKind.VOCABULARY] if field in VOCAB_FIELDS else []))
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
                old = self.db.problems.update(self.problem_id, {field: value})
            except (ValueError, UserError):
                continue
            self._accepted(field)
            if old:
                self.history.record(self.problem_id, old, {field: value},
                                    PROBLEM_LABELS.get(field, field))

    def _refresh_after_change(self, field: str) -> None:
        problem = self.db.problems.get(self.problem_id)
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
                    ensure_vocab(self.db, field, values.get(field))
                self.problem_id = self.db.problems.add(values)
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
        self._wrote(RecordKind.VOCABULARY)
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
            self.history.undo(self.db)
        except UserError as exc:
            QMessageBox.warning(self, "不能撤销", str(exc))
            return
        self._wrote()
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
        return super().eventFilter(obj, event)

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
        self.evidence_tab.release_temp_files()
        super().done(result)

    # --- closure ---------------------------------------------------------------
    def close_problem(self) -> None:
        if self.problem_id is None:
            return
        self._commit_focused()
        closed = CloseProblemDialog.ask(self, self.db, self.problem_id)
        if closed:
            self.changes |= closed
            self.form.saveStateLabel.setText("已销号")
            self.load()

    def reopen_problem(self) -> None:
        if self.problem_id is None:
            return
        reopened = ReopenDialog.ask(self, self.db, self.problem_id)
        if reopened:
            self.changes |= reopened
            self.form.saveStateLabel.setText("已撤销销号，可以继续修改")
            self.load()

    # --- record tabs -----------------------------------------------------------
    def _wrote(self, *kinds: RecordKind) -> None:
        """This problem was written (and records of ``kinds``, e.g. a new vocabulary word)."""
        self.changes |= Changes.of(RecordKind.PROBLEM, self.problem_id) | Changes.some(*kinds)

    def _record_written(self, changes: Changes) -> None:
        self.changes |= changes

    def _progress_written(self, changes: Changes) -> None:
        self.changes |= changes
        self._reload_fields()

    def _reload_fields(self) -> None:
        problem = self.db.problems.get(self.problem_id)
        self._loading = True
        try:
            for field in ("amount_repaid", "status"):
                if field not in self._pending:
                    self._show_value(field, problem.get(field))
        finally:
            self._loading = False

    # --- entry point -----------------------------------------------------------
    @classmethod
    def edit(cls, parent: QWidget | None, db, problem_id: int | None = None,
             campaign_id: int | None = None, history: EditHistory | None = None,
             operations: Operations | None = None) -> Changes:
        """Open the editor (a new problem when ``problem_id`` is None).

        Returns what the editor wrote: the problem (a new one's id for a new
        problem), its measures and progress entries, new vocabulary words.
        """
        dialog = cls(parent, db, problem_id, campaign_id, history, operations)
        dialog.exec()
        return dialog.changes
