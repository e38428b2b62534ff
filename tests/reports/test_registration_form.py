"""The printed 签名证书登记表 states the fingerprint the program shows, and fits one page."""

import datetime as dt

import pytest
from pypdf import PdfReader

from govcredit_desktop.package import registration, signing
from govcredit_desktop.reports import registration_form

USCC = "11330100MB0123456W"


@pytest.mark.parametrize("attempt", range(4))
def test_form_states_department_and_fingerprint_on_one_page(tmp_path, attempt):
    """Glyph widths differ between hex digits, so each attempt draws new keys: the page
    must hold any fingerprint, with two replaced certificates and a long reason."""
    signer = signing.generate("某县市场监督管理局", USCC)
    olds = [signing.generate("某县市场监督管理局", USCC) for _ in range(2)]
    reason = "原经办电脑损坏，密钥丢失，已报告"
    reg = registration.parse_registration(registration.registration_bytes(
        "u", "某县市场监督管理局", USCC, signer.certificate_pem,
        replaces=[registration.Replaced(o.fingerprint, "2026-11-30", reason) for o in olds]))
    out = registration_form.write(reg, {"contact_person": "张三", "contact_phone": "0571-1234"},
                                  tmp_path / "form.pdf", dt.date(2026, 12, 2))
    pdf = PdfReader(out)
    assert len(pdf.pages) == 1
    text = "".join(pdf.pages[0].extract_text().split())
    assert "某县市场监督管理局" in text and USCC in text
    assert "".join(signing.fingerprint_groups(signer.fingerprint).split()) in text
    for old in olds:  # named by its first four groups, when and why
        assert "".join(signing.fingerprint_groups(old.fingerprint).split()[:4]) in text
    assert "2026年11月30日更换" in text and "密钥丢失" in text and "2026年12月2日" in text
    assert "经办人" in text


def test_form_for_a_first_key_says_none_replaced(tmp_path):
    signer = signing.generate("某县市场监督管理局", USCC)
    reg = registration.parse_registration(registration.registration_bytes(
        "u", "某县市场监督管理局", USCC, signer.certificate_pem))
    out = registration_form.write(reg, {}, tmp_path / "form.pdf")
    text = "".join(PdfReader(out).pages[0].extract_text().split())
    assert "无（首次登记）" in text
