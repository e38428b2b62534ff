"""The dashboard's figures (store.queries.summary with ``dashboard=True``) against SQL
written out here on the demo database, and the status line's counts against them: one
definition of every figure the window shows."""

import datetime as dt

import pytest

from govcredit_desktop.core import rules
from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries.summary import campaign_summary

CLOSED, AWAITING = ProblemStatus.CLOSED.value, ProblemStatus.AWAITING_CLOSURE.value
# 整改完成 and 逾期, spelled out from core/rules.py's docstring rather than rules_sql.
RECTIFIED = ("(status = :closed OR (status = :awaiting AND"
             " coalesce(amount_involved, 0) <= coalesce(amount_repaid, 0)))")
OVERDUE = f"(deadline IS NOT NULL AND deadline < :today AND NOT {RECTIFIED})"
FIGURES = f"""
SELECT {{key}} AS name, count(*) AS count, coalesce(sum(status = :closed), 0) AS closed,
       coalesce(sum({RECTIFIED}), 0) AS rectified, coalesce(sum({OVERDUE}), 0) AS overdue,
       coalesce(sum(status = '整改中'), 0) AS in_progress,
       coalesce(sum(status = '待整改'), 0) AS open,
       coalesce(sum(status = :awaiting), 0) AS awaiting_closure,
       coalesce(sum(amount_involved), 0) AS amount_involved,
       coalesce(sum(amount_repaid), 0) AS amount_repaid
FROM problem WHERE campaign_id = :campaign GROUP BY {{key}}
"""
# The demo is made relative to today: on it every kind of figure is non-zero.
TODAY = dt.date.today()
NAMES = ("count", "closed", "rectified", "overdue", "in_progress", "open", "awaiting_closure",
         "amount_involved", "amount_repaid")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from govcredit_desktop import demo as demo_data
    from govcredit_desktop.store import Database

    db = Database(tmp_path_factory.mktemp("summary") / "demo.sqlite", actor="t", create=True)
    demo_data.generate(db, 400, seed=19)
    yield db
    db.close()


def _direct(db, key: str, campaign: int, today: dt.date) -> dict[str, dict]:
    rows = db.query(FIGURES.format(key=key), {"closed": CLOSED, "awaiting": AWAITING,
                                              "today": today.isoformat(),
                                              "campaign": campaign})
    return {r["name"]: {n: r[n] for n in NAMES} for r in rows}


def _figures(group) -> dict:
    return {n: getattr(group, n) for n in NAMES}


def test_dashboard_figures_equal_sql_written_out(demo):
    campaign = demo.settings.list_campaigns()[0]["id"]
    today = TODAY
    s = campaign_summary(demo, campaign, today, dashboard=True)
    (total,) = _direct(demo, "'合计'", campaign, today).values()
    assert _figures(s.total) == total
    assert all(total[n] for n in ("closed", "overdue", "in_progress", "open",
                                  "awaiting_closure", "amount_repaid"))
    assert total["rectified"] > total["closed"]  # 已整改待销号 with nothing owed counts
    for key, groups in (("area", s.by_area), ("category", s.by_category),
                        ("responsible_unit", s.by_unit)):
        direct = _direct(demo, key, campaign, today)
        assert {g.name: _figures(g) for g in groups} == direct, key
    assert [g.count for g in s.by_unit] == sorted((g.count for g in s.by_unit), reverse=True)


def test_rates_and_money_are_decimal_exact(demo):
    campaign = demo.settings.list_campaigns()[0]["id"]
    s = campaign_summary(demo, campaign, TODAY, dashboard=True)
    from decimal import ROUND_HALF_UP, Decimal

    t = s.total
    want = (Decimal(t.closed) * 100 / t.count).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert s.total.closure_rate == f"{want}%"
    want = (Decimal(t.rectified) * 100 / t.count).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert s.total.completion_rate == f"{want}%"


def test_the_python_rule_gives_the_same_overdue_and_rectified(demo):
    campaign = demo.settings.list_campaigns()[0]["id"]
    today = TODAY
    rows = demo.query("SELECT status, deadline, amount_involved, amount_repaid FROM problem"
                      " WHERE campaign_id = ?", (campaign,))
    s = campaign_summary(demo, campaign, today)
    assert s.total.overdue == sum(rules.problem_overdue(r, today) for r in rows)
    assert s.total.rectified == sum(rules.is_rectified(
        r["status"], r["amount_involved"], r["amount_repaid"]) for r in rows)


def test_closures_by_month_every_month_from_first_to_last(demo):
    campaign = demo.settings.list_campaigns()[0]["id"]
    s = campaign_summary(demo, campaign, TODAY, dashboard=True)
    direct = {r["m"]: r["n"] for r in demo.query(
        "SELECT strftime('%Y-%m', closed_date) AS m, count(*) AS n FROM problem"
        " WHERE campaign_id = ? AND status = ? GROUP BY m", (campaign, CLOSED))}
    months = dict(s.closures_by_month)
    assert {m: n for m, n in months.items() if n} == direct
    assert sum(months.values()) == s.total.closed
    keys = [m for m, _ in s.closures_by_month]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    for a, b in zip(keys, keys[1:], strict=False):  # no month left out
        ya, ma = map(int, a.split("-"))
        assert b == (f"{ya + 1}-01" if ma == 12 else f"{ya}-{ma + 1:02d}")


def test_report_summary_skips_the_dashboards_scans(demo):
    campaign = demo.settings.list_campaigns()[0]["id"]
    s = campaign_summary(demo, campaign, TODAY)
    assert s.by_unit == [] and s.closures_by_month == []


@pytest.mark.parametrize("days_on", [0, 30, 400])
def test_status_line_counts_are_the_dashboards(demo, days_on):
    """The status line's fast range counts (issue 21) and the dashboard's grouped sums
    count 逾期 and 已销号 by one rule, on any day."""
    campaign = demo.settings.list_campaigns()[0]["id"]
    today = TODAY + dt.timedelta(days=days_on)
    s = campaign_summary(demo, campaign, today)
    line = lq.summary(demo, lq.LedgerFilter(campaign_id=campaign, today=today))
    assert (line.total, line.overdue, line.closed) == (
        s.total.count, s.total.overdue, s.total.closed)
    # The 红灯 filter lists exactly the overdue problems the dashboard counts.
    assert lq.count(demo, lq.LedgerFilter(campaign_id=campaign, light="red",
                                          today=today)) == s.total.overdue


def test_a_bar_filter_counts_what_the_bar_shows(demo):
    """The ledger filter a dashboard bar applies finds as many problems as the bar says."""
    campaign = demo.settings.list_campaigns()[0]["id"]
    today = TODAY
    s = campaign_summary(demo, campaign, today, dashboard=True)
    base = lq.LedgerFilter(campaign_id=campaign, today=today)
    for g in s.by_area:
        assert lq.count(demo, base.with_(area=g.name)) == g.count
        assert lq.count(demo, base.with_(area=g.name, light="red")) == g.overdue
        assert lq.count(demo, base.with_(area=g.name, status=CLOSED)) == g.closed
    for g in s.by_unit:
        if g.name:
            assert lq.count(demo, base.with_(responsible_unit=g.name)) == g.count


def test_awaiting_owing_filter_is_the_dashboards_slice(demo):
    """已整改待销号 still owing money: its own ledger filter, counted as the summary does."""
    campaign = demo.settings.list_campaigns()[0]["id"]
    s = campaign_summary(demo, campaign, TODAY)
    f = lq.LedgerFilter(campaign_id=campaign, today=TODAY)
    owing = lq.count(demo, f.with_(status=lq.AWAITING_OWING))
    assert owing == s.total.awaiting_owing
    rectified = lq.count(demo, f.with_(light="rectified"))
    assert owing + rectified == s.total.awaiting_closure
    ids = lq.page_ids(demo, f.with_(status=lq.AWAITING_OWING), sort="status", limit=1000,
                      matches=owing)
    rows = lq.rows_by_id(demo, ids, f)
    assert len(rows) == owing and all(
        r["status"] == AWAITING and rules.owes_money(r["amount_involved"], r["amount_repaid"])
        for r in rows)
