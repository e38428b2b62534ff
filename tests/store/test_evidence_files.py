"""Evidence from hostile sources (devices, FIFOs, folders, huge or changing files), streamed
in and out without whole-file buffers, saved out under safe, never-overwriting names
(issue 13, items 14-15)."""

import contextlib
import errno
import hashlib
import os
import signal
import sys
import tracemalloc
from pathlib import Path

import pytest

from govcredit_desktop.core import files
from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import numbered_names, read_error_message, safe_file_name
from govcredit_desktop.store import evidence as evidence_module
from govcredit_desktop.store.evidence import MAX_EVIDENCE_BYTES, safe_name
from tests.conftest import base_problem

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX devices and FIFOs")


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: SIGALRM interrupts a blocking open() or read()."""
    def expire(signum, frame):
        raise TimeoutError(f"still blocked after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def state(db):
    return [db.query(f"SELECT * FROM {t} ORDER BY rowid")
            for t in ("evidence", "evidence_blob", "audit_log")]


@pytest.fixture
def pid(db, campaign):
    return db.problems.add(base_problem(campaign))


# --- what is not a regular file -----------------------------------------------------------

@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_at_once(db, pid, device):
    if not Path(device).exists():
        pytest.skip(f"{device} missing")
    before = state(db)
    with deadline(5), pytest.raises(UserError, match="不是普通文件"):
        db.evidence.add(pid, device)
    assert state(db) == before


@posix_only
def test_a_fifo_is_refused_without_hanging(db, pid, tmp_path):
    fifo = tmp_path / "管道.pdf"
    os.mkfifo(fifo)
    before = state(db)
    with deadline(5), pytest.raises(UserError, match="不是普通文件"):
        db.evidence.add(pid, fifo)
    assert state(db) == before


def test_a_folder_is_refused(db, pid, tmp_path):
    with pytest.raises(UserError, match="是一个文件夹"):
        db.evidence.add(pid, tmp_path)


def test_a_missing_file_says_so_in_chinese(db, pid, tmp_path):
    with pytest.raises(UserError, match="找不到文件") as err:
        db.evidence.add(pid, tmp_path / "不存在.pdf")
    assert "No such file" not in str(err.value)


@pytest.mark.parametrize("exc, words", [
    (PermissionError(errno.EACCES, "Permission denied"), "没有权限读取"),
    (FileNotFoundError(errno.ENOENT, "No such file"), "找不到文件"),
    (OSError(errno.EIO, "I/O error"), "读取文件"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "是一个文件夹"),
    (OSError(errno.ENAMETOOLONG, "too long"), "过长"),
    (OSError(errno.EBUSY, "busy"), "错误代码"),
])
def test_read_errors_speak_of_reading(exc, words):
    message = files.os_error_message(exc, "/media/u/凭证.pdf", action="读取")
    assert message == read_error_message(exc, "/media/u/凭证.pdf")
    assert words in message and "保存位置" not in message and "未写入" not in message
    assert exc.strerror not in message


def test_sharing_violation_on_windows_is_named():
    exc = PermissionError(errno.EACCES, "denied")
    exc.winerror = 32
    assert "正被其他程序打开" in read_error_message(exc, "C:/凭证.pdf")


# --- size ---------------------------------------------------------------------------------

def test_a_file_over_the_cap_is_refused_before_reading(db, pid, tmp_path):
    big = tmp_path / "大文件.zip"
    with open(big, "wb") as fh:
        fh.truncate(MAX_EVIDENCE_BYTES + 1)  # sparse: no disk, no time
    before = state(db)
    tracemalloc.start()
    try:
        with pytest.raises(UserError, match="超过200MB"):
            db.evidence.add(pid, big)
        assert tracemalloc.get_traced_memory()[1] < 1024 * 1024
    finally:
        tracemalloc.stop()
    assert state(db) == before


def test_a_large_file_is_streamed_not_buffered(db, pid, tmp_path):
    """30 MB in, 30 MB out, with no Python buffer above a few MB (the old code read the
    whole file, then SQLite copied it: 199 MB peaked at 690 MB RSS)."""
    size = 30 * 1024 * 1024 + 123
    big = tmp_path / "扫描件.pdf"
    with open(big, "wb") as fh:
        fh.write(b"%PDF-1.4")
        fh.truncate(size)
    expected = hashlib.sha256(big.read_bytes()).hexdigest()
    seen = []
    tracemalloc.start()
    try:
        evidence_id = db.evidence.add(pid, big, progress=lambda d, t: seen.append((d, t)))
        out = db.evidence.export(evidence_id, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB of Python buffers"
    row = db.evidence.get(evidence_id)
    assert (row["sha256"], row["size"]) == (expected, size)
    # Two passes (hash, then copy with the hash checked again), reported as one.
    assert seen[0] == (0, 2 * size) and seen[-1] == (2 * size, 2 * size) and len(seen) > 10
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert out.name == "扫描件 (2).pdf"
    assert out.stat().st_size == size
    assert hashlib.sha256(out.read_bytes()).hexdigest() == expected
    assert db.integrity_problems() == [] and db.verify_audit().ok


def test_same_content_is_stored_once_and_an_empty_file_works(db, pid, tmp_path):
    a, b, empty = tmp_path / "a.jpg", tmp_path / "b.jpg", tmp_path / "空.txt"
    a.write_bytes(b"\xff\xd8 photo")
    b.write_bytes(b"\xff\xd8 photo")
    empty.write_bytes(b"")
    db.evidence.add(pid, a)
    db.evidence.add(pid, b)
    e = db.evidence.add(pid, empty)
    assert db.scalar("SELECT count(*) FROM evidence_blob") == 2
    assert db.scalar("SELECT count(*) FROM evidence_blob WHERE sha256 LIKE 'pending:%'") == 0
    assert db.evidence.save_to(e, tmp_path / "out.txt").read_bytes() == b""
    assert db.integrity_problems() == []


def test_cancel_rolls_everything_back(db, pid, tmp_path, monkeypatch):
    monkeypatch.setattr(evidence_module, "CHUNK", 1024)
    f = tmp_path / "f.bin"
    f.write_bytes(os.urandom(10_000))
    before = state(db)
    calls = []
    with pytest.raises(Cancelled):
        db.evidence.add(pid, f, progress=lambda d, t: calls.append(d),
                        cancelled=lambda: len(calls) > 3)
    assert state(db) == before
    assert len(calls) == 4  # stopped at the first chunk after the cancel


@pytest.mark.parametrize("change", ["grow", "shrink", "rewrite", "between_passes"])
def test_a_file_that_changes_while_read_is_refused(db, pid, tmp_path, monkeypatch, change):
    monkeypatch.setattr(evidence_module, "CHUNK", 1024)
    f = tmp_path / "正在写入.docx"
    f.write_bytes(b"x" * 10_000)

    def meddle(done, total):
        if change == "between_passes" and done == 10_000:
            # Same size, time stamp put back: only the second pass's hash can tell.
            st = f.stat()
            f.write_bytes(b"z" * 10_000)
            os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
        elif done == 2048:
            if change == "grow":
                with open(f, "ab") as fh:
                    fh.write(b"more")
            elif change == "shrink":
                os.truncate(f, 3000)
            else:  # same size, new bytes: only the time stamp tells
                with open(f, "r+b") as fh:
                    fh.write(b"y" * 10)
                st = f.stat()
                os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))

    before = state(db)
    with pytest.raises(UserError, match="发生了变化"):
        db.evidence.add(pid, f, progress=meddle)
    assert state(db) == before


def test_a_note_is_checked_like_any_field(db, pid, tmp_path):
    f = tmp_path / "f.pdf"
    f.write_bytes(b"x")
    with pytest.raises(UserError, match="说明"):
        db.evidence.add(pid, f, note="备注\x00")
    evidence_id = db.evidence.add(pid, f, note="\u200b 收据原件 ")
    assert db.evidence.get(evidence_id)["note"] == "收据原件"


@pytest.mark.skipif(sys.platform not in ("linux",), reason="Linux keeps undecodable names")
def test_a_name_with_undecodable_bytes_is_stored(db, pid, tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xff\xfe\xe2\x80\xaeevil.pdf"
    with open(raw, "wb") as fh:
        fh.write(b"x")
    evidence_id = db.evidence.add(pid, os.fsdecode(raw))
    name = db.evidence.get(evidence_id)["original_name"]
    assert name == "\ufffd\ufffdevil.pdf"


# --- names on the way out -----------------------------------------------------------------

@pytest.mark.parametrize("name, safe", [
    ("CON", "_CON"), ("con", "_con"), ("aux.txt", "_aux.txt"), ("NUL.pdf", "_NUL.pdf"),
    ("COM1.jpg", "_COM1.jpg"), ("lpt9", "_lpt9"), ("PRN.tar.gz", "_PRN.tar.gz"),
    ("CON.", "_CON"), ("nul .txt", "_nul .txt"), ("AUX . ", "_AUX"), ("COM¹.txt", "_COM¹.txt"),
    ("CONSOLE.txt", "CONSOLE.txt"), ("COM10.txt", "COM10.txt"), ("报告CON.pdf", "报告CON.pdf"),
    ("凭证.pdf. . ", "凭证.pdf"), ("..隐藏", "隐藏"), ("  ", "佐证材料"), ("...", "佐证材料"),
    ("收据\u202efdp.exe", "收据fdp.exe"), ("\u2066a\u2069\u200e\u200fb.txt", "ab.txt"),
    ("a\x00b\x1b\x07c.txt", "a_b__c.txt"), ("\u200b零宽\ufeff.pdf", "零宽.pdf"),
    ("a:b*c?.txt", "a_b_c_.txt"), ("C:\\Users\\x\\报告.pdf", "报告.pdf"),
    ("../../etc/passwd", "passwd"), ("a\ud800b.pdf", "a_b.pdf"),
])
def test_safe_names(name, safe):
    assert safe_name(name) == safe


@pytest.mark.parametrize("name", ["字" * 300 + ".pdf", "a" * 300, "😀" * 100 + ".jpeg",
                                  "x" * 250 + "." + "y" * 30])
def test_names_fit_255_bytes_and_keep_their_extension(name):
    safe = safe_name(name)
    assert len(safe.encode()) <= 255 and len(safe.encode("utf-16-le")) // 2 <= 255
    if name.endswith((".pdf", ".jpeg")):
        assert safe.endswith(name[name.rindex("."):])
    for numbered in list(zip(range(12), numbered_names(safe), strict=False)):
        assert len(numbered[1].encode()) <= 255


def test_numbered_names():
    assert list(zip(range(3), numbered_names("收据.pdf"), strict=False)) == [
        (0, "收据.pdf"), (1, "收据 (2).pdf"), (2, "收据 (3).pdf")]
    names = numbered_names("README")
    assert (next(names), next(names)) == ("README", "README (2)")


def test_safe_file_name_fallback():
    assert safe_file_name("///", fallback="文件") == "文件"


def _evidence(db, pid, folder: Path, name: str, data: bytes) -> int:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return db.evidence.add(pid, path)


def test_export_never_overwrites(db, pid, tmp_path):
    e1 = _evidence(db, pid, tmp_path / "a", "收据.pdf", b"first")
    e2 = _evidence(db, pid, tmp_path / "b", "收据.pdf", b"second")
    out = tmp_path / "out"
    out.mkdir()
    (out / "收据.pdf").write_bytes(b"the clerk's own file")
    first, second, again = (db.evidence.export(e, out) for e in (e1, e2, e1))
    assert (out / "收据.pdf").read_bytes() == b"the clerk's own file"
    assert [p.name for p in (first, second, again)] == [
        "收据 (2).pdf", "收据 (3).pdf", "收据 (4).pdf"]
    assert [p.read_bytes() for p in (first, second, again)] == [b"first", b"second", b"first"]
    assert sorted(p.name for p in out.iterdir()) == [
        "收据 (2).pdf", "收据 (3).pdf", "收据 (4).pdf", "收据.pdf"]  # no temporary left


def test_export_of_a_reserved_name(db, pid, tmp_path):
    e = _evidence(db, pid, tmp_path / "in", "aux.txt", b"data")
    out = db.evidence.export(e, tmp_path)
    assert out.name == "_aux.txt" and out.read_bytes() == b"data"


def test_export_without_hard_links_still_never_overwrites(db, pid, tmp_path, monkeypatch):
    """FAT/exFAT sticks have no hard links: the name is claimed with O_EXCL instead."""
    def no_links(src, dst):
        raise PermissionError(errno.EPERM, "Operation not permitted")
    monkeypatch.setattr(os, "link", no_links)
    e = _evidence(db, pid, tmp_path / "in", "照片.jpg", b"jpeg")
    (tmp_path / "照片.jpg").write_bytes(b"keep me")
    out = db.evidence.export(e, tmp_path)
    assert out.name == "照片 (2).jpg" and out.read_bytes() == b"jpeg"
    assert (tmp_path / "照片.jpg").read_bytes() == b"keep me"


def test_a_name_taken_while_writing_is_not_replaced(db, pid, tmp_path, monkeypatch):
    e = _evidence(db, pid, tmp_path / "in", "表.xlsx", b"ours")
    real = files._place_without_replacing

    def race(tmp, target):
        if target.name == "表.xlsx":  # another program creates it at the last moment
            target.write_bytes(b"theirs")
        return real(tmp, target)
    monkeypatch.setattr(files, "_place_without_replacing", race)
    out = db.evidence.export(e, tmp_path)
    assert out.name == "表 (2).xlsx" and out.read_bytes() == b"ours"
    assert (tmp_path / "表.xlsx").read_bytes() == b"theirs"


def test_export_of_damaged_content_leaves_nothing(db, pid, tmp_path):
    e = _evidence(db, pid, tmp_path / "in", "凭证.pdf", b"original")
    db.conn.execute("UPDATE evidence_blob SET data = ?", (b"altered!",))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError, match="已损坏"):
        db.evidence.export(e, out)
    assert list(out.iterdir()) == []
