"""Two programs on one file, a file held by another, damaged pages, fuzzed headers.

Every refusal is a Chinese UserError; nothing raises anything else, and a file
that is refused is left exactly as it was.
"""

import hashlib
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govcredit_desktop import demo
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import connection
from govcredit_desktop.store.database import Database
from govcredit_desktop.store.errors import DatabaseDamaged
from tests.conftest import base_problem

ROOT = Path(__file__).resolve().parents[2]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govcredit_desktop", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Database(path, create=True) as db:
        demo.generate(db, 120, seed=5)
    return path


# --- two writers ---------------------------------------------------------------------

def test_a_write_waits_for_another_writer_then_succeeds(db, campaign, tmp_path):
    other = sqlite3.connect(db.path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    started = time.monotonic()

    def release():
        time.sleep(0.4)
        other.execute("COMMIT")

    import threading
    threading.Thread(target=release).start()
    pid = db.problems.add(base_problem(campaign))  # waits, does not fail
    assert time.monotonic() - started >= 0.3
    assert db.problems.get(pid)["title"]
    other.close()


def test_a_write_that_cannot_get_the_lock_is_a_chinese_refusal(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "busy.sqlite"
    with Database(path, create=True) as db:
        campaign = db.settings.add_campaign({"name": "专项治理", "number_prefix": "2021"})
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(30)",
         str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with Database(path) as db:
            before = db.problems.count()
            with pytest.raises(UserError, match="另一个程序") as err:
                db.problems.add(base_problem(campaign))
            assert "locked" not in str(err.value)
            assert db.problems.count() == before
    finally:
        holder.kill()
        holder.wait()


def test_a_file_held_exclusively_is_in_use_not_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.2)
    path = tmp_path / "held.sqlite"
    Database(path, create=True).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('PRAGMA locking_mode = EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE')\n"
         "print('held', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(UserError) as err:
            with Database(path) as db:
                db.settings.add_campaign({"name": "专项治理", "number_prefix": "2021"})
        assert "正在使用" in str(err.value) and "损坏" not in str(err.value)
    finally:
        holder.kill()
        holder.wait()


WRITER = r"""
import sys
from govcredit_desktop.store import Database
db = Database(sys.argv[1], actor=sys.argv[2])
campaign = db.settings.list_campaigns()[0]["id"]
for i in range(int(sys.argv[3])):
    pid = db.problems.add({"campaign_id": campaign, "title": f"{sys.argv[2]}-{i}",
                           "area": "政府采购", "category": "其他", "source": "自查自纠"})
    db.problems.update(pid, {"description": "并发写入"})
db.close()
print("done")
"""


def test_two_programs_writing_one_file_lose_nothing(tmp_path):
    path = tmp_path / "two.sqlite"
    with Database(path, create=True) as db:
        db.settings.add_campaign({"name": "专项治理", "number_prefix": "2021"})
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "150"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for name in ("甲", "乙")]
    results = [p.communicate(timeout=180) for p in procs]
    for (out, err), proc in zip(results, procs, strict=True):
        assert proc.returncode == 0 and out.strip() == "done", err
    with Database(path) as db:
        assert db.problems.count() == 300
        numbers = db.column("SELECT number FROM problem")
        assert len(set(numbers)) == 300
        assert db.integrity_problems() == [] and db.verify_audit().ok


# --- damaged files ----------------------------------------------------------------

def _damage(path: Path, offset: int, size: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(bytes(rng.getrandbits(8) for _ in range(size)))


def test_damaged_pages_are_named_by_check_and_at_open(small_demo, tmp_path):
    path = tmp_path / "damaged.sqlite"
    shutil.copy(small_demo, path)
    _damage(path, path.stat().st_size // 2, 8192)
    result = cli("check", "--db", str(path))
    assert result.returncode == 3
    assert "已损坏" in result.stderr and "备份" in result.stderr
    assert "Traceback" not in result.stderr and "malformed" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with Database(path) as db, pytest.raises(DatabaseDamaged):
        db.quick_check()
    shot = cli("--db", str(path), "--screenshot", str(tmp_path / "x.png"))
    assert shot.returncode == 1 and "已损坏" in shot.stderr
    assert not (tmp_path / "x.png").exists()


def test_check_only_reads(small_demo, tmp_path):
    path = tmp_path / "sound.sqlite"
    shutil.copy(small_demo, path)
    before = sha(path)
    assert cli("check", "--db", str(path)).returncode == 0
    assert sha(path) == before


@pytest.mark.parametrize("seed", range(24))
def test_fuzzed_files_never_raise_anything_but_a_refusal(small_demo, tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "fuzz.sqlite"
    shutil.copy(small_demo, path)
    size = path.stat().st_size
    if seed % 3 == 0:  # the header: magic, page size, versions, counters, app id
        offset, length = rng.randrange(0, 100), rng.randint(1, 8)
    elif seed % 3 == 1:  # the schema page
        offset, length = rng.randrange(100, 4096), rng.randint(1, 64)
    else:  # anywhere
        offset, length = rng.randrange(0, size), rng.randint(1, 4096)
    _damage(path, offset, length, seed)
    before = sha(path)
    try:
        db = Database(path)
    except UserError:
        assert sha(path) == before  # refused without a byte changing
        return
    with db:
        for look in (db.quick_check, db.integrity_problems, db.verify_audit,
                     db.problems.count, db.settings.list_campaigns):
            try:
                look()
            except UserError:
                pass


@pytest.fixture
def read_only_mount(tmp_path):
    """A real read-only file system (a bind mount), where even root cannot write:
    what a write-protected stick is."""
    import os

    source, mount = tmp_path / "source", tmp_path / "stick"
    source.mkdir()
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount")
    done = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mount not permitted here")
    try:
        yield source, mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_database_on_a_write_protected_stick_opens_read_only(small_demo, read_only_mount):
    source, mount = read_only_mount
    shutil.copy(small_demo, source / "ledger.sqlite")
    remount = subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)],
                             capture_output=True)
    if remount.returncode != 0:
        pytest.skip("read-only remount not permitted here")
    path = mount / "ledger.sqlite"
    before = sha(path)
    result = cli("check", "--db", str(path))
    assert result.returncode == 0, result.stderr  # not "已损坏"
    with Database(path) as db:
        assert db.read_only and db.problems.count() == 120
        with pytest.raises(UserError, match="只读"):
            db.problems.update(1, {"title": "改不了"})
    assert sha(path) == before
    assert sorted(p.name for p in mount.iterdir()) == ["ledger.sqlite"]


# --- writes held for the damage check (the window at open, ui/app.py show_window) ---------

def _damage_audit_log(path: Path) -> None:
    """Garbage over leaf pages half-way into the audit log: quick_check finds it, while
    a write, which appends to the log's end, would go through."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [r[0] for r in conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'"
        " ORDER BY pageno")]
    conn.close()
    rng = random.Random(9)
    with open(path, "r+b") as fh:
        for page in pages[len(pages) // 2:][:4]:
            fh.seek((page - 1) * size)
            fh.write(bytes(rng.getrandbits(8) for _ in range(size)))


def test_a_write_waits_for_the_damage_check_held_for_it(small_demo, tmp_path):
    import threading

    path = tmp_path / "sound.sqlite"
    shutil.copy(small_demo, path)
    with Database(path) as db:
        campaign = db.settings.latest_campaign()["id"]
        db.hold_writes_until_checked()

        def check():
            time.sleep(0.4)  # a check still reading the file when the clerk saves
            db.quick_check()

        started = time.monotonic()
        checker = threading.Thread(target=check)
        checker.start()
        pid = db.problems.add(base_problem(campaign))
        waited = time.monotonic() - started
        checker.join()
        assert waited >= 0.35
        assert db.problems.get(pid)["title"]
        started = time.monotonic()
        db.problems.add(base_problem(campaign))  # the check said sound: no more waiting
        assert time.monotonic() - started < 0.35


def test_a_file_the_held_check_found_damaged_takes_no_write(small_demo, tmp_path):
    path = tmp_path / "damaged.sqlite"
    shutil.copy(small_demo, path)
    _damage_audit_log(path)
    # Without the check the delete goes through: the damage lies where it does not read.
    spare = tmp_path / "spare.sqlite"
    shutil.copy(path, spare)
    with Database(spare) as db:
        pid = db.problems.newest_id()
        db.problems.delete(pid)
        assert db.problems.count() == 119
    before = sha(path)
    with Database(path) as db:
        db.hold_writes_until_checked()
        with pytest.raises(DatabaseDamaged):
            db.quick_check()
        with pytest.raises(DatabaseDamaged, match="已损坏.*备份"):
            db.problems.delete(pid)
        assert db.problems.count() == 120
    assert sha(path) == before
