"""Importing the ledgers departments already keep in Excel/WPS (issue 18).

    wb = open_workbook(path)                 # .xlsx / .xls / .et / .ods / .csv, by content
    a = analyse(db, wb, wb.default_sheet, campaign_id)   # headers, mapping, typed rows
    out = apply_import(db, a)                # all or nothing, through store.bulk

Reading (reader) → finding the header rows (headers) → mapping columns by Chinese
synonyms (mapping) → values as people type them (values) → matching existing problems
and building bundles (plan).  Nothing here touches SQL: writes go through the store.
"""

from govcredit_desktop.intake.mapping import FIELDS
from govcredit_desktop.intake.model import (
    Analysis,
    ColumnMap,
    ImportOutcome,
    IntakeError,
    RowError,
    RowResult,
)
from govcredit_desktop.intake.plan import (
    add_unknown_terms,
    analyse,
    apply_import,
    remember_mapping,
)
from govcredit_desktop.intake.reader import Workbook, open_workbook

__all__ = [
    "FIELDS", "Analysis", "ColumnMap", "ImportOutcome", "IntakeError", "RowError",
    "RowResult", "Workbook", "add_unknown_terms", "analyse", "apply_import", "open_workbook",
    "remember_mapping",
]
