"""The self-assessment's workbooks (spec/year-end.md): the branch's 自评表 that goes upward, the
township's 排名, and the checklist (考评细则) a township edits and hands out.

Plain data in, file out; the same look as the quarterly workbook (宋体, bordered table, A4 with
repeated header and 第 &P 页 共 &N 页, values only) and the same kind of version mark: custom
document properties (`zhibu-assessment`, kind, branch, year, the checklist's name, 满分 and star
rule), by which `merge-assessments` knows its own workbooks and refuses anything else.

自评表 and 排名 are formal forms: 表号 and 制表机关 at the top right, a bold title, 填报单位（盖章）,
the table, then 单位负责人 / 审核人 / 填表人, 联系电话 and 报出日期 written as 2026年12月01日.
Column headers are the labels a reader finds them by (app.export.assessment_read), wherever the
rows are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.assessment_checklist import JUDGES, Checklist, points_number, points_text
from app.dates import cn
from app.export import xlsx_print as xp
from app.export import xlsx_table as xt

MARK_NAME = "zhibu-assessment"
MARK_VERSION = 1
KIND_BRANCH, KIND_RANKING = "branch", "ranking"
FORM_NUMBER, RANKING_NUMBER = "老干自评1表", "老干自评2表"
SIZE = 11
ITEM_HEADERS = ("考评领域", "编号", "考评内容", "分值", "得分", "评分依据", "评分人")
ITEM_WIDTHS = (11, 5, 25, 5, 5, 30, 6)
TOTAL = "合计"
CHECKLIST_SHEET, STARS_SHEET, KEYS_SHEET = "考评细则", "星级", "评分方式"
CHECKLIST_HEADERS = ("考评领域", "编号", "考评内容", "分值", "评分方式", "满分标准", "得一半分标准")
STARS_HEADERS = ("最低得分", "星级")
NOTE = ("说明：评分人为“程序”的项目，由程序根据本支部登记的数据评定，评分依据写明所依据的数据；"
        "评分人为“书记”的项目，由支部书记评分并写明依据。")


@dataclass
class Signatures:
    """The lines under a form: who answers for it, checked it, filled it in; phone; date."""

    head: str = ""  # 单位负责人
    checker: str = ""  # 审核人
    maker: str = ""  # 填表人
    phone: str = ""
    made_on: date = field(default_factory=date.today)


@dataclass
class ItemRow:
    area: str
    code: str
    item: str
    points: int  # tenths
    score: int | None  # tenths; None: not scored yet
    evidence: str
    by: str  # 程序 / 书记


@dataclass
class AssessmentForm:
    branch: str
    year: int
    checklist: Checklist
    rows: list[ItemRow]
    total: int  # tenths
    stars: int
    authority: str
    signatures: Signatures
    as_of: date | None = None  # the year not over yet: "截至" that day


@dataclass
class RankRow:
    rank: int
    branch: str
    total: int  # tenths
    stars: int
    areas: dict[str, int]  # area → tenths
    program: int  # tenths scored by the program (the tie rule)
    note: str = ""
    file: str = ""


@dataclass
class RankingForm:
    unit: str  # 填报单位: the township
    year: int
    checklist: Checklist
    rows: list[RankRow]
    details: list[tuple[str, ItemRow]]  # (branch, item) for 明细
    authority: str
    signatures: Signatures
    rule: str  # how ties are ordered, in words


def set_mark(book: xt.TableBook, kind: str, branch: str, year: int, checklist: Checklist) -> None:
    book.set_properties({
        MARK_NAME: MARK_VERSION, "zhibu-kind": kind, "zhibu-branch": branch, "zhibu-year": year,
        "zhibu-checklist": checklist.name, "zhibu-max": points_text(checklist.total),
        "zhibu-stars": json.dumps([[points_number(a), s] for a, s in checklist.stars])})


def _heading(ws, fmt: Callable, number: str, authority: str, title: str, unit_line: str,
             second: str, ncols: int, span: float) -> None:
    """Rows 0–4: 表号, 制表机关 (right), title, 填报单位（盖章）, one more line."""
    plain = fmt("plain", size=SIZE)
    right = max(ncols - 3, 1)
    ws.merge_range(0, right, 0, ncols - 1, f"表　　号：{number}", plain)
    ws.merge_range(1, right, 1, ncols - 1, f"制表机关：{authority}", fmt("note", size=SIZE))
    ws.set_row(2, xp.row_height(xp.lines_needed(title, span, xt.TITLE_SIZE), xt.TITLE_SIZE))
    ws.merge_range(2, 0, 2, ncols - 1, title, fmt("title"))
    ws.set_row(3, 21)  # room for the seal
    ws.merge_range(3, 0, 3, ncols - 1, unit_line, plain)
    ws.merge_range(4, 0, 4, ncols - 1, second, plain)


def _footer(ws, fmt: Callable, row: int, ncols: int, span: float, sig: Signatures,
            notes: Sequence[str]) -> None:
    plain = fmt("plain", size=SIZE)
    blank = "　" * 5
    lines = [f"单位负责人：{sig.head or blank}　　审核人：{sig.checker or blank}　　"
             f"填表人：{sig.maker or blank}",
             f"联系电话：{sig.phone or blank}　　报出日期：{cn(sig.made_on)}"]
    for text in lines:
        ws.set_row(row, 18)
        ws.merge_range(row, 0, row, ncols - 1, text, plain)
        row += 1
    note = fmt("note", size=10)
    for text in notes:
        ws.set_row(row, xp.row_height(xp.lines_needed(text, span, 10), 10))
        ws.merge_range(row, 0, row, ncols - 1, text, note)
        row += 1


def _cell(ws, fmt: Callable, row: int, col: int, value, align: str | None = None,
          bold: bool = False, center_number: bool = False) -> None:
    kind = "bold" if bold else "body"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt(kind, "0.0" if isinstance(value, float) else "0",
                                             "center" if center_number else "right", size=SIZE))
    elif value is None or value == "":
        ws.write_blank(row, col, None, fmt(kind, None, align, size=SIZE))
    else:
        text = str(value)
        ws.write_string(row, col, text, fmt(kind, None, align, text.startswith(
            xt.FORMULA_SIGNS), size=SIZE))


def write_branch_form(ws, fmt: Callable, form: AssessmentForm) -> None:
    """The 自评表 on one XlsxWriter sheet (`fmt`: TableBook's format maker)."""
    widths, ncols = ITEM_WIDTHS, len(ITEM_HEADERS)
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    span = sum(widths)
    header_row = 5
    xp.page_setup(ws, landscape=False, repeat=(header_row, header_row), freeze=(header_row + 1, 0))
    upto = f"\n（截至{cn(form.as_of)}）" if form.as_of else ""
    _heading(ws, fmt, FORM_NUMBER, form.authority,
             f"{form.branch}{form.year}年度“六好”党支部自评表{upto}",
             f"填报单位（盖章）：{form.branch}",
             f"考评细则：{form.checklist.name}　满分 {points_text(form.checklist.total)} 分",
             ncols, span)
    for col, text in enumerate(ITEM_HEADERS):
        ws.write_string(header_row, col, text, fmt("header", size=SIZE))
    row = header_row
    for r in form.rows:
        row += 1
        values = (r.area, r.code, r.item, points_number(r.points), points_number(r.score),
                  r.evidence if r.score is not None or r.evidence else "未评分", r.by)
        lines = max(xp.lines_needed(str(v), widths[c], SIZE) for c, v in enumerate(values)
                    if isinstance(v, str) and v)
        ws.set_row(row, xp.row_height(lines, SIZE))
        for col, value in enumerate(values):
            _cell(ws, fmt, row, col, value, "center" if col in (1, 6) else "wrap")
    row += 1
    total = (TOTAL, "", "", points_number(form.checklist.total), points_number(form.total),
             f"星级：{form.stars}星" if form.stars else "星级：未达到星级", "")
    for col, value in enumerate(total):
        _cell(ws, fmt, row, col, value, bold=True)
    ws.set_row(row + 1, 6)
    _footer(ws, fmt, row + 2, ncols, span, form.signatures,
            (f"星级标准：{form.checklist.stars_rule()}。", NOTE))


def write_branch(form: AssessmentForm, path: str | Path) -> Path:
    """The workbook a branch hands upward: 自评表, marked as ours."""
    with xt.TableBook(path) as book:
        book.add_form("自评表", lambda ws, fmt: write_branch_form(ws, fmt, form))
        set_mark(book, KIND_BRANCH, form.branch, form.year, form.checklist)
    return book.path


def _ranking_form(ws, fmt: Callable, form: RankingForm) -> None:
    areas = form.checklist.areas
    headers = ["名次", "支部", "总分", "星级", *areas, "说明"]
    widths = [5, 18, 6.5, 5, *[7.5] * len(areas), 26]
    ncols = len(headers)
    for col, w in enumerate(widths):
        ws.set_column(col, col, w)
    span = sum(widths)
    header_row = 5
    xp.page_setup(ws, landscape=True, repeat=(header_row, header_row), freeze=(header_row + 1, 2))
    _heading(ws, fmt, RANKING_NUMBER, form.authority,
             f"{form.unit}{form.year}年度离退休干部党支部“六好”自评排名",
             f"填报单位（盖章）：{form.unit}",
             f"考评细则：{form.checklist.name}　满分 {points_text(form.checklist.total)} 分　"
             f"共 {len(form.rows)} 个支部", ncols, span)
    ws.set_row(header_row, 30)
    for col, text in enumerate(headers):
        ws.write_string(header_row, col, text, fmt("header", size=SIZE))
    row = header_row
    for r in form.rows:
        row += 1
        values = [r.rank, r.branch, points_number(r.total), r.stars or "—",
                  *[points_number(r.areas.get(a, 0)) for a in areas], r.note]
        lines = max(xp.lines_needed(str(v), widths[c], SIZE) for c, v in enumerate(values)
                    if isinstance(v, str) and v)
        ws.set_row(row, xp.row_height(lines, SIZE))
        for col, value in enumerate(values):
            _cell(ws, fmt, row, col, value, "center" if col in (0, 3) else "wrap",
                  center_number=col == 0)
    ws.set_row(row + 1, 6)
    _footer(ws, fmt, row + 2, ncols, span, form.signatures, (
        f"排名规则：按自评总分从高到低排列；{form.rule}",
        f"星级标准：{form.checklist.stars_rule()}。名次在前十的支部，其书记为市联席会议邀请人选。"))


def _details(form: RankingForm) -> xt.TableSheet:
    headers = ("支部", *ITEM_HEADERS)
    rows = [(b, r.area, r.code, r.item, points_number(r.points), points_number(r.score),
             r.evidence, r.by) for b, r in form.details]
    return xt.TableSheet(
        "明细", f"{form.unit}{form.year}年度各支部自评明细", headers, rows,
        widths={1: 14, 2: 9, 3: 5, 4: 26, 5: 5.5, 6: 5.5, 7: 30, 8: 6},
        column_align={1: "wrap", 3: "center", 4: "wrap", 7: "wrap", 8: "center"},
        landscape=True)


def write_ranking(form: RankingForm, path: str | Path) -> Path:
    """The township's workbook: 排名, then 明细 (every branch's items)."""
    with xt.TableBook(path) as book:
        book.add_form("排名", lambda ws, fmt: _ranking_form(ws, fmt, form))
        book.add(_details(form))
        set_mark(book, KIND_RANKING, form.unit, form.year, form.checklist)
    return book.path


def write_checklist(checklist: Checklist, path: str | Path) -> Path:
    """考评细则 (items), 星级, 评分方式 (the auto keys a township may write, with what they
    measure): the file a township edits and loads back."""
    rows = [(i.area, i.code, i.item, points_number(i.points), i.judge,
             "" if i.full is None else i.full, "" if i.partial is None else i.partial)
            for i in checklist.items]
    items = xt.TableSheet(
        CHECKLIST_SHEET, "离退休干部党支部“六好”考评细则", CHECKLIST_HEADERS, rows,
        info=(("细则名称", checklist.name), ("满分", points_number(checklist.total))),
        note="评分方式写“书记评分”，或“评分方式”工作表中的一种（由程序按数据评分，须写满分标准，"
             "可写得一半分标准）。各项分值之和须等于满分。",
        widths={1: 11, 2: 6, 3: 32, 4: 6, 5: 16, 6: 9, 7: 12.5},
        column_align={1: "wrap", 2: "center", 3: "wrap", 5: "wrap"})
    stars = xt.TableSheet(STARS_SHEET, "星级标准（从高到低）", STARS_HEADERS,
                          [(points_number(a), s) for a, s in checklist.stars],
                          widths={1: 12, 2: 8})
    keys = xt.TableSheet(KEYS_SHEET, "程序能评分的评分方式", ("评分方式", "单位", "程序怎样计算"),
                         [(k, u, text) for k, (u, text) in JUDGES.items()],
                         widths={1: 22, 2: 6, 3: 60}, column_align={3: "wrap"})
    with xt.TableBook(path) as book:
        for sheet in (items, stars, keys):
            book.add(sheet)
        book.set_properties({"zhibu-checklist": 1})
    return book.path
