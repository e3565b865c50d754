"""记录走访: one dialog in the order of the printed 走访登记表, so a filled-in sheet is typed in a
minute — date and visitor, the member (as printed), the materials brought (ticking them marks the
hand-outs delivered), the six tick boxes of the form, then health, mood, 诉求 and 处理意见."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout,
)

from app.export.visit_checklist_pdf import TICK_ITEMS
from app.models import Branch
from app.services import handouts, pairings, visits, volunteers
from app.services.checklist_data import checklist_data
from app.ui import messages, style
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import DateField, button, choice_box, hint
from app.vocab import VISIT_PURPOSES, VISITOR_KINDS

# the form's tick boxes that are also a purpose of the visit
PAPER_TO_PURPOSE = {"送达学习资料": "送学上门", "学习辅导": "学习辅导", "听取意见建议": "谈心谈话",
                    "了解生活困难": "困难帮扶"}
CONTENT_PREFIX = "走访内容："


class VisitDialog(FormDialog):
    def __init__(self, ctx, member_id: int, parent=None, today: date | None = None,
                 visit_id: int | None = None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.visit_id, self.editing = visit_id, visit_id is not None
        self._other_notes = ""
        today = today or date.today()
        stored, already, info, visitors = self._read(today)
        self.setWindowTitle(f"{'修改走访' if self.editing else '记录走访'} — {info.name}")

        # the sections in the order of the paper form, so the eye moves down both together
        top = self._when_and_who(today, visitors)
        member_box = self._member_box(info)
        materials = self._materials_box(already)
        content = self._content_box()
        notes = self._notes_box()

        blay = self.body_layout
        blay.addLayout(top)
        blay.addWidget(hint("一、二：党员情况与上次走访（同登记表）"))
        blay.addWidget(member_box)
        blay.addWidget(materials)
        blay.addWidget(content)
        blay.addWidget(notes)
        blay.addStretch(1)
        if stored is not None:
            self.set_input(stored)
        self.add_cancel()
        self.save_button = self.add_button("保存走访记录", self.save, primary=True)
        self.want_size(880, 600)

    def _read(self, today: date):
        """Everything the form shows, read in one short session (the dialog holds none): the
        stored visit when editing, what it already delivered, the member as printed, the
        pending hand-outs (kept as `self.pending`) and the people who may have visited."""
        ctx, member_id, visit_id = self.ctx, self.member_id, self.visit_id
        stored, already = None, []
        with ctx.db.session() as s:
            if visit_id is not None:
                stored = visits.visit_input(s, visit_id)
                already = visits.delivered_by(s, visit_id)
            info = checklist_data(s, [member_id], today).members[0]
            self.pending = handouts.pending_handouts(s, ctx.branch_id, member_ids=[member_id])
            vols = volunteers.volunteers(s, ctx.branch_id)
            helpers = [r for r in pairings.member_pairs(s, member_id)
                       if r.helped_id == member_id and r.active_on(today)]
            secretary = (s.get(Branch, ctx.branch_id).secretary or "") if ctx.branch_id else ""
        # (label, (kind, name, volunteer id, helper member id)): secretary, pair, volunteers
        visitors = []
        if secretary:
            visitors.append((f"{secretary}（支部书记）", ("支部书记", secretary, None, None)))
        visitors += [(f"{h.helper_name}（结对党员）", ("结对党员", h.helper_name, None, h.helper_id))
                     for h in helpers]
        visitors += [(f"{v.name}（{v.kind}）", (v.kind, v.name, v.volunteer_id, None)) for v in vols]
        return stored, already, info, visitors

    def _when_and_who(self, today: date, visitors) -> QGridLayout:
        """The form's head line: date, visitor (those who usually come, or any name typed) and
        the visitor's kind, which follows the chosen visitor."""
        self.when = DateField()
        self.when.set_value(today)
        self.visitor = QComboBox()
        self.visitor.setEditable(True)
        self.visitor.lineEdit().setPlaceholderText("走访人姓名")
        for label, data in visitors:
            self.visitor.addItem(label, data)
        self.kind = choice_box(VISITOR_KINDS)
        self.visitor.currentIndexChanged.connect(self._visitor_chosen)
        self._visitor_chosen()

        top = QGridLayout()
        top.addWidget(QLabel("走访日期 *"), 0, 0)
        top.addWidget(self.when, 0, 1)
        top.addWidget(QLabel("走访人 *"), 0, 2)
        top.addWidget(self.visitor, 0, 3)
        top.addWidget(QLabel("类别"), 0, 4)
        top.addWidget(self.kind, 0, 5)
        top.setColumnStretch(3, 1)
        return top

    @staticmethod
    def _member_box(info) -> QLabel:
        """Sections 一 and 二 of the paper form: the member and the last visit, to read only."""
        age = f"，{info.age}岁" if info.age is not None else ""
        last = (f"{info.last_visit_date:%Y-%m-%d}　{info.last_visitor}" if info.last_visit_date
                else "从未走访")
        lines = [f"{info.name}（{info.gender}{age}）　{info.mobility}　{info.living}",
                 f"住址：{info.community}　{info.address}　电话：{info.phone or '未填'}",
                 f"结对帮扶人：{info.helper or '无'}　上次走访：{last}"]
        if info.last_requests:
            lines.append(f"上次诉求：{info.last_requests}")
        if info.open_follow_ups:
            lines.append("未办结：" + "；".join(info.open_follow_ups))
        member_box = QLabel("\n".join(lines))
        member_box.setWordWrap(True)
        return member_box

    def _materials_box(self, already: list[str]) -> QGroupBox:
        """三: the pending hand-outs to tick as delivered; when editing, those this visit
        already delivered show ticked and greyed, as they are recorded already."""
        self.handout_boxes: list[tuple[QCheckBox, int]] = []
        materials = QGroupBox("三、送到的资料（勾选的将标记为已送达）")
        mlay = QVBoxLayout(materials)
        for label in already:
            box = QCheckBox(f"{label}（本次走访已送达）")
            box.setChecked(True)
            box.setEnabled(False)
            mlay.addWidget(box)
        for row in self.pending:
            box = QCheckBox(f"{row.material_label}（{row.issued_date:%Y-%m-%d} 发放）")
            self.handout_boxes.append((box, row.handout_id))
            mlay.addWidget(box)
        if self.pending:
            mlay.addWidget(button("全部送到", self._all_delivered))
        elif not already:
            mlay.addWidget(QLabel("没有待送达的资料"))
        return materials

    def _content_box(self) -> QGroupBox:
        """四: the paper form's six tick boxes, then the visit's purposes (which the figures
        count); ticking a box that is also a purpose ticks the purpose too."""
        content = QGroupBox("四、本次走访内容（与登记表相同）")
        clay = QGridLayout(content)
        self.content_boxes = {}
        for i, item in enumerate(TICK_ITEMS):
            box = QCheckBox(item)
            box.toggled.connect(lambda on, it=item: self._content_ticked(it, on))
            self.content_boxes[item] = box
            clay.addWidget(box, i // 3, i % 3)
        clay.addWidget(QLabel("走访事由（可多选）："), 2, 0, 1, 3)
        self.purpose_boxes = {}
        for i, purpose in enumerate(VISIT_PURPOSES):
            box = QCheckBox(purpose)
            self.purpose_boxes[purpose] = box
            clay.addWidget(box, 3 + i // 4, i % 4)
        return content

    def _notes_box(self) -> QGroupBox:
        """五: the four hand-written blanks of the form, and whether the follow-up is done."""
        notes = QGroupBox("五、走访记录")
        nlay = QGridLayout(notes)
        self.health, self.mood, self.requests, self.follow_up = (
            self._text(), self._text(), self._text(), self._text())
        for i, (label, widget) in enumerate((("身体状况", self.health), ("思想状况", self.mood),
                                             ("诉求", self.requests),
                                             ("处理意见", self.follow_up))):
            nlay.addWidget(QLabel(label), i, 0)
            nlay.addWidget(widget, i, 1)
        self.follow_done = QCheckBox("处理意见已办结")
        nlay.addWidget(self.follow_done, 4, 1)
        return notes

    @staticmethod
    def _text() -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setFixedHeight(style.px(64))
        return box

    def _visitor_chosen(self) -> None:
        data = self.visitor.currentData()
        if data:
            self.kind.setCurrentIndex(max(self.kind.findData(data[0]), 0))

    def _all_delivered(self) -> None:
        for box, _hid in self.handout_boxes:
            box.setChecked(True)
        self.content_boxes["送达学习资料"].setChecked(True)

    def _content_ticked(self, item: str, on: bool) -> None:
        purpose = PAPER_TO_PURPOSE.get(item)
        if purpose and on:
            self.purpose_boxes[purpose].setChecked(True)

    def set_input(self, data: visits.VisitInput) -> None:
        """Show a stored visit (修改走访)."""
        self.when.set_value(data.date)
        index = next((i for i in range(self.visitor.count())
                      if (d := self.visitor.itemData(i)) and d[1] == data.visitor_name
                      and d[0] == data.visitor_kind), -1)
        if index >= 0:
            self.visitor.setCurrentIndex(index)
        else:
            self.visitor.setEditText(data.visitor_name)
        self.kind.setCurrentIndex(max(self.kind.findData(data.visitor_kind), 0))
        for purpose, box in self.purpose_boxes.items():
            box.setChecked(purpose in data.purposes)
        first, _nl, rest = data.notes.partition("\n")
        if first.startswith(CONTENT_PREFIX):
            ticked = first[len(CONTENT_PREFIX):].split("、")
            for item, box in self.content_boxes.items():
                box.blockSignals(True)
                box.setChecked(item in ticked)
                box.blockSignals(False)
            self._other_notes = rest
        else:
            self._other_notes = data.notes
        self.health.setPlainText(data.health)
        self.mood.setPlainText(data.mood)
        self.requests.setPlainText(data.requests)
        self.follow_up.setPlainText(data.follow_up)
        self.follow_done.setChecked(data.follow_up_done)

    def get_input(self) -> visits.VisitInput:
        try:
            day, _m = self.when.value()
        except ValueError as exc:
            raise visits.VisitError([f"走访日期：{exc}"]) from None
        text = self.visitor.currentText().strip()
        data = self.visitor.currentData()
        volunteer_id = helper_id = None
        name = text
        if data and self.visitor.itemText(self.visitor.currentIndex()) == text:
            _kind, name, volunteer_id, helper_id = data
        ticked_content = [t for t, b in self.content_boxes.items() if b.isChecked()]
        return visits.VisitInput(
            member_id=self.member_id, date=day, visitor_name=name,
            visitor_kind=self.kind.currentData(), volunteer_id=volunteer_id,
            helper_member_id=helper_id,
            purposes=[p for p, b in self.purpose_boxes.items() if b.isChecked()],
            handout_ids=[h for b, h in self.handout_boxes if b.isChecked()],
            health=self.health.toPlainText(), mood=self.mood.toPlainText(),
            requests=self.requests.toPlainText(), follow_up=self.follow_up.toPlainText(),
            follow_up_done=self.follow_done.isChecked(),
            notes="\n".join(x for x in (
                CONTENT_PREFIX + "、".join(ticked_content) if ticked_content else "",
                self._other_notes) if x),
        )

    def save(self) -> None:
        try:
            data = self.get_input()
            with self.ctx.db.session() as s:
                if self.editing:
                    visits.update_visit(s, self.visit_id, data)
                else:
                    self.visit_id = visits.record_visit(s, data)
        except visits.VisitError as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
