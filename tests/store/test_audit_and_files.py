import sqlite3

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import migrations
from govcredit_desktop.store.database import Database
from govcredit_desktop.store.migrations import NewerDatabaseError
from tests.conftest import base_problem


def _raw(db):
    conn = sqlite3.connect(db.path)
    return conn


@pytest.fixture
def audited(db, campaign):
    for i in range(5):
        db.problems.add(base_problem(campaign, title=f"问题{i}"))
    assert db.verify_audit().ok
    return db


@pytest.mark.parametrize("sql, bad_id", [
    ("UPDATE audit_log SET after_json = replace(after_json, '问题2', '问题X') WHERE id = 4", 4),
    ("UPDATE audit_log SET actor = 'someone' WHERE id = 2", 2),
    ("DELETE FROM audit_log WHERE id = 3", 3),
    ("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", 6),
    ("UPDATE audit_log SET ts = '2020-01-01T00:00:00+00:00' WHERE id = 1", 1),
])
def test_tampering_is_detected(audited, sql, bad_id):
    conn = _raw(audited)
    conn.execute(sql)
    conn.commit()
    conn.close()
    report = audited.verify_audit()
    assert not report.ok
    assert report.first_bad_id == bad_id
    assert str(bad_id) in report.message()


def test_appended_forged_row_is_detected(audited):
    conn = _raw(audited)
    conn.execute("INSERT INTO audit_log SELECT id + 100, ts, actor, action, table_name,"
                 " record_uuid, before_json, after_json, hash, hash FROM audit_log WHERE id = 6")
    conn.commit()
    conn.close()
    assert not audited.verify_audit().ok


def test_newer_database_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "new.sqlite"
    Database(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="更新版本"):
        Database(path, create=True)
    assert path.read_bytes() == before


def test_upgrade_backs_up_first(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    with Database(path, create=True) as s:
        s.people.add({"name": "孙喆"})
    old = migrations.latest_version()

    def next_step(conn):
        conn.execute("ALTER TABLE person ADD COLUMN email TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, next_step])
    with Database(path, create=True) as s:
        assert s.scalar("PRAGMA user_version") == old + 1
        assert s.people.list()[0]["email"] == ""
    backups = list(tmp_path.glob(f"old.v{old}-*.backup.sqlite"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == old
    assert conn.execute("SELECT name FROM person").fetchone()[0] == "孙喆"
    conn.close()


def test_failed_migration_leaves_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    Database(path, create=True).close()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken])
    with pytest.raises(RuntimeError):
        Database(path, create=True)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version() - 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    conn.close()


def test_not_a_database_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"PK\x03\x04 not sqlite at all")
    with pytest.raises(UserError, match="不是本程序的数据库文件"):
        Database(path, create=True)
    assert path.read_bytes() == b"PK\x03\x04 not sqlite at all"


def test_corrupt_database_gives_clear_message(tmp_path):
    path = tmp_path / "broken.sqlite"
    with Database(path, create=True) as s:
        s.people.add({"name": "李四"})
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            p.unlink()
    with pytest.raises(UserError, match="损坏"):
        Database(path, create=True)


def test_check_finds_altered_evidence(db, campaign, tmp_path):
    pid = db.problems.add({"campaign_id": campaign, "title": "问题", "area": "其他",
                             "category": "其他", "source": "自查自纠"})
    f = tmp_path / "凭证.jpg"
    f.write_bytes(b"\xff\xd8 original scan")
    db.evidence.add(pid, f)
    assert db.integrity_problems() == []
    db.conn.execute("UPDATE evidence_blob SET data = ?", (b"\xff\xd8 altered",))
    db.conn.commit()
    problems = db.integrity_problems()
    assert len(problems) == 1 and "佐证材料内容已损坏" in problems[0]


def test_full_disk_refuses_the_edit_and_keeps_what_was_there(db, campaign):
    """SQLITE_FULL (here from max_page_count, as from a full disk or USB stick)."""
    first = db.problems.add({"campaign_id": campaign, "title": "已保存的问题", "area": "其他",
                               "category": "其他", "source": "自查自纠"})
    before = db.scalar("SELECT count(*) FROM audit_log")
    pages = db.scalar("PRAGMA page_count")
    db.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(UserError, match="磁盘已满"):
        db.problems.add({"campaign_id": campaign, "title": "新问题", "area": "其他",
                           "category": "其他", "source": "自查自纠",
                           "description": "很长的描述" * 1_000})
    db.conn.execute("PRAGMA max_page_count = 1073741823")
    assert [p["id"] for p in db.query("SELECT id FROM problem")] == [first]
    assert db.scalar("SELECT count(*) FROM audit_log") == before
    assert db.verify_audit().ok and db.integrity_problems() == []
