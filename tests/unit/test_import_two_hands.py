"""A big roster is cleaned half in the reader child, half in the program (app.importing.
two_hands): the halves must give exactly what one pass gives — the same members in the same
order, the same skipped rows and the same notes with the sheet's own row numbers."""

from __future__ import annotations

from app.importing import read_roster, two_hands
from tests.unit.import_files import fix_check, person, write_xlsx


def _roster(path, rows=600):
    people = []
    for i in range(1, rows + 1):
        body = f"410102{1930 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        row = person(i, f"党员{i}", idn=fix_check(body[:17]))
        if i % 97 == 0:
            row[1] = ""  # no name: skipped, in both halves
        if i % 61 == 0:
            row[3] = "1938"  # a year alone: a note
        if i % 89 == 0:
            row[9] = "12345"  # an odd phone: a note
        people.append(row)
    return write_xlsx(path, people)


def test_the_two_halves_give_what_one_pass_gives(tmp_path, monkeypatch):
    path = _roster(tmp_path / "花名册.xlsx")
    monkeypatch.setattr(two_hands, "SPLIT_FROM", 10**9)  # one pass
    whole_report, whole = read_roster(path)
    monkeypatch.setattr(two_hands, "SPLIT_FROM", 100)  # 600 rows: split in two
    split_report, split = read_roster(path)

    assert [r.row for r in split] == [r.row for r in whole]
    assert [r.values for r in split] == [r.values for r in whole]
    assert len(whole) == 600 - 600 // 97  # six rows without a name
    assert split_report.rows_read == whole_report.rows_read == 600
    assert [(s.row, s.reason) for s in split_report.skipped] == \
        [(s.row, s.reason) for s in whole_report.skipped]
    assert sorted((w.row, w.reason) for w in split_report.warnings) == \
        sorted((w.row, w.reason) for w in whole_report.warnings)
    # notes from both halves: a year alone in rows 61, 122 … 549 (ten of them)
    year_only = [w.row for w in split_report.warnings if "只有年份" in w.reason]
    assert len(year_only) == 600 // 61
    assert max(year_only) > 300 + 2 and min(year_only) < 300  # rows from each half


def test_a_small_sheet_is_not_split(tmp_path):
    path = _roster(tmp_path / "小.xlsx", rows=40)
    from app.importing.cage import Cage
    from app.importing.guard import check_file
    from app.importing.readers import load_head

    with Cage() as cage:
        head = load_head(check_file(path), None, cage)
    assert head.split == head.total == 40 + 2  # title row, header row and 40 members
