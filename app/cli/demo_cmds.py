"""`zhibu demo`: fill the database with a realistic demo branch.

The handler imports the demo builder inside itself (app/cli/__init__.py says why).
"""

from __future__ import annotations

from app.cli import emit
from app.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("demo", help="生成演示数据（一个完整的示例支部）")
    p.add_argument("--branch", help="支部名称")
    p.add_argument("--members", type=int, default=80, help="党员人数（默认 80）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.set_defaults(func=_demo)


def _demo(args, db) -> int:
    if args.members < 1 or args.members > 50_000:
        raise InputError(f"--members 应在 1 到 50000 之间，而不是 {args.members}")
    from app.demo import fill_demo

    summary = fill_demo(db, args.branch, args.members, args.seed)
    emit(args, {"branch": summary.branch, "members": summary.members, "steps": summary.steps},
         f"已生成演示支部“{summary.branch}”：{summary.members} 名党员（{'、'.join(summary.steps)}）。")
    return 0
