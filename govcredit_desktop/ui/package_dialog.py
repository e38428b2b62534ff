"""生成报送包: the 报送前检查, where the package goes, the password, and the package.

    PackageDialog.ask(window, operations, campaign_id, edit_problem=window.edit_problem_by_id)

The check (``package.precheck``) runs as soon as the dialog opens and again whenever
the campaign changes or something was fixed from the dialog; it reads the whole
database (the audit replay takes seconds on a big one), so it runs off the GUI thread.
Errors keep 生成报送包 greyed and say how to fix each; warnings must be confirmed with
the check box.  A finding that names a problem opens that problem on a double-click or
Enter, and the check runs again when its editor closes.

The package is built, signed, written to the target, read back and checked there by
``package.build.build_package`` as one operation with progress and cancel; only after
the read-back passed does the dialog say the stick may be pulled out.  The password is
tried first: a wrong one is said at once and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRect, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QListWidgetItem,
    QMessageBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from shiboken6 import isValid

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import show_error
from govcredit_desktop.ui.forms.ui_package_dialog import Ui_PackageDialog
from govcredit_desktop.ui.operations import Operations, run_operation
from govcredit_desktop.ui.widgets import ERROR_STYLE

LAST_FOLDER_KEY = "package/last_folder"
#: Item data: what a target row stands for, and what a finding row opens.
PATH_ROLE = Qt.ItemDataRole.UserRole
REMOVABLE_ROLE = Qt.ItemDataRole.UserRole + 1
OPENS_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ERROR_BG, ERROR_FG = QColor("#fdecea"), QColor("#b71c1c")
WARNING_BG, WARNING_FG = QColor("#fff8e1"), QColor("#6d4c00")
OK_STYLE = "color: #2e7d32; font-weight: bold;"
BLOCKED_STYLE = "color: #b71c1c;"
WAITING_STYLE = "color: #666666;"
SHORT_HASH = 16


def _size_text(n: int) -> str:
    from govcredit_desktop.package.media import size_text

    return size_text(n)


class _EnterOpens(QObject):
    """Enter on a finding opens it (as a double-click does) instead of reaching the
    dialog's default button: a clerk reading the list must not make a package by it."""

    def __init__(self, dialog: PackageDialog):
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return,
                                                                     Qt.Key.Key_Enter):
            item = self.dialog.form.findingsTree.currentItem()
            if item is not None:
                self.dialog.open_finding(item)
            return True
        return False


class _WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: a finding is a sentence with its fix, and a
    cut-off fix is no fix.  QTreeView wraps only within the height a delegate asks for."""

    def __init__(self, view: QTreeWidget):
        super().__init__(view)
        self.view = view
        view.viewport().installEventFilter(self)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt override)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        icon = opt.decorationSize.width() + 8 if not opt.icon.isNull() else 0
        width = max(80, self.view.viewport().width() - self.view.indentation() * depth
                    - icon - 12)
        text = opt.fontMetrics.boundingRect(QRect(0, 0, width, 100_000),
                                            Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(width, max(text.height(), opt.decorationSize.height()) + 8)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.view.scheduleDelayedItemsLayout()  # heights follow the new width
        return False


class PackageDialog(QDialog):
    def __init__(self, parent: QWidget | None, operations: Operations,
                 campaign_id: int | None = None,
                 edit_problem: Callable[[int, QWidget], Changes] | None = None):
        super().__init__(parent)
        self.operations = operations
        self.edit_problem = edit_problem
        self.findings: list = []
        self.checked_campaign: int | None = None  # the campaign self.findings are about
        self.check_job = None
        self.build_job = None
        self._check_again = False
        self._keep: tuple[str, str, set[str]] = ("", "", set())
        self.made = None  # (BuildResult, submission record) once a package was made
        self.form = Ui_PackageDialog()
        self.form.setupUi(self)
        f = self.form
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        for c in self.db.settings.list_campaigns():
            f.campaignCombo.addItem(c["name"], c["id"])
        if campaign_id is not None and f.campaignCombo.findData(campaign_id) >= 0:
            f.campaignCombo.setCurrentIndex(f.campaignCombo.findData(campaign_id))
        f.campaignCombo.currentIndexChanged.connect(lambda _i: self.run_check())

        # The findings take the height the window has; with none, the steps stay
        # together at the top and the space goes below them.
        f.mainLayout.insertStretch(4, 0)
        f.mainLayout.setStretch(1, 1)
        tree = f.findingsTree
        tree.setAccessibleName("报送前检查结果")
        tree.setItemDelegate(_WrapDelegate(tree))
        tree.itemDoubleClicked.connect(lambda item, _col: self.open_finding(item))
        tree.installEventFilter(_EnterOpens(self))
        tree.setExpandsOnDoubleClick(False)  # a double-click opens; the arrow expands
        f.recheckButton.clicked.connect(self.run_check)
        f.confirmCheck.toggled.connect(lambda _on: self._update_state())

        f.targetList.setAccessibleName("保存位置")
        f.targetList.itemActivated.connect(self._target_activated)
        f.targetList.currentItemChanged.connect(lambda *_a: self._update_state())
        f.otherFolderButton.clicked.connect(self.choose_folder)
        f.refreshButton.clicked.connect(self.refresh_targets)

        f.createKeyButton.clicked.connect(self.create_key)
        f.passwordError.setStyleSheet(ERROR_STYLE)
        f.passwordError.setWordWrap(True)
        f.passwordEdit.textEdited.connect(lambda _t: self._password_message(""))
        f.generateButton.clicked.connect(self.generate)
        f.closeButton.clicked.connect(self.reject)
        f.generateButton.setDefault(True)  # Enter in the password field makes the package
        for button in (f.recheckButton, f.otherFolderButton, f.refreshButton,
                       f.createKeyButton, f.closeButton):
            button.setAutoDefault(False)

        self._password_message("")
        self.refresh_targets()
        self._show_key()
        self._update_state()

    @property
    def db(self):
        return self.operations.db

    def campaign_id(self) -> int | None:
        return self.form.campaignCombo.currentData()

    # --- 报送前检查 --------------------------------------------------------------------
    def run_check(self) -> None:
        """Check the chosen campaign off the GUI thread; a check asked for while one
        runs starts when it ends (its answer would be about the old state)."""
        if self.check_job is not None:
            self._check_again = True
            return
        f = self.form
        self._keep = self._tree_place()
        f.findingsTree.clear()
        self._show_tree(True)
        self.findings = []
        self.checked_campaign = None
        f.confirmCheck.setChecked(False)
        f.confirmCheck.hide()
        campaign_id = self.campaign_id()
        if campaign_id is None:
            self._summary("还没有专项治理，无法报送。请先在“设置 → 专项治理”中新建。",
                          BLOCKED_STYLE)
            self._update_state()
            return
        self._summary("正在进行报送前检查……", WAITING_STYLE)
        self._update_state()
        found: list = []

        def work(db, _progress, _cancelled) -> Changes:
            from govcredit_desktop.package.precheck import precheck

            found.extend(precheck(db, campaign_id))
            return Changes.none()

        def ended() -> bool:
            if not isValid(self):
                return False  # closed while the check ran: nothing left to show it in
            self.check_job = None
            if self._check_again:
                self._check_again = False
                self.run_check()
                return False
            return True

        def done(_changes: Changes) -> None:
            if ended():
                self.show_findings(campaign_id, found)

        def failed(exc: BaseException) -> None:
            if ended():
                self._summary(f"报送前检查未能完成：{exc}", BLOCKED_STYLE)
                self._update_state()

        def cancelled() -> None:
            if ended():
                self._summary("报送前检查已取消。点“重新检查”再检查一次。", BLOCKED_STYLE)
                self._update_state()

        self.check_job = run_operation(self, work, operations=self.operations,
                                       title="报送前检查", label="正在进行报送前检查……",
                                       on_success=done, on_failure=failed,
                                       on_cancelled=cancelled)

    def key_findings(self) -> list:
        """What the key adds to the check: a certificate naming another department
        cannot sign for this one (only a new key helps, so it is an error here)."""
        from govcredit_desktop.package import keys
        from govcredit_desktop.package.precheck import ERROR, Finding

        why = keys.department_mismatch(self.db)
        if not why:
            return []
        return [Finding(ERROR, "key_mismatch",
                        f"{why}（在“报送 → 签名密钥”中更换；双击这里打开）")]

    def show_findings(self, campaign_id: int, findings: list) -> None:
        from govcredit_desktop.package.precheck import errors, warnings

        findings = self.key_findings() + list(findings)
        self.findings = findings
        self.checked_campaign = campaign_id
        f = self.form
        tree = f.findingsTree
        tree.clear()
        style = self.style()
        icons = {True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for finding in findings:
            top = QTreeWidgetItem([self._finding_text(finding)])
            top.setIcon(0, icons[finding.is_error])
            bg, fg = (ERROR_BG, ERROR_FG) if finding.is_error else (WARNING_BG, WARNING_FG)
            top.setBackground(0, QBrush(bg))
            top.setForeground(0, QBrush(fg))
            top.setData(0, OPENS_ROLE, self._opens(finding, finding.problem_number))
            top.setData(0, CODE_ROLE, finding.code)
            top.setToolTip(0, finding.message_cn)
            numbers = set(finding.problem_numbers)
            # The lines of a department finding are only the missing fields' names.
            if len(finding.details) > 1 and not finding.code.startswith("department"):
                for line in finding.details:
                    number = line.split(" ", 1)[0]
                    child = QTreeWidgetItem([line])
                    child.setData(0, OPENS_ROLE,
                                  ("problem", number) if number in numbers else None)
                    top.addChild(child)
            tree.addTopLevelItem(top)
        if findings:
            self._restore_place(*self._keep)
        n_errors, n_warnings = len(errors(findings)), len(warnings(findings))
        if n_errors:
            self._summary(f"有 {n_errors} 项错误，改正后才能报送"
                          + (f"；另有 {n_warnings} 项提示请核实。" if n_warnings else "。"),
                          BLOCKED_STYLE)
        elif n_warnings:
            self._summary(f"没有错误。有 {n_warnings} 项提示，请逐项核实后勾选下面的确认框。",
                          f"color: {WARNING_FG.name()}; font-weight: bold;")
        else:
            self._summary("✓ 报送前检查通过：单位信息完整，每个问题都有整改措施、责任人和时限。",
                          OK_STYLE)
        self._show_tree(bool(findings))
        f.confirmCheck.setVisible(bool(n_warnings) and not n_errors)
        f.confirmCheck.setChecked(False)
        self._update_state()

    def _show_tree(self, shown: bool) -> None:
        f = self.form
        f.findingsTree.setVisible(shown)
        f.findingsHint.setVisible(shown)
        f.mainLayout.setStretch(1, 1 if shown else 0)
        f.mainLayout.setStretch(4, 0 if shown else 1)

    def _tree_place(self) -> tuple[str, str, set[str]]:
        """The current finding's code and line, and the findings expanded: a clerk fixing
        the problems of one finding one by one finds the list as it was after each."""
        tree = self.form.findingsTree
        item = tree.currentItem()
        code = line = ""
        if item is not None:
            top = item.parent() or item
            code = top.data(0, CODE_ROLE) or ""
            line = item.text(0) if item.parent() else ""
        expanded = {tree.topLevelItem(i).data(0, CODE_ROLE)
                    for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).isExpanded()}
        return code, line, expanded

    def _restore_place(self, code: str, line: str, expanded: set[str]) -> None:
        tree = self.form.findingsTree
        current = tree.topLevelItem(0)
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            top_code = top.data(0, CODE_ROLE)
            top.setExpanded(top_code in expanded)
            if top_code == code:
                current = top
                children = [top.child(j) for j in range(top.childCount())]
                current = next((c for c in children if c.text(0) == line), top)
        tree.setCurrentItem(current)

    @staticmethod
    def _finding_text(finding) -> str:
        text = ("错误：" if finding.is_error else "提示：") + finding.message_cn
        if len(finding.details) > 1 and not finding.code.startswith("department"):
            text += f"（共 {len(finding.details)} 条，点左侧箭头展开）"
        return text

    @staticmethod
    def _opens(finding, number: str):
        if number:
            return ("problem", number)
        if finding.code.startswith("department"):
            return ("department", "")
        if finding.code == "key_mismatch":
            return ("key", "")
        return None

    def open_finding(self, item: QTreeWidgetItem) -> None:
        """Open what the finding is about; check again once it is closed."""
        opens = item.data(0, OPENS_ROLE)
        if not opens:
            if item.childCount():
                item.setExpanded(not item.isExpanded())
            return
        what, number = opens
        if what == "problem":
            problem_id = self.db.problems.id_of_number(self.checked_campaign, number)
            if problem_id is None:
                QMessageBox.information(self, "打开问题", f"找不到编号为 {number} 的问题，"
                                        "它可能已被删除。点“重新检查”再检查一次。")
                return
            if self.edit_problem is not None:
                self.edit_problem(problem_id, self)
            else:
                from govcredit_desktop.ui.problem_editor import ProblemEditor

                self.operations.notify(ProblemEditor.edit(self, self.db, problem_id=problem_id,
                                                          operations=self.operations))
        elif what == "department":
            from govcredit_desktop.ui.key_dialog import open_department

            open_department(self, self.operations)
        elif what == "key":
            from govcredit_desktop.ui.key_dialog import KeyDialog

            self.operations.notify(KeyDialog.ask(self, self.operations))
            self._show_key()
        self.run_check()

    def _summary(self, text: str, style: str) -> None:
        label = self.form.summaryLabel
        label.setText(text)
        label.setStyleSheet(style)

    # --- where the package goes --------------------------------------------------------
    def refresh_targets(self) -> None:
        """Removable drives first, then the folder used last time and folders chosen
        here; the selection stays on the same path when it is still offered."""
        from govcredit_desktop.package import media

        f = self.form
        lst = f.targetList
        current = self.target()
        chosen = [lst.item(i).data(PATH_ROLE) for i in range(lst.count())
                  if lst.item(i).data(PATH_ROLE) and not lst.item(i).data(REMOVABLE_ROLE)]
        lst.clear()
        drives = media.removable_drives()
        for d in drives:
            text = f"U 盘　{d.label}（{d.path}）　剩余 {_size_text(d.free_bytes)}"
            self._add_target(text, d.path, removable=True)
        if not drives:
            hint = QListWidgetItem("没有发现 U 盘。插入 U 盘后点“刷新 U 盘列表”，"
                                   "或点“选择其他文件夹”。")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            lst.addItem(hint)
        last = QSettings().value(LAST_FOLDER_KEY)
        others = ([last] if isinstance(last, str) and last else []) + chosen
        seen = {str(d.path) for d in drives}
        for folder in others:
            if folder in seen or not Path(folder).is_dir():
                continue
            seen.add(folder)
            self._add_target(f"文件夹　{folder}", Path(folder), removable=False)
        keep = next((i for i in range(lst.count())
                     if current is not None and lst.item(i).data(PATH_ROLE) == str(current)),
                    None)
        first = next((i for i in range(lst.count()) if lst.item(i).data(PATH_ROLE)), None)
        if keep is not None or first is not None:
            lst.setCurrentRow(keep if keep is not None else first)
        rows = max(3, min(lst.count(), 4))
        lst.setFixedHeight(rows * (lst.fontMetrics().height() + 8) + 2 * lst.frameWidth())
        self._update_state()

    def _add_target(self, text: str, path: Path, removable: bool) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(PATH_ROLE, str(path))
        item.setData(REMOVABLE_ROLE, removable)
        item.setToolTip(str(path))
        self.form.targetList.addItem(item)
        return item

    def target(self) -> Path | None:
        item = self.form.targetList.currentItem()
        value = item.data(PATH_ROLE) if item is not None else None
        return Path(value) if value else None

    def choose_folder(self) -> None:
        start = self.target() or file_dialogs.default_folder()
        folder = QFileDialog.getExistingDirectory(self, "选择保存报送包的文件夹", str(start))
        if not folder:
            return
        lst = self.form.targetList
        for i in range(lst.count()):
            if lst.item(i).data(PATH_ROLE) == str(Path(folder)):
                lst.setCurrentRow(i)
                return
        lst.setCurrentItem(self._add_target(f"文件夹　{Path(folder)}", Path(folder), False))

    def _target_activated(self, item: QListWidgetItem) -> None:
        if not item.data(PATH_ROLE):
            self.choose_folder()

    def on_removable(self, folder: Path) -> bool:
        """Whether ``folder`` is on a removable drive (then the clerk is told when the
        stick may be pulled out)."""
        from govcredit_desktop.package import media

        folder = Path(folder)
        return any(folder == d.path or d.path in folder.parents
                   for d in media.removable_drives())

    # --- the key and the password -----------------------------------------------------
    def _show_key(self) -> None:
        from govcredit_desktop.ui.key_dialog import short_fingerprint

        f = self.form
        row = self.db.keys.active()
        has_key = row is not None
        if has_key:
            f.keyValue.setText(f"证书指纹 {short_fingerprint(row['fingerprint'])}"
                               "（在“报送 → 签名密钥”中查看全部）")
        else:
            f.keyValue.setText("还没有签名密钥。第一次报送前要先创建它，并把登记文件送交"
                               "县信用办。")
        f.createKeyButton.setVisible(not has_key)
        f.createKeyButton.setEnabled(not self.db.read_only)
        f.signLayout.setRowVisible(f.passwordEdit, has_key)
        f.signLayout.setRowVisible(f.passwordError, has_key and bool(f.passwordError.text()))

    def create_key(self) -> None:
        from govcredit_desktop.ui.key_dialog import ensure_key

        made = ensure_key(self, self.operations)
        self._show_key()
        if made:
            self.run_check()  # 单位信息 may have been filled in on the way
            self.form.passwordEdit.setFocus()

    def _password_message(self, text: str) -> None:
        f = self.form
        f.passwordError.setText(text)
        f.signLayout.setRowVisible(f.passwordError, bool(text))
        f.passwordEdit.setStyleSheet("QLineEdit { border: 1px solid #c62828; }" if text else "")

    # --- state ---------------------------------------------------------------------------
    def blocked_reason(self) -> str:
        """Why 生成报送包 is greyed, in words; '' when it may be pressed."""
        from govcredit_desktop.package.precheck import errors, warnings

        if self.build_job is not None:
            return "正在生成报送包……"
        if self.campaign_id() is None:
            return "请先新建专项治理。"
        if self.check_job is not None or self.checked_campaign != self.campaign_id():
            return "请等待报送前检查完成。" if self.check_job is not None else \
                "请先完成报送前检查（点“重新检查”）。"
        if errors(self.findings):
            return "请先改正报送前检查中的错误。"
        if warnings(self.findings) and not self.form.confirmCheck.isChecked():
            return "请核实提示后勾选“我已核实以上提示，仍要报送”。"
        if self.db.keys.active() is None:
            return "请先创建签名密钥。"
        if self.db.read_only:
            return "数据库以只读方式打开，不能生成报送包。"
        return ""

    def _update_state(self) -> None:
        f = self.form
        reason = self.blocked_reason()
        f.generateButton.setEnabled(not reason)
        f.blockedLabel.setText(reason)
        f.blockedLabel.setStyleSheet(WAITING_STYLE if self.check_job or self.build_job
                                     else BLOCKED_STYLE)
        busy = self.build_job is not None
        for w in (f.campaignCombo, f.recheckButton, f.targetList, f.otherFolderButton,
                  f.refreshButton, f.passwordEdit, f.confirmCheck):
            w.setEnabled(not busy)
        f.createKeyButton.setEnabled(not busy and not self.db.read_only)

    # --- 生成报送包 ------------------------------------------------------------------------
    def generate(self) -> None:
        from govcredit_desktop.package.precheck import warnings

        if self.blocked_reason():
            return
        f = self.form
        folder = self.target()
        if folder is None:
            QMessageBox.information(self, "生成报送包", "请先选择保存位置：插好 U 盘后在列表中"
                                    "选中它，或点“选择其他文件夹”。")
            f.targetList.setFocus()
            return
        password = f.passwordEdit.text()
        if not password:
            self._password_message("请输入签名密钥的密码。")
            f.passwordEdit.setFocus()
            return
        campaign_id = self.campaign_id()
        confirmed = len(warnings(self.findings))
        made: list = []

        def work(db, progress, cancelled) -> Changes:
            from govcredit_desktop.package import build, keys

            signer = keys.signer_for(db, password)  # a wrong password: nothing written
            # 设置 → 县信用办公钥: while one is saved, what reaches the stick is encrypted.
            county = db.settings.county_recipient()
            result = build.build_package(db, campaign_id, signer, folder, progress, cancelled,
                                         warnings_confirmed=confirmed,
                                         recipient=county["recipient"] if county else None)
            record = build.record_submission(db, campaign_id, result)
            made.append((result, record))
            return Changes.of(RecordKind.SUBMISSION, record["id"])

        def done(_changes: Changes) -> None:
            self.build_job = None
            self.made = made[0]
            QSettings().setValue(LAST_FOLDER_KEY, str(folder))
            self._update_state()
            self.show_success(*made[0])
            self.accept()

        def failed(exc: BaseException) -> None:
            self.build_job = None
            self._update_state()
            self.show_failure(exc)

        def cancelled() -> None:
            self.build_job = None
            self._update_state()
            f.blockedLabel.setText("已取消，没有写入任何报送包。")

        self._password_message("")
        self.build_job = run_operation(self, work, operations=self.operations,
                                       title="生成报送包", label="正在生成报送包……",
                                       on_success=done, on_failure=failed,
                                       on_cancelled=cancelled)
        self._update_state()

    def show_failure(self, exc: BaseException) -> None:
        from govcredit_desktop.package.signing import WrongPassword

        f = self.form
        if isinstance(exc, WrongPassword):
            self._password_message("密码不正确，请重新输入。如果确实忘记了密码，只能在“报送 → "
                                   "签名密钥”中更换密钥并重新向县信用办登记。")
            f.passwordEdit.selectAll()
            f.passwordEdit.setFocus()
            return
        if isinstance(exc, UserError):
            QMessageBox.warning(self, "报送包未能生成", str(exc))
        else:
            show_error(self, "生成报送包", exc)
        self.refresh_targets()  # a stick pulled out is gone from the list

    def success_text(self, result) -> str:
        """Rich text: the facts in a table, and the one sentence the clerk waits for."""
        folder = result.path.parent
        safe = ("可以安全拔出U盘。" if self.on_removable(folder)
                else "报送包完整，可以交给县信用办。")
        rows = (("文件名", result.file_name), ("保存位置", str(folder)),
                ("大小", _size_text(result.size)),
                ("SHA-256", f"{result.sha256[:SHORT_HASH]}…（点“复制 SHA-256”复制完整的值）"))
        county = self.db.settings.county_recipient() if result.encrypted_to else None
        if county is not None:
            rows += (("加密", f"已加密发给“{county['office']}”，只有该县信用办能打开"),)
        table = "".join(f"<tr><td style='white-space: nowrap'>{k}：</td><td>{escape(v)}</td></tr>"
                        for k, v in rows)
        return ("<p>报送包已写入，并已从保存位置读回全部内容校验，完整无误。</p>"
                f"<table cellspacing='3'>{table}</table>"
                f"<p style='color: #2e7d32; font-weight: bold; font-size: large'>{safe}</p>")

    def success_box(self, result) -> tuple[QMessageBox, object, object]:
        """The box, its 复制 SHA-256 and its 打开所在文件夹 buttons."""
        box = QMessageBox(QMessageBox.Icon.Information, "报送包已生成", self.success_text(result),
                          QMessageBox.StandardButton.Close, self)
        box.button(QMessageBox.StandardButton.Close).setText("关闭")
        copy = box.addButton("复制 SHA-256(&C)", QMessageBox.ButtonRole.ActionRole)
        folder = box.addButton("打开所在文件夹(&O)", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(box.button(QMessageBox.StandardButton.Close))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A message box sizes itself to its text; a long file name would wrap at every
        # hyphen in a narrow one.
        box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 480px; }")
        return box, copy, folder

    def show_success(self, result, _record) -> None:
        box, copy, folder = self.success_box(result)
        while True:  # a message box closes on any button; copying should not end it
            box.exec()
            clicked = box.clickedButton()
            if clicked is copy:
                QGuiApplication.clipboard().setText(result.sha256)
                copy.setText("已复制 SHA-256(&C)")
                continue
            if clicked is folder:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path.parent)))
            return

    def reject(self) -> None:
        if self.build_job is not None:
            return  # the progress dialog's 取消 stops the build; Esc here does not
        if self.check_job is not None:
            self._check_again = False
            self.check_job.cancel()  # only reads: its answer is no longer wanted
        super().reject()

    # --- opening ---------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.checked_campaign is None and self.check_job is None and not self.findings:
            self.run_check()

    @classmethod
    def ask(cls, parent: QWidget | None, operations: Operations,
            campaign_id: int | None = None,
            edit_problem: Callable[[int, QWidget], Changes] | None = None) -> Changes:
        """Everything written from the dialog is announced as it happens (operations,
        the editors it opens); nothing is left for the caller."""
        if not operations.db.settings.list_campaigns():
            QMessageBox.information(parent, "生成报送包", "还没有专项治理。请先在“设置 → "
                                    "专项治理”中新建，再登记问题和报送。")
            return Changes.none()
        dialog = cls(parent, operations, campaign_id, edit_problem)
        dialog.resize(preferred_size(parent))
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return Changes.none()


def preferred_size(parent: QWidget | None):
    from PySide6.QtCore import QSize

    if parent is None:
        return QSize(820, 640)
    outer = parent.window().size()
    screen = QApplication.primaryScreen()
    height = outer.height() - 40
    if screen is not None:
        height = min(height, screen.availableGeometry().height() - 40)
    return QSize(max(720, min(900, outer.width() - 60)), max(560, min(720, height)))
