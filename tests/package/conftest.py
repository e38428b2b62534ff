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


TS = "2021-11-01T09:00:00+08:00"


def ledger_doc(dept: Department) -> dict:
    """Three problems: one closed, one overdue on CREATED_AT's date, one open without
    a deadline or amount; two persons; the evidence file once.  Every field of
    ledger.schema.json, as the builder writes it."""
    person, leader = uuid_n(1), uuid_n(2)
    stamps = {"created_at": TS, "updated_at": TS}

    def problem(n, status, deadline, involved, repaid, measures, progress, evidence, **kw):
        return {"uuid": uuid_n(10 + n), "number": f"SJ-{n:03d}", "seq": n, "area": "政府采购",
                "category": "拖欠民营和中小企业账款", "source": "自查自纠",
                "title": f"问题{n}", "description": "", "counterparty": "宏达建筑公司",
                "counterparty_uscc": "", "amount_involved_fen": involved,
                "amount_repaid_fen": repaid, "discovered_date": "2021-10-10", "target": "",
                "lead_unit": "", "responsible_unit": "办公室", "responsible_leader": leader,
                "responsible_person": person, "deadline": deadline, "status": status,
                "listed_as_dishonest": False, "closed_by": "", "closed_date": None,
                "closure_remark": "", **stamps, "measures": measures, "progress": progress,
                "evidence": evidence, **kw}

    def measure(n, owner, status="进行中"):
        return {"uuid": uuid_n(20 + n), "seq": n, "content": f"措施{n}", "owner": owner,
                "deadline": "2021-12-20", "status": status, "completed_date": None, **stamps}

    def progress(n, fen):
        return {"uuid": uuid_n(40 + n), "entry_date": "2021-11-15", "note": "付款",
                "amount_repaid_fen": fen, **stamps}

    digest = hashlib.sha256(EVIDENCE).hexdigest()
    evidence = {"uuid": uuid_n(30), "measure": uuid_n(21), "sha256": digest,
                "original_name": "收据.TXT", "size": len(EVIDENCE), "note": "",
                "path": fmt.evidence_path(digest, ".txt"), **stamps}
    return {
        "format": fmt.DATA_FORMAT, "format_version": fmt.DATA_FORMAT_VERSION,
        "department": {"uuid": dept.uuid, "name": dept.name, "uscc": dept.uscc,
                       "first_responsible": "王五", "contact_person": "赵六",
                       "contact_phone": "0571-12345678", "preparer": "赵六", "reviewer": "王五",
                       "signatory": "王五", **stamps},
        "campaign": {"uuid": dept.campaign_uuid, "name": "2021年政务失信问题专项治理",
                     "doc_number": "宝信用办〔2021〕14号", "number_prefix": "SJ",
                     "start_date": "2021-10-01", "self_inspection_deadline": "2021-10-31",
                     "plan_deadline": "2021-11-15", "rectification_deadline": "2021-12-30",
                     **stamps},
        "persons": [{"uuid": uid, "name": name, "post": "", "unit": "办公室", "phone": "",
                     "active": True, **stamps}
                    for uid, name in ((person, "张三"), (leader, "李四"))],
        "problems": [
            problem(1, "已销号", "2021-11-20", 1_000_000, 1_000_000,
                    [measure(1, person, "已完成")], [progress(1, 1_000_000)], [evidence],
                    closed_by="王五", closed_date="2021-11-25"),
            problem(2, "整改中", "2021-11-30", 500_000, None,
                    [measure(2, person), measure(3, leader)], [progress(2, 0)], []),
            problem(3, "待整改", None, None, None, [], [], []),
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


def write_zip(path: Path, members: dict[str, bytes], stored=()) -> Path:
    """PDFs, the workbook and the signature stored (they do not shrink), and any name in
    ``stored``; the rest deflated."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            keep = name.endswith((".pdf", ".xlsx")) or name in (fmt.SIGNATURE, *stored)
            zf.writestr(name, data, zipfile.ZIP_STORED if keep else zipfile.ZIP_DEFLATED)
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
