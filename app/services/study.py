"""学习活动与考勤: the one entry point the window, the CLI, the demo and the bench call.

The work lives in four modules — events (`study_events`), their list (`event_list`), one
event's attendance (`attendance`) and figures over time (`study_figures`) — and every public
name is here.
"""

from app.holidays import is_holiday
from app.services.attendance import (
    AttendanceRow, EventCounts, MemberRecord, SigninSheet, attendance_rows, counts_of_rows,
    event_counts, mark_all_present, member_attendance, print_signin, record_attendance,
    set_reason, signin_sheet,
)
from app.services.event_list import (
    EventRow, count_marks, event_list, event_row, event_years, list_events,
)
from app.services.study_events import (
    DuplicateEvent, EventInput, YearResult, cancel_event, copy_event, create_event,
    create_year_study_days, event_input, next_copy, next_study_day, restore_event,
    same_kind_same_day, study_day_of, update_event, validate, working_day_from, year_study_days,
)
from app.services.study_figures import (
    MemberFigures, MissingRow, last_recorded_events, member_figures, members_missing_last,
    missing_reason, put_on_visit_list,
)

__all__ = [
    "AttendanceRow", "DuplicateEvent", "EventCounts", "EventInput", "EventRow", "MemberFigures",
    "MemberRecord", "MissingRow", "SigninSheet", "YearResult", "attendance_rows", "cancel_event",
    "copy_event", "count_marks", "counts_of_rows", "create_event", "create_year_study_days",
    "event_counts", "event_input", "event_list", "event_row", "event_years", "is_holiday",
    "last_recorded_events", "list_events", "mark_all_present", "member_attendance",
    "member_figures", "members_missing_last", "missing_reason", "next_copy", "next_study_day",
    "print_signin", "put_on_visit_list", "record_attendance", "restore_event",
    "same_kind_same_day", "set_reason", "signin_sheet", "study_day_of", "update_event", "validate",
    "working_day_from", "year_study_days",
]
