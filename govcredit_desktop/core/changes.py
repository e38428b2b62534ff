"""What an operation changed: the record kinds and ids it touched.

Long work and dialogs return a ``Changes``; the window hands it to everything
that shows data (ledger, filters, status bar, later the dashboard), and each
refreshes only when a kind it shows is in it.

    Changes.of(RecordKind.PROBLEM, 12) | Changes.of(RecordKind.MEASURE, 40, 41)

A write to a problem's measures, progress entries or evidence also names the
problem: the ledger row shows what they add up to (progress, 已清偿, status),
and with the problem's id a listener can re-read that row alone.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class RecordKind(StrEnum):
    PROBLEM = "problem"
    MEASURE = "measure"
    PROGRESS = "progress"
    EVIDENCE = "evidence"
    PERSON = "person"
    CAMPAIGN = "campaign"
    DEPARTMENT = "department"
    VOCABULARY = "vocabulary"
    #: The signing key (created, password changed, replaced).
    KEY = "key"
    #: A package made and entered in 报送记录.
    SUBMISSION = "submission"
    #: 投诉登记 (a complaint added, edited, replied to, converted or deleted).
    COMPLAINT = "complaint"
    #: A dishonesty record, or a sanction or credit repair under one (names the problem).
    DISHONESTY = "dishonesty_record"
    #: A setting of the database (the warning window, ``db.settings.warning_days``).
    SETTING = "setting"
    #: Another database was opened: everything is new.
    DATABASE = "database"


@dataclass(frozen=True)
class Changes:
    # kind -> ids touched; an empty set means "some, not known which"
    touched: dict[RecordKind, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def none(cls) -> "Changes":
        return cls()

    @classmethod
    def of(cls, kind: RecordKind, *ids: int) -> "Changes":
        return cls({RecordKind(kind): frozenset(ids)})

    @classmethod
    def some(cls, *kinds: RecordKind) -> "Changes":
        """Records of these kinds, which ones not known (a bulk load)."""
        return cls({RecordKind(kind): frozenset() for kind in kinds})

    @classmethod
    def everything(cls) -> "Changes":
        return cls({kind: frozenset() for kind in RecordKind})

    def __or__(self, other: "Changes") -> "Changes":
        merged = dict(self.touched)
        for kind, ids in other.touched.items():
            merged[kind] = merged.get(kind, frozenset()) | ids
        return Changes(merged)

    def __bool__(self) -> bool:
        return bool(self.touched)

    def __contains__(self, kind: object) -> bool:
        return kind in self.touched

    def affects(self, kinds: Iterable[RecordKind]) -> bool:
        return any(kind in self.touched for kind in kinds)

    def ids(self, kind: RecordKind) -> frozenset[int]:
        return self.touched.get(kind, frozenset())
