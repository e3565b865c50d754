"""试题回收: quiz papers handed back — the date and the score — and the best scores so far."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from app.services import materials as mat
from app.ui import messages, style
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import DateField, button, table_view

QUIZ_HEADERS = ("党员", "村/社区", "发放日期", "状态", "交回日期", "成绩")
BEST_HEADERS = ("名次", "党员", "村/社区", "成绩")


class QuizPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.quiz = QComboBox()
        self.quiz.setMinimumWidth(style.px(360))  # 560 forced 1,200 px at 200 % type
        self.quiz.currentIndexChanged.connect(self.reload)
        self.model = RowsTableModel(QUIZ_HEADERS, centered=(2, 3, 4, 5))
        self.best_model = RowsTableModel(BEST_HEADERS, centered=(0, 3))
        self.table = table_view(self.model, (100, 110, 120, 80, 120, 60))
        self.table.clicked.connect(lambda _i: self._load_selected())
        self.best = table_view(self.best_model, (60, 110, 130, 70))
        self.best.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.who = QLabel("请在左边表格点选一位党员")
        self.returned = DateField()
        self.returned.set_value(date.today())
        self.score = QLineEdit()
        self.score.setPlaceholderText("分数，可暂不填")
        self.full = QLabel()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("试题"))
        top.addWidget(self.quiz)
        top.addStretch(1)
        layout.addLayout(top)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        right = QVBoxLayout()
        right.addWidget(QLabel("成绩前十名"))
        right.addWidget(self.best, 1)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        entry = QHBoxLayout()
        entry.addWidget(self.who)
        entry.addWidget(QLabel("交回日期"))
        entry.addWidget(self.returned)
        entry.addWidget(QLabel("成绩"))
        entry.addWidget(self.score)
        entry.addWidget(self.full)
        entry.addWidget(button("登记交回", self.record, primary=True))
        entry.addStretch(1)
        layout.addLayout(entry)

    def refresh(self) -> None:
        keep = self.quiz.currentData()
        with self.ctx.db.session() as s:
            quizzes = mat.list_materials(s, self.ctx.branch_id,
                                         mat.MaterialFilter(kind=mat.QUIZ_KIND), with_counts=False)
        self.quiz.blockSignals(True)
        self.quiz.clear()
        for q in quizzes:
            self.quiz.addItem(f"{q.label}（满分 {q.full_marks}）", (q.id, q.full_marks))
        if keep is not None:
            self.quiz.setCurrentIndex(max(self.quiz.findData(keep), 0))
        self.quiz.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        data = self.quiz.currentData()
        items, best = [], []
        if data:
            with self.ctx.db.session() as s:
                items = mat.quiz_handouts(s, data[0])
                best = mat.best_quiz_scores(s, data[0])
            self.full.setText(f"（满分 {data[1]}）")
        self.model.set_rows(items, [r.handout_id for r in items], [
            (r.member_name, r.community, r.issued_date, r.status, r.returned_date or "未交回",
             r.score)
            for r in items])
        self.best_model.set_rows(best, [b.member_id for b in best], [
            (b.rank, b.member_name, b.community, b.score) for b in best])

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def _load_selected(self) -> None:
        item = self._selected()
        if item:
            self.who.setText(f"{item.member_name}：")
            if item.returned_date:
                self.returned.set_value(item.returned_date)
            self.score.setText("" if item.score is None else f"{item.score:g}")

    def record(self) -> None:
        item = self._selected()
        if item is None:
            messages.info(self, "请先在表格中点选交回试题的党员。")
            return
        try:
            day, _m = self.returned.value()
            text = self.score.text().strip()
            try:
                score = float(text) if text else None
            except ValueError:
                raise ValueError(f"成绩“{text}”不是数字") from None
            with self.ctx.db.session() as s:
                mat.record_quiz_return(s, item.handout_id, day, score)
        except ValueError as exc:
            messages.error(self, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a sentence for the user, details in the log
            messages.show_exception(self, exc)
            return
        self.ctx.data_changed.emit()
        self.reload()
        row = self.model.row_of(item.handout_id)
        if row + 1 < self.model.rowCount():  # ready for the next paper in the pile
            self.table.selectRow(row + 1)
            self._load_selected()
            self.score.setFocus()
            self.score.selectAll()
