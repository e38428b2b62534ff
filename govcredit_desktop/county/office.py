"""The county office's own set-up, shared by the ``county`` commands and the GUI: making
a county database with its name, and the public recipient file (县信用办公钥) with the
key pair made on first use (docs/county-mode.md: why the identity is kept as it is)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import UserError


def create_county_database(path: Path, name: str) -> str:
    """Make a new county database at ``path`` named ``name``; the name as stored.
    Refused when ``path`` exists; made beside it and renamed when complete, so no
    half-made county file is left."""
    from govcredit_desktop.core.files import atomic_path
    from govcredit_desktop.core.limits import clean_text
    from govcredit_desktop.store import KIND_COUNTY, Database

    path = Path(path)
    if path.exists():
        raise UserError(f"文件“{path}”已经存在，未做任何改动。县信用办数据库只能新建，"
                        "请换一个文件名")
    if not clean_text(name or ""):
        raise UserError("县信用办名称不能为空，例如“宝丰县社会信用体系建设领导小组办公室”。")
    with atomic_path(path) as tmp, Database(tmp, create=True, kind=KIND_COUNTY) as db:
        db.county.set_name(name)
        return db.county.name()


@dataclass(frozen=True)
class ExportedKey:
    path: Path        # the recipient file written
    office: str
    recipient: str    # age1…
    made: bool        # the key pair was made now (first export)


def recipient_file_name(out: Path) -> Path:
    """``out`` with the recipient file's suffix when it does not end in .json."""
    from govcredit_desktop.package import encryption

    out = Path(out)
    if not out.name.endswith(".json"):
        out = out.with_name(out.name + encryption.RECIPIENT_SUFFIX)
    return out


def export_recipient(db, out: Path) -> ExportedKey:
    """Write the county's public recipient file at ``out`` (suffix added as
    ``recipient_file_name``); the key pair is made and stored on first use."""
    from govcredit_desktop.package import encryption

    out = recipient_file_name(out)
    if out.is_dir():
        raise UserError(f"“{out}”是一个文件夹，请指定要保存的公钥文件名")
    key = db.county_key.get()
    made = key is None
    if made:
        pair = encryption.generate_identity()
        key = db.county_key.set(pair.identity, pair.recipient)
    office = db.county.name() or "县信用办"
    written = encryption.write_recipient_file(out, office, key["recipient"])
    return ExportedKey(written, office, key["recipient"], made)
