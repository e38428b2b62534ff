"""The county file the coverage and county document tests share (a module fixture: each
module imports it once; the departments and packages are the session's, tests/county/
packages.py)."""

from __future__ import annotations

import datetime as _dt
import json
import shutil
import zipfile

import pytest

from govcredit_desktop.cli import main
from govcredit_desktop.county.importer import import_packages
from govcredit_desktop.package import format as fmt
from govcredit_desktop.store import KIND_COUNTY, Database
from tests.county.packages import MADE_AT, register
from tests.county.test_import import tampered

A, B, C = "宝丰县交通运输局", "宝丰县财政局", "宝丰县水利局"
ON_TIME_DEADLINE = "2026-12-03"  # A's package (2 December) is on time in every time zone
LATE_AT = MADE_AT + _dt.timedelta(days=3)  # B's (5 December) is late


def manifest(path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(fmt.MANIFEST))


def campaign_name(dept) -> str:
    with dept.open() as db:
        return db.settings.latest_campaign()["name"]


@pytest.fixture(scope="module", name="scene")
def county_scene(packages, tmp_path_factory):
    """A county file: A, B and C registered, the deadline set before anything arrived,
    then A's package, B's late one, a tampered copy of A's and A's again (duplicate)."""
    work = tmp_path_factory.mktemp("coverage")
    a, b, c = (packages.department(n) for n in (A, B, C))
    pa, pb = packages.package(a), packages.package(b, now=LATE_AT)
    path = work / "county.sqlite"
    assert main(["county", "init", "--db", str(path), "--name", "宝丰县信用办"]) == 0
    name = campaign_name(a)
    assert main(["county", "campaign", "--db", str(path), "--name", name,
                 "--deadline", ON_TIME_DEADLINE, "--doc-number", "宝信用办〔2026〕14号"]) == 0
    stick = work / "stick"
    stick.mkdir()
    for p in (pa, pb):
        shutil.copyfile(p, stick / p.name)
    tampered(pa, stick / "篡改.zip")
    with Database(path, kind=KIND_COUNTY) as county:
        register(county, a, b, c)
        outcomes = import_packages(county, [stick / pa.name, stick / pb.name,
                                            stick / "篡改.zip", pa])
    assert [o.status for o in outcomes] == ["accepted", "accepted", "refused", "duplicate"], \
        [o.line() for o in outcomes]
    county = Database(path, kind=KIND_COUNTY)
    yield {"a": a, "b": b, "c": c, "pa": pa, "pb": pb, "path": path, "db": county,
           "name": name, "work": work}
    county.close()


