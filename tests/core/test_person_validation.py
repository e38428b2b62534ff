"""Phone numbers are checked loosely (issue 14, item 12): what a clerk writes for a
number that can be dialled passes, letters and near-empty numbers do not."""

import pytest

from govcredit_desktop.core.validation import validate_person


@pytest.mark.parametrize("phone", [
    "", "0375-6512345", "13800000000", "(0375) 651 2345", "（0375）6512345",
    "+86 138 0000 0000", "6512345转801", "6512345 分机 801", "6512345 ext 801",
    "6512345 EXT.801", "0375－6512345", "110",
])
def test_phones_that_can_be_dialled_pass(phone):
    assert validate_person({"name": "张伟", "phone": phone}) == {}


@pytest.mark.parametrize("phone", ["abc", "无", "12", "0375-abc", "6512345转", "电话6512345",
                                   "--", "138 0000 0000 （微信）"])
def test_other_phones_are_refused_with_the_field_named(phone):
    errors = validate_person({"name": "张伟", "phone": phone})
    assert set(errors) == {"phone"} and errors["phone"].startswith("电话只能填写数字")
