"""Start-up: private files, logging, then the command line (which opens the window when asked
for nothing else)."""

from __future__ import annotations

import os
import sys

PRIVATE_UMASK = 0o077


def private_files() -> None:
    """Every file and folder this process creates is the user's alone (0600/0700 on POSIX):
    the database and its -wal/-shm, backups, handover files, exports and logs hold names, ID
    numbers, addresses and health notes. One umask covers SQLite, XlsxWriter, reportlab and
    shutil alike; Windows keeps the user-profile folder's own permissions."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # the frozen program is also the spreadsheet readers' child process
        # (app.importing.cage): started as one, it serves the parent and exits here instead of
        # opening a window. Only frozen: elsewhere this is a no-op, and importing
        # multiprocessing would cost every start of the window its time
        import multiprocessing

        multiprocessing.freeze_support()
    from app.logsetup import setup_logging  # after freeze_support: a reader child needs none

    private_files()
    setup_logging()
    for stream in (sys.stdout, sys.stderr):  # Chinese on a Windows console with a legacy code page
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
    from app.cli import quiet_broken_pipe, run  # after the console is set up for Chinese

    status = run(argv)
    try:
        sys.stdout.flush()  # here, not at exit: a reader that has gone is no error to report
    except BrokenPipeError:
        return quiet_broken_pipe()
    except (AttributeError, ValueError, OSError):
        pass
    return status


if __name__ == "__main__":
    raise SystemExit(main())
