"""The audit log: who changed which field of a member, attendance, hand-out, visit, the party
dues (基数, 减免, 收缴), organisation life (谈心谈话, 支委任职, 不计入表决, 整改事项), the annual
appraisal (a member's votes and grade), the 困难党员 register or 评先评优 (荣誉, 学习竞赛 and
their entries, the recommendation to the city), old → new.

Installed on the session factory (`install(sessionmaker)`, done by app/db.py), so every service
is covered without calling anything. Entries are written on the same connection inside the
same transaction as the change: a change that rolls back leaves no entry behind.

Two kinds of change reach the database, and both are caught:
- unit-of-work changes (objects added, attributes set): `after_flush`, where the attribute
  history still holds the old values and new rows already have their ids;
- statements (`update(Handout)…`, `insert(Attendance)…`, `delete(…)`) through the session:
  `do_orm_execute`, which reads the rows the statement touches before and after it runs.
The user is the session's `info["user"]` (Database.user_name: the name asked once at start).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import event, inspect, select, tuple_
from sqlalchemy.orm import Session

from app import member_fields
from app.storage.bulk import insert_many
from app.models.audit import AuditEntry

# the tracked tables, by name: a change to a row of any of them is logged
TRACKED = frozenset({"member", "attendance", "handout", "visit", "dues_base", "dues_reduction",
                     "dues_payment", "talk", "committee_post", "vote_exclusion", "rectify_item",
                     "appraisal_member", "hardship", "honour", "contest", "contest_entry",
                     "city_recommendation"})


def _entity_of(obj) -> str | None:
    name = getattr(type(obj), "__tablename__", None)
    return name if name in TRACKED else None

ENTITY_LABELS = {"member": "党员信息", "attendance": "出勤", "handout": "资料发放",
                 "visit": "走访", "dues_base": "党费基数", "dues_reduction": "党费减免",
                 "dues_payment": "党费收缴", "talk": "谈心谈话", "committee_post": "支委任职",
                 "vote_exclusion": "不计入表决人数", "rectify_item": "整改事项",
                 "appraisal_member": "民主评议", "hardship": "困难党员", "honour": "荣誉",
                 "contest": "学习竞赛", "contest_entry": "参赛成绩",
                 "city_recommendation": "推荐市十佳", "export": "导出"}
_SKIP = {"id", "created_at", "updated_at", "search_key", "sort_order"}
# the columns of the other tracked tables; a member's fields are named by app/member_fields.py
_OTHER_LABELS = {
    "attendance": {"event_id": "活动", "member_id": "党员", "mark": "出勤", "reason": "原因"},
    "handout": {
        "material_id": "资料", "member_id": "党员", "issued_date": "发放日期", "method": "方式",
        "handled_by": "经手人", "status": "状态", "delivered_date": "送达日期", "visit_id": "走访",
        "returned_date": "交回日期", "score": "成绩", "notes": "备注",
    },
    "visit": {
        "member_id": "党员", "date": "日期", "visitor_name": "走访人", "visitor_kind": "走访人身份",
        "volunteer_id": "志愿者", "helper_member_id": "结对党员", "purposes": "事由",
        "delivered_note": "带去的资料", "health": "身体情况", "mood": "精神状态", "requests": "诉求",
        "follow_up": "跟进", "follow_up_done": "已办结", "follow_up_done_date": "办结日期",
        "notes": "备注",
    },
    "dues_base": {"member_id": "党员", "year": "年度", "base_fen": "缴费基数", "special": "特殊情况",
                  "note": "说明", "set_by": "填写人", "set_at": "填写时间"},
    "dues_reduction": {"member_id": "党员", "from_month": "起始月份", "to_month": "截止月份",
                       "monthly_fen": "减免后月交", "decided_on": "支部决定日期", "reason": "原因",
                       "set_by": "填写人", "set_at": "填写时间"},
    "dues_payment": {"member_id": "党员", "first_month": "所交月份起", "last_month": "所交月份止",
                     "amount_fen": "金额", "paid_on": "交纳日期", "how": "交纳方式",
                     "collector": "收缴人", "note": "备注", "over_six_confirmed": "超过6个月已确认",
                     "reverses_id": "冲正的收款", "recorded_by": "登记人", "recorded_at": "登记时间"},
    "talk": {"branch_id": "支部", "date": "谈话日期", "talker_id": "谈话人（党员）",
             "talker_name": "谈话人", "member_id": "谈话对象", "how": "谈话方式", "topic": "谈话内容",
             "opinions": "意见建议", "follow_up": "后续落实"},
    "committee_post": {"branch_id": "支部", "member_id": "党员", "post": "职务",
                       "from_date": "任职日期", "until_date": "离任日期",
                       "elected_on": "本届选举日期", "note": "备注"},
    "vote_exclusion": {"member_id": "党员", "year": "年度", "category": "类别", "reason": "原因",
                       "approved_by": "批准人", "approved_on": "批准日期"},
    "rectify_item": {"branch_id": "支部", "year": "年度", "problem": "问题", "measure": "整改措施",
                     "responsible": "责任人", "deadline": "整改时限", "progress": "完成情况",
                     "done_on": "完成日期"},
    "appraisal_member": {"appraisal_id": "评议", "member_id": "党员", "role": "参加情况",
                         "reason": "不参加的原因", "votes_excellent": "优秀票",
                         "votes_qualified": "合格票", "votes_basic": "基本合格票",
                         "votes_failed": "不合格票", "grade": "评定等次", "follow_up": "组织处置"},
    "hardship": {"member_id": "党员", "year": "年度", "situation": "困难状况及原因",
                 "measures": "帮扶措施", "posted_on": "公示日期", "notes": "备注"},
    "honour": {"branch_id": "支部", "member_id": "党员", "name": "荣誉名称", "level": "级别",
               "year": "年度", "conferred_by": "授予单位", "conferred_on": "授予日期",
               "note": "主要事迹", "recorded_by": "登记人"},
    "contest": {"branch_id": "支部", "name": "活动名称", "kind": "类别", "organiser": "主办单位",
                "held_on": "举办日期", "year": "年度", "full_marks": "满分", "note": "备注"},
    "contest_entry": {"contest_id": "竞赛活动", "member_id": "党员", "title": "作品或题目",
                      "result": "结果", "score_tenths": "成绩", "note": "备注"},
    "city_recommendation": {"branch_id": "支部", "year": "年度", "member_id": "党员",
                            "recommended_on": "推荐日期", "deeds": "推荐理由",
                            "outcome": "评选结果", "recorded_by": "登记人"},
}
_MONEY = {"base_fen", "monthly_fen", "amount_fen"}  # whole 分, shown as yuan: 75.00
_TENTHS = {"score_tenths"}  # a 知识竞答's points kept in tenths, shown as typed: 95.5
FIELD_LABELS = {"member": member_fields.LABEL, **_OTHER_LABELS}  # entity → column → label


def field_label(entity: str, key: str) -> str:
    return FIELD_LABELS.get(entity, {}).get(key, key)


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def value_text(key: str, value) -> str:
    """A stored value as the log shows it: amounts kept in 分 as yuan ("75.00"), a score kept
    in tenths as points ("95.5")."""
    if key in _MONEY and isinstance(value, int) and not isinstance(value, bool):
        sign = "-" if value < 0 else ""
        return f"{sign}{abs(value) // 100}.{abs(value) % 100:02d}"
    if key in _TENTHS and isinstance(value, int) and not isinstance(value, bool):
        whole, tenth = divmod(value, 10)
        return f"{whole}.{tenth}" if tenth else str(whole)
    return text_of(value)


def _user(session: Session) -> str:
    return str(session.info.get("user", "") or "")[:50]


def _entry(session, entity, entity_id, member_id, action, field="", old="", new="") -> dict:
    return {"at": datetime.now(), "user": _user(session), "entity": entity,
            "entity_id": entity_id, "member_id": member_id, "action": action,
            "field": field, "old": old, "new": new}


def _write(session: Session, rows: list[dict]) -> None:
    if rows:  # every entry has the same keys (_entry): one executemany for all of them
        insert_many(session.connection(), AuditEntry.__table__, rows)


def record_inserted(session: Session, entity: str, rows: list[dict]) -> None:
    """The 新增 entries for rows written past the session (app.storage.db.insert_many), as the
    statement hook below writes them for an INSERT through the session: one statement, one
    time and one user for all of them."""
    if not rows:
        return
    first = _entry(session, entity, None, None, "新增")
    member_key = "id" if entity == "member" else "member_id"
    _write(session, [{**first, "entity_id": p.get("id"), "member_id": p.get(member_key),
                      "new": _summary(entity, p)} for p in rows])


def _member_of(entity: str, obj_or_row) -> int | None:
    return getattr(obj_or_row, "id" if entity == "member" else "member_id", None)


def _summary(entity: str, values: dict) -> str:
    if entity == "member":
        return text_of(values.get("name"))
    keys = [k for k in values if k not in _SKIP and k not in ("member_id",)]
    return "；".join(f"{field_label(entity, k)}：{value_text(k, values[k])}" for k in keys
                    if values[k] not in (None, ""))[:500]


# unit of work -------------------------------------------------------------------------------
def _after_flush(session: Session, _flush_context) -> None:
    rows: list[dict] = []
    for obj in session.new:
        entity = _entity_of(obj)
        if entity:
            values = {c.key: getattr(obj, c.key, None) for c in inspect(type(obj)).column_attrs}
            rows.append(_entry(session, entity, obj.id, _member_of(entity, obj), "新增",
                               new=_summary(entity, values)))
    for obj in session.dirty:
        entity = _entity_of(obj)
        if not entity:
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIP:
                continue
            hist = state.attrs[attr.key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old == new:
                continue
            rows.append(_entry(session, entity, obj.id, _member_of(entity, obj), "修改",
                               field_label(entity, attr.key), value_text(attr.key, old),
                               value_text(attr.key, new)))
    for obj in session.deleted:
        entity = _entity_of(obj)
        if entity:
            values = {c.key: getattr(obj, c.key, None) for c in inspect(type(obj)).column_attrs}
            rows.append(_entry(session, entity, obj.id, _member_of(entity, obj), "删除",
                               old=_summary(entity, values)))
    _write(session, rows)


# statements ---------------------------------------------------------------------------------
def _table_of(statement):
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    return (name, table) if name in TRACKED else (None, None)


def _select_rows(conn, table, where) -> dict:
    rows = conn.execute(select(*table.c).where(where)).mappings().all()
    return {r["id"]: dict(r) for r in rows}


def _diff_rows(session, entity, before: dict, after: dict) -> list[dict]:
    out = []
    for key, new_row in after.items():
        old_row = before.get(key)
        if old_row is None:
            out.append(_entry(session, entity, key, new_row.get("member_id"), "新增",
                              new=_summary(entity, new_row)))
            continue
        for col, value in new_row.items():
            if col in _SKIP or old_row.get(col) == value:
                continue
            out.append(_entry(session, entity, key, new_row.get("member_id", key), "修改",
                              field_label(entity, col), value_text(col, old_row.get(col)),
                              value_text(col, value)))
    for key, old_row in before.items():
        if key not in after:
            out.append(_entry(session, entity, key, old_row.get("member_id", key), "删除",
                              old=_summary(entity, old_row)))
    return out


def _insert_params(state) -> list[dict]:
    params = state.parameters
    if isinstance(params, list):
        return [dict(p) for p in params]
    if params:
        return [dict(params)]
    try:
        return [{k: v for k, v in state.statement.compile().params.items()
                 if not k.startswith(("param_", "excluded"))}]
    except Exception:  # noqa: BLE001 - an unusual statement: logged as one line below
        return []


def _do_orm_execute(state) -> object | None:
    stmt = state.statement
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    entity, table = _table_of(stmt)
    if entity is None:
        return None
    session = state.session
    conn = session.connection()
    if state.is_insert:
        params = _insert_params(state)
        keys = [(p.get("event_id"), p.get("member_id")) for p in params]
        if entity == "attendance" and params and all(None not in k for k in keys):
            # an upsert of marks: compare the marks before and after
            where = tuple_(table.c.event_id, table.c.member_id).in_(keys)
            before = _select_rows(conn, table, where)
            result = state.invoke_statement()
            _write(session, _diff_rows(session, entity, before, _select_rows(conn, table, where)))
            return result
        result = state.invoke_statement()
        record_inserted(session, entity, params)
        return result
    where = stmt.whereclause if stmt.whereclause is not None else True
    before = _select_rows(conn, table, where)
    result = state.invoke_statement()
    after = {} if state.is_delete else _select_rows(
        conn, table, table.c.id.in_(list(before))) if before else {}
    _write(session, _diff_rows(session, entity, before, after))
    return result


class _Obj:
    def __init__(self, values: dict):
        self.__dict__.update(values)


def install(factory) -> None:
    """Record every change made through sessions of `factory` (a sessionmaker)."""
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _do_orm_execute)


# reading and explicit entries -----------------------------------------------------------------
@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    user: str
    what: str  # 党员信息 / 出勤 / 资料发放 / 走访
    action: str
    field: str
    old: str
    new: str


def member_history(session: Session, member_id: int, limit: int = 2000) -> list[HistoryRow]:
    """Everything recorded about one member, newest first. A field that an earlier version named
    otherwise (出生日期, 行动情况 …) is shown by today's name."""
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.user, AuditEntry.entity, AuditEntry.action,
               AuditEntry.field, AuditEntry.old, AuditEntry.new)
        .where(AuditEntry.member_id == member_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)).all()
    return [HistoryRow(r.at, r.user, ENTITY_LABELS.get(r.entity, r.entity), r.action,
                       _today_label(r.entity, r.field), r.old, r.new) for r in rows]


def _today_label(entity: str, label: str) -> str:
    if entity == "member":
        return member_fields.FORMER_LABEL.get(label, label)
    return label


def log_export(session: Session, what: str, file: str = "", count: int = 0) -> None:
    """An export or print with full ID numbers: who, when, what and where it went."""
    _write(session, [_entry(session, "export", None, None, "导出", "身份证号（完整）",
                            new=f"{what}，{count} 人，{file}"[:500])])
