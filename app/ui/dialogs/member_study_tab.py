"""The member dialog's 学习出勤 tab: every event held while this member was on the roster,
newest first, with their mark, and their figures at the top."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services import study
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import table_view

HEADERS = ("日期", "活动类别", "主题", "出勤", "请假原因")


class MemberStudyTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.model = RowsTableModel(HEADERS, centered=(0, 1, 3, 4))
        self.table = table_view(self.model, (120, 130, 330, 120, 100))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            rows = study.member_attendance(s, self.member_id)
        today = date.today()

        def shown(r) -> str:
            if r.cancelled:
                return "已取消"
            return r.mark or ("未开始" if r.date > today else "未登记")

        self.model.set_rows(rows, [r.event_id for r in rows], [
            (r.date, r.kind, r.topic, shown(r), r.reason if r.mark == "请假" else "")
            for r in rows])
        held = [r for r in rows if not r.cancelled and (r.date <= today or r.mark)]
        count = {m: sum(1 for r in held if r.mark == m) for m in ("出席", "请假", "缺席", "送学上门")}
        if not held:
            self.summary.setText("在册期间还没有学习活动。")
            return
        rate = count["出席"] / len(held)
        last = next((r.date for r in held if r.mark == "出席"), None)
        self.summary.setText(
            f"在册期间共 {len(held)} 次活动：出席 {count['出席']}，请假 {count['请假']}，"
            f"缺席 {count['缺席']}，送学上门 {count['送学上门']}；出勤率 {rate:.0%}；"
            f"最近出席 {last:%Y-%m-%d}" if last else
            f"在册期间共 {len(held)} 次活动：出席 0，请假 {count['请假']}，缺席 {count['缺席']}，"
            f"送学上门 {count['送学上门']}；还没有出席过。")
