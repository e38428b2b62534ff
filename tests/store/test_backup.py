"""The backup made before an upgrade is whole or absent, never half written."""

import errno
import os
import sqlite3

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import migrations


@pytest.fixture
def old_db(tmp_path, monkeypatch):
    """A database at the latest version and a migration to the next one."""
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrate(conn, path)
    conn.execute("INSERT INTO person (uuid, name, created_at, updated_at)"
                 " VALUES ('u1', '孙喆', '', '')")

    def next_step(c):
        c.execute("CREATE TABLE added_next (x)")

    version = migrations.latest_version()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, next_step])
    yield conn, path, version
    conn.close()


def test_backup_is_complete_and_alone(old_db, tmp_path):
    conn, path, version = old_db
    backup = migrations.migrate(conn, path)
    assert backup.parent == tmp_path and backup.name.endswith(".backup.sqlite")
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == version
    assert copy.execute("SELECT name FROM person").fetchone()[0] == "孙喆"
    copy.close()
    # No temporary file or journal beside it (the database's own -wal/-shm aside).
    assert sorted(p.name for p in tmp_path.iterdir()
                  if not p.name.startswith("old.sqlite")) == [backup.name]


def test_failed_backup_leaves_nothing_and_does_not_upgrade(old_db, tmp_path, monkeypatch):
    conn, path, version = old_db

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(UserError, match="磁盘空间不足") as caught:
        migrations.migrate(conn, path)
    assert "No space" not in str(caught.value)
    monkeypatch.undo()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert all(p.name.startswith("old.sqlite") for p in tmp_path.iterdir())
