"""Coverage board speed at county scale: 100 departments × 1,000 problems (issue 16: ≤ 100 ms).

    python bench/coverage_bench.py [--departments N] [--problems N] [--db FILE]

Builds a county file directly — each department registered, its campaign linked to the
county campaign, its problems written with the bulk writer (demo bundles), one accepted
package row each, a fifth of them late, and a tenth more registered that sent nothing
(missing) — then times
``coverage.board()`` (min / median / max of warm runs) against references measured in the
same run: a plain ``count(*)`` over problem (SQLite counts the cells of its narrowest
index's pages), ``count(*) … GROUP BY campaign_id`` (one pass over an index), and one
``sum()`` of both amounts over every problem (the least any query that adds up the money
must read: the problem rows themselves).  Not a test: machines
here are noisy, so read the ratios.  ``--db`` keeps (or reuses) the file.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store_bench import timed as _timed  # noqa: E402

from govcredit_desktop import demo  # noqa: E402
from govcredit_desktop.package import registration, signing  # noqa: E402
from govcredit_desktop.store import KIND_COUNTY, Database  # noqa: E402
from govcredit_desktop.store.bulk import BulkWriter  # noqa: E402
from govcredit_desktop.store.queries import coverage  # noqa: E402

CAMPAIGN = "2026年重点领域政务失信问题专项治理"
DEADLINE = _dt.date(2026, 12, 3)
TARGET_MS = 100.0


def build(path: Path, departments: int, problems: int) -> None:
    today = _dt.date(2026, 12, 2)
    start = today - _dt.timedelta(days=120)
    with Database(path, actor="bench", create=True, kind=KIND_COUNTY) as db:
        db.county.set_name("宝丰县社会信用体系建设领导小组办公室")
        t = time.perf_counter()
        with db.transaction():
            county = db.county_campaigns.get_or_create(CAMPAIGN, deadline=DEADLINE)
            registered = departments + departments // 10
            for i in range(registered):
                name = f"宝丰县第{i + 1:03d}单位"
                uscc = demo.department_uscc(name, 1)
                signer = signing.generate(name, uscc)
                reg = registration.parse_registration(registration.registration_bytes(
                    f"uuid-{uscc}", name, uscc, signer.certificate_pem))
                dept = db.registrations.register(reg).department
                if i >= departments:
                    continue  # missing: registered, nothing received
                campaign_id = db.settings.add_campaign({
                    "name": CAMPAIGN, "number_prefix": "2026", "start_date": start,
                    "rectification_deadline": today + _dt.timedelta(days=37),
                    "department_id": dept["id"], "county_campaign_id": county["id"]})
                rng = random.Random(f"{name}|1")
                people = [db.people.add({"name": f"责任人{k}", "unit": name})
                          for k in range(8)]
                leaders = {pid: f"责任人{k}" for k, pid in enumerate(people[:3])}
                BulkWriter(db, source="bench", trusted=True).write(
                    demo._bundles(rng, campaign_id, problems, people, leaders, start, today,
                                  name), total=problems)
                late = i % 5 == 4
                made = _dt.datetime(2026, 12, 5 if late else 2, 10,
                                    tzinfo=_dt.timezone(_dt.timedelta(hours=8)))
                db.received.record({
                    "received_at": made.isoformat(), "file_name": f"{name}.zip",
                    "sha256": f"{i:064x}", "size": 1, "department_id": dept["id"],
                    "claimed_department": name, "claimed_uscc": uscc,
                    "campaign_uuid": db.settings.get_campaign(campaign_id)["uuid"],
                    "campaign_name": CAMPAIGN, "campaign_id": campaign_id,
                    "package_created_at": made.isoformat(), "status": "accepted"})
                if (i + 1) % 10 == 0:
                    print(f"\r已生成 {i + 1}/{registered} 个单位", end="", file=sys.stderr,
                          flush=True)
        print(file=sys.stderr)
        db.analyze()
        print(f"built {departments} departments × {problems} problems in "
              f"{time.perf_counter() - t:.1f} s → {path}")


def timed(fn):
    """Runs (ms) of ``fn``, warmed first: store_bench's, 15 runs."""
    return _timed(fn, repeat=15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--problems", type=int, default=1000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "county.sqlite"
        if not path.exists():
            build(path, args.departments, args.problems)
        with Database(path, kind=KIND_COUNTY) as db:
            board = coverage.board(db)
            t = board.totals
            print(f"board: {t.departments} departments ({t.on_time} on time, {t.late} late,"
                  f" {t.missing} missing), {t.problems} problems, {t.closed} closed,"
                  f" {t.overdue} overdue, 销号率 {t.rate}")
            runs = timed(lambda: coverage.board(db))
            count = timed(lambda: db.scalar("SELECT count(*) FROM problem"))
            grouped = timed(lambda: db.query(
                "SELECT campaign_id, count(*) FROM problem GROUP BY campaign_id"))
            sums = timed(lambda: db.query(
                "SELECT sum(amount_involved), sum(amount_repaid) FROM problem"))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"min / median / max of 15 warm runs (load average {load:.1f} on "
              f"{os.cpu_count()} processors: read the ratios)")
        print(f"{'coverage.board()':<44} {runs}   target ≤ {TARGET_MS:.0f} ms"
              f"  {'OK' if runs.median <= TARGET_MS else 'SLOW'}")
        print(f"{'reference: SELECT count(*) FROM problem':<44} {count}"
              f"   board/count = {runs.median / count.median:.1f}×")
        print(f"{'reference: count(*) GROUP BY campaign_id':<44} {grouped}"
              f"   board/grouped = {runs.median / grouped.median:.1f}×")
        print(f"{'reference: sum(both amounts) FROM problem':<44} {sums}"
              f"   board/sum = {runs.median / sums.median:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
