"""The screenshots of docs/使用说明.md, made by the program's own --screenshot on demo data:

    .venv/bin/python tools/make_guide_screenshots.py

Each picture is taken at 1024 x 700 (dialogs at their own size), then reduced to a
256-colour palette (a screenshot of widgets has few colours; the file drops to a third)
so that each stays under 150 KB in the repository.  The 整改台账 picture is the PDF's first
page (pdftoppm, poppler-utils).  Run again after the windows change, and look at them.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
LIMIT = 150_000
SIZE = "1024x700"


def program(*args: str, cwd: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "govcredit_desktop", *args], cwd=cwd, env=env,
                   check=True, stdout=subprocess.DEVNULL)


def shot(db: Path, name: str, cwd: Path, view: str | None = None) -> Path:
    png = cwd / f"{name}.png"
    extra = ["--screenshot-view", view] if view else []
    program("--db", str(db), "--screenshot", str(png), "--screenshot-size", SIZE, *extra,
            cwd=cwd)
    return png


def optimise(source: Path, name: str) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    image = QImage(str(source))
    if image.width() > 1024:
        image = image.scaledToWidth(1024, Qt.TransformationMode.SmoothTransformation)
    small = image.convertToFormat(QImage.Format.Format_Indexed8,
                                  Qt.ImageConversionFlag.ThresholdDither)
    target = OUT / f"{name}.png"
    small.save(str(target), "PNG", 0)
    size = target.stat().st_size
    if size > LIMIT:
        raise SystemExit(f"{target.name}: {size} bytes, over {LIMIT}")
    print(f"{target.relative_to(ROOT)}  {image.width()}x{image.height()}  {size // 1024} KB")
    return target


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the palette step needs Qt too
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        demo, empty = t / "demo.sqlite", t / "empty.sqlite"
        program("demo", "--db", str(demo), "--problems", "60", cwd=t)
        optimise(shot(empty, "first-run", t, "first-run"), "01-首次使用")
        optimise(shot(demo, "ledger", t), "02-台账主窗口")
        optimise(shot(demo, "editor", t, "editor"), "03-编辑问题")
        optimise(shot(demo, "close", t, "close"), "04-销号")
        program("report", "ledger", "--db", str(demo), "--out", str(t / "ledger.pdf"), cwd=t)
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(t / "ledger.pdf"), str(t / "ledger-page")], check=True)
        optimise(t / "ledger-page.png", "05-整改台账PDF")
        optimise(shot(demo, "package", t, "package"), "06-生成报送包")
        optimise(shot(demo, "key", t, "key"), "07-签名密钥")
        optimise(shot(demo, "reminders", t, "reminders"), "12-提醒")
        optimise(shot(demo, "dashboard", t, "dashboard"), "13-统计")
        optimise(shot(demo, "complaints", t, "complaints"), "09-投诉登记")
        optimise(shot(demo, "dishonesty", t, "dishonesty"), "10-失信记录")
        # A backup beside the file, where the dialog lists them (a scripted run makes none).
        program("backup", "--db", str(demo), "--out", str(t), cwd=t)
        optimise(shot(demo, "backup", t, "backup"), "11-备份与恢复")
        # The county office: one department's package received into a county file.
        password = t / "pw.txt"
        password.write_text("guide screenshots 2026\n", encoding="utf-8")
        stick = t / "stick"
        stick.mkdir()
        county = t / "county.sqlite"
        program("registration", "--db", str(demo), "--out", str(t / "reg"), "--password-file",
                str(password), cwd=t)
        program("package", "--db", str(demo), "--out", str(stick), "--password-file",
                str(password), "--yes", cwd=t)
        program("county", "init", "--db", str(county), "--name",
                "宝丰县社会信用体系建设领导小组办公室", cwd=t)
        program("county", "register", str(t / "reg.gcreg.json"), "--db", str(county), cwd=t)
        program("county", "import", str(stick), "--db", str(county), cwd=t)
        optimise(shot(county, "county", t), "08-县信用办汇总台账")
    return 0


if __name__ == "__main__":
    sys.exit(main())
