"""verify_package on valid packages and on each way of tampering with one, each failing
with the check the format names for it (docs/package-format.md, "Verification")."""

import hashlib
import json
import struct
import zipfile

import pytest

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.package import format as fmt
from govcredit_desktop.package import signing
from govcredit_desktop.package.verify import CHECKS, verify_package
from tests.package.conftest import (
    COUNTS,
    DEPT_A,
    DEPT_B,
    EVIDENCE,
    ledger_doc,
    package_members,
    read_zip,
    seal,
    signed_pdf,
    write_zip,
)

NAMES = [name for name, _ in CHECKS]


def statuses(report) -> dict[str, str]:
    return {c.name: c.status for c in report.checks}


def assert_fails_at(report, name: str) -> None:
    """``name`` failed, everything before it passed (origin may be unchecked), and
    everything after it was not run."""
    got = statuses(report)
    at = NAMES.index(name)
    assert got[name] == "failed", report.lines()
    for before in NAMES[:at]:
        assert got[before] in ("ok", "not_checked"), (before, report.lines())
    for after in NAMES[at + 1:]:
        assert got[after] == "not_run", (after, report.lines())
    assert not report.ok and not report.authentic
    assert report.failed.name == name and report.failed.message_cn


# --- valid packages --------------------------------------------------------------------

def test_valid_package_without_trust_is_intact_but_origin_unchecked(kit, tmp_path):
    report = verify_package(kit.package(tmp_path / "a.zip"))
    assert [c.name for c in report.checks] == NAMES
    assert statuses(report) == {**dict.fromkeys(NAMES, "ok"), "origin": "not_checked"}
    assert report.ok and report.intact and not report.authentic
    text = "\n".join(report.lines())
    assert "未核验来源" in text and DEPT_A.name in text
    assert report.department["uscc"] == DEPT_A.uscc
    assert report.fingerprint == kit.signer_a.fingerprint


def test_valid_package_with_its_registration_is_authentic(kit, tmp_path):
    report = verify_package(kit.package(tmp_path / "a.zip"), trust=kit.reg_a)
    assert all(c.status == "ok" for c in report.checks), report.lines()
    assert report.ok and report.intact and report.authentic
    assert "来源已核验" in "\n".join(report.lines())
    # Several registrations, the right one among them, as a county office holds them.
    report = verify_package(tmp_path / "a.zip", trust=[kit.reg_b, kit.reg_a])
    assert report.authentic


def test_as_json_holds_the_same_results(kit, tmp_path):
    report = verify_package(kit.package(tmp_path / "a.zip"), trust=kit.reg_a)
    doc = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
    assert [(c["name"], c["status"]) for c in doc["checks"]] == \
        [(c.name, c.status) for c in report.checks]
    assert doc["ok"] is True and doc["authentic"] is True and doc["origin_checked"] is True
    assert doc["department"]["name"] == DEPT_A.name


def test_progress_reaches_the_end_and_cancel_stops(kit, tmp_path):
    path = kit.package(tmp_path / "a.zip")
    seen = []
    verify_package(path, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0
    with pytest.raises(Cancelled):
        verify_package(path, cancelled=lambda: True)


def test_an_unreadable_path_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="找不到文件"):
        verify_package(tmp_path / "missing.zip")
    with pytest.raises(UserError, match="文件夹"):
        verify_package(tmp_path)


# --- one byte changed in each member, re-zipped as a forger would -----------------------

def changed(data: bytes, at: int | None = None) -> bytes:
    at = len(data) // 2 if at is None else at
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


@pytest.mark.parametrize("member", [fmt.DATA, *fmt.PDFS.values(), fmt.EXCEL,
                                    fmt.evidence_path(hashlib.sha256(EVIDENCE).hexdigest(),
                                                      ".txt")])
def test_one_byte_changed_in_a_listed_file_fails_files(kit, tmp_path, member):
    members = kit.members()
    members[member] = changed(members[member])
    assert_fails_at(verify_package(write_zip(tmp_path / "t.zip", members)), "files")


def test_one_byte_changed_in_the_manifest_fails_signature(kit, tmp_path):
    members = kit.members()
    manifest = members[fmt.MANIFEST]
    at = manifest.index(b'"rows": 42') + len(b'"rows": 4')
    members[fmt.MANIFEST] = manifest[:at] + b"3" + manifest[at + 1:]
    report = verify_package(write_zip(tmp_path / "t.zip", members))
    assert_fails_at(report, "signature")
    assert "不符" in report.failed.message_cn


@pytest.mark.parametrize("where", ["signature", "certificate", "fingerprint"])
def test_one_byte_changed_in_the_signature_file_fails_signature(kit, tmp_path, where):
    members = kit.members()
    sig = members[fmt.SIGNATURE]
    # A character inside the value (past the PEM header), swapped for another of its
    # alphabet so that the file stays JSON.
    start = {"signature": b'"signature": "', "fingerprint": b'"fingerprint": "',
             "certificate": b"-----BEGIN CERTIFICATE-----\\n"}[where]
    at = sig.index(start) + len(start) + 40
    replacement = b"B" if sig[at:at + 1] != b"B" else b"C"
    members[fmt.SIGNATURE] = sig[:at] + replacement + sig[at + 1:]
    assert_fails_at(verify_package(write_zip(tmp_path / "t.zip", members)), "signature")


# --- files added, removed, renamed -------------------------------------------------------

def test_a_file_added_fails_files(kit, tmp_path):
    members = kit.members()
    members["reports/补充说明.txt"] = "后补的材料".encode()
    report = verify_package(write_zip(tmp_path / "t.zip", members))
    assert_fails_at(report, "files")
    assert "未列出" in report.failed.message_cn


def test_a_file_removed_fails_files(kit, tmp_path):
    members = kit.members()
    del members[fmt.PDFS["rectification"]]
    report = verify_package(write_zip(tmp_path / "t.zip", members))
    assert_fails_at(report, "files")
    assert "不在压缩包中" in report.failed.message_cn


def test_a_file_renamed_fails_files(kit, tmp_path):
    members = kit.members()
    members["reports/整改报告（定稿）.pdf"] = members.pop(fmt.PDFS["rectification"])
    assert_fails_at(verify_package(write_zip(tmp_path / "t.zip", members)), "files")


def test_the_manifest_signature_missing_fails_signature(kit, tmp_path):
    members = kit.members()
    del members[fmt.SIGNATURE]
    assert_fails_at(verify_package(write_zip(tmp_path / "t.zip", members)), "signature")


# --- manifests and keys from elsewhere -------------------------------------------------

def test_manifest_and_signature_of_another_departments_package_fail_files(kit, tmp_path):
    ours, theirs = kit.members(DEPT_A), kit.members(DEPT_B)
    ours[fmt.MANIFEST], ours[fmt.SIGNATURE] = theirs[fmt.MANIFEST], theirs[fmt.SIGNATURE]
    # Their manifest is validly signed, but lists their files: the first check to see
    # it is `files` (the data and the PDFs differ), before signature or origin.
    report = verify_package(write_zip(tmp_path / "t.zip", ours), trust=kit.reg_a)
    assert_fails_at(report, "files")


def test_another_departments_signature_over_our_manifest_fails_signature(kit, tmp_path):
    ours, theirs = kit.members(DEPT_A), kit.members(DEPT_B)
    ours[fmt.SIGNATURE] = theirs[fmt.SIGNATURE]
    assert_fails_at(verify_package(write_zip(tmp_path / "t.zip", ours)), "signature")


def test_a_manifest_naming_us_signed_by_another_department_fails_signature(kit, tmp_path):
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    members = seal(body, kit.signer_b, DEPT_A)
    report = verify_package(write_zip(tmp_path / "t.zip", members))
    assert_fails_at(report, "signature")
    assert DEPT_B.name in report.failed.message_cn


def forged(kit, tmp_path, **manifest_changes):
    """Dept A's package re-made by someone with a new key in A's name: every file and
    every signature is consistent, only the key is not the one A registered."""
    forger = signing.generate(DEPT_A.name, DEPT_A.uscc)
    pdfs = {p: signed_pdf(forger, tmp_path, k) for k, p in fmt.PDFS.items()}
    body = package_members(DEPT_A, pdfs, kit.workbook)
    return forger, write_zip(tmp_path / "forged.zip", seal(body, forger, DEPT_A,
                                                            **manifest_changes))


def test_a_package_signed_by_an_unregistered_key_fails_origin(kit, tmp_path):
    _, path = forged(kit, tmp_path)
    report = verify_package(path, trust=kit.reg_a)
    assert_fails_at(report, "origin")
    assert "不是“某县市场监督管理局”登记的证书" in report.failed.message_cn
    # Without the registration the package is only intact, and says so.
    report = verify_package(path)
    assert report.ok and not report.authentic
    assert "未核验来源" in "\n".join(report.lines())
    # A registration of another department only: the key is simply unknown.
    assert_fails_at(verify_package(path, trust=kit.reg_b), "origin")


def test_an_unregistered_key_claiming_to_replace_the_registered_one_fails_origin(kit,
                                                                                 tmp_path):
    forger, path = forged(kit, tmp_path)
    members = read_zip(path)
    body = {p: b for p, b in members.items() if p not in (fmt.MANIFEST, fmt.SIGNATURE)}
    claim = {"fingerprint": forger.fingerprint, "replaces": [
        {"fingerprint": kit.signer_a.fingerprint, "replaced_at": "2021-12-01", "reason": "丢失"}]}
    report = verify_package(write_zip(tmp_path / "r.zip", seal(body, forger, DEPT_A, key=claim)),
                            trust=kit.reg_a)
    assert_fails_at(report, "origin")
    assert "电话核对" in report.failed.message_cn


def test_pdfs_signed_by_another_key_fail_pdf(kit, tmp_path):
    body = package_members(DEPT_A, {**kit.pdfs_a, fmt.PDFS["plan"]: kit.pdfs_b[fmt.PDFS["plan"]]},
                           kit.workbook)
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)),
                            trust=kit.reg_a)
    assert_fails_at(report, "pdf")
    assert "整改方案.pdf" in report.failed.message_cn


@pytest.mark.parametrize("how", ["appended", "unsigned"])
def test_a_pdf_changed_after_signing_and_resealed_fails_pdf(kit, tmp_path, how):
    from reportlab.pdfgen import canvas

    pdfs = dict(kit.pdfs_a)
    path = fmt.PDFS["ledger"]
    if how == "appended":
        pdfs[path] += b"\n% a line added after signing\n"
    else:
        plain = tmp_path / "plain.pdf"
        c = canvas.Canvas(str(plain))
        c.drawString(72, 720, "ledger")
        c.save()
        pdfs[path] = plain.read_bytes()
    body = package_members(DEPT_A, pdfs, kit.workbook)
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)))
    assert_fails_at(report, "pdf")


# --- the data against the manifest -----------------------------------------------------

def test_counts_that_do_not_match_the_data_fail_data(kit, tmp_path):
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    members = seal(body, kit.signer_a, DEPT_A, counts={**COUNTS, "overdue": 0})
    report = verify_package(write_zip(tmp_path / "t.zip", members))
    assert_fails_at(report, "data")
    assert "逾期问题清单记载 0 个，数据中为 1 个" in report.failed.message_cn


def test_totals_that_do_not_match_the_data_fail_data(kit, tmp_path):
    ledger = ledger_doc(DEPT_A)
    ledger["problems"][1]["amount_repaid_fen"] = 1
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook, ledger=ledger)
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)))
    assert_fails_at(report, "data")
    assert "已清偿金额" in report.failed.message_cn


def test_data_of_another_department_fails_data(kit, tmp_path):
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook, ledger=ledger_doc(DEPT_B))
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)))
    assert_fails_at(report, "data")


def test_evidence_named_in_the_data_but_missing_fails_data(kit, tmp_path):
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    body = {p: b for p, b in body.items() if not p.startswith(fmt.EVIDENCE_DIR)}
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)))
    assert_fails_at(report, "data")
    assert "佐证材料" in report.failed.message_cn


def test_an_evidence_file_no_record_names_fails_data(kit, tmp_path):
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    spare = b"an evidence file nobody refers to"
    body[fmt.evidence_path(hashlib.sha256(spare).hexdigest(), ".txt")] = spare
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)))
    assert_fails_at(report, "data")
    assert "没有对应的记录" in report.failed.message_cn


def test_an_evidence_file_named_for_other_content_fails_files(kit, tmp_path):
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    body[fmt.evidence_path("0" * 64, ".txt")] = b"not the content of that hash"
    report = verify_package(write_zip(tmp_path / "t.zip", seal(body, kit.signer_a, DEPT_A)))
    assert_fails_at(report, "files")
    assert "文件名与清单记载的 SHA-256 不符" in report.failed.message_cn


# --- the manifest itself ------------------------------------------------------------------

@pytest.mark.parametrize("text, reason", [
    (b"not json", "不是有效的 JSON"),
    (b'{"format": "govcredit-submission", "format": "x"}', "出现了不止一次"),
    (b'{"format": "govcredit-submission", "format_version": 2}', "版本 2 不受本程序支持"),
    (b'\xef\xbb\xbf{"format": "govcredit-submission"}', "不是有效的 JSON"),
    (b'{"format": "govcredit-submission", "format_version": 1, "x": NaN}', "不允许的数值"),
    (b"[" * 100_000, "嵌套层次过深"),
])
def test_a_manifest_that_is_not_one_fails_manifest(kit, tmp_path, text, reason):
    members = kit.members()
    members[fmt.MANIFEST] = text
    # Stored: "[" * 100_000 deflates beyond the size check's ratio.
    report = verify_package(write_zip(tmp_path / "t.zip", members, stored=[fmt.MANIFEST]))
    assert_fails_at(report, "manifest")
    assert reason in report.failed.message_cn


@pytest.mark.parametrize("change, reason", [
    (lambda m: m["files"][0].update(sha256=m["files"][0]["sha256"].upper()), "格式不对"),
    (lambda m: m["counts"].pop("overdue"), "缺少必需的字段"),
    (lambda m: m["totals"].update(amount_involved_fen=1.5), "类型不对"),
    (lambda m: m.update(created_at="2021-12-02 10:15"), "格式不对"),
    (lambda m: m["campaign"].update(rectification_deadline="2021-02-30"), "格式"),
    (lambda m: m["department"].update(uscc="11330100MB0123456X"), "校验位不正确"),
    (lambda m: m["files"].append({"path": "../x", "size": 1, "sha256": "0" * 64}), "files/7"),
    (lambda m: m["files"].append(dict(m["files"][0])), "列出了不止一次"),
    (lambda m: m["files"].pop(1), "缺少必需的条目"),
    (lambda m: m.update(extra=1), "有格式中没有的字段"),
])
def test_a_manifest_against_its_schema_fails_manifest(kit, tmp_path, change, reason):
    members = kit.members()
    doc = json.loads(members[fmt.MANIFEST])
    change(doc)
    manifest = json.dumps(doc, ensure_ascii=False).encode()
    members[fmt.MANIFEST] = manifest
    members[fmt.SIGNATURE] = signing.sign_manifest(kit.signer_a, manifest)
    report = verify_package(write_zip(tmp_path / "t.zip", members))
    assert_fails_at(report, "manifest")
    assert reason in report.failed.message_cn, report.failed.message_cn


# --- the zip as a file ---------------------------------------------------------------------

@pytest.mark.parametrize("keep", [0.5, 0.99, -1, 10])
def test_a_truncated_package_fails_zip(kit, tmp_path, keep):
    data = kit.package(tmp_path / "a.zip").read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep % len(data)
    (tmp_path / "t.zip").write_bytes(data[:cut])
    assert_fails_at(verify_package(tmp_path / "t.zip"), "zip")


def central_record(data: bytes, name: str) -> int:
    """Where the central directory record of ``name`` starts."""
    at = data.index(b"PK\x01\x02")
    while True:
        nlen = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + nlen].decode("utf-8") == name:
            return at
        at = data.index(b"PK\x01\x02", at + 4)


@pytest.mark.parametrize("field, offset, value", [
    ("crc", 16, b"\x00\x00\x00\x00"),
    ("compressed size", 20, struct.pack("<L", 1)),
    ("time", 12, b"\x00\x00"),
    ("name", 46 + len("data/"), b"D"),
])
def test_a_central_directory_disagreeing_with_a_local_header_fails_zip(kit, tmp_path, field,
                                                                       offset, value):
    data = bytearray(kit.package(tmp_path / "a.zip").read_bytes())
    at = central_record(bytes(data), fmt.DATA) + offset
    data[at:at + len(value)] = value
    (tmp_path / "t.zip").write_bytes(bytes(data))
    # Python's zipfile opens it (the directory alone looks fine): only the comparison with
    # the local header catches it.
    if field != "compressed size":
        zipfile.ZipFile(tmp_path / "t.zip").close()
    report = verify_package(tmp_path / "t.zip")
    assert_fails_at(report, "zip")


def test_a_local_header_changed_fails_zip(kit, tmp_path):
    data = bytearray(kit.package(tmp_path / "a.zip").read_bytes())
    at = data.index(fmt.DATA.encode()) - 30  # the first occurrence: its local header
    assert data[at:at + 4] == b"PK\x03\x04"
    data[at + 14:at + 18] = b"\x01\x02\x03\x04"  # the CRC
    (tmp_path / "t.zip").write_bytes(bytes(data))
    assert_fails_at(verify_package(tmp_path / "t.zip"), "zip")


def test_data_corrupted_inside_the_zip_fails_when_read(kit, tmp_path):
    """Raw bytes of a deflated member changed in place (CRC not updated): the manifest
    check reads the manifest first and refuses it."""
    data = bytearray(kit.package(tmp_path / "a.zip").read_bytes())
    at = data.index(b"PK\x03\x04") + 30 + len(fmt.MANIFEST) + 20
    data[at] ^= 0x40
    (tmp_path / "t.zip").write_bytes(bytes(data))
    report = verify_package(tmp_path / "t.zip")
    assert_fails_at(report, "manifest")


@pytest.mark.parametrize("earlier, ok", [
    ([], True),
    ([{"rows": 0, "head": "0" * 64}, {"rows": 30, "head": "cd" * 32},
      {"rows": 42, "head": "ab" * 32}], True),
    ([{"rows": 30, "head": "cd" * 32}, {"rows": 10, "head": "ef" * 32}], False),  # order
    ([{"rows": 30, "head": "cd" * 32}, {"rows": 30, "head": "cd" * 32}], False),  # twice
    ([{"rows": 43, "head": "cd" * 32}], False),  # beyond the log's 42 rows
    ([{"rows": 30, "head": "not a hash"}], False),
    ([{"rows": 30}], False),
])
def test_the_audit_history_of_earlier_submissions(kit, tmp_path, earlier, ok):
    """audit.earlier (optional): ascending, distinct, within audit.rows, each a hash."""
    body = package_members(DEPT_A, kit.pdfs_a, kit.workbook)
    audit = {"rows": 42, "head": "ab" * 32, "earlier": earlier}
    report = verify_package(write_zip(tmp_path / "e.zip", seal(body, kit.signer_a, DEPT_A,
                                                               audit=audit)))
    if ok:
        assert report.ok, report.lines()
        assert report.manifest["audit"]["earlier"] == earlier
    else:
        assert_fails_at(report, "manifest")
