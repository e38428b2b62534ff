import sqlite3
import subprocess
import sys
from pathlib import Path

from govcredit_desktop import cli
from govcredit_desktop.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "govcredit_desktop", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_demo_then_check_then_tamper(tmp_path):
    db = tmp_path / "demo.sqlite"
    result = run_cli("demo", "--db", str(db), "--problems", "200")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    for table in ("problem", "measure", "person", "progress", "audit_log"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    assert conn.execute("SELECT count(*) FROM problem").fetchone()[0] == 200
    assert run_cli("check", "--db", str(db)).returncode == 0
    conn.execute("UPDATE audit_log SET after_json = replace(after_json, 'demo', 'fake')"
                 " WHERE id = (SELECT max(id) FROM audit_log)")
    conn.commit()
    conn.close()
    result = run_cli("check", "--db", str(db))
    assert result.returncode != 0
    assert "审计日志第" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_user_errors_are_one_line(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "missing.sqlite")]) == 1
    err = capsys.readouterr().err
    assert "不存在" in err and len(err.strip().splitlines()) == 1
    db = tmp_path / "x.sqlite"
    assert main(["demo", "--db", str(db), "--problems", "3"]) == 0
    assert main(["demo", "--db", str(db), "--problems", "3"]) == 1
    assert "已有数据" in capsys.readouterr().err
    bad = tmp_path / "bad.sqlite"
    bad.write_text("hello")
    assert main(["check", "--db", str(bad)]) == 1
    assert bad.read_text() == "hello"


def test_version_and_help():
    result = run_cli("--version")
    assert result.returncode == 0 and "govcredit-desktop" in result.stdout
    result = run_cli("--help")
    assert result.returncode == 0 and "demo" in result.stdout and "check" in result.stdout
    result = run_cli("demo")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_gui_without_a_display_says_so_in_one_line(tmp_path):
    import os

    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux runs without a display")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "govcredit_desktop", "--db",
                             str(tmp_path / "x.sqlite")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "没有可用的图形界面" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_os_errors_are_one_chinese_line(monkeypatch, capsys):
    def refused(args):
        raise PermissionError(13, "Permission denied", "/media/u/台账.xlsx")

    monkeypatch.setitem(cli.COMMANDS, "check", refused)
    assert main(["check", "--db", "x.sqlite"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：没有权限读写“/media/u/台账.xlsx”")
    assert "Permission" not in err and len(err.strip().splitlines()) == 1
