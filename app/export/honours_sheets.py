"""评先评优's print as plain data: what app.services.yearend.honours_print gathers and
app.export.honours_pdf lays out — the 学习先进推荐表 and the year's honours and contest entries.
Every value arrives as the text to print (dates already 2026年12月01日, scores 95.5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FORM_RECOMMEND = "老干评优1表"  # 表号 of the 学习先进推荐表
FORM_HONOURS = "老干评优2表"  # 表号 of the honours and contests list


@dataclass(frozen=True)
class ModelRow:
    """One 学习先进 of the year."""

    name: str
    gender: str
    age: str
    unit: str  # 原工作单位及职务
    deeds: str  # 主要事迹
    recommended: bool  # the one put forward for the city's 十佳学习型老干部


@dataclass(frozen=True)
class HonourRow:
    holder: str  # a member's name, or the branch's
    name: str
    level: str  # 县级, 支部 …
    conferred_by: str
    conferred_on: str
    note: str


@dataclass(frozen=True)
class EntryRow:
    name: str
    title: str
    result: str
    score: str
    note: str = ""


@dataclass(frozen=True)
class ContestBlock:
    """A contest and its entries (a quiz's best score first)."""

    name: str
    kind: str
    held_on: str
    organiser: str
    entries: list[EntryRow]
    quiz: bool = False  # scored (知识竞答): a 分数 column instead of the title


@dataclass
class HonoursPrint:
    branch: str
    year: int
    made_on: date
    maker: str  # 填表人: the branch's secretary
    models: list[ModelRow] = field(default_factory=list)
    recommended: str = ""  # the member's name, "" when nobody was recommended
    reasons: str = ""  # 推荐理由 / 主要事迹 of the recommendation
    outcome: str = ""  # 待评 / 当选 / 未当选
    honours: list[HonourRow] = field(default_factory=list)
    contests: list[ContestBlock] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return sum(len(c.entries) for c in self.contests)
