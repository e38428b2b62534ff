"""GB/T 9704-2012 (党政机关公文格式) building blocks on reportlab platypus.

Imported only when a document is made, so reportlab is imported at module level here.
Numbers quoted below are the standard's: A4, top margin 37 mm, binding margin 28 mm, type area
156 × 225 mm, 22 lines of 3号 (16 pt) 仿宋 per page.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..core.dates import format_cn
from ..core.errors import UserError
from ..core.files import atomic_write
from .fonts import FontSet, has_glyph, register_fonts
from .grid_paragraph import GridParagraph
from .paged_table import PagedTable

# --- geometry ---------------------------------------------------------------------------
PAGE_W, PAGE_H = A4
TOP_MARGIN = 37 * mm
LEFT_MARGIN = 28 * mm
TYPE_W = 156 * mm
TYPE_H = 225 * mm
BOTTOM_MARGIN = PAGE_H - TOP_MARGIN - TYPE_H  # 35 mm
LINE = TYPE_H / 22  # 28.95 pt: the type area holds exactly 22 body lines

LAND_W, LAND_H = _landscape(A4)
# A landscape 附件 page of a portrait document is the portrait sheet turned with its top to
# the binding edge (GB/T 9704 §10.2: 单页码表头在订口一边，双页码表头在切口一边), so its left
# edge is the sheet's foot, where the page number stands as on every other page.  The type
# area keeps clear of that number (the portrait foot margin, 35 mm) and of the binding (top).
LAND_LEFT = BOTTOM_MARGIN
LAND_RIGHT = 20 * mm
LAND_TOP = LEFT_MARGIN
LAND_BOTTOM = 20 * mm
LAND_TYPE_W = LAND_W - LAND_LEFT - LAND_RIGHT    # 242 mm
LAND_TYPE_H = LAND_H - LAND_TOP - LAND_BOTTOM    # 162 mm
# A document that is landscape throughout (the ledger) is a sheet of its own: 20 mm
# margins, the page number centred below the table.
SHEET_MARGIN = 20 * mm
SHEET_TYPE_W = LAND_W - 2 * SHEET_MARGIN         # 257 mm
SHEET_TYPE_H = LAND_H - 2 * SHEET_MARGIN
LAND_MARGIN = SHEET_MARGIN

SIZE_TITLE = 22     # 2号
SIZE_BODY = 16      # 3号
SIZE_PAGE_NO = 14   # 4号
SIZE_TABLE = 10.5   # 5号
CHARS_PER_LINE = 28
# The advance of one body character on the GB/T 9704 grid: 28 characters fill the 156 mm
# line exactly (the last glyph's full 16 pt em ending on the right edge), as Word's
# document grid sets them; the glyphs stay 3号 (see grid_paragraph.py).
PITCH = (TYPE_W - SIZE_BODY) / (CHARS_PER_LINE - 1)
CHAR = PITCH        # one body character, the unit of GB/T 9704 indents


class BuildCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("已取消生成文件。")


# --- styles -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    addressee: ParagraphStyle
    body: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    plain: ParagraphStyle          # body face, no indent (signature, date)
    attachment_label: ParagraphStyle
    table: ParagraphStyle
    table_header: ParagraphStyle


_styles_cache: dict[tuple[str, ...], Styles] = {}
_NO_LINE_START = "，；：？！…％‰”’》"


def _forbid_line_start_punctuation() -> None:
    """reportlab's CJK line breaker keeps 、。） off the start of a line but not ，；：？！,
    so “……3个\n，上级通报2个” happens; add them (they then hang in the margin, as in
    Chinese typesetting).  These are module globals of reportlab, looked up at each line
    break: patched once, by the first styles() call, which every document makes."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph as rl_paragraph

    for module in (textsplit, rl_paragraph):  # single-run and multi-run paragraphs
        if not set(_NO_LINE_START) <= set(module.ALL_CANNOT_START):
            module.ALL_CANNOT_START += _NO_LINE_START


def styles(fonts: FontSet) -> Styles:
    key = tuple(fonts.names())
    cached = _styles_cache.get(key)
    if cached:
        return cached
    _forbid_line_start_punctuation()

    def st(name: str, font: str, **kw) -> ParagraphStyle:
        base = {"fontSize": SIZE_BODY, "leading": LINE, "wordWrap": "CJK",
                "alignment": TA_JUSTIFY, "allowWidows": 0, "allowOrphans": 0}
        return ParagraphStyle(f"gw-{name}", fontName=font, **{**base, **kw})

    indented = {"firstLineIndent": 2 * CHAR}
    s = Styles(
        # Title lines stay on the 22-line grid; one empty line separates it from 主送机关.
        title=st("title", fonts.title, fontSize=SIZE_TITLE, leading=LINE * 1.25,
                 alignment=TA_CENTER, spaceAfter=LINE),
        addressee=st("addressee", fonts.fangsong, alignment=TA_LEFT),
        body=st("body", fonts.fangsong, **indented),
        h1=st("h1", fonts.heiti, **indented),
        h2=st("h2", fonts.kaiti, **indented),
        h3=st("h3", fonts.fangsong, **indented),
        h4=st("h4", fonts.fangsong, **indented),
        plain=st("plain", fonts.fangsong, alignment=TA_LEFT),
        attachment_label=st("attachment-label", fonts.heiti, alignment=TA_LEFT),
        table=st("table", fonts.fangsong, fontSize=SIZE_TABLE, leading=SIZE_TABLE * 1.35,
                 alignment=TA_LEFT, allowWidows=1, allowOrphans=1),
        table_header=st("table-header", fonts.heiti, fontSize=SIZE_TABLE,
                        leading=SIZE_TABLE * 1.35, alignment=TA_CENTER),
    )
    _styles_cache[key] = s
    return s


# --- text -------------------------------------------------------------------------------
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "<br/>"}


def _ideographic_space(font_name: str, size: float) -> str:
    # reportlab treats U+3000 as a breakable space of the font's narrow space width. No-break
    # spaces (kept, never collapsed) at a size no larger than the text's, adding up to one em,
    # keep the full-width gap without raising the line's ascent.
    w = stringWidth("\xa0", font_name, 1000)
    if not w:
        return "\u3000"
    k = math.ceil(1000 / w)
    spaces = "\xa0" * k
    return f'<font face="{font_name}" size="{size * 1000 / (k * w):.4f}">{spaces}</font>'


def markup(text: str, font_name: str, fonts: FontSet, size: float = SIZE_BODY) -> str:
    """Escape text for Paragraph, setting characters the style's font lacks in a font that
    has them (e.g. 堃 in a GB 2312 仿宋), so nothing prints as an empty box."""
    out: list[str] = []
    run_font, run = font_name, []
    others = [n for n in fonts.names() if n != font_name]

    def flush() -> None:
        if run:
            chunk = "".join(run)
            if run_font != font_name:
                chunk = f'<font face="{run_font}">{chunk}</font>'
            out.append(chunk)

    for ch in text:
        face = font_name
        if ch not in _ESCAPES and not ch.isspace() and not has_glyph(ch, font_name):
            face = next((n for n in others if has_glyph(ch, n)), font_name)
        if face != run_font:
            flush()
            run_font, run = face, []
        run.append(_ideographic_space(font_name, size) if ch == "\u3000"
                   else _ESCAPES.get(ch, ch))
    flush()
    return "".join(out)


def runs(text: str, font_name: str, fonts: FontSet) -> list[tuple[str, str]]:
    """(character, font) pairs: the style's font, or for a character it lacks (e.g. 堃 in
    a GB 2312 仿宋) the first font of the set that has it, so nothing prints as a box."""
    others = [n for n in fonts.names() if n != font_name]
    out = []
    for ch in text:
        face = font_name
        if not ch.isspace() and not has_glyph(ch, font_name):
            face = next((n for n in others if has_glyph(ch, n)), font_name)
        out.append((ch, face))
    return out


def grid_width(text: str, font_name: str) -> float:
    """Advance of body-size ``text`` on the grid (what it takes before the next character)."""
    return stringWidth(text, font_name, SIZE_BODY) + (PITCH - SIZE_BODY) * len(text)


def pitch_of(style: ParagraphStyle) -> float | None:
    """Body-size text is set on the 28-character grid; other sizes at their own width."""
    return PITCH if style.fontSize == SIZE_BODY else None


def paragraph(text: str, style: ParagraphStyle, fonts: FontSet) -> GridParagraph:
    return GridParagraph(runs(text, style.fontName, fonts), style, pitch_of(style))


def run_in_paragraph(head: str, head_font: str, text: str, style: ParagraphStyle,
                     fonts: FontSet) -> GridParagraph:
    """A run-in heading ('（一）加强组织领导。' in 楷体) and its paragraph in ``style``."""
    return GridParagraph(runs(head, head_font, fonts) + runs(text, style.fontName, fonts),
                         style, pitch_of(style))


def title(text: str, fonts: FontSet) -> Paragraph:
    return paragraph(text, styles(fonts).title, fonts)


def addressee(text: str, fonts: FontSet) -> Paragraph:
    """主送机关, flush left, ending with a full-width colon."""
    text = text.rstrip("：:")
    return paragraph(f"{text}：", styles(fonts).addressee, fonts)


def body(text: str, fonts: FontSet) -> Paragraph:
    return paragraph(text, styles(fonts).body, fonts)


def heading(text: str, level: int, fonts: FontSet) -> Paragraph:
    """Levels 1–4: “一、” 黑体, “（一）” 楷体, “1.” and “（1）” 仿宋 — the caller numbers."""
    s = styles(fonts)
    style = {1: s.h1, 2: s.h2, 3: s.h3, 4: s.h4}[level]
    return _Heading(runs(text, style.fontName, fonts), style, pitch_of(style))


class _Heading(GridParagraph):
    """A heading moves to the next page unless two lines of text fit below it.

    keepWithNext would glue the heading to a whole table and push both to the next page,
    leaving half a page empty."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        w, h = super().wrap(aw, ah)
        return w, (h + 2 * LINE if h + 2 * LINE > ah else h)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []


# --- tables -----------------------------------------------------------------------------
def data_table(header_rows: Sequence[Sequence[str]], rows: Iterable[Sequence[object]],
               fonts: FontSet, col_widths: Sequence[float], *, width: float = TYPE_W,
               align: str | None = None) -> Table:
    """A ruled table whose header rows repeat on every page.

    ``col_widths`` are relative weights scaled to ``width``; ``align`` is one letter per
    column (L, C, R) for the body cells.
    """
    s = styles(fonts)
    total = float(sum(col_widths))
    widths = [width * w / total for w in col_widths]
    aligned = {"L": s.table,
               "C": ParagraphStyle("gw-table-c", parent=s.table, alignment=TA_CENTER),
               "R": ParagraphStyle("gw-table-r", parent=s.table, alignment=TA_RIGHT)}
    col_styles = [aligned[(align or "L" * len(widths))[i]] for i in range(len(widths))]
    data = [[paragraph(str(c), s.table_header, fonts) for c in r] for r in header_rows]
    for r in rows:
        data.append([paragraph("" if c is None else str(c), col_styles[i], fonts)
                     for i, c in enumerate(r)])
    table = Table(data, colWidths=widths, repeatRows=len(header_rows), splitByRow=1,
                  spaceBefore=LINE / 4, spaceAfter=LINE / 2)
    table.setStyle(TableStyle([
        # Cells are Paragraphs, but Table still sets its default Helvetica, which would put an
        # unembedded font into the PDF.
        ("FONTNAME", (0, 0), (-1, -1), fonts.fangsong),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


# --- tables and figures in the text -----------------------------------------------------
MAX_FLOAT_DEFER = 4


class FloatBlock(Flowable):
    """A figure (chart and caption) kept together; when it does not fit at the foot of a
    page, the text after it (up to MAX_FLOAT_DEFER flowables) fills that page first and the
    figure opens the next one, instead of leaving the rest of the page blank (_Doc)."""

    def __init__(self, flowables: Sequence[Flowable]):
        super().__init__()
        self.parts = list(flowables)
        self.deferred_on: int | None = None
        self.deferrals = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._sizes = [f.wrap(aw, ah) for f in self.parts]
        self.width = max((w for w, _ in self._sizes), default=0)
        self.height = sum(h for _, h in self._sizes) + sum(
            f.getSpaceBefore() for f in self.parts[1:])
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = self.height
        for i, (f, (w, h)) in enumerate(zip(self.parts, self._sizes, strict=True)):
            if i:
                y -= f.getSpaceBefore()
            y -= h
            f.drawOn(self.canv, (self.width - w) / 2, y)


def float_block(flowables: Sequence[Flowable]) -> FloatBlock:
    return FloatBlock(flowables)


class CaptionedTable(Flowable):
    """A caption that stays with its table's header and first rows; the table itself
    splits across pages (its header repeated) instead of moving as one block."""

    def __init__(self, caption: Flowable, table: Flowable):
        super().__init__()
        self.caption, self.table = caption, table
        self.spaceBefore = caption.getSpaceBefore()
        self.spaceAfter = table.getSpaceAfter()

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        _, ch = self.caption.wrap(aw, ah)
        w, th = self.table.wrap(aw, max(ah - ch, 0))
        self.width, self.height = max(aw, w), ch + th
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        _, ch = self.caption.wrap(aw, ah)
        if ch >= ah:
            return []
        pieces = self.table.split(aw, ah - ch)
        if not pieces:
            return []
        return [self.caption, *pieces]

    def draw(self) -> None:
        _, ch = self.caption.wrap(self.width, self.height)
        self.caption.drawOn(self.canv, 0, self.height - ch)
        self.table.drawOn(self.canv, 0, 0)


def caption_with_table(caption: Flowable, table: Flowable) -> CaptionedTable:
    return CaptionedTable(caption, table)


# --- signature, attachments ---------------------------------------------------------------
def _centred_on(centre: float, avail: float) -> dict[str, float]:
    """Indents that centre a paragraph's box on ``centre`` (measured from the left edge)."""
    if 2 * centre >= avail:
        return {"leftIndent": 2 * centre - avail, "rightIndent": 0}
    return {"leftIndent": 0, "rightIndent": avail - 2 * centre}


class _ClosingBlock(Flowable):
    """The last body flowables, room for the seal, 发文机关署名 and 成文日期, never split.

    What it does when the page runs short (the standard fixes a short page by adjusting
    spacing, never by a “此页无正文” page):
    1. wrap(): the seal room is ``seal`` (2 lines) when it fits, else whatever room is left
       but never less than ``min_seal`` (1 line: the seal's top must stay within one line
       of the text above it);
    2. split(): if even that does not fit, the whole block — its kept body text with it —
       moves to the next page, leaving the foot of this page blank: less than the block's
       height at ``min_seal`` (6 lines for a two-line last paragraph, e.g. an empty
       campaign's 整改方案 leaves 4.25 lines);
    3. only a block taller than a whole page lets its body text go first.
    A long table before the block keeps its last rows with it instead (signature_block).
    """

    def __init__(self, tail: Sequence[Flowable], name: str, date_text: str, fonts: FontSet,
                 seal: float, min_seal: float, after: Sequence[Flowable] = ()):
        super().__init__()
        self.tail, self.name, self.date_text, self.fonts = list(tail), name, date_text, fonts
        self.after = list(after)
        self.seal, self.min_seal = seal, min_seal
        self._seal_used = seal

    def _layout(self, aw: float) -> None:
        s, font = styles(self.fonts), self.fonts.fangsong
        w_date = grid_width(self.date_text, font) - (PITCH - SIZE_BODY)
        w_name = grid_width(self.name, font) - (PITCH - SIZE_BODY)
        centre = aw - 4 * CHAR - w_date / 2          # date right-indented four characters
        if w_name <= 2 * (aw - centre):              # name centred over the date
            name_st = ParagraphStyle("gw-sig-name", parent=s.plain, alignment=TA_CENTER,
                                     **_centred_on(centre, aw))
            date_st = ParagraphStyle("gw-sig-date", parent=s.plain, alignment=TA_RIGHT,
                                     rightIndent=4 * CHAR)
        else:                                        # long name: name right 2, date under it
            name_st = ParagraphStyle("gw-sig-name", parent=s.plain, alignment=TA_RIGHT,
                                     rightIndent=2 * CHAR)
            date_st = ParagraphStyle("gw-sig-date", parent=s.plain, alignment=TA_CENTER,
                                     **_centred_on(aw - 2 * CHAR - w_name / 2, aw))
        self._name_p = paragraph(self.name, name_st, self.fonts)
        self._date_p = paragraph(self.date_text, date_st, self.fonts)
        self._parts = [(f, f.wrap(aw, 0x7FFFFFFF)[1]) for f in self.tail]
        self._parts += [(f, f.wrap(aw, 0x7FFFFFFF)[1])
                        for f in (self._name_p, self._date_p, *self.after)]
        self._fixed = sum(h for _, h in self._parts) + sum(
            f.getSpaceBefore() for f in self.tail[1:])

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._layout(aw)
        room = ah - self._fixed
        self._seal_used = self.seal if room >= self.seal else max(self.min_seal, room)
        self.width, self.height = aw, self._fixed + self._seal_used
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        full = getattr(frame, "_height", TYPE_H)
        self._layout(aw)
        if self._fixed + self.min_seal <= full:
            return []  # whole block to the next page, keeping text above the signature
        return [*self.tail, _ClosingBlock([], self.name, self.date_text, self.fonts,
                                          self.seal, self.min_seal, self.after)]

    def draw(self) -> None:
        y = self.height
        n_tail = len(self.tail)
        for i, (f, h) in enumerate(self._parts):
            if 0 < i < n_tail:
                y -= f.getSpaceBefore()
            if i == n_tail:
                y -= self._seal_used
            y -= h
            f.drawOn(self.canv, 0, y)


def signature_block(department_name: str, date_text: str | _dt.date, fonts: FontSet, *,
                    keep_with: Sequence[Flowable] = (), after: Sequence[Flowable] = (),
                    seal_lines: float = 2, min_seal_lines: float = 1) -> list[Flowable]:
    """发文机关署名 centred over 成文日期, the date four characters from the right margin, with
    ``seal_lines`` of space above for the seal.

    Pass the last body paragraph(s) (and the 附件说明) as ``keep_with``, and lines that
    follow the date (附注, sign_off_line) as ``after``, instead of adding them to the story:
    the whole block stays on one page, so the signature never stands alone.

    ``keep_with`` may hold a long table (paged_table.PagedTable, e.g. the ledger): what
    comes before it goes into the story as is, and the table keeps its last rows on one
    page with the block (the flowables after the table and the signature)."""
    if isinstance(date_text, _dt.date):
        date_text = format_cn(date_text)
    keep = list(keep_with)
    at = max((i for i, f in enumerate(keep) if isinstance(f, PagedTable)), default=-1)
    block = _ClosingBlock(keep[at + 1:], department_name, date_text, fonts,
                          seal_lines * LINE, min_seal_lines * LINE, after)
    if at < 0:
        return [block]
    return [*keep[:at], keep[at].with_tail([block])]


def sign_off_line(handler: str, reviewer: str, signer: str, fonts: FontSet) -> Paragraph:
    """经办人：X　审核人：Y　签发人：Z (empty roles left out)."""
    items = [f"{label}：{who}" for label, who in
             (("经办人", handler), ("审核人", reviewer), ("签发人", signer)) if who]
    return body("\u3000".join(items), fonts)


def contact_note(person: str, phone: str, fonts: FontSet) -> Paragraph | None:
    """附注 (GB/T 9704 §7.3.6): under the 成文日期, indented two characters, in brackets —
    who the county office may call about the report."""
    parts = [f"联系人：{person}" if person else "", f"联系电话：{phone}" if phone else ""]
    parts = [p for p in parts if p]
    if not parts:
        return None
    st = ParagraphStyle("gw-note", parent=styles(fonts).plain, firstLineIndent=2 * CHAR)
    return paragraph(f"（{'，'.join(parts)}）", st, fonts)


RED = (0.8, 0.0, 0.0)


class Masthead(Flowable):
    """The 版头 of an upward document (GB/T 9704 §7.2): the 发文机关标志 in red 小标宋 35 mm
    below the top of the type area, two lines below it the 发文字号 one character from the
    left and “签发人：” (仿宋) with the name (楷体) one character from the right, a red rule
    the width of the type area 4 mm under them, and two empty lines before the title."""

    def __init__(self, mark: str, number: str, signer: str, fonts: FontSet):
        super().__init__()
        self.mark, self.number, self.signer, self.fonts = mark, number, signer, fonts
        self.mark_size = min(36.0, TYPE_W / max(len(mark), 1))
        self.height = 35 * mm + self.mark_size + 2 * LINE + LINE + 4 * mm + 2 * LINE

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height

    def draw(self) -> None:
        c, f = self.canv, self.fonts
        y = self.height - 35 * mm - self.mark_size * 0.88
        c.saveState()
        c.setFillColorRGB(*RED)
        c.setFont(f.title, self.mark_size)
        c.drawCentredString(self.width / 2, y, self.mark)
        y -= self.mark_size * 0.12 + 2 * LINE + LINE * 0.5 + SIZE_BODY * 0.35
        c.setFillColorRGB(0, 0, 0)
        c.setFont(f.fangsong, SIZE_BODY)
        c.drawString(CHAR, y, self.number)
        if self.signer:
            w_name = stringWidth(self.signer, f.kaiti, SIZE_BODY)
            label = "签发人："
            w_label = stringWidth(label, f.fangsong, SIZE_BODY)
            x = self.width - CHAR - w_name
            c.setFont(f.fangsong, SIZE_BODY)
            c.drawString(x - w_label, y, label)
            c.setFont(f.kaiti, SIZE_BODY)
            c.drawString(x, y, self.signer)
        y -= SIZE_BODY * 0.12 + 4 * mm
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(1)
        c.line(0, y, self.width, y)
        c.restoreState()


def masthead(mark: str, number: str, signer: str, fonts: FontSet) -> Masthead:
    return Masthead(mark, number, signer, fonts)


def attachment_note(names: Sequence[str], fonts: FontSet) -> list[Flowable]:
    """附件说明: one empty line below the body, indented two characters; wrapped names align
    with the first character of the name above (GB/T 9704 7.3.3)."""
    s = styles(fonts)
    font = s.plain.fontName
    label = "附件："
    w_label = grid_width(label, font)
    out: list[Flowable] = [Spacer(1, LINE)]
    for i, name in enumerate(names):
        number = f"{i + 1}. " if len(names) > 1 else ""
        w_number = grid_width(number, font)
        prefix = label if i == 0 else ""
        st = ParagraphStyle("gw-attachment", parent=s.plain,
                            leftIndent=2 * CHAR + w_label + w_number,
                            firstLineIndent=-(w_number + (w_label if i == 0 else 0)))
        out.append(paragraph(f"{prefix}{number}{name.rstrip('。.')}", st, fonts))
    return out


def attachment_heading(index: int | None, attachment_title: str, fonts: FontSet, *,
                       landscape: bool = False) -> list[Flowable]:
    """New page, “附件1” in 3号黑体 at the top left, the title centred on the third line."""
    label = "附件" if index is None else f"附件{index}"
    return [*orientation(landscape), paragraph(label, styles(fonts).attachment_label, fonts),
            Spacer(1, LINE), title(attachment_title, fonts)]


def orientation(landscape: bool) -> list[Flowable]:
    """Start a new page in the given orientation (for a ledger table inside a report)."""
    return [NextPageTemplate("landscape" if landscape else "portrait"), PageBreak()]


# --- pages and the file ---------------------------------------------------------------------
def _page_number_text(n: int) -> str:
    return f"— {n} —"


# Baseline of the portrait page number: the top of the digits 7 mm below the type area.
_PAGE_NO_BASELINE = BOTTOM_MARGIN - 7 * mm - SIZE_PAGE_NO * 0.8


def _page_number_x(n: int, text_w: float) -> float:
    """Left end of the number on a portrait page: odd pages right, even pages left, each
    one character in from the edge of the type area."""
    if n % 2:
        return LEFT_MARGIN + TYPE_W - SIZE_PAGE_NO - text_w
    return LEFT_MARGIN + SIZE_PAGE_NO


def _page_number_portrait(fonts: FontSet):
    def draw(canv, doc) -> None:
        n = canv.getPageNumber()
        text = _page_number_text(n)
        canv.saveState()
        canv.setFont(fonts.songti, SIZE_PAGE_NO)
        w = stringWidth(text, fonts.songti, SIZE_PAGE_NO)
        canv.drawString(_page_number_x(n, w), _PAGE_NO_BASELINE, text)
        canv.restoreState()
    return draw


def _page_number_landscape(fonts: FontSet):
    """The number where it stands on a portrait page once the sheet is turned back: a
    portrait point (x, y) lies at (y, PAGE_W - x) of the landscape page, the text turned a
    quarter clockwise so that it reads along the portrait foot."""
    def draw(canv, doc) -> None:
        n = canv.getPageNumber()
        text = _page_number_text(n)
        w = stringWidth(text, fonts.songti, SIZE_PAGE_NO)
        canv.saveState()
        canv.setFont(fonts.songti, SIZE_PAGE_NO)
        canv.translate(_PAGE_NO_BASELINE, PAGE_W - _page_number_x(n, w))
        canv.rotate(-90)
        canv.drawString(0, 0, text)
        canv.restoreState()
    return draw


def _page_number_sheet(fonts: FontSet):
    def draw(canv, doc) -> None:
        canv.saveState()
        canv.setFont(fonts.songti, SIZE_PAGE_NO)
        canv.drawCentredString(LAND_W / 2, SHEET_MARGIN - 7 * mm - SIZE_PAGE_NO * 0.8,
                               _page_number_text(canv.getPageNumber()))
        canv.restoreState()
    return draw


class _Doc(BaseDocTemplate):
    def __init__(self, fh, fonts: FontSet, progress, cancel, **kw):
        super().__init__(fh, pagesize=A4, **kw)
        no_pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        self.addPageTemplates([
            PageTemplate("portrait", pagesize=A4, onPage=_page_number_portrait(fonts), frames=[
                Frame(LEFT_MARGIN, BOTTOM_MARGIN, TYPE_W, TYPE_H, id="type-area", **no_pad)]),
            PageTemplate("landscape", pagesize=(LAND_W, LAND_H),
                         onPage=_page_number_landscape(fonts), frames=[
                Frame(LAND_LEFT, LAND_BOTTOM, LAND_TYPE_W, LAND_TYPE_H, id="type-area-l",
                      **no_pad)]),
            PageTemplate("sheet", pagesize=(LAND_W, LAND_H),
                         onPage=_page_number_sheet(fonts), frames=[
                Frame(SHEET_MARGIN, SHEET_MARGIN, SHEET_TYPE_W, SHEET_TYPE_H,
                      id="type-area-sheet", **no_pad)]),
        ])
        self._progress, self._cancel = progress, cancel
        self._total = self._reported = 0

    def build(self, flowables, **kw):
        self._total = max(len(flowables), 1)
        super().build(flowables, **kw)
        if self._progress:
            self._progress(self._total, self._total)

    def filterFlowables(self, flowables) -> None:
        """Let text flow past a figure that does not fit at the foot of a page (FloatBlock)."""
        for i in range(1, min(len(flowables), MAX_FLOAT_DEFER + 2)):
            f = flowables[i]
            if isinstance(f, FloatBlock) and f.deferred_on not in (None, self.page):
                flowables.insert(0, flowables.pop(i))  # the new page opens with it
                return
        f = flowables[0] if flowables else None
        if not isinstance(f, FloatBlock) or len(flowables) < 2 or \
                f.deferrals >= MAX_FLOAT_DEFER:
            return
        frame = self.frame
        room = frame._y - frame._y1p - (f.getSpaceBefore() if frame._atTop == 0 else 0)
        nxt = flowables[1]
        if frame._atTop or isinstance(nxt, (PageBreak, NextPageTemplate, FloatBlock)):
            return
        if f.wrap(frame._aW, room)[1] > room:
            flowables[0], flowables[1] = nxt, f
            f.deferred_on, f.deferrals = self.page, f.deferrals + 1

    def handle_flowable(self, flowables):
        if self._cancel and self._cancel():
            raise BuildCancelled()
        if self._progress:
            done = max(0, self._total - len(flowables))
            if done - self._reported >= max(1, self._total // 200):
                self._reported = done
                self._progress(done, self._total)
        super().handle_flowable(flowables)


def build_pdf(path: str | os.PathLike, story: Sequence[Flowable], *, landscape: bool = False,
              title: str = "", author: str = "", subject: str = "",
              fonts: FontSet | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> Path:
    """Write ``story`` to ``path`` through ``atomic_write``: on any failure nothing is left
    at ``path`` (an older file stays intact) and an OS error is a Chinese UserError.

    ``progress(done, total)`` counts top-level flowables; ``cancel()`` returning True stops
    the build with BuildCancelled. Fonts are always embedded (TrueType subsets).
    """
    fonts = fonts or register_fonts()
    target = Path(path)
    with atomic_write(target) as fh:
        doc = _Doc(fh, fonts, progress, cancel, title=title, author=author,
                   subject=subject, creator="govcredit-desktop", lang="zh-CN",
                   initialFontName=fonts.fangsong)
        if landscape:  # the first template is the first page's
            doc.pageTemplates.insert(0, doc.pageTemplates.pop())
        doc.build(list(story))
    return target
