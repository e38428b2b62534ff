"""``db.county_campaigns``: the county's 专项治理 (schema v5 ``county_campaign``).

Department campaigns (``campaign`` rows with ``department_id``) are grouped under one by
name, cleaned with ``clean_text`` (docs/county-mode.md: a department cannot know the
county's uuid).  Made by the county, or by the import from the first package that names
it, whose rectification deadline then becomes the submission deadline.
"""

from __future__ import annotations  # the class has a method named list

from govcredit_desktop.core import notice
from govcredit_desktop.core.dates import to_iso
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.store.county import _require_county
from govcredit_desktop.store.records import RecordStore


class CountyCampaignStore(RecordStore):
    table = "county_campaign"
    noun = "县级专项治理"

    def list(self) -> list[dict]:
        """Every county campaign, the newest deadline first (none last), then by name."""
        return self.db.query("SELECT * FROM county_campaign"
                             " ORDER BY deadline IS NULL, deadline DESC, name, id")

    def by_name(self, name: str) -> dict | None:
        rows = self.db.query("SELECT * FROM county_campaign WHERE name = ?",
                             (clean_text(name or ""),))
        return rows[0] if rows else None

    def get_or_create(self, name: str, doc_number: str = "", deadline=None,
                      notice_title: str = "") -> dict:
        """The county campaign of that (cleaned) name; made with ``doc_number``,
        ``notice_title`` and ``deadline`` (ISO date or None) when there is none.  An
        existing one is returned unchanged: the county's own deadline (and title) is not
        replaced by a department's."""
        _require_county(self.db)
        name = clean_text(name or "")
        if not name:
            raise UserError("专项治理名称不能为空")
        if len(name) > 200:
            raise UserError("专项治理名称过长（最多 200 个字）")
        try:
            deadline = to_iso(deadline) if deadline else None
        except ValueError as exc:
            raise ValidationError({"deadline": str(exc)}) from exc
        with self.db.transaction():
            found = self.by_name(name)
            if found is not None:
                return found
            row_id = self._insert({"name": name, "doc_number": clean_text(doc_number or ""),
                                   "notice_title": _notice_title(notice_title),
                                   "deadline": deadline})
        return self.get(row_id)

    # --- the county's own edits (county campaign; the board's 设定截止时间) -----------------
    def update(self, campaign_id: int, changes: dict) -> dict:
        """Set ``deadline`` (a date, ISO text or None to clear it), ``doc_number`` and/or
        ``notice_title``;
        returns {field: old value} of what changed.  Before or after packages arrive:
        the board reads the deadline when it is drawn."""
        _require_county(self.db)
        unknown = set(changes) - {"deadline", "doc_number", "notice_title"}
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        values = {}
        if "deadline" in changes:
            try:
                values["deadline"] = to_iso(changes["deadline"]) if changes["deadline"] \
                    else None
            except ValueError as exc:
                raise ValidationError({"deadline": str(exc)}) from exc
        if "doc_number" in changes:
            values["doc_number"] = _doc_number(changes["doc_number"])
        if "notice_title" in changes:
            values["notice_title"] = _notice_title(changes["notice_title"])
        return self._update(campaign_id, values)

    def save(self, name: str, deadline=None, doc_number: str | None = None,
             notice_title: str | None = None) -> tuple[dict, bool, dict]:
        """The county campaign ``name``, made when there is none, with ``deadline``,
        ``doc_number`` and ``notice_title`` set when given (None: left as it is).  Returns
        (row, made, changed) with ``changed`` as ``update`` returns it."""
        with self.db.transaction():
            made = self.by_name(name) is None
            row = self.get_or_create(name, _doc_number(doc_number), deadline,
                                     _notice_title(notice_title))
            changes = {}
            if not made and deadline is not None:
                changes["deadline"] = deadline
            if not made and doc_number is not None:
                changes["doc_number"] = doc_number
            if not made and notice_title is not None:
                changes["notice_title"] = notice_title
            changed = self.update(row["id"], changes) if changes else {}
        return self.get(row["id"]), made, changed


def _doc_number(text: str | None) -> str:
    text = clean_text(text or "")
    if len(text) > 100:
        raise UserError("文号过长（最多 100 个字），请只填写文号，例如“宝信用办〔2026〕14号”。")
    return text


def _notice_title(text: str | None) -> str:
    text = notice.clean_title(clean_text(text or ""))
    if len(text) > notice.MAX_LENGTH:
        raise UserError(f"通知标题过长（最多 {notice.MAX_LENGTH} 个字），请只填写通知的标题，"
                        "例如“关于开展2026年重点领域政务失信问题专项治理的通知”。")
    return text
