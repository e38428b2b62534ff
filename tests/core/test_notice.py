"""The county notice's title as stored and as cited (core/notice.py)."""

from govcredit_desktop.core import notice


def test_stored_without_its_enclosing_marks():
    assert notice.clean_title(" 《关于开展专项治理的通知》 ") == "关于开展专项治理的通知"
    # Marks inside are part of the title; a pair that is not the whole title stays.
    assert notice.clean_title("关于印发《方案》的通知") == "关于印发《方案》的通知"
    assert notice.clean_title("《方案》和《办法》") == "《方案》和《办法》"
    assert notice.clean_title(None) == ""


def test_cited_with_inner_marks_as_single_ones_or_read_from_the_name():
    assert notice.cited_title("关于印发《宝丰县工作方案》的通知", "甲") \
        == "关于印发〈宝丰县工作方案〉的通知"
    assert notice.cited_title("", " 2026年专项治理 ") == "关于开展2026年专项治理的通知"
    assert notice.cited_title("  ", "乙") == "关于开展乙的通知"
