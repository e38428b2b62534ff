import datetime as dt

import pytest

from govcredit_desktop.core.rules import light_for
from govcredit_desktop.store import ledger_query as lq


@pytest.mark.parametrize(
    "term", ["拖", "拖欠", "工程款", "建筑工程", "宏达", "PPP", "2", "有限公司"])
def test_search_finds_exactly_what_like_finds(demo_store, term):
    like = demo_store.scalar(
        "SELECT count(*) FROM problem WHERE title LIKE :t OR description LIKE :t"
        " OR counterparty LIKE :t", {"t": f"%{term}%"})
    f = lq.LedgerFilter(search=term)
    assert lq.count(demo_store, f) == like
    ids = set(lq.page_ids(demo_store, f, limit=10_000))
    like_ids = {r["id"] for r in demo_store.query(
        "SELECT id FROM problem WHERE title LIKE :t OR description LIKE :t"
        " OR counterparty LIKE :t", {"t": f"%{term}%"})}
    assert ids == like_ids


def test_search_follows_edits(demo_store):
    pid = lq.page_ids(demo_store, lq.LedgerFilter(), limit=1)[0]
    assert lq.count(demo_store, lq.LedgerFilter(search="堃犇淼")) == 0
    demo_store.update_problem(pid, {"title": "测试堃犇淼标题"})
    assert lq.page_ids(demo_store, lq.LedgerFilter(search="犇淼")) == [pid]


def test_search_is_safe_with_quotes_and_operators(demo_store):
    for term in ['"', 'a" OR "b', "NEAR(", "*", "、", "%", "_"]:
        lq.count(demo_store, lq.LedgerFilter(search=term))  # no exception


def test_sql_light_matches_core_rule(demo_store):
    today = dt.date.today()
    f = lq.LedgerFilter(today=today)
    rows = lq.page(demo_store, f, limit=10_000)
    assert len(rows) == 300
    for r in rows:
        assert r["light"] == light_for(r["deadline"], r["status"] == "已销号", today).value
    counts = {c: lq.count(demo_store, f.with_(light=c)) for c in ("red", "yellow", "green")}
    assert sum(counts.values()) == 300 and counts["red"] > 0 and counts["yellow"] > 0
    s = lq.summary(demo_store, f)
    assert (s.total, s.overdue, s.due_soon) == (300, counts["red"], counts["yellow"])
    assert s.closed == demo_store.scalar("SELECT count(*) FROM problem WHERE status = '已销号'")


@pytest.mark.parametrize("sort", list(lq.SORT_KEYS))
def test_every_sort_key_pages_consistently(demo_store, sort):
    f = lq.LedgerFilter(status="整改中")
    everything = lq.page_ids(demo_store, f, sort=sort, limit=10_000)
    paged = [i for off in range(0, len(everything), 40)
             for i in lq.page_ids(demo_store, f, sort=sort, offset=off, limit=40)]
    assert paged == everything and len(set(everything)) == len(everything)
    desc = lq.page_ids(demo_store, f, sort=sort, descending=True, limit=10_000)
    assert set(desc) == set(everything)


def test_filters_combine(demo_store):
    person = demo_store.list_persons()[8]["id"]
    f = lq.LedgerFilter(person_id=person, area="招标投标")
    expected = demo_store.scalar(
        "SELECT count(*) FROM problem WHERE area = '招标投标' AND"
        " (responsible_person_id = ? OR responsible_leader_id = ?)", (person, person))
    assert lq.count(demo_store, f) == expected
    rows = lq.page(demo_store, lq.LedgerFilter(), sort="deadline", limit=5)
    assert [r["deadline"] for r in rows] == sorted(r["deadline"] for r in rows)
    assert all("measures_total" in r and r["measures_total"] >= 1 for r in rows)


def test_measure_counts_follow_measure_writes(demo_store):
    pid = lq.page_ids(demo_store, lq.LedgerFilter(status="待整改"), limit=1)[0]
    before = demo_store.get_problem(pid)
    mid = demo_store.add_measure(pid, {"content": "新措施"})
    p = demo_store.get_problem(pid)
    assert p["measures_total"] == before["measures_total"] + 1
    demo_store.update_measure(mid, {"status": "已完成", "completed_date": "2021-12-01"})
    assert demo_store.get_problem(pid)["measures_done"] == before["measures_done"] + 1
    demo_store.delete_measure(mid)
    after = demo_store.get_problem(pid)
    assert (after["measures_total"], after["measures_done"]) == (
        before["measures_total"], before["measures_done"])
    assert demo_store.integrity_problems() == []
    demo_store.conn.execute("UPDATE problem SET measures_done = 99 WHERE id = ?", (pid,))
    assert "措施计数" in demo_store.integrity_problems()[0]


def test_search_count_with_single_campaign_shortcut(demo_store):
    campaign = demo_store.list_campaigns()[0]["id"]
    f = lq.LedgerFilter(campaign_id=campaign, search="拖欠")
    assert lq.count(demo_store, f) == len(lq.page_ids(demo_store, f, limit=10_000))
    other = lq.LedgerFilter(campaign_id=campaign + 1, search="拖欠")
    assert lq.count(demo_store, other) == 0
