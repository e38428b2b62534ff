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


def test_measures_due_are_read_from_their_index(demo):
    """At 100k every measure was read (0.8 s with the lock held); the partial index of
    open measures by deadline serves both the list and the count, as the plan says."""
    params = {"soon": TODAY.isoformat(), "today": TODAY.isoformat(), "limit": 50,
              "closed": ProblemStatus.CLOSED}
    for sql in (rq._MEASURES_SQL, rq._MEASURES_COUNT_SQL):
        plan = " ".join(r["detail"] for r in demo.query(
            "EXPLAIN QUERY PLAN " + sql.format(campaign=""), params))
        assert "measure_open_deadline" in plan, plan


def _measures_due_by_the_rules(db, days):
    closed = {p["id"] for p in db.query("SELECT id FROM problem WHERE status = ?",
                                        (ProblemStatus.CLOSED,))}
    due = [m for m in db.query("SELECT * FROM measure") if m["problem_id"] not in closed
           and rules.measure_light(m, TODAY, days) in (rules.Light.RED, rules.Light.YELLOW)]
    return len(due), sum(m["deadline"] < TODAY.isoformat() for m in due)


def test_measure_totals_leave_out_a_closed_problems_open_measures(make_demo_db):
    """The count of every campaign is range counts less the open measures of closed
    problems (found by measures_done < measures_total); a campaign's joins each measure's
    problem.  Both are the rule's, also for a closed problem whose measure was reopened
    (as an old file or an import can hold)."""
    db = make_demo_db(200, seed=11)
    cid = db.settings.list_campaigns()[0]["id"]
    want = _measures_due_by_the_rules(db, 7)
    for scope in (None, cid):
        due = rq.reminders(db, TODAY, 7, campaign_id=scope)
        assert (due.totals[rq.MEASURE], due.overdue[rq.MEASURE]) == want and want[1]
    pid = db.scalar("SELECT id FROM problem WHERE status = ? AND measures_total > 0",
                    (ProblemStatus.CLOSED,))
    late = (TODAY - dt.timedelta(days=3)).isoformat()
    # What the editor never does: an open measure of a closed problem.
    with db.transaction() as conn:
        conn.execute("UPDATE measure SET status = ?, deadline = ?, completed_date = NULL"
                     " WHERE problem_id = ?", (MeasureStatus.NOT_STARTED, late, pid))
        conn.execute("UPDATE problem SET measures_done = 0 WHERE id = ?", (pid,))
    assert _measures_due_by_the_rules(db, 7) == want
    open_due = db.scalar("SELECT count(*) FROM measure WHERE status != ? AND deadline <= ?",
                         (MeasureStatus.DONE, (TODAY + dt.timedelta(days=7)).isoformat()))
    assert open_due > want[0]  # the closed problem's measures are among the open ones
    for scope in (None, cid):
        due = rq.reminders(db, TODAY, 7, campaign_id=scope)
        assert (due.totals[rq.MEASURE], due.overdue[rq.MEASURE]) == want


def test_measure_totals_of_every_campaign_are_index_ranges(demo):
    """No lookup of each due measure's problem (0.35-1 s at 100k, the lock held)."""
    params = {"soon": TODAY.isoformat(), "today": TODAY.isoformat(),
              "closed": ProblemStatus.CLOSED}
    plan = [r["detail"] for r in demo.query("EXPLAIN QUERY PLAN " + rq._MEASURES_TOTAL_SQL,
                                            params)]
    assert sum("measure_open_deadline" in d for d in plan) == 2, plan
    assert sum("problem_status_progress (status=? AND <expr><?)" in d for d in plan) == 2, plan
    assert not any("problem_summary" in d or "PRIMARY KEY" in d for d in plan), plan
