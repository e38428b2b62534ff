"""The key, certificate and the two signatures (manifest, PDF)."""

import io

import pytest
from cryptography.x509.oid import NameOID

from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package import signing

USCC = "11330100MB0123456W"


@pytest.fixture(scope="module")
def signer():
    return signing.generate("某县市场监督管理局", USCC)


def test_certificate_names_the_department(signer):
    cert = signer.certificate
    name = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert name == "某县市场监督管理局"
    assert cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == USCC
    assert (cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_IDENTIFIER)[0].value
            == f"NTRCN-{USCC}")
    assert signing.subject_of(cert) == signing.CertificateSubject("某县市场监督管理局", USCC)


def test_fingerprint_is_read_as_sixteen_groups(signer):
    groups = signing.fingerprint_groups(signer.fingerprint).split(" ")
    assert len(groups) == 16 and all(len(g) == 4 for g in groups)
    assert "".join(groups).lower() == signer.fingerprint


def test_key_at_rest_needs_its_password(signer):
    pem = signing.encrypt_key(signer.private_key, "correct horse")
    assert "ENCRYPTED PRIVATE KEY" in pem
    with pytest.raises(signing.WrongPassword, match="密码不正确"):
        signing.unlock(pem, signer.certificate_pem, "wrong horse")
    again = signing.unlock(pem, signer.certificate_pem, "correct horse")
    assert again.fingerprint == signer.fingerprint


def test_short_password_refused(signer):
    with pytest.raises(UserError, match="至少需要8个字符"):
        signing.encrypt_key(signer.private_key, "short")


def test_key_and_certificate_must_match(signer):
    other = signing.generate("另一单位", USCC)
    pem = signing.encrypt_key(other.private_key, "correct horse")
    with pytest.raises(UserError, match="不匹配"):
        signing.unlock(pem, signer.certificate_pem, "correct horse")


def test_manifest_signature_round_trip_and_tamper(signer):
    manifest = b'{"format": "govcredit-submission"}'
    sig = signing.sign_manifest(signer, manifest)
    assert signing.fingerprint(signing.verify_manifest(manifest, sig)) == signer.fingerprint
    with pytest.raises(signing.SignatureInvalid, match="不符"):
        signing.verify_manifest(manifest + b" ", sig)
    with pytest.raises(signing.SignatureInvalid, match="不支持的签名算法"):
        signing.verify_manifest(manifest, sig.replace(b"ecdsa-p256-sha256", b"sm2-sm3"))
    with pytest.raises(signing.SignatureInvalid):
        signing.verify_manifest(manifest, b"\xff\x00")


def test_pdf_signature_intact_and_tampered(signer, tmp_path):
    from reportlab.pdfgen import canvas

    source = tmp_path / "a.pdf"
    c = canvas.Canvas(str(source))
    c.drawString(100, 100, "report")
    c.save()
    out = io.BytesIO()
    signing.sign_pdf(signer, source, out)
    data = out.getvalue()
    result = signing.verify_pdf(data)
    assert result.ok and result.fingerprint == signer.fingerprint
    assert not signing.verify_pdf(data + b"\n%appended\n").ok
    assert not signing.verify_pdf(source.read_bytes()).ok  # unsigned
    assert not signing.verify_pdf(b"not a pdf").ok
    # A changed byte of the signed content (the page text) breaks the signature.
    i = data.index(b"report") if b"report" in data else data.index(b"/Page")
    broken = bytearray(data)
    broken[i] ^= 0x01
    assert not signing.verify_pdf(bytes(broken)).ok


def test_registration_round_trip_and_refusals(signer):
    from govcredit_desktop.package import registration

    data = registration.registration_bytes("dept-uuid", "某县市场监督管理局", USCC,
                                           signer.certificate_pem)
    reg = registration.parse_registration(data)
    assert reg.fingerprint == signer.fingerprint and reg.uscc == USCC
    assert len(reg.fingerprint_groups.split()) == 16
    other = signing.generate("另一单位", USCC)
    forged = data.replace(signer.fingerprint.encode(), other.fingerprint.encode())
    with pytest.raises(UserError, match="指纹与证书不符"):
        registration.parse_registration(forged)
    mismatched = registration.registration_bytes("d", "某县市场监督管理局", USCC,
                                                 other.certificate_pem)
    with pytest.raises(UserError, match="不一致"):
        registration.parse_registration(mismatched)
    for junk in (b"", b"\xff\xfe", b"[]", b'{"format": "x"}'):
        with pytest.raises(UserError, match="不是有效的单位登记文件"):
            registration.parse_registration(junk)


def test_password_is_stretched_with_scrypt_before_pkcs8(signer):
    """PKCS#8 alone would stretch the password with 2048 PBKDF2 rounds."""
    from cryptography.hazmat.primitives import serialization

    pem = signing.encrypt_key(signer.private_key, "correct horse")
    header, _, body = pem.partition("\n")
    assert header.startswith("govcredit-kdf: scrypt n=1024 r=8 p=1 salt=")
    with pytest.raises(ValueError):  # the clerk's password is not the PKCS#8 password
        serialization.load_pem_private_key(body.encode(), b"correct horse")
    for damaged in (body, header.replace("n=1024", "n=1000") + "\n" + body,
                    header.replace("n=1024", f"n={2 ** 24}") + "\n" + body):
        with pytest.raises(UserError, match="已损坏"):
            signing.unlock(damaged, signer.certificate_pem, "correct horse")
