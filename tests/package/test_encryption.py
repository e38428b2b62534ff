"""Encrypted packages (docs/package-format.md, "Encrypted packages (age)"): the county's
key and recipient file, streamed encryption and decryption, and what is refused."""

import json
import os
import shutil
import subprocess
import tracemalloc

import pytest

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package import encryption
from govcredit_desktop.package.verify import EncryptedPackage, verify_encrypted, verify_package

AGE = shutil.which("age")
needs_age = pytest.mark.skipif(AGE is None, reason="Debian's age tool is not installed "
                               "(apt-get install age; run.py installs it for the tests)")
OFFICE = "某县社会信用体系建设领导小组办公室"


@pytest.fixture(scope="module")
def county():
    return encryption.generate_identity()


@pytest.fixture
def sealed(kit, county, tmp_path):
    """A valid package of department A, and the same encrypted to the county."""
    plain = kit.package(tmp_path / "某局-专项治理-20211202-101500.zip")
    age_file = tmp_path / encryption.encrypted_name(plain.name)
    encryption.encrypt_file(plain, age_file, county.recipient)
    return plain, age_file


def test_a_generated_key_pair_is_age_x25519(county):
    assert county.identity.startswith("AGE-SECRET-KEY-1") and len(county.identity) == 74
    assert county.recipient.startswith("age1") and len(county.recipient) == 62
    assert encryption.recipient_of(county.identity) == county.recipient
    assert encryption.generate_identity().recipient != county.recipient


def test_round_trip_verifies_the_package_inside(sealed, county, kit):
    plain, age_file = sealed
    assert age_file.name.endswith(".zip.age") and encryption.is_encrypted(age_file)
    assert not encryption.is_encrypted(plain)
    assert plain.read_bytes() not in age_file.read_bytes()
    with encryption.decrypted(age_file, county.identity) as out:
        assert out.read_bytes() == plain.read_bytes()
        folder = out.parent
    assert not folder.exists()  # the temporary folder goes with the block
    report = verify_encrypted(age_file, county.identity, trust=kit.reg_a)
    assert report.authentic and report.encrypted and report.package == str(age_file)
    assert report.as_json()["encrypted"] is True
    assert "已用县信用办的私钥解密" in "\n".join(report.lines())


def test_an_encrypted_package_without_the_key_says_who_can_open_it(sealed):
    _plain, age_file = sealed
    with pytest.raises(EncryptedPackage, match="加密报送包.*县信用办.*--identity"):
        verify_package(age_file)


def test_another_offices_key_is_refused(sealed, tmp_path):
    _plain, age_file = sealed
    other = encryption.generate_identity()
    with pytest.raises(encryption.NotDecryptable, match=encryption.NOT_FOR_US):
        verify_encrypted(age_file, other.identity)
    target = tmp_path / "out.zip"
    with pytest.raises(encryption.NotDecryptable):
        encryption.decrypt_file(age_file, target, other.identity)
    assert not target.exists()  # nothing half-decrypted is left


@pytest.mark.parametrize("where", ["header", "first chunk", "last byte"])
def test_a_flipped_byte_is_refused(sealed, county, tmp_path, where):
    _plain, age_file = sealed
    data = bytearray(age_file.read_bytes())
    at = {"header": 40, "first chunk": data.index(b"\n---") + 200,
          "last byte": len(data) - 1}[where]
    data[at] ^= 0x01
    bad = tmp_path / "bad.zip.age"
    bad.write_bytes(bytes(data))
    target = tmp_path / "out.zip"
    with pytest.raises(encryption.NotDecryptable, match=encryption.NOT_FOR_US):
        encryption.decrypt_file(bad, target, county.identity)
    assert not target.exists()


@pytest.mark.parametrize("keep", [0, 10, 300, -1])
def test_a_truncated_file_is_refused(sealed, county, tmp_path, keep):
    _plain, age_file = sealed
    data = age_file.read_bytes()
    bad = tmp_path / "short.zip.age"
    bad.write_bytes(data[:keep] if keep >= 0 else data[:-1000])
    target = tmp_path / "out.zip"
    with pytest.raises(encryption.NotDecryptable, match=encryption.NOT_FOR_US):
        encryption.decrypt_file(bad, target, county.identity)
    assert not target.exists()


def test_beyond_the_size_limit_nothing_is_decrypted(sealed, county, tmp_path):
    _plain, age_file = sealed
    target = tmp_path / "out.zip"
    with pytest.raises(UserError, match="超过报送包的大小上限"):
        encryption.decrypt_file(age_file, target, county.identity, limit=1000)
    assert not target.exists()
    # Under the file's own limit, but a plaintext beyond what the caller allows: stopped
    # while it is written.
    size = age_file.stat().st_size
    with pytest.raises(UserError, match="超过报送包的大小上限"):
        encryption.decrypt_file(age_file, target, county.identity, limit=size - 200_000)
    assert not target.exists()


def test_streams_in_bounded_memory(county, tmp_path):
    plain = tmp_path / "big.zip"
    with open(plain, "wb") as fh:
        for _ in range(20):
            fh.write(os.urandom(1024 * 1024))
    sealed = tmp_path / "big.zip.age"
    back = tmp_path / "back.zip"
    tracemalloc.start()
    try:
        encryption.encrypt_file(plain, sealed, county.recipient)
        encrypt_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        encryption.decrypt_file(sealed, back, county.identity)
        decrypt_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert encrypt_peak < 1024 * 1024 and decrypt_peak < 1024 * 1024, (encrypt_peak,
                                                                         decrypt_peak)
    assert sealed.stat().st_size - plain.stat().st_size < 10_000
    with open(plain, "rb") as a, open(back, "rb") as b:
        while chunk := a.read(1024 * 1024):
            assert chunk == b.read(1024 * 1024)


def test_progress_and_cancel(sealed, county, tmp_path):
    from govcredit_desktop.core.errors import Cancelled

    plain, _ = sealed
    seen = []
    out = tmp_path / "again.age"
    encryption.encrypt_file(plain, out, county.recipient, progress=lambda d, t: seen.append(d))
    assert seen and seen[-1] == plain.stat().st_size
    out.unlink()
    with pytest.raises(Cancelled):
        encryption.encrypt_file(plain, out, county.recipient, cancelled=lambda: True)
    assert not out.exists()


@needs_age
def test_the_age_tool_reads_ours_and_we_read_its(sealed, county, tmp_path):
    plain, age_file = sealed
    identity_file = tmp_path / "county.key"
    identity_file.write_text(f"# 县信用办\n{county.identity}\n", encoding="utf-8")
    out = tmp_path / "by-age.zip"
    subprocess.run([AGE, "-d", "-i", str(identity_file), "-o", str(out), str(age_file)],
                   check=True, capture_output=True, timeout=60)
    assert out.read_bytes() == plain.read_bytes()

    theirs = tmp_path / "by-age.zip.age"
    subprocess.run([AGE, "-r", county.recipient, "-o", str(theirs), str(plain)],
                   check=True, capture_output=True, timeout=60)
    assert encryption.is_encrypted(theirs)
    report = verify_encrypted(theirs, encryption.read_identity_file(identity_file))
    assert report.ok and report.encrypted


# --- the recipient file ------------------------------------------------------------------

def test_recipient_file_round_trip(county, tmp_path):
    path = encryption.write_recipient_file(tmp_path / "县信用办公钥", OFFICE, county.recipient)
    assert path.name == "县信用办公钥" + encryption.RECIPIENT_SUFFIX
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "govcredit-county-recipient" and doc["version"] == 1
    assert doc["office"] == OFFICE and doc["recipient"] == county.recipient
    assert "AGE-SECRET-KEY" not in path.read_text(encoding="utf-8")
    found = encryption.read_recipient_file(path)
    assert (found.office, found.recipient) == (OFFICE, county.recipient)
    assert found.created_at == doc["created_at"]


def _doc(recipient, **changes):
    doc = {"format": "govcredit-county-recipient", "version": 1,
           "created_at": "2026-12-01T09:00:00+08:00", "office": OFFICE, "recipient": recipient}
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(("content", "why"), [
    (b"", "不是 JSON"),
    (b"\xff\xfe", "不是 UTF-8"),
    (b"[1, 2]", "格式标识不符"),
    ("registration", "格式标识不符"),
    ("version", "版本 2 不受支持"),
    ("office", "县信用办名称不能为空"),
    ("bad-recipient", "公钥格式不正确"),
    ("checksum", "公钥已损坏"),
    ("bare", "单独的 age 公钥"),
    ("big", "文件过大"),
])
def test_a_bad_recipient_file_is_refused_clearly(county, tmp_path, content, why):
    r = county.recipient
    content = {
        "registration": _doc(r, format="govcredit-registration"),
        "version": _doc(r, version=2),
        "office": _doc(r, office="  "),
        "bad-recipient": _doc("age1xyz"),
        # One character changed: the shape is right, the Bech32 checksum is not.
        "checksum": _doc(r[:-1] + ("q" if r[-1] != "q" else "p")),
        "bare": (r + "\n").encode(),
        "big": b" " * (encryption.MAX_KEY_FILE_BYTES + 1),
    }.get(content, content)
    path = tmp_path / "公钥.gckey.json"
    path.write_bytes(content)
    with pytest.raises(UserError, match=why) as caught:
        encryption.read_recipient_file(path)
    assert "不是有效的县信用办公钥文件" in str(caught.value)


def test_a_secret_key_sent_as_the_public_one_is_refused_loudly(county, tmp_path):
    path = tmp_path / "公钥.gckey.json"
    path.write_bytes(_doc(county.identity))
    with pytest.raises(UserError, match="含有县信用办的解密私钥.*不得外传"):
        encryption.read_recipient_file(path)


def test_identity_files(county, tmp_path):
    path = tmp_path / "key.txt"
    path.write_text(f"# created: now\n# public key: {county.recipient}\n{county.identity}\n")
    assert encryption.read_identity_file(path) == county.identity
    path.write_text(county.recipient)
    with pytest.raises(UserError, match="私钥格式不正确"):
        encryption.read_identity_file(path)
    path.write_text("")
    with pytest.raises(UserError, match="只有一行"):
        encryption.read_identity_file(path)
    with pytest.raises(UserError, match="不存在|找不到"):
        encryption.read_identity_file(tmp_path / "none.txt")


# --- the builder -------------------------------------------------------------------------

@pytest.mark.parametrize("cancel_at", [None, "verify", "encrypt", "write"])
def test_an_encrypted_build_leaves_only_the_age_file(db, tmp_path, monkeypatch, county,
                                                     cancel_at):
    import tempfile

    from govcredit_desktop.core.errors import Cancelled
    from govcredit_desktop.package import build, data, signing
    from govcredit_desktop.store.queries.submission import campaign_records
    from tests.package.ledgers import complete_ledger

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    campaign, _ = complete_ledger(db, problems=2, evidence_dir=tmp_path)
    big = tmp_path / "扫描件.pdf"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    db.evidence.add(db.problems.newest_id(), big)
    department = db.settings.department()
    signer = signing.generate(department["name"], department["uscc"])
    out = tmp_path / "stick"
    out.mkdir()
    records = campaign_records(db, campaign)
    weights = build._weights(records, list(data.evidence_files(data.ledger_data(records))),
                             encrypted=True)
    names = list(weights)
    stop = {"now": False}

    def progress(done, total):
        if cancel_at is not None:
            start = sum(weights[n] for n in names[:names.index(cancel_at)])
            if start < done <= start + weights[cancel_at]:
                stop["now"] = True

    if cancel_at is not None:
        with pytest.raises(Cancelled):
            build.build_package(db, campaign, signer, out, recipient=county.recipient,
                                progress=progress, cancelled=lambda: stop["now"])
        assert os.listdir(out) == [] and os.listdir(system_temp) == []
        return
    result = build.build_package(db, campaign, signer, out, recipient=county.recipient)
    assert os.listdir(out) == [result.path.name] and os.listdir(system_temp) == []
    assert result.path.name.endswith(".zip.age") and result.encrypted_to == county.recipient
    assert result.size == result.path.stat().st_size
    with encryption.decrypted(result.path, county.identity) as plain:
        report = verify_package(plain)
        assert report.ok and report.fingerprint == signer.fingerprint
