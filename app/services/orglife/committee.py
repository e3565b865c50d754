"""The branch committee (支部委员会) and its term: who holds which post from when, a 换届
election that replaces the committee at once, and the committee's status — the term's end (3
years from the election), the warnings 6 months and 1 month before it, and whether the branch
should have a committee at all (7 full members) or a secretary only.

A post names the 换届 election its term counts from; a member added mid-term (增补) keeps that
election's date, so the term does not move. A post cannot end before it starts, nor start
before its election or in the future; a post other than 其他委员 is held by one member at a
time, and a member holds one post at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import committee_term
from app.dates import fmt
from app.errors import InputError
from app.models import CommitteePost, Member
from app.services.orglife.members import branch_party_member, full_members_on, off_roster_reason
from app.vocab import COMMITTEE_POSTS, SECRETARY_POST, SHARED_POST, STANDING_FULL

SECRETARY_ONLY = (SECRETARY_POST, "副书记")  # what a branch under 7 full members may have


@dataclass
class PostInput:
    member_id: int | None = None
    post: str = SECRETARY_POST
    from_date: date | None = None
    until_date: date | None = None  # blank: still in post
    elected_on: date | None = None  # the 换届 election the term counts from
    note: str = ""


@dataclass(frozen=True)
class PostRow:
    post_id: int
    member_id: int
    name: str
    post: str
    from_date: date
    until_date: date | None
    elected_on: date
    note: str

    def to_json(self) -> dict:
        return {"post_id": self.post_id, "member_id": self.member_id, "name": self.name,
                "post": self.post, "from": fmt(self.from_date),
                "until": fmt(self.until_date) or None, "elected_on": fmt(self.elected_on)}


def _dates_problems(data: PostInput, today: date) -> list[str]:
    problems = []
    if data.post not in COMMITTEE_POSTS:
        problems.append(f"职务“{data.post}”应为：{'、'.join(COMMITTEE_POSTS)}")
    if data.elected_on is None:
        problems.append("请填写选举日期（换届选举那一天）")
    elif data.elected_on > today:
        problems.append(f"选举日期 {fmt(data.elected_on)} 在今天之后，选举还没有举行")
    if data.from_date is None:
        problems.append("请填写任职日期")
    elif data.from_date > today:
        problems.append(f"任职日期 {fmt(data.from_date)} 在今天之后")
    elif data.elected_on and data.from_date < data.elected_on:
        problems.append(f"任职日期 {fmt(data.from_date)} 早于选举日期 {fmt(data.elected_on)}")
    if data.until_date and data.from_date and data.until_date < data.from_date:
        problems.append(f"离任日期 {fmt(data.until_date)} 早于任职日期 {fmt(data.from_date)}："
                        f"任期不能在开始之前结束")
    elif data.until_date and data.until_date > today:
        problems.append(f"离任日期 {fmt(data.until_date)} 在今天之后（离任以后再填写）")
    return problems


def _member_problems(session: Session, branch_id: int, data: PostInput) -> list[str]:
    try:
        member = branch_party_member(session, branch_id, data.member_id, "支委会成员")
    except InputError as exc:
        return [str(exc)]
    if member.party_standing != STANDING_FULL:
        return [f"{member.name}是预备党员，没有被选举权，不能担任{data.post}"]
    why = off_roster_reason(member, data.from_date) if data.from_date else None
    return [f"{member.name}在 {fmt(data.from_date)} 不在本支部名册上（{why}）"] if why else []


def _overlaps(a: PostInput, row: CommitteePost) -> bool:
    far = date.max
    return a.from_date <= (row.until_date or far) and row.from_date <= (a.until_date or far)


def _clash_problems(session: Session, branch_id: int, data: PostInput,
                    post_id: int | None) -> list[str]:
    if data.from_date is None:
        return []
    problems = []
    others = session.execute(
        select(CommitteePost, Member.name).join(Member, Member.id == CommitteePost.member_id)
        .where(CommitteePost.branch_id == branch_id, CommitteePost.id != (post_id or 0))).all()
    for row, name in others:
        if not _overlaps(data, row):
            continue
        if row.member_id == data.member_id:
            problems.append(f"{name}在这段时间已担任{row.post}（{fmt(row.from_date)} 起），"
                            f"一人只登记一个职务；改任请先填写原职务的离任日期")
        elif row.post == data.post and data.post != SHARED_POST:
            problems.append(f"{data.post}一职在这段时间由{name}担任（{fmt(row.from_date)} 起），"
                            f"请先填写{name}的离任日期")
    return problems


def set_post(session: Session, branch_id: int, data: PostInput, post_id: int | None = None,
             today: date | None = None) -> int:
    """Add a post (增补, or a branch's first record of its committee) or correct one."""
    today = today or date.today()
    problems = _dates_problems(data, today) + _member_problems(session, branch_id, data)
    problems += _clash_problems(session, branch_id, data, post_id)
    if problems:
        raise InputError("；".join(problems))
    row = session.get(CommitteePost, post_id) if post_id else CommitteePost(branch_id=branch_id)
    if row is None:
        raise InputError(f"找不到编号为 {post_id} 的任职记录")
    row.member_id, row.post, row.elected_on = data.member_id, data.post, data.elected_on
    row.from_date, row.until_date = data.from_date, data.until_date
    row.note = (data.note or "").strip()
    session.add(row)
    session.flush()
    return row.id


def end_post(session: Session, post_id: int, until: date | None,
             today: date | None = None) -> None:
    """离任: the member leaves the post on `until` (the same checks as any post)."""
    row = session.get(CommitteePost, post_id)
    if row is None:
        raise InputError(f"找不到编号为 {post_id} 的任职记录")
    if until is None:
        raise InputError("请填写离任日期")
    data = PostInput(row.member_id, row.post, row.from_date, until, row.elected_on, row.note)
    set_post(session, row.branch_id, data, post_id, today)


def elect_committee(session: Session, branch_id: int, elected_on: date | None,
                    posts: list[tuple[str, int]], today: date | None = None) -> list[int]:
    """换届: the posts in office end the day before `elected_on`, and the elected ones
    [(post, member id)] begin that day. One secretary is required; everything is checked
    before anything is written."""
    today = today or date.today()
    problems = []
    if elected_on is None:
        raise InputError("请填写选举日期（换届选举那一天）")
    if [p for p, _m in posts].count(SECRETARY_POST) != 1:
        problems.append("换届要选出书记 1 名")
    repeated = {p for p, _m in posts if p != SHARED_POST and [q for q, _n in posts].count(p) > 1}
    problems += [f"{p}只能有 1 名" for p in sorted(repeated, key=COMMITTEE_POSTS.index)]
    if len({m for _p, m in posts}) < len(posts):
        problems.append("同一名党员只能担任一个职务")
    for post, member_id in posts:
        data = PostInput(member_id, post, elected_on, None, elected_on)
        problems += [p for p in _dates_problems(data, today) + _member_problems(
            session, branch_id, data) if p not in problems]
    current = list(session.scalars(select(CommitteePost).where(
        CommitteePost.branch_id == branch_id,
        (CommitteePost.until_date.is_(None)) | (CommitteePost.until_date >= elected_on))))
    late = [r for r in current if r.from_date >= elected_on]
    if late:
        problems.append(f"已登记的任职中有 {len(late)} 条在 {fmt(elected_on)} 或之后才开始，"
                        f"请先更正它们")
    if problems:
        raise InputError("；".join(problems))
    for row in current:
        row.until_date = elected_on - timedelta(days=1)
    made = []
    for post, member_id in posts:
        row = CommitteePost(branch_id=branch_id, member_id=member_id, post=post,
                            from_date=elected_on, elected_on=elected_on, note="换届选举")
        session.add(row)
        session.flush()
        made.append(row.id)
    return made


def committee_posts(session: Session, branch_id: int, on: date | None = None,
                    include_past: bool = False) -> list[PostRow]:
    """The posts held on `on` (today), 书记 first; with `include_past` every post ever held,
    the latest term first."""
    on = on or date.today()
    stmt = (select(CommitteePost.id, CommitteePost.member_id, Member.name, CommitteePost.post,
                   CommitteePost.from_date, CommitteePost.until_date, CommitteePost.elected_on,
                   CommitteePost.note)
            .join(Member, Member.id == CommitteePost.member_id)
            .where(CommitteePost.branch_id == branch_id))
    if not include_past:
        stmt = stmt.where(CommitteePost.from_date <= on,
                          (CommitteePost.until_date.is_(None)) | (CommitteePost.until_date >= on))
    rows = [PostRow(*r) for r in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r.until_date is not None and r.until_date < on,
                                       -r.elected_on.toordinal(), COMMITTEE_POSTS.index(r.post),
                                       r.from_date))


@dataclass
class CommitteeStatus:
    today: date
    posts: list[PostRow] = field(default_factory=list)  # in office today
    elected_on: date | None = None  # the current term's election
    term_ends: date | None = None
    warning: str | None = None  # 6 months / 1 month before the end, or past it
    full_members: int = 0
    needs_committee: bool = False
    rule: str = ""  # committee or secretary only, in a sentence
    notes: list[str] = field(default_factory=list)  # what the posts lack against the rule

    def to_json(self) -> dict:
        return {"as_of": fmt(self.today), "elected_on": fmt(self.elected_on) or None,
                "term_ends": fmt(self.term_ends) or None, "warning": self.warning,
                "full_members": self.full_members, "needs_committee": self.needs_committee,
                "rule": self.rule, "notes": self.notes,
                "posts": [p.to_json() for p in self.posts]}


def _notes(posts: list[PostRow], needs: bool, full: int) -> list[str]:
    held = {p.post for p in posts}
    if not posts:
        return ["还没有登记支部书记和支委会成员：请点“换届选举”登记最近一次选举的结果。"]
    notes = [] if SECRETARY_POST in held else ["现在没有登记书记。"]
    if needs and held <= set(SECRETARY_ONLY):
        notes.append(f"正式党员已有 {full} 人，应当选举产生支部委员会（现在只登记了书记）。")
    if not needs and held - set(SECRETARY_ONLY):
        notes.append("正式党员不足 7 人，按规定不设支部委员会，"
                     f"现登记的{'、'.join(sorted(held - set(SECRETARY_ONLY)))}可在换届时调整。")
    return notes


def committee_status(session: Session, branch_id: int, today: date | None = None
                     ) -> CommitteeStatus:
    """The committee today: its posts, the term's end and warning, and the 7-member rule."""
    today = today or date.today()
    status = CommitteeStatus(today=today)
    status.posts = committee_posts(session, branch_id, today)
    if status.posts:
        status.elected_on = max(p.elected_on for p in status.posts)
        status.term_ends = committee_term.term_end(status.elected_on)
        status.warning = committee_term.term_warning(status.term_ends, today)
    status.full_members = len(session.scalars(full_members_on(session, branch_id, today)).all())
    status.needs_committee = committee_term.needs_committee(status.full_members)
    status.rule = committee_term.committee_rule(status.full_members)
    status.notes = _notes(status.posts, status.needs_committee, status.full_members)
    return status
