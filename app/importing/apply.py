"""Matching the file's people with the members already there: what to add, what to change.

A member is matched by ID number, else by name + birth date (year and month when either side
knows only the month), else — for a row with neither — by a name that only one member has.
A match is updated in the fields the file gives and that differ; blanks in the file never erase
what is stored. Nothing is written here: app.services.importing writes the result with two bulk
statements inside the caller's transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.dates import fmt
from app.importing.records import Record
from app.importing.report import Change, ImportReport, Skipped
from app.member_fields import IMPORTED
from app.models import Branch, Member

COMPARED = tuple(f.attr for f in IMPORTED)  # what a file may set, compared with what is stored
# what the report lists as changed: the fields themselves, not a date's month precision
_SHOWN = {f.attr: f.label for f in IMPORTED if f.kind != "flag"}
_DEFAULTS = {f.attr: f.default for f in IMPORTED}  # a column the file did not give, new member
MONTH_FLAG = {f.attr: f.month_flag for f in IMPORTED if f.month_flag}  # date → its precision
_FLAGS = set(MONTH_FLAG.values())


def _shown(value) -> str:
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return fmt(value)
    return str(value) or "空"


def _elsewhere(session: Session, branch_id: int, wanted: list[str]) -> dict[str, tuple[str, str]]:
    """ID number → (name, branch) of the numbers in `wanted` that other branches hold."""
    found: dict[str, tuple[str, str]] = {}
    stmt = (select(Member.id_number, Member.name, Branch.name.label("branch"))
            .join(Branch, Branch.id == Member.branch_id))
    if len(wanted) > 1000:  # a county's file: reading every number is quicker than asking
        wanted_set = set(wanted)
        for number, name, branch in session.execute(
                stmt.where(Member.branch_id != branch_id, Member.id_number.is_not(None))):
            if number in wanted_set:
                found[number] = (name, branch)
        return found
    stmt = stmt.where(Member.id_number.in_(bindparam("numbers", expanding=True)))
    for start in range(0, len(wanted), 500):
        for number, name, branch in session.execute(stmt, {"numbers": wanted[start:start + 500]}):
            found[number] = (name, branch)
    return found


@dataclass(frozen=True)
class Basis:
    """All that matching reads from the database: the branch's members (the compared fields),
    the file's ID numbers other branches hold, and the last 序号. Matching the same records
    over an equal basis gives the same result, so 确认导入 can take the preview's."""

    rows: dict[int, dict]
    elsewhere: dict[str, tuple[str, str]]
    last: int


def read_basis(session: Session, branch_id: int, records: list[Record]) -> Basis:
    cols = [Member.id, Member.branch_id, *(getattr(Member, k) for k in COMPARED)]
    rows = {r.id: dict(r._mapping)
            for r in session.execute(select(*cols).where(Member.branch_id == branch_id))}
    here = {r["id_number"] for r in rows.values() if r["id_number"]}
    wanted = [n for r in records if (n := r.values.get("id_number")) and n not in here]
    last = session.scalar(select(Member.sort_order).where(Member.branch_id == branch_id)
                          .order_by(Member.sort_order.desc()).limit(1)) or 0
    return Basis(rows, _elsewhere(session, branch_id, wanted), last)


class _Existing:
    """The branch's members as plain rows, indexed the ways a row can be matched."""

    def __init__(self, basis: Basis):
        self.rows = {i: dict(r) for i, r in basis.rows.items()}  # matching updates its copy
        self.by_id_number = {r["id_number"]: i for i, r in self.rows.items() if r["id_number"]}
        self.elsewhere = basis.elsewhere
        self.by_name_month: dict[tuple, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for i, r in self.rows.items():
            self.by_name[r["name"]].append(i)
            if r["birth_date"]:
                b = r["birth_date"]
                self.by_name_month[(r["name"], b.year, b.month)].append(i)
        self.empty = not self.rows and not self.elsewhere  # a first import: nobody to match

    def by_name_birth(self, name: str, birth: date, month_only: bool) -> list[int]:
        found = []
        for i in self.by_name_month.get((name, birth.year, birth.month), []):
            r = self.rows[i]
            if month_only or r["birth_month_only"] or r["birth_date"] == birth:
                found.append(i)
        return found


def _match(rec: Record, ex: _Existing) -> tuple[int | None, Skipped | None]:
    v = rec.values
    number = v.get("id_number")
    if number:
        if number in ex.by_id_number:
            mid = ex.by_id_number[number]
            if ex.rows[mid]["name"] != v["name"]:
                return None, Skipped(rec.row, "身份证号已登记在另一人名下",
                                     f"{number} 登记的是“{ex.rows[mid]['name']}”，"
                                     f"本行姓名是“{v['name']}”，请核对")
            return mid, None
        if number in ex.elsewhere:
            name, branch = ex.elsewhere[number]
            return None, Skipped(rec.row, "此人已在其他支部的花名册上",
                                 f"身份证号 {number}（{name}）登记在“{branch}”")
    if v.get("birth_date"):
        found = ex.by_name_birth(v["name"], v["birth_date"], v.get("birth_month_only", False))
    elif not number:
        found = ex.by_name.get(v["name"], [])
    else:
        found = []
    if number:  # a same-named member with another ID number is another person
        found = [i for i in found if ex.rows[i]["id_number"] in (None, number)]
    if len(found) > 1:
        return None, Skipped(rec.row, "花名册里有几位同名的党员，无法确定是哪一位",
                             f"“{v['name']}”有 {len(found)} 位；请在表格中补上身份证号或出生日期")
    return (found[0] if found else None), None


def _diff(rec: Record, current: dict) -> dict[str, Any]:
    changes = {}
    for key, new in rec.values.items():
        if key in _FLAGS:
            continue
        old = current.get(key)
        if key in MONTH_FLAG:  # 出生年月, 入党时间: a date with its month precision
            flag = MONTH_FLAG[key]
            new_month_only = rec.values.get(flag, False)
            if new_month_only and old and (old.year, old.month) == (new.year, new.month):
                continue  # the stored day is more precise than the file's month
            if new == old and new_month_only == current[flag]:
                continue
            changes[flag] = new_month_only
        elif new == old:
            continue
        changes[key] = new
    return changes


class _SeenRows:
    """The rows already read from the file, to find a second row for the same person: the
    same ID, or the same name and birth date (a month matches any day of it) unless both rows
    carry different valid IDs — then they are two people."""

    def __init__(self):
        self.by_id: dict[str, int] = {}
        self.by_birth: dict[tuple, list[tuple[int, int | None, str | None]]] = defaultdict(list)
        self.by_name: dict[str, int] = {}

    def first_of(self, v: dict) -> int | None:
        number = v.get("id_number")
        if number and number in self.by_id:
            return self.by_id[number]
        birth = v.get("birth_date")
        if birth:
            day = None if v.get("birth_month_only") else birth.day
            same_month = self.by_birth.get((v["name"], birth.year, birth.month), [])
            for row, other_day, other_id in same_month:
                if (day is None or other_day is None or day == other_day) and not (
                        number and other_id and number != other_id):
                    return row
        elif not number:
            return self.by_name.get(v["name"])
        return None

    def add(self, row: int, v: dict) -> None:
        number, birth = v.get("id_number"), v.get("birth_date")
        if number:
            self.by_id.setdefault(number, row)
        if birth:
            day = None if v.get("birth_month_only") else birth.day
            self.by_birth[(v["name"], birth.year, birth.month)].append((row, day, number))
        elif not number:
            self.by_name.setdefault(v["name"], row)


@dataclass
class Writes:
    """What an import would write: new members' rows (the same keys in each, without id and
    search key) and the changed fields of members matched (with their id)."""

    inserts: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    basis: Basis | None = None  # what the matching read

    def __bool__(self) -> bool:
        return bool(self.inserts or self.updates)

    def stamped(self, now: datetime) -> Writes:
        """The same writes made at `now` (the preview's, written at 确认导入)."""
        return Writes([{**r, "created_at": now, "updated_at": now} for r in self.inserts],
                      [{**u, "updated_at": now} for u in self.updates], self.basis)


def match_records(session: Session, branch_id: int, records: list[Record], report: ImportReport,
                  progress: Callable[[int, int, str], None], basis: Basis | None = None
                  ) -> Writes:
    """Match each record with the branch's members as they are now (`basis`, read when not
    given) and fill `report` (added, updated, unchanged, skipped, changes); nothing is
    written. app.services.importing writes the result."""
    basis = basis or read_basis(session, branch_id, records)
    ex = _Existing(basis)
    seen = _SeenRows()
    first_names: dict[int, str] = {}
    inserts: list[dict] = []
    updates: list[dict] = []
    now = datetime.now()
    last = basis.last
    for n, rec in enumerate(records):
        if n % 2000 == 0:
            progress(n, len(records), "正在核对")
        v = rec.values
        first = seen.first_of(v)
        if first is not None:
            if first_names.get(first, v["name"]) != v["name"]:
                report.skipped.append(Skipped(
                    rec.row, "身份证号与前面一行相同，但姓名不同",
                    f"第 {first} 行是“{first_names[first]}”，本行是“{v['name']}”，请核对身份证号"))
            else:
                report.skipped.append(Skipped(rec.row, "与前面一行是同一个人，已跳过",
                                              f"与第 {first} 行重复（{v['name']}）"))
            continue
        first_names[rec.row] = v["name"]
        seen.add(rec.row, v)
        member_id, skipped = (None, None) if ex.empty else _match(rec, ex)
        if skipped:
            report.skipped.append(skipped)
            continue
        if member_id is None:
            last += 1
            row = {**rec.insert_only, **v, "branch_id": branch_id, "sort_order": last,
                   "created_at": now, "updated_at": now}
            inserts.append(row)
            report.added += 1
            report.changes.append(Change(rec.row, v["name"], "新增"))
            continue
        current = ex.rows[member_id]
        changes = _diff(rec, current)
        if not changes:
            report.unchanged += 1
            continue
        report.updated += 1
        shown = [f"{_SHOWN[k]}：{_shown(current.get(k))} → {_shown(val)}"
                 for k, val in changes.items() if k in _SHOWN]
        report.changes.append(Change(rec.row, v["name"], "更新", shown))
        updates.append({"id": member_id, **changes, "updated_at": now})
        current.update(changes)  # a later duplicate row compares with what this one set
    if inserts:  # every new row with every key: one INSERT statement for all of them
        keys = set().union(*(r.keys() for r in inserts))
        for r in inserts:
            if len(r) < len(keys):
                r.update({k: _DEFAULTS.get(k) for k in keys - r.keys()})
    return Writes(inserts, updates, basis)
