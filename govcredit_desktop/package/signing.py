"""The department's signing key and certificate, and the two things it signs.

One ECDSA P-256 key signs both the manifest of a package (a detached signature over
its exact bytes) and the package's PDFs (PAdES, through pyHanko).  The certificate is
self-signed: the county office trusts it because it registered its fingerprint,
confirmed over the phone, not because a CA vouches for it.

Only ``cryptography`` is imported here at module level; pyHanko costs ~0.4 s to
import and is loaded by the PDF functions when first used.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import uuid as _uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from govcredit_desktop.core.errors import UserError

#: The only algorithm today; an SM2/SM3 one can be added under a new name.
ALG = "ecdsa-p256-sha256"
SIGNATURE_FORMAT = "govcredit-signature"
SIGNATURE_VERSION = 1
MIN_PASSWORD_LENGTH = 8
#: A self-signed certificate needs no short life to be revocable: replacing the key
#: is how a department withdraws it.  Twenty years outlives any PC it is made on.
CERTIFICATE_YEARS = 20


class WrongPassword(UserError):
    def __init__(self):
        super().__init__("签名密钥的密码不正确。请重新输入；如果确实忘记了密码，"
                         "可在“签名密钥”中更换新密钥并重新向县信用办登记。")


@dataclass(frozen=True)
class Signer:
    """An unlocked private key and the certificate that names its department."""

    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.certificate)

    @property
    def certificate_pem(self) -> str:
        return certificate_pem(self.certificate)


def generate(department: str, uscc: str) -> Signer:
    """A new key and a self-signed certificate for the department."""
    key = ec.generate_private_key(ec.SECP256R1())
    return Signer(key, make_certificate(key, department, uscc))


def make_certificate(key: ec.EllipticCurvePrivateKey, department: str, uscc: str,
                     now: _dt.datetime | None = None) -> x509.Certificate:
    """Self-signed: the organisation name in UTF-8, the 统一社会信用代码 in serialNumber
    (2.5.4.5, as the CA/B Forum EV guidelines carry registration numbers) and in
    organizationIdentifier (2.5.4.97, ``NTRCN-<USCC>``, ETSI EN 319 412-1)."""
    now = now or _dt.datetime.now(_dt.UTC)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, department),
        x509.NameAttribute(NameOID.COMMON_NAME, department),
        x509.NameAttribute(NameOID.SERIAL_NUMBER, uscc),
        x509.NameAttribute(NameOID.ORGANIZATION_IDENTIFIER, f"NTRCN-{uscc}"),
    ])
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _dt.timedelta(days=1))
        .not_valid_after(now.replace(year=now.year + CERTIFICATE_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    )
    return builder.sign(key, hashes.SHA256())


# --- certificates -----------------------------------------------------------------------

def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, 64 lowercase hex digits."""
    return cert.fingerprint(hashes.SHA256()).hex()


def fingerprint_groups(value: str) -> str:
    """'3FA2 B1C0 …': 16 groups of 4, what is read out over the phone."""
    value = value.replace(" ", "").upper()
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


def certificate_pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_certificate(pem: str | bytes) -> x509.Certificate:
    """A certificate from PEM text; UserError for anything that is not one."""
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise UserError(f"证书无法读取（{exc}），文件可能已损坏。") from None


@dataclass(frozen=True)
class CertificateSubject:
    department: str
    uscc: str


def subject_of(cert: x509.Certificate) -> CertificateSubject:
    def first(oid) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""
    return CertificateSubject(first(NameOID.ORGANIZATION_NAME), first(NameOID.SERIAL_NUMBER))


# --- the private key at rest --------------------------------------------------------------

def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少需要{MIN_PASSWORD_LENGTH}个字符"
    if password.strip() != password:
        return "密码首尾不能是空格"
    return None


#: scrypt cost (RFC 7914; OWASP's minimum is N=2**17, r=8, p=1: 128 MB, ~0.3 s here).
#: The PKCS#8 encryption that cryptography writes stretches the password with PBKDF2 at a
#: fixed 2048 rounds, which an 8-character password does not survive once a copy of the
#: database is stolen; so the password is first stretched with scrypt, and the result is
#: the PKCS#8 password.  Tests lower N; the value used is stored with each key.
SCRYPT_N = 2 ** 17
SCRYPT_R = 8
SCRYPT_P = 1
_KDF_LINE = "govcredit-kdf: scrypt"


def _stretch(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    derived = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))
    return base64.b64encode(derived)


def encrypt_key(key: ec.EllipticCurvePrivateKey, password: str) -> str:
    """Encrypted PKCS#8 PEM (as the database keeps it), led by one explanatory line
    (RFC 7468 allows text before the BEGIN line) naming the scrypt parameters that
    turn the clerk's password into the PKCS#8 password."""
    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    import os

    salt = os.urandom(16)
    n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_stretch(password, salt, n, r, p)),
    ).decode("ascii")
    salt_text = base64.b64encode(salt).decode("ascii")
    return f"{_KDF_LINE} n={n} r={r} p={p} salt={salt_text}\n{pem}"


def _kdf_params(pem: str) -> tuple[bytes, int, int, int]:
    first, _, _rest = pem.partition("\n")
    fields = dict(part.split("=", 1) for part in first[len(_KDF_LINE):].split() if "=" in part)
    if not first.startswith(_KDF_LINE):
        raise ValueError("no kdf line")
    n, r, p = int(fields["n"]), int(fields["r"]), int(fields["p"])
    # A stored value is data: bound the work it can ask for (2**20 x 8 is 1 GB).
    if not (2 <= n <= 2 ** 20 and 1 <= r <= 16 and 1 <= p <= 4) or n & (n - 1):
        raise ValueError("kdf parameters out of range")
    return base64.b64decode(fields["salt"], validate=True), n, r, p


def decrypt_key(pem: str, password: str) -> ec.EllipticCurvePrivateKey:
    try:
        salt, n, r, p = _kdf_params(pem)
    except (ValueError, KeyError):
        raise UserError("数据库中的签名密钥记录已损坏，无法使用。请在“签名密钥”中更换新密钥"
                        "并重新向县信用办登记。") from None
    try:
        key = serialization.load_pem_private_key(pem.partition("\n")[2].encode("ascii"),
                                                 _stretch(password, salt, n, r, p))
    except (ValueError, TypeError):
        # cryptography says "Bad decrypt. Incorrect password?" as a ValueError; a
        # damaged PEM gives one too, and the clerk's next step is the same.
        raise WrongPassword() from None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise UserError("数据库中的签名密钥不是 ECDSA P-256 密钥，无法使用。")
    return key


def unlock(private_key_pem: str, certificate: str, password: str) -> Signer:
    """The Signer from the stored key and certificate; WrongPassword on a wrong one."""
    key = decrypt_key(private_key_pem, password)
    cert = load_certificate(certificate)
    if cert.public_key().public_numbers() != key.public_key().public_numbers():
        raise UserError("签名密钥与证书不匹配，数据库中的密钥记录可能已被改动。")
    return Signer(key, cert)


# --- the manifest signature -----------------------------------------------------------------

def sign_manifest(signer: Signer, manifest: bytes) -> bytes:
    """The bytes of ``manifest.sig``: JSON naming the algorithm, the DER signature over
    the exact bytes of ``manifest.json`` (base64) and the certificate (PEM)."""
    signature = signer.private_key.sign(manifest, ec.ECDSA(hashes.SHA256()))
    doc = {
        "format": SIGNATURE_FORMAT,
        "version": SIGNATURE_VERSION,
        "alg": ALG,
        "signature": base64.b64encode(signature).decode("ascii"),
        "certificate": signer.certificate_pem,
        "fingerprint": signer.fingerprint,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class SignatureInvalid(Exception):
    """The signature file is unreadable or does not match (the message says which)."""


def verify_manifest(manifest: bytes, signature_file: bytes) -> x509.Certificate:
    """The certificate whose key signed ``manifest``; SignatureInvalid (Chinese message)
    otherwise.  Says nothing about whether that certificate is trusted."""
    try:
        doc = json.loads(signature_file.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SignatureInvalid("签名文件不是有效的 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != SIGNATURE_FORMAT:
        raise SignatureInvalid("签名文件格式不对")
    if doc.get("alg") != ALG:
        raise SignatureInvalid(f"不支持的签名算法：{str(doc.get('alg'))[:40]}")
    try:
        signature = base64.b64decode(str(doc.get("signature", "")), validate=True)
        cert = x509.load_pem_x509_certificate(str(doc.get("certificate", "")).encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise SignatureInvalid("签名文件中的签名或证书无法读取") from None
    public = cert.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey) or public.curve.name != "secp256r1":
        raise SignatureInvalid("证书的公钥不是 ECDSA P-256")
    try:
        public.verify(signature, manifest, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise SignatureInvalid("清单的签名与内容不符（清单或签名被改动过）") from None
    if doc.get("fingerprint") != fingerprint(cert):
        raise SignatureInvalid("签名文件中记载的证书指纹与证书不符")
    return cert


# --- PDF signatures (PAdES, pyHanko) ----------------------------------------------------

def _pyhanko_signer(signer: Signer):
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der_key = signer.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    cert = asn1_x509.Certificate.load(signer.certificate.public_bytes(serialization.Encoding.DER))
    return signers.SimpleSigner(
        signing_cert=cert, signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([cert]))


def sign_pdf(signer: Signer, source: Path, target, reason: str = "报送") -> None:
    """Write ``source`` PAdES-signed to the binary file object ``target``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    meta = signers.PdfSignatureMetadata(
        field_name="Signature1", reason=reason,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
    with open(source, "rb") as fh:
        writer = IncrementalPdfFileWriter(fh, strict=False)
        signers.sign_pdf(writer, meta, signer=_pyhanko_signer(signer), output=target)


@dataclass(frozen=True)
class PdfSignatureResult:
    ok: bool
    fingerprint: str  # of the signing certificate, "" when none could be read
    message: str  # Chinese, for a failed check


def verify_pdf(data: bytes) -> PdfSignatureResult:
    """Is the PDF signed, is the signature intact and does it cover the whole file?

    Trust is the caller's: it compares the returned fingerprint with the manifest's
    certificate.  Never raises on a malformed PDF."""
    import io
    import logging

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # pyHanko logs every oddity of a hostile file at WARNING; the result says it.
    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.ERROR)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
        if len(sigs) != 1:
            return PdfSignatureResult(False, "", "没有签名" if not sigs else "签名不止一个")
        embedded = sigs[0]
        cert_der = embedded.signer_cert.dump()
        fp = hashlib.sha256(cert_der).hexdigest()
        # Trust is decided by the caller's fingerprint comparison; the signer's own
        # certificate as the only root keeps the operating system's list (and any
        # network fetch) out of it.
        context = ValidationContext(trust_roots=[embedded.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(embedded, context)
        if not (status.intact and status.valid):
            return PdfSignatureResult(False, fp, "签名与文件内容不符（文件被改动过）")
        if status.coverage is None or status.coverage.name != "ENTIRE_FILE":
            return PdfSignatureResult(False, fp, "签名之后文件又被追加或改动过")
        return PdfSignatureResult(True, fp, "")
    except Exception as exc:  # noqa: BLE001 - any malformed PDF is a failed check, never a crash
        return PdfSignatureResult(False, "", f"无法读取 PDF 签名（{type(exc).__name__}）")


def new_uuid() -> str:
    return str(_uuid.uuid4())
