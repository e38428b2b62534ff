"""The ledger's sorts under every filter the UI offers (issue 21): the order is the same
whichever plan ``page_ids`` picks (walk the sort key's index, read and sort the matches,
read from the other end for a late page, 责任人 by name), and the plans are the ones the
schema's indexes were made for: EXPLAIN QUERY PLAN shows no sort of all the matches where
a walk or a status-led index was chosen."""

import datetime as dt

import pytest

from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.store.queries import ledger as lq
from govcredit_desktop.ui.ledger_model import COLUMN_KEYS
from tests.conftest import base_problem

TODAY = dt.date(2021, 11, 20)
RANK = {s.value: s.rank for s in ProblemStatus}


@pytest.fixture(scope="module")
def sorted_db(tmp_path_factory):
    from govcredit_desktop import demo
    from govcredit_desktop.store import Database

    db = Database(tmp_path_factory.mktemp("sorts") / "sorts.sqlite", actor="tester",
                  create=True)
    demo.generate(db, 3000, seed=11, today=TODAY)
    campaign = db.settings.list_campaigns()[0]["id"]
    # No person, no deadline, no amounts: the groups and NULLs every order must place.
    for i in range(12):
        db.problems.add(base_problem(campaign, title=f"无责任人{i}", deadline=None,
                                     amount_involved=None))
    db.analyze()
    yield db
    db.close()


def _null_first(value):
    return (0,) if value is None else (1, value)


def _key(sort: str, persons: dict):
    closed = ProblemStatus.CLOSED.value
    keys = {
        "number": lambda r: (r["campaign_id"], r["seq"]),
        # A county ledger groups by department through its campaigns (the number order).
        "department": lambda r: (r["campaign_id"], r["seq"]),
        "area": lambda r: (r["area"],),
        "category": lambda r: (r["category"],),
        "title": lambda r: (r["title"],),
        "responsible_unit": lambda r: (r["responsible_unit"],),
        "responsible_person": lambda r: (
            (1,) if r["responsible_person_id"] is None
            else (0, persons[r["responsible_person_id"]], r["responsible_person_id"])),
        "deadline": lambda r: (_null_first(r["deadline"]),),
        "status": lambda r: (RANK[r["status"]],),
        "progress": lambda r: (r["measures_done"] * 1.0 / max(r["measures_total"], 1),),
        "light": lambda r: (r["status"] == closed or r["deadline"] is None,
                            _null_first(r["deadline"])),
        "amount_involved": lambda r: (_null_first(r["amount_involved"]),),
        "amount_repaid": lambda r: (_null_first(r["amount_repaid"]),),
    }
    return lambda r: (*keys[sort](r), r["id"])


def filters(db) -> dict[str, lq.LedgerFilter]:
    """One filter of each kind the filter bar offers, every status and light."""
    first = db.query("SELECT area, category, responsible_unit, responsible_person_id,"
                     " campaign_id FROM problem WHERE responsible_person_id IS NOT NULL"
                     " LIMIT 1")[0]
    out = {"none": {}, "campaign": {"campaign_id": first["campaign_id"]},
           "area": {"area": first["area"]}, "category": {"category": first["category"]},
           "unit": {"responsible_unit": first["responsible_unit"]},
           "person": {"person_id": first["responsible_person_id"]},
           "status 未销号": {"status": lq.NOT_CLOSED}}
    out.update({f"status {s.value}": {"status": s.value} for s in ProblemStatus})
    out.update({f"light {light}": {"light": light} for light in lq.LIGHT_FILTERS})
    return {name: lq.LedgerFilter(today=TODAY, **kw) for name, kw in out.items()}


def test_every_filter_and_sort_pages_in_the_one_order(sorted_db):
    db = sorted_db
    persons = {p["id"]: p["name"] for p in db.query("SELECT id, name FROM person")}
    rows = db.query("SELECT * FROM problem")
    for name, f in filters(db).items():
        keep = set(lq.page_ids(db, f, limit=100_000))
        matches = lq.count(db, f)
        assert matches == len(keep), name
        for sort in COLUMN_KEYS:
            expected = [r["id"] for r in sorted((r for r in rows if r["id"] in keep),
                                                key=_key(sort, persons))]
            for descending in (False, True):
                want = expected[::-1] if descending else expected
                # As the ledger model asks: pages of 200 with the count known (late pages
                # come from the other end), and the last, short one.
                got = [i for offset in range(0, matches, 200)
                       for i in lq.page_ids(db, f, sort, descending, offset, 200, matches)]
                assert got == want, (name, sort, descending)
                if matches > 7:
                    assert lq.page_ids(db, f, sort, descending, matches - 7, 200,
                                       matches) == want[-7:], (name, sort, descending)
                assert lq.page_ids(db, f, sort, descending, 3, 50) == want[3:53], \
                    (name, sort, descending)


def _plans(db, f: lq.LedgerFilter, sort: str, descending: bool) -> list[str]:
    """The query plans of the statements page_ids runs for the first page, in order."""
    statements = []
    db.conn.set_trace_callback(statements.append)
    try:
        lq.page_ids(db, f, sort, descending, 0, 200, lq.count(db, f))
    finally:
        db.conn.set_trace_callback(None)
    pages = [s for s in statements if s.lstrip().startswith(("SELECT p.id", _MERGE))]
    assert pages, statements
    return [" | ".join(r["detail"] for r in db.query("EXPLAIN QUERY PLAN " + s))
            for s in pages]


# 进度 descending of an open light: one problem_status_progress walk per open status, their
# first rows merged (queries/ledger.py _by_status_page); the only sort is of those rows.
_MERGE = "SELECT id FROM (SELECT * FROM (SELECT p.id AS id"


# Filters with matches enough that a walk is chosen (3000 problems), and the sorts a
# status-led index of schema version 6 serves.
WALKED = ["none", "campaign", "status 整改中", "status 未销号", "status 已销号", "light red",
          "light green", "light closed"]
STATUS_LED = {"amount_repaid": "problem_status_repaid", "progress": "problem_status_progress",
              "light": "problem_status_light"}


@pytest.mark.parametrize("name", WALKED)
def test_many_matches_walk_an_index_in_order(sorted_db, name):
    db = sorted_db
    f = filters(db)[name]
    for sort in COLUMN_KEYS:
        for descending in (False, True):
            plans = _plans(db, f, sort, descending)
            # The walk first; a read-and-sort may follow where the walk ran past its
            # budget (the sort key goes with the filter: 已销号 are the older numbers).
            if "COMPOUND QUERY" in plans[0]:
                assert (name.startswith("light") and sort == "progress" and descending
                        and plans[0].count("INDEX problem_status_progress (status=?)") == 3
                        and "SCAN p" not in plans[0]), (name, sort, plans)
                continue
            assert "TEMP B-TREE" not in plans[0], (name, sort, descending, plans)
            single = f.status not in (None, lq.NOT_CLOSED) or f.light == "closed"
            if single and sort in STATUS_LED:
                assert f"INDEX {STATUS_LED[sort]} (status=?)" in plans[0], (name, sort, plans)
            if sort == "responsible_person":
                assert any("SCAN r USING COVERING INDEX person_name" in plan
                           and "problem_person" in plan for plan in plans), plans
            if sort == "light" and f.status == lq.NOT_CLOSED:
                assert "problem_open_light" in plans[0], (name, plans)
            if sort in ("light", "deadline") and f.light in ("red", "green"):
                # The light is a range of deadlines: the walk reads just that range.
                assert "INDEX problem_deadline (deadline" in plans[0], (name, plans)
            if sort == "status" and (f.status == lq.NOT_CLOSED or f.light in ("red", "green")):
                assert "problem_status_rank" in plans[0], (name, plans)


@pytest.mark.parametrize("name", ["area", "category", "unit", "person", "light yellow",
                                  "status 待整改"])
def test_few_matches_are_read_through_the_filter_and_sorted(sorted_db, name):
    db = sorted_db
    f = filters(db)[name]
    for sort in COLUMN_KEYS:
        plan = _plans(db, f, sort, False)[0]
        # The filter's own index finds the matches; no walk along another index.
        assert plan.startswith(("SEARCH p USING", "MULTI-INDEX OR")), (name, sort, plan)
        assert "SCAN p" not in plan, (name, sort, plan)


def test_a_walk_that_runs_long_gives_way_to_the_sort(sorted_db):
    """Sorted by amount descending, a category whose amounts are all small: the walk
    from the large amounts would read nearly every problem; it stops at its budget and
    the page comes from reading and sorting the category's problems, unchanged."""
    db = sorted_db
    campaign = db.settings.list_campaigns()[0]["id"]
    with db.transaction():
        for i in range(700):
            db.problems.add(base_problem(campaign, title=f"小额{i}", category="其他",
                                         amount_involved=i % 3))
    try:
        f = lq.LedgerFilter(category="其他", today=TODAY)
        n = lq.count(db, f)
        assert lq._walk_columns(db, f, "amount_involved", 200, n)  # the estimate says walk
        plans = _plans(db, f, "amount_involved", True)
        assert len(plans) == 2 and "TEMP B-TREE" in plans[1], plans
        rows = db.query("SELECT id, amount_involved FROM problem WHERE category = '其他'")
        want = [r["id"] for r in sorted(rows, key=lambda r: (_null_first(r["amount_involved"]),
                                                             r["id"]), reverse=True)]
        assert lq.page_ids(db, f, "amount_involved", True, 0, 200, n) == want[:200]
    finally:
        with db.transaction():
            for pid in db.column("SELECT id FROM problem WHERE title LIKE '小额%'"):
                db.problems.delete(pid)


def test_area_and_category_sort_each_other_by_one_seek(sorted_db):
    """领域 and 问题类型 go together: a walk of the other's index passed thousands of rows
    of other areas first (15-17 ms at 100k).  Led by the filter (schema v11), the page is
    one seek of problem_area_category / problem_category_area, in the one order."""
    db = sorted_db
    persons = {r["id"]: r["name"] for r in db.query("SELECT id, name FROM person")}
    rows = db.query("SELECT * FROM problem")
    for column, sort, index in (("area", "category", "problem_area_category"),
                                ("category", "area", "problem_category_area")):
        value = db.scalar(f"SELECT {column} FROM problem GROUP BY 1 ORDER BY count(*) DESC")
        f = lq.LedgerFilter(today=TODAY, **{column: value})
        n = lq.count(db, f)
        assert lq._walk_columns(db, f, sort, 200, n)  # enough matches to walk
        for descending in (False, True):
            plans = _plans(db, f, sort, descending)
            assert len(plans) == 1, plans  # no walk given up
            assert f"INDEX {index} ({column}=?)" in plans[0], plans
            assert "TEMP B-TREE" not in plans[0], plans
            want = [r["id"] for r in sorted((r for r in rows if r[column] == value),
                                            key=_key(sort, persons), reverse=descending)]
            assert lq.page_ids(db, f, sort, descending, 0, 200, n) == want[:200]
