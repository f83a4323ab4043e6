"""Errors a user can act on: each message is one line naming the thing that is wrong."""


class TallytaleError(Exception):
    """Base for user-facing errors. The CLI prints the message and exits non-zero."""


class NotFound(TallytaleError):
    pass


class AlreadyExists(TallytaleError):
    pass


class InvalidInput(TallytaleError):
    pass


class InputErrors(InvalidInput):
    """Every problem with one input at once (a file, a batch, a form), so the person can fix
    them all in one go; nothing was written.

    `errors` is a list of one-line problems (`"line 3: ..."`), or, for forms, a mapping of
    field -> problem or a list of (where, problem) pairs. The message is the first problem
    plus a count (imports and batches), or every field's problem (forms); the CLI prints
    `errors` one per line and the web lists them.
    """

    def __init__(self, errors, message: str | None = None):
        self.errors = errors
        if message is None:
            first = str(errors[0]) if errors else "invalid input"
            more = (
                f" ({len(errors)} problems; nothing was imported)"
                if len(errors) > 1
                else " (nothing was imported)"
            )
            message = first + more
        super().__init__(message)

    def summary(self) -> str:
        """One line for after the listed problems, repeating none of them."""
        n = len(self.errors)
        imported = "nothing was imported" in str(self)
        return f"{n} problems (listed above)" + ("; nothing was imported" if imported else "")

    def messages(self) -> list[str]:
        """The problems as lines, whatever shape `errors` has."""
        if isinstance(self.errors, dict):
            return [f"{k}: {v}" for k, v in self.errors.items()]
        return [
            f"{e[0]}: {e[1]}" if isinstance(e, tuple) and len(e) == 2 else str(e)
            for e in self.errors
        ]
