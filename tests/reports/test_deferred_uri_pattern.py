"""reportlab's URL pattern is compiled on first use, and matches as reportlab's own does."""

import re
import subprocess
import sys
from pathlib import Path

from govcredit_desktop.reports import deferred_uri_pattern as D

ROOT = Path(__file__).resolve().parents[2]


def test_a_report_module_imports_reportlab_with_the_pattern_deferred_and_re_as_it_was():
    code = (
        "import re, sys\n"
        "real_compile = re.compile\n"
        "import govcredit_desktop.reports.ledger_pdf\n"
        "from reportlab.platypus import paragraph as P\n"
        "from govcredit_desktop.reports import deferred_uri_pattern as D\n"
        "assert isinstance(P.uri_pat, D.DeferredPattern) and not P.uri_pat.compiled\n"
        "assert re.compile is real_compile and D._finder.done\n"
        "# every other pattern of the module is compiled as usual\n"
        "assert isinstance(P._hy_shy_letters_pat, re.Pattern)\n"
        "uris = ['https://www.example.com/a/b', 'ftp://10.0.0.1:21/x', 'www.gov.cn/zw',\n"
        "        'C:\\\\Users\\\\a', 'not a uri', 'http://例子.中国/路径']\n"
        "got = [P._uri_split_pairs(u) for u in uris]\n"
        "assert P.uri_pat.compiled\n"
        "P.uri_pat = re.compile(P.uri_pat.pattern, re.I)\n"
        "assert got == [P._uri_split_pairs(u) for u in uris], got\n"
        "assert got[0] and got[-2] is None\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_reportlab_imported_first_is_left_alone():
    code = (
        "import reportlab.platypus, re, sys\n"
        "from reportlab.platypus import paragraph as P\n"
        "import govcredit_desktop.reports.ledger_pdf\n"
        "from govcredit_desktop.reports import deferred_uri_pattern as D\n"
        "assert isinstance(P.uri_pat, re.Pattern)\n"
        "assert D._finder not in sys.meta_path and not D._finder.done\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_only_that_pattern_under_ignorecase_is_deferred():
    deferring = D._deferring(re.compile)
    head = D.PATTERN_HEAD + "(?:www)"
    assert isinstance(deferring(head, re.IGNORECASE), D.DeferredPattern)
    assert isinstance(deferring(head), re.Pattern)
    assert isinstance(deferring("[a-z]+", re.IGNORECASE), re.Pattern)
    pattern = deferring(head, re.IGNORECASE)
    assert pattern.match("HTTP://WWW") and not pattern.match("mailto:x")
    assert pattern.flags == re.compile(head, re.IGNORECASE).flags
