"""The checklist (考评细则) a branch is rated against: the program's default, or the one the
township loaded — export it to .xlsx, edit it, load it back (`zhibu checklist export|load`).

The default ships as resources/assessment/default_checklist.json (bundled with resources/ by
build.spec). A loaded workbook is read in the reader cage like any outside file, then checked
completely by app.assessment_checklist.checked (points adding up, every item judged somehow,
star levels descending) before it replaces the stored one — a refused file changes nothing.
The secretary's scores stay keyed by item 编号: an item the new checklist keeps keeps its score.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.assessment_checklist import Checklist, checked
from app.errors import InputError
from app.export.assessment_read import read_checklist_rows
from app.export.assessment_xlsx import CHECKLIST_SHEET, STARS_SHEET, write_checklist
from app.export.assessment_head import read_head
from app.importing.cage import run_caged
from app.importing.guard import check_file
from app.models import AssessmentChecklist
from app.paths import resource_path

DEFAULT_FILE = ("assessment", "default_checklist.json")


def default_checklist() -> Checklist:
    """The checklist the program ships (六好, 100 points, 90/80/70/60 → 5/4/3/2 stars)."""
    raw = json.loads(resource_path(*DEFAULT_FILE).read_text(encoding="utf-8"))
    return checked(raw)


def checklist_of(session: Session, branch_id: int) -> Checklist:
    """The branch's checklist: the one loaded, else the default."""
    content = session.scalar(select(AssessmentChecklist.content).where(
        AssessmentChecklist.branch_id == branch_id))
    if content is None:
        return default_checklist()
    return checked(json.loads(content))


def checklist_source(session: Session, branch_id: int) -> str:
    """Where the branch's checklist came from, in words (the page's line under the title)."""
    row = session.scalar(select(AssessmentChecklist).where(
        AssessmentChecklist.branch_id == branch_id))
    if row is None:
        return "程序默认的考评细则"
    return f"{row.loaded_at:%Y-%m-%d} 从“{row.loaded_from}”导入"


def store_checklist(session: Session, branch_id: int, checklist: Checklist,
                    source: str) -> None:
    row = session.scalar(select(AssessmentChecklist).where(
        AssessmentChecklist.branch_id == branch_id))
    if row is None:
        row = AssessmentChecklist(branch_id=branch_id, content="")
        session.add(row)
    row.content, row.loaded_from = checklist.dumps(), source[:260]
    session.flush()


def export_checklist(session: Session, branch_id: int, path: Path | str) -> dict:
    """`zhibu checklist export FILE.xlsx`: the branch's checklist as a workbook to edit."""
    checklist = checklist_of(session, branch_id)
    out = write_checklist(checklist, path)
    return {"output": str(out), "name": checklist.name, "items": len(checklist.items),
            "total": checklist.to_json()["total"]}


def read_checklist(path: Path | str) -> Checklist:
    """A checklist workbook, read in the cage and checked; InputError naming the file."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"文件“{path.name}”不是 .xlsx 工作簿：请导入本程序导出、修改后的考评细则。")
    check_file(path)
    _props, names, rows = run_caged(path.name, read_head, str(path),
                                    [CHECKLIST_SHEET, STARS_SHEET])
    if CHECKLIST_SHEET not in names:
        raise InputError(f"文件“{path.name}”不是考评细则：缺少“{CHECKLIST_SHEET}”工作表。")
    raw = read_checklist_rows(rows, path.name)
    try:
        return checked(raw)
    except ValueError as exc:
        raise InputError(f"文件“{path.name}”的考评细则有误：{exc}。没有导入。") from None


def load_checklist(session: Session, branch_id: int, path: Path | str) -> dict:
    """`zhibu checklist load FILE.xlsx`: the checked checklist becomes the branch's."""
    checklist = read_checklist(path)
    store_checklist(session, branch_id, checklist, Path(path).name)
    return {"name": checklist.name, "items": len(checklist.items),
            "total": checklist.to_json()["total"],
            "auto": sum(not i.by_hand for i in checklist.items)}
