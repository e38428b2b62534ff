"""The issue's round trip: demo database → `package` → `verify` exits 0 and names every
check, through the real command line and the real builder."""

import hashlib
import json
import zipfile

from govcredit_desktop.cli import main
from govcredit_desktop.package import format as fmt
from govcredit_desktop.package.verify import CHECKS


def test_demo_database_to_package_to_verify(make_demo_db, tmp_path, capsys):
    db = make_demo_db(problems=12)
    receipt = tmp_path / "付款凭证.PDF"
    receipt.write_bytes(b"%PDF-1.4 receipt of a payment\n" + bytes(range(256)) * 40)
    db.evidence.add(db.problems.newest_id(), receipt, note="凭证")
    password = tmp_path / "password.txt"
    password.write_text("correct horse\n", encoding="utf-8")
    stick, reg = tmp_path / "stick", tmp_path / "unit.gcreg.json"
    stick.mkdir()
    db_path = str(db.path)
    assert main(["package", "--db", db_path, "--out", str(stick), "--yes",
                 "--password-file", str(password)]) == 0
    assert main(["registration", "--db", db_path, "--out", str(reg),
                 "--password-file", str(password)]) == 0
    (package,) = stick.glob("*.zip")
    capsys.readouterr()

    assert main(["verify", str(package), "--trust", str(reg)]) == 0
    out = capsys.readouterr().out
    for name, title in CHECKS:
        assert f"[通过] {name} {title}" in out, out
    assert "来源已核验" in out

    assert main(["verify", str(package), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] and doc["intact"] and not doc["authentic"]
    assert {c["name"]: c["status"] for c in doc["checks"]}["origin"] == "not_checked"
    assert doc["department"]["name"] == db.settings.department()["name"]
    with zipfile.ZipFile(package) as zf:
        assert [n for n in zf.namelist() if n.startswith(fmt.EVIDENCE_DIR)] == \
            [f"{fmt.EVIDENCE_DIR}{hashlib.sha256(receipt.read_bytes()).hexdigest()}.pdf"]

