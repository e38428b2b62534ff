"""Font discovery, registration fallback and glyph coverage (no GUI, no Windows fonts)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govcredit_desktop.reports import fonts as F

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bundled_only(tmp_path):
    """Fonts as on a PC without any of the GB/T 9704 fonts."""
    return F.register_fonts(search_dirs=[tmp_path])


def test_bundled_font_is_beside_its_licence():
    font = F.bundled_font_path()
    assert font is not None and font.name == "wqy-zenhei.ttc"
    assert (font.parent / "LICENSE-wqy-zenhei.txt").is_file()


def test_every_role_falls_back_to_its_bundled_face(bundled_only):
    fs = bundled_only
    assert fs.fallback
    for role in ("fangsong", "heiti", "kaiti", "songti", "title"):
        assert fs.paths[role].endswith(F.BUNDLED_ROLE_FONTS[role] + "#0")
    assert len(set(fs.names())) == 6 and fs.names()[-1] == fs.fallback
    assert set(fs.substituted) == set(F.ROLES)
    note = fs.substitution_note()
    assert "Fandol仿宋" in note and "Fandol黑体" in note and "Fandol楷体" in note


def test_bundled_faces_are_beside_their_licence_and_embeddable():
    folder = F.bundled_font_path().parent
    listing = (folder / "LICENSES").read_text(encoding="utf-8")
    for filename in F.BUNDLED_ROLE_FONTS.values():
        assert (folder / filename).is_file() and filename in listing
    assert (folder / "LICENSE-fandol.txt").read_text(encoding="utf-8").count(
        "As a special exception") >= 1


def test_without_the_bundled_faces_every_role_falls_back_to_wenquanyi(tmp_path):
    fs = F.register_fonts(search_dirs=[tmp_path], bundled_roles=False)
    for role in ("fangsong", "heiti", "kaiti", "songti", "title"):
        assert getattr(fs, role) == fs.fallback
        assert fs.paths[role].endswith("wqy-zenhei.ttc#0")
    assert fs.names() == [fs.fallback]
    assert "文泉驿正黑" in fs.substitution_note()


def test_system_fonts_need_no_note(tmp_path):
    for role, filename in F.BUNDLED_ROLE_FONTS.items():  # pretend Fandol were the system's
        os.symlink(F.bundled_file(filename), tmp_path / F._CANDIDATES[role][0][0])
    fs = F.register_fonts(search_dirs=[tmp_path])
    assert fs.substituted == () and fs.substitution_note() == ""


def test_registration_is_cached_and_idempotent(tmp_path):
    first = F.register_fonts(search_dirs=[tmp_path])
    assert F.register_fonts(search_dirs=[tmp_path]) is first
    F._fontsets.clear()  # a fresh search must reuse the already registered faces
    again = F.register_fonts(search_dirs=[tmp_path])
    assert again.fallback == first.fallback


def test_unusable_font_is_skipped_and_a_usable_one_preferred(tmp_path):
    (tmp_path / "SIMFANG.TTF").write_bytes(b"not a font at all" * 10)
    os.symlink(F.bundled_font_path(), tmp_path / "simhei.ttf")  # a TTC under a .ttf name
    fs = F.register_fonts(search_dirs=[tmp_path])
    assert fs.paths["fangsong"].endswith("FandolFang-Regular.ttf#0")  # garbage refused
    assert any("SIMFANG.TTF" in path for path, _ in fs.skipped)
    assert fs.heiti != fs.fallback and fs.paths["heiti"].endswith("simhei.ttf#0")


def test_env_dir_is_searched_first(monkeypatch, tmp_path):
    monkeypatch.setenv(F.ENV_FONT_DIR, str(tmp_path))
    assert F.default_font_dirs()[0] == tmp_path


def test_missing_glyphs_ignores_whitespace_and_controls(bundled_only):
    name = bundled_only.fallback
    assert F.missing_glyphs("王堃李玥张喆 \u3000\n\t\u200b", name) == set()
    assert F.missing_glyphs("甲\ue000乙", name) == {"\ue000"}


def test_check_text_reports_what_no_font_has(bundled_only):
    texts = ["关于整改情况的报告", "责任人：王堃", "\ue000", "\U00020000"]
    assert F.check_text(texts, bundled_only) == {"\ue000", "\U00020000"}


def test_require_glyphs_says_which_characters_in_chinese(bundled_only):
    F.require_glyphs(["正常文字 2021年"], bundled_only)
    with pytest.raises(F.FontError) as err:
        F.require_glyphs(["张\U00020000"], bundled_only)
    msg = str(err.value)
    assert msg.startswith("以下字符在所有可用字体中都没有字形，无法打印：")
    assert "U+20000" in msg


def test_importing_fonts_is_cheap_and_qt_free():
    code = ("import sys; sys.modules['PySide6'] = None\n"
            "import govcredit_desktop.reports.fonts\n"
            "assert 'reportlab' not in sys.modules, 'reportlab imported eagerly'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_bundled_face_is_parsed_only_when_a_document_uses_it(tmp_path):
    """In a fresh process: measuring 仿宋 text and checking it parses 仿宋, not 楷体 nor the
    WenQuanYi fallback (each costs 25-70 ms of every report command)."""
    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from govcredit_desktop.reports import fonts as F\n"
        f"fs = F.register_fonts(search_dirs=[{str(tmp_path)!r}])\n"
        "assert not set(fs.names()) & set(pdfmetrics.getRegisteredFontNames())\n"
        "assert pdfmetrics.stringWidth('整改台账', fs.fangsong, 10) == 40\n"
        "assert F.check_text(['整改台账，已完成'], fs) == set()\n"
        "loaded = set(pdfmetrics.getRegisteredFontNames())\n"
        "assert fs.fangsong in loaded and fs.kaiti not in loaded, loaded\n"
        "assert fs.fallback not in loaded, loaded\n"
        "assert F.check_text(['\\U00020000'], fs) == {'\\U00020000'}\n"
        "assert set(fs.names()) <= set(pdfmetrics.getRegisteredFontNames())\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_a_damaged_bundled_face_fails_with_a_chinese_message_when_used(tmp_path):
    broken = tmp_path / "BrokenBundledFace.ttf"
    broken.write_bytes(b"\0\1\0\0" + b"\0" * 200)
    name = F._register_bundled(str(broken), 0)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    with pytest.raises(F.FontError, match="已损坏"):
        stringWidth("整改", name, 10)


def _face(tmp_path, filename="FandolHei-Regular.ttf"):
    return F._new_font(f"T-{len(list(tmp_path.iterdir()))}", str(F.bundled_file(filename)),
                       0).face


def test_a_parsed_face_is_cached_and_the_cached_one_is_the_same(tmp_path, monkeypatch):
    from reportlab.pdfbase.ttfonts import TTFont

    monkeypatch.setenv(F.ENV_FONT_CACHE, str(tmp_path))
    first = _face(tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == 1
    cached = _face(tmp_path)
    parsed = TTFont("T-parsed", str(F.bundled_file("FandolHei-Regular.ttf"))).face
    for attr in ("charToGlyph", "charWidths", "glyphPos", "hmetrics", "unitsPerEm", "ascent",
                 "descent", "bbox", "name", "numGlyphs"):
        assert getattr(cached, attr) == getattr(parsed, attr) == getattr(first, attr), attr
    # The file is mapped, not read: its slices are the bytes reportlab read.
    assert cached._ttf_data[:] == parsed._ttf_data == first._ttf_data[:]
    # Kept pickled apart (only harfbuzz shaping reads it) and restored on first use.
    assert "glyphToChar" not in vars(cached)
    assert cached.glyphToChar == parsed.glyphToChar == first.glyphToChar
    assert cached._pdfScale(500) == parsed._pdfScale(500)
    # _new_font builds the TTFont reportlab's __init__ would (a newer reportlab may differ).
    ours = F._new_font("T-same", str(F.bundled_file("FandolHei-Regular.ttf")), 0)
    theirs = TTFont("T-same", str(F.bundled_file("FandolHei-Regular.ttf")))
    assert set(vars(ours)) == set(vars(theirs))
    assert {k: v for k, v in vars(ours).items() if k not in ("face", "encoding", "state")} == {
        k: v for k, v in vars(theirs).items() if k not in ("face", "encoding", "state")}
    assert ours.face.glyphToChar == theirs.face.glyphToChar
    assert set(vars(ours.face)) - {"_subfont"} == set(vars(theirs.face))
    assert cached.makeSubset([0, 0x6574, 0x6539]) == parsed.makeSubset([0, 0x6574, 0x6539])


@pytest.mark.parametrize("damage", [b"", b"not a pickle", None, "old layout"])
def test_a_damaged_or_foreign_cache_file_is_ignored(tmp_path, monkeypatch, damage):
    import pickle

    monkeypatch.setenv(F.ENV_FONT_CACHE, str(tmp_path))
    _face(tmp_path)
    (cache,) = tmp_path.glob("*.pickle")
    if damage is None:  # another face's state under this file's name
        key, state, glyph_to_char = pickle.loads(cache.read_bytes())
        cache.write_bytes(pickle.dumps(((*key[:-1], 0), {**state, "charToGlyph": {}},
                                        glyph_to_char)))
    elif damage == "old layout":  # (key, state) as the first cache wrote it
        key, state, _ = pickle.loads(cache.read_bytes())
        cache.write_bytes(pickle.dumps(((1, *key[1:]), state)))
    else:
        cache.write_bytes(damage)
    face = _face(tmp_path)
    assert face.charToGlyph[ord("整")] and face.unitsPerEm == 1000
    stored = pickle.loads(cache.read_bytes())  # parsed anew and stored again
    assert len(stored) == 3 and stored[0][0] == F._CACHE_LAYOUT and stored[0][-1] != 0


def test_an_unwritable_cache_folder_only_costs_a_parse(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(F.ENV_FONT_CACHE, str(blocker / "fonts"))
    assert _face(tmp_path).charToGlyph[ord("整")]


def test_threads_asking_for_a_deferred_face_at_once_all_get_it(tmp_path):
    import shutil
    import threading

    from reportlab.pdfbase.pdfmetrics import stringWidth

    copy = tmp_path / "ThreadedFace.ttf"
    shutil.copy(F.bundled_file("FandolHei-Regular.ttf"), copy)
    name = F._register_bundled(str(copy), 0)
    widths, errors = [], []

    def measure():
        try:
            widths.append(stringWidth("整改", name, 10))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=measure) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and widths == [20.0] * 4


def test_a_font_table_view_slices_as_the_bytes_do():
    data = bytes(range(256)) * 4
    view, table = F._TableSlices(data, 100, 300), data[100:400]
    for a, b in [(0, 10), (5, 5), (290, 310), (10, 3), (0, 300), (-10, None), (None, 7)]:
        assert view[a:b] == table[a:b], (a, b)
    assert len(view) == len(table) and bytes(view) == table
    with pytest.raises(TypeError):
        view[3]
