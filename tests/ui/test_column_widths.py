"""Ledger column widths at the screens clerks have (issue 14, item 5): the light right
after 编号, the title taking the spare width on every resize until the user sizes it,
money and dates readable, and no horizontal scrollbar at 1024×700."""

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from govcredit_desktop.ui.ledger_model import COLUMN_KEYS
from govcredit_desktop.ui.main_window import MainWindow


def resize(qtbot, w, width, height):
    w.resize(width, height)
    qtbot.waitUntil(lambda: w.width() == width and w.height() == height)
    QTest.qWait(20)


def visible_order(w):
    hh = w.table.horizontalHeader()
    return [COLUMN_KEYS[hh.logicalIndex(v)] for v in range(hh.count())]


def width_of(w, key):
    return w.table.horizontalHeader().sectionSize(COLUMN_KEYS.index(key))


def assert_fills_without_scrolling(w):
    hh = w.table.horizontalHeader()
    assert w.table.horizontalScrollBar().maximum() == 0  # nothing off screen
    assert hh.length() == w.table.viewport().width()  # and no empty band at the right
    fm = w.table.fontMetrics()
    assert width_of(w, "amount_involved") > fm.horizontalAdvance("99,999,999.99")
    assert width_of(w, "amount_repaid") > fm.horizontalAdvance("99,999,999.99")
    assert width_of(w, "deadline") > fm.horizontalAdvance("2026年12月30日")
    assert width_of(w, "light") > 16 + fm.horizontalAdvance("红灯")
    assert width_of(w, "title") >= 10 * fm.horizontalAdvance("中")
    for key in COLUMN_KEYS:  # every column is on the screen
        rect = w.table.visualRect(w.model.index(0, COLUMN_KEYS.index(key)))
        assert 0 <= rect.left() and rect.right() < w.table.viewport().width(), key


def test_light_comes_right_after_the_number(window):
    assert visible_order(window)[:2] == ["number", "light"]


def test_1024x700_fits_every_column(qtbot, window):
    resize(qtbot, window, 1024, 700)
    assert window.minimumSizeHint().width() <= 1024
    assert_fills_without_scrolling(window)
    window.grab().save("/tmp/i14-widths-1024.png")


def test_1920x1080_gives_the_spare_width_to_the_title(qtbot, window):
    resize(qtbot, window, 1024, 700)
    narrow_title = width_of(window, "title")
    resize(qtbot, window, 1920, 1080)  # maximised: fitted again, not only on the first show
    assert_fills_without_scrolling(window)
    assert width_of(window, "title") > narrow_title + 700
    assert width_of(window, "category") == window._default_widths[COLUMN_KEYS.index("category")]
    window.grab().save("/tmp/i14-widths-1920.png")


def drag_divider(qtbot, w, key, dx):
    """Drag the right edge of a column's header, as the user does with the mouse."""
    hh = w.table.horizontalHeader()
    logical = COLUMN_KEYS.index(key)
    x = hh.sectionViewportPosition(logical) + hh.sectionSize(logical) - 1
    y = hh.height() // 2
    QTest.mousePress(hh.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(x, y))
    QTest.mouseMove(hh.viewport(), QPoint(x + dx // 2, y))
    QTest.mouseMove(hh.viewport(), QPoint(x + dx, y))
    QTest.mouseRelease(hh.viewport(), Qt.LeftButton, Qt.NoModifier, QPoint(x + dx, y))


def test_hand_sized_columns_are_kept_and_remembered(qtbot, demo_db, qsettings):
    w = MainWindow(demo_db, qsettings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    resize(qtbot, w, 1280, 760)
    unit = width_of(w, "responsible_unit")
    drag_divider(qtbot, w, "responsible_unit", 40)
    assert width_of(w, "responsible_unit") == unit + 40
    assert w.table.horizontalHeader().length() == w.table.viewport().width()  # title gave way
    resize(qtbot, w, 1600, 900)
    assert width_of(w, "responsible_unit") == unit + 40
    assert w.table.horizontalHeader().length() == w.table.viewport().width()

    drag_divider(qtbot, w, "title", -100)  # the title by hand: no more fitting
    title = width_of(w, "title")
    resize(qtbot, w, 1700, 900)
    assert width_of(w, "title") == title
    w.close()

    again = MainWindow(demo_db, QSettings())
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert width_of(again, "title") == title
    assert width_of(again, "responsible_unit") == unit + 40
    assert visible_order(again)[:2] == ["number", "light"]
