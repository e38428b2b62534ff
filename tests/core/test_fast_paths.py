"""The fast paths bulk work takes give exactly what the plain definitions give."""

import itertools
import random

import pytest

from govcredit_desktop.core import uscc
from govcredit_desktop.core.limits import ZERO_WIDTH, clean_text, is_blank
from govcredit_desktop.store import search


def _code_points():
    return (chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_is_blank_is_clean_text_making_nothing_for_every_character_and_mixtures():
    def plain(value):
        return value is None or (isinstance(value, str) and not clean_text(value))

    for ch in _code_points():
        assert is_blank(ch) == plain(ch), hex(ord(ch))
    odd = [" ", "\t", "\n", "\r", "\v", "\f", "\x85", "\u2028", "\u3000", "\xa0",
           *ZERO_WIDTH, "a", "中", "\x1c", "\u180e"]
    for k in range(4):
        for parts in itertools.product(odd, repeat=k):
            value = "".join(parts)
            assert is_blank(value) == plain(value), repr(value)
    assert is_blank(None) and not is_blank(0) and not is_blank("0")


def test_spaced_keeps_letters_and_digits_and_gaps_everything_else_for_every_character():
    def plain(text):
        return " ".join(ch if ch.isalnum() else search.GAP for ch in text)

    every = "".join(_code_points())
    assert search.spaced(every) == plain(every)
    assert search.spaced("拖欠_款，1a") == plain("拖欠_款，1a")
    assert search.spaced("") == "" and search.spaced(None) == ""


def test_uscc_fast_path_agrees_with_the_check_character():
    rng = random.Random(18)
    for _ in range(2000):
        body = "".join(rng.choice(uscc.ALPHABET) for _ in range(17))
        for last in uscc.ALPHABET:
            code = body + last
            assert uscc.is_valid_uscc(code) == (last == uscc.check_char(body))
            assert uscc.is_valid_uscc(code.lower()) == (last == uscc.check_char(body))
    with pytest.raises(ValueError):
        uscc.check_char("123")
    with pytest.raises(KeyError):
        uscc.check_char("91350100M000100YO")


def test_the_collector_pause_nests_and_ends_with_the_last_one_even_on_errors():
    import gc

    from govcredit_desktop.core import collector

    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with pytest.raises(ZeroDivisionError), collector.paused():
            raise ZeroDivisionError
        assert not gc.isenabled()  # the outer one still runs
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
