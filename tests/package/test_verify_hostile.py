"""Hostile zips, built by hand: each refused by the check the format names for it,
without anything written anywhere (the working folder, the test's parent folder and
the temporary folder are the same before and after)."""

import os
import stat
import struct
import tempfile
import unicodedata
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from govcredit_desktop.package import format as fmt
from govcredit_desktop.package.verify import verify_package
from tests.package.test_verify import assert_fails_at, central_record


def listing(folder: Path) -> set:
    return {(str(p.relative_to(folder)), p.stat().st_size if p.is_file() else -1)
            for p in folder.rglob("*")}


@pytest.fixture
def verify_quietly(tmp_path, monkeypatch):
    """verify_package, checking that it wrote nothing: not beside the package, not in
    the working folder, not in the temporary folder (pointed at an empty one)."""
    spy = tmp_path / "tempdir"
    spy.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spy))
    # A working folder of its own: listing the repository (and its .venv) took most of
    # this file's time, and any edit there during a run looked like a write by verify.
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)

    def run(path, **kw):
        before = (listing(Path.cwd()), listing(tmp_path.parent))
        report = verify_package(path, **kw)
        assert (listing(Path.cwd()), listing(tmp_path.parent)) == before
        assert list(spy.iterdir()) == []
        return report
    return run


def write(path: Path, entries) -> Path:
    """A zip of (name or ZipInfo, bytes) pairs, duplicates allowed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


@pytest.mark.parametrize("name, reason", [
    ("../../evil.txt", "“..”"),
    ("evidence/../../evil.txt", "“..”"),
    ("/tmp/evil.txt", "绝对路径"),
    ("C:/Windows/evil.txt", "盘符"),
    ("..\\evil.txt", "反斜杠"),
    ("evidence//x.txt", "空的"),
    ("evidence/./x.txt", "“.”"),
    ("reports/", "文件夹条目"),
    ("reports/a\nb.pdf", "控制字符"),
    ("reports/a:b.pdf", "Windows 不允许"),
    ("reports/aux.pdf", "设备名"),
    ("reports/a.pdf.", "句点结尾"),
])
def test_hostile_names_fail_names(kit, tmp_path, verify_quietly, name, reason):
    members = kit.members()
    path = write(tmp_path / "h.zip", [*members.items(), (name, b"x")])
    report = verify_quietly(path)
    assert_fails_at(report, "names")
    assert reason in report.failed.message_cn


def test_a_symlink_fails_names(kit, tmp_path, verify_quietly):
    link = zipfile.ZipInfo("evidence/link")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    path = write(tmp_path / "h.zip", [*kit.members().items(), (link, b"/etc/passwd")])
    report = verify_quietly(path)
    assert_fails_at(report, "names")
    assert "符号链接" in report.failed.message_cn


def test_a_folder_by_its_attributes_fails_names(kit, tmp_path, verify_quietly):
    folder = zipfile.ZipInfo("evidence/folder")
    folder.external_attr = 0x10  # MS-DOS directory flag, no trailing slash
    path = write(tmp_path / "h.zip", [*kit.members().items(), (folder, b"")])
    assert_fails_at(verify_quietly(path), "names")


@pytest.mark.parametrize("first, second, reason", [
    (fmt.DATA, fmt.DATA, "不止一次"),
    ("reports/整改方案.pdf", "Reports/整改方案.pdf", "大小写"),
    ("evidence/caf\u00e9.txt", "evidence/cafe\u0301.txt", "大小写或字符组合方式"),
])
def test_duplicate_and_colliding_names_fail_names(kit, tmp_path, verify_quietly, first, second,
                                                  reason):
    assert unicodedata.normalize("NFC", second).casefold() == \
        unicodedata.normalize("NFC", first).casefold()
    members = kit.members()
    path = write(tmp_path / "h.zip", [*members.items(), (first, b"one"), (second, b"two")]
                 if first not in members else [*members.items(), (second, b"two")])
    report = verify_quietly(path)
    assert_fails_at(report, "names")
    assert reason in report.failed.message_cn


def test_a_non_utf8_name_without_the_utf8_flag_fails_names(kit, tmp_path, verify_quietly):
    path = write(tmp_path / "h.zip", [*kit.members().items(), ("evidence/x.txt", b"x")])
    data = bytearray(path.read_bytes())
    # "x" → 0xE9 (é in cp437's neighbourhood) in both headers: a legacy-encoded name.
    for at in (data.index(b"evidence/x.txt"), central_record(bytes(data), "evidence/x.txt") + 46):
        data[at + len("evidence/")] = 0xE9
    path.write_bytes(bytes(data))
    report = verify_quietly(path)
    assert_fails_at(report, "names")
    assert "UTF-8" in report.failed.message_cn


# --- sizes ----------------------------------------------------------------------------

def test_a_zip_bomb_fails_size(kit, tmp_path, verify_quietly):
    """50 MB of zeros deflate to ~50 KB (1000:1): refused by its ratio before a byte of
    it is decompressed."""
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in kit.members().items():
            zf.writestr(name, data)
        with zf.open("evidence/" + "0" * 64 + ".bin", "w") as out:
            zero = bytes(1024 * 1024)
            for _ in range(50):
                out.write(zero)
    assert path.stat().st_size < 1024 * 1024
    report = verify_quietly(path)
    assert_fails_at(report, "size")
    assert "压缩炸弹" in report.failed.message_cn


def test_ten_thousand_tiny_entries_fail_size(kit, tmp_path, verify_quietly):
    entries = [*kit.members().items(), *((f"evidence/{i:064x}.txt", b"") for i in range(10_000))]
    report = verify_quietly(write(tmp_path / "many.zip", entries))
    assert_fails_at(report, "size")
    assert "超过上限 5000" in report.failed.message_cn


@pytest.mark.parametrize("limit, reason", [("MAX_ENTRY_UNCOMPRESSED", "单个文件上限"),
                                           ("MAX_TOTAL_UNCOMPRESSED", "解压后共")])
def test_the_size_limits_fail_size(kit, tmp_path, verify_quietly, monkeypatch, limit, reason):
    members = kit.members()
    assert max(map(len, members.values())) > 4000 and sum(map(len, members.values())) > 20_000
    monkeypatch.setattr(fmt, limit, 4000 if limit == "MAX_ENTRY_UNCOMPRESSED" else 20_000)
    report = verify_quietly(write(tmp_path / "h.zip", members.items()))
    assert_fails_at(report, "size")
    assert reason in report.failed.message_cn


def test_a_member_longer_than_its_header_says_fails_files(kit, tmp_path, verify_quietly):
    """The headers say the ledger's size and CRC, but its deflate stream goes on for 10
    MB of zeros: the read stops at the stated size instead of believing it."""
    members = kit.members()
    real = members[fmt.DATA]
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data + bytes(10 * 1024 * 1024) if name == fmt.DATA else data)
    data = bytearray(path.read_bytes())
    local = data.index(fmt.DATA.encode()) - 30
    central = central_record(bytes(data), fmt.DATA)
    for crc_at, size_at in ((local + 14, local + 22), (central + 16, central + 24)):
        data[crc_at:crc_at + 4] = struct.pack("<L", zlib.crc32(real))
        data[size_at:size_at + 4] = struct.pack("<L", len(real))
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:  # zipfile itself reads the stated size and is content
        assert zf.read(fmt.DATA) == real
    report = verify_quietly(path)
    assert_fails_at(report, "files")
    assert "超过了记载的大小" in report.failed.message_cn


# --- the structure ----------------------------------------------------------------------

def valid_bytes(kit, tmp_path) -> bytes:
    return write(tmp_path / "v.zip", kit.members().items()).read_bytes()


@pytest.mark.parametrize("how", ["prepended", "appended", "comment"])
def test_bytes_outside_the_zip_structure_fail_zip(kit, tmp_path, verify_quietly, how):
    data = valid_bytes(kit, tmp_path)
    if how == "prepended":
        data = b"MZ" + bytes(100) + data  # zipfile itself opens this (it allows for it)
    elif how == "appended":
        data += b"\0" * 10
    else:
        data = data[:-2] + struct.pack("<H", 5) + b"hello"
    (tmp_path / "h.zip").write_bytes(data)
    if how != "appended":
        zipfile.ZipFile(tmp_path / "h.zip").close()
    assert_fails_at(verify_quietly(tmp_path / "h.zip"), "zip")


def test_two_directory_entries_over_the_same_bytes_fail_zip(kit, tmp_path, verify_quietly):
    """The overlapping-file bomb: the directory lists the ledger's bytes twice."""
    data = valid_bytes(kit, tmp_path)
    at = central_record(data, fmt.DATA)
    nlen, elen, clen = struct.unpack_from("<3H", data, at + 28)
    record = data[at:at + 46 + nlen + elen + clen]
    eocd = len(data) - 22
    n_disk, n_total, cd_size, cd_offset = struct.unpack_from("<2H2L", data, eocd + 8)
    end = data[eocd:eocd + 8] + struct.pack("<2H2L", n_disk + 1, n_total + 1,
                                            cd_size + len(record), cd_offset) + data[-2:]
    (tmp_path / "h.zip").write_bytes(data[:eocd] + record + end)
    assert_fails_at(verify_quietly(tmp_path / "h.zip"), "zip")


def test_an_encrypted_member_fails_zip(kit, tmp_path, verify_quietly):
    data = bytearray(valid_bytes(kit, tmp_path))
    local = data.index(fmt.DATA.encode()) - 30
    central = central_record(bytes(data), fmt.DATA)
    data[local + 6] |= 0x01
    data[central + 8] |= 0x01
    (tmp_path / "h.zip").write_bytes(bytes(data))
    report = verify_quietly(tmp_path / "h.zip")
    assert_fails_at(report, "zip")
    assert "加密" in report.failed.message_cn


def test_an_unsupported_compression_fails_zip(kit, tmp_path, verify_quietly):
    path = tmp_path / "h.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as zf:
        for name, data in kit.members().items():
            zf.writestr(name, data)
    report = verify_quietly(path)
    assert_fails_at(report, "zip")
    assert "压缩方式" in report.failed.message_cn


def test_not_a_zip_at_all_fails_zip(tmp_path, verify_quietly):
    for content in (b"", b"PK", os.urandom(5000), b"%PDF-1.7\n" * 100):
        (tmp_path / "h.zip").write_bytes(content)
        assert_fails_at(verify_quietly(tmp_path / "h.zip"), "zip")


# --- what a valid zip may look like --------------------------------------------------------

class _Unseekable:
    """A write-only stream: zipfile then writes each member with a data descriptor."""

    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        return self.fh.write(data)

    def flush(self):
        self.fh.flush()

    def tell(self):
        raise OSError("unseekable")


def test_members_written_as_a_stream_with_data_descriptors_pass(kit, tmp_path, verify_quietly):
    path = tmp_path / "streamed.zip"
    with open(path, "wb") as fh, zipfile.ZipFile(_Unseekable(fh), "w") as zf:
        for name, data in kit.members().items():
            with zf.open(zipfile.ZipInfo(name), "w") as out:
                out.write(data)
    with zipfile.ZipFile(path) as zf:
        assert all(i.flag_bits & 0x08 for i in zf.infolist())
    assert verify_quietly(path, trust=kit.reg_a).authentic


def test_zip64_records_pass(kit, tmp_path, verify_quietly, monkeypatch):
    """A package past 4 GB or 65,535 entries has ZIP64 end records and extra fields;
    made small here by lowering zipfile's limits while writing."""
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 3)
    path = tmp_path / "z64.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in kit.members().items():
            with zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as out:
                out.write(data)
    monkeypatch.undo()
    assert b"PK\x06\x06" in path.read_bytes()[-200:]
    assert verify_quietly(path, trust=kit.reg_a).authentic
