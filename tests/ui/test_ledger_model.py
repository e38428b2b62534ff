"""The SQL-backed ledger model: counts, pages, display roles, sorting."""

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui import ledger_model
from govcredit_desktop.ui.ledger_model import COLUMN_KEYS, ID_ROLE, LIGHT_ROLE, LedgerModel

DISPLAY = Qt.ItemDataRole.DisplayRole


def _ids(model):
    return [model.problem_id(r) for r in range(model.rowCount())]


def _cell(model, row, key, role=DISPLAY):
    return model.data(model.index(row, COLUMN_KEYS.index(key)), role)


def test_row_count_comes_from_sql_and_follows_the_filter(qapp, demo_db):
    model = LedgerModel(demo_db)
    assert model.rowCount() == demo_db.scalar("SELECT count(*) FROM problem") == 60
    assert model.columnCount() == 12
    model.set_filter(lq.LedgerFilter(status=ProblemStatus.CLOSED))
    closed = demo_db.scalar("SELECT count(*) FROM problem WHERE status = ?",
                            (ProblemStatus.CLOSED,))
    assert 0 < closed < 60
    assert model.rowCount() == closed
    assert {_cell(model, r, "status") for r in range(model.rowCount())} == {ProblemStatus.CLOSED}


def test_pages_are_read_on_demand_and_only_a_few_are_kept(qapp, demo_db, monkeypatch):
    monkeypatch.setattr(ledger_model, "PAGE_SIZE", 7)
    monkeypatch.setattr(ledger_model, "MAX_PAGES", 2)
    calls = []
    real = lq.page_ids
    monkeypatch.setattr(lq, "page_ids", lambda *a, **k: calls.append(k["offset"]) or real(*a, **k))
    model = LedgerModel(demo_db)
    assert calls == []  # nothing read until a row is asked for
    expected = real(demo_db, model.ledger_filter, "number", False, 0, 1000)
    assert _ids(model) == expected
    assert calls == list(range(0, 60, 7))
    assert len(model._pages) == 2


def test_headers_and_display_formats(qapp, demo_db):
    model = LedgerModel(demo_db)
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(12)]
    assert headers == ["编号", "领域", "问题类型", "问题标题", "责任单位", "责任人", "整改时限",
                       "状态", "进度", "预警灯", "涉及金额", "已清偿"]
    pid = demo_db.scalar(
        "SELECT id FROM problem WHERE amount_involved > 0 AND deadline IS NOT NULL"
        " AND status != '已销号' LIMIT 1")
    demo_db.problems.update(pid, {"amount_involved": 123456789, "amount_repaid": 5,
                                    "deadline": "2031-12-30"})
    model.refresh()
    row = next(r for r in range(model.rowCount()) if model.problem_id(r) == pid)
    assert _cell(model, row, "amount_involved") == "1,234,567.89"
    assert _cell(model, row, "amount_repaid") == "0.05"
    align = _cell(model, row, "amount_involved", Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    assert _cell(model, row, "deadline") == "2031年12月30日"
    p = demo_db.problems.get(pid)
    done, total = p["measures_done"], p["measures_total"]
    assert _cell(model, row, "progress") == f"{done}/{total} 项措施"
    title = demo_db.problems.get(pid)["title"]
    assert title in _cell(model, row, "title", Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, row, "number", ID_ROLE) == pid


def test_overdue_problem_shows_a_red_light(qapp, demo_db):
    model = LedgerModel(demo_db)
    overdue = demo_db.scalar(
        "SELECT id FROM problem WHERE status IN (?, ?) AND deadline < ? LIMIT 1",
        (ProblemStatus.OPEN, ProblemStatus.IN_PROGRESS, _dt.date.today().isoformat()))
    row = next(r for r in range(model.rowCount()) if model.problem_id(r) == overdue)
    assert _cell(model, row, "light") == "红灯"
    assert _cell(model, row, "light", LIGHT_ROLE) == "red"
    assert "逾期" in _cell(model, row, "light", Qt.ItemDataRole.ToolTipRole)
    icon = _cell(model, row, "light", Qt.ItemDataRole.DecorationRole)
    color = QColor(icon.pixmap(14, 14).toImage().pixel(7, 7))
    assert color.red() > 180 and color.green() < 90 and color.blue() < 90


def test_undated_and_closed_problems_show_no_green_light(qapp, demo_db):
    """Issue 14: no deadline shows 未定时限 and a closed problem 已销号, never 绿灯."""
    closed = demo_db.scalar("SELECT id FROM problem WHERE status = ? LIMIT 1",
                            (ProblemStatus.CLOSED,))
    undated = demo_db.scalar("SELECT id FROM problem WHERE status = ? LIMIT 1",
                             (ProblemStatus.IN_PROGRESS,))
    demo_db.problems.update(undated, {"deadline": None})
    model = LedgerModel(demo_db)
    rows = {model.problem_id(r): r for r in range(model.rowCount())}
    tip = Qt.ItemDataRole.ToolTipRole
    assert _cell(model, rows[undated], "light") == "未定时限"
    assert _cell(model, rows[undated], "light", LIGHT_ROLE) == "undated"
    assert _cell(model, rows[undated], "light", tip) == "未定时限：尚未填写整改时限"
    assert _cell(model, rows[closed], "light") == "已销号"
    assert _cell(model, rows[closed], "light", LIGHT_ROLE) == "closed"
    assert "绿灯" not in _cell(model, rows[closed], "light", tip)
    green = QColor("#2e9d4f").rgb()
    for pid in (undated, closed):
        icon = _cell(model, rows[pid], "light", Qt.ItemDataRole.DecorationRole)
        assert QColor(icon.pixmap(14, 14).toImage().pixel(7, 7)).rgb() != green


def test_sort_uses_sql_order_both_ways(qapp, demo_db):
    model = LedgerModel(demo_db)
    col = COLUMN_KEYS.index("deadline")
    model.sort(col, Qt.SortOrder.AscendingOrder)
    dates = [model.row_data(r)["deadline"] for r in range(model.rowCount())]
    assert dates == sorted(dates)
    model.sort(col, Qt.SortOrder.DescendingOrder)
    dates = [model.row_data(r)["deadline"] for r in range(model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert (model.sort_key, model.descending) == ("deadline", True)


def test_row_of_finds_a_problem_in_pages_read(qapp, demo_db):
    model = LedgerModel(demo_db)
    pid = model.problem_id(10)
    assert model.row_of(pid) == 10
    model.refresh()
    assert model.row_of(pid) is None  # no query: the cache was emptied


def _spy(model):
    seen = {"resets": 0, "rows": set()}
    model.modelReset.connect(lambda: seen.__setitem__("resets", seen["resets"] + 1))
    model.dataChanged.connect(
        lambda top, bottom, *_: seen["rows"].update(range(top.row(), bottom.row() + 1)))
    return seen


def test_an_edit_that_keeps_the_order_updates_its_row_in_place(qapp, demo_db):
    model = LedgerModel(demo_db, lq.LedgerFilter(status=ProblemStatus.OPEN))
    pid = model.problem_id(5)
    seen = _spy(model)
    demo_db.problems.update(pid, {"responsible_unit": "县住建局"})
    model.apply_changes(Changes.of(RecordKind.PROBLEM, pid))
    assert seen == {"resets": 0, "rows": {5}}
    assert _cell(model, 5, "responsible_unit") == "县住建局"


def test_an_edit_that_moves_a_row_rereads_the_ledger(qapp, demo_db):
    model = LedgerModel(demo_db, lq.LedgerFilter(status=ProblemStatus.OPEN))
    model.sort(COLUMN_KEYS.index("title"))
    pid = model.problem_id(0)
    seen = _spy(model)
    demo_db.problems.update(pid, {"title": "龥" * 3})  # sorts last
    model.apply_changes(Changes.of(RecordKind.PROBLEM, pid))
    assert seen["resets"] == 1
    assert model.problem_id(model.rowCount() - 1) == pid


def test_changes_the_ledger_does_not_show_are_ignored_and_wide_ones_reread(qapp, demo_db):
    model = LedgerModel(demo_db)
    seen = _spy(model)
    model.apply_changes(Changes.of(RecordKind.EVIDENCE, 1) | Changes.of(RecordKind.DEPARTMENT))
    assert seen == {"resets": 0, "rows": set()}
    model.apply_changes(Changes.of(RecordKind.PERSON, 1))
    assert seen["resets"] == 1
    # A measure without its problem: which row is not known.
    model.apply_changes(Changes.of(RecordKind.MEASURE, 1))
    assert seen["resets"] == 2
