"""Options every area's subcommands share, read the same way: a day (`--date 2026-03-05`) and the
branch (`--branch 名称`, needed only when the database holds several)."""

from __future__ import annotations

from datetime import date

from app.errors import InputError


def day_option(text: str | None, option: str, example: str = "2026-03-05") -> date | None:
    """The day `text` names (2026-03-05, 2026.3.5, 2026年3月5日 …); None when not given. A month
    alone is refused: a record needs its day."""
    from app.dates import parse_loose  # late: each subcommand loads only what it uses

    if text is None or not text.strip():
        return None
    try:
        day, month_only = parse_loose(text)
    except ValueError as exc:
        raise InputError(f"{option}：{exc}") from None
    if day is None or month_only:
        raise InputError(f"{option}“{text}”要写到哪一天，如 {example}")
    return day


def branch_option(session, args, example: str) -> int:
    """The branch of `--branch`, or the only one; with several and none named, a sentence that
    lists them and shows the command again with `--branch` (`example`: the command's words)."""
    from app.services.branches import branch_named, branch_names

    branch_id = branch_named(session, getattr(args, "branch", None))
    if branch_id is None:
        names = [n for _i, n in branch_names(session)]
        if not names:
            raise InputError("数据库里还没有支部。请先在窗口里填写支部名称，或导入花名册。")
        raise InputError(f"数据库里有 {len(names)} 个支部：{'、'.join(names)}。请用 --branch 指明是哪一个"
                         f"支部，例如：zhibu {example} --branch {names[0]}")
    return branch_id
