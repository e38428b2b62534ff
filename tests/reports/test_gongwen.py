"""GB/T 9704 documents: embedded fonts, text, page numbers, atomic writing."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable
from sample_doc import RARE_NAMES, TITLE, sample_story, write_sample_pdf

from govcredit_desktop.reports import gongwen as gw
from govcredit_desktop.reports.fonts import register_fonts

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
    with pytest.raises(gw.ReportWriteError, match="无法在.*保存 PDF"):
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


def test_zh_date_has_no_zero_padding():
    assert gw.zh_date(dt.date(2021, 1, 5)) == "2021年1月5日"


def test_markup_escapes_and_keeps_full_width_spaces(fonts):
    m = gw.markup("A<B & C>\u3000D", fonts.fangsong, fonts)
    assert "&lt;B &amp; C&gt;" in m and "\u3000" not in m


def test_gongwen_does_not_import_qt():
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import govcredit_desktop.reports.gongwen")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
