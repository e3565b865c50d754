"""The roster (党员花名册): listing, filtering and searching members over SQL.

Lists return plain tuples read column-wise (loading ORM objects is 8× slower at 20,000 rows);
the table model asks for ids first and rows for what is on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from app import idcard
from app.dates import age_on, fmt
from app.member_fields import AGE_LABEL, LABEL, SEQ_LABEL
from app.models import Branch, Member
from app.name_search import is_pinyin_query, normalise_query
from app.vocab import HOMEBOUND_MOBILITIES, STANDING_FULL, STATUS_ACTIVE

_L = LABEL  # each field's one label (app/member_fields.py)
ROSTER_COLUMNS = (
    SEQ_LABEL, _L["name"], _L["gender"], AGE_LABEL, _L["birth_date"], _L["retire_type"],
    _L["is_party_member"], _L["id_number"], _L["phone"], _L["community"], _L["address"],
    _L["living"], _L["mobility"], _L["status"],
)

# sort keys the table offers, each an SQL column (sorting happens in SQL, never in a proxy);
# True means ascending by the column reads as descending to the user (age is birth date reversed)
_SORTS = {
    SEQ_LABEL: (Member.sort_order, False),
    _L["name"]: (Member.search_key, False),
    AGE_LABEL: (Member.birth_date, True),
    **{_L[key]: (getattr(Member, key), False) for key in (
        "gender", "birth_date", "retire_type", "is_party_member", "community", "address",
        "living", "mobility", "status")},
}

SORTABLE = frozenset(_SORTS)


@dataclass
class RosterFilter:
    """What the roster page shows: a branch (or all), statuses, categories and a search text."""

    branch_id: int | None = None
    statuses: tuple[str, ...] = (STATUS_ACTIVE,)
    retire_type: str | None = None
    mobility: str | None = None  # a mobility word, or "行动不便(全部)" for every homebound kind
    living: str | None = None
    text: str = ""
    sort: str = SEQ_LABEL
    descending: bool = False
    extra: dict = field(default_factory=dict)


HOMEBOUND_FILTER = "行动不便(全部)"


def _apply(stmt: Select, flt: RosterFilter) -> Select:
    if flt.branch_id is not None:
        stmt = stmt.where(Member.branch_id == flt.branch_id)
    if flt.statuses:
        stmt = stmt.where(Member.status.in_(flt.statuses))
    if flt.retire_type:
        stmt = stmt.where(Member.retire_type == flt.retire_type)
    if flt.mobility == HOMEBOUND_FILTER:
        stmt = stmt.where(Member.mobility.in_(HOMEBOUND_MOBILITIES))
    elif flt.mobility:
        stmt = stmt.where(Member.mobility == flt.mobility)
    if flt.living:
        stmt = stmt.where(Member.living == flt.living)
    text = normalise_query(flt.text)
    if text:
        like = f"%{text}%"
        if is_pinyin_query(text):
            stmt = stmt.where(or_(Member.search_key.like(like), Member.name.like(like)))
        elif text.isdigit():
            stmt = stmt.where(or_(Member.phone.like(like), Member.id_number.like(like)))
        else:
            stmt = stmt.where(
                or_(Member.name.like(like), Member.address.like(like), Member.community.like(like))
            )
    return stmt


def member_ids(session: Session, flt: RosterFilter) -> list[int]:
    """Ids of the members the filter selects, in the chosen order."""
    column, reverse = _SORTS.get(flt.sort, _SORTS[SEQ_LABEL])
    key = column.desc() if flt.descending != reverse else column.asc()
    stmt = _apply(select(Member.id), flt).order_by(key, Member.sort_order, Member.id)
    return list(session.scalars(stmt))


def count_members(session: Session, flt: RosterFilter) -> int:
    return session.scalar(_apply(select(func.count(Member.id)), flt)) or 0


def roster_rows(
    session: Session, ids: list[int], on: date | None = None, full_id: bool = False
) -> dict[int, tuple]:
    """Display rows (ROSTER_COLUMNS) for the given ids, keyed by id."""
    on = on or date.today()
    rows: dict[int, tuple] = {}
    cols = (
        Member.id, Member.sort_order, Member.name, Member.gender, Member.birth_date,
        Member.birth_month_only, Member.retire_type, Member.is_party_member, Member.id_number,
        Member.phone, Member.community, Member.address, Member.living, Member.mobility,
        Member.status, Member.party_standing,
    )
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for r in session.execute(select(*cols).where(Member.id.in_(chunk))):
            rows[r.id] = (
                r.sort_order, r.name, r.gender or "", age_on(r.birth_date, on) or "",
                fmt(r.birth_date, month_only=True), r.retire_type or "",
                _party_word(r.is_party_member, r.party_standing),
                r.id_number if full_id else idcard.mask(r.id_number),
                r.phone, r.community, r.address, r.living or "", r.mobility, r.status,
            )
    return rows


def _party_word(is_member: bool, standing: str) -> str:
    """The 党员 column: 是, 否, or 预备 for a probationary member (no column of its own: a
    branch of retired cadres is nearly all full members)."""
    if not is_member:
        return "否"
    return "是" if standing == STANDING_FULL else standing


def branches(session: Session) -> list[tuple[int, str]]:
    return [(b.id, b.name) for b in session.scalars(select(Branch).order_by(Branch.id))]


def default_branch_id(session: Session) -> int | None:
    return session.scalar(select(Branch.id).order_by(Branch.id).limit(1))


# the name a new, empty program gives its branch until the secretary types the real one (首页,
# step ① of the first start, asks for it while the branch is still called this)
PLACEHOLDER_BRANCH = "本支部"


def ensure_branch(session: Session, name: str | None = None) -> Branch:
    """The branch called `name` (created when new), or the first branch, or a new
    PLACEHOLDER_BRANCH."""
    if name:
        found = session.scalar(select(Branch).where(Branch.name == name))
        if found:
            return found
        branch = Branch(name=name)
        session.add(branch)
        session.flush()
        return branch
    found = session.scalar(select(Branch).order_by(Branch.id).limit(1))
    if found:
        return found
    branch = Branch(name=PLACEHOLDER_BRANCH)
    session.add(branch)
    session.flush()
    return branch


def members_on_roster(session: Session, branch_id: int, on: date) -> Select:
    """Members who were on the roster on day `on`: joined by then and not left before it.

    The one definition every count uses (attendance lists, quarterly figures). A member who died
    on the day still counts that day.
    """
    return select(Member.id).where(
        Member.branch_id == branch_id,
        or_(Member.joined_date.is_(None), Member.joined_date <= on),
        or_(
            Member.status == STATUS_ACTIVE,
            Member.status == "暂离",
            Member.status_date.is_(None),
            Member.status_date >= on,
        ),
    )


def mobility_rank():
    """SQL expression ordering members from most to least in need (for care lists)."""
    return case(
        (Member.mobility == "卧床", 0), (Member.mobility == "住院", 1),
        (Member.mobility == "行动不便", 2), else_=3,
    )
