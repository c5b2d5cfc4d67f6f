"""The errors the model layer raises, each with a message a person can read.

`ConsentError` and its kin are refusals by the rules: the change was not made. `StorageError`
is trouble with the database itself (a locked file, a server gone): the screen shows it calmly
and the user may try again. Anything else is a bug.
"""


class OptInDeskError(Exception):
    """Base of every error the model layer raises on purpose."""


class InvalidInput(OptInDeskError):
    """A value given to the model layer is malformed (a phone number, an email, a time …)."""


class InvalidAddress(InvalidInput):
    """A phone number or email address that cannot be used."""


class NotFound(OptInDeskError):
    """A client, staff member or message that does not exist."""


class ConsentLocked(OptInDeskError):
    """The rules forbid this change (R3–R7): for example SMS All on a STOP-locked number."""


class NotAllowed(OptInDeskError):
    """The signed-in staff member's role does not allow this (R15)."""


class SignInRefused(OptInDeskError):
    """A wrong PIN, or sign-in locked for a while after repeated wrong PINs (R15)."""


class StaleData(OptInDeskError):
    """The data changed elsewhere since it was shown; reload and try again (R16)."""


class DatabaseExists(OptInDeskError):
    """`init` on a database that already holds a studio."""


class StorageError(OptInDeskError):
    """The database cannot be reached or written right now."""
