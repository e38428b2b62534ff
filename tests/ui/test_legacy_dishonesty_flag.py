"""A problem upgraded from before schema v8 may carry the old 纳入政务失信记录 flag with no
record (issue 19): the 失信记录 tab says so and clears it, confirmed and audited, on the
stored v7 file.  The store refuses to clear a flag its records hold."""

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from govcredit_desktop.core.changes import RecordKind
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import Database
from govcredit_desktop.ui.problem_editor import ProblemEditor
from tests.ui.helpers import show

V7 = Path(__file__).resolve().parents[1] / "data" / "schema-v7.sqlite"
NOTES = Path("/work/notes/records")


@pytest.fixture
def upgraded(tmp_path):
    path = tmp_path / "ledger.sqlite"
    shutil.copy(V7, path)
    db = Database(path, actor="t", create=True)  # upgraded to the current schema
    yield db
    for w in QApplication.topLevelWidgets():
        w.hide()
    db.close()


def flagged(db) -> list[int]:
    return db.column("SELECT id FROM problem WHERE listed_as_dishonest = 1 ORDER BY id")


def test_the_store_clears_only_a_flag_without_records(upgraded):
    db = upgraded
    old = flagged(db)
    assert len(old) >= 2 and all(db.dishonesty_records.has_legacy_flag(p) for p in old)
    first, second = old[:2]
    # A record makes the flag the records': refused, nothing written.
    db.dishonesty_records.add(second, {"record_type": "行政处罚", "source_document": "处罚决定",
                                       "record_date": "2026-10-09"})
    assert not db.dishonesty_records.has_legacy_flag(second)
    with pytest.raises(UserError, match="有政务失信记录"):
        db.dishonesty_records.clear_legacy_flag(second)
    assert db.problems.get(second)["listed_as_dishonest"] == 1
    assert db.dishonesty_records.clear_legacy_flag(first) == {"listed_as_dishonest": 1}
    assert db.problems.get(first)["listed_as_dishonest"] == 0
    with pytest.raises(UserError, match="无需清除"):
        db.dishonesty_records.clear_legacy_flag(first)
    uuid = db.problems.get(first)["uuid"]
    last = db.query("SELECT action, before_json, after_json FROM audit_log"
                    " WHERE record_uuid = ? ORDER BY id DESC LIMIT 1", (uuid,))[0]
    assert last["action"] == "update" and '"listed_as_dishonest":0' in last["after_json"]
    assert db.check().ok


def test_the_tab_says_where_the_mark_comes_from_and_clears_it(qtbot, upgraded, msgbox):
    db = upgraded
    pid = flagged(db)[0]
    number = db.problems.get(pid)["number"]
    editor = show(qtbot, ProblemEditor(None, db, pid))
    editor.resize(1024, 700)
    assert editor.form.dishonestyRecordCheck.isChecked()
    QTest.keyClick(editor, Qt.Key_5, Qt.AltModifier)
    tab = editor.dishonesty_tab
    assert tab.legacy.isVisible() and "来自旧版本" in tab.legacy_label.text()
    assert tab.records.table.rowCount() == 0
    if NOTES.is_dir():
        editor.grab().save(str(NOTES / "legacy_flag_1024.png"))

    # No: nothing changes.
    msgbox.answer = QMessageBox.StandardButton.No
    QTest.mouseClick(tab.legacy_button, Qt.LeftButton)
    assert msgbox.calls[-1][0] == "question" and number in msgbox.calls[-1][2]
    assert db.problems.get(pid)["listed_as_dishonest"] == 1 and tab.legacy.isVisible()

    msgbox.answer = QMessageBox.StandardButton.Yes
    QTest.mouseClick(tab.legacy_button, Qt.LeftButton)
    assert db.problems.get(pid)["listed_as_dishonest"] == 0
    assert not tab.legacy.isVisible()
    assert not editor.form.dishonestyRecordCheck.isChecked()
    assert pid in editor.changes.ids(RecordKind.PROBLEM)  # the ledger re-reads its row
    # The ledger's marker goes with it; the file still checks.
    from govcredit_desktop.store.queries import ledger as lq

    row = lq.rows_by_id(db, [pid], lq.LedgerFilter())[0]
    assert row["listed_as_dishonest"] == 0
    assert db.check().ok
    # Another flagged problem still shows the line; a problem without the flag never does.
    editor.hide()
    other = flagged(db)[0]
    editor = show(qtbot, ProblemEditor(None, db, other))
    QTest.keyClick(editor, Qt.Key_5, Qt.AltModifier)
    assert editor.dishonesty_tab.legacy.isVisible()
    editor.hide()
    plain = db.scalar("SELECT id FROM problem WHERE listed_as_dishonest = 0 LIMIT 1")
    editor = show(qtbot, ProblemEditor(None, db, plain))
    QTest.keyClick(editor, Qt.Key_5, Qt.AltModifier)
    assert not editor.dishonesty_tab.legacy.isVisible()
