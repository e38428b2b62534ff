"""文件 → 从 Excel 导入台账: the wizard over govcredit_desktop.intake.

选择文件 (and sheet, campaign) → 核对各列 (the header found, each column's field, changed
with the mouse or the keyboard; the sheet is analysed again after a change) → 预览 (every
row's action, the errors with row, column and reason, what was skipped) → 导入 (one
transaction; with errors only when 跳过有错误的行 is ticked) → 完成.

Reading the file, every analysis and the import run off the GUI thread with progress and
cancel (ui/operations.py); a cancelled import writes nothing (apply_import is all or
nothing), and the import's Changes reach the ledger through the window's ``changed``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.ui import file_dialogs
from govcredit_desktop.ui.background import run_in_background, show_error
from govcredit_desktop.ui.import_pages import (
    ERROR_STYLE,
    FILE_FILTER,
    GOOD_STYLE,
    FilePage,
    MappingPage,
    PreviewPage,
    ResultPage,
)
from govcredit_desktop.ui.operations import Operations, run_operation

OPEN_LEDGER = "open_ledger_excel"
TITLE = "从 Excel 导入台账"
STEPS = ["① 选择文件", "② 核对各列", "③ 预览并导入", "④ 完成"]
#: A clerk arrowing through 导入为 should not start an analysis per item passed.
REANALYSE_AFTER_MS = 400
IMPORTED_KINDS = (RecordKind.PROBLEM, RecordKind.MEASURE, RecordKind.PROGRESS,
                  RecordKind.PERSON, RecordKind.VOCABULARY)


class ImportWizard(QDialog):
    def __init__(self, parent: QWidget | None, operations: Operations,
                 campaign_id: int | None = None):
        from govcredit_desktop.intake import FIELDS

        super().__init__(parent)
        self.operations = operations
        self.workbook = None
        self.path: Path | None = None
        self.analysis = None
        self.outcome = None
        self.job = None
        self._stale = False
        self._advance = False
        self.setWindowTitle(TITLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        self.steps = QLabel(self)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.steps)
        self.stack = QStackedWidget(self)
        self.file_page = FilePage(self.stack)
        self.mapping_page = MappingPage(self.stack, FIELDS)
        self.preview_page = PreviewPage(self.stack, FIELDS)
        self.result_page = ResultPage(self.stack)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.result_page):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.back_button = QPushButton("< 上一步(&B)", self)
        self.next_button = QPushButton("下一步(&N) >", self)
        self.import_button = QPushButton("导入(&I)", self)
        self.close_button = QPushButton("取消", self)
        for b in (self.back_button, self.next_button, self.import_button, self.close_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        layout.addLayout(buttons)

        self._fill_campaigns(campaign_id)
        self.file_page.choose_button.clicked.connect(self.choose_file)
        self.file_page.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.file_page.campaign_combo.currentIndexChanged.connect(self._sheet_changed)
        self.mapping_page.model.mappingChanged.connect(self._mapping_changed)
        self.preview_page.skip_errors.toggled.connect(self._update_buttons)
        self.preview_page.add_terms_button.clicked.connect(self.add_terms)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REANALYSE_AFTER_MS)
        self._timer.timeout.connect(self.reanalyse)
        self.resize(1000, 640)
        self._show(0)
        self.file_page.choose_button.setFocus()

    # --- pages ------------------------------------------------------------------------
    def _fill_campaigns(self, campaign_id: int | None) -> None:
        combo = self.file_page.campaign_combo
        for c in self.operations.db.settings.list_campaigns():
            combo.addItem(c["name"], c["id"])
        i = combo.findData(campaign_id)
        combo.setCurrentIndex(i if i >= 0 else 0)
        if not combo.count():
            self.file_page.say("还没有专项治理：请先在“设置 → 专项治理”中建立本次专项治理，"
                               "再导入台账。")

    def page(self) -> int:
        return self.stack.currentIndex()

    def _show(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        self.steps.setText("　→　".join(
            f"<b style='color:#0d47a1'>{s}</b>" if i == page else
            f"<span style='color:#777777'>{s}</span>" for i, s in enumerate(STEPS)))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        page = self.page()
        busy = self.job is not None
        self.back_button.setVisible(page in (1, 2))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(page in (0, 1))
        ready = (self.workbook is not None and self.file_page.campaign_combo.count() > 0)
        self.next_button.setEnabled(not busy and ready and
                                    (page == 0 or self.analysis is not None))
        self.import_button.setVisible(page == 2)
        self.preview_page.add_terms_button.setEnabled(not busy)
        self.close_button.setText("关闭" if page == 3 else "取消")
        if page == 2 and self.analysis is not None:
            counts = self.analysis.counts
            hint, style = "", ERROR_STYLE
            if counts["error"] and not self.preview_page.skip_errors.isChecked():
                hint = (f"有 {counts['error']} 行有错误，不能导入：请在 Excel/WPS 中改正后重新"
                        "选择文件，或勾选上面的“跳过有错误的行”只导入其余各行。")
            elif not (counts["add"] or counts["update"]):
                hint = "没有需要新增或更新的问题：台账已与这个文件一致。"
            elif self.operations.db.read_only:
                hint = "数据库以只读方式打开，不能导入。"
            else:
                style = GOOD_STYLE
                hint = (f"点“导入”将新增 {counts['add']} 个问题、更新 {counts['update']} 个"
                        + (f"，跳过 {counts['error']} 行有错误的行" if counts["error"] else "")
                        + "。全部成功才写入，中途取消则台账不变。")
            self.preview_page.import_hint.setText(hint)
            self.preview_page.import_hint.setStyleSheet(style)
            self.import_button.setEnabled(not busy and style == GOOD_STYLE)
            if self.import_button.isEnabled():
                self.import_button.setDefault(True)
        else:
            self.import_button.setEnabled(False)
        if page in (0, 1):
            self.next_button.setDefault(self.next_button.isEnabled())
        if page == 3:
            self.close_button.setDefault(True)

    def back(self) -> None:
        if self.job is None and self.page() in (1, 2):
            self._show(self.page() - 1)

    def next(self) -> None:
        if self.job is not None or not self.next_button.isEnabled():
            return
        if self.page() == 0:
            if self.analysis is not None:  # back from 核对各列, same file: keep the choices
                self._show(1)
                return
            self._advance = True
            self.analyse(mapping=None)
        elif self.page() == 1:
            if self._timer.isActive() or self._stale:
                self._timer.stop()
                self._advance = True
                self.reanalyse()
            else:
                self._to_preview()

    def _to_preview(self) -> None:
        self.preview_page.show_analysis(self.analysis)
        self._show(2)
        self.preview_page.table.setFocus()

    # --- the file --------------------------------------------------------------------------
    def choose_file(self) -> None:
        name = file_dialogs.open_file(self, OPEN_LEDGER, "选择要导入的台账文件", FILE_FILTER)
        if name:
            self.open(Path(name))

    def open(self, path: Path) -> None:
        from govcredit_desktop.intake import open_workbook

        self.workbook = None
        self.analysis = None
        self.file_page.sheet_combo.clear()
        self.file_page.path_edit.setText(str(path))
        self.file_page.say("")

        def opened(workbook) -> None:
            self.job = None
            self.workbook, self.path = workbook, path
            combo = self.file_page.sheet_combo
            combo.addItems(workbook.sheet_names)
            combo.setCurrentIndex(max(combo.findText(workbook.default_sheet), 0))
            self.file_page.say(f"已读取“{path.name}”，共 {len(workbook.sheet_names)} 个工作表。"
                               "请确认工作表和专项治理，然后点“下一步”。", GOOD_STYLE)
            self._update_buttons()
            self.next_button.setFocus()

        def failed(exc: BaseException) -> None:
            self.job = None
            self.file_page.say(str(exc))
            self._update_buttons()
            show_error(self, TITLE, exc)

        def stopped() -> None:
            self.job = None
            self.file_page.say("已取消读取文件。")
            self._update_buttons()

        self.job = run_in_background(self, lambda _p, _c: open_workbook(path), title=TITLE,
                                     label=f"正在读取“{path.name}”……", on_success=opened,
                                     on_failure=failed, on_cancelled=stopped)
        self._update_buttons()

    def _sheet_changed(self, *_args) -> None:
        self.analysis = None
        self.mapping_page.model.changed_by_hand.clear()
        self._update_buttons()

    # --- the analysis ----------------------------------------------------------------------
    def _mapping_changed(self, _mapping) -> None:
        self._stale = True
        self.mapping_page.status.setText("正在按新的对应重新核对各行……")
        self._timer.start()

    def reanalyse(self) -> None:
        if self.job is not None:
            self._stale = True  # run again when the one running ends
            return
        self.analyse(mapping=self.mapping_page.model.mapping())

    def analyse(self, mapping: dict | None) -> None:
        from govcredit_desktop.intake import analyse

        workbook = self.workbook
        sheet = self.file_page.sheet_combo.currentText()
        campaign_id = self.file_page.campaign_combo.currentData()
        self._stale = False
        result: list = []

        def work(db, progress, cancelled) -> Changes:
            result.append(analyse(db, workbook, sheet, campaign_id, mapping=mapping,
                                  progress=progress, cancelled=cancelled))
            return Changes.none()

        def done(_changes) -> None:
            self.job = None
            self.analysis = result[0]
            if mapping is None:
                self.mapping_page.model.changed_by_hand.clear()
                self.mapping_page.show_analysis(self.analysis)
            else:
                self.mapping_page.model.load(self.analysis)
            self._say_counts()
            if self._stale:
                self.reanalyse()
                return
            advance, self._advance = self._advance, False
            if advance and self.page() == 0:
                self._show(1)
                self.mapping_page.focus_first_field()
            elif advance and self.page() == 1:
                self._to_preview()
            elif self.page() == 2:
                self._to_preview()
            else:
                self._update_buttons()

        def failed(exc: BaseException) -> None:
            self.job = None
            self._advance = False
            self.analysis = None
            where = self.file_page if self.page() == 0 else None
            if where is not None:
                where.say(str(exc))
            else:
                self.mapping_page.status.setText(str(exc))
                self.mapping_page.status.setStyleSheet(ERROR_STYLE)
            self._update_buttons()
            show_error(self, TITLE, exc)

        def stopped() -> None:
            self.job = None
            self._advance = False
            if self.page() == 0:
                self.file_page.say("已取消核对，台账没有改动。可以重新点“下一步”。",
                                   ERROR_STYLE)
            if self.page() == 1:
                self.analysis = None  # the rows no longer follow the mapping shown
                self.mapping_page.status.setText("已取消核对。点“下一步”重新核对各行。")
                self._stale = True
            self._update_buttons()

        self.job = run_operation(self, work, operations=self.operations, title=TITLE,
                                 label=f"正在核对工作表“{sheet}”的各行……", on_success=done,
                                 on_failure=failed, on_cancelled=stopped)
        self._update_buttons()

    def _say_counts(self) -> None:
        counts = self.analysis.counts
        text = (f"按现在的对应：新增 {counts['add']} 行，更新 {counts['update']} 行，"
                f"不变 {counts['unchanged']} 行，有错误 {counts['error']} 行。")
        dupes = self.mapping_page.model.duplicates()
        if dupes:
            text += "注意：" + "；".join(
                f"{'、'.join(letters)} 列都导入为“{self.mapping_page.model.field_label(f)}”"
                for f, letters in dupes.items()) + "。"
        self.mapping_page.status.setText(text)
        self.mapping_page.status.setStyleSheet(ERROR_STYLE if counts["error"] or dupes
                                               else GOOD_STYLE)

    def add_terms(self) -> None:
        """The unknown areas/categories/sources into the vocabularies, then the rows again."""
        if self.job is not None or self.analysis is None:
            return
        from govcredit_desktop.intake import add_unknown_terms

        analysis = self.analysis

        def work(db, _progress, _cancelled) -> Changes:
            added = add_unknown_terms(db, analysis)
            return Changes.of(RecordKind.VOCABULARY) if added else Changes.none()

        def done(_changes) -> None:
            self.job = None
            self.analyse(mapping=self.mapping_page.model.mapping())

        def ended(*_args) -> None:
            self.job = None
            self._update_buttons()

        self.job = run_operation(self, work, operations=self.operations, title=TITLE,
                                 label="正在把新词加入词表……", on_success=done,
                                 on_failure=lambda exc: (ended(), show_error(self, TITLE, exc)),
                                 on_cancelled=ended)
        self._update_buttons()

    # --- the import ------------------------------------------------------------------------
    def start_import(self) -> None:
        if self.job is not None or not self.import_button.isEnabled():
            return
        from govcredit_desktop.intake import apply_import, remember_mapping

        analysis = self.analysis
        skip = self.preview_page.skip_errors.isChecked()
        result: list = []

        def work(db, progress, cancelled) -> Changes:
            outcome = apply_import(db, analysis, skip_error_rows=skip, progress=progress,
                                   cancelled=cancelled)
            # Written and committed: a cancel pressed now comes too late to undo it.
            result.append(outcome)
            remember_mapping(db, analysis)
            return Changes.some(*IMPORTED_KINDS)

        def done(_changes) -> None:
            self.job = None
            self.outcome = result[0]
            self.result_page.show_outcome(self.outcome, self.path.name if self.path else "")
            self._show(3)
            self.close_button.setFocus()

        def failed(exc: BaseException) -> None:
            self.job = None
            self.preview_page.import_hint.setText("导入未完成，台账没有改动：" + str(exc))
            self.preview_page.import_hint.setStyleSheet(ERROR_STYLE)
            self._update_buttons()
            show_error(self, TITLE, exc)

        def stopped() -> None:
            if result:  # it had finished when 取消 was pressed
                done(None)
                return
            self.job = None
            self._update_buttons()
            self.preview_page.import_hint.setText("已取消导入，台账没有任何改动。")
            self.preview_page.import_hint.setStyleSheet(ERROR_STYLE)

        self.job = run_operation(self, work, operations=self.operations, title=TITLE,
                                 label="正在导入台账……", on_success=done, on_failure=failed,
                                 on_cancelled=stopped)
        self._update_buttons()

    def reject(self) -> None:
        if self.job is not None:
            self.job.cancel()
            return
        super().reject()

    @classmethod
    def ask(cls, parent: QWidget | None, operations: Operations,
            campaign_id: int | None = None):
        """The ImportOutcome when something was imported, else None; the ledger hears of
        it through ``operations.changed``."""
        wizard = cls(parent, operations, campaign_id)
        wizard.exec()
        return wizard.outcome
