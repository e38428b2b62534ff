"""Calendars speak Chinese whatever the system locale (issue 14, item 10)."""

from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCalendarWidget

from govcredit_desktop.ui.app import make_application
from govcredit_desktop.ui.widgets import DateEdit
from tests.ui.helpers import show


def test_the_calendar_of_a_date_field_is_chinese_without_week_numbers(qtbot):
    QLocale.setDefault(QLocale.c())  # the locale of a bare Linux or a CI runner
    make_application()
    assert QLocale().language() == QLocale.Language.Chinese
    edit = show(qtbot, DateEdit())
    edit.set_iso("2026-03-15")
    QTest.keyClick(edit, Qt.Key_F4)
    calendar = edit._popup.calendar
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.locale().monthName(3) == "三月"
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "周一"
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    edit._popup.hide()
