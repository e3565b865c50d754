"""In the reader child (app.importing.cage): a 自评表's version mark and rows, read cheaply.

The quarterly merge asks openpyxl for the custom document properties (app.export.merge_read);
that loads the workbook's whole structure, 12–25 ms a file — most of the time a township's
ranking of 30 small 自评表 took. The mark is one small part of the zip (docProps/custom.xml),
so here it is read straight from there with defusedxml (entity and size attacks refused; the
guard has already checked the zip), and the cells by python-calamine as before. Nothing heavy
is imported: this module is what the child loads.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.errors import InputError

_CUSTOM = "docProps/custom.xml"
_INTS = {"i1", "i2", "i4", "i8", "int", "ui1", "ui2", "ui4", "ui8", "uint"}


def custom_properties(path_text: str) -> dict[str, object]:
    """{name: value} of the workbook's custom document properties ({} when it has none)."""
    from defusedxml import ElementTree  # late: in the reader child only (app.importing.cage)

    with zipfile.ZipFile(path_text) as z:
        if _CUSTOM not in z.namelist():
            return {}
        root = ElementTree.fromstring(z.read(_CUSTOM))
    found: dict[str, object] = {}
    for prop in root:
        name = prop.get("name")
        value = next(iter(prop), None)
        if name is None or value is None:
            continue
        kind = value.tag.rsplit("}", 1)[-1]
        text = value.text or ""
        found[name] = int(text) if kind in _INTS and text.strip().lstrip("-").isdigit() else text
    return found


def read_head(path_text: str, wanted: list[str]) -> tuple[dict, list[str], dict[str, list]]:
    """The custom properties, the sheet names, and the rows of the `wanted` sheets present."""
    from python_calamine import CalamineWorkbook  # late: in the reader child only

    try:
        props = custom_properties(path_text)
        book = CalamineWorkbook.from_path(path_text)
        names = list(book.sheet_names)
        rows = {n: book.get_sheet_by_name(n).to_python() for n in wanted if n in names}
    except Exception as exc:  # any reader failure here means the file cannot be used
        raise InputError(f"文件“{Path(path_text).name}”已损坏或不是 Excel 工作簿，无法读取"
                         f"（{type(exc).__name__}）。") from None
    return props, names, rows
