"""Long ruled tables (problem lists, the ledger) laid out one page at a time.

A reportlab Table of 10,000 Paragraph rows takes 19 s, 11.5 s in 500-row chunks
(docs/ARCHITECTURE.md), and chunked Tables cannot repeat their header where a chunk starts
mid-page.  Here each cell's text is wrapped once into lines with a small CJK line breaker
(cached glyph widths, no Paragraph), so every row's height is known in advance; the
flowable then cuts the rows into one small Table per page, each headed by the column
header.  The chunk is the page.  A row taller than a page is cut between lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from .fonts import FontSet, has_glyph

PAD_X = 3.0
PAD_TOP = 2.0
PAD_BOTTOM = 3.0
# Rows that stay on one page with a table's tail (the signature block): two data rows and
# the totals row.
KEEP_ROWS = 3

# Chinese line-breaking rules (禁则): these never start a line ...
_NO_START = set("，。、；：？！）》」』】〕〉”’…—％%,.;:?!)]}·～")
# ... and these never end one.
_NO_END = set("（《「『【〔〈“‘([{")
# Dates (2021年12月30日), document numbers (宝信用办〔2021〕14号), Latin letters and numbers
# (编号 2021-001, amounts 1,234.56) stay in one piece.
_TOKEN = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{1,2}月[0-9]{1,2}日"
                    r"|[〔［\[][0-9]{4}[〕］\]][0-9]+号"
                    r"|[A-Za-z0-9][A-Za-z0-9.,%\-/:_+]*|\s+|.", re.S)


class TextMeasure:
    """Glyph widths of one font and size, with the bundled font for missing glyphs."""

    def __init__(self, fonts: FontSet, font_name: str, size: float):
        self.fonts, self.font, self.size = fonts, font_name, size
        self._widths: dict[str, float] = {}
        # Width of each token wrap() has measured: a line of CJK text is mostly one-character
        # tokens, and measuring each anew was a third of a 1,000-row ledger's time.
        self._token_widths: dict[str, float] = {}
        # Width of each whole text measured: wrap() measures every paragraph, draw_page()
        # each centred or right-aligned line, mostly the same texts (dates, units, names).
        self._text_widths: dict[str, float] = {}
        # Lines of each (text, width) wrapped: a ledger's units, names, categories, dates and
        # statuses repeat from row to row.
        self._wrapped: dict[tuple[str, float], tuple[str, ...]] = {}
        self._seen: set[str] = set()
        self.fallback_chars: set[str] = set()

    def char_width(self, ch: str) -> float:
        w = self._widths.get(ch)
        if w is None:
            font = self.font
            if not has_glyph(ch, font) and self.fonts.fallback and not ch.isspace():
                font = self.fonts.fallback
                self.fallback_chars.add(ch)
            w = self._widths[ch] = stringWidth(ch, font, self.size)
        return w

    def width(self, text: str) -> float:
        w = self._text_widths.get(text)
        if w is None:
            w = self._text_widths[text] = self._measure(text)
        return w

    def _measure(self, text: str) -> float:
        chars = set(text)
        unseen = chars - self._seen
        if unseen:
            for ch in unseen:  # sorts each new character into the main or fallback font
                self.char_width(ch)
            self._seen |= unseen
        if self.fallback_chars and not self.fallback_chars.isdisjoint(chars):
            cw = self.char_width
            return sum(cw(ch) for ch in text)
        return stringWidth(text, self.font, self.size)  # reportlab's C loop

    @property
    def seen(self) -> set[str]:
        """Every character measured so far."""
        return self._seen

    def needs_fallback(self, text: str) -> bool:
        return bool(self.fallback_chars) and not self.fallback_chars.isdisjoint(text)

    def wrap(self, text: str, width: float) -> tuple[str, ...]:
        """Lines of ``text`` no wider than ``width`` ('\n' forces a break)."""
        key = (text, width)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = self._wrapped[key] = tuple(self._wrap(text, width))
        return lines

    def _wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        for para in str(text).split("\n"):
            if self.width(para) <= width:
                lines.append(para)
                continue
            line, used = "", 0.0
            known = self._token_widths
            for token in _tokens(para):
                tw = known.get(token)
                if tw is None:
                    tw = known[token] = self.width(token)
                if line and used + tw > width:
                    lines.append(line.rstrip())
                    line, used = "", 0.0
                    if token.isspace():
                        continue
                if tw > width:  # a token longer than the line: break it anywhere
                    for ch in token:
                        cw = self.char_width(ch)
                        if line and used + cw > width:
                            lines.append(line)
                            line, used = "", 0.0
                        line += ch
                        used += cw
                    continue
                line += token
                used += tw
            lines.append(line.rstrip())
        return lines


def _full_width(text: str) -> str:
    """Brackets in a table as in the text: （PPP）, not (PPP)."""
    if "(" in text or ")" in text:
        return text.replace("(", "（").replace(")", "）")
    return text


def _tokens(text: str) -> list[str]:
    """Unbreakable pieces: one CJK character, a Latin word or number, with 禁则 punctuation
    glued to its neighbour."""
    out: list[str] = []
    opening = ""
    for t in _TOKEN.findall(text):
        if t[0] in _NO_START and out and not opening:
            out[-1] += t
        elif len(t) == 1 and t in _NO_END:
            opening += t
        else:
            out.append(opening + t)
            opening = ""
    if opening:
        out.append(opening)
    return out


class _LineText(PDFTextObject):
    """A text object whose every line is placed with setTextOrigin: textOut need not
    measure the line to move the cursor past it (a tenth of a 1,000-row ledger's time)."""

    def textOut(self, text):
        self._code.append(self._formatText(text))


class Row:
    __slots__ = ("cells", "height", "total")

    def __init__(self, cells: tuple[tuple[str, ...], ...], height: float, total: bool):
        self.cells, self.height, self.total = cells, height, total


class TableLayout:
    """Column widths, fonts and the wrapped header of one long table."""

    def __init__(self, fonts: FontSet, headers: Sequence[str], weights: Sequence[float],
                 width: float, align: str, *, size: float = 10.5, leading: float | None = None,
                 fit: dict[int, str] | None = None):
        """``weights`` share ``width`` between the columns, except the columns in ``fit``
        (index -> the widest text they hold, e.g. '2021-0000', '9,999,999.99'), which get
        exactly that text's width: digit widths differ between fonts (仿宋 on Windows,
        the bundled font elsewhere), and a number must never wrap."""
        self.fonts, self.size = fonts, size
        self.leading = leading or round(size * 1.3, 2)
        self.body = TextMeasure(fonts, fonts.fangsong, size)
        self.bold = TextMeasure(fonts, fonts.heiti, size)
        fixed = {i: max(self.bold.width(t), self.body.width(t)) + 2 * PAD_X + 1
                 for i, t in (fit or {}).items()}
        rest = width - sum(fixed.values())
        free = float(sum(w for i, w in enumerate(weights) if i not in fixed)) or 1.0
        widths = [fixed[i] if i in fixed else rest * w / free for i, w in enumerate(weights)]
        # A header word never breaks ("重点领/域"): each column is at least as wide as its
        # longest header line, the width taken from the columns that have room to spare.
        need = [max(self.bold.width(line) for line in str(h).split("\n")) + 2 * PAD_X + 1
                for h in headers]
        short = sum(max(0.0, n - w) for n, w in zip(need, widths, strict=True))
        if short > 0:
            spare = {i: w - need[i] for i, w in enumerate(widths)
                     if i not in fixed and w > need[i]}
            room = sum(spare.values())
            take = min(1.0, short / room) if room else 0.0
            widths = [max(w, need[i]) if w < need[i] else w - spare.get(i, 0.0) * take
                      for i, w in enumerate(widths)]
        self.widths = widths
        self.align = [{"L": "LEFT", "C": "CENTER", "R": "RIGHT"}[a] for a in align]
        self.header = self.row(headers, total=True)

    def characters(self) -> set[str]:
        """Every character of the texts the table has wrapped (its header and rows):
        each one is measured, in the main or the fallback font, before it is laid out."""
        return self.body.seen | self.bold.seen

    def row(self, values: Iterable[object], *, total: bool = False) -> Row:
        m = self.bold if total else self.body
        cells = tuple(m.wrap("" if v is None else _full_width(str(v)), w - 2 * PAD_X)
                      for v, w in zip(values, self.widths, strict=True))
        return Row(cells, self._height(max(len(c) for c in cells)), total)

    def _height(self, n_lines: int) -> float:
        return n_lines * self.leading + PAD_TOP + PAD_BOTTOM

    def split_row(self, row: Row, height: float) -> tuple[Row, Row] | None:
        """The first lines of ``row`` filling ``height``, and the rest; None if < 1 line."""
        n = int((height - PAD_TOP - PAD_BOTTOM) // self.leading)
        if n < 1:
            return None
        head = tuple(c[:n] for c in row.cells)
        tail = tuple(c[n:] for c in row.cells)
        return (Row(head, self._height(max(len(c) for c in head)), row.total),
                Row(tail, self._height(max(1, max(len(c) for c in tail))), row.total))

    def draw_page(self, canv, rows: Sequence[Row], height: float) -> None:
        """Draw the header and ``rows`` from the top of a box ``height`` high.

        Hand-drawn instead of a reportlab Table: one path for the rules and one text object
        for the text, which halves the time of a 10,000-row ledger."""
        widths, total_w = self.widths, sum(self.widths)
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        all_rows = [self.header, *rows]
        canv.saveState()
        canv.setFillGray(0.91)
        canv.rect(0, height - self.header.height, total_w, self.header.height, stroke=0, fill=1)
        canv.setFillGray(0)
        text = _LineText(canv)
        # Bound once: a 10,000-row ledger sets 300,000 lines through these.
        set_origin, text_out = text.setTextOrigin, text.textOut
        leading, size = self.leading, self.size
        current_font = None
        y_top = height
        segments = []
        for i, row in enumerate(all_rows):
            m = self.bold if (i == 0 or row.total) else self.body
            if m.font != current_font:
                text.setFont(m.font, size)
                current_font = m.font
            fallback = m.fallback_chars
            segments.append((0, y_top, total_w, y_top))
            for c, lines in enumerate(row.cells):
                if not lines:
                    continue
                align = "CENTER" if i == 0 else self.align[c]
                block = len(lines) * leading
                # Centred vertically; the baseline sits ~0.8 em below the line's top.
                y = y_top - (row.height - block) / 2 - leading + (
                    leading - size) / 2 + 0.2 * size
                for line in lines:
                    if line:
                        if align == "LEFT":
                            x = xs[c] + PAD_X
                        else:
                            w = m.width(line)
                            x = (xs[c] + (widths[c] - w) / 2 if align == "CENTER"
                                 else xs[c + 1] - PAD_X - w)
                        if fallback and not fallback.isdisjoint(line):  # m.needs_fallback
                            x = self._fallback_line(text, m, line, x, y)
                            text.setFont(m.font, size)
                        else:
                            set_origin(x, y)
                            text_out(line)
                    y -= leading
            y_top -= row.height
        segments.append((0, y_top, total_w, y_top))
        segments += [(x, height, x, y_top) for x in xs]
        canv.drawText(text)
        canv.setLineWidth(0.5)
        canv.lines(segments)
        canv.setLineWidth(1)
        canv.rect(0, y_top, total_w, height - y_top, stroke=1, fill=0)
        canv.restoreState()

    @staticmethod
    def _fallback_line(text, m: TextMeasure, line: str, x: float, y: float) -> float:
        """Characters the main font lacks (rare names) in the bundled font."""
        for ch in line:
            font = m.fonts.fallback if ch in m.fallback_chars else m.font
            text.setFont(font, m.size)
            text.setTextOrigin(x, y)
            text.textOut(ch)
            x += m.char_width(ch)
        return x

    def flowable(self, rows: Sequence[Row], *, on_rows: Callable[[int], None] | None = None,
                 space_after: float = 0, tail: Sequence[Flowable] = (),
                 keep_rows: int = KEEP_ROWS) -> PagedTable:
        """The table as one flowable; ``tail`` (the closing block) is drawn below its last
        ``keep_rows`` rows, on the same page (see PagedTable)."""
        rows = list(rows)
        cum = [0.0]
        for r in rows:
            cum.append(cum[-1] + r.height)
        return PagedTable(self, rows, cum, 0, None, on_rows=on_rows, space_after=space_after,
                          tail=tail, keep_rows=keep_rows)


class PagedTable(Flowable):
    """All rows; split() hands the frame one page of rows at a time.

    Rows are shared between the pieces (``start`` moves on) so a 10,000-row table is not
    copied once per page; ``carry`` is the rest of a row cut between two pages.

    ``tail`` (the signature block after a ledger) is part of the last piece: the page that
    ends the table has room for its last ``keep_rows`` rows and the tail, or those rows move
    to the next page under the repeated header.  A signature then never stands alone on a
    page, and no “此页无正文” is needed.  When even the header, one row and the tail do not
    fit on an empty page, the tail simply follows the table.
    """

    def __init__(self, layout: TableLayout, rows: list[Row], cum: list[float], start: int,
                 carry: Row | None, *, on_rows: Callable[[int], None] | None = None,
                 space_after: float = 0, tail: Sequence[Flowable] = (),
                 keep_rows: int = KEEP_ROWS, tail_cache: dict | None = None):
        super().__init__()
        self.layout, self.rows, self.cum, self.start, self.carry = layout, rows, cum, start, carry
        self.on_rows = on_rows
        self.spaceAfter = space_after
        self.tail, self.keep_rows = list(tail), keep_rows
        # aw -> the tail's smallest height, shared by the pieces.
        self._tail_cache = {} if tail_cache is None else tail_cache
        self._table_h = (layout.header.height + cum[-1] - cum[start]
                         + (carry.height if carry else 0))
        self._tail_parts: list[tuple[Flowable, float]] = []
        self._gap = max(space_after, self.tail[0].getSpaceBefore()) if self.tail else 0.0

    def with_tail(self, tail: Sequence[Flowable], keep_rows: int = KEEP_ROWS) -> PagedTable:
        """This table keeping its last rows on one page with ``tail``."""
        return PagedTable(self.layout, self.rows, self.cum, self.start, self.carry,
                          on_rows=self.on_rows, space_after=self.spaceAfter, tail=tail,
                          keep_rows=keep_rows)

    def _pending(self) -> list[Row]:
        return ([self.carry] if self.carry else []) + self.rows[self.start:]

    def _piece(self, start: int, carry: Row | None, tail: Sequence[Flowable]) -> PagedTable:
        return PagedTable(self.layout, self.rows, self.cum, start, carry, on_rows=self.on_rows,
                          space_after=self.spaceAfter, tail=tail, keep_rows=self.keep_rows,
                          tail_cache=self._tail_cache)

    def _min_tail(self, aw: float) -> float:
        """The gap and the tail at their smallest (a closing block's seal room shrunk)."""
        h = self._tail_cache.get(aw)
        if h is None:
            # A closing block asked to fit in no room reports its smallest height.
            h = self._tail_cache[aw] = self._gap + sum(f.wrap(aw, 0)[1] for f in self.tail) + (
                sum(f.getSpaceBefore() for f in self.tail[1:]))
        return h

    def _rows_kept(self, aw: float, full: float) -> int:
        """How many of the last ``keep_rows`` rows fit with the header and the tail on an
        empty page of height ``full`` (0: not even one)."""
        room = full - self.layout.header.height - self._min_tail(aw)
        keep, used = 0, 0.0
        for r in reversed(self.rows[-self.keep_rows:]):
            if used + r.height > room + 1e-6:
                break
            keep, used = keep + 1, used + r.height
        return keep

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = sum(self.layout.widths)
        self._tail_parts = []
        if not self.tail:
            return self.width, self._table_h
        if self._table_h + self._min_tail(aw) > ah:  # splits: no need to lay out the tail
            return self.width, self._table_h + self._min_tail(aw)
        room = ah - self._table_h - self._gap
        height = self._table_h + self._gap
        for i, f in enumerate(self.tail):
            if i:
                room -= f.getSpaceBefore()
                height += f.getSpaceBefore()
            h = f.wrap(aw, max(room, 0))[1]
            self._tail_parts.append((f, h))
            room -= h
            height += h
        return self.width, height

    def draw(self) -> None:
        top = self._table_h
        if self._tail_parts:
            top += self._gap + sum(h for _, h in self._tail_parts) + sum(
                f.getSpaceBefore() for f, _ in self._tail_parts[1:])
        self.canv.saveState()
        self.canv.translate(0, top - self._table_h)
        self.layout.draw_page(self.canv, self._pending(), self._table_h)
        self.canv.restoreState()
        y = top - self._table_h - self._gap
        for i, (f, h) in enumerate(self._tail_parts):
            if i:
                y -= f.getSpaceBefore()
            y -= h
            f.drawOn(self.canv, 0, y)
        if self.on_rows:
            self.on_rows(len(self.rows))

    def split(self, aw: float, ah: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        full = getattr(frame, "_height", None) or ah
        if not self.tail:
            return self._split(aw, ah, full, 0)
        keep = self._rows_kept(aw, full)
        if keep:
            return self._split(aw, ah, full, keep)
        # The tail cannot share a page with the table's end: it simply follows the table.
        plain = self._piece(self.start, self.carry, ())
        if plain.wrap(aw, ah)[1] <= ah:
            return [plain, *self.tail]
        parts = plain._split(aw, ah, full, 0)
        return [*parts, *self.tail] if parts else []

    def _split(self, aw: float, ah: float, full: float, keep: int) -> list[Flowable]:
        """One page of rows in ``ah`` (of a page ``full`` high) and the rest, which keeps
        its last ``keep`` rows for the page that ends with the tail."""
        avail = ah - self.layout.header.height
        page: list[Row] = []
        used = 0.0
        carry = self.carry
        start = self.start
        if carry is not None:
            if carry.height <= avail:
                page.append(carry)
                used = carry.height
                carry = None
        if carry is None:
            # Rows that fit: binary search on the running heights.
            limit = self.cum[start] + (avail - used)
            lo, hi = start, len(self.rows)
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self.cum[mid] <= limit + 1e-6:
                    lo = mid
                else:
                    hi = mid - 1
            if len(self.rows) - lo < keep:
                lo = max(start, len(self.rows) - keep)
            page += self.rows[start:lo]
            start = lo
        if not page:
            first = carry or self.rows[start]
            # A row taller than a whole page is cut between lines; otherwise it moves, with
            # the header, to the next page (as do the last rows kept with the tail).
            if self.layout.header.height + first.height <= full:
                return []
            parts = self.layout.split_row(first, avail)
            if parts is None:
                return []
            page = [parts[0]]
            if carry is None:
                start += 1
            carry = parts[1]
        height = self.layout.header.height + sum(r.height for r in page)
        out: list[Flowable] = [_Page(self.layout, page, height, start, self.on_rows)]
        if carry is not None or start < len(self.rows):
            out.append(self._piece(start, carry, self.tail))
        return out


class _Page(Flowable):
    """One page of rows; reports how many rows are laid out when it is drawn."""

    def __init__(self, layout: TableLayout, rows: list[Row], height: float, done: int,
                 on_rows: Callable[[int], None] | None):
        super().__init__()
        self.layout, self.rows, self.height, self.done = layout, rows, height, done
        self.on_rows = on_rows
        self.width = sum(layout.widths)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.layout.draw_page(self.canv, self.rows, self.height)
        if self.on_rows:
            self.on_rows(self.done)
