"""Stored databases of every old schema version open, upgrade and keep their data.

``tests/data/schema-vN.sqlite`` was made by the program at schema version N
(demo data plus edits made through the store: a closure, a reopening, evidence,
a user vocabulary; from version 2 on, a deleted problem too).  Every version has
one, the latest included: make it with the program as it stands before writing
the next migration, and never change it afterwards.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from govcredit_desktop.store import migrations
from govcredit_desktop.store.database import Database

DATA = Path(__file__).resolve().parents[1] / "data"
STORED = sorted(DATA.glob("schema-v*.sqlite"))


def _schema(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
                             " AND name NOT LIKE 'sqlite_%'").fetchall())


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_old_version_has_a_stored_file():
    versions = {int(p.stem.split("-v")[1]) for p in STORED}
    assert versions == set(range(1, migrations.latest_version() + 1))


@pytest.mark.parametrize("stored", STORED, ids=lambda p: p.stem)
def test_stored_database_upgrades_with_backup_data_and_audit(stored, tmp_path):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(stored, path)
    version = _rows(path, "PRAGMA user_version")[0][0]
    problems_before = _rows(path, "SELECT uuid, title, amount_involved, amount_repaid, status"
                                  " FROM problem ORDER BY id")
    audit_before = _rows(path, "SELECT count(*) FROM audit_log")[0][0]
    evidence_before = _rows(path, "SELECT sha256, original_name FROM evidence")

    with Database(path, create=True) as db:
        assert db.scalar("PRAGMA user_version") == migrations.latest_version()
        report = db.verify_audit()
        assert report.ok, report.message()
        # One audit entry per step says what the upgrade did.
        steps = db.query("SELECT record_uuid, after_json FROM audit_log"
                         " WHERE action = 'migrate' ORDER BY id")
        assert [s["record_uuid"] for s in steps] == [
            f"v{v}" for v in range(version + 1, migrations.latest_version() + 1)]
        assert report.checked == audit_before + len(steps)
        assert db.integrity_problems() == []
        # The renamed flag kept its values, and the store reads and writes it.
        flagged = db.scalar("SELECT count(*) FROM problem WHERE listed_as_dishonest = 1")
        assert flagged > 0
        pid = db.problems.add({"campaign_id": 1, "title": "升级后新增", "area": "政府采购",
                               "category": "其他", "source": "自查自纠",
                               "listed_as_dishonest": 1})
        assert db.problems.get(pid)["listed_as_dishonest"] == 1
        assert db.evidence.list(db.problems.get(41)["id"])[0]["original_name"]

    after = _rows(path, "SELECT uuid, title, amount_involved, amount_repaid, status"
                        " FROM problem WHERE title != '升级后新增' ORDER BY id")
    assert after == problems_before
    assert _rows(path, "SELECT sha256, original_name FROM evidence") == evidence_before
    backups = list(tmp_path.glob(f"ledger.v{version}-*.backup.sqlite"))
    if version == migrations.latest_version():
        assert backups == []  # nothing to upgrade, nothing copied
        return
    assert len(backups) == 1
    assert _rows(backups[0], "PRAGMA user_version")[0][0] == version
    assert _rows(backups[0], "SELECT uuid, title, amount_involved, amount_repaid, status"
                             " FROM problem ORDER BY id") == problems_before


@pytest.mark.parametrize("stored", STORED, ids=lambda p: p.stem)
def test_upgraded_schema_equals_a_new_one(stored, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(stored, path)
    Database(path, create=True).close()
    Database(tmp_path / "new.sqlite", create=True).close()
    old, new = sqlite3.connect(path), sqlite3.connect(tmp_path / "new.sqlite")
    try:
        assert _schema(old) == _schema(new)
    finally:
        old.close()
        new.close()


def test_a_new_database_records_no_migration(tmp_path):
    with Database(tmp_path / "new.sqlite", create=True) as db:
        assert db.scalar("SELECT count(*) FROM audit_log") == 0


@pytest.mark.parametrize("stored", ["schema-v5.sqlite", "county-v5.sqlite"])
def test_v6_adds_the_sort_indexes_after_a_backup(stored, tmp_path):
    from govcredit_desktop.store import schema

    path = tmp_path / "ledger.sqlite"
    shutil.copy(DATA / stored, path)
    with Database(path, create=True, kind=None) as db:
        indexes = set(db.column("SELECT name FROM sqlite_master WHERE type = 'index'"))
        step = db.query("SELECT after_json FROM audit_log WHERE action = 'migrate'"
                        " AND record_uuid = 'v6'")
    made = {s.split()[2] for s in schema.V6 if s.startswith("CREATE INDEX")}
    assert made <= indexes and "problem_status" not in indexes
    assert len(step) == 1 and "problem_status_light" in step[0]["after_json"]
    backups = list(tmp_path.glob("ledger.v5-*.backup.sqlite"))
    assert len(backups) == 1
    old = _rows(backups[0], "SELECT name FROM sqlite_master WHERE type = 'index'")
    assert ("problem_status",) in old and ("problem_status_light",) not in old


@pytest.mark.parametrize("stored", ["schema-v6.sqlite", "county-v6.sqlite"])
def test_v7_adds_the_awaiting_money_index_after_a_backup(stored, tmp_path):
    from govcredit_desktop.store import schema

    path = tmp_path / "ledger.sqlite"
    shutil.copy(DATA / stored, path)
    before = _rows(path, "SELECT * FROM problem ORDER BY id")
    with Database(path, create=True, kind=None) as db:
        indexes = set(db.column("SELECT name FROM sqlite_master WHERE type = 'index'"))
        step = db.query("SELECT after_json FROM audit_log WHERE action = 'migrate'"
                        " AND record_uuid = 'v7'")
    made = {s.split()[2] for s in schema.V7 if s.startswith("CREATE INDEX")}
    assert made == {"problem_awaiting_money"} and made <= indexes
    assert len(step) == 1 and "problem_awaiting_money" in step[0]["after_json"]
    assert _rows(path, "SELECT * FROM problem ORDER BY id") == before
    backups = list(tmp_path.glob("ledger.v6-*.backup.sqlite"))
    assert len(backups) == 1


@pytest.mark.parametrize("stored", ["schema-v7.sqlite", "county-v7.sqlite"])
def test_v8_adds_the_complaint_and_dishonesty_tables_empty(stored, tmp_path):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(DATA / stored, path)
    before = _rows(path, "SELECT * FROM problem ORDER BY id")
    with Database(path, create=True, kind=None) as db:
        tables = set(db.column("SELECT name FROM sqlite_master WHERE type = 'table'"))
        step = db.query("SELECT after_json FROM audit_log WHERE action = 'migrate'"
                        " AND record_uuid = 'v8'")
        added = {"complaint", "dishonesty_record", "sanction", "credit_repair"}
        assert added <= tables
        assert all(db.scalar(f"SELECT count(*) FROM {t}") == 0 for t in added)
        # The old flag keeps its values: the records replace it from now on, not backwards.
        flagged = db.scalar("SELECT count(*) FROM problem WHERE listed_as_dishonest = 1")
        assert flagged == sum(1 for row in before if row[22] == 1)
    assert len(step) == 1 and all(t in step[0]["after_json"] for t in added)
    assert _rows(path, "SELECT * FROM problem ORDER BY id") == before
    assert len(list(tmp_path.glob("ledger.v7-*.backup.sqlite"))) == 1


@pytest.mark.parametrize("stored", ["schema-v10.sqlite", "county-v10.sqlite"])
def test_v11_adds_the_area_category_indexes_after_a_backup(stored, tmp_path):
    from govcredit_desktop.store import schema

    path = tmp_path / "ledger.sqlite"
    shutil.copy(DATA / stored, path)
    before = _rows(path, "SELECT * FROM problem ORDER BY id")
    with Database(path, create=True, kind=None) as db:
        indexes = set(db.column("SELECT name FROM sqlite_master WHERE type = 'index'"))
        step = db.query("SELECT after_json FROM audit_log WHERE action = 'migrate'"
                        " AND record_uuid = 'v11'")
    made = {s.split()[2] for s in schema.V11}
    assert made == {"problem_area_category", "problem_category_area"} and made <= indexes
    assert len(step) == 1 and all(name in step[0]["after_json"] for name in made)
    assert _rows(path, "SELECT * FROM problem ORDER BY id") == before
    backups = list(tmp_path.glob("ledger.v10-*.backup.sqlite"))
    assert len(backups) == 1
    old = _rows(backups[0], "SELECT name FROM sqlite_master WHERE type = 'index'")
    assert not made & {name for (name,) in old}
