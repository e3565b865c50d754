"""Errors whose message is a Chinese sentence meant for the user (never a traceback).

`exit_code` follows spec/cli.md: 2 for bad input or usage, 1 for work that failed.
"""


class UserError(Exception):
    exit_code = 2


class InputError(UserError):
    """Bad input: a wrong file, a bad value. Nothing was changed."""

    exit_code = 2


class WorkError(UserError):
    """The work could not be done (disk full, locked file). Nothing half-written was left."""

    exit_code = 1
