"""GB/T 9704 layout of the four documents, measured on the PDF: every glyph inside its page's
type area, body lines of 28 characters, the four faces, page numbers where §10.2 puts them,
the ledger's rows per page — for the demo campaign and for 1 and 0 problems."""

import datetime as dt
import re
from itertools import pairwise

import pdfplumber
import pytest

from govcredit_desktop import demo
from govcredit_desktop.reports import documents
from govcredit_desktop.reports import gongwen as gw
from govcredit_desktop.reports.grid_paragraph import NO_START
from govcredit_desktop.store import Database

DATE = dt.date(2026, 12, 30)
TOL = 0.3  # points: rounding in the PDF's numbers
# Full-width marks whose right half is blank: squeezed at a line end, their ink stays inside.
HALF_BLANK = set("，。、；：）》」』】〕〉”’")


def _make(tmp_path_factory, n: int) -> dict:
    folder = tmp_path_factory.mktemp(f"layout{n}")
    with Database(folder / "d.sqlite", create=True) as db:
        demo.generate(db, n, today=DATE - dt.timedelta(days=3))
        return {k: documents.write_report(db, k, folder / f"{k}.pdf", date=DATE)
                for k in documents.REPORT_KINDS}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    return {n: _make(tmp_path_factory, n) for n in (60, 1, 0)}


def _type_area(page, kind: str):
    """(x0, top, x1, bottom) of the page's frame, in pdfplumber's top-down coordinates."""
    if page.width < page.height:
        return gw.LEFT_MARGIN, gw.TOP_MARGIN, gw.LEFT_MARGIN + gw.TYPE_W, \
            gw.TOP_MARGIN + gw.TYPE_H
    if kind == "ledger":
        m = gw.SHEET_MARGIN
        return m, m, m + gw.SHEET_TYPE_W, m + gw.SHEET_TYPE_H
    return gw.LAND_LEFT, gw.LAND_TOP, gw.LAND_LEFT + gw.LAND_TYPE_W, \
        gw.LAND_TOP + gw.LAND_TYPE_H


def _page_number_chars(page) -> list:
    """The '— n —' of the page: 4号 characters, turned on a landscape 附件 page (where
    pdfplumber's size is the advance, not the 4号 em)."""
    return [c for c in page.chars
            if not c["upright"] or abs(c["size"] - gw.SIZE_PAGE_NO) < 0.1]


@pytest.mark.parametrize("n", [60, 1, 0])
@pytest.mark.parametrize("kind", list(documents.REPORT_KINDS))
def test_every_glyph_and_rule_is_inside_the_type_area(pdfs, kind, n):
    with pdfplumber.open(pdfs[n][kind]) as pdf:
        for page in pdf.pages:
            x0, top, x1, bottom = _type_area(page, kind)
            numbers = {id(c) for c in _page_number_chars(page)}
            for c in page.chars:
                if id(c) in numbers or not c["text"].strip():
                    continue
                right = c["x1"] - (c["width"] / 2 if c["text"] in HALF_BLANK else 0)
                where = (kind, n, page.page_number, c["text"], round(c["x0"], 1),
                         round(c["top"], 1))
                assert c["x0"] >= x0 - TOL and right <= x1 + TOL, where
                assert c["top"] >= top - TOL and c["bottom"] <= bottom + TOL, where
            for obj in page.lines + page.rects + page.curves:  # tables and the chart
                where = (kind, n, page.page_number, obj["object_type"])
                assert obj["x0"] >= x0 - 1 and obj["x1"] <= x1 + 1, where
                assert obj["top"] >= top - 1 and obj["bottom"] <= bottom + 1, where


def _body_lines(page):
    """Lines of 3号 body text on a portrait page: (text, x0, x1)."""
    rows: dict[float, list] = {}
    for c in page.chars:
        if abs(c["size"] - gw.SIZE_BODY) < 0.1 and c["upright"]:
            rows.setdefault(round(c["top"]), []).append(c)
    for chars in rows.values():
        chars.sort(key=lambda c: c["x0"])
        yield "".join(c["text"] for c in chars), chars[0]["x0"], chars[-1]


@pytest.mark.parametrize("kind", ["self-inspection", "plan", "rectification"])
def test_body_lines_are_28_characters_and_flush_with_both_edges(pdfs, kind):
    left, right = gw.LEFT_MARGIN, gw.LEFT_MARGIN + gw.TYPE_W
    full = flush = 0
    with pdfplumber.open(pdfs[60][kind]) as pdf:
        for page in pdf.pages:
            if page.width > page.height:
                continue
            for text, x0, last in _body_lines(page):
                assert text[:1] not in NO_START, (kind, page.page_number, text)
                cjk = re.fullmatch(r"[\u4e00-\u9fa5]+", text)
                if cjk and abs(x0 - left) < TOL:
                    assert len(text) <= gw.CHARS_PER_LINE, text
                if abs(x0 - left) < TOL and len(text) >= 20:
                    full += 1
                    ink = last["x1"] - (last["width"] / 2 if last["text"] in HALF_BLANK else 0)
                    flush += ink >= right - last["width"] / 2 - TOL
    # Lines that run on to the next are flush right; only paragraph ends are short.
    assert full and flush / full > 0.6, (kind, flush, full)


@pytest.mark.parametrize("kind", ["self-inspection", "plan", "rectification"])
def test_a_text_line_holds_28_characters(pdfs, kind):
    """A full line of hanzi holds 28; squeezed marks (half an em each) make room for more."""
    lengths = []
    with pdfplumber.open(pdfs[60][kind]) as pdf:
        for page in pdf.pages:
            if page.width > page.height:
                continue
            for text, x0, last in _body_lines(page):
                flush = last["x1"] >= gw.LEFT_MARGIN + gw.TYPE_W - last["width"] / 2 - TOL
                if abs(x0 - gw.LEFT_MARGIN) < TOL and flush and \
                        re.fullmatch(r"[\u4e00-\u9fa5，、。；：（）“”《》]+", text):
                    marks = sum(ch in HALF_BLANK or ch in "（“《" for ch in text)
                    assert len(text) - marks / 2 <= gw.CHARS_PER_LINE, text
                    lengths.append(len(text))
    # Most full lines hold 28 or more (the old layout: 27); fewer only where a document
    # number or a number that must not break went down whole.
    assert lengths and sum(n >= gw.CHARS_PER_LINE for n in lengths) / len(lengths) >= 0.75, \
        lengths


def _base(name: str) -> str:
    return name.split("+", 1)[-1]


@pytest.mark.parametrize("n", [60, 1, 0])
def test_four_distinct_faces_are_embedded(pdfs, n):
    """Title 小标宋/宋体, 一、 黑体, （一） 楷体, body 仿宋: four faces, every one embedded."""
    with pdfplumber.open(pdfs[n]["rectification"]) as pdf:
        page = pdf.pages[0]
        by_size = {}
        for c in page.chars:
            by_size.setdefault(round(c["size"]), set()).add(_base(c["fontname"]))
        body_fonts = by_size[gw.SIZE_BODY]
        title_fonts = by_size[gw.SIZE_TITLE]
        chars = page.chars
        h1 = {_base(c["fontname"]) for c in chars if c["text"] == "一" and
              abs(c["size"] - gw.SIZE_BODY) < .1 and _next_is(chars, c, "、")}
        h2 = {_base(c["fontname"]) for c in chars if c["text"] == "一" and
              _next_is(chars, c, "）")}
        heads = (title_fonts, h1, h2)
    assert all(len(f) == 1 for f in heads if f), heads
    faces = set().union(*heads) | (body_fonts - set().union(*heads))
    assert len(faces) >= 4 if n else len(faces) >= 3, faces
    from pypdf import PdfReader

    for page in PdfReader(pdfs[n]["rectification"]).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            desc = font["/FontDescriptor"]
            assert "/FontFile2" in desc, font["/BaseFont"]


def _next_is(chars, c, text) -> bool:
    after = [d for d in chars if abs(d["top"] - c["top"]) < 1 and d["x0"] > c["x0"]]
    return bool(after) and min(after, key=lambda d: d["x0"])["text"] == text


def test_landscape_attachment_page_numbers_stand_where_the_portrait_ones_do(pdfs):
    with pdfplumber.open(pdfs[60]["plan"]) as pdf:
        seen = 0
        for page in pdf.pages:
            digits = [c for c in _page_number_chars(page) if c["text"].isdigit()]
            assert "".join(c["text"] for c in sorted(digits, key=lambda c: (c["top"], c["x0"]))) \
                == str(page.page_number)
            if page.width < page.height:
                continue
            seen += 1
            # Turned back to portrait (its top to the binding edge), the landscape page's
            # distance from its top edge is the portrait x, its distance from the left edge
            # the height above the portrait foot.
            for c in digits:
                assert not c["upright"]
                assert c["x0"] < gw.LAND_LEFT  # left margin = the portrait foot
                portrait_x = c["top"]
                if page.page_number % 2:
                    assert portrait_x > gw.PAGE_W / 2  # odd: right
                else:
                    assert portrait_x < gw.PAGE_W / 2  # even: left
        assert seen


def test_the_ledger_holds_at_least_8_problems_a_page(pdfs):
    with pdfplumber.open(pdfs[60]["ledger"]) as pdf:
        found = [set(re.findall(r"(?<!\d)\d{4}-\d{3}(?!\d)", p.extract_text())) for p in pdf.pages]
    counts = [len(f) for f in found]
    assert min(counts[1:-1]) >= 8, counts  # the first page has the title, the last the seal
    assert len(set().union(*found)) == 60


@pytest.mark.parametrize("kind", list(documents.REPORT_KINDS))
def test_headers_and_dates_never_break(pdfs, kind):
    """In table cells.  Body text may break a date after its 年 where keeping it whole
    would spread the line before it (test_no_body_line_is_visibly_spread)."""
    with pdfplumber.open(pdfs[60][kind]) as pdf:
        for page in pdf.pages:
            text = page.filter(lambda o: o.get("object_type") != "char"
                               or abs(o["size"] - gw.SIZE_BODY) > .1).extract_text()
            for broken in ("重点领\n", "责任领\n", "整改时\n"):
                assert broken not in text, (page.page_number, broken)
            for line in text.split("\n"):
                # A date cut at the end of a cell leaves '2026年' or '2026年12月' before the
                # next cell (a space) or the end of the line.
                cut = re.search(r"\d{4}年(\d{1,2}月?)?(?=\s|$)", line)
                assert not cut, (page.page_number, line)


#: A justified line may be spread by this much per character (in ems) before it shows.
MAX_SPREAD = 1 / 8


@pytest.mark.parametrize("n", [60, 1, 0])
@pytest.mark.parametrize("kind", list(documents.REPORT_KINDS))
def test_no_body_line_is_visibly_spread(pdfs, kind, n):
    """Each body line's characters stand at the grid pitch plus one common gap (the
    justification); a long piece that may not break pushed down whole used to spread the line
    before it by up to half an em a character."""
    track = gw.PITCH - gw.SIZE_BODY
    measured = 0
    with pdfplumber.open(pdfs[n][kind]) as pdf:
        for page in pdf.pages:
            for text, _x0, _last in _body_lines(page):
                chars = sorted((c for c in page.chars if abs(c["size"] - gw.SIZE_BODY) < .1
                                and c["upright"] and abs(c["top"] - _last["top"]) < .5),
                               key=lambda c: c["x0"])
                if len(chars) < 3:
                    continue
                # Squeezed punctuation advances less than its glyph: the median pair is
                # two characters at their natural pitch plus the line's gap.
                gaps = sorted(b["x0"] - a["x0"] - a["width"] - track
                              for a, b in pairwise(chars))
                spread = gaps[len(gaps) // 2] / gw.SIZE_BODY
                measured += 1
                assert spread <= MAX_SPREAD, (kind, n, page.page_number, round(spread, 3), text)
    assert measured or kind == "ledger"
