"""GB/T 9704 documents: embedded fonts, text, page numbers, atomic writing."""

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable
from sample_doc import RARE_NAMES, TITLE, sample_story, write_sample_pdf

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.reports import gongwen as gw
from govcredit_desktop.reports.fonts import register_fonts
from govcredit_desktop.reports.paged_table import TableLayout

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fonts(tmp_path_factory):
    # The bundled font only, so the result does not depend on the machine.
    return register_fonts(search_dirs=[tmp_path_factory.mktemp("nofonts")])


@pytest.fixture
def sample_pdf(tmp_path, fonts):
    return write_sample_pdf(tmp_path / "sample.pdf", fonts)


def _fonts_of(reader):
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            yield font


def test_every_font_is_embedded(sample_pdf):
    fonts = list(_fonts_of(PdfReader(sample_pdf)))
    assert fonts
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_text_title_rare_names_and_metadata(sample_pdf):
    reader = PdfReader(sample_pdf)
    text = "".join(p.extract_text() for p in reader.pages)
    flat = "".join(text.split())
    assert TITLE in flat
    for name in RARE_NAMES:
        assert name in flat
    assert "2021年12月30日" in flat
    assert "此页无正文" not in flat
    assert reader.metadata.title == TITLE
    assert reader.metadata.author == "某某县人力资源和社会保障局"


def test_two_pages_page_numbers_alternate_sides(sample_pdf):
    reader = PdfReader(sample_pdf)
    assert len(reader.pages) == 2
    for n, page in enumerate(reader.pages, 1):
        xs = []

        def visit(text, cm, tm, *_, n=n, xs=xs):
            if str(n) in text and "—" in text:
                xs.append(tm[4] + cm[4])

        page.extract_text(visitor_text=visit)
        assert xs, f"no page number on page {n}"
        half = float(page.mediabox.width) / 2
        assert (xs[0] > half) if n % 2 else (xs[0] < half)


def test_table_header_repeats_on_the_next_page(sample_pdf):
    second = PdfReader(sample_pdf).pages[1].extract_text()
    assert "序号" in second and "问题名称" in second


class _Boom(Flowable):
    def wrap(self, aw, ah):
        return aw, 10

    def draw(self):
        raise RuntimeError("boom")


def test_failed_build_leaves_no_file_and_keeps_the_old_one(tmp_path, fonts):
    target = tmp_path / "report.pdf"
    with pytest.raises(RuntimeError):
        gw.build_pdf(target, [gw.body("正文", fonts), _Boom()], fonts=fonts)
    assert list(tmp_path.iterdir()) == []
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        gw.build_pdf(target, [_Boom()], fonts=fonts)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("where", ["missing", "file"])
def test_unwritable_folder_is_a_clear_error(tmp_path, fonts, where):
    if where == "missing":
        target = tmp_path / "no-such-folder" / "r.pdf"
    else:
        (tmp_path / "plain-file").write_text("x")
        target = tmp_path / "plain-file" / "r.pdf"
    with pytest.raises(UserError, match="文件夹“.*”不存在（U 盘可能已拔出）"):
        gw.build_pdf(target, [gw.body("正文", fonts)], fonts=fonts)


def test_cancel_and_progress(tmp_path, fonts):
    seen = []
    out = gw.build_pdf(tmp_path / "a.pdf", sample_story(fonts), fonts=fonts,
                       progress=lambda d, t: seen.append((d, t)))
    assert out.exists() and seen[-1][0] == seen[-1][1]
    with pytest.raises(gw.BuildCancelled):
        gw.build_pdf(tmp_path / "b.pdf", sample_story(fonts), fonts=fonts, cancel=lambda: True)
    assert not (tmp_path / "b.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_landscape_table(tmp_path, fonts):
    rows = [(str(i), "某某问题" * 6, "已整改") for i in range(80)]
    story = [gw.data_table([("序号", "问题", "状态")], rows, fonts, (1, 8, 2),
                           width=gw.LAND_TYPE_W)]
    reader = PdfReader(gw.build_pdf(tmp_path / "l.pdf", story, landscape=True, fonts=fonts))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
        assert "序号" in page.extract_text()


def test_markup_escapes_and_keeps_full_width_spaces(fonts):
    m = gw.markup("A<B & C>\u3000D", fonts.fangsong, fonts)
    assert "&lt;B &amp; C&gt;" in m and "\u3000" not in m


def test_gongwen_does_not_import_qt():
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import govcredit_desktop.reports.gongwen")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def _table_then_signature(fonts, n: int, landscape: bool, final: bool):
    """Body text, a paged table of ``n`` rows and its totals row, then the signature."""
    width = gw.LAND_TYPE_W if landscape else gw.TYPE_W
    layout = TableLayout(fonts, ("序号", "问题名称", "状态"), (1, 8, 2), width, "CLC", size=10)
    rows = [layout.row((f"R{i:04d}", "某某问题" * (1 + i % 7), "已整改")) for i in range(n)]
    rows.append(layout.row(("合计", f"{n}个", ""), total=True))
    keep = [layout.flowable(rows, space_after=gw.LINE / 2)]
    if final:
        keep.append(gw.body("特此报告。", fonts))
    return [gw.title("关于某某问题的报告", fonts), gw.body("正文" * 30, fonts),
            *gw.signature_block("某某县人力资源和社会保障局", dt.date(2021, 12, 30), fonts,
                                keep_with=keep,
                                after=[gw.sign_off_line("王堃", "李玥", "张喆", fonts)])]


def page_texts(path) -> list[str]:
    """Each page's text without white space and without its page number."""
    return [re.sub(r"—\d+—", "", "".join(p.extract_text().split()))
            for p in PdfReader(path).pages]


# Row counts around the first two page breaks (landscape ~25, portrait ~26 rows a page):
# with the signature in a separate flowable these left it alone on a page, or with only
# the totals row.
@pytest.mark.parametrize(("landscape", "final", "counts"), [
    (True, False, range(8, 46)), (False, True, range(14, 60, 2))])
def test_signature_page_keeps_the_last_table_rows(tmp_path, fonts, landscape, final, counts):
    for n in counts:
        out = gw.build_pdf(tmp_path / f"t{n}.pdf", _table_then_signature(
            fonts, n, landscape, final), landscape=landscape, fonts=fonts)
        pages = page_texts(out)
        assert all(pages), f"{n} rows: an empty page"
        signed = [t for t in pages if "签发人" in t]
        assert len(signed) == 1 and signed[0] == pages[-1], n
        # Two data rows and the totals row stand above the signature.
        assert len(re.findall(r"R\d{4}", signed[0])) >= min(2, n), (n, signed[0])
        assert f"合计{n}个" in signed[0], n
        assert "R0000" in pages[0] and f"R{n - 1:04d}" in pages[-1]
        found = re.findall(r"R\d{4}", "".join(pages))
        assert found == [f"R{i:04d}" for i in range(n)], n  # each row once, in order


def test_a_tail_too_tall_for_any_page_still_follows_the_table(tmp_path, fonts):
    layout = TableLayout(fonts, ("序号", "问题"), (1, 8), gw.TYPE_W, "CL", size=10)
    rows = [layout.row((f"R{i:04d}", "某某问题")) for i in range(40)]
    long_tail = [gw.body("正文" * 40, fonts) for _ in range(8)]
    story = gw.signature_block("某某县财政局", dt.date(2021, 12, 30), fonts,
                               keep_with=[layout.flowable(rows), *long_tail])
    pages = page_texts(gw.build_pdf(tmp_path / "t.pdf", story, fonts=fonts))
    assert all(pages)
    assert "R0039" in "".join(pages) and "某某县财政局" in pages[-1]


def test_no_line_starts_with_a_comma_or_colon_and_no_mark_hangs_outside(fonts):
    """禁则 on the grid: a closing mark that does not fit is squeezed in or takes the last
    character down with it; it never starts a line and never hangs past the type area."""
    for n in range(18, 34):  # one of these puts the mark at the end of the first line
        for mark in "，；：？！":
            p = gw.body("甲" * n + mark + "乙" * 40, fonts)
            p.wrap(gw.TYPE_W, 1000)
            lines = p.line_texts()
            assert all(line[:1] != mark for line in lines[1:]), (n, mark, lines)
            for line in p._lines:
                for i, x in p.positions(line):
                    assert -1e-6 <= x and x + p._widths[i] <= gw.TYPE_W + 1e-6, (n, mark)


def test_body_lines_hold_28_characters_justified_to_the_type_area(fonts):
    p = gw.body("政" * 200, fonts)
    p.wrap(gw.TYPE_W, 1000)
    lines = p.line_texts()
    assert [len(t) for t in lines[:-1]] == [26] + [28] * (len(lines) - 2)
    for line in p._lines[:-1]:
        last_i, last_x = p.positions(line)[-1]
        assert abs(last_x + p._widths[last_i] - gw.TYPE_W) < 1e-6  # flush right
    # A mark at the end of a full line is squeezed in, the line still flush.
    p = gw.body("政" * 23 + "，" + "政" * 2 + "。" + "政" * 10, fonts)  # 27 on a 26 line
    p.wrap(gw.TYPE_W, 1000)
    assert p.line_texts()[0].endswith("。") and len(p.line_texts()[0]) == 27
    (last_i, last_x) = p.positions(p._lines[0])[-1]
    assert last_x + p._widths[last_i] / 2 <= gw.TYPE_W + 1e-6  # the mark's ink half inside


def test_numbers_never_break_and_a_document_number_only_between_its_parts(fonts):
    """A number never; a 文号 between 机关代字 and 〔year〕 or after the year, and only where
    keeping it whole would spread its line visibly (test_grid_paragraph.py)."""
    text = "按照县信用办（宝信用办〔2021〕14号）要求，涉及金额1,234,567.89万元。"
    split = 0
    for pad in range(0, 30):
        p = gw.body("政" * pad + text, fonts)
        p.wrap(gw.TYPE_W, 1000)
        joined = "|".join(p.line_texts())
        assert "1,234,567.89" in joined and "2021" in joined, pad
        if "宝信用办〔2021〕14号" not in joined:
            split += 1
            assert "宝信用办|〔2021〕14号" in joined or "〔2021〕|14号" in joined, joined
    assert split < 10  # whole where it fits or spreads its line little


def test_remembered_widths_and_wraps_match_a_fresh_measure(fonts):
    """TextMeasure keeps each text's width and lines: the same text at another width, or
    with a character only the fallback font has, is measured for what it is."""
    from govcredit_desktop.reports.paged_table import TextMeasure

    text = "宝丰县住房和城乡建设局拖欠工程款问题整改" * 3
    warm = TextMeasure(fonts, fonts.fangsong, 9)
    narrow, wide = warm.wrap(text, 60), warm.wrap(text, 200)
    assert len(narrow) > len(wide) and warm.wrap(text, 60) == narrow
    fresh = TextMeasure(fonts, fonts.fangsong, 9)
    assert fresh.wrap(text, 200) == wide and fresh.wrap(text, 60) == narrow
    assert all(warm.width(line) <= 60 for line in narrow)
    rare = "㵘" + text[:4]  # in WenQuanYi only
    assert warm.width(rare) == warm.char_width("㵘") + warm.width(text[:4])


def test_the_tables_text_object_writes_what_reportlabs_writes(fonts, tmp_path):
    """paged_table's text object skips only the cursor's advance, which the table never
    uses (each line is placed with setTextOrigin): the operators must stay reportlab's."""
    from reportlab.pdfgen.canvas import Canvas

    from govcredit_desktop.reports.paged_table import _LineText

    canv = Canvas(str(tmp_path / "t.pdf"))
    ours, stock = _LineText(canv), canv.beginText()
    for text in (ours, stock):
        text.setFont(fonts.fangsong, 9)
        for i, line in enumerate(("整改措施", "2021年12月30日", "(PPP) 1,234.56", "")):
            text.setTextOrigin(10, 100 - 12 * i)
            text.textOut(line)
        text.setFont(fonts.fallback, 9)
        text.setTextOrigin(30, 20)
        text.textOut("㵘")
    assert ours.getCode() == stock.getCode() and "Tm" in ours.getCode()
