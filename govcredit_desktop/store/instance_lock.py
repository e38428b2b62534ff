"""One running program per database file: a lock file beside it, held with an OS lock.

    lock = instance_lock.acquire(db_path)      # InUse (a UserError) if another program has it
    ...
    lock.release()

The lock file ``.<name>.lock`` holds who took it (PC user, computer, process, time) for the
message another copy shows, and is removed when the program lets go.  The OS holds the
lock itself (``flock`` on POSIX, a locked byte on Windows), so a crashed or killed
program frees it at once: what a dead holder wrote is simply overwritten by the next one
(stale-lock recovery needs no guessing from ages or process ids).

Within one process the lock is shared: the window reopening its own file after a
restore, or tests opening a file twice, take it again and count up.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import UserError

if os.name == "nt":
    import msvcrt
else:
    import fcntl

#: The byte locked on Windows: far past the holder's text, which others must read.
_LOCK_OFFSET = 1 << 20
_MAX_INFO = 4096


class InUse(UserError):
    """Another program has the database open."""


@dataclass
class _Held:
    fd: int
    count: int


_held: dict[str, _Held] = {}
_guard = threading.Lock()


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.lock")


def _key(db_path: Path) -> str:
    return os.path.normcase(str(db_path.resolve()))


def _user() -> str:
    from govcredit_desktop.store.audit import current_actor

    return current_actor()


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if os.name == "nt":
            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    if os.name == "nt":
        return True  # an open file cannot be removed there
    try:
        mine, named = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


def holder(db_path: Path) -> dict:
    """What the lock file says about who holds it ({} when unreadable)."""
    try:
        with open(lock_path(db_path), "rb") as fh:
            text = fh.read(_MAX_INFO).split(b"\0", 1)[0]
        info = json.loads(text.decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _in_use(db_path: Path) -> InUse:
    info = holder(db_path)
    user, host = str(info.get("user") or "未知用户"), str(info.get("host") or "未知电脑")
    when = ""
    with contextlib.suppress(TypeError, ValueError):
        t = _dt.datetime.fromisoformat(info["time"])
        when = f"，打开时间 {t.year}年{t.month}月{t.day}日 {t:%H:%M}"
    return InUse(f"数据库“{db_path.name}”已被另一个程序打开（电脑“{host}”上的用户“{user}”"
                 f"{when}）。同一个数据库同时只能在一个程序中打开，以免两处修改互相覆盖。"
                 "请先关闭那个程序再试；如果那个程序已经退出或电脑已经关机，直接重试即可。"
                 "当前数据库未做任何改动。")


class InstanceLock:
    def __init__(self, db_path: Path, key: str):
        self.db_path, self._key = db_path, key
        self._released = False

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        with _guard:
            held = _held.get(self._key)
            if held is None:
                return
            held.count -= 1
            if held.count:
                return
            del _held[self._key]
            path = lock_path(self.db_path)
            if os.name == "nt":
                _unlock(held.fd)
                os.close(held.fd)
                # Refused while another program has it open: it is then theirs to remove.
                with contextlib.suppress(OSError):
                    os.unlink(path)
                return
            # Removed while still locked: a program that opened the old file meanwhile
            # finds, once it has the lock, that the name no longer leads to its file, and
            # tries again (``_same_file``), so two programs never lock two files of one name.
            with contextlib.suppress(OSError):
                os.unlink(path)
            _unlock(held.fd)
            os.close(held.fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()


def acquire(db_path: Path) -> InstanceLock | None:
    """Take the lock for ``db_path``; InUse if another program holds it.  None when no
    lock file can be made (read-only media: nothing there can be written anyway)."""
    db_path = Path(db_path)
    key = _key(db_path)
    with _guard:
        held = _held.get(key)
        if held is not None:
            held.count += 1
            return InstanceLock(db_path, key)
        path = lock_path(db_path)
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
                             | getattr(os, "O_CLOEXEC", 0), 0o666)
            except OSError as exc:
                if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT):
                    return None
                raise
            try:
                locked = _try_lock(fd)
            except BaseException:
                os.close(fd)
                raise
            if not locked:
                os.close(fd)
                raise _in_use(db_path)
            if _same_file(fd, path):
                break
            _unlock(fd)  # the holder removed it as we opened it: take the new one
            os.close(fd)
        try:
            info = {"user": _user(), "host": socket.gethostname(), "pid": os.getpid(),
                    "time": _dt.datetime.now().isoformat(timespec="seconds")}
            text = json.dumps(info, ensure_ascii=False).encode("utf-8")
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, text + b"\0" * max(0, 512 - len(text)))
            os.fsync(fd)
        except BaseException:
            _unlock(fd)
            os.close(fd)
            raise
        _held[key] = _Held(fd, 1)
    return InstanceLock(db_path, key)

