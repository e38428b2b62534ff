"""Safe writing to removable media, and finding the sticks.

The full stick is real: a 2 MB tmpfs mounted for the test (root only; skipped with the
reason elsewhere), remounted read-only for the write-protected case.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.package import media
from tests.package.ledgers import small_stick


def make_zip(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("evidence/a.bin", os.urandom(size))
        zf.writestr("manifest.json", b"{}")
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_written_read_back_and_named(tmp_path):
    source = make_zip(tmp_path / "built.zip", 300_000)
    stick = tmp_path / "stick"
    stick.mkdir()
    seen = []
    written = media.write_verified(source, stick, "包.zip",
                                   progress=lambda d, t: seen.append((d, t)))
    assert written.path == stick / "包.zip" and leftovers(stick) == ["包.zip"]
    assert written.path.read_bytes() == source.read_bytes()
    assert written.size == source.stat().st_size
    assert written.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    done = [d for d, _ in seen]
    assert seen[-1][0] == seen[-1][1] and done == sorted(done)
    # A second package of the same name never replaces the first.
    again = media.write_verified(source, stick, "包.zip")
    assert again.path.name == "包 (2).zip" and leftovers(stick) == ["包 (2).zip", "包.zip"]


def test_a_read_back_that_differs_leaves_nothing(tmp_path, monkeypatch):
    source = make_zip(tmp_path / "built.zip", 100_000)
    stick = tmp_path / "stick"
    stick.mkdir()
    real_copy = media._copy

    def flaky_stick(src, target, tick):
        real_copy(src, target, tick)
        with open(target, "r+b") as fh:  # one byte lost on the way to the medium
            fh.seek(5000)
            byte = fh.read(1)
            fh.seek(5000)
            fh.write(bytes([byte[0] ^ 1]))

    monkeypatch.setattr(media, "_copy", flaky_stick)
    with pytest.raises(media.ReadBackFailed, match="读回校验失败"):
        media.write_verified(source, stick, "包.zip")
    assert leftovers(stick) == []


def test_a_zip_that_does_not_check_leaves_nothing(tmp_path):
    source = tmp_path / "built.zip"
    source.write_bytes(b"PK\x03\x04 not really a zip")
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(media.ReadBackFailed, match="压缩包已损坏"):
        media.write_verified(source, stick, "包.zip")
    assert leftovers(stick) == []


def test_check_zip_reads_every_member_with_its_crc(tmp_path):
    path = make_zip(tmp_path / "p.zip", 1000)
    media.check_zip(path, None, ["evidence/a.bin", "manifest.json"])
    with pytest.raises(media.ReadBackFailed, match="文件与写入的不一致"):
        media.check_zip(path, None, ["evidence/a.bin", "manifest.json", "extra"])
    data = bytearray(path.read_bytes())
    start = data.index(b"evidence/a.bin") + len(b"evidence/a.bin") + 10
    data[start] ^= 0xFF  # inside the stored member: its CRC no longer matches
    path.write_bytes(bytes(data))
    with pytest.raises(media.ReadBackFailed, match="压缩包已损坏"):
        media.check_zip(path)


@pytest.mark.parametrize("change", ["shorter", "longer"])
def test_a_read_back_of_another_length_fails(tmp_path, monkeypatch, change):
    source = make_zip(tmp_path / "built.zip", 10_000)
    stick = tmp_path / "stick"
    stick.mkdir()
    real_copy = media._copy

    def other_length(src, target, tick):
        real_copy(src, target, tick)
        with open(target, "r+b") as fh:
            if change == "shorter":
                fh.truncate(5000)
            else:
                fh.seek(0, 2)
                fh.write(b"tail")

    monkeypatch.setattr(media, "_copy", other_length)
    with pytest.raises(media.ReadBackFailed):
        media.write_verified(source, stick, "包.zip")
    assert leftovers(stick) == []


def test_a_missing_folder_says_the_stick_may_be_gone(tmp_path):
    source = make_zip(tmp_path / "built.zip", 100)
    with pytest.raises(UserError, match="U 盘可能已拔出"):
        media.write_verified(source, tmp_path / "E盘", "包.zip")


def test_a_stick_pulled_out_during_the_write(tmp_path, monkeypatch):
    source = make_zip(tmp_path / "built.zip", 3_000_000)
    stick = tmp_path / "stick"
    stick.mkdir()

    def pulled(n):
        shutil.rmtree(stick)  # the folder vanishes under the write, as a pulled stick's does

    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == 1:
            pulled(done)

    with pytest.raises(UserError) as caught:
        media.write_verified(source, stick, "包.zip", progress=progress)
    assert "U 盘可能已拔出" in str(caught.value)
    assert not stick.exists()


def test_cancel_leaves_nothing(tmp_path):
    source = make_zip(tmp_path / "built.zip", 3_000_000)
    stick = tmp_path / "stick"
    stick.mkdir()
    calls = []
    with pytest.raises(Cancelled):
        media.write_verified(source, stick, "包.zip", cancelled=lambda: calls.append(1) or
                             len(calls) > 2)
    assert leftovers(stick) == []


# --- a real small stick: tmpfs ----------------------------------------------------------

def test_a_full_stick_is_refused_before_writing(tmp_path):
    source = make_zip(tmp_path / "built.zip", 3 * 1024 * 1024)
    with small_stick(tmp_path / "stick") as stick:
        with pytest.raises(UserError, match="空间不足") as caught:
            media.write_verified(source, stick, "包.zip")
        assert "需要 4.0 MB" in str(caught.value)
        assert leftovers(stick) == []


def test_a_stick_that_fills_up_mid_write_leaves_no_zip(tmp_path, monkeypatch):
    source = make_zip(tmp_path / "built.zip", 3 * 1024 * 1024)
    with small_stick(tmp_path / "stick") as stick:
        # The stick says it has room (as a FAT stick's free count can be stale); the
        # write itself then runs out of space: ENOSPC, for real.
        real = shutil.disk_usage
        monkeypatch.setattr(media.shutil, "disk_usage",
                            lambda p: real(p)._replace(free=10 ** 10))
        with pytest.raises(UserError, match="磁盘空间不足") as caught:
            media.write_verified(source, stick, "包.zip")
        assert "本次未写入任何内容" in str(caught.value)
        assert leftovers(stick) == []  # neither the .zip nor the temporary file


def test_a_write_protected_stick(tmp_path):
    source = make_zip(tmp_path / "built.zip", 1000)
    with small_stick(tmp_path / "stick") as stick:
        done = subprocess.run(["mount", "-o", "remount,ro", str(stick)], capture_output=True)
        if done.returncode:
            pytest.skip("remount read-only is not permitted here")
        with pytest.raises(UserError, match="只读") as caught:
            media.write_verified(source, stick, "包.zip")
        assert "写保护" in str(caught.value)
        assert leftovers(stick) == []


# --- the removable drives -----------------------------------------------------------------

def _link(path: Path, target: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _fake_disk(root: Path, disk: str, removable: bool, bus: str = "pci0000:00/usb1") -> None:
    """/sys as the kernel lays it out: /sys/block/<disk> and /sys/class/block/<part> are
    relative links into /sys/devices/…/block/<disk>[/<part>]."""
    device = root / "sys" / "devices" / bus / "block" / disk
    part = device / f"{disk}1" if not disk.startswith("mmcblk") else device / f"{disk}p1"
    part.mkdir(parents=True)
    (part / "partition").write_text("1\n")
    (device / "removable").write_text("1\n" if removable else "0\n")
    _link(root / "sys" / "block" / disk, f"../devices/{bus}/block/{disk}")
    _link(root / "sys" / "class" / "block" / disk, f"../../devices/{bus}/block/{disk}")
    _link(root / "sys" / "class" / "block" / part.name,
          f"../../devices/{bus}/block/{disk}/{part.name}")
    dev = root / "dev"
    dev.mkdir(exist_ok=True)
    for name in (disk, part.name):
        (dev / name).touch()


def fake_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    _fake_disk(root, "sda", removable=False, bus="pci0000:00/ata1")  # the PC's own disk
    _fake_disk(root, "sdb", removable=True)  # a stick that says it is removable
    _fake_disk(root, "sdc", removable=False)  # a USB hard disk: removable=0, by-id usb-
    _fake_disk(root, "sdd", removable=False, bus="pci0000:00/ata2")  # automounted by desktop
    _fake_disk(root, "mmcblk0", removable=True, bus="platform/mmc0")  # an SD card
    by_id = root / "dev" / "disk" / "by-id"
    _link(by_id / "usb-WD_Elements_1234-0:0-part1", "../../sdc1")
    _link(by_id / "ata-Samsung_SSD_860-part2", "../../sda2")
    _link(root / "dev" / "disk" / "by-label" / "KINGSTON\\x20USB", "../../sdb1")
    _link(root / "dev" / "disk" / "by-uuid" / "1234-ABCD", "../../mmcblk0p1")
    mounts = [
        "/dev/sda2 / ext4 rw,relatime 0 0",
        "proc /proc proc rw 0 0",
        "/dev/sdb1 /media/clerk/KINGSTON\\040USB vfat rw,nosuid 0 0",
        "/dev/sdc1 /mnt/usb\\040disk exfat rw 0 0",
        "/dev/sdd1 /run/media/clerk/DATA ntfs3 rw 0 0",
        "/dev/disk/by-uuid/1234-ABCD /mnt/card vfat rw 0 0",
        "tmpfs /media/ramdisk tmpfs rw 0 0",
        "/dev/sdb1 /media/clerk/KINGSTON\\040USB vfat rw,nosuid 0 0",  # mounted twice
        "/dev/sde1 /media/clerk/GONE vfat rw 0 0",  # listed, folder gone: pulled out
    ]
    (root / "proc" / "self").mkdir(parents=True)
    (root / "proc" / "self" / "mounts").write_text("\n".join(mounts) + "\n")
    for mount in ("media/clerk/KINGSTON USB", "mnt/usb disk", "run/media/clerk/DATA",
                  "mnt/card", "media/ramdisk"):
        (root / mount).mkdir(parents=True)
    return root


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux layout of /proc and /sys")
def test_linux_removable_drives_from_mounts_and_sysfs(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    root = fake_root(tmp_path)
    drives = media.removable_drives(root)
    assert [(d.path.relative_to(root).as_posix(), d.label) for d in drives] == [
        ("media/clerk/KINGSTON USB", "KINGSTON USB"),  # removable=1, label from by-label
        ("mnt/usb disk", "usb disk"),  # a USB disk through /dev/disk/by-id/usb-*
        ("run/media/clerk/DATA", "DATA"),  # under /run/media: the desktop mounted it
        ("mnt/card", "card"),  # by-uuid link resolved to mmcblk0p1, removable=1
    ]
    assert all(d.free_bytes > 0 for d in drives)


def test_removable_drives_never_raise(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert media.removable_drives(tmp_path / "nothing") == []
    (tmp_path / "proc" / "self").mkdir(parents=True)
    (tmp_path / "proc" / "self" / "mounts").write_bytes(b"\xff\xfe garbage \x00\n\n/dev/\n")
    assert media.removable_drives(tmp_path) == []
    monkeypatch.setattr(sys, "platform", "win32")  # no ctypes.windll here: [] not a crash
    assert media.removable_drives() == []
    monkeypatch.setattr(sys, "platform", "sunos5")
    assert media.removable_drives() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads this machine's /proc")
def test_the_machine_the_tests_run_on():
    # The real /proc and /sys, read without the net that removable_drives() spreads: a
    # parsing mistake shows here as an exception, and every drive found exists.
    for drive in media._linux_drives(Path("/")):
        assert drive.path.is_dir() and drive.free_bytes >= 0


def test_size_text():
    assert media.size_text(1536) == "1.5 KB"
    assert media.size_text(5 * 1024 * 1024) == "5.0 MB"
    assert media.size_text(3 * 1024 ** 3) == "3.00 GB"


class _FakeKernel32:
    """What Windows answers for C: (fixed), D: (a card reader without a card), E: and G:
    (USB sticks, one without a label), F: (a network share)."""

    TYPES = {"C": 3, "D": 2, "E": 2, "F": 4, "G": 2}
    LABELS = {"E": "金士顿 U盘", "G": ""}

    def __init__(self):
        self.modes = []

    def SetErrorMode(self, mode):  # noqa: N802 - the Win32 names
        self.modes.append(mode)
        return 0x8000 if len(self.modes) == 1 else mode

    def GetLogicalDrives(self):  # noqa: N802
        return sum(1 << (ord(letter) - ord("A")) for letter in self.TYPES)

    def GetDriveTypeW(self, root):  # noqa: N802
        return self.TYPES[root.value[0]]

    def GetVolumeInformationW(self, root, label, *_rest):  # noqa: N802
        letter = root.value[0]
        if letter not in self.LABELS:
            return 0  # no medium in the drive
        label.value = self.LABELS[letter]
        return 1


def test_windows_offers_the_removable_drives_with_a_medium(monkeypatch):
    import ctypes

    kernel32 = _FakeKernel32()
    monkeypatch.setattr(ctypes, "windll", type("windll", (), {"kernel32": kernel32}),
                        raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(media.shutil, "disk_usage",
                        lambda root: shutil._ntuple_diskusage(64 << 30, 1 << 30, 63 << 30))
    drives = media.removable_drives()
    assert [(str(d.path), d.label) for d in drives] == [
        (str(Path("E:\\")), "金士顿 U盘"), (str(Path("G:\\")), "可移动磁盘")]
    assert all(d.free_bytes == 63 << 30 for d in drives)
    # "插入磁盘" prompts off while asking, and the caller's error mode put back.
    assert kernel32.modes == [1, 0x8000]
