from govcredit_desktop.core.changes import Changes, RecordKind


def test_changes_merge_and_answer_by_kind():
    c = Changes.of(RecordKind.PROBLEM, 1, 2) | Changes.of(RecordKind.MEASURE, 7)
    c = c | Changes.of(RecordKind.PROBLEM, 3)
    assert c.ids(RecordKind.PROBLEM) == {1, 2, 3}
    assert RecordKind.MEASURE in c and RecordKind.PERSON not in c
    assert c.affects([RecordKind.PERSON, RecordKind.MEASURE])
    assert not c.affects([RecordKind.CAMPAIGN])
    assert not Changes.none() and c
    assert all(kind in Changes.everything() for kind in RecordKind)
    assert Changes.of("problem").ids(RecordKind.PROBLEM) == frozenset()


def test_some_names_kinds_without_ids():
    c = Changes.some(RecordKind.PERSON, "campaign")
    assert RecordKind.PERSON in c and RecordKind.CAMPAIGN in c
    assert RecordKind.PROBLEM not in c
    assert c.ids(RecordKind.PERSON) == frozenset()
    assert not Changes.some()
