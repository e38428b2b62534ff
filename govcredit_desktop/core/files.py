"""Writing files the clerk asked for, and saying in Chinese why one could not be written.

Every file the program writes (PDF, Excel, screenshot, backup, evidence copy) goes through
``atomic_write`` or ``atomic_path``: the bytes go to a hidden temporary file in the target's
folder, are forced to the medium, and only then take the target's name.  A full disk, a
removed USB stick, a cancel or a crash therefore never leaves half a file under the user's
name, and an older file of that name stays as it was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.limits import BIDI_CONTROLS, ZERO_WIDTH

# ".{target name}.{16 hex digits}.part": hidden on Linux, and specific enough that the
# clean-up below never mistakes someone else's file for ours; a database built in a
# temporary file (demo data) may leave SQLite's companions beside it when killed.
_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{16}\.part(-wal|-shm|-journal)?")
# A temporary file this old belongs to a write that was killed (SIGKILL, power cut);
# no export runs for an hour, so a younger one may still be in use by another window.
STALE_AFTER_S = 3600

# Windows error codes (OSError.winerror) that Python maps onto vaguer errno values.
_WIN_WRITE_PROTECT = 19
_WIN_NOT_READY = 21  # drive without medium, e.g. a USB stick pulled out
_WIN_SHARING_VIOLATION = 32
_WIN_LOCK_VIOLATION = 33
_WIN_HANDLE_DISK_FULL = 39
_WIN_DEV_NOT_EXIST = 55
_WIN_DISK_FULL = 112
_WIN_INVALID_NAME = 123
_WIN_FILENAME_TOO_LONG = 206

_GONE = {errno.ENOENT, errno.ENOTDIR, errno.ENODEV, errno.ENXIO}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOTHING_WRITTEN = "本次未写入任何内容，原有文件保持不变。"


def os_error_message(exc: OSError, path: str | os.PathLike | None = None,
                     action: str = "写入") -> str:
    """The sentence a clerk reads for ``exc`` on ``path``: what is wrong, how to fix it,
    and that nothing was changed.  Chosen by error code; the OS's English text is never
    part of it (it stays in the exception chain for the log).  ``action="读取"`` speaks of
    the file being read (``read_error_message``), not of a place to save to."""
    if action == "读取":
        return read_error_message(exc, path)
    target = Path(path if path is not None else (exc.filename or ""))
    folder = target.parent
    code, win = exc.errno, getattr(exc, "winerror", None)
    if win in (_WIN_SHARING_VIOLATION, _WIN_LOCK_VIOLATION):
        return (f"文件“{target}”正被其他程序（如 WPS/Excel）打开，无法{action}。"
                f"请先在该程序中关闭这个文件再重试。{_NOTHING_WRITTEN}")
    if win == _WIN_WRITE_PROTECT or code == errno.EROFS:
        return (f"“{folder}”是只读的（U 盘可能开启了写保护），无法{action}“{target.name}”。"
                f"请关闭 U 盘上的写保护开关，或换一个保存位置后重试。{_NOTHING_WRITTEN}")
    if win in (_WIN_DISK_FULL, _WIN_HANDLE_DISK_FULL) or code in _FULL:
        return (f"“{folder}”所在的磁盘空间不足，无法{action}“{target.name}”。"
                f"请删除不需要的文件腾出空间，或换一个保存位置后重试。{_NOTHING_WRITTEN}")
    if win in (_WIN_INVALID_NAME, _WIN_FILENAME_TOO_LONG) or code in (
            errno.ENAMETOOLONG, errno.EINVAL):
        return (f"文件名“{target.name}”过长或含有不允许的字符（\\ / : * ? \" < > |），"
                f"无法{action}。请换一个较短的文件名后重试。{_NOTHING_WRITTEN}")
    if win in (_WIN_NOT_READY, _WIN_DEV_NOT_EXIST) or code in _GONE:
        return (f"文件夹“{folder}”不存在（U 盘可能已拔出），无法{action}“{target.name}”。"
                f"请插好 U 盘或重新选择保存位置后重试。{_NOTHING_WRITTEN}")
    if code == errno.EIO:
        return (f"读写“{folder}”时出错（U 盘可能已拔出或已损坏），无法{action}“{target.name}”。"
                f"请重新插好 U 盘，或换一个保存位置后重试。{_NOTHING_WRITTEN}")
    if code in (errno.EACCES, errno.EPERM):
        return (f"没有权限{action}“{target}”。如果该文件正被其他程序（如 WPS/Excel）打开，"
                f"请先关闭它；否则请换一个文件夹（例如“文档”或“桌面”）保存。{_NOTHING_WRITTEN}")
    if code == errno.EISDIR:
        return (f"“{target}”是一个文件夹，无法{action}。请指定要保存的文件名。"
                f"{_NOTHING_WRITTEN}")
    number = win if win is not None else code
    detail = f"（错误代码 {number}）" if number is not None else ""
    return (f"无法{action}“{target}”{detail}。请换一个保存位置后重试；如果问题反复出现，"
            f"请联系技术支持。{_NOTHING_WRITTEN}")


def read_error_message(exc: OSError, path: str | os.PathLike | None = None) -> str:
    """Why a file the clerk chose (evidence, a file to import) could not be read."""
    source = Path(path if path is not None else (exc.filename or ""))
    code, win = exc.errno, getattr(exc, "winerror", None)
    if win in (_WIN_SHARING_VIOLATION, _WIN_LOCK_VIOLATION):
        return (f"文件“{source}”正被其他程序打开，无法读取。"
                "请先在该程序中关闭这个文件再重试。")
    if win in (_WIN_NOT_READY, _WIN_DEV_NOT_EXIST) or code in _GONE:
        return (f"找不到文件“{source}”，它可能已被移动或删除，或所在的 U 盘已拔出。"
                "请插好 U 盘或重新选择文件。")
    if win in (_WIN_INVALID_NAME, _WIN_FILENAME_TOO_LONG) or code in (
            errno.ENAMETOOLONG, errno.EINVAL):
        return (f"文件名“{source.name}”过长或含有不允许的字符，无法读取。"
                "请把文件改一个较短的名字后重试。")
    if code == errno.EIO:
        return (f"读取文件“{source}”时出错（U 盘或光盘可能已拔出或已损坏）。"
                "请重新插好 U 盘，或先把文件复制到本机再试。")
    if code in (errno.EACCES, errno.EPERM):
        return (f"没有权限读取文件“{source}”。如果它正被其他程序打开，请先关闭；"
                "否则请先把它复制到“文档”或“桌面”再试。")
    if code == errno.EISDIR:
        return f"“{source}”是一个文件夹，不是文件。请选择要添加的文件。"
    number = win if win is not None else code
    detail = f"（错误代码 {number}）" if number is not None else ""
    return (f"无法读取文件“{source}”{detail}。请先把文件复制到本机再试；"
            "如果问题反复出现，请联系技术支持。")


def user_error(exc: OSError, path: str | os.PathLike | None = None,
               action: str = "写入") -> UserError:
    """``exc`` as the UserError to raise (``raise user_error(exc, path) from exc``)."""
    return UserError(os_error_message(exc, path, action))


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", *,
                 encoding: str | None = None) -> Iterator[IO]:
    """Yield an open file whose contents replace ``path`` when the block ends normally.

    On any exception (KeyboardInterrupt too) the temporary file is removed and ``path`` is
    as it was; an OSError comes out as a UserError with the Chinese sentence."""
    if not mode.startswith("w"):
        raise ValueError(f"atomic_write writes a whole new file, not mode {mode!r}")
    with _replacing(path) as tmp:
        with open(tmp, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield the temporary file's path for writers that want a file name (openpyxl,
    sqlite, QPixmap.save); it replaces ``path`` when the block ends normally, with the
    same guarantees as ``atomic_write``.  The writer must have closed the file by then."""
    with _replacing(path) as tmp:
        yield tmp
        # The writer closed its handle without a guaranteed fsync; Windows only flushes
        # through a handle opened for writing.
        with open(tmp, "r+b") as fh:
            os.fsync(fh.fileno())


@contextlib.contextmanager
def _replacing(path: str | os.PathLike) -> Iterator[Path]:
    target = Path(path)
    if target.is_dir():  # refused before the caller spends minutes on the contents
        raise user_error(IsADirectoryError(errno.EISDIR, "", str(target)), target)
    with _temp_beside(target) as tmp:
        yield tmp
        os.replace(tmp, target)
    _sync_folder(target.parent)


@contextlib.contextmanager
def _temp_beside(target: Path) -> Iterator[Path]:
    """A new temporary file in ``target``'s folder, removed again if the block fails
    (KeyboardInterrupt too); an OSError comes out worded for ``target``."""
    _remove_stale_temp_files(target.parent)
    try:
        tmp = _new_temp(target)
    except OSError as exc:
        raise user_error(exc, target) from exc
    try:
        yield tmp
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise user_error(exc, target) from exc
        raise


def _new_temp(target: Path) -> Path:
    # Not mkstemp: its 0600 mode would stay on the finished file after os.replace and hide
    # the report from other users; 0666 here is narrowed by the umask like any new file.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # 40 characters of the name (≤160 bytes): a target near the 255-byte limit would
    # otherwise get a temporary name too long to create.
    while True:
        tmp = target.with_name(f".{target.name[:40]}.{secrets.token_hex(8)}.part")
        try:
            os.close(os.open(tmp, flags, 0o666))
        except FileExistsError:
            continue  # 64 random bits: practically never, but never overwrite
        return tmp


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open a folder to fsync it."""
    if os.name == "nt":
        return
    # Best effort: the file is complete and in place; some file systems (vfat on a
    # USB stick through some drivers) refuse fsync on a folder.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_stale_temp_files(folder: Path) -> None:
    """Our temporary files left in ``folder`` by writes killed over an hour ago.  Never
    fails: cleaning up must not stop the write that triggered it."""
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _TEMP_NAME.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                if (entry.is_file(follow_symlinks=False)
                        and now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S):
                    os.unlink(entry.path)


# --- names of files we create from stored names (evidence saved out) -------------------

MAX_NAME = 255  # bytes on Linux/macOS file systems, UTF-16 units on NTFS/exFAT
_NAME_UNSAFE = re.compile(r'[\\/:*?"<>|]')
# Device names Windows reserves in every folder, with or without an extension
# ("aux.txt", "NUL.pdf"); Windows 11 also reserves COM¹-COM³ and LPT¹-LPT³.
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9\u00b9\u00b2\u00b3])",
                       re.IGNORECASE)
_NAME_DROPPED = frozenset(BIDI_CONTROLS + ZERO_WIDTH)


def _fits(name: str) -> bool:
    return (len(name.encode("utf-8")) <= MAX_NAME
            and len(name.encode("utf-16-le")) // 2 <= MAX_NAME)


def _split_ext(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    # "报告.pdf" -> ("报告", ".pdf"); a dot far from the end is part of the name.
    if dot and stem and 0 < len(ext) <= 16 and ext.isalnum():
        return stem, "." + ext
    return name, ""


def _fit(stem: str, ext: str, tail: str = "") -> str:
    """``stem + tail + ext`` cut (in the stem) to fit MAX_NAME."""
    if _fits(stem + tail + ext):
        return stem + tail + ext
    while stem and not _fits(stem + tail + ext):
        stem = stem[:-1]
    # A cut may end on a space or dot, which Windows would drop from a bare name.
    return (stem.rstrip(" .") or "_") + tail + ext


def safe_file_name(name: str, fallback: str = "文件") -> str:
    """A name that can be created as one file in any folder on Windows, macOS and Linux:
    only the last path component, no characters Windows refuses, no control, bidi
    (U+202E can make "exe.pdf" read as "fdp.exe") or zero-width characters, no
    reserved device name (CON, aux.txt), no trailing dot or space, within 255 bytes."""
    name = re.split(r"[\\/]", name)[-1]
    chars = []
    for ch in name:
        if ch in _NAME_DROPPED:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or _NAME_UNSAFE.match(ch):
            chars.append("_")
        else:
            chars.append(ch)
    # Leading dots would hide the file on Linux; Windows drops trailing dots and spaces.
    cleaned = "".join(chars).strip(" .")
    if not cleaned:
        return fallback
    # Windows matches the device name before the first dot, trailing spaces ignored.
    if _RESERVED.fullmatch(cleaned.split(".", 1)[0].rstrip(" ")):
        cleaned = "_" + cleaned
    stem, ext = _split_ext(cleaned)
    return _fit(stem, ext)


def numbered_names(name: str) -> Iterator[str]:
    """``name``, then "name (2).ext", "name (3).ext" ... each within MAX_NAME."""
    yield name
    stem, ext = _split_ext(name)
    n = 2
    while True:
        yield _fit(stem, ext, f" ({n})")
        n += 1


_MAX_NUMBERED = 10_000


def write_new_file(folder: str | os.PathLike, name: str,
                   write: Callable[[IO[bytes]], None]) -> Path:
    """Write a new file named ``name`` in ``folder``, or "name (2).ext" ... if that name is
    taken: an existing file is never replaced, even one created by another program while
    we write.  ``write(fh)`` fills the file; as with ``atomic_write`` nothing appears
    under any name until it is complete, and an OSError comes out as a UserError."""
    folder = Path(folder)
    first = folder / name
    with _temp_beside(first) as tmp:
        with open(tmp, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        for _, candidate in zip(range(_MAX_NUMBERED), numbered_names(name), strict=False):
            target = folder / candidate
            try:
                _place_without_replacing(tmp, target)
            except FileExistsError:
                continue
            break
        else:
            raise UserError(f"“{folder}”中已有太多名为“{name}”的文件，请换一个文件夹保存")
    _sync_folder(folder)
    return target


def _place_without_replacing(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target``; FileExistsError if that name is taken."""
    if os.name == "nt":
        os.rename(tmp, target)  # MoveFileEx without REPLACE_EXISTING: fails if taken
        return
    # POSIX rename replaces; a hard link does not, and is one atomic step.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # No hard links (FAT/exFAT USB sticks): claim the name, then move onto our claim.
        # Only a crash in between leaves the empty claim behind.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        os.replace(tmp, target)
        return
    os.unlink(tmp)
