import datetime as dt

from govcredit_desktop.core import validation
from govcredit_desktop.core.rules import Light, closure_blockers, light_for, problem_number

TODAY = dt.date(2021, 12, 1)


def test_light():
    assert light_for("2021-11-30", False, TODAY) is Light.RED
    assert light_for("2021-12-01", False, TODAY) is Light.YELLOW
    assert light_for("2021-12-08", False, TODAY) is Light.YELLOW
    assert light_for("2021-12-09", False, TODAY) is Light.GREEN
    assert light_for("2021-11-30", True, TODAY) is Light.GREEN
    assert light_for(None, False, TODAY) is Light.GREEN
    assert light_for("2021-12-20", False, TODAY, warning_days=30) is Light.YELLOW


def test_closure_rule():
    assert "还没有整改措施" in closure_blockers([])
    assert "1项" in closure_blockers([{"status": "已完成"}, {"status": "进行中"}])
    assert closure_blockers([{"status": "已完成"}]) is None


def test_numbering():
    assert problem_number("2021", 1) == "2021-001"
    assert problem_number("2021", 1234) == "2021-1234"


def _problem(**kw):
    rec = {"campaign_id": 1, "title": "拖欠工程款", "area": "政府采购",
           "category": "其他", "source": "自查自纠"}
    rec.update(kw)
    return rec


def test_problem_validation_messages_name_the_field():
    assert validation.validate_problem(_problem()) == {}
    errs = validation.validate_problem(_problem(title="  "))
    assert errs == {"title": "问题标题不能为空"}
    errs = validation.validate_problem(_problem(discovered_date="2021-12-01",
                                                deadline="2021-11-01"))
    assert errs["deadline"] == "整改时限不能早于发现日期"
    errs = validation.validate_problem(_problem(amount_involved=100, amount_repaid=200))
    assert errs["amount_repaid"] == "已清偿金额不能大于涉及金额"
    errs = validation.validate_problem(_problem(amount_involved=-1))
    assert errs["amount_involved"] == "涉及金额不能为负数"
    errs = validation.validate_problem(_problem(counterparty_uscc="123"))
    assert "统一社会信用代码" in errs["counterparty_uscc"]
