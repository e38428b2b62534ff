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
    # The last bulk entry of the demo (its complaints and records follow, written one
    # by one through the stores).
    conn.execute("UPDATE audit_log SET after_json = replace(after_json, 'demo', 'fake')"
                 " WHERE id = (SELECT max(id) FROM audit_log WHERE after_json LIKE '%demo%')")
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


# --- issue 14: the command line as a newcomer meets it --------------------------------

def _made(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _exit_code(argv) -> int:
    """main() for arguments argparse refuses (it exits) as well as for the rest."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_demo_refuses_bad_counts_before_creating_anything(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    for count in ("-5", "1000001", "abc", ""):
        assert _exit_code(["demo", "--db", str(db), "--problems", count]) == 2, count
        err = capsys.readouterr().err
        assert "--problems" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
        assert _made(tmp_path) == [], count
    assert main(["demo", "--db", str(db), "--problems", "0"]) == 0
    assert main(["check", "--db", str(db)]) == 0


def test_a_failed_demo_leaves_nothing(tmp_path, monkeypatch, capsys):
    from govcredit_desktop import demo
    from govcredit_desktop.core.errors import UserError

    real = demo.generate

    def half_then_fail(db, problems, **kwargs):
        real(db, 5, seed=kwargs.get("seed", 2021))  # the schema and some rows exist by now
        raise UserError("中途失败")

    monkeypatch.setattr(demo, "generate", half_then_fail)
    assert main(["demo", "--db", str(tmp_path / "d.sqlite"), "--problems", "20"]) == 1
    assert "中途失败" in capsys.readouterr().err
    assert _made(tmp_path) == []


def test_db_may_come_before_or_after_the_command(tmp_path, capsys):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert main(["--db", str(first), "demo", "--problems", "3"]) == 0
    assert main(["demo", "--db", str(second), "--problems", "3"]) == 0
    for db in (first, second):
        assert main(["--db", str(db), "check"]) == 0
        assert main(["check", "--db", str(db)]) == 0
    assert main(["--db", str(first), "report", "plan", "--out", str(tmp_path / "p.pdf")]) == 0
    assert main(["--db", str(second), "export-ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    assert (tmp_path / "p.pdf").is_file() and (tmp_path / "l.xlsx").is_file()
    # Given twice, the one after the command is the one used.
    assert main(["--db", str(tmp_path / "none.sqlite"), "check", "--db", str(first)]) == 0


def test_without_db_the_commands_use_the_default_database(tmp_path, monkeypatch, capsys):
    import pytest

    if not sys.platform.startswith("linux"):
        pytest.skip("XDG_DATA_HOME moves platformdirs' data folder on Linux only")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from govcredit_desktop.store.connection import default_db_path

    default = default_db_path()
    assert str(default).startswith(str(tmp_path / "data"))
    # Before it exists, check says which file it looked for.
    assert main(["check"]) == 1
    assert str(default) in capsys.readouterr().err
    default.parent.mkdir(parents=True)
    assert main(["demo", "--db", str(default), "--problems", "3"]) == 0
    assert main(["check"]) == 0
    assert main(["report", "plan", "--out", str(tmp_path / "p.pdf")]) == 0
    assert main(["export-ledger", "--out", str(tmp_path / "l.xlsx")]) == 0
    assert (tmp_path / "p.pdf").is_file() and (tmp_path / "l.xlsx").is_file()
    # demo never writes into the default database: that is the clerk's real ledger.
    assert _exit_code(["demo"]) == 2
    assert "--db" in capsys.readouterr().err


def test_help_says_where_the_default_database_is(capsys):
    for command in ("check", "report", "export-ledger"):
        assert _exit_code([command, "--help"]) == 0
        out = capsys.readouterr().out
        assert "默认：用户数据目录中的 govcredit.sqlite" in out, command
    assert _exit_code(["demo", "--help"]) == 0
    assert "必须指定" in capsys.readouterr().out


def test_missing_folders_are_refused_alike_for_every_output(tmp_path, demo_db, capsys):
    missing = tmp_path / "没有这个文件夹"
    db = str(demo_db.path)
    runs = {
        "示例数据库": ["demo", "--db", str(missing / "d.sqlite")],
        "截图": ["--db", db, "--screenshot", str(missing / "s.png")],
        "报告": ["report", "plan", "--db", db, "--out", str(missing / "p.pdf")],
        "台账": ["export-ledger", "--db", db, "--out", str(missing / "l.xlsx")],
        "登记文件": ["registration", "--db", db, "--out", str(missing / "r.json")],
    }
    for what, argv in runs.items():
        assert main(argv) == 1, what
        err = capsys.readouterr().err
        assert err.startswith(f"错误：无法保存{what}：文件夹“{missing}”不存在"), err
        assert len(err.strip().splitlines()) == 1
        assert not missing.exists(), what
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["report", "plan", "--db", db, "--out", str(blocker / "p.pdf")]) == 1
    assert f"“{blocker}”不是文件夹" in capsys.readouterr().err


def _english_words(text: str) -> list[str]:
    """ASCII words left once the things a user types are taken out: option names, the
    program's and the commands' names, report kinds, file formats and echoed input."""
    import re

    text = text.replace("govcredit-desktop", " ").replace("govcredit.sqlite", " ")
    text = re.sub(r"(?<![A-Za-z])-{1,2}[A-Za-z][A-Za-z-]*", " ", text)
    allowed = {"demo", "check", "report", "export-ledger", "self-inspection", "plan",
               "rectification", "ledger", "PDF", "PNG", "XLSX", "Excel", "pdf", "png",
               "xlsx", "frob", "foo", "abc", "registration", "key", "password", "replace",
               "gcreg", "json", "precheck", "package", "verify", "zip", "JSON",
               "county-recipient", "import", "show", "remove", "age",
               "AGE-SECRET-KEY-", "county", "init", "register", "departments", "sqlite",
               "coverage", "campaign", "summary", "reminder",
               "received", "backup", "restore", "transfer", "export", "gcmove",
               # --screenshot-view's window names (ui/screenshot_views.VIEWS)
               "first-run", "editor", "close", "department", "complaints", "dishonesty",
               "dashboard", "reminders",
               "import-excel", "WPS", "xls", "et", "ods", "csv"}
    return [w for w in re.findall(r"[A-Za-z][A-Za-z-]+", text) if w not in allowed]


def test_argparse_speaks_chinese(capsys):
    import argparse
    import gettext

    cases = [["--help"], ["demo", "--help"], ["check", "--help"], ["report", "--help"],
             ["export-ledger", "--help"], ["import-excel", "--help"], ["verify", "--help"],
             ["county", "--help"],
             ["county", "init", "--help"], ["county", "register", "--help"],
             ["county", "import", "--help"], ["county", "received", "--help"],
             ["county", "coverage", "--help"], ["county", "campaign", "--help"],
             ["county", "export-ledger", "--help"], ["county", "report", "--help"],
             ["backup", "--help"], ["restore", "--help"], ["transfer", "--help"],
             ["transfer", "export", "--help"], ["transfer", "import", "--help"],
             ["report", "foo", "--out", "x.pdf"],          # invalid choice
             ["frob"],                                     # unknown command
             ["report", "plan"],                           # a required argument missing
             ["--frob"], ["check", "--frob", "1"],         # unrecognized arguments
             ["check", "--db"],                            # expected one argument
             ["report", "plan", "--out", "x.pdf", "--campaign", "abc"],  # not a number
             ["demo", "--db", "x.sqlite", "--problems", "abc"]]
    for argv in cases:
        code = _exit_code(argv)
        captured = capsys.readouterr()
        text = captured.out + captured.err
        assert text.strip(), argv
        assert code == (0 if "--help" in argv else 2), argv
        assert _english_words(text) == [], (argv, text)
        # Option names are typed by the user, not read (import-excel has --skip-errors).
        import re

        bare = re.sub(r"(?<![A-Za-z])-{1,2}[A-Za-z][A-Za-z-]*", " ", text)
        for word in ("usage", "options", "error", "invalid", "required", "expected"):
            assert word not in bare, (argv, word)
    # Only our parsers speak Chinese: argparse itself is as it was.
    assert argparse._ is gettext.gettext
    assert argparse.ArgumentParser(prog="x").format_usage().startswith("usage:")


def test_sqlite_and_os_errors_are_chinese(tmp_path, monkeypatch, capsys):
    import errno

    def sqlite_refuses(args):
        sqlite3.connect(tmp_path / "no" / "x.sqlite")  # "unable to open database file"

    def read_only(args):
        raise OSError(errno.EROFS, "Read-only file system", "/媒体/光盘/台账.xlsx")

    for fake in (sqlite_refuses, read_only):
        monkeypatch.setitem(cli.COMMANDS, "check", fake)
        assert main(["check", "--db", str(tmp_path / "x.sqlite")]) == 1
        err = capsys.readouterr().err
        assert err.startswith("错误：") and len(err.strip().splitlines()) == 1
        assert _english_words(err.replace(str(tmp_path / "x.sqlite"), "")) == [], err


def test_wrong_extensions_are_refused(tmp_path, demo_db, capsys):
    db = str(demo_db.path)
    runs = [(["report", "plan", "--db", db, "--out", str(tmp_path / "plan.txt")], ".pdf"),
            (["export-ledger", "--db", db, "--out", str(tmp_path / "l.csv")], ".xlsx"),
            (["--db", db, "--screenshot", str(tmp_path / "s.jpg")], ".png")]
    for argv, ext in runs:
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert f"应以 {ext} 结尾" in err and len(err.strip().splitlines()) == 1, err
    assert not any(p.suffix in (".txt", ".csv", ".jpg", ".pdf", ".xlsx", ".png")
                   for p in tmp_path.iterdir())


def test_missing_extensions_are_added_and_said(tmp_path, demo_db, capsys):
    db = str(demo_db.path)
    assert main(["report", "plan", "--db", db, "--out", str(tmp_path / "plan")]) == 0
    assert main(["export-ledger", "--db", db, "--out", str(tmp_path / "2021.12月台账")]) == 0
    out = capsys.readouterr().out
    assert "将保存为“plan.pdf”" in out and "将保存为“2021.12月台账.xlsx”" in out
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "2021.12月台账.xlsx").read_bytes().startswith(b"PK")
    assert not (tmp_path / "plan").exists()
    # Upper case is the same extension.
    assert main(["report", "plan", "--db", db, "--out", str(tmp_path / "B.PDF")]) == 0
    assert (tmp_path / "B.PDF").is_file()


def test_screenshot_without_extension_is_saved_as_png(tmp_path, demo_db):
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "govcredit_desktop", "--db",
                             str(demo_db.path), "--screenshot", str(tmp_path / "shot")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shot.png").read_bytes().startswith(b"\x89PNG")
    assert "将保存为“shot.png”" in result.stdout
