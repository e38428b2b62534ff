"""报送前检查: every finding on real data, for none, one and many problems."""

import pytest

from govcredit_desktop.core.vocab import ProblemStatus
from govcredit_desktop.package import precheck as pc
from tests.package.ledgers import (
    DEPARTMENT,
    TODAY,
    add_problem,
    bulk_problems,
    close,
    complete_ledger,
)


def codes(findings, level=None):
    return [f.code for f in findings if level is None or f.level == level]


def only(findings, code):
    (found,) = [f for f in findings if f.code == code]
    return found


def test_a_complete_ledger_has_nothing_to_say(db, tmp_path):
    campaign, _ = complete_ledger(db, problems=3, evidence_dir=tmp_path)
    assert pc.precheck(db, campaign, today=TODAY) == []


def test_the_demo_ledger_has_no_errors(demo_db):
    campaign = demo_db.settings.latest_campaign()["id"]
    findings = pc.precheck(demo_db, campaign)
    assert pc.errors(findings) == []
    assert "overdue" in codes(findings, pc.WARNING)


def test_no_problems_is_an_error(db):
    db.settings.save_department(DEPARTMENT)
    campaign = db.settings.add_campaign({"name": "空的专项治理", "start_date": "2021-10-01"})
    assert codes(pc.precheck(db, campaign, today=TODAY)) == ["no_problems"]


def test_department_missing_or_incomplete(db, tmp_path):
    campaign = db.settings.add_campaign({"name": "专项治理", "start_date": "2021-10-01"})
    person = db.people.add({"name": "张伟"})
    add_problem(db, campaign, person)
    missing = only(pc.precheck(db, campaign, today=TODAY), "department_missing")
    assert missing.is_error and "单位信息" in missing.message_cn

    db.settings.save_department({"name": "某县市场监督管理局", "uscc": DEPARTMENT["uscc"],
                                 "contact_person": "李思远"})
    found = only(pc.precheck(db, campaign, today=TODAY), "department_incomplete")
    assert found.details == ("第一责任人", "联系电话")
    assert "缺少第一责任人、联系电话" in found.message_cn


def test_an_invalid_uscc_is_named(db):
    campaign, _ = complete_ledger(db)
    # The store refuses an invalid code; an older program's file may hold one.
    db.conn.execute("UPDATE department SET uscc = '11330100MB0123456X'")
    found = only(pc.precheck(db, campaign, today=TODAY), "department_uscc")
    assert found.is_error and "校验位不正确" in found.message_cn


def test_one_problem_without_measures_is_named(db):
    campaign, person = complete_ledger(db)
    pid = add_problem(db, campaign, person, measures=0, title="未兑现招商引资奖励")
    number = db.problems.get(pid)["number"]
    found = only(pc.precheck(db, campaign, today=TODAY), "no_measures")
    assert found.is_error and found.problem_number == number
    assert found.problem_numbers == (number,)
    assert f"问题{number}“未兑现招商引资奖励”没有整改措施" in found.message_cn


def test_three_hundred_problems_without_deadline_are_one_finding(db):
    campaign, person = complete_ledger(db)
    bulk_problems(db, campaign, person, 300, deadline=None,
                  measures=[{"content": "核实欠款", "owner_id": person}])
    findings = pc.precheck(db, campaign, today=TODAY)
    found = only(findings, "no_deadline")
    assert found.problem_number == ""
    assert len(found.problem_numbers) == 300 and len(found.details) == 300
    assert found.message_cn.startswith("300个问题没有整改时限：2021-002、2021-003、2021-004、"
                                       "2021-005、2021-006等。")
    assert found.details[0] == "2021-002 批量问题1"
    assert pc.errors(findings) == [found]


@pytest.mark.parametrize(("field", "value", "code"), [
    ("responsible_unit", "", "no_responsible_unit"),
    ("responsible_person_id", None, "no_responsible_person"),
    ("deadline", None, "no_deadline"),
])
def test_missing_responsibility_or_deadline(db, field, value, code):
    campaign, person = complete_ledger(db)
    assert pc.errors(pc.precheck(db, campaign, today=TODAY)) == []
    add_problem(db, campaign, person, **{field: value})
    add_problem(db, campaign, person, **{field: value})
    found = only(pc.precheck(db, campaign, today=TODAY), code)
    assert found.is_error and found.problem_numbers == ("2021-002", "2021-003")
    assert found.message_cn.startswith("2个问题")


def test_closed_problems_need_approver_and_date(db, tmp_path):
    campaign, person = complete_ledger(db, evidence_dir=tmp_path)
    close(db, db.problems.newest_id())  # closed properly: approver and date
    assert pc.errors(pc.precheck(db, campaign, today=TODAY)) == []
    # As an older program's import left them: 已销号 without approver or date.
    bulk_problems(db, campaign, person, 2, status=ProblemStatus.CLOSED, closed_by="",
                  closed_date=None)
    findings = pc.precheck(db, campaign, today=TODAY)
    assert only(findings, "closed_without_approver").problem_numbers == ("2021-002", "2021-003")
    assert only(findings, "closed_without_date").problem_numbers == ("2021-002", "2021-003")
    assert "audit_mismatch" not in codes(findings)


def test_overdue_problems_are_listed_with_their_deadline(db, tmp_path):
    campaign, person = complete_ledger(db, evidence_dir=tmp_path)
    add_problem(db, campaign, person, title="超期未付工程款", deadline="2021-10-30")
    closed = add_problem(db, campaign, person, deadline="2021-10-30")
    close(db, closed, day="2021-10-30")
    findings = pc.precheck(db, campaign, today=TODAY)
    found = only(findings, "overdue")
    assert found.level == pc.WARNING and found.problem_number == "2021-002"
    assert "（整改时限2021年10月30日）" in found.details[0]
    assert found.details == ("2021-002 超期未付工程款（整改时限2021年10月30日）",)
    # Its measure is late too; the closed problem's are done.
    late = only(findings, "measures_overdue")
    assert late.problem_numbers == ("2021-002",)
    assert "第1项措施" in late.details[0] and "2021年10月30日" in late.details[0]
    # A deadline of today is not yet overdue.
    assert "overdue" not in codes(pc.precheck(db, campaign,
                                              today=TODAY.replace(month=10, day=30)))


def test_many_overdue_problems(db, tmp_path):
    campaign, person = complete_ledger(db, evidence_dir=tmp_path)
    bulk_problems(db, campaign, person, 12, deadline="2021-11-01")
    found = only(pc.precheck(db, campaign, today=TODAY), "overdue")
    assert len(found.details) == 12 and found.message_cn.startswith("12个问题已超过整改时限")


def test_problems_without_evidence_are_a_warning(db, tmp_path):
    campaign, person = complete_ledger(db, evidence_dir=tmp_path)
    add_problem(db, campaign, person)
    found = only(pc.precheck(db, campaign, today=TODAY), "no_evidence")
    assert found.level == pc.WARNING and found.problem_numbers == ("2021-002",)


def test_damaged_evidence_blocks(db, tmp_path):
    campaign, _ = complete_ledger(db, problems=2, evidence_dir=tmp_path)
    db.conn.execute("UPDATE evidence_blob SET data = zeroblob(length(data))"
                    " WHERE rowid = (SELECT min(rowid) FROM evidence_blob)")
    findings = pc.precheck(db, campaign, today=TODAY)
    found = only(findings, "evidence_damaged")
    assert found.is_error and found.message_cn.startswith("1个佐证材料文件的内容已损坏")
    assert "database_damaged" not in codes(findings)  # said once, not twice


def test_database_damage_blocks(db):
    campaign, _ = complete_ledger(db)
    db.conn.execute("UPDATE problem SET measures_total = 7")
    found = only(pc.precheck(db, campaign, today=TODAY), "database_damaged")
    assert "措施计数" in found.message_cn


def test_a_rewritten_audit_log_blocks(db):
    campaign, _ = complete_ledger(db)
    db.conn.execute("UPDATE audit_log SET actor = 'forger' WHERE id = 2")
    found = only(pc.precheck(db, campaign, today=TODAY), "audit_broken")
    assert "第 2 条" in found.message_cn


def test_data_changed_behind_the_log_blocks(db):
    campaign, _ = complete_ledger(db)
    db.conn.execute("UPDATE problem SET amount_involved = 1")
    findings = pc.precheck(db, campaign, today=TODAY)
    assert only(findings, "audit_mismatch").details
    assert codes(findings, pc.ERROR) == ["audit_mismatch"]


def test_errors_come_before_warnings(db):
    campaign, person = complete_ledger(db)
    add_problem(db, campaign, person, deadline="2021-10-30", responsible_unit="")
    levels = [f.level for f in pc.precheck(db, campaign, today=TODAY)]
    assert levels == sorted(levels, key=lambda level: level != pc.ERROR)
    assert pc.ERROR in levels and pc.WARNING in levels


def test_rectified_awaiting_closure_is_not_overdue_unless_money_is_owed(db, tmp_path):
    """core/rules.py **Overdue**: 已整改待销号 with all repaid is finished work waiting for
    its sign-off; one still owing money is overdue past its deadline."""
    campaign, person = complete_ledger(db, evidence_dir=tmp_path)
    done = [{"content": "清偿欠款", "owner_id": person, "deadline": "2021-10-20",
             "status": "已完成", "completed_date": "2021-10-20"}]
    bulk_problems(db, campaign, person, 1, deadline="2021-10-30", measures=done,
                  status=ProblemStatus.AWAITING_CLOSURE, amount_involved=500_00,
                  amount_repaid=500_00)
    assert "overdue" not in codes(pc.precheck(db, campaign, today=TODAY))
    bulk_problems(db, campaign, person, 1, deadline="2021-10-30", measures=done,
                  status=ProblemStatus.AWAITING_CLOSURE, amount_involved=500_00,
                  amount_repaid=100_00)
    found = only(pc.precheck(db, campaign, today=TODAY), "overdue")
    assert found.problem_numbers == ("2021-003",)
    assert "仍未完成整改" in found.message_cn
