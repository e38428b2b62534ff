"""The fast path of schema validation (``jsonschemas.compiled``) says "valid" only where
jsonschema does: on the schemas as shipped, for valid documents and for every kind of
breakage, including ones a fast checker might get wrong (booleans as integers, 1.0,
patterns, extra keys)."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcredit_desktop.package import jsonschemas
from tests.package.conftest import DEPT_A, ledger_doc

LEDGER = jsonschemas.LEDGER_SCHEMA
MANIFEST = jsonschemas.MANIFEST_SCHEMA


def reference_valid(doc, name: str) -> bool:
    return jsonschemas.validator(name).is_valid(doc)


def test_the_ledger_has_a_fast_path_and_the_manifest_none():
    """The manifest's dates carry ``format: date``, which only jsonschema checks (and the
    manifest is small); the ledger, 1,000s of records, is what needs the fast path."""
    assert jsonschemas.compiled(LEDGER) is not None
    assert jsonschemas.compiled(MANIFEST) is None


def _set(path, value):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _drop(path):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


P0, M0 = ("problems", 0), ("problems", 0, "measures", 0)
BREAKAGES = {
    "seq as bool": _set((*P0, "seq"), True),
    "seq as 1.0 (an integer to JSON Schema)": _set((*P0, "seq"), 1.0),
    "seq as 1.5": _set((*P0, "seq"), 1.5),
    "seq negative": _set((*P0, "seq"), -1),
    "seq as text": _set((*P0, "seq"), "1"),
    "amount too large": _set((*P0, "amount_involved_fen"), 10 ** 15),
    "amount as bool": _set((*P0, "amount_involved_fen"), False),
    "amount null": _set((*P0, "amount_involved_fen"), None),
    "status outside the enum": _set((*P0, "status"), "已完成"),
    "status as a number": _set((*P0, "status"), 1),
    "uuid in capitals": _set((*P0, "uuid"), "00000000-0000-4000-8000-00000000001A"),
    "uuid with a tail": _set((*P0, "uuid"), "00000000-0000-4000-8000-000000000011\n"),
    "date with time": _set((*P0, "deadline"), "2021-11-20T00:00"),
    "date null": _set((*P0, "deadline"), None),
    "empty title": _set((*P0, "title"), ""),
    "title as list": _set((*P0, "title"), ["问题"]),
    "extra key": _set((*P0, "extra"), 1),
    "missing key": _drop((*P0, "closure_remark")),
    "measures as object": _set((*P0, "measures"), {}),
    "measure owner not a uuid": _set((*M0, "owner"), "张三"),
    "measure owner null": _set((*M0, "owner"), None),
    "person active as 1": _set(("persons", 0, "active"), 1),
    "format wrong": _set(("format",), "govcredit-ledgers"),
    "format as a list (unhashable where a const is due)": _set(("format",), []),
    "format_version as bool": _set(("format_version",), True),
    "format_version 2": _set(("format_version",), 2),
    "evidence path with a capital": _set(("problems", 0, "evidence", 0, "path"),
                                         "evidence/" + "A" * 64 + ".txt"),
    "problems missing": _drop(("problems",)),
    "top level a list": lambda doc: doc.clear(),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_the_fast_path_agrees_with_jsonschema_on_the_ledger(name):
    doc = copy.deepcopy(ledger_doc(DEPT_A))
    assert jsonschemas.compiled(LEDGER)(doc) and reference_valid(doc, LEDGER)
    BREAKAGES[name](doc)
    expected = reference_valid(doc, LEDGER)
    fast = jsonschemas.compiled(LEDGER)(doc)
    assert not (fast and not expected), "the fast path accepted what jsonschema refuses"
    if not expected:
        assert jsonschemas.schema_problem(doc, LEDGER)  # a reason, from jsonschema
    else:
        assert jsonschemas.schema_problem(doc, LEDGER) is None


def _leaves(doc, path=()):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _leaves(v, (*path, i))
    yield path


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2, 10 ** 16), st.floats(-5, 5),
                   st.text(max_size=5), st.just("2021-12-30"),
                   st.just("00000000-0000-4000-8000-000000000099"), st.just([]), st.just({}))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_changes_never_pass_the_fast_path_alone(data):
    doc = copy.deepcopy(ledger_doc(DEPT_A))
    paths = [p for p in _leaves(doc) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        target = doc
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    if jsonschemas.compiled(LEDGER)(doc):
        assert reference_valid(doc, LEDGER), json.dumps(doc, ensure_ascii=False)[:500]


def test_a_schema_with_an_unknown_keyword_has_no_fast_path(monkeypatch):
    schema = {"type": "object", "properties": {"a": {"type": "string", "format": "email"}}}
    monkeypatch.setattr(jsonschemas, "load_schema", lambda name: schema)
    jsonschemas.compiled.cache_clear()
    try:
        assert jsonschemas.compiled("x.json") is None
    finally:
        jsonschemas.compiled.cache_clear()

