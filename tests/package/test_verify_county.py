"""`verify --trust COUNTY_DB`: the county's registrations, replacement dates included."""

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.core.errors import UserError
from govcredit_desktop.package.registration import Replaced, read_registration
from govcredit_desktop.package.verify import FAILED, OK, verify_package
from tests.county.conftest import make_registration
from tests.package.conftest import CREATED_AT, DEPT_A, DEPT_B


@pytest.fixture
def registered(county, kit):
    county.registrations.register(read_registration(kit.reg_a))
    return county


def test_a_registered_departments_package_is_authentic(registered, kit, tmp_path, capsys):
    pkg = kit.package(tmp_path / "a.zip")
    report = verify_package(pkg, trust=registered.path)
    assert report.authentic
    assert main(["verify", str(pkg), "--trust", str(registered.path)]) == 0
    assert "来源已核验" in capsys.readouterr().out
    # Department B is not registered in the county file: its origin fails.
    other = verify_package(kit.package(tmp_path / "b.zip", DEPT_B), trust=registered.path)
    assert other.status("origin") == FAILED


@pytest.mark.parametrize("replaced_at, origin", [
    ("2021-12-01T00:00:00+08:00", FAILED),  # replaced before the package was made
    (CREATED_AT, FAILED),                   # at the same moment: no longer vouches
    ("2021-12-03T00:00:00+08:00", OK),      # replaced later: an older package stays good
])
def test_a_replaced_key_vouches_only_for_packages_made_before(registered, kit, tmp_path,
                                                               replaced_at, origin):
    new, _ = make_registration(DEPT_A.name, DEPT_A.uscc, department_uuid=DEPT_A.uuid,
                               replaces=[Replaced(kit.signer_a.fingerprint, replaced_at)])
    registered.registrations.register(new)
    report = verify_package(kit.package(tmp_path / "a.zip"), trust=registered.path)
    assert report.status("origin") == origin
    if origin == FAILED:
        assert "被替换" in report.failed.message_cn


def test_a_department_database_is_not_a_trust(db, kit, tmp_path, capsys):
    pkg = kit.package(tmp_path / "a.zip")
    with pytest.raises(UserError, match="不是县信用办数据库"):
        verify_package(pkg, trust=db.path)
    assert main(["verify", str(pkg), "--trust", str(db.path)]) == 1
    assert "不是县信用办数据库" in capsys.readouterr().err
