"""Store speed at county scale: 100,000 problems, ~300,000 measures.

    python bench/store_bench.py [--db FILE] [--problems N]

Prints each figure (min / median / max of several warm runs) with its target
(docs/ARCHITECTURE.md, Targets), and for the search the reference a competent
engineer would write, measured in the same run: ``count(*) … WHERE title LIKE
'%t%' OR …`` and ``… ORDER BY deadline, id LIMIT 200``, which walks the deadline
index and stops after 200 hits (fast for a common term, a full scan for a rare one).
Not a test: machines here are noisy, so read the ratios.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govcredit_desktop import demo  # noqa: E402
from govcredit_desktop.store import Database  # noqa: E402
from govcredit_desktop.store.queries import ledger as lq  # noqa: E402


class Runs(list):
    """Milliseconds of each run; compares and prints by the median."""

    @property
    def median(self) -> float:
        return statistics.median(self)

    def __str__(self) -> str:
        return f"{min(self):6.1f} / {self.median:6.1f} / {max(self):6.1f} ms"


def timed(fn, repeat=9) -> Runs:
    fn()  # warm the page cache and statement cache
    runs = Runs()
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return runs


_LIKE = "title LIKE :t OR description LIKE :t OR counterparty LIKE :t"


def like_reference(db, term):
    """The plain query: its count, and its first page in deadline order."""
    params = {"t": f"%{term}%"}
    db.scalar(f"SELECT count(*) FROM problem WHERE {_LIKE}", params)
    return db.query(f"SELECT id FROM problem WHERE {_LIKE} ORDER BY deadline, id LIMIT 200",
                    params)


def report(label, runs, target=None, reference=None):
    line = f"{label:<40} {runs}"
    if target is not None:
        ok = runs.median <= target
        line += f"   target ≤ {target:>3} ms {'PASS' if ok else 'MISS'}"
    if reference is not None:
        line += f"   LIKE {reference}  ratio {runs.median / reference.median:4.2f}"
    print(line, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, help="reuse (or create) this database")
    ap.add_argument("--problems", type=int, default=100_000)
    args = ap.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite"
    if not path.exists():
        t = time.perf_counter()
        with Database(path, create=True) as s:
            demo.generate(s, args.problems, seed=1)
        print(f"built {args.problems} problems in {time.perf_counter() - t:.1f} s → {path}")
    db = Database(path, create=True)
    n = db.scalar("SELECT count(*) FROM problem")
    m = db.scalar("SELECT count(*) FROM measure")
    print(f"{n} problems, {m} measures")
    campaign = db.settings.list_campaigns()[0]["id"]
    base = lq.LedgerFilter(campaign_id=campaign)

    report("first page, sorted by number", timed(lambda: lq.page(db, base)), 50)
    report("count + summary (status bar)",
           timed(lambda: (lq.count(db, base), lq.summary(db, base))), 50)
    for label, f, sort in [
        ("filter status=整改中, sort deadline", base.with_(status="整改中"), "deadline"),
        ("filter area, sort amount desc", base.with_(area="招标投标"), "amount_involved"),
        ("filter light=red, sort deadline", base.with_(light="red"), "deadline"),
        ("filter unit+status, sort title", base.with_(responsible_unit="县财政局",
                                                      status="待整改"), "title"),
        ("no filter, sort person", base, "responsible_person"),
        ("no filter, sort light", base, "light"),
    ]:
        desc = sort == "amount_involved"
        report(label, timed(lambda f=f, sort=sort, desc=desc: (
            lq.count(db, f), lq.page(db, f, sort=sort, descending=desc))), 50)
    print("search: count + first page by deadline (min / median / max)")
    for term in ["拖", "拖欠", "工程款", "建筑工程", "老旧小区改造", "宏达建筑", "宏达", "款涉及",
                 "没有这个词"]:
        f = base.with_(search=term)
        # As the ledger's model does: the count first, the page told it.
        ms = timed(lambda f=f: lq.page(db, f, sort="deadline", matches=lq.count(db, f)))
        ref = timed(lambda term=term: like_reference(db, term), repeat=5)
        hits = lq.count(db, f)
        assert {r["id"] for r in like_reference(db, term)} == set(
            lq.page_ids(db, f, sort="deadline")), term
        report(f"search “{term}” ({len(term)} chars, {hits} hits)", ms, 50, ref)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
