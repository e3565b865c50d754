"""Reading the self-assessment's workbooks back: a branch's 自评表 (for the township's ranking)
and an edited 考评细则 (to load). Plain rows in (as python-calamine gives them in the reader
cage, app.export.merge_read), plain data out; a table is found by its header labels, never by
row position, so a row inserted above it or a column widened changes nothing.
"""

from __future__ import annotations

from app.assessment_checklist import tenths
from app.errors import InputError
from app.export.assessment_xlsx import (
    CHECKLIST_HEADERS, ITEM_HEADERS, STARS_HEADERS, TOTAL, ItemRow,
)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(rows: list[list], labels) -> tuple[int, dict[str, int]] | None:
    """(row index, label → column) of the first row holding every one of `labels`."""
    for i, r in enumerate(rows):
        texts = [_text(v) for v in r]
        if all(lb in texts for lb in labels):
            return i, {lb: texts.index(lb) for lb in labels}
    return None


def _get(r: list, col: int):
    return r[col] if col < len(r) else None


def read_branch_rows(rows, where: str) -> tuple[list[ItemRow], int | None, int | None]:
    """(items, the 合计 row's 得分 and 分值 in tenths) of a 自评表; InputError starting with
    `where` when its table cannot be found or a score is not a number."""
    rows = [list(r) for r in rows]
    found = _header(rows, ITEM_HEADERS)
    if found is None:
        raise InputError(f"{where}的“自评表”找不到表头（{'、'.join(ITEM_HEADERS)}），可能已被改动，不能汇总。")
    at, cols = found
    items: list[ItemRow] = []
    written_total = written_max = None
    for r in rows[at + 1:]:
        area = _text(_get(r, cols["考评领域"]))
        if area == TOTAL:
            written_total = _points(_get(r, cols["得分"]), f"{where}合计行的得分")
            written_max = _points(_get(r, cols["分值"]), f"{where}合计行的分值")
            break
        code = _text(_get(r, cols["编号"]))
        if not code:
            continue
        items.append(ItemRow(
            area, code, _text(_get(r, cols["考评内容"])),
            _points(_get(r, cols["分值"]), f"{where}编号 {code} 的分值") or 0,
            _points(_get(r, cols["得分"]), f"{where}编号 {code} 的得分"),
            _text(_get(r, cols["评分依据"])), _text(_get(r, cols["评分人"]))))
    return items, written_total, written_max


def _points(value, what: str) -> int | None:
    if value is None or _text(value) == "":
        return None
    try:
        return tenths(_text(value), what)
    except ValueError as exc:
        raise InputError(f"{exc}，不能汇总。") from None


def read_checklist_rows(sheets: dict[str, list], name: str) -> dict:
    """The raw checklist (as app.assessment_checklist.checked takes it) from the rows of the
    考评细则 and 星级 sheets; InputError naming the file `name` when a table is missing."""
    rows = [list(r) for r in sheets.get("考评细则", [])]
    found = _header(rows, CHECKLIST_HEADERS[:5])
    if found is None:
        raise InputError(f"文件“{name}”的“考评细则”工作表找不到表头（{'、'.join(CHECKLIST_HEADERS[:5])}），"
                         f"请用本程序导出的考评细则修改后再导入。")
    at, cols = found
    extra = _header(rows, CHECKLIST_HEADERS)
    cols = extra[1] if extra else cols
    raw: dict = {"name": "", "total": None, "items": []}
    for r in rows[:at]:
        texts = [_text(v) for v in r]
        if "细则名称" in texts:
            raw["name"] = next((t for t in texts[texts.index("细则名称") + 1:] if t), "")
        if "满分" in texts:
            raw["total"] = next((t for t in texts[texts.index("满分") + 1:] if t), None)
    for r in rows[at + 1:]:
        values = {lb: _text(_get(r, c)) for lb, c in cols.items()}
        if not any(values.values()):
            continue
        raw["items"].append({"code": values["编号"], "area": values["考评领域"],
                             "item": values["考评内容"], "points": values["分值"],
                             "judge": values["评分方式"], "full": values.get("满分标准"),
                             "partial": values.get("得一半分标准")})
    raw["stars"] = _stars(sheets.get("星级", []), name)
    return raw


def _stars(rows, name: str) -> list:
    rows = [list(r) for r in rows]
    found = _header(rows, STARS_HEADERS)
    if found is None:
        raise InputError(f"文件“{name}”缺少“星级”工作表（{'、'.join(STARS_HEADERS)}），请补上后再导入。")
    at, cols = found
    out = []
    for r in rows[at + 1:]:
        least, stars = _text(_get(r, cols["最低得分"])), _text(_get(r, cols["星级"]))
        if least or stars:
            out.append([least, stars.rstrip("星")])
    return out
