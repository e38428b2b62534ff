"""SQLite storage: the Store facade and the ledger queries.

    store = Store(path)          # opens, creates or upgrades the file
    store.add_problem({...})     # every write is one audited transaction
"""

from govcredit_desktop.store.base import StoreBase
from govcredit_desktop.store.evidence import EvidenceMixin
from govcredit_desktop.store.people import PeopleMixin
from govcredit_desktop.store.problems import ProblemsMixin
from govcredit_desktop.store.settings import SettingsMixin


class Store(SettingsMixin, PeopleMixin, ProblemsMixin, EvidenceMixin, StoreBase):
    """One open database file."""


__all__ = ["Store"]
