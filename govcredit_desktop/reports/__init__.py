"""The PDF documents and the Excel ledger.

Every module here that imports reportlab.platypus is imported after this: the one costly
regular expression that import compiles is deferred first (deferred_uri_pattern.py).
"""

from . import deferred_uri_pattern

deferred_uri_pattern.install()
