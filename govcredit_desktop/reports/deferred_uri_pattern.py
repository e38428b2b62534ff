"""reportlab's URL pattern, compiled when it is first matched instead of at import.

``reportlab.platypus.paragraph`` compiles ``uri_pat`` (Django's URL validator, case-
insensitive over ranges up to U+FFFF, so CPython's regex compiler folds the case of some
300,000 code points) when it is imported, and every report imports it: 25-50 ms, 4-5% of
a 1,000-row ledger's whole process, for a pattern that only paragraphs with
``uriWasteReduce`` match against, which no document of ours sets.

``install()`` (run by the reports package, before any of its modules imports reportlab)
puts a finder on ``sys.meta_path`` that waits for that one module: while it executes,
``re.compile`` of that exact pattern returns a ``DeferredPattern``, which compiles it on
first use; every other pattern compiles as usual.  A reportlab whose pattern is another
is simply not helped, and one imported before the reports package is left alone.
Importing this module imports nothing of reportlab.
"""

from __future__ import annotations

import re
import sys
import threading

MODULE = "reportlab.platypus.paragraph"
# How uri_pat begins in reportlab 3.5-5.x (paragraph.py); it is compiled with re.I.
PATTERN_HEAD = "(^(?:[a-z0-9\\.\\-\\+]*)://)"


class DeferredPattern:
    """What ``re.compile(pattern, flags)`` returns, compiled on first use."""

    def __init__(self, pattern: str, flags: int, compile_=re.compile):
        self._args = (pattern, flags)
        self._compile = compile_
        self._compiled: re.Pattern | None = None
        self._lock = threading.Lock()

    @property
    def compiled(self) -> bool:
        return self._compiled is not None

    def _pattern(self) -> re.Pattern:
        if self._compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = self._compile(*self._args)
        return self._compiled

    def __getattr__(self, name):  # match, search, pattern, flags, ...
        return getattr(self._pattern(), name)


def _deferring(compile_):
    def deferring_compile(pattern, flags=0):
        if flags == re.IGNORECASE and isinstance(pattern, str) and pattern.startswith(
                PATTERN_HEAD):
            return DeferredPattern(pattern, flags, compile_)
        return compile_(pattern, flags)

    return deferring_compile


class _Loader:
    """The module's own loader, its execution run with the deferring re.compile."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        real = re.compile
        re.compile = _deferring(real)
        try:
            self._loader.exec_module(module)
        finally:
            re.compile = real

    def __getattr__(self, name):  # get_source, get_resource_reader, ...
        return getattr(self._loader, name)


class _Finder:
    """First on sys.meta_path; acts once, when reportlab.platypus.paragraph is looked for.

    It stays on the list afterwards (answering None): taking it off while another thread
    walks sys.meta_path for its own import could make that walk skip the next finder."""

    def __init__(self):
        self.done = False

    def find_spec(self, name, path=None, target=None):
        if name != MODULE or self.done:
            return None
        self.done = True
        for finder in list(sys.meta_path):
            find = getattr(finder, "find_spec", None) if finder is not self else None
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                break
        else:
            return None
        if spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _Loader(spec.loader)
        return spec


_finder = _Finder()


def install() -> None:
    if MODULE not in sys.modules and _finder not in sys.meta_path:
        sys.meta_path.insert(0, _finder)
