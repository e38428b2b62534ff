"""Convert the Fandol OpenType (CFF) faces to TrueType (glyf) outlines that reportlab embeds.

    python tools/fandol_ttf.py SRC_DIR OUT_DIR

SRC_DIR holds FandolFang-Regular.otf etc. (Debian texlive-lang-chinese:
/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol).  Needs fontTools (not a
dependency of the program: run once by whoever updates the bundled fonts).  Cubic curves are
approximated by quadratic ones within 1 unit of the 1000-unit em (fontTools cu2qu, as its
otf2ttf example does), the CFF hinting is dropped, glyph names are not kept (post format 3).
Only the characters a report can print are kept (GB 2312, GBK's hanzi the face has, Latin and
punctuation): everything else falls back to WenQuanYi character by character.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FACES = ("FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Regular",
         "FandolSong-Bold")


def _quadratic(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    for tag in ("VORG",):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyphs.items():  # left side bearing = xMin in a glyf font
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0
    post.extraNames, post.mapping = [], {}
    post.glyphOrder = None
    font.sfntVersion = "\x00\x01\x00\x00"


def _keep_chars() -> str:
    chars = set(chr(c) for c in range(0x20, 0x7F))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars.update(chr(c) for c in range(0xFF00, 0xFF66))  # full-width forms
    chars.update("—–‘’“”…·‰※〔〕【】")
    chars.update(chr(c) for c in range(0x4E00, 0x9FA6))  # whatever else the face has
    return "".join(sorted(chars))


def convert(src: Path, out: Path) -> Path:
    font = TTFont(src)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.drop_tables += ["VORG", "vhea", "vmtx"]
    sub = subset.Subsetter(opts)
    sub.populate(text=_keep_chars())
    sub.subset(font)
    _quadratic(font)
    font.save(out)
    return out


def main(argv: list[str]) -> None:
    src, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for face in FACES:
        path = convert(src / f"{face}.otf", out / f"{face}.ttf")
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
