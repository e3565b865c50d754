"""The member dialog's 自学资料 tab: everything this member was ever issued, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services import materials as mat
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import table_view

HEADERS = ("发放日期", "资料", "类别", "方式", "经手人", "状态", "送达日期", "交回/成绩")


class MemberMaterialsTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.model = RowsTableModel(HEADERS, centered=(0, 2, 3, 5, 6))
        self.table = table_view(self.model, (110, 340, 80, 90, 80, 70, 110, 120))
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            rows = mat.member_handouts(s, self.member_id)

        def returned(r) -> str:
            if r.kind != mat.QUIZ_KIND:
                return ""
            if r.returned_date is None:
                return "未交回"
            score = "" if r.score is None else f" {r.score:g}/{r.full_marks} 分"
            return f"{r.returned_date:%m-%d} 交回{score}"

        self.model.set_rows(rows, [r.handout_id for r in rows], [
            (r.issued_date, r.label + ("（已归档）" if r.archived else ""), r.kind, r.method,
             r.handled_by, r.status, r.delivered_date, returned(r)) for r in rows])
        pending = sum(1 for r in rows if r.status == "待送达")
        self.summary.setText(f"共领取 {len(rows)} 份资料" +
                             (f"，其中 {pending} 份待送达" if pending else "，均已送达"))
