"""The roster as a printable workbook: title, 宋体, borders, A4 landscape, one page wide,
the header row repeated on every page, 第 N 页 共 M 页 in the footer.

Plain rows in, file out. The column headers are the wordings the importer knows, so an exported
roster can be imported again (by the next secretary, or into another install).
"""

from __future__ import annotations

from pathlib import Path

from app.export import xlsx_table as xt

COLUMNS = (
    "序号", "姓名", "性别", "出生年月", "年龄", "身份证号", "民族", "离退休", "是否党员", "入党时间",
    "原工作单位及职务", "联系电话", "家庭住址", "村/社区", "居住状况", "身体状况", "状态", "状态日期",
    "备注",
)
_MAX_WIDTH = {"原工作单位及职务": 26, "家庭住址": 28, "备注": 24, "联系电话": 16}


def _kept_columns(rows: list[tuple]) -> list[int]:
    """Columns worth paper: a column nobody filled in (民族, 备注 …) is left out, and so is 状态
    when everyone is 在册 — fewer columns print larger on one page width."""
    keep = []
    for i, name in enumerate(COLUMNS):
        values = {row[i] for row in rows}
        everyone_active = name == "状态" and values == {"在册"}
        if name in ("序号", "姓名") or (values - {"", None} and not everyone_active):
            keep.append(i)
    return keep


_CENTERED = ("序号", "性别", "年龄", "离退休", "是否党员", "状态")  # short values read better centred


def write_roster(path: Path | str, title: str, subtitle: str, rows: list[tuple]) -> Path:
    """Write the roster workbook atomically; `rows` follow COLUMNS (empty columns dropped).

    Text that Excel would read as a formula (= + - @) is kept text and carries Excel's
    quote-prefix mark, so editing the cell later in Excel or WPS does not run it."""
    keep = _kept_columns(rows)
    columns = [COLUMNS[i] for i in keep]
    rows = [tuple(row[i] for i in keep) for row in rows]
    widths = xt.fitted_widths(columns, rows, maximum=30)
    align = {}
    for col, name in enumerate(columns, start=1):
        if name in _MAX_WIDTH:  # long text wraps inside a capped width
            widths[col] = min(widths.get(col, _MAX_WIDTH[name]), _MAX_WIDTH[name])
            align[col] = "wrap"
        elif name in _CENTERED:
            align[col] = "center"
    sheet = xt.TableSheet("党员花名册", title, columns, rows, note=subtitle, widths=widths,
                          landscape=True, freeze_column="C", column_align=align,
                          repeat_title=False, center_on_page=True)
    with xt.TableBook(path, streamed=True) as book:  # 20,000 rows stream; memory stays flat
        book.add(sheet)
    return book.path
