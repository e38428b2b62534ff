"""Random damage to a valid package: verify never raises, and never passes a package
whose content changed.

"Never passes" is exact for every byte that carries content (a member's bytes, its
name, its sizes and CRC, where it lies) and for every field the zip writes twice: the
local header and the directory are compared field by field, and a PDF whose signature's
zero padding is hit is caught by `files`.  A few bytes of the zip carry no content at
all: a member's Unix permission bits, whether MS-DOS or Unix "made" it, the unused
padding bits in a deflate stream's last byte.  A change there leaves every member
the same bytes under the same name, and a verifier that passed such a package would be
right; so the property is: a package that passes reads back exactly as it was made.
"""

import struct
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcredit_desktop.package import format as fmt
from govcredit_desktop.package.verify import verify_package
from tests.package.conftest import read_zip, write_zip


@pytest.fixture(scope="module")
def valid(kit, tmp_path_factory):
    folder = tmp_path_factory.mktemp("flips")
    path = write_zip(folder / "valid.zip", kit.members())
    assert verify_package(path, trust=kit.reg_a).authentic
    return folder, path.read_bytes(), read_zip(path)


def passes_only_unchanged(folder, data: bytes, original: dict, trust) -> bool:
    """Verify the damaged bytes; True when it passed (and then nothing had changed)."""
    path = folder / "flipped.zip"
    path.write_bytes(data)
    report = verify_package(path, trust=trust)
    assert [c.name for c in report.checks][0] == "zip"
    if not report.ok:
        assert report.failed is not None and report.failed.message_cn
        return False
    with zipfile.ZipFile(path) as zf:
        names = [i.orig_filename for i in zf.infolist()]
        assert names == list(original)
        assert {n: zf.read(n) for n in names} == original
    return True


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_bytes_flipped_never_pass_a_changed_package(valid, kit, data):
    folder, good, original = valid
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(good) - 1), st.integers(1, 255)),
                               min_size=1, max_size=3, unique_by=lambda f: f[0]))
    damaged = bytearray(good)
    for at, mask in flips:
        damaged[at] ^= mask
    passes_only_unchanged(folder, bytes(damaged), original, kit.reg_a)


def header_bytes(good: bytes, names: tuple[str, ...]) -> list[int]:
    """The positions of the local header and the directory record (with their names) of
    each member in ``names``, and of the end record."""
    cd_offset = struct.unpack_from("<L", good, len(good) - 6)[0]
    positions = list(range(len(good) - 22, len(good)))
    at = cd_offset
    while good[at:at + 4] == b"PK\x01\x02":
        nlen, elen, clen = struct.unpack_from("<3H", good, at + 28)
        local = struct.unpack_from("<L", good, at + 42)[0]
        if good[at + 46:at + 46 + nlen].decode() in names:
            lnlen, lelen = struct.unpack_from("<2H", good, local + 26)
            positions += range(at, at + 46 + nlen + elen + clen)
            positions += range(local, local + 30 + lnlen + lelen)
        at += 46 + nlen + elen + clen
    return positions


def test_each_header_byte_flipped_never_passes_a_changed_package(valid, kit):
    """Every byte of the headers of a deflated and a stored member and of the end
    record, each flipped in turn (all its bits)."""
    folder, good, original = valid
    positions = header_bytes(good, (fmt.DATA, fmt.PDFS["plan"]))
    assert len(positions) > 250
    passed = [at for at in positions
              if passes_only_unchanged(folder, good[:at] + bytes([good[at] ^ 0xFF])
                                       + good[at + 1:], original, kit.reg_a)]
    # Only the permission bits (rw-r--r-- → -wxrwxrwx) of each of the two members.
    assert len(passed) <= 2, passed
