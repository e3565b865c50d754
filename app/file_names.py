"""The file names the program proposes when it saves something, and the kinds of file it keeps
a folder for.

A name says what the file is and whose: thirty branches sending the township thirty files all
called "季度报表.xlsx" cannot be told apart, so the quarterly workbook is offered as
"城关镇第二支部_2026年第3季度.xlsx". Pure functions (no Qt): the window proposes them, the
tests check them. Characters Windows refuses in a file name (and names it reserves, like CON)
are replaced, because a branch name is typed by a person and may contain "/" or ":".
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

# Kinds of file: each remembers its own last folder (Prefs.folders), so the backup USB stick
# does not become the place the next sign-in sheet is offered.
QUARTER_WORKBOOK = "quarter_workbook"
ALL_BRANCHES_WORKBOOK = "all_branches_workbook"
QUARTER_SOURCES = "quarter_sources"  # the branches' workbooks picked for 汇总
SUMMARY_WORKBOOK = "summary_workbook"
ROSTER_EXPORT = "roster_export"
IMPORT_SOURCE = "import_source"
SIGNIN_SHEET = "signin_sheet"
CHECKLIST = "checklist"
BACKUP = "backup"
HANDOVER = "handover"
DUES_LEDGER = "dues_ledger"  # the 党费收缴登记表 and the 公示
DUES_BASES = "dues_bases"  # the finance office's sheet of bases
MINUTES = "minutes"  # a meeting's 会议记录
HARDSHIP = "hardship_register"  # the 困难党员登记表
PRINTOUT = "printout"  # any other preview's 另存为
LEDGER_BOOK = "ledger_book"  # the year's 支部工作台账
ASSESSMENT = "assessment"  # the 自评表 a branch hands upward, and the township's 排名
ASSESSMENT_SOURCES = "assessment_sources"  # the branches' 自评表 picked for 排名
ASSESSMENT_CHECKLIST = "assessment_checklist"  # the 考评细则 exported, edited, loaded
KINDS = (QUARTER_WORKBOOK, ALL_BRANCHES_WORKBOOK, QUARTER_SOURCES, SUMMARY_WORKBOOK,
         ROSTER_EXPORT, IMPORT_SOURCE, SIGNIN_SHEET, CHECKLIST, BACKUP, HANDOVER, DUES_LEDGER,
         DUES_BASES, MINUTES, HARDSHIP, PRINTOUT, LEDGER_BOOK, ASSESSMENT, ASSESSMENT_SOURCES,
         ASSESSMENT_CHECKLIST)

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_MAX_STEM = 120  # Windows paths stop at 260 characters; leave room for the folder


def safe_part(text: str) -> str:
    """One piece of a file name with what Windows forbids replaced by "_", spaces tidied."""
    cleaned = _FORBIDDEN.sub("_", text or "")
    return re.sub(r"\s+", " ", cleaned).strip()


def safe_file_name(stem_parts: list[str], suffix: str) -> str:
    """The parts joined by "_" (empty ones left out) plus `suffix` (".pdf"), safe on Windows."""
    stem = "_".join(p for p in (safe_part(x) for x in stem_parts) if p)
    stem = stem.rstrip(" .")[:_MAX_STEM].rstrip(" .") or "文件"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem + suffix


def _day(d: date) -> str:
    return f"{d:%Y-%m-%d}"


def quarter_workbook(branch: str, year: int, quarter: int) -> str:
    """城关镇第二支部_2026年第3季度.xlsx"""
    return safe_file_name([branch, f"{year}年第{quarter}季度"], ".xlsx")


def all_branches_workbook(year: int, quarter: int) -> str:
    """各支部汇总_2026年第3季度.xlsx: every branch of this database in one workbook."""
    return safe_file_name(["各支部汇总", f"{year}年第{quarter}季度"], ".xlsx")


def summary_workbook(year: int | None, quarter: int | None, today: date) -> str:
    """各支部汇总_2026年第3季度.xlsx when the quarter is known, else dated by today."""
    when = f"{year}年第{quarter}季度" if year and quarter else _day(today)
    return safe_file_name(["各支部汇总", when], ".xlsx")


def roster_export(branch: str, today: date) -> str:
    """花名册_城关镇第二支部_2026-12-01.xlsx"""
    return safe_file_name(["花名册", branch, _day(today)], ".xlsx")


def signin_sheet(branch: str, day: date, kind: str) -> str:
    """签到表_城关镇第二支部_2026-12-05_集中学习日.pdf"""
    return safe_file_name(["签到表", branch, _day(day), kind], ".pdf")


def minutes(branch: str, day: date, kind: str) -> str:
    """会议记录_城关镇第二支部_2026-12-05_支委会.pdf"""
    return safe_file_name(["会议记录", branch, _day(day), kind], ".pdf")


def checklist(today: date) -> str:
    """走访清单_2026-12-01.pdf"""
    return safe_file_name(["走访清单", _day(today)], ".pdf")


def handover(branch: str, today: date) -> str:
    """移交_城关镇第二支部_2026-12-01.zhibu"""
    return safe_file_name(["移交", branch, _day(today)], ".zhibu")


def hardship_register(branch: str, year: int, suffix: str = ".pdf") -> str:
    """困难党员登记表_城关镇第二支部_2026年.pdf (or .xlsx)"""
    return safe_file_name(["困难党员登记表", branch, f"{year}年"], suffix)


def dues_ledger(branch: str, year: int, suffix: str = ".pdf") -> str:
    """党费收缴登记表_城关镇第二支部_2026年.pdf (or .xlsx)"""
    return safe_file_name(["党费收缴登记表", branch, f"{year}年"], suffix)


def dues_notice(branch: str, year: int) -> str:
    """党费收缴情况公示_城关镇第二支部_2026年.pdf"""
    return safe_file_name(["党费收缴情况公示", branch, f"{year}年"], ".pdf")


def appraisal_ballot(branch: str, year: int) -> str:
    """民主评议测评票_城关镇第二支部_2026年度.pdf"""
    return safe_file_name(["民主评议测评票", branch, f"{year}年度"], ".pdf")


def appraisal_tally(branch: str, year: int) -> str:
    """民主评议统计表_城关镇第二支部_2026年度.pdf"""
    return safe_file_name(["民主评议统计表", branch, f"{year}年度"], ".pdf")
def honours_print(branch: str, year: int) -> str:
    """评先评优_城关镇第二支部_2026年.pdf (the 学习先进推荐表 and the year's honours)"""
    return safe_file_name(["评先评优", branch, f"{year}年"], ".pdf")


def ledger_book(branch: str, year: int, suffix: str = ".pdf") -> str:
    """支部工作台账_城关镇第二支部_2026年度.pdf (or .xlsx)"""
    return safe_file_name(["支部工作台账", branch, f"{year}年度"], suffix)


def self_assessment(branch: str, year: int) -> str:
    """支部自评表_城关镇第二支部_2026年度.xlsx"""
    return safe_file_name(["支部自评表", branch, f"{year}年度"], ".xlsx")


def assessment_ranking(year: int, today: date) -> str:
    """支部自评排名_2026年度_20261201.xlsx"""
    return safe_file_name(["支部自评排名", f"{year}年度", _day(today)], ".xlsx")


def assessment_checklist(today: date) -> str:
    """考评细则_20261201.xlsx"""
    return safe_file_name(["考评细则", _day(today)], ".xlsx")


def with_suffix(path: str, suffix: str) -> str:
    """`path` ending in `suffix` (".xlsx"): added when the person typed the name without it."""
    if not suffix or PurePath(path).suffix.lower() == suffix.lower():
        return path
    return path + suffix
