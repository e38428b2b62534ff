"""Cell values as people type them: dates, money, statuses, measures, vocabulary words.

Each reader returns the stored form or raises ValueError with a Chinese reason."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from govcredit_desktop.core.dates import DateError, parse_date
from govcredit_desktop.core.limits import MAX_FEN
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus

#: No fixed deadline: stored as no deadline (NULL), see plan.py.
NO_DEADLINE = ("长期坚持", "持续整改", "长期", "持续推进", "常态化", "长期整改")
_EXCEL_EPOCH = _dt.date(1899, 12, 30)
_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日?(?:前|之前|以前|底前)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})[年.\-/](\d{1,2})月?(?:底|末)?(?:前|之前|以前)?$")
_TRAIL = re.compile(r"(?:前|之前|以前|完成|前完成|底前)$")
_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2})?$")


def nfkc(value) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_date(value, year: int) -> str | None:
    """ISO date of a cell; None for a blank.  ``year``: the campaign's, for 12月30日前."""
    if is_blank(value):
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return _checked(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 80000 and float(value).is_integer():
            return _checked(_EXCEL_EPOCH + _dt.timedelta(days=int(value)))
        raise ValueError(f"“{value}”不是日期")
    t = nfkc(value).replace(" ", "")
    if t.isdigit() and len(t) == 5:
        return _checked(_EXCEL_EPOCH + _dt.timedelta(days=int(t)))
    m = _DATETIME.match(t)
    if m:
        t = m[1]
    m = _MONTH_DAY.match(t)
    if m:
        try:
            return _checked(_dt.date(year, int(m[1]), int(m[2])))
        except ValueError:
            raise ValueError(f"“{value}”不是有效的日期") from None
    m = _YEAR_MONTH.match(t)
    if m and 1 <= int(m[2]) <= 12:
        y, mo = int(m[1]), int(m[2])
        return _checked(_dt.date(y, mo, calendar.monthrange(y, mo)[1]))
    t = _TRAIL.sub("", t)
    try:
        return _checked(parse_date(t))
    except DateError:
        raise ValueError(f"“{value}”不是日期，请写成 2021-12-30 或 2021年12月30日") from None


def _checked(day: _dt.date) -> str:
    try:
        return parse_date(day).isoformat()
    except DateError as exc:
        raise ValueError(str(exc)) from None


def is_no_deadline(value) -> bool:
    return isinstance(value, str) and any(w in nfkc(value) for w in NO_DEADLINE)


_MONEY_JUNK = re.compile(r"[,，\s¥￥]")
_FEN = Decimal("0.01")


def read_money(value, unit_fen: int) -> int | None:
    """Fen of a cell in 元 (unit_fen 100) or 万元 (1,000,000); a unit in the cell wins."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是金额")
    if isinstance(value, float):
        # calamine gives numbers as binary floats: their shortest repr is what was typed.
        amount = Decimal(repr(value))
    elif isinstance(value, int):
        amount = Decimal(value)
    else:
        t = _MONEY_JUNK.sub("", nfkc(value))
        if t in ("-", "—", "/", "无", "0元"):
            return None if t != "0元" else 0
        if t.endswith("万元") or t.endswith("万"):
            unit_fen, t = 1_000_000, t[:-2] if t.endswith("万元") else t[:-1]
        elif t.endswith("元"):
            unit_fen, t = 100, t[:-1]
        try:
            amount = Decimal(t)
        except InvalidOperation:
            raise ValueError(f"“{value}”不是金额，请只填数字，例如 12345.67") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"“{value}”不是有效的金额（不能为负数）")
    fen = amount * unit_fen
    # A float's last digits (0.1 + 0.2) are noise, not fractions of a fen.
    if abs(fen - fen.quantize(Decimal(1))) > Decimal("0.000001"):
        raise ValueError(f"金额“{value}”精确到了分以下，请核对")
    fen = int(fen.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if fen > MAX_FEN:
        raise ValueError(f"金额“{value}”过大，请核对单位（元或万元）")
    return fen


_STATUS = [
    (("已销号", "销号"), ProblemStatus.CLOSED),
    (("未整改", "未完成", "未启动", "待整改", "未开始", "尚未整改"), ProblemStatus.OPEN),
    (("整改中", "正在整改", "推进中", "进行中", "部分整改", "整改推进中", "持续整改"),
     ProblemStatus.IN_PROGRESS),
    (("已整改待销号", "已完成", "已整改", "完成", "已办结", "整改完成", "已清偿"),
     ProblemStatus.AWAITING_CLOSURE),
]


def read_status(value) -> str | None:
    if is_blank(value):
        return None
    t = nfkc(value)
    for words, status in _STATUS:
        if t in words:
            return status
    for words, status in _STATUS:  # longest words first would be nicer; order decides
        if any(w in t for w in words if len(w) >= 3):
            return status
    raise ValueError(f"“{value}”不是可识别的整改状态（可填：已整改、整改中、未整改、已销号）")


def read_yes(value) -> bool:
    return not is_blank(value) and nfkc(value) in ("是", "已销号", "√", "✓", "Y", "y", "1")


_MEASURE_STATUS = {s.value: s for s in MeasureStatus}
# "1." "1、" "（1）" "(1)" "①" at the start of a line or after ；
_ITEM = re.compile(r"(?:^|(?<=[；;。\n]))\s*(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])\s*")
_DETAIL = re.compile(r"^(.*)（([^（）]*)）$", re.S)


def split_measures(value, year: int) -> list[dict]:
    """One cell's measures: "1.…；2.…", "（1）…" or one per line; our own export's
    "1. 内容（责任人，2021年12月30日，已完成）" gives owner, deadline and status too."""
    if is_blank(value):
        return []
    t = str(value).replace("\r\n", "\n").strip()
    parts = [p.strip(" ；;\n") for p in _ITEM.split(t)]
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        parts = [p.strip(" ；;") for p in t.split("\n") if p.strip(" ；;")]
    out = []
    for p in parts:
        m = _DETAIL.match(p)
        measure = {"content": p}
        if m:
            bits = m[2].split("，")
            if bits and bits[-1] in _MEASURE_STATUS:
                measure = {"content": m[1].strip(), "status": bits[-1]}
                for b in bits[:-1]:
                    try:
                        measure["deadline"] = read_date(b, year)
                    except ValueError:
                        measure["owner_name"] = b
        out.append(measure)
    return out


_VOCAB_SYNONYMS = {
    "PPP": "政府和社会资本合作(PPP)", "12345": "投诉举报(12345热线)",
    "拖欠账款": "拖欠民营和中小企业账款", "拖欠企业账款": "拖欠民营和中小企业账款",
    "拖欠中小企业账款": "拖欠民营和中小企业账款", "新官不理旧账": "“新官不理旧账”",
    "审计": "审计发现", "自查": "自查自纠", "乡镇": "基层(乡镇街道)", "街道": "基层(乡镇街道)",
    "信访": "投诉举报(来信来访)", "来信来访": "投诉举报(来信来访)", "举报箱": "投诉举报(举报箱)",
    "电子信箱": "投诉举报(电子信箱)", "媒体": "媒体曝光", "人大": "人大建议/政协提案",
    "政协": "人大建议/政协提案", "通报": "上级通报", "司法判决": "未履行生效司法判决",
    "保证金": "违规收取涉企保证金", "白条": "打白条",
}


def _key(text: str) -> str:
    return re.sub(r"[\s“”\"'（）()]", "", nfkc(text))


def match_term(value: str, vocabulary: list[str]) -> str | None:
    """The vocabulary word ``value`` means, or None."""
    k = _key(value)
    if not k:
        return None
    keyed = {_key(w): w for w in vocabulary}
    if k in keyed:
        return keyed[k]
    for word, target in _VOCAB_SYNONYMS.items():
        if _key(word) in k and target in vocabulary:
            return target
    hits = [w for kw, w in keyed.items() if len(k) >= 2 and (k in kw or kw in k)]
    return hits[0] if len(hits) == 1 else None
