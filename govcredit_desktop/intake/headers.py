"""Finding the header of a sheet people made: one or two rows, merged cells, a title row
or a 填报单位 line above it, blank rows, a 序号 column.

The header is the row among the first ``SEARCH_ROWS`` whose cells name the most fields
(mapping.field_of); the row above belongs to it when a merge spans both (a two-level
header: 责任主体 over 牵头单位/责任单位/…) or when it names fields too.  Cells covered
by a merge are filled from the merge's top-left cell first, in the header and in data
rows alike: clerks merge 责任单位 vertically over several problems.
"""

from __future__ import annotations

from dataclasses import dataclass

from govcredit_desktop.intake import mapping
from govcredit_desktop.intake.model import IntakeError
from govcredit_desktop.intake.reader import Sheet

SEARCH_ROWS = 30
MIN_FIELDS = 2
NO_HEADER = ("在工作表“{sheet}”的前{n}行中没有找到表头：表头应包含“问题描述”“责任单位”"
             "“整改时限”等列名中的至少两个。请检查是否选对了工作表，或在表格中补上表头行")


@dataclass
class Header:
    first: int  # 0-based rows
    last: int
    texts: list[str]  # per column, as shown: '销号情况/审批人'
    keys: list[str]  # per column, normalised: what a remembered mapping is filed under
    fields: list[str | None]  # the guess per column


def letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA'."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def fill_merges(sheet: Sheet) -> None:
    """Give every cell covered by a merge the value of the merge's top-left cell."""
    if getattr(sheet, "_filled", False):
        return
    rows = sheet.rows
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] == "":
                    row[c] = value
    sheet._filled = True


def _cell_text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _score(row: list, hidden: set[int]) -> int:
    found = set()
    for c, v in enumerate(row):
        if c in hidden or not isinstance(v, str):
            continue
        key = mapping.normalise(v)
        f = mapping.field_of(key)
        if f:
            found.add(f)
        elif mapping.is_index(key):
            found.add("_index")
    return len(found)


def _spans(sheet: Sheet, upper: int, lower: int) -> bool:
    return any(r0 <= upper and r1 >= lower for (r0, _c0), (r1, _c1) in sheet.merged)


def find_header(sheet: Sheet) -> Header:
    fill_merges(sheet)
    rows, hidden = sheet.rows, sheet.hidden_columns
    scores = [_score(r, hidden) for r in rows[:SEARCH_ROWS]]
    if not scores or max(scores) < MIN_FIELDS:
        raise IntakeError(NO_HEADER.format(sheet=sheet.name, n=SEARCH_ROWS))
    best = scores.index(max(scores))
    first = last = best
    if best > 0 and (_spans(sheet, best - 1, best) or scores[best - 1] >= MIN_FIELDS):
        first = best - 1
    elif best + 1 < len(scores) and (_spans(sheet, best, best + 1)
                                     or scores[best + 1] >= MIN_FIELDS):
        last = best + 1
    width = max((len(r) for r in rows), default=0)
    texts, keys, fields = [], [], []
    taken: set[str] = set()
    for c in range(width):
        parts = []
        for r in range(first, last + 1):
            t = _cell_text(rows[r][c]) if c < len(rows[r]) else ""
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        texts.append("/".join(parts))
        norm = [mapping.normalise(p) for p in parts]
        keys.append("/".join(norm))
        f = None
        if c not in hidden and norm:
            for candidate in (norm[-1], "".join(norm), norm[0]):
                f = mapping.field_of(candidate)
                if f:
                    break
        if f in taken:
            f = None  # the first column naming a field gets it; the user may change that
        if f:
            taken.add(f)
        fields.append(f)
    return Header(first, last, texts, keys, fields)
