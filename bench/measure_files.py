"""What the secretary waits for behind a progress bar: exports, merge, checklists, import, backup.

Each program figure is set against a floor that does the same file work with the bare library:
the same cell values written by openpyxl's write-only mode, the same text drawn by reportlab's
canvas, the same rows read by python-calamine and inserted with sqlite3, SQLite's own backup.
The program's modules are imported inside each function: an area still being built is reported
as "not measured" without stopping the rest.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bench.figures import Figure, timed
from bench.memory import peak_mb


def _fresh(path: Path) -> Path:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    return path


def backup(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Backing the county database up (online backup + verification) vs SQLite's backup alone."""
    from app.storage import backup as backup_service

    runs = 1 if quick else 3
    target = work / "backup.sqlite3"

    def program():
        _fresh(target)
        backup_service.make_backup(db_path, dest=target)

    def raw():
        _fresh(target)
        src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    seconds, _ = timed(program, runs)
    program_peak = peak_mb()
    floor, _ = timed(raw, runs)
    _fresh(target)
    return [Figure("backup of the county database", seconds, floor, runs=runs,
                   extra={"file_mib": round(db_path.stat().st_size / 2**20),
                          "program_peak_mb": program_peak})]


# floors ------------------------------------------------------------------------------------
def sheet_values(path: Path) -> list[tuple[str, list[list]]]:
    """Every sheet's cell values, read with python-calamine (the fastest reader we ship)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]


def write_only(path: Path, sheets: list[tuple[str, list[list]]]) -> None:
    """The floor for writing a workbook: the same values, openpyxl write-only, no styling."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = book.create_sheet(name[:31])
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
    book.save(path)


def draw_pages(path: Path, pages: list[list[str]]) -> None:
    """The floor for the checklists: the same lines of text drawn page by page on a canvas,
    in the same embedded font and size, without tables, boxes or layout."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from app.paths import cjk_font_path

    pdfmetrics.registerFont(TTFont("BenchCJK", str(cjk_font_path()), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        pdf.setFont("BenchCJK", 12)
        y = A4[1] - 50
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()


def pdf_page_texts(path: Path) -> list[list[str]]:
    """The text of each page of a PDF, line by line (pdftotext keeps the reading order)."""
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in out.split("\f") if page.strip()]


# the roster import ---------------------------------------------------------------------------
IMPORT_HEADER = ["序号", "姓名", "性别", "出生年月", "身份证号", "民族", "离退休", "是否党员",
                 "入党时间", "原工作单位及职务", "联系电话", "家庭住址", "居住状况", "身体状况", "备注"]


def roster_workbook(db_path: Path, work: Path) -> Path:
    """A 20,000-row roster as a secretary keeps it in Excel, made from the county's members."""
    from openpyxl import Workbook

    path = work / "roster-20000.xlsx"
    if path.exists():
        return path
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT name, gender, birth_date, id_number, ethnicity, retire_type, is_party_member,"
            " party_join_date, former_unit, phone, address, living, mobility FROM member"
            " ORDER BY id").fetchall()
    finally:
        con.close()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(["城关镇老干部党支部党员花名册"])
    sheet.append(IMPORT_HEADER)
    for n, r in enumerate(rows, 1):
        sheet.append([n, r[0], r[1], r[2][:7].replace("-", "."), r[3], r[4], r[5],
                      "是" if r[6] else "否", (r[7] or "")[:7].replace("-", "."), r[8], r[9],
                      r[10], r[11], r[12], ""])
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
    return path


def raw_import(xlsx: Path, db: Path) -> int:
    """The floor for importing: read the cells with calamine, insert them with executemany."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()[2:]
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("BEGIN")
        con.execute("INSERT INTO branch (name, township, secretary, phone, study_day, created_at)"
                    " VALUES ('导入支部', '', '', '', 5, '2026-11-20 00:00:00.000000')")
        branch = con.execute("SELECT max(id) FROM branch").fetchone()[0]
        con.executemany(
            "INSERT INTO member (branch_id, sort_order, name, search_key, gender, birth_date,"
            " birth_month_only, id_number, ethnicity, retire_type, is_party_member, former_unit,"
            " phone, address, community, living, mobility, emergency_contact, emergency_phone,"
            " health_notes, notes, status, needs_care, care_reason, visit_interval_days,"
            " created_at, updated_at) VALUES (?, ?, ?, '', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, '', ?,"
            " ?, '', '', '', '', '在册', 0, '', 30, '2026-11-20 00:00:00.000000',"
            " '2026-11-20 00:00:00.000000')",
            [(branch, int(r[0]), r[1], r[2], str(r[3]).replace(".", "-") + "-01", r[4], r[5],
              r[6], r[7] == "是", r[9], str(r[10]), r[11], r[12], r[13]) for r in rows])
        con.execute("COMMIT")
    finally:
        con.close()
    return len(rows)


def empty_database(path: Path) -> Path:
    """A new database file with the program's schema (made once, then copied)."""
    from app.runtime import open_database

    template = path.parent / "empty-schema.sqlite3"
    if not template.exists():
        open_database(template).dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(template, path)
    return path


# rows a quarterly workbook holds, read with plain SQL (the floor when there is nothing to copy) -
QUARTER = (2026, 3)  # the last complete quarter before the benchmark's fixed today (2026-11-20)


def quarter_rows(con: sqlite3.Connection, branch_id: int, year: int, quarter: int
                 ) -> list[tuple[str, list[list]]]:
    """The sheets of spec/quarterly-report.md for one branch, as plain rows from SQL."""
    from app.dates import quarter_bounds

    first, last = (d.isoformat() for d in quarter_bounds(year, quarter))
    q = con.execute
    members = q("SELECT id, sort_order, name, gender, birth_date, id_number, retire_type,"
                " is_party_member, former_unit, phone, address, living, mobility FROM member"
                " WHERE branch_id = ? AND status = '在册' ORDER BY sort_order",
                (branch_id,)).fetchall()
    events = q("SELECT id, date, kind, topic, speaker, place, hours FROM study_event"
               " WHERE branch_id = ? AND date BETWEEN ? AND ? ORDER BY date",
               (branch_id, first, last)).fetchall()
    marks = {(e, m): mark for e, m, mark in q(
        "SELECT a.event_id, a.member_id, a.mark FROM attendance a JOIN study_event e"
        " ON e.id = a.event_id WHERE e.branch_id = ? AND e.date BETWEEN ? AND ?",
        (branch_id, first, last))}
    handouts = q("SELECT h.issued_date, m.title, m.kind, p.name, h.method, h.handled_by, h.score"
                 " FROM handout h JOIN material m ON m.id = h.material_id JOIN member p"
                 " ON p.id = h.member_id WHERE m.branch_id = ? AND h.issued_date BETWEEN ? AND ?"
                 " ORDER BY h.issued_date, p.sort_order", (branch_id, first, last)).fetchall()
    visits = q("SELECT v.date, p.name, v.visitor_name, v.visitor_kind, v.purposes,"
               " v.delivered_note, v.health, v.requests, v.follow_up FROM visit v JOIN member p"
               " ON p.id = v.member_id WHERE p.branch_id = ? AND v.date BETWEEN ? AND ?"
               " ORDER BY v.date", (branch_id, first, last)).fetchall()
    suggestions = q("SELECT s.date, p.name, s.category, s.text, s.forwarded_to, s.status"
                    " FROM suggestion s LEFT JOIN member p ON p.id = s.member_id"
                    " WHERE s.branch_id = ? AND s.date BETWEEN ? AND ?",
                    (branch_id, first, last)).fetchall()
    short = {"出席": "✓", "请假": "假", "缺席": "缺", "送学上门": "送"}
    summary = [["项目", "数值"], ["在册人数", len(members)], ["学习活动次数", len(events)],
               ["应参学人次", len(marks)], ["发放资料份数", len(handouts)], ["走访人次", len(visits)],
               ["建言献策条数", len(suggestions)]] + [[f"指标{i}", i] for i in range(18)]
    grid = [["姓名"] + [f"{e[1][5:]} {e[2][:2]}" for e in events] + ["出席次数", "出勤率"]]
    for m in members:
        row = [short.get(marks.get((e[0], m[0]), ""), "") for e in events]
        present = row.count("✓")
        grid.append([m[2], *row, present, present / len(events) if events else 0])
    return [
        ("汇总", summary),
        ("党员名册", [list(m[1:]) + ["", ""] for m in members]),
        ("学习活动", [list(e[1:]) + [len(members), 0, 0, 0, 0] for e in events]),
        ("学习考勤", grid),
        ("自学资料发放", [list(h) for h in handouts]),
        ("走访记录", [list(v) for v in visits]),
        ("建言献策", [list(s) for s in suggestions]),
    ]


def checklist_pages(con: sqlite3.Connection, count: int) -> list[list[str]]:
    """The text of `count` visit checklists (a route sheet, then a page per member) from SQL."""
    people = con.execute(
        "SELECT m.id, m.name, m.gender, m.birth_date, m.address, m.phone, m.emergency_contact,"
        " m.emergency_phone, m.mobility, m.living, m.id_number, m.community FROM member m"
        " WHERE m.mobility != '行动自如' ORDER BY m.branch_id, m.community, m.sort_order LIMIT ?",
        (count,)).fetchall()
    route = [f"{p[11]} {p[1]} {p[4]} {p[5]} {p[8]} □" for p in people]
    pages = [route[i:i + 40] for i in range(0, len(route), 40)]
    ticks = "□送达学习资料 □学习辅导 □宣讲政策 □了解身体状况 □了解生活困难 □听取意见建议"
    for p in people:
        last = con.execute("SELECT date, visitor_name, requests FROM visit WHERE member_id = ?"
                           " ORDER BY date DESC LIMIT 1", (p[0],)).fetchone()
        pending = con.execute("SELECT m.title FROM handout h JOIN material m ON m.id ="
                              " h.material_id WHERE h.member_id = ? AND h.status = '待送达'",
                              (p[0],)).fetchall()
        pages.append([
            "走访登记表（送学上门）", "走访日期：________  走访人：________",
            f"姓名：{p[1]}  性别：{p[2]}  出生：{p[3]}", f"住址：{p[4]}  电话：{p[5]}",
            f"紧急联系人：{p[6]} {p[7]}", f"身体状况：{p[8]}  居住状况：{p[9]}",
            f"身份证号：{p[10][:6]}********{p[10][-4:]}",
            f"上次走访：{last[0]} {last[1]} {last[2]}" if last else "上次走访：无",
            *[f"□ {t[0]}" for t in pending], ticks,
            *[f"{label}：" + "_" * 40 for label in ("身体状况", "思想状况", "诉求", "处理意见")],
            "走访人签字：________  党员(家属)签字：________  日期：________",
        ])
    return pages
