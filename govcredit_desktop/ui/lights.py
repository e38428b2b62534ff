"""How a deadline light (红灯/黄灯/绿灯) is shown, in the ledger and the editor.

Always a coloured dot *with* words, so the light is not told by colour alone.
"""

import datetime as _dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from govcredit_desktop.core import rules
from govcredit_desktop.core.dates import format_cn

LIGHT_COLOURS = {"red": "#d9342b", "yellow": "#f2b400", "green": "#2e9d4f"}


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
    """A filled, outlined circle drawn at 1×, 2× and 3× so it stays crisp at any
    DPI and visible on a selected (blue) row."""
    color = LIGHT_COLOURS[rules.Light(light).value]
    icon = QIcon()
    for scale in (1, 2, 3):
        pm = QPixmap(14 * scale, 14 * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QColor(color).darker(130))
        p.setBrush(QColor(color))
        p.drawEllipse(QRectF(1.5, 1.5, 11, 11))
        p.end()
        icon.addPixmap(pm)
    return icon
