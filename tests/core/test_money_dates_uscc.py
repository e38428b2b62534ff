import datetime as dt
from decimal import Decimal

import pytest

from govcredit_desktop.core.dates import DateError, format_cn, parse_date, to_iso
from govcredit_desktop.core.money import MoneyError, fen_to_decimal, format_yuan, parse_yuan
from govcredit_desktop.core.uscc import check_char, is_valid_uscc, uscc_problem


@pytest.mark.parametrize("text, fen", [
    ("0", 0), ("12", 1200), ("1,234.5", 123450), ("1234.56元", 123456), (" ￥7.01 ", 701),
    ("0.1", 10), (Decimal("3.30"), 330), ("", None), (None, None), (5, 500),
])
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["abc", "1.234", "1e999999", "NaN"])
def test_parse_yuan_rejects(text):
    with pytest.raises(MoneyError):
        parse_yuan(text)


def test_money_never_float():
    with pytest.raises(TypeError):
        parse_yuan(0.1)


def test_format_yuan():
    assert format_yuan(123456789) == "1,234,567.89"
    assert format_yuan(5, unit=True) == "0.05元"
    assert format_yuan(-150) == "-1.50"
    assert format_yuan(None) == ""
    assert fen_to_decimal(1001) == Decimal("10.01")


def test_dates():
    assert format_cn(dt.date(2021, 12, 30)) == "2021年12月30日"
    assert format_cn("2022-01-05") == "2022年1月5日"
    assert format_cn(dt.date(2021, 1, 5)) == "2021年1月5日"
    assert format_cn(None) == format_cn("") == ""
    assert format_cn("2021/1/5") == "2021年1月5日"  # not the stored form: parsed as typed
    with pytest.raises(DateError):
        format_cn("2021-02-30")
    for text in ("2021-12-30", "2021/12/30", "2021.12.30", "20211230", "2021年12月30日"):
        assert parse_date(text) == dt.date(2021, 12, 30)
    assert to_iso("") is None
    with pytest.raises(DateError):
        parse_date("2021-02-30")
    with pytest.raises(DateError):
        parse_date("明天")


def test_uscc():
    body = "91350100M000100Y4"
    code = body + check_char(body)
    assert is_valid_uscc(code)
    # The published example code of GB 32100-2015.
    assert is_valid_uscc("91350100M000100Y43")
    assert "18位" in uscc_problem("123")
    assert "不允许的字符" in uscc_problem("91350100M000100YO3")
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert "校验位" in uscc_problem(wrong)


def test_stored_stamps_read_in_local_time(monkeypatch):
    import os
    import time

    from govcredit_desktop.core.dates import format_cn_time, local_moment

    if not hasattr(time, "tzset"):
        return  # Windows: the zone cannot be switched in-process
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        # 22:30 UTC is already the next morning in China: the date moves too.
        assert format_cn_time("2021-12-29T22:30:00+00:00") == "2021年12月30日 06:30"
        assert format_cn_time("2021-12-30T06:05:09") == "2021年12月30日 14:05"  # naive = UTC
        assert local_moment("") is None and format_cn_time("") == ""
        assert format_cn_time("不是时间") == "不是时间"
    finally:
        monkeypatch.delenv("TZ")
        os.environ.pop("TZ", None)
        time.tzset()
