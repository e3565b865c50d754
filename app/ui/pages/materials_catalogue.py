"""资料目录: what the branch received — add, change, archive (history kept), issue from here."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QInputDialog, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from app.services import issuing
from app.services import materials as mat
from app.ui import messages, style
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, choice_box
from app.vocab import MATERIAL_KINDS

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

_WIDTHS = (200, 100, 160, 120, 70, 80, 80, 60, 80, 80)


class CataloguePanel(QWidget):
    def __init__(self, ctx, on_issue=None):
        super().__init__()
        self.ctx, self.on_issue = ctx, on_issue
        self.model = RowsTableModel(mat.CATALOGUE_COLUMNS, centered=(1, 3, 4, 5, 6, 7, 8))
        self.year = choice_box([], blank="全部年份")
        self.kind = choice_box(MATERIAL_KINDS, blank="全部类别")
        self.text = QLineEdit()
        self.text.setPlaceholderText("按名称、期号查找")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(style.px(260))
        self.archived = QCheckBox("显示已归档")
        for box in (self.year, self.kind):
            box.currentIndexChanged.connect(self.reload)
        self.text.textChanged.connect(lambda _t: self.reload())
        self.archived.toggled.connect(self.reload)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.archive_button = button("归档 / 删除…", self.remove,
                                     tip="已发放过的资料只归档，发放记录全部保留")
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        for w in (self.year, self.kind, self.text, self.archived):
            filters.addWidget(w)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("新增资料", self.add, primary=True))
        actions.addWidget(button("修改", self.edit))
        actions.addWidget(self.archive_button)
        actions.addWidget(button("撤销发放…", self.withdraw,
                                 tip="发错了？把某一天发放的这份资料整批撤回（删除这批发放记录）"))
        self.restore_button = button("恢复（取消归档）", self.restore)
        self.restore_button.setVisible(False)  # only useful while archived ones are shown
        self.archived.toggled.connect(self.restore_button.setVisible)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        actions.addWidget(button("发放这份资料 →", self.issue_selected))
        layout.addLayout(actions)
        header = self.table.horizontalHeader()
        for col, width in enumerate(_WIDTHS):
            header.resizeSection(col, style.px(width))
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            years = mat.material_years(s, self.ctx.branch_id)
        keep = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("全部年份", None)
        for y in years:
            self.year.addItem(f"{y} 年", y)
        default = keep if keep in years else (date.today().year if date.today().year in years
                                              else None)
        self.year.setCurrentIndex(max(self.year.findData(default), 0))
        self.year.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        flt = mat.MaterialFilter(year=self.year.currentData(), kind=self.kind.currentData(),
                                 text=self.text.text(), include_archived=self.archived.isChecked())
        with self.ctx.db.session() as s:
            rows = mat.list_materials(s, self.ctx.branch_id, flt)
        self.model.set_rows(rows, [r.id for r in rows], [
            (r.title, r.kind, r.period, r.received_date, r.quantity, r.issued, r.pending,
             r.full_marks if r.kind == mat.QUIZ_KIND else "",
             "已归档" if r.archived else "在用", r.notes) for r in rows])

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def _need_selection(self) -> int | None:
        material_id = self.selected_id()
        if material_id is None:
            messages.info(self, "请先在表格中点选一份资料。")
        return material_id

    def _select(self, material_id: int) -> None:
        row = self.model.row_of(material_id)
        if row >= 0:
            self.table.selectRow(row)

    def add(self) -> None:
        from app.ui.dialogs.material_dialog import MaterialDialog

        dialog = MaterialDialog(self.ctx, None, self)
        if dialog.exec():
            self.ctx.data_changed.emit()
            self.refresh()
            self._select(dialog.material_id)

    def edit(self) -> None:
        from app.ui.dialogs.material_dialog import MaterialDialog

        material_id = self._need_selection()
        if material_id and MaterialDialog(self.ctx, material_id, self).exec():
            self.ctx.data_changed.emit()
            self.reload()
            self._select(material_id)

    def remove(self) -> None:
        """Never issued: ask, then delete. Issued: the service says how many, ask to archive."""
        material_id = self._need_selection()
        if material_id is None:
            return
        item = self.model.item(self.model.row_of(material_id))
        try:
            with self.ctx.db.session() as s:
                if item.issued:
                    mat.remove_material(s, material_id)  # raises HasHandouts with the counts
                if not messages.ask(self, f"彻底删除{item.label}？（从未发放过）", yes="删除"):
                    return
                done = mat.remove_material(s, material_id)
        except mat.HasHandouts as exc:
            if not messages.ask(self, f"{exc}\n\n要归档这份资料吗？", yes="归档"):
                return
            with self.ctx.db.session() as s:
                done = mat.remove_material(s, material_id, archive_ok=True)
        except Exception as exc:  # noqa: BLE001 - a sentence for the user, details in the log
            messages.show_exception(self, exc)
            return
        self.ctx.data_changed.emit()
        self.reload()
        tail = "已删除。" if done == "deleted" else "已归档，发放记录仍然保留。"
        messages.info(self, f"{item.label}{tail}")

    def withdraw(self) -> None:
        """Take back one day's issue of the selected material, after saying what goes."""
        material_id = self._need_selection()
        if material_id is None:
            return
        label = self.model.item(self.model.row_of(material_id)).label
        with self.ctx.db.session() as s:
            batches = issuing.issue_batches(s, material_id)
        if not batches:
            messages.info(self, f"{label}还没有发放过。")
            return
        texts = [f"{b.issued_date:%Y-%m-%d} 发放的 {b.copies} 份" for b in batches]
        text, ok = QInputDialog.getItem(self, "撤销发放", f"{label}：撤销哪一次发放？", texts, 0,
                                        False)
        if not ok:
            return
        batch = batches[texts.index(text)]
        if not messages.ask(self, f"撤销{label}在 {batch.issued_date:%Y-%m-%d} 发放的 "
                                  f"{batch.copies} 份？\n这些发放记录将被删除。", yes="撤销"):
            return
        try:
            with self.ctx.db.session() as s:
                gone = issuing.withdraw_issue(s, material_id, batch.issued_date)
        except Exception as exc:  # noqa: BLE001 - a sentence for the user, details in the log
            messages.show_exception(self, exc)
            return
        self.ctx.data_changed.emit()
        self.reload()
        messages.info(self, f"已撤销 {gone} 份发放记录。")

    def restore(self) -> None:
        material_id = self._need_selection()
        if material_id is None:
            return
        with self.ctx.db.session() as s:
            mat.restore_material(s, material_id)
        self.ctx.data_changed.emit()
        self.reload()

    def issue_selected(self) -> None:
        material_id = self._need_selection()
        if material_id is not None and self.on_issue:
            self.on_issue(material_id)
