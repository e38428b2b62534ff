import hashlib

import pytest

from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.uscc import check_char
from tests.store.conftest import base_problem


def audit_count(store):
    return store.scalar("SELECT count(*) FROM audit_log")


def snapshot(store):
    return [store.query(f"SELECT * FROM {t} ORDER BY id") for t in
            ("department", "campaign", "person", "problem", "measure", "progress", "audit_log")]


def test_department_uscc_validation(store):
    with pytest.raises(ValidationError) as err:
        store.save_department({"name": "县财政局", "uscc": "11410421MB1234567X"})
    assert err.value.errors == {"uscc": "统一社会信用代码校验位不正确，请核对是否抄错"}
    assert store.get_department() is None and audit_count(store) == 0
    body = "11410421MB0123456"
    store.save_department({"name": "县财政局", "uscc": (body + check_char(body)).lower()})
    assert store.get_department()["uscc"] == body + check_char(body)
    assert audit_count(store) == 1


@pytest.mark.parametrize("bad, field, message", [
    ({"title": ""}, "title", "问题标题不能为空"),
    ({"deadline": "2021-10-01"}, "deadline", "整改时限不能早于发现日期"),
    ({"amount_involved": -5}, "amount_involved", "涉及金额不能为负数"),
    ({"amount_repaid": 2_000_000}, "amount_repaid", "已清偿金额不能大于涉及金额"),
    ({"deadline": "2021-13-01"}, "deadline", "不是有效的日期"),
])
def test_bad_problem_writes_nothing(store, campaign, bad, field, message):
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        store.add_problem(base_problem(campaign, **bad))
    assert message in err.value.errors[field]
    assert snapshot(store) == before


def test_bad_update_writes_nothing(store, campaign):
    pid = store.add_problem(base_problem(campaign))
    before = snapshot(store)
    with pytest.raises(ValidationError) as err:
        store.update_problem(pid, {"amount_repaid": 1_000_001})
    assert "amount_repaid" in err.value.errors
    assert snapshot(store) == before


def test_numbering_and_update_audit(store, campaign):
    a = store.add_problem(base_problem(campaign))
    b = store.add_problem(base_problem(campaign, title="承诺的奖补资金未兑现"))
    assert store.get_problem(a)["number"] == "2021-001"
    assert store.get_problem(b)["number"] == "2021-002"
    old = store.update_problem(a, {"title": "拖欠工程款（已核实）", "area": "政府采购"})
    assert old == {"title": "拖欠宏达建筑公司工程款"}
    row = store.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert row["action"] == "update" and row["actor"] == "tester"
    assert "拖欠宏达建筑公司工程款" in row["before_json"]
    assert "已核实" in row["after_json"]
    assert store.verify_audit().ok


def test_closure_requires_done_measures_and_reopen_needs_reason(store, campaign):
    pid = store.add_problem(base_problem(campaign))
    with pytest.raises(UserError, match="还没有整改措施"):
        store.close_problem(pid, "王局长", "2021-12-20")
    m1 = store.add_measure(pid, {"content": "签订还款协议", "deadline": "2021-11-30"})
    store.add_measure(pid, {"content": "分期支付", "deadline": "2021-12-15",
                            "status": "已完成", "completed_date": "2021-12-10"})
    with pytest.raises(UserError, match="1项整改措施未完成"):
        store.close_problem(pid, "王局长", "2021-12-20")
    with pytest.raises(ValidationError):
        store.update_measure(m1, {"status": "已完成"})  # no completion date
    store.update_measure(m1, {"status": "已完成", "completed_date": "2021-11-29"})
    with pytest.raises(ValidationError):
        store.close_problem(pid, "", "2021-12-20")
    store.close_problem(pid, "王局长", "2021年12月20日", "对账无异议")
    p = store.get_problem(pid)
    assert (p["status"], p["closed_by"], p["closed_date"]) == ("已销号", "王局长", "2021-12-20")
    with pytest.raises(UserError, match="已销号"):
        store.add_measure(pid, {"content": "再加一条"})
    with pytest.raises(ValidationError):
        store.update_problem(pid, {"status": "整改中"})
    with pytest.raises(ValidationError):
        store.reopen_problem(pid, " ")
    store.reopen_problem(pid, "企业反映尾款未付")
    p = store.get_problem(pid)
    assert p["status"] == "已整改待销号" and p["closed_date"] is None
    reopen = store.query("SELECT * FROM audit_log WHERE action = 'reopen'")
    assert len(reopen) == 1 and "企业反映尾款未付" in reopen[0]["after_json"]
    assert store.verify_audit().ok


def test_progress_adds_repaid_money(store, campaign):
    pid = store.add_problem(base_problem(campaign))
    store.add_progress(pid, {"entry_date": "2021-11-01", "note": "支付首期",
                             "amount_repaid": 400_000})
    p = store.get_problem(pid)
    assert p["amount_repaid"] == 400_000 and p["status"] == "整改中"
    with pytest.raises(ValidationError):
        store.add_progress(pid, {"entry_date": "2021-11-02", "note": "超额",
                                 "amount_repaid": 600_001})
    assert store.get_problem(pid)["amount_repaid"] == 400_000
    entry = store.list_progress(pid)[0]["id"]
    store.delete_progress(entry)
    assert store.get_problem(pid)["amount_repaid"] == 0


def test_person_owning_problems_cannot_be_deleted(store, campaign):
    person = store.add_person({"name": "赵堃", "post": "股长"})
    idle = store.add_person({"name": "钱玥"})
    store.add_problem(base_problem(campaign, responsible_person_id=person))
    with pytest.raises(UserError, match="只能停用"):
        store.delete_person(person)
    store.set_person_active(person, False)
    assert store.get_person(person)["active"] == 0
    store.delete_person(idle)
    assert [p["name"] for p in store.list_persons()] == ["赵堃"]


def test_evidence_content_addressed(store, campaign, tmp_path):
    pid = store.add_problem(base_problem(campaign))
    f = tmp_path / "还款凭证.pdf"
    f.write_bytes(b"%PDF-1.4 receipt")
    e1 = store.add_evidence(pid, f)
    e2 = store.add_evidence(pid, f, note="副本")
    rows = store.list_evidence(pid)
    assert rows[0]["sha256"] == hashlib.sha256(b"%PDF-1.4 receipt").hexdigest()
    assert rows[0]["original_name"] == "还款凭证.pdf"
    assert store.scalar("SELECT count(*) FROM evidence_blob") == 1
    (tmp_path / "out").mkdir()
    out = store.export_evidence(e1, tmp_path / "out")
    assert out.read_bytes() == b"%PDF-1.4 receipt"
    store.delete_evidence(e1)
    assert store.scalar("SELECT count(*) FROM evidence_blob") == 1
    store.delete_evidence(e2)
    assert store.scalar("SELECT count(*) FROM evidence_blob") == 0
    with pytest.raises(UserError):
        store.add_evidence(pid, tmp_path / "missing.pdf")


def test_evidence_names_cannot_escape_folder(store, campaign, tmp_path):
    from govcredit_desktop.store.evidence import safe_name
    assert safe_name("../../etc/passwd") == "passwd"
    assert "\\" not in safe_name("..\\..\\boot.ini")
    assert safe_name("a:b*c?.txt") == "a_b_c_.txt"


def test_delete_problem_removes_children_with_audit(store, campaign, tmp_path):
    pid = store.add_problem(base_problem(campaign))
    store.add_measure(pid, {"content": "措施"})
    store.add_progress(pid, {"entry_date": "2021-11-01", "note": "进展"})
    store.delete_problem(pid)
    assert store.scalar("SELECT count(*) FROM measure") == 0
    deletes = store.query("SELECT table_name FROM audit_log WHERE action = 'delete'")
    assert sorted(r["table_name"] for r in deletes) == ["measure", "problem", "progress"]
    assert store.verify_audit().ok
