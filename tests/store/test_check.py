"""Database.check: every stage in order with its progress, and damage only the full
integrity check sees (an index that no longer matches its table) found on the mapped
reader it runs on."""

import sqlite3

from govcredit_desktop.store import Database
from govcredit_desktop.store.database import CHECK_STAGES


def test_check_reports_each_stage(make_demo_db):
    db = make_demo_db(problems=30)
    seen = []
    result = db.check(progress=lambda done, total: seen.append((done, total)))
    assert result.ok and result.damage == [] and result.cut == []
    n = len(CHECK_STAGES)
    assert seen == [(i, n) for i in range(n + 1)]


def test_check_finds_an_index_out_of_step_with_its_table(make_demo_db, tmp_path):
    db = make_demo_db(problems=30)
    path = db.path
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    # The index still holds the titles; the schema now says it indexes the unit.
    conn.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX problem_title ON"
                 " problem(responsible_unit)' WHERE name = 'problem_title'")
    conn.commit()
    conn.close()
    quick = sqlite3.connect(path).execute("PRAGMA quick_check").fetchall()
    assert quick == [("ok",)]  # only the full check sees it
    with Database(path) as reopened:
        result = reopened.check()
    assert not result.ok and any("problem_title" in line for line in result.damage)
