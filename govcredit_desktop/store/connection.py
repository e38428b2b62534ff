"""Opening a database file: pragmas, migrations, default location."""

import sqlite3
from pathlib import Path

from govcredit_desktop import APP_NAME
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import user_error
from govcredit_desktop.store.errors import user_error_from_sqlite
from govcredit_desktop.store.migrations import migrate


def default_db_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "govcredit.sqlite"


def connect(path: Path | str | None) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating if needed) and upgrade a database; ':memory:' or None for tests."""
    if path is None or str(path) == ":memory:":
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        db_path = None
    else:
        db_path = Path(path)
        if db_path.exists() and db_path.is_dir():
            raise UserError(f"“{db_path}”是一个文件夹，请指定数据库文件")
        if db_path.exists() and db_path.stat().st_size > 0:
            with open(db_path, "rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise UserError(
                        f"“{db_path}”不是本程序的数据库文件（文件格式不符），未做任何改动")
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            # The GUI reads from a worker thread too; every use is serialised by
            # the caller, so sharing the connection across threads is safe.
            conn = sqlite3.connect(db_path, check_same_thread=False, timeout=10)
        except OSError as exc:
            raise user_error(exc, db_path, action="打开") from exc
        except sqlite3.Error as exc:
            raise user_error_from_sqlite(exc, db_path) from exc
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if db_path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed edit survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
        # 64 MB page cache (default 2 MB): a 100k-problem county ledger's
        # indexes stay in memory, well within the 300 MB RSS target.
        conn.execute("PRAGMA cache_size = -65536")
        migrate(conn, db_path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise user_error_from_sqlite(exc, db_path) from exc
    except BaseException:
        conn.close()
        raise
    return conn, db_path
