"""The 统计 tab: where the campaign stands, at a glance, for a leader.

Every figure is ``store.queries.summary.campaign_summary(..., dashboard=True)`` — the
reports' and county documents' totals, each figure defined once in
store/queries/figures.py, which also builds the status line's and the coverage board's
counts — read off the GUI thread (``LatestRead``: ~0.6 s at 100k).  The campaign is
the ledger's choice (the newest one when the ledger shows all).

Every bar and slice filters the ledger: ``filterRequested`` carries the LedgerFilter
values that list exactly the problems it counts (an area's 逾期 bar: that area and the
红灯; a month's 销号 bar: 已销号 with its 销号日期 in that month, shown as a chip in the
filter bar), and the window shows them in the filter bar and switches to the ledger.
Money is formatted from integer fen (core.money.format_wan: '1,234.56万元', written
beside each bar by us); a bar's length is a float only because QtCharts draws with
floats, never as a figure anyone reads.
"""

from __future__ import annotations

import datetime as _dt
import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsSimpleTextItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from govcredit_desktop.core.changes import Changes, RecordKind
from govcredit_desktop.core.money import format_wan, format_yuan
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries.summary import (
    CLOSURE_RATE_NAME,
    COMPLETION_RATE_NAME,
    CampaignSummary,
    Group,
    campaign_summary,
    percent,
)
from govcredit_desktop.ui.latest_read import LatestRead
from govcredit_desktop.ui.lights import LIGHT_COLOURS

# What the figures are made of: a write of any of these re-reads them.
FIGURE_KINDS = (RecordKind.PROBLEM, RecordKind.MEASURE, RecordKind.PROGRESS,
                RecordKind.CAMPAIGN, RecordKind.VOCABULARY, RecordKind.DATABASE)
TOTAL_COLOUR = "#4a78b5"
CLOSED_COLOUR = "#2e9d4f"
OVERDUE_COLOUR = LIGHT_COLOURS["red"]
INVOLVED_COLOUR = "#8c6bb1"
REPAID_COLOUR = "#2e9d4f"
# The status slices, in the order a problem moves through them; each with the filter
# that lists exactly its problems.
STATUS_SLICES = (
    ("已销号", "#2e9d4f", {"status": ProblemStatus.CLOSED.value}),
    ("已整改待销号", LIGHT_COLOURS["rectified"], {"light": "rectified"}),
    ("已整改仍欠款", "#e08a2c", {"status": lq.AWAITING_OWING}),
    ("整改中", "#4a78b5", {"status": ProblemStatus.IN_PROGRESS.value}),
    ("待整改", "#b0b0b0", {"status": ProblemStatus.OPEN.value}),
)
PIE_LEGEND_BESIDE = 560  # pixels of card width for the status legend beside the ring
MAX_UNITS = 12  # more 责任单位 than this do not read as bars: the largest are shown
NO_UNIT = "（未填责任单位）"


def _month_text(month: str) -> str:
    year, m = month.split("-")
    return f"{year}年{int(m)}月"


class ChartCard(QChartView):
    """One chart with its title; ``filters[(set_index, category_index)]`` or
    ``filters[slice_index]`` says what a click lists."""

    def __init__(self, title: str, parent=None):
        chart = QChart()
        chart.setTitle(title)
        font = QFont(chart.titleFont())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        chart.setTitleFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(4)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.setAccessibleName(title)
        self.filters: dict = {}
        self.categories: list[str] = []  # top to bottom, as the chart reads
        self.sets: list[QBarSet] = []
        self.pie: QPieSeries | None = None
        # Figures drawn beside the bars by us (money: QtCharts' own labels format a float
        # with no thousands separator): (item, set index, category top down, value).
        self.value_labels: list[tuple[QGraphicsSimpleTextItem, int, int, float]] = []
        chart.plotAreaChanged.connect(lambda _area: self.place_labels())

    def clear(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        for item, *_rest in self.value_labels:
            self.scene().removeItem(item)
        self.filters, self.categories, self.sets, self.pie = {}, [], [], None
        self.value_labels = []

    def resizeEvent(self, event):  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.pie is not None:
            self.place_legend()

    def place_legend(self) -> None:
        """A pie's legend beside it, in smaller type where the card is narrow: at 1024
        pixels '已整改待销号 157（15.7%）' was cut short at the right (under the ring, all
        four labels were, on one line)."""
        legend = self.chart().legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        font = QFont(self.font())
        if self.width() < PIE_LEGEND_BESIDE:
            font.setPointSizeF(font.pointSizeF() * 0.85)
        legend.setFont(font)

    def label_bars(self, texts: list[list[str]], font: QFont) -> None:
        """Our own text at the end of each bar: ``texts[set][category]`` (top down)."""
        for set_index, row_texts in enumerate(texts):
            for category, text in enumerate(row_texts):
                item = QGraphicsSimpleTextItem(text)
                item.setFont(font)
                item.setBrush(QColor("#1f2d3d"))
                item.setZValue(10)
                self.scene().addItem(item)
                self.value_labels.append((item, set_index, category, text))
        self.place_labels()

    def place_labels(self) -> None:
        if not self.value_labels or not self.chart().series():
            return
        series = self.chart().series()[0]
        width = series.barWidth()
        for item, set_index, category, _text in self.value_labels:
            bar_set = self.sets[set_index]
            row = len(self.categories) - 1 - category
            offset = -width / 2 + (set_index_drawn(series, bar_set) + 0.5) * width / len(
                series.barSets())
            end = self.chart().mapToPosition(QPointF(max(bar_set.at(row), 0), row + offset),
                                             series)
            box = item.boundingRect()
            item.setPos(end.x() + 4, end.y() - box.height() / 2)

    def label_text(self, set_index: int, category: int) -> str:
        """The figure written beside a bar (tests read it)."""
        return next(t for _i, s, c, t in self.value_labels if (s, c) == (set_index, category))

    # --- where a bar or slice is drawn (tests click there, as a user would) ------------
    def bar_point(self, set_index: int, category: int) -> QPoint:
        """The middle of a bar (``category`` counted as the chart reads: top down, or
        left to right) in the view's coordinates."""
        bar_set = self.sets[set_index]
        series = self.chart().series()[0]
        sets = series.barSets()
        width = series.barWidth()
        # QtCharts draws category i at i on its axis, the sets side by side across the
        # bar width in the order they were added.
        offset = -width / 2 + (sets.index(bar_set) + 0.5) * width / len(sets)
        if isinstance(series, QHorizontalBarSeries):
            row = len(self.categories) - 1 - category  # drawn bottom up
            point = QPointF(max(bar_set.at(row), 0) / 2, row + offset)
        else:
            point = QPointF(category + offset, max(bar_set.at(category), 0) / 2)
        return self.mapFromScene(self.chart().mapToPosition(point, series))

    def slice_point(self, index: int) -> QPoint:
        """The middle of a pie slice's ring, in the view's coordinates."""
        area = self.chart().plotArea()
        s = self.pie.slices()[index]
        angle = math.radians(s.startAngle() + s.angleSpan() / 2)
        outer = min(area.width(), area.height()) / 2 * self.pie.pieSize()
        radius = outer * (1 + self.pie.holeSize() / self.pie.pieSize()) / 2
        centre = area.center()
        # Angles run clockwise from 12 o'clock.
        point = QPointF(centre.x() + radius * math.sin(angle),
                        centre.y() - radius * math.cos(angle))
        return self.mapFromScene(point)


class Dashboard(QWidget):
    """The tab; ``set_campaign(id)`` follows the ledger, ``filterRequested(dict)`` asks
    the window to list the problems of a bar or slice."""

    filterRequested = Signal(object)  # {LedgerFilter field: value}, campaign_id included

    def __init__(self, operations, parent=None):
        super().__init__(parent)
        self.operations = operations
        self.campaign_id: int | None = None
        self.today = _dt.date.today
        self.summary: CampaignSummary | None = None
        self._stale = True
        self.reader = LatestRead(self)
        self.reader.ready.connect(self._show)
        operations.changed.connect(self.apply_changes)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The charts narrow with the window; only the height scrolls.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self.scroll = scroll
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(10)
        self.heading = QLabel(body)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.cards_row = QHBoxLayout()
        self.cards_row.setSpacing(10)
        layout.addLayout(self.cards_row)
        self.cards: dict[str, QLabel] = {}
        for key in ("total", "closure", "completion", "overdue", "money"):
            card = QLabel(body)
            card.setObjectName(f"card_{key}")
            card.setTextFormat(Qt.TextFormat.RichText)
            card.setAlignment(Qt.AlignmentFlag.AlignCenter)
            card.setStyleSheet(f"#card_{key} {{ background: #f6f8fb; border: 1px solid #d5dbe5;"
                               " border-radius: 6px; padding: 8px; }")
            card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.cards_row.addWidget(card, 2 if key == "money" else 1)
            self.cards[key] = card
        self.empty_label = QLabel(body)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.grid = QGridLayout()
        self.grid.setSpacing(10)
        layout.addLayout(self.grid, 1)
        self.status_chart = ChartCard("整改状态（点击扇区查看问题）", body)
        self.area_chart = ChartCard("按重点领域", body)
        self.category_chart = ChartCard("按问题类型", body)
        self.unit_chart = ChartCard("按责任单位", body)
        self.money_chart = ChartCard("涉及金额与已偿还", body)
        self.timeline_chart = ChartCard("销号进度（每月销号数）", body)
        self.charts = [self.status_chart, self.area_chart, self.category_chart,
                       self.unit_chart, self.money_chart, self.timeline_chart]
        self._columns = 0
        self._place_charts()

    # --- what is shown -----------------------------------------------------------
    def set_campaign(self, campaign_id: int | None) -> None:
        """The ledger's campaign (None: the newest one)."""
        if campaign_id != self.campaign_id:
            self.campaign_id = campaign_id
            self._stale = True
            self.refresh_if_shown()

    def apply_changes(self, changes: Changes) -> None:
        if changes.affects(FIGURE_KINDS):
            self._stale = True
            self.refresh_if_shown()

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def showEvent(self, event):
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _shown_campaign(self) -> dict | None:
        db = self.operations.db
        if self.campaign_id is not None:
            for c in db.settings.list_campaigns():
                if c["id"] == self.campaign_id:
                    return c
        return db.settings.latest_campaign()

    def refresh(self) -> None:
        """Read the figures off the GUI thread; the old ones stay until they come."""
        self._stale = False
        db = self.operations.db
        campaign = self._shown_campaign()
        today = self.today()
        if campaign is None:
            self._show((None, None))
            return
        self.reader.request(lambda: (campaign, campaign_summary(
            db, campaign["id"], today, dashboard=True)))

    def wait(self, msecs: int = 5000) -> None:
        """Until the figures asked for are shown (screenshots, tests)."""
        from PySide6.QtWidgets import QApplication

        while self.reader.pending:
            self.reader.wait(msecs)
            QApplication.processEvents()

    def _show(self, result) -> None:
        campaign, s = result
        self.summary = s
        empty = s is None or s.empty
        for chart in self.charts:
            chart.clear()
            chart.setVisible(not empty)
        for card in self.cards.values():
            card.setVisible(not empty)
        if campaign is None:
            self.heading.setText("统计")
            self.empty_label.setText("还没有专项治理。请先在“设置 → 专项治理”中新建专项治理，"
                                     "登记问题后这里显示整改进度。")
            self.empty_label.show()
            return
        self.heading.setText(f"{campaign['name']} · 截至{s.today.year}年{s.today.month}月"
                             f"{s.today.day}日")
        self.empty_label.setVisible(empty)
        if empty:
            self.empty_label.setText("该专项治理还没有登记问题。")
            return
        self.campaign_shown = campaign["id"]
        self._fill_cards(s)
        self._fill_status(s)
        self._fill_groups(self.area_chart, s.by_area, "area")
        self._fill_groups(self.category_chart, s.by_category, "category")
        units = s.by_unit[:MAX_UNITS]
        self.unit_chart.chart().setTitle(
            "按责任单位" + (f"（问题最多的 {MAX_UNITS} 个，共 {len(s.by_unit)} 个）"
                       if len(s.by_unit) > MAX_UNITS else ""))
        self._fill_groups(self.unit_chart, units, "responsible_unit")
        self._fill_money(s)
        self._fill_timeline(s)

    def _fill_cards(self, s: CampaignSummary) -> None:
        t = s.total

        def card(key: str, title: str, value: str, note: str, colour: str = "#1f2d3d",
                 size: str = "20pt"):
            self.cards[key].setText(
                f"<div style='color:#5a6778'>{title}</div>"
                f"<div style='font-size:{size}; font-weight:bold; color:{colour}'>{value}</div>"
                f"<div style='color:#5a6778'>{note}</div>")

        card("total", "问题总数", str(t.count),
             f"待整改 {t.open} · 整改中 {t.in_progress}")
        card("closure", CLOSURE_RATE_NAME, t.closure_rate, f"已销号 {t.closed} 个",
             CLOSED_COLOUR)
        card("completion", COMPLETION_RATE_NAME, t.completion_rate,
             f"整改完成 {t.rectified} 个（含已整改待销号 {t.rectified - t.closed} 个）",
             CLOSED_COLOUR)
        card("overdue", "逾期未完成整改", str(t.overdue), "已过整改时限仍未整改完成",
             OVERDUE_COLOUR if t.overdue else "#1f2d3d")
        card("money", "涉及金额 / 已偿还（万元）",
             f"{format_wan(t.amount_involved)} / {format_wan(t.amount_repaid)}",
             f"偿还率 {t.repaid_rate} · 尚欠 {format_yuan(t.amount_involved - t.amount_repaid)}"
             " 元", size="15pt")

    def _fill_status(self, s: CampaignSummary) -> None:
        t = s.total
        counts = (t.closed, t.rectified - t.closed, t.awaiting_owing, t.in_progress, t.open)
        view = self.status_chart
        pie = QPieSeries()
        pie.setHoleSize(0.42)
        pie.setPieSize(0.72)
        for (label, colour, values), n in zip(STATUS_SLICES, counts, strict=True):
            if not n:
                continue
            piece = pie.append(f"{label} {n}（{percent(n, t.count)}）", n)
            piece.setColor(QColor(colour))
            piece.setBorderColor(QColor("white"))
            piece.setLabelVisible(False)
            view.filters[len(pie.slices()) - 1] = values
        pie.clicked.connect(lambda piece: self._ask(view.filters[pie.slices().index(piece)]))
        view.chart().addSeries(pie)
        view.pie = pie
        view.place_legend()

    def _bars(self, view: ChartCard, names: list[str], sets: list[tuple[str, str, list[int],
                                                                        list[dict]]],
              unit: str = "个") -> None:
        """Horizontal bars, the first name on top; ``sets``: (label, colour, values in
        the order of ``names`` — counts, or fen when ``unit`` is 万元 — the filter of each
        bar)."""
        length = _wan if unit == "万元" else float
        series = QHorizontalBarSeries()
        series.setBarWidth(0.84)
        view.categories = list(names)
        view.sets = [None] * len(sets)
        # The first set drawn lowest within a row: added last to first, so that each
        # row reads 问题数, 已销号, 逾期 from the top, as the legend does.
        for set_index, (label, colour, values, filters) in reversed(list(enumerate(sets))):
            bar_set = QBarSet(label)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            # Bottom up in QtCharts: reversed, so the list reads top down.
            bar_set.append([length(v) for v in reversed(values)])
            for category, f in enumerate(filters):
                view.filters[(set_index, category)] = f
            bar_set.clicked.connect(
                lambda row, i=set_index: self._ask(
                    view.filters[(i, len(view.categories) - 1 - row)]))
            bar_set.hovered.connect(
                lambda on, row, label=label, values=values, unit=unit: self._tip(
                    on, view, names[len(names) - 1 - row], label,
                    values[len(values) - 1 - row], unit))
            bar_set.setLabelColor(QColor("#1f2d3d"))
            series.append(bar_set)
            view.sets[set_index] = bar_set
        chart = view.chart()
        chart.addSeries(series)
        money = unit == "万元"
        # Counts: QtCharts' own labels.  Money: ours, '1,234.56万元' as format_wan writes
        # it everywhere else (QtCharts would print the float 1234.56).
        series.setLabelsVisible(not money)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.legend().setReverseMarkers(True)
        axis_y = QBarCategoryAxis()
        axis_y.append([self._short(n) for n in reversed(names)])
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = QValueAxis()
        top = max((length(max(values)) for _, _, values, _ in sets if values), default=0)
        # Room after the longest bar for its figure ('12,345.67万元' is wider than '17').
        axis_x.setRange(0, max(1, top * (1.5 if money else 1.15)))
        axis_x.setLabelFormat("%d" if unit == "个" else "%.0f")
        axis_x.setTickCount(5)
        axis_x.setVisible(False)  # the bars carry their own figures
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        # Room for each row's bars and label, so that twelve units still read.
        view.setMinimumHeight(max(240, 80 + len(names) * 13 * len(sets)))
        if money:
            font = QFont(view.font())
            font.setPointSizeF(font.pointSizeF() * 0.9)
            view.label_bars([[money_text(v) for v in values] for _, _, values, _ in sets],
                            font)

    @staticmethod
    def _short(name: str, n: int = 10) -> str:
        name = name or NO_UNIT
        return name if len(name) <= n else name[: n - 1] + "…"

    def _fill_groups(self, view: ChartCard, groups: list[Group], field: str) -> None:
        groups = [g for g in groups if g.count]
        base = {"campaign_id": self.campaign_shown}

        def of(g: Group, **more) -> dict:
            return {**base, field: g.name or None, **more}

        self._bars(view, [g.name for g in groups], [
            ("问题数", TOTAL_COLOUR, [g.count for g in groups], [of(g) for g in groups]),
            ("已销号", CLOSED_COLOUR, [g.closed for g in groups],
             [of(g, status=ProblemStatus.CLOSED.value) for g in groups]),
            ("逾期", OVERDUE_COLOUR, [g.overdue for g in groups],
             [of(g, light="red") for g in groups])])

    def _fill_money(self, s: CampaignSummary) -> None:
        groups = [g for g in s.by_category if g.amount_involved]
        base = {"campaign_id": self.campaign_shown}
        view = self.money_chart
        self._bars(view, [g.name for g in groups], [
            ("涉及金额", INVOLVED_COLOUR, [g.amount_involved for g in groups],
             [{**base, "category": g.name} for g in groups]),
            ("已偿还", REPAID_COLOUR, [g.amount_repaid for g in groups],
             [{**base, "category": g.name} for g in groups])], unit="万元")
        if not groups:
            view.chart().setTitle("涉及金额与已偿还：没有涉及金额的问题")

    def _fill_timeline(self, s: CampaignSummary) -> None:
        from PySide6.QtCharts import QBarSeries

        view = self.timeline_chart
        months = s.closures_by_month[-18:]  # a year and a half reads; older is in the report
        series = QBarSeries()
        bar_set = QBarSet("销号数")
        bar_set.setColor(QColor(CLOSED_COLOUR))
        bar_set.append([float(n) for _, n in months])
        bar_set.setLabelColor(QColor("#1f2d3d"))
        series.append(bar_set)
        # A month's bar lists the problems 销号 in that month (closed_date within it).
        for i, (month, _n) in enumerate(months):
            view.filters[(0, i)] = {"campaign_id": self.campaign_shown,
                                    "status": ProblemStatus.CLOSED.value,
                                    "closed_month": month}
        bar_set.clicked.connect(lambda i: self._ask(view.filters[(0, i)]))
        view.sets = [bar_set]
        view.categories = [m for m, _ in months]
        chart = view.chart()
        chart.addSeries(series)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        chart.legend().hide()
        axis_x = QBarCategoryAxis()
        axis_x.append([_month_text(m) for m, _ in months])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max((n for _, n in months), default=0)
        axis_y.setRange(0, max(1, math.ceil(top * 1.2)))
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        if not months:
            chart.setTitle("销号进度：还没有销号的问题")

    def _tip(self, on: bool, view: ChartCard, name: str, label: str, value, unit: str):
        """Hovering a bar says its figure in words and that a click lists it."""
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        if not on:
            QToolTip.hideText()
            return
        figure = (f"{money_text(value)}（{format_yuan(value, unit=True)}）" if unit == "万元"
                  else f"{value} 个")
        QToolTip.showText(QCursor.pos(),
                          f"{name or NO_UNIT} · {label} {figure}（点击在台账中查看）", view)

    def _ask(self, values: dict) -> None:
        self.filterRequested.emit(dict(values))

    # --- layout --------------------------------------------------------------------
    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._place_charts()

    def _place_charts(self) -> None:
        """Two charts a row on a 1024-pixel screen, three from 1500 pixels."""
        columns = 3 if self.width() >= 1500 else 2
        if columns == self._columns:
            return
        self._columns = columns
        for chart in self.charts:
            self.grid.removeWidget(chart)
        for i, chart in enumerate(self.charts):
            self.grid.addWidget(chart, i // columns, i % columns)


def money_text(fen: int) -> str:
    """A bar's money as the rest of the program shows it: '1,234.56万元' (format_wan:
    Decimal from integer fen, thousands separated)."""
    return f"{format_wan(fen)}万元"


def set_index_drawn(series, bar_set) -> int:
    """Where a set sits across a row's bar width: the order it was added in."""
    return series.barSets().index(bar_set)


def _wan(fen: int) -> float:
    """A bar's length in 万元 to the cent's hundredth, as format_wan rounds it (QtCharts
    draws and labels with floats; the money itself stays fen and Decimal)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float((Decimal(fen) / 1_000_000).quantize(Decimal("0.01"), ROUND_HALF_UP))
