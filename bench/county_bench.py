"""County import benchmark: N department packages of P problems in one batch, against the
bulk writer inserting the same records directly, in the same run.

    PYTHONPATH=. python bench/county_bench.py                       # 100 × 1,000 (issue 16)
    PYTHONPATH=. python bench/county_bench.py --departments 10 --problems 1000

Target (issue 16): ``county import`` of the batch within 2× of the reference.  The
packages are cached in ``--cache`` (default: a folder in the system's temporary folder
named after N and P): making 100 demo departments and building their packages (four
signed PDFs and a workbook each) takes far longer than importing them, and is not what is
measured.

* **import**: ``county.importer.import_packages`` of every package into a new county file
  with every department registered: copy and hash, verify (every check: zip, schema,
  signatures of the manifest and the four PDFs, data against the manifest), merge
  (campaign, persons, bulk writer, evidence), receipt row, all audited.
* **reference**: into another new county file, for each department the same records
  read from the same ``data/ledger.json`` beforehand (not timed): its campaign row and
  persons through the record stores, then its problems, measures and progress entries
  through ``BulkWriter`` (validated, as for any import): what the import writes, without
  the package around it.

Both figures are min/median/max of ``--repeats`` runs (fresh files each); the import's
parts (verify, merge) are timed by wrappers around the real functions.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from command_timing import wrap_timed

TARGET = 2.0
NOW = _dt.datetime(2026, 12, 2, 10, 0, 0, tzinfo=_dt.timezone(_dt.timedelta(hours=8)))
PASSWORD = "bench-password-county"


def department_name(i: int) -> str:
    return f"宝丰县第{i + 1:03d}示范单位"


def make_packages(cache: Path, departments: int, problems: int) -> list[tuple[Path, Path]]:
    """(package, registration file) per department, made once and kept in ``cache``."""
    from govcredit_desktop import demo
    from govcredit_desktop.package import build, registration, signing
    from govcredit_desktop.store import Database

    cache.mkdir(parents=True, exist_ok=True)
    out = []
    t0 = time.perf_counter()
    for i in range(departments):
        folder = cache / f"{i:03d}"
        done = folder / "done.json"
        if done.exists():
            paths = json.loads(done.read_text(encoding="utf-8"))
            out.append((folder / paths["package"], folder / paths["registration"]))
            continue
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        name = department_name(i)
        with Database(folder / "department.sqlite", create=True) as db:
            demo.generate(db, problems, seed=1, department=name, today=NOW.date())
            dept = db.settings.department()
            signer = signing.generate(dept["name"], dept["uscc"])
            result = build.build_package(db, db.settings.latest_campaign()["id"], signer,
                                         folder, now=NOW)
        reg = folder / f"{dept['uscc']}{registration.SUFFIX}"
        reg.write_bytes(registration.registration_bytes(dept["uuid"], dept["name"],
                                                        dept["uscc"], signer.certificate_pem))
        (folder / "department.sqlite").unlink()  # only the package and registration are used
        done.write_text(json.dumps({"package": result.path.name, "registration": reg.name}),
                        encoding="utf-8")
        out.append((result.path, reg))
        print(f"  made {i + 1}/{departments} packages ({time.perf_counter() - t0:.0f} s)",
              flush=True)
    return out


def county_file(folder: Path, registrations: list[Path]):
    from govcredit_desktop.package.registration import read_registration
    from govcredit_desktop.store import KIND_COUNTY, Database

    path = folder / f"county-{time.perf_counter_ns()}.sqlite"
    db = Database(path, actor="bench", create=True, kind=KIND_COUNTY)
    db.county.set_name("宝丰县信用办")
    for reg in registrations:
        db.registrations.register(read_registration(reg))
    return db


PARTS: dict[str, float] = {"verify": 0.0, "merge": 0.0}


def _add_to(key: str):
    def add(seconds: float) -> None:
        PARTS[key] += seconds
    return add


def run_import(folder: Path, pairs) -> float:
    from govcredit_desktop.county.importer import import_packages

    db = county_file(folder, [reg for _, reg in pairs])
    try:
        t0 = time.perf_counter()
        outcomes = import_packages(db, [pkg for pkg, _ in pairs])
        elapsed = time.perf_counter() - t0
        bad = [o.line() for o in outcomes if o.status != "accepted"]
        if bad:
            raise SystemExit("the benchmark's own packages were not accepted:\n" + "\n".join(bad))
        return elapsed
    finally:
        db.close()


def merged_county_file(cache: Path, pairs) -> Path:
    """A county file holding every package accepted, kept in ``cache`` as ``county.sqlite``
    (importing 100 × 1,000 takes ~95 s), for ui_bench's county mode.  Benches open copies:
    opening writes (migrations, settings)."""
    path = cache / "county.sqlite"
    if path.exists():
        return path
    from govcredit_desktop.county.importer import import_packages

    t0 = time.perf_counter()
    db = county_file(cache, [reg for _, reg in pairs])
    made = Path(db.path)
    try:
        outcomes = import_packages(db, [pkg for pkg, _ in pairs])
        bad = [o.line() for o in outcomes if o.status != "accepted"]
        if bad:
            db.close()
            made.unlink()
            # Packages kept from an older program can fail today's checks (the overdue
            # rule changed): the cache is keyed on the sizes only.
            raise SystemExit("the benchmark's own packages were not accepted (made by an"
                             f" older version? remove {cache} or pass --cache):\n"
                             + "\n".join(bad))
    finally:
        db.close()
    made.rename(path)  # only a whole import is ever reused
    print(f"  imported {len(pairs)} packages into {path} ({time.perf_counter() - t0:.0f} s)",
          flush=True)
    return path


def ledgers(pairs) -> list[dict]:
    out = []
    for pkg, _ in pairs:
        with zipfile.ZipFile(pkg) as zf:
            out.append(json.loads(zf.read("data/ledger.json")))
    return out


def _bundles(doc: dict, campaign_id: int, persons: dict[str, int]):
    from govcredit_desktop.store.merge import _bundle

    return (_bundle(p, campaign_id, persons) for p in doc["problems"])


def run_reference(folder: Path, pairs, docs: list[dict]) -> float:
    """The same records straight into a county file: campaign and persons through the
    record stores, problems through the bulk writer, one transaction per department."""
    from govcredit_desktop.store.bulk import BulkWriter

    db = county_file(folder, [reg for _, reg in pairs])
    try:
        t0 = time.perf_counter()
        for doc in docs:
            with db.transaction():
                campaign = {k: doc["campaign"][k] for k in (
                    "uuid", "name", "doc_number", "number_prefix", "start_date",
                    "self_inspection_deadline", "plan_deadline", "rectification_deadline")}
                campaign_id = db.settings.add_campaign(campaign)
                persons = {p["uuid"]: db.people.add({k: p[k] for k in (
                    "uuid", "name", "post", "unit", "phone")}) for p in doc["persons"]}
                BulkWriter(db, source="bench").write(_bundles(doc, campaign_id, persons),
                                                     total=len(doc["problems"]))
        return time.perf_counter() - t0
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--problems", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder keeping the built packages between runs")
    parser.add_argument("--county-file", action="store_true",
                        help="only make (or find) the merged county file in the cache and"
                             " print its path, for ui_bench.py --county")
    args = parser.parse_args()
    cache = args.cache or (Path(tempfile.gettempdir())
                           / f"govcredit-county-bench-{args.departments}x{args.problems}")
    print(f"packages: {args.departments} departments × {args.problems} problems in {cache}")
    pairs = make_packages(cache, args.departments, args.problems)
    if args.county_file:
        print(merged_county_file(cache, pairs))
        return
    size = sum(pkg.stat().st_size for pkg, _ in pairs)
    docs = ledgers(pairs)
    records = sum(len(d["problems"]) + sum(len(p["measures"]) + len(p["progress"])
                                           for p in d["problems"]) for d in docs)
    print(f"  {size / 1024 ** 2:.1f} MB of packages, {records:,} problem/measure/progress"
          " records")

    from govcredit_desktop.county import importer
    from govcredit_desktop.store.merge import MergeStore

    wrap_timed(importer, "verify_package", _add_to("verify"))
    wrap_timed(MergeStore, "accept", _add_to("merge"))
    imports, refs, verifies, merges = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="county-bench-") as tmp:
        folder = Path(tmp)
        for _ in range(args.repeats):
            PARTS.update(verify=0.0, merge=0.0)
            imports.append(run_import(folder, pairs))
            verifies.append(PARTS["verify"])
            merges.append(PARTS["merge"])
            refs.append(run_reference(folder, pairs, docs))
            for old in folder.glob("county-*"):
                old.unlink()

    def mmm(values: list[float]) -> str:
        return (f"min {min(values):.2f} s / median {statistics.median(values):.2f} s /"
                f" max {max(values):.2f} s")

    print(f"import   {mmm(imports)}")
    print(f"  verify {mmm(verifies)}")
    print(f"  merge  {mmm(merges)}")
    print(f"bulk     {mmm(refs)}")
    pairs_text = ", ".join(f"{i / r:.2f}×" for i, r in zip(imports, refs, strict=True))
    print(f"run by run (import / bulk writer, each pair run back to back): {pairs_text}")
    ratio = statistics.median(imports) / statistics.median(refs)
    merge_ratio = statistics.median(merges) / statistics.median(refs)
    print(f"ratio import / bulk writer (medians): {ratio:.2f}× (target ≤ {TARGET}×) —"
          f" {'met' if ratio <= TARGET else 'NOT met'}")
    print(f"ratio merge alone / bulk writer: {merge_ratio:.2f}×")


if __name__ == "__main__":
    main()
