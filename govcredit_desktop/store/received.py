"""``db.received``: every package the county office received (schema v5
``received_package``), whatever became of it.

One row per file received, in the order received: ``accepted`` (its records are in the
merged ledger), ``refused`` (``failed_check`` names the check, ``reason`` says why),
``duplicate`` (the same bytes as a package received before: nothing else changed) and
``superseded`` (a newer package of the same department campaign took its place, named by
``superseded_by``; or it arrived after that newer one and changed nothing).
``campaign_id`` is the department campaign a package filled: set only for one that was
merged, so "merged" is ``campaign_id IS NOT NULL``.

Extras kept in existing columns (no migration): ``checks_json`` is every check as
``verify`` reported it (``[{name, title, status, message}]``, a ``decrypt`` entry first
for an encrypted file), ``warnings_json`` the warnings (audit history), ``counts_json``
and ``totals_json`` the manifest's figures.  Of a refused package, the claimed department,
campaign and figures are what its manifest says, unverified (for the list): count only
accepted packages as data.
"""

from __future__ import annotations  # the class has a method named list

import datetime as _dt
import json

from govcredit_desktop.store.county import _require_county
from govcredit_desktop.store.records import RecordStore
from govcredit_desktop.store.schema import PACKAGE_STATUSES

ACCEPTED, REFUSED, DUPLICATE, SUPERSEDED = PACKAGE_STATUSES

_SELECT = ("SELECT r.*, coalesce(d.name, '') AS department_name,"
           " coalesce(d.uscc, '') AS department_uscc FROM received_package r"
           " LEFT JOIN county_department d ON d.id = r.department_id")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _when(text: str) -> _dt.datetime | None:
    try:
        value = _dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo is not None else None


class ReceivedStore(RecordStore):
    table = "received_package"
    noun = "接收的报送包"

    # --- reading -------------------------------------------------------------------------
    def list(self, status: str | None = None) -> list[dict]:
        """Every received package, the latest received first, decoded (``checks``,
        ``warnings``, ``counts``, ``totals``) with the registered department's name
        (``department_name``; '' for a package from no registered department)."""
        if status is None:
            rows = self.db.query(f"{_SELECT} ORDER BY r.id DESC")
        else:
            rows = self.db.query(f"{_SELECT} WHERE r.status = ? ORDER BY r.id DESC", (status,))
        return [decoded(r) for r in rows]

    def get(self, record_id: int) -> dict:
        super().get(record_id)  # NotFoundError names it
        return decoded(self.db.query(f"{_SELECT} WHERE r.id = ?", (record_id,))[0])

    def original(self, sha256: str) -> dict | None:
        """The first package received with these bytes that was not refused (accepted or
        superseded): receiving the same bytes again is a duplicate.  A refused one is not
        an original: after its department is registered, the same file is checked again."""
        rows = self.db.query(f"{_SELECT} WHERE r.sha256 = ? AND r.status IN (?, ?)"
                             " ORDER BY r.id LIMIT 1", (sha256, ACCEPTED, SUPERSEDED))
        return decoded(rows[0]) if rows else None

    def current(self, department_id: int, campaign_uuid: str) -> dict | None:
        """The accepted package of this department campaign (at most one)."""
        rows = self.db.query(f"{_SELECT} WHERE r.department_id = ? AND r.campaign_uuid = ?"
                             " AND r.status = ? ORDER BY r.id DESC LIMIT 1",
                             (department_id, campaign_uuid, ACCEPTED))
        return decoded(rows[0]) if rows else None

    def previous_merged(self, department_id: int, created_at: str) -> dict | None:
        """The department's merged package (any campaign) made last before
        ``created_at``: the audit log it recorded is the one the next must extend."""
        made = _when(created_at)
        if made is None:
            return None
        best, best_at = None, None
        for row in self.db.query(f"{_SELECT} WHERE r.department_id = ? AND r.campaign_id IS"
                                 " NOT NULL AND r.status IN (?, ?)",
                                 (department_id, ACCEPTED, SUPERSEDED)):
            at = _when(row["package_created_at"])
            if at is not None and at < made and (best_at is None or at > best_at):
                best, best_at = row, at
        return decoded(best) if best else None

    # --- writing (the import, county/importer.py) ------------------------------------------
    def record(self, values: dict) -> dict:
        """A received package's row (``checks``/``warnings``/``counts``/``totals`` given as
        Python values, stored as JSON)."""
        _require_county(self.db)
        row = dict(values)
        for key in ("checks", "warnings", "counts", "totals"):
            if key in row:
                row[f"{key}_json"] = _json(row.pop(key))
        return self.get(self._insert(row))

    def supersede(self, record_id: int, by_id: int) -> None:
        self._update(record_id, {"status": SUPERSEDED, "superseded_by": by_id})


def decoded(row: dict) -> dict:
    return {**row, "checks": json.loads(row["checks_json"]),
            "warnings": json.loads(row["warnings_json"]),
            "counts": json.loads(row["counts_json"]), "totals": json.loads(row["totals_json"])}
