"""Which meetings a branch holds: the kinds it switched off (no 党小组 → no 党小组会) and whether
its 集中学习日 counts as the month's 主题党日. The frequency check reads them; the 会议种类 dialog
and `zhibu org-life kinds` set them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Branch
from app.vocab import MEETING_KINDS


@dataclass(frozen=True)
class MeetingSettings:
    not_held: tuple[str, ...] = ()  # in the order of MEETING_KINDS
    study_day_counts: bool = True  # 集中学习日 counts as the month's 主题党日

    def holds(self, kind: str) -> bool:
        return kind not in self.not_held


def _branch(session: Session, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise InputError(f"找不到支部（编号 {branch_id}）")
    return branch


def meeting_settings(session: Session, branch_id: int) -> MeetingSettings:
    branch = _branch(session, branch_id)
    stored = {k.strip() for k in (branch.kinds_not_held or "").splitlines()}
    return MeetingSettings(tuple(k for k in MEETING_KINDS if k in stored),
                           bool(branch.study_day_theme_day))


def set_meeting_settings(session: Session, branch_id: int, not_held,
                         study_day_counts: bool) -> MeetingSettings:
    """Save the kinds the branch does not hold (words of MEETING_KINDS) and the 主题党日 rule."""
    wrong = [k for k in not_held if k not in MEETING_KINDS]
    if wrong:
        raise InputError(f"“{'、'.join(wrong)}”不是组织生活的会议种类"
                         f"（可选：{'、'.join(MEETING_KINDS)}）")
    branch = _branch(session, branch_id)
    kept = [k for k in MEETING_KINDS if k in set(not_held)]
    branch.kinds_not_held = "\n".join(kept)
    branch.study_day_theme_day = bool(study_day_counts)
    session.flush()
    return MeetingSettings(tuple(kept), bool(study_day_counts))
