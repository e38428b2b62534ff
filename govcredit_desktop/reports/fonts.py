"""Find, register and check the Chinese fonts of the PDF documents.

GB/T 9704 asks for 仿宋 (body), 黑体 and 楷体 (headings) and 小标宋/宋体 (title, page numbers).
Windows PCs carry them; for each one that is missing the bundled Fandol face of the same kind
stands in (resources/fonts/README.md), and the bundled WenQuanYi Zen Hei sets single
characters none of them has, so a report always prints and its headings still look like
headings.  reportlab is imported inside the functions: importing this module must stay cheap
because the program imports it at start-up (docs/ARCHITECTURE.md, Targets).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import sys
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import UserError

ROLES = ("fangsong", "heiti", "kaiti", "songti", "title")

# (file name, subfont index), best first; names are matched case-insensitively because copies
# of Windows fonts on Linux are often upper-cased.  The CESI_* files are the GB 18030 fonts
# shipped by UOS/Kylin, the systems government PCs are moving to.
_CANDIDATES: dict[str, tuple[tuple[str, int], ...]] = {
    "fangsong": (("simfang.ttf", 0), ("CESI_FS_GB18030.TTF", 0), ("仿宋_GB2312.ttf", 0),
                 ("FS_GB2312.ttf", 0)),
    "heiti": (("simhei.ttf", 0), ("CESI_HT_GB18030.TTF", 0)),
    "kaiti": (("simkai.ttf", 0), ("CESI_KT_GB18030.TTF", 0), ("楷体_GB2312.ttf", 0),
              ("KT_GB2312.ttf", 0)),
    "songti": (("simsun.ttc", 0), ("CESI_SS_GB18030.TTF", 0), ("simsun.ttf", 0)),
    "title": (("FZXiaoBiaoSong-B05S.ttf", 0), ("FZXBSJW.TTF", 0), ("方正小标宋简体.ttf", 0),
              ("方正小标宋_GBK.ttf", 0), ("CESI_XBS_GB18030.TTF", 0)),
}
# Without a 小标宋 the title is set in 宋体, as offices do when the font is not installed.
_ROLE_FALLBACK = {"title": "songti"}
# The free faces shipped with the program, one per role (TrueType conversions of Fandol).
BUNDLED_ROLE_FONTS = {
    "fangsong": "FandolFang-Regular.ttf",
    "heiti": "FandolHei-Regular.ttf",
    "kaiti": "FandolKai-Regular.ttf",
    "songti": "FandolSong-Regular.ttf",
    "title": "FandolSong-Bold.ttf",
}
ROLE_NAMES = {"fangsong": "仿宋", "heiti": "黑体", "kaiti": "楷体", "songti": "宋体",
              "title": "小标宋"}

BUNDLED_FONT = ("wqy-zenhei.ttc", 0)
ENV_FONT_DIR = "GOVCREDIT_FONT_DIR"


class FontError(UserError):
    """No usable Chinese font, or text that no font can print."""


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names per role, and where each came from."""

    fangsong: str
    heiti: str
    kaiti: str
    songti: str
    title: str
    fallback: str | None
    paths: dict[str, str] = field(default_factory=dict)
    skipped: tuple[tuple[str, str], ...] = ()
    # Roles set in a face other than the one GB/T 9704 asks for (a bundled stand-in).
    substituted: tuple[str, ...] = ()

    def substitution_note(self) -> str:
        """'' when every role has its own font, else a sentence for the user (Chinese)."""
        if not self.substituted:
            return ""
        used = "、".join(f"{ROLE_NAMES[r]}用{_face_label(self.paths.get(r, ''))}"
                        for r in self.substituted)
        return (f"本机缺少公文字体，已用替代字体：{used}。"
                "在装有仿宋、黑体、楷体、宋体的电脑上重新生成，可得标准字体。")

    def names(self) -> list[str]:
        """Distinct registered names, role fonts first, the bundled fallback last."""
        out: list[str] = []
        for name in (self.fangsong, self.heiti, self.kaiti, self.songti, self.title,
                     self.fallback):
            if name and name not in out:
                out.append(name)
        return out


_lock = threading.Lock()
_registered: dict[tuple[str, int], str | None] = {}  # (path, subfont) -> name, None if refused
_refusals: dict[tuple[str, int], str] = {}
_fontsets: dict[tuple[str, ...], FontSet] = {}
_dir_index: dict[str, dict[str, str]] = {}
_cmaps: dict[str, dict[int, int]] = {}
# Bundled faces named in a FontSet but not parsed yet: name -> (path, subfont).  Parsing a
# face costs 25-70 ms and a document sets only some of them (the ledger no 楷体, rarely the
# fallback), so each is parsed when reportlab first asks for it (_install_deferred_lookup).
_deferred: dict[str, tuple[str, int]] = {}
_load_lock = threading.RLock()
_lookup_installed = False
_loaded: set[str] = set()


# The as_file() contexts of the bundled font, open for the life of the process: reportlab
# reads the file by path, and a FontSet names it.  From an installed wheel, a source tree or
# PyInstaller's one-folder build the package lies on disk and as_file() hands back the file
# itself; only a zipped package would be extracted to a temporary copy, removed at exit.
_resource_files = contextlib.ExitStack()
atexit.register(_resource_files.close)


def _face_label(path: str) -> str:
    name = Path(path.split("#")[0]).name
    labels = {"FandolFang-Regular.ttf": "Fandol仿宋", "FandolHei-Regular.ttf": "Fandol黑体",
              "FandolKai-Regular.ttf": "Fandol楷体", "FandolSong-Regular.ttf": "Fandol宋体",
              "FandolSong-Bold.ttf": "Fandol宋体（粗）"}
    if name in labels:
        return labels[name]
    if name == BUNDLED_FONT[0]:
        return "文泉驿正黑"
    return name


@functools.cache
def bundled_file(filename: str) -> Path | None:
    """A font file of resources/fonts on disk, or None if it was removed."""
    import importlib.resources  # ~7 ms: only when a report is made, like reportlab

    font = importlib.resources.files("govcredit_desktop") / "resources" / "fonts" / filename
    if not font.is_file():
        return None
    return _resource_files.enter_context(importlib.resources.as_file(font))


def bundled_font_path() -> Path | None:
    return bundled_file(BUNDLED_FONT[0])


def default_font_dirs() -> list[Path]:
    """Directories searched for the GB/T 9704 fonts, in order."""
    dirs: list[Path] = []
    extra = os.environ.get(ENV_FONT_DIR)
    if extra:
        dirs.extend(Path(p) for p in extra.split(os.pathsep) if p)
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed "for this user only" land here since Windows 10 1809
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        dirs += [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                 Path("/usr/share/fonts")]
    return dirs


def _index(directory: Path, depth: int = 4) -> dict[str, str]:
    """casefolded file name -> path, for one font directory and its subdirectories."""
    key = str(directory)
    if key in _dir_index:
        return _dir_index[key]
    found: dict[str, str] = {}
    stack = [(directory, 0)]
    while stack:
        d, level = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            try:
                if e.is_dir() and level < depth:
                    stack.append((Path(e.path), level + 1))
                elif e.is_file():
                    found.setdefault(e.name.casefold(), e.path)
            except OSError:
                continue
    _dir_index[key] = found
    return found


def _font_name(path: str, subfont: int) -> str:
    return f"GC-{Path(path).stem}-{subfont}"


ENV_FONT_CACHE = "GOVCREDIT_FONT_CACHE"
# What a parsed face holds besides the file's bytes (read again: subsetting needs them),
# reportlab's scale function (a lambda, rebuilt from unitsPerEm) and glyphToChar, which
# only harfbuzz shaping reads: a list per glyph, it was two thirds of unpickling
# WenQuanYi (15-24 ms), so it is kept pickled apart and unpickled on first use.
_NOT_CACHED = ("_ttf_data", "_pdfScale", "filename", "glyphToChar", "_glyph_to_char")
# The first item of every cache key: a file written in another layout is "another face".
_CACHE_LAYOUT = 2


def font_cache_dir() -> Path:
    """Where parsed faces are kept between runs (the user's cache folder)."""
    override = os.environ.get(ENV_FONT_CACHE)
    if override:
        return Path(override)
    import platformdirs

    from .. import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "fonts"


def _cache_key(path: str, subfont: int) -> tuple:
    import reportlab

    st = os.stat(path)
    return (_CACHE_LAYOUT, reportlab.Version, sys.version_info[:2], os.path.abspath(path),
            subfont, st.st_size, st.st_mtime_ns)


def _cache_file(key: tuple) -> Path:
    import hashlib

    return font_cache_dir() / (hashlib.sha256(repr(key).encode()).hexdigest()[:32] + ".pickle")


def _unpickled(data: bytes):
    """pickle.loads without the cyclic collector: a face's tens of thousands of small
    objects set off collections that walk every object of the process, and none of them
    can be garbage.  gc is process-wide, so it is switched back on only if it was on."""
    import gc
    import pickle

    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def _font_bytes(path: str):
    """The font file for reportlab's parser, mapped instead of read: a face needs its table
    directory at once and, when the PDF is saved, only the glyphs the document used, and
    the 17 MB WenQuanYi file was read whole for the three rare characters a ledger sets in
    it.  Slices of the map are bytes, as of the file's contents (reportlab reads nothing
    else).  A file that cannot be mapped is read."""
    import mmap

    with open(path, "rb") as fh:
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file, a file system without mmap
            return fh.read()


class _TableSlices:
    """One table of a font file, sliced as bytes are (``table[a:b]``) without copying
    the whole table first."""

    __slots__ = ("_data", "_start", "_length")

    def __init__(self, data, start: int, length: int):
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __bytes__(self) -> bytes:
        return bytes(self._data[self._start:self._start + self._length])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("a font table is read in slices")
        first, stop, step = index.indices(self._length)
        if step != 1:
            raise TypeError("a font table is read in slices")
        return bytes(self._data[self._start + first:self._start + max(first, stop)])


def _cached_face_class():
    """reportlab's TTFontFace, its parse (extractInfo: 17-25 ms a Fandol face, 68 ms
    WenQuanYi, in pure Python) replaced by unpickling the result of an earlier run (1 ms,
    8 ms).  The cache is the program's own file in the user's cache folder; anything
    unreadable or from another file, font or reportlab version is parsed anew."""
    import pickle

    from reportlab.pdfbase.ttfonts import TTFontFace

    class CachedFace(TTFontFace):
        def extractInfo(self, charInfo=1):
            try:
                key = _cache_key(self.filename, self._subfont)
                with open(_cache_file(key), "rb") as fh:
                    stored_key, state, glyph_to_char = _unpickled(fh.read())
                if stored_key != key or not isinstance(state, dict) or not state.get(
                        "charToGlyph") or state.get("unitsPerEm", 0) <= 0 or not isinstance(
                        glyph_to_char, bytes):
                    raise ValueError("another face")
            except Exception:  # no cache yet, damaged, foreign: parse the file
                super().extractInfo(charInfo)
                self._store(charInfo)
                return
            self.__dict__.update(state)
            self._glyph_to_char = glyph_to_char
            units = self.unitsPerEm
            self._pdfScale = (lambda x: x) if units == 1000 else (
                lambda x, k=1000 / units: x * k)

        def get_table(self, tag):
            if tag != "glyf":
                return super().get_table(tag)
            # makeSubset slices each glyph it keeps out of this table: a copy of the
            # whole table (5-10 MB, every page of it read from disk) for each subset was
            # most of the time the PDF took to save its fonts.
            return _TableSlices(self._ttf_data, *self.get_table_pos(tag))

        def __getattr__(self, name):
            # Only for attributes the instance lacks: glyphToChar of a face from the cache.
            if name == "glyphToChar" and "_glyph_to_char" in self.__dict__:
                value = self.__dict__["glyphToChar"] = _unpickled(
                    self.__dict__.pop("_glyph_to_char"))
                return value
            raise AttributeError(name)

        def _store(self, charInfo) -> None:
            if not charInfo or not getattr(self, "charToGlyph", None):
                return
            from ..core.files import atomic_path

            state = {k: v for k, v in self.__dict__.items() if k not in _NOT_CACHED}
            try:
                key = _cache_key(self.filename, self._subfont)
                glyph_to_char = pickle.dumps(self.glyphToChar, pickle.HIGHEST_PROTOCOL)
                target = _cache_file(key)
                target.parent.mkdir(parents=True, exist_ok=True)
                with atomic_path(target) as tmp:
                    tmp.write_bytes(pickle.dumps((key, state, glyph_to_char),
                                                 pickle.HIGHEST_PROTOCOL))
            except Exception:  # a read-only or full cache folder only costs the next parse
                pass

    return CachedFace


def _new_font(name: str, path: str, subfont: int):
    """reportlab's TTFont(name, path, subfontIndex=subfont), its face from the cache."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace, unShapedFontGlob

    face_class = _face_class()
    if face_class is TTFontFace:
        return TTFont(name, path, subfontIndex=subfont)
    font = TTFont.__new__(TTFont)
    # TTFont.__init__ (reportlab 4.2-4.4) with the cached face in place of TTFontFace.
    font.fontName = name
    face = face_class.__new__(face_class)
    face._subfont = subfont
    # reportlab's readFile takes bytes already there and then leaves filename alone.
    face.filename, face._ttf_data = path, _font_bytes(path)
    face.__init__(path, validate=0, subfontIndex=subfont)
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, g) for g in unShapedFontGlob)
    return font


@functools.cache
def _face_class():
    """The cached face when TTFont is the one _new_font knows (its attributes), else
    reportlab's own (a newer reportlab then still works, only slower)."""
    import inspect

    from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

    try:
        params = list(inspect.signature(TTFont.__init__).parameters)
    except (TypeError, ValueError):
        return TTFontFace
    if params != ["self", "name", "filename", "validate", "subfontIndex", "asciiReadable",
                  "shapable"]:
        return TTFontFace
    return _cached_face_class()


def _load(name: str, path: str, subfont: int) -> None:
    """Parse one face and register it with reportlab; raises what reportlab raises."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    font = _new_font(name, path, subfont)
    if not font.face.charToGlyph:
        raise ValueError("no Unicode cmap")
    pdfmetrics.registerFont(font)
    # <b>/<i> in paragraph markup must not fail for lack of a family: map them to the face.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def _register(path: str, subfont: int) -> str | None:
    """Register one TrueType face once; None (and a recorded reason) if reportlab refuses it."""
    key = (os.path.abspath(path), subfont)
    if key in _registered:
        return _registered[key]
    name = _font_name(path, subfont)
    try:
        _load(name, key[0], subfont)
    except Exception as exc:  # CFF outlines, fsType forbidding embedding, damaged file, ...
        _registered[key] = None
        _refusals[key] = f"{type(exc).__name__}: {exc}"
        return None
    _registered[key] = name
    return name


def _register_bundled(path: str, subfont: int) -> str:
    """A bundled face's name, parsed only when a document first uses it.

    System fonts are parsed at once because reportlab may refuse one (and the next candidate
    is then taken); the bundled files are the program's own, known to load."""
    key = (os.path.abspath(path), subfont)
    name = _registered.get(key)
    if name:
        return name
    name = _font_name(path, subfont)
    with _load_lock:
        _install_deferred_lookup()
        _deferred[name] = key
    _registered[key] = name
    return name


def _install_deferred_lookup() -> None:
    """reportlab's getFont() calls pdfmetrics.findFontAndRegister for a name it does not
    know (canvas.setFont, stringWidth and Paragraph all go through it): a deferred bundled
    face is parsed there, any other name goes on to reportlab's own search."""
    global _lookup_installed
    if _lookup_installed:
        return
    from reportlab.pdfbase import pdfmetrics

    search = pdfmetrics.findFontAndRegister

    def find(font_name):
        with _load_lock:
            key = _deferred.get(font_name)
            if key is None:
                if font_name in _loaded:  # another thread loaded it while this one waited
                    return pdfmetrics.getFont(font_name)
                return search(font_name)
            try:
                _load(font_name, *key)
            except Exception as exc:
                raise FontError(
                    f"程序自带的字体文件 {Path(key[0]).name} 已损坏，无法生成 PDF。"
                    "请重新安装本程序。") from exc
            del _deferred[font_name]
            _loaded.add(font_name)
            return pdfmetrics.getFont(font_name)

    pdfmetrics.findFontAndRegister = find
    _lookup_installed = True


def register_fonts(search_dirs: Sequence[Path | str] | None = None, *,
                   bundled_roles: bool = True) -> FontSet:
    """Register the best available font for every role; cached per list of directories.

    ``search_dirs`` replaces the default system directories (tests use it to pretend there
    are no Windows fonts); the bundled Fandol face of a role stands in for its missing system
    font, WenQuanYi for a missing Fandol file.  ``bundled_roles=False`` leaves the Fandol
    faces out (every missing role in WenQuanYi, as before they were bundled).
    """
    dirs = [Path(d) for d in (default_font_dirs() if search_dirs is None else search_dirs)]
    key = (*(str(d) for d in dirs), f"bundled={bundled_roles}")
    with _lock:
        cached = _fontsets.get(key)
        if cached is not None:
            return cached
        tried: list[tuple[str, int]] = []
        names: dict[str, str | None] = {}
        paths: dict[str, str] = {}
        for role in ROLES:
            names[role] = None
            for filename, subfont in _CANDIDATES[role]:
                path = next((idx[filename.casefold()] for idx in map(_index, dirs)
                             if filename.casefold() in idx), None)
                if path is None:
                    continue
                tried.append((os.path.abspath(path), subfont))
                name = _register(path, subfont)
                if name:
                    names[role], paths[role] = name, f"{path}#{subfont}"
                    break
        bundled = bundled_font_path()
        fallback = _register_bundled(str(bundled), BUNDLED_FONT[1]) if bundled else None
        if bundled:
            tried.append((os.path.abspath(bundled), BUNDLED_FONT[1]))
        substituted: list[str] = []
        for role in ROLES:
            if names[role] is None and role in _ROLE_FALLBACK:
                other = _ROLE_FALLBACK[role]
                if other not in substituted:  # a system 宋体: the title in it, as offices do
                    names[role] = names[other]
                    if names[role]:
                        paths[role] = paths[other]
            if names[role] is None and bundled_roles:
                path = bundled_file(BUNDLED_ROLE_FONTS[role])
                if path is not None:
                    tried.append((os.path.abspath(path), 0))
                    names[role] = _register_bundled(str(path), 0)
                    if names[role]:
                        paths[role] = f"{path}#0"
                        substituted.append(role)
            if names[role] is None and fallback:
                substituted.append(role)
                names[role], paths[role] = fallback, f"{bundled}#{BUNDLED_FONT[1]}"
            if names[role] is None:
                raise FontError(
                    "找不到可用的中文字体，无法生成 PDF。请安装仿宋、黑体等字体，"
                    f"或确认程序自带的字体文件 {BUNDLED_FONT[0]} 没有被删除（可重新安装本程序）。")
        skipped = tuple((f"{p}#{i}", _refusals[(p, i)]) for p, i in tried if (p, i) in _refusals)
        fontset = FontSet(fallback=fallback, paths=paths, skipped=skipped,
                          substituted=tuple(substituted), **{r: names[r] for r in ROLES})
        _fontsets[key] = fontset
        return fontset


def _cmap(font_name: str) -> dict[int, int]:
    cmap = _cmaps.get(font_name)
    if cmap is None:
        from reportlab.pdfbase import pdfmetrics

        try:
            face = pdfmetrics.getFont(font_name).face
        except KeyError as exc:
            raise ValueError(f"font {font_name!r} is not registered") from exc
        cmap = getattr(face, "charToGlyph", None)
        if cmap is None:
            raise ValueError(f"font {font_name!r} is not a TrueType font")
        _cmaps[font_name] = cmap
    return cmap


def _needs_glyph(ch: str) -> bool:
    # Line breaks, spaces and format controls are laid out, not drawn.
    return not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf", "Zs", "Zl", "Zp")


def has_glyph(ch: str, font_name: str) -> bool:
    return ord(ch) in _cmap(font_name)


def missing_glyphs(text: str, font_name: str) -> set[str]:
    """Characters of ``text`` the font has no glyph for (whitespace and controls ignored)."""
    cmap = _cmap(font_name)
    return {ch for ch in set(text) if _needs_glyph(ch) and ord(ch) not in cmap}


def check_text(texts: Iterable[str], fontset: FontSet) -> set[str]:
    """Characters that no font of ``fontset`` can render."""
    chars: set[str] = set()
    for t in texts:
        if t:
            chars.update(t)
    missing = {ch for ch in chars if _needs_glyph(ch)}
    # The faces already parsed first: text the ledger's fonts cover never parses the rest.
    for name in sorted(fontset.names(), key=lambda n: n in _deferred):
        if not missing:
            break
        cmap = _cmap(name)
        missing = {ch for ch in missing if ord(ch) not in cmap}
    return missing


def describe_chars(chars: Iterable[str]) -> str:
    """'𠀀（U+20000）、' … — the code point too, because the character may not show on screen."""
    return "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in sorted(chars))


def require_glyphs(texts: Iterable[str], fontset: FontSet) -> None:
    """Raise FontError naming every character that would print as a box."""
    missing = check_text(texts, fontset)
    if missing:
        raise FontError("以下字符在所有可用字体中都没有字形，无法打印："
                        f"{describe_chars(missing)}。请改用常用字或同音字后再生成。")
