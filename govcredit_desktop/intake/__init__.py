"""Importing the ledgers departments already keep in Excel/WPS (issue 18).

    wb = open_workbook(path)                 # .xlsx / .xls / .et / .ods / .csv, by content
    a = analyse(db, wb, wb.default_sheet, campaign_id)   # headers, mapping, typed rows
    out = apply_import(db, a)                # all or nothing, through store.bulk

Reading (reader) → finding the header rows (headers) → mapping columns by Chinese
synonyms (mapping) → values as people type them (values) → matching existing problems
and building bundles (plan).  Nothing here touches SQL: writes go through the store.

The names are loaded on first use: cli.py imports ``intake.cli`` on every start of
the program, and the parsers need none of this.
"""

import importlib

_WHERE = {
    "FIELDS": "mapping",
    "Analysis": "model", "ColumnMap": "model", "ImportOutcome": "model",
    "IntakeError": "model", "RowError": "model", "RowResult": "model",
    "add_unknown_terms": "plan", "analyse": "plan", "apply_import": "plan",
    "remember_mapping": "plan",
    "Workbook": "reader", "open_workbook": "reader",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
