"""Is a database file one this program wrote? Checked before a restore or a take-over uses it.

A backup or a handover file comes from outside: a USB stick, another PC, someone's e-mail. A
SQLite file can carry more than data — a trigger (`AFTER INSERT ON member … UPDATE member SET
address=…`) runs inside every later write of ours, a view can stand where a table should be,
an extra index or table is code we never wrote. So a file is taken in only when its schema is
exactly the one the program itself creates at the file's Alembic revision (an older revision
we know is then upgraded; a newer or unknown one is refused).

The reference is not a list kept by hand: it is built by running our own migrations on a fresh
temporary database, once per revision and process (0.1–0.2 s), and compared with the file's
`sqlite_master` (type, name, table, the CREATE statement). The statements are compared after
folding whitespace and identifier quotes only, so a table rebuilt by a batch migration
(`CREATE TABLE "member"`) matches one created directly; anything else that differs is a
difference.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from pathlib import Path

from app.storage import migrate
from app.storage.db import make_engine

# SQLite's own bookkeeping: statistics made by ANALYZE / PRAGMA optimize steer only the query
# planner and hold no rows of ours. Any other sqlite_* object (sqlite_sequence comes with
# AUTOINCREMENT, which we never use) is compared like the rest.
_IGNORED = re.compile(r"^sqlite_stat\d$")
_KIND = {"table": "数据表", "index": "索引", "trigger": "触发器", "view": "视图"}
_SHOWN = 3  # problems named in one sentence; the rest are counted

_references: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}


def _normal(sql: str | None) -> str:
    """A CREATE statement with whitespace and identifier quoting folded away."""
    if not sql:
        return ""
    text = re.sub(r'["`\[\]]', "", sql)
    text = re.sub(r"\s+", " ", text).strip()
    return _constraints_sorted(re.sub(r"\s*([(),])\s*", r"\1", text))


_CONSTRAINT = re.compile(r"(CONSTRAINT|PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK)\b", re.IGNORECASE)


def _constraints_sorted(text: str) -> str:
    """A table's constraints in one order: Alembic's batch rebuild of a table (migration 0006
    rebuilt `member`) writes them in an order that changes from run to run."""
    head, paren, body = text.partition("(")
    if not paren or not head.upper().startswith("CREATE TABLE") or not body.endswith(")"):
        return text
    items, depth, start = [], 0, 0
    body = body[:-1]
    for i, ch in enumerate(body):
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    items.append(body[start:])
    columns = [item for item in items if not _CONSTRAINT.match(item)]
    constraints = sorted(item for item in items if _CONSTRAINT.match(item))
    return f"{head}({','.join(columns + constraints)})"


def _shown(text: str) -> str:
    """A name from a foreign file, safe to put in a sentence (no control characters, short)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    return clean if len(clean) <= 40 else clean[:40] + "…"


def _objects(con: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    found = {}
    for kind, name, table, sql in con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"):
        if not _IGNORED.match(name or ""):
            found[(kind, name)] = (table, _normal(sql))
    return found


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # late: start-up time (app.storage.migrate)

    return {r.revision for r in ScriptDirectory.from_config(migrate.alembic_config())
            .walk_revisions()}


def reference(revision: str) -> dict[tuple[str, str], tuple[str, str]]:
    """The schema our migrations create at `revision`, built once per process."""
    if revision not in _references:

        with tempfile.TemporaryDirectory(prefix="zhibu-schema-") as tmp:
            path = Path(tmp) / "reference.sqlite3"
            engine = make_engine(path)
            try:
                migrate.apply_migrations(engine, revision)
            finally:
                engine.dispose()
            con = sqlite3.connect(path)
            try:
                _references[revision] = _objects(con)
            finally:
                con.close()
    return _references[revision]


def _revision(con: sqlite3.Connection, names: set[str]) -> tuple[str | None, str]:
    """(revision, problem): the file's Alembic revision, or why it has none we can use."""
    if "alembic_version" not in names:
        return None, "它不是支部工作台的数据库（没有结构版本记录）"
    try:
        rows = con.execute("SELECT version_num FROM alembic_version").fetchmany(2)
    except sqlite3.Error:
        return None, "它的结构版本记录读不出来，不是支部工作台的数据库"
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        return None, "它的结构版本记录不正常，不是支部工作台的数据库"
    revision = rows[0][0]
    if revision not in known_revisions():
        return None, (f"它是由更新版本的支部工作台写入的，或不是支部工作台的数据库（结构版本 "
                      f"{_shown(revision)} 本程序不认识），请安装最新版本的支部工作台后再试")
    return revision, ""


def _tables_first(key: tuple[str, str]) -> tuple[bool, str, str]:
    """A missing table before the indexes that went with it."""
    return key[0] != "table", key[0], key[1]


def _differences(found: dict, expected: dict) -> list[str]:
    problems = []
    for kind in ("trigger", "view"):  # the dangerous ones first
        problems += [f"带有{_KIND[kind]} {_shown(name)}（支部工作台的数据库里没有{_KIND[kind]}）"
                     for k, name in sorted(found) if k == kind]
    problems += [f"缺少{_KIND.get(kind, kind)} {name}"
                 for kind, name in sorted(expected.keys() - found.keys(), key=_tables_first)]
    problems += [f"多出了{_KIND.get(kind, _shown(kind))} {_shown(name)}"
                 for kind, name in sorted(found.keys() - expected.keys(), key=_tables_first)
                 if kind not in ("trigger", "view")]
    problems += [f"{_KIND.get(kind, kind)} {name} 的结构与本程序的不同"
                 for kind, name in sorted(found.keys() & expected.keys())
                 if found[(kind, name)] != expected[(kind, name)]]
    return problems


def schema_problem(path: Path) -> str:
    """"" when the file holds exactly our schema at a revision we know; else the reason, in
    words for the user (the caller names the file). Reads the file without writing to it."""
    try:
        con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        try:
            found = _objects(con)
            revision, problem = _revision(con, {name for _, name in found})
        finally:
            con.close()
    except sqlite3.Error:
        return "文件已损坏或不是支部工作台的数据库"
    if problem:
        return problem
    problems = _differences(found, reference(revision))
    if not problems:
        return ""
    more = f"等 {len(problems)} 处" if len(problems) > _SHOWN else ""
    return ("它的结构与支部工作台的不同，可能被别的程序改动过：" + "；".join(problems[:_SHOWN])
            + more)
