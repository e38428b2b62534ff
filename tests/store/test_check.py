"""Database.check: its progress, cancelling it, and damage only the full integrity check
sees (an index that no longer matches its table), found by the pieces it is split into
(store/file_check.py) on the mapped readers they run on."""

import sqlite3
import threading

import pytest

from govcredit_desktop.core.errors import Cancelled
from govcredit_desktop.store import Database, file_check


def test_check_reports_progress_on_its_own_thread_forward_to_the_end(make_demo_db):
    db = make_demo_db(problems=30)
    seen, threads = [], set()

    def progress(done, total):
        seen.append((done, total))
        threads.add(threading.get_ident())

    result = db.check(progress=progress)
    assert result.ok and result.damage == [] and result.cut == []
    total = seen[0][1]
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert all(t == total for _d, t in seen)
    assert [d for d, _t in seen] == sorted({d for d, _t in seen})  # forward, each once
    assert threads == {threading.get_ident()}
    # Every table's piece, and the whole-file ones, are counted.
    with sqlite3.connect(db.path) as conn:
        tables = conn.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                              " AND rootpage > 0").fetchone()[0]
    assert total == tables + 3 + 4


def test_the_pieces_are_every_table_and_the_whole_file(make_demo_db):
    db = make_demo_db(problems=5)
    plan = file_check.pieces(db.conn)
    names = [p.name for p in plan]
    tables = db.column("SELECT name FROM sqlite_schema WHERE type = 'table' AND rootpage > 0")
    assert sorted(names) == sorted([*tables, "quick_check", "foreign_key_check",
                                    "measure_counts"])
    assert names[0] == "problem"  # the costliest first: most indexes, most rows


def test_a_cancelled_check_stops_its_readers(make_demo_db):
    db = make_demo_db(problems=30)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(Cancelled):
        db.check(cancelled=cancelled)
    assert not [t for t in threading.enumerate() if t.name.startswith("check-file")]
    assert db.check().ok  # nothing left behind


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
    full = [r[0] for r in sqlite3.connect(path).execute("PRAGMA integrity_check")]
    with Database(path) as reopened:
        result = reopened.check()
    assert not result.ok and any("problem_title" in line for line in result.damage)
    # The pieces find what the one statement finds, each line once.
    assert sorted(result.damage) == sorted(full)


def test_stale_counts_and_broken_keys_are_named(make_demo_db):
    db = make_demo_db(problems=10)
    conn = sqlite3.connect(db.path)
    conn.execute("UPDATE problem SET measures_total = measures_total + 1 WHERE id = 3")
    conn.execute("UPDATE problem SET measures_done = measures_done + 1 WHERE id = 4")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE measure SET problem_id = 999999 WHERE id = 1")
    conn.commit()
    conn.close()
    damage = db.check().damage
    # Measure 1 left problem 1, so problem 1's counts are stale too.
    assert "3个问题的措施计数与措施表不一致" in damage
    assert any(line.startswith("外键引用失效：measure #1 → problem") for line in damage)
    assert db.integrity_problems() == damage
