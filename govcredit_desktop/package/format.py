"""Names and limits of the submission package format (docs/package-format.md).

The builder and the verifier both read them from here, so that what one writes is
what the other expects.
"""

FORMAT = "govcredit-submission"
FORMAT_VERSION = 1
DATA_FORMAT = "govcredit-ledger"
DATA_FORMAT_VERSION = 1
REGISTRATION_FORMAT = "govcredit-registration"
REGISTRATION_VERSION = 1

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA = "data/ledger.json"
EXCEL = "reports/整改台账.xlsx"
#: report kind (reports.documents.REPORT_KINDS) -> path in the package
PDFS = {
    "self-inspection": "reports/自查情况报告.pdf",
    "plan": "reports/整改方案.pdf",
    "rectification": "reports/整改报告.pdf",
    "ledger": "reports/整改台账.pdf",
}
EVIDENCE_DIR = "evidence/"
SUFFIX = ".zip"

# --- what a verifier accepts (zip bombs, hostile archives) --------------------------------
#: A department's package: four PDFs, a workbook, the data and its evidence files
#: (each at most 200 MB in the ledger).  Far beyond any real one, far below harm.
MAX_ENTRIES = 5000
MAX_TOTAL_UNCOMPRESSED = 8 * 1024 ** 3
MAX_ENTRY_UNCOMPRESSED = 256 * 1024 ** 2
#: DEFLATE reaches ~1000:1 on zeros; real PDFs and JSON stay under 20:1.
MAX_RATIO = 200
#: Files read whole into memory by the verifier (manifest, signature, data).
MAX_MANIFEST_BYTES = 16 * 1024 ** 2
MAX_DATA_BYTES = 256 * 1024 ** 2
#: The package file itself: every member stored at its largest, plus their headers.  An
#: encrypted package is refused before decryption beyond this (sealed: package.encryption).
MAX_PACKAGE_BYTES = MAX_TOTAL_UNCOMPRESSED + 64 * 1024 ** 2


def evidence_path(sha256: str, extension: str) -> str:
    """evidence/<sha256><.ext>: one file per distinct content, a name that cannot
    collide, even in case, and is safe on every file system."""
    return f"{EVIDENCE_DIR}{sha256}{extension}"


def evidence_extension(original_name: str) -> str:
    """'.pdf' for '整改凭证.PDF': the original extension in lowercase when it is 1-10 ASCII
    letters or digits, else '' (a name of any other shape cannot reach the zip's names)."""
    stem, dot, ext = original_name.rpartition(".")
    if dot and stem and 0 < len(ext) <= 10 and ext.isascii() and ext.isalnum():
        return "." + ext.lower()
    return ""
