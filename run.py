#!/usr/bin/env python3
"""Start govcredit-desktop or run its tests, setting everything up first.

    python3 run.py            # the program, on the default local database
    python3 run.py test       # the whole test suite (what CI runs)
    python3 run.py ARGS...    # any command of the program, e.g. `demo --db demo.sqlite`

Each call makes sure of, in order: the Debian libraries Qt needs and a CJK
font (installed with apt-get when running as root or with password-less
sudo), a virtual environment in .venv, and the project installed in it with
its test extra.  Nothing is repeated when already in place.  Standard library
only: this file runs before any dependency exists.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = os.name == "nt"

# Each entry lists alternatives: Debian renamed some libraries (t64) in trixie.
QT_LIBS = [
    ("libglib2.0-0t64", "libglib2.0-0"),
    ("libgl1",),
    ("libegl1",),
    ("libxkbcommon0",),
    ("libfreetype6",),
    ("libfontconfig1",),
    ("libdbus-1-3",),
    # Without a CJK font every Chinese character on screen is a box.
    ("fonts-wqy-zenhei",),
]
# A real window on an X11 desktop (the xcb platform plugin).
DESKTOP_LIBS = [
    ("libxcb-cursor0",),
    ("libxkbcommon-x11-0",),
    ("libxcb-icccm4",),
    ("libxcb-keysyms1",),
    ("libxcb-image0",),
    ("libxcb-render-util0",),
    ("libxcb-shape0",),
    ("libxcb-randr0",),
    ("libxcb-xinerama0",),
]
# Tests render PDF pages to PNG.
TEST_TOOLS = [("poppler-utils",)]


def say(message: str) -> None:
    print(f"[run.py] {message}", file=sys.stderr, flush=True)


def _dpkg_installed(name: str) -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name],
                            capture_output=True, text=True)
    return result.returncode == 0 and "install ok installed" in result.stdout


def _apt_candidate(name: str) -> bool:
    result = subprocess.run(["apt-cache", "policy", name], capture_output=True, text=True)
    return "Candidate:" in result.stdout and "Candidate: (none)" not in result.stdout


def _as_root(cmd: list[str]) -> list[str] | None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return cmd
    if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"],
                                               capture_output=True).returncode == 0:
        return ["sudo", "-n", *cmd]
    return None


def ensure_system_packages(groups: list[tuple[str, ...]]) -> None:
    if WINDOWS or sys.platform == "darwin" or not shutil.which("dpkg-query"):
        return
    missing = [alts for alts in groups if not any(_dpkg_installed(a) for a in alts)]
    if not missing:
        return
    update = _as_root(["apt-get", "update", "-qq"])
    if update is None:
        names = " ".join(alts[-1] for alts in missing)
        say(f"缺少系统软件包，请用管理员身份安装：sudo apt-get install {names}")
        return
    say("安装系统软件包（Qt 运行库、中文字体）…")
    subprocess.run(update, check=False)
    wanted = []
    for alts in missing:
        wanted.append(next((a for a in alts if _apt_candidate(a)), alts[-1]))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = _as_root(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *wanted])
    subprocess.run(install, check=True, env=env)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def ensure_venv() -> Path:
    python = venv_python()
    if not python.exists():
        say("创建虚拟环境 .venv …")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
        if result.returncode != 0:
            # Debian's python3 ships venv's pip separately.
            minor = f"python3.{sys.version_info.minor}-venv"
            ensure_system_packages([(minor, "python3-venv")])
            shutil.rmtree(VENV, ignore_errors=True)
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        say("安装依赖（首次运行需要几分钟）…")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"],
                       check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"],
                       check=True)
        stamp.write_text(digest)
    return python


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs under any python3
        say(f"需要 Python 3.11 或更新版本，当前为 {sys.version.split()[0]}")
        return 2
    testing = argv[:1] == ["test"]
    ensure_system_packages(QT_LIBS + (TEST_TOOLS if testing else DESKTOP_LIBS))
    python = str(ensure_venv())
    os.chdir(ROOT)
    if testing:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        lint = subprocess.run([python, "-m", "ruff", "check", "."], env=env)
        if lint.returncode != 0:
            say("ruff 检查未通过")
            return lint.returncode
        return subprocess.run([python, "-m", "pytest", *argv[1:]], env=env).returncode
    return subprocess.run([python, "-m", "govcredit_desktop", *argv]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
