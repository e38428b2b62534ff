"""One way to write thousands of problems at once: demo data, Excel import, county merge.

    result = BulkWriter(db, source="demo").write(bundles, total=n,
                                                 progress=report, cancelled=asked)

A bundle is a problem's columns plus ``measures`` and ``progress`` lists.  The
whole write is one transaction: every row is validated first (a bad row stops
the write with its row number and nothing is kept), a cancel rolls everything
back, and each chunk is audited as one entry that carries every row it wrote, as
written, and every measure or entry it dropped, so that ``check`` can replay it
like any other write (packed: see ``replay.pack_rows``).  Problems are
matched by ``uuid``: a known uuid updates that problem and replaces its measures
and progress entries with the bundle's, so importing the same data twice
creates nothing twice.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from govcredit_desktop.core import collector, rules, validation
from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.fields import MEASURE_LABELS, PROBLEM_LABELS, PROGRESS_LABELS
from govcredit_desktop.core.vocab import MeasureStatus, ProblemStatus
from govcredit_desktop.store import search
from govcredit_desktop.store.measures import MEASURE_DATES
from govcredit_desktop.store.problems import PROBLEM_DATES, cleaned
from govcredit_desktop.store.records import new_uuids, now_iso
from govcredit_desktop.store.replay import PACKING, PackingRows, replayed_columns
from govcredit_desktop.store.schema import column_defaults

CHUNK = 5000
ROWS_PER_INSERT = 200  # x 10 measure columns: far within the 30,000 parameters _existing binds
UUIDS_AT_ONCE = 4096


class BulkRowError(UserError):
    """A bundle that cannot be written; ``row`` counts from 1 in the input order."""

    def __init__(self, row: int, what: str, errors: dict[str, str], labels: dict[str, str]):
        self.row = row
        self.errors = dict(errors)
        detail = "；".join(f"{labels.get(k, k)}：{v}" if labels.get(k, k) not in v else v
                          for k, v in errors.items())
        super().__init__(f"第{row}条{what}有误，未写入任何数据：{detail}")


@dataclass
class BulkResult:
    inserted: int = 0
    updated: int = 0
    measures: int = 0
    progress: int = 0
    problem_ids: list[int] = field(default_factory=list)


def _values(columns: list[str]) -> Callable[[dict], tuple]:
    """A row's values in ``columns`` order as a tuple, picked in C: building the rows
    for the INSERTs and the audit entry was ~0.3 s of a 10,000-problem write."""
    if len(columns) == 1:
        return lambda row: (row[columns[0]],)
    return itemgetter(*columns)


def _defaults(db, table: str) -> dict:
    with db.lock:
        return column_defaults(db.conn, table)


class BulkWriter:
    def __init__(self, db, source: str, chunk: int = CHUNK, trusted: bool = False):
        """``trusted``: the bundles are already clean and valid because this program
        made them from its own vocabularies (demo data): cleaning and validating a
        100k-problem demo's 500k records again costs ~11 s of a ~33 s build, so it is
        skipped.  Packages are validated here.  The Excel import (intake/plan.py)
        cleans and runs these same validators on every row while it analyses the sheet,
        to show each row's errors before anything is written, and then writes trusted
        (validating twice cost ~4 s of 7 at 10,000 rows).  A test runs the demo's
        bundles through validation to keep the promise true."""
        self.db = db
        self.source = source
        self.chunk = chunk
        self.trusted = trusted

    def write(self, bundles: Iterable[dict], total: int | None = None,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> BulkResult:
        result = BulkResult()
        self._columns = {t: _defaults(self.db, t) for t in ("problem", "measure", "progress")}
        with self.db.lock:
            self._logged = {t: ["uuid", *replayed_columns(self.db.conn, t)]
                            for t in ("problem", "measure", "progress")}
        self._next_seq: dict[int, int] = {}
        self._made: set[str] = set()
        self._uuids = iter(())
        self._prefix: dict[int, str] = {}
        done = 0
        # The chunks' rows are many small containers and no cycles (core/collector.py).
        with collector.paused(), self.db.transaction():
            batch: list[dict] = []
            for bundle in bundles:
                batch.append(bundle)
                if len(batch) >= self.chunk:
                    done = self._flush(batch, done, result, total, progress, cancelled)
                    batch = []
            if batch:
                self._flush(batch, done, result, total, progress, cancelled)
        self.db.checkpoint()
        return result

    # --- one chunk ---------------------------------------------------------------------
    def _flush(self, batch, done, result, total, progress, cancelled) -> int:
        if cancelled and cancelled():
            raise Cancelled()
        stamp = now_iso()
        problems, measures, entries = [], [], []
        for offset, bundle in enumerate(batch, start=done + 1):
            p, ms, es = self._prepare(offset, bundle, stamp)
            problems.append(p)
            measures.append(ms)
            entries.append(es)
        made = self._made
        existing = self._existing([p["uuid"] for p in problems if p["uuid"] not in made],
                                  "problem")
        self._give_numbers(problems, existing)
        conn = self.db.conn
        inserted, updated = [], []
        # New problems get the ids SQLite would give them one by one, so that they are
        # inserted in one executemany: a third of the per-row INSERTs' time
        # (bench/import_bench.py).  The table is AUTOINCREMENT (migrations._v3): an id
        # freed by a delete is never given again, so count on from the highest id ever
        # given (sqlite_sequence), not from the highest one left; an explicit id above
        # it moves the sequence on by itself.
        next_id = conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM problem), 0),"
            " coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'problem'), 0))"
        ).fetchone()[0]
        fresh = []
        for p in problems:
            row_id, created_at = existing.get(p["uuid"], (None, None))
            if row_id is None:
                next_id += 1
                row_id = next_id
                fresh.append(p)
                inserted.append(p["uuid"])
            else:
                cols = [c for c in p if c not in ("uuid", "created_at")]
                conn.execute(f"UPDATE problem SET {', '.join(f'{c} = ?' for c in cols)}"
                             " WHERE id = ?", [p[c] for c in cols] + [row_id])
                updated.append(p["uuid"])
                p["created_at"] = created_at  # kept by the UPDATE: logged as it stays
            p["id"] = row_id
        ids = [p["id"] for p in problems]
        for p, ms, es in zip(problems, measures, entries, strict=True):
            for row in ms + es:
                row["problem_id"] = p["id"]
        flat_measures = [m for ms in measures for m in ms]
        flat_entries = [e for es in entries for e in es]
        dropped = self._drop_missing(ids, flat_measures, flat_entries) if updated else {}
        self._keep_created("measure", flat_measures)
        self._keep_created("progress", flat_entries)
        # Every row is as it will be written and logged: the log's packed copy is
        # compressed while SQLite writes them.
        packing = PackingRows({t: (self._logged[t], list(map(_values(self._logged[t]), rows)))
                               for t, rows in (("problem", problems),
                                               ("measure", flat_measures),
                                               ("progress", flat_entries)) if rows})
        if fresh:
            cols = ["id", *(c for c in fresh[0] if c != "id")]
            conn.executemany(f"INSERT INTO problem ({', '.join(cols)}) VALUES"
                             f" ({', '.join('?' * len(cols))})",
                             map(_values(cols), fresh))
        self._upsert("measure", flat_measures)
        self._upsert("progress", flat_entries)
        marks = ",".join("?" * len(ids))
        conn.execute(f"DELETE FROM problem_fts WHERE rowid IN ({marks})", ids)
        conn.executemany(
            "INSERT INTO problem_fts (rowid, title, description, counterparty)"
            " VALUES (?, ?, ?, ?)",
            [(p["id"], *(search.spaced(p[f]) for f in search.SEARCHED_FIELDS))
             for p in problems])
        # Counts for a reader of the log; the packed rows are what the replay reads.
        after = {"source": self.source, "inserted": len(inserted), "updated": len(updated),
                 "measures": len(flat_measures), "progress": len(flat_entries),
                 "packing": PACKING, "rows": packing.result()}
        if dropped:
            after["deleted"] = dropped
        self.db.audit.write("bulk_upsert", "problem", f"{self.source}:{problems[0]['uuid']}",
                            None, after)
        result.inserted += len(inserted)
        result.updated += len(updated)
        result.measures += len(flat_measures)
        result.progress += len(flat_entries)
        result.problem_ids.extend(ids)
        done += len(batch)
        if progress:
            progress(done, total if total is not None else done)
        return done

    def _prepare(self, row: int, bundle: dict, stamp: str) -> tuple[dict, list, list]:
        """The problem, its measures and entries as full rows, validated."""
        if self.trusted:
            return self._prepare_trusted(row, bundle, stamp)
        bundle = dict(bundle)
        raw_measures = bundle.pop("measures", None) or []
        raw_entries = bundle.pop("progress", None) or []
        p = {**self._columns["problem"], **self._clean(row, "问题", bundle, PROBLEM_DATES,
                                                       PROBLEM_LABELS, "problem")}
        self._stamp(p, stamp)
        ms = []
        for k, raw in enumerate(raw_measures, start=1):
            m = {**self._columns["measure"], "seq": k,
                 **self._clean(row, "问题的整改措施", raw, MEASURE_DATES, MEASURE_LABELS,
                               "measure")}
            self._stamp(m, stamp)
            self._check(row, "问题的整改措施", validation.validate_measure(m), MEASURE_LABELS)
            ms.append(m)
        es = []
        for raw in raw_entries:
            e = {**self._columns["progress"],
                 **self._clean(row, "问题的进展记录", raw, ("entry_date",), PROGRESS_LABELS,
                               "progress")}
            e["amount_repaid"] = e["amount_repaid"] or 0
            self._stamp(e, stamp)
            self._check(row, "问题的进展记录", validation.validate_progress(e), PROGRESS_LABELS)
            es.append(e)
        p["measures_total"] = len(ms)
        p["measures_done"] = sum(m["status"] == MeasureStatus.DONE for m in ms)
        if not bundle.get("status"):
            # A bundle that states no status gets the one its measures imply, as an
            # edit of the measures would give it; a stated status is the source's
            # record (a county merge, an older ledger) and is written as stated.
            p["status"] = rules.status_after_measures(ProblemStatus.OPEN,
                                                      [m["status"] for m in ms])
        errors = validation.validate_problem(p)
        if p["status"] == ProblemStatus.CLOSED and not p["closed_by"]:
            errors.setdefault("closed_by", "已销号的问题须有销号审批人")
        if p["status"] == ProblemStatus.CLOSED and p["closed_date"] and not errors:
            errors.update(validation.validate_closure_dates(p["closed_date"], p, ms, es))
        self._check(row, "问题", errors, PROBLEM_LABELS)
        return p, ms, es

    def _prepare_trusted(self, row: int, bundle: dict, stamp: str) -> tuple[dict, list, list]:
        """_prepare for clean, valid bundles: the same rows, built with one dict each.
        Every column is in the defaults, so a row longer than them names a column the
        table lacks (refused as in _clean, without a set difference per record)."""
        columns = self._columns
        p = {**columns["problem"], **bundle}
        raw_measures = p.pop("measures", None) or ()
        raw_entries = p.pop("progress", None) or ()
        if len(p) != len(columns["problem"]):
            self._clean(row, "问题", p, PROBLEM_DATES, PROBLEM_LABELS, "problem")
        self._stamp(p, stamp)
        measure, width = columns["measure"], len(columns["measure"])
        ms = []
        done = 0
        for k, raw in enumerate(raw_measures, start=1):
            m = {**measure, "seq": k, **raw}
            if len(m) != width:
                self._clean(row, "问题的整改措施", m, MEASURE_DATES, MEASURE_LABELS, "measure")
            self._stamp(m, stamp)
            done += m["status"] == MeasureStatus.DONE
            ms.append(m)
        entry, width = columns["progress"], len(columns["progress"])
        es = []
        for raw in raw_entries:
            e = {**entry, **raw}
            if len(e) != width:
                self._clean(row, "问题的进展记录", e, ("entry_date",), PROGRESS_LABELS,
                            "progress")
            e["amount_repaid"] = e["amount_repaid"] or 0
            self._stamp(e, stamp)
            es.append(e)
        p["measures_total"] = len(ms)
        p["measures_done"] = done
        if not bundle.get("status"):
            p["status"] = rules.status_after_measures(ProblemStatus.OPEN,
                                                      [m["status"] for m in ms])
        return p, ms, es

    def _clean(self, row, what, values, dates, labels, table) -> dict:
        unknown = values.keys() - self._columns[table].keys()
        if unknown:
            raise BulkRowError(row, what, {k: "不是可以写入的字段" for k in sorted(unknown)},
                               labels)
        if self.trusted:
            return values
        try:
            return cleaned(values, dates)
        except UserError as exc:
            raise BulkRowError(row, what, getattr(exc, "errors", {"": str(exc)}),
                               labels) from None

    @staticmethod
    def _check(row, what, errors, labels) -> None:
        if errors:
            raise BulkRowError(row, what, errors, labels)

    def _stamp(self, rec: dict, stamp: str) -> None:
        if not rec["uuid"]:
            try:
                rec["uuid"] = uuid = next(self._uuids)
            except StopIteration:
                self._uuids = new_uuids(UUIDS_AT_ONCE)
                rec["uuid"] = uuid = next(self._uuids)
            self._made.add(uuid)  # stored nowhere yet: _upsert need not look
        rec["created_at"] = rec["created_at"] or stamp
        rec["updated_at"] = stamp

    def _give_numbers(self, problems: list[dict], existing: dict) -> None:
        """A seq and number for each problem the bundle gave none: a stored problem of
        the same campaign keeps its own (an update that leaves the number out does not
        renumber it, nor take a number from the new ones), a new one takes the next."""
        wanting = [p for p in problems if not p["number"] or not p["seq"]]
        if not wanting:
            return
        stored = self._existing([p["uuid"] for p in wanting if p["uuid"] in existing],
                                "problem", ("campaign_id", "seq", "number"))
        for p in wanting:
            campaign, seq, number = stored.get(p["uuid"], (None, None, None))
            if campaign == p["campaign_id"] and p["number"] in ("", None, number):
                p["seq"], p["number"] = seq, number
            elif not p["number"]:
                p["seq"], p["number"] = self._number(p["campaign_id"])
            else:
                p["seq"] = self._number(p["campaign_id"])[0]

    def _number(self, campaign_id) -> tuple[int, str]:
        if campaign_id not in self._next_seq:
            campaign = self.db.settings.get_campaign(campaign_id)
            self._prefix[campaign_id] = campaign["number_prefix"]
            self._next_seq[campaign_id] = self.db.problems._max_seq(campaign_id) + 1
        seq = self._next_seq[campaign_id]
        self._next_seq[campaign_id] = seq + 1
        return seq, rules.problem_number(self._prefix[campaign_id], seq)

    def _existing(self, uuids: list[str], table: str,
                  columns: tuple[str, ...] = ("id", "created_at")) -> dict[str, tuple]:
        """uuid → (id, created_at), or the ``columns`` asked for, of the rows already
        stored."""
        found = {}
        for start in range(0, len(uuids), 30000):  # SQLite's default bound: 32,766
            part = uuids[start:start + 30000]
            marks = ",".join("?" * len(part))
            found.update((row[0], row[1:]) for row in self.db.conn.execute(
                f"SELECT uuid, {', '.join(columns)} FROM {table} WHERE uuid IN ({marks})",
                part))
        return found

    def _drop_missing(self, ids, measures, entries) -> dict[str, list]:
        """An updated problem keeps only the measures and entries its bundle names;
        returns the dropped [uuid, id] pairs by table, for the audit entry."""
        marks = ",".join("?" * len(ids))
        dropped = {}
        for table, rows in (("measure", measures), ("progress", entries)):
            keep = {r["uuid"] for r in rows}
            stale = [(row_id, uuid) for row_id, uuid in self.db.conn.execute(
                f"SELECT id, uuid FROM {table} WHERE problem_id IN ({marks})", ids)
                if uuid not in keep]
            self.db.conn.executemany(f"DELETE FROM {table} WHERE id = ?",
                                     [(row_id,) for row_id, _ in stale])
            if stale:
                dropped[table] = [[uuid, row_id] for row_id, uuid in stale]
        return dropped

    def _keep_created(self, table: str, rows: list[dict]) -> None:
        # ON CONFLICT keeps a known row's created_at: log it as it stays.  Looked up
        # for every chunk, since an import may name a measure of another problem.
        made = self._made
        kept = self._existing([r["uuid"] for r in rows if r["uuid"] not in made], table)
        for r in rows:
            if r["uuid"] in kept:
                r["created_at"] = kept[r["uuid"]][1]

    def _upsert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        made = self._made
        cols = list(rows[0])
        insert = (f"INSERT INTO {table} ({', '.join(cols)})"
                  f" VALUES ({', '.join('?' * len(cols))})")
        # The rows the writer named itself are new for certain: a plain INSERT, at half
        # an upsert's cost (0.23 s against 0.47 s for 30,000 measures, measured).  The
        # others may be stored, or named twice in one write: ON CONFLICT updates them.
        fresh = [r for r in rows if r["uuid"] in made]
        if fresh:
            # ROWS_PER_INSERT rows to a statement: each execution costs its reset and
            # the AUTOINCREMENT sequence's read and write (30,000 measures: 0.18 s
            # against 0.23 s one row at a time, measured).
            values = _values(cols)
            many = len(fresh) - len(fresh) % ROWS_PER_INSERT
            if many:
                one = f"({', '.join('?' * len(cols))})"
                self.db.conn.executemany(
                    f"INSERT INTO {table} ({', '.join(cols)}) VALUES"
                    f" {', '.join([one] * ROWS_PER_INSERT)}",
                    (tuple(chain.from_iterable(map(values, fresh[k:k + ROWS_PER_INSERT])))
                     for k in range(0, many, ROWS_PER_INSERT)))
            self.db.conn.executemany(insert, map(values, fresh[many:]))
        if len(fresh) < len(rows):
            updates = ", ".join(f"{c} = excluded.{c}" for c in cols
                                if c not in ("uuid", "created_at"))
            self.db.conn.executemany(
                f"{insert} ON CONFLICT (uuid) DO UPDATE SET {updates}",
                map(_values(cols), (r for r in rows if r["uuid"] not in made)))
