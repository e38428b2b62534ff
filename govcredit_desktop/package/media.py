"""Putting a finished package on a USB stick so that it is known to be whole before the
clerk pulls the stick out, and finding the sticks.

``write_verified`` copies a file into a folder through a hidden temporary file in that
folder (``core.files.atomic_path``: ``.<name>.<16 hex>.part``), flushes and fsyncs it,
then reads the whole file back *from the stick*, compares it byte for byte with what it
wrote (and hashes it: the SHA-256 recorded and shown), runs ``check`` on it (the zip
opens, every member's CRC), and only then gives it its name.
A full stick (ENOSPC), a stick pulled out (EIO, ENOENT), a write-protected one (EROFS,
EACCES) or a read-back that differs ends with a Chinese sentence saying which, and no
file under the package's name: the temporary file is removed where the stick still
allows it, and never looks like a package (hidden, ``.part``).

Before the read-back the file's pages are dropped from the page cache
(``posix_fadvise(DONTNEED)`` on Linux, after the fsync made them clean), so the bytes
compared come from the medium, not from memory.  Windows offers no such call without
unbuffered I/O; there the read-back still catches a stick removed or full.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import atomic_path, numbered_names, user_error

CHUNK = 1024 * 1024
#: Left free beyond the file itself: the folder entry, the temporary name, FAT clusters.
SPACE_MARGIN = 1024 * 1024


def size_text(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(n, 0) / 1024:.1f} KB"
    if n < 1024 ** 3:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{n / 1024 ** 3:.2f} GB"


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    size: int


class ReadBackFailed(UserError):
    """What was read back from the target differs from what was written."""


def _space_error(folder: Path, need: int, free: int) -> UserError:
    return UserError(f"U 盘（或磁盘）“{folder}”空间不足：报送包需要 {size_text(need)}，"
                     f"只剩 {size_text(free)}。请删除 U 盘上不需要的文件，或换一个 U 盘后重试。"
                     "未写入任何文件。")


def check_folder(folder: Path) -> None:
    if not folder.exists():
        raise UserError(f"文件夹“{folder}”不存在（U 盘可能已拔出）。请插好 U 盘或重新选择保存位置"
                        "后重试。未写入任何文件。")
    if not folder.is_dir():
        raise UserError(f"“{folder}”不是文件夹，请重新选择保存位置。未写入任何文件。")


def _drop_cache(fd: int) -> None:
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None:
        with contextlib.suppress(OSError):
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _copy(source: Path, target: Path, tick) -> None:
    """Copy ``source`` into the (existing, empty) file ``target``, forced to the medium."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        while chunk := src.read(CHUNK):
            dst.write(chunk)
            tick(len(chunk))
        dst.flush()
        os.fsync(dst.fileno())


def _read_back(source: Path, target: Path, tick) -> str | None:
    """Read ``target`` back from its medium beside ``source``: the SHA-256 of the bytes,
    or None when they differ from the source's.  Comparing the bytes themselves (not two
    hashes) keeps this to one hash of 50 MB (~0.04 s) instead of two."""
    digest = hashlib.sha256()
    with open(source, "rb") as src, open(target, "rb", buffering=0) as back:
        _drop_cache(back.fileno())
        while True:
            chunk = back.read(CHUNK)
            expected = src.read(CHUNK)
            # A raw read may return less than asked: compare like with like.
            while chunk and len(chunk) < len(expected):
                more = back.read(len(expected) - len(chunk))
                if not more:
                    break
                chunk += more
            if chunk != expected:
                return None
            if not chunk:
                return digest.hexdigest()
            digest.update(chunk)
            tick(len(chunk))


def _read_back_failed(folder: Path, why: str) -> ReadBackFailed:
    return ReadBackFailed(f"写入“{folder}”后读回校验失败：{why}。U 盘可能已损坏或接触不良，"
                          "不完整的文件已删除。请换一个 U 盘（或重新插好）后重试。")


def check_zip(path: Path, tick: Callable[[int], None] | None = None,
              names: Iterable[str] | None = None) -> None:
    """The zip at ``path`` opens and every member reads back with its CRC (and, given
    ``names``, it holds exactly those members).  ReadBackFailed with the reason otherwise."""
    folder = path.parent
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if names is not None and sorted(i.filename for i in infos) != sorted(names):
                raise _read_back_failed(folder, "压缩包中的文件与写入的不一致")
            for info in infos:
                with zf.open(info) as member:  # zipfile checks the CRC at the end
                    while chunk := member.read(CHUNK):
                        if tick:
                            tick(len(chunk))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _read_back_failed(folder, f"压缩包已损坏（{type(exc).__name__}）") from None


def write_verified(source: str | os.PathLike, folder: str | os.PathLike, name: str,
                   check: Callable[[Path, Callable[[int], None]], None] | None = check_zip,
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Written:
    """Copy ``source`` into ``folder`` as ``name`` (or "name (2).zip" … when taken, never
    replacing a package already there), read it back from there and ``check`` it; only
    then does it take its name.  ``check(path, tick)`` gets the temporary file on the
    target and calls ``tick(bytes)`` as it reads; it raises (ReadBackFailed) to refuse.
    ``progress`` counts bytes: written, read back, checked."""
    source, folder = Path(source), Path(folder)
    check_folder(folder)
    size = source.stat().st_size
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise user_error(exc, folder / name) from exc
    if free < size + SPACE_MARGIN:
        raise _space_error(folder, size + SPACE_MARGIN, free)
    target = next(folder / n for n in numbered_names(name) if not (folder / n).exists())
    total = 3 * size if check else 2 * size
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise Cancelled()
        done += n
        if progress is not None:
            progress(min(done, total), total)

    with atomic_path(target) as tmp:
        _copy(source, tmp, tick)
        written = _read_back(source, tmp, tick)
        if written is None:
            raise _read_back_failed(folder, "读回的内容与写入的不一致")
        if check is not None:
            check(tmp, tick)
        if cancelled is not None and cancelled():
            raise Cancelled()
    try:
        placed = target.stat().st_size
    except OSError as exc:
        raise user_error(exc, target) from exc
    if placed != size:
        with contextlib.suppress(OSError):
            target.unlink()
        raise _read_back_failed(folder, "改名后的文件大小与写入的不一致")
    if progress is not None:
        progress(total, total)
    return Written(target, written, size)


# --- the removable drives -----------------------------------------------------------------

@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free_bytes: int


def removable_drives(root: str | os.PathLike = "/") -> list[Drive]:
    """Mounted removable media, for the 报送 dialog to offer first.  Never raises: [] when
    unsure.  ``root`` stands for "/" on Linux (a test passes a fake /proc, /sys, /dev)."""
    try:
        if sys.platform == "win32":
            return _windows_drives()
        if sys.platform.startswith("linux"):
            return _linux_drives(Path(root))
    except Exception:  # noqa: BLE001 - a list of suggestions must never stop the dialog
        return []
    return []


_DRIVE_REMOVABLE = 2
_SEM_FAILCRITICALERRORS = 0x0001


def _windows_drives() -> list[Drive]:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    # Without this, asking a card reader with no card in it pops up "插入磁盘".
    old_mode = kernel32.SetErrorMode(_SEM_FAILCRITICALERRORS)
    try:
        mask = kernel32.GetLogicalDrives()
        out = []
        for i in range(26):
            if not mask & (1 << i):
                continue
            root = f"{chr(ord('A') + i)}:\\"
            if kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) != _DRIVE_REMOVABLE:
                continue
            label = ctypes.create_unicode_buffer(261)
            fs_name = ctypes.create_unicode_buffer(261)
            if not kernel32.GetVolumeInformationW(ctypes.c_wchar_p(root), label, 261, None,
                                                  None, None, fs_name, 261):
                continue  # no medium in the drive
            try:
                free = shutil.disk_usage(root).free
            except OSError:
                continue
            out.append(Drive(Path(root), label.value or "可移动磁盘", free))
        return out
    finally:
        kernel32.SetErrorMode(old_mode)


def _unescape_mount(field: str) -> str:
    """/proc/self/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, ch in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, ch)
    return field


def _unescape_label(name: str) -> str:
    """/dev/disk/by-label names write unsafe bytes as \\xHH (udev)."""
    if "\\x" not in name:
        return name
    raw = bytearray()
    i = 0
    while i < len(name):
        if name.startswith("\\x", i) and i + 4 <= len(name):
            try:
                raw.append(int(name[i + 2:i + 4], 16))
                i += 4
                continue
            except ValueError:
                pass
        raw += name[i].encode("utf-8")
        i += 1
    return raw.decode("utf-8", "replace")


def _within(root: Path, path: str) -> Path:
    return root / path.lstrip("/")


def _device_name(root: Path, device: str) -> str | None:
    """'sdb1' for /dev/sdb1 or a /dev/disk/by-uuid/… link to it."""
    if not device.startswith("/dev/"):
        return None
    path = _within(root, device)
    with contextlib.suppress(OSError):
        path = path.resolve()
    return path.name or None


def _disk_of(root: Path, name: str) -> str:
    """The whole disk of a partition ('sdb' for 'sdb1'), through sysfs."""
    block = root / "sys" / "class" / "block" / name
    if (block / "partition").exists():
        with contextlib.suppress(OSError):
            return block.resolve().parent.name
    return name


def _links_to(root: Path, folder: str) -> dict[str, str]:
    """device name → link name, for /dev/disk/by-id or by-label."""
    out = {}
    with contextlib.suppress(OSError):
        for link in (root / "dev" / "disk" / folder).iterdir():
            with contextlib.suppress(OSError):
                out.setdefault(link.resolve().name, link.name)
    return out


def _linux_drives(root: Path) -> list[Drive]:
    try:
        mounts = _within(root, "/proc/self/mounts").read_text(encoding="utf-8",
                                                              errors="replace")
    except OSError:
        return []
    usb = {dev for dev, link in _links_to(root, "by-id").items() if link.startswith("usb-")}
    labels = _links_to(root, "by-label")
    out, seen = [], set()
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        device, mount = _unescape_mount(fields[0]), _unescape_mount(fields[1])
        name = _device_name(root, device)
        if name is None:
            continue
        disk = _disk_of(root, name)
        removable = False
        with contextlib.suppress(OSError):
            removable = (root / "sys" / "block" / disk / "removable").read_text().strip() == "1"
        desktop_media = mount.startswith(("/media/", "/run/media/"))
        if not (removable or name in usb or disk in usb or desktop_media):
            continue
        path = _within(root, mount)
        if path in seen:
            continue
        try:
            free = shutil.disk_usage(path).free
        except OSError:
            continue  # listed but gone (pulled out meanwhile)
        seen.add(path)
        label = _unescape_label(labels[name]) if name in labels else Path(mount).name or mount
        out.append(Drive(path, label, free))
    return out
