"""Start-up: logging, then the command line (which opens the window when asked for nothing else)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    # the frozen program is also the spreadsheet readers' child process (app.importing.cage):
    # started as one, it serves the parent and exits here instead of opening a window
    multiprocessing.freeze_support()
    from app.logsetup import setup_logging

    setup_logging()
    for stream in (sys.stdout, sys.stderr):  # Chinese on a Windows console with a legacy code page
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass
    from app.cli import run

    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
