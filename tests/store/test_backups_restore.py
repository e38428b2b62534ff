"""Backups, restore and rotation (store/backups.py): the evidence and the key come back,
a bad backup changes nothing, and the rotation keeps the newest N plus one a month."""

import datetime as dt
import shutil
import sqlite3

import pytest

from govcredit_desktop import demo
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package import signing
from govcredit_desktop.store import Database, backups, migrations

PASSWORD = "backup-test-password"


@pytest.fixture
def ledger(tmp_path):
    """A demo ledger with an evidence file and a signing key."""
    db = Database(tmp_path / "ledger.sqlite", actor="tester", create=True)
    demo.generate(db, 8)
    evidence = tmp_path / "凭证.pdf"
    evidence.write_bytes(b"%PDF-1.4 payment voucher " * 200)
    pid = db.scalar("SELECT min(id) FROM problem")
    eid = db.evidence.add(pid, evidence, note="付款凭证")
    dept = db.settings.department()
    db.keys.create(signing.generate(dept["name"], dept["uscc"]), PASSWORD)
    yield db, pid, eid, evidence.read_bytes()
    db.close()


def _content(db, eid) -> bytes:
    row = db.evidence.get(eid)
    return b"".join(db.evidence.iter_content(row["sha256"]))


def test_backup_and_restore_bring_back_evidence_and_key(ledger, tmp_path):
    db, pid, eid, content = ledger
    fingerprint = db.keys.active()["fingerprint"]
    stick = tmp_path / "U盘 备份"
    stick.mkdir()
    made = backups.backup(db, folder=stick)
    assert made.parent == stick and made.name.startswith("ledger.v")
    # Later work, then the backup restored.
    db.evidence.delete(eid)
    db.keys.replace(signing.generate("另一个单位", "91410421MA00000000"), "new-password-1",
                    "密钥泄露")
    db.problems.delete(pid)
    restored = backups.restore(db, made)
    assert restored.safety is not None and restored.safety.is_file()
    db.close()
    with Database(tmp_path / "ledger.sqlite") as again:
        assert again.check().ok
        assert _content(again, eid) == content
        assert again.keys.active()["fingerprint"] == fingerprint
        assert again.keys.unlock(PASSWORD).fingerprint == fingerprint
        assert again.problems.get(pid)
    # The state replaced by the restore is in the safety backup: its log is ahead of the
    # restored one, so it was moved aside, where `check` does not hold it against the log.
    assert restored.safety.parent.name == "ledger-恢复前的备份"
    with Database(restored.safety) as before:
        assert before.scalar("SELECT count(*) FROM problem WHERE id = ?", (pid,)) == 0
        assert before.scalar("SELECT count(*) FROM evidence") == 0
        assert before.keys.active()["fingerprint"] != fingerprint


def _bytes(db) -> bytes:
    db.checkpoint()
    return db.path.read_bytes()


@pytest.mark.parametrize("damage", ["pages", "truncated", "text", "foreign", "county"])
def test_a_bad_backup_is_refused_and_the_database_is_untouched(ledger, tmp_path, damage,
                                                              county):
    db, *_ = ledger
    bad = tmp_path / "bad.backup.sqlite"
    good = backups.backup(db, folder=tmp_path)
    shutil.copy(good, bad)
    if damage == "pages":
        data = bytearray(bad.read_bytes())
        for at in range(8192, len(data) - 4096, 4096):  # every page after the schema's
            data[at + 100:at + 400] = b"\xa5" * 300
        bad.write_bytes(bytes(data))
    elif damage == "truncated":
        bad.write_bytes(good.read_bytes()[:len(good.read_bytes()) // 2])
    elif damage == "text":
        bad.write_text("这不是数据库", encoding="utf-8")
    elif damage == "foreign":
        bad.unlink()
        other = sqlite3.connect(bad)
        other.execute("CREATE TABLE notes (x)")
        other.close()
    else:
        county.checkpoint()
        shutil.copy(county.path, bad)
    before = _bytes(db)
    listed = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(UserError) as caught:
        backups.restore(db, bad)
    message = str(caught.value)
    assert "不能用于恢复" in message and "当前数据库未做任何改动" in message
    assert "restore.sqlite" not in message and "sqlite3" not in message
    assert _bytes(db) == before
    # No safety backup either: nothing was done before the refusal.
    assert sorted(p.name for p in tmp_path.iterdir()) == listed


def test_restoring_an_older_version_upgrades_the_copy(tmp_path):
    from tests.store.test_migrations import DATA

    old = DATA / "schema-v4.sqlite"
    with Database(tmp_path / "now.sqlite", create=True) as db:
        restored = backups.restore(db, old)
        assert db.scalar("PRAGMA user_version") == migrations.latest_version()
        assert restored.problems == 41
    with Database(tmp_path / "now.sqlite") as again:
        assert again.check().ok


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour))


def test_rotation_keeps_the_newest_n_and_one_a_month(db, tmp_path):
    first = dt.date(2026, 7, 20)
    days = [first + dt.timedelta(days=i) for i in range(0, 100, 3)]  # 34 backups, 4 months
    for day in days:
        backups.backup(db, now=_at(day))
    db.settings.set_backup_keep(5)
    assert db.settings.backup_keep() == 5
    removed = backups.prune(db.path, db.settings.backup_keep())
    left = sorted(b.made.date() for b in backups.list_backups(db.path))
    newest = sorted(days)[-5:]
    monthly = {}
    for day in days:
        monthly[(day.year, day.month)] = max(day, monthly.get((day.year, day.month), day))
    assert left == sorted(set(newest) | set(monthly.values()))
    assert len(removed) == len(days) - len(left)
    # A second pass keeps the same.
    assert backups.prune(db.path, 5) == []


def test_the_daily_backup_is_made_when_the_last_is_a_day_old(db):
    monday = _at(dt.date(2026, 11, 30))
    assert backups.auto_backup(db, now=monday) is not None
    assert backups.auto_backup(db, now=monday + dt.timedelta(hours=23)) is None
    later = backups.auto_backup(db, now=monday + dt.timedelta(hours=25))
    assert later is not None and "20261201-100000" in later.name
    # A clock put back before the newest backup: one more is made rather than none.
    assert backups.auto_backup(db, now=monday - dt.timedelta(days=3)) is not None


def test_the_keep_setting_is_bounded_and_audited(db):
    assert db.settings.backup_keep() == backups.DEFAULT_KEEP
    with pytest.raises(UserError, match="1 到 365"):
        db.settings.set_backup_keep(0)
    db.settings.set_backup_keep(30)
    assert db.scalar("SELECT count(*) FROM audit_log WHERE record_uuid = 'backup_keep'") == 1
    assert db.check().ok


def test_an_upgrade_backup_is_made_by_the_same_code(tmp_path, monkeypatch):
    calls = []
    real = backups.copy_into
    monkeypatch.setattr(backups, "copy_into", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    from tests.store.test_migrations import DATA

    path = tmp_path / "old.sqlite"
    shutil.copy(DATA / "schema-v6.sqlite", path)
    Database(path).close()
    assert len(calls) == 1 and calls[0].name.startswith("old.v6-")
