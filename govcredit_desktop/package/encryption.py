"""Encrypted packages (加密报送包): the signed zip encrypted to the county office's age key,
so that a lost USB stick exposes no complainant, no firm's debt and no evidence.

docs/package-format.md, "Encrypted packages (age)", is the contract.  In short:

* The county office holds an age X25519 identity (``AGE-SECRET-KEY-1…``) in its
  database and gives departments its recipient (``age1…``) in a small JSON file
  (``govcredit-county-recipient``, ``RECIPIENT_SUFFIX``).
* A department signs first, then encrypts: age says nothing about who encrypted a file
  (anyone holding the recipient can), so origin stays the signature's job, and the
  plain package inside is exactly the one ``verify`` checks.  The encrypted file is the
  plain package's name plus ``.age`` and is a standard age v1 file (binary, one X25519
  recipient), which the ``age`` command-line tool decrypts too.
* Both directions stream through pyrage in its own chunks (64 KB of plaintext a
  chunk, 16 bytes of tag each): nothing holds a package in memory.  Decryption goes to
  a file in a temporary folder, refused beyond the format's size limit before a byte is
  read (a plaintext is never longer than its ciphertext) and counted again as it comes
  out.

pyrage is imported inside the functions: the command line starts without it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.core.errors import Cancelled, UserError
from govcredit_desktop.core.files import atomic_write, read_error_message, user_error
from govcredit_desktop.package import format as fmt

RECIPIENT_FORMAT = "govcredit-county-recipient"
RECIPIENT_VERSION = 1
RECIPIENT_SUFFIX = ".gckey.json"
#: What an encrypted package's name adds to the plain one's.
SUFFIX = ".age"
#: The first line of every age v1 file (age-encryption.org/v1).
MAGIC = b"age-encryption.org/v1\n"
#: A recipient or identity file is a few hundred bytes; anything larger is not one.
MAX_KEY_FILE_BYTES = 64 * 1024
MAX_OFFICE_NAME = 100
#: age's payload: a 16-byte nonce, then 64 KiB chunks each followed by a 16-byte tag.
_AGE_CHUNK = 64 * 1024
_AGE_TAG = 16
#: An age header with one X25519 stanza is ~200 bytes; allow room for a few recipients.
_MAX_HEADER = 64 * 1024


def sealed_limit(plain_limit: int) -> int:
    """The largest age file that can hold a plaintext of ``plain_limit`` bytes."""
    return plain_limit + _MAX_HEADER + 16 + _AGE_TAG * (plain_limit // _AGE_CHUNK + 1)


NOT_FOR_US = "不是发给本县信用办的报送包，或文件已损坏"

_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
_IDENTITY = re.compile(r"AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}")

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None


# --- keys ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CountyKeyPair:
    """The county office's own key: ``identity`` is the secret, ``recipient`` the public
    half departments encrypt to."""

    identity: str
    recipient: str


def generate_identity() -> CountyKeyPair:
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return CountyKeyPair(str(identity), str(identity.to_public()))


def recipient_of(identity: str) -> str:
    """The recipient (``age1…``) of a secret identity; UserError for a malformed one."""
    return str(_identity(identity).to_public())


def _identity(identity: str):
    from pyrage import IdentityError, x25519

    text = (identity or "").strip()
    if not _IDENTITY.fullmatch(text):
        raise UserError("县信用办的解密私钥格式不正确（应为 AGE-SECRET-KEY-1 开头的 74 位字符）。"
                        "请检查私钥文件，或从县信用办数据库重新导出")
    try:
        return x25519.Identity.from_str(text)
    except IdentityError:
        raise UserError("县信用办的解密私钥已损坏（校验不通过）。请检查私钥文件，"
                        "或从县信用办数据库重新导出") from None


def check_recipient(recipient: str, name: str = "县信用办公钥") -> str:
    """``recipient`` stripped, when it is a valid age X25519 recipient; UserError else."""
    from pyrage import RecipientError, x25519

    text = (recipient or "").strip() if isinstance(recipient, str) else ""
    if not _RECIPIENT.fullmatch(text):
        raise UserError(f"{name}格式不正确（应为 age1 开头的 62 位字符）。"
                        "请向县信用办重新索取公钥文件")
    try:
        x25519.Recipient.from_str(text)
    except RecipientError:
        raise UserError(f"{name}已损坏（校验不通过）。请向县信用办重新索取公钥文件") from None
    return text


# --- the recipient file (县信用办公钥文件) -------------------------------------------------

@dataclass(frozen=True)
class CountyRecipient:
    office: str
    recipient: str
    created_at: str = ""

    def as_json(self) -> dict:
        return {"office": self.office, "recipient": self.recipient,
                "created_at": self.created_at}


def recipient_bytes(office: str, recipient: str, now: _dt.datetime | None = None) -> bytes:
    office = _office_name(office, "县信用办名称")
    doc = {
        "format": RECIPIENT_FORMAT,
        "version": RECIPIENT_VERSION,
        "created_at": (now or _dt.datetime.now().astimezone()).isoformat(timespec="seconds"),
        "office": office,
        "recipient": check_recipient(recipient),
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_recipient_file(path: str | os.PathLike, office: str, recipient: str) -> Path:
    """Write the county's public recipient file at ``path`` (``RECIPIENT_SUFFIX`` added
    when the name does not end in .json); the path written."""
    path = Path(path)
    if not path.name.lower().endswith(".json"):
        path = path.with_name(path.name + RECIPIENT_SUFFIX)
    data = recipient_bytes(office, recipient)
    with atomic_write(path) as fh:
        fh.write(data)
    return path


def _office_name(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UserError(f"{what}不能为空")
    value = value.strip()
    if len(value) > MAX_OFFICE_NAME or any(ord(ch) < 32 for ch in value):
        raise UserError(f"{what}过长或含有控制字符")
    return value


def parse_recipient(data: bytes, name: str = "公钥文件") -> CountyRecipient:
    """A CountyRecipient from a recipient file's bytes; UserError saying what is wrong."""
    def bad(why: str) -> UserError:
        return UserError(f"“{name}”不是有效的县信用办公钥文件：{why}。"
                         "请向县信用办重新索取公钥文件（县信用办用“county key”导出）。")

    if len(data) > MAX_KEY_FILE_BYTES:
        raise bad("文件过大")
    if b"AGE-SECRET-KEY-" in data.upper():
        # Said first and loudly: whoever holds this can open every department's stick.
        raise UserError(f"“{name}”含有县信用办的解密私钥，不是公钥文件。私钥不得外传："
                        "请立即告知县信用办更换密钥，并删除此文件的所有副本。")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise bad("不是 UTF-8 编码的文本") from None
    if _RECIPIENT.fullmatch(text.strip()):
        raise bad("这是一个单独的 age 公钥，缺少县信用办名称")
    try:
        doc = json.loads(text)
    except ValueError:
        raise bad("内容不是 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != RECIPIENT_FORMAT:
        raise bad("格式标识不符")
    if doc.get("version") != RECIPIENT_VERSION:
        raise bad(f"版本 {str(doc.get('version'))[:20]} 不受支持，请升级本程序")
    try:
        office = _office_name(doc.get("office"), "县信用办名称")
        recipient = check_recipient(doc.get("recipient"), "公钥")
    except UserError as exc:
        raise bad(str(exc).split("。")[0]) from None
    created = doc.get("created_at", "")
    return CountyRecipient(office, recipient, created if isinstance(created, str) else "")


def read_recipient_file(path: str | os.PathLike) -> CountyRecipient:
    path = Path(path)
    if path.is_dir():
        raise UserError(f"“{path}”是文件夹，不是县信用办公钥文件")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(read_error_message(exc, path)) from None
    return parse_recipient(data, path.name)


def read_identity_file(path: str | os.PathLike) -> str:
    """The secret identity in ``path``: one ``AGE-SECRET-KEY-1…`` line, as ``age-keygen``
    writes it (``#`` comment lines allowed).  UserError otherwise."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_KEY_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(read_error_message(exc, path)) from None
    if len(data) > MAX_KEY_FILE_BYTES:
        raise UserError(f"“{path.name}”过大，不是县信用办的私钥文件")
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
    keys = [line for line in lines if line and not line.startswith("#")]
    if len(keys) != 1:
        raise UserError(f"“{path.name}”不是县信用办的私钥文件：应当只有一行"
                        " AGE-SECRET-KEY-1 开头的私钥")
    recipient_of(keys[0])  # refuses a malformed one with its reason
    return keys[0]


# --- files -----------------------------------------------------------------------------

def encrypted_name(name: str) -> str:
    return name + SUFFIX


def is_encrypted(path: str | os.PathLike) -> bool:
    """Whether the file at ``path`` starts as an age file (by content, not by name)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


class _Counted:
    """A file wrapper pyrage reads from or writes to: counts bytes for progress, checks
    for cancel, and stops a stream that outgrows ``limit``.  pyrage may hand an exception
    raised here back wrapped in its own (EncryptError), and reports a damaged payload as
    a bare OSError: ``raised`` keeps what was raised here, to tell them apart."""

    def __init__(self, fh, total: int, progress: Progress, cancelled: IsCancelled,
                 limit: int | None = None):
        self.fh, self.total = fh, total
        self.progress, self.cancelled, self.limit = progress, cancelled, limit
        self.done = 0
        self.raised: BaseException | None = None

    def _count(self, n: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        self.done += n
        if self.limit is not None and self.done > self.limit:
            raise _TooLarge()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def _call(self, fn, *args):
        try:
            return fn(*args)
        except BaseException as exc:
            self.raised = exc
            raise

    def read(self, n: int = -1) -> bytes:
        chunk = self._call(self.fh.read, n)
        self._call(self._count, len(chunk))
        return chunk

    def write(self, data) -> int:
        self._call(self._count, len(data))
        return self._call(self.fh.write, data)

    def flush(self) -> None:
        self._call(self.fh.flush)


def _raised(*wrappers: _Counted | None) -> BaseException | None:
    return next((w.raised for w in wrappers if w is not None and w.raised is not None), None)


class _TooLarge(Exception):
    pass


class NotDecryptable(UserError):
    """The file does not decrypt with this identity: encrypted to another key, damaged,
    truncated or not an age file.  Like a failed check, the package is refused."""


def encrypt_file(source: str | os.PathLike, target: str | os.PathLike, recipient: str,
                 progress: Progress = None, cancelled: IsCancelled = None) -> None:
    """Encrypt ``source`` to ``recipient`` into the new file ``target`` (streamed, fsynced).
    The caller owns ``target``'s place (a temporary folder); on failure it is removed."""
    import pyrage
    from pyrage import x25519

    recipient = check_recipient(recipient)
    source, target = Path(source), Path(target)
    size = source.stat().st_size
    reader = None
    try:
        with open(source, "rb") as src, open(target, "xb") as dst:
            reader = _Counted(src, size, progress, cancelled)
            pyrage.encrypt_io(reader, dst, [x25519.Recipient.from_str(recipient)])
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        ours = _raised(reader)
        if ours is not None and ours is not exc:
            raise ours from None
        if isinstance(exc, OSError):
            raise user_error(exc, target) from exc
        if isinstance(exc, pyrage.EncryptError):
            raise UserError(f"加密报送包失败（{exc}），未写入任何文件") from None
        raise


def decrypt_file(source: str | os.PathLike, target: str | os.PathLike, identity: str,
                 progress: Progress = None, cancelled: IsCancelled = None,
                 limit: int = fmt.MAX_PACKAGE_BYTES) -> None:
    """Decrypt the age file ``source`` with ``identity`` into the new file ``target``.
    UserError (``NOT_FOR_US``) for a file encrypted to another key, damaged, truncated or
    not age at all; for one whose plaintext would exceed ``limit``; on failure
    ``target`` is removed."""
    import pyrage

    key = _identity(identity)
    source, target = Path(source), Path(target)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise UserError(read_error_message(exc, source)) from None
    if size > sealed_limit(limit):
        raise _too_large(source, limit)
    reader = writer = None
    try:
        with open(source, "rb") as src:
            if src.read(len(MAGIC)) != MAGIC:
                raise NotDecryptable(f"“{source.name}”{NOT_FOR_US}（不是 age 加密文件）")
            src.seek(0)
            with open(target, "xb") as dst:
                # Reading is counted for progress; writing is bounded (a ciphertext within
                # its limit cannot hold more, but the bound must not rest on that alone).
                reader = _Counted(src, size, progress, cancelled)
                writer = _Counted(dst, limit, None, None, limit)
                pyrage.decrypt_io(reader, writer, [key])
    except BaseException as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        ours = _raised(reader, writer)
        if isinstance(ours, _TooLarge):
            raise _too_large(source, limit) from None
        if isinstance(ours, OSError):
            if ours is _raised(reader):
                raise UserError(read_error_message(ours, source)) from None
            raise user_error(ours, target) from ours
        if ours is not None:
            raise ours from None
        # A damaged chunk or a cut-off end comes out of pyrage as a bare OSError
        # ("decryption error"), a wrong key or a damaged header as DecryptError.
        if isinstance(exc, pyrage.DecryptError) or (isinstance(exc, OSError)
                                                    and reader is not None):
            raise NotDecryptable(f"“{source.name}”{NOT_FOR_US}（{exc}）。请核对文件，"
                                 "或请报送单位用本县信用办的公钥重新生成报送包") from None
        if isinstance(exc, OSError):
            raise user_error(exc, target) from exc
        raise


def _too_large(source: Path, limit: int) -> UserError:
    return UserError(f"“{source.name}”超过报送包的大小上限（{limit // 1024 ** 2} MB），"
                     "不予解密")


@contextlib.contextmanager
def decrypted(source: str | os.PathLike, identity: str, progress: Progress = None,
              cancelled: IsCancelled = None,
              limit: int = fmt.MAX_PACKAGE_BYTES) -> Iterator[Path]:
    """The plain package inside the encrypted ``source``, as a file in a temporary folder
    that is removed (with the file) when the block ends."""
    with tempfile.TemporaryDirectory(prefix="govcredit-decrypt-") as tmp:
        plain = Path(tmp) / "package.zip"
        decrypt_file(source, plain, identity, progress, cancelled, limit)
        yield plain
