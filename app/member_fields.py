"""The member's fields, said once: the Chinese label shown everywhere, the default, the kind of
value, its vocabulary, who may change it, whether an import may set it, whether the exported
roster has a column for it.

Everything that lists a member's fields reads this list: the model's defaults
(app/models/member.py), the member window's form (app/ui/dialogs/member_form.py) and the values
it edits (app.services.members.MemberInput), the import's headers, cleaning, matching and
defaults (app/importing), the audit log's field names (app.storage.audit), the roster page, the
exported roster and the quarterly 党员名册. Adding a plain text field to a member therefore
takes the model's column, its Alembic migration and one line here.

Labels follow shared/design/product.md and the specs: import.md for the roster's column names and
quarterly-report.md for the 党员名册 (出生年月, 离退休, 党员, 原单位及职务, 居住状况, 身体状况).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app import idcard
from app.dates import fmt
from app.vocab import (
    DEFAULT_VISIT_INTERVAL_DAYS,
    GENDERS,
    LIVING_SITUATIONS,
    MEMBER_STATUSES,
    MOBILITIES,
    PARTY_STANDINGS,
    RETIRE_TYPES,
    STANDING_FULL,
    STATUS_ACTIVE,
)

# What a value is; each consumer knows what to do with each kind (a widget, a cleaner, a format).
KINDS = {
    "text": "one line of free text",
    "longtext": "several lines of free text",
    "person": "a person's name: white space of every width removed",
    "idcard": "an 18-digit resident ID (GB 11643, checked; masked on prints and exports)",
    "phone": "phone numbers, several separated by 、",
    "date": "a date, typed 1938-05-12 or 1938.05",
    "choice": "one word of a vocabulary in app/vocab.py (or blank when the default is None)",
    "bool": "yes or no",
    "days": "a number of days, 1 to 366",
    "flag": "part of another field (the month precision of 出生年月), never shown by itself",
    "branch": "the branch whose roster the member is on",
}

# Who changes a field: the member window's form, the status dialog (标记去世 / 转出 / 暂离), or
# only the program itself.
FORM, STATUS, PROGRAM = "form", "status", ""

SEQ_LABEL = "序号"  # the roster's own order: a column of lists, not a field one edits
AGE_LABEL = "年龄"  # computed from 出生年月, never typed; lists show it after 出生年月


@dataclass(frozen=True)
class MemberField:
    attr: str  # the Member column
    label: str  # the one Chinese name of the field, on every screen, file and log entry
    kind: str  # a key of KINDS
    default: object = ""  # a new member's value: the model, the member window and the import
    choices: tuple[str, ...] = ()  # kind "choice": a vocabulary of app/vocab.py
    edited_in: str = FORM  # FORM / STATUS / PROGRAM
    imported: bool = True  # an import may set it (and updates it when the file differs)
    own_column: bool = True  # an import reads it from a column of its own
    exported: bool = False  # a column of the exported roster (导出花名册)
    month_only: bool = False  # a date shown as 1938-05 in lists and exports
    month_flag: str = ""  # a date whose month precision is kept in this other field
    required: bool = False
    hint: str = ""  # the form's grey example text, or a check box's own words
    tip: str = ""  # the form's tool tip
    export_width: int = 0  # long text: wraps inside a column this many characters wide
    centred: bool = False  # short values read better centred in printed tables
    formerly: tuple[str, ...] = ()  # labels earlier versions wrote into the audit log

    @property
    def blank_allowed(self) -> bool:
        return self.default is None

    @property
    def value_type(self) -> object:
        """The Python type of the value (for the dataclass of the member window's values)."""
        if self.kind in ("bool", "flag"):
            return bool
        if self.kind == "days":
            return int
        if self.kind == "date":
            return date | None
        if self.kind == "branch":
            return int | None
        return str | None if self.blank_allowed else str


F = MemberField
FIELDS: tuple[MemberField, ...] = (
    F("name", "姓名", "person", required=True, exported=True),
    F("gender", "性别", "choice", None, GENDERS, exported=True, centred=True),
    F("birth_date", "出生年月", "date", None, exported=True, month_only=True,
      month_flag="birth_month_only", hint="如 1938-05-12 或 1938.05", formerly=("出生日期",)),
    F("id_number", "身份证号", "idcard", None, exported=True,
      hint="18 位，填写后自动得出出生年月和性别"),
    F("ethnicity", "民族", "text", exported=True),
    F("retire_type", "离退休", "choice", None, RETIRE_TYPES, exported=True, centred=True,
      formerly=("离退休类别",)),
    F("is_party_member", "党员", "bool", True, hint="是中共党员", exported=True, centred=True,
      formerly=("是否党员",)),
    F("party_standing", "正式/预备", "choice", STANDING_FULL, PARTY_STANDINGS, exported=True,
      centred=True, tip="预备党员参加民主评议但不评定等次，也没有表决权"),
    F("party_join_date", "入党时间", "date", None, exported=True, month_only=True,
      month_flag="party_join_month_only", hint="如 1956.04 或 1956-04-12",
      formerly=("入党日期",)),
    F("former_unit", "原单位及职务", "text", exported=True, export_width=26,
      formerly=("原工作单位及职务",)),
    F("phone", "联系电话", "phone", hint="可填多个，用“、”隔开", exported=True, export_width=16),
    F("address", "家庭住址", "text", exported=True, export_width=28),
    F("community", "村/社区", "text", exported=True, formerly=("村 / 社区",)),
    F("living", "居住状况", "choice", None, LIVING_SITUATIONS, exported=True,
      formerly=("居住情况",)),
    F("mobility", "身体状况", "choice", "行动自如", MOBILITIES, exported=True,
      formerly=("行动情况",)),
    F("emergency_contact", "紧急联系人", "person"),
    F("emergency_phone", "紧急联系人电话", "phone"),
    # a roster's 身体状况 / 健康状况 column says both how the member moves and what ails them:
    # the import keeps the words that are not about moving here
    F("health_notes", "健康情况", "longtext", own_column=False),
    F("status", "状态", "choice", STATUS_ACTIVE, MEMBER_STATUSES, edited_in=STATUS,
      exported=True, centred=True),
    F("status_date", "状态日期", "date", None, edited_in=STATUS, exported=True),
    F("notes", "备注", "longtext", exported=True, export_width=24),
    F("joined_date", "入册日期", "date", None, imported=False, hint="可不填"),
    F("needs_care", "走访关怀", "bool", False, imported=False, hint="列入走访关怀名单",
      tip="独居、空巢、住得远、病后康复等需要定期走访的党员", formerly=("需要关照",)),
    F("care_reason", "关怀原因", "text", imported=False, hint="如 独居", formerly=("关照原因",)),
    F("visit_interval_days", "走访间隔", "days", DEFAULT_VISIT_INTERVAL_DAYS, imported=False,
      formerly=("走访间隔（天）",)),
    F("birth_month_only", "出生只知年月", "flag", False, own_column=False,
      formerly=("只知年月",)),
    F("party_join_month_only", "入党时间只知年月", "flag", False, own_column=False),
    F("branch_id", "支部", "branch", None, edited_in=PROGRAM, imported=False),
)
del F

BY_ATTR: dict[str, MemberField] = {f.attr: f for f in FIELDS}
LABEL: dict[str, str] = {f.attr: f.label for f in FIELDS}
DEFAULT: dict[str, object] = {f.attr: f.default for f in FIELDS}
# an old label found in the audit log → today's label of the same field
FORMER_LABEL: dict[str, str] = {old: f.label for f in FIELDS for old in f.formerly}

FORM_FIELDS = tuple(f for f in FIELDS if f.edited_in == FORM)  # what the member window edits
IMPORTED = tuple(f for f in FIELDS if f.imported)
EXPORTED = tuple(f for f in FIELDS if f.exported)


def label(attr: str) -> str:
    return BY_ATTR[attr].label


def shown(field: MemberField, value, full_id: bool = True) -> str:
    """A stored value as lists, prints and exports show it: 是/否, 1938-05, a masked ID."""
    if field.kind == "idcard" and not full_id:
        return idcard.mask(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return fmt(value, month_only=field.month_only)
    return str(value)
