"""The self-assessment checklist (支部自评的考评细则) as data, and its arithmetic — no database.

Counties turn the "六好" into their own items and points, so the checklist is data, not code:
the default ships as resources/assessment/default_checklist.json and a township may export it
to .xlsx, edit it and load it back (app.services.yearend.assessment_checklist). Whatever its
source, a checklist passes `checked` before it is used: the points add up to the stated total,
every item says how it is judged (a known auto key of JUDGES, or 书记评分), an auto item has a
满分标准 (and an 得一半分标准 below it, when given), the star levels run downwards.

Points and scores are kept in whole tenths of a point (4.5 → 45), as quiz scores are
(app/models/honours.py): sums stay exact and 87.5 never prints as 87.49999.

How an auto-judged item is scored (`auto_score`): the program measures a value in the item's
unit (JUDGES: a count, a percentage, or 1 for done); the value at or above 满分标准 earns the full
points, at or above 得一半分标准 half of them (rounded to the tenth), below it nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

HAND = "书记评分"
HAND_ALIASES = frozenset({HAND, "书记", "手工评分", "人工评分"})
BY_PROGRAM, BY_SECRETARY = "程序", "书记"
AREAS = ("组织设置好", "班子建设好", "党员队伍好", "学习活动好", "作用发挥好", "制度坚持好")

# auto key → (unit of the measured value, what it measures): the words the township writes in
# 评分方式, and the help the exported checklist carries
JUDGES = {
    "主题党日次数": ("次", "全年开展主题党日的月数（每月至多一次；集中学习日可按设置计入），满 12"),
    "党员大会次数": ("次", "全年召开支部党员大会的季度数，满 4"),
    "党课次数": ("次", "全年上党课的季度数，满 4"),
    "支委会次数": ("次", "全年召开支委会的月数，满 12"),
    "组织生活会": ("是否", "年度组织生活会已召开记 1，未召开记 0"),
    "民主评议": ("是否", "民主评议党员已完成（每人都已评定等次）记 1，已开始未完成记 0.5，未开展记 0"),
    "谈心谈话覆盖率": ("%", "全年谈过心的党员占党员人数的百分比"),
    "全年出勤率": ("%", "全年学习活动 出席人次÷应参学人次（与季度报表同一算法）"),
    "行动不便党员走访覆盖率": ("%", "全年走访过的行动不便党员占行动不便人数的百分比；没有行动不便党员时记满分"),
    "党费按时交纳率": ("%", "应交党费的党员中，到年底（或今天）没有欠交月份的人所占百分比；程序里没有党费记录时改由书记评分"),
    "台账齐全": ("%", "已召开的组织生活会议（三会一课、主题党日等）中写了会议记录的百分比；没有会议时改由书记评分"),
    "荣誉": ("项", "本年度支部和党员获得的荣誉项数（评先评优里登记的）"),
}


def tenths(value, what: str) -> int:
    """A number of points (at most one decimal) as whole tenths; ValueError naming `what`."""
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError(f"{what}“{value}”不是数字") from None
    if not d.is_finite() or d * 10 != (d * 10).to_integral_value():
        raise ValueError(f"{what}“{value}”最多只能有一位小数")
    return int(d * 10)


def points_text(value: int | None) -> str:
    """Tenths as the forms write them: 5, 2.5; "" for None."""
    if value is None:
        return ""
    return str(value // 10) if value % 10 == 0 else f"{value / 10:.1f}"


def points_number(value: int | None) -> int | float | None:
    """Tenths as a JSON / spreadsheet number: 5 or 2.5."""
    if value is None:
        return None
    return value // 10 if value % 10 == 0 else value / 10


def stars_text(stars: int) -> str:
    return f"{'★' * stars}（{stars}星）" if stars else "未达到星级"


@dataclass(frozen=True)
class Item:
    code: str  # 编号, unique in the checklist: the key a secretary's score is kept under
    area: str
    item: str
    points: int  # tenths
    judge: str  # an auto key of JUDGES, or HAND
    full: float | None = None  # 满分标准, in the judge's unit
    partial: float | None = None  # 得一半分标准

    @property
    def by_hand(self) -> bool:
        return self.judge == HAND

    def standard(self) -> str:
        """满分 / 得一半分 in words: "≥12次满分，≥9次得一半分"."""
        if self.by_hand:
            return "由书记评分并写明依据"
        unit = JUDGES[self.judge][0]
        unit = "" if unit == "是否" else unit

        def n(x: float) -> str:
            return f"{x:g}"
        text = f"≥{n(self.full)}{unit}满分"
        if self.partial is not None:
            text += f"，≥{n(self.partial)}{unit}得一半分"
        return text + "，否则不得分"

    def to_json(self) -> dict:
        out = {"code": self.code, "area": self.area, "item": self.item,
               "points": points_number(self.points), "judge": self.judge}
        if not self.by_hand:
            out["full"] = self.full
            if self.partial is not None:
                out["partial"] = self.partial
        return out


@dataclass(frozen=True)
class Checklist:
    name: str
    total: int  # tenths
    stars: tuple[tuple[int, int], ...]  # (lowest total in tenths, stars), highest first
    items: tuple[Item, ...] = field(default_factory=tuple)

    def stars_for(self, total: int) -> int:
        return next((s for least, s in self.stars if total >= least), 0)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    @property
    def areas(self) -> list[str]:
        return list(dict.fromkeys(i.area for i in self.items))

    def stars_rule(self) -> str:
        """"90分及以上5星，80分及以上4星 …"."""
        return "，".join(f"{points_text(least)}分及以上{s}星" for least, s in self.stars)

    def to_json(self) -> dict:
        return {"name": self.name, "total": points_number(self.total),
                "stars": [[points_number(least), s] for least, s in self.stars],
                "items": [i.to_json() for i in self.items]}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)


def _threshold(value, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().rstrip("%％"))
    except ValueError:
        raise ValueError(f"{what}“{value}”不是数字") from None
    if number < 0:
        raise ValueError(f"{what}不能是负数")
    return number


def _item(raw: dict, where: str) -> Item:
    code = str(raw.get("code") or "").strip()
    area = str(raw.get("area") or "").strip()
    text = str(raw.get("item") or "").strip()
    where = f"{where}（编号 {code}）" if code else where
    if not code:
        raise ValueError(f"{where}没有编号")
    if not area or not text:
        raise ValueError(f"{where}缺少{'考评领域' if not area else '考评内容'}")
    if raw.get("points") in (None, ""):
        raise ValueError(f"{where}没有写分值")
    points = tenths(raw["points"], f"{where}的分值")
    if points <= 0:
        raise ValueError(f"{where}的分值应大于 0")
    judge = str(raw.get("judge") or "").strip()
    if not judge:
        raise ValueError(f"{where}没有写评分方式：请写“{HAND}”或程序能判断的一种（{'、'.join(JUDGES)}）")
    if judge in HAND_ALIASES:
        return Item(code, area, text, points, HAND)
    if judge not in JUDGES:
        raise ValueError(f"{where}的评分方式“{judge}”程序不认识：请写“{HAND}”或"
                         f"{'、'.join(JUDGES)}之一")
    full = _threshold(raw.get("full"), f"{where}的满分标准")
    partial = _threshold(raw.get("partial"), f"{where}的得一半分标准")
    if full is None:
        raise ValueError(f"{where}由程序评分（{judge}），但没有写满分标准")
    if partial is not None and partial >= full:
        raise ValueError(f"{where}的得一半分标准 {partial:g} 应低于满分标准 {full:g}")
    return Item(code, area, text, points, judge, full, partial)


def checked(raw: dict) -> Checklist:
    """A checklist from plain data (the JSON file, the database, a loaded workbook), or
    ValueError with a Chinese sentence naming the item at fault."""
    name = str(raw.get("name") or "").strip() or "考评细则"
    if raw.get("total") in (None, ""):
        raise ValueError("考评细则没有写满分（总分）")
    total = tenths(raw["total"], "满分")
    items, seen = [], set()
    for n, entry in enumerate(raw.get("items") or [], start=1):
        item = _item(entry, f"第 {n} 项")
        if item.code in seen:
            raise ValueError(f"编号 {item.code} 出现了两次：每一项的编号要不同")
        seen.add(item.code)
        items.append(item)
    if not items:
        raise ValueError("考评细则里没有考评项目")
    added = sum(i.points for i in items)
    if added != total:
        raise ValueError(f"各项分值加起来是 {points_text(added)} 分，而满分写的是 "
                         f"{points_text(total)} 分：请改正分值或满分")
    return Checklist(name, total, _stars(raw.get("stars") or [], total), tuple(items))


def _stars(raw, total: int) -> tuple[tuple[int, int], ...]:
    levels = []
    for n, pair in enumerate(raw, start=1):
        try:
            least, stars = pair
            least_t, stars_n = tenths(least, f"第 {n} 个星级的最低得分"), int(stars)
        except (TypeError, ValueError) as exc:
            raise ValueError(str(exc) if isinstance(exc, ValueError) and "“" in str(exc)
                             else f"第 {n} 个星级写得不对：应为 最低得分 和 星级") from None
        if not 1 <= stars_n <= 5 or not 0 < least_t <= total:
            raise ValueError(f"第 {n} 个星级（{points_text(least_t)}分 {stars_n}星）不对："
                             f"星级为 1 到 5，最低得分在 0 到满分之间")
        levels.append((least_t, stars_n))
    if not levels:
        raise ValueError("考评细则没有写星级（如 90分5星、80分4星）")
    for (a, sa), (b, sb) in zip(levels, levels[1:]):
        if not (a > b and sa > sb):
            raise ValueError(f"星级应从高到低排列：{points_text(a)}分{sa}星之后是 "
                             f"{points_text(b)}分{sb}星")
    return tuple(levels)


def auto_score(item: Item, value: float) -> int:
    """Tenths earned by a measured `value` (see the module text)."""
    if value >= item.full - 1e-9:
        return item.points
    if item.partial is not None and value >= item.partial - 1e-9:
        return int((Decimal(item.points) / 2).quantize(Decimal(1), ROUND_HALF_UP))
    return 0
