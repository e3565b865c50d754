"""The printed 会议记录 as plain data: what app.services.orglife.minutes gathers and
app.export.minutes_pdf draws (no reportlab here, so reading minutes loads no PDF library)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# printed under the attendance, so nobody reads 送学上门 as absent
AT_HOME_NOTE = ("送学上门：党员因年老体弱、行动不便未能到会，支部将学习材料送到家中，"
                "计为在家参学（实到人数含送学上门）。")


@dataclass(frozen=True)
class MinutesSheet:
    branch: str
    kind: str
    day: date
    start_time: str = ""
    place: str = ""
    topic: str = ""
    speaker: str = ""
    host: str = ""  # 主持人
    recorder: str = ""  # 记录人
    guests: str = ""  # 列席
    content: str = ""  # 内容 (发言 / 学习内容)
    decisions: str = ""  # 决议 / 决定事项
    expected: int = 0  # 应到
    present: list[str] = field(default_factory=list)
    at_home: list[str] = field(default_factory=list)  # 送学上门
    leave: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    absent: list[str] = field(default_factory=list)
    unmarked: list[str] = field(default_factory=list)
    cancelled: bool = False
    with_appraisal: bool = False  # a 组织生活会 held together with the 民主评议党员
    signin: Any = None  # the event's sign-in sheet (app.services.attendance.SigninSheet)

    @property
    def heading(self) -> str:
        """What the page says in large type, under the branch's name: 支委会会议记录."""
        meeting = f"{self.kind}（同时进行民主评议党员）" if self.with_appraisal else self.kind
        return f"{meeting}会议记录"

    @property
    def title(self) -> str:
        """The whole name, for the PDF's title and the pages after the first."""
        return f"{self.branch} {self.heading}" if self.branch else self.heading


def names(people: list[str]) -> str:
    return "、".join(people) if people else "无"


def leave_names(people: list[tuple[str, str]]) -> str:
    return "、".join(f"{n}（{r}）" if r else n for n, r in people) if people else "无"
