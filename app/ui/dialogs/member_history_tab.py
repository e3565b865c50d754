"""The member dialog's 变更记录 tab: every recorded change to this member, newest first —
who changed what, when, from what to what (details, attendance, hand-outs, visits)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.storage import audit
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import table_view

HEADERS = ("时间", "修改人", "哪一项", "操作", "内容", "原来", "改为")


class MemberHistoryTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.model = RowsTableModel(HEADERS, centered=(0, 1, 2, 3))
        self.table = table_view(self.model, (160, 90, 90, 60, 120, 160, 160))
        self.table.setWordWrap(False)
        self.summary = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            rows = audit.member_history(s, self.member_id)
        self.model.set_rows(rows, list(range(len(rows))), [
            (f"{r.at:%Y-%m-%d %H:%M}", r.user or "（未填）", r.what, r.action, r.field,
             r.old, r.new) for r in rows])
        self.summary.setText(f"共 {len(rows)} 条变更记录（最新的在最上面）" if rows
                             else "还没有变更记录。")
