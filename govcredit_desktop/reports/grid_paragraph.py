"""Paragraphs set on the GB/T 9704 character grid: 28 characters to a 156 mm line, justified.

reportlab's Paragraph sets 16 pt (3号) glyphs at their own width, so a 156 mm line holds 27
characters with a ragged edge, and its CJK line breaker hangs a “；” that does not fit into
the margin.  Here, as Word's document grid does, every character advances by the grid pitch
(156 mm / 28 = 15.79 pt for 3号; the glyph itself stays 16 pt), each line is justified to the
full measure by spacing the characters, and the Chinese line-breaking rules (禁则) are kept
without leaving the type area: a closing mark that does not fit first compresses the full-width
punctuation of its line (half of the mark's em is blank), and only if that is not enough the
last character goes down with it.  Numbers, dates, document numbers
(宝信用办〔2021〕14号) and Latin words do not break; but pushing a 14-character
“（宝信用办〔2026〕14号），” down whole spread the line before it by up to half an em a
character, so where keeping a document number or a date whole would spread its line by more
than MAX_SPREAD it breaks between its parts (宝信用办 / 〔2026〕14号, 2027年 / 12月30日),
never inside a number (GB/T 15835), as a typesetter's push-out gives way to a break.

A paragraph is a list of (character, font) runs, so a rare name character the style's font
lacks is set in a font that has it (see gongwen.runs), and a run-in heading (（一）… in 楷体)
shares its first line with the body text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# Never at the start of a line ...
NO_START = set("，。、；：？！）》」』】〕〉”’…—％‰%,.;:?!)]}·～")
# ... never at the end of one.
NO_END = set("（《「『【〔〈“‘([{")
# Full-width marks whose glyph fills one half of the em; the other half may be squeezed out.
_BLANK_RIGHT = set("，。、；：）》」』】〕〉”’")
_BLANK_LEFT = set("（《「『【〔〈“‘")
# Unbreakable pieces: a document number, a Latin word or number, a dash or an ellipsis.
_TOKEN = re.compile(
    # 宝信用办〔2021〕14号, its 机关代字 ending at a mark (认定文书：宝财罚〔2026〕101号)
    r"[^\s〔［\[（(，。、；：？！“”‘’《》]{0,12}[〔［\[][0-9]{4}[〕］\]][0-9]+号"
    r"|(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}日)?"            # 2021年12月30日, 12月30日
    r"|[0-9]{4}年"
    r"|[A-Za-z0-9][A-Za-z0-9.,%\-/:_+·]*"
    r"|—+|…+|\n|\s|.", re.S)
# Glyph tops sit this far above the baseline (CJK em box: 0.88 up, 0.12 down).
ASCENT = 0.88
EPS = 1e-6
# Pushing an unbreakable piece down to the next line spreads the rest of the line; past this
# (in ems per character gap) the spread shows, and a document number or a date breaks
# instead at a point that keeps every number whole (see _inner_breaks).
MAX_SPREAD = 1 / 16

_widths: dict[tuple[str, str, float], float] = {}


def char_width(ch: str, font: str, size: float) -> float:
    key = (ch, font, size)
    w = _widths.get(key)
    if w is None:
        w = _widths[key] = size if ch == "\u3000" else stringWidth(ch, font, size)
    return w


class _Line:
    __slots__ = ("start", "end", "last", "x0", "avail")

    def __init__(self, start: int, end: int, last: bool, x0: float, avail: float):
        self.start, self.end, self.last, self.x0, self.avail = start, end, last, x0, avail


class GridParagraph(Flowable):
    """``runs``: (character, font name) pairs; ``style``: a ParagraphStyle whose fontSize,
    leading, alignment, indents, spaces and allowOrphans/allowWidows are used.  ``pitch``
    is the advance of a full-width character (None: the glyph's own width)."""

    def __init__(self, runs: Sequence[tuple[str, str]], style, pitch: float | None = None,
                 *, continued: bool = False):
        super().__init__()
        self.runs = [r for r in runs if r[0] != "\r"]
        self.style = style
        self.size = style.fontSize
        self.leading = style.leading
        self.pitch = pitch
        # Every character's advance is its width plus this (negative on the 3号 grid).
        self.tracking = (pitch - self.size) if pitch else 0.0
        self.continued = continued  # the rest of a split paragraph: no first-line indent
        self.spaceBefore = 0 if continued else style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self._widths = [char_width(ch, f, self.size) for ch, f in self.runs]
        # A closing mark followed by another mark (“）；”, “。”） always gives up its blank
        # half, as Chinese typesetting sets adjacent punctuation (连续标点挤压).
        self._base: dict[int, float] = {}
        for i in range(len(self.runs) - 1):
            if self.runs[i][0] in _BLANK_RIGHT and (self.runs[i + 1][0] in _BLANK_RIGHT
                                                   or self.runs[i + 1][0] in _BLANK_LEFT):
                if self._widths[i] >= 0.9 * self.size:
                    self._base[i] = self._widths[i] / 2
        text = "".join(ch for ch, _ in self.runs)
        self._tokens = _tokens(text)
        # Break positions inside long pieces -> 1 (between a 文号's parts, after a year) or
        # 2 (inside what precedes a 文号's 〔: the regex cannot tell 宝财罚 from the
        # 行政处罚决定书 before it, so that text breaks only when nothing better fits).
        self._inner: dict[int, int] = {}
        for a, b in self._tokens:
            if b - a > 3:
                self._inner.update(_inner_breaks(text, a, b))
        self._lines: list[_Line] = []
        self._squeeze: dict[int, float] = {}
        self._aw = None

    # --- layout ------------------------------------------------------------------------
    def _advance(self, i: int) -> float:
        return self._widths[i] + self.tracking - self._base.get(i, 0.0)

    def _capacity(self, i: int) -> float:
        """How much of character i's advance may be squeezed out."""
        ch = self.runs[i][0]
        if i in self._base:
            return 0.0
        if ch in _BLANK_RIGHT or ch in _BLANK_LEFT:
            w = self._widths[i]
            if w >= 0.9 * self.size:
                return w / 2
        return 0.0

    def _layout(self, aw: float) -> None:
        if self._aw == aw:
            return
        st = self.style
        lines: list[_Line] = []
        squeeze: dict[int, float] = {}
        first_indent = 0.0 if self.continued else st.firstLineIndent

        def geometry(n: int) -> tuple[float, float]:
            x0 = st.leftIndent + (first_indent if n == 0 else 0.0)
            return x0, aw - x0 - st.rightIndent

        def squeezable(start: int, end: int) -> list[tuple[int, float]]:
            # An opening mark starting the line keeps its blank left half: squeezed, its
            # glyph would move out of the type area.
            return [(i, c) for i in range(start, end)
                    if (c := self._capacity(i))
                    and not (i == start and self.runs[i][0] in _BLANK_LEFT)]

        x0, avail = geometry(0)
        start, used = None, 0.0
        pending = list(reversed(self._tokens))
        while pending:
            a, b = pending.pop()
            if self.runs[a][0] == "\n":
                lines.append(_Line(a if start is None else start, a, True, x0, avail))
                x0, avail = geometry(len(lines))
                start, used = None, 0.0
                continue
            if start is None and self.runs[a][0].isspace() and self.runs[a][0] != "\u3000":
                continue  # no line starts with a breaking space
            tw = sum(self._advance(i) for i in range(a, b))
            if start is None:
                start = a
            if used + tw <= avail + EPS or used == 0:
                if tw > avail + EPS and used == 0:  # a piece longer than a line: cut it
                    a, used = self._cut(a, b, avail, x0, lines, geometry)
                    start = a
                    x0, avail = geometry(len(lines))
                    continue
                used += tw
                continue
            # The token does not fit: squeeze the line's punctuation (push in) ...
            cap = squeezable(start, b)
            room = sum(c for _, c in cap)
            if used + tw - avail <= room + EPS:
                self._squeeze_line(squeeze, cap, used + tw - avail)
                lines.append(_Line(start, b, False, x0, avail))
                x0, avail = geometry(len(lines))
                start, used = None, 0.0
                continue
            # ... or break before it (push out), unless that spreads the line visibly and a
            # long document number or date may break where it keeps every number whole.
            head = self._inner_break(start, a, b, used, avail, squeezable)
            if head is not None:
                j, need, cap = head
                self._squeeze_line(squeeze, cap, need)
                lines.append(_Line(start, j, False, x0, avail))
                x0, avail = geometry(len(lines))
                start, used = None, 0.0
                pending.append((j, b))
                continue
            lines.append(_Line(start, a, False, x0, avail))
            x0, avail = geometry(len(lines))
            start, used = a, tw
        if start is not None or not lines:
            lines.append(_Line(start if start is not None else len(self.runs), len(self.runs),
                               True, x0, avail))
        self._lines, self._squeeze, self._aw = lines, squeeze, aw

    @staticmethod
    def _squeeze_line(squeeze: dict[int, float], cap: list[tuple[int, float]],
                      need: float) -> None:
        room = sum(c for _, c in cap)
        if need > EPS and room:
            for i, c in cap:
                squeeze[i] = need * c / room

    def _inner_break(self, start: int, a: int, b: int, used: float, avail: float,
                     squeezable) -> tuple[int, float, list] | None:
        """Where to break inside token a..b instead of before it: (index, width to squeeze
        out, squeezable marks), or None when breaking before the token spreads the line by
        no more than MAX_SPREAD an em per character, or no inner break fits better."""
        gaps = a - start - 1
        candidates = [(j, tier) for j in range(a + 1, b) if (tier := self._inner.get(j))]
        if gaps <= 0 or not candidates:
            return None
        spread = (avail - used) / gaps
        limit = MAX_SPREAD * self.size
        if spread <= limit:
            return None
        best = None
        for last_tier in (1, 2):
            for j, tier in candidates:
                if tier != last_tier:
                    continue
                width = used + sum(self._advance(i) for i in range(a, j))
                cap = squeezable(start, j)
                need = max(0.0, width - avail)
                if need > sum(c for _, c in cap) + EPS:
                    continue
                left = max(0.0, avail - width) / max(1, j - start - 1)
                if left < spread and (best is None or left < best[0]):
                    best = (left, j, need, cap)
            if best is not None and best[0] <= limit:
                break
        return None if best is None else best[1:]

    def _cut(self, a, b, avail, x0, lines, geometry):
        used, start = 0.0, a
        for i in range(a, b):
            w = self._advance(i)
            if used + w > avail + EPS and used:
                lines.append(_Line(start, i, False, x0, avail))
                x0, avail = geometry(len(lines))
                start, used = i, 0.0
            used += w
        return start, used

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._layout(aw)
        self.width, self.height = aw, len(self._lines) * self.leading
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self._layout(aw)
        total = len(self._lines)
        n = int((ah + EPS) // self.leading)
        if n >= total:
            return [self]
        if n <= 0:
            return []
        if not self.style.allowOrphans and n == 1:
            return []
        if not self.style.allowWidows and total - n == 1:
            n -= 1
            if n <= 0 or (not self.style.allowOrphans and n == 1):
                return []
        cut = self._lines[n].start
        head = GridParagraph(self.runs[:cut], self.style, self.pitch, continued=self.continued)
        head.spaceAfter = 0
        tail = GridParagraph(self.runs[cut:], self.style, self.pitch, continued=True)
        head._layout(aw)
        # The head keeps exactly these lines, justified as they were.
        if len(head._lines) != n:
            return []
        head._lines[-1].last = self._lines[n - 1].last
        return [head, tail]

    # --- drawing -----------------------------------------------------------------------
    def positions(self, line: _Line) -> list[tuple[int, float]]:
        """(character index, x of its glyph) for the drawn characters of a line."""
        idx = list(range(line.start, line.end))
        while idx and self.runs[idx[-1]][0].isspace() and self.runs[idx[-1]][0] != "\u3000":
            idx.pop()  # a breaking space at the end of a line takes no room
        adv = [self._advance(i) - self._squeeze.get(i, 0.0) for i in idx]
        natural = sum(adv) - (self.tracking if idx else 0.0)
        align = self.style.alignment
        x, gap = line.x0, 0.0
        if align == TA_JUSTIFY and not line.last and len(idx) > 1:
            gap = max(0.0, line.avail - natural) / (len(idx) - 1)
        elif align == TA_CENTER:
            x += (line.avail - natural) / 2
        elif align == TA_RIGHT:
            x += line.avail - natural
        out = []
        for i, a in zip(idx, adv, strict=True):
            shift = self._squeeze.get(i, 0.0) if self.runs[i][0] in _BLANK_LEFT else 0.0
            out.append((i, x - shift))
            x += a + gap
        return out

    def line_texts(self) -> list[str]:
        return ["".join(self.runs[i][0] for i in range(ln.start, ln.end)).rstrip(" ")
                for ln in self._lines]

    def draw(self) -> None:
        canv = self.canv
        text = canv.beginText()
        font = None
        for n, line in enumerate(self._lines):
            y = self.height - n * self.leading - (self.leading - self.size) / 2 \
                - ASCENT * self.size
            for i, x in self.positions(line):
                ch, f = self.runs[i]
                if ch.isspace():
                    continue
                if f != font:
                    text.setFont(f, self.size)
                    font = f
                text.setTextOrigin(x, y)
                text.textOut(ch)
        canv.drawText(text)


def _tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of the unbreakable pieces, 禁则 marks glued to their neighbours."""
    out: list[list[int]] = []
    opening: int | None = None
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        t = m.group()
        if t[0] in NO_START and out and opening is None and text[out[-1][1] - 1] != "\n":
            out[-1][1] = b
        elif len(t) == 1 and t in NO_END:
            opening = a if opening is None else opening
        else:
            out.append([a if opening is None else opening, b])
            opening = None
    if opening is not None:
        out.append([opening, len(text)])
    return [(a, b) for a, b in out]


def _inner_breaks(text: str, a: int, b: int) -> dict[int, int]:
    """Where a long unbreakable piece may still break when keeping it whole would spread
    the line before it (position -> tier, see GridParagraph._inner): a document number
    between its 机关代字 and 〔year〕 (宝信用办 / 〔2026〕14号) or after the year (〔2026〕 /
    14号), a date after its 年 (2027年 / 12月30日); then, as a last resort, inside the
    text before a 文号's 〔 when it is longer than a 机关代字, leaving four characters
    with it.  No number is ever split
    (GB/T 15835: a number in Arabic figures stays on one line)."""
    out: dict[int, int] = {}
    bracket = next((i for i in range(a, b) if text[i] in "〔［["), None)
    words = a + 1 if text[a] in NO_END else a  # where the text before the 〔 starts
    # Longer than a 机关代字 (宝信用办, 宝财罚): words before it, which may break, keeping
    # the four characters next to the 〔 together.
    long_prefix = bracket is not None and bracket - words > _CODE_CHARS
    for i in range(a + 1, b):
        ch, before = text[i], text[i - 1]
        if ch in "〔［[" and before not in NO_END and not before.isspace():
            out[i] = 1
        elif ch.isdigit() and before in "〕］]年":
            out[i] = 1
        elif long_prefix and words < i <= bracket - _CODE_CHARS and ch not in NO_START \
                and before not in NO_END and not (ch.isascii() and before.isascii()):
            out[i] = 2
    return out


# The characters of a 机关代字 kept together (most have three or four: 国办发, 宝信用办).
_CODE_CHARS = 4
