"""The views of the ledger a clerk starts the day with (issue 14, item 6): 逾期 and
即将到期 one click away, 未销号 in the status filter, and words in an empty table."""

import datetime as _dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from govcredit_desktop.ui.main_window import NO_MATCH_TEXT, MainWindow
from tests.ui.helpers import close_problem, make_db, select_all_and_delete, type_text

TODAY = _dt.date.today()


def _day(days: int) -> str:
    return (TODAY + _dt.timedelta(days=days)).isoformat()


@pytest.fixture
def ledger(tmp_path):
    """Two overdue problems, one due in three days, one far off and one closed."""
    db, campaign_id, _ = make_db(tmp_path / "l.sqlite")
    base = {"campaign_id": campaign_id, "area": "政府采购", "source": "自查自纠",
            "category": "拖欠民营和中小企业账款"}
    ids = {name: db.problems.add({**base, "title": name, "deadline": deadline})
           for name, deadline in (("逾期甲", _day(-10)), ("逾期乙", _day(-1)),
                                  ("将到期", _day(3)), ("远期", _day(200)),
                                  ("已办结", _day(-30)))}
    close_problem(db, ids["已办结"])
    yield db, ids
    db.close()


@pytest.fixture
def window(qtbot, ledger, qsettings):
    w = MainWindow(ledger[0], qsettings)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def titles(w) -> set[str]:
    return {w.model.row_data(r)["title"] for r in range(w.model.rowCount())}


def test_start_up_says_how_many_are_overdue_and_one_click_shows_them(window, qtbot):
    hint = window.overdue_hint
    # The counts come from a worker after the first paint: on a loaded machine, later.
    qtbot.waitUntil(lambda: hint.isVisible(), timeout=5000)
    assert "2 个问题已逾期" in hint.text()
    assert window.overdue_action.text() == "逾期（2）"
    assert window.due_soon_action.text() == "即将到期（1）"
    qtbot.mouseClick(hint, Qt.MouseButton.LeftButton)
    assert titles(window) == {"逾期甲", "逾期乙"}
    qtbot.waitUntil(lambda: not hint.isVisible(), timeout=1000)  # it is the view now


def test_toolbar_presets_overdue_and_due_soon(window, qtbot):
    type_text(window.filter_bar.search, "远期")
    window.filter_bar.search.returnPressed.emit()
    assert titles(window) == {"远期"}
    bar = window.toolbar
    qtbot.mouseClick(bar.widgetForAction(window.due_soon_action), Qt.MouseButton.LeftButton)
    assert titles(window) == {"将到期"}
    assert window.filter_bar.search.text() == ""  # the search would hide some of them
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert titles(window) == {"逾期甲", "逾期乙"}
    assert window.filter_bar.combos["light"].currentData() == "red"


def test_status_filter_offers_all_but_closed(window, qtbot):
    combo = window.filter_bar.combos["status"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText().startswith("未销号")
    assert titles(window) == {"逾期甲", "逾期乙", "将到期", "远期"}


def test_a_search_that_finds_nothing_says_so_in_the_table(window, qtbot):
    type_text(window.filter_bar.search, "没有这个词")
    window.filter_bar.search.returnPressed.emit()
    assert window.model.rowCount() == 0
    assert window.table.empty_message() == NO_MATCH_TEXT
    assert "清除筛选" in NO_MATCH_TEXT
    image = window.table.viewport().grab().toImage()
    background = QColor(image.pixel(2, image.height() - 2))
    words = {image.pixel(x, y) for x in range(image.width()) for y in range(30, 90)}
    assert len(words - {background.rgb()}) > 1  # something is drawn there
    qtbot.mouseClick(window.filter_bar.clear_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 5
    assert window.table.empty_message() == ""


def test_the_status_counts_repaint_the_table_only_when_it_is_empty(window, qtbot):
    """The table painted its rows before the counts came; painting it again when they
    arrive (25-35 ms at 100k) is only for the sentence of an empty table."""
    window.wait_for_counts()
    paints = []
    window.table.painted.connect(lambda: paints.append(1))
    type_text(window.filter_bar.search, "逾期")
    window.filter_bar.search.returnPressed.emit()
    window.table.viewport().repaint()
    paints.clear()
    window.wait_for_counts()
    QApplication.processEvents()
    assert "合计 2 个问题" in window.counts_label.text() and paints == []
    select_all_and_delete(window.filter_bar.search)
    type_text(window.filter_bar.search, "没有这个词")
    window.filter_bar.search.returnPressed.emit()
    window.table.viewport().repaint()
    paints.clear()
    window.wait_for_counts()
    qtbot.waitUntil(lambda: bool(paints), timeout=2000)
    assert window.table.empty_message() == NO_MATCH_TEXT


def test_the_light_filter_offers_undated_and_closed(qtbot, demo_db, qsettings):
    from govcredit_desktop.ui.filter_bar import FilterBar

    bar = FilterBar(demo_db)
    qtbot.addWidget(bar)
    combo = bar.combos["light"]
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "未定时限" in texts and "已销号" in texts
    combo.setFocus()
    for _ in range(texts.index("已销号")):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    closed = demo_db.scalar("SELECT count(*) FROM problem WHERE status = '已销号'")
    from govcredit_desktop.store.queries import ledger
    assert ledger.count(demo_db, bar.current_filter()) == closed > 0
