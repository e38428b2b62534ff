"""The wizard's preview and mapping tables over the intake's own dataclasses: every row,
the 只看有错误的行 filter, colours by action, error cells, and 50,000 rows without a
widget per cell."""

from PySide6.QtCore import Qt

from govcredit_desktop.intake import FIELDS, Analysis, ColumnMap, RowError, RowResult
from govcredit_desktop.ui.import_models import (
    ACTIONS,
    ERROR_CELL,
    MappingModel,
    PreviewModel,
    display,
)
from govcredit_desktop.ui.import_pages import PreviewPage, skipped_text

COLUMNS = [ColumnMap(0, "A", "问题标题", "title", sample=["拖欠工程款"]),
           ColumnMap(1, "B", "涉及金额（万元）", "amount_involved", sample=["12.5"]),
           ColumnMap(2, "C", "整改时限", "deadline", remembered=True, sample=["2026.12.30"]),
           ColumnMap(3, "D", "辅助列", None)]


def analysis(n: int) -> Analysis:
    rows = []
    for i in range(n):
        number = i + 5
        if i % 1000 == 7:
            rows.append(RowResult(number, "error", {"title": f"问题{i}"},
                                  [RowError(number, "C", "整改时限", "“2026年13月45日”不是日期")]))
        else:
            rows.append(RowResult(number, "add" if i % 2 else "update",
                                  {"title": f"问题{i}", "amount_involved": 125000,
                                   "deadline": "2026-12-30"}))
    return Analysis("整改台账", 1, (3, 4), COLUMNS, rows, skipped=[(7, "空行"), (60, "合计行")],
                    hidden_columns=["D"])


def test_preview_of_fifty_thousand_rows_and_the_error_filter(qtbot):
    a = analysis(50_000)
    model = PreviewModel(FIELDS)
    model.load(a)
    assert model.rowCount() == 50_000
    assert model.headers() == ["行号", "处理", "错误", "编号", "问题标题", "涉及金额",
                               "整改时限"]
    assert model.data(model.index(1, 5)) == "1,250.00元"
    assert model.data(model.index(1, 6)) == "2026年12月30日"
    assert model.data(model.index(1, 1)) == "新增"
    fg = model.data(model.index(1, 1), Qt.ItemDataRole.ForegroundRole).color().name()
    assert fg == ACTIONS["add"][1]
    model.set_errors_only(True)
    assert model.rowCount() == 50
    assert model.data(model.index(0, 0)) == "12"
    assert model.data(model.index(0, 1)) == "有错误"
    assert "不是日期" in model.data(model.index(0, 2))
    bg = model.data(model.index(0, 6), Qt.ItemDataRole.BackgroundRole).color().name()
    assert bg == ERROR_CELL[1]
    assert model.data(model.index(0, 5), Qt.ItemDataRole.BackgroundRole) is None


def test_preview_page_says_what_was_skipped(qtbot):
    page = PreviewPage(None, FIELDS)
    qtbot.addWidget(page)
    page.show_analysis(analysis(30))
    assert "第 7 行（空行）" in page.skipped.text() and "第 60 行（合计行）" in page.skipped.text()
    assert "隐藏的列 D" in skipped_text(analysis(1))
    assert "有错误 1 行" in page.summary.text()
    assert page.errors_model.rowCount() == 1
    # A click on an error shows its row above.
    index = page.errors_model.index(0, 0)
    page.show()
    qtbot.mouseClick(page.errors_table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.errors_table.visualRect(index).center())
    assert page.table.selectionModel().selectedRows()[0].row() == 7


def test_mapping_notes_and_duplicates():
    model = MappingModel(FIELDS)
    model.load(analysis(1))
    assert model.note(0) == "按表头文字自动识别"
    assert model.note(2) == "沿用上次导入时的选择"
    assert model.note(3) == "隐藏列，不导入"
    assert model.data(model.index(3, 3)) == "不导入"
    seen = []
    model.mappingChanged.connect(seen.append)
    assert model.setData(model.index(1, 3), "title")
    assert seen[-1][1] == "title" and model.note(1) == "已手动修改"
    assert model.duplicates() == {"title": ["A", "B"]}


def test_display_of_typed_values():
    assert display(["制定还款计划", "分期支付"]) == "1. 制定还款计划；2. 分期支付"
    assert display("2021-12-30") == "2021年12月30日"
    assert display(None) == "" and display(True) == "是"
