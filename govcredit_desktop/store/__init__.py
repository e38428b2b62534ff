"""SQLite storage: the Database, one store per record kind, and read queries.

    db = Database(path)          # opens, creates or upgrades the file
    db.problems.add({...})       # every write is one audited transaction
    Database(path, create=True, kind=KIND_COUNTY)   # a county office file
"""

from govcredit_desktop.store.database import Database
from govcredit_desktop.store.migrations import KIND_COUNTY, KIND_DEPARTMENT

__all__ = ["KIND_COUNTY", "KIND_DEPARTMENT", "Database"]
