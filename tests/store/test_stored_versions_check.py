"""Every stored database of an earlier schema version (tests/data/, department and county
files alike, whatever versions are there) upgrades to the latest, keeps every row and then
passes the whole ``check`` (file, evidence, counts, audit chain, replay, backups)."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from govcredit_desktop import cli
from govcredit_desktop.store import migrations
from govcredit_desktop.store.database import Database

DATA = Path(__file__).resolve().parents[1] / "data"
STORED = sorted(DATA.glob("*-v*.sqlite"))


def _tables(path: Path, columns: dict[str, list[str]] | None = None
            ) -> tuple[dict[str, list[tuple]], dict[str, list[str]]]:
    """Every row of every table (the search index's shadow tables aside), sorted, and the
    columns read; ``columns``: read only these (an upgrade adds columns, NULL in old rows;
    v2 renamed one, which keeps its place)."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE '%fts%'")]
        read, rows = {}, {}
        for n in names:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({n})")]
            if columns is not None and n in columns:
                cols = cols[:len(columns[n])]
            read[n] = cols
            rows[n] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {n}").fetchall(),
                             key=repr)
        return rows, read
    finally:
        conn.close()


def test_there_are_stored_files_of_both_kinds():
    assert any(p.name.startswith("schema-v") for p in STORED)
    assert any(p.name.startswith("county-v") for p in STORED)


@pytest.mark.parametrize("stored", STORED, ids=lambda p: p.stem)
def test_a_stored_database_upgrades_keeps_its_rows_and_passes_check(stored, tmp_path, capsys):
    path = tmp_path / stored.name
    shutil.copy(stored, path)
    before, columns = _tables(path)
    with Database(path, kind=None) as db:
        assert db.scalar("PRAGMA user_version") == migrations.latest_version()
    after, _ = _tables(path, columns)
    for table, rows in before.items():
        if table in ("audit_log", "meta"):
            # The upgrade adds its own entries and moves the head: the old ones stay.
            kept = {r for r in rows if r[0] != "audit_head"}
            assert kept <= set(after[table]), table
            continue
        assert after[table] == rows, table
    assert cli.main(["check", "--db", str(path)]) == 0, capsys.readouterr().err
    assert "数据库完整性检查通过" in capsys.readouterr().out
