"""`check` replays the audit log against the data (issue 13, items 8-11).

Every tampering below passed `check` before the replay existed: the chain only proves
that the log was not edited, and none of these edits touches the log (or they cut its
tail and fix the head, which the chain cannot see).
"""

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from govcredit_desktop import demo
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store import replay as replay_mod
from govcredit_desktop.store.audit import AuditHeadError
from govcredit_desktop.store.bulk import BulkWriter
from govcredit_desktop.store.database import Database
from tests.conftest import base_problem

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def raw(db: Database, *statements: str, params=()) -> None:
    """Edit the file behind the program's back, as the attack did."""
    conn = sqlite3.connect(db.path)
    try:
        for sql in statements:
            conn.execute(sql, params if "?" in sql else ())
        conn.commit()
    finally:
        conn.close()


def check_cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govcredit_desktop", "check", "--db",
                           str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)


def kinds(report) -> list[tuple[str, str]]:
    return [(d.kind, d.table) for d in report.disagreements]


@pytest.fixture
def ledger(make_demo_db):
    """Demo data (bulk-written) plus records written one by one through the store."""
    db = make_demo_db(30, seed=3)
    campaign = db.settings.latest_campaign()["id"]
    pid = db.problems.add(base_problem(campaign, title="手工录入的问题",
                                       amount_involved=500_000))
    db.measures.add(pid, {"content": "核实欠款金额"})
    assert db.replay_audit().ok, db.replay_audit().lines()
    return db, pid


def test_a_demo_ledger_edited_through_the_store_replays_clean(ledger, tmp_path):
    db, pid = ledger
    campaign = db.settings.latest_campaign()["id"]
    demo_pid = db.column("SELECT id FROM problem ORDER BY id")[3]
    person = db.people.add({"name": "孙喆", "post": "股长"})
    db.people.update(person, {"phone": "13800000000"})
    db.people.set_active(person, False)
    gone = db.people.add({"name": "临时人员"})
    db.people.delete(gone)
    db.settings.save_department({"contact_phone": "0375-1234567"})
    other = db.settings.add_campaign({"name": "另一个专项", "start_date": "2026-01-01"})
    db.settings.update_campaign(other, {"doc_number": "宝信用办〔2026〕1号"})
    db.settings.delete_campaign(other)
    db.settings.add_vocabulary("area", "自定义领域")
    db.problems.update(demo_pid, {"title": "改过标题的示例问题", "description": "补充描述"})
    mid = db.measures.add(pid, {"content": "签订还款协议"})
    db.measures.update(mid, {"status": "已完成", "completed_date": "2026-01-05"})
    for measure in db.measures.list(pid):
        db.measures.update(measure["id"], {"status": "已完成", "completed_date": "2026-01-05"})
    entry = db.progress.add(pid, {"entry_date": "2026-01-06", "note": "已付一半",
                                  "amount_repaid": 250_000})
    db.progress.add(pid, {"entry_date": "2026-01-07", "note": "付清", "amount_repaid": 250_000})
    db.progress.delete(entry)
    file = tmp_path / "凭证.txt"
    file.write_text("付款凭证", encoding="utf-8")
    db.evidence.add(pid, file, note="凭证")
    on_measure = db.evidence.add(pid, file, note="措施的凭证", measure_id=mid)
    dropped = db.measures.add(pid, {"content": "将被删除的措施"})
    db.evidence.add(pid, file, measure_id=dropped)
    db.measures.delete(dropped)  # SQLite sets that evidence's measure_id to NULL, unlogged
    db.evidence.delete(on_measure)
    db.problems.close(pid, "王建国", "2026-01-08", "对账无异议")
    db.problems.reopen(pid, "发现遗漏")
    db.problems.close(pid, "王建国", "2026-01-09")
    doomed = db.problems.add(base_problem(campaign, title="将被删除的问题"))
    db.progress.add(doomed, {"entry_date": "2026-01-06", "note": "进展"})
    db.evidence.add(doomed, file)
    db.problems.delete(doomed)
    db.problems.delete(db.column("SELECT id FROM problem ORDER BY id")[5])  # a demo one
    report = db.replay_audit()
    assert report.ok, report.lines()
    assert report.unverified == 0
    assert report.records == sum(db.scalar(f"SELECT count(*) FROM {t}")
                                 for t in replay_mod.TABLES)
    assert db.verify_audit().ok and db.integrity_problems() == []


def test_a_bulk_reimport_that_updates_and_drops_replays_clean(db, campaign):
    def bundle(n):
        return {**base_problem(campaign, title=f"导入问题{n}"),
                "uuid": f"00000000-0000-4000-8000-{n:012d}",
                "measures": [{"uuid": f"00000000-0000-4000-9000-{n:012d}", "content": "措施一"},
                             {"uuid": f"00000000-0000-4000-a000-{n:012d}", "content": "措施二"}],
                "progress": [{"entry_date": "2021-10-20", "note": "进展"}]}

    BulkWriter(db, "import").write(bundle(n) for n in range(6))
    pid = db.scalar("SELECT id FROM problem WHERE title = '导入问题2'")
    mid = db.scalar("SELECT id FROM measure WHERE problem_id = ? AND seq = 2", (pid,))
    db.evidence.add(pid, Path(__file__), measure_id=mid)
    again = [bundle(n) for n in range(6)]
    again[2]["title"] = "改过的标题"
    again[2]["measures"] = again[2]["measures"][:1]  # the measure with evidence is dropped
    BulkWriter(db, "import", chunk=4).write(again)
    report = db.replay_audit()
    assert report.ok, report.lines()
    # The re-import's entry carries the rows as written, and what it dropped.
    entry = db.query("SELECT after_json FROM audit_log WHERE action = 'bulk_upsert'"
                     " ORDER BY id DESC LIMIT 1")[0]["after_json"]
    assert '"packing":"zlib+base64"' in entry
    raw(db, "UPDATE measure SET content = '改过' WHERE seq = 1 AND problem_id = 1")
    report = db.replay_audit()
    assert kinds(report) == [("changed", "measure")]
    assert "措施内容" in report.disagreements[0].message()


def test_a_direct_update_is_named_with_its_fields(ledger):
    db, _ = ledger
    target = db.query("SELECT id, number FROM problem WHERE status != '已销号'"
                      " AND amount_involved > 0 ORDER BY id LIMIT 1")[0]
    raw(db, "UPDATE problem SET status = '已销号', amount_repaid = amount_involved"
            f" WHERE id = {target['id']}")
    report = db.replay_audit()
    assert not report.ok and kinds(report) == [("changed", "problem")]
    line = report.lines()[0]
    assert line.startswith(f"问题 {target['number']} 的 ")
    assert "状态" in line and "已清偿金额" in line and "可能被绕过程序直接修改" in line
    assert db.verify_audit().ok  # the chain alone never saw it


def test_a_changed_then_edited_field_is_still_caught(ledger):
    db, pid = ledger
    raw(db, f"UPDATE problem SET amount_repaid = 400000 WHERE id = {pid}")
    db.problems.update(pid, {"amount_repaid": 450_000})  # the log's "before" is forged data
    report = db.replay_audit()
    assert kinds(report) == [("before", "problem")]
    assert "已清偿金额" in report.lines()[0] and "之前已与日志不符" in report.lines()[0]


def test_insert_delete_and_resurrection_out_of_band_are_named(ledger):
    db, pid = ledger
    row = db.problems.get(pid)
    cols = [c for c in row if c != "id"]
    forged = {**row, "uuid": "11111111-1111-4111-8111-111111111111", "number": "2026-900",
              "seq": 900}
    raw(db, f"INSERT INTO problem ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        params=[forged[c] for c in cols])
    measure = db.query("SELECT id, content FROM measure ORDER BY id LIMIT 1")[0]
    raw(db, "PRAGMA foreign_keys = OFF", f"DELETE FROM measure WHERE id = {measure['id']}")
    report = db.replay_audit()
    assert sorted(kinds(report)) == [("missing", "measure"), ("unlogged", "problem")]
    text = "\n".join(report.lines())
    assert "问题 2026-900 在审计日志中没有记录" in text
    assert f"整改措施“{measure['content'][:20]}" in text and "应当存在" in text

    mine = db.problems.add(base_problem(db.settings.latest_campaign()["id"], title="删后复活"))
    row = db.problems.get(mine)
    db.problems.delete(mine)
    cols = list(row)
    raw(db, f"INSERT INTO problem ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        params=[row[c] for c in cols])
    assert ("resurrected", "problem") in kinds(db.replay_audit())



def test_bulk_rows_tampered_in_place_are_caught_however_the_chunk_compares(ledger):
    """The replay compares a bulk chunk while decoding it, first as one list against
    the table's rows of the chunk's id range: each way that list can differ is caught
    and named, and a row swapped for an unlogged one of the same count is found."""
    db, _ = ledger
    measures = db.query("SELECT id, uuid, content FROM measure ORDER BY id LIMIT 3")
    progress = db.query("SELECT id FROM progress ORDER BY id LIMIT 1")[0]
    raw(db, "PRAGMA foreign_keys = OFF",
        f"UPDATE measure SET content = '暗改的措施' WHERE id = {measures[0]['id']}",
        # Same number of rows: one logged uuid gone, one the log never saw.
        f"UPDATE measure SET uuid = '22222222-2222-4222-8222-222222222222'"
        f" WHERE id = {measures[1]['id']}",
        f"DELETE FROM progress WHERE id = {progress['id']}",
        # Rows of one chunk out of their id order: the same rows, so nothing to report.
        "UPDATE problem SET id = -id WHERE id IN (SELECT id FROM problem ORDER BY id LIMIT 2)")
    report = db.replay_audit()
    assert sorted(kinds(report)) == [("changed", "measure"), ("missing", "measure"),
                                     ("missing", "progress"), ("unlogged", "measure")]
    text = "\n".join(report.lines(10))
    assert "暗改的措施" in text or "措施内容" in text
    assert report.records == sum(db.scalar(f"SELECT count(*) FROM {t}")
                                 for t in replay_mod.TABLES)

def test_cutting_the_last_audit_row_is_caught_by_the_cli(ledger):
    db, pid = ledger
    db.problems.update(pid, {"title": "最后一次修改"})
    path = db.path
    db.close()
    raw(db, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "UPDATE meta SET value = (SELECT id || ':' || hash FROM audit_log"
        " WHERE id = (SELECT max(id) FROM audit_log)) WHERE key = 'audit_head'")
    with Database(path) as reopened:
        assert reopened.verify_audit().ok  # the chain cannot see a cut tail
    result = check_cli(path)
    assert result.returncode == 3, result
    assert "问题 2026-031 的 问题标题" in result.stderr and "与审计日志不符" in result.stderr
    assert "Traceback" not in result.stderr


def test_cutting_a_trailing_reopen_reason_is_named(ledger):
    db, pid = ledger
    for measure in db.measures.list(pid):
        db.measures.update(measure["id"], {"status": "已完成", "completed_date": "2026-01-05"})
    db.problems.close(pid, "王建国", "2026-01-08")
    db.problems.reopen(pid, "发现遗漏")
    raw(db, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "UPDATE meta SET value = (SELECT id || ':' || hash FROM audit_log"
        " WHERE id = (SELECT max(id) FROM audit_log)) WHERE key = 'audit_head'")
    report = db.replay_audit()
    assert kinds(report) == [("log", "audit_log")]
    assert "缺少随后的撤销原因记录" in report.lines()[0]


def test_an_empty_log_on_a_database_with_records_fails_check(ledger):
    db, _ = ledger
    path = db.path
    db.close()
    raw(db, "DELETE FROM audit_log", "DELETE FROM meta WHERE key = 'audit_head'")
    result = check_cli(path)
    assert result.returncode == 3, result
    assert "审计日志为空，但数据库中有" in result.stderr
    assert "共 0 条记录" not in result.stdout + result.stderr


def test_a_malformed_head_is_named_and_refuses_writes(ledger):
    db, pid = ledger
    raw(db, "UPDATE meta SET value = 'abc' WHERE key = 'audit_head'")
    report = db.verify_audit()
    assert not report.ok and "链头损坏" in report.message()
    with pytest.raises(AuditHeadError, match="审计日志链头损坏.*请用备份恢复"):
        db.problems.update(pid, {"title": "写不进去"})
    assert issubclass(AuditHeadError, UserError)
    assert db.problems.get(pid)["title"] == "手工录入的问题"  # rolled back with it
    path = db.path
    db.close()
    result = check_cli(path)
    assert result.returncode == 3
    assert "链头损坏" in result.stderr and "Traceback" not in result.stderr


FORGED = hashlib.sha256(b"forged").hexdigest()


@pytest.mark.parametrize("tamper, field", [
    # Another file's bytes under their own, correct hash, and the row pointed at them:
    # every blob still hashes to its key, so only the replay sees it.
    (["PRAGMA foreign_keys = OFF",
      f"UPDATE evidence_blob SET data = CAST('forged' AS BLOB), sha256 = '{FORGED}'",
      f"UPDATE evidence SET sha256 = '{FORGED}', size = 6"], "文件哈希值"),
    (["UPDATE evidence SET size = size + 1"], "文件大小"),
])
def test_evidence_rows_and_blobs_are_replayed(ledger, tmp_path, tamper, field):
    db, pid = ledger
    file = tmp_path / "凭证.pdf"
    file.write_bytes(b"%PDF-1.4 real")
    db.evidence.add(pid, file)
    raw(db, *tamper)
    report = db.replay_audit()
    assert [d.kind for d in report.disagreements][0] == "changed"
    assert f"问题 2026-031 的佐证材料“凭证.pdf” 的 {field}" in report.lines()[0]
    assert "与审计日志不符" in report.lines()[0]
    assert db.integrity_problems() == []  # what check looked at before: all sound
    if field == "文件大小":  # the blob's length disagrees with the row as well
        assert "文件大小（14 字节）与存储的内容（13 字节）不符" in report.lines()[1]


@pytest.mark.parametrize("stored", sorted(DATA.glob("schema-v*.sqlite")), ids=lambda p: p.stem)
def test_stored_old_databases_replay_after_upgrade(stored, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(stored, path)
    # Files made before bulk entries carried their rows (versions 1-3) logged the demo
    # rows as uuid lists: existence and later edits only.  Later ones replay in full.
    legacy_bulk = int(stored.stem.split("-v")[1]) <= 3
    with Database(path) as db:
        report = db.replay_audit()
        assert report.ok, report.lines()
        assert report.unverified > 200 if legacy_bulk else report.unverified == 0
        manual = db.scalar("SELECT id FROM problem WHERE number = '2026-041'")
        legacy = db.query("SELECT id, number FROM problem WHERE id != ? ORDER BY id LIMIT 1",
                          (manual,))[0]
    result = check_cli(path)
    assert result.returncode == 0, result.stderr
    assert ("早期批量写入" in result.stdout) == legacy_bulk
    # What the replay can still say about them: a later logged edit, and existence.
    raw(db, f"UPDATE problem SET amount_repaid = 1 WHERE id = {manual}",
        "PRAGMA foreign_keys = OFF", f"DELETE FROM problem WHERE id = {legacy['id']}")
    with Database(path) as db:
        report = db.replay_audit()
    assert sorted(kinds(report)) == [("changed", "problem"), ("missing", "problem")]
    assert "问题 2026-041 的 已清偿金额" in "\n".join(report.lines())


def test_replay_reads_the_bulk_rows_it_was_given(make_demo_db):
    db = make_demo_db(12, seed=5)
    # Every demo problem, measure and entry is compared in full, not merely counted.
    report = db.replay_audit()
    assert report.ok and report.unverified == 0
    raw(db, "UPDATE progress SET note = '改过' WHERE id = 1",
        "UPDATE problem SET updated_at = '2020-01-01T00:00:00+00:00' WHERE id = 2")
    assert sorted(kinds(db.replay_audit())) == [("changed", "problem"), ("changed", "progress")]


def test_a_mark_kept_elsewhere_catches_a_consistent_cut(ledger):
    """What the file alone cannot show: cut the last row *and* revert the data it
    described.  The replay then agrees; only a mark taken earlier disagrees."""
    db, pid = ledger
    mark = replay_mod.audit_mark(db.conn)
    assert replay_mod.mark_in_chain(db.conn, mark)
    db.problems.update(pid, {"title": "之后的修改", "description": "之后"})
    assert replay_mod.mark_in_chain(db.conn, mark)  # the chain grew past it: still there
    late = replay_mod.audit_mark(db.conn)
    last = db.query("SELECT before_json FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    before = json.loads(last["before_json"])
    raw(db, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "UPDATE meta SET value = (SELECT id || ':' || hash FROM audit_log"
        " WHERE id = (SELECT max(id) FROM audit_log)) WHERE key = 'audit_head'",
        "UPDATE problem SET title = ?, description = ?, updated_at = ? WHERE id = ?",
        params=(before["title"], before["description"], before["updated_at"], pid))
    assert db.verify_audit().ok and db.replay_audit().ok  # consistent: not caught here
    assert not replay_mod.mark_in_chain(db.conn, late)
    assert not replay_mod.mark_in_chain(db.conn, "garbage")


def test_demo_generate_is_audited_as_rows(db):
    demo.generate(db, 3, seed=1)
    entry = db.query("SELECT after_json FROM audit_log WHERE action = 'bulk_upsert'")[0]
    payload = replay_mod.unpack_rows(json.loads(entry["after_json"])["rows"])
    assert len(payload["problem"]["rows"]) == 3
    assert payload["problem"]["columns"][0] == "uuid"
    assert "measures_total" not in payload["problem"]["columns"]


def test_rows_packed_beside_other_work_are_what_pack_rows_gives():
    from govcredit_desktop.store.replay import PackingRows, pack_rows, unpack_rows

    tables = {"problem": (["uuid", "title", "amount_involved"],
                          [(f"u{n}", f"问题{n}“引号”\n", n * 100 or None) for n in range(3000)]),
              "measure": (["uuid", "content"], [("m1", "核实")])}
    packed = PackingRows(tables).result()
    assert packed == pack_rows(tables)
    assert unpack_rows(packed)["problem"]["rows"][7] == ["u7", "问题7“引号”\n", 700]
