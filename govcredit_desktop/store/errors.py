"""SQLite errors as the Chinese sentence a clerk reads, chosen by SQLite's result code.

SQLite's own text is English and changes between versions, so it is never shown and never
matched; it goes to the log for whoever reads that.
"""

import logging
import os
import sqlite3

from govcredit_desktop.core.errors import UserError

log = logging.getLogger(__name__)

_NOT_SAVED = "本次修改未保存"

# Extended constraint codes: what the clerk can do about each.
_CONSTRAINT_REASONS = {
    sqlite3.SQLITE_CONSTRAINT_UNIQUE: "与已有记录重复",
    sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY: "与已有记录重复",
    sqlite3.SQLITE_CONSTRAINT_NOTNULL: "缺少必填内容",
    sqlite3.SQLITE_CONSTRAINT_CHECK: "有内容超出允许的范围",
    sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY: "引用的记录不存在，或该记录仍被其他记录引用",
}


class DatabaseDamaged(UserError):
    """The file's pages are damaged: only a backup brings the data back."""


def _where(path: str | os.PathLike | None) -> str:
    return f"数据库文件“{path}”" if path is not None else "数据库文件"


def _damaged(where: str) -> str:
    return (f"{where}已损坏，无法正常读取。请不要继续在其中录入，关闭程序后用最近的备份"
            "恢复；如没有备份，请联系技术支持。")


def damaged_message(path: str | os.PathLike | None) -> str:
    return _damaged(_where(path))


def user_error_from_sqlite(exc: sqlite3.Error, path: str | os.PathLike | None = None) -> UserError:
    """``exc`` as the UserError to raise (``raise user_error_from_sqlite(exc, path) from
    exc``); ``path`` is the database file, named in the message when given."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    where = _where(path)
    message = _message(primary, code, where)
    if message is None:
        # Most likely a bug rather than the disk: keep the traceback for the log.
        log.error("SQLite error %s on %s", code, path or ":memory:", exc_info=exc)
        message = (f"操作{where}时出错，{_NOT_SAVED}。请重试；如果问题反复出现，"
                   "请把日志文件发给技术支持人员。")
    else:
        log.warning("SQLite error %s (%s) on %s: %s", code,
                    getattr(exc, "sqlite_errorname", "?"), path or ":memory:", exc)
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return DatabaseDamaged(message)
    return UserError(message)


def _message(primary: int | None, code: int | None, where: str) -> str | None:
    if primary == sqlite3.SQLITE_FULL:
        return f"{where}所在的磁盘已满，{_NOT_SAVED}，请腾出空间后重试。"
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return (f"另一个程序（或另一台电脑上的本程序）正在使用{where}，{_NOT_SAVED}，"
                "请稍后重试。")
    if primary == sqlite3.SQLITE_READONLY:
        return (f"{where}是只读的（U 盘可能开启了写保护，或没有写入权限），{_NOT_SAVED}。"
                "请关闭写保护，或把数据库复制到可以写入的位置后再打开。")
    if primary == sqlite3.SQLITE_IOERR:
        return (f"读写{where}时磁盘出错（U 盘可能已拔出或已损坏），{_NOT_SAVED}。"
                "请重新插好 U 盘，重新打开数据库后再试。")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return _damaged(where)
    if primary == sqlite3.SQLITE_CONSTRAINT:
        reason = _CONSTRAINT_REASONS.get(code)
        return f"数据不符合完整性要求（{reason}），未保存。" if reason else \
            "数据不符合完整性要求，未保存。"
    if primary == sqlite3.SQLITE_CANTOPEN:
        return (f"无法打开{where}（文件夹不存在、U 盘已拔出或没有权限），{_NOT_SAVED}。"
                "请检查文件位置后重试。")
    return None
