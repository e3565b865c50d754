"""Reading branches' quarterly workbooks for the township roll-up, in the reader cage.

A workbook to merge is an outside file like a roster: it comes by USB stick or WeChat from
another branch, and a damaged or hostile one must cost a sentence, not the program. So each is
pre-checked by the roster guard (special files, zip bombs, XML bombs, sheets reaching past the
caps) and then read by openpyxl (document properties only) and python-calamine (cells) in the
child process of app.importing.cage. These functions run in that child: they import nothing
heavy and return plain values.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import InputError
from app.importing.guard import check_file


def check_input(path: Path) -> None:
    """Pre-check one workbook to merge; InputError naming it."""
    checked = check_file(path)
    if checked.kind != "xlsx":
        raise InputError(f"文件“{path.name}”不是 .xlsx 工作簿，不是本程序生成的支部季度报表，不能汇总。")


def read_head(path_text: str, wanted: list[str]) -> tuple[dict, list[str], dict[str, list]]:
    """In the child: the custom document properties, the sheet names, and the rows of those
    `wanted` sheets the file has (汇总 and 党员名册 of a branch's book; 汇总 and 目录 of a
    township's)."""
    # late: in the reader child only (app.importing.cage); the program need not load them
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    name = Path(path_text).name
    try:
        wb = load_workbook(path_text, read_only=True)
        props = {p.name: p.value for p in wb.custom_doc_props}
        wb.close()
        book = CalamineWorkbook.from_path(path_text)
        names = list(book.sheet_names)
        rows = {n: book.get_sheet_by_name(n).to_python() for n in wanted if n in names}
    except Exception as exc:  # any reader failure here means the file cannot be used
        raise InputError(f"文件“{name}”已损坏或不是 Excel 工作簿，无法读取（{type(exc).__name__}）。"
                         ) from None
    return props, names, rows


def read_sheets(path_text: str, wanted: list[str]) -> dict[str, list]:
    """In the child: the rows of the `wanted` sheets of a workbook already checked."""
    from python_calamine import CalamineWorkbook  # late: in the reader child only

    try:
        book = CalamineWorkbook.from_path(path_text)
        return {n: book.get_sheet_by_name(n).to_python() for n in wanted}
    except Exception as exc:  # changed between the check and the write
        raise InputError(f"文件“{Path(path_text).name}”读取失败（{type(exc).__name__}），没有生成汇总表。"
                         ) from None
