"""The township's ranking of its branches' self-assessments (`merge-assessments`).

Like the quarterly merge (app.export.quarterly_merge), every input is checked before anything is
written, through one reader child (app.importing.cage), and a refusal names the file (its full
path where two inputs share a name) and leaves no output:

- it must be a branch's 自评表 made by this program (the version mark, app.export.assessment_xlsx);
  a quarterly workbook, a ranking, anything else is named and refused;
- all of one year, rated against the same checklist (its name and 满分), no branch twice, the
  output not one of the inputs;
- its 自评表 read by its header labels and checked against itself: no score above its points,
  the 合计 equal to the sum of the items and to the checklist's 满分 — a hand-edited total is
  refused, not ranked.

The ranking: highest total first. Branches with the same total share a place (并列第 N 名) and
the 说明 column says with whom; among them the one with more points judged by the program from
its data comes first (the harder evidence), then by the branch's name — the rule is printed
under the table.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.assessment_checklist import HAND, Checklist, Item, points_number, points_text, tenths
from app.errors import InputError
from app.export import assessment_xlsx as ax
from app.export.assessment_read import read_branch_rows
from app.export.assessment_head import read_head
from app.importing.cage import Cage
from app.importing.guard import check_file

TIE_RULE = ("总分相同的支部名次并列；并列的支部中，由程序按数据评定的得分高者排在前面，"
            "再相同的按支部名称排列。")


@dataclass
class BranchAssessment:
    path: Path
    shown: str
    branch: str
    year: int
    checklist: str
    max: int  # tenths
    stars_rule: list
    rows: list[ax.ItemRow]
    total: int  # tenths

    @property
    def program(self) -> int:
        return sum(r.score or 0 for r in self.rows if r.by == "程序")


def shown_names(paths: list[Path]) -> dict[Path, str]:
    names = [p.name for p in paths]
    return {p: (str(p.resolve()) if names.count(p.name) > 1 else p.name) for p in paths}


def _not_an_input(paths: list[Path], out: Path) -> None:
    for path in paths:
        same = path.resolve() == out.resolve()
        if not same and out.exists() and path.exists():
            try:
                same = os.path.samefile(path, out)
            except OSError:
                same = False
        if same:
            raise InputError(f"保存排名表的文件“{out}”正是要汇总的自评表之一，请另选一个文件名。")


def read_assessment(path: Path, shown: str, cage: Cage) -> BranchAssessment:
    """One branch's 自评表, checked (see the module text); InputError naming `shown`."""
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"文件“{shown}”不是 .xlsx 工作簿，不是本程序生成的支部自评表，不能汇总。")
    try:
        check_file(path)
    except InputError as err:
        raise InputError(str(err).replace(f"“{path.name}”", f"“{shown}”", 1)) from None
    props, names, rows = cage.call(shown, read_head, str(path), ["自评表"])
    if ax.MARK_NAME not in props:
        what = "是本程序的季度报表，" if "zhibu-quarterly" in props else ""
        raise InputError(f"文件“{shown}”{what}不是本程序生成的支部自评表，不能汇总。")
    if props.get("zhibu-kind") != ax.KIND_BRANCH:
        raise InputError(f"文件“{shown}”是乡镇的自评排名表，不是支部的自评表，不能再汇总。")
    if "自评表" not in names:
        raise InputError(f"文件“{shown}”缺少“自评表”工作表，可能已被改动，不能汇总。")
    where = f"文件“{shown}”"
    items, total, written_max = read_branch_rows(rows["自评表"], where)
    book = BranchAssessment(path, shown, str(props.get("zhibu-branch", "")),
                            int(props["zhibu-year"]), str(props.get("zhibu-checklist", "")),
                            tenths(props.get("zhibu-max", "0"), "满分"),
                            json.loads(props.get("zhibu-stars") or "[]"), items, 0)
    book.total = _consistent(book, total, written_max, where)
    return book


def _consistent(book: BranchAssessment, total: int | None, written_max: int | None,
                where: str) -> int:
    for r in book.rows:
        if r.score is not None and not 0 <= r.score <= r.points:
            raise InputError(f"{where}编号 {r.code} 的得分 {points_text(r.score)} 超出了它的分值 "
                             f"{points_text(r.points)}，可能被手工改过，不能汇总。")
    added = sum(r.score or 0 for r in book.rows)
    points = sum(r.points for r in book.rows)
    if total is None or total != added:
        raise InputError(f"{where}的合计得分是 {points_text(total) or '空'}，而各项得分加起来是 "
                         f"{points_text(added)}：可能被手工改过，不能汇总。请让该支部用本程序重新导出自评表。")
    if points != book.max or written_max != book.max:
        raise InputError(f"{where}的各项分值加起来是 {points_text(points)}，与考评细则的满分 "
                         f"{points_text(book.max)} 不符：可能被手工改过，不能汇总。")
    return added


def _same(book: BranchAssessment, found: list[BranchAssessment]) -> None:
    if not found:
        return
    first = found[0]
    if book.year != first.year:
        raise InputError(f"文件“{book.shown}”是 {book.year} 年度的自评表，而“{first.shown}”是 "
                         f"{first.year} 年度的：不同年度的自评表不能一起排名。")
    if (book.checklist, book.max) != (first.checklist, first.max):
        raise InputError(f"文件“{book.shown}”用的考评细则是“{book.checklist}”（满分 "
                         f"{points_text(book.max)}），而“{first.shown}”用的是“{first.checklist}”"
                         f"（满分 {points_text(first.max)}）：请各支部用同一份考评细则自评后再汇总。")
    for other in found:
        if other.branch == book.branch:
            raise InputError(f"文件“{book.shown}”和“{other.shown}”都是“{book.branch}”的自评表："
                             f"同一支部不能排名两次。")


def ranked(books: list[BranchAssessment]) -> list[ax.RankRow]:
    """Highest total first; ties share a place and say so (TIE_RULE)."""
    order = sorted(books, key=lambda b: (-b.total, -b.program, b.branch))
    rows = []
    for b in order:
        rank = 1 + sum(o.total > b.total for o in books)
        peers = [o.branch for o in order if o.total == b.total and o is not b]
        note = (f"与{'、'.join(peers)}总分相同，并列第 {rank} 名；程序评定得分 "
                f"{points_text(b.program)}" if peers else "")
        areas: dict[str, int] = {}
        for r in b.rows:
            areas[r.area] = areas.get(r.area, 0) + (r.score or 0)
        stars = next((s for least, s in b.stars_rule if b.total >= tenths(least, "星级")), 0)
        rows.append(ax.RankRow(rank, b.branch, b.total, stars, areas, b.program, note,
                               b.path.name))
    return rows


def merge_assessments(paths: list[Path], out: Path, unit: str, authority: str,
                      signatures: ax.Signatures,
                      progress: Callable[[int, int], None] | None = None) -> dict:
    """Check every input, then write the ranking; returns what was ranked."""
    if not paths:
        raise InputError("请至少给出一个支部自评表文件。")
    paths, out = [Path(p) for p in paths], Path(out)
    _not_an_input(paths, out)
    shown = shown_names(paths)
    books: list[BranchAssessment] = []
    with Cage() as cage:
        cage.start()
        for i, path in enumerate(paths):
            book = read_assessment(path, shown[path], cage)
            _same(book, books)
            books.append(book)
            if progress:
                progress(i + 1, len(paths) + 1)
    first = books[0]
    checklist = Checklist(first.checklist, first.max,
                          tuple((tenths(a, "星级"), int(s)) for a, s in first.stars_rule),
                          tuple())
    rows = ranked(books)
    by_branch = {b.branch: b for b in books}
    details = [(r.branch, item) for r in rows for item in by_branch[r.branch].rows]
    areas = list(dict.fromkeys(item.area for _b, item in details))
    checklist = _with_areas(checklist, areas)
    ax.write_ranking(ax.RankingForm(unit or "", first.year, checklist, rows, details, authority,
                                    signatures, TIE_RULE), out)
    if progress:
        progress(len(paths) + 1, len(paths) + 1)
    return {"output": str(out), "year": first.year, "checklist": first.checklist,
            "max": points_number(first.max),
            "ranking": [{"rank": r.rank, "branch": r.branch, "total": points_number(r.total),
                         "stars": r.stars, "note": r.note, "file": r.file} for r in rows]}


def _with_areas(checklist: Checklist, areas: list[str]) -> Checklist:
    """The ranking needs the checklist's areas only (its columns): one stand-in item each."""
    items = tuple(Item(str(n), a, a, 1, HAND) for n, a in enumerate(areas, start=1))
    return Checklist(checklist.name, checklist.total, checklist.stars, items)
