"""What an import is made of: the analysis the wizard shows and the outcome of writing it."""

from __future__ import annotations

from dataclasses import dataclass, field

from govcredit_desktop.core.errors import UserError


class IntakeError(UserError):
    """A file or an import that cannot go ahead; the message says why and what to do."""


@dataclass
class RowError:
    row_number: int  # 1-based spreadsheet row
    column_letter: str  # '' when the error is the row's as a whole
    header_text: str
    reason: str

    def message(self) -> str:
        where = f"第{self.row_number}行"
        if self.column_letter:
            where += f" {self.column_letter}列"
            if self.header_text:
                where += f"（{self.header_text}）"
        return f"{where}：{self.reason}"


@dataclass
class ColumnMap:
    index: int  # 0-based column index in the sheet
    letter: str
    header_text: str
    field: str | None
    remembered: bool = False
    sample: list[str] = field(default_factory=list)


def display(field: str, values: dict) -> str:
    """A row's value as the preview shows it: 2021年12月30日, 1,234.56元, 无固定期限,
    measures one per line."""
    from govcredit_desktop.core.dates import format_cn
    from govcredit_desktop.core.money import format_yuan

    value = values.get(field)
    if field == "remark":
        parts = ["已纳入政务失信记录"] if values.get("listed_as_dishonest") else []
        return "；".join(parts + ([values["closure_remark"]] if values.get("closure_remark")
                                 else []))
    if field == "closed_flag":
        return "是" if values.get("status") == "已销号" else ""
    if field == "deadline" and value is None and values.get("deadline_note"):
        return values["deadline_note"]
    if value is None or value == "":
        return ""
    if field in ("deadline", "discovered_date", "closed_date"):
        return format_cn(value)
    if field in ("amount_involved", "amount_repaid"):
        return format_yuan(value, unit=True)
    if field == "measures":
        return "\n".join(f"{i}. {m['content']}" for i, m in enumerate(value, 1))
    return str(value)


@dataclass
class RowResult:
    row_number: int
    action: str  # 'add' | 'update' | 'unchanged' | 'error'
    values: dict
    errors: list[RowError] = field(default_factory=list)
    # The bundle handed to the bulk writer (None for unchanged and error rows).
    bundle: dict | None = None

    def display(self, field: str) -> str:
        return display(field, self.values)


@dataclass
class Analysis:
    sheet: str
    campaign_id: int
    header_rows: tuple[int, int]
    columns: list[ColumnMap]
    rows: list[RowResult]
    skipped: list[tuple[int, str]] = field(default_factory=list)
    hidden_columns: list[str] = field(default_factory=list)
    # (kind, value) of areas / categories / sources not in the vocabulary.
    unknown_terms: list[tuple[str, str]] = field(default_factory=list)
    header_key: str = ""

    @property
    def counts(self) -> dict:
        out = {"add": 0, "update": 0, "unchanged": 0, "error": 0}
        for r in self.rows:
            out[r.action] += 1
        return out

    @property
    def errors(self) -> list[RowError]:
        return [e for r in self.rows for e in r.errors]

    def mapping(self) -> dict[int, str | None]:
        return {c.index: c.field for c in self.columns}


@dataclass
class ImportOutcome:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_errors: int = 0
