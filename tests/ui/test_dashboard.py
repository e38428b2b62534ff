"""The 统计 tab and the 提醒 bar driven as a user would: tab clicks, mouse clicks on the
charts' bars and slices, clicks and Enter in the reminder list.

Screenshots of both at 1024×700 and 1920×1080 go to /work/notes/dashboard/ when that
folder exists (the developer's notes; CI has none)."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries import reminders as rq
from govcredit_desktop.store.queries.summary import campaign_summary
from tests.ui.helpers import answer_modal, press, select_all_and_delete

NOTES = Path("/work/notes/dashboard")
SIZES = [(1024, 700), (1920, 1080)]


@pytest.fixture
def win(qtbot, demo_db, qsettings):
    from govcredit_desktop.ui.main_window import MainWindow

    w = MainWindow(demo_db, qsettings)
    qtbot.addWidget(w)
    yield w
    w.department_page.wait()


def _open(qtbot, w, size):
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.wait_for_counts()
    panel = w.department_page.reminders
    qtbot.waitUntil(lambda: panel.due is not None, timeout=10_000)
    panel.wait()


def _click_tab(qtbot, w, index: int) -> None:
    bar = w.department_page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def _dashboard(qtbot, w):
    _click_tab(qtbot, w, 1)
    d = w.department_page.dashboard
    assert d is not None and d.isVisible()
    d.wait()
    QApplication.processEvents()
    return d


def _click(qtbot, view, point) -> None:
    assert view.viewport().rect().contains(point), (point, view.viewport().rect())
    view.ensurePolished()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def _choose_by_keys(combo, value) -> None:
    """Arrow keys on the combo, as a clerk picks an entry, until ``value`` is chosen."""
    combo.setFocus()
    index = combo.findData(value)
    assert index > 0
    for _ in range(combo.count()):
        if combo.currentIndex() == index:
            return
        press(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)
    raise AssertionError(f"could not reach {value!r}")


def _shown_count(w) -> int:
    return w.model.rowCount()


def _combo_data(w, name):
    return w.filter_bar.combos[name].currentData()


@pytest.mark.parametrize("size", SIZES, ids=["1024", "1920"])
def test_clicking_a_bar_filters_the_ledger(qtbot, win, demo_db, size):
    _open(qtbot, win, size)
    d = _dashboard(qtbot, win)
    campaign = demo_db.settings.latest_campaign()["id"]
    s = campaign_summary(demo_db, campaign, dt.date.today(), dashboard=True)
    assert d.summary.total == s.total
    assert d.cards["closure"].text().count(s.total.closure_rate) == 1
    assert s.total.completion_rate in d.cards["completion"].text()
    # The 逾期 bar of the first area that has any, in the view as it is drawn.
    areas = [g for g in s.by_area if g.count]
    i = next(i for i, g in enumerate(areas) if g.overdue)
    view = d.area_chart
    d.scroll.ensureWidgetVisible(view)
    QApplication.processEvents()
    _click(qtbot, view, view.bar_point(2, i))
    qtbot.waitUntil(lambda: win.department_page.tabs.currentIndex() == 0)
    assert _combo_data(win, "area") == areas[i].name
    assert _combo_data(win, "light") == "red"
    assert _combo_data(win, "category") is None
    qtbot.waitUntil(lambda: _shown_count(win) == areas[i].overdue)
    win.wait_for_counts()
    assert win.counts_label.text().startswith(f"合计 {areas[i].overdue} 个问题")
    # Back to the dashboard: a category's 问题数 bar.
    d = _dashboard(qtbot, win)
    cats = [g for g in s.by_category if g.count]
    view = d.category_chart
    d.scroll.ensureWidgetVisible(view)
    QApplication.processEvents()
    _click(qtbot, view, view.bar_point(0, 0))
    qtbot.waitUntil(lambda: win.department_page.tabs.currentIndex() == 0)
    assert (_combo_data(win, "category"), _combo_data(win, "area"),
            _combo_data(win, "light")) == (cats[0].name, None, None)
    qtbot.waitUntil(lambda: _shown_count(win) == cats[0].count)


def test_clicking_a_slice_filters_the_ledger(qtbot, win, demo_db):
    _open(qtbot, win, (1024, 700))
    d = _dashboard(qtbot, win)
    t = d.summary.total
    view = d.status_chart
    labels = [p.label() for p in view.pie.slices()]
    assert labels[0].startswith(f"已销号 {t.closed}")
    _click(qtbot, view, view.slice_point(0))
    qtbot.waitUntil(lambda: win.department_page.tabs.currentIndex() == 0)
    assert _combo_data(win, "status") == ProblemStatus.CLOSED
    qtbot.waitUntil(lambda: _shown_count(win) == t.closed)
    d = _dashboard(qtbot, win)
    k = next(i for i, text in enumerate(labels) if text.startswith("已整改待销号"))
    _click(qtbot, d.status_chart, d.status_chart.slice_point(k))
    qtbot.waitUntil(lambda: win.department_page.tabs.currentIndex() == 0)
    assert _combo_data(win, "light") == "rectified"
    qtbot.waitUntil(lambda: _shown_count(win) == t.rectified - t.closed)


def test_a_month_bar_and_a_unit_bar(qtbot, win, demo_db):
    _open(qtbot, win, (1920, 1080))
    d = _dashboard(qtbot, win)
    s = d.summary
    view = d.unit_chart
    d.scroll.ensureWidgetVisible(view)
    QApplication.processEvents()
    named = [g for g in s.by_unit if g.name][:12]
    i = next(i for i, g in enumerate(s.by_unit[:12]) if g.name and g.closed)
    _click(qtbot, view, view.bar_point(1, i))
    qtbot.waitUntil(lambda: win.department_page.tabs.currentIndex() == 0)
    assert (_combo_data(win, "responsible_unit"), _combo_data(win, "status")) == (
        s.by_unit[i].name, ProblemStatus.CLOSED)
    qtbot.waitUntil(lambda: _shown_count(win) == s.by_unit[i].closed)
    assert named
    d = _dashboard(qtbot, win)
    view = d.timeline_chart
    d.scroll.ensureWidgetVisible(view)
    QApplication.processEvents()
    shown = s.closures_by_month[-18:]  # the bars the timeline draws
    month = max(range(len(shown)), key=lambda i: shown[i][1])  # a month with some
    key, n = shown[month]
    assert 0 < n < s.total.closed
    _click(qtbot, view, view.bar_point(0, month))
    qtbot.waitUntil(lambda: win.department_page.tabs.currentIndex() == 0)
    assert _combo_data(win, "status") == ProblemStatus.CLOSED
    # 已销号 in that month only: the rows are those SQL finds by 销号日期.
    year, m = key.split("-")
    chip = win.filter_bar.month_chip
    assert chip.isVisible() and chip.text() == f"{year}年{int(m)}月销号 ✕"
    qtbot.waitUntil(lambda: _shown_count(win) == n)
    want = set(demo_db.column(
        "SELECT id FROM problem WHERE campaign_id = ? AND status = '已销号'"
        " AND substr(closed_date, 1, 7) = ?", (s.campaign_id, key)))
    assert {win.model.problem_id(r) for r in range(_shown_count(win))} == want
    win.wait_for_counts()
    assert win.counts_label.text().startswith(f"合计 {n} 个问题")
    assert f"已销号 {n}" in win.counts_label.text()
    if NOTES.is_dir():
        win.grab().save(str(NOTES / "ledger_closed_month_1920.png"))
    # The chip, clicked, drops the month: every 已销号 again.
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert not chip.isVisible() and win.filter_bar.current_filter().closed_month is None
    qtbot.waitUntil(lambda: _shown_count(win) == s.total.closed)


def test_dashboard_follows_the_ledgers_campaign_and_edits(qtbot, win, demo_db):
    _open(qtbot, win, (1024, 700))
    d = _dashboard(qtbot, win)
    first = demo_db.settings.latest_campaign()
    assert first["name"] in d.heading.text()
    other = demo_db.settings.add_campaign({"name": "2027年专项治理", "start_date": "2027-01-01"})
    win.announce(Changes.of(RecordKind.CAMPAIGN, other))
    _click_tab(qtbot, win, 0)
    combo = win.filter_bar.combos["campaign_id"]
    _choose_by_keys(combo, other)
    d = _dashboard(qtbot, win)
    assert "2027年专项治理" in d.heading.text()
    assert "还没有登记问题" in d.empty_label.text() and d.empty_label.isVisible()
    assert not d.area_chart.isVisible()
    # Back to the first campaign, then a problem closed elsewhere re-reads the figures.
    _click_tab(qtbot, win, 0)
    _choose_by_keys(combo, first["id"])
    d = _dashboard(qtbot, win)
    before = d.summary.total.closed
    pid = demo_db.query("SELECT id FROM problem WHERE status = ? LIMIT 1",
                        (ProblemStatus.CLOSED,))[0]["id"]
    demo_db.problems.reopen(pid, "复核发现佐证材料不全")
    win.announce(Changes.of(RecordKind.PROBLEM, pid))
    d.wait()
    assert d.summary.total.closed == before - 1


def test_reminders_list_what_is_due_and_open_it(qtbot, win, demo_db, msgbox):
    _open(qtbot, win, (1024, 700))
    panel = win.department_page.reminders
    assert panel.isVisible()
    due = rq.reminders(demo_db, dt.date.today(), demo_db.settings.warning_days())
    assert panel.list.count() == len(due.items) > 0
    assert f"问题 {due.totals[rq.PROBLEM]} 个" in panel.heading.text()
    # A problem's line: clicked, the problem editor opens on that problem.
    row = next(i for i, r in enumerate(due.items) if r.kind == rq.PROBLEM)
    item = panel.list.item(row)
    panel.list.scrollToItem(item)
    opened = []

    def close_editor(dialog):
        opened.append((type(dialog).__name__, dialog.problem_id))
        dialog.reject()

    answer_modal(close_editor)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == [("ProblemEditor", due.items[row].problem_id)]
    # A measure's line, by keyboard: Down to it, Enter opens its problem.
    row = next(i for i, r in enumerate(due.items) if r.kind == rq.MEASURE)
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    for _ in range(row):
        press(panel.list, Qt.Key.Key_Down)
    answer_modal(close_editor)
    press(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened[1] == ("ProblemEditor", due.items[row].problem_id)
    # Esc closes the bar; 查看 → 提醒 (Ctrl+4) brings it back.
    press(panel.list, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    win.activateWindow()  # a shortcut needs the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    QTest.keyClick(win.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    panel.wait()
    assert panel.isVisible() and panel.list.count() == len(due.items)


def test_warning_days_move_the_yellow_light_and_the_reminders(qtbot, win, demo_db):
    _open(qtbot, win, (1024, 700))
    panel = win.department_page.reminders
    before = panel.due.totals[rq.PROBLEM]

    def set_30(dialog):
        from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

        spin = dialog.findChild(QSpinBox)
        editor = spin.lineEdit()
        select_all_and_delete(editor)
        for ch in "30":
            QTest.keyClick(editor, ch)
        assert spin.text() == "30"
        # A click on 确定 (offscreen the dialog is not the active window, so Enter would
        # go to the ledger's shortcut).
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    answer_modal(set_30)
    win.department_page.warning_days_action.trigger()
    assert demo_db.settings.warning_days() == 30
    panel.wait()
    assert panel.due.warning_days == 30 and panel.due.totals[rq.PROBLEM] > before
    assert win.model.ledger_filter.warning_days == 30
    yellow = lq.count(demo_db, lq.LedgerFilter(light="yellow", warning_days=30))
    win.overdue_action.trigger()
    win.filter_bar.show_preset("yellow")
    qtbot.waitUntil(lambda: win.model.rowCount() == yellow)


def test_county_window_has_no_dashboard_or_reminders(qtbot, county, qsettings):
    from govcredit_desktop.ui.main_window import MainWindow

    w = MainWindow(county, qsettings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert not w.department_page.reminders.isVisible()
    assert not w.department_page.dashboard_action.isVisible()
    assert w.department_page.dashboard is None


def test_money_bars_say_their_amounts_as_the_program_does(qtbot, make_demo_db, qsettings):
    """涉及金额 vs 已偿还: each bar carries its amount in 万元 with thousands separators,
    from integer fen (format_wan), at the end of its bar; a click still filters."""
    import re

    from govcredit_desktop.core.money import format_wan
    from govcredit_desktop.ui.main_window import MainWindow

    db = make_demo_db(300, seed=2021)
    w = MainWindow(db, qsettings)
    qtbot.addWidget(w)
    _open(qtbot, w, (1920, 1080))
    d = _dashboard(qtbot, w)
    view = d.money_chart
    d.scroll.ensureWidgetVisible(view)
    QApplication.processEvents()
    groups = [g for g in d.summary.by_category if g.amount_involved]
    assert groups and any(g.amount_involved >= 1_000_000_000 for g in groups)  # ≥ 1,000万元
    for i, g in enumerate(groups):
        for set_index, fen in ((0, g.amount_involved), (1, g.amount_repaid)):
            text = view.label_text(set_index, i)
            assert text == f"{format_wan(fen)}万元"
            assert re.fullmatch(r"\d{1,3}(,\d{3})*\.\d{2}万元", text), text
    big = next(i for i, g in enumerate(groups) if g.amount_involved >= 1_000_000_000)
    assert "," in view.label_text(0, big)
    # Each figure starts just after its bar and lies inside the chart.
    for item, set_index, category, _text in view.value_labels:
        bar = view.bar_point(set_index, category)
        pos = view.mapFromScene(item.pos())
        assert pos.x() > bar.x() and abs(pos.y() + item.boundingRect().height() / 2
                                         - bar.y()) < 6
        assert view.viewport().rect().contains(
            view.mapFromScene(item.sceneBoundingRect()).boundingRect())
    w.grab().save(str(NOTES / "dashboard_money_1920.png")) if NOTES.is_dir() else None
    _click(qtbot, view, view.bar_point(0, big))
    qtbot.waitUntil(lambda: w.department_page.tabs.currentIndex() == 0)
    assert _combo_data(w, "category") == groups[big].name
    w.department_page.wait()


@pytest.mark.skipif(not NOTES.is_dir(), reason="screenshots only on the developer's machine")
@pytest.mark.parametrize("size", SIZES, ids=["1024", "1920"])
def test_screenshots(qtbot, make_demo_db, qsettings, size):
    from govcredit_desktop.ui.main_window import MainWindow

    db = make_demo_db(300, seed=2021)
    w = MainWindow(db, qsettings)
    qtbot.addWidget(w)
    _open(qtbot, w, size)
    w.grab().save(str(NOTES / f"ledger_reminders_{size[0]}.png"))
    d = _dashboard(qtbot, w)
    assert d.summary.total.count == 300
    w.grab().save(str(NOTES / f"dashboard_{size[0]}.png"))
    d.scroll.verticalScrollBar().setValue(d.scroll.verticalScrollBar().maximum())
    QApplication.processEvents()
    w.grab().save(str(NOTES / f"dashboard_{size[0]}_scrolled.png"))
    w.department_page.wait()


def test_a_complaint_line_opens_the_complaint(qtbot, win, demo_db):
    received = (dt.date.today() - dt.timedelta(days=40)).isoformat()
    cid = demo_db.complaints.add({"channel": "12345热线", "received_date": received,
                                  "content": "反映县住建局拖欠工程款", "handling_unit": "县住建局"})
    _open(qtbot, win, (1024, 700))
    panel = win.department_page.reminders
    row = next(i for i in range(panel.list.count())
               if panel.list.item(i).data(Qt.ItemDataRole.UserRole).record_id == cid
               and panel.list.item(i).data(Qt.ItemDataRole.UserRole).kind == rq.COMPLAINT)
    item = panel.list.item(row)
    assert "待答复" in panel.heading.text() and "12345热线" in item.text()
    panel.list.scrollToItem(item)
    opened = []

    def close(dialog):
        opened.append(type(dialog).__name__)
        dialog.reject()

    answer_modal(close)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.list.visualItemRect(item).center())
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == ["ComplaintDialog"]


def test_an_edit_rereads_the_reminders_after_its_own_repaint(qtbot, win, demo_db):
    """The list is read AFTER_EDIT_MS after an edit (not at once, when the ledger's rows
    and the status line need the connection), and rebuilt only when it changed."""
    _open(qtbot, win, (1024, 700))
    panel = win.department_page.reminders
    listed = {r.problem_id for r in panel.due.items}
    quiet = next(p["id"] for p in demo_db.query("SELECT id FROM problem WHERE status != ?"
                                                " ORDER BY id", (ProblemStatus.CLOSED,))
                 if p["id"] not in listed)
    marker = Qt.ItemDataRole.UserRole + 7
    panel.list.item(0).setData(marker, "kept")
    demo_db.problems.update(quiet, {"title": "不在提醒中的问题改了标题"})
    win.announce(Changes.of(RecordKind.PROBLEM, quiet))
    assert panel.after_edit.isActive() and not panel.reader.pending
    qtbot.waitUntil(lambda: not panel.after_edit.isActive(), timeout=5000)
    panel.wait()
    assert panel.list.item(0).data(marker) == "kept"  # nothing listed changed: not rebuilt
    # A listed problem's title: its line says the new one once the list is read.
    line = next(r for r in panel.due.items if r.kind == rq.PROBLEM)
    demo_db.problems.update(line.problem_id, {"title": "提醒中的问题改了标题"})
    win.announce(Changes.of(RecordKind.PROBLEM, line.problem_id))
    panel.wait()  # reads at once what it was going to read
    assert not panel.after_edit.isActive()
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("提醒中的问题改了标题" in t for t in texts)
    assert panel.list.item(0).data(marker) is None
