"""The ledger book's parts 7–9 as plain data (app.export.ledger_book_data): 服务群众及关怀帮扶情况
(visits, 送学上门, the care calendar's festival visits and hardship help), 谈心谈话情况 (the
talks and the year's coverage) and 综合材料 (the year's plan and summary, the 民主评议 results,
the 整改清单)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.dates import cn
from app.export.ledger_book_data import Facts, Part, Passage, Table
from app.services.attendance import DOOR
from app.services.care_calendar.ledger_part import (
    HARDSHIP_HEADERS,
    festival_visits_of_year,
    hardship_help_of_year,
)
from app.services.orglife.appraisal import appraisal_of
from app.services.orglife.coverage import talks_coverage
from app.services.orglife.meetings import year_meetings
from app.services.orglife.rectify import rectify_items
from app.services.orglife.talks import talks_in_year
from app.services.visits import visit_rows
from app.services.yearend.year_notes import year_notes
from app.vocab import APPRAISAL_GRADES


def _visits(visits) -> Table:
    rows = [(str(i), cn(v.date), v.member_name, f"{v.visitor_name}（{v.visitor_kind}）"
             if v.visitor_name else v.visitor_kind, v.purposes, v.requests,
             "：".join(t for t in (v.follow_up, v.follow_up_state.lstrip("✔✘ ")) if t))
            for i, v in enumerate(visits, start=1)]
    return Table(f"（二）走访记录（{len(rows)} 次）",
                 ("序号", "日期", "走访对象", "走访人", "事由", "诉求", "处理情况"),
                 (0.6, 1.7, 1, 1.6, 1.5, 1.6, 1.6), rows, "本年没有登记走访",
                 centred=(0, 1, 2))


def part_care(session: Session, branch_id: int, year: int, today: date) -> Part:
    """7. 服务群众及关怀帮扶情况: the year's visits (送学上门 among them, and the study taken
    home at each event), the festival visits and the 困难党员 register."""
    visits = visit_rows(session, branch_id, start=date(year, 1, 1),
                        end=date(year, 12, 31))[::-1]
    door_visits = sum(DOOR in v.purposes for v in visits)
    at_home = sum(m.event.delivered for m in year_meetings(session, branch_id, year))
    festivals = festival_visits_of_year(session, branch_id, year)
    lines = [("上门走访", f"{len(visits)} 次，走访 {len({v.member_id for v in visits})} 人"),
             ("送学上门", f"走访中送学上门 {door_visits} 次；学习活动中送学上门 {at_home} 人次")]
    lines += [(f"{f.festival}慰问", f"应慰问 {f.members} 人，已慰问 {f.visited} 人（{f.window}）")
              for f in festivals.summaries]
    hardship = hardship_help_of_year(session, branch_id, year, today)
    return Part(7, "服务群众及关怀帮扶情况", [
        Facts("（一）全年概况", lines),
        _visits(visits),
        Table(f"（三）节日慰问（{len(festivals.rows)} 人次）", festivals.headers,
              (1, 1.1, 2.6, 1.7, 1.3), festivals.rows, f"{year}年没有需要慰问的党员",
              centred=(0, 1, 3)),
        Table(f"（四）困难党员帮扶（{len(hardship)} 人）", HARDSHIP_HEADERS,
              (1, 0.6, 0.6, 1.3, 2, 1.6, 2, 1.5), hardship, f"{year}年没有登记困难党员",
              centred=(0, 1, 2, 3, 7)),
    ])


def part_talks(session: Session, branch_id: int, year: int, today: date) -> Part:
    """8. 谈心谈话情况: the year's talks, oldest first, and who was not talked with."""
    talks = talks_in_year(session, branch_id, year)[::-1]
    coverage = talks_coverage(session, branch_id, year, today)
    share = f"{coverage.covered * 100 // coverage.members} %" if coverage.members else "—"
    facts = Facts(f"（一）覆盖情况（截至{cn(coverage.as_of)}）", [
        ("党员人数", f"{coverage.members} 人"),
        ("已谈心谈话", f"{coverage.covered} 人（{share}，上门走访时谈心谈话的计入）"),
        ("尚未谈话", "、".join(r.name for r in coverage.missing) or "无")])
    rows = [(str(i), cn(t.date), t.talker_name, t.member_name, t.how, t.topic, t.opinions,
             t.follow_up) for i, t in enumerate(talks, start=1)]
    return Part(8, "谈心谈话情况", [facts, Table(
        f"（二）谈心谈话记录（{len(rows)} 次）",
        ("序号", "日期", "谈话人", "谈话对象", "方式", "谈话内容", "意见建议", "落实情况"),
        (0.6, 1.7, 1, 1, 0.7, 1.8, 1.6, 1.6), rows, f"{year}年没有登记谈心谈话",
        centred=(0, 1, 2, 3, 4))])


def _appraisal(session: Session, branch_id: int, year: int) -> list:
    info = appraisal_of(session, branch_id, year)
    if info is None:
        return [Passage("（三）民主评议党员", f"{year}年度的民主评议党员还没有开展。")]
    counts = "，".join(f"{g} {n} 人" for g, n in info.counts.items())
    lines = [("评议日期", cn(info.held_on)),
             ("参加评议", (f"正式党员 {len(info.graded)} 人，预备党员 {len(info.probationary)} 人，"
                       f"不参加 {len(info.excluded)} 人")),
             ("评定结果", counts + (f"；未评定 {len(info.ungraded)} 人" if info.ungraded else ""))]
    if info.ballots_issued is not None:
        lines.append(("选票", f"发出 {info.ballots_issued} 张，收回 {info.ballots_returned or 0} 张"))
    rows = [(str(i), p.name, p.role, *(("", "", "", "") if p.votes is None else
                                       tuple(str(v) for v in p.votes)),
             p.grade or "", p.reason or p.follow_up)
            for i, p in enumerate(info.participants, start=1)]
    return [Facts("（三）民主评议党员", lines),
            Table("民主评议党员结果", ("序号", "姓名", "参评", *(f"{g}票" for g in APPRAISAL_GRADES),
                                  "等次", "说明"),
                  (0.6, 1, 0.8, 0.9, 0.9, 1.1, 1, 1, 1.6), rows, "没有参加评议的党员",
                  centred=(0, 1, 2, 3, 4, 5, 6, 7))]


def part_materials(session: Session, branch_id: int, year: int, today: date) -> Part:
    """9. 综合材料: the year's plan and summary as written, the 民主评议 results, the 整改清单
    (the year's items and older ones still open)."""
    notes = year_notes(session, branch_id, year)
    missing = "（还没有填写：在“报表”页点“编辑年度计划和总结…”填写，或用 zhibu year-notes）"
    items = rectify_items(session, branch_id, year)
    rows = [(str(i), str(r.year), r.problem, r.measure, r.responsible, cn(r.deadline),
             r.state(today), "：".join(t for t in (cn(r.done_on) if r.done_on else "",
                                                   r.progress) if t))
            for i, r in enumerate(items, start=1)]
    return Part(9, "综合材料", [
        Passage(f"（一）{year}年度工作计划", notes.plan or missing),
        Passage(f"（二）{year}年度工作总结", notes.summary or missing),
        *_appraisal(session, branch_id, year),
        Table(f"（四）整改清单（{len(rows)} 项）",
              ("序号", "年度", "问题", "整改措施", "责任人", "时限", "状态", "完成情况"),
              (0.6, 0.7, 2, 2, 1, 1.7, 0.9, 1.6), rows, f"{year}年没有整改事项",
              centred=(0, 1, 4, 5, 6)),
    ])
