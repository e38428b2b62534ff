"""Demo data reads true (issue 17): each problem's area, target, measures, description
and notes fit its category and source; USCCs are valid and of the right kind."""

import pytest

from govcredit_desktop import demo
from govcredit_desktop.core.uscc import is_valid_uscc


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from govcredit_desktop.store import Database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 400)
        yield db


def test_no_measure_twice_in_a_problem(sample):
    assert sample.scalar("SELECT count(*) FROM (SELECT problem_id, content FROM measure"
                         " GROUP BY 1, 2 HAVING count(*) > 1)") == 0
    assert sample.scalar("SELECT max(n) FROM (SELECT count(*) AS n FROM measure"
                         " GROUP BY problem_id)") > 1


def test_area_target_and_measures_fit_the_category(sample):
    for p in sample.query("SELECT id, category, area, target FROM problem"):
        assert p["area"] in demo.CATEGORY_AREAS[p["category"]], p
        assert p["target"] == demo.TARGETS[p["category"]], p
        allowed = set(demo.MEASURE_TEMPLATES[p["category"]]) | set(demo._GENERAL_MEASURES)
        contents = sample.column("SELECT content FROM measure WHERE problem_id = ?", (p["id"],))
        assert set(contents) <= allowed, (p, contents)


def test_descriptions_say_the_source(sample):
    rows = sample.query("SELECT source, description, amount_involved FROM problem")
    assert {r["source"] for r in rows} == set(demo._FOUND_BY)
    for r in rows:
        text = r["description"]
        assert text.startswith(demo._FOUND_BY[r["source"]] + "，"), r
        if "多次" in text:
            assert r["source"] in ("投诉举报(12345热线)", "投诉举报(来信来访)"), r
        assert ("金额" in text) == bool(r["amount_involved"]), r


def test_payment_notes_only_where_money_was_repaid(sample):
    assert sample.scalar(
        "SELECT count(*) FROM progress e JOIN problem p ON p.id = e.problem_id"
        " WHERE e.note IN ('已拨付部分款项', '已与企业对账') AND NOT (p.amount_repaid > 0)") == 0


def test_uscc_kinds(sample):
    codes = sample.column("SELECT counterparty_uscc FROM problem")
    assert codes and all(c.startswith("91") and is_valid_uscc(c) for c in codes)
    department = sample.settings.department()["uscc"]
    assert department.startswith("11") and is_valid_uscc(department)
    assert demo.department_uscc("宝丰县交通运输局", 1).startswith("11")
