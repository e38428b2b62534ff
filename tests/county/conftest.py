"""Registrations made from fresh keys (the ``county`` fixture is in tests/conftest.py)."""

import pytest

from govcredit_desktop import demo
from govcredit_desktop.package import registration, signing


def make_registration(name: str, uscc: str | None = None, replaces=(), signer=None,
                      department_uuid: str | None = None):
    """(Registration, Signer) for a department; a new key unless ``signer``."""
    uscc = uscc or demo.department_uscc(name, 1)
    signer = signer or signing.generate(name, uscc)
    data = registration.registration_bytes(department_uuid or f"uuid-{uscc}", name, uscc,
                                           signer.certificate_pem, replaces)
    return registration.parse_registration(data), signer


@pytest.fixture(scope="session")
def packages(tmp_path_factory):
    """Demo departments and their built packages, cached for the session
    (tests/county/packages.py)."""
    from tests.county.packages import PackageMaker

    return PackageMaker(tmp_path_factory.mktemp("departments"))
