"""The frozen program (build.spec) runs: built with PyInstaller, packed (Linux: the .tar.gz),
unpacked into a folder with Chinese characters and spaces, and driven through the commands
that reach every lazily imported library and data file — demo, the screenshot offscreen
(Qt plugins, fonts, translations), check, report ledger (reportlab, the bundled fonts),
registration and package (pyHanko signatures), an encrypted package and county import
(pyrage), verify (jsonschema schemas, pyHanko validation), backup, restore and the
transfer file to a new PC (the whole ``check`` run on what is brought back).

Marked ``frozen``: the build takes ~30-60 s, so a plain ``pytest`` leaves it out and
``python3 run.py test`` (what CI runs) runs it after the rest.  On Windows the workflow
(.github/workflows/windows.yml) installs the program with the Inno Setup installer and
points GOVCREDIT_FROZEN_DIR at the installed folder, which then is tested instead of a
fresh build.
"""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import sys
import tarfile
import zlib
from pathlib import Path

import pytest

import govcredit_desktop

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parents[2]
NAME = "govcredit-desktop"
WINDOWS = sys.platform == "win32"
PASSWORD = "小王 办公室 2026 pass"
# Each command of the frozen program gets this long: a first start unpacks nothing
# (one-folder), so seconds are plenty even on a loaded CI machine.
TIMEOUT_S = 120


@pytest.fixture(scope="module")
def place(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("frozen") / "政务 台账"


@pytest.fixture(scope="module")
def program(place) -> Path:
    """The folder of the frozen program, unpacked from the archive on Linux."""
    given = os.environ.get("GOVCREDIT_FROZEN_DIR")
    if given:
        return Path(given)
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build_release
    finally:
        sys.path.pop(0)
    folder, archive = build_release.build(place / "dist", place / "work")
    if archive is None:
        return folder
    unpacked = place / "解压 后"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    return unpacked / NAME


@pytest.fixture(scope="module")
def env(place) -> dict[str, str]:
    """Settings, logs and the default database under the test's folder, not the user's."""
    home = place / "用户 目录"
    home.mkdir(parents=True)
    extra = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
             "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
             "XDG_CACHE_HOME": str(home / "cache"), "QT_QPA_PLATFORM": "offscreen",
             "LOCALAPPDATA": str(home / "local"), "APPDATA": str(home / "roaming")}
    out = dict(os.environ, **extra)
    # The frozen program must stand on its own: nothing of the venv may leak in.
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        out.pop(name, None)
    return out


@pytest.fixture(scope="module")
def work(place) -> Path:
    folder = place / "数据 文件"
    folder.mkdir(parents=True)
    (folder / "密码 文件.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    return folder


def exe(program: Path, gui: bool = False) -> Path:
    if WINDOWS:
        # The windowed .exe has no console; the command line is the -cli.exe beside it.
        return program / (f"{NAME}.exe" if gui else f"{NAME}-cli.exe")
    return program / NAME


def run(program: Path, env, cwd: Path, *args: str, gui: bool = False,
        expect: int = 0) -> subprocess.CompletedProcess:
    result = subprocess.run([str(exe(program, gui)), *args], cwd=cwd, env=env,
                            capture_output=True, text=True, encoding="utf-8",
                            errors="replace", timeout=TIMEOUT_S)
    assert result.returncode == expect, (args, result.returncode, result.stdout,
                                         result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_db(program, env, work) -> Path:
    db = work / "演示 数据.sqlite"
    run(program, env, work, "demo", "--db", str(db), "--problems", "60")
    return db


def png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height, and the number of distinct pixel rows: a blank or one-colour
    picture has one."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = len(raw) // height
    rows = {raw[i * stride + 1:(i + 1) * stride] for i in range(height)}
    return width, height, len(rows)


def test_the_bundle_holds_what_it_needs_and_not_the_rest(program):
    internal = program / "_internal"
    assert exe(program).is_file() and exe(program, gui=True).is_file()
    fonts = internal / "govcredit_desktop" / "resources" / "fonts"
    for name in ("FandolFang-Regular.ttf", "FandolSong-Bold.ttf", "wqy-zenhei.ttc",
                 "LICENSE-fandol.txt", "LICENSE-wqy-zenhei.txt", "LICENSES"):
        assert (fonts / name).exists(), name
    schemas = internal / "govcredit_desktop" / "package" / "schemas"
    assert sorted(p.name for p in schemas.glob("*.json")) == [
        "ledger.schema.json", "manifest.schema.json"]
    # 帮助 → 使用说明 (ui/guide.py looks beside the program when frozen).
    guide = internal / "docs" / "使用说明.md"
    assert guide.is_file()
    assert len(list((internal / "docs" / "images").glob("*.png"))) >= 6
    assert (internal / "govcredit_desktop" / "resources" / "icons" / f"{NAME}.png").is_file()
    translations = sorted(p.name for p in internal.rglob("*.qm"))
    assert translations == ["qtbase_zh_CN.qm"]
    plugins = {p.relative_to(internal).as_posix() for p in internal.rglob("plugins/*/*")}
    names = " ".join(plugins).lower()
    for dropped in ("wayland", "eglfs", "/tls/", "networkinformation", "virtualkeyboard",
                    "qml"):
        assert dropped not in names, dropped
    platforms = {Path(p).name for p in plugins if "/platforms/" in p}
    wanted = {"qwindows.dll", "qoffscreen.dll"} if WINDOWS else {"libqxcb.so",
                                                                  "libqoffscreen.so"}
    assert wanted <= platforms, platforms
    assert not list(internal.rglob("opengl32sw.dll"))


@pytest.mark.skipif(WINDOWS, reason="the Linux archive")
def test_the_archive_carries_a_desktop_entry_and_its_installer(program, env, place):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(program / f"{NAME}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name[zh_CN]"] == "政务失信问题整改台账"
    assert (program / f"{NAME}.png").read_bytes()[:4] == b"\x89PNG"
    assert os.access(program / NAME, os.X_OK)
    result = subprocess.run(["sh", str(program / "install-desktop-entry.sh")], env=env,
                            capture_output=True, text=True, timeout=TIMEOUT_S)
    assert result.returncode == 0, result.stderr
    installed = configparser.ConfigParser(interpolation=None)
    installed.optionxform = str
    installed.read(Path(env["XDG_DATA_HOME"]) / "applications" / f"{NAME}.desktop",
                   encoding="utf-8")
    assert installed["Desktop Entry"]["Exec"] == f'"{program / NAME}"'
    assert installed["Desktop Entry"]["Icon"] == str(program / f"{NAME}.png")


def test_version_is_the_packages(program, env, work):
    result = run(program, env, work, "--version")
    assert result.stdout.strip() == f"{NAME} {govcredit_desktop.__version__}"


def test_screenshot_offscreen_shows_the_ledger(program, env, work, demo_db):
    png = work / "主 窗口.png"
    run(program, env, work, "--db", str(demo_db), "--screenshot", str(png), gui=True)
    width, height, rows = png_size_and_colours(png)
    assert (width, height) == (1280, 760)
    # Menus, a toolbar, 25 table rows with lights and Chinese text: hundreds of different
    # pixel rows; a window that failed to paint (no platform plugin, no font) has a few.
    assert rows > 200, rows
    assert png.stat().st_size > 50_000


def test_check_and_report_ledger(program, env, work, demo_db):
    result = run(program, env, work, "check", "--db", str(demo_db))
    assert "哈希链校验通过" in result.stdout
    pdf = work / "整改 台账.pdf"
    run(program, env, work, "report", "ledger", "--db", str(demo_db), "--out", str(pdf))
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    text = reader.pages[0].extract_text()
    assert "整改台账" in text.replace(" ", "")
    fonts = {f["/BaseFont"] for page in reader.pages[:1]
             for f in page["/Resources"]["/Font"].values()}
    assert any("Fandol" in str(f) or "Sim" in str(f) for f in fonts), fonts
    xlsx = work / "整改 台账.xlsx"
    run(program, env, work, "export-ledger", "--db", str(demo_db), "--out", str(xlsx))
    assert xlsx.read_bytes()[:2] == b"PK"


def test_package_and_verify(program, env, work, demo_db):
    password = work / "密码 文件.txt"
    registration = run(program, env, work, "registration", "--db", str(demo_db), "--out",
                       str(work / "单位 登记"), "--password-file", str(password))
    assert "证书指纹" in registration.stdout
    stick = work / "U盘 根目录"
    stick.mkdir()
    made = run(program, env, work, "package", "--db", str(demo_db), "--out", str(stick),
               "--password-file", str(password), "--yes")
    assert "可以安全拔出U盘" in made.stdout
    (zip_file,) = stick.glob("*.zip")
    verified = run(program, env, work, "verify", str(zip_file), "--trust",
                   str(work / "单位 登记.gcreg.json"))
    assert "结论：通过" in verified.stdout
    assert verified.stdout.count("[通过]") >= 8
    # A changed byte is caught by the frozen verify too (the checks ran, not a stub).
    tampered = work / "改动 过.zip"
    data = bytearray(zip_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    refused = subprocess.run([str(exe(program)), "verify", str(tampered)], cwd=work, env=env,
                             capture_output=True, text=True, encoding="utf-8",
                             errors="replace", timeout=TIMEOUT_S)
    assert refused.returncode != 0
    assert "Traceback" not in refused.stderr


def test_encrypted_package_into_the_county_office(program, env, work, demo_db):
    county = work / "县 信用办.sqlite"
    run(program, env, work, "county", "init", "--db", str(county), "--name",
        "宝丰县社会信用体系建设领导小组办公室")
    run(program, env, work, "county", "key", "--db", str(county), "--out",
        str(work / "县信用办 公钥"))
    stick = work / "加密 U盘"
    stick.mkdir()
    run(program, env, work, "package", "--db", str(demo_db), "--out", str(stick),
        "--password-file", str(work / "密码 文件.txt"), "--yes", "--county-key",
        str(work / "县信用办 公钥.gckey.json"))
    assert len(list(stick.glob("*.zip.age"))) == 1 and not list(stick.glob("*.zip"))
    if not (work / "单位 登记.gcreg.json").exists():
        run(program, env, work, "registration", "--db", str(demo_db), "--out",
            str(work / "单位 登记"), "--password-file", str(work / "密码 文件.txt"))
    run(program, env, work, "county", "register", str(work / "单位 登记.gcreg.json"),
        "--db", str(county))
    imported = run(program, env, work, "county", "import", str(stick), "--db", str(county))
    assert "接收 1 个" in imported.stdout
    coverage = run(program, env, work, "county", "coverage", "--db", str(county))
    assert "宝丰县住房和城乡建设局" in coverage.stdout


def _fingerprint(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("证书指纹"))


def test_backup_restore_and_the_move_to_a_new_pc(program, env, work):
    db, password = work / "备份 演示.sqlite", str(work / "密码 文件.txt")
    run(program, env, work, "demo", "--db", str(db), "--problems", "5")
    stick = work / "备份 U盘"
    stick.mkdir()
    made = run(program, env, work, "backup", "--db", str(db), "--out", str(stick))
    assert "已备份" in made.stdout
    (backup,) = stick.glob("*.backup.sqlite")
    # A signing key made after the backup: the move carries it, the restore takes it away.
    key = _fingerprint(run(program, env, work, "registration", "--db", str(db), "--out",
                           str(work / "备份 登记"), "--password-file", password).stdout)
    moved = work / "迁移 文件"
    run(program, env, work, "transfer", "export", "--db", str(db), "--out", str(moved))
    new_pc = work / "新 电脑"
    new_pc.mkdir()
    run(program, env, work, "transfer", "import", f"{moved}.gcmove", "--db",
        str(new_pc / "govcredit.sqlite"))
    assert _fingerprint(run(program, env, work, "registration", "--db",
                            str(new_pc / "govcredit.sqlite"), "--out", str(new_pc / "登记"),
                            "--password-file", password).stdout) == key
    # A damaged backup is refused and the database is left as it was.
    damaged = stick / "损坏 的备份.sqlite"
    # Cut short: 64 zero bytes in the middle could land in a free page, which no check
    # can call damage (a fresh clone's CI restored such a "damaged" backup).
    data = backup.read_bytes()
    damaged.write_bytes(data[:len(data) // 2])
    before = db.read_bytes()
    refused = subprocess.run([str(exe(program)), "restore", str(damaged), "--db", str(db)],
                             cwd=work, env=env, capture_output=True, text=True,
                             encoding="utf-8", errors="replace", timeout=TIMEOUT_S)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert db.read_bytes() == before
    restored = run(program, env, work, "restore", str(backup), "--db", str(db))
    assert "恢复前的数据已备份为" in restored.stdout
    assert "哈希链校验通过" in run(program, env, work, "check", "--db", str(db)).stdout
    again = run(program, env, work, "registration", "--db", str(db), "--out",
                str(work / "备份 登记2"), "--password-file", password)
    assert "已创建签名密钥" in again.stdout and _fingerprint(again.stdout) != key
