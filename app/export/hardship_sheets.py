"""The 困难党员登记表 as plain data: what app.services.care_calendar.hardship gathers from the
register and the roster, and the writers (hardship_pdf, hardship_xlsx) lay out. Every value
arrives as the text to print — dates already as 2026年12月01日 — so both prints say the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FORM_NUMBER = "老干关怀1表"  # 表号
HEADERS = ("序号", "姓名", "性别", "年龄", "入党时间", "困难状况及原因", "住址", "帮扶措施",
           "公示日期")
WIDE = (5, 6, 7)  # 0-based columns of long text: 困难状况及原因, 住址, 帮扶措施


@dataclass
class RegisterRow:
    number: int
    name: str
    gender: str
    age: str
    joined: str  # 1956年04月
    situation: str
    address: str
    measures: str
    posted: str  # 2026年12月01日, or "" when not yet posted

    def cells(self) -> tuple[str, ...]:
        return (str(self.number), self.name, self.gender, self.age, self.joined,
                self.situation, self.address, self.measures, self.posted)


@dataclass
class Register:
    """困难党员登记表 of one branch and year."""

    branch: str
    year: int
    made_on: date
    rows: list[RegisterRow]
    maker: str = ""  # 填表人 (the secretary named in 设置)
    form_number: str = FORM_NUMBER
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.branch}{self.year}年困难党员登记表"
