"""The package as built: every member listed and hashed, signed, valid, counted as SQL."""

import datetime as _dt
import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pytest

import govcredit_desktop
from govcredit_desktop import demo
from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.package import build, data, signing
from govcredit_desktop.package import format as fmt
from govcredit_desktop.store import Database
from govcredit_desktop.store.queries.submission import campaign_records
from tests.package.ledgers import complete_ledger, small_stick
from tests.package.test_data import sql_figures

NOW = _dt.datetime(2026, 12, 2, 10, 15, 30, tzinfo=_dt.timezone(_dt.timedelta(hours=8)))


def signer_for(db) -> signing.Signer:
    department = db.settings.department()
    return signing.generate(department["name"], department["uscc"])


def audit_head(db) -> tuple[int, str]:
    rows = db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    last = db.conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return rows, last[0] if last else "0" * 64


@pytest.fixture(scope="module")
def demo_package(tmp_path_factory):
    """The demo ledger with evidence (random, text and a repeated line), packaged once."""
    folder = tmp_path_factory.mktemp("demo-package")
    db = Database(folder / "demo.sqlite", actor="tester", create=True)
    demo.generate(db, 60)
    ids = [r[0] for r in db.conn.execute("SELECT id FROM problem ORDER BY seq")]
    sources = {}
    for i, (name, content) in enumerate([
            ("现场照片.JPG", os.urandom(1_500_000)),
            ("付款凭证.pdf", os.urandom(300_000)),
            ("情况说明.txt", "".join(f"第{k}次对账：欠款金额已核实，企业无异议。\n"
                                   for k in range(20000)).encode()),
            ("空白页.bmp", b"\xff" * 2_000_000),
            ("无扩展名", os.urandom(10))]):
        path = folder / name
        path.write_bytes(content)
        sources[name] = content
        db.evidence.add(ids[i], path)
    shared = folder / "共用.png"
    shared.write_bytes(os.urandom(4000))
    db.evidence.add(ids[5], shared)
    db.evidence.add(ids[6], shared)
    sources["共用.png"] = shared.read_bytes()
    out = folder / "stick"
    out.mkdir()
    signer = signer_for(db)
    seen = []
    result = build.build_package(db, db.settings.latest_campaign()["id"], signer, out,
                                 progress=lambda d, t: seen.append((d, t)), now=NOW,
                                 warnings_confirmed=3)
    yield db, signer, result, sources, seen
    db.close()


def members(path: Path) -> dict[str, zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: i for i in zf.infolist()}


def read(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def test_name_size_and_hash_are_the_file(demo_package):
    _, _, result, _, _ = demo_package
    assert result.path.parent.name == "stick"
    assert result.file_name == ("宝丰县住房和城乡建设局-"
                                f"{_dt.date.today().year}年重点领域政务失信问题专项治理"
                                "-20261202-101530.zip")
    content = result.path.read_bytes()
    assert result.size == len(content)
    assert result.sha256 == hashlib.sha256(content).hexdigest()
    assert sorted(os.listdir(result.path.parent)) == [result.file_name]


def test_every_member_is_listed_with_its_size_and_hash(demo_package):
    _, _, result, _, _ = demo_package
    manifest = json.loads(read(result.path, fmt.MANIFEST))
    assert manifest == result.manifest
    infos = members(result.path)
    listed = [f["path"] for f in manifest["files"]]
    # In the order written, then the manifest and its signature.
    assert list(infos) == [*listed, fmt.MANIFEST, fmt.SIGNATURE]
    assert listed[:6] == [fmt.DATA, *fmt.PDFS.values(), fmt.EXCEL]
    for entry in manifest["files"]:
        content = read(result.path, entry["path"])
        assert entry["size"] == len(content) == infos[entry["path"]].file_size
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()


def test_members_are_plain_files_with_utf8_names(demo_package):
    _, _, result, _, _ = demo_package
    for name, info in members(result.path).items():
        assert not info.is_dir() and ".." not in name and not name.startswith("/")
        assert info.external_attr >> 16 == 0o100644
        assert bool(info.flag_bits & 0x800) == (not name.isascii())
        assert not info.flag_bits & 0x08  # sizes in the local header, no data descriptor
        assert info.extra == b""  # no ZIP64 where no member needs it
        if info.compress_size:
            assert info.file_size <= fmt.MAX_RATIO * info.compress_size


def test_manifest_says_who_when_what(demo_package):
    db, signer, result, _, _ = demo_package
    m = result.manifest
    assert (m["format"], m["format_version"]) == (fmt.FORMAT, fmt.FORMAT_VERSION)
    assert m["program"] == {"name": "govcredit-desktop",
                            "version": govcredit_desktop.__version__}
    assert m["created_at"] == "2026-12-02T10:15:30+08:00"
    department = db.settings.department()
    assert m["department"] == {k: department[k] for k in ("uuid", "name", "uscc")}
    campaign = db.settings.latest_campaign()
    assert m["campaign"] == {k: campaign[k] for k in ("uuid", "name", "doc_number",
                                                      "rectification_deadline")}
    assert m["key"] == {"fingerprint": signer.fingerprint, "replaces": []}
    # The head as of packaging; the log has not moved since.
    assert (m["audit"]["rows"], m["audit"]["head"]) == audit_head(db)
    assert m["audit"]["rows"] > 0


def test_counts_and_totals_equal_sql_and_the_data(demo_package):
    db, _, result, _, _ = demo_package
    campaign = db.settings.latest_campaign()["id"]
    on_date = _dt.date(2026, 12, 2)
    assert (result.counts, result.totals) == sql_figures(db, campaign, on_date)
    assert (result.manifest["counts"], result.manifest["totals"]) == (result.counts,
                                                                      result.totals)
    doc = json.loads(read(result.path, fmt.DATA))
    assert data.schema_errors(doc) == [] and data.consistency_errors(doc) == []
    assert data.counts_and_totals(doc, on_date) == (result.counts, result.totals)
    assert result.counts["evidence"] == 7


def test_manifest_signature_verifies(demo_package):
    _, signer, result, _, _ = demo_package
    manifest, sig = read(result.path, fmt.MANIFEST), read(result.path, fmt.SIGNATURE)
    cert = signing.verify_manifest(manifest, sig)
    assert signing.fingerprint(cert) == signer.fingerprint
    with pytest.raises(signing.SignatureInvalid):
        signing.verify_manifest(manifest.replace(b'"closed"', b'"cl0sed"'), sig)


def test_every_pdf_is_signed_by_the_department(demo_package):
    _, signer, result, _, _ = demo_package
    for member in fmt.PDFS.values():
        checked = signing.verify_pdf(read(result.path, member))
        assert checked.ok, (member, checked.message)
        assert checked.fingerprint == signer.fingerprint


def test_the_excel_ledger_is_there(demo_package):
    import io

    from openpyxl import load_workbook

    _, _, result, _, _ = demo_package
    wb = load_workbook(io.BytesIO(read(result.path, fmt.EXCEL)), read_only=True)
    assert len(wb.sheetnames) >= 1


def test_evidence_once_per_content_and_compressed_only_where_it_pays(demo_package):
    _, _, result, sources, _ = demo_package
    infos = members(result.path)
    evidence = {n: i for n, i in infos.items() if n.startswith(fmt.EVIDENCE_DIR)}
    assert len(evidence) == 6  # seven entries, the shared file once
    by_content = {hashlib.sha256(c).hexdigest(): name for name, c in sources.items()}
    for name, info in evidence.items():
        digest = name[len(fmt.EVIDENCE_DIR):].split(".")[0]
        assert hashlib.sha256(read(result.path, name)).hexdigest() == digest
        original = by_content[digest]
        ext = fmt.evidence_extension(original)
        assert name == fmt.evidence_path(digest, ext)
        method = {"情况说明.txt": zipfile.ZIP_DEFLATED}.get(original, zipfile.ZIP_STORED)
        # Random bytes do not shrink; the blank page would deflate ~1000:1, a zip bomb to
        # a verifier; the text deflates about 6:1.
        assert info.compress_type == method, original
    assert fmt.evidence_path(hashlib.sha256(sources["无扩展名"]).hexdigest(), "") in evidence


def test_progress_rises_to_the_end(demo_package):
    *_, seen = demo_package
    done = [d for d, _ in seen]
    assert done == sorted(done) and len({t for _, t in seen}) == 1
    assert seen[-1][0] == seen[-1][1] and len(seen) > 20


def test_result_carries_what_the_record_needs(demo_package):
    _, signer, result, _, _ = demo_package
    assert result.key_fingerprint == signer.fingerprint
    assert result.audit_rows == result.manifest["audit"]["rows"]
    assert len(result.audit_head) == 64 and result.warnings_confirmed == 3


@pytest.mark.parametrize("problems", [0, 1, 5])
def test_none_one_and_some_problems(db, tmp_path, problems):
    campaign, _ = complete_ledger(db, problems=problems, evidence_dir=tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = build.build_package(db, campaign, signer_for(db), out, now=NOW)
    doc = json.loads(read(result.path, fmt.DATA))
    assert len(doc["problems"]) == problems == result.counts["problems"]
    assert data.schema_errors(doc) == []
    assert (result.counts, result.totals) == sql_figures(db, campaign, NOW.date())
    listed = {f["path"] for f in result.manifest["files"]}
    assert sum(p.startswith(fmt.EVIDENCE_DIR) for p in listed) == problems
    for member in fmt.PDFS.values():
        assert signing.verify_pdf(read(result.path, member)).ok
    assert result.file_name == ("某县市场监督管理局-2021年重点领域政务失信问题专项治理"
                                "-20261202-101530.zip")


def test_no_department_is_refused_before_anything(db, tmp_path):
    campaign = db.settings.add_campaign({"name": "专项治理", "start_date": "2021-10-01"})
    with pytest.raises(UserError, match="单位信息"):
        build.build_package(db, campaign, signing.generate("某局", "11330100MB0123456W"),
                            tmp_path, now=NOW)
    assert not list(tmp_path.glob("*.zip")) and not list(tmp_path.glob(".*.part"))


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """The system temporary folder, watched: a cancelled build must leave nothing there."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("when", ["start", "pdf:plan", "excel", "evidence", "write"])
def test_cancel_leaves_nothing(db, tmp_path, private_temp, when):
    campaign, _ = complete_ledger(db, problems=2, evidence_dir=tmp_path)
    big = tmp_path / "大文件.bin"
    big.write_bytes(os.urandom(5 * 1024 * 1024))
    db.evidence.add(db.problems.newest_id(), big)
    out = tmp_path / "stick"
    out.mkdir()
    # Where each step's progress lies, from the builder's own weights.
    records = campaign_records(db, campaign)
    weights = build._weights(records, list(data.evidence_files(data.ledger_data(records))))
    start = sum(w for name, w in list(weights.items())[:list(weights).index(
        "data" if when == "start" else when)])
    stop = {"now": when == "start"}

    def progress(done, total):
        if start < done <= start + weights.get(when, 0):
            stop["now"] = True

    with pytest.raises(Cancelled):
        build.build_package(db, campaign, signer_for(db), out, progress=progress,
                            cancelled=lambda: stop["now"], now=NOW)
    assert os.listdir(out) == []
    assert os.listdir(private_temp) == []


def test_a_package_bigger_than_the_stick(db, tmp_path, private_temp):
    """The stick of the issue's tests: a real 2 MB file system, and a 3 MB package."""
    campaign, _ = complete_ledger(db, problems=1, evidence_dir=tmp_path)
    big = tmp_path / "扫描件.pdf"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    db.evidence.add(db.problems.newest_id(), big)
    with small_stick(tmp_path / "stick") as stick:
        with pytest.raises(UserError, match="空间不足"):
            build.build_package(db, campaign, signer_for(db), stick, now=NOW)
        assert os.listdir(stick) == []
    assert os.listdir(private_temp) == []


def test_the_package_name_always_keeps_its_date():
    name = build.package_name("某" * 80, "专项/治理:" * 30, NOW.replace(tzinfo=None))
    assert name.endswith("-20261202-101530.zip") and "/" not in name and ":" not in name
    assert len(name.encode("utf-8")) <= 255
    assert build.package_name("CON", "aux", NOW) == "CON-aux-20261202-101530.zip"


def test_read_back_runs_the_county_offices_checks(demo_package, tmp_path):
    """The copy on the stick is verified as the county office will verify it: the same
    package checked against another key (as if the stick returned someone else's file)
    is refused with the failed check named, and a sound one passes."""
    from govcredit_desktop.package import media

    db, signer, result, _sources, _seen = demo_package
    department = campaign_records(db, db.settings.latest_campaign()["id"]).department
    ticks = []
    build._verified_as(signer, department)(result.path, ticks.append)
    assert sum(ticks) > 0
    stranger = signing.generate(department["name"], department["uscc"])
    with pytest.raises(media.ReadBackFailed, match="读回核验未通过（来源"):
        build._verified_as(stranger, department)(result.path, ticks.append)
