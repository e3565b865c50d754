"""评先评优's print, A4 portrait: the 学习先进推荐表 (老干评优1表) — the year's 学习先进 with their
deeds and the one recommended to the city's 十佳学习型老干部 — then, on a new page, the year's
honours of members and of the branch and the members' contest entries (老干评优2表). Each
form carries 表号, 填报单位（盖章）, 填报日期 and 单位负责人 / 审核人 / 填表人; no ID number.
"""

from __future__ import annotations

from pathlib import Path

from app.dates import cn
from app.export.honours_sheets import FORM_HONOURS, FORM_RECOMMEND, HonoursPrint
from app.export.pdf_flow import TEXT_PT, Col, Flow

CITY = "市“十佳学习型老干部”"
MODEL_COLS = [Col("序号", 30, "center"), Col("姓名", 58, "center"), Col("性别", 32, "center"),
              Col("年龄", 34, "center"), Col("原工作单位及职务", 108), Col("主要事迹", 175),
              Col("推荐参评市十佳", 0, "center")]
HONOUR_COLS = [Col("序号", 30, "center"), Col("获奖对象", 84), Col("荣誉名称", 96),
               Col("级别", 42, "center"), Col("授予单位", 92), Col("授予日期", 88, "center"),
               Col("备注", 0)]
ENTRY_COLS = [Col("序号", 30, "center"), Col("姓名", 70, "center"), Col("作品或演讲题目", 220),
              Col("结果", 70, "center"), Col("备注", 0)]
QUIZ_COLS = [Col("序号", 30, "center"), Col("姓名", 70, "center"), Col("分数", 80, "center"),
             Col("结果", 70, "center"), Col("备注", 0)]


def _signatures(p: HonoursPrint) -> str:
    gap = "　" * 5
    return f"单位负责人：{gap}审核人：{gap}填表人：{p.maker or gap}"


def _recommend_form(flow: Flow, p: HonoursPrint) -> None:
    flow.form_heading(f"表　号：{FORM_RECOMMEND}", f"{p.branch}{p.year}年度学习先进推荐表",
                      f"填报单位（盖章）：{p.branch}", f"填报日期：{cn(p.made_on)}")
    rows = [[str(i), m.name, m.gender, m.age, m.unit, m.deeds, "推荐" if m.recommended else ""]
            for i, m in enumerate(p.models, start=1)]
    flow.table(MODEL_COLS, rows, f"{p.year}年度还没有评选学习先进", "学习先进推荐表（续）")
    flow.space(14)
    if p.recommended:
        outcome = {"当选": "，已当选", "未当选": "，未当选"}.get(p.outcome, "")
        flow.paragraph(f"本支部推荐{p.recommended}参评{p.year}年度{CITY}{outcome}。")
        if p.reasons:
            flow.paragraph(f"推荐理由：{p.reasons}", indent=TEXT_PT * 2)
    else:
        flow.paragraph(f"本支部{p.year}年度没有推荐党员参评{CITY}。")
    flow.space(10)
    flow.paragraph(f"支部意见：{'　' * 20}（盖章）")
    flow.signatures(_signatures(p))


def _honours_form(flow: Flow, p: HonoursPrint) -> None:
    flow.form_heading(f"表　号：{FORM_HONOURS}", f"{p.branch}{p.year}年度党员和党支部受表彰及参加竞赛活动情况",
                      f"填报单位（盖章）：{p.branch}", f"填报日期：{cn(p.made_on)}")
    flow.caption(f"一、受表彰情况（{len(p.honours)} 项）")
    flow.table(HONOUR_COLS, [[str(i), h.holder, h.name, h.level, h.conferred_by, h.conferred_on,
                              h.note] for i, h in enumerate(p.honours, start=1)],
               f"{p.year}年度没有登记受表彰情况", "一、受表彰情况（续）")
    flow.space(12)
    flow.caption(f"二、参加竞赛活动情况（{len(p.contests)} 项，{p.entries} 人次）")
    if not p.contests:
        flow.paragraph(f"{p.year}年度没有登记竞赛活动。")
    for n, c in enumerate(p.contests, start=1):
        about = "，".join(t for t in (c.kind, c.held_on, c.organiser) if t)
        flow.caption(f"{n}. {c.name}（{about}）")
        rows = [[str(i), e.name, e.score if c.quiz else e.title, e.result, e.note]
                for i, e in enumerate(c.entries, start=1)]
        flow.table(QUIZ_COLS if c.quiz else ENTRY_COLS, rows, "没有登记参加的党员",
                   f"{n}. {c.name}（续）")
        flow.space(8)
    flow.signatures(_signatures(p))


def write_honours_pdf(p: HonoursPrint, path: str | Path) -> int:
    """Both forms to `path` (atomically); returns the number of pages."""
    flow = Flow(f"{p.branch}{p.year}年度评先评优")
    _recommend_form(flow, p)
    _honours_form(flow, p)
    return flow.write(path)
