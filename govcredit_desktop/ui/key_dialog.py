"""签名密钥: the department's signing key, its registration with the county office,
its password and its replacement.

    KeyDialog.ask(window, operations)          # 报送 → 签名密钥…
    ensure_key(parent, operations)             # the 报送 dialog, before the first package

The fingerprint is shown as the county office reads it back over the phone: 16 groups of
4 hex digits, four groups a line, large and fixed-pitch.  Unlocking or making a key
stretches the password with scrypt (~0.6 s), so every key write runs as an operation
(``ui/operations.run_operation``) off the GUI thread, with the password dialog kept
open until it ends: a wrong old password is said under its field and nothing changes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.dates import format_cn, local_moment
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import safe_file_name
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import show_error
from govcredit_desktop.ui.forms.ui_key_dialog import Ui_KeyDialog
from govcredit_desktop.ui.forms.ui_key_password_dialog import Ui_KeyPasswordDialog
from govcredit_desktop.ui.operations import Operations, run_operation
from govcredit_desktop.ui.widgets import FieldErrors

EXPORT_REGISTRATION = "export_registration"
WARNING_STYLE = "color: #b71c1c; background: #ffebee; border: 1px solid #e57373; padding: 6px;"
_STRENGTH_STYLES = {"weak": "color: #c62828;", "fair": "color: #8a6d00;",
                    "strong": "color: #2e7d32;", "": "color: #666666;"}
#: What clerks pick first when asked for eight characters; each is "weak" whatever its length.
_COMMON = ("12345678", "123456789", "1234567890", "87654321", "11111111", "88888888",
           "00000000", "66666666", "password", "a1234567", "abc12345", "qwertyui",
           "qwerty123", "iloveyou", "admin123", "abcd1234", "1qaz2wsx")


# --- small readings of a key -------------------------------------------------------------

def key_date(stamp: str) -> str:
    """'2021年12月30日' for a stored timestamp, in local time."""
    moment = local_moment(stamp)
    return format_cn(moment.date()) if moment else ""


def fingerprint_lines(fingerprint: str) -> str:
    """The 16 groups, four to a line: how the printed 登记表 lays them out too."""
    from govcredit_desktop.package import signing

    groups = signing.fingerprint_groups(fingerprint).split(" ")
    return "\n".join(" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4))


def short_fingerprint(fingerprint: str, groups: int = 4) -> str:
    """The first ``groups`` groups: enough to tell keys apart in a list."""
    from govcredit_desktop.package import signing

    return " ".join(signing.fingerprint_groups(fingerprint).split(" ")[:groups]) + "…"


def password_strength(password: str) -> tuple[str, str]:
    """(kind, sentence) for the hint under a new password: kind '', 'weak', 'fair' or
    'strong'.  Only the length is a rule (``signing.password_problem``); the rest is a
    hint, because a long sentence the clerk remembers beats a short jumble on a note."""
    from govcredit_desktop.package.signing import MIN_PASSWORD_LENGTH, password_problem

    if not password:
        return "", f"至少{MIN_PASSWORD_LENGTH}个字符。建议混用字母、数字和符号，或用一句好记的话。"
    problem = password_problem(password)
    if problem:
        missing = MIN_PASSWORD_LENGTH - len(password)
        more = f"（还差{missing}个）" if missing > 0 else ""
        return "weak", f"{problem}{more}。"
    kinds = sum((any(c.isascii() and c.isdigit() for c in password),
                 any(c.isascii() and c.islower() for c in password),
                 any(c.isascii() and c.isupper() for c in password),
                 any(c.isascii() and not c.isalnum() for c in password),
                 any(not c.isascii() for c in password)))  # 汉字: thousands of choices each
    if password.lower() in _COMMON or len(set(password)) <= 2:
        return "weak", "强度：弱。这是很常见的密码，别人容易猜到，建议换一个。"
    if len(password) >= 16 or (kinds >= 3 and len(password) >= 9):
        return "strong", "强度：强。"
    if kinds >= 2 or len(password) >= 12:
        return "fair", "强度：中。再长一些、或混用字母数字和符号会更安全。"
    return "weak", "强度：弱。只有一类字符，建议混用字母、数字和符号，或再长一些。"


# --- the password dialog: create, change, replace ---------------------------------------

class KeyPasswordDialog(QDialog):
    """Asks what one key write needs and runs it as an operation; stays open on a refusal."""

    CREATE, CHANGE, REPLACE = "create", "change", "replace"
    _TITLES = {CREATE: "创建签名密钥", CHANGE: "修改签名密钥密码", REPLACE: "更换签名密钥"}
    _OK = {CREATE: "创建密钥(&K)", CHANGE: "修改密码(&K)", REPLACE: "更换密钥(&K)"}

    def __init__(self, parent: QWidget | None, operations: Operations, mode: str):
        super().__init__(parent)
        self.operations = operations
        self.mode = mode
        self.changes = Changes.none()
        self.job = None
        self.form = Ui_KeyPasswordDialog()
        self.form.setupUi(self)
        f = self.form
        self.setWindowTitle(self._TITLES[mode])
        f.explainLabel.setText(self._explanation())
        rows = f.formLayout
        rows.setRowVisible(f.reasonEdit, mode == self.REPLACE)
        rows.setRowVisible(f.reasonError, False)
        rows.setRowVisible(f.oldEdit, mode == self.CHANGE)
        rows.setRowVisible(f.oldError, False)
        if mode == self.CREATE:
            f.newLabel.setText("密码(&N)：")
        self.inputs = {"reason": f.reasonEdit, "old": f.oldEdit, "new": f.newEdit,
                       "confirm": f.confirmEdit}
        self.errors = FieldErrors({"reason": f.reasonError, "old": f.oldError,
                                   "new": f.newError, "confirm": f.confirmError},
                                  self.inputs, self, general=f.generalError)
        for name, edit in self.inputs.items():
            edit.textEdited.connect(lambda _t, n=name: self._edited(n))
        f.newEdit.textChanged.connect(self._show_strength)
        self._show_strength("")
        ok = f.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self._OK[mode])
        f.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        f.buttonBox.accepted.connect(self.accept)
        f.buttonBox.rejected.connect(self.reject)
        (f.reasonEdit if mode == self.REPLACE else
         f.oldEdit if mode == self.CHANGE else f.newEdit).setFocus()

    def _explanation(self) -> str:
        if self.mode == self.CHANGE:
            return ("修改后，报送时要输入新密码。密钥和证书都不变，<b>无需</b>重新向县信用办登记。")
        if self.mode == self.REPLACE:
            return ("<b>更换密钥后：</b><br>"
                    "· 旧密钥作废，不能再签名（它的记录保留，以后的报送包会写明它已被替换）；<br>"
                    "· <b>必须把新的登记文件和盖章的登记表送交县信用办</b>，登记之前，"
                    "用新密钥签名的报送包无法通过来源核验；<br>"
                    "· 只在密码遗忘或密钥可能泄露（电脑丢失、被他人使用）时更换。"
                    "只是想换个密码，请用“修改密码”。")
        return ("为本单位创建签名密钥，并设置它的密码。每次生成报送包都要输入这个密码。<br>"
                "程序不保存密码，遗忘后无法找回，只能更换密钥并重新登记，请妥善记住。")

    def _edited(self, name: str) -> None:
        self.errors.clear(name)
        self.errors.show_general("")
        if name == "new":
            self.form.strengthLabel.show()

    def _show_strength(self, text: str) -> None:
        kind, sentence = password_strength(text)
        label = self.form.strengthLabel
        label.setVisible(not self.form.newError.isVisibleTo(self))
        label.setStyleSheet(_STRENGTH_STYLES[kind])
        label.setText(sentence)

    # --- OK --------------------------------------------------------------------------
    def _refusals(self) -> dict[str, str]:
        from govcredit_desktop.package.signing import MIN_PASSWORD_LENGTH, password_problem

        f = self.form
        out = {}
        if self.mode == self.CHANGE and not f.oldEdit.text():
            out["old"] = "请输入原密码。"
        problem = password_problem(f.newEdit.text())
        if problem:
            n = len(f.newEdit.text())
            count = f"（现在是{n}个）" if n < MIN_PASSWORD_LENGTH else ""
            out["new"] = f"{problem}{count}。"
        elif f.confirmEdit.text() != f.newEdit.text():
            out["confirm"] = "两次输入的密码不一致，请再输入一次。"
        elif self.mode == self.CHANGE and f.newEdit.text() == f.oldEdit.text():
            out["new"] = "新密码与原密码相同，请换一个。"
        return out

    def accept(self) -> None:
        if self.job is not None:
            return  # Enter pressed again while the key is being made
        refused = self._refusals()
        if refused:
            self.errors.show(refused)
            # The refusal says what the hint said: one red line, not two.
            self.form.strengthLabel.setVisible("new" not in refused)
            first = next(n for n in self.inputs if n in refused)
            if first == "confirm":
                self.form.confirmEdit.clear()
            self.inputs[first].setFocus()
            self.inputs[first].selectAll()
            return
        if self.mode == self.REPLACE and not self._confirm_replace():
            return
        self._run()

    def _confirm_replace(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "更换签名密钥",
                          "确定要更换签名密钥吗？\n\n旧密钥将作废，不能恢复。更换后必须把新的登记文件"
                          "送交县信用办重新登记。",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText("更换(&Y)")
        box.button(QMessageBox.StandardButton.No).setText("不更换(&N)")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _work(self) -> Callable:
        from govcredit_desktop.package import keys

        f = self.form
        new, old, reason = f.newEdit.text(), f.oldEdit.text(), f.reasonEdit.text()
        mode = self.mode

        def work(db, _progress, _cancelled) -> Changes:
            if mode == KeyPasswordDialog.CREATE:
                keys.create_key(db, new)
            elif mode == KeyPasswordDialog.CHANGE:
                db.keys.change_password(old, new)
            else:
                keys.replace_key(db, new, reason)
            return Changes.some(RecordKind.KEY)
        return work

    def _run(self) -> None:
        f = self.form
        f.buttonBox.setEnabled(False)
        labels = {self.CREATE: "正在创建签名密钥……", self.CHANGE: "正在修改密码……",
                  self.REPLACE: "正在创建新的签名密钥……"}
        self.job = run_operation(self, self._work(), operations=self.operations,
                                 title=self._TITLES[self.mode], label=labels[self.mode],
                                 cancellable=False, on_success=self._succeeded,
                                 on_failure=self._failed)

    def _succeeded(self, changes: Changes) -> None:
        self.job = None
        self.changes = changes
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        from govcredit_desktop.core.errors import ValidationError
        from govcredit_desktop.package.signing import WrongPassword

        self.job = None
        self.form.buttonBox.setEnabled(True)
        if isinstance(exc, WrongPassword) and self.mode == self.CHANGE:
            self.errors.show({"old": "原密码不正确，密码未修改。请重新输入原密码。"})
            self.form.oldEdit.setFocus()
            self.form.oldEdit.selectAll()
        elif isinstance(exc, ValidationError):
            self.errors.refuse(exc, f"请按红字提示修改后再点“{self._OK[self.mode][:4]}”。")
        elif isinstance(exc, UserError):
            self.errors.clear()
            self.errors.show_general(str(exc))
        else:
            show_error(self, self._TITLES[self.mode], exc)

    def reject(self) -> None:
        if self.job is None:  # the key being written cannot be stopped half way
            super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, operations: Operations, mode: str) -> Changes:
        """The Changes (already announced by the operation) when the write was made."""
        dialog = cls(parent, operations, mode)
        try:
            return dialog.changes if dialog.exec() == QDialog.DialogCode.Accepted \
                else Changes.none()
        finally:
            dialog.deleteLater()


# --- creating the first key ---------------------------------------------------------------

def profile_problem(db) -> str | None:
    """Why no key can be made from 单位信息 now (no name, no valid USCC), or None."""
    from govcredit_desktop.package import keys

    try:
        keys.department_for_key(db)
    except UserError as exc:
        return str(exc)
    return None


def open_department(parent: QWidget | None, operations: Operations) -> Changes:
    from govcredit_desktop.ui.department_dialog import DepartmentDialog

    changes = DepartmentDialog.ask(parent, operations.db)
    operations.notify(changes)
    return changes


def ensure_key(parent: QWidget | None, operations: Operations) -> bool:
    """A key exists when this returns True: made now if there was none (单位信息 first
    when it cannot name the department).  False when the clerk stopped."""
    db = operations.db
    if db.keys.active() is not None:
        return True
    problem = profile_problem(db)
    if problem:
        box = QMessageBox(QMessageBox.Icon.Warning, "创建签名密钥", problem,
                          QMessageBox.StandardButton.Cancel, parent)
        fill = box.addButton("填写单位信息(&D)…", QMessageBox.ButtonRole.AcceptRole)
        box.button(QMessageBox.StandardButton.Cancel).setText("取消")
        box.setDefaultButton(fill)
        box.exec()
        if box.clickedButton() is not fill:
            return False
        open_department(parent, operations)
        if profile_problem(db):
            return False  # still incomplete: the department dialog said why
    KeyPasswordDialog.ask(parent, operations, KeyPasswordDialog.CREATE)
    return db.keys.active() is not None


# --- the key dialog ----------------------------------------------------------------------

class KeyDialog(QDialog):
    def __init__(self, parent: QWidget | None, operations: Operations):
        super().__init__(parent)
        self.operations = operations
        self.changes = Changes.none()  # its own writes: 单位信息 opened from here
        self.form = Ui_KeyDialog()
        self.form.setupUi(self)
        f = self.form
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(self.font().pointSizeF(), 9) * 1.6)
        mono.setBold(True)
        f.fingerprintLabel.setFont(mono)
        f.fingerprintLabel.setAccessibleName("证书指纹")
        f.fingerprintLabel.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        f.mismatchLabel.setStyleSheet(WARNING_STYLE)
        f.createButton.clicked.connect(self.create_key)
        f.departmentButton.clicked.connect(self.edit_department)
        f.copyButton.clicked.connect(self.copy_fingerprint)
        f.exportButton.clicked.connect(self.export_registration)
        f.printButton.clicked.connect(lambda: self.print_form())
        f.passwordButton.clicked.connect(self.change_password)
        f.replaceButton.clicked.connect(self.replace_key)
        close = f.buttonBox.button(QDialogButtonBox.StandardButton.Close)
        close.setText("关闭")
        f.buttonBox.rejected.connect(self.reject)
        # Enter on the dialog must not press whatever button is the default: none is.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.refresh()

    @property
    def db(self):
        return self.operations.db

    def refresh(self) -> None:
        f = self.form
        row = self.db.keys.active()
        read_only = self.db.read_only
        if row is None:
            f.stack.setCurrentWidget(f.noKeyPage)
            problem = profile_problem(self.db)
            f.profileProblemLabel.setText(problem or "")
            f.profileProblemLabel.setVisible(bool(problem))
            f.departmentButton.setVisible(bool(problem))
            f.createButton.setEnabled(not read_only)
            f.mismatchLabel.hide()
            (f.departmentButton if problem else f.createButton).setFocus()
            return
        from govcredit_desktop.package import keys, signing

        f.stack.setCurrentWidget(f.keyPage)
        subject = signing.subject_of(signing.load_certificate(row["certificate_pem"]))
        f.departmentValue.setText(subject.department)
        f.usccValue.setText(subject.uscc)
        f.createdValue.setText(key_date(row["created_at"]))
        self.fingerprint = row["fingerprint"]
        f.fingerprintLabel.setText(fingerprint_lines(self.fingerprint))
        f.fingerprintLabel.setAccessibleDescription(signing.fingerprint_groups(self.fingerprint))
        replaced = [r for r in self.db.keys.all() if r["replaced_at"]]
        if replaced:
            lines = [f"· {short_fingerprint(r['fingerprint'])}　创建于{key_date(r['created_at'])}，"
                     f"更换于{key_date(r['replaced_at'])}"
                     + (f"（{r['replace_reason']}）" if r["replace_reason"] else "")
                     for r in replaced]
            f.replacedLabel.setText("已更换（作废）的旧密钥：\n" + "\n".join(lines))
        f.replacedLabel.setVisible(bool(replaced))
        mismatch = keys.department_mismatch(self.db)
        f.mismatchLabel.setText(f"⚠ {mismatch}" if mismatch else "")
        f.mismatchLabel.setVisible(bool(mismatch))
        # A certificate naming another department cannot be registered or sign: only
        # a new key (from the corrected profile) helps.
        f.exportButton.setEnabled(not mismatch)
        f.printButton.setEnabled(not mismatch)
        f.passwordButton.setEnabled(not read_only)
        f.replaceButton.setEnabled(not read_only)
        f.copyButton.setFocus()

    # --- actions ---------------------------------------------------------------------
    def create_key(self) -> None:
        if ensure_key(self, self.operations):
            self.refresh()
            QMessageBox.information(
                self, "签名密钥已创建",
                "签名密钥已创建。\n\n下一步：点“导出登记文件”保存登记文件，点“打印登记表”打印"
                "登记表并加盖公章，一并送交县信用办登记。")
        else:
            self.refresh()

    def edit_department(self) -> None:
        self.changes |= open_department(self, self.operations)
        self.refresh()

    def copy_fingerprint(self) -> None:
        from govcredit_desktop.package import signing

        QGuiApplication.clipboard().setText(signing.fingerprint_groups(self.fingerprint))
        self.form.copyButton.setText("已复制(&C)")

    def suggested_registration_name(self) -> str:
        from govcredit_desktop.package import registration

        dept = self.db.settings.department() or {}
        return safe_file_name(f"{dept.get('name') or '本单位'}-签名证书登记文件"
                              f"{registration.SUFFIX}")

    def export_registration(self) -> Path | None:
        from govcredit_desktop.package import keys, registration

        name = file_dialogs.save_file(self, EXPORT_REGISTRATION, "导出登记文件",
                                      self.suggested_registration_name(),
                                      f"单位登记文件 (*{registration.SUFFIX})")
        if not name:
            return None
        try:
            path = keys.write_registration(self.db, name)
        except UserError as exc:
            show_error(self, "导出登记文件", exc)
            return None
        box = QMessageBox(QMessageBox.Icon.Information, "导出登记文件",
                          f"登记文件已保存：\n{path}\n\n请把它连同盖章的签名证书登记表送交县信用办。"
                          "县信用办会来电核对证书指纹。",
                          QMessageBox.StandardButton.Close, self)
        box.button(QMessageBox.StandardButton.Close).setText("关闭")
        folder = box.addButton("打开所在文件夹(&O)", QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        return path

    def print_form(self, preview: Callable | None = None) -> None:
        """The 签名证书登记表 written to a temporary PDF (off the GUI thread: reportlab),
        then shown in the program's preview, which prints it."""
        from govcredit_desktop.package import keys, registration

        try:
            reg = registration.parse_registration(keys.registration_for(self.db))
        except UserError as exc:
            show_error(self, "打印登记表", exc)
            return
        department = self.db.settings.department() or {}
        folder = Path(tempfile.mkdtemp(prefix="govcredit-registration-"))
        out = folder / "签名证书登记表.pdf"

        def work(_db, _progress, _cancelled) -> Changes:
            from govcredit_desktop.reports import registration_form

            registration_form.write(reg, department, out)
            return Changes.none()

        def show(_changes: Changes) -> None:
            from govcredit_desktop.ui.report_preview import ReportPreview

            try:
                (preview or ReportPreview.ask)(out, "签名证书登记表",
                                               safe_file_name(f"{reg.department}-签名证书登记表.pdf"),
                                               self)
            except Exception as exc:  # noqa: BLE001 - shown, as background failures are
                show_error(self, "打印登记表", exc)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        def failed(exc: BaseException) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            show_error(self, "打印登记表", exc)

        run_operation(self, work, operations=self.operations, title="打印登记表",
                      label="正在生成签名证书登记表……", on_success=show, on_failure=failed,
                      on_cancelled=lambda: shutil.rmtree(folder, ignore_errors=True))

    def change_password(self) -> None:
        if KeyPasswordDialog.ask(self, self.operations, KeyPasswordDialog.CHANGE):
            QMessageBox.information(self, "修改签名密钥密码",
                                    "密码已修改。以后报送时请输入新密码。")
        self.refresh()

    def replace_key(self) -> None:
        problem = profile_problem(self.db)
        if problem:
            why = problem.replace("创建签名密钥", "更换签名密钥")
            QMessageBox.warning(self, "更换签名密钥", why)
            return
        if KeyPasswordDialog.ask(self, self.operations, KeyPasswordDialog.REPLACE):
            self.refresh()
            QMessageBox.information(
                self, "签名密钥已更换",
                "新的签名密钥已启用。\n\n请立即点“导出登记文件”并“打印登记表”，盖章后送交县信用办"
                "重新登记；登记之前，新密钥签名的报送包无法通过来源核验。")
        else:
            self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, operations: Operations) -> Changes:
        """The Changes of 单位信息 edited from here (key writes announce themselves)."""
        dialog = cls(parent, operations)
        dialog.resize(dialog.sizeHint().expandedTo(dialog.size()))
        try:
            dialog.exec()
            return dialog.changes
        finally:
            dialog.deleteLater()

