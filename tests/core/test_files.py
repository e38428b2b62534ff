import errno
import os
import re
import time

import pytest

from govcredit_desktop.core import files
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_path, atomic_write, os_error_message

STRERRORS = ("No space", "Read-only", "Permission denied", "No such file", "Input/output",
             "too long", "Is a directory", "Invalid argument", "Errno")


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def assert_chinese_only(message):
    """Path aside, the sentence has no English (no strerror, no exception names)."""
    assert not any(s in message for s in STRERRORS), message
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"“[^”]*”", "", message).replace("WPS/Excel", "")
                         .replace("U 盘", "")), message


def test_write_replaces_the_target_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "报表.pdf"
    with atomic_write(target) as fh:
        fh.write(b"new")
        # Not there until complete; only the hidden temporary file is.
        assert not target.exists()
        assert len(list(tmp_path.iterdir())) == 1
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == ["报表.pdf"]


def test_text_mode_and_a_path_for_writers_that_want_a_name(tmp_path):
    with atomic_write(tmp_path / "a.txt", "w", encoding="utf-8") as fh:
        fh.write("台账")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "台账"
    with atomic_path(tmp_path / "b.png") as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".b.png.")
        tmp.write_bytes(b"png")
    assert (tmp_path / "b.png").read_bytes() == b"png"
    assert names(tmp_path) == ["a.txt", "b.png"]


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_new_files_get_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_write(tmp_path / "x.pdf") as fh:
            fh.write(b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "x.pdf").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failure_while_writing_leaves_neither_target_nor_temp(tmp_path, error):
    with pytest.raises(type(error)), atomic_write(tmp_path / "x.xlsx") as fh:
        fh.write(b"half")
        raise error
    assert names(tmp_path) == []


def test_an_existing_file_survives_a_failed_rewrite(tmp_path):
    target = tmp_path / "x.xlsx"
    target.write_bytes(b"\x00the previous export\xff")
    for opener in (atomic_write, atomic_path):
        with pytest.raises(RuntimeError), opener(target):
            raise RuntimeError
    assert target.read_bytes() == b"\x00the previous export\xff"
    assert names(tmp_path) == ["x.xlsx"]


def fail_with(code):
    def fail(*args):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("where", ["fsync", "replace"])
@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "磁盘空间不足"),
    (errno.EROFS, "只读"),
    (errno.EACCES, "没有权限写入"),
])
def test_injected_faults_become_chinese_and_leave_nothing(tmp_path, monkeypatch, where, code,
                                                          words):
    target = tmp_path / "old.pdf"
    target.write_bytes(b"old")
    monkeypatch.setattr(files.os, where, fail_with(code))
    with pytest.raises(UserError) as caught, atomic_write(target) as fh:
        fh.write(b"new")
    monkeypatch.undo()
    message = str(caught.value)
    assert words in message and "原有文件保持不变" in message
    assert_chinese_only(message)
    assert isinstance(caught.value.__cause__, OSError)  # the English stays for the log
    assert names(tmp_path) == ["old.pdf"] and target.read_bytes() == b"old"


def test_missing_folder_and_folder_as_target_are_refused_up_front(tmp_path):
    with pytest.raises(UserError, match="不存在（U 盘可能已拔出）"):
        with atomic_write(tmp_path / "gone" / "x.pdf"):
            pytest.fail("the body must not run")
    with pytest.raises(UserError, match="是一个文件夹"), atomic_path(tmp_path):
        pytest.fail("the body must not run")
    assert names(tmp_path) == []


def test_stale_temp_files_of_ours_are_removed_on_the_next_write(tmp_path):
    hour_ago = time.time() - files.STALE_AFTER_S - 60
    ours_old = tmp_path / ".台账.xlsx.0123456789abcdef.part"
    ours_new = tmp_path / ".台账.xlsx.fedcba9876543210.part"  # a write still running
    not_ours = [tmp_path / n for n in (".x.0123456789ABCDEF.part", ".x.0123.part",
                                       "x.0123456789abcdef.part", ".x.0123456789abcdef.tmp",
                                       ".x.0123456789abcdef.part.bak")]
    for p in [ours_old, ours_new, *not_ours]:
        p.write_bytes(b"")
    for p in [ours_old, *not_ours]:
        os.utime(p, (hour_ago, hour_ago))
    folder_like_ours = tmp_path / ".y.0123456789abcdef.part"
    folder_like_ours.mkdir()
    os.utime(folder_like_ours, (hour_ago, hour_ago))
    with atomic_write(tmp_path / "台账.xlsx") as fh:
        fh.write(b"x")
    assert not ours_old.exists()
    assert ours_new.exists() and folder_like_ours.is_dir()
    assert all(p.exists() for p in not_ours)


@pytest.mark.parametrize(("exc", "words"), [
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), "磁盘空间不足"),
    (OSError(errno.EROFS, "Read-only file system"), "写保护"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "U 盘可能已拔出"),
    (OSError(errno.ENODEV, "No such device"), "U 盘可能已拔出"),
    (OSError(errno.ENXIO, "No such device or address"), "U 盘可能已拔出"),
    (OSError(errno.EIO, "Input/output error"), "U 盘可能已拔出或已损坏"),
    (PermissionError(errno.EACCES, "Permission denied"), "没有权限写入"),
    (PermissionError(errno.EPERM, "Operation not permitted"), "没有权限写入"),
    (OSError(errno.ENAMETOOLONG, "File name too long"), "过长"),
    (OSError(errno.EINVAL, "Invalid argument"), "不允许的字符"),
    (OSError(errno.EISDIR, "Is a directory"), "是一个文件夹"),
    (OSError(errno.EMLINK, "Too many links"), f"错误代码 {errno.EMLINK}"),
    (OSError("something odd"), "请换一个保存位置后重试"),
])
def test_messages_by_error_code(tmp_path, exc, words):
    message = os_error_message(exc, tmp_path / "台账.xlsx")
    assert words in message and "原有文件保持不变" in message
    assert "台账.xlsx" in message
    assert_chinese_only(message)


@pytest.mark.parametrize(("winerror", "words"), [
    (32, "正被其他程序（如 WPS/Excel）打开"),
    (33, "正被其他程序（如 WPS/Excel）打开"),
    (19, "写保护"),
    (112, "磁盘空间不足"),
    (39, "磁盘空间不足"),
    (21, "U 盘可能已拔出"),
])
def test_windows_codes_win_over_the_errno_python_maps_them_to(winerror, words):
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = winerror
    message = os_error_message(exc, r"E:\台账.xlsx")
    assert words in message
    assert_chinese_only(message)


def test_action_and_path_from_the_exception():
    exc = PermissionError(errno.EACCES, "Permission denied", "/media/u/账.sqlite")
    error = files.user_error(exc, action="打开")
    assert isinstance(error, UserError)
    assert str(error).startswith("没有权限打开“/media/u/账.sqlite”")
