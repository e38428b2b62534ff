"""Opening a database file: pragmas, migrations, default location."""

import os
import sqlite3
from pathlib import Path

from govcredit_desktop import APP_NAME
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import user_error
from govcredit_desktop.store.errors import user_error_from_sqlite
from govcredit_desktop.store.migrations import (
    APPLICATION_ID,
    COUNTY_APPLICATION_ID,
    KIND_COUNTY,
    KIND_DEPARTMENT,
    latest_version,
    migrate,
)

if os.name == "nt":
    from nturl2path import pathname2url
else:
    # What urllib.request.pathname2url is on POSIX, without importing urllib.request
    # (http.client, email: ~35 ms of every command's start).
    from urllib.parse import quote as pathname2url


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "govcredit.sqlite"


# Busy timeout: how long a write waits for another program's write to finish
# before the clerk is told the file is in use.
BUSY_TIMEOUT_S = 10.0
# Tables every file of ours has had since version 1.
_OUR_TABLES = {"meta", "department", "campaign", "person", "problem", "measure", "audit_log"}


def _not_ours(db_path: Path, why: str) -> UserError:
    return UserError(f"“{db_path}”不是本程序的数据库文件（{why}），已拒绝打开，未做任何改动。"
                     "请选择本程序创建的台账数据库（.sqlite）文件")


KIND_CN = {KIND_DEPARTMENT: "单位台账数据库", KIND_COUNTY: "县信用办数据库"}


def _wrong_kind(db_path: Path, found: str, wanted: str) -> UserError:
    if wanted == KIND_COUNTY:
        how = ("县信用办的功能（登记单位、接收报送包、汇总）只能用县信用办数据库，"
               "请指定用“county init”创建的县信用办数据库")
    else:
        how = ("单位台账的功能只能用单位台账数据库；县信用办数据库请用“county”命令"
               "或在程序中以县信用办模式打开")
    return UserError(f"“{db_path}”是{KIND_CN[found]}，不是{KIND_CN[wanted]}，已拒绝打开，"
                     f"未做任何改动。{how}")


def _identify(conn: sqlite3.Connection, db_path: Path) -> str | None:
    """The kind of a file of ours (KIND_DEPARTMENT, KIND_COUNTY), None for an empty
    SQLite file (nothing in it yet).

    Reads the header and the table names only: nothing may be written (not even
    the switch to WAL) before the file is known to be ours and of the kind wanted.
    """
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id in (APPLICATION_ID, COUNTY_APPLICATION_ID):
        kind = KIND_COUNTY if app_id == COUNTY_APPLICATION_ID else KIND_DEPARTMENT
        # The header decides; a meta row that says otherwise is a file edited by hand.
        stated = conn.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone() \
            if "meta" in tables else None
        if stated is not None and stated[0] != kind:
            raise _not_ours(db_path, "文件头与其中记载的数据库类型不一致，文件可能被改动过")
        return kind
    if app_id != 0:
        raise _not_ours(db_path, "属于其他程序")
    if version == 0 and not tables:
        return None
    # Files of versions 1-2 carried no application id yet.
    if 0 < version < 3 and _OUR_TABLES <= tables:
        return KIND_DEPARTMENT
    raise _not_ours(db_path, "其中的数据表不是本程序的")


def writable(path: Path) -> bool:
    """Whether the file and its folder can be written (SQLite puts its -wal and
    -shm files beside the database); False on read-only media and for files
    the user may only read."""
    folder = path.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return False
    statvfs = getattr(os, "statvfs", None)  # not on Windows: access() covers it there
    if statvfs is not None:
        try:
            return not statvfs(folder).f_flag & os.ST_RDONLY
        except OSError:
            return True  # the open itself will say what is wrong
    return True


def connect(path: Path | str | None, create: bool = False,
            kind: str | None = KIND_DEPARTMENT) -> tuple[sqlite3.Connection, Path | None,
                                                        bool, str]:
    """Open and upgrade a database; ':memory:' or None for tests.

    Returns the connection, the path, whether the file is open read-only and its kind.
    ``kind`` is the kind wanted (a file of the other kind is refused unchanged) and the
    kind a new file becomes; None opens either kind (a new file: a department's).
    A missing or empty file is made into a new database only when ``create``
    is given (a new file, the first run, demo data); a file that is not ours is
    refused without a byte of it changing.  A file on read-only media (a
    write-protected stick, a CD) or without write permission opens read-only.
    """
    read_only = False
    if path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        db_path = None
        fresh = True
        found = None
    else:
        db_path = Path(path)
        read_only = db_path.exists() and not writable(db_path)
        conn, found = _open_file(db_path, create, read_only, kind)
        fresh = found is None
    made = found or kind or KIND_DEPARTMENT
    if read_only:
        return _read_only(conn, db_path, fresh), db_path, True, made
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if db_path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed edit survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
        # 64 MB page cache (default 2 MB): a 100k-problem county ledger's
        # indexes stay in memory, well within the 300 MB RSS target.
        conn.execute("PRAGMA cache_size = -65536")
        if fresh and not create and db_path is not None:
            raise UserError(f"“{db_path}”是空文件，不是台账数据库")
        migrate(conn, db_path, made)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise user_error_from_sqlite(exc, db_path) from exc
    except BaseException:
        conn.close()
        raise
    return conn, db_path, False, made


def _read_only(conn: sqlite3.Connection, db_path: Path, fresh: bool) -> sqlite3.Connection:
    """Check that a read-only file can be shown as it is: nothing may be
    created or upgraded in it."""
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise user_error_from_sqlite(exc, db_path) from exc
    if fresh or version != latest_version():
        conn.close()
        why = ("是空的" if fresh else "需要先升级到本程序的数据版本" if version < latest_version()
               else "由更新版本的程序创建")
        raise UserError(f"数据库文件“{db_path}”是只读的（U 盘写保护或没有写入权限），且{why}，"
                        "无法打开（未做任何改动）。请把它复制到电脑上可以写入的文件夹后再打开。")
    return conn


# The most of a file a whole-file check maps into memory (see open_reader).
CHECK_MMAP_MAX = 1 << 30


def open_reader(db_path: Path, read_only: bool, whole_file: bool = False) -> sqlite3.Connection:
    """A second, read-only connection to an open database (long checks).

    ``whole_file``: the file memory-mapped (mmap_size, at most CHECK_MMAP_MAX), for PRAGMA
    integrity_check, which reads every page and looks every index entry up in its table.
    At 100k problems (a 330 MB file), A/B in one run: mapped 0.76× the wall time of the
    64 MB page cache (the copy of each page out of the OS cache goes); a page cache the
    size of the file gained nothing (0.93× cpu, 1.08× wall) for 280 MB more memory.  The
    price: an I/O error in a mapped file (a stick pulled during the check) kills the
    process with SIGBUS instead of printing the clerk's sentence; the check writes
    nothing, so nothing is lost."""
    flags = "mode=ro&immutable=1" if read_only else "mode=ro"
    conn = sqlite3.connect(f"file:{pathname2url(str(db_path.resolve()))}?{flags}", uri=True,
                           timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    if whole_file:
        try:
            size = db_path.stat().st_size
        except OSError:
            size = 0
        conn.execute(f"PRAGMA mmap_size = {min(size, CHECK_MMAP_MAX)}")
    return conn


def _open_file(db_path: Path, create: bool, read_only: bool = False,
               kind: str | None = KIND_DEPARTMENT) -> tuple[sqlite3.Connection, str | None]:
    if db_path.is_dir():
        raise UserError(f"“{db_path}”是一个文件夹，请指定数据库文件")
    exists = db_path.exists()
    size = db_path.stat().st_size if exists else 0
    if not create and not exists:
        raise UserError(f"数据库文件不存在：{db_path}。请检查文件的位置和名称")
    if not create and size == 0:
        raise _not_ours(db_path, "空文件")
    if size:
        with open(db_path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise _not_ours(db_path, "文件格式不符")
    if create and not db_path.parent.is_dir():
        # One rule for every file the program writes: a missing folder is said,
        # not made (a mistyped path must not grow folders); see cli.py.
        raise UserError(f"文件夹“{db_path.parent.resolve()}”不存在，未创建数据库。"
                        "请先建好该文件夹，或选择其他位置")
    try:
        # The GUI reads from a worker thread too; every use is serialised by
        # the Database's lock, so sharing the connection across threads is safe.
        # Autocommit mode: Database.transaction begins every write itself
        # (BEGIN IMMEDIATE), so Python never opens a deferred one behind it.
        if read_only:
            # immutable: SQLite cannot make its -shm file on read-only media, and
            # nothing there can change the file while it is open.
            conn = open_reader(db_path, read_only=True)
            conn.isolation_level = None
        else:
            conn = sqlite3.connect(db_path, check_same_thread=False, timeout=BUSY_TIMEOUT_S,
                                   isolation_level=None)
    except OSError as exc:
        raise user_error(exc, db_path, action="打开") from exc
    except sqlite3.Error as exc:
        raise user_error_from_sqlite(exc, db_path) from exc
    try:
        found = _identify(conn, db_path)
        if found is not None and kind is not None and found != kind:
            raise _wrong_kind(db_path, found, kind)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise user_error_from_sqlite(exc, db_path) from exc
        raise
    return conn, found
