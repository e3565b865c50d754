"""The visit checklist as plain data: what app.services.checklist_data gathers and
app.export.visit_checklist_pdf draws (members already in walking order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

NOTHING = "—"


@dataclass
class ChecklistMember:
    member_id: int
    name: str
    gender: str = ""
    age: int | None = None
    id_masked: str = ""
    community: str = ""
    address: str = ""
    phone: str = ""
    emergency_contact: str = ""
    emergency_phone: str = ""
    mobility: str = ""
    living: str = ""
    helper: str = ""
    last_visit_date: date | None = None
    last_visitor: str = ""
    last_requests: str = ""
    open_follow_ups: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # materials issued, not yet delivered
    branch: str = ""  # the member's own branch (a print may hold several)

    @property
    def to_bring(self) -> str:
        """The route sheet's 需带去 cell: "2份：《银潮》《新保健》", or "—"."""
        if not self.pending:
            return NOTHING
        titles = list(dict.fromkeys(label.split("》")[0] + "》" for label in self.pending))
        return f"{len(self.pending)}份：" + "".join(titles)


@dataclass
class ChecklistData:
    branch_name: str
    today: date
    members: list[ChecklistMember]  # in walking order (services.route_order)
    left_out: list[str] = field(default_factory=list)  # "张三已去世（2026-10-01）": not printed


def route_groups(members: list[ChecklistMember]) -> list[tuple[str, list[ChecklistMember]]]:
    """The members in runs of one village/community each, in the order given: the order is
    made once (services.route_order), and the route sheet and the member pages both follow it."""
    return [(place, list(group)) for place, group in groupby(members, key=lambda m: m.community)]
