"""Evidence files, stored inside the database and addressed by SHA-256.

Keeping the bytes in the same SQLite file means a backup or a move to a new
PC carries them, and a file is written in the same transaction as its row.
"""

import hashlib
import re
from pathlib import Path

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.core.files import atomic_write
from govcredit_desktop.store.records import RecordStore

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder on Windows or Linux."""
    cleaned = _UNSAFE.sub("_", Path(name).name).strip(" .")
    return cleaned or "evidence"


class EvidenceStore(RecordStore):
    table = "evidence"
    noun = "佐证材料"

    def list(self, problem_id: int) -> list[dict]:
        return self.db.query("SELECT * FROM evidence WHERE problem_id = ? ORDER BY id",
                          (problem_id,))

    def add(self, problem_id: int, file_path, note: str = "",
                     measure_id: int | None = None) -> int:
        path = Path(file_path)
        try:
            size = path.stat().st_size
            if size > MAX_EVIDENCE_BYTES:
                raise UserError(f"文件“{path.name}”超过200MB，请压缩或拆分后再添加")
            data = path.read_bytes()
        except OSError as exc:
            raise UserError(f"无法读取文件“{path}”：{exc.strerror or exc}") from exc
        digest = hashlib.sha256(data).hexdigest()
        with self.db.transaction() as conn:
            self.db.problems.get(problem_id)
            conn.execute(
                "INSERT OR IGNORE INTO evidence_blob (sha256, data) VALUES (?, ?)", (digest, data))
            return self._insert({
                "problem_id": problem_id, "measure_id": measure_id, "sha256": digest,
                "original_name": path.name, "size": len(data), "note": note or ""})

    def read_bytes(self, evidence_id: int) -> bytes:
        row = self.get(evidence_id)
        data = self.db.scalar("SELECT data FROM evidence_blob WHERE sha256 = ?", (row["sha256"],))
        if data is None or hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise UserError(f"佐证材料“{row['original_name']}”的内容已损坏（SHA-256 不符）")
        return data

    def export(self, evidence_id: int, folder) -> Path:
        row = self.get(evidence_id)
        target = Path(folder) / safe_name(row["original_name"])
        data = self.read_bytes(evidence_id)
        with atomic_write(target) as fh:
            fh.write(data)
        return target

    def delete(self, evidence_id: int) -> None:
        with self.db.transaction():
            self._delete(evidence_id)
            self.drop_unused_blobs()

    def drop_unused_blobs(self) -> None:
        self.db.conn.execute("DELETE FROM evidence_blob WHERE sha256 NOT IN"
                          " (SELECT sha256 FROM evidence)")
