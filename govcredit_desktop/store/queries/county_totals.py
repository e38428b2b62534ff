"""Totals of a county campaign's merged records by area, category, source and status: the
``CampaignSummary`` of ``summary.py`` over every department campaign linked to it, so the
county documents print them with the same code and the same rules as a department's."""

from __future__ import annotations

import datetime as _dt

from govcredit_desktop.store.queries.summary import (
    COUNTY_SCOPE,
    CampaignSummary,
    Group,
    campaign_summary,
)


def county_summary(db, county_campaign_id: int | None,
                   on_date: _dt.date | None = None) -> CampaignSummary:
    """Totals of the county campaign's merged records as of ``on_date`` (today by
    default); all zero for None (no county campaign yet).  ``campaign_id`` of the result
    is the county campaign's id."""
    on_date = on_date or _dt.date.today()
    if county_campaign_id is None:
        return CampaignSummary(campaign_id=0, today=on_date, total=Group("合计"),
                               by_area=[], by_category=[], by_source=[])
    return campaign_summary(db, county_campaign_id, on_date, scope=COUNTY_SCOPE)
