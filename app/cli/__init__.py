"""The `zhibu` command (spec/cli.md): one parser, one module of subcommands per area of work.

Each module in COMMAND_MODULES has `register(subparsers)`; a subcommand's handler takes
`(args, db)` and returns the exit status (a subcommand may set `open_options` for
`open_database`: `check` never creates a missing file, `restore` may fill one). Errors meant for the user are UserError subclasses:
their Chinese message is printed, never a traceback.

A handler imports the use cases it needs inside itself: `zhibu backup` does not load the
spreadsheet writers, nor `zhibu --help` any of them (start-up time of every command).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys

from app import APP_NAME, __version__
from app.cli import argparse_zh
from app.errors import UserError
from app.plain_text import strip_controls

log = logging.getLogger(__name__)

COMMAND_MODULES = [
    "app.cli.roster_cmds",
    "app.cli.demo_cmds",
    "app.cli.report_cmds",
    "app.cli.safety_cmds",
    "app.cli.care_cmds",
    "app.cli.member_io_cmds",
    "app.cli.dues_cmds",
    "app.cli.orglife_cmds",
    "app.cli.talks_cmds",
    "app.cli.appraisal_cmds",
    "app.cli.care_calendar_cmds",
    "app.cli.honours_cmds",
    "app.cli.ledger_book_cmds",
    "app.cli.assessment_cmds",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's English usage errors, in plain Chinese
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：命令用法有误：{message}\n")


def build_parser(commands: bool = True) -> argparse.ArgumentParser:
    """The whole parser; without `commands` only the window's (`gui`), which spares opening
    the window the import of every other subcommand's module and the services it uses."""
    argparse_zh.install()
    parser = _Parser(prog="zhibu", description=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", help="数据库文件（默认在用户数据文件夹；环境变量 ZHIBU_DB 可改）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}",
                        help="显示版本号后退出")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="子命令")
    gui = sub.add_parser("gui", help="打开主窗口")
    gui.add_argument("--demo-if-empty", action="store_true", help="数据库为空时先生成演示数据")
    gui.set_defaults(func=None)
    for name in COMMAND_MODULES if commands else ():
        importlib.import_module(name).register(sub)
    return parser


def wants_window(argv: list[str]) -> bool:
    """Whether `argv` opens the window: no subcommand, or `gui` (with `--db FILE` before it)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db":
            if not rest:
                return False  # let the whole parser say what is missing
            rest.pop(0)
        elif not arg.startswith("--db="):
            return arg == "gui"
    return True


def emit(args: argparse.Namespace, data: dict, text: str) -> None:
    """Print `data` as JSON when --json was given, else the Chinese `text` — never a control
    character from the data (ESC would command the terminal, U+202E turn the line around)."""
    if getattr(args, "json", False):
        text = json.dumps(_plain(data), ensure_ascii=False, indent=1, default=str)
    print(strip_controls(text, keep_lines=True))


def _plain(value):
    """`value` with every string in it free of control characters (JSON would keep ESC as
    \\u001b, and the program reading it would get ESC back)."""
    if isinstance(value, str):
        return strip_controls(value, keep_lines=True)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _say(text: str) -> None:
    print(strip_controls(text, keep_lines=True), file=sys.stderr)


def quiet_broken_pipe() -> int:
    """`zhibu members | head`: the reader has gone, so stop quietly as Unix tools do (and
    keep Python from failing again when it flushes stdout at exit)."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped this way


def _display_available() -> bool:
    """On Linux without X11/Wayland (and no offscreen platform asked for) Qt would abort."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(argv: list[str] | None = None) -> int:
    from app.leftovers import clean_at_start

    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(commands=not wants_window(argv))  # the window: start-up time
    args = parser.parse_args(argv)
    clean_at_start(args.db)
    if args.command in (None, "gui"):
        if not _display_available():
            print("错误：这台电脑现在没有图形界面，无法打开窗口。可以使用命令行子命令，见 zhibu --help。",
                  file=sys.stderr)
            return 1
        # SQLAlchemy before Qt: PySide's import hook reads the source of every module imported
        # after it (≈0.3 ms each, SQLAlchemy's 200 included); the program's own data layer comes
        # after the window's start-up frame is painted (app/ui/app.py run_gui)
        import sqlalchemy.orm  # noqa: F401

        from app.ui.app import run_gui  # Qt only when a window is wanted

        return run_gui(args.db, demo_if_empty=getattr(args, "demo_if_empty", False))
    from app.runtime import open_database

    db = None
    try:
        db = open_database(args.db, **getattr(args, "open_options", {}))  # restore, check…
        return int(args.func(args, db) or 0)
    except UserError as exc:
        _say(f"错误：{exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        _say("已中断。")
        return 1
    except BrokenPipeError:
        return quiet_broken_pipe()
    except Exception as exc:  # the last line of defence: a sentence, and the details in the log
        from app.storage.db import short_reason
        from app.logsetup import log_file

        log.exception("command %s failed", args.command)
        _say(f"错误：操作未完成（{type(exc).__name__}: {short_reason(exc)}）。"
             f"详情已记入日志 {log_file()}")
        return 1
    finally:
        if db is not None:
            db.dispose()
