"""Demo departments and their packages, for the county tests (import, coverage, GUI).

    from tests.county.packages import COUNTY_KEY, PackageMaker, register

    maker = PackageMaker(tmp_path_factory.mktemp("departments"))   # or the session
                                                                   # fixture ``packages``
    dept = maker.department("宝丰县交通运输局", seed=1, problems=6)  # its db, key, reg file
    zip_path = maker.package(dept)                                 # built once, cached
    sealed = maker.package(dept, recipient=COUNTY_KEY.recipient)   # .zip.age
    county.county_key.set(COUNTY_KEY.identity, COUNTY_KEY.recipient)
    register(county, dept)

A department is ``demo --department NAME --seed N --problems P`` in a database of its own,
a signing key (kept in memory: ``build_package`` takes the Signer) and its registration
file.  Packages are made by ``package.build.build_package`` (four signed PDFs and a
workbook: ~1-3 s each), so the maker caches each (department, version, time, recipient)
in its folder: the session fixture ``packages`` (tests/county/conftest.py) shares them
between tests.  A test that changes a department copies it first (``Department.copy``).
Every package is recorded in the department's 报送记录, as the 报送 dialog does, so the
next package's manifest carries ``audit.earlier``.
"""

from __future__ import annotations

import datetime as _dt
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from govcredit_desktop import demo
from govcredit_desktop.package import build, encryption, registration, signing
from govcredit_desktop.store import Database

#: The county's age key pair for every test (making one is cheap, but packages encrypted
#: to it are cached across tests).
COUNTY_KEY = encryption.generate_identity()
#: When the packages are made, by default: a fixed time, so cached names are stable.
MADE_AT = _dt.datetime(2026, 12, 2, 10, 0, 0, tzinfo=_dt.timezone(_dt.timedelta(hours=8)))


@dataclass(frozen=True)
class Department:
    name: str
    seed: int
    problems: int
    db_path: Path
    signer: signing.Signer
    registration: Path  # the .gcreg.json the county registers

    @property
    def uscc(self) -> str:
        return demo.department_uscc(self.name, self.seed)

    def open(self) -> Database:
        return Database(self.db_path, actor="单位经办人")

    def copy(self, folder: Path, name: str | None = None) -> Department:
        """The same department (same key and registration) in a database of its own at
        ``folder``, to change without touching the cached one."""
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{name or self.db_path.stem}.sqlite"
        with self.open() as db:
            db.checkpoint()
        shutil.copyfile(self.db_path, target)
        return replace(self, db_path=target)


def registration_file(folder: Path, department_uuid: str, name: str, uscc: str,
                      signer: signing.Signer, replaces=()) -> Path:
    path = folder / f"{uscc}-{signer.fingerprint[:8]}{registration.SUFFIX}"
    path.write_bytes(registration.registration_bytes(department_uuid, name, uscc,
                                                     signer.certificate_pem, replaces))
    return path


def register(county, *departments: Department) -> None:
    for dept in departments:
        county.registrations.register(registration.read_registration(dept.registration))


class PackageMaker:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._departments: dict[tuple, Department] = {}
        self._packages: dict[tuple, Path] = {}

    def department(self, name: str, seed: int = 1, problems: int = 6) -> Department:
        key = (name, seed, problems)
        if key not in self._departments:
            folder = self.folder / f"dept-{len(self._departments)}"
            folder.mkdir(parents=True)
            path = folder / "department.sqlite"
            with Database(path, actor="单位经办人", create=True) as db:
                demo.generate(db, problems, seed=seed, department=name)
                uuid = db.settings.department()["uuid"]
            uscc = demo.department_uscc(name, seed)
            signer = signing.generate(name, uscc)
            self._departments[key] = Department(
                name, seed, problems, path, signer,
                registration_file(folder, uuid, name, uscc, signer))
        return self._departments[key]

    def package(self, dept: Department, now: _dt.datetime = MADE_AT,
                recipient: str | None = None, signer: signing.Signer | None = None) -> Path:
        """``dept``'s package as its database stands (cached by database file, time,
        recipient and signer: a test that changes a department copies it first)."""
        signer = signer or dept.signer
        key = (str(dept.db_path), now.isoformat(), recipient, signer.fingerprint)
        if key not in self._packages:
            out = self.folder / f"out-{len(self._packages)}"
            out.mkdir()
            self._packages[key] = build_and_record(dept, out, now, recipient, signer)
        return self._packages[key]


def build_and_record(dept: Department, out: Path, now: _dt.datetime = MADE_AT,
                     recipient: str | None = None,
                     signer: signing.Signer | None = None) -> Path:
    """Build ``dept``'s package into ``out`` (uncached) and enter it in its 报送记录."""
    with dept.open() as db:
        campaign_id = db.settings.latest_campaign()["id"]
        result = build.build_package(db, campaign_id, signer or dept.signer, out, now=now,
                                     recipient=recipient)
        build.record_submission(db, campaign_id, result)
    return result.path
