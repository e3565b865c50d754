"""Finding the header row and knowing each column by the words rosters use for it.

Headers are compared after removing every kind of white space and full-width forms, and after
dropping a trailing note in brackets or a "*" for required columns, so "姓 名", "姓　名",
"出生年月（年.月）" and "*身份证号" are all recognised.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

from app.member_fields import IMPORTED, LABEL

HEADER_SEARCH_ROWS = 15

# Member field (app/member_fields.py) → the other wordings real rosters use for its column
# (already without spaces). The field's own label is always known too, so a roster this program
# exported reads back. Two columns that are not member fields: 序号, and 原职务 (joined to
# 原单位及职务).
ALIASES: dict[str, tuple[str, ...]] = {
    "seq": ("编号", "序", "顺序号", "No", "NO"),
    "name": ("党员姓名", "名字", "姓名(曾用名)"),
    "birth_date": ("出生日期", "出生年月日", "出生时间", "出生年份", "生日", "出生"),
    "id_number": ("身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码", "公民身份证号码",
                  "身份证编号"),
    "retire_type": ("离休/退休", "类别", "离退休类别", "离退休类型", "人员类别", "离休退休", "离、退休",
                    "离/退休", "离退", "身份类别", "干部类别"),
    "is_party_member": ("是否党员", "政治面貌", "是否中共党员"),
    "party_standing": ("党员类别", "党员身份", "党员性质", "正式党员/预备党员", "正式或预备", "预备/正式",
                       "正式/预备党员"),
    "party_join_date": ("入党年月", "入党日期", "入党年月日", "入党时间(年月)"),
    "former_unit": ("原工作单位", "原工作单位及职务", "原单位", "工作单位", "原单位职务", "退休前单位及职务",
                    "退休前工作单位", "离退休前工作单位及职务", "原工作单位及职务(职级)", "原任单位及职务"),
    "former_post": ("职务", "原任职务", "职级", "原职级", "职务职级"),
    "phone": ("电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "家庭电话", "固定电话", "本人电话",
              "本人联系电话", "联系电话(手机)", "座机"),
    "address": ("住址", "现住址", "居住地址", "家庭地址", "现居住地址", "地址", "现居住地", "现住地址",
                "常住地址"),
    "community": ("所在社区", "社区", "村(社区)", "所属社区", "村居", "所在村(社区)", "村社区", "社区(村)"),
    "living": ("居住情况", "居住方式", "居住类型", "是否独居"),
    "mobility": ("健康状况", "身体情况", "健康情况", "身体健康状况"),
    "emergency_contact": ("联系人", "子女姓名", "家属姓名"),
    "emergency_phone": ("联系人电话", "紧急联系电话", "子女电话", "家属电话", "子女联系电话", "家属联系电话"),
    "notes": ("说明",),
    "status": ("人员状态", "在册状态", "在册情况", "是否在册", "变动情况", "人员变动"),
    "status_date": ("去世时间", "去世日期", "逝世时间", "离世时间", "转出时间", "转出日期", "变动时间",
                    "变动日期", "去世/转出时间", "去世(转出)时间"),
}
COLUMN_FIELDS = tuple(f.attr for f in IMPORTED if f.own_column)  # fields a column may carry
_NOT_FIELDS = {"seq": "序号", "former_post": "原职务"}
LABELS = {**LABEL, **_NOT_FIELDS}  # what the report calls each column
WORDINGS: dict[str, tuple[str, ...]] = {
    key: (LABELS[key], *ALIASES.get(key, ())) for key in (*COLUMN_FIELDS, *_NOT_FIELDS)}

MULTI = frozenset({"phone"})  # fields several columns may feed (手机 + 座机)


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation (ＡＢＣ１２３，（）) to their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


_SPACES = re.compile(r"[\s\u3000\u00a0\u2000-\u200b\ufeff]+")


@lru_cache(maxsize=65536)  # rosters repeat the same short words (男, 退休, 良好) on every row
def _squeeze(text: str) -> str:
    return _SPACES.sub("", to_halfwidth(text))


def squeeze(text) -> str:
    """Half-width text without any white space: how headers and names are compared."""
    if text is None:
        return ""
    return _squeeze(text if isinstance(text, str) else str(text))


def _key(text) -> str:
    t = squeeze(text).strip("*:：")
    return t.replace("（", "(").replace("）", ")")


_LOOKUP = {_key(w): f for f, ws in WORDINGS.items() for w in ws}


def field_of(header) -> str | None:
    key = _key(header)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    bare = re.sub(r"\(.*?\)$", "", key)  # "出生年月(年.月)" → "出生年月"
    return _LOOKUP.get(bare)


@dataclass
class Header:
    row: int  # 0-based index in the sheet's rows (the first header row)
    columns: dict[str, list[int]]  # field → column indexes
    names: dict[int, str]  # column index → the header text as written
    ignored: list[str] = field(default_factory=list)  # headers we do not know
    data_start: int = -1  # first row of members: after one or two header rows (and 栏次 1 2 3)

    def __post_init__(self):
        if self.data_start < 0:
            self.data_start = self.row + 1


def _read_header_row(row: list) -> tuple[dict[str, list[int]], dict[int, str], list[str]]:
    columns: dict[str, list[int]] = {}
    names: dict[int, str] = {}
    ignored = []
    for col, cell in enumerate(row):
        if not squeeze(cell):
            continue
        names[col] = str(cell).strip()
        f = field_of(cell)
        if f is None:
            ignored.append(names[col])
        elif f not in columns or f in MULTI:
            columns.setdefault(f, []).append(col)
        else:
            ignored.append(names[col])  # a second 姓名 column: the first one counts
    return columns, names, ignored


def _is_column_numbers(row: list) -> bool:
    """The 栏次 row some forms put under the header: 1 2 3 4 …"""
    cells = [squeeze(c) for c in row if squeeze(c)]
    numbers = [c[:-2] if c.endswith(".0") else c for c in cells]
    return len(numbers) >= 3 and all(n.isdigit() for n in numbers) and \
        [int(n) for n in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def find_header(rows: list[list]) -> Header | None:
    """The first row within HEADER_SEARCH_ROWS with a name column and two more known columns —
    or a name column whose other headings sit in a second row under merged group headings
    ("基本情况" over 出生年月 / 民族 / 身份证号)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns, names, ignored = _read_header_row(row)
        if "name" not in columns:
            continue
        header = Header(index, columns, names, ignored)
        below = rows[index + 1] if index + 1 < len(rows) else []
        sub_columns, sub_names, _sub_ignored = _read_header_row(below)
        sub_known = {f: cols for f, cols in sub_columns.items() if f != "name"}
        if len(sub_known) >= 2 and "name" not in sub_columns:
            for f, cols in sub_known.items():
                for col in cols:
                    group = names.get(col)
                    if group is not None and field_of(group) is None and group in ignored:
                        ignored.remove(group)  # a group heading over this column
                    if f not in columns or f in MULTI:
                        columns.setdefault(f, []).append(col)
                    names[col] = sub_names[col]
            header.data_start = index + 2
        elif len(columns) < 3:
            continue
        if header.data_start < len(rows) and _is_column_numbers(rows[header.data_start]):
            header.data_start += 1
        return header
    return None


_TOTAL = re.compile(r"^(合计|总计|小计|共计|总人数|共\d+人|共有?\d+名?|以上共)")
_TOTAL_ANY = re.compile(r"(合计|总计|共计|共\d+[人名])")
_NOTE = re.compile(r"^(注|备注|说明|附注|填表人|制表人|填报人|审核人|负责人|联系人|填报日期|制表日期|"
                   r"填表日期|单位负责人|统计时间|报送时间|支部书记)[:：]?")


def is_total_or_note(row: list) -> bool:
    """A row after the table that is not a member: totals (合计, 共 60 人) and notes (注：…)."""
    cells = []
    for value in row:
        if value is None or value == "" or isinstance(value, (int, float)) and not cells:
            if value not in (None, "") and not cells:
                return False  # a member row starts with its 序号
            continue
        text = squeeze(value)
        if text:
            cells.append(text)
            if len(cells) > 3:
                break
    if not cells:
        return False
    first = cells[0]
    if _TOTAL.match(first) or (len(cells) <= 3 and any(_TOTAL.match(c) for c in cells)):
        return True
    if len(cells) <= 2 and any(_TOTAL_ANY.search(c) for c in cells):
        return True  # "以上人员共计 60 人"
    if len(cells) > 3 and not first.startswith(("注", "说明")):
        return False
    return bool(_NOTE.match(first)) and (len(cells) <= 3 or first[:2] in ("注:", "注："))


# Every wording of the name column holds 名 (姓名, 名字, 党员姓名 …), also once folded to
# half-width (㈴ and ㊔ fold to 名): a name cell without any of them is a person's name, and
# the header's slower lookup is skipped (20,000 rows).
NAME_MARKS = ("名", "\u3234", "\u3294")


def is_repeated_header(row: list, header: Header) -> bool:
    for c in header.columns.get("name", []):
        if c < len(row):
            text = row[c] if isinstance(row[c], str) else str(row[c])
            if any(m in text for m in NAME_MARKS) and field_of(text) == "name":
                return True
    return False
