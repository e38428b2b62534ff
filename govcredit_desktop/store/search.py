"""Substring search of any length through FTS5.

The trigram tokenizer finds nothing for 1–2 character Chinese terms, and
LIKE '%…%' scans every row.  Instead each searched field is stored with a
space between characters (default unicode61 tokenizer, one token per
character) and the term is queried as a phrase: "拖 欠" matches wherever
LIKE '%拖欠%' would, within one field, for terms of any length.

Every character that is not a letter or digit (punctuation, symbols, spaces) is stored
as one token of its own, ``GAP`` (a private-use character, which the tokenizer keeps):
the phrase 款涉及 then finds no “款，涉及”, where the tokenizer alone would drop the
comma and find it (24,212 rows at 100k where LIKE finds none).  So for a term of
characters without case or accents (``fts_exact``: Chinese, digits) the phrase finds
exactly what LIKE finds, and its hit count is the search's count.  For other terms it
finds a superset (one gap stands for any punctuation; case and accents beyond ASCII
are folded) and the ledger's queries (store/queries/ledger.py) check its hits with
LIKE, so the search always means LIKE '%term%', punctuation included.
"""

import re
import unicodedata

SEARCHED_FIELDS = ("title", "description", "counterparty")
#: The token of every character that is not a letter or digit.
GAP = "\ue000"


# Exactly the characters str.isalnum refuses: re's \w is isalnum plus "_" (both are
# Py_UNICODE_ISALNUM in CPython), so [\W_] is its complement (a test checks every
# code point).  One substitution and a join in C instead of a generator per character:
# an import of 10,000 problems spaces ~1,000,000 characters.
_NOT_ALNUM = re.compile(r"[\W_]")


def spaced(text: str | None) -> str:
    if not text:
        return ""
    return " ".join(_NOT_ALNUM.sub(GAP, text))


def matches_nothing(term: str) -> bool:
    """A term no stored text can contain: one with a lone surrogate (from a broken
    clipboard), which validation refuses in every field and SQLite cannot even bind."""
    return any("\ud800" <= ch <= "\udfff" for ch in term or "")


def match_expression(term: str) -> str | None:
    """The FTS5 phrase whose hits include every row where the term occurs, or None
    when the index cannot say (only punctuation, or a private-use character, which
    the index holds for punctuation too)."""
    term = (term or "").strip()
    if any(unicodedata.category(ch) == "Co" for ch in term):
        return None
    if not any(ch.isalnum() for ch in term):
        return None
    # Quotes inside a phrase are doubled; a quote in the term is a GAP anyway.
    return '"' + spaced(term).replace('"', '""') + '"'


def fts_exact(term: str) -> bool:
    """True when the phrase's hits are exactly LIKE's: every character a digit or a
    letter without case or accents (every Chinese character), which the tokenizer
    keeps as it is, with no gap (one gap token stands for any punctuation)."""
    term = (term or "").strip()
    return bool(term) and all(_exact_char(ch) for ch in term)


def _exact_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isdigit()
    return (ch.isalnum() and ch.lower() == ch == ch.upper()
            and not unicodedata.decomposition(ch))


def index_problem(conn, problem_id: int, rec: dict) -> None:
    conn.execute("DELETE FROM problem_fts WHERE rowid = ?", (problem_id,))
    conn.execute(
        "INSERT INTO problem_fts (rowid, title, description, counterparty) VALUES (?, ?, ?, ?)",
        (problem_id, *(spaced(rec.get(f)) for f in SEARCHED_FIELDS)),
    )


def reindex_all(conn) -> None:
    """Rebuild the whole index from the problem table (schema upgrades)."""
    conn.create_function("gc_spaced", 1, spaced, deterministic=True)
    conn.execute("DELETE FROM problem_fts")
    conn.execute("INSERT INTO problem_fts (rowid, title, description, counterparty)"
                 " SELECT id, gc_spaced(title), gc_spaced(description), gc_spaced(counterparty)"
                 " FROM problem")


def unindex_problem(conn, problem_id: int) -> None:
    conn.execute("DELETE FROM problem_fts WHERE rowid = ?", (problem_id,))
