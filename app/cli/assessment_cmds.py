"""`zhibu self-assess`, `zhibu checklist` and `zhibu merge-assessments`: the annual
self-assessment (支部自评) and the township's ranking (spec/year-end.md).

    zhibu self-assess --year Y [--json] [-o FILE.xlsx] [--head 负责人] [--checker 审核人]
    zhibu self-assess score --year Y --item 编号 --score 4.5 [--note 依据]
    zhibu checklist export FILE.xlsx
    zhibu checklist load FILE.xlsx
    zhibu merge-assessments FILE... -o FILE.xlsx [--unit 填报单位] [--json]

Bad input exits 2 with a Chinese sentence; nothing is stored or written then.
"""

from __future__ import annotations

from app.cli import emit
from app.cli.honours_cmds import _branch
from app.cli.report_cmds import _maker, _unit

# A handler imports the use cases it needs inside itself: start-up time of every command
# (app/cli/__init__.py).

_BRANCH = "支部名称（数据库里只有一个支部时可省略）"


def register(sub) -> None:
    a = sub.add_parser("self-assess", help="支部年度自评（“六好”考评细则）：查看、评分、导出自评表")
    a.add_argument("--year", type=int, help="年度")
    a.add_argument("-o", "--output", help="导出自评表（.xlsx），交乡镇汇总排名")
    _signers(a)
    a.add_argument("--branch", help=_BRANCH)
    a.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    a.set_defaults(func=_assess)
    more = a.add_subparsers(dest="assess_command", metavar="自评子命令", parser_class=type(a))
    s = more.add_parser("score", help="书记给一个考评项目评分并写明依据")
    s.add_argument("--year", type=int, required=True, help="年度")
    s.add_argument("--item", required=True, metavar="编号", help="考评项目的编号（如 1.1）或内容")
    s.add_argument("--score", required=True, help="得分，0 到该项分值，最多一位小数；写空字符串清除")
    s.add_argument("--note", default="", help="评分依据")
    s.add_argument("--branch", help=_BRANCH)
    s.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    s.set_defaults(func=_score)
    c = sub.add_parser("checklist", help="考评细则：导出成 Excel 修改，或导入修改后的")
    cl = c.add_subparsers(dest="checklist_command", metavar="考评细则子命令", parser_class=type(c))
    cl.required = True
    for name, text, func in (("export", "导出本支部使用的考评细则（.xlsx）", _checklist_export),
                             ("load", "导入考评细则（.xlsx），检查无误后替换现用的", _checklist_load)):
        p = cl.add_parser(name, help=text)
        p.add_argument("file", metavar="FILE.xlsx", help="考评细则文件")
        p.add_argument("--branch", help=_BRANCH)
        p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
        p.set_defaults(func=func)
    m = sub.add_parser("merge-assessments", help="汇总各支部的自评表，按总分排名（乡镇用）")
    m.add_argument("files", nargs="+", metavar="FILE", help="各支部用本程序导出的自评表（.xlsx）")
    m.add_argument("-o", "--output", required=True, help="保存排名表为（.xlsx，不能是要汇总的文件之一）")
    m.add_argument("--unit", metavar="填报单位", help="排名表的填报单位（默认用“设置”里填的）")
    _signers(m)
    m.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    m.set_defaults(func=_merge)


def _signers(parser) -> None:
    parser.add_argument("--head", default="", metavar="负责人", help="单位负责人")
    parser.add_argument("--checker", default="", metavar="审核人", help="审核人")
    parser.add_argument("--maker", default="", metavar="填表人", help="填表人（默认为书记）")


def _assess(args, db) -> int:
    from app.errors import InputError
    from app.services.yearend import self_assessment as sa

    if args.year is None:
        raise InputError("请写 --year 年度，例如：zhibu self-assess --year 2026")
    with db.session() as s:
        branch_id = _branch(s, args, f"self-assess --year {args.year}")
        if args.output:
            data = sa.export_assessment(s, branch_id, args.year, args.output, args.head,
                                        args.checker, args.maker)
            text = f"已导出自评表：{data['output']}"
        else:
            data, text = None, ""
        assessment = sa.assessment_of(s, branch_id, args.year)
    text = (text + "\n" if text else "") + _text(assessment)
    emit(args, data or assessment.to_json(), text)
    return 0


def _text(assessment) -> str:
    from app.assessment_checklist import points_text

    lines = [assessment.summary() + "。"]
    area = None
    for i in assessment.items:
        if i.area != area:
            area = i.area
            lines.append(f"【{area}】")
        score = "未评分" if i.score is None else points_text(i.score)
        lines.append(f"  {i.code} {i.item}（{points_text(i.points)}分）：{score}　"
                     f"{i.evidence}　[{i.by}]")
    return "\n".join(lines)


def _score(args, db) -> int:
    from app.assessment_checklist import points_text
    from app.services.yearend import self_assessment as sa

    with db.session() as s:
        branch_id = _branch(s, args, f"self-assess score --year {args.year} --item 1.1")
        item = sa.set_score(s, branch_id, args.year, args.item, args.score, args.note)
        total = sa.assessment_of(s, branch_id, args.year)
    score = "未评分" if item.score is None else f"{points_text(item.score)} 分"
    emit(args, {"item": item.to_json(), "total": total.to_json()["total"], "stars": total.stars},
         f"已评分：{item.code} {item.item}：{score}。{total.summary()}。")
    return 0


def _checklist_export(args, db) -> int:
    from app.services.yearend.assessment_checklist import export_checklist

    with db.session() as s:
        data = export_checklist(s, _branch(s, args, f"checklist export {args.file}"), args.file)
    emit(args, data, f"已导出考评细则“{data['name']}”（{data['items']} 项，满分 {data['total']}）："
                     f"{data['output']}")
    return 0


def _checklist_load(args, db) -> int:
    from app.services.yearend.assessment_checklist import load_checklist

    with db.session() as s:
        data = load_checklist(s, _branch(s, args, f"checklist load {args.file}"), args.file)
    emit(args, data, f"已导入考评细则“{data['name']}”：{data['items']} 项，满分 {data['total']}，"
                     f"其中程序评分 {data['auto']} 项。")
    return 0


def _merge(args, db) -> int:
    from app.services.yearend.self_assessment import merge_assessments

    data = merge_assessments(args.files, args.output, _unit(args), None, args.head,
                             args.checker, args.maker or _maker())
    lines = [f"已生成 {data['year']} 年度自评排名（{len(data['ranking'])} 个支部）：{data['output']}"]
    lines += [f"  第 {r['rank']} 名　{r['branch']}　{r['total']} 分　{r['stars']}星"
              + (f"　（{r['note']}）" if r["note"] else "") for r in data["ranking"]]
    emit(args, data, "\n".join(lines))
    return 0
