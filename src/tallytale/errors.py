"""Errors a user can act on: each message is one line naming the thing that is wrong."""


class TallytaleError(Exception):
    """Base for user-facing errors. The CLI prints the message and exits non-zero."""


class NotFound(TallytaleError):
    pass


class AlreadyExists(TallytaleError):
    pass


class InvalidInput(TallytaleError):
    pass
