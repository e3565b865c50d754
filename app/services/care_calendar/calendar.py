"""The care calendar of a month or a year, all at once: what the 关怀日历 tab shows, what
`zhibu care-calendar` prints, and the few figures 首页 takes from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.festivals import VISITING_FESTIVALS
from app.services.care_calendar.anniversaries import (
    FiftyYears, MarkedBirthday, PartyBirthday, fifty_year_list, marked_birthdays,
    political_birthdays,
)
from app.services.care_calendar.festival_lists import FestivalList, festival_list
from app.services.care_calendar.hardship import HardshipRow, hardship_rows
from app.services.reminders import FestivalRound, festival_rounds

NEAR_DAYS = 15  # 首页 shows a festival's list from this many days before its window opens


@dataclass
class CareCalendar:
    year: int
    month: int | None  # None: the whole year
    party_birthdays: list[PartyBirthday]
    birthdays: list[MarkedBirthday]
    fifty_this_year: list[FiftyYears]
    fifty_already: list[FiftyYears]
    festivals: list[FestivalList] = field(default_factory=list)
    hardship: list[HardshipRow] = field(default_factory=list)


def care_calendar(session: Session, branch_id: int, year: int, month: int | None = None,
                  today: date | None = None) -> CareCalendar:
    """政治生日 and marked birthdays of the month (or year), the year's 50-year list, the
    year's festival lists and 困难党员 register."""
    today = today or date.today()
    this_year, already = fifty_year_list(session, branch_id, year, today)
    lists = [fl for name in VISITING_FESTIVALS
             if (fl := festival_list(session, branch_id, name, year)) is not None]
    return CareCalendar(year, month, political_birthdays(session, branch_id, year, month),
                        marked_birthdays(session, branch_id, year, month), this_year, already,
                        lists, hardship_rows(session, branch_id, year, today))


@dataclass(frozen=True)
class MonthGlance:
    """首页's line of the care calendar."""

    party_birthdays: int
    marked_birthdays: int
    festival: FestivalRound | None  # a festival whose visits are near or under way


def month_glance(session: Session, branch_id: int, today: date) -> MonthGlance:
    near = [r for r in festival_rounds(session, branch_id, today)
            if r.start - timedelta(days=NEAR_DAYS) <= today <= r.end]
    return MonthGlance(len(political_birthdays(session, branch_id, today.year, today.month)),
                       len(marked_birthdays(session, branch_id, today.year, today.month)),
                       near[0] if near else None)


def _day(d: date | None) -> str | None:
    return f"{d:%Y-%m-%d}" if d else None


def calendar_json(cal: CareCalendar) -> dict:
    """The calendar as plain JSON values (`zhibu care-calendar --json`)."""
    return {
        "year": cal.year, "month": cal.month,
        "party_birthdays": [
            {"member_id": p.member_id, "name": p.name, "month": p.month, "day": _day(p.day),
             "joined": _day(p.joined), "joined_month_only": p.month_only, "years": p.years}
            for p in cal.party_birthdays],
        "birthdays": [
            {"member_id": b.member_id, "name": b.name, "birthday": _day(b.birthday),
             "month_only": b.month_only, "age": b.age, "word": b.word} for b in cal.birthdays],
        "fifty_years": {key: [
            {"member_id": f.member_id, "name": f.name, "joined": _day(f.joined),
             "joined_month_only": f.month_only, "reached": _day(f.reached),
             "to_check": f.to_check, "status": f.status} for f in rows]
            for key, rows in (("this_year", cal.fifty_this_year),
                              ("already", cal.fifty_already))},
        "festivals": [
            {"festival": fl.window.name, "day": _day(fl.window.day),
             "window": [_day(fl.window.start), _day(fl.window.end)], "members": fl.members,
             "visited": fl.visited, "not_visited": fl.missing,
             "rows": [{"member_id": r.member_id, "name": r.name, "why": list(r.reasons),
                       "visited_on": _day(r.visited_on), "visitor": r.visitor}
                      for r in fl.rows]} for fl in cal.festivals],
        "hardship": [
            {"record_id": h.record_id, "member_id": h.member_id, "name": h.name,
             "situation": h.situation, "measures": h.measures, "posted_on": _day(h.posted_on)}
            for h in cal.hardship],
    }
