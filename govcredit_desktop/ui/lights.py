"""How a deadline light (红灯/黄灯/绿灯, 未定时限, 已整改, 已销号, 已完成, 逾期完成) is shown,
in the ledger, the editor and the measures tab (the rules: core/rules.py).

Always a coloured dot *with* words, so the light is not told by colour alone; the
finished and undated ones are grey (nothing to be on time for; 已整改, finished but
not yet 销号, a blue grey), 未定时限 a hollow ring so it does not read as a light at all.
"""

import datetime as _dt

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from govcredit_desktop.core import rules
from govcredit_desktop.core.dates import format_cn

LIGHT_COLOURS = {"red": "#d9342b", "yellow": "#f2b400", "green": "#2e9d4f",
                 "undated": "#9a9a9a", "rectified": "#5b7a99", "closed": "#6b6b6b",
                 "done": "#6b6b6b", "late": "#b85c00"}


def light_text(light: rules.Light, deadline: str | None, today: _dt.date,
               completed: str | None = None) -> str:
    """The light in words, with how far the deadline is (e.g. 红灯，已逾期3天)."""
    text = light.label
    if light == rules.Light.LATE and completed and deadline:
        late = (_dt.date.fromisoformat(completed) - _dt.date.fromisoformat(deadline)).days
        return f"{text}，晚于完成时限{late}天"
    if not rules.Light(light).is_deadline_light:
        return text
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
        # 未定时限 is a ring: no deadline, so no light to fill in.
        p.setBrush(QColor("white") if light == rules.Light.UNDATED else QColor(color))
        p.drawEllipse(QRectF(1.5, 1.5, 11, 11))
        p.end()
        icon.addPixmap(pm)
    return icon
