"""run.py, the newcomer's entry point: set-up failures and the caller's folder.

run.py is not part of the package (it runs before any dependency exists), so it is loaded
from the repository root by path.  No test here builds a venv or runs the real apt-get.
"""

import importlib.util
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LOCK_MESSAGE = ("E: Could not get lock /var/lib/dpkg/lock-frontend. "
                "It is held by process 4242 (apt-get)")

FAKE_APT = f"""#!/bin/sh
# Mode in FAKE_APT_MODE: locked-twice (the lock frees itself), locked (never frees), broken.
echo "$@" >> "$FAKE_APT_LOG"
if [ "$1" != install ]; then exit 0; fi
n=$(cat "$FAKE_APT_COUNT" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$FAKE_APT_COUNT"
case "$FAKE_APT_MODE" in
  locked-twice) if [ $n -le 2 ]; then echo "{LOCK_MESSAGE}" >&2; exit 100; fi ;;
  locked) echo "{LOCK_MESSAGE}" >&2; exit 100 ;;
  broken) echo "E: Unable to locate package libgl1" >&2; exit 100 ;;
esac
exit 0
"""


def load_run_py():
    spec = importlib.util.spec_from_file_location("run_py_under_test", ROOT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def run_py():
    return load_run_py()


@pytest.fixture
def fake_apt(run_py, tmp_path, monkeypatch):
    """apt-get (and dpkg-query) replaced by a script on PATH; every package missing;
    the clock is fake, so waiting out a held lock takes no time."""
    if os.name == "nt":
        pytest.skip("apt-get is Debian's")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (("apt-get", FAKE_APT), ("dpkg-query", "#!/bin/sh\nexit 1\n")):
        script = bin_dir / name
        script.write_text(text)
        script.chmod(0o755)
    log = tmp_path / "apt.log"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_APT_LOG", str(log))
    monkeypatch.setenv("FAKE_APT_COUNT", str(tmp_path / "count"))
    monkeypatch.setattr(run_py, "WINDOWS", False)
    monkeypatch.setattr(run_py.sys, "platform", "linux")
    monkeypatch.setattr(run_py, "_as_root", lambda cmd: cmd)
    monkeypatch.setattr(run_py, "_dpkg_installed", lambda name: False)
    monkeypatch.setattr(run_py, "_apt_candidate", lambda name: True)
    clock = types.SimpleNamespace(now=0.0, sleeps=[])

    def sleep(seconds):
        clock.sleeps.append(seconds)
        clock.now += seconds

    monkeypatch.setattr(run_py, "time", types.SimpleNamespace(monotonic=lambda: clock.now,
                                                              sleep=sleep))
    venv_made = []
    monkeypatch.setattr(run_py, "ensure_venv", lambda: venv_made.append(1) or
                        Path(sys.executable))
    return types.SimpleNamespace(log=log, clock=clock, venv_made=venv_made)


def test_held_lock_is_waited_for_then_install_goes_on(run_py, fake_apt, monkeypatch, capsys):
    monkeypatch.setenv("FAKE_APT_MODE", "locked-twice")
    run_py.ensure_system_packages([("libgl1",)])
    calls = fake_apt.log.read_text().splitlines()
    assert [c.split()[0] for c in calls] == ["update", "install", "install", "install"]
    assert fake_apt.clock.sleeps == [run_py.LOCK_POLL_S] * 2
    err = capsys.readouterr().err
    assert "正在安装软件" in err and "等待" in err
    assert err.count("等待") == 1  # said once, not at every retry
    assert "Traceback" not in err


def test_lock_held_too_long_gives_up_in_chinese_with_the_command(run_py, fake_apt,
                                                                 monkeypatch, capsys):
    monkeypatch.setenv("FAKE_APT_MODE", "locked")
    assert run_py.main(["demo"]) == 1
    assert fake_apt.clock.now >= run_py.LOCK_WAIT_S  # it did wait the whole time
    assert not fake_apt.venv_made
    err = capsys.readouterr().err
    assert "Traceback" not in err
    said = [line for line in err.splitlines() if line.startswith("[run.py] 安装系统软件包失败")]
    assert len(said) == 1 and "占用" in said[0]
    assert err.splitlines()[-1].strip().endswith(
        "apt-get install -y -qq --no-install-recommends libglib2.0-0t64 libgl1 libegl1 "
        "libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3 fonts-wqy-zenhei "
        "libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
        "libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0")


def test_other_apt_failure_is_one_chinese_line_and_not_retried(run_py, fake_apt,
                                                              monkeypatch, capsys):
    monkeypatch.setenv("FAKE_APT_MODE", "broken")
    assert run_py.main(["test"]) == 1
    assert fake_apt.clock.sleeps == []
    assert len([c for c in fake_apt.log.read_text().splitlines()
                if c.startswith("install")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "Unable to locate package" in err  # apt-get's own reason is kept
    assert "[run.py] 安装系统软件包失败（apt-get 退出码 100）" in err
    assert "apt-get install -y -qq --no-install-recommends" in err.splitlines()[-1]
    assert "poppler-utils" in err.splitlines()[-1]


def test_a_failing_setup_command_is_one_line_not_a_traceback(run_py, monkeypatch, capsys):
    def pip_fails():
        raise subprocess.CalledProcessError(1, ["/x/.venv/bin/python", "-m", "pip", "install"])

    monkeypatch.setattr(run_py, "ensure_system_packages", lambda groups: None)
    monkeypatch.setattr(run_py, "ensure_venv", pip_fails)
    assert run_py.main([]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "命令失败（退出码 1）" in err
    assert len(err.strip().splitlines()) == 1


def test_program_runs_in_the_callers_folder(run_py, tmp_path, monkeypatch):
    """`python3 ~/repo/run.py demo --db rel.sqlite` from another folder writes there."""
    caller = tmp_path / "caller"
    caller.mkdir()
    monkeypatch.chdir(caller)
    cmd, cwd, env = run_py.program_command(sys.executable,
                                           ["demo", "--db", "rel.sqlite", "--problems", "0"])
    assert Path(cwd) == caller
    # This worktree's package, whatever the test venv has installed.
    env = dict(env, PYTHONPATH=str(ROOT))
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert (caller / "rel.sqlite").is_file()
    assert not (ROOT / "rel.sqlite").exists()


def test_main_neither_changes_folder_nor_runs_the_program_in_the_repo(run_py, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(run_py, "ensure_system_packages", lambda groups: None)
    monkeypatch.setattr(run_py, "ensure_venv", lambda: Path(sys.executable))
    seen = []

    def fake_run(cmd, **kwargs):
        seen.append((cmd, kwargs))
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(run_py.subprocess, "run", fake_run)
    assert run_py.main(["check", "--db", "rel.sqlite"]) == 0
    assert Path.cwd() == tmp_path
    (cmd, kwargs), = seen
    assert cmd[-4:] == ["govcredit_desktop", "check", "--db", "rel.sqlite"]
    assert Path(kwargs["cwd"]) == tmp_path


def test_tests_still_run_in_the_repository(run_py, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(run_py, "ensure_system_packages", lambda groups: None)
    monkeypatch.setattr(run_py, "ensure_venv", lambda: Path(sys.executable))
    seen = []

    def fake_run(cmd, **kwargs):
        seen.append(kwargs.get("cwd"))
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(run_py.subprocess, "run", fake_run)
    assert run_py.main(["test", "-q"]) == 0
    assert [Path(c) for c in seen] == [ROOT, ROOT]


def _fake_runs(run_py, monkeypatch, pytest_rc: int) -> list[list[str]]:
    monkeypatch.setattr(run_py, "ensure_system_packages", lambda groups: None)
    monkeypatch.setattr(run_py, "ensure_venv", lambda: Path(sys.executable))
    seen = []

    def fake_run(cmd, **kwargs):
        seen.append([str(part) for part in cmd])
        failing = cmd[1:3] == ["-m", "pytest"] and "frozen" not in cmd
        return subprocess.CompletedProcess(cmd, pytest_rc if failing else 0)

    monkeypatch.setattr(run_py.subprocess, "run", fake_run)
    return seen


def test_the_whole_suite_ends_with_the_frozen_build(run_py, monkeypatch):
    seen = _fake_runs(run_py, monkeypatch, pytest_rc=0)
    assert run_py.main(["test"]) == 0
    assert [cmd[1:] for cmd in seen] == [["-m", "ruff", "check", "."], ["-m", "pytest"],
                                         ["-m", "pytest", "-m", "frozen", "tests/frozen"]]


def test_no_frozen_build_after_a_failure_or_for_a_chosen_test(run_py, monkeypatch):
    seen = _fake_runs(run_py, monkeypatch, pytest_rc=1)
    assert run_py.main(["test"]) == 1
    assert not any("frozen" in cmd for cmd in seen)
    seen = _fake_runs(run_py, monkeypatch, pytest_rc=0)
    assert run_py.main(["test", "tests/core"]) == 0
    assert not any("frozen" in cmd for cmd in seen)
