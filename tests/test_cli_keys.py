"""`registration`, `key password` and `key replace` on the command line (issue 15)."""

import re
import subprocess
import sys

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.package import registration
from govcredit_desktop.store import Database
from tests.test_cli import ROOT, _english_words, _exit_code, run_cli

GROUPS = re.compile(r"证书指纹：((?:[0-9A-F]{4} ){15}[0-9A-F]{4})$", re.M)


@pytest.fixture
def files(tmp_path):
    """Password files, one line each (as a script would write them)."""
    made = {}
    for name, text in (("first", "first password\n"), ("second", "second password\r\n"),
                       ("wrong", "wrong password\n"), ("short", "short\n")):
        made[name] = tmp_path / f"{name}.txt"
        made[name].write_text(text, encoding="utf-8", newline="")
    return made


def key_rows(path):
    with Database(path) as db:
        return db.keys.all()


def one_line(err: str) -> str:
    assert err.startswith("错误：") and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_registration_creates_the_key_once_and_prints_its_fingerprint(demo_db, tmp_path, files,
                                                                      capsys):
    db = str(demo_db.path)
    out = tmp_path / "登记"
    assert main(["registration", "--db", db, "--out", str(out),
                 "--password-file", str(files["first"])]) == 0
    printed = capsys.readouterr().out
    written = tmp_path / ("登记" + registration.SUFFIX)
    reg = registration.read_registration(written)
    dept = demo_db.settings.department()
    assert reg.fingerprint == demo_db.keys.active()["fingerprint"]
    assert GROUPS.search(printed)[1] == reg.fingerprint_groups
    assert f"单位名称：{dept['name']}" in printed and f"统一社会信用代码：{dept['uscc']}" in printed
    assert "已创建签名密钥" in printed and f"将保存为“{written.name}”" in printed
    assert demo_db.keys.unlock("first password").fingerprint == reg.fingerprint
    # Again: the same key, no password needed (none is asked; stdin is no terminal here).
    assert main(["--db", db, "registration", "--out", str(tmp_path / "again.json")]) == 0
    printed = capsys.readouterr().out
    assert "已创建" not in printed and GROUPS.search(printed)[1] == reg.fingerprint_groups
    assert registration.read_registration(tmp_path / "again.json").fingerprint == reg.fingerprint
    assert len(demo_db.keys.all()) == 1
    assert main(["check", "--db", db]) == 0


def test_first_registration_without_a_password_says_how_to_give_one(demo_db, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["registration", "--db", str(demo_db.path), "--out", str(out)]) == 1
    assert "--password-file" in one_line(capsys.readouterr().err)
    assert not out.exists() and demo_db.keys.all() == []


def test_registration_refusals_leave_no_key_and_no_file(db, demo_db, tmp_path, files, capsys):
    # No department profile yet.
    argv = ["--password-file", str(files["first"]), "--out", str(tmp_path / "r.json")]
    assert main(["registration", "--db", str(db.path), *argv]) == 1
    assert "单位信息" in one_line(capsys.readouterr().err)
    # A missing folder is found before a key is made.
    missing = tmp_path / "没有这个文件夹"
    assert main(["registration", "--db", str(demo_db.path), "--password-file",
                 str(files["first"]), "--out", str(missing / "r.json")]) == 1
    assert one_line(capsys.readouterr().err).startswith(
        f"错误：无法保存登记文件：文件夹“{missing}”不存在")
    # A password too short, a password file that is not there.
    for password_file, message in ((files["short"], "至少需要8个字符"),
                                   (tmp_path / "none.txt", "找不到密码文件")):
        assert main(["registration", "--db", str(demo_db.path), "--password-file",
                     str(password_file), "--out", str(tmp_path / "r.json")]) == 1
        assert message in one_line(capsys.readouterr().err)
    assert not (tmp_path / "r.json").exists() and not missing.exists()
    assert demo_db.keys.all() == [] and db.keys.all() == []
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert main(["registration", "--db", str(demo_db.path), "--out", str(folder)]) == 1
    assert "是一个文件夹" in one_line(capsys.readouterr().err)


def test_key_password(demo_db, tmp_path, files, capsys):
    db = str(demo_db.path)
    assert main(["registration", "--db", db, "--out", str(tmp_path / "r.json"),
                 "--password-file", str(files["first"])]) == 0
    before = demo_db.keys.active()
    capsys.readouterr()
    wrong = ["key", "password", "--db", db, "--password-file", str(files["wrong"]),
             "--new-password-file", str(files["second"])]
    assert main(wrong) == 1
    assert "密码不正确" in one_line(capsys.readouterr().err)
    assert demo_db.keys.active() == before
    assert main(["key", "--db", db, "password", "--password-file", str(files["first"]),
                 "--new-password-file", str(files["short"])]) == 1
    assert "至少需要8个字符" in one_line(capsys.readouterr().err)
    assert main(["--db", db, "key", "password", "--password-file", str(files["first"]),
                 "--new-password-file", str(files["second"])]) == 0
    assert "无需重新登记" in capsys.readouterr().out
    after = demo_db.keys.active()
    assert after["fingerprint"] == before["fingerprint"]
    assert after["private_key_pem"] != before["private_key_pem"]
    assert demo_db.keys.unlock("second password")
    assert main(["check", "--db", db]) == 0


def test_key_replace(demo_db, tmp_path, files, capsys):
    db = str(demo_db.path)
    argv = ["--password-file", str(files["second"]), "--reason", "密码遗忘"]
    assert main(["key", "replace", "--db", db, *argv]) == 1
    assert "尚未创建签名密钥" in one_line(capsys.readouterr().err)
    assert main(["registration", "--db", db, "--out", str(tmp_path / "old.json"),
                 "--password-file", str(files["first"])]) == 0
    old = registration.read_registration(tmp_path / "old.json")
    capsys.readouterr()
    assert main(["--db", db, "key", "replace", *argv]) == 0  # no old password needed
    printed = capsys.readouterr().out
    new = demo_db.keys.active()
    assert new["fingerprint"] != old.fingerprint
    assert GROUPS.search(printed.replace("新证书指纹", "证书指纹"))[1] == " ".join(
        re.findall("....", new["fingerprint"].upper()))
    assert "registration" in printed and "县信用办" in printed
    assert main(["registration", "--db", db, "--out", str(tmp_path / "new.json")]) == 0
    reg = registration.read_registration(tmp_path / "new.json")
    assert reg.fingerprint == new["fingerprint"]
    assert [(r.fingerprint, r.reason) for r in reg.replaces] == [(old.fingerprint, "密码遗忘")]
    assert main(["check", "--db", db]) == 0


def test_a_wrong_password_is_one_chinese_line_in_a_real_process(demo_db, tmp_path, files):
    db = str(demo_db.path)
    assert main(["registration", "--db", db, "--out", str(tmp_path / "r.json"),
                 "--password-file", str(files["first"])]) == 0
    result = run_cli("key", "password", "--db", db, "--password-file", str(files["wrong"]),
                     "--new-password-file", str(files["second"]))
    assert result.returncode == 1
    assert "密码不正确" in one_line(result.stderr)
    assert demo_db.keys.unlock("first password")


def test_argparse_speaks_chinese_for_the_key_commands(capsys):
    cases = [["registration", "--help"], ["key", "--help"], ["key", "password", "--help"],
             ["key", "replace", "--help"],
             ["registration"],                         # --out missing
             ["key"],                                  # no action
             ["key", "frob"],                          # unknown action
             ["registration", "--out"]]                # expected one argument
    for argv in cases:
        code = _exit_code(argv)
        captured = capsys.readouterr()
        text = captured.out + captured.err
        assert code == (0 if "--help" in argv else 2), argv
        assert _english_words(text) == [], (argv, text)
        if "--help" in argv and argv != ["key", "--help"]:
            assert "默认：用户数据目录中的 govcredit.sqlite" in text, argv
    assert _exit_code(["--help"]) == 0
    top = capsys.readouterr().out
    assert "registration" in top and "key" in top


def test_the_key_commands_do_not_slow_start_up():
    script = ("import sys; import govcredit_desktop.cli as c; c.build_parser();"
              "print([k for k in ('cryptography', 'pyhanko') if k in sys.modules])")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr
