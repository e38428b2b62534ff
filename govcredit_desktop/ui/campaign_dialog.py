"""Campaigns (专项治理): the list on the left, one campaign's form on the right.

The form is saved with 保存; whatever would drop typed text (choosing another
campaign, 新增, 删除, 关闭, Esc) first asks 保存 / 不保存 / 取消, so nothing is
lost silently and nothing half-typed is written behind the user's back.
"""

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QMessageBox, QWidget

from govcredit_desktop.core import notice
from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store.queries import ledger
from govcredit_desktop.ui.forms.ui_campaign_dialog import Ui_CampaignDialog
from govcredit_desktop.ui.record_form import read_value, read_values, show_value
from govcredit_desktop.ui.widgets import FieldErrors, install_shortcut, limit_lengths


class CampaignDialog(QDialog):
    def __init__(self, parent: QWidget | None, db, select_id: int | None = None):
        super().__init__(parent)
        self.db = db
        self.changes = Changes.none()
        self.current_id: int | None = None  # None while a new campaign is being typed
        self.editing = False  # False: the form is empty and disabled
        self._loaded: dict = {}
        self._prefix_follows_year = True
        self.form = Ui_CampaignDialog()
        self.form.setupUi(self)
        f = self.form
        self.inputs = {
            "name": f.nameEdit, "doc_number": f.docNumberEdit,
            "notice_title": f.noticeTitleEdit,
            "number_prefix": f.numberPrefixEdit, "start_date": f.startDateEdit,
            "self_inspection_deadline": f.selfInspectionDeadlineEdit,
            "plan_deadline": f.planDeadlineEdit,
            "rectification_deadline": f.rectificationDeadlineEdit,
        }
        # In the tab order: the first refused field gets the focus.
        labels = {
            "name": f.nameError, "doc_number": f.docNumberError,
            "notice_title": f.noticeTitleError,
            "number_prefix": f.numberPrefixError, "start_date": f.startDateError,
            "self_inspection_deadline": f.selfInspectionDeadlineError,
            "plan_deadline": f.planDeadlineError,
            "rectification_deadline": f.rectificationDeadlineError,
        }
        self.errors = FieldErrors(labels, self.inputs, self, general=f.generalError)
        limit_lengths("campaign", self.inputs)
        f.stateLabel.setStyleSheet("color: #666666;")
        f.buttonBox.button(QDialogButtonBox.Close).setText("关闭")
        f.buttonBox.rejected.connect(self.reject)

        for field, edit in self.inputs.items():
            edit.textChanged.connect(lambda _text, fl=field: self._edited(fl))
        f.numberPrefixEdit.textEdited.connect(self._prefix_edited)
        f.nameEdit.textChanged.connect(self._name_changed)
        f.startDateEdit.dateChanged.connect(self._start_changed)
        f.campaignList.currentRowChanged.connect(self._row_changed)
        f.addButton.clicked.connect(self.add)
        f.deleteButton.clicked.connect(self.delete)
        f.saveButton.clicked.connect(self.save)
        f.revertButton.clicked.connect(self.revert)
        f.saveButton.setToolTip("保存右侧的修改（Ctrl+S）")
        install_shortcut(self, "Ctrl+S", self.save, "保存")
        install_shortcut(f.campaignList, "Delete", self.delete, "删除")
        install_shortcut(self, "Insert", self.add, "新增")

        self._name_changed("")
        self._fill_list(select_id)
        if f.campaignList.count() == 0:
            self._start_new()  # first use: straight into typing the first one
        else:
            f.campaignList.setFocus()

    # --- list ------------------------------------------------------------------
    def _fill_list(self, select_id: int | None) -> None:
        lst = self.form.campaignList
        blocked = lst.blockSignals(True)
        try:
            lst.clear()
            row = 0
            for i, c in enumerate(self.db.settings.list_campaigns()):
                text = c["name"]
                if c["doc_number"]:
                    text += f"\n{c['doc_number']}"
                item = QListWidgetItem(text)
                item.setData(Qt.UserRole, c["id"])
                item.setToolTip(self._summary(c))
                lst.addItem(item)
                if c["id"] == select_id:
                    row = i
        finally:
            lst.blockSignals(blocked)
        if lst.count():
            lst.setCurrentRow(row)
            self._load(lst.item(row).data(Qt.UserRole))
        else:
            self._clear_form()

    @staticmethod
    def _summary(c: dict) -> str:
        lines = [c["name"]]
        if c["doc_number"]:
            lines.append(f"文号：{c['doc_number']}")
        if c.get("notice_title"):
            lines.append(f"通知：《{c['notice_title']}》")
        for field, label in (("self_inspection_deadline", "自查情况报送时限"),
                             ("plan_deadline", "整改方案报送时限"),
                             ("rectification_deadline", "整改报告报送时限")):
            if c[field]:
                lines.append(f"{label}：{format_cn(c[field])}")
        return "\n".join(lines)

    def _row_changed(self, row: int) -> None:
        lst = self.form.campaignList
        new_id = lst.item(row).data(Qt.UserRole) if row >= 0 else None
        if new_id == self.current_id and self.editing:
            return
        if not self._may_leave():
            # Put the selection back where the unsaved form belongs.
            blocked = lst.blockSignals(True)
            try:
                lst.setCurrentRow(self._row_of(self.current_id))
            finally:
                lst.blockSignals(blocked)
            return
        if new_id is None:
            self._clear_form()
        else:
            self._load(new_id)

    def _row_of(self, campaign_id: int | None) -> int:
        lst = self.form.campaignList
        for row in range(lst.count()):
            if lst.item(row).data(Qt.UserRole) == campaign_id:
                return row
        return -1

    # --- form ------------------------------------------------------------------
    def _set_form(self, values: dict) -> None:
        for field, edit in self.inputs.items():
            show_value(edit, values.get(field))
        self.errors.clear()
        self._loaded = self._snapshot()
        start = values.get("start_date") or ""
        prefix = values.get("number_prefix") or ""
        self._prefix_follows_year = not prefix or prefix == start[:4]
        self._update_state()

    def _load(self, campaign_id: int) -> None:
        self.current_id = campaign_id
        self.editing = True
        self._enable_form(True)
        self.form.infoGroup.setTitle("专项治理信息")
        self._set_form(self.db.settings.get_campaign(campaign_id))

    def _start_new(self) -> None:
        self.current_id = None
        self.editing = True
        self._enable_form(True)
        lst = self.form.campaignList
        blocked = lst.blockSignals(True)
        try:
            lst.setCurrentRow(-1)
            lst.clearSelection()
        finally:
            lst.blockSignals(blocked)
        self.form.infoGroup.setTitle("新建专项治理")
        today = _dt.date.today()
        self._set_form({"start_date": today.isoformat(), "number_prefix": str(today.year)})
        self.form.nameEdit.setFocus()

    def _clear_form(self) -> None:
        self.current_id = None
        self.editing = False
        self._set_form({})
        self._enable_form(False)

    def _enable_form(self, on: bool) -> None:
        self.form.infoGroup.setEnabled(on)
        self.form.deleteButton.setEnabled(on)

    def _snapshot(self) -> dict:
        """What the form shows, normalised so that re-formatting a date is no change."""
        snap = {}
        for field, edit in self.inputs.items():
            try:
                snap[field] = read_value(edit)
            except ValueError:
                snap[field] = edit.text()
        return snap

    def is_dirty(self) -> bool:
        # A new form starts from its defaults (today, the year): those alone
        # are no typed work to lose.
        return self.editing and self._snapshot() != self._loaded

    def _edited(self, field: str) -> None:
        self.errors.clear(field)
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.is_dirty()
        f = self.form
        f.saveButton.setEnabled(self.editing and (dirty or self.current_id is None))
        f.revertButton.setEnabled(dirty)
        if not self.editing:
            text = "请在左侧选择专项治理，或点“新增”"
        elif self.current_id is None:
            text = "新建，尚未保存"
        else:
            text = "有未保存的修改" if dirty else "已保存"
        f.stateLabel.setText(text)

    def _name_changed(self, name: str) -> None:
        # Left empty, the documents cite the notice by the title read from the name: the
        # placeholder shows what that will be.
        self.form.noticeTitleEdit.setPlaceholderText(
            f"不填时引用为：{notice.inferred_title(name)}" if name.strip()
            else "例如 关于开展2026年重点领域政务失信问题专项治理的通知")

    def _prefix_edited(self, text: str) -> None:
        start = self._snapshot().get("start_date") or ""
        self._prefix_follows_year = not text.strip() or text.strip() == start[:4]

    def _start_changed(self, iso: str | None) -> None:
        # 编号前缀 defaults to the start year until the user types their own.
        if iso and self._prefix_follows_year:
            self.form.numberPrefixEdit.setText(iso[:4])

    # --- actions ---------------------------------------------------------------
    def save(self) -> bool:
        """Write the form; False (with messages next to the fields) when refused."""
        if not self.editing:
            return True
        try:
            values = read_values(self.inputs)
            if self.current_id is None:
                self.current_id = self.db.settings.add_campaign(values)
            else:
                self.db.settings.update_campaign(self.current_id, values)
        except UserError as err:
            self.errors.refuse(err, "请按红字提示修改后再保存。")
            return False
        self.changes |= Changes.of(RecordKind.CAMPAIGN, self.current_id)
        self._fill_list(self.current_id)
        return True

    def revert(self) -> None:
        if self.current_id is None:
            self._start_new()
        else:
            self._load(self.current_id)

    def add(self) -> None:
        if self._may_leave():
            self._start_new()

    def delete(self) -> None:
        if not self.editing:
            return
        if self.current_id is None:  # an unsaved new one: just drop it (after asking)
            if self._may_leave():
                self._fill_list(None)
            return
        name = self.db.settings.get_campaign(self.current_id)["name"]
        # Say why first: asking 确定删除？ and then refusing wastes the clerk's yes.
        used = ledger.count(self.db, ledger.LedgerFilter(campaign_id=self.current_id))
        if used:
            QMessageBox.warning(
                self, "不能删除",
                f"专项治理“{name}”下还有{used}个问题，不能删除。\n\n"
                "专项治理下的问题全部删除后才能删除专项治理。")
            return
        answer = QMessageBox.question(self, "删除专项治理", f"确定删除专项治理“{name}”吗？",
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        try:
            # The store checks again: another window may have added a problem meanwhile.
            self.db.settings.delete_campaign(self.current_id)
        except UserError as err:
            QMessageBox.warning(self, "不能删除",
                                f"{err}。专项治理下的问题全部删除后才能删除专项治理。")
            return
        self.changes |= Changes.of(RecordKind.CAMPAIGN, self.current_id)
        self.editing = False
        self._fill_list(None)

    def _may_leave(self) -> bool:
        """True when the form may be replaced: clean, saved, or the user says drop it."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, "保存修改", "专项治理信息有未保存的修改，是否保存？",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def reject(self) -> None:
        # Close button, Esc and the window's × all come here.
        if self._may_leave():
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, db, select_id: int | None = None) -> Changes:
        """The campaigns added, changed or deleted."""
        dialog = cls(parent, db, select_id)
        dialog.exec()
        return dialog.changes
