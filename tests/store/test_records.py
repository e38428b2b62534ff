import hashlib

import pytest

from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.uscc import check_char
from tests.conftest import base_problem


def audit_count(db):
    return db.scalar("SELECT count(*) FROM audit_log")


def snapshot(db):
    return [db.query(f"SELECT * FROM {t} ORDER BY id") for t in
            ("department", "campaign", "person", "problem", "measure", "progress", "audit_log")]


def test_department_uscc_validation(db):
    with pytest.raises(ValidationError) as err:
        db.settings.save_department({"name": "县财政局", "uscc": "11410421MB1234567X"})
    assert err.value.errors == {"uscc": "统一社会信用代码校验位不正确，请核对是否抄错"}
    assert db.settings.department() is None and audit_count(db) == 0
    body = "11410421MB0123456"
    db.settings.save_department({"name": "县财政局", "uscc": (body + check_char(body)).lower()})
    assert db.settings.department()["uscc"] == body + check_char(body)
    assert audit_count(db) == 1


@pytest.mark.parametrize("bad, field, message", [
    ({"title": ""}, "title", "问题标题不能为空"),
    ({"deadline": "2021-10-01"}, "deadline", "整改时限不能早于发现日期"),
    ({"amount_involved": -5}, "amount_involved", "涉及金额不能为负数"),
    ({"amount_repaid": 2_000_000}, "amount_repaid", "已清偿金额不能大于涉及金额"),
    ({"deadline": "2021-13-01"}, "deadline", "不是有效的日期"),
])
def test_bad_problem_writes_nothing(db, campaign, bad, field, message):
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        db.problems.add(base_problem(campaign, **bad))
    assert message in err.value.errors[field]
    assert snapshot(db) == before


def test_bad_update_writes_nothing(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        db.problems.update(pid, {"amount_repaid": 1_000_001})
    assert "amount_repaid" in err.value.errors
    assert snapshot(db) == before


def test_numbering_and_update_audit(db, campaign):
    a = db.problems.add(base_problem(campaign))
    b = db.problems.add(base_problem(campaign, title="承诺的奖补资金未兑现"))
    assert db.problems.get(a)["number"] == "2021-001"
    assert db.problems.get(b)["number"] == "2021-002"
    old = db.problems.update(a, {"title": "拖欠工程款（已核实）", "area": "政府采购"})
    assert old == {"title": "拖欠宏达建筑公司工程款"}
    row = db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert row["action"] == "update" and row["actor"] == "tester"
    assert "拖欠宏达建筑公司工程款" in row["before_json"]
    assert "已核实" in row["after_json"]
    assert db.verify_audit().ok


def test_closure_requires_done_measures_and_reopen_needs_reason(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    with pytest.raises(UserError, match="还没有整改措施"):
        db.problems.close(pid, "王局长", "2021-12-20")
    m1 = db.measures.add(pid, {"content": "签订还款协议", "deadline": "2021-11-30"})
    db.measures.add(pid, {"content": "分期支付", "deadline": "2021-12-15",
                            "status": "已完成", "completed_date": "2021-12-10"})
    with pytest.raises(UserError, match="1项整改措施未完成"):
        db.problems.close(pid, "王局长", "2021-12-20")
    with pytest.raises(ValidationError):
        db.measures.update(m1, {"status": "已完成"})  # no completion date
    db.measures.update(m1, {"status": "已完成", "completed_date": "2021-11-29"})
    with pytest.raises(ValidationError):
        db.problems.close(pid, "", "2021-12-20")
    db.problems.close(pid, "王局长", "2021年12月20日", "对账无异议")
    p = db.problems.get(pid)
    assert (p["status"], p["closed_by"], p["closed_date"]) == ("已销号", "王局长", "2021-12-20")
    with pytest.raises(UserError, match="已销号"):
        db.measures.add(pid, {"content": "再加一条"})
    with pytest.raises(ValidationError):
        db.problems.update(pid, {"status": "整改中"})
    with pytest.raises(ValidationError):
        db.problems.reopen(pid, " ")
    db.problems.reopen(pid, "企业反映尾款未付")
    p = db.problems.get(pid)
    assert p["status"] == "已整改待销号" and p["closed_date"] is None
    reopen = db.query("SELECT * FROM audit_log WHERE action = 'reopen'")
    assert len(reopen) == 1 and "企业反映尾款未付" in reopen[0]["after_json"]
    assert db.verify_audit().ok


def test_progress_adds_repaid_money(db, campaign):
    pid = db.problems.add(base_problem(campaign))
    db.progress.add(pid, {"entry_date": "2021-11-01", "note": "支付首期",
                             "amount_repaid": 400_000})
    p = db.problems.get(pid)
    assert p["amount_repaid"] == 400_000 and p["status"] == "整改中"
    with pytest.raises(ValidationError):
        db.progress.add(pid, {"entry_date": "2021-11-02", "note": "超额",
                                 "amount_repaid": 600_001})
    assert db.problems.get(pid)["amount_repaid"] == 400_000
    entry = db.progress.list(pid)[0]["id"]
    db.progress.delete(entry)
    assert db.problems.get(pid)["amount_repaid"] == 0


def test_person_owning_problems_cannot_be_deleted(db, campaign):
    person = db.people.add({"name": "赵堃", "post": "股长"})
    idle = db.people.add({"name": "钱玥"})
    db.problems.add(base_problem(campaign, responsible_person_id=person))
    with pytest.raises(UserError, match="只能停用"):
        db.people.delete(person)
    db.people.set_active(person, False)
    assert db.people.get(person)["active"] == 0
    db.people.delete(idle)
    assert [p["name"] for p in db.people.list()] == ["赵堃"]


def test_evidence_content_addressed(db, campaign, tmp_path):
    pid = db.problems.add(base_problem(campaign))
    f = tmp_path / "还款凭证.pdf"
    f.write_bytes(b"%PDF-1.4 receipt")
    e1 = db.evidence.add(pid, f)
    e2 = db.evidence.add(pid, f, note="副本")
    rows = db.evidence.list(pid)
    assert rows[0]["sha256"] == hashlib.sha256(b"%PDF-1.4 receipt").hexdigest()
    assert rows[0]["original_name"] == "还款凭证.pdf"
    assert db.scalar("SELECT count(*) FROM evidence_blob") == 1
    (tmp_path / "out").mkdir()
    out = db.evidence.export(e1, tmp_path / "out")
    assert out.read_bytes() == b"%PDF-1.4 receipt"
    db.evidence.delete(e1)
    assert db.scalar("SELECT count(*) FROM evidence_blob") == 1
    db.evidence.delete(e2)
    assert db.scalar("SELECT count(*) FROM evidence_blob") == 0
    with pytest.raises(UserError):
        db.evidence.add(pid, tmp_path / "missing.pdf")


def test_evidence_names_cannot_escape_folder(db, campaign, tmp_path):
    from govcredit_desktop.store.evidence import safe_name
    assert safe_name("../../etc/passwd") == "passwd"
    assert "\\" not in safe_name("..\\..\\boot.ini")
    assert safe_name("a:b*c?.txt") == "a_b_c_.txt"


def test_delete_problem_removes_children_with_audit(db, campaign, tmp_path):
    pid = db.problems.add(base_problem(campaign))
    db.measures.add(pid, {"content": "措施"})
    db.progress.add(pid, {"entry_date": "2021-11-01", "note": "进展"})
    db.problems.delete(pid)
    assert db.scalar("SELECT count(*) FROM measure") == 0
    deletes = db.query("SELECT table_name FROM audit_log WHERE action = 'delete'")
    assert sorted(r["table_name"] for r in deletes) == ["measure", "problem", "progress"]
    assert db.verify_audit().ok


def test_problem_found_by_its_number_within_its_campaign(db, campaign):
    other = db.settings.add_campaign({"name": "另一次专项治理", "number_prefix": "2021",
                                      "start_date": "2021-10-01"})
    first = db.problems.add(base_problem(campaign))
    second = db.problems.add(base_problem(other))
    number = db.problems.get(first)["number"]
    assert db.problems.get(second)["number"] == number  # the same 编号 in each campaign
    assert db.problems.id_of_number(campaign, number) == first
    assert db.problems.id_of_number(other, number) == second
    assert db.problems.id_of_number(campaign, "没有这个编号") is None


@pytest.mark.parametrize("how", ["one at a time", "in a batch"])
def test_new_uuid_is_a_random_version_4_uuid_in_canonical_form(how):
    import uuid

    from govcredit_desktop.store.records import new_uuid, new_uuids

    made = [new_uuid() for _ in range(2000)] if how == "one at a time" else list(new_uuids(2000))
    assert len(set(made)) == len(made)
    for text in made:
        u = uuid.UUID(text)
        assert (u.version, u.variant) == (4, uuid.RFC_4122)
        assert str(u) == text  # lower case, dashes where uuid4 puts them
    # Every bit other than the version and variant varies.
    bits = [uuid.UUID(t).int for t in made]
    fixed = (0xF << 76) | (0x3 << 62)
    ored, anded = 0, (1 << 128) - 1
    for b in bits:
        ored |= b
        anded &= b
    assert ored | fixed == (1 << 128) - 1 and anded & ~fixed == 0
