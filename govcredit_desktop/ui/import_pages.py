"""The import wizard's four pages: 选择文件, 核对各列, 预览, 完成.

Each page only lays out and shows; the wizard (ui/import_wizard.py) reads the file,
runs the analysis and the import off the GUI thread and moves between the pages.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.ui.import_models import (
    ERRORS_COLUMN,
    ErrorsModel,
    FieldDelegate,
    MappingModel,
    PreviewModel,
)

FILE_FILTER = ("表格文件 (*.xlsx *.xlsm *.xls *.et *.ods *.csv);;"
               "Excel 文件 (*.xlsx *.xlsm *.xls);;WPS 表格 (*.et);;CSV 文件 (*.csv);;所有文件 (*)")
ERROR_STYLE = "color: #b71c1c; background: #ffebee; padding: 6px;"
GOOD_STYLE = "color: #1b5e20; background: #e8f5e9; padding: 6px;"
NOTE_STYLE = "color: #5d4200; background: #fff8e1; padding: 6px;"


def _label(text: str, parent: QWidget, style: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(False)
    return table


class FilePage(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(
            "选择本单位已有的整改台账（Excel、WPS 表格或 CSV 文件）。程序会自己找出表头、"
            "认出各列，下一步请您核对；导入前能看到每一行会怎样处理，确认后才写入台账。",
            self))
        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("尚未选择文件")
        self.path_edit.setAccessibleName("台账文件")
        self.choose_button = QPushButton("选择文件(&O)…", self)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        file_label = QLabel("台账文件(&F)：", self)
        file_label.setBuddy(self.choose_button)
        form.addRow(file_label, row)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setAccessibleName("工作表")
        self.sheet_combo.setMinimumContentsLength(20)
        sheet_label = QLabel("工作表(&S)：", self)
        sheet_label.setBuddy(self.sheet_combo)
        form.addRow(sheet_label, self.sheet_combo)
        self.campaign_combo = QComboBox(self)
        self.campaign_combo.setAccessibleName("导入到专项治理")
        self.campaign_combo.setMinimumContentsLength(20)
        campaign_label = QLabel("导入到专项治理(&C)：", self)
        campaign_label.setBuddy(self.campaign_combo)
        form.addRow(campaign_label, self.campaign_combo)
        layout.addLayout(form)
        self.message = _label("", self)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        layout.addWidget(_label(
            "可以导入的文件：.xlsx、.xls、WPS 的 .et、.ods 和 .csv（UTF-8 或 GB18030 编码）。"
            "有密码的文件请先在 Excel/WPS 中取消密码后另存。", self, "color: #555555;"))
        layout.addStretch(1)

    def say(self, text: str, style: str = ERROR_STYLE) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))


class MappingPage(QWidget):
    def __init__(self, parent: QWidget, fields: dict[str, str]):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.header_label = _label("", self, NOTE_STYLE)
        layout.addWidget(self.header_label)
        self.model = MappingModel(fields, self)
        self.table = _table(self, "各列的对应")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.FIELD_COLUMN,
                                            FieldDelegate(fields, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # F2 or a key opens 导入为's list from the keyboard, one click with the mouse; not
        # on moving there, where the arrow keys would change the field instead of the row.
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.EditKeyPressed | triggers.DoubleClicked
                                   | triggers.SelectedClicked)
        self.table.clicked.connect(self._clicked)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(4, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.status = _label("", self)
        layout.addWidget(self.status)
        layout.addWidget(_label(
            "要改某一列的对应：点“导入为”一格（或用方向键移到那一格按 F2），从列表中选择；"
            "选“不导入”则这一列不进入台账。修改后程序会按新的对应重新核对各行。", self,
            "color: #555555;"))

    def _clicked(self, index) -> None:
        if index.column() == MappingModel.FIELD_COLUMN:
            self.table.edit(index)

    def show_analysis(self, analysis) -> None:
        first, last = analysis.header_rows
        rows = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
        self.header_label.setText(
            f"程序认定工作表“{analysis.sheet}”的{rows}是表头（下表黄色一列是其文字），"
            f"共 {len(analysis.columns)} 列。请核对每一列“导入为”哪一项。")
        self.model.load(analysis)
        self.table.setColumnWidth(1, max(160, self.fontMetrics().horizontalAdvance("问" * 10)))
        self.table.setColumnWidth(3, self.fontMetrics().horizontalAdvance("问" * 9) + 40)
        self.table.resizeRowsToContents()

    def focus_first_field(self) -> None:
        self.table.setFocus()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, MappingModel.FIELD_COLUMN))


class PreviewPage(QWidget):
    def __init__(self, parent: QWidget, fields: dict[str, str]):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = _label("", self)
        self.summary.setStyleSheet("font-weight: bold; padding: 6px;")
        layout.addWidget(self.summary)
        self.skipped = _label("", self, "color: #555555;")
        layout.addWidget(self.skipped)
        self.add_terms_button = QPushButton("把新词加入词表(&A)", self)
        self.add_terms_button.setToolTip("把表格中词表没有的重点领域、问题类型、问题来源加入词表，"
                                         "然后重新核对各行")
        terms_row = QHBoxLayout()
        terms_row.addWidget(self.add_terms_button)
        terms_row.addStretch(1)
        layout.addLayout(terms_row)
        self.errors_only = QCheckBox("只看有错误的行(&E)", self)
        layout.addWidget(self.errors_only)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = PreviewModel(fields, self)
        self.table = _table(splitter, "每一行的预览")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        errors_box = QWidget(splitter)
        errors_layout = QVBoxLayout(errors_box)
        errors_layout.setContentsMargins(0, 0, 0, 0)
        self.errors_label = QLabel("有错误的行(&R)：", errors_box)
        errors_layout.addWidget(self.errors_label)
        self.errors_model = ErrorsModel(self)
        self.errors_table = _table(errors_box, "错误清单")
        self.errors_label.setBuddy(self.errors_table)
        self.errors_table.setModel(self.errors_model)
        self.errors_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.errors_table.horizontalHeader()
        for col in range(3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        errors_layout.addWidget(self.errors_table)
        splitter.addWidget(self.table)
        splitter.addWidget(errors_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.errors_box = errors_box
        layout.addWidget(splitter, 1)
        self.skip_errors = QCheckBox("跳过有错误的行，只导入其余各行(&K)", self)
        layout.addWidget(self.skip_errors)
        self.import_hint = _label("", self)
        layout.addWidget(self.import_hint)
        self.errors_only.toggled.connect(self.model.set_errors_only)
        self.errors_table.clicked.connect(self._go_to_error)
        self.errors_table.activated.connect(self._go_to_error)

    def show_analysis(self, analysis) -> None:
        counts = analysis.counts
        total = len(analysis.rows)
        self.summary.setText(
            f"共读到 {total} 行问题：新增 {counts['add']} 行，更新 {counts['update']} 行，"
            f"不变 {counts['unchanged']} 行，有错误 {counts['error']} 行。")
        self.summary.setStyleSheet("font-weight: bold; padding: 6px; "
                                   + (ERROR_STYLE if counts["error"] else GOOD_STYLE))
        self.skipped.setText(skipped_text(analysis))
        self.skipped.setVisible(bool(self.skipped.text()))
        self.add_terms_button.setVisible(bool(getattr(analysis, "unknown_terms", None)))
        self.model.load(analysis)
        self.errors_model.load(analysis)
        has_errors = bool(counts["error"])
        self.errors_box.setVisible(has_errors)
        self.errors_only.setEnabled(has_errors)
        self.skip_errors.setVisible(has_errors)
        if not has_errors:
            self.errors_only.setChecked(False)
            self.skip_errors.setChecked(False)
        self.errors_label.setText(f"有错误的行(&R)：{len(self.errors_model.errors)} 处错误，"
                                  "点一处可在上面看到那一行")
        hh = self.table.horizontalHeader()
        width = self.fontMetrics().horizontalAdvance("问" * 12)
        for col in range(self.model.columnCount()):
            self.table.setColumnWidth(col, width)
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(1, self.fontMetrics().horizontalAdvance("有错误") + 24)
        self.table.setColumnWidth(ERRORS_COLUMN, width * 2)
        self.table.setColumnHidden(ERRORS_COLUMN, not has_errors)
        hh.setStretchLastSection(True)

    def _go_to_error(self, index) -> None:
        e = self.errors_model.errors[index.row()]
        row = self.model.view_row_of(e.row_number)
        if row is not None:
            self.table.scrollTo(self.model.index(row, 0))
            self.table.selectRow(row)


def skipped_text(analysis) -> str:
    """What the program left out of its own accord, said before anything is written."""
    parts = []
    if analysis.skipped:
        shown = analysis.skipped[:8]
        listed = "、".join(f"第 {n} 行（{why}）" for n, why in shown)
        more = f"等 {len(analysis.skipped)} 行" if len(analysis.skipped) > len(shown) else ""
        parts.append(f"不导入的行：{listed}{more}。")
    if analysis.hidden_columns:
        parts.append("隐藏的列 " + "、".join(analysis.hidden_columns) + " 不导入"
                     "（在上一步可改）。")
    parts.extend(f"{note}。" for note in getattr(analysis, "notes", []) or [])
    unknown = getattr(analysis, "unknown_terms", None)
    if unknown:
        parts.append("词表中没有的词：" + "、".join(v for _k, v in unknown[:10])
                     + ("等" if len(unknown) > 10 else "")
                     + "（这些行暂列为有错误；如确是本单位用的词，点“把新词加入词表”）。")
    return "\n".join(parts)


class ResultPage(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = _label("", self, GOOD_STYLE + " font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.summary)
        self.detail = _label("", self)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_outcome(self, outcome, file_name: str) -> None:
        self.summary.setText(f"导入完成：新增 {outcome.added} 个问题，更新 {outcome.updated} 个，"
                             f"不变 {outcome.unchanged} 个。")
        lines = [f"文件：{file_name}"]
        if outcome.skipped_errors:
            lines.append(f"有错误的 {outcome.skipped_errors} 行已跳过，没有导入；"
                         "在 Excel/WPS 中改正后可再导入这个文件，已导入的不会重复。")
        lines.append("这次各列的对应已记住，下次导入表头相同的文件时会沿用。"
                     "关闭本窗口即可在台账中查看导入的问题。")
        self.detail.setText("\n".join(lines))
