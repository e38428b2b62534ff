"""Submission package benchmark: 50 MB of evidence, build + sign (+ verify), as ratios.

    PYTHONPATH=. python bench/package_bench.py               # 10 files × 5 MB, 5 problems
    PYTHONPATH=. python bench/package_bench.py --mb 200 --files 20

Target (docs/ARCHITECTURE.md): build + sign within 1.5× of zipping and hashing the same
evidence files in the same run.  The reference zips the files with ``zipfile`` (stored,
as the builder stores incompressible evidence) while hashing each with ``hashlib.sha256``,
into the same temporary folder.  ``build_package`` also writes four PDFs, signs them,
writes the Excel ledger, copies the zip to the target, fsyncs it and reads it back from
there; so three figures are printed:

* the whole build against the reference;
* the build of the same ledger without evidence (the documents' fixed cost);
* the two steps the evidence passes through, each timed by a wrapper around the real
  function: into the zip (``build._evidence``: the blobs out of the database, hashed,
  CRC, written; what the reference does, the figure the target is about) and the safe
  write to the target (``media.write_verified``: copy, fsync, read back from the medium
  with its page cache dropped, CRC of every member), which the reference does not do.

``verify_package`` (package/verify.py) is timed the same way when it exists.  Memory is
measured in a fresh interpreter after a first build (imports, fonts, pyHanko loaded):
peak RSS growth of the second build (Linux VmHWM reset just before) and tracemalloc's
peak, both far below the evidence's size when the package is streamed.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from command_timing import wrap_timed

TARGET = 1.5
NOW = _dt.datetime(2026, 12, 2, 10, 0, 0)


def _hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_hwm() -> float:
    """Reset the peak to the current RSS (Linux); the RSS now, in MB."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except OSError:
        return float("nan")


def make_db(path: Path, problems: int, evidence: list[Path]) -> None:
    from govcredit_desktop import demo
    from govcredit_desktop.store import Database

    with Database(path, create=True) as db:
        demo.generate(db, problems, seed=7)
        ids = [p["id"] for p in db.query("SELECT id FROM problem ORDER BY seq")]
        for i, source in enumerate(evidence):
            db.evidence.add(ids[i % len(ids)], source)


TIMES: dict[str, list[float]] = {"evidence": [], "write": []}




def _timed_steps() -> None:
    """The evidence step of the build (blobs out of the database into the zip: what the
    reference does) and the safe write (``media.write_verified``: copy to the target,
    fsync, read back from the medium, CRC of every member)."""
    from govcredit_desktop.package import build, media

    wrap_timed(build, "_evidence", TIMES["evidence"].append)
    wrap_timed(media, "write_verified", TIMES["write"].append)


def build_once(db_path: Path, out: Path, signer=None) -> tuple[float, object]:
    from govcredit_desktop.package import build, signing
    from govcredit_desktop.store import Database

    for old in out.iterdir():
        old.unlink()
    with Database(db_path) as db:
        campaign = db.settings.latest_campaign()["id"]
        if signer is None:
            department = db.settings.department()
            signer = signing.generate(department["name"], department["uscc"])
        t0 = time.perf_counter()
        result = build.build_package(db, campaign, signer, out, now=NOW)
        return time.perf_counter() - t0, result


def reference(files: list[Path], out: Path, method: int = zipfile.ZIP_STORED) -> float:
    """Zip the evidence files while hashing each: what the builder's evidence step does
    at its simplest (stored), or what a zip tool does by default (deflate)."""
    t0 = time.perf_counter()
    with zipfile.ZipFile(out, "w", method) as zf:
        for path in files:
            digest = hashlib.sha256()
            with open(path, "rb") as src, zf.open(path.name, "w") as dst:
                while chunk := src.read(1024 * 1024):
                    digest.update(chunk)
                    dst.write(chunk)
            digest.hexdigest()
    return time.perf_counter() - t0


def verify_once(path: Path):
    try:
        from govcredit_desktop.package.verify import verify_package
    except ImportError:
        return None
    t0 = time.perf_counter()
    report = verify_package(path)
    elapsed = time.perf_counter() - t0
    if not getattr(report, "ok", False):
        raise SystemExit(f"verify_package failed on the benchmark's own package: {report}")
    return elapsed


def child_memory(db_path: str, bare_path: str, out: str) -> None:
    """In a fresh interpreter: build once (imports), then measure the second build, and
    the build without evidence (what the documents take on their own)."""
    import tracemalloc

    out_dir = Path(out)
    build_once(Path(db_path), out_dir)
    base = _reset_hwm()
    tracemalloc.start()
    build_once(Path(db_path), out_dir)
    _, peak = tracemalloc.get_traced_memory()
    rss_peak = _hwm_mb()
    tracemalloc.reset_peak()
    build_once(Path(bare_path), out_dir)
    _, bare_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"rss_before": base, "rss_peak": rss_peak,
                      "tracemalloc_peak": peak / 1024 / 1024,
                      "tracemalloc_bare": bare_peak / 1024 / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=50, help="evidence in MB (default 50)")
    parser.add_argument("--files", type=int, default=10, help="evidence files (default 10)")
    parser.add_argument("--problems", type=int, default=5, help="demo problems (default 5)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_memory(*args.child)
        return

    with tempfile.TemporaryDirectory(prefix="package-bench-") as tmp:
        folder = Path(tmp)
        each = args.mb * 1024 * 1024 // args.files
        files = []
        for i in range(args.files):
            path = folder / f"scan{i + 1:02d}.jpg"
            with open(path, "wb") as fh:
                fh.write(os.urandom(each))
            files.append(path)
        with_evidence, without = folder / "with.sqlite", folder / "without.sqlite"
        make_db(with_evidence, args.problems, files)
        make_db(without, args.problems, [])
        out = folder / "stick"
        out.mkdir()
        ref_zip = folder / "reference.zip"

        _timed_steps()
        build_once(with_evidence, out)  # warm: imports, fonts, page cache
        reference(files, ref_zip)
        builds, bare, refs, verifies, steps, writes = [], [], [], [], [], []
        bare_verifies = []
        size = 0
        for _ in range(args.repeats):
            elapsed, result = build_once(with_evidence, out)
            builds.append(elapsed)
            steps.append(TIMES["evidence"][-1])
            writes.append(TIMES["write"][-1])
            size = result.size
            verified = verify_once(result.path)
            if verified is not None:
                verifies.append(verified)
            refs.append(reference(files, ref_zip))
            bare_s, bare_result = build_once(without, out)
            bare.append(bare_s)
            verified = verify_once(bare_result.path)
            if verified is not None:
                bare_verifies.append(verified)
        build_s, bare_s, ref_s, zip_s, write_s = (
            min(v) for v in (builds, bare, refs, steps, writes))
        deflate_s = reference(files, ref_zip, zipfile.ZIP_DEFLATED)

        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH", "")])}
        memory = json.loads(subprocess.run(
            [sys.executable, __file__, "--child", str(with_evidence), str(without), str(out)],
            capture_output=True, text=True, env=env, check=True).stdout.strip().splitlines()[-1])

    print(f"Package of {args.mb} MB evidence in {args.files} files, {args.problems} problems "
          f"(zip {size / 1024 / 1024:.1f} MB), best of {args.repeats}, interleaved:")
    print(f"  reference (zip stored + sha256): {ref_s:6.2f} s")
    print(f"  reference (zip deflate + sha256):{deflate_s:6.2f} s  "
          "(what a zip tool does by default)")
    print(f"  build + sign, whole:             {build_s:6.2f} s  = {build_s / ref_s:5.1f}× stored,"
          f" {build_s / deflate_s:4.1f}× deflate (target ≤ {TARGET}×)")
    print(f"  build + sign, no evidence:       {bare_s:6.2f} s  (documents, signatures, Excel:"
          " a fixed cost, whatever the evidence)")
    marginal = build_s - bare_s
    print(f"  what the evidence adds:          {marginal:6.2f} s  = {marginal / ref_s:5.1f}× "
          f"(target ≤ {TARGET}×; whole minus no evidence, safe write and read-back included)")
    print(f"  evidence into the zip:           {zip_s:6.2f} s  = {zip_s / ref_s:5.1f}× "
          f"(target ≤ {TARGET}×; out of the database, hashed, CRC, written)")
    print(f"  safe write to the target:        {write_s:6.2f} s  = {write_s / ref_s:5.1f}× "
          "(copy, fsync, read back from the medium, CRC; the reference writes no target)")
    if verifies:
        verify_s = min(verifies)
        print(f"  verify_package:                  {verify_s:6.2f} s  = "
              f"{verify_s / ref_s:5.1f}× (target ≤ {TARGET}×)")
        added = verify_s - min(bare_verifies)
        print(f"  what the evidence adds to verify:{added:6.2f} s  = {added / ref_s:5.1f}× "
              f"(target ≤ {TARGET}×; the rest is the four PDF signatures and the schemas)")
    else:
        print("  verify_package:                  not measured (package/verify.py not here yet)")
    print(f"  memory of one build: RSS {memory['rss_before']:.0f} MB before, peak "
          f"{memory['rss_peak']:.0f} MB (+{memory['rss_peak'] - memory['rss_before']:.0f} MB);"
          f" tracemalloc peak {memory['tracemalloc_peak']:.1f} MB, "
          f"{memory['tracemalloc_bare']:.1f} MB without evidence (evidence {args.mb} MB)")


if __name__ == "__main__":
    main()
