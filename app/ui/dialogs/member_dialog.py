"""One member: the roster form (基本信息, app/ui/dialogs/member_form.py) and, for an existing
member, a tab per area of work."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea, QTabWidget

from app.services import members as svc
from app.ui import messages, style
from app.ui.dialogs.form_dialog import FormDialog, form_values
from app.ui.dialogs.member_form import MemberForm
from app.ui.dialogs.member_tabs import MEMBER_TABS


class MemberDialog(FormDialog):
    """New member (member_id None) or an existing one with every area's tab."""

    def __init__(self, ctx, member_id: int | None, parent=None):
        super().__init__(parent, scroll=False)  # 基本信息 scrolls inside its tab
        self.ctx, self.member_id = ctx, member_id
        self.form = MemberForm()
        if member_id is not None:
            with ctx.db.session() as s:
                data = svc.member_input(s, member_id)
            self.form.set_input(data)
            self.setWindowTitle(f"党员信息 — {data.name}")
        else:
            self.form.set_input(svc.MemberInput())
            self.setWindowTitle("新增党员")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "基本信息")
        if member_id is not None:
            for title, target in MEMBER_TABS:
                module_name, class_name = target.split(":")
                cls = getattr(importlib.import_module(module_name), class_name)
                self.tabs.addTab(cls(ctx, member_id), title)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.tabs, 1)
        self.add_cancel()
        self.add_button("保存", self.save, primary=True)
        self.want_size(1060, 720)

    def current_values(self) -> list:
        # only the roster form is edited here; the other tabs list and act on their own
        return form_values(self.form)

    def wanted_size(self):
        # the form sits in its own scroll area (the tab bar stays put), so ask for its full size
        size = super().wanted_size()
        around = size - self.body.sizeHint()  # margins, button row, scroll bar
        tab_bar = self.tabs.tabBar().sizeHint().height() + style.px(24)
        form = self.form.sizeHint()
        return size.expandedTo(QSize(form.width() + around.width() + style.px(24),
                                     form.height() + around.height() + tab_bar))

    def save(self) -> None:
        try:
            data = self.form.get_input()
            with self.ctx.db.session() as s:
                if self.member_id is None:
                    self.member_id = svc.add_member(s, self.ctx.branch_id, data)
                else:
                    svc.update_member(s, self.member_id, data)
        except svc.MemberError as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
