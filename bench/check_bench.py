"""`check` benchmark, as the user runs it (target: 100,000 problems ≤ 2 s).

    PYTHONPATH=. python bench/check_bench.py                      # 1k, 10k, 100k
    PYTHONPATH=. python bench/check_bench.py --db 100000=/tmp/100k.sqlite --sizes 100000

``python -m govcredit_desktop check --db DB`` as a whole process, one warm-up and
``--runs`` counted runs per size, in turn with the reference: a bare process running the
one ``PRAGMA integrity_check`` on the mapped file (bench/bare_integrity_check.py), the floor
of any check.  Wall and CPU seconds as min/median/max, and the ratio to the reference pair
by pair; the verdict uses the median wall.  Then, in one process, each stage alone (wall
and CPU seconds: the file stage's pieces one after another on one mapped reader, the
evidence, the audit chain, the replay) and the whole ``Database.check``, whose pieces run
beside each other (store/file_check.py), so its wall time is less than the sum, and the
floor no schedule of those pieces can beat on this machine's cores.  The load
average is printed: on a shared machine the figures move with it.  A 100k demo database
takes about 30 s to build; pass it with --db (a copy: opening a file may write to it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command_timing import ROOT, app_command, demo_db, median, spread, time_pair  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
TARGETS = {100_000: 2.0}
BARE = [sys.executable, str(Path(__file__).resolve().parent / "bare_integrity_check.py")]

_STAGES = """
import json, sys, time
from govcredit_desktop.store import Database, connection
from govcredit_desktop.store.file_check import pieces

def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    value = fn()
    return value, round(time.perf_counter() - w, 3), round(time.process_time() - c, 3)

out = {}
with Database(sys.argv[1], kind=None) as db:
    plan = pieces(db.conn)
    reader = connection.open_reader(db.path, db.read_only, whole_file=True)
    for piece in plan:
        _v, wall, cpu = timed(lambda: piece.run(reader))
        out[f"file:{piece.name}"] = (wall, cpu)
    reader.close()
    for name, fn in (("evidence", db.evidence.blob_problems), ("chain", db.verify_audit),
                     ("replay", db.replay_audit), ("backups", db.backups_ahead_of_log)):
        _v, wall, cpu = timed(fn)
        out[name] = (wall, cpu)
    result, wall, cpu = timed(db.check)
    out["check (parallel)"] = (wall, cpu)
print(json.dumps({"ok": result.ok, "stages": out}, ensure_ascii=False))
"""


def stages(db_path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", _STAGES, str(db_path)], cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _stage_lines(found: dict) -> list[str]:
    file = {k: v for k, v in found.items() if k.startswith("file:")}
    big = sorted(file.items(), key=lambda kv: -kv[1][1])[:3]
    lines = [f"file stage alone, {len(file)} pieces: wall {sum(v[0] for v in file.values()):.2f}"
             f" s, cpu {sum(v[1] for v in file.values()):.2f} s (largest: " + ", ".join(
                 f"{k[5:]} {v[1]:.2f}" for k, v in big) + ")"]
    lines += [f"{k}: wall {v[0]:.2f} s, cpu {v[1]:.2f} s" for k, v in found.items()
              if not k.startswith("file:")]
    # What no scheduling of these pieces can beat on this machine (process start-up
    # aside): the largest piece runs on one core, and all of them share the cores.
    cores = os.cpu_count() or 1
    work = sum(v[1] for k, v in found.items() if k != "check (parallel)")
    largest = max((v[1] for v in file.values()), default=0.0)
    lines.append(f"floor on {cores} cores: max(largest piece {largest:.2f}, all pieces'"
                 f" cpu {work:.2f} / {cores}) = {max(largest, work / cores):.2f} s")
    return lines


def bench_check(sizes, given: dict[int, Path], runs: int) -> list[dict]:
    print("check, whole process (target: " + ", ".join(
        f"{n:,} problems ≤ {t} s" for n, t in TARGETS.items()) + "); reference: one"
        " PRAGMA integrity_check in a bare process", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="check-bench-") as tmp:
        for n in sizes:
            db_path = demo_db(Path(tmp), n, given)
            load = os.getloadavg()
            t = time_pair(app_command("check", "--db", str(db_path)), [*BARE, str(db_path)],
                          runs)
            target = TARGETS.get(n)
            wall = median(t["a_wall"])
            verdict = "" if target is None else (" [ok]" if wall <= target else " [MISSED]")
            s = stages(db_path)
            print(f"  {n:>7,} problems, {runs} runs{verdict} (load average before"
                  f" {load[0]:.2f}, after {os.getloadavg()[0]:.2f}):\n"
                  f"      check      wall {spread(t['a_wall'])} s, cpu {spread(t['a_cpu'])} s\n"
                  f"      reference  wall {spread(t['b_wall'])} s, cpu {spread(t['b_cpu'])} s\n"
                  f"      ratio      wall {spread(t['ratio_wall'])}, cpu"
                  f" {spread(t['ratio_cpu'])}\n      in one process: " + "\n      ".join(
                      _stage_lines(s["stages"])), flush=True)
            results.append({"problems": n, "target_s": target, "wall": t["a_wall"],
                            "cpu": t["a_cpu"], "reference_wall": t["b_wall"],
                            "stages": s["stages"]})
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")])
    p.add_argument("--db", action="append", default=[], metavar="N=PATH")
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    given = {int(k): Path(v) for k, v in (item.split("=", 1) for item in args.db)}
    bench_check(args.sizes or SIZES, given, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
