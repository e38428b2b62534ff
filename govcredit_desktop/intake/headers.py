"""Finding the header rows of a sheet people made: a title row above, one or two header
rows with merged groups (责任主体 over 责任单位/责任人), blank rows, a 填报单位 line."""

from __future__ import annotations

import datetime as _dt

from govcredit_desktop.intake.mapping import IGNORED, guess, header_score, normalise

SCAN_ROWS = 40  # headers sit near the top
MIN_SCORE = 2
_SKIP_WORDS = ("合计", "小计", "总计", "累计")
_LINE_WORDS = ("填报单位", "经办人", "填报人", "审核人", "制表人", "联系电话", "注：", "说明")


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def fill_merged(rows: list[list], merged, last_row: int) -> None:
    """Copy each merged range's value into the cells it covers (calamine leaves them
    empty), for the rows down to ``last_row`` (the header area)."""
    for (r0, c0), (r1, c1) in merged:
        if r0 > last_row or r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, last_row, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                if row[c] in ("", None):
                    row[c] = value


def fill_groups(upper: list, lower: list) -> None:
    """Without merge information (.ods, .csv): a group label stands over its first column
    only, so it is carried right while the lower row goes on under it."""
    for c in range(1, len(upper)):
        if (not text(upper[c]) and text(lower[c]) and text(upper[c - 1])
                and text(lower[c - 1]) and normalise(upper[c - 1]) != normalise(lower[c - 1])):
            upper[c] = upper[c - 1]


def _score(row) -> int:
    # Only short cells count: a data cell like 约谈相关责任人 holds a header word too.
    return header_score([t for t in (text(v) for v in row) if len(t) <= 16])


def _data_like(row) -> bool:
    return any(isinstance(v, (int, float, _dt.date)) and not isinstance(v, bool)
               for v in row)


def find_header(rows: list[list], merged=None) -> tuple[int, int] | None:
    """(first, last) 0-based header rows, or None when nothing reads as a header."""
    scan = min(len(rows), SCAN_ROWS)
    if merged:
        fill_merged(rows, merged, scan)
    scores = [_score(rows[r]) for r in range(scan)]
    if not scores or max(scores) < MIN_SCORE:
        return None
    best = scores.index(max(scores))
    if best > 0 and scores[best - 1] >= MIN_SCORE and not _data_like(rows[best - 1]):
        return best - 1, best
    if best + 1 < scan and scores[best + 1] >= 1 and not _data_like(rows[best + 1]):
        below = [text(v) for v in rows[best + 1]]
        # A second header row names what the first groups; a data row has long texts.
        if all(len(t) <= 16 for t in below) and any(
                guess(t) or normalise(t) in IGNORED for t in below if t):
            return best, best + 1
    return best, best


def column_headers(rows: list[list], first: int, last: int, width: int
                   ) -> list[tuple[str, str | None]]:
    """(header text shown, field guessed) for each column."""
    upper = [text(v) for v in rows[first]] + [""] * width
    lower = [text(v) for v in rows[last]] + [""] * width
    if last != first:
        fill_groups(upper, lower)
    out = []
    for c in range(width):
        u, low = upper[c], lower[c] if last != first else ""
        if low and normalise(low) != normalise(u):
            shown = f"{u}/{low}" if u else low
            field = guess(low) or (None if normalise(low) in IGNORED else guess(u))
        else:
            shown, field = u, guess(u)
        out.append((shown, field))
    return out


def skip_reason(row) -> str | None:
    """Why a data row is not a problem: blank, a 合计 row, a 填报单位 or signature line."""
    cells = [text(v) for v in row]
    filled = [t for t in cells if t]
    if not filled:
        return "空行"
    head = normalise(filled[0])
    if any(head.startswith(w) for w in _SKIP_WORDS) or head in ("合", "计"):
        return f"{filled[0][:6]}行"
    if any(w in head for w in _LINE_WORDS) and len(filled) <= 3:
        return "填报单位、签名或说明行"
    if _score(row) >= max(3, len(filled) // 2 + 1):
        return "重复的表头行"
    return None
