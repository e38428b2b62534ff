"""The reminders' query (store.queries.reminders) against core.rules on the demo
database, and the warning-window setting it and the 黄灯 share."""

import datetime as dt

import pytest

from govcredit_desktop.core import rules
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.queries import reminders as rq

TODAY = dt.date.today()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from govcredit_desktop import demo as demo_data
    from govcredit_desktop.store import Database

    db = Database(tmp_path_factory.mktemp("reminders") / "demo.sqlite", actor="t", create=True)
    demo_data.generate(db, 200, seed=5)
    yield db
    db.close()


@pytest.mark.parametrize("days", [3, 7, 30])
def test_problems_and_measures_due_by_the_rules(demo, days):
    due = rq.reminders(demo, TODAY, days, limit=10_000)
    problems = demo.query("SELECT * FROM problem")
    want = {p["id"] for p in problems
            if p["deadline"] and rules.problem_light(p, TODAY, days) in (
                rules.Light.RED, rules.Light.YELLOW)}
    assert {r.record_id for r in due.of(rq.PROBLEM)} == want and want
    assert due.totals[rq.PROBLEM] == len(want)
    overdue = {r.record_id for r in due.of(rq.PROBLEM) if r.overdue}
    assert overdue == {p["id"] for p in problems if rules.problem_overdue(p, TODAY)}
    assert due.overdue[rq.PROBLEM] == len(overdue)
    # The same problems the ledger's 红灯 and 黄灯 filters show with that window.
    f = lq.LedgerFilter(today=TODAY, warning_days=days)
    assert len(want) == lq.count(demo, f.with_(light="red")) + lq.count(
        demo, f.with_(light="yellow"))
    closed = {p["id"] for p in problems if p["status"] == ProblemStatus.CLOSED}
    measures = demo.query("SELECT * FROM measure")
    want_m = {m["id"] for m in measures if m["problem_id"] not in closed
              and rules.measure_light(m, TODAY, days) in (rules.Light.RED, rules.Light.YELLOW)}
    assert {r.record_id for r in due.of(rq.MEASURE)} == want_m and want_m
    assert due.overdue[rq.MEASURE] == sum(r.overdue for r in due.of(rq.MEASURE))
    for r in due.of(rq.MEASURE):
        m = next(x for x in measures if x["id"] == r.record_id)
        assert r.problem_id == m["problem_id"] and m["status"] != MeasureStatus.DONE


def test_overdue_first_then_by_date_and_limited(demo):
    due = rq.reminders(demo, TODAY, 7, limit=5)
    assert len(due.of(rq.PROBLEM)) == 5 and due.more(rq.PROBLEM) == due.totals[rq.PROBLEM] - 5
    keys = [(not r.overdue, r.due_date) for r in due.items]
    assert keys == sorted(keys)


def test_campaign_deadlines_within_14_days(demo):
    cid = demo.settings.list_campaigns()[0]["id"]
    demo.settings.update_campaign(cid, {
        "self_inspection_deadline": (TODAY - dt.timedelta(days=1)).isoformat(),
        "plan_deadline": (TODAY + dt.timedelta(days=14)).isoformat(),
        "rectification_deadline": (TODAY + dt.timedelta(days=15)).isoformat()})
    lines = rq.reminders(demo, TODAY, 7).of(rq.CAMPAIGN)
    assert [(r.record_id, r.days_left(TODAY)) for r in lines] == [(cid, 14)]
    assert "整改方案" in lines[0].text
    demo.settings.update_campaign(cid, {"plan_deadline": TODAY.isoformat()})
    (line,) = rq.reminders(demo, TODAY, 7).of(rq.CAMPAIGN)
    assert line.days_left(TODAY) == 0


def test_complaints_awaiting_a_reply(db):
    db.settings.set_complaint_reply_days(10)
    base = {"channel": "12345热线", "content": "反映某项目工程款拖欠", "handling_unit": "县住建局"}
    late = db.complaints.add({**base, "received_date": (TODAY - dt.timedelta(days=11)).isoformat()})
    fresh = db.complaints.add({**base, "channel": "举报箱",
                               "received_date": (TODAY - dt.timedelta(days=2)).isoformat()})
    db.complaints.add({**base, "received_date": (TODAY - dt.timedelta(days=30)).isoformat(),
                       "reply": "已答复", "reply_date": TODAY.isoformat()})
    due = rq.reminders(db, TODAY, 7)
    lines = due.of(rq.COMPLAINT)
    assert [(r.record_id, r.overdue, r.problem_id) for r in lines] == [
        (late, True, None), (fresh, False, None)]
    assert lines[0].days_left(TODAY) == -1 and lines[1].days_left(TODAY) == 8
    assert "12345热线" in lines[0].text and "举报箱" in lines[1].text
    assert due.items[0] == lines[0] and due.totals[rq.COMPLAINT] == 2
    assert due.overdue[rq.COMPLAINT] == 1


def test_empty_database_has_nothing_due(db):
    due = rq.reminders(db, TODAY, 7)
    assert due.empty and due.items == []


def test_warning_days_setting_is_audited_and_bounded(db):
    assert db.settings.warning_days() == rules.DEFAULT_WARNING_DAYS
    before = db.scalar("SELECT count(*) FROM audit_log")
    assert db.settings.set_warning_days(14) is True
    assert db.settings.warning_days() == 14
    assert db.settings.set_warning_days(14) is False
    assert db.scalar("SELECT count(*) FROM audit_log") == before + 1
    for bad in (0, 91, -3, "7", 7.5, True, None):
        with pytest.raises(UserError, match="预警天数应为 1 到 90"):
            db.settings.set_warning_days(bad)
    assert db.settings.warning_days() == 14
    assert db.scalar("SELECT count(*) FROM audit_log") == before + 1
    db.settings.set_warning_days(30)
    assert db.scalar("SELECT count(*) FROM audit_log") == before + 2
    assert db.check().ok  # the chain verifies and the replay accepts the meta rows
