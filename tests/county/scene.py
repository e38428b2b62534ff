"""A county office with four registered departments for the GUI tests and screenshots:
two that submitted on time, one late, one missing (tests/county/packages.py builds the
packages with the real package builder).

    scene = make_scene(tmp_path_factory.mktemp("county"))
    county = scene.county_db(tmp_path)           # a fresh copy, imported
"""

from __future__ import annotations

import datetime as _dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from govcredit_desktop.county.importer import import_packages
from govcredit_desktop.store import KIND_COUNTY, Database
from tests.county.packages import Department, PackageMaker, register

TZ = _dt.timezone(_dt.timedelta(hours=8))
ON_TIME = _dt.datetime(2026, 11, 27, 16, 30, tzinfo=TZ)
LATE = _dt.datetime(2026, 12, 4, 9, 15, tzinfo=TZ)
DEADLINE = "2026-11-30"
NAMES = ("宝丰县交通运输局", "宝丰县财政局", "宝丰县水利局", "宝丰县市场监督管理局")
OFFICE = "宝丰县信用办"


@dataclass
class Scene:
    maker: PackageMaker
    departments: list[Department]  # the first three submitted; the last did not
    packages: list[Path]
    campaign: str
    folder: Path

    def county_db(self, folder: Path, name: str = "county.sqlite") -> Database:
        """A county database: every department registered, the three packages imported,
        the county campaign's deadline set before the late one was made."""
        path = Path(folder) / name
        template = self.folder / "county-template.sqlite"
        if not template.exists():
            with Database(template, create=True, kind=KIND_COUNTY) as db:
                db.county.set_name(OFFICE)
                register(db, *self.departments)
                db.county_campaigns.get_or_create(self.campaign, deadline=DEADLINE)
                outcomes = import_packages(db, self.packages)
                assert [o.status for o in outcomes] == ["accepted"] * 3, [
                    o.line() for o in outcomes]
                db.checkpoint()
        shutil.copyfile(template, path)
        return Database(path, kind=KIND_COUNTY)

    def empty_county(self, folder: Path, *registered: Department) -> Database:
        """A county database with only ``registered`` departments and nothing imported."""
        db = Database(Path(folder) / "county.sqlite", create=True, kind=KIND_COUNTY)
        db.county.set_name(OFFICE)
        register(db, *registered)
        return db


def make_scene(folder: Path, problems: int = 12) -> Scene:
    maker = PackageMaker(folder)
    departments = [maker.department(name, seed=i + 1, problems=problems + 3 * i)
                   for i, name in enumerate(NAMES)]
    a, b, c, _d = departments
    packages = [maker.package(a, now=ON_TIME), maker.package(b, now=ON_TIME),
                maker.package(c, now=LATE)]
    with a.open() as db:
        campaign = db.settings.latest_campaign()["name"]
    return Scene(maker, departments, packages, campaign, Path(folder))
