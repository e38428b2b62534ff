"""Report benchmarks against the docs/ARCHITECTURE.md targets, in one run on this machine.

    PYTHONPATH=. python bench/report_bench.py                    # everything importable
    PYTHONPATH=. python bench/report_bench.py --sizes 10000      # a quicker run
    PYTHONPATH=. python bench/report_bench.py --db 100000=/tmp/x.sqlite   # reuse a demo database

Excel ledger (target ≤ 1.3×): ``excel_ledger.export_ledger`` against a reference that
writes the same cells — the values read back from the exported workbook, same rows,
same columns, no styling, no merges — with plain openpyxl write_only, in the same
process, alternating the two.  The reference's values are pickled in chunks before
timing (holding 100k rows of Python strings would take ~0.5 GB); the time to unpickle
them is measured separately and subtracted, so the reference is pure writing.  Peak
memory is the growth of the peak RSS (Linux VmHWM, reset to the current RSS just
before) in a child process that only runs the export (or only the reference) after
its imports and set-up; the export's figure includes SQLite's page cache, which the
store sizes (PRAGMA cache_size) and which fills as the ledger is read.

PDF ledger (targets 1,000 rows ≤ 1.5 s, 10,000 rows ≤ 12 s, ≤ 1.3× bare reportlab):
bench/pdf_bench.py: ``govcredit-desktop report ledger`` as a whole process against
bench/bare_ledger_pdf.py in turn, min/median/max and the ratio pair by pair, and
``write_report`` in a warm process once.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXCEL_SIZES = (10_000, 100_000)
EXCEL_TARGET = 1.3
PDF_TARGETS = {1_000: 1.5, 10_000: 12.0}
PICKLE_CHUNK = 2_000


# --- shared ----------------------------------------------------------------------


def demo_db(folder: Path, n: int, given: dict[int, Path]) -> Path:
    """A demo database of ``n`` problems: the one given with --db, else built once."""
    if n in given:
        return given[n]
    path = folder / f"demo_{n}.sqlite"
    if not path.exists():
        from govcredit_desktop import demo
        from govcredit_desktop.store import Database

        t0 = time.perf_counter()
        with Database(path, create=True) as db:
            demo.generate(db, n)
        print(f"  (built {path.name} in {time.perf_counter() - t0:.1f} s)", flush=True)
    return path


def _maxrss_mb() -> float:
    """Peak resident memory of this process so far.

    On Linux ru_maxrss is useless in a child: exec keeps the parent's peak (the
    bench parent holds a 100k-row database cache), so VmHWM of /proc is read.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # macOS reports bytes, other systems kilobytes.
    scale = 1 / 1024 / 1024 if sys.platform == "darwin" else 1 / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _rss_mb() -> float:
    """Resident memory now, after resetting the peak to it where Linux allows."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current RSS
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024
    except OSError:
        return _maxrss_mb()


def _child(kind: str, **kw) -> dict:
    """Run one measurement in a fresh interpreter; returns its JSON answer."""
    cmd = [sys.executable, __file__, "--child", json.dumps({"kind": kind, **kw})]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- Excel ledger ----------------------------------------------------------------


def export_excel(db_path: Path, out: Path) -> float:
    from govcredit_desktop.reports import excel_ledger
    from govcredit_desktop.store import Database

    with Database(db_path, create=True) as db:
        t0 = time.perf_counter()
        excel_ledger.export_ledger(db, out)
        return time.perf_counter() - t0


def dump_cells(xlsx: Path, dump: Path) -> dict[str, tuple[int, int, int]]:
    """Pickle every sheet's cells in chunks; returns title → (rows, columns, cells).

    A cell present in the file without a value (a bordered empty cell) becomes '' so
    that the reference writes it too; absent cells stay None and are not written.
    The reference thus writes exactly the same <c> elements, minus their styles.
    """
    from openpyxl import load_workbook
    from openpyxl.cell.read_only import EmptyCell

    wb = load_workbook(xlsx, read_only=True)
    shape = {}
    with open(dump, "wb") as fh:
        for ws in wb.worksheets:
            pickle.dump(("sheet", ws.title), fh)
            chunk, rows, width, cells = [], 0, 0, 0
            for row in ws.iter_rows():
                values = tuple(None if isinstance(c, EmptyCell) else
                               ("" if c.value is None else c.value) for c in row)
                chunk.append(values)
                rows += 1
                width = max(width, len(values))
                cells += sum(v is not None for v in values)
                if len(chunk) == PICKLE_CHUNK:
                    pickle.dump(chunk, fh, protocol=5)
                    chunk = []
            if chunk:
                pickle.dump(chunk, fh, protocol=5)
            shape[ws.title] = (rows, width, cells)
    wb.close()
    return shape


def _load_chunks(dump: Path):
    with open(dump, "rb") as fh:
        while True:
            try:
                yield pickle.load(fh)
            except EOFError:
                return


def unpickle_only(dump: Path) -> float:
    t0 = time.perf_counter()
    for _ in _load_chunks(dump):
        pass
    return time.perf_counter() - t0


def write_reference(dump: Path, out: Path) -> float:
    """Plain openpyxl write_only: the same values, appended as they are."""
    from openpyxl import Workbook

    t0 = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = None
    for item in _load_chunks(dump):
        if isinstance(item, tuple):
            ws = wb.create_sheet(item[1])
            continue
        for row in item:
            ws.append(row)
    wb.save(out)
    return time.perf_counter() - t0


def bench_excel(folder: Path, sizes, given: dict[int, Path], repeats: int,
                memory: bool) -> list[dict]:
    try:
        from govcredit_desktop.reports import excel_ledger  # noqa: F401
    except ImportError as exc:
        print(f"Excel ledger: skipped ({exc})")
        return []
    print(f"Excel ledger vs plain openpyxl write_only (target ≤ {EXCEL_TARGET}×)")
    results = []
    for n in sizes:
        db_path = demo_db(folder, n, given)
        out, ref_out, dump = (folder / f"ledger_{n}.xlsx", folder / f"ref_{n}.xlsx",
                              folder / f"cells_{n}.pickle")
        export_excel(db_path, out)  # warm caches, and the cells for the reference
        shape = dump_cells(out, dump)
        reps = repeats if n <= 10_000 else max(1, repeats // 3)
        ours, ref, unpickle = [], [], []
        for _ in range(reps):
            gc.collect()
            ours.append(export_excel(db_path, out))
            gc.collect()
            ref.append(write_reference(dump, ref_out))
            unpickle.append(unpickle_only(dump))
        ref_write = min(ref) - min(unpickle)
        ratio = min(ours) / ref_write
        row = {"problems": n, "export_s": min(ours), "reference_s": ref_write,
               "unpickle_s": min(unpickle), "ratio": ratio, "runs": reps,
               "cells": shape, "size_mb": out.stat().st_size / 1e6}
        verdict = "ok" if ratio <= EXCEL_TARGET else "MISSED"
        print(f"  {n:>7,} problems: export {min(ours):6.2f} s, reference {ref_write:6.2f} s "
              f"(+{min(unpickle):.2f} s unpickling, subtracted) → {ratio:.2f}× "
              f"[{verdict}]  best of {reps}; all export runs "
              f"{', '.join(f'{t:.2f}' for t in ours)}; sheets {shape}; "
              f"{row['size_mb']:.1f} MB", flush=True)
        if memory:
            mine = _child("excel_export", db_path=str(db_path), out=str(folder / f"mem_{n}.xlsx"))
            theirs = _child("excel_reference", dump=str(dump),
                            out=str(folder / f"memref_{n}.xlsx"))
            row.update(export_peak_mb=mine["peak_growth_mb"],
                       reference_peak_mb=theirs["peak_growth_mb"])
            cache = mine.get("sqlite_cache_mb")
            note = f", of which up to {cache:.0f} MB SQLite page cache" if cache else ""
            print(f"           peak memory growth: export +{mine['peak_growth_mb']:.1f} MB "
                  f"(peak RSS {mine['maxrss_mb']:.0f} MB{note}), reference "
                  f"+{theirs['peak_growth_mb']:.1f} MB (peak RSS {theirs['maxrss_mb']:.0f} MB; "
                  f"holds one {PICKLE_CHUNK}-row chunk)", flush=True)
        for path in (ref_out, dump):
            path.unlink(missing_ok=True)
        results.append(row)
    return results


# --- PDF ledger --------------------------------------------------------------------


def bench_pdf(folder: Path, sizes, given: dict[int, Path], runs: int) -> list[dict]:
    """The command the user runs, against bare reportlab in the same run (pdf_bench.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from pdf_bench import bench_pdf_ledger

    return bench_pdf_ledger(folder, sizes, given, runs=runs, in_process=True)


# --- child processes (memory) ------------------------------------------------------


def run_child(spec: dict) -> None:
    kind = spec["kind"]
    if kind == "excel_export":
        import openpyxl  # noqa: F401  (imported before the baseline, as the reference does)

        from govcredit_desktop.reports import excel_ledger
        from govcredit_desktop.store import Database

        with Database(spec["db"], create=True) as db:
            cache = db.scalar("PRAGMA cache_size")
            before = _rss_mb()
            excel_ledger.export_ledger(db, spec["out"])
            after = _maxrss_mb()
        # Negative cache_size is in KiB; the page cache fills as the export reads.
        extra = {"sqlite_cache_mb": -cache / 1024 if cache < 0 else None}
    elif kind == "excel_reference":
        import openpyxl  # noqa: F401

        before = _rss_mb()
        write_reference(Path(spec["dump"]), Path(spec["out"]))
        after = _maxrss_mb()
        extra = {}
    else:
        raise SystemExit(f"unknown child kind {kind}")
    print(json.dumps({"peak_growth_mb": after - before, "maxrss_mb": after, **extra}))


# --- main --------------------------------------------------------------------------


def _given_dbs(items: list[str]) -> dict[int, Path]:
    given = {}
    for item in items:
        n, _, path = item.partition("=")
        given[int(n)] = Path(path)
    return given


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                   help="Excel sizes, e.g. 10000,100000 (default both)")
    p.add_argument("--pdf-sizes", type=lambda s: [int(x) for x in s.split(",")],
                   help="PDF sizes (default 1000,10000)")
    p.add_argument("--db", action="append", default=[], metavar="N=PATH",
                   help="use an existing demo database of N problems (read only)")
    p.add_argument("--repeats", type=int, default=3,
                   help="timed runs per size (best is kept; 100k uses a third)")
    p.add_argument("--pdf-runs", type=int, default=5,
                   help="whole-process runs of the PDF command and of bare reportlab")
    p.add_argument("--no-memory", action="store_true", help="skip the child-process memory runs")
    p.add_argument("--only", choices=["excel", "pdf"])
    p.add_argument("--json", type=Path, help="also write the results here")
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        run_child(json.loads(args.child))
        return 0
    given = _given_dbs(args.db)
    results = {}
    with tempfile.TemporaryDirectory(prefix="report_bench_") as tmp:
        folder = Path(tmp)
        if args.only in (None, "excel"):
            results["excel"] = bench_excel(folder, args.sizes or EXCEL_SIZES, given,
                                           args.repeats, not args.no_memory)
        if args.only in (None, "pdf"):
            results["pdf"] = bench_pdf(folder, args.pdf_sizes or list(PDF_TARGETS), given,
                                       args.pdf_runs)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
