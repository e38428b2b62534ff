"""The search's two plans (FTS ids checked by LIKE, or LIKE along the sort index) find
exactly what LIKE '%term%' finds, whichever is chosen (issue 21)."""

import datetime as dt
import random

import pytest

from govcredit_desktop.core.rules import is_rectified, problem_overdue
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.store.search import fts_exact, match_expression
from tests.conftest import base_problem

TODAY = dt.date(2021, 11, 20)


def _fold(text: str) -> str:
    # LIKE folds ASCII letters only.
    return "".join(ch.lower() if ch.isascii() else ch for ch in text or "")


def expected_ids(db, term: str, keep=lambda r: True) -> set[int]:
    t = _fold(term)
    return {r["id"] for r in db.query("SELECT * FROM problem")
            if keep(r) and any(t in _fold(r[k]) for k in ("title", "description", "counterparty"))}


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory):
    from govcredit_desktop import demo
    from govcredit_desktop.store import Database

    db = Database(tmp_path_factory.mktemp("plan") / "plan.sqlite", actor="tester", create=True)
    demo.generate(db, 400, seed=7, today=TODAY)
    campaign = db.settings.list_campaigns()[0]["id"]
    for title, desc in [("款，涉及某公司", "拖 欠工程款"), ("PPP项目款涉及审计", "100%_完成"),
                        ("拖欠，工程款", "合同款、涉及")]:
        db.problems.add(base_problem(campaign, title=title, description=desc))
    yield db
    db.close()


def terms(db) -> list[str]:
    """Common and rare terms of 1 to 6 characters taken from the data, and absent ones."""
    rng = random.Random(3)
    texts = [r["title"] + r["description"] for r in db.query("SELECT title, description "
                                                             "FROM problem")]
    out = ["拖", "款", "拖欠", "工程款", "款涉及", "款，涉及", "拖 欠", "ppp", "100%", "%", "_",
           "没有这个词", "、", "，涉"]
    for length in range(1, 7):
        for _ in range(3):
            text = rng.choice(texts)
            start = rng.randrange(max(1, len(text) - length))
            out.append(text[start:start + length])
    return [t for t in dict.fromkeys(out) if t.strip()]


FILTERS = [
    {},
    {"status": "整改中"},
    {"light": "red"},
    {"status": lq.NOT_CLOSED, "light": "yellow"},
]


@pytest.mark.parametrize("walk_cost", [0.0, 1e12], ids=["index-walk", "fts-ids"])
@pytest.mark.parametrize("extra", FILTERS, ids=lambda e: ",".join(e) or "no-filter")
def test_both_plans_find_what_like_finds(ledger_db, monkeypatch, walk_cost, extra):
    monkeypatch.setattr(lq, "_WALK_COST", walk_cost)
    db = ledger_db
    for term in terms(db):
        f = lq.LedgerFilter(search=term, today=TODAY, **extra)
        keep_ids = set(lq.page_ids(db, lq.LedgerFilter(today=TODAY, **extra), limit=100_000))
        want = expected_ids(db, term, lambda r, k=keep_ids: r["id"] in k)
        assert lq.count(db, f) == len(want), term
        for sort in ("deadline", "number", "responsible_person", "amount_repaid"):
            got = lq.page_ids(db, f, sort=sort, limit=100_000)
            assert set(got) == want and len(got) == len(want), (term, sort)
        # A page deep in the list: the same rows as the whole list cut there.
        whole = lq.page_ids(db, f, sort="deadline", descending=True, limit=100_000)
        assert lq.page_ids(db, f, sort="deadline", descending=True, offset=7,
                           limit=5) == whole[7:12]


def test_punctuation_in_the_text_is_not_skipped(ledger_db):
    db = ledger_db
    def texts(term):
        ids = lq.page_ids(db, lq.LedgerFilter(search=term, today=TODAY), limit=1000)
        return [(p := db.problems.get(i))["title"] + "|" + p["description"] + "|"
                + p["counterparty"] for i in ids]

    # The demo's descriptions say “…款，涉及…” dozens of times: none is 款涉及.
    assert [t.split("|")[0] for t in texts("款涉及")] == ["PPP项目款涉及审计"]
    with_comma = texts("款，涉及")
    assert len(with_comma) > 50 and all("款，涉及" in t for t in with_comma)
    # Nor a space inside the text, nor the one inside a term.
    assert lq.count(db, lq.LedgerFilter(search="拖 欠", today=TODAY)) == 1
    assert not any("拖 欠工程款" in t for t in texts("拖欠"))
    assert not any(t.startswith("拖欠，工程款") for t in texts("拖欠工程款"))
    # LIKE's wildcards are plain characters to the user.
    assert lq.count(db, lq.LedgerFilter(search="0%_", today=TODAY)) == 1
    assert lq.count(db, lq.LedgerFilter(search="PPP项目", today=TODAY)) == \
        lq.count(db, lq.LedgerFilter(search="ppp项目", today=TODAY))


def test_the_plan_follows_the_hit_count(ledger_db):
    db = ledger_db
    common = lq.search_condition(db, "款", {}, rows_wanted=5, sort="deadline")
    assert "MATCH" not in common  # a walk along the deadline index
    rare = lq.search_condition(db, "款，涉及某", {}, rows_wanted=200, sort="deadline")
    assert "MATCH" in rare
    deep = lq.search_condition(db, "款", {}, rows_wanted=10_000, sort="deadline")
    assert "MATCH" in deep  # the last page: the walk would read every row
    unsorted = lq.search_condition(db, "款", {}, rows_wanted=200, sort="responsible_person")
    assert "MATCH" in unsorted  # no index gives that order
    assert lq.search_condition(db, "没有这个词", {}, rows_wanted=200) == "0"


def test_terms_of_chinese_characters_and_digits_are_counted_in_the_index_exactly(ledger_db):
    """Punctuation and spaces are tokens of the index (store/search.py GAP), so a phrase
    of characters without case finds what LIKE finds, and its hit count is the count."""
    db = ledger_db
    for term in ("拖", "7", "拖欠", "款涉及", "2021年"):
        assert fts_exact(term), term
    for term in ("a", "é", "Ａ", "①", "，", "款，涉及", "拖 欠", "PPP项目"):
        assert not fts_exact(term), term
    exact = [t for t in terms(db) if fts_exact(t)]
    assert len(exact) > 10
    for term in exact + ["款涉及", "拖欠工程款"]:
        want = expected_ids(db, term)
        assert lq.fts_hits(db, match_expression(term)) == len(want), term
        assert lq.count(db, lq.LedgerFilter(search=term, today=TODAY)) == len(want), term


@pytest.mark.parametrize("extra", [{}, {"status": "整改中"}, {"light": "red"},
                                   {"area": "政府采购"}], ids=["search", "status", "light", "area"])
def test_the_status_line_counts_of_a_search_agree_with_its_rows(ledger_db, extra):
    """A search of Chinese characters counts its hits joined to the FTS ids in rowid
    order (with any other filter), any other the ordinary way: the figures are the rows'."""
    db = ledger_db
    for term in ("拖", "拖欠", "工程款", "款，涉及", "ppp"):
        f = lq.LedgerFilter(search=term, today=TODAY, **extra)
        ids = lq.page_ids(db, f, limit=100_000)
        rows = [db.problems.get(i) for i in ids]
        soon = TODAY + dt.timedelta(days=f.warning_days)
        statements = []
        db.conn.set_trace_callback(statements.append)
        try:
            got = lq.summary(db, f)
        finally:
            db.conn.set_trace_callback(None)
        assert got.total == len(rows), term
        assert got.closed == sum(r["status"] == "已销号" for r in rows), term
        assert got.overdue == sum(problem_overdue(r, TODAY) for r in rows), term
        assert got.due_soon == sum(
            not is_rectified(r["status"], r["amount_involved"], r["amount_repaid"])
            and r["deadline"] is not None
            and TODAY.isoformat() <= r["deadline"] <= soon.isoformat() for r in rows), term
        joined = any("problem_fts f CROSS JOIN problem p" in s for s in statements)
        assert joined == fts_exact(term), term
