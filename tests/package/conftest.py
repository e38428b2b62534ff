"""Valid submission packages assembled here per docs/package-format.md, written
independently of the builder: a tiny ledger whose counts and totals are stated by hand,
PDFs signed with ``signing.sign_pdf``, a workbook and one evidence file.

``package_members(...)`` gives the members as {path: bytes} (the order written),
``seal(members, signer, ...)`` adds manifest.json and manifest.sig over them, and
``write_zip`` / ``read_zip`` turn either into a file and back, so that a test can change
one thing and re-zip it as a forger would.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from govcredit_desktop.package import format as fmt
from govcredit_desktop.package import registration, signing

CREATED_AT = "2021-12-02T10:15:00+08:00"
EVIDENCE = "收据扫描件（模拟）\n".encode() * 40


@dataclass(frozen=True)
class Department:
    name: str
    uscc: str
    uuid: str
    campaign_uuid: str


DEPT_A = Department("某县市场监督管理局", "11330100MB0123456W",
                    "6f1c0d5e-2b1a-4c3d-8e9f-0a1b2c3d4e5f", "0e6a5b4c-3d2e-4f10-9a8b-7c6d5e4f3a2b")
DEPT_B = Department("某县住房和城乡建设局", "11330100MB0765432B",
                    "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a")


def uuid_n(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def ledger_doc(dept: Department) -> dict:
    """Three problems: one closed, one overdue on CREATED_AT's date, one open without
    a deadline or amount; two persons; the evidence file once."""
    person, leader = uuid_n(1), uuid_n(2)
    evidence = {"uuid": uuid_n(30), "file_name": "收据.txt", "size": len(EVIDENCE),
                "sha256": hashlib.sha256(EVIDENCE).hexdigest()}
    return {
        "format": fmt.DATA_FORMAT, "format_version": fmt.DATA_FORMAT_VERSION,
        "department": {"uuid": dept.uuid, "name": dept.name, "uscc": dept.uscc},
        "campaign": {"uuid": dept.campaign_uuid, "name": "2021年政务失信问题专项治理",
                     "doc_number": "宝信用办〔2021〕14号", "rectification_deadline": "2021-12-30"},
        "persons": [{"uuid": person, "name": "张三"}, {"uuid": leader, "name": "李四"}],
        "problems": [
            {"uuid": uuid_n(10), "number": "SJ-001", "title": "拖欠宏达建筑公司工程款",
             "status": "已销号", "deadline": "2021-11-20", "amount_involved_fen": 1_000_000,
             "amount_repaid_fen": 1_000_000, "responsible_person": person,
             "responsible_leader": leader,
             "measures": [{"uuid": uuid_n(20), "owner": person, "content": "分期支付"}],
             "progress": [{"uuid": uuid_n(40), "date": "2021-11-15", "content": "已付清"}],
             "evidence": [evidence]},
            {"uuid": uuid_n(11), "number": "SJ-002", "title": "未履行招商引资承诺",
             "status": "整改中", "deadline": "2021-11-30", "amount_involved_fen": 500_000,
             "amount_repaid_fen": None, "responsible_person": person,
             "responsible_leader": leader,
             "measures": [{"uuid": uuid_n(21), "owner": person, "content": "协商"},
                          {"uuid": uuid_n(22), "owner": leader, "content": "督办"}],
             "progress": [{"uuid": uuid_n(41), "date": "2021-11-25", "content": "约谈"}],
             "evidence": []},
            {"uuid": uuid_n(12), "number": "SJ-003", "title": "政府采购合同未履约",
             "status": "待整改", "deadline": None, "amount_involved_fen": None,
             "amount_repaid_fen": None, "responsible_person": leader,
             "responsible_leader": leader, "measures": [], "progress": [], "evidence": []},
        ],
    }


#: What ledger_doc holds, counted by hand (not by the code under test).
COUNTS = {"problems": 3, "measures": 3, "progress": 2, "evidence": 1, "persons": 2,
          "closed": 1, "overdue": 1}
TOTALS = {"amount_involved_fen": 1_500_000, "amount_repaid_fen": 1_000_000}


def signed_pdf(signer: signing.Signer, tmp: Path, text: str = "整改报告") -> bytes:
    from reportlab.pdfgen import canvas

    source = tmp / f"{signer.fingerprint[:8]}-{len(text)}.pdf"
    c = canvas.Canvas(str(source))
    c.drawString(72, 720, text.encode("unicode_escape").decode("ascii"))
    c.save()
    out = io.BytesIO()
    signing.sign_pdf(signer, source, out)
    return out.getvalue()


def workbook_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["序号", "问题"])
    wb.active.append([1, "拖欠宏达建筑公司工程款"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def package_members(dept: Department, pdfs: dict[str, bytes], workbook: bytes,
                    ledger: dict | None = None) -> dict[str, bytes]:
    ledger = ledger if ledger is not None else ledger_doc(dept)
    members = {fmt.DATA: json.dumps(ledger, ensure_ascii=False, indent=1).encode("utf-8")}
    members.update(pdfs)
    members[fmt.EXCEL] = workbook
    members[fmt.evidence_path(hashlib.sha256(EVIDENCE).hexdigest(), ".txt")] = EVIDENCE
    return members


def manifest_doc(members: dict[str, bytes], signer: signing.Signer, dept: Department,
                 counts=None, totals=None) -> dict:
    return {
        "format": fmt.FORMAT, "format_version": fmt.FORMAT_VERSION,
        "program": {"name": "govcredit-desktop", "version": "0.1.0"},
        "created_at": CREATED_AT,
        "department": {"uuid": dept.uuid, "name": dept.name, "uscc": dept.uscc},
        "campaign": {"uuid": dept.campaign_uuid, "name": "2021年政务失信问题专项治理",
                     "doc_number": "宝信用办〔2021〕14号", "rectification_deadline": "2021-12-30"},
        "key": {"fingerprint": signer.fingerprint, "replaces": []},
        "counts": dict(counts or COUNTS),
        "totals": dict(totals or TOTALS),
        "audit": {"rows": 42, "head": "ab" * 32},
        "files": [{"path": p, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
                  for p, b in members.items() if p not in (fmt.MANIFEST, fmt.SIGNATURE)],
    }


def seal(members: dict[str, bytes], signer: signing.Signer, dept: Department,
         **manifest_changes) -> dict[str, bytes]:
    """The members with a manifest over them and its signature, first in the zip."""
    body = {p: b for p, b in members.items() if p not in (fmt.MANIFEST, fmt.SIGNATURE)}
    doc = manifest_doc(body, signer, dept)
    doc.update(manifest_changes)
    manifest = (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return {fmt.MANIFEST: manifest, fmt.SIGNATURE: signing.sign_manifest(signer, manifest),
            **body}


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            stored = name.endswith((".pdf", ".xlsx")) or name == fmt.SIGNATURE
            zf.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return path


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.orig_filename: zf.read(i) for i in zf.infolist()}


@dataclass
class Kit:
    """Everything to make packages of two departments and tamper with them."""

    signer_a: signing.Signer
    signer_b: signing.Signer
    pdfs_a: dict[str, bytes]
    pdfs_b: dict[str, bytes]
    workbook: bytes
    reg_a: Path
    reg_b: Path

    def members(self, dept: Department = DEPT_A, **kw) -> dict[str, bytes]:
        signer, pdfs = self.signer_for(dept), self.pdfs_for(dept)
        return seal(package_members(dept, pdfs, self.workbook, **kw), signer, dept)

    def signer_for(self, dept: Department) -> signing.Signer:
        return self.signer_a if dept is DEPT_A else self.signer_b

    def pdfs_for(self, dept: Department) -> dict[str, bytes]:
        return self.pdfs_a if dept is DEPT_A else self.pdfs_b

    def package(self, path: Path, dept: Department = DEPT_A) -> Path:
        return write_zip(path, self.members(dept))


@pytest.fixture(scope="session")
def kit(tmp_path_factory) -> Kit:
    tmp = tmp_path_factory.mktemp("kit")
    signer_a = signing.generate(DEPT_A.name, DEPT_A.uscc)
    signer_b = signing.generate(DEPT_B.name, DEPT_B.uscc)
    # Four documents per department, each its own signed PDF.
    pdfs_a = {path: signed_pdf(signer_a, tmp, kind) for kind, path in fmt.PDFS.items()}
    pdfs_b = {path: signed_pdf(signer_b, tmp, kind) for kind, path in fmt.PDFS.items()}
    regs = []
    for dept, signer in ((DEPT_A, signer_a), (DEPT_B, signer_b)):
        reg = tmp / f"{dept.uscc}{registration.SUFFIX}"
        reg.write_bytes(registration.registration_bytes(dept.uuid, dept.name, dept.uscc,
                                                        signer.certificate_pem))
        regs.append(reg)
    return Kit(signer_a, signer_b, pdfs_a, pdfs_b, workbook_bytes(), *regs)
