"""Honours (荣誉) of members and of the branch itself, the branch's 学习先进 of the year, and the
one member it recommends to the city's 十佳学习型老干部 (spec/year-end.md, 评先评优).

An honour is held by a member (member_id) or by the branch (member_id None: 五好支部, 示范点 …).
A 学习先进 is an honour like any other — name 学习先进, level 支部, conferred by the branch — so
the ledger book's part 5 lists it with the rest. The recommendation is not an honour: it is the
branch's proposal, at most one a year and always one of that year's 学习先进; when the city
elects the member (当选) the city's title is added to the member's honours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Branch, CityRecommendation, Honour, Member
from app.services.yearend import honour_checks as chk
from app.vocab import CITY_TOP_TEN, HONOUR_LEVELS, RECOMMENDATION_OUTCOMES, STUDY_MODEL


@dataclass(frozen=True)
class HonourInfo:
    id: int
    member_id: int | None  # None: the branch's own honour
    holder: str  # the member's name, or the branch's
    name: str
    level: str
    year: int
    conferred_by: str
    conferred_on: date | None
    note: str

    @property
    def for_branch(self) -> bool:
        return self.member_id is None

    @property
    def level_text(self) -> str:
        return chk.level_text(self.level)

    def to_json(self) -> dict:
        return {"id": self.id, "member_id": self.member_id, "holder": self.holder,
                "for_branch": self.for_branch, "name": self.name, "level": self.level,
                "year": self.year, "conferred_by": self.conferred_by,
                "date": f"{self.conferred_on:%Y-%m-%d}" if self.conferred_on else None,
                "note": self.note}


@dataclass(frozen=True)
class RecommendationInfo:
    year: int
    member_id: int
    name: str
    recommended_on: date | None
    deeds: str
    outcome: str

    def to_json(self) -> dict:
        return {"year": self.year, "member_id": self.member_id, "name": self.name,
                "date": f"{self.recommended_on:%Y-%m-%d}" if self.recommended_on else None,
                "deeds": self.deeds, "outcome": self.outcome}


def _level_rank():
    """国家 first, 支部 last (an honour list reads from the highest level down)."""
    return case({lvl: -i for i, lvl in enumerate(HONOUR_LEVELS)}, value=Honour.level, else_=1)


def honour_rows(session: Session, *where) -> list[HonourInfo]:
    """Honours matching `where`: the branch's own first, then members' in roster order; each
    from the highest level down."""
    stmt = (select(Honour, Member.name, Branch.name.label("branch"))
            .join(Branch, Branch.id == Honour.branch_id)
            .outerjoin(Member, Member.id == Honour.member_id).where(*where)
            .order_by(Honour.year.desc(), Honour.member_id.is_not(None), _level_rank(),
                      Member.sort_order, Member.id, Honour.conferred_on, Honour.id))
    return [HonourInfo(h.id, h.member_id, name if h.member_id is not None else branch, h.name,
                       h.level, h.year, h.conferred_by, h.conferred_on, h.note)
            for h, name, branch in session.execute(stmt)]


def honour(session: Session, honour_id: int) -> HonourInfo:
    found = honour_rows(session, Honour.id == honour_id)
    if not found:
        raise InputError(f"荣誉记录 {honour_id} 不存在")
    return found[0]


def _checked(session: Session, branch_id: int, year, name: str, level: str,
             member_id: int | None, conferred_on: date | None, today: date) -> tuple:
    year = chk.check_year(year, today)
    name = chk.clean(name, 50)
    if not name:
        raise InputError("请填写荣誉名称（如 优秀共产党员、五好支部）")
    if level not in HONOUR_LEVELS:
        raise InputError(f"级别“{level}”应为：{'、'.join(HONOUR_LEVELS)}")
    if member_id is not None:
        chk.roster_member(session, branch_id, member_id, year)
    if conferred_on is not None and conferred_on > today:
        raise InputError(f"授予日期 {conferred_on:%Y-%m-%d} 在今天之后")
    chk.day_in(conferred_on, date(year, 1, 1), date(year + 1, 12, 31),
               f"{year}年度荣誉的授予日期")  # a year's honours are often conferred early next year
    return year, name


def _no_twin(session: Session, branch_id: int, year: int, name: str, level: str,
             member_id: int | None, other_than: int | None = None) -> None:
    twin = session.scalar(select(Honour.id).where(
        Honour.branch_id == branch_id, Honour.year == year, Honour.name == name,
        Honour.level == level, Honour.member_id.is_(None) if member_id is None
        else Honour.member_id == member_id, Honour.id != (other_than or 0)))
    if twin is not None:
        who = "本支部" if member_id is None else session.get_one(Member, member_id).name
        raise InputError(f"{who}{year}年的{chk.level_text(level)}“{name}”已经登记过了"
                         f"（荣誉记录 {twin}），没有重复登记")


def add_honour(session: Session, branch_id: int, year, name: str, level: str,
               member_id: int | None = None, conferred_by: str = "",
               conferred_on: date | None = None, note: str = "",
               today: date | None = None) -> HonourInfo:
    """Record an honour of `year` for a member (or, with member_id None, for the branch)."""
    today = today or date.today()
    year, name = _checked(session, branch_id, year, name, level, member_id, conferred_on, today)
    _no_twin(session, branch_id, year, name, level, member_id)
    row = Honour(branch_id=branch_id, member_id=member_id, name=name, level=level, year=year,
                 conferred_by=chk.clean(conferred_by, 100), conferred_on=conferred_on,
                 note=chk.clean(note, 1000, lines=True), recorded_by=chk.user(session))
    session.add(row)
    session.flush()
    return honour(session, row.id)


def _backs_recommendation(session: Session, row: Honour) -> bool:
    return row.name == STUDY_MODEL and row.member_id is not None and session.scalar(
        select(CityRecommendation.id).where(CityRecommendation.branch_id == row.branch_id,
                                            CityRecommendation.year == row.year,
                                            CityRecommendation.member_id == row.member_id)
    ) is not None


def update_honour(session: Session, honour_id: int, year, name: str, level: str,
                  member_id: int | None, conferred_by: str = "",
                  conferred_on: date | None = None, note: str = "",
                  today: date | None = None) -> HonourInfo:
    """Correct an honour. A 学习先进 the branch has recommended to the city keeps its holder,
    name and year until the recommendation is withdrawn."""
    today = today or date.today()
    row = session.get(Honour, honour_id)
    if row is None:
        raise InputError(f"荣誉记录 {honour_id} 不存在")
    year, name = _checked(session, row.branch_id, year, name, level, member_id, conferred_on,
                          today)
    if _backs_recommendation(session, row) and (
            name != row.name or year != row.year or member_id != row.member_id):
        raise InputError(_RECOMMENDED.format(who=honour(session, honour_id).holder, year=row.year))
    _no_twin(session, row.branch_id, year, name, level, member_id, other_than=honour_id)
    row.year, row.name, row.level, row.member_id = year, name, level, member_id
    row.conferred_by, row.conferred_on = chk.clean(conferred_by, 100), conferred_on
    row.note = chk.clean(note, 1000, lines=True)
    session.flush()
    return honour(session, honour_id)


_RECOMMENDED = ("{who}已被推荐参评{year}年市“十佳学习型老干部”，要改动或删除这条学习先进，"
                "请先撤回推荐")


def remove_honour(session: Session, honour_id: int) -> HonourInfo:
    """Delete an honour recorded by mistake (not a 学习先进 still recommended to the city)."""
    info = honour(session, honour_id)
    row = session.get_one(Honour, honour_id)
    if _backs_recommendation(session, row):
        raise InputError(_RECOMMENDED.format(who=info.holder, year=info.year))
    session.delete(row)
    session.flush()
    return info


# 学习先进 -------------------------------------------------------------------------------------
def add_study_model(session: Session, branch_id: int, year, member_id: int, note: str = "",
                    on: date | None = None, today: date | None = None) -> HonourInfo:
    """Select a member as one of the branch's 学习先进 of `year` (note: 主要事迹)."""
    branch = session.get_one(Branch, branch_id)
    return add_honour(session, branch_id, year, STUDY_MODEL, "支部", member_id, branch.name, on,
                      note, today)


def study_models(session: Session, branch_id: int, year: int) -> list[HonourInfo]:
    """The year's 学习先进 (of any level), in roster order."""
    return honour_rows(session, Honour.branch_id == branch_id, Honour.year == year,
                       Honour.name == STUDY_MODEL, Honour.member_id.is_not(None))


# the city's 十佳学习型老干部 ------------------------------------------------------------------
def recommendation_of(session: Session, branch_id: int, year: int) -> RecommendationInfo | None:
    row = session.execute(
        select(CityRecommendation, Member.name).join(Member)
        .where(CityRecommendation.branch_id == branch_id, CityRecommendation.year == year)).first()
    if row is None:
        return None
    r, name = row
    return RecommendationInfo(r.year, r.member_id, name, r.recommended_on, r.deeds, r.outcome)


def recommend(session: Session, branch_id: int, year, member_id: int, deeds: str = "",
              on: date | None = None, today: date | None = None) -> RecommendationInfo:
    """Recommend a member to the city's 十佳学习型老干部: one a year, one of the year's 学习先进."""
    today = today or date.today()
    year = chk.check_year(year, today)
    member = chk.roster_member(session, branch_id, member_id, year)
    current = recommendation_of(session, branch_id, year)
    if current is not None:
        raise InputError(f"{year}年已经推荐了{current.name}参评市“{CITY_TOP_TEN}”，每年只能推荐一人。"
                         f"要改推荐别人，请先撤回对{current.name}的推荐")
    if member.id not in {h.member_id for h in study_models(session, branch_id, year)}:
        raise InputError(f"{member.name}不是本支部{year}年的“{STUDY_MODEL}”。推荐参评市“{CITY_TOP_TEN}”"
                         f"的党员要从当年的学习先进中选，请先评选{member.name}为学习先进")
    if on is not None and on > today:
        raise InputError(f"推荐日期 {on:%Y-%m-%d} 在今天之后")
    chk.day_in(on, date(year, 1, 1), date(year + 1, 12, 31), f"{year}年度的推荐日期")
    session.add(CityRecommendation(branch_id=branch_id, year=year, member_id=member.id,
                                   recommended_on=on, deeds=chk.clean(deeds, 2000, lines=True),
                                   recorded_by=chk.user(session)))
    session.flush()
    return recommendation_of(session, branch_id, year)


def withdraw_recommendation(session: Session, branch_id: int, year: int) -> RecommendationInfo:
    current = recommendation_of(session, branch_id, year)
    if current is None:
        raise InputError(f"{year}年还没有推荐参评市“{CITY_TOP_TEN}”的党员")
    session.delete(session.scalar(select(CityRecommendation).where(
        CityRecommendation.branch_id == branch_id, CityRecommendation.year == year)))
    session.flush()
    return current


def set_outcome(session: Session, branch_id: int, year: int, outcome: str,
                deeds: str | None = None, today: date | None = None) -> RecommendationInfo:
    """The city's decision (待评 / 当选 / 未当选); 当选 adds the title to the member's honours
    (市级, once) so the year's honour list holds it."""
    if outcome not in RECOMMENDATION_OUTCOMES:
        raise InputError(f"评选结果“{outcome}”应为：{'、'.join(RECOMMENDATION_OUTCOMES)}")
    row = session.scalar(select(CityRecommendation).where(
        CityRecommendation.branch_id == branch_id, CityRecommendation.year == year))
    if row is None:
        raise InputError(f"{year}年还没有推荐参评市“{CITY_TOP_TEN}”的党员")
    row.outcome = outcome
    if deeds is not None:
        row.deeds = chk.clean(deeds, 2000, lines=True)
    exists = session.scalar(select(Honour.id).where(
        Honour.branch_id == branch_id, Honour.year == year, Honour.member_id == row.member_id,
        Honour.name == CITY_TOP_TEN))
    if outcome == "当选" and exists is None:
        add_honour(session, branch_id, year, CITY_TOP_TEN, "市", row.member_id, today=today)
    session.flush()
    return recommendation_of(session, branch_id, year)
