"""The line breaker of the 28-character grid: a document number or a date that would spread
the line before it breaks where every number stays whole."""

import statistics
from itertools import pairwise

import pytest

from govcredit_desktop.reports import gongwen as gw
from govcredit_desktop.reports.fonts import register_fonts

TAIL = "我局认真开展政务失信问题自查整改工作" * 3


@pytest.fixture(scope="module")
def body():
    fonts = register_fonts()
    return fonts, gw.styles(fonts).body


def _lines(body, text):
    fonts, style = body
    p = gw.paragraph(text, style, fonts)
    p.wrap(gw.TYPE_W, 1e6)
    out = []
    for ln in p._lines:
        pos = p.positions(ln)
        gaps = [x2 - x1 - (p._advance(i) - p._squeeze.get(i, 0.0))
                for (i, x1), (_, x2) in pairwise(pos)]
        out.append(("".join(p.runs[i][0] for i in range(ln.start, ln.end)),
                    statistics.median(gaps) / gw.SIZE_BODY if gaps else 0.0))
    return out


@pytest.mark.parametrize("piece, parts", [
    ("（宝信用办〔2026〕14号），", ["（宝信用办", "〔2026〕", "14号），"]),
    ("2027年12月30日，", ["2027年", "12月30日，"]),
])
def test_a_long_piece_at_any_place_in_a_line_spreads_no_line_visibly(body, piece, parts):
    """Keeping the piece whole at every one of 56 positions spread a line by up to 0.66 em a
    character; breaking it between its parts leaves at most the spread of the widest part
    pushed down whole (under 0.2 em, all-hanzi lines without punctuation to squeeze)."""
    worst = 0.0
    for k in range(56):
        lines = _lines(body, "按" * k + piece + TAIL)
        text = "".join(t for t, _ in lines)
        assert text == "按" * k + piece + TAIL
        for t, _ in lines[1:]:
            assert t[:1] not in "，）〕号日月年" or t.startswith(tuple(parts[1:])), t
        # The piece is cut only between its parts: no number is ever split.
        for t, _ in lines:
            for part in parts:
                digits = "".join(ch for ch in part if ch.isdigit())
                if digits and digits[:2] in t and digits not in t:
                    assert not t.endswith(digits[:2]) and not t.startswith(digits[-2:]), t
        worst = max(worst, *(s for _, s in lines[:-1]))
    assert worst < 0.2, worst


def test_a_piece_that_fits_after_a_plain_break_stays_whole(body):
    """Where pushing the whole 文号 down spreads the line by no more than 1/16 em a character
    it stays whole (the split is a fallback, not a habit)."""
    lines = _lines(body, "按" * 24 + "（宝信用办〔2026〕14号），" + TAIL)
    assert any("（宝信用办〔2026〕14号）" in t for t, _ in lines), lines


def test_a_document_number_after_a_long_name_of_its_document(body):
    """The regex cannot tell the 机关代字 (宝财罚) from the words before it (行政处罚决定书);
    a line before it spread by 0.35 em (the records section of the rectification report)
    until the text before the 〔 could break as a last resort — and after the colon as any
    text does."""
    worst = 0.0
    for k in range(30):
        text = "按" * k + "认定文书：行政处罚决定书宝财罚〔2026〕101号；" + TAIL
        lines = _lines(body, text)
        assert "".join(t for t, _ in lines) == text
        joined = "|".join(t for t, _ in lines)
        assert "2026" in joined and "101号" in joined and "|：" not in joined
        assert "〔2026〕101号" in joined or "〔2026〕|101号" in joined, joined
        worst = max(worst, *(s for _, s in lines[:-1]))
    assert worst < 0.2, worst


def test_a_record_cites_its_document_with_the_number_in_brackets():
    from govcredit_desktop.reports.rectification import document_cited

    assert document_cited("行政处罚决定书", "宝财罚〔2026〕101号") == \
        "行政处罚决定书（宝财罚〔2026〕101号）"
    assert document_cited("判决书", "（2026）豫0421民初88号") == "判决书（2026）豫0421民初88号"
    assert document_cited("", "宝信用办〔2026〕102号") == "宝信用办〔2026〕102号"
    assert document_cited("通报", None) == "通报"
