"""Importing a 20,000-row roster: the preview, 确认导入 of the previewed records into an empty
branch, and a second import of the same file (preview and apply: everything matched, nothing
changed); then the export back.

The roster is written here as a secretary keeps it: a merged title, a header with aligned
names, dates as '1938.05' text or real date cells, IDs as text, two phones in some cells.

    .venv/bin/python -m bench.bench_import
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS = 20_000
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国秀英明华玉兰德顺桂芝淑珍志强红梅振华文海翠萍国庆爱民永福凤英金山春兰"


def write_roster(path: Path, rows: int = ROWS, seed: int = 1) -> Path:
    from openpyxl import Workbook

    from app.idcard import check_digit

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(["城关镇老干部党支部党员花名册"])
    sheet.append(["序号", "姓　名", "性别", "出生年月", "身份证号码", "民族", "离退休", "是否党员",
                  "入党时间", "原工作单位及职务", "联系电话", "家庭住址", "居住状况", "身体状况", "备注"])
    for n in range(1, rows + 1):
        born = date(rng.randint(1926, 1966), rng.randint(1, 12), rng.randint(1, 28))
        body = f"41{n // 1000:04d}{born:%Y%m%d}{n % 1000:03d}"  # unique: area varies
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        if len(name) == 2 and n % 3 == 0:
            name = name[0] + "\u3000" + name[1]  # aligned two-character names
        phones = f"13{rng.randint(100000000, 999999999)}"
        if n % 7 == 0:
            phones += f"/139{rng.randint(10000000, 99999999)}"
        sheet.append([
            n, name, "男" if int(body[-1]) % 2 else "女",
            born if n % 2 else f"{born.year}.{born.month:02d}", body + check_digit(body), "汉族",
            "离休" if born.year < 1931 else "退休", "是", f"{born.year + 25}.{rng.randint(1, 12):02d}",
            "县粮食局 科员", phones, f"城关镇第{n % 40}街{n}号",
            rng.choice(("与子女同住", "空巢", "独居", "养老院")),
            rng.choice(("良好", "一般", "行动不便", "卧床", "住院")), "",
        ])
    book.save(path)
    return path


def run() -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["ZHIBU_HOME"] = str(work / "home")
    from app.runtime import open_database
    from app.services.importing import apply_import, import_roster, preview_import
    from app.services.roster import ensure_branch
    from app.services.roster_export import export_members

    results: dict[str, float] = {}
    start = time.perf_counter()
    roster = write_roster(work / "roster-20000.xlsx")
    results["write_20000_row_roster_s"] = time.perf_counter() - start
    db = open_database(work / "import.sqlite3")
    try:
        with db.session() as s:
            branch_id = ensure_branch(s, "导入支部").id
        start = time.perf_counter()
        with db.session() as s:
            previewed = preview_import(s, roster, branch_id)
        preview = previewed.report
        results["preview_s"] = time.perf_counter() - start
        start = time.perf_counter()
        with db.session() as s:
            first = apply_import(s, previewed)
        results["apply_previewed_20000_rows_s"] = time.perf_counter() - start
        start = time.perf_counter()
        with db.session() as s:
            second = import_roster(s, roster, branch_id)
        results["reimport_unchanged_s"] = time.perf_counter() - start
        start = time.perf_counter()
        with db.session() as s:
            exported = export_members(s, branch_id, work / "export.xlsx")
        results["export_20000_rows_s"] = time.perf_counter() - start
        results["rows_added"] = float(first.added)
        results["rows_unchanged_on_reimport"] = float(second.unchanged)
        results["rows_previewed"] = float(preview.added)
        results["rows_exported"] = float(exported.count)
        results["warnings"] = float(len(first.warnings))
    finally:
        db.dispose()
        shutil.rmtree(work, ignore_errors=True)
    return results


if __name__ == "__main__":
    for key, value in run().items():
        unit = " s" if key.endswith("_s") else ""
        print(f"{key:32s} {value:10.3f}{unit}")
    sys.exit(0)
