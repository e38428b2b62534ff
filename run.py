#!/usr/bin/env python3
"""Start govcredit-desktop or run its tests, setting everything up first.

    python3 run.py            # the program, on the default local database
    python3 run.py test       # the whole test suite (what CI runs), the frozen build's last
    python3 run.py build      # the release: dist/govcredit-desktop/ (+ .tar.gz on Linux)
    python3 run.py ARGS...    # any command of the program, e.g. `demo --db demo.sqlite`

Each call makes sure of, in order: the Debian libraries Qt needs and a CJK
font (installed with apt-get when running as root or with password-less
sudo), a virtual environment in .venv, and the project installed in it with
its test extra.  Nothing is repeated when already in place.  Standard library
only: this file runs before any dependency exists.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
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
# Tests render PDF pages to PNG, and open the ledger in a real X11 window (Xvfb,
# with the desktop libraries above): offscreen rendering once fitted where the real
# window did not.  The `age` command line checks that an encrypted package is a standard
# age file, readable by a tool other than ours, and the other way round.
TEST_TOOLS = [("poppler-utils",), ("xvfb",), ("xauth",), ("age",)]
# PyInstaller (`run.py build`, and the frozen build at the end of `run.py test`) tells
# libraries from data with objdump.
BUILD_TOOLS = [("binutils",)]


# Another apt-get or the system's automatic updates may hold dpkg's lock for a minute or
# two; waiting that long is friendlier than sending a newcomer off with an error.
LOCK_WAIT_S = 120
LOCK_POLL_S = 5
# apt translates its messages but never the lock files' paths, so these match in any locale.
_LOCK_HELD = re.compile(r"Could not get lock|/var/lib/(dpkg|apt)/\S*lock")


class SetupFailed(Exception):
    """Set-up cannot go on; ``str()`` is the one Chinese line to show, ``command`` the
    command line the user can run by hand (or "")."""

    def __init__(self, message: str, command: str = ""):
        super().__init__(message)
        self.command = command


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


def _apt(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess, bool]:
    """Run apt-get (its progress on the terminal, its errors captured to be read); while
    another program holds the package lock, wait and retry up to LOCK_WAIT_S.  Returns the
    last result and whether the lock was still held."""
    deadline = time.monotonic() + LOCK_WAIT_S
    told = False
    while True:
        try:
            result = subprocess.run(cmd, env=env, stderr=subprocess.PIPE, text=True,
                                    errors="replace")
        except OSError as exc:
            raise SetupFailed(f"无法运行 apt-get（{exc.strerror or exc}），系统软件包未安装",
                              _manual_line(cmd)) from exc
        locked = result.returncode != 0 and bool(_LOCK_HELD.search(result.stderr or ""))
        if not locked or time.monotonic() >= deadline:
            return result, locked
        if not told:
            say(f"另一个程序（如系统自动更新）正在安装软件，占用着软件包管理器；"
                f"等待它结束后重试（最多 {LOCK_WAIT_S // 60} 分钟）…")
            told = True
        time.sleep(LOCK_POLL_S)


def _manual_line(cmd: list[str]) -> str:
    """The command as the user would type it: with sudo unless already root."""
    plain = cmd[2:] if cmd[:2] == ["sudo", "-n"] else cmd
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    return " ".join(plain if root else ["sudo", *plain])


def ensure_system_packages(groups: list[tuple[str, ...]]) -> None:
    """Install the missing Debian packages; raises SetupFailed when apt-get fails."""
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
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # A failed update (no network) is not fatal: the lists already there may do.
    result, locked = _apt(update, env)
    # Chosen after the update: a fresh list may know the newer (t64) names.
    wanted = [next((a for a in alts if _apt_candidate(a)), alts[-1]) for alts in missing]
    install = _as_root(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *wanted])
    if not locked:
        result, locked = _apt(install, env)
    if result.returncode != 0:
        # apt-get's own reason, as it wrote it, above our sentence.
        sys.stderr.write(result.stderr or "")
        if locked:
            why = f"软件包管理器被其他程序占用超过 {LOCK_WAIT_S // 60} 分钟"
            todo = "请等其他安装结束后用管理员身份运行下面这行"
        else:
            why = f"apt-get 退出码 {result.returncode}"
            todo = "请用管理员身份运行下面这行查看原因"
        raise SetupFailed(f"安装系统软件包失败（{why}），{todo}，成功后再运行 run.py：",
                          _manual_line(install))


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


def program_command(python: str, argv: list[str]) -> tuple[list[str], str, dict[str, str]]:
    """The program's command, the folder to run it in and its environment.

    It runs in the caller's folder, so a relative path (`demo --db rel.sqlite`) lands where
    the caller's shell says, not in the repository; the project is installed in the venv,
    so it imports from anywhere.  PYTHONSAFEPATH keeps a stray module in the caller's
    folder from shadowing ours (the child is `-m`, which would put the folder first)."""
    try:
        cwd = os.getcwd()
    except OSError:  # the caller's folder was deleted: nothing relative can resolve there
        cwd = str(ROOT)
    env = dict(os.environ, PYTHONSAFEPATH="1")
    return [python, "-m", "govcredit_desktop", *argv], cwd, env


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs under any python3
        say(f"需要 Python 3.11 或更新版本，当前为 {sys.version.split()[0]}")
        return 2
    try:
        return _run(argv)
    except SetupFailed as exc:
        say(str(exc))
        if exc.command:
            print(f"    {exc.command}", file=sys.stderr, flush=True)
        return 1
    except subprocess.CalledProcessError as exc:
        command = " ".join(str(part) for part in exc.cmd)
        say(f"准备运行环境时命令失败（退出码 {exc.returncode}），请检查网络后重试：{command}")
        return 1
    except KeyboardInterrupt:
        say("已取消")
        return 130


def _run(argv: list[str]) -> int:
    testing = argv[:1] == ["test"]
    building = testing or argv[:1] == ["build"]
    ensure_system_packages(QT_LIBS + DESKTOP_LIBS + (TEST_TOOLS if testing else [])
                           + (BUILD_TOOLS if building else []))
    python = str(ensure_venv())
    if testing:
        # Lint and tests are about the repository: they run in it, whatever the caller's folder.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        lint = subprocess.run([python, "-m", "ruff", "check", "."], env=env, cwd=ROOT)
        if lint.returncode != 0:
            say("ruff 检查未通过")
            return lint.returncode
        tests = subprocess.run([python, "-m", "pytest", *argv[1:]], env=env, cwd=ROOT)
        if tests.returncode != 0 or argv[1:]:
            return tests.returncode
        # The whole suite passed: build the release and run the frozen program
        # (tests/frozen/; left out of a plain pytest run because the build takes a minute).
        say("构建打包版程序并测试（约 1–2 分钟）…")
        return subprocess.run([python, "-m", "pytest", "-m", "frozen", "tests/frozen"],
                              env=env, cwd=ROOT).returncode
    if argv[:1] == ["build"]:
        return subprocess.run([python, str(ROOT / "packaging" / "build_release.py"),
                               *argv[1:]], cwd=ROOT).returncode
    cmd, cwd, env = program_command(python, argv)
    return subprocess.run(cmd, cwd=cwd, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
