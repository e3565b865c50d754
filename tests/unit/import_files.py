"""Roster files as secretaries really keep them, written by the import tests.

The three-person roster (THREE_ROWS) is also kept in tests/fixtures as an Excel 97–2003 .xls
and an OpenDocument .ods that LibreOffice made from it, so reading them needs no LibreOffice;
`python -m tests.unit.import_files` makes them again (LibreOffice needed then)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

from openpyxl import Workbook

from app.services.importing import import_roster

HEADER = ["序号", "姓　名", "性别", "出生年月", "身份证号码", "离退休", "是否党员", "入党时间",
          "原工作单位及职务", "联系电话", "家庭住址", "居住状况", "身体状况", "备注"]

# valid IDs (check digits computed by app.idcard) for three people
ZHANG = "410102193805121234"  # 张建国, 1938-05-12, 男
WANG = "41010219410203202X"  # 王秀英, 1941-02-03, 女
LI = "410102194507150017"  # 李明, 1945-07-15, 男


def fix_check(first17: str) -> str:
    from app.idcard import check_digit

    return first17 + check_digit(first17)


ZHANG, WANG, LI = (fix_check(x[:17]) for x in (ZHANG, WANG, LI))


def person(seq, name, gender="男", birth="1938.05", idn="", retire="退休", party="是",
           joined="1965.07", unit="县粮食局 局长", phone="13812345678", address="城关镇东街1号",
           living="与子女同住", health="良好", notes=""):
    return [seq, name, gender, birth, idn, retire, party, joined, unit, phone, address, living,
            health, notes]


THREE_ROWS = [person(1, "张建国", idn=ZHANG, phone="13812345678/13912345678"),
              person(2, "王秀英", "女", "1941.02", WANG, retire="离休干部", living="独居",
                     health="卧床"),
              person(3, "李明", "男", "1945-07-15", LI.lower(), party="否", joined="")]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
THREE_XLS, THREE_ODS = FIXTURES / "roster_three.xls", FIXTURES / "roster_three.ods"


def write_xlsx(path: Path, rows: list[list], title: str | None = "城关镇老干部党支部党员花名册",
               header: list | None = None, extra_top: list[list] | None = None,
               sheet_name: str = "花名册") -> Path:
    """A title merged across the top, maybe a 填报单位 line, then the header and the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    header = header or HEADER
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for line in extra_top or []:
        sheet.append(line)
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8",
              header: list | None = None) -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header or HEADER)
        for r in rows:
            writer.writerow(["" if v is None else v for v in r])
    return path


def to_xls(xlsx: Path, fmt: str = "xls") -> Path | None:
    """An Excel 97–2003 (or another format's) copy made by LibreOffice, or None where
    LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    out = xlsx.parent / fmt
    out.mkdir(exist_ok=True)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out}/profile",
                    "--convert-to", fmt, "--outdir", str(out), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    made = out / f"{xlsx.stem}.{fmt}"
    return made if made.exists() else None


def run_import(db, branch_id, path, dry_run=False, **kw):
    with db.session() as s:
        return import_roster(s, path, branch_id, dry_run=dry_run, **kw)


def members(db) -> dict[str, dict]:
    from sqlalchemy import select

    from app.models import Member

    with db.session() as s:
        return {m.name: {c.name: getattr(m, c.name) for c in Member.__table__.columns}
                for m in s.scalars(select(Member))}


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        source = write_xlsx(Path(tmp) / "roster_three.xlsx", THREE_ROWS)
        for made, target in ((to_xls(source), THREE_XLS), (to_xls(source, "ods"), THREE_ODS)):
            if made is None:
                raise SystemExit("LibreOffice (soffice) is needed to make the fixtures")
            shutil.copyfile(made, target)
            print(target)
