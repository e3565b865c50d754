"""设置: the branch's details (with the 学习活动室 and 学习点 the ledger book names), the type size
(100–200 %, applied at once), who is working."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication, QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QInputDialog,
    QLineEdit, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from app.prefs import SCALES
from app.services import branches, dues
from app.export.sheets import DEFAULT_AUTHORITY
from app.ui import messages, style
from app.ui.pages.data_safety_panel import DataSafetyPanel
from app.ui.widgets import button, heading, hint
from app.vocab import DUES_ROUNDING_LABELS

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).


class SettingsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading("设置"))
        layout.addWidget(self._font_group())
        layout.addWidget(self._branch_group())
        layout.addWidget(self._report_group())
        layout.addWidget(self._user_group())
        layout.addWidget(DataSafetyPanel(self.ctx))  # backups, checking, handing over
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # type size -------------------------------------------------------------------------
    def _font_group(self) -> QGroupBox:
        group = QGroupBox("字体大小")
        box = QVBoxLayout(group)
        box.addWidget(hint("点一下就生效，下次打开程序时仍然保持。"))
        row = QHBoxLayout()
        self.scale_buttons = QButtonGroup(self)
        for percent in SCALES:
            b = QPushButton(f"{percent} %")
            b.setCheckable(True)
            b.setChecked(percent == self.ctx.prefs.font_scale)
            b.setMinimumWidth(style.px(96))
            self.scale_buttons.addButton(b, percent)
            row.addWidget(b)
        row.addStretch(1)
        self.scale_buttons.idClicked.connect(self.set_scale)
        box.addLayout(row)
        return group

    def set_scale(self, percent: int) -> None:
        style.apply(QApplication.instance(), percent)
        self.ctx.prefs.font_scale = percent
        self.ctx.prefs.save()
        self.ctx.scale_changed.emit(percent)
        button_for = self.scale_buttons.button(percent)
        if button_for is not None:
            button_for.setChecked(True)

    # branch ----------------------------------------------------------------------------
    def _branch_group(self) -> QGroupBox:
        group = QGroupBox("支部信息")
        form = QFormLayout(group)
        self.branch_name = QLineEdit()
        self.township = QLineEdit()
        self.secretary = QLineEdit()
        self.phone = QLineEdit()
        self.study_day = QSpinBox()
        self.study_day.setRange(1, 28)
        self.study_day.setPrefix("每月 ")
        self.study_day.setSuffix(" 日")
        form.addRow("支部名称", self.branch_name)
        form.addRow("所属乡镇（街道）", self.township)
        form.addRow("支部书记", self.secretary)
        form.addRow("联系电话", self.phone)
        form.addRow("集中学习日", self.study_day)
        self.activity_room = QLineEdit()
        self.activity_room.setPlaceholderText("如 城关镇老干部活动中心二楼学习室")
        self.study_points = QLineEdit()
        self.study_points.setPlaceholderText("几个学习点之间用顿号隔开，如 北关村、东街社区")
        form.addRow("学习活动室", self.activity_room)
        form.addRow("学习点", self.study_points)
        self.dues_rounding = QComboBox()  # spec/dues.md: some units round up to 1 角 or 1 元
        for key, label in DUES_ROUNDING_LABELS.items():
            self.dues_rounding.addItem(f"{label}（默认）" if key == "分" else label, key)
        self.dues_rounding.setToolTip("党费月应交的取整方式，按上级党组织的规定选择")
        form.addRow("党费月应交", self.dues_rounding)
        form.addRow("走访路线顺序", button("排列各村（社区）的先后…", self.route_order,
                                       tip="打印走访清单时，路线单和登记表按这个顺序"))
        actions = QHBoxLayout()
        actions.addWidget(button("保存支部信息", self.save_branch, primary=True))
        actions.addWidget(button("新建一个支部…", self.new_branch,
                                 tip="服务站管理多个支部时使用；新支部建好后可在窗口上方切换"))
        actions.addStretch(1)
        form.addRow("", actions)
        return group

    def route_order(self) -> None:
        from app.ui.dialogs.route_order_dialog import RouteOrderDialog

        RouteOrderDialog(self.ctx, self).exec()

    def _report_group(self) -> QGroupBox:
        """制表机关 printed at the top right of the quarterly workbook's 汇总, and the 填报单位 of
        a roll-up of several branches (this PC's settings: every branch kept here reports to
        the same office)."""
        group = QGroupBox("季度报表")
        form = QFormLayout(group)
        self.form_authority = QLineEdit(self.ctx.prefs.form_authority)
        self.form_authority.setPlaceholderText(f"不填时为“{DEFAULT_AUTHORITY}”")
        form.addRow("制表机关", self.form_authority)
        form.addRow("", hint("印在季度报表“汇总”页右上角，按上级下发的表样填写，"
                             "如“中共××县委老干部局”。"))
        self.summary_unit = QLineEdit(self.ctx.prefs.summary_unit)
        self.summary_unit.setPlaceholderText("如“城关镇老干部服务站”；不填时留空，打印后手写")
        form.addRow("汇总表填报单位", self.summary_unit)
        form.addRow("", hint("乡镇、县汇总多个支部的报表时，印在汇总表“填报单位”处。"))
        form.addRow("", button("保存", self.save_authority))
        return group

    def save_authority(self) -> None:
        prefs = self.ctx.prefs
        prefs.form_authority = " ".join(self.form_authority.text().split())[:60]
        prefs.summary_unit = " ".join(self.summary_unit.text().split())[:60]
        self.form_authority.setText(prefs.form_authority)
        self.summary_unit.setText(prefs.summary_unit)
        prefs.save()
        messages.info(self, "已保存：下次生成季度报表时使用。")

    def _user_group(self) -> QGroupBox:
        group = QGroupBox("使用人")
        form = QFormLayout(group)
        self.user_name = QLineEdit(self.ctx.prefs.user_name)
        self.user_name.setPlaceholderText("您的姓名，用于记录是谁修改了数据")
        form.addRow("姓名", self.user_name)
        form.addRow("", button("保存", self.save_user))
        return group

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            info = branches.get_branch(s, self.ctx.branch_id)
        self.branch_name.setText(info.name)
        self.township.setText(info.township)
        self.secretary.setText(info.secretary)
        self.phone.setText(info.phone)
        self.study_day.setValue(info.study_day)
        self.activity_room.setText(info.activity_room)
        self.study_points.setText("、".join(branches.study_point_lines(info.study_points)))
        with self.ctx.db.session() as s:
            rounding = dues.rounding_of(s, self.ctx.branch_id)
        self.dues_rounding.setCurrentIndex(max(0, self.dues_rounding.findData(rounding)))

    def _info(self, branch_id) -> branches.BranchInfo:
        return branches.BranchInfo(
            branch_id, self.branch_name.text(), self.township.text(), self.secretary.text(),
            self.phone.text(), self.study_day.value(), self.activity_room.text(),
            self.study_points.text(),
        )

    def save_branch(self) -> None:
        try:
            with self.ctx.db.session() as s:
                branches.save_branch(s, self._info(self.ctx.branch_id))
                dues.set_rounding(s, self.ctx.branch_id, self.dues_rounding.currentData())
        except Exception as exc:  # noqa: BLE001 - a sentence for the user
            messages.show_exception(self, exc)
            return
        self.ctx.branch_changed.emit(self.ctx.branch_id)
        messages.info(self, "支部信息已保存。")

    def new_branch(self) -> None:
        name, ok = QInputDialog.getText(self, "新建支部", "新支部的名称：")
        if not ok or not name.strip():
            return
        try:
            with self.ctx.db.session() as s:
                new_id = branches.save_branch(s, branches.BranchInfo(None, name.strip()))
        except Exception as exc:  # noqa: BLE001
            messages.show_exception(self, exc)
            return
        self.ctx.set_branch(new_id)
        self.refresh()
        messages.info(self, f"已新建“{name.strip()}”，现在正在使用这个支部。")

    def save_user(self) -> None:
        self.ctx.prefs.user_name = self.user_name.text().strip()
        self.ctx.prefs.save()
        messages.info(self, "已保存。")
