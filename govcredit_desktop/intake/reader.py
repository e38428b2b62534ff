"""Opening a workbook by what the file holds, not by its name.

WPS ``.et`` files are usually the binary ``.xls`` format and clerks rename files freely,
so the first bytes decide: a zip holding ``xl/`` is .xlsx, a zip whose ``mimetype`` says
opendocument.spreadsheet is .ods, an OLE2 compound file is .xls (or, holding an
``EncryptedPackage`` stream, an .xlsx with an open password), and text is .csv in
UTF-8 or GB18030.  python-calamine reads the spreadsheets (~10× openpyxl's speed on
10,000 rows, measured for issue 18).

Rows come back from A1 (``skip_empty_area=False``) so that indices are the sheet's own
row and column numbers; calamine leaves cells covered by a merge empty and does not say
which columns are hidden, so both are looked up here (merges from calamine, hidden
columns from the sheet XML of an .xlsx).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from govcredit_desktop.intake.model import IntakeError

OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
# The directory entry name of an encrypted OOXML package, as UTF-16LE.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
NOT_SPREADSHEET = ("“{name}”不是电子表格文件（支持 Excel/WPS 的 .xlsx、.xls、.et，"
                   "以及 .ods 和 .csv），请选择台账所在的表格文件")
ENCRYPTED = "“{name}”文件已加密（设置了打开密码），请在 Excel/WPS 中取消密码后另存再导入"
UNREADABLE = ("“{name}”无法读取，文件可能已损坏：{detail}。"
              "请在 Excel/WPS 中打开后另存为 .xlsx 再导入")
EMPTY = "“{name}”中没有任何内容，请检查是否选对了文件"
_CSV_SHEET = "CSV"


@dataclass
class Sheet:
    name: str
    rows: list[list]  # from A1; '' for empty cells
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden_columns: set[int] = field(default_factory=set)


class Workbook:
    """A workbook opened for import: ``sheet_names``, ``default_sheet``, ``sheet(name)``."""

    def __init__(self, path: Path, kind: str, sheet_names: list[str], visible: list[str],
                 loader):
        self.path = path
        self.kind = kind  # 'xlsx' | 'xls' | 'ods' | 'csv'
        self.sheet_names = sheet_names
        self._visible = visible
        self._loader = loader
        self._cache: dict[str, Sheet] = {}
        self.default_sheet = next((n for n in visible if self._has_cells(n)),
                                  visible[0] if visible else sheet_names[0])

    def sheet(self, name: str) -> Sheet:
        if name not in self.sheet_names:
            raise IntakeError(f"工作簿中没有名为“{name}”的工作表；"
                              f"现有：{'、'.join(self.sheet_names)}")
        if name not in self._cache:
            self._cache[name] = self._loader(name)
        return self._cache[name]

    def _has_cells(self, name: str) -> bool:
        return any(any(v != "" for v in row) for row in self.sheet(name).rows)


def open_workbook(path: str | Path) -> Workbook:
    path = Path(path)
    name = path.name
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise IntakeError(f"找不到文件“{path}”") from None
    except IsADirectoryError:
        raise IntakeError(f"“{path}”是文件夹，请选择台账所在的表格文件") from None
    except OSError as exc:
        raise IntakeError(f"无法打开“{name}”：{exc.strerror or exc}") from None
    if not head:
        raise IntakeError(EMPTY.format(name=name))
    if head.startswith(b"PK"):
        kind = _zip_kind(path, name)
    elif head.startswith(OLE2_MAGIC):
        if _ole_encrypted(path):
            raise IntakeError(ENCRYPTED.format(name=name))
        kind = "xls"
    else:
        return _open_csv(path, name)
    return _open_calamine(path, name, kind)


def _zip_kind(path: Path, name: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
            if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                return "ods"
    except (zipfile.BadZipFile, OSError, KeyError):
        raise IntakeError(UNREADABLE.format(name=name, detail="压缩结构不完整")) from None
    raise IntakeError(NOT_SPREADSHEET.format(name=name))


def _ole_encrypted(path: Path) -> bool:
    # The directory sectors are small; the name sits in the first few hundred KB for
    # any file Excel or WPS writes, and an encrypted package has little else in it.
    with open(path, "rb") as fh:
        return _ENCRYPTED in fh.read(4 << 20)


def _open_calamine(path: Path, name: str, kind: str) -> Workbook:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        visible = [m.name for m in book.sheets_metadata
                   if m.visible == pc.SheetVisibleEnum.Visible
                   and m.typ == pc.SheetTypeEnum.WorkSheet]
    except pc.PasswordError:
        raise IntakeError(ENCRYPTED.format(name=name)) from None
    except Exception as exc:  # calamine's errors are many and untyped
        raise IntakeError(UNREADABLE.format(name=name, detail=_short(exc))) from None
    if not names:
        raise IntakeError(EMPTY.format(name=name))
    hidden = _xlsx_hidden_columns(path) if kind == "xlsx" else {}

    def load(sheet_name: str) -> Sheet:
        try:
            s = book.get_sheet_by_name(sheet_name)
            rows = s.to_python(skip_empty_area=False)
            merged = list(s.merged_cell_ranges or [])
        except Exception as exc:
            raise IntakeError(UNREADABLE.format(name=name, detail=_short(exc))) from None
        return Sheet(sheet_name, [list(r) for r in rows], merged,
                     hidden.get(sheet_name, set()))

    return Workbook(path, kind, names, visible or names, load)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"'
                    rb'|<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"'
                  rb'|<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)/?>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')


def _xlsx_hidden_columns(path: Path) -> dict[str, set[int]]:
    """Sheet name → 0-based indices of hidden columns (``<col min max hidden="1">``).
    Only the part of each sheet before ``<sheetData`` is read: a 50,000-row sheet's
    XML is tens of MB and the column widths come first."""
    from html import unescape

    out: dict[str, set[int]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            wb = zf.read("xl/workbook.xml")
            rels = zf.read("xl/_rels/workbook.xml.rels")
            targets = {}
            for m in _REL.finditer(rels):
                rid, target = (m[1], m[2]) if m[1] else (m[4], m[3])
                targets[rid.decode()] = target.decode()
            for m in _SHEET.finditer(wb):
                sname, rid = (m[1], m[2]) if m[1] else (m[4], m[3])
                target = targets.get(rid.decode())
                if not target:
                    continue
                member = target.lstrip("/") if target.startswith("/") else "xl/" + target
                head = _xml_head(zf, member)
                cols = set()
                for c in _COL.finditer(head):
                    attrs = dict(_ATTR.findall(c[1]))
                    if attrs.get(b"hidden") in (b"1", b"true"):
                        lo, hi = int(attrs.get(b"min", 0)), int(attrs.get(b"max", 0))
                        cols.update(range(lo - 1, min(hi, 16384)))
                if cols:
                    out[unescape(sname.decode())] = cols
    except (KeyError, zipfile.BadZipFile, ValueError, OSError):
        return out  # hidden columns are a nicety; calamine reads the data or says why
    return out


def _xml_head(zf: zipfile.ZipFile, member: str) -> bytes:
    buf = b""
    with zf.open(member) as fh:
        while True:
            chunk = fh.read(65536)
            if not chunk:
                return buf
            buf += chunk
            cut = buf.find(b"<sheetData")
            if cut < 0:
                cut = buf.find(b":sheetData")
            if cut >= 0:
                return buf[:cut]
            if len(buf) > (8 << 20):
                return buf


def _open_csv(path: Path, name: str) -> Workbook:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise IntakeError(NOT_SPREADSHEET.format(name=name))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise IntakeError(NOT_SPREADSHEET.format(name=name))
    if not text.strip():
        raise IntakeError(EMPTY.format(name=name))
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if not any(any(c.strip() for c in r) for r in rows):
        raise IntakeError(EMPTY.format(name=name))
    # A binary file that happens to decode as GB18030 (almost any byte string does)
    # has no separators and a lot of control characters: say it is no spreadsheet.
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > len(sample) // 50:
        raise IntakeError(NOT_SPREADSHEET.format(name=name))
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Workbook(path, "csv", [_CSV_SHEET], [_CSV_SHEET],
                    lambda _n: Sheet(_CSV_SHEET, rows))
