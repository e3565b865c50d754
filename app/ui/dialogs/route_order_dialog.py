"""走访路线顺序: the branch's villages/communities in the order a round of visits walks them.

Set once per branch; the printed checklist (route sheet and member pages alike) follows it, and
inside a village the members go by address (1组, 2组 … 10组). The list starts in the saved
order (villages not in it after, by pinyin); 上移 / 下移 move the chosen village, 按拼音排序
goes back to the plain pinyin order, which is saved as "no order of one's own".
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QVBoxLayout

from app.errors import UserError
from app.services import route_order
from app.ui import messages, style
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import button, hint


class RouteOrderDialog(FormDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent, "走访路线顺序", scroll=False)  # the list scrolls by itself
        self.ctx = ctx
        with ctx.db.session() as s:
            self.villages = route_order.route_order(s, ctx.branch_id)
        self.alphabetical = sorted(self.villages, key=route_order.natural_key)
        self.body_layout.addWidget(hint(
            "按走访的先后排列各村（社区）：选中一个，点“上移”“下移”。打印走访清单时，路线单和"
            "每人一页的登记表都按这个顺序；同一个村里按门牌（1组、2组……10组）从小到大。"))
        self.list = QListWidget()
        self.list.addItems(self.villages)
        self.list.setMinimumHeight(style.px(150))
        if self.villages:
            self.list.setCurrentRow(0)
        else:
            self.body_layout.addWidget(hint("花名册上还没有填写村（社区）的党员，没有可排的顺序。"))
        side = QVBoxLayout()
        self.up_button = button("上移", lambda: self.move_chosen(-1),
                                tip="把选中的村（社区）往前移一位")
        self.down_button = button("下移", lambda: self.move_chosen(1),
                                  tip="把选中的村（社区）往后移一位")
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addWidget(button("按拼音排序", self.by_pinyin, tip="恢复为按村（社区）名称拼音排列"))
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        self.body_layout.addLayout(row, 1)
        self.add_cancel()
        self.add_button("保存", self.save, primary=True)
        self.want_size(600, 480)

    def order(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def current_values(self) -> list:
        """The list's order is the edit (the form's fields alone would not see it)."""
        return [*super().current_values(), self.order()]

    def move_chosen(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        self.list.insertItem(to, self.list.takeItem(row))
        self.list.setCurrentRow(to)

    def by_pinyin(self) -> None:
        self.list.clear()
        self.list.addItems(self.alphabetical)
        if self.alphabetical:
            self.list.setCurrentRow(0)

    def save(self) -> None:
        order = self.order()
        try:
            with self.ctx.db.session() as s:  # the pinyin order is no order of one's own
                route_order.set_route_order(s, self.ctx.branch_id,
                                            [] if order == self.alphabetical else order)
        except UserError as exc:
            self.show_problems(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a sentence for the user
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
