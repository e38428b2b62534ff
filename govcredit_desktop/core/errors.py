"""Errors that carry a message meant for the user (Simplified Chinese)."""


class UserError(Exception):
    """A problem the user can fix; ``str(err)`` is shown as is."""


class ValidationError(UserError):
    """One or more fields are invalid; ``errors`` maps field name to message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("；".join(self.errors.values()))


class NotFoundError(UserError):
    pass


class Cancelled(Exception):
    """The user pressed 取消: long work stops and rolls back what it had begun."""

    def __init__(self, message: str = "已取消"):
        super().__init__(message)
