"""Charts for the PDF documents (reportlab graphics), labelled in the CJK fonts.

Drawn from shapes rather than reportlab's bar chart so that the statuses stay apart on a
black-and-white printer (two greys far apart and two hatchings, each bar outlined) and the
legend is measured to stay inside the given width.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries.summary import Group as SummaryGroup

from .fonts import FontSet

# fill grey (None: white), hatching: "" none, "/" diagonal, "x" crossed.
STATUS_LOOKS = {
    ProblemStatus.CLOSED: (0.15, ""),
    ProblemStatus.AWAITING_CLOSURE: (0.62, ""),
    ProblemStatus.IN_PROGRESS: (None, "/"),
    ProblemStatus.OPEN: (None, ""),
}
# Bars from "done" to "not started", so the closed share reads from the axis.
_ORDER = tuple(reversed(ProblemStatus))
HATCH_STEP = 3.2
LABEL_SIZE = 10.5


def _hatched(x: float, y: float, w: float, h: float, look) -> Group:
    """A bar segment: its fill, hatching lines clipped to it by hand, and its outline."""
    grey, hatch = look
    g = Group()
    fill = colors.white if grey is None else colors.Color(grey, grey, grey)
    g.add(Rect(x, y, w, h, fillColor=fill, strokeColor=None))
    if hatch == "/" and w > 0 and h > 0:
        # Lines x - y = c for c from -h to w, clipped to the rectangle.
        c = -h + HATCH_STEP / 2
        while c < w:
            x0, y0 = max(c, 0.0), max(c, 0.0) - c
            x1 = min(w, c + h)
            y1 = x1 - c
            g.add(Line(x + x0, y + y0, x + x1, y + y1, strokeColor=colors.black,
                       strokeWidth=0.5))
            c += HATCH_STEP
    g.add(Rect(x, y, w, h, fillColor=None, strokeColor=colors.black, strokeWidth=0.5))
    return g


def status_by_area(groups: list[SummaryGroup], fonts: FontSet, width: float,
                   caption: str = "") -> Drawing:
    """Stacked horizontal bars: problems per area, split by status; the legend below them,
    everything within ``width``."""
    groups = [g for g in groups if g.count] or groups
    font = fonts.fangsong
    names = [_full_width(g.name) for g in groups]
    bar_h, gap = 13.0, 7.0
    label_w = min(max((stringWidth(n, font, LABEL_SIZE) for n in names), default=40) + 8,
                  width * 0.4)
    axis_h = 16.0
    plot_w = width - label_w - 12
    # The legend: one row when it fits, else two.
    items = [(s, STATUS_LOOKS[s]) for s in _ORDER]
    box, pad = 10.0, 18.0
    item_w = [box + 4 + stringWidth(str(s), font, LABEL_SIZE) + pad for s, _ in items]
    rows = [items] if sum(item_w) - pad <= width else [items[:2], items[2:]]
    legend_h = 16.0 * len(rows) + 4
    caption_h = 24.0 if caption else 0.0
    plot_h = max(len(groups), 1) * (bar_h + gap)
    height = caption_h + plot_h + axis_h + legend_h + 6
    d = Drawing(width, height)
    # The renderer starts every drawing in Helvetica, which would put an unembedded font
    # into the PDF; start it in the body font instead.
    d.initialFontName = font

    top = max((g.count for g in groups), default=0)
    step = max(1, -(-top // 8))
    vmax = max(step * -(-top // step), 1)
    x0, y_axis = label_w, legend_h + axis_h
    scale = plot_w / vmax
    for v in range(0, vmax + 1, step):
        x = x0 + v * scale
        d.add(Line(x, y_axis, x, y_axis + plot_h, strokeColor=colors.Color(.7, .7, .7),
                   strokeWidth=0.3))
        d.add(String(x, y_axis - 11, str(v), fontName=font, fontSize=9, textAnchor="middle"))
    d.add(Line(x0, y_axis, x0 + plot_w, y_axis, strokeColor=colors.black, strokeWidth=0.5))
    d.add(Line(x0, y_axis, x0, y_axis + plot_h, strokeColor=colors.black, strokeWidth=0.5))
    for n, (g, name) in enumerate(zip(groups, names, strict=True)):
        y = y_axis + plot_h - (n + 1) * (bar_h + gap) + gap / 2
        d.add(String(x0 - 4, y + bar_h / 2 - LABEL_SIZE * 0.35, name, fontName=font,
                     fontSize=LABEL_SIZE, textAnchor="end"))
        x = x0
        for status in _ORDER:
            k = g.by_status.get(status, 0)
            if k:
                d.add(_hatched(x, y, k * scale, bar_h, STATUS_LOOKS[status]))
                x += k * scale
    y = legend_h - 14
    for row in rows:
        row_w = sum(box + 4 + stringWidth(str(s), font, LABEL_SIZE) + pad for s, _ in row) - pad
        x = (width - row_w) / 2
        for status, look in row:
            d.add(_hatched(x, y, box, box, look))
            d.add(String(x + box + 4, y + 1, str(status), fontName=font, fontSize=LABEL_SIZE))
            x += box + 4 + stringWidth(str(status), font, LABEL_SIZE) + pad
        y -= 16
    if caption:
        d.add(String(width / 2, height - 16, caption, fontName=fonts.heiti, fontSize=12,
                     textAnchor="middle"))
    return d


def _full_width(text: str) -> str:
    return text.replace("(", "（").replace(")", "）")
