"""ISO dates in storage, '2021年12月30日' on screen and paper."""

import datetime as _dt
import functools
import re

from govcredit_desktop.core.limits import date_problem

_CN = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?\s*$")
_SEP = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


class DateError(ValueError):
    pass


def format_cn(value: _dt.date | str | None) -> str:
    """date(2021, 12, 30) or '2021-12-30' -> '2021年12月30日' (no zero padding, GB/T 9704).

    The one way a date is written for people, on screen, in documents and in Excel."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            # The stored ISO form goes through C, at a third of parse_date's cost: the Excel
            # ledger writes one date per measure, ~300k of them for a county.
            value = _dt.date.fromisoformat(value)
        except ValueError:
            value = parse_date(value)
    return f"{value.year}年{value.month}月{value.day}日"


def parse_date(text: str | _dt.date | None) -> _dt.date | None:
    """Accepts ISO, 2021/12/30, 2021.12.30, 20211230 and 2021年12月30日, within
    1900-2100 (``core.limits``): Excel cannot hold year 0001, and such a year is a typo."""
    if type(text) is str and len(text) == 10 and text[4] == text[7] == "-" \
            and text[:4].isdigit():
        # The stored form, checked first: validation parses every date of a bulk write.
        iso = _stored_form(text)
        if iso is not None:
            return iso
    if text is None:
        return None
    if isinstance(text, _dt.datetime):
        return _in_range(text.date())
    if isinstance(text, _dt.date):
        return _in_range(text)
    text = str(text).strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == text[7] == "-" and text[:4].isdigit():
        iso = _stored_form(text)
        if iso is not None:
            return iso
    for pattern in (_SEP, _CN, _COMPACT):
        m = pattern.match(text)
        if m:
            try:
                value = _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
            return _in_range(value)
    raise DateError(f"“{text}”不是有效的日期，请按 2021-12-30 或 2021年12月30日 的格式填写")


@functools.lru_cache(maxsize=8192)
def _stored_form(text: str) -> _dt.date | None:
    """'2021-12-30' as a date (None when it is no date); cached, because bulk writes
    parse the same few hundred days a million times (cleaning, then validation)."""
    try:
        value = _dt.date.fromisoformat(text)
    except ValueError:
        return None  # e.g. 2021-13-01: the patterns in parse_date say why
    return _in_range(value)


def _in_range(value: _dt.date) -> _dt.date:
    problem = date_problem(value)
    if problem:
        raise DateError(problem)
    return value


def to_iso(value: str | _dt.date | None) -> str | None:
    d = parse_date(value)
    return d.isoformat() if d else None


def today() -> _dt.date:
    return _dt.date.today()


def local_moment(stamp: str) -> _dt.datetime | None:
    """A stored timestamp (ISO, UTC, as ``now_iso`` writes it) in the machine's local
    time; None for an empty or unreadable one."""
    try:
        moment = _dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone()


def format_cn_time(stamp: str) -> str:
    """'2021-12-30T06:05:00+00:00' -> '2021年12月30日 14:05' in local time (China: UTC+8):
    the clerk reads when a package was made on the office clock, not in UTC."""
    moment = local_moment(stamp)
    if moment is None:
        return stamp or ""
    return f"{format_cn(moment.date())} {moment:%H:%M}"
