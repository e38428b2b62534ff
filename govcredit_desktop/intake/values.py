"""Cell values as people type them, made into what the store keeps.

Each parser takes the raw cell (calamine gives str, float, int, bool, date, datetime or
'') and returns the stored value or raises ``ValueProblem`` with the reason shown in the
preview.  Money never goes through float arithmetic: a number cell's float is turned
into Decimal through its shortest repr (what Excel shows), then scaled and rounded.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from govcredit_desktop.core.dates import DateError, parse_date
from govcredit_desktop.core.limits import MAX_DATE as _MAX_DATE
from govcredit_desktop.core.limits import MIN_DATE as _MIN_DATE
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus

_FEN = Decimal("0.01")
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
# Serial numbers of 1900-01-01 .. 2100-12-31: a bare number outside is no date.
_SERIAL_MIN, _SERIAL_MAX = 2, 73415
NO_DEADLINE_WORDS = ("长期坚持", "持续整改", "长期", "常态化", "持续推进", "长期整改",
                     "立行立改并长期坚持", "久久为功")
NO_DEADLINE_TEXT = "无固定期限"


class ValueProblem(ValueError):
    pass


def nfkc(value) -> str:
    """Full-width digits, letters and brackets made half-width, outer spaces gone."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """A cell as text: whole numbers without '.0', dates as 2021-12-30; a string that
    looks like a formula ('=SUM(...)') is kept as the text it is."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else \
            value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return str(value)
    return str(value).strip()


# --- dates --------------------------------------------------------------------------

_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日?$")
_YEAR_MONTH = re.compile(r"^(\d{4})[年./-](\d{1,2})月?$")
_YEAR_END = re.compile(r"^(\d{4})年?(?:年底|底|年末)$")
_BEFORE = re.compile(r"(之前|以前|前|止|底前)$")


@dataclass(frozen=True)
class Deadline:
    iso: str | None
    open_ended: bool = False  # 长期坚持 / 持续整改: no fixed deadline, kept as such


def date_value(value, year: int | None) -> str | None:
    """A cell as an ISO date, or None when blank."""
    kind = type(value)
    if kind is _dt.date:
        # What calamine gives for a date cell, checked first: the measures sheet of a
        # county's ledger holds two dates per measure, ~60,000 for 10,000 problems.
        if _MIN_DATE <= value <= _MAX_DATE:
            return value.isoformat()
    elif kind is str:
        return _date_text(value, year) if value.strip() else None
    if is_blank(value):
        return None
    return _date_cell(value, year)


@functools.lru_cache(maxsize=4096)
def _date_text(value: str, year: int | None) -> str | None:
    """A text cell's date, cached: a ledger repeats the same few hundred days."""
    return _date_cell(value, year)


def _date_cell(value, year: int | None) -> str | None:
    try:
        if isinstance(value, bool):
            raise ValueProblem("不是日期")
        if isinstance(value, (_dt.date, _dt.datetime)):
            return parse_date(value).isoformat()
        if isinstance(value, (int, float)):
            return _serial(value)
        s = nfkc(value).replace(" ", "")
        s = _BEFORE.sub("", s) or s
        if re.fullmatch(r"\d+(\.0+)?", s) and len(s.split(".")[0]) == 5:
            return _serial(float(s))
        m = _MONTH_DAY.match(s)
        if m:
            if not year:
                raise ValueProblem(f"“{value}”没有年份，请写成 2021年12月30日")
            return _dt.date(year, int(m[1]), int(m[2])).isoformat()
        m = _YEAR_END.match(s)
        if m:
            return _dt.date(int(m[1]), 12, 31).isoformat()
        m = _YEAR_MONTH.match(s)
        if m and not re.fullmatch(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}", s):
            y, mo = int(m[1]), int(m[2])
            nxt = _dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return (nxt - _dt.timedelta(days=1)).isoformat()  # 2021年12月: by month's end
        if " " in str(value).strip() or "T" in s:
            s = re.split(r"[ T]", str(value).strip())[0]
        return parse_date(s).isoformat()
    except (DateError, ValueError) as exc:
        if isinstance(exc, ValueProblem):
            raise
        raise ValueProblem(f"“{text(value)}”不是有效的日期，请写成 2021年12月30日 或 "
                           "2021-12-30") from None


def _serial(number: float) -> str:
    if not (_SERIAL_MIN <= number <= _SERIAL_MAX) or number != int(number):
        raise ValueProblem(f"“{text(number)}”不是有效的日期，请写成 2021年12月30日")
    return (_EXCEL_EPOCH + _dt.timedelta(days=int(number))).isoformat()


def deadline_value(value, year: int | None) -> Deadline:
    if not is_blank(value) and isinstance(value, str):
        s = nfkc(value).replace(" ", "")
        if any(w in s for w in NO_DEADLINE_WORDS):
            return Deadline(None, True)
    return Deadline(date_value(value, year))


# --- money --------------------------------------------------------------------------

_MONEY_UNIT = re.compile(r"(万元|万|元)$")


def money_value(value, header_unit: str | None) -> int | None:
    """Integer fen from '1,234.5元', '12.5万元', 1.5 (a 万元 column), '１２３'."""
    if is_blank(value):
        return None
    unit = header_unit or "元"
    if isinstance(value, bool):
        raise ValueProblem("不是金额")
    if isinstance(value, int):
        amount = Decimal(value)
        exact = True
    elif isinstance(value, float):
        amount = Decimal(repr(value))  # shortest repr: what the cell shows, no float maths
        exact = False
    else:
        s = nfkc(str(value)).replace(",", "").replace("，", "").replace(" ", "")
        s = s.replace("¥", "").replace("￥", "").replace("人民币", "")
        m = _MONEY_UNIT.search(s)
        if m:
            unit = "万元" if m[1].startswith("万") else "元"
            s = s[:m.start()]
        if s in ("", "-", "/", "无", "—"):
            return None
        try:
            amount = Decimal(s)
        except InvalidOperation:
            raise ValueProblem(f"“{value}”不是有效的金额，请填写数字，例如 12345.67") from None
        exact = True
    if not amount.is_finite() or abs(amount) >= Decimal("1e12"):
        raise ValueProblem(f"“{text(value)}”不是有效的金额")
    if unit == "万元":
        amount = amount.scaleb(4)
    elif unit == "亿元":
        amount = amount.scaleb(8)
    if amount < 0:
        raise ValueProblem(f"金额“{text(value)}”不能为负数")
    if exact and amount != amount.quantize(_FEN):
        raise ValueProblem(f"金额“{text(value)}”精确到分时多出了小数位，请核对")
    return int(amount.quantize(_FEN, rounding=ROUND_HALF_UP).scaleb(2))


# --- statuses -----------------------------------------------------------------------

_STATUS_WORDS = (
    (ProblemStatus.CLOSED, ("已销号", "销号")),
    (ProblemStatus.AWAITING_CLOSURE, ("已整改待销号", "已完成", "已整改", "完成", "整改完成",
                                      "已办结", "办结", "已解决", "已到位", "整改到位", "是")),
    (ProblemStatus.IN_PROGRESS, ("整改中", "正在整改", "推进中", "进行中", "部分完成",
                                 "基本完成", "持续整改", "长期坚持", "正在推进")),
    (ProblemStatus.OPEN, ("待整改", "未整改", "未完成", "未启动", "未开始", "否", "尚未整改")),
)
_STATUS = {w: s for s, words in _STATUS_WORDS for w in words}


def status_value(value) -> str | None:
    if is_blank(value):
        return None
    s = nfkc(text(value)).replace(" ", "")
    if s in _STATUS:
        return str(_STATUS[s])
    for status, words in _STATUS_WORDS:
        if any(len(w) >= 3 and w in s for w in words):
            return str(status)
    raise ValueProblem(f"“{value}”不是可识别的整改状态，请填写待整改、整改中、已整改待销号或已销号")


def flag_value(value) -> bool:
    """是否销号 / 是否纳入: 是, √, 已销号 … → True."""
    s = nfkc(text(value)).replace(" ", "")
    return s in ("是", "√", "✓", "已销号", "销号", "y", "yes", "1", "true", "已")


# --- measures -----------------------------------------------------------------------

# '1.' and '1、' only start a measure at the start of the cell or after ；。 or a line
# break ('支付1.5万元' stays whole); '（1）' and '①' start one anywhere.
_MARKER = re.compile(r"(?:(?:^|(?<=[；;。\n]))\s*\d{1,3}[.、．](?!\d)"
                     r"|\s*[（(]\d{1,3}[)）]|\s*[①-⑳])\s*")
_DETAIL = re.compile(r"（([^（）]*)）\s*$")
_MEASURE_STATUS = {"已完成": MeasureStatus.DONE, "完成": MeasureStatus.DONE,
                   "进行中": MeasureStatus.IN_PROGRESS, "未开始": MeasureStatus.NOT_STARTED}
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_REST = re.compile(r"^……另有\d+项措施")


@dataclass
class MeasureText:
    content: str
    owner_name: str = ""
    deadline: str | None = None
    status: str | None = None
    completed_date: str | None = None  # only from our export's 整改措施 sheet


def measures_value(value, year: int | None) -> list[MeasureText]:
    """'1.核实；2.支付' / '（1）…（2）…' / '①…②…' / one per line → separate measures;
    our own export's trailing '（张伟，2021年12月30日，已完成）' read back."""
    s = text(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    # Our export's note that the rest is on the 整改措施 sheet (excel_ledger.measures_text).
    s = "\n".join(line for line in s.split("\n") if not _REST.match(line.strip())).strip()
    if not s:
        return []
    starts = [m for m in _MARKER.finditer(s)]
    if len(starts) >= 1 and starts[0].start() == 0 or len(starts) >= 2:
        pieces = []
        for i, m in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(s)
            pieces.append(s[m.end():end])
        if starts[0].start() > 0:
            pieces.insert(0, s[:starts[0].start()])
    else:
        pieces = s.split("\n")
    out = []
    for piece in pieces:
        piece = piece.strip().rstrip("；;").strip()
        if not piece or _REST.match(piece):
            continue
        out.append(_with_detail(piece, year))
    return out


def _with_detail(piece: str, year: int | None) -> MeasureText:
    m = _DETAIL.search(piece)
    if not m or m.start() == 0:
        return MeasureText(piece)
    owner, deadline, status = "", None, None
    for part in m[1].split("，"):
        part = part.strip()
        if part in _MEASURE_STATUS and status is None:
            status = str(_MEASURE_STATUS[part])
            continue
        try:
            iso = date_value(part, year)
        except ValueProblem:
            iso = None
        if iso and deadline is None and re.search(r"\d", part):
            deadline = iso
        elif _NAME.match(part) and not owner:
            owner = part
        else:
            return MeasureText(piece)  # the brackets belong to the text
    if not (deadline or status):
        return MeasureText(piece)
    return MeasureText(piece[:m.start()].strip(), owner, deadline, status)
