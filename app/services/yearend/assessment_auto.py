"""What the data can judge in the self-assessment: each auto key of app.assessment_checklist.JUDGES
measured for a branch's year, with the evidence sentence the form prints ("主题党日 12/12").

Every measure reads the use case the rest of the program shows, so a figure here is the figure
on its own page: the frequency check (app.services.orglife.frequency) for meetings, the appraisal
(orglife.appraisal), the talks' coverage (orglife.coverage), the quarterly figures run over the
whole year (app.services.quarter_figures: 出勤率 and the homebound visits, the definitions of the
quarterly 汇总), the dues year (dues.ledger), the meetings' minutes (orglife.meetings) and the
honours of the year (yearend.honour_figures).

The value is in the unit JUDGES names; the item's thresholds turn it into points
(app.assessment_checklist.auto_score: at or above 满分标准 full points, at or above 得一半分标准
half, else none). Where the data cannot judge — no dues kept in the program, no meeting held to
have minutes of, a kind of meeting the branch does not hold — the measure says so (`hand`) and
the item falls to the secretary, as if it were a 书记评分 item. Where there is simply nobody to
count (no homebound member) nothing is missing: the value is full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.services.dues.ledger import dues_year, keeps_dues
from app.services.orglife.appraisal import appraisal_of
from app.services.orglife.coverage import talks_coverage
from app.services.orglife.frequency import meeting_dates, periods
from app.services.orglife.kinds import meeting_settings
from app.services.orglife.meetings import year_meetings
from app.services.quarter_figures import quarter_figures
from app.services.yearend.honour_figures import honours_of_year
from app.vocab import LIFE_MEETING_KIND, MEETING_FREQUENCIES, STUDY_DAY_KIND


@dataclass(frozen=True)
class Measure:
    value: float | None  # in the judge's unit; None: the data cannot judge (see `hand`)
    evidence: str
    hand: bool = False  # the secretary scores the item instead


def percent(fraction: float) -> str:
    """0.713 → "71.3 %", 0.96 → "96 %"."""
    text = f"{fraction * 100:.1f}".removesuffix(".0")
    return f"{text} %"


class YearData:
    """One branch's year as of a day, each source read once however many items use it."""

    def __init__(self, session: Session, branch_id: int, year: int, as_of: date):
        self.session, self.branch_id, self.year, self.as_of = session, branch_id, year, as_of
        self._cache: dict[str, object] = {}

    def _once(self, key: str, make: Callable[[], object]):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def meetings(self) -> dict[str, list[tuple[date, str]]]:
        return self._once("meetings", lambda: meeting_dates(
            self.session, self.branch_id, self.year,
            meeting_settings(self.session, self.branch_id)))

    def figures(self):
        return self._once("figures", lambda: quarter_figures(
            self.session, self.branch_id, date(self.year, 1, 1), self.as_of))


def _kind_count(kind: str, shown: str) -> Callable[[YearData], Measure]:
    """Periods of the year (months or quarters) with a meeting of `kind` held by as_of."""

    def measure(data: YearData) -> Measure:
        settings = meeting_settings(data.session, data.branch_id)
        if not settings.holds(kind):
            return Measure(None, f"支部设置为不开展{kind}，请书记评分", hand=True)
        held = [(d, k) for d, k in data.meetings()[kind] if d <= data.as_of]
        spans = periods(data.year, MEETING_FREQUENCIES[kind])
        covered = sum(any(p.holds(d) for d, _k in held) for p in spans)
        borrowed = sum(k == STUDY_DAY_KIND for _d, k in held)
        note = f"（其中集中学习日 {borrowed} 次）" if borrowed else ""
        return Measure(covered, f"{shown} {covered}/{len(spans)}{note}")

    return measure


def _life_meeting(data: YearData) -> Measure:
    held = [d for d, k in data.meetings()[LIFE_MEETING_KIND] if d <= data.as_of]
    if held:
        return Measure(1, f"组织生活会 已召开（{held[-1]:%Y-%m-%d}）")
    return Measure(0, "组织生活会 未召开")


def _appraisal(data: YearData) -> Measure:
    info = appraisal_of(data.session, data.branch_id, data.year)
    if info is None:
        return Measure(0, "民主评议 未开展")
    if info.done:
        return Measure(1, f"民主评议 已完成（{info.held_on:%Y-%m-%d}）")
    return Measure(0.5, f"民主评议 已开始，还有 {len(info.ungraded)} 人未评定等次")


def _talks(data: YearData) -> Measure:
    c = talks_coverage(data.session, data.branch_id, data.year, data.as_of)
    if not c.members:
        return Measure(None, "没有党员可谈心谈话，请书记评分", hand=True)
    share = c.covered / c.members
    return Measure(share * 100, f"谈心谈话覆盖 {percent(share)}（{c.covered}/{c.members}人）")


def _attendance(data: YearData) -> Measure:
    f = data.figures()
    rate, expected = f["出勤率"], f["应参学人次"]
    if rate is None:
        return Measure(0, "全年出勤率 —（没有应参学人次）")
    return Measure(rate * 100, f"全年出勤率 {percent(rate)}（出席 {f['出席人次']}/应参学 {expected}人次）")


def _homebound(data: YearData) -> Measure:
    f = data.figures()
    total, seen = f["行动不便人数"], f["走访行动不便党员人数"]
    if not total:
        return Measure(100, "没有行动不便党员，不扣分")
    share = seen / total
    return Measure(share * 100, f"行动不便党员走访覆盖 {percent(share)}（{seen}/{total}人）")


def _dues(data: YearData) -> Measure:
    if not keeps_dues(data.session, data.branch_id):
        return Measure(None, "程序里没有党费记录，请书记评分", hand=True)
    table = dues_year(data.session, data.branch_id, data.year, data.as_of)
    owing = [r for r in table.rows if any(c.owes and c.due for c in r.months)]
    if not owing:
        return Measure(None, "本年没有应交党费的党员，请书记评分", hand=True)
    on_time = sum(r.months_behind == 0 for r in owing)
    share = on_time / len(owing)
    return Measure(share * 100, f"党费按时交纳率 {percent(share)}（{on_time}/{len(owing)}人）")


def _minutes(data: YearData) -> Measure:
    rows = [r for r in year_meetings(data.session, data.branch_id, data.year, meetings_only=True)
            if not r.event.cancelled and r.event.date <= data.as_of]
    if not rows:
        return Measure(None, "本年还没有召开会议，请书记评分", hand=True)
    missing = [r for r in rows if not r.written]
    share = (len(rows) - len(missing)) / len(rows)
    if not missing:
        return Measure(100, f"台账齐全（{len(rows)} 次会议都有记录）")
    shown = "、".join(f"{r.event.date:%m月%d日}{r.event.kind}" for r in missing[:3])
    more = f"等 {len(missing)} 次" if len(missing) > 3 else ""
    return Measure(share * 100, f"会议记录 {len(rows) - len(missing)}/{len(rows)}，缺{shown}{more}")


def _honours(data: YearData) -> Measure:
    rows = honours_of_year(data.session, data.branch_id, data.year)
    if not rows:
        return Measure(0, "本年没有登记荣誉")
    shown = "、".join(f"{h.name}（{h.level_text}）" for h in rows[:3])
    return Measure(len(rows), f"荣誉 {len(rows)} 项：{shown}{'等' if len(rows) > 3 else ''}")


MEASURES: dict[str, Callable[[YearData], Measure]] = {
    "主题党日次数": _kind_count("主题党日", "主题党日"),
    "党员大会次数": _kind_count("支部党员大会", "党员大会"),
    "党课次数": _kind_count("党课", "党课"),
    "支委会次数": _kind_count("支委会", "支委会"),
    "组织生活会": _life_meeting,
    "民主评议": _appraisal,
    "谈心谈话覆盖率": _talks,
    "全年出勤率": _attendance,
    "行动不便党员走访覆盖率": _homebound,
    "党费按时交纳率": _dues,
    "台账齐全": _minutes,
    "荣誉": _honours,
}
