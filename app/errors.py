"""Errors whose message is a Chinese sentence meant for the user (never a traceback).

`exit_code` follows spec/cli.md: 2 for bad input or usage, 1 for work that failed.
"""

import errno


class UserError(Exception):
    exit_code = 2


class InputError(UserError):
    """Bad input: a wrong file, a bad value. Nothing was changed."""

    exit_code = 2


class WorkError(UserError):
    """The work could not be done (disk full, locked file). Nothing half-written was left."""

    exit_code = 1


def write_failure(exc: OSError) -> str:
    """Why a file could not be written, in the words a secretary uses (every writer of the
    program — workbooks, PDFs, backups — says it the same way)."""
    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "这个位置不能写入（只读或没有权限）"
    if exc.errno == errno.EBUSY or getattr(exc, "winerror", None) == 32:
        return "文件正被其他程序打开，请先关闭它"
    return exc.strerror or str(exc)
