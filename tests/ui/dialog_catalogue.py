"""Every dialog of the program, opened on the demo data: one place that lists them, so the fit
test and the screenshot script see the same set (a new dialog is added here once).

Each entry is (name, factory); a factory takes (ctx, parent, tmp_path) and returns the dialog,
built but not shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QTabWidget
from sqlalchemy import select

from app.models import Member, StudyEvent, Visit
from app.services import suggestions, volunteers

# a 1366 × 768 screen less a 40 px taskbar: the commonest township laptop
AREA = QRect(0, 0, 1366, 728)


def _member_id(ctx, with_visit: bool = False) -> int:
    with ctx.db.session() as s:
        if with_visit:
            return s.scalar(select(Visit.member_id).order_by(Visit.id))
        return s.scalar(select(Member.id).where(Member.branch_id == ctx.branch_id)
                        .order_by(Member.id))


def _first(ctx, model) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(model.id).order_by(model.id))


def _member(ctx, parent, _tmp, existing: bool):
    from app.ui.dialogs.member_dialog import MemberDialog

    return MemberDialog(ctx, _member_id(ctx) if existing else None, parent)


def _visit(ctx, parent, _tmp, existing: bool):
    from app.ui.dialogs.visit_dialog import VisitDialog

    if existing:
        visit_id = _first(ctx, Visit)
        with ctx.db.session() as s:
            member_id = s.get(Visit, visit_id).member_id
        return VisitDialog(ctx, member_id, parent, visit_id=visit_id)
    return VisitDialog(ctx, _member_id(ctx, with_visit=True), parent)


def _event(ctx, parent, _tmp, existing: bool):
    from app.ui.dialogs.event_dialog import EventDialog

    return EventDialog(ctx, _first(ctx, StudyEvent) if existing else None, parent=parent)


def _year(ctx, parent, _tmp):
    from app.ui.dialogs.event_dialog import YearDialog

    return YearDialog(ctx, parent)


def _status(ctx, parent, _tmp):
    from app.ui.dialogs.status_dialog import StatusDialog

    return StatusDialog(ctx, _member_id(ctx), parent)


def _material(ctx, parent, _tmp):
    from app.ui.dialogs.material_dialog import MaterialDialog

    return MaterialDialog(ctx, None, parent)


def _care(name):
    def make(ctx, parent, _tmp):
        from app.ui.dialogs import care_dialogs as cd

        if name == "pairing":
            return cd.PairingDialog(ctx, parent=parent)
        if name == "volunteer":
            with ctx.db.session() as s:
                rows = volunteers.volunteers(s, ctx.branch_id)
            return cd.VolunteerDialog(ctx, rows[0] if rows else None, parent)
        if name == "suggestion":
            with ctx.db.session() as s:
                rows = suggestions.suggestions(s, ctx.branch_id)
            return cd.SuggestionDialog(ctx, rows[0].suggestion_id if rows else None, parent)
        if name == "interval":
            return cd.IntervalDialog(ctx, [_member_id(ctx)], "张三、李四", 30, parent)
        return cd.AddToCareDialog(ctx, parent)
    return make


def _choose_member(ctx, parent, _tmp):
    from app.ui.pages.care_tabs import ChooseMemberDialog

    return ChooseMemberDialog(ctx, parent)


def _picker(ctx, parent, _tmp):
    from app.ui.dialogs.member_picker import MemberPicker

    return MemberPicker(ctx, [_member_id(ctx)], parent)


def _user_name(_ctx, parent, _tmp):
    from app.ui.dialogs.user_name_dialog import UserNameDialog

    return UserNameDialog(parent)


def _import_preview(ctx, parent, tmp: Path):
    """A roster file with a bad row, warnings and 30 new people: every part of the preview."""
    from app.services.importing import preview_import
    from app.ui.dialogs.import_dialog import ImportReportDialog
    from tests.unit.import_files import WANG, ZHANG, person, write_xlsx

    rows = [person(1, "张建国", idn=ZHANG), person(2, "王秀英", "女", "1941.02", WANG),
            person(3, "", "男", "1945.07"), person(4, "李明", birth="1945年7月", idn="4.10102E+17")]
    rows += [person(5 + i, f"测试{i:02d}", birth=f"19{40 + i % 10}.03") for i in range(30)]
    path = write_xlsx(tmp / "城关镇花名册.xlsx", rows)
    with ctx.db.session() as s:
        preview = preview_import(s, path, ctx.branch_id)
    return ImportReportDialog(preview.report, parent)


def _checklist(ctx, parent, tmp: Path):
    from app.services import care
    from app.ui.dialogs.checklist_dialog import ChecklistDialog

    with ctx.db.session() as s:
        ids = list(s.scalars(select(Member.id).where(Member.branch_id == ctx.branch_id)
                             .order_by(Member.id).limit(3)))
        result = care.print_visits(s, ids, tmp / "走访登记表.pdf", date(2026, 11, 20))
    return ChecklistDialog(Path(result["path"]), result["members"], result["pages"], parent)


def _route_order(ctx, parent, _tmp):
    from app.ui.dialogs.route_order_dialog import RouteOrderDialog

    return RouteOrderDialog(ctx, parent)


def _dues(name):
    """The 党费 page's forms on the demo branch's first member behind with dues."""
    def make(ctx, parent, tmp: Path):
        from app.services import dues
        from app.ui.dialogs import dues_dialogs as dd

        with ctx.db.session() as s:
            member_id = dues.members_behind(s, ctx.branch_id, date(2026, 11, 20))[0].member_id
            paid = dues.payments_of(s, member_id)
        if name == "pay":
            return dd.PaymentDialog(ctx, member_id, 2026, parent, months=8)
        if name == "reverse":
            return dd.ReverseDialog(ctx, paid[-1].id, parent)
        if name == "base":
            return dd.BaseDialog(ctx, member_id, 2026, parent)
        return dd.ReductionDialog(ctx, member_id, 2026, parent)
    return make


def _bases_preview(ctx, parent, tmp: Path):
    """The finance office's sheet with good rows and bad ones: both kinds in the preview."""
    import openpyxl

    from app.services.dues.bases_import import import_bases
    from app.ui.dialogs.dues_import import BasesPreviewDialog

    with ctx.db.session() as s:
        names = list(s.scalars(select(Member.name).where(Member.branch_id == ctx.branch_id,
                                                         Member.is_party_member.is_(True))
                               .order_by(Member.id).limit(30)))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "基本离退休费", "特殊情况"])
    for i, name in enumerate(names):
        ws.append([name, 3000 + 37 * i, ""])
    ws.append(["不在册的人", 3000, ""])
    ws.append([names[0], "三千", ""])
    wb.save(tmp / "基数.xlsx")
    with ctx.db.session() as s:
        report = import_bases(s, tmp / "基数.xlsx", ctx.branch_id, 2027, dry_run=True,
                              today=date(2027, 1, 10))
    return BasesPreviewDialog(report, parent)


def _ledger_preview(ctx, parent, tmp: Path):
    from app.services.dues.printing import export_ledger
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog

    path = tmp / "党费收缴登记表.pdf"
    with ctx.db.session() as s:
        result = export_ledger(s, ctx.branch_id, 2026, path, today=date(2026, 11, 20))
    return PdfPreviewDialog(path, "党费收缴登记表", f"{result['members']} 人", parent)


def _minutes(ctx, parent, _tmp):
    """填写会议记录 on the demo's latest meeting held: 80 members' attendance under the form."""
    from app.ui.dialogs.minutes_dialog import MinutesDialog

    with ctx.db.session() as s:
        event_id = s.scalar(select(StudyEvent.id).where(
            StudyEvent.branch_id == ctx.branch_id, StudyEvent.date <= date(2026, 11, 20),
            StudyEvent.cancelled.is_(False)).order_by(StudyEvent.date.desc()).limit(1))
    return MinutesDialog(ctx, event_id, parent)


def _meeting_kinds(ctx, parent, _tmp):
    from app.ui.dialogs.minutes_dialog import KindsDialog

    return KindsDialog(ctx, parent)
def _orglife(name):
    """The 组织生活 tabs' forms on the demo branch (its committee, talks and 整改清单)."""
    def make(ctx, parent, _tmp):
        from app.models import CommitteePost, RectifyItem, Talk
        from app.ui.dialogs import committee_dialogs as cd
        from app.ui.dialogs import orglife_dialogs as od

        if name == "talk":
            return od.TalkDialog(ctx, member_id=_member_id(ctx), parent=parent)
        if name == "talk_edit":
            return od.TalkDialog(ctx, _first(ctx, Talk), parent=parent)
        if name == "election":
            return cd.ElectionDialog(ctx, parent)
        if name == "post":
            return cd.PostDialog(ctx, parent=parent)
        if name == "leave":
            return cd.PostDialog(ctx, _first(ctx, CommitteePost), leaving=True, parent=parent)
        if name == "exclusion":
            return od.ExclusionDialog(ctx, year=2026, parent=parent)
        if name == "rectify":
            return od.RectifyDialog(ctx, year=2026, parent=parent)
        return od.RectifyDialog(ctx, _first(ctx, RectifyItem), finishing=True, parent=parent)
    return make
def _follow_up(ctx, parent, _tmp):
    """组织处置 for the demo branch's first full member, its 2026 appraisal started here."""
    from app.services.orglife import appraisal
    from app.ui.dialogs.appraisal_dialogs import FollowUpDialog

    with ctx.db.session() as s:
        info = appraisal.appraisal_of(s, ctx.branch_id, 2026) or appraisal.start_appraisal(
            s, ctx.branch_id, 2026, date(2026, 11, 20))
    first = info.graded[0]
    return FollowUpDialog(ctx, 2026, first.member_id, first.name, "不合格",
                          "支部书记谈话提醒，限期三个月改正", parent)
def _hardship(existing: bool):
    """登记 / 修改困难党员 on the demo branch's register (the demo fills three)."""
    def make(ctx, parent, _tmp):
        from app.services.care_calendar import hardship
        from app.ui.dialogs.hardship_dialog import HardshipDialog

        year = date.today().year
        if existing:
            with ctx.db.session() as s:
                rows = hardship.hardship_rows(s, ctx.branch_id, 2026, date(2026, 11, 20))
            return HardshipDialog(ctx, 2026, rows[0].record_id, parent)
        return HardshipDialog(ctx, year, parent=parent)
    return make


def _hardship_preview(ctx, parent, tmp: Path):
    from app.services.care_calendar.hardship import print_hardship
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog

    path = tmp / "困难党员登记表.pdf"
    with ctx.db.session() as s:
        result = print_hardship(s, ctx.branch_id, 2026, path, date(2026, 11, 20))
    return PdfPreviewDialog(path, "困难党员登记表", f"{result['members']} 人", parent)


def _honours(name):
    """The 评先评优 page's forms on the demo branch's 2026 (made on 2026-11-20)."""
    def make(ctx, parent, _tmp):
        from app.services.yearend import contests, honours
        from app.ui.dialogs import honour_dialogs as hd

        with ctx.db.session() as s:
            models = honours.study_models(s, ctx.branch_id, 2026)
            quiz = next(c for c in contests.contests_of_year(s, ctx.branch_id, 2026)
                        if c.kind == "知识竞答")
            entry = contests.entries_of_contest(s, quiz.id)[0]
        if name == "study":
            return hd.HonourDialog(ctx, 2026, None, parent, study=True)
        if name == "add":
            return hd.HonourDialog(ctx, 2026, None, parent)
        if name == "edit":
            return hd.HonourDialog(ctx, 2026, models[0].id, parent)
        if name == "recommend":
            return hd.RecommendDialog(ctx, 2026, models[0].member_id, parent)
        if name == "outcome":
            return hd.OutcomeDialog(ctx, 2026, parent)
        if name == "contest":
            return hd.ContestDialog(ctx, 2026, quiz.id, parent)
        return hd.EntryDialog(ctx, quiz.id, entry.id, parent)
    return make


def _year_notes(ctx, parent, _tmp):
    from app.ui.dialogs.year_notes_dialog import YearNotesDialog

    return YearNotesDialog(ctx, 2026, parent)
def _signatures(ranking: bool):
    """The 支部自评 page's signature form: for the 自评表, or for the township's ranking."""
    def make(_ctx, parent, tmp):
        from app.ui.dialogs.assessment_dialogs import SignaturesDialog

        if not ranking:
            return SignaturesDialog(parent, maker="李秀兰")
        chosen = [Path(tmp) / f"城关镇第{n}支部_支部自评表_2026年度.xlsx" for n in range(1, 13)]
        return SignaturesDialog(parent, maker="王站长", unit="城关镇老干部服务站",
                                files=chosen, title="汇总排名（乡镇）")
    return make


DIALOGS = [
    ("新增党员", lambda c, p, t: _member(c, p, t, False)),
    ("党员信息（查看 / 修改）", lambda c, p, t: _member(c, p, t, True)),
    ("人员状态", _status),
    ("记录走访", lambda c, p, t: _visit(c, p, t, False)),
    ("修改走访", lambda c, p, t: _visit(c, p, t, True)),
    ("新建学习活动", lambda c, p, t: _event(c, p, t, False)),
    ("修改学习活动", lambda c, p, t: _event(c, p, t, True)),
    ("生成全年集中学习日", _year),
    ("新增资料", _material),
    ("新增老老结对", _care("pairing")),
    ("修改志愿者", _care("volunteer")),
    ("修改建言献策", _care("suggestion")),
    ("调整走访周期", _care("interval")),
    ("加入关怀名单", _care("add")),
    ("新增走访：选择党员", _choose_member),
    ("选择党员", _picker),
    ("请问您是哪一位", _user_name),
    ("导入花名册预览", _import_preview),
    ("走访登记表预览", _checklist),
    ("走访路线顺序", _route_order),
    ("登记交费", _dues("pay")),
    ("冲正", _dues("reverse")),
    ("缴费基数", _dues("base")),
    ("减免党费", _dues("reduction")),
    ("导入缴费基数预览", _bases_preview),
    ("党费收缴登记表预览", _ledger_preview),
    ("填写会议记录", _minutes),
    ("本支部开展的会议", _meeting_kinds),
    ("登记谈心谈话", _orglife("talk")),
    ("修改谈心谈话", _orglife("talk_edit")),
    ("换届选举", _orglife("election")),
    ("增补支委", _orglife("post")),
    ("离任", _orglife("leave")),
    ("不计入表决人数", _orglife("exclusion")),
    ("新增整改事项", _orglife("rectify")),
    ("整改完成", _orglife("rectify_done")),
    ("组织处置", _follow_up),
    ("登记困难党员", _hardship(False)),
    ("修改困难党员登记", _hardship(True)),
    ("困难党员登记表预览", _hardship_preview),
    ("评选学习先进", _honours("study")),
    ("新增荣誉", _honours("add")),
    ("修改荣誉（学习先进的事迹）", _honours("edit")),
    ("推荐参评市十佳学习型老干部", _honours("recommend")),
    ("市十佳评选结果", _honours("outcome")),
    ("修改竞赛活动", _honours("contest")),
    ("修改参加情况（知识竞答）", _honours("entry")),
    ("年度工作计划和工作总结", _year_notes),
    ("导出自评表", _signatures(False)),
    ("汇总排名（乡镇）", _signatures(True)),
]


def _inside_scroll(widget, dialog):
    """The scroll area (below `dialog`) whose content holds `widget`, or None."""
    w = widget.parentWidget()
    while w is not None and w is not dialog:
        if isinstance(w, QAbstractScrollArea):
            return w
        w = w.parentWidget()
    return None


def fit_problems(dialog, area: QRect = AREA) -> list[str]:
    """What is wrong with a shown dialog on `area`: too big, off the area, a button out of view
    (a button in a scrolled form must at least lie inside the form, reachable by scrolling)."""
    from app.ui.dialogs.form_dialog import FRAME_HEIGHT, FRAME_WIDTH

    name = dialog.windowTitle()
    problems = []
    frame = QRect(dialog.pos(), dialog.size().grownBy(QMargins(0, 0, FRAME_WIDTH, FRAME_HEIGHT)))
    if not area.contains(frame):
        problems.append(f"{name}：{dialog.width()}×{dialog.height()} 在 {frame.getRect()}，超出屏幕")
    for b in dialog.findChildren(QPushButton):
        if not b.isVisibleTo(dialog) or b.window() is not dialog:
            continue
        box = QRect(b.mapTo(dialog, QPoint(0, 0)), b.size())
        scroll = _inside_scroll(b, dialog)
        if scroll is None:
            if not dialog.rect().contains(box):
                problems.append(f"{name}：按钮“{b.text()}”{box.getRect()} 不在窗口里")
        elif not QRect(QPoint(0, 0), scroll.widget().size() if hasattr(scroll, "widget")
                       and scroll.widget() else scroll.viewport().size()).contains(
                QRect(b.mapTo(scroll.widget() or scroll.viewport(), QPoint(0, 0)), b.size())):
            problems.append(f"{name}：按钮“{b.text()}”在滚动区外")
    return problems


def tab_pages(dialog):
    """Each tab of each tab widget made current in turn (a button on a hidden tab is checked
    when its tab shows); yields nothing extra for a dialog without tabs."""
    for tabs in dialog.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            yield f"{tabs.tabText(i)}"
