"""The member dialog's 组织生活 tab: the member's talks over the years (talked with, talks they
held as a committee member, home visits for 谈心谈话) and the grade of each year's 民主评议党员 —
what an inspector asks about one member, without opening the 组织生活 page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.orglife.appraisal import member_grades
from app.services.orglife.coverage import talks_of_member
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import table_view

TALK_HEADERS = ("日期", "身份", "谈话人 / 对象", "方式", "谈话内容")
GRADE_HEADERS = ("年度", "民主评议等次")


class MemberOrgLifeTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.talks = RowsTableModel(TALK_HEADERS, centered=(0, 1, 3), parent=self)
        self.grades = RowsTableModel(GRADE_HEADERS, centered=(0, 1), parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("谈心谈话"))
        layout.addWidget(table_view(self.talks, (110, 90, 130, 110)), 3)
        layout.addWidget(QLabel("民主评议党员"))
        layout.addWidget(table_view(self.grades, (90,)), 1)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            talks = talks_of_member(s, self.member_id)
            grades = member_grades(s, self.member_id)
        self.talks.set_rows(talks, list(range(len(talks))), [
            (t.date, t.role, t.other, t.how, " ".join(t.topic.split())) for t in talks])
        self.grades.set_rows(grades, [y for y, _g in grades], grades)
        latest = f"{grades[0][0]}年评为“{grades[0][1]}”" if grades else "还没有民主评议的等次"
        last_talk = (f"最近一次谈心谈话 {talks[0].date:%Y年%m月%d日}" if talks
                     else "还没有谈心谈话的记录")
        self.summary.setText(f"{last_talk}；{latest}。")
