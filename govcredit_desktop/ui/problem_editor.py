"""The problem editor: every field is saved the moment the user leaves it.

The field plumbing (commit on leave, refusal under the field, Ctrl+Z) is the
record form's (ui/record_form.py); this module adds what is particular to a
problem: it is created as soon as its required fields (标题, 领域, 类型, 来源)
are filled in validly, and until then nothing is in the database; its campaign
is chosen once, at creation; the deadline light, the closure banner and the
measures / progress / evidence tabs follow what is stored.
"""

import datetime as _dt
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
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
from govcredit_desktop.ui.dishonesty_tab import DishonestyTab
from govcredit_desktop.ui.evidence_tab import EvidenceTab
from govcredit_desktop.ui.forms.ui_problem_editor import Ui_ProblemEditor
from govcredit_desktop.ui.lights import light_html
from govcredit_desktop.ui.measures_tab import MeasuresTab
from govcredit_desktop.ui.operations import Operations
from govcredit_desktop.ui.progress_tab import ProgressTab
from govcredit_desktop.ui.record_form import Field, RecordForm
from govcredit_desktop.ui.undo import DISHONESTY_STORES, EditHistory
from govcredit_desktop.ui.widgets import (
    ensure_vocab,
    fill_person_combo,
    fill_vocab_combo,
    limit_lengths,
)

REQUIRED_FOR_CREATE = ("title", "area", "category", "source")
HINT_REQUIRED = "填写标题、领域、类型、来源后自动保存"
VOCAB_FIELDS = ("area", "category", "source")
PERSON_FIELDS = ("responsible_leader_id", "responsible_person_id")

# field -> attribute of the form holding its input (its error label is named
# alike: titleEdit -> titleError); required fields first, as they are shown
FIELD_WIDGETS = {
    "title": "titleEdit",
    "area": "areaCombo",
    "category": "categoryCombo",
    "source": "sourceCombo",
    "status": "statusCombo",
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
READ_ONLY_TEXT = "数据库是只读打开的，只能查看，不能修改"
CLOSED_TEXT = "已销号，只读：如需修改请先恢复未销号"
BANNER_STYLE = ("QFrame#closedBanner { background: #e8f5e9; border: 1px solid #81c784;"
                " border-radius: 4px; }")


class ProblemEditor(QDialog):
    def __init__(self, parent: QWidget | None, db, problem_id: int | None = None,
                 campaign_id: int | None = None, history: EditHistory | None = None,
                 operations: Operations | None = None, read_only: str = "",
                 complaint_id: int | None = None):
        super().__init__(parent)
        self.db = db
        # A new problem made from this complaint (投诉登记 → 转为问题): prefilled, and
        # linked to it in the transaction that creates it.
        self.complaint_id = complaint_id if problem_id is None else None
        # Why nothing can be changed here ("" when it can): a read-only file, or the
        # county's merged ledger.
        self.read_only = read_only or (READ_ONLY_TEXT if db.read_only else "")
        self.operations = operations if operations is not None else Operations(db, self)
        # What this editor wrote itself (evidence added in the background is
        # announced by its operation).
        self.changes = Changes.none()
        self.today = _dt.date.today()

        self.form = f = Ui_ProblemEditor()
        f.setupUi(self)
        for field in VOCAB_FIELDS:
            # Editable before the record form watches it: its line edit commits.
            getattr(f, FIELD_WIDGETS[field]).setEditable(True)
        limit_lengths("problem", {name: getattr(f, attr) for name, attr in FIELD_WIDGETS.items()})
        self.record = RecordForm(
            self, db, self._fields(), store="problems", load=self._load_problem,
            commit=self._commit, create=self._try_create, history=history,
            record_id=problem_id, general=f.generalError, also_undoes=DISHONESTY_STORES)
        self.record.undone.connect(self._undone)
        f.dishonestyRecordCheck.setEnabled(False)
        f.dishonestyRecordCheck.setToolTip("由“失信记录”页自动标记：有政务失信记录的问题即纳入")
        f.closedBanner.setStyleSheet(BANNER_STYLE)
        f.closedBanner.hide()
        font = f.numberLabel.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        f.numberLabel.setFont(font)
        f.lightLabel.setTextFormat(Qt.RichText)
        f.buttonBox.button(QDialogButtonBox.Close).setText("关闭")
        f.undoButton.setShortcut(QKeySequence())  # Ctrl+Z is the record form's action
        for field in REQUIRED_FOR_CREATE:
            label = getattr(f, FIELD_WIDGETS[field].replace("Edit", "Label")
                            .replace("Combo", "Label"))
            label.setText(label.text() + " *")  # plain text keeps the Alt mnemonic
            label.setToolTip("必填")

        self._fill_choices(campaign_id)
        self._connect()
        self._setup_tabs()
        self.complaint_label = QLabel(self)
        self.complaint_label.setObjectName("complaintLabel")
        self.complaint_label.setWordWrap(True)
        self.complaint_label.setStyleSheet("color: #1565c0;")
        f.mainLayout.insertWidget(f.mainLayout.indexOf(f.tabs), self.complaint_label)
        self.load()
        if self.complaint_id is not None:
            self.record.prefill(db.complaints.problem_values(self.complaint_id, campaign_id))
        f.tabs.setCurrentIndex(0)
        f.titleEdit.setFocus()

    @property
    def problem_id(self) -> int | None:
        return self.record.record_id

    def _fields(self) -> dict[str, Field]:
        f = self.form
        fields = {}
        for name, attr in FIELD_WIDGETS.items():
            error = attr.replace("Edit", "Error").replace("Combo", "Error") \
                .replace("Check", "Error")
            fields[name] = Field(getattr(f, attr), getattr(f, error),
                                 PROBLEM_LABELS.get(name, name))
        for name in VOCAB_FIELDS:
            fields[name].fill = partial(self._fill_vocab, name)
        fields["status"].fill = self._fill_status
        for name in PERSON_FIELDS:
            fields[name].by_data = True
            fields[name].fill = self._fill_person
        return fields

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
        f = self.form
        record = self.record
        record.committed.connect(self._field_committed)
        record.reloaded.connect(self._show_problem)
        record.written.connect(self._problem_written)
        record.message.connect(f.saveStateLabel.setText)
        record.undoChanged.connect(self._update_undo_button)
        f.undoButton.clicked.connect(record.undo)
        f.closeProblemButton.clicked.connect(self.close_problem)
        f.reopenProblemButton.clicked.connect(self.reopen_problem)

    def _setup_tabs(self) -> None:
        """The record tabs are controllers of their own; the editor refreshes
        what depends on their records when they report a write."""
        f = self.form
        self.measures_tab = MeasuresTab(self, self.db, self.today, f.measuresTable,
                                        f.addMeasureButton, f.editMeasureButton,
                                        f.deleteMeasureButton, self.record.history)
        self.progress_tab = ProgressTab(self, self.db, f.progressTable,
                                        f.addProgressButton, f.deleteProgressButton,
                                        self.record.history)
        self.evidence_tab = EvidenceTab(self, self.db, self.operations, f.evidenceTable,
                                        f.addEvidenceButton, f.openEvidenceButton,
                                        f.saveEvidenceButton, f.deleteEvidenceButton)
        self.measures_tab.changed.connect(self._measures_written)
        # A repayment changes 已清偿金额 and may move the status on.
        self.progress_tab.changed.connect(self._progress_written)
        self.evidence_tab.changed.connect(self._record_written)
        self.dishonesty_tab = DishonestyTab(self, self.db, self.record.history)
        f.tabs.addTab(self.dishonesty_tab.page, "失信记录(&5)")
        self.dishonesty_tab.changed.connect(self._dishonesty_written)
        for index, tab in enumerate(self._record_tabs(), start=1):
            tab.captionChanged.connect(partial(f.tabs.setTabText, index))

    def _record_tabs(self) -> tuple:
        return (self.measures_tab, self.progress_tab, self.evidence_tab, self.dishonesty_tab)

    # --- loading -------------------------------------------------------------
    def load(self) -> None:
        """Show the stored problem (fields with refused text keep that text)."""
        self.record.reload()

    def _load_problem(self) -> dict:
        return self.db.problems.get(self.problem_id)

    def _show_problem(self, problem: dict) -> None:
        f = self.form
        # Kept by the store from the 失信记录 tab's records (store/dishonesty.py).
        f.dishonestyRecordCheck.setChecked(bool(problem.get("listed_as_dishonest")))
        closed = problem.get("status") == ProblemStatus.CLOSED
        if self.read_only:
            self.record.set_read_only(True, self.read_only)
        else:
            self.record.set_read_only(closed, "已销号，不能撤销修改；如需修改请先恢复未销号")
        if self.problem_id:
            f.numberLabel.setText(f"问题 {problem['number']}")
            self._show_title(problem)
            self._show_light(problem)
            f.saveStateLabel.setText(CLOSED_TEXT if closed and not self.read_only else
                                     f.saveStateLabel.text() or "修改后离开该项即自动保存")
        else:
            f.numberLabel.setText("新问题（编号保存后自动生成）")
            self.setWindowTitle("新增问题")
            f.lightLabel.setText("")
            f.saveStateLabel.setText(HINT_REQUIRED)
        self._apply_closed(problem, closed)
        if self.read_only:
            f.saveStateLabel.setText(self.read_only)
            f.closeProblemButton.setEnabled(False)
            f.reopenProblemButton.setEnabled(False)
        editable = self.problem_id is not None and not closed and not self.read_only
        for tab in self._record_tabs()[:3]:
            tab.show_problem(self.problem_id, editable)
        # A finding, a sanction or a repair often comes after the sign-off.
        self.dishonesty_tab.show_problem(self.problem_id,
                                         self.problem_id is not None and not self.read_only)
        self._show_complaints()

    def _show_complaints(self) -> None:
        if self.problem_id is None and self.complaint_id is not None:
            rows = [self.db.complaints.get(self.complaint_id)]
            head = "由投诉转为问题（保存后关联）："
        else:
            rows = self.db.complaints.of_problem(self.problem_id) if self.problem_id else []
            head = "来源投诉："
        self.complaint_label.setVisible(bool(rows))
        self.complaint_label.setText(head + "；".join(
            f"{format_cn(c['received_date'])} {c['channel']}“{c['content'][:40]}”"
            + ("（已答复）" if c["reply_date"] else "（待答复）") for c in rows))

    def _show_title(self, problem: dict) -> None:
        self.setWindowTitle(f"问题编辑 — {problem['number']} {problem['title']}")

    def _show_light(self, problem: dict) -> None:
        self.form.lightLabel.setText(light_html(rules.problem_light(problem, self.today),
                                                problem.get("deadline"), self.today))

    def _fill_vocab(self, field: str, combo: QComboBox, value) -> None:
        fill_vocab_combo(combo, self.db.settings.vocabulary(field), value)

    def _fill_status(self, combo: QComboBox, value) -> None:
        combo.clear()
        statuses = list(EDITABLE_STATUSES)
        if value == ProblemStatus.CLOSED:
            statuses.append(ProblemStatus.CLOSED)
        combo.addItems(statuses)
        combo.setCurrentText(value or ProblemStatus.OPEN)

    def _fill_person(self, combo: QComboBox, value) -> None:
        fill_person_combo(combo, self.db.people.list(), value, db=self.db,
                          on_added=self._record_written)

    def _apply_closed(self, problem: dict, closed: bool) -> None:
        f = self.form
        f.campaignCombo.setEnabled(self.problem_id is None)
        f.closedBanner.setVisible(closed)
        if closed:
            f.closedBannerLabel.setText(
                f"已销号（审批人：{problem.get('closed_by') or '—'}，"
                f"日期：{format_cn(problem.get('closed_date')) or '—'}）"
                f"{'，备注：' + problem['closure_remark'] if problem.get('closure_remark') else ''}"
                " — 如需修改请先恢复未销号")
        exists = self.problem_id is not None
        for index in (1, 2, 3, 4):
            f.tabs.setTabEnabled(index, exists)
        f.closeProblemButton.setVisible(not closed)
        f.closeProblemButton.setEnabled(exists)
        f.reopenProblemButton.setVisible(closed)

    def _update_undo_button(self) -> None:
        can = self.record.can_undo()
        self.form.undoButton.setEnabled(can)
        label = self.record.history.last_label() if can else ""
        self.form.undoButton.setToolTip(f"撤销：{label}（Ctrl+Z）" if label
                                        else "撤销最近一次字段修改（Ctrl+Z）")

    # --- committing fields ---------------------------------------------------
    def _commit(self, field: str, value) -> dict:
        if field in VOCAB_FIELDS:
            ensure_vocab(self.db, field, value)
        return self.db.problems.update(self.problem_id, {field: value})

    def _problem_written(self) -> None:
        # Its own slot: the tabs' writes arrive through _record_written.
        self._wrote()

    def _field_committed(self, field: str, problem: dict) -> None:
        if field in VOCAB_FIELDS:  # the word may be new to the vocabulary
            self._wrote(RecordKind.VOCABULARY)
        self._show_light(problem)
        if field == "title":
            self._show_title(problem)

    def _try_create(self) -> None:
        """Create the new problem once the required fields are valid."""
        record = self.record
        values = record.collect()
        missing = [f for f in REQUIRED_FOR_CREATE if not values.get(f)]
        if missing:
            if not record.pending:
                self.form.saveStateLabel.setText(HINT_REQUIRED)
            return
        campaign_id = self.form.campaignCombo.currentData()
        if campaign_id is None:
            record.errors.show_general("请先选择专项治理（如没有，请先在“专项治理”中新建）")
            return
        values = {k: v for k, v in values.items() if k not in record.pending or
                  k in REQUIRED_FOR_CREATE}
        values["campaign_id"] = campaign_id
        while True:
            try:
                for field in VOCAB_FIELDS:
                    ensure_vocab(self.db, field, values.get(field))
                if self.complaint_id is not None:
                    problem_id = self.db.complaints.convert(self.complaint_id, values)
                else:
                    problem_id = self.db.problems.add(values)
                break
            except ValidationError as exc:
                rest = {}
                for field, message in exc.errors.items():
                    if field in record.fields:
                        record.refuse(field, message)
                    else:
                        rest[field] = message
                record.errors.show_general("；".join(rest.values()))
                # A bad optional field must not hold the problem back: save
                # without it; its text and message stay until it is fixed.
                optional = set(exc.errors) & (set(values) - set(REQUIRED_FOR_CREATE)
                                              - {"campaign_id"})
                if rest or set(exc.errors) - optional:
                    return
                for field in optional:
                    values.pop(field)
            except UserError as exc:
                record.errors.show_general(str(exc))
                return
        record.record_id = problem_id
        self._wrote(RecordKind.VOCABULARY)
        if self.complaint_id is not None:
            self.changes |= Changes.of(RecordKind.COMPLAINT, self.complaint_id)
        record.errors.show_general("")
        for field in values:
            if field in record.fields:
                record.accept(field)
        self.load()
        self.form.saveStateLabel.setText(
            "已自动保存" if not record.pending else "已自动保存；红字提示的内容未保存，请修改")

    def reject(self) -> None:
        self.record.commit_focused()
        if self.problem_id is None and self.record.has_input(ignore=("status",)):
            answer = QMessageBox.question(
                self, "放弃新问题？",
                "这条新问题还没有保存：填写标题、领域、类型、来源后才会自动保存。\n"
                "放弃已填写的内容并关闭吗？",
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return
        elif self.record.pending:
            names = "、".join(self.record.label(f) for f in sorted(self.record.pending))
            answer = QMessageBox.question(
                self, "有内容未保存",
                f"{names}的修改未能保存（见红字提示）。\n放弃这些修改并关闭吗？",
                QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Discard:
                return
        super().reject()

    def done(self, result: int) -> None:
        self.evidence_tab.release_temp_files()
        super().done(result)

    # --- closure ---------------------------------------------------------------
    def close_problem(self) -> None:
        if self.problem_id is None:
            return
        self.record.commit_focused()
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
            self.form.saveStateLabel.setText("已恢复未销号，可以继续修改")
            self.load()

    # --- record tabs -----------------------------------------------------------
    def _wrote(self, *kinds: RecordKind) -> None:
        """This problem was written (and records of ``kinds``, e.g. a new vocabulary word)."""
        self.changes |= Changes.of(RecordKind.PROBLEM, self.problem_id) | Changes.some(*kinds)

    def _record_written(self, changes: Changes) -> None:
        self.changes |= changes

    def _measures_written(self, changes: Changes) -> None:
        # The store moves the status where the measures say (core.rules).
        self.changes |= changes
        self.record.reload(only=("status",))

    def _undone(self, edit) -> None:
        """Ctrl+Z took back an edit of this problem or of one of its 失信记录."""
        self.changes |= edit.changes()
        if edit.store in DISHONESTY_STORES:
            self.dishonesty_tab.load()

    def _dishonesty_written(self, changes: Changes) -> None:
        # The store keeps 纳入政务失信记录 from the records.
        self.changes |= changes
        self.form.dishonestyRecordCheck.setChecked(
            bool(self.db.problems.get(self.problem_id)["listed_as_dishonest"]))

    def _progress_written(self, changes: Changes) -> None:
        self.changes |= changes
        self.record.reload(only=("amount_repaid", "status"))

    # --- entry point -----------------------------------------------------------
    @classmethod
    def edit(cls, parent: QWidget | None, db, problem_id: int | None = None,
             campaign_id: int | None = None, history: EditHistory | None = None,
             operations: Operations | None = None, read_only: str = "",
             complaint_id: int | None = None) -> Changes:
        """Open the editor (a new problem when ``problem_id`` is None); ``read_only``:
        why it only shows the problem (the county's merged ledger).

        Returns what the editor wrote: the problem (a new one's id for a new
        problem), its measures and progress entries, new vocabulary words.
        """
        dialog = cls(parent, db, problem_id, campaign_id, history, operations, read_only,
                     complaint_id)
        dialog.exec()
        return dialog.changes
