"""迁移到新电脑 (store/transfer.py) and one program per database (store/instance_lock.py)."""

import json
import os
import signal
import subprocess
import sys
import zipfile

import pytest

from govcredit_desktop import cli, demo
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package import signing
from govcredit_desktop.store import Database, instance_lock, transfer

PASSWORD = "transfer-test-password"


@pytest.fixture
def old_pc(tmp_path):
    (tmp_path / "old").mkdir()
    db = Database(tmp_path / "old" / "govcredit.sqlite", actor="张会计", create=True)
    demo.generate(db, 6)
    evidence = tmp_path / "合同 扫描件.jpg"
    evidence.write_bytes(bytes(range(256)) * 300)
    db.evidence.add(db.scalar("SELECT min(id) FROM problem"), evidence)
    dept = db.settings.department()
    db.keys.create(signing.generate(dept["name"], dept["uscc"]), PASSWORD)
    yield db
    db.close()


def test_the_transfer_file_round_trips_evidence_and_key(old_pc, tmp_path):
    out = transfer.export(old_pc, tmp_path / transfer.suggested_name(old_pc))
    assert out.name.endswith(".gcmove")
    new_pc = tmp_path / "new"
    new_pc.mkdir()
    assert cli.main(["transfer", "import", str(out), "--db", str(new_pc / "govcredit.sqlite")]) == 0
    with Database(new_pc / "govcredit.sqlite") as db:
        assert db.check().ok
        assert db.problems.count() == old_pc.problems.count()
        row = db.query("SELECT sha256 FROM evidence")[0]
        got = b"".join(db.evidence.iter_content(row["sha256"]))
        assert got == bytes(range(256)) * 300
        assert db.keys.unlock(PASSWORD).fingerprint == old_pc.keys.active()["fingerprint"]
    # A new file: nothing there to keep, so no backup was made beside it.
    assert sorted(p.name for p in new_pc.iterdir() if "backup" in p.name) == []


def _rewrite(source, target, change):
    """``source``'s members written again into ``target``, each through ``change``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            for name, data in change(info.filename, zin.read(info)):
                zout.writestr(name, data)


def _flip(name, data):
    if name == transfer.DATABASE:
        data = bytearray(data)
        data[len(data) // 2] ^= 0xFF
        data = bytes(data)
    yield name, data


def _bigger(name, data):
    if name == transfer.MANIFEST:
        manifest = json.loads(data)
        manifest["counts"]["problem"] += 1
        data = json.dumps(manifest).encode()
    yield name, data


def _evil_name(name, data):
    yield ("../" + name if name == transfer.DATABASE else name), data


def _extra(name, data):
    yield name, data
    if name == transfer.MANIFEST:
        yield "autorun.exe", b"MZ"


@pytest.mark.parametrize("tamper", ["cut", "flip", "counts", "traversal", "extra", "not-zip"])
def test_a_tampered_transfer_file_is_refused_and_nothing_changes(old_pc, db, tmp_path, tamper):
    good = transfer.export(old_pc, tmp_path / "good.gcmove")
    bad = tmp_path / "bad.gcmove"
    if tamper == "cut":
        bad.write_bytes(good.read_bytes()[:-5000])
    elif tamper == "not-zip":
        bad.write_bytes(b"PK\x03\x04 not really")
    else:
        _rewrite(good, bad, {"flip": _flip, "counts": _bigger, "traversal": _evil_name,
                             "extra": _extra}[tamper])
    db.checkpoint()
    before = db.path.read_bytes()
    with pytest.raises(UserError, match="不能导入.*当前数据库未做任何改动"):
        transfer.import_file(db, bad)
    db.checkpoint()
    assert db.path.read_bytes() == before
    assert not (tmp_path / "..database.sqlite").exists()
    # On the command line, into a file not there yet: refused, and no file is left.
    target = tmp_path / "new.sqlite"
    assert cli.main(["transfer", "import", str(bad), "--db", str(target)]) == 1
    assert not target.exists()


def test_a_department_transfer_file_does_not_go_into_a_county_database(old_pc, county,
                                                                      tmp_path):
    out = transfer.export(old_pc, tmp_path / "dept.gcmove")
    with pytest.raises(UserError, match="单位台账数据库.*县信用办数据库"):
        transfer.import_file(county, out)


# --- one program per database ------------------------------------------------------

_HOLD = """
import sys, time
from pathlib import Path
from govcredit_desktop.store import instance_lock
lock = instance_lock.acquire(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock of tmp_path/ledger.sqlite (Popen)."""
    path = tmp_path / "ledger.sqlite"
    Database(path, create=True).close()
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.stdout.readline().strip() == "locked"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_a_second_program_is_refused_with_who_and_when(holder, capsys):
    path, proc = holder
    with pytest.raises(instance_lock.InUse) as caught:
        Database(path, exclusive=True)
    message = str(caught.value)
    info = instance_lock.holder(path)
    assert info["pid"] == proc.pid
    assert f"用户“{info['user']}”" in message and "打开时间" in message
    assert "只能在一个程序中打开" in message
    # A writing command is refused; a reading one runs beside the open program.
    assert cli.main(["restore", str(path), "--db", str(path)]) == 1
    assert "已被另一个程序打开" in capsys.readouterr().err
    assert cli.main(["check", "--db", str(path)]) == 0


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_the_lock_of_a_killed_program_is_taken_over(holder):
    path, proc = holder
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert instance_lock.holder(path)["pid"] == proc.pid  # what the dead one wrote stays
    with Database(path, exclusive=True) as db:
        assert db.problems.count() == 0
        assert instance_lock.holder(path)["pid"] == os.getpid()


def test_the_lock_is_shared_within_one_program_and_freed_at_close(tmp_path):
    path = tmp_path / "ledger.sqlite"
    first = Database(path, create=True, exclusive=True)
    second = Database(path, exclusive=True)  # the window reopening its own file
    first.close()
    probe = [sys.executable, "-c", "import sys; from pathlib import Path;"
             "from govcredit_desktop.store import instance_lock as l;"
             "l.acquire(Path(sys.argv[1]))", str(path)]
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    held = subprocess.run(probe, capture_output=True, text=True, env=env)
    assert held.returncode != 0 and "InUse" in held.stderr
    second.close()
    assert not instance_lock.lock_path(path).exists()  # nothing left beside the file
    assert subprocess.run(probe, capture_output=True, env=env).returncode == 0
