"""The merged ledger of a county file (issue 16): LedgerFilter.department_id gives
exactly a department's records (by SQL through its campaigns), with the other filters,
the counts and the page plans; LedgerRow.department names the registered department in
a county file and is None in a department's own."""

import pytest

from govcredit_desktop.store.queries import ledger as lq
from tests.county.scene import NAMES, make_scene


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return make_scene(tmp_path_factory.mktemp("ledger-county"))


@pytest.fixture
def county(scene, tmp_path):
    db = scene.county_db(tmp_path)
    yield db
    db.close()


def departments(db) -> dict[str, int]:
    return {d["name"]: d["id"] for d in db.registrations.departments()}


def own_ids(db, department_id: int, where: str = "1", params: tuple = ()) -> set[int]:
    return set(db.column(
        "SELECT p.id FROM problem p JOIN campaign c ON c.id = p.campaign_id"
        f" WHERE c.department_id = ? AND {where}", (department_id, *params)))


def test_the_department_filter_gives_exactly_its_records(county):
    ids = departments(county)
    total = 0
    for name in NAMES:
        f = lq.LedgerFilter(department_id=ids[name])
        expected = own_ids(county, ids[name])
        assert lq.count(county, f) == len(expected)
        for sort in ("number", "deadline", "department", "responsible_person", "status"):
            for descending in (False, True):
                page = lq.page_ids(county, f, sort, descending, limit=1000)
                assert set(page) == expected and len(page) == len(expected)
        summary = lq.summary(county, f)
        assert summary.total == len(expected)
        assert summary.closed == len(own_ids(county, ids[name], "p.status = '已销号'"))
        total += len(expected)
    assert total == county.scalar("SELECT count(*) FROM problem")
    assert lq.count(county, lq.LedgerFilter(department_id=ids[NAMES[3]])) == 0  # missing
    assert lq.count(county, lq.LedgerFilter(department_id=999_999)) == 0


def test_the_department_filter_with_the_others(county):
    ids = departments(county)
    dept = ids[NAMES[0]]
    # The others mean what they mean on the whole ledger; the department narrows them.
    for light in (None, "red", "yellow", "green", "rectified"):
        f = lq.LedgerFilter(department_id=dept, status=lq.NOT_CLOSED, light=light)
        whole = set(lq.page_ids(county, f.with_(department_id=None), limit=1000))
        expected = whole & own_ids(county, dept)
        assert set(lq.page_ids(county, f, limit=1000)) == expected
        assert lq.count(county, f) == lq.summary(county, f).total == len(expected)
        if light is None:
            assert expected and expected != whole
    term = county.scalar("SELECT substr(title, 1, 2) FROM problem p JOIN campaign c"
                         " ON c.id = p.campaign_id WHERE c.department_id = ?", (dept,))
    found = lq.page_ids(county, lq.LedgerFilter(department_id=dept, search=term), limit=1000)
    assert found and set(found) <= own_ids(county, dept)
    assert set(found) == own_ids(county, dept, "(p.title LIKE ? OR p.description LIKE ?"
                                 " OR p.counterparty LIKE ?)", (f"%{term}%",) * 3)


def test_rows_name_their_department_and_sort_by_it(county):
    ids = departments(county)
    names = {v: k for k, v in ids.items()}
    rows = lq.page(county, lq.LedgerFilter(), "department", limit=1000)
    assert len(rows) == county.scalar("SELECT count(*) FROM problem")
    for row in rows:
        owner = county.scalar("SELECT department_id FROM campaign WHERE id = ?",
                              (row["campaign_id"],))
        assert row["department"] == names[owner]
    # Each department's records together, in their own numbers' order.
    shown = [r["department"] for r in rows]
    runs = [name for i, name in enumerate(shown) if i == 0 or shown[i - 1] != name]
    assert sorted(runs) == sorted(set(shown)) == sorted(NAMES[:3])
    for name in NAMES[:3]:
        numbers = [r["number"] for r in rows if r["department"] == name]
        assert numbers == sorted(numbers)
    backwards = lq.page(county, lq.LedgerFilter(), "department", True, limit=1000)
    assert [r["id"] for r in backwards] == [r["id"] for r in rows][::-1]


def test_a_department_file_has_no_department_names(demo_db):
    row = lq.page(demo_db, lq.LedgerFilter(), limit=1)[0]
    assert row["department"] is None
    assert lq.count(demo_db, lq.LedgerFilter(department_id=1)) == 0
    assert lq.page_ids(demo_db, lq.LedgerFilter(), "department", limit=10_000) == \
        lq.page_ids(demo_db, lq.LedgerFilter(), "number", limit=10_000)
