"""How a deadline light (红灯/黄灯/绿灯) is shown in the problem editor.

Always a coloured dot *with* words, so the light is not told by colour alone.
"""

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap

from govcredit_desktop.core import rules
from govcredit_desktop.core.dates import format_cn

LIGHT_COLOURS = {"red": "#d32f2f", "yellow": "#f9a825", "green": "#2e7d32"}


def light_text(light: rules.Light, deadline: str | None, today: _dt.date) -> str:
    """The light in words, with how far the deadline is (e.g. 红灯，已逾期3天)."""
    text = light.label
    left = rules.days_left(deadline, today)
    if left is not None and light != rules.Light.GREEN:
        text += f"，已逾期{-left}天" if left < 0 else f"，剩{left}天到期"
    elif left is not None:
        text += f"，{format_cn(deadline)}到期"
    return text


def light_html(light: rules.Light, deadline: str | None, today: _dt.date) -> str:
    """A coloured dot with the words, for a rich-text label."""
    return (f'<span style="color:{LIGHT_COLOURS[light.value]}">●</span> '
            f"{light_text(light, deadline, today)}")


def light_icon(light: rules.Light) -> QIcon:
    """A filled circle drawn at the screen's pixel ratio (sharp on high-DPI)."""
    ratio = QGuiApplication.primaryScreen().devicePixelRatio() if \
        QGuiApplication.primaryScreen() else 1.0
    side = 12
    pixmap = QPixmap(int(side * ratio), int(side * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(LIGHT_COLOURS[light.value]))
    painter.drawEllipse(1, 1, side - 2, side - 2)
    painter.end()
    return QIcon(pixmap)
