"""A package's ZIP opened without trusting it: the `zip`, `names` and `size` checks of
docs/package-format.md, and members read as bounded, hashed streams.

Python's zipfile believes the central directory: it compares it with a local header
only when that member is read, lets two directory entries point at the same bytes (the
overlapping-file bomb), and reads as many bytes as a header claims, ignoring whatever
follows in the compressed stream.  So the structure is parsed here with struct, byte for
byte: the end record at the very end of the file, the central directory right before
it, and each local header at its offset, agreeing field by field with its directory
entry; members lie back to back from offset 0 to the directory, so no byte of the file is
outside a checked structure.  zipfile must then open the file and see the same entries.

A member is decompressed here too, from the bytes after its checked local header: what
comes out is counted, never believed, and the read stops at the caller's limit.
"""

from __future__ import annotations

import hashlib
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from govcredit_desktop.package import format as fmt

_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SIG = b"PK\x05\x06"
_Z64_LOCATOR = struct.Struct("<4sLQL")
_Z64_LOCATOR_SIG = b"PK\x06\x07"
_Z64_EOCD = struct.Struct("<4sQ2H2L4Q")
_Z64_EOCD_SIG = b"PK\x06\x06"
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_CENTRAL_SIG = b"PK\x01\x02"
_LOCAL = struct.Struct("<4s5H3L2H")
_LOCAL_SIG = b"PK\x03\x04"
_DESCRIPTOR_SIG = b"PK\x07\x08"
_ZIP64_EXTRA = 0x0001
_U16, _U32 = 0xFFFF, 0xFFFFFFFF

#: Flag bits a package may use: deflate options (1, 2), data descriptor (3), UTF-8 names
#: (11).  Encryption (0, 6, 13) and the rest are refused.
_FLAG_DESCRIPTOR = 0x0008
_FLAG_UTF8 = 0x0800
_ALLOWED_FLAGS = 0x0002 | 0x0004 | _FLAG_DESCRIPTOR | _FLAG_UTF8
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
#: ZIP64 is the newest feature a package may need (APPNOTE 4.5).
_MAX_VERSION_NEEDED = 45
#: Made on MS-DOS/Windows (0) or Unix (3), as Python's zipfile writes.
_SYSTEMS = {0, 3}
#: Far more entries than MAX_ENTRIES is not parsed at all (the `size` check names the
#: count for anything up to this); a directory holding them is bounded likewise.
_PARSE_ENTRIES = 4 * fmt.MAX_ENTRIES
_MAX_DIRECTORY_BYTES = 64 * 1024 ** 2
_DOS_DIRECTORY = 0x10
#: MS-DOS attributes a file may carry: read-only, hidden, system, archive.
_DOS_FILE_ATTRIBUTES = 0x01 | 0x02 | 0x04 | 0x20
_CHUNK = 1024 * 1024
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}
_WINDOWS_FORBIDDEN = set('<>:"|?*')


class ZipRefused(Exception):
    """The archive or a member is refused; ``str()`` is the Chinese reason."""


@dataclass(frozen=True)
class Entry:
    """One central directory entry, as its bytes say (sizes resolved through ZIP64)."""

    index: int
    raw_name: bytes
    name: str
    version_made: int
    version_needed: int
    flags: int
    method: int
    mtime: int
    mdate: int
    crc: int
    compressed: int
    size: int
    offset: int
    internal_attr: int
    external_attr: int

    @property
    def unix_mode(self) -> int:
        return self.external_attr >> 16


def shown(name: str, limit: int = 80) -> str:
    """A member's name fit to print: control characters escaped, long names cut."""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in name)
    return text if len(text) <= limit else text[:limit] + "…"


def _extras(data: bytes) -> dict[int, bytes]:
    """The extra field as {header id: data}; refused unless it parses exactly."""
    found: dict[int, bytes] = {}
    pos = 0
    while pos < len(data):
        if pos + 4 > len(data):
            raise ZipRefused("附加字段格式不对")
        key, length = struct.unpack_from("<2H", data, pos)
        pos += 4
        if pos + length > len(data) or key in found:
            raise ZipRefused("附加字段格式不对")
        found[key] = data[pos:pos + length]
        pos += length
    return found


def _zip64_values(extra: dict[int, bytes], wanted: list[str]) -> dict[str, int]:
    """The 8-byte values a ZIP64 extra field carries, in APPNOTE order, for the fields
    saturated in the header (``wanted``)."""
    data = extra.get(_ZIP64_EXTRA)
    if data is None:
        raise ZipRefused("缺少 ZIP64 附加字段")
    values = {}
    pos = 0
    for field in wanted:
        size = 4 if field == "disk" else 8
        if pos + size > len(data):
            raise ZipRefused("ZIP64 附加字段不完整")
        values[field] = int.from_bytes(data[pos:pos + size], "little")
        pos += size
    return values


class PackageZip:
    """A package file opened for checking; ``check_zip`` first, then the rest."""

    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.entries: list[Entry] = []
        self.members: dict[str, Entry] = {}
        self._zip: zipfile.ZipFile | None = None
        self._data_at: dict[int, int] = {}

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def _read_at(self, offset: int, length: int) -> bytes:
        self.fh.seek(offset)
        data = self.fh.read(length)
        if len(data) != length:
            raise ZipRefused("文件不完整（可能在复制时被截断）")
        return data

    # --- zip ----------------------------------------------------------------------------

    def check_zip(self) -> str:
        """The end record, the directory and every local header agree; zipfile sees the
        same.  Returns what was found; ZipRefused says what is wrong."""
        self.fh.seek(0, 2)
        file_size = self.fh.tell()
        if file_size < _EOCD.size:
            raise ZipRefused("文件太短，不是 ZIP 压缩包")
        cd_offset, cd_size, count, cd_end = self._end_record(file_size)
        if count > _PARSE_ENTRIES:
            raise ZipRefused(f"压缩包目录记载了 {count} 个文件，远超上限 {fmt.MAX_ENTRIES}，"
                             "不予读取")
        if cd_size > _MAX_DIRECTORY_BYTES:
            raise ZipRefused("压缩包目录大得异常，不予读取")
        if cd_offset + cd_size != cd_end:
            raise ZipRefused("压缩包目录的位置与结尾记录不符")
        self.entries = self._directory(self._read_at(cd_offset, cd_size), count)
        self._local_headers(cd_offset)
        self._open_with_zipfile()
        for entry in self.entries:
            self.members.setdefault(entry.name, entry)
        return f"共 {len(self.entries)} 个文件，目录与各文件头一致"

    def _end_record(self, file_size: int) -> tuple[int, int, int, int]:
        """(directory offset, directory size, entry count, where the directory must end).
        The end record must be the file's last 22 bytes: no comment, nothing appended."""
        eocd_at = file_size - _EOCD.size
        (sig, disk, cd_disk, n_disk, n_total, cd_size, cd_offset,
         comment) = _EOCD.unpack(self._read_at(eocd_at, _EOCD.size))
        if sig != _EOCD_SIG:
            tail = self._read_at(max(0, file_size - 65_557), min(file_size, 65_557))
            found = tail.rfind(_EOCD_SIG)
            if found >= 0 and len(tail) - found < _EOCD.size:
                raise ZipRefused("文件不完整（可能在复制时被截断）")
            if found >= 0:
                raise ZipRefused("压缩包结尾之后还有多余的数据或注释")
            raise ZipRefused("不是 ZIP 压缩包，或文件不完整（找不到压缩包目录）")
        if comment != 0:
            raise ZipRefused("压缩包结尾记录的注释长度不对")
        if disk != 0 or cd_disk != 0 or n_disk != n_total:
            raise ZipRefused("分卷压缩包不受支持")
        locator_at = eocd_at - _Z64_LOCATOR.size
        has_locator = locator_at >= 0 and self._read_at(locator_at, 4) == _Z64_LOCATOR_SIG
        if not has_locator:
            if _U16 in (n_total,) or _U32 in (cd_size, cd_offset):
                raise ZipRefused("压缩包结尾记录不完整（缺少 ZIP64 记录）")
            return cd_offset, cd_size, n_total, eocd_at
        sig, z_disk, z_at, disks = _Z64_LOCATOR.unpack(self._read_at(locator_at,
                                                                     _Z64_LOCATOR.size))
        if z_disk != 0 or disks != 1 or z_at + _Z64_EOCD.size != locator_at:
            raise ZipRefused("ZIP64 结尾记录的位置不对")
        (sig, rec_size, _made, _needed, disk64, cd_disk64, n_disk64, n_total64, cd_size64,
         cd_offset64) = _Z64_EOCD.unpack(self._read_at(z_at, _Z64_EOCD.size))
        if sig != _Z64_EOCD_SIG or rec_size != _Z64_EOCD.size - 12:
            raise ZipRefused("ZIP64 结尾记录格式不对")
        if disk64 != 0 or cd_disk64 != 0 or n_disk64 != n_total64:
            raise ZipRefused("分卷压缩包不受支持")
        # The short record's fields are the real values or saturated, as zipfile writes.
        for short, long, full in ((n_total, n_total64, _U16), (cd_size, cd_size64, _U32),
                                  (cd_offset, cd_offset64, _U32)):
            if short != min(long, full):
                raise ZipRefused("ZIP64 结尾记录与普通结尾记录不一致")
        return cd_offset64, cd_size64, n_total64, z_at

    def _directory(self, data: bytes, count: int) -> list[Entry]:
        entries = []
        pos = 0
        for index in range(count):
            if pos + _CENTRAL.size > len(data):
                raise ZipRefused("压缩包目录不完整")
            (sig, made, needed, flags, method, mtime, mdate, crc, csize, usize, nlen, elen,
             clen, disk, iattr, eattr, offset) = _CENTRAL.unpack_from(data, pos)
            if sig != _CENTRAL_SIG:
                raise ZipRefused("压缩包目录格式不对")
            pos += _CENTRAL.size
            if pos + nlen + elen + clen > len(data):
                raise ZipRefused("压缩包目录不完整")
            raw = data[pos:pos + nlen]
            extra = _extras(data[pos + nlen:pos + nlen + elen])
            pos += nlen + elen + clen
            if clen:
                raise ZipRefused("压缩包中的文件带有注释")
            wanted = [f for f, v in (("size", usize), ("compressed", csize),
                                     ("offset", offset)) if v == _U32]
            if disk == _U16:
                wanted.append("disk")
            if wanted:
                z64 = _zip64_values(extra, wanted)
                usize = z64.get("size", usize)
                csize = z64.get("compressed", csize)
                offset = z64.get("offset", offset)
                disk = z64.get("disk", disk)
            entries.append(self._entry(index, raw, made, needed, flags, method, mtime, mdate,
                                       crc, csize, usize, offset, disk, iattr, eattr))
        if pos != len(data):
            raise ZipRefused("压缩包目录的大小与记载的文件数不符")
        return entries

    @staticmethod
    def _entry(index, raw, made, needed, flags, method, mtime, mdate, crc, csize, usize,
               offset, disk, iattr, eattr) -> Entry:
        if flags & ~_ALLOWED_FLAGS:
            encrypted = flags & 0x2041
            raise ZipRefused("压缩包中的文件经过加密，无法核验" if encrypted
                             else "压缩包使用了不支持的标志位")
        if method not in _METHODS:
            raise ZipRefused(f"压缩包使用了不支持的压缩方式（{method}）")
        if method == zipfile.ZIP_STORED and csize != usize:
            raise ZipRefused("未压缩文件的大小记载不一致")
        if disk != 0:
            raise ZipRefused("分卷压缩包不受支持")
        if needed > _MAX_VERSION_NEEDED or made >> 8 not in _SYSTEMS \
                or (made & 0xFF) > 63 or iattr & ~1:
            raise ZipRefused("压缩包目录中的版本或属性字段不合规范")
        try:
            name = raw.decode("utf-8") if flags & _FLAG_UTF8 else raw.decode("cp437")
        except UnicodeDecodeError:
            raise ZipRefused("文件名标记为 UTF-8，却不是有效的 UTF-8") from None
        return Entry(index, raw, name, made, needed, flags, method, mtime, mdate, crc, csize,
                     usize, offset, iattr, eattr)

    def _local_headers(self, cd_offset: int) -> None:
        """Each local header agrees with its directory entry, and the members lie back to
        back from offset 0 to the directory: no gap, no overlap, nothing prepended."""
        position = 0
        for entry in sorted(self.entries, key=lambda e: e.offset):
            where = f"“{shown(entry.name)}”"
            if entry.offset != position:
                raise ZipRefused(f"{where}的位置与前一个文件的结尾不衔接（数据重叠或有空隙）"
                                 if position else "压缩包开头有多余的数据")
            if entry.offset + _LOCAL.size > cd_offset:
                raise ZipRefused(f"{where}的文件头超出了数据区")
            (sig, needed, flags, method, mtime, mdate, crc, csize, usize, nlen,
             elen) = _LOCAL.unpack(self._read_at(entry.offset, _LOCAL.size))
            if sig != _LOCAL_SIG:
                raise ZipRefused(f"压缩包目录指向{where}的位置不是文件头")
            raw = self._read_at(entry.offset + _LOCAL.size, nlen + elen)
            extra = _extras(raw[nlen:])
            if raw[:nlen] != entry.raw_name:
                raise ZipRefused(f"{where}在目录中与文件头中的名字不同")
            if (needed, flags, method, mtime, mdate) != (entry.version_needed, entry.flags,
                                                        entry.method, entry.mtime, entry.mdate):
                raise ZipRefused(f"{where}在目录中与文件头中的版本、标志、压缩方式或时间不同")
            zip64 = _U32 in (csize, usize)
            if zip64:
                values = _zip64_values(extra, ["size", "compressed"])
                usize, csize = values["size"], values["compressed"]
            described = (crc, csize, usize) == (0, 0, 0) and flags & _FLAG_DESCRIPTOR
            if not described and (crc, csize, usize) != (entry.crc, entry.compressed,
                                                         entry.size):
                raise ZipRefused(f"{where}在目录中与文件头中的大小或校验值不同")
            self._data_at[entry.index] = entry.offset + _LOCAL.size + nlen + elen
            position = self._data_at[entry.index] + entry.compressed
            if flags & _FLAG_DESCRIPTOR:
                position = self._descriptor(entry, position, zip64, where)
            if position > cd_offset:
                raise ZipRefused(f"{where}的数据超出了数据区（文件可能被截断）")
        if position != cd_offset:
            raise ZipRefused("最后一个文件与压缩包目录之间有多余的数据")

    def _descriptor(self, entry: Entry, at: int, zip64: bool, where: str) -> int:
        """The data descriptor after a member written as a stream; returns where it ends."""
        wide = zip64 or entry.size >= _U32 or entry.compressed >= _U32
        body = 20 if wide else 12
        head = self._read_at(at, 4)
        if head == _DESCRIPTOR_SIG:
            at += 4
        data = self._read_at(at, body)
        crc = int.from_bytes(data[:4], "little")
        half = (body - 4) // 2
        csize = int.from_bytes(data[4:4 + half], "little")
        usize = int.from_bytes(data[4 + half:], "little")
        if (crc, csize, usize) != (entry.crc, entry.compressed, entry.size):
            raise ZipRefused(f"{where}的数据描述符与目录不一致")
        return at + body

    def _open_with_zipfile(self) -> None:
        try:
            self.fh.seek(0)
            self._zip = zipfile.ZipFile(self.fh)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                struct.error, NotImplementedError, UnicodeDecodeError, OverflowError) as exc:
            raise ZipRefused(f"无法作为 ZIP 压缩包打开（{type(exc).__name__}）") from None
        if len(infos) != len(self.entries):
            raise ZipRefused("压缩包目录解析结果不一致")
        for info, entry in zip(infos, self.entries, strict=True):
            if (info.orig_filename, info.header_offset, info.compress_size, info.file_size,
                    info.CRC) != (entry.name, entry.offset, entry.compressed, entry.size,
                                  entry.crc):
                raise ZipRefused(f"“{shown(entry.name)}”的目录记录解析结果不一致")

    # --- names --------------------------------------------------------------------------

    def check_names(self) -> str:
        seen: dict[str, str] = {}
        for entry in self.entries:
            problem = name_problem(entry)
            if problem:
                raise ZipRefused(f"“{shown(entry.name)}”{problem}")
            key = unicodedata.normalize("NFC", unicodedata.normalize("NFC", entry.name)
                                        .casefold())
            if key in seen:
                other = seen[key]
                if other == entry.name:
                    raise ZipRefused(f"“{shown(entry.name)}”在压缩包中出现了不止一次")
                raise ZipRefused(f"“{shown(entry.name)}”与“{shown(other)}”只有大小写或"
                                 "字符组合方式不同，解压到 Windows 上会互相覆盖")
            seen[key] = entry.name
        return "没有绝对路径、“..”、链接、文件夹条目、重名或仅大小写不同的文件名"

    # --- size ---------------------------------------------------------------------------

    def check_size(self) -> str:
        if len(self.entries) > fmt.MAX_ENTRIES:
            raise ZipRefused(f"压缩包中有 {len(self.entries)} 个文件，超过上限"
                             f" {fmt.MAX_ENTRIES} 个")
        total = 0
        for entry in self.entries:
            where = f"“{shown(entry.name)}”"
            if entry.size > fmt.MAX_ENTRY_UNCOMPRESSED:
                raise ZipRefused(f"{where}解压后有 {readable(entry.size)}，超过单个文件上限"
                                 f" {readable(fmt.MAX_ENTRY_UNCOMPRESSED)}")
            if entry.size > fmt.MAX_RATIO * max(entry.compressed, 1):
                raise ZipRefused(f"{where}的压缩比超过 {fmt.MAX_RATIO}:1"
                                 f"（{readable(entry.compressed)} 解压为 {readable(entry.size)}），"
                                 "疑似“压缩炸弹”")
            total += entry.size
        if total > fmt.MAX_TOTAL_UNCOMPRESSED:
            raise ZipRefused(f"解压后共 {readable(total)}，超过上限"
                             f" {readable(fmt.MAX_TOTAL_UNCOMPRESSED)}")
        return f"{len(self.entries)} 个文件，解压后共 {readable(total)}，均在限度之内"

    # --- reading ------------------------------------------------------------------------

    def stream(self, name: str, limit: int, sink: Callable[[bytes], None]) -> tuple[int, str]:
        """Feed the member's bytes to ``sink`` in chunks; (bytes read, SHA-256 hex).

        Decompressed here from the bytes the local header was checked to precede, not by
        zipfile, which would stop at the header's size and ignore what follows: bytes are
        counted as they come out and the read stops with ZipRefused past ``limit`` or
        the directory's size; the deflate stream must end exactly where the member's
        data ends, and the CRC-32 must match."""
        entry = self.members[name]
        where = f"“{shown(name)}”"
        bound = min(limit, entry.size)
        digest = hashlib.sha256()
        state = {"count": 0, "crc": 0}

        def emit(data: bytes) -> None:
            if not data:
                return
            state["count"] += len(data)
            if state["count"] > bound:
                raise ZipRefused(f"{where}的内容超过了"
                                 f"{'记载的大小' if bound == entry.size else '上限'}")
            state["crc"] = zlib.crc32(data, state["crc"])
            digest.update(data)
            sink(data)

        inflater = zlib.decompressobj(-15) if entry.method == zipfile.ZIP_DEFLATED else None
        remaining = entry.compressed
        self.fh.seek(self._data_at[entry.index])
        try:
            while remaining:
                raw = self.fh.read(min(_CHUNK, remaining))
                if not raw:
                    raise ZipRefused(f"{where}的数据不完整（文件可能被截断）")
                remaining -= len(raw)
                if inflater is None:
                    emit(raw)
                    continue
                while raw and not inflater.eof:
                    emit(inflater.decompress(raw, _CHUNK))
                    raw = inflater.unconsumed_tail
                if inflater.eof and (remaining or inflater.unused_data):
                    raise ZipRefused(f"{where}的压缩数据之后还有多余的字节")
            if inflater is not None:
                if not inflater.eof:
                    emit(inflater.flush())
                if not inflater.eof:
                    raise ZipRefused(f"{where}的压缩数据不完整，无法解压")
        except zlib.error:
            raise ZipRefused(f"{where}已损坏，无法解压") from None
        except OSError as exc:
            raise ZipRefused(f"读取{where}时出错（{type(exc).__name__}），"
                             "U 盘可能已拔出或已损坏") from None
        if state["count"] != entry.size:
            raise ZipRefused(f"{where}的内容比记载的短（文件已损坏）")
        if state["crc"] != entry.crc:
            raise ZipRefused(f"{where}的 CRC-32 校验值不符（文件已损坏）")
        return state["count"], digest.hexdigest()

    def read(self, name: str, limit: int,
             on_chunk: Callable[[bytes], None] | None = None) -> bytes:
        """The whole member, for those held in memory (manifest, data, a PDF)."""
        entry = self.members[name]
        if entry.size > limit:
            raise ZipRefused(f"“{shown(name)}”有 {readable(entry.size)}，超过上限"
                             f" {readable(limit)}")
        parts: list[bytes] = []

        def sink(chunk: bytes) -> None:
            parts.append(chunk)
            if on_chunk is not None:
                on_chunk(chunk)

        self.stream(name, limit, sink)
        return b"".join(parts)


def name_problem(entry: Entry) -> str | None:
    """Why a member's name or type is refused (to follow the quoted name), or None."""
    name = entry.name
    mode = entry.unix_mode
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        return "是符号链接"
    if name.endswith("/") or kind == stat.S_IFDIR or entry.external_attr & _DOS_DIRECTORY:
        return "是文件夹条目"
    if kind not in (0, stat.S_IFREG):
        return "不是普通文件"
    if mode & (stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX) \
            or entry.external_attr & 0xFFFF & ~_DOS_FILE_ATTRIBUTES:
        return "带有普通文件不应有的属性"
    if not entry.flags & _FLAG_UTF8 and not entry.raw_name.isascii():
        return "的文件名未标明 UTF-8 编码"
    if not name:
        return "文件名为空"
    if any(not ch.isprintable() for ch in name):
        return "的文件名含有控制字符"
    if "\\" in name:
        return "的文件名含有反斜杠"
    if name.startswith("/"):
        return "是绝对路径"
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        return "带有盘符"
    parts = name.split("/")
    if ".." in parts:
        return "含有“..”（指向上级文件夹）"
    if any(part in ("", ".") for part in parts):
        return "的路径中有空的或“.”的部分"
    for part in parts:
        if _WINDOWS_FORBIDDEN & set(part):
            return "的文件名含有 Windows 不允许的字符"
        if part[-1] in " .":
            return "的文件名以空格或句点结尾"
        if part.split(".")[0].upper() in _WINDOWS_RESERVED:
            return "的文件名是 Windows 保留的设备名"
    return None


def readable(size: int) -> str:
    for unit, factor in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} 字节"
