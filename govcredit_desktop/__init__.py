"""govcredit-desktop: the 政务失信 problem ledger for county departments."""

__version__ = "0.1.0"
APP_NAME = "govcredit-desktop"
