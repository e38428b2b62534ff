import datetime as dt

import pytest

from govcredit_desktop.core.rules import problem_light, problem_overdue
from govcredit_desktop.store.queries import ledger as lq
from tests.conftest import base_problem


@pytest.mark.parametrize(
    "term", ["拖", "拖欠", "工程款", "建筑工程", "宏达", "PPP", "2", "有限公司"])
def test_search_finds_exactly_what_like_finds(demo_db, term):
    like = demo_db.scalar(
        "SELECT count(*) FROM problem WHERE title LIKE :t OR description LIKE :t"
        " OR counterparty LIKE :t", {"t": f"%{term}%"})
    f = lq.LedgerFilter(search=term)
    assert lq.count(demo_db, f) == like
    ids = set(lq.page_ids(demo_db, f, limit=10_000))
    like_ids = {r["id"] for r in demo_db.query(
        "SELECT id FROM problem WHERE title LIKE :t OR description LIKE :t"
        " OR counterparty LIKE :t", {"t": f"%{term}%"})}
    assert ids == like_ids


def test_search_follows_edits(demo_db):
    pid = lq.page_ids(demo_db, lq.LedgerFilter(), limit=1)[0]
    assert lq.count(demo_db, lq.LedgerFilter(search="堃犇淼")) == 0
    demo_db.problems.update(pid, {"title": "测试堃犇淼标题"})
    assert lq.page_ids(demo_db, lq.LedgerFilter(search="犇淼")) == [pid]


def test_search_is_safe_with_quotes_and_operators(demo_db):
    for term in ['"', 'a" OR "b', "NEAR(", "*", "、", "%", "_"]:
        lq.count(demo_db, lq.LedgerFilter(search=term))  # no exception


def test_sql_light_matches_core_rule(demo_db):
    today = dt.date.today()
    f = lq.LedgerFilter(today=today)
    rows = lq.page(demo_db, f, limit=10_000)
    assert len(rows) == 300
    for r in rows:
        assert r["light"] == problem_light(r, today).value
    counts = {c: lq.count(demo_db, f.with_(light=c)) for c in lq.LIGHT_FILTERS}
    assert sum(counts.values()) == 300 and counts["red"] > 0 and counts["yellow"] > 0
    assert counts["closed"] > 0 and counts["green"] > 0 and counts["rectified"] > 0
    for light in lq.LIGHT_FILTERS:
        assert {r["light"] for r in lq.page(demo_db, f.with_(light=light), limit=10_000)} \
            <= {light}
    s = lq.summary(demo_db, f)
    assert (s.total, s.overdue, s.due_soon) == (300, counts["red"], counts["yellow"])
    assert s.closed == demo_db.scalar("SELECT count(*) FROM problem WHERE status = '已销号'")


def test_sql_light_of_undated_and_closed_problems(db, campaign):
    """No deadline shows 未定时限 and a closed problem 已销号, never 绿灯, in SQL as in
    core; an overdue 已整改待销号 still owing money stays red until closed, one with
    nothing owed is 已整改 (core/rules.py)."""
    today = dt.date(2021, 12, 1)
    undated = db.problems.add(base_problem(campaign, deadline=None))
    overdue = db.problems.add(base_problem(campaign, deadline="2021-11-20",
                                           status="已整改待销号"))
    rectified = db.problems.add(base_problem(campaign, deadline="2021-11-20",
                                             status="已整改待销号", amount_repaid=1_000_000))
    closed = db.problems.add(base_problem(campaign, deadline="2021-11-20"))
    db.measures.add(closed, {"content": "清偿", "status": "已完成",
                             "completed_date": "2021-11-15"})
    db.problems.close(closed, "王局长", "2021-11-16")
    f = lq.LedgerFilter(today=today)
    lights = {r["id"]: r["light"] for r in lq.page(db, f, limit=100)}
    assert lights == {undated: "undated", overdue: "red", rectified: "rectified",
                      closed: "closed"}
    for r in lq.page(db, f, limit=100):
        assert r["light"] == problem_light(r, today).value
    assert lq.page_ids(db, f.with_(light="green")) == []
    assert lq.page_ids(db, f.with_(light="undated")) == [undated]
    assert lq.page_ids(db, f.with_(light="closed")) == [closed]
    assert lq.page_ids(db, f.with_(light="rectified")) == [rectified]
    assert lq.page_ids(db, f.with_(light="red")) == [overdue]
    # The index-backed light sort orders a rectified problem by its deadline (ledger.py).
    assert lq.page_ids(db, f, sort="light") == [overdue, rectified, undated, closed]


@pytest.mark.parametrize("sort", list(lq.SORT_KEYS))
def test_every_sort_key_pages_consistently(demo_db, sort):
    f = lq.LedgerFilter(status="整改中")
    everything = lq.page_ids(demo_db, f, sort=sort, limit=10_000)
    paged = [i for off in range(0, len(everything), 40)
             for i in lq.page_ids(demo_db, f, sort=sort, offset=off, limit=40)]
    assert paged == everything and len(set(everything)) == len(everything)
    desc = lq.page_ids(demo_db, f, sort=sort, descending=True, limit=10_000)
    assert set(desc) == set(everything)


def test_filters_combine(demo_db):
    person = demo_db.people.list()[8]["id"]
    f = lq.LedgerFilter(person_id=person, area="招标投标")
    expected = demo_db.scalar(
        "SELECT count(*) FROM problem WHERE area = '招标投标' AND"
        " (responsible_person_id = ? OR responsible_leader_id = ?)", (person, person))
    assert lq.count(demo_db, f) == expected
    rows = lq.page(demo_db, lq.LedgerFilter(), sort="deadline", limit=5)
    assert [r["deadline"] for r in rows] == sorted(r["deadline"] for r in rows)
    assert all("measures_total" in r and r["measures_total"] >= 1 for r in rows)


def test_measure_counts_follow_measure_writes(demo_db):
    pid = lq.page_ids(demo_db, lq.LedgerFilter(status="待整改"), limit=1)[0]
    before = demo_db.problems.get(pid)
    mid = demo_db.measures.add(pid, {"content": "新措施"})
    p = demo_db.problems.get(pid)
    assert p["measures_total"] == before["measures_total"] + 1
    demo_db.measures.update(mid, {"status": "已完成", "completed_date": "2021-12-01"})
    assert demo_db.problems.get(pid)["measures_done"] == before["measures_done"] + 1
    demo_db.measures.delete(mid)
    after = demo_db.problems.get(pid)
    assert (after["measures_total"], after["measures_done"]) == (
        before["measures_total"], before["measures_done"])
    assert demo_db.integrity_problems() == []
    demo_db.conn.execute("UPDATE problem SET measures_done = 99 WHERE id = ?", (pid,))
    assert "措施计数" in demo_db.integrity_problems()[0]


def test_search_count_with_single_campaign_shortcut(demo_db):
    campaign = demo_db.settings.list_campaigns()[0]["id"]
    f = lq.LedgerFilter(campaign_id=campaign, search="拖欠")
    assert lq.count(demo_db, f) == len(lq.page_ids(demo_db, f, limit=10_000))
    other = lq.LedgerFilter(campaign_id=campaign + 1, search="拖欠")
    assert lq.count(demo_db, other) == 0


def test_ledger_rows_carry_exactly_the_typed_keys(demo_db):
    row = lq.page(demo_db, lq.LedgerFilter(), limit=1)[0]
    assert set(row) == set(lq.LedgerRow.__annotations__)


def test_report_rows_carry_the_typed_keys(demo_db):
    from govcredit_desktop.store.queries import report_data

    campaign_id = demo_db.settings.latest_campaign()["id"]
    row = next(report_data.iter_ledger_rows(demo_db, campaign_id))
    assert set(report_data.ReportRow.__annotations__) <= set(row)
    assert set(row["measures"][0]) == set(report_data.MeasureRow.__annotations__)
    measure = next(report_data.iter_measure_rows(demo_db, campaign_id))
    assert set(measure) == set(report_data.MeasureListRow.__annotations__)


@pytest.mark.parametrize("light, status", [("red", None), ("yellow", None), ("green", None),
                                           ("undated", None), ("rectified", None)])
def test_progress_descending_of_open_problems_merges_one_walk_per_status(demo_db, light,
                                                                          status):
    # Small pages with the count given: the walk plans run, and with them the merge of
    # one (status, progress) walk per open status; each page must be the reference's.
    f = lq.LedgerFilter(light=light, status=status)
    n = lq.count(demo_db, f)
    wanted = set(lq.page_ids(demo_db, f, limit=10_000))
    reference = [i for _done, i in sorted(
        ((done * 1.0 / max(total, 1), i) for i, done, total in demo_db.conn.execute(
            "SELECT id, measures_done, measures_total FROM problem")
         if i in wanted), reverse=True)]
    assert len(reference) == n
    for offset in range(0, min(n, 40), 5):
        assert lq.page_ids(demo_db, f, sort="progress", descending=True, offset=offset,
                           limit=5, matches=n) == reference[offset:offset + 5]


@pytest.mark.parametrize("status", [None, lq.NOT_CLOSED, "整改中"])
def test_the_red_count_is_the_rows_the_red_filter_lists(demo_db, status):
    """The 红灯 count (by the status line's range counts, without a status of its own)
    is the number of rows the table lists, and the overdue rule's."""
    today = dt.date.today()
    campaign = demo_db.settings.list_campaigns()[0]["id"]
    for scope in (None, campaign):
        f = lq.LedgerFilter(campaign_id=scope, status=status, light="red", today=today)
        listed = lq.page_ids(demo_db, f, limit=10_000)
        rows = demo_db.query("SELECT * FROM problem")
        want = {r["id"] for r in rows if problem_overdue(r, today)
                and (status is None or (r["status"] != "已销号" if status == lq.NOT_CLOSED
                                        else r["status"] == status))}
        assert lq.count(demo_db, f) == len(listed) == len(want) > 0
        assert set(listed) == want
