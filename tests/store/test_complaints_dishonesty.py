"""Complaints, dishonesty records, sanctions and credit repairs (issue 19), without the GUI."""

import datetime as dt
import hashlib
import sqlite3

import pytest

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.store.database import Database
from tests.conftest import base_problem


def complaint(**kw):
    rec = {"channel": "12345热线", "received_date": "2021-11-01", "complainant": "李某",
           "contact": "13800000000", "content": "县住建局拖欠我公司工程款38万元\n多次催要未果",
           "handling_unit": "县住建局"}
    rec.update(kw)
    return rec


def file_digest(db: Database) -> str:
    db.checkpoint()
    return hashlib.sha256(db.path.read_bytes()).hexdigest()


@pytest.fixture
def problem(db, campaign):
    return db.problems.add(base_problem(campaign))


@pytest.fixture
def record(db, problem):
    return db.dishonesty_records.add(problem, {
        "record_type": "法院生效判决未履行", "source_document": "判决书",
        "document_number": "（2021）豫0421民初1234号", "record_date": "2021-11-05"})


# --- complaints -------------------------------------------------------------------
def test_awaiting_reply_gives_due_dates_and_overdue_from_the_window(db):
    old = db.complaints.add(complaint(received_date="2021-11-01"))
    new = db.complaints.add(complaint(received_date="2021-11-20", channel="举报箱"))
    db.complaints.add(complaint(received_date="2021-11-02", reply="已答复",
                                reply_date="2021-11-10"))
    assert db.settings.complaint_reply_days() == 15
    rows = db.complaints.awaiting_reply(dt.date(2021, 11, 17), 15)
    assert [r["id"] for r in rows] == [old, new]
    assert rows[0]["due_date"] == "2021-11-16" and rows[0]["overdue"] is True
    assert rows[1]["due_date"] == "2021-12-05" and rows[1]["overdue"] is False
    assert set(rows[0]) >= {"id", "received_date", "channel", "content", "due_date", "overdue"}
    # On the due date itself it is not yet late.
    assert db.complaints.awaiting_reply(dt.date(2021, 11, 16), 15)[0]["overdue"] is False


def test_the_reply_window_is_a_setting_kept_with_an_audit_row(db):
    db.settings.set_complaint_reply_days(7)
    assert db.settings.complaint_reply_days() == 7
    rows = db.query("SELECT action, record_uuid FROM audit_log WHERE table_name = 'meta'")
    assert rows == [{"action": "insert", "record_uuid": "complaint_reply_days"}]
    for bad in (0, -3, 366, "10", 2.5, True):
        with pytest.raises(ValidationError) as err:
            db.settings.set_complaint_reply_days(bad)
        assert "投诉答复时限应为1至365之间的整数天数" in str(err.value.errors)
    assert db.settings.complaint_reply_days() == 7


def test_filters_by_channel_and_reply(db):
    a = db.complaints.add(complaint())
    b = db.complaints.add(complaint(channel="电子信箱", reply="已电话答复",
                                    reply_date="2021-11-03"))
    assert {r["id"] for r in db.complaints.list()} == {a, b}
    assert [r["id"] for r in db.complaints.list(channel="电子信箱")] == [b]
    assert [r["id"] for r in db.complaints.list(replied=False)] == [a]
    assert [r["id"] for r in db.complaints.list(replied=True)] == [b]
    assert db.complaints.channels() == sorted(["12345热线", "电子信箱"])


@pytest.mark.parametrize("values, field, words", [
    ({"reply": "已答复", "reply_date": "2021-10-31"}, "reply_date", "答复日期不能早于受理日期"),
    ({"reply": "已答复"}, "reply_date", "请同时填写答复日期"),
    ({"content": "  \u200b "}, "content", "投诉内容不能为空"),
    ({"channel": ""}, "channel", "投诉渠道不能为空"),
    ({"received_date": "2021-02-30"}, "received_date", "不是有效的日期"),
    ({"received_date": "2099-01-01"}, "received_date", "不能晚于今天"),
    ({"complainant": "李某\n王某"}, "complainant", "不能包含换行"),
    ({"content": "投诉\u202e内容"}, "content", "控制字符"),
])
def test_bad_complaints_are_refused_and_the_file_is_unchanged(db, values, field, words):
    kept = db.complaints.add(complaint())
    before = file_digest(db)
    with pytest.raises(ValidationError) as err:
        db.complaints.add(complaint(**values))
    assert words in err.value.errors[field]
    with pytest.raises(ValidationError) as err:
        db.complaints.update(kept, values)
    assert words in err.value.errors[field]
    assert file_digest(db) == before


def test_a_complaint_becomes_a_problem_linked_both_ways(db, campaign):
    cid = db.complaints.add(complaint())
    values = db.complaints.problem_values(cid, campaign)
    assert values["description"] == complaint()["content"]
    assert values["title"] == "县住建局拖欠我公司工程款38万元"
    assert values["source"] == "投诉举报(12345热线)"
    assert values["discovered_date"] == "2021-11-01"
    pid = db.complaints.convert(cid, {**values, "area": "政府采购",
                                      "category": "拖欠民营和中小企业账款"})
    assert db.complaints.get(cid)["problem_id"] == pid
    linked = db.complaints.of_problem(pid)
    assert [c["id"] for c in linked] == [cid]
    assert linked[0]["problem_number"] == db.problems.get(pid)["number"]
    with pytest.raises(UserError, match="已转为问题"):
        db.complaints.convert(cid, {**values, "area": "政府采购", "category": "其他"})
    assert db.problems.count() == 1


def test_a_refused_problem_leaves_the_complaint_unlinked(db, campaign):
    cid = db.complaints.add(complaint())
    before = file_digest(db)
    with pytest.raises(ValidationError):
        db.complaints.convert(cid, db.complaints.problem_values(cid, campaign))  # no area
    assert db.complaints.get(cid)["problem_id"] is None and db.problems.count() == 0
    assert file_digest(db) == before


def test_deleting_a_converted_complaint_keeps_its_problem(db, campaign):
    cid = db.complaints.add(complaint())
    pid = db.complaints.convert(cid, {**db.complaints.problem_values(cid, campaign),
                                      "area": "政府采购", "category": "其他"})
    db.complaints.delete(cid)
    assert db.problems.get(pid)["title"]
    assert db.complaints.of_problem(pid) == []
    assert db.check().ok


def test_deleting_a_problem_unlinks_its_complaint_in_the_log(db, campaign):
    cid = db.complaints.add(complaint())
    pid = db.complaints.convert(cid, {**db.complaints.problem_values(cid, campaign),
                                      "area": "政府采购", "category": "其他"})
    db.problems.delete(pid)
    assert db.complaints.get(cid)["problem_id"] is None
    result = db.check()
    assert result.ok, result.replay.lines()


def test_the_link_is_not_typed(db, problem):
    cid = db.complaints.add({**complaint(), "problem_id": problem})
    assert db.complaints.get(cid)["problem_id"] is None
    with pytest.raises(UserError, match="不能直接修改"):
        db.complaints.update(cid, {"problem_id": problem})


# --- records, sanctions, repairs --------------------------------------------------
def test_a_record_sets_the_problem_flag_and_its_last_delete_clears_it(db, problem, record):
    assert db.problems.get(problem)["listed_as_dishonest"] == 1
    second = db.dishonesty_records.add(problem, {"record_type": "问责处理",
                                                 "record_date": "2021-11-06"})
    db.dishonesty_records.delete(record)
    assert db.problems.get(problem)["listed_as_dishonest"] == 1
    db.dishonesty_records.delete(second)
    assert db.problems.get(problem)["listed_as_dishonest"] == 0
    flags = db.query("SELECT after_json FROM audit_log WHERE table_name = 'problem'"
                     " AND action = 'update' ORDER BY id")
    assert len(flags) == 2  # set, cleared: each an audited edit of the problem
    with pytest.raises(UserError, match="不能直接修改"):
        db.problems.update(problem, {"listed_as_dishonest": 1})


def test_sanctions_and_repairs_are_kept_under_their_record(db, problem, record):
    sid = db.dishonesty_records.add_sanction(record, {
        "kind": "约谈告诫", "decided_by": "县社会信用体系建设领导小组办公室",
        "sanction_date": "2021-11-10", "publicity_until": "2022-05-10"})
    rid = db.dishonesty_records.add_repair(record, {
        "steps": "已足额支付工程款并公开致歉", "evidence": "银行回单", "decision": "减轻",
        "decision_date": "2021-12-01"})
    pending = db.dishonesty_records.add_repair(record, {"steps": "申请修复"})
    full = db.dishonesty_records.full(problem)
    assert [s["id"] for s in full[0]["sanctions"]] == [sid]
    assert [r["id"] for r in full[0]["repairs"]] == [rid, pending]
    assert db.dishonesty_records.get_repair(pending)["decision"] == ""
    assert db.dishonesty_records.problems_with_records() == {problem}
    assert db.dishonesty_records.problems_with_records([problem, 999]) == {problem}
    db.dishonesty_records.update_repair(pending, {"decision": "解除",
                                                  "decision_date": "2021-12-05"})
    # Deleting the problem takes its records, sanctions and repairs, each in the log.
    db.problems.delete(problem)
    for table in ("dishonesty_record", "sanction", "credit_repair"):
        assert db.scalar(f"SELECT count(*) FROM {table}") == 0
        assert db.scalar("SELECT count(*) FROM audit_log WHERE action = 'delete'"
                         " AND table_name = ?", (table,)) >= 1
    result = db.check()
    assert result.ok, result.replay.lines()


@pytest.mark.parametrize("values, field, words", [
    ({"kind": "书面警示"}, "sanction_date", "惩戒措施必须填写惩戒日期"),
    ({"kind": "书面警示", "sanction_date": ""}, "sanction_date", "必须填写惩戒日期"),
    ({"kind": "书面警示", "sanction_date": "2021-11-01"}, "sanction_date",
     "惩戒日期不能早于失信记录的认定日期"),
    ({"kind": "书面警示", "sanction_date": "2021-11-10", "publicity_until": "2021-11-09"},
     "publicity_until", "公示期截止日期不能早于惩戒日期"),
    ({"kind": "", "sanction_date": "2021-11-10"}, "kind", "惩戒措施不能为空"),
])
def test_bad_sanctions_are_refused(db, record, values, field, words):
    before = file_digest(db)
    with pytest.raises(ValidationError) as err:
        db.dishonesty_records.add_sanction(record, values)
    assert words in err.value.errors[field]
    assert file_digest(db) == before


@pytest.mark.parametrize("values, field, words", [
    ({"steps": "已付清", "decision": "解除", "decision_date": "2021-11-04"}, "decision_date",
     "失信记录认定之前不能作出修复决定"),
    ({"steps": "已付清", "decision": "解除"}, "decision_date", "请填写决定日期"),
    ({"steps": "已付清", "decision_date": "2021-11-20"}, "decision", "请同时选择修复决定"),
    ({"steps": "已付清", "decision": "撤销", "decision_date": "2021-11-20"}, "decision",
     "修复决定“撤销”无效"),
    ({"steps": "已付清", "decision": "解除", "decision_date": "2099-11-20"}, "decision_date",
     "不能晚于今天"),
    ({"steps": " "}, "steps", "修复措施不能为空"),
])
def test_bad_repairs_are_refused(db, record, values, field, words):
    before = file_digest(db)
    with pytest.raises(ValidationError) as err:
        db.dishonesty_records.add_repair(record, values)
    assert words in err.value.errors[field]
    assert file_digest(db) == before


def test_a_record_cannot_move_after_its_sanctions_and_repairs(db, record):
    db.dishonesty_records.add_repair(record, {"steps": "已付清", "decision": "减轻",
                                              "decision_date": "2021-11-20"})
    with pytest.raises(ValidationError) as err:
        db.dishonesty_records.update(record, {"record_date": "2021-11-25"})
    assert "认定日期不能晚于该记录已有的惩戒或修复决定日期" in err.value.errors["record_date"]
    db.dishonesty_records.update(record, {"record_date": "2021-11-19"})


def test_a_record_needs_a_type_and_a_date(db, problem):
    with pytest.raises(ValidationError) as err:
        db.dishonesty_records.add(problem, {"record_type": "", "record_date": None})
    assert err.value.errors == {"record_type": "失信记录类型不能为空",
                                "record_date": "认定日期不能为空"}
    assert db.problems.get(problem)["listed_as_dishonest"] == 0


def test_a_person_named_in_a_record_is_not_deleted(db, problem):
    person = db.people.add({"name": "王某", "post": "副局长"})
    db.dishonesty_records.add(problem, {"record_type": "问责处理", "record_date": "2021-11-05",
                                        "person_id": person})
    with pytest.raises(UserError, match="涉及1条政务失信记录"):
        db.people.delete(person)
    assert db.dishonesty_records.list(problem)[0]["person_name"] == "王某"


def test_validation_without_a_store():
    assert validation.validate_credit_repair(
        {"record_id": 1, "steps": "x", "decision": "减轻", "decision_date": "2021-11-01"},
        {"record_date": "2021-11-02"})["decision_date"].startswith("修复决定日期不能早于")
    assert validation.validate_sanction({"record_id": 1, "kind": "书面警示",
                                         "sanction_date": None}) == {
        "sanction_date": "惩戒措施必须填写惩戒日期（决定或实施的日期）"}


@pytest.mark.parametrize("sql, table", [
    ("UPDATE sanction SET kind = '其他'", "sanction"),
    ("UPDATE credit_repair SET decision = '解除'", "credit_repair"),
    ("UPDATE complaint SET complainant = '某某'", "complaint"),
    ("DELETE FROM dishonesty_record", "dishonesty_record"),
])
def test_out_of_band_edits_of_the_new_tables_are_caught(db, problem, record, sql, table):
    db.dishonesty_records.add_sanction(record, {"kind": "书面警示",
                                                "sanction_date": "2021-11-10"})
    db.dishonesty_records.add_repair(record, {"steps": "已付清", "decision": "减轻",
                                              "decision_date": "2021-11-20"})
    db.complaints.add(complaint())
    assert db.check().ok
    db.close()
    conn = sqlite3.connect(db.path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql)
    conn.commit()
    conn.close()
    with Database(db.path) as again:
        report = again.replay_audit()
    assert not report.ok and table in {d.table for d in report.disagreements}
