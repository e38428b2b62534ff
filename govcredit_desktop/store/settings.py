"""Department profile, campaigns, user-extended vocabularies and the county office's
public key."""

import json
import re

from govcredit_desktop.core import validation
from govcredit_desktop.core.dates import to_iso
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.core.rules import DEFAULT_WARNING_DAYS, WARNING_DAYS_RANGE
from govcredit_desktop.core.uscc import normalize
from govcredit_desktop.core.vocab import VOCAB_KINDS
from govcredit_desktop.store.records import RecordStore, now_iso, stripped

#: The meta row holding the days a complaint may wait for its reply (投诉答复时限).
COMPLAINT_REPLY_DAYS_KEY = "complaint_reply_days"
#: Without a setting: 15 days, the 12345 hotline's usual 答复时限 for a 一般诉求.
DEFAULT_COMPLAINT_REPLY_DAYS = 15
MAX_COMPLAINT_REPLY_DAYS = 365

#: The meta row holding the county office's age recipient (县信用办公钥).
COUNTY_RECIPIENT_KEY = "county_recipient"
#: The meta row holding the warning window in days (core.rules.DEFAULT_WARNING_DAYS).
WARNING_DAYS_KEY = "warning_days"
#: The meta row holding how many backups are kept (store/backups.py).
BACKUP_KEEP_KEY = "backup_keep"
MIN_BACKUP_KEEP, MAX_BACKUP_KEEP = 1, 365
_AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")

CAMPAIGN_DATES = ("start_date", "self_inspection_deadline", "plan_deadline",
                  "rectification_deadline")


class _Departments(RecordStore):
    table = "department"
    noun = "单位信息"


class _Campaigns(RecordStore):
    table = "campaign"
    noun = "专项治理"


class SettingsStore:
    """What a department sets up once: its profile, campaigns and word lists."""

    def __init__(self, db):
        self.db = db
        self._departments = _Departments(db)
        self._campaigns = _Campaigns(db)

    # --- department (a single row) -----------------------------------------
    def department(self) -> dict | None:
        rows = self.db.query("SELECT * FROM department WHERE id = 1")
        return rows[0] if rows else None

    def save_department(self, values: dict) -> None:
        rec = stripped(values)
        if "uscc" in rec:
            rec["uscc"] = normalize(rec["uscc"])
        if self.department() is None:
            self._departments._insert({"id": 1, **rec}, validation.validate_department)
        else:
            self._departments._update(1, rec, validation.validate_department)

    def is_unconfigured(self) -> bool:
        """No department profile and no problems: a first run."""
        return (self.department() is None
                and not self.db.scalar("SELECT EXISTS (SELECT 1 FROM problem)"))

    # --- campaigns ---------------------------------------------------------
    def list_campaigns(self) -> list[dict]:
        return self.db.query("SELECT * FROM campaign ORDER BY start_date DESC, id DESC")

    def latest_campaign(self) -> dict | None:
        campaigns = self.list_campaigns()
        return campaigns[0] if campaigns else None

    def get_campaign(self, campaign_id: int) -> dict:
        return self._campaigns.get(campaign_id)

    def _campaign_values(self, values: dict) -> dict:
        rec = stripped(values)
        try:
            for f in CAMPAIGN_DATES:
                if f in rec:
                    rec[f] = to_iso(rec[f])
        except ValueError as exc:
            raise ValidationError({f: str(exc)}) from exc
        return rec

    def add_campaign(self, values: dict) -> int:
        rec = self._campaign_values(values)
        if not rec.get("number_prefix"):
            start = rec.get("start_date") or ""
            rec["number_prefix"] = start[:4] if start else ""
        return self._campaigns._insert(rec, validation.validate_campaign)

    def update_campaign(self, campaign_id: int, changes: dict) -> dict:
        return self._campaigns._update(campaign_id, self._campaign_values(changes),
                                       validation.validate_campaign)

    def delete_campaign(self, campaign_id: int) -> None:
        used = self.db.scalar("SELECT count(*) FROM problem WHERE campaign_id = ?",
                              (campaign_id,))
        if used:
            raise UserError(f"该专项治理下还有{used}个问题，不能删除")
        # What was handed to the county office stays named by its campaign.
        sent = self.db.scalar("SELECT count(*) FROM submission WHERE campaign_id = ?",
                              (campaign_id,))
        if sent:
            raise UserError(f"该专项治理已有{sent}次报送记录，不能删除")
        self._campaigns._delete(campaign_id)

    # --- vocabularies ------------------------------------------------------
    def vocabulary(self, kind: str) -> list[str]:
        """Seed values first, then the user's own additions."""
        extra = self.db.column("SELECT value FROM vocabulary WHERE kind = ? ORDER BY id",
                               (kind,))
        base = list(VOCAB_KINDS[kind])
        return base + [v for v in extra if v not in base]

    def add_vocabulary(self, kind: str, value: str) -> None:
        value = clean_text(value or "")
        if kind not in VOCAB_KINDS:
            raise UserError(f"未知的词表：{kind}")
        errors = validation.validate_vocabulary({"value": value})
        if errors:
            raise ValidationError(errors)
        if value in self.vocabulary(kind):
            return
        with self.db.transaction():
            self.db.utils["vocabulary"].insert({"kind": kind, "value": value})
            self.db.audit.write("insert", "vocabulary", f"{kind}:{value}", None,
                                {"kind": kind, "value": value})

    # --- the complaint reply window (投诉答复时限) ------------------------------
    # A meta row audited as table "meta", like the county recipient below.
    def complaint_reply_days(self) -> int:
        value = self.db.scalar("SELECT value FROM meta WHERE key = ?",
                               (COMPLAINT_REPLY_DAYS_KEY,))
        try:
            days = int(value)
        except (TypeError, ValueError):
            return DEFAULT_COMPLAINT_REPLY_DAYS
        return days if 1 <= days <= MAX_COMPLAINT_REPLY_DAYS else DEFAULT_COMPLAINT_REPLY_DAYS

    def set_complaint_reply_days(self, days: int) -> None:
        if (not isinstance(days, int) or isinstance(days, bool)
                or not 1 <= days <= MAX_COMPLAINT_REPLY_DAYS):
            raise ValidationError({COMPLAINT_REPLY_DAYS_KEY: (
                f"投诉答复时限应为1至{MAX_COMPLAINT_REPLY_DAYS}之间的整数天数")})
        before = self.db.scalar("SELECT value FROM meta WHERE key = ?",
                                (COMPLAINT_REPLY_DAYS_KEY,))
        if before == str(days):
            return
        with self.db.transaction():
            self.db.utils["meta"].upsert({"key": COMPLAINT_REPLY_DAYS_KEY, "value": str(days)},
                                         pk="key")
            self.db.audit.write("update" if before is not None else "insert", "meta",
                                COMPLAINT_REPLY_DAYS_KEY,
                                None if before is None else {"value": before},
                                {"value": str(days)})

    # --- the county office's public key (县信用办公钥) ----------------------------
    # One ``meta`` row rather than a table: a single value, no schema change.  Written
    # through the audit log like every setting, as table "meta" and key
    # COUNTY_RECIPIENT_KEY (the replay follows record tables only; meta also holds the
    # audit head itself, which no entry could describe).  The value is checked as an age
    # recipient by package.encryption before it gets here; the store keeps its shape.
    def county_recipient(self) -> dict | None:
        """``{"office", "recipient", "created_at", "imported_at"}`` or None."""
        rows = self.db.query("SELECT value FROM meta WHERE key = ?", (COUNTY_RECIPIENT_KEY,))
        if not rows:
            return None
        try:
            value = json.loads(rows[0]["value"])
        except ValueError:
            return None
        if not (isinstance(value, dict) and isinstance(value.get("recipient"), str)
                and isinstance(value.get("office"), str)):
            return None
        return value

    def set_county_recipient(self, office: str, recipient: str, created_at: str = "") -> dict:
        """Save the county office's recipient (replacing any); the value saved."""
        office, recipient = (office or "").strip(), (recipient or "").strip()
        if not office:
            raise UserError("县信用办名称不能为空")
        if not _AGE_RECIPIENT.fullmatch(recipient):
            raise UserError("县信用办公钥格式不正确（应为 age1 开头的 62 位字符）")
        value = {"office": office, "recipient": recipient, "created_at": created_at or "",
                 "imported_at": now_iso()}
        before = self.county_recipient()
        with self.db.transaction():
            self.db.utils["meta"].upsert(
                {"key": COUNTY_RECIPIENT_KEY,
                 "value": json.dumps(value, ensure_ascii=False, sort_keys=True)}, pk="key")
            self.db.audit.write("update" if before else "insert", "meta",
                                COUNTY_RECIPIENT_KEY, before, value)
        return value

    def clear_county_recipient(self) -> bool:
        """Forget the county office's recipient; whether there was one."""
        before = self.county_recipient()
        if before is None:
            return False
        with self.db.transaction():
            self.db.utils["meta"].delete(COUNTY_RECIPIENT_KEY)
            self.db.audit.write("delete", "meta", COUNTY_RECIPIENT_KEY, before, None)
        return True

    # --- the warning window (黄灯 and the reminders) ---------------------------------
    # A meta row like the county recipient, audited the same way.
    def warning_days(self) -> int:
        """Days before a deadline that it turns 黄灯 and is listed in the reminders."""
        rows = self.db.query("SELECT value FROM meta WHERE key = ?", (WARNING_DAYS_KEY,))
        low, high = WARNING_DAYS_RANGE
        try:
            days = int(rows[0]["value"]) if rows else DEFAULT_WARNING_DAYS
        except ValueError:
            return DEFAULT_WARNING_DAYS
        return days if low <= days <= high else DEFAULT_WARNING_DAYS

    def set_warning_days(self, days) -> bool:
        """Save the warning window; whether it changed.  Refused outside
        WARNING_DAYS_RANGE with a message saying the range."""
        low, high = WARNING_DAYS_RANGE
        if isinstance(days, bool) or not isinstance(days, int) or not low <= days <= high:
            raise UserError(f"预警天数应为 {low} 到 {high} 之间的整数（天），请重新填写")
        before = self.warning_days()
        if days == before:
            return False
        with self.db.transaction():
            existed = self.db.scalar("SELECT count(*) FROM meta WHERE key = ?",
                                     (WARNING_DAYS_KEY,))
            self.db.utils["meta"].upsert({"key": WARNING_DAYS_KEY, "value": str(days)},
                                         pk="key")
            self.db.audit.write("update" if existed else "insert", "meta", WARNING_DAYS_KEY,
                                {"value": before} if existed else None, {"value": days})
        return True

    # --- how many backups are kept (store/backups.py) ---------------------------------
    def backup_keep(self) -> int:
        """How many of the newest backups beside the file are kept (besides one a month)."""
        from govcredit_desktop.store.backups import DEFAULT_KEEP

        value = self.db.scalar("SELECT value FROM meta WHERE key = ?", (BACKUP_KEEP_KEY,))
        try:
            keep = int(value)
        except (TypeError, ValueError):
            return DEFAULT_KEEP
        return keep if MIN_BACKUP_KEEP <= keep <= MAX_BACKUP_KEEP else DEFAULT_KEEP

    def set_backup_keep(self, keep: int) -> None:
        if not isinstance(keep, int) or not MIN_BACKUP_KEEP <= keep <= MAX_BACKUP_KEEP:
            raise UserError(f"保留的备份份数应在 {MIN_BACKUP_KEEP} 到 {MAX_BACKUP_KEEP} 之间")
        before = self.db.scalar("SELECT value FROM meta WHERE key = ?", (BACKUP_KEEP_KEY,))
        if before == str(keep):
            return
        with self.db.transaction():
            self.db.utils["meta"].upsert({"key": BACKUP_KEEP_KEY, "value": str(keep)}, pk="key")
            self.db.audit.write("update" if before is not None else "insert", "meta",
                                BACKUP_KEEP_KEY, None if before is None else {"value": before},
                                {"value": str(keep)})
