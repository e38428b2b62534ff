"""What a stored value may be: one table of lengths, and the characters no field may hold.

The table is the single source for validation (every record kind the store writes) and
for the ui's ``maxLength`` on one-line inputs.  The bounds exist so that nothing the
store accepts is altered on the way out: an Excel cell holds at most 32,767 characters
and the ledger's 整改措施 cell joins a problem's measures, openpyxl drops control
characters, Excel cannot show a date before 1900, and SQLite's integers end at 2**63.
"""

import datetime as _dt
import re
import unicodedata

# Long free text: 5,000 characters is ~10 pages of 公文 and leaves room in a 32,767-character
# Excel cell for the 备注 that is joined from several fields.
LONG_TEXT = 5000
# A name, post or unit as printed in a table cell.
NAME = 50
UNIT = 100
PHONE = 30
VOCAB_VALUE = 50

#: {record kind: {field: maximum characters}}; every text field the store writes.
MAX_LENGTH: dict[str, dict[str, int]] = {
    "problem": {
        "number": 50, "area": VOCAB_VALUE, "category": VOCAB_VALUE, "source": VOCAB_VALUE,
        "title": 200, "description": LONG_TEXT, "counterparty": 200,
        "counterparty_uscc": 18, "target": LONG_TEXT, "lead_unit": UNIT,
        "responsible_unit": UNIT, "closed_by": NAME, "closure_remark": 2000,
    },
    # A problem's measures share one ledger cell; 2,000 keeps ~15 long ones within it.
    "measure": {"content": 2000},
    "progress": {"note": LONG_TEXT},
    "person": {"name": NAME, "post": NAME, "unit": UNIT, "phone": PHONE},
    "department": {
        "name": UNIT, "uscc": 18, "first_responsible": NAME, "contact_person": NAME,
        "contact_phone": PHONE, "preparer": NAME, "reviewer": NAME, "signatory": NAME,
    },
    "campaign": {"name": 200, "doc_number": UNIT, "number_prefix": 20, "notice_title": 200},
    "vocabulary": {"value": VOCAB_VALUE},
    "closure": {"closed_by": NAME, "closure_remark": 2000},
    "reopen": {"reason": 2000},
    "evidence": {"note": 500, "original_name": 255},
    # Why a signing key was replaced: one line in the registration file and the manifest.
    "key_replacement": {"reason": 200},
    "complaint": {"channel": VOCAB_VALUE, "complainant": NAME, "contact": UNIT,
                  "content": LONG_TEXT, "handling_unit": UNIT, "reply": LONG_TEXT,
                  "result": 2000},
    "dishonesty_record": {"record_type": VOCAB_VALUE, "source_document": VOCAB_VALUE,
                          "document_number": UNIT, "note": 2000},
    "sanction": {"kind": VOCAB_VALUE, "decided_by": UNIT, "note": 2000},
    "credit_repair": {"steps": LONG_TEXT, "evidence": 2000, "decision": VOCAB_VALUE},
}

#: Fields typed in a multi-line box: only these may hold line breaks and tabs.
MULTILINE: dict[str, frozenset[str]] = {
    "problem": frozenset({"description", "target", "closure_remark"}),
    "measure": frozenset({"content"}),
    "progress": frozenset({"note"}),
    "closure": frozenset({"closure_remark"}),
    "reopen": frozenset({"reason"}),
    "complaint": frozenset({"content", "reply", "result"}),
    "dishonesty_record": frozenset({"note"}),
    "sanction": frozenset({"note"}),
    "credit_repair": frozenset({"steps", "evidence"}),
}

# Money in fen: what core.money.parse_yuan accepts (below 10^13 元), far inside SQLite's
# int64, so that even a county's sum of 9,000 maximal amounts cannot overflow.
MAX_FEN = 10**15 - 1

# Excel's 1900 date system starts at 1900-01-01; 2100 is far past any 整改时限.
MIN_DATE = _dt.date(1900, 1, 1)
MAX_DATE = _dt.date(2100, 12, 31)

# Characters that show nothing: a value made only of these looks empty, and at the edges
# of a value they are as meaningless as spaces (pasted from web pages and WeChat).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BREAKS = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")
_EDGES = re.compile(rf"^[\s{ZERO_WIDTH}]+|[\s{ZERO_WIDTH}]+$")
# Bidirectional controls reorder what is shown (a title can be made to read differently
# from what it holds); Chinese text never needs them.
BIDI_CONTROLS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Not characters at all in XML (U+FFFE, U+FFFF): an .xlsx holding one does not open.
_REFUSED_EXTRA = frozenset(BIDI_CONTROLS + "\ufffe\uffff")


def clean_text(value: str) -> str:
    """What the store keeps of typed text: spaces and zero-width characters at the edges
    dropped, and every kind of line break made ``\\n``.  Excel cells and Word text carry
    \\r\\n, Word's Shift+Enter pastes as \\v and its page break as \\f; all of them show as
    a new line, so they become one (in a one-line field it is then refused)."""
    if (value and not _BREAKS.search(value) and not value[0].isspace()
            and not value[-1].isspace() and value[0] not in ZERO_WIDTH
            and value[-1] not in ZERO_WIDTH):
        return value  # the usual case, without building two new strings
    return _EDGES.sub("", _BREAKS.sub("\n", value))


# What clean_text makes empty: nothing but spaces, line breaks and zero-width characters.
BLANK = re.compile(rf"[\s{ZERO_WIDTH}]*")


def is_blank(value) -> bool:
    # One C match instead of clean_text's tests: validation asks it of every required
    # field of every record a bulk write or an import checks.
    return value is None or (isinstance(value, str) and BLANK.fullmatch(value) is not None)


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


# Everything text_problem refuses, as one character class: the scan below, one
# character at a time, then runs only for a value that holds one (bulk imports and
# demo data check a million fields).
_REFUSED_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
                                + BIDI_CONTROLS + "\ufffe\uffff]")
_REFUSED_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff"
                               + BIDI_CONTROLS + "\ufffe\uffff]")


def text_problem(value: str, label: str, max_length: int | None,
                 multiline: bool = False) -> str | None:
    """None when ``value`` may be stored, else the Chinese sentence saying why not."""
    if max_length is not None and len(value) > max_length:
        return f"{label}不能超过{max_length}个字（当前{len(value)}个字）"
    if not (_REFUSED_MULTILINE if multiline else _REFUSED_ONE_LINE).search(value):
        return None
    for ch in value:
        code = ord(ch)
        if 0xD800 <= code <= 0xDFFF:
            # Only reaches us from broken imports or clipboards; UTF-8 cannot store it.
            return f"{label}含有无法保存的残缺字符（{_describe(ch)}），请删除后重新输入"
        if ch in "\n\t":
            if not multiline:
                return f"{label}不能包含换行或制表符，请写在一行内"
            continue
        if unicodedata.category(ch) == "Cc" or ch in _REFUSED_EXTRA:
            return (f"{label}含有不可见的控制字符（{_describe(ch)}），"
                    "可能是从其他程序粘贴带来的，请删除后重新输入")
    return None


def _text_plan(kind: str) -> tuple[tuple[str, int, bool, object], ...]:
    multiline = MULTILINE.get(kind, frozenset())
    return tuple((field, limit, field in multiline,
                  (_REFUSED_MULTILINE if field in multiline else _REFUSED_ONE_LINE).search)
                 for field, limit in MAX_LENGTH[kind].items())


# Each kind's (field, limit, multiline, refused-character search), built once.
_TEXT_PLANS = {kind: _text_plan(kind) for kind in MAX_LENGTH}


def check_texts(kind: str, rec: dict, labels: dict[str, str], errors: dict[str, str]) -> None:
    """Add an error for every text field of ``rec`` that ``kind``'s limits refuse."""
    get = rec.get
    for field, limit, multiline, refused in _TEXT_PLANS[kind]:
        value = get(field)
        # text_problem's own first test, inline: a bulk write checks ~200,000 fields
        # and nearly all of them pass it.
        if not isinstance(value, str) or (len(value) <= limit and not refused(value)) \
                or field in errors:
            continue
        problem = text_problem(value, labels.get(field, field), limit, multiline)
        if problem:
            errors[field] = problem


def date_problem(value: _dt.date) -> str | None:
    if MIN_DATE <= value <= MAX_DATE:
        return None
    return f"日期{value.isoformat()}超出可填写的范围（1900年1月1日至2100年12月31日），请核对年份"
