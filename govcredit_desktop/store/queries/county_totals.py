"""Totals of a county campaign's merged records by area, category, source and status: the
``CampaignSummary`` of ``summary.py`` over every department campaign linked to it, so the
county documents print them with the same code as a department's."""

from __future__ import annotations

import datetime as _dt

from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store.queries.coverage import OVERDUE_SQL
from govcredit_desktop.store.queries.summary import CampaignSummary, Group, _ordered

_GROUPED_SQL = f"""
SELECT p.area, p.category, p.source, p.status, count(*) AS n,
       coalesce(sum(p.amount_involved), 0) AS involved,
       coalesce(sum(p.amount_repaid), 0) AS repaid,
       sum({OVERDUE_SQL}) AS overdue,
       sum(p.amount_involved > 0) AS with_money
FROM campaign c JOIN problem p ON p.campaign_id = c.id
WHERE c.county_campaign_id = :county_campaign
GROUP BY p.area, p.category, p.source, p.status
"""
_MEASURES_SQL = """
SELECT count(*) AS total, coalesce(sum(m.status = :done), 0) AS done
FROM campaign c JOIN problem p ON p.campaign_id = c.id JOIN measure m ON m.problem_id = p.id
WHERE c.county_campaign_id = :county_campaign
"""


def county_summary(db, county_campaign_id: int | None,
                   on_date: _dt.date | None = None) -> CampaignSummary:
    """Totals of the county campaign's merged records as of ``on_date`` (today by
    default); all zero for None (no county campaign yet).  ``campaign_id`` of the result
    is the county campaign's id."""
    on_date = on_date or _dt.date.today()
    params = {"county_campaign": county_campaign_id, "on_date": on_date.isoformat(),
              "closed": ProblemStatus.CLOSED, "done": MeasureStatus.DONE}
    rows = db.query(_GROUPED_SQL, params) if county_campaign_id is not None else []
    total = Group("合计")
    groups: dict[str, dict[str, Group]] = {"area": {}, "category": {}, "source": {}}
    for r in rows:
        values = (r["status"], r["n"], r["involved"], r["repaid"], r["overdue"] or 0,
                  r["with_money"] or 0)
        total._add(*values)
        for kind, by_name in groups.items():
            by_name.setdefault(r[kind], Group(r[kind]))._add(*values)
    measures = (db.query(_MEASURES_SQL, params)[0] if county_campaign_id is not None
                else {"total": 0, "done": 0})
    return CampaignSummary(
        campaign_id=county_campaign_id or 0, today=on_date, total=total,
        by_area=_ordered(groups["area"], db.settings.vocabulary("area")),
        by_category=_ordered(groups["category"], db.settings.vocabulary("category")),
        by_source=_ordered(groups["source"], db.settings.vocabulary("source")),
        measures_total=measures["total"], measures_done=measures["done"])
