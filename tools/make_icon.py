"""Draw the program's icon: a red rounded square with a white 信 (信用), the seal-like mark
county offices recognise, in the bundled FandolHei so that it looks the same on every
machine.  Writes govcredit_desktop/resources/icons/govcredit-desktop.png (256 px: the window
icon, the Linux .desktop entry's) and packaging/windows/govcredit-desktop.ico (16-256 px: the
Windows executable, shortcuts and uninstaller), both committed:

    .venv/bin/python tools/make_icon.py

The .ico holds one PNG per size (the format Windows has read since Vista); it is put
together here rather than by Qt's ico plugin so that the file lists exactly these sizes.
"""

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter

ROOT = Path(__file__).resolve().parents[1]
PNG = ROOT / "govcredit_desktop" / "resources" / "icons" / "govcredit-desktop.png"
ICO = ROOT / "packaging" / "windows" / "govcredit-desktop.ico"
FONT = ROOT / "govcredit_desktop" / "resources" / "fonts" / "FandolHei-Regular.ttf"
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#c0262d")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    margin = size / 16
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRoundedRect(box, size / 6, size / 6)
    family = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(FONT)))
    font = QFont(family[0] if family else "sans-serif")
    font.setPixelSize(round(size * 0.66))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("white"))
    p.drawText(box, Qt.AlignmentFlag.AlignCenter, "信")
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in pngs:
        # 0 in the width/height bytes means 256.
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob),
                               offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - fonts
    pngs = [(size, png_bytes(draw(size))) for size in SIZES]
    for path, data in ((PNG, pngs[-1][1]), (ICO, ico_bytes(pngs))):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
