"""govcredit-desktop: the 政务失信 problem ledger for county departments."""

import logging

APP_NAME = "govcredit-desktop"

# Library modules log (e.g. SQLite's own English text); without a handler Python
# would print warnings on stderr, breaking the command line's one-line errors.
# The GUI installs a log file; `cli` runs quietly.
logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> str:
    # The version is written once, in pyproject.toml, and read from the installed package's
    # metadata on first use: importing importlib.metadata costs ~15 ms that start-up does
    # not need, so `--version` and the About box pay for it instead.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("govcredit-desktop")
    except PackageNotFoundError:
        # A source tree put on sys.path without installing, or a frozen build that did not
        # copy the metadata: say that the version is unknown rather than guess one that
        # could be stale.
        value = "0+unknown"
    globals()["__version__"] = value
    return value
