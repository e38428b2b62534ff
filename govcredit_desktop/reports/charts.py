"""Charts for the PDF documents (reportlab graphics), labelled in the CJK fonts."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries.summary import Group

from .fonts import FontSet

# Print-friendly, and still told apart on a black-and-white printer (light to dark).
STATUS_COLOURS = {
    ProblemStatus.CLOSED: colors.HexColor("#2E7D32"),
    ProblemStatus.AWAITING_CLOSURE: colors.HexColor("#9CCC65"),
    ProblemStatus.IN_PROGRESS: colors.HexColor("#FFB300"),
    ProblemStatus.OPEN: colors.HexColor("#C62828"),
}
# Bars from "done" to "not started", so the closed share reads from the axis.
_ORDER = tuple(reversed(ProblemStatus))


def status_by_area(groups: list[Group], fonts: FontSet, width: float,
                   caption: str = "") -> Drawing:
    """Stacked horizontal bars: problems per area, split by status."""
    groups = [g for g in groups if g.count] or groups
    label_size, bar_h = 10.5, 16
    n = max(len(groups), 1)
    legend_h = 22
    caption_h = 24 if caption else 0
    plot_h = n * (bar_h + 8)
    height = plot_h + legend_h + caption_h + 30
    d = Drawing(width, height)
    # The renderer starts every drawing in Helvetica, which would put an unembedded font
    # into the PDF; start it in the body font instead.
    d.initialFontName = fonts.fangsong

    chart = HorizontalBarChart()
    label_w = 118  # '政府和社会资本合作(PPP)' at 10.5 pt
    chart.x, chart.y = label_w, legend_h + 22
    chart.width, chart.height = width - label_w - 20, plot_h
    # The first category is drawn at the bottom; reverse so the table's order reads down.
    ordered = list(reversed(groups))
    chart.data = [[g.by_status.get(s, 0) for g in ordered] for s in _ORDER] or [[0]]
    chart.categoryAxis.categoryNames = [g.name for g in ordered] or [""]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = fonts.fangsong
    chart.categoryAxis.labels.fontSize = label_size
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeWidth = 0.5
    chart.valueAxis.valueMin = 0
    top = max((g.count for g in groups), default=0)
    step = max(1, -(-top // 8))
    chart.valueAxis.valueMax = max(step * -(-top // step), 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = fonts.fangsong
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.strokeWidth = 0.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#BBBBBB")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barWidth = bar_h
    chart.barSpacing = 0
    chart.groupSpacing = 8
    for i, status in enumerate(_ORDER):
        chart.bars[i].fillColor = STATUS_COLOURS[status]
        chart.bars[i].strokeColor = colors.white
        chart.bars[i].strokeWidth = 0.3
    d.add(chart)

    legend = Legend()
    legend.fontName = fonts.fangsong
    legend.fontSize = 10.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 9
    legend.deltax = 96
    legend.boxAnchor = "sw"
    legend.x, legend.y = label_w, 4
    legend.colorNamePairs = [(STATUS_COLOURS[s], s) for s in _ORDER]
    d.add(legend)
    if caption:
        d.add(String(width / 2, height - 16, caption, fontName=fonts.heiti, fontSize=12,
                     textAnchor="middle"))
    return d

