"""Proposed file names say what and whose, and are safe as Windows file names."""

from datetime import date

from app import file_names as fn


def test_quarterly_workbook_is_named_after_the_branch_and_quarter():
    assert fn.quarter_workbook("城关镇第二支部", 2026, 3) == "城关镇第二支部_2026年第3季度.xlsx"


def test_sign_in_sheet_says_branch_day_and_kind():
    assert (fn.signin_sheet("城关镇第二支部", date(2026, 12, 5), "集中学习日")
            == "签到表_城关镇第二支部_2026-12-05_集中学习日.pdf")


def test_roster_checklist_handover_and_summary_names():
    day = date(2026, 12, 1)
    assert fn.roster_export("城关镇第二支部", day) == "花名册_城关镇第二支部_2026-12-01.xlsx"
    assert fn.checklist(day) == "走访清单_2026-12-01.pdf"
    assert fn.handover("城关镇第二支部", day) == "移交_城关镇第二支部_2026-12-01.zhibu"
    assert fn.all_branches_workbook(2026, 4) == "各支部汇总_2026年第4季度.xlsx"
    assert fn.summary_workbook(None, None, day) == "各支部汇总_2026-12-01.xlsx"


def test_characters_windows_forbids_are_replaced():
    name = fn.quarter_workbook('城关镇/第二:支部*"老干部"?<>|\\', 2026, 3)
    assert not set('<>:"/\\|?*') & set(name)
    assert name == "城关镇_第二_支部__老干部_______2026年第3季度.xlsx"


def test_an_empty_branch_is_left_out_not_an_empty_part():
    assert fn.roster_export("", date(2026, 1, 2)) == "花名册_2026-01-02.xlsx"
    assert fn.roster_export("   ", date(2026, 1, 2)) == "花名册_2026-01-02.xlsx"


def test_reserved_names_trailing_dots_and_length():
    assert fn.safe_file_name(["CON"], ".pdf") == "_CON.pdf"
    assert fn.safe_file_name(["支部..."], ".pdf") == "支部.pdf"
    assert fn.safe_file_name(["", " "], ".pdf") == "文件.pdf"
    long = fn.safe_file_name(["长" * 300], ".xlsx")
    assert len(long) == 120 + len(".xlsx")


def test_with_suffix_adds_the_ending_only_when_missing():
    assert fn.with_suffix("/a/签到表", ".pdf") == "/a/签到表.pdf"
    assert fn.with_suffix("/a/签到表.PDF", ".pdf") == "/a/签到表.PDF"
    assert fn.with_suffix("/a/v1.2 表", ".xlsx") == "/a/v1.2 表.xlsx"


def test_every_kind_is_distinct():
    assert len(set(fn.KINDS)) == len(fn.KINDS)
