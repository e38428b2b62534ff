"""Ids are never reused; files that are not ours are refused without a byte changing;
a database is created only when asked; demo data lands whole or not at all."""

import hashlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import migrations
from govcredit_desktop.store.database import Database
from tests.conftest import base_problem

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_deleting_the_last_problem_frees_no_id(db, campaign):
    first = db.problems.add(base_problem(campaign))
    last = db.problems.add(base_problem(campaign, title="最后一个"))
    db.problems.delete(last)
    again = db.problems.add(base_problem(campaign, title="新问题"))
    assert again > last > first
    m = db.measures.add(again, {"content": "措施"})
    db.measures.delete(m)
    assert db.measures.add(again, {"content": "措施二"}) > m


def test_an_upgraded_file_never_reuses_a_deleted_id(tmp_path):
    # schema-v2 has problems 1-41; 42 was added last and deleted, so SQLite
    # before AUTOINCREMENT would have handed out 42 again.
    path = tmp_path / "v2.sqlite"
    shutil.copy(DATA / "schema-v2.sqlite", path)
    with Database(path) as db:
        assert db.scalar("PRAGMA application_id") == migrations.APPLICATION_ID
        new = db.problems.add({"campaign_id": 1, "title": "升级后新增", "area": "政府采购",
                               "category": "其他", "source": "自查自纠"})
        assert new == 43
        assert db.integrity_problems() == []


def test_a_new_file_is_marked_as_ours(db):
    assert db.scalar("PRAGMA application_id") == migrations.APPLICATION_ID


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_nothing_is_created_unless_asked(tmp_path, make):
    path = tmp_path / "ledger.sqlite"
    if make == "empty":
        path.write_bytes(b"")
    with pytest.raises(UserError, match="不存在|空文件"):
        Database(path)
    assert (path.exists(), path.stat().st_size if path.exists() else None) == \
        ((False, None) if make == "missing" else (True, 0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if make == "missing"
                                                          else ["ledger.sqlite"])


def _foreign(path: Path, statements: list[str], journal: str = "DELETE") -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("statements", [
    ["CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)",
     "INSERT INTO invoices (total) VALUES (12.5)"],
    ["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"],
    ["PRAGMA application_id = 1234", "CREATE TABLE t (x)"],
    ["PRAGMA user_version = 2", "CREATE TABLE meta (key TEXT, value TEXT)"],
], ids=["invoices", "meta-table", "other-app-id", "our-version-not-our-tables"])
def test_another_programs_database_is_refused_unchanged(tmp_path, statements):
    path = tmp_path / "other.sqlite"
    _foreign(path, statements)
    before = sha(path)
    for create in (False, True):
        with pytest.raises(UserError, match="不是本程序的数据库文件"):
            Database(path, create=create)
    assert sha(path) == before
    # Not switched to WAL either: the header still says rollback journal.
    assert path.read_bytes()[18:20] == b"\x01\x01"


def test_check_on_a_foreign_file_changes_nothing(tmp_path):
    path = tmp_path / "other.sqlite"
    _foreign(path, ["CREATE TABLE invoices (id INTEGER PRIMARY KEY)"])
    before = sha(path)
    result = subprocess.run([sys.executable, "-m", "govcredit_desktop", "check", "--db",
                             str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "不是本程序的数据库文件" in result.stderr and "Traceback" not in result.stderr
    assert sha(path) == before


def test_a_zero_byte_file_is_not_checked_into_a_database(tmp_path):
    path = tmp_path / "zero.sqlite"
    path.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "govcredit_desktop", "check", "--db",
                             str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "空文件" in result.stderr
    assert path.read_bytes() == b""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_demo_leaves_no_database(tmp_path):
    path = tmp_path / "demo.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "govcredit_desktop", "demo", "--db",
                             str(path), "--problems", "20000"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Kill it once it reports progress: the bulk write is under way.
    deadline = time.monotonic() + 60
    seen = ""
    while "已生成" not in seen and time.monotonic() < deadline:
        seen += proc.stderr.read(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not path.exists()
    # A re-run is not refused, and it completes.
    result = subprocess.run([sys.executable, "-m", "govcredit_desktop", "demo", "--db",
                             str(path), "--problems", "50"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # Nothing but the finished database (temporary companions of the killed run
    # are hidden and cleaned once they are old).
    with Database(path) as db:
        assert db.problems.count() == 50
        assert db.integrity_problems() == []


def test_closing_folds_the_log_into_the_file(tmp_path, campaign, db):
    db.problems.add(base_problem(campaign))
    db.close()
    wal = Path(str(db.path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # A copy of the .sqlite alone has the problem.
    copy = tmp_path / "copy.sqlite"
    shutil.copy(db.path, copy)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM problem").fetchone()[0] == 1
    conn.close()


def test_a_log_cut_back_behind_a_backup_is_named_by_check(tmp_path):
    """The audit head rides in the upgrade backup's name; cutting the log back
    behind it (and making the head agree) passes the chain but not `check`."""
    path = tmp_path / "ledger.sqlite"
    shutil.copy(DATA / "schema-v2.sqlite", path)
    Database(path).close()  # the upgrade makes the backup, named with the log's head
    [backup] = tmp_path.glob("ledger.v2-*-log41-*.backup.sqlite")  # v2 had 41 entries
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM audit_log WHERE id > 30")
    last = conn.execute("SELECT hash FROM audit_log WHERE id = 30").fetchone()[0]
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"30:{last}",))
    conn.commit()
    conn.close()
    with Database(path) as db:
        assert db.verify_audit().ok  # the chain alone cannot tell
        assert any(backup.name in line for line in db.backups_ahead_of_log())
    result = subprocess.run([sys.executable, "-m", "govcredit_desktop", "check", "--db",
                             str(path)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert "截断" in result.stderr and backup.name in result.stderr


def test_a_new_database_in_a_missing_folder_is_refused(tmp_path):
    path = tmp_path / "no-such-folder" / "ledger.sqlite"
    with pytest.raises(UserError, match="不存在"):
        Database(path, create=True)
    assert not path.parent.exists()
