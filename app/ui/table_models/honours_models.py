"""Table models of the 评先评优 page and the member dialog's tab: the year's 学习先进, honours,
contests and a contest's entries. Rows come from app.services.yearend (ORDER BY in SQL); these
models only format them."""

from __future__ import annotations

from app.services.yearend.contests import ContestInfo, EntryInfo
from app.services.yearend.honours import HonourInfo
from app.ui.table_models.materials_models import RowsTableModel

MODEL_HEADERS = ("姓名", "推荐参评市十佳", "评选日期", "主要事迹")
HONOUR_HEADERS = ("获奖对象", "荣誉名称", "级别", "授予单位", "授予日期", "备注")
CONTEST_HEADERS = ("活动名称", "类别", "日期", "主办单位", "参加人数", "获奖人次")
ENTRY_HEADERS = ("姓名", "作品或演讲题目", "结果", "分数", "备注")
MEMBER_HONOUR_HEADERS = ("年度", "荣誉名称", "级别", "授予单位", "授予日期", "备注")
MEMBER_ENTRY_HEADERS = ("年度", "活动名称", "类别", "作品或演讲题目", "结果", "分数")


def one_line(text: str) -> str:
    """A note of several lines in one table cell."""
    return " ".join((text or "").split())


class StudyModelsModel(RowsTableModel):
    """The year's 学习先进; the one recommended to the city says so."""

    def __init__(self, parent=None):
        super().__init__(MODEL_HEADERS, centered=(1, 2), parent=parent)

    def set_models(self, rows: list[HonourInfo], recommended: int | None, outcome: str) -> None:
        self.set_rows(rows, [h.id for h in rows], [
            (h.holder, f"★ 已推荐（{outcome}）" if h.member_id == recommended else "",
             h.conferred_on, one_line(h.note)) for h in rows])


class HonoursModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__(HONOUR_HEADERS, centered=(2, 4), parent=parent)

    def set_honours(self, rows: list[HonourInfo]) -> None:
        self.set_rows(rows, [h.id for h in rows], [
            ("本支部" if h.for_branch else h.holder, h.name, h.level_text,
             h.conferred_by, h.conferred_on, one_line(h.note)) for h in rows])


class ContestsModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__(CONTEST_HEADERS, centered=(1, 2, 4, 5), parent=parent)

    def set_contests(self, rows: list[ContestInfo]) -> None:
        self.set_rows(rows, [c.id for c in rows], [
            (c.name, c.kind, c.held_on, c.organiser, f"{c.entries} 人",
             f"{c.prized} 人次" if c.entries else "") for c in rows])


class EntriesModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__(ENTRY_HEADERS, centered=(2, 3), parent=parent)

    def set_entries(self, rows: list[EntryInfo]) -> None:
        self.set_rows(rows, [e.id for e in rows], [
            (e.name, e.title, e.result, e.score, one_line(e.note)) for e in rows])


class MemberHonoursModel(RowsTableModel):
    """One member's honours over the years (the member dialog's tab)."""

    def __init__(self, parent=None):
        super().__init__(MEMBER_HONOUR_HEADERS, centered=(0, 2, 4), parent=parent)

    def set_honours(self, rows: list[HonourInfo]) -> None:
        self.set_rows(rows, [h.id for h in rows], [
            (f"{h.year}年", h.name, h.level_text, h.conferred_by, h.conferred_on,
             one_line(h.note)) for h in rows])


class MemberEntriesModel(RowsTableModel):
    def __init__(self, parent=None):
        super().__init__(MEMBER_ENTRY_HEADERS, centered=(0, 2, 4, 5), parent=parent)

    def set_entries(self, rows: list[EntryInfo]) -> None:
        self.set_rows(rows, [e.id for e in rows], [
            (f"{e.year}年", e.contest, e.kind, e.title, e.result, e.score) for e in rows])
