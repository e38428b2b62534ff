"""Files as they come: .xls (also WPS .et), .csv in GB18030 and UTF-8, and hostile ones,
which leave the database byte-identical."""

import shutil
import zipfile
from pathlib import Path

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.intake import IntakeError, analyse, apply_import, open_workbook
from govcredit_desktop.store import Database
from govcredit_desktop.store.intake import campaign_problems
from tests.intake.untidy import ods

DATA = Path(__file__).parent.parent / "data"


def test_an_xls_file_named_et_is_read_by_its_content(db, campaign, tmp_path):
    et = tmp_path / "财政局台账.et"
    shutil.copy(DATA / "intake_ledger.xls", et)
    wb = open_workbook(et)
    assert wb.kind == "xls"
    a = analyse(db, wb, wb.default_sheet, campaign)
    assert a.header_rows == (2, 3)
    assert a.skipped == [(6, "合计/小计行")]
    apply_import(db, a)
    got = {p["title"]: p for p in campaign_problems(db, campaign)}
    p1, p2 = got["拖欠工程款未支付"], got["招商承诺未兑现"]
    assert (p1["amount_involved"], p1["deadline"], p1["responsible_unit"]) == (
        2_500_000, "2021-12-31", "县财政局")
    assert p1["responsible_person_name"] == "孙丽"
    assert (p2["amount_involved"], p2["deadline"], p2["source"]) == (
        800_000, "2022-03-31", "投诉举报(12345热线)")


def test_an_ods_file(db, campaign, tmp_path):
    path = ods(tmp_path / "台账.ods", [
        ["某局台账"], ["序号", "问题描述", "责任单位", "整改时限", "涉及金额（万元）"],
        [1, "拖欠物业费", "县城管局", "2021年12月30日", 0.35], [None, None, None, None, None],
        ["合计", None, None, None, 0.35]])
    wb = open_workbook(path)
    assert wb.kind == "ods"
    a = analyse(db, wb, wb.default_sheet, campaign)
    assert a.skipped == [(4, "空行"), (5, "合计/小计行")]
    apply_import(db, a)
    (p,) = campaign_problems(db, campaign)
    assert (p["title"], p["responsible_unit"], p["deadline"], p["amount_involved"]) == (
        "拖欠物业费", "县城管局", "2021-12-30", 350_000)
    assert (p["area"], p["category"], p["source"]) == ("其他", "其他", "自查自纠")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_gb18030_or_utf8(db, campaign, tmp_path, encoding):
    text = ("某局台账\n序号,问题描述,重点领域,问题类型,问题来源,涉及金额（元）,整改时限,整改状态\n"
            "1,拖欠“宏达”公司款项,政府采购,打白条,自查自纠,\"１,２００元\",2021/12/30,推进中\n"
            "合计,,,,,1200,,\n")
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode(encoding))
    wb = open_workbook(path)
    assert wb.kind == "csv"
    apply_import(db, analyse(db, wb, wb.default_sheet, campaign))
    (p,) = campaign_problems(db, campaign)
    assert (p["title"], p["amount_involved"], p["deadline"], p["status"]) == (
        "拖欠“宏达”公司款项", 120_000, "2021-12-30", "整改中")


def _hostile(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {}
    png = tmp_path / "照片.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    files["not a spreadsheet"] = (png, "不是电子表格文件")
    docx = tmp_path / "通知.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    files["a word file"] = (docx, "不是电子表格文件")
    enc = tmp_path / "加密.xlsx"
    shutil.copy(DATA / "intake_encrypted.xlsx", enc)
    files["encrypted"] = (enc, "文件已加密")
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    files["empty"] = (empty, "没有任何内容")
    cut = tmp_path / "损坏.xlsx"
    cut.write_bytes(b"PK\x03\x04" + b"\0" * 50)  # a zip cut off after its first header
    files["truncated zip"] = (cut, "无法读取")
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "年龄"])
    book.active.append(["张三", 30])
    noheader = tmp_path / "通讯录.xlsx"
    book.save(noheader)
    files["no header"] = (noheader, "没有找到表头")
    blank = tmp_path / "空表.xlsx"
    openpyxl.Workbook().save(blank)
    files["an empty sheet"] = (blank, "没有找到表头")
    return files


def test_hostile_files_leave_the_database_byte_identical(make_demo_db, tmp_path, capsys):
    db = make_demo_db(problems=5)
    path = db.path
    db.close()
    before = path.read_bytes()
    for what, (file, message) in _hostile(tmp_path).items():
        with pytest.raises(IntakeError, match=message):
            wb = open_workbook(file)
            with Database(path) as opened:
                analyse(opened, wb, wb.default_sheet,
                        opened.settings.latest_campaign()["id"])
        code = main(["import-excel", str(file), "--db", str(path)])
        err = capsys.readouterr().err
        assert code == 1, what
        assert message in err, what
        assert path.read_bytes() == before, what
