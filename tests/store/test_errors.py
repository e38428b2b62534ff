"""SQLite errors are classified by result code and worded in Chinese only."""

import logging
import re
import sqlite3

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store.errors import user_error_from_sqlite


def raised(fn) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        fn()
    return caught.value


def classify(exc, path=None) -> str:
    error = user_error_from_sqlite(exc, path)
    assert isinstance(error, UserError)
    message = str(error)
    # Neither SQLite's English text nor any other English (path aside) reaches the clerk.
    assert str(exc) not in message
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"“[^”]*”", "", message)), message
    return message


@pytest.fixture
def db(tmp_path):
    conn = sqlite3.connect(tmp_path / "a.sqlite", timeout=0, isolation_level=None)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                 " n INTEGER CHECK (n >= 0), parent INTEGER REFERENCES t(id))")
    conn.execute("PRAGMA foreign_keys = ON")
    yield conn
    conn.close()


def test_full(db, tmp_path):
    db.execute(f"PRAGMA max_page_count = {db.execute('PRAGMA page_count').fetchone()[0]}")
    exc = raised(lambda: db.execute("INSERT INTO t (name) VALUES (?)", ("x" * 100_000,)))
    assert exc.sqlite_errorcode == sqlite3.SQLITE_FULL
    message = classify(exc, tmp_path / "a.sqlite")
    assert "磁盘已满" in message and "本次修改未保存" in message and "腾出空间" in message
    assert "a.sqlite" in message


def test_busy_while_another_connection_writes(db, tmp_path):
    other = sqlite3.connect(tmp_path / "a.sqlite", timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        exc = raised(lambda: db.execute("INSERT INTO t (name) VALUES ('x')"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
    assert "另一个程序" in classify(exc) and "稍后重试" in classify(exc)


@pytest.mark.parametrize(("sql", "reason"), [
    ("INSERT INTO t (name) VALUES ('a')", "重复"),
    ("INSERT INTO t (name) VALUES (NULL)", "必填"),
    ("INSERT INTO t (name, n) VALUES ('b', -1)", "范围"),
    ("INSERT INTO t (name, parent) VALUES ('c', 99)", "引用"),
])
def test_constraint(db, sql, reason):
    db.execute("INSERT INTO t (name) VALUES ('a')")
    exc = raised(lambda: db.execute(sql))
    assert isinstance(exc, sqlite3.IntegrityError)
    message = classify(exc)
    assert message.startswith("数据不符合完整性要求") and "未保存" in message and reason in message


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is no database " * 300)
    conn = sqlite3.connect(path)
    try:
        exc = raised(lambda: conn.execute("SELECT * FROM sqlite_master").fetchall())
    finally:
        conn.close()
    assert exc.sqlite_errorcode == sqlite3.SQLITE_NOTADB
    assert "已损坏" in classify(exc, path) and "备份恢复" in classify(exc, path)


def test_read_only(db, tmp_path):
    ro = sqlite3.connect(f"file:{tmp_path / 'a.sqlite'}?mode=ro", uri=True)
    try:
        exc = raised(lambda: ro.execute("INSERT INTO t (name) VALUES ('x')"))
    finally:
        ro.close()
    assert exc.sqlite_errorcode & 0xFF == sqlite3.SQLITE_READONLY
    assert "只读" in classify(exc)


def test_cannot_open(tmp_path):
    exc = raised(lambda: sqlite3.connect(tmp_path / "gone" / "a.sqlite"))
    assert exc.sqlite_errorcode == sqlite3.SQLITE_CANTOPEN
    assert "无法打开" in classify(exc)


@pytest.mark.parametrize(("code", "words"), [
    (sqlite3.SQLITE_IOERR | (3 << 8), "磁盘出错"),  # SQLITE_IOERR_WRITE
    (sqlite3.SQLITE_LOCKED, "另一个程序"),
    (sqlite3.SQLITE_CORRUPT, "已损坏"),
])
def test_codes_hard_to_provoke(code, words):
    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = code
    assert words in classify(exc)


def test_unknown_errors_get_a_generic_sentence_and_go_to_the_log(db, caplog):
    exc = raised(lambda: db.execute("SELECT * FROM no_such_table"))
    with caplog.at_level(logging.WARNING, logger="govcredit_desktop.store.errors"):
        message = classify(exc)
    assert "本次修改未保存" in message and "技术支持" in message
    assert "no such table" in caplog.text  # the English is for whoever reads the log
    no_code = sqlite3.DatabaseError("raised by the sqlite3 module itself")
    assert "技术支持" in classify(no_code)
