"""Dialogs for one complaint, dishonesty record, sanction or credit repair (issue 19).

Each is a form built from a list of fields (label with its Alt mnemonic, input, the red
message under it) and writes through its store when OK is pressed; a refusal keeps the
dialog open with the messages under their fields (ui/store_dialog.py).
"""

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core import fields as labels
from govcredit_desktop.core import vocab
from govcredit_desktop.core.dates import today
from govcredit_desktop.ui.record_form import read_values, show_value
from govcredit_desktop.ui.store_dialog import StoreDialog
from govcredit_desktop.ui.widgets import DateEdit, FieldErrors, fill_person_combo, limit_lengths


@dataclass
class Spec:
    name: str
    mnemonic: str  # the Alt letter of its label
    kind: str = "line"  # line | text | date | choice | pick (fixed list) | person
    choices: tuple = ()


class FieldsDialog(StoreDialog):
    """``specs`` become the form's rows; ``values()`` reads them; subclasses ``save``."""

    record_kind = ""
    label_map: dict = {}
    specs: tuple[Spec, ...] = ()
    #: The EditHistory an update goes into (Ctrl+Z / 编辑 → 撤销 takes it back); set by ask.
    history = None

    def __init__(self, parent: QWidget | None, db, title: str, caption: str = "",
                 current: dict | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(title)
        self.saved_id: int | None = None
        layout = QVBoxLayout(self)
        if caption:
            head = QLabel(caption, self)
            head.setWordWrap(True)
            layout.addWidget(head)
        form = QFormLayout()
        layout.addLayout(form)
        self.inputs: dict[str, QWidget] = {}
        errors = {}
        for spec in self.specs:
            widget = self._input(spec)
            widget.setObjectName(f"{spec.name}Input")
            label = QLabel(f"{self.label_map[spec.name]}(&{spec.mnemonic})", self)
            label.setBuddy(widget)
            error = QLabel(self)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
            self.inputs[spec.name] = widget
            errors[spec.name] = error
        self.general = QLabel(self)
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.form = self  # StoreDialog reads form.buttonBox
        self.buttonBox = self.buttons
        self._name_buttons("保存")
        limit_lengths(self.record_kind, {n: w for n, w in self.inputs.items()
                                         if isinstance(w, QLineEdit)})
        self.errors = FieldErrors(errors, self.inputs, self, general=self.general)
        for name, value in (current or {}).items():
            if name in self.inputs:
                show_value(self.inputs[name], value,
                           by_data=isinstance(self.inputs[name], QComboBox)
                           and self._spec(name).kind == "person")
        self.inputs[self.specs[0].name].setFocus()
        self.resize(560, self.sizeHint().height())

    def _spec(self, name: str) -> Spec:
        return next(s for s in self.specs if s.name == name)

    def _input(self, spec: Spec) -> QWidget:
        if spec.kind == "text":
            edit = QPlainTextEdit(self)
            edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
            edit.setFixedHeight(72)
            return edit
        if spec.kind == "date":
            return DateEdit(self)
        if spec.kind in ("choice", "pick"):
            combo = QComboBox(self)
            combo.setEditable(spec.kind == "choice")
            combo.addItems(list(spec.choices))
            combo.setCurrentIndex(-1 if spec.kind == "choice" else 0)
            return combo
        if spec.kind == "person":
            combo = QComboBox(self)
            fill_person_combo(combo, self.db.people.list(), None)
            return combo
        return QLineEdit(self)

    def values(self) -> dict:
        return read_values(self.inputs, by_data=[s.name for s in self.specs
                                                 if s.kind == "person"])

    def remember(self, store: str, record_id: int, old: dict, new: dict,
                 problem_id: int | None) -> None:
        """An update written: into the history, named by the fields it changed."""
        if self.history is not None and old:
            label = "、".join(self.label_map.get(k, k) for k in old)
            self.history.record_update(store, record_id, old, new, label, problem_id)

    @classmethod
    def ask(cls, parent, db, *args, history=None) -> int | None:
        dialog = cls(parent, db, *args)
        dialog.history = history
        return dialog.saved_id if dialog.exec() == QDialog.Accepted else None


class ComplaintDialog(FieldsDialog):
    record_kind = "complaint"
    label_map = labels.COMPLAINT_LABELS
    specs = (Spec("channel", "Q", "choice", vocab.COMPLAINT_CHANNELS),
             Spec("received_date", "D", "date"), Spec("complainant", "R"),
             Spec("contact", "L"), Spec("content", "C", "text"),
             Spec("handling_unit", "U"), Spec("reply", "P", "text"),
             Spec("reply_date", "Y", "date"), Spec("result", "J", "text"))

    def __init__(self, parent, db, complaint_id: int | None = None):
        current = db.complaints.get(complaint_id) if complaint_id else {
            "received_date": today().isoformat()}
        caption = "投诉人及联系方式只保存在本单位台账中，不随报送包报送。"
        if complaint_id and current.get("problem_id"):
            number = db.problems.get(current["problem_id"])["number"]
            caption = f"该投诉已转为问题 {number}。" + caption
        super().__init__(parent, db, "编辑投诉" if complaint_id else "登记投诉", caption, current)
        self.complaint_id = complaint_id

    def save(self) -> None:
        values = self.values()
        if self.complaint_id is None:
            self.complaint_id = self.db.complaints.add(values)
        else:
            old = self.db.complaints.update(self.complaint_id, values)
            self.remember("complaints", self.complaint_id, old, values, None)
        self.saved_id = self.complaint_id


def _problem_caption(db, problem_id: int) -> str:
    p = db.problems.get(problem_id)
    return f"问题 {p['number']}：{p['title']}"


class RecordDialog(FieldsDialog):
    record_kind = "dishonesty_record"
    label_map = labels.DISHONESTY_RECORD_LABELS
    specs = (Spec("record_type", "T", "choice", vocab.DISHONESTY_RECORD_TYPES),
             Spec("source_document", "W", "choice", vocab.SOURCE_DOCUMENTS),
             Spec("document_number", "N"), Spec("record_date", "D", "date"),
             Spec("person_id", "P", "person"), Spec("note", "M", "text"))

    def __init__(self, parent, db, problem_id: int, record_id: int | None = None):
        current = db.dishonesty_records.get(record_id) if record_id else {}
        super().__init__(parent, db, "编辑政务失信记录" if record_id else "新增政务失信记录",
                         _problem_caption(db, problem_id), current)
        self.problem_id, self.record_id = problem_id, record_id

    def save(self) -> None:
        values = self.values()
        store = self.db.dishonesty_records
        if self.record_id is None:
            self.record_id = store.add(self.problem_id, values)
        else:
            old = store.update(self.record_id, values)
            self.remember("dishonesty_records", self.record_id, old, values, self.problem_id)
        self.saved_id = self.record_id


def _record_caption(db, record_id: int) -> str:
    r = db.dishonesty_records.get(record_id)
    return f"{_problem_caption(db, r['problem_id'])}\n政务失信记录：{r['record_type']}"


class SanctionDialog(FieldsDialog):
    record_kind = "sanction"
    label_map = labels.SANCTION_LABELS
    specs = (Spec("kind", "K", "choice", vocab.SANCTION_KINDS), Spec("decided_by", "B"),
             Spec("sanction_date", "D", "date"), Spec("publicity_until", "G", "date"),
             Spec("note", "M", "text"))

    def __init__(self, parent, db, record_id: int, sanction_id: int | None = None):
        current = db.dishonesty_records.get_sanction(sanction_id) if sanction_id else {}
        super().__init__(parent, db, "编辑惩戒措施" if sanction_id else "新增惩戒措施",
                         _record_caption(db, record_id), current)
        self.record_id, self.sanction_id = record_id, sanction_id

    def save(self) -> None:
        values = self.values()
        store = self.db.dishonesty_records
        if self.sanction_id is None:
            self.sanction_id = store.add_sanction(self.record_id, values)
        else:
            old = store.update_sanction(self.sanction_id, values)
            self.remember("sanctions", self.sanction_id, old, values,
                          store.get(self.record_id)["problem_id"])
        self.saved_id = self.sanction_id


class RepairDialog(FieldsDialog):
    record_kind = "credit_repair"
    label_map = labels.CREDIT_REPAIR_LABELS
    specs = (Spec("steps", "S", "text"), Spec("evidence", "V", "text"),
             Spec("decision", "J", "pick", ("",) + tuple(vocab.RepairDecision)),
             Spec("decision_date", "D", "date"))

    def __init__(self, parent, db, record_id: int, repair_id: int | None = None):
        current = db.dishonesty_records.get_repair(repair_id) if repair_id else {}
        super().__init__(parent, db, "编辑信用修复" if repair_id else "新增信用修复",
                         _record_caption(db, record_id), current)
        self.inputs["decision"].setItemText(0, "（尚未决定）")
        self.record_id, self.repair_id = record_id, repair_id

    def values(self) -> dict:
        values = super().values()
        if self.inputs["decision"].currentIndex() == 0:
            values["decision"] = ""
        return values

    def save(self) -> None:
        values = self.values()
        store = self.db.dishonesty_records
        if self.repair_id is None:
            self.repair_id = store.add_repair(self.record_id, values)
        else:
            old = store.update_repair(self.repair_id, values)
            self.remember("repairs", self.repair_id, old, values,
                          store.get(self.record_id)["problem_id"])
        self.saved_id = self.repair_id
