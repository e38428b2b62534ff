"""Every package the department made (报送记录, schema v4 ``submission``).

A record says what left the office: the zip's name, folder, size and SHA-256, the key
that signed it, the counts and money totals of its manifest and the audit log's head
at the time.  The county office holds the same head; so does this table, which lets a
department show later what it handed over and when.
"""

from __future__ import annotations  # the class has a method named list

import json
import re

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.store.records import RecordStore

_HEX64 = re.compile(r"[0-9a-f]{64}")


class SubmissionStore(RecordStore):
    """``db.submissions``: record a package once it is written and verified; list them."""

    table = "submission"
    noun = "报送记录"

    def record(self, campaign_id: int | None, file_name: str, folder: str, sha256: str,
               size: int, key_fingerprint: str, counts: dict, totals: dict,
               audit_rows: int, audit_head: str, warnings: int = 0) -> dict:
        """The new record, as ``list`` returns it."""
        if not file_name:
            raise UserError("报送记录缺少报送包文件名")
        for what, value in (("报送包", sha256), ("签名证书指纹", key_fingerprint)):
            if not isinstance(value, str) or not _HEX64.fullmatch(value):
                raise UserError(f"{what}的 SHA-256 应为64位小写十六进制数字")
        for what, value in (("报送包大小", size), ("审计日志条数", audit_rows),
                            ("确认的警告数", warnings)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise UserError(f"{what}应为不小于0的整数")
        if not isinstance(counts, dict) or not isinstance(totals, dict):
            raise UserError("报送记录的记录数和金额合计应为字典")
        with self.db.transaction():
            if campaign_id is not None:
                self.db.settings.get_campaign(campaign_id)  # NotFoundError names it
            row_id = self._insert({
                "campaign_id": campaign_id, "file_name": file_name, "folder": folder or "",
                "sha256": sha256, "size": size, "key_fingerprint": key_fingerprint,
                "counts_json": _json(counts), "totals_json": _json(totals),
                "audit_rows": audit_rows, "audit_head": audit_head, "warnings": warnings})
        return self._decoded(self._select("WHERE s.id = ?", (row_id,))[0])

    def list(self, campaign_id: int | None = None) -> list[dict]:
        """Newest first, each with ``counts`` and ``totals`` decoded and the campaign's
        name (``campaign_name``, '' for none)."""
        if campaign_id is None:
            rows = self._select("", ())
        else:
            rows = self._select("WHERE s.campaign_id = ?", (campaign_id,))
        return [self._decoded(r) for r in rows]

    def _select(self, where: str, params: tuple) -> list[dict]:
        return self.db.query(
            "SELECT s.*, coalesce(c.name, '') AS campaign_name FROM submission s"
            f" LEFT JOIN campaign c ON c.id = s.campaign_id {where}"
            " ORDER BY s.created_at DESC, s.id DESC", params)

    @staticmethod
    def _decoded(row: dict) -> dict:
        return {**row, "counts": json.loads(row["counts_json"]),
                "totals": json.loads(row["totals_json"])}


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
