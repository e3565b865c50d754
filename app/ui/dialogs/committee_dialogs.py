"""The forms of the committee tab: 换届选举 (the whole committee elected on one day, the old posts
ending the day before) and one post — 增补, a correction, or 离任 (the same form with its end
date filled in). Each calls one use case of app.services.orglife.committee; its Chinese sentence
shows above the buttons when something is wrong, and nothing is saved then."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit

from app.errors import InputError
from app.services.orglife import committee
from app.ui.dialogs.orglife_dialogs import OrgForm, chosen_id, party_member_box
from app.ui.widgets import DateField, choice_box, hint
from app.vocab import COMMITTEE_POSTS, SECRETARY_POST, SHARED_POST

# the election form's rows: each post once, and two rows for 其他委员
ELECTION_ROWS = tuple(p for p in COMMITTEE_POSTS if p != SHARED_POST) + (SHARED_POST,) * 2


class ElectionDialog(OrgForm):
    """换届选举: who was elected to which post. A branch under 7 full members fills in the
    书记 only (and at most a 副书记)."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "换届选举", parent, save_text="保存选举结果", size=(640, 600))
        with ctx.db.session() as s:
            status = committee.committee_status(s, ctx.branch_id, date.today())
        self.elected = DateField()
        self.elected.set_value(date.today())
        self.form.addRow("选举日期 *", self.elected)
        self.boxes = []
        for post in ELECTION_ROWS:
            box = party_member_box(ctx, blank="（请选择）" if post == SECRETARY_POST else "（不设）",
                                   full_only=True)
            self.boxes.append((post, box))
            self.form.addRow(f"{post} *" if post == SECRETARY_POST else post, box)
        self.body_layout.insertWidget(0, hint(
            status.rule + "保存后，现任成员的任职在选举前一天结束，新一届从选举日期起任期三年。"))

    def chosen(self) -> list[tuple[str, int]]:
        picked = []
        for post, box in self.boxes:
            member_id, text = chosen_id(box), box.currentText().strip()
            if member_id is None and text and text != box.itemText(0):
                raise InputError(f"{post}：正式党员名单里没有“{text}”")
            if member_id is not None:
                picked.append((post, member_id))
        return picked

    def apply(self, session) -> None:
        committee.elect_committee(session, self.ctx.branch_id,
                                  self.day_of(self.elected, "选举日期"), self.chosen())


class PostDialog(OrgForm):
    """增补 a post in the current term, correct one, or record that its holder left it."""

    def __init__(self, ctx, post_id: int | None = None, leaving: bool = False, parent=None):
        title = "离任" if leaving else ("修改任职" if post_id else "增补支委")
        super().__init__(ctx, title, parent, size=(620, 480))
        self.post_id = post_id
        with ctx.db.session() as s:
            if post_id:
                row = next(p for p in committee.committee_posts(
                    s, ctx.branch_id, include_past=True) if p.post_id == post_id)
                data = committee.PostInput(row.member_id, row.post, row.from_date,
                                           row.until_date, row.elected_on, row.note)
            else:
                term = committee.committee_status(s, ctx.branch_id, date.today()).elected_on
                data = committee.PostInput(None, "其他委员", date.today(), None, term, "增补")
        self.member = party_member_box(ctx, data.member_id, blank="（请选择）", full_only=True)
        self.post = choice_box(COMMITTEE_POSTS, current=data.post)
        self.from_date = DateField()
        self.from_date.set_value(data.from_date)
        self.elected = DateField()
        self.elected.set_value(data.elected_on)
        self.until = DateField("仍在任就空着")
        self.until.set_value(data.until_date or (date.today() if leaving else None))
        self.note = QLineEdit(data.note)
        for label, w in (("党员 *", self.member), ("职务 *", self.post),
                         ("任职日期 *", self.from_date), ("本届选举日期 *", self.elected),
                         ("离任日期", self.until), ("备注", self.note)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint(
            "“本届选举日期”是这一届换届选举的日期，任期从这一天算起三年；增补的委员也填这一天。"))
        if leaving:
            self.until.setFocus()
            self.until.selectAll()

    def apply(self, session) -> None:
        data = committee.PostInput(
            chosen_id(self.member), self.post.currentData(),
            self.day_of(self.from_date, "任职日期"), self.day_of(self.until, "离任日期"),
            self.day_of(self.elected, "本届选举日期"), self.note.text())
        self.post_id = committee.set_post(session, self.ctx.branch_id, data, self.post_id)
