"""The replay's text comparison of packed bulk entries (store/replay_text.py): it is the
way most rows are compared, it proves only what equal values prove, and every way it can
fail hands the entry to the comparison by value, which names what differs."""

import json
import sqlite3
import zlib

import pytest

from govcredit_desktop.store import bulk as bulk_mod
from govcredit_desktop.store import replay as replay_mod
from govcredit_desktop.store.bulk import BulkWriter
from govcredit_desktop.store.replay_text import TextComparer
from tests.conftest import base_problem
from tests.store.test_replay import kinds, raw


@pytest.fixture
def by_value(monkeypatch):
    """The entries compared by value (decoded in Python), by id."""
    seen = []
    original = replay_mod._Replay._bulk_rows

    def spy(self, entry_id, packed):
        seen.append(entry_id)
        return original(self, entry_id, packed)

    monkeypatch.setattr(replay_mod._Replay, "_bulk_rows", spy)
    return seen


def bundle(campaign, n, **fields):
    return {**base_problem(campaign, title=f"导入问题{n}"), **fields,
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            "measures": [{"uuid": f"00000000-0000-4000-9000-{n:012d}", "content": "措施一"}],
            "progress": [{"entry_date": "2021-10-20", "note": "进展"}]}


def test_a_demo_ledger_is_compared_as_text_and_in_full(make_demo_db, by_value):
    db = make_demo_db(40, seed=9)
    report = db.replay_audit()
    assert report.ok and by_value == [] and report.unverified == 0
    assert report.records == sum(db.scalar(f"SELECT count(*) FROM {t}")
                                 for t in replay_mod.TABLES)
    # A byte changed in one row of the chunk: that entry is compared by value, named.
    raw(db, "UPDATE measure SET content = content || '。' WHERE id = 7")
    report = db.replay_audit()
    assert kinds(report) == [("changed", "measure")] and len(by_value) == 1


def test_rows_edited_later_are_cut_out_and_followed_through_their_entries(db, campaign,
                                                                          by_value):
    BulkWriter(db, "import", chunk=4).write(bundle(campaign, n) for n in range(10))
    ids = db.column("SELECT id FROM problem ORDER BY id")
    db.problems.update(ids[0], {"title": "首行改过"})     # first row of its chunk
    db.problems.update(ids[5], {"title": "中间改过"})     # a middle row
    db.problems.update(ids[7], {"title": "末行改过"})     # last row of its chunk
    db.problems.update(ids[9], {"amount_involved": 7})  # the only touched row of the last
    db.problems.update(ids[8], {"title": "再改"})
    assert db.replay_audit().ok and by_value == []
    # The edited row changed again behind the program's back: the later entry's
    # "after" no longer holds, and the row it left is what the table is compared with.
    raw(db, f"UPDATE problem SET title = '暗改' WHERE id = {ids[5]}")
    report = db.replay_audit()
    assert kinds(report) == [("changed", "problem")] and by_value == []
    assert "问题标题" in report.lines()[0] or "标题" in report.lines()[0]


@pytest.mark.parametrize("text", [
    '带"引号"的标题', "反斜杠\\和\\\\两个", "换行\n第二行", "单引号'和/斜杠",
    'a],["b', 'x]},"measure":{"columns":["uuid"', "🀄 非 BMP 字符", "行尾]"])
def test_values_json_escapes_compare_as_they_are_and_tampering_still_shows(
        db, campaign, by_value, text):
    title = text
    BulkWriter(db, "import", chunk=3).write(
        bundle(campaign, n, description=f"{title}{n}",
               counterparty=title if title.isprintable() else "某公司") for n in range(7))
    assert db.replay_audit().ok and by_value == []
    raw(db, "UPDATE problem SET description = ? WHERE id = (SELECT max(id) FROM problem)",
        params=(title + " ",))
    report = db.replay_audit()
    assert kinds(report) == [("changed", "problem")]


def test_an_integer_column_holding_a_real_is_compared_by_value(db, campaign, by_value):
    BulkWriter(db, "import").write(bundle(campaign, n, amount_involved=500_000)
                                   for n in range(3))
    first = db.scalar("SELECT min(id) FROM problem")
    raw(db, f"UPDATE problem SET amount_involved = 500000.5 WHERE id = {first}")
    report = db.replay_audit()
    assert kinds(report) == [("changed", "problem")] and len(by_value) == 1
    # SQLite writes this REAL as 500000.0: only the comparison by value tells.
    raw(db, f"UPDATE problem SET amount_involved = 500000.0000000001 WHERE id = {first}")
    report = db.replay_audit()
    assert kinds(report) == [("changed", "problem")] and len(by_value) == 2


# --- the comparer alone, on entries written by hand ----------------------------------------
@pytest.fixture
def scratch():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
                 " n INTEGER, s TEXT)")
    conn.executemany("INSERT INTO t (id, uuid, n, s) VALUES (?, ?, ?, ?)",
                     [(1, "a", 1, "x"), (2, "b", 2, None), (3, "c", 3, "z")])
    return conn


def packed(rows, columns=("uuid", "n", "s"), **more) -> bytes:
    payload = {"t": {"columns": list(columns), "rows": rows}, **more}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def comparer(conn, touched=()):
    return TextComparer(conn, {"t": ["n", "s"], "u": ["n"]}, {"t": set(touched)}, set())


def matched(conn, text, touched=()):
    """{table: uuids matched} of comparing ``text``, or None."""
    c = comparer(conn, touched)
    out = c.compare(text)
    if out is None:
        return None
    return {t: [k for span in spans for k in c.keys(t, span)]
            for t, spans in out.matched.items()}


def test_control_characters_are_escaped_alike_by_sqlite_and_python(scratch):
    text = "".join(map(chr, range(32))) + '"\\/\x7f\u2028'
    scratch.execute("UPDATE t SET s = ? WHERE id = 2", (text,))
    assert matched(scratch, packed([["a", 1, "x"], ["b", 2, text], ["c", 3, "z"]])) == {
        "t": ["a", "b", "c"]}


def test_equal_rows_compare_equal_and_name_their_uuids(scratch):
    assert matched(scratch, packed([["a", 1, "x"], ["b", 2, None], ["c", 3, "z"]])) == {
        "t": ["a", "b", "c"]}


@pytest.mark.parametrize("rows", [
    [["a", 1, "x"], ["b", 2, None], ["c", 3, "Z"]],       # a value
    [["a", 1, "x"], ["b", 2, "null"], ["c", 3, "z"]],     # null and "null"
    [["a", 1, "x"], ["b", "2", None], ["c", 3, "z"]],     # 2 and "2"
    [["a", 1, "x"], ["c", 3, "z"]],                       # a row the log lacks
    [["a", 1, "x"], ["b", 2, None], ["c", 3, "z"], ["d", 4, ""]],  # one the table lacks
    [["a", True, "x"], ["b", 2, None], ["c", 3, "z"]],    # true and 1: equal values, but
])                                                        # only the slow way may say so
def test_any_difference_hands_the_entry_back(scratch, rows):
    assert comparer(scratch).compare(packed(rows)) is None


def test_a_real_where_the_log_has_its_short_form_is_not_taken_as_equal(scratch):
    # SQLite writes 0.30000000000000004 as 0.3 (15 digits): the texts would agree.
    scratch.execute("UPDATE t SET n = 0.30000000000000004 WHERE id = 2")
    assert comparer(scratch).compare(packed([["a", 1, "x"], ["b", 0.3, None],
                                             ["c", 3, "z"]])) is None


def test_a_blob_or_an_unexpected_layout_hands_the_entry_back(scratch):
    rows = [["a", 1, "x"], ["b", 2, None], ["c", 3, "z"]]
    assert comparer(scratch).compare(packed(rows, columns=("uuid", "s", "n"))) is None
    assert comparer(scratch).compare(packed(rows, extra=1)) is None
    assert comparer(scratch).compare(packed(rows) + b" ") is None
    doubled = packed(rows)[:-1] + b',"t":' + json.dumps(
        {"columns": ["uuid", "n", "s"], "rows": rows}, separators=(",", ":")).encode() + b"}"
    assert comparer(scratch).compare(doubled) is None  # json.loads keeps the last "t" only
    scratch.execute("UPDATE t SET s = x'00' WHERE id = 3")
    assert comparer(scratch).compare(packed(rows)) is None


def test_touched_rows_are_cut_out_wherever_they_stand(scratch):
    rows = [["a", 1, "x"], ["b", 2, None], ["c", 3, "z"]]
    for touched in (["a"], ["b"], ["c"], ["a", "c"], ["a", "b", "c"]):
        marks = ",".join("?" * len(touched))
        scratch.execute(f"UPDATE t SET s = 'changed later' WHERE uuid IN ({marks})", touched)
        out = comparer(scratch, touched).compare(packed(rows))
        assert out is not None, touched
        assert matched(scratch, packed(rows), touched) == {
            "t": sorted(set("abc") - set(touched))}
        assert sorted(r[0] for r in out.touched["t"]) == sorted(touched)
        assert all(r == next(x for x in rows if x[0] == r[0]) for r in out.touched["t"])
        scratch.execute("UPDATE t SET s = CASE uuid WHEN 'b' THEN NULL"
                        " WHEN 'a' THEN 'x' ELSE 'z' END")


def test_two_tables_and_an_empty_one(scratch):
    scratch.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, n INTEGER)")
    scratch.execute("INSERT INTO u VALUES (5, 'q', 9)")
    text = json.dumps({"t": {"columns": ["uuid", "n", "s"], "rows": [["a", 1, "x"]]},
                       "u": {"columns": ["uuid", "n"], "rows": [["q", 9]]}},
                      separators=(",", ":")).encode()
    assert matched(scratch, text) == {"t": ["a"], "u": ["q"]}
    empty = json.dumps({"u": {"columns": ["uuid", "n"], "rows": []},
                        "t": {"columns": ["uuid", "n", "s"], "rows": [["a", 1, "x"]]}},
                       separators=(",", ":")).encode()
    assert matched(scratch, empty) == {"u": [], "t": ["a"]}


def test_the_packing_itself_round_trips():
    text = replay_mod.pack_rows({"t": (["uuid", "n"], [["a", 1]])})
    assert replay_mod.unpacked_text(text) == zlib.decompress(
        replay_mod.base64.b64decode(text))


def test_the_same_rows_imported_twice_are_counted_once_and_an_unlogged_one_still_shows(
        db, campaign, by_value, monkeypatch):
    """Two entries whose rows both match the table (an identical re-import, in the same
    second): their spans overlap, so their uuids are read and each row counts once; a
    row slipped in beside them is still one the log never saw."""
    monkeypatch.setattr(bulk_mod, "now_iso", lambda: "2026-12-02T10:00:00+00:00")

    def same(n):
        b = bundle(campaign, n, number=f"2021-{n + 1:03d}", seq=n + 1)
        b["progress"][0]["uuid"] = f"00000000-0000-4000-b000-{n:012d}"
        return b

    BulkWriter(db, "import", chunk=4).write(same(n) for n in range(6))
    BulkWriter(db, "import", chunk=4).write(same(n) for n in range(6))
    report = db.replay_audit()
    assert report.ok and by_value == []
    assert report.records == sum(db.scalar(f"SELECT count(*) FROM {t}")
                                 for t in replay_mod.TABLES)
    row = db.query("SELECT * FROM progress ORDER BY id LIMIT 1")[0]
    cols = [c for c in row if c != "id"]
    raw(db, f"INSERT INTO progress ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        params=[{**row, "uuid": "33333333-3333-4333-8333-333333333333"}[c] for c in cols])
    assert kinds(db.replay_audit()) == [("unlogged", "progress")]


def test_rows_deleted_by_a_later_bulk_entry_and_put_back_are_resurrections(db, campaign):
    BulkWriter(db, "import", chunk=4).write(bundle(campaign, n) for n in range(6))
    again = [bundle(campaign, n) for n in range(6)]
    again[1]["measures"] = []  # the re-import drops problem 1's measure (logged as deleted)
    BulkWriter(db, "import", chunk=4).write(again)
    assert db.replay_audit().ok
    gone = bundle(campaign, 1)["measures"][0]["uuid"]
    row = db.query("SELECT * FROM measure ORDER BY id LIMIT 1")[0]
    cols = [c for c in row if c != "id"]
    raw(db, f"INSERT INTO measure ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        params=[{**row, "uuid": gone}[c] for c in cols])
    assert kinds(db.replay_audit()) == [("resurrected", "measure")]


def test_the_replay_inflates_with_zlib_where_isal_has_no_wheel(monkeypatch):
    """LoongArch has no isal wheel: the plain zlib module reads the same packed rows."""
    import zlib

    from govcredit_desktop.store import replay

    packed = replay.pack_rows({"measure": (["id", "content"], [[1, "核对台账"]])})
    expected = replay.unpacked_text(packed)
    monkeypatch.setattr(replay, "_inflater", zlib)
    assert replay.unpacked_text(packed) == expected
    assert "核对台账".encode() in expected
    assert replay.unpack_rows(packed) == json.loads(expected)
