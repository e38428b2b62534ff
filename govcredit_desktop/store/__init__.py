"""SQLite storage: the Database, one store per record kind, and read queries.

    db = Database(path)          # opens, creates or upgrades the file
    db.problems.add({...})       # every write is one audited transaction
"""

from govcredit_desktop.store.database import Database

__all__ = ["Database"]
