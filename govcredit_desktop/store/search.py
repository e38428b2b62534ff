"""Substring search of any length through FTS5.

The trigram tokenizer finds nothing for 1–2 character Chinese terms, and
LIKE '%…%' scans every row.  Instead each searched field is stored with a
space between characters (default unicode61 tokenizer, one token per
character) and the term is queried as a phrase: "拖 欠" matches exactly
where LIKE '%拖欠%' would, within one field, for terms of any length.
"""

import re

SEARCHED_FIELDS = ("title", "description", "counterparty")
_SPACE = re.compile(r"\s+")


def spaced(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(_SPACE.sub("", text))


def matches_nothing(term: str) -> bool:
    """A term no stored text can contain: one with a lone surrogate (from a broken
    clipboard), which validation refuses in every field and SQLite cannot even bind."""
    return any("\ud800" <= ch <= "\udfff" for ch in term or "")


def match_expression(term: str) -> str | None:
    """The FTS5 phrase for a user's term, or None when it has nothing to match."""
    chars = [ch for ch in _SPACE.sub("", term or "") if ch.isalnum()]
    if not chars:
        return None
    # Quotes inside a phrase are doubled; punctuation is dropped on both sides
    # by the tokenizer, so only letters and digits need to reach it.
    return '"' + " ".join(chars).replace('"', '""') + '"'


def index_problem(conn, problem_id: int, rec: dict) -> None:
    conn.execute("DELETE FROM problem_fts WHERE rowid = ?", (problem_id,))
    conn.execute(
        "INSERT INTO problem_fts (rowid, title, description, counterparty) VALUES (?, ?, ?, ?)",
        (problem_id, *(spaced(rec.get(f)) for f in SEARCHED_FIELDS)),
    )


def unindex_problem(conn, problem_id: int) -> None:
    conn.execute("DELETE FROM problem_fts WHERE rowid = ?", (problem_id,))
