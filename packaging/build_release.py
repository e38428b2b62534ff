"""Build the release: PyInstaller's one-folder program from build.spec and, on Linux, the
.tar.gz handed to 信创 desktops (UOS, Kylin) with its .desktop entry and icon.

    .venv/bin/python packaging/build_release.py [--dist DIR] [--work DIR]
    python3 run.py build                              # the same, setting up .venv first

Prints where the folder (and the archive) went, the build time and the bundle's size.
The Windows installer is made from the folder by packaging/windows/govcredit.iss.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "govcredit-desktop"
LINUX = ROOT / "packaging" / "linux"
ICON_PNG = ROOT / "govcredit_desktop" / "resources" / "icons" / f"{NAME}.png"
# Put beside the program in the archive: the menu entry, its icon, the script that installs
# the entry for the user who unpacked it (a .desktop file needs the absolute path).
LINUX_EXTRAS = ((LINUX / f"{NAME}.desktop", f"{NAME}.desktop"),
                (LINUX / "install-desktop-entry.sh", "install-desktop-entry.sh"),
                (ICON_PNG, f"{NAME}.png"))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


_GLIBC = re.compile(rb"GLIBC_2\.(\d+)")


def glibc_needed(folder: Path) -> str | None:
    """The newest glibc version any bundled library asks for: the oldest Linux the folder
    runs on (glibc itself is never bundled, so every GLIBC_2.x in them is a need)."""
    newest = 0
    for path in folder.rglob("*.so*"):
        if path.is_file() and not path.is_symlink():
            newest = max([newest, *(int(m) for m in _GLIBC.findall(path.read_bytes()))])
    return f"2.{newest}" if newest else None


def run_pyinstaller(dist: Path, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
                    str(ROOT / "build.spec")], check=True, cwd=ROOT)
    return dist / NAME


def linux_archive(folder: Path, dist: Path) -> Path:
    for source, name in LINUX_EXTRAS:
        shutil.copy2(source, folder / name)
    (folder / "install-desktop-entry.sh").chmod(0o755)
    arch = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64",
            "arm64": "arm64"}.get(platform.machine().lower(), platform.machine().lower())
    archive = dist / f"{NAME}-{version(NAME)}-linux-{arch}.tar.gz"
    # Sorted members and one owner: the archive says nothing of the build machine.
    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    tmp = archive.with_name(archive.name + ".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=NAME, filter=clean)
    os.replace(tmp, archive)
    return archive


def build(dist: Path, work: Path) -> tuple[Path, Path | None]:
    """(the program's folder, the Linux archive or None elsewhere)."""
    folder = run_pyinstaller(dist, work)
    archive = linux_archive(folder, dist) if sys.platform.startswith("linux") else None
    return folder, archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    args = parser.parse_args(argv)
    start = time.monotonic()
    folder, archive = build(args.dist.resolve(), args.work.resolve())
    took = time.monotonic() - start
    print(f"程序文件夹：{folder}（{folder_size(folder) / 1e6:.0f} MB）")
    if archive is not None:
        print(f"Linux 安装包：{archive}（{archive.stat().st_size / 1e6:.0f} MB），"
              f"需要 glibc {glibc_needed(folder)} 或更新")
    print(f"构建用时 {took:.1f} 秒")
    return 0


if __name__ == "__main__":
    sys.exit(main())
