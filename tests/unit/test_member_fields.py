"""One schema of the member's fields (app/member_fields.py): the model, the member window, the
import, the audit log, the roster page and the exports all take their labels and defaults from
it — and adding a plain text field takes the model, its migration and one line of the schema."""

import re
import subprocess
import sys
from dataclasses import fields
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from app import member_fields as mf
from app.importing import apply, headers, records
from app.models import AuditEntry, Member
from app.services import members, quarterly, roster, roster_export
from app.storage import audit

ROOT = Path(__file__).resolve().parents[2]
BOOKKEEPING = {"id", "sort_order", "search_key", "created_at", "updated_at"}  # not fields


def test_every_member_column_is_a_field_of_the_schema_and_back():
    columns = {c.name for c in Member.__table__.columns}
    assert columns - BOOKKEEPING == set(mf.BY_ATTR)
    assert len(mf.BY_ATTR) == len(mf.FIELDS)  # no field twice


def test_the_model_takes_its_defaults_from_the_schema():
    for f in mf.FIELDS:
        if f.required:  # 姓名: always given, the model has no default
            continue
        default = Member.__table__.c[f.attr].default
        assert (default.arg if default is not None else None) == f.default, f.attr


def test_labels_are_one_per_field_and_choices_come_from_the_vocabulary():
    from app import vocab

    labels = [f.label for f in mf.FIELDS]
    assert len(set(labels)) == len(labels)
    vocabularies = [v for v in vars(vocab).values() if isinstance(v, tuple)]
    for f in mf.FIELDS:
        assert f.kind in mf.KINDS, f.attr
        assert (f.kind == "choice") == bool(f.choices), f.attr
        if f.choices:
            assert any(f.choices is v for v in vocabularies), f.attr
        assert not set(f.formerly) & set(labels), f.attr  # an old label never names another field


def test_the_words_of_the_specs():
    # spec/quarterly-report.md, 党员名册
    assert quarterly.ROSTER_HEADERS == (
        "序号", "姓名", "性别", "出生年月", "年龄", "身份证号", "离退休", "党员", "原单位及职务",
        "联系电话", "家庭住址", "居住状况", "身体状况", "结对人", "最近走访")
    # the keys of `zhibu members --json` (README) stay what they were
    assert roster.ROSTER_COLUMNS == (
        "序号", "姓名", "性别", "年龄", "出生年月", "离退休", "党员", "身份证号", "联系电话",
        "村/社区", "家庭住址", "居住状况", "身体状况", "状态")
    assert roster.SORTABLE <= set(roster.ROSTER_COLUMNS)


# every consumer derives from the schema ----------------------------------------------------------
def test_the_member_window_edits_exactly_the_form_fields_with_their_defaults():
    assert [f.name for f in fields(members.MemberInput)] == [f.attr for f in mf.FORM_FIELDS]
    blank = members.MemberInput()
    for f in mf.FORM_FIELDS:
        assert getattr(blank, f.attr) == f.default, f.attr


def test_the_import_knows_every_field_a_column_may_carry_by_its_label():
    for f in mf.IMPORTED:
        if f.own_column:
            assert headers.field_of(f.label) == f.attr, f.label
            assert f.attr in headers.COLUMN_FIELDS
    for key in headers.ALIASES:
        assert key in mf.BY_ATTR or key in ("seq", "former_post"), key
    words = [headers._key(w) for ws in headers.WORDINGS.values() for w in ws]
    assert len(words) == len(set(words))  # one wording, one field
    assert {k: headers.LABELS[k] for k in mf.LABEL} == mf.LABEL


def test_the_import_reads_compares_and_defaults_by_the_schema():
    readers = set(records._BY_KIND) | records._TOGETHER
    assert {f.attr for f in mf.IMPORTED if f.own_column} <= readers
    assert apply.COMPARED == tuple(f.attr for f in mf.IMPORTED)
    assert apply._DEFAULTS == {f.attr: f.default for f in mf.IMPORTED}
    assert all(apply._SHOWN[k] == mf.LABEL[k] for k in apply._SHOWN)


def test_an_exported_roster_has_a_column_per_exported_field_that_imports_back():
    labels = [c.label for c in roster_export.COLUMNS]
    expected = ["序号"]
    for f in mf.EXPORTED:
        expected += [f.label, "年龄"] if f.attr == "birth_date" else [f.label]
    assert labels == expected
    for f in mf.EXPORTED:
        assert headers.field_of(f.label) == f.attr, f.label


def test_the_audit_log_names_member_fields_by_the_schema():
    assert audit.FIELD_LABELS["member"] is mf.LABEL
    for f in mf.FIELDS:
        assert audit.field_label("member", f.attr) == f.label


def test_no_second_label_table_for_member_fields_remains():
    """Outside the schema, no source file pairs a field's name with a label (today's or one an
    earlier version used), as `"community": "村 / 社区"` or `("mobility", "身体状况")` — but the
    audit log names other tables' columns (a hand-out's status and notes) itself."""
    other_tables = {(path, f'"{key}": "{word}') for path in ["app/storage/audit.py"]
                    for table in audit._OTHER_LABELS.values() for key, word in table.items()}
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name == "member_fields.py":
            continue
        text = path.read_text(encoding="utf-8")
        for f in mf.FIELDS:
            words = "|".join(re.escape(w) for w in (f.label, *f.formerly))
            pattern = rf"""["']{f.attr}["']\s*[:,]\s*["'](?:{words})"""
            where = str(path.relative_to(ROOT))
            found += [f"{where}: {m.group(0)}" for m in re.finditer(pattern, text)
                      if (where, m.group(0)) not in other_tables]
    assert found == []


# defaults ----------------------------------------------------------------------------------------
def test_a_new_member_has_no_ethnicity_until_one_is_given(db, branch_id, tmp_path):
    """民族 is "" everywhere: the model, the member window, the import."""
    from tests.unit.import_files import members as stored
    from tests.unit.import_files import person, run_import, write_xlsx

    assert mf.DEFAULT["ethnicity"] == "" and members.MemberInput().ethnicity == ""
    assert apply._DEFAULTS["ethnicity"] == ""
    with db.session() as s:
        members.add_member(s, branch_id, members.MemberInput(name="赵德明"))
        s.execute(insert(Member), [{"branch_id": branch_id, "name": "钱学文"}])
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", [person(1, "孙立平")]))
    got = stored(db)
    assert {n: got[n]["ethnicity"] for n in ("赵德明", "钱学文", "孙立平")} == {
        "赵德明": "", "钱学文": "", "孙立平": ""}
    assert got["钱学文"]["mobility"] == "行动自如" and got["钱学文"]["visit_interval_days"] == 30


def test_old_labels_in_the_audit_log_read_as_today_s(db, branch_id):
    with db.session() as s:
        mid = members.add_member(s, branch_id, members.MemberInput(name="张建国"))
        s.execute(insert(AuditEntry), [
            {"at": date(2025, 1, 1), "user": "", "entity": "member", "entity_id": mid,
             "member_id": mid, "action": "修改", "field": old, "old": "", "new": "x"}
            for old in ("出生日期", "入党日期", "村 / 社区", "行动情况", "居住情况", "需要关照",
                        "关照原因", "走访间隔（天）", "联系电话")])
    with db.session() as s:
        shown = {h.field for h in audit.member_history(s, mid) if h.action == "修改"}
    assert shown == {"出生年月", "入党时间", "村/社区", "身体状况", "居住状况", "走访关怀",
                     "关怀原因", "走访间隔", "联系电话"}


# adding a field --------------------------------------------------------------------------------
_NEW_FIELD = r'''
import sys
from pathlib import Path

ROOT = Path(sys.argv[1])
sys.path.insert(0, str(ROOT))
import app

# 1. the schema: one line
source = (ROOT / "app" / "member_fields.py").read_text(encoding="utf-8")
anchor = '    F("emergency_contact",'
assert anchor in source
source = source.replace(anchor, '    F("hobby", "爱好", "text", exported=True),\n' + anchor, 1)
schema = type(sys)("app.member_fields")
schema.__file__ = str(ROOT / "app" / "member_fields.py")
sys.modules["app.member_fields"] = app.member_fields = schema
exec(compile(source, schema.__file__, "exec"), schema.__dict__)

from sqlalchemy import Column, String, text

from app.runtime import open_database

db = open_database(Path(sys.argv[2]) / "t.sqlite3")
# 2. its migration
with db.engine.begin() as conn:
    conn.execute(text("ALTER TABLE member ADD COLUMN hobby VARCHAR(50) NOT NULL DEFAULT ''"))
# 3. the model's column
from app.models import Member

Member.hobby = Column(String(50), nullable=False, default=schema.DEFAULT["hobby"])

# nothing else changes: the member window, the import, the audit log and the export know it
from openpyxl import load_workbook

from app.services.importing import import_roster
from app.services import members, roster, roster_export
from app.storage import audit

with db.session() as s:
    branch = roster.ensure_branch(s, "测试支部").id
    mid = members.add_member(s, branch, members.MemberInput(name="张建国", hobby="书法"))
    assert members.MemberInput().hobby == ""
with db.session() as s:
    data = members.member_input(s, mid)
    assert data.hobby == "书法"
    data.hobby = "太极拳"
    members.update_member(s, mid, data)
with db.session() as s:
    change = audit.member_history(s, mid)[0]
    assert (change.field, change.old, change.new) == ("爱好", "书法", "太极拳"), change

csv = Path(sys.argv[2]) / "r.csv"
csv.write_text("姓名,性别,爱 好,联系电话\n张建国,男,京剧,13800138000\n李桂兰,女,合唱,\n",
               encoding="utf-8")
with db.session() as s:
    report = import_roster(s, csv, branch, backup=False)
    assert (report.added, report.updated, report.ignored_columns) == (1, 1, []), report
    assert "爱好：太极拳 → 京剧" in report.changes[0].fields, report.changes
with db.session() as s:
    got = dict(s.execute(Member.__table__.select().with_only_columns(
        Member.name, Member.hobby)).all())
    assert got == {"张建国": "京剧", "李桂兰": "合唱"}, got
    path = roster_export.export_members(s, branch, Path(sys.argv[2]) / "x.xlsx").path
sheet = load_workbook(path).active
header = [c.value for c in sheet[3]]
assert "爱好" in header and sheet.cell(4, header.index("爱好") + 1).value == "京剧", header

from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from app.ui.dialogs.member_form import MemberForm

qt = QApplication([])
form = MemberForm()
form.set_input(data)
assert form.edits["hobby"].text() == "太极拳"
labels = {w.text() for w in form.findChildren(QLabel)}
assert "爱好" in labels, labels
form.edits["hobby"].setText("围棋")
assert form.get_input().hobby == "围棋"
db.dispose()
print("ok")
'''


def test_a_new_plain_text_field_needs_only_the_model_its_migration_and_the_schema(tmp_path):
    done = subprocess.run([sys.executable, "-c", _NEW_FIELD, str(ROOT), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
