"""The order of a round of home visits: villages, then addresses, the way people read them.

A visitor walks one village after another and, inside a village, from house to house. So the
checklist (spec/visit-checklist.md, "Order and completeness") sorts
- villages by the secretary's own route order for the branch (`Branch.route_order`, set once),
  the villages not in it after them by pinyin (东关社区 before 河湾村), members without a
  village last;
- inside a village by address, numbers as numbers: 北岗村1组, 2组 … 10组 (text sorting puts
  10组 before 1组 before 9组); a Chinese numeral before 组/号/楼… counts too (三组 before 十组);
- members without an address last in their village; then by name (pinyin), then by id, so two
  runs give the same order.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Branch, Member
from app.plain_text import strip_controls
from app.name_search import lazy_pinyin
from app.vocab import LEFT_STATUSES

NO_COMMUNITY = "（未填村/社区）"
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
# a Chinese numeral counts as a number only before one of these (十里铺 stays a name)
_UNITS = "组号楼栋幢单排队巷弄层室户村社期区"
_NUMBER = re.compile(r"(\d+)|([〇零一二两三四五六七八九十百]+)(?=[" + _UNITS + "])")


def _chinese_number(text: str) -> int:
    """三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105; digits alone read as written (二〇二六)."""
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in "十百":
            total += (current or 1) * (10 if ch == "十" else 100)
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def _text_key(text: str) -> tuple:
    return tuple(s.lower() for s in lazy_pinyin(text, errors="default") if s.strip())


@lru_cache(maxsize=4096)
def natural_key(text: str) -> tuple:
    """A key that sorts `text` as people read it: numbers by value, words by pinyin."""
    text = unicodedata.normalize("NFKC", text or "")
    parts: list[tuple] = []
    at = 0
    for m in _NUMBER.finditer(text):
        if m.start() > at:
            parts.append((1, _text_key(text[at:m.start()])))
        value = int(m.group(1)) if m.group(1) else _chinese_number(m.group(2))
        parts.append((0, value))
        at = m.end()
    if at < len(text):
        parts.append((1, _text_key(text[at:])))
    return tuple(parts), text


def village_rank(village: str, order: list[str]) -> tuple:
    """Where `village` comes: in the secretary's order, then the rest by name, then no village."""
    if village in order:
        return (0, order.index(village))
    if not village or village == NO_COMMUNITY:
        return (2,)
    return (1, natural_key(village))


def sort_for_route(members: list, order: list[str]) -> list:
    """`members` (anything with community, address, name and member_id) in walking order."""
    ranks = {m.community: village_rank(m.community, order) for m in members}
    return sorted(members, key=lambda m: (ranks[m.community], not m.address,
                                          natural_key(m.address), natural_key(m.name),
                                          m.member_id))


def stored_order(session: Session, branch_ids) -> list[str]:
    """The route order saved for these branches (one after the other), without repeats."""
    texts = session.scalars(select(Branch.route_order).where(Branch.id.in_(list(branch_ids)))
                            .order_by(Branch.id))
    return list(dict.fromkeys(v for t in texts for v in (t or "").split("\n") if v))


def villages_in_use(session: Session, branch_id: int) -> list[str]:
    """The villages/communities of the branch's members who have not died or left."""
    rows = session.scalars(select(Member.community).distinct()
                           .where(Member.branch_id == branch_id, Member.community != "",
                                  Member.status.not_in(LEFT_STATUSES)))
    return sorted(set(rows), key=natural_key)


def route_order(session: Session, branch_id: int) -> list[str]:
    """The branch's villages in the order a round walks them (the saved order, then the rest)."""
    villages = villages_in_use(session, branch_id)
    saved = [v for v in stored_order(session, [branch_id]) if v in villages]
    return saved + [v for v in villages if v not in saved]


def set_route_order(session: Session, branch_id: int, villages: list[str]) -> list[str]:
    """Save the branch's route order. Villages left out follow in pinyin order; an empty list
    goes back to pinyin order. Names must be the branch's villages, each once."""
    names = [strip_controls(v).strip() for v in villages]
    names = [v for v in names if v]
    twice = sorted({v for v in names if names.count(v) > 1})
    if twice:
        raise InputError(f"路线顺序里“{'、'.join(twice)}”写了不止一次")
    known = villages_in_use(session, branch_id)
    unknown = [v for v in names if v not in known]
    if unknown:
        raise InputError(f"花名册上没有“{'、'.join(unknown)}”这个村（社区）。"
                         f"现有：{'、'.join(known) or '（还没有填村/社区的党员）'}")
    session.get_one(Branch, branch_id).route_order = "\n".join(names) or None
    session.flush()
    return route_order(session, branch_id)
