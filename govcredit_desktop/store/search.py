"""Substring search of any length through FTS5.

The trigram tokenizer finds nothing for 1–2 character Chinese terms, and
LIKE '%…%' scans every row.  Instead each searched field is stored with a
space between characters (default unicode61 tokenizer, one token per
character) and the term is queried as a phrase: "拖 欠" matches wherever
LIKE '%拖欠%' would, within one field, for terms of any length.

The phrase finds a superset of LIKE: the tokenizer drops punctuation and spaces
(款涉及 finds “款，涉及”) and folds case and accents beyond ASCII.  The ledger's
queries (store/queries/ledger.py) check its hits with LIKE, so the search means
exactly LIKE '%term%', punctuation included.
"""

import re
import unicodedata

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
    """The FTS5 phrase whose hits include every row where the term occurs, or None
    when the index cannot say (only punctuation, or a private-use character, which
    the tokenizer keeps as a token and the phrase would have to leave out)."""
    term = _SPACE.sub("", term or "")
    if any(unicodedata.category(ch) == "Co" for ch in term):
        return None
    chars = [ch for ch in term if ch.isalnum()]
    if not chars:
        return None
    # Quotes inside a phrase are doubled; punctuation is dropped on both sides
    # by the tokenizer, so only letters and digits need to reach it.
    return '"' + " ".join(chars).replace('"', '""') + '"'


def fts_exact(term: str) -> bool:
    """True when the phrase's hits are exactly LIKE's: one digit, or one caseless
    character without accents (every Chinese character), which the tokenizer keeps
    as it is and which cannot straddle punctuation."""
    if len(term) != 1:
        return False
    if term.isascii():
        return term.isdigit()
    return (term.isalnum() and term.lower() == term == term.upper()
            and not unicodedata.decomposition(term))


def index_problem(conn, problem_id: int, rec: dict) -> None:
    conn.execute("DELETE FROM problem_fts WHERE rowid = ?", (problem_id,))
    conn.execute(
        "INSERT INTO problem_fts (rowid, title, description, counterparty) VALUES (?, ?, ?, ?)",
        (problem_id, *(spaced(rec.get(f)) for f in SEARCHED_FIELDS)),
    )


def unindex_problem(conn, problem_id: int) -> None:
    conn.execute("DELETE FROM problem_fts WHERE rowid = ?", (problem_id,))
