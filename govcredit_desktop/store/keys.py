"""The department's signing key, kept in the database (schema v4, ``signing_key``).

One row per key the department ever had; the row whose ``replaced_at`` is NULL is the
active one, and a partial unique index allows only one.  The private key is stored as
encrypted PKCS#8 (``package.signing.encrypt_key``): it moves with backups and to a new
PC and is of no use without the password.  The audit log holds only its SHA-256
(``audit.HASHED_COLUMNS``), so a changed password leaves no copy under the old one in
the log.

``package.signing`` (cryptography, ~20 ms) is imported inside the methods: opening a
database to show the ledger does not pay for it.
"""

from govcredit_desktop.core import validation
from govcredit_desktop.core.errors import UserError, ValidationError
from govcredit_desktop.core.limits import clean_text
from govcredit_desktop.store.records import RecordStore, now_iso

NO_KEY = ("尚未创建签名密钥。请先生成单位登记文件：首次生成时会创建签名密钥并设置密码，"
          "再把登记文件送交县信用办登记。")


class _Keys(RecordStore):
    table = "signing_key"
    noun = "签名密钥"


class KeyStore:
    """``db.keys``: create, unlock, re-encrypt and replace the department's key."""

    def __init__(self, db):
        self.db = db
        self._rows = _Keys(db)

    # --- reading ---------------------------------------------------------------------
    def active(self) -> dict | None:
        """The key that signs now (its row), or None before the first one is made."""
        rows = self.db.query("SELECT * FROM signing_key WHERE replaced_at IS NULL")
        return rows[0] if rows else None

    def all(self) -> list[dict]:
        """Every key the department had, newest first."""
        return self.db.query("SELECT * FROM signing_key ORDER BY id DESC")

    def replaced(self) -> list:
        """The replaced keys as ``registration.Replaced``, oldest first: what a manifest's
        ``key.replaces`` and a registration file's ``replaces`` list."""
        from govcredit_desktop.package.registration import Replaced

        rows = self.db.query("SELECT fingerprint, replaced_at, replace_reason FROM signing_key"
                             " WHERE replaced_at IS NOT NULL ORDER BY id")
        return [Replaced(r["fingerprint"], r["replaced_at"], r["replace_reason"]) for r in rows]

    def _require_active(self) -> dict:
        row = self.active()
        if row is None:
            raise UserError(NO_KEY)
        return row

    # --- the private key -----------------------------------------------------------------
    def unlock(self, password: str):
        """The active key as a ``signing.Signer``; ``signing.WrongPassword`` on a wrong
        password, UserError(NO_KEY) when there is no key yet."""
        from govcredit_desktop.package import signing

        row = self._require_active()
        signer = signing.unlock(row["private_key_pem"], row["certificate_pem"], password)
        if signer.fingerprint != row["fingerprint"]:
            raise UserError("签名密钥记录中的证书指纹与证书不符，数据库中的密钥记录可能已被"
                            "改动。请运行“检查数据库”，或用备份恢复。")
        return signer

    # --- writes ------------------------------------------------------------------------
    def create(self, signer, password: str) -> dict:
        """Store ``signer`` (a new ``signing.Signer``) as the active key, encrypted with
        ``password``; refused while an active key exists (replace it instead)."""
        from govcredit_desktop.package import signing

        pem = signing.encrypt_key(signer.private_key, password)  # refuses a weak password
        with self.db.transaction():
            if self.active() is not None:
                raise UserError("本单位已有在用的签名密钥，不能再创建一把。如果密码遗忘或"
                                "密钥可能泄露，请使用“更换签名密钥”。")
            key_id = self._rows._insert(self._values(signer, pem))
        return self._rows.get(key_id)

    def change_password(self, old: str, new: str) -> None:
        """Re-encrypt the active key under ``new``; nothing changes on a wrong ``old``."""
        from govcredit_desktop.package import signing

        with self.db.transaction():
            row = self._require_active()
            signer = self.unlock(old)
            if old == new:
                raise UserError("新密码与原密码相同，密码未修改。")
            pem = signing.encrypt_key(signer.private_key, new)
            self._rows._update(row["id"], {"private_key_pem": pem})

    def replace(self, new_signer, password: str, reason: str = "") -> dict:
        """Make ``new_signer`` the active key and mark the old one replaced by it, in one
        transaction.  Needs no old password: a forgotten one is a reason to replace."""
        from govcredit_desktop.package import signing

        reason = clean_text(reason or "")
        errors = validation.validate_key_replacement({"reason": reason})
        if errors:
            raise ValidationError(errors)
        pem = signing.encrypt_key(new_signer.private_key, password)
        with self.db.transaction():
            old = self.active()
            if old is None:
                raise UserError("尚未创建签名密钥，无需更换。请直接生成单位登记文件，"
                                "首次生成时会创建签名密钥。")
            if old["fingerprint"] == new_signer.fingerprint:
                raise UserError("新密钥与在用的签名密钥相同，未作更换。")
            # The old private key is wiped: a key given up as lost or leaked must not sign
            # again from this file, whoever later learns its password.  Its certificate
            # stays, for the manifests that name it as replaced.
            self._rows._update(old["id"], {
                "replaced_at": now_iso(), "replaced_by": new_signer.fingerprint,
                "replace_reason": reason, "private_key_pem": ""})
            key_id = self._rows._insert(self._values(new_signer, pem))
        return self._rows.get(key_id)

    @staticmethod
    def _values(signer, pem: str) -> dict:
        return {"fingerprint": signer.fingerprint, "certificate_pem": signer.certificate_pem,
                "private_key_pem": pem}
