"""Makes the import fixtures that the test environment cannot write itself (run once,
the files are committed):

- intake_ledger.xls: a small ledger in the binary Excel 97-2003 format (what WPS saves
  as .et too), with a title row, a merged two-level header, 万元 amounts and a subtotal
  row — written with xlwt 1.3.0;
- intake_encrypted.xlsx: an .xlsx with an open password ("1234"), as Excel and WPS
  save it (an OLE2 file holding an EncryptedPackage) — encrypted with msoffcrypto-tool.

    .venv/bin/pip install xlwt msoffcrypto-tool
    .venv/bin/python tests/data/make_intake_files.py
"""

import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).parent


def make_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("问题台账")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    ws.write_merge(0, 0, 0, 7, "宝丰县财政局问题整改台账")
    headers = ["序号", "问题描述", "重点领域", "问题类型", "问题来源", "欠款金额（万元）"]
    for c, h in enumerate(headers):
        ws.write_merge(1, 2, c, c, h)
    ws.write_merge(1, 1, 6, 7, "责任主体")
    ws.write(2, 6, "责任单位")
    ws.write(2, 7, "整改责任人")
    ws.write_merge(1, 2, 8, 8, "整改期限")
    rows = [
        (1, "拖欠工程款未支付", "政府采购", "拖欠民营和中小企业账款", "自查自纠", 2.5,
         "县财政局", "孙丽", dt.date(2021, 12, 31)),
        (2, "招商承诺未兑现", "招商引资", "政策承诺失信违约", "12345热线", "0.8",
         "县商务局", "周强", "2022年3月31日"),
    ]
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write(r, c, v, date_style)
            else:
                ws.write(r, c, v)
    ws.write(5, 0, "合计")
    ws.write(5, 5, 3.3)
    book.save(str(path))


def make_encrypted(path: Path) -> None:
    import openpyxl
    from msoffcrypto.format.ooxml import OOXMLFile

    book = openpyxl.Workbook()
    book.active.append(["问题描述", "责任单位", "整改时限"])
    plain = io.BytesIO()
    book.save(plain)
    plain.seek(0)
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("1234", out)
    path.write_bytes(out.getvalue())


if __name__ == "__main__":
    make_xls(HERE / "intake_ledger.xls")
    make_encrypted(HERE / "intake_encrypted.xlsx")
