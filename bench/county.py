"""A county-size database, built deterministically and cached, for the benchmark suite.

200 branches × 100 members, ten years of study events with attendance for everyone on the
roster, monthly hand-outs to everyone, monthly visits to the homebound (every fourth member),
pairings and suggestions, and party dues for last year and this one (bases, and payments by the
month, the quarter or the half-year, a few members behind): about 7.9 million rows, the load a county 老干部局 keeping every branch
in one file would carry after ten years.

Why raw sqlite3 and not the services: going through SQLAlchemy would take far longer than the
benchmarks themselves. The schema still comes from the program's own migrations (the file is
created with `app.runtime.open_database` first), so the data lands in exactly the tables, indexes
and constraints a real install has; the test `tests/unit/test_bench_county.py` checks the result
with `integrity_check` and `foreign_key_check` so the generator cannot silently drift from it.

Ids are given explicitly (1, 2, 3 … per table) so rows can refer to each other without reading
anything back, and every row count follows from the parameters (see `expected_counts`).
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.common import CACHE, FIXED_TODAY

# bump when the generator changes what it writes: the cache file name changes and it is rebuilt
GENERATOR_VERSION = 2  # 2: party dues

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
            "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
            "龙史陶黎贺顾毛郝龚邵万钱严单")
GIVEN_M = ["建国", "建华", "国强", "志明", "德顺", "振华", "文斌", "永福", "长顺", "守仁", "树林",
           "玉山", "家驹", "明远", "庆丰", "宝山", "光荣", "卫东", "立新", "学文", "春生", "福来"]
GIVEN_F = ["秀英", "桂兰", "玉珍", "淑珍", "秀兰", "凤英", "桂英", "玉兰", "素芬", "翠华", "惠琴",
           "月娥", "丽华", "爱莲", "美玲", "春梅", "秀珍", "金凤", "淑华", "瑞芳"]
TOWNSHIPS = ["城关镇", "东风镇", "河口镇", "石桥乡", "新安乡", "李集镇", "马庄乡", "白沙镇",
             "青山乡", "柳林镇"]
COMMUNITIES = ["东关社区", "西街社区", "南苑社区", "北岗村", "河湾村", "新华社区"]
STREETS = ["人民路", "解放街", "文化路", "建设路", "和平巷", "光明街"]
UNITS = ["县委办公室", "县财政局", "县教育局", "县人民医院", "县粮食局", "县农机厂", "县供销社"]
OTHER_KINDS = ["老干部大讲堂", "形势报告会", "党课", "支部党员大会", "支委会", "座谈会", "知识竞答"]
MATERIAL_KINDS = ["读本", "期刊", "报纸", "党课材料", "试题"]
HOMEBOUND = ["行动不便", "行动不便", "卧床", "住院"]
# months without an "other" event (春节 and the summer heat): 10 other events a year
QUIET_MONTHS = (2, 8)
STAMP = "2026-11-20 09:00:00.000000"
AREA = "410122"


@dataclass(frozen=True)
class CountyParams:
    branches: int = 200
    members_per_branch: int = 100
    years: int = 10
    seed: int = 2026
    today: date = FIXED_TODAY

    @property
    def months(self) -> list[tuple[int, int]]:
        """The (year, month) pairs covered: `years` × 12 months ending with today's month."""
        y, m = self.today.year, self.today.month
        out = []
        for _ in range(self.years * 12):
            out.append((y, m))
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        return out[::-1]

    def homebound(self, index: int) -> bool:
        """Every fourth member of a branch (index 0, 4, 8 …) is homebound: 25 %."""
        return index % 4 == 0


def cache_name(params: CountyParams) -> str:
    from app.storage import migrate

    head = migrate.head_revision()
    return (f"county-g{GENERATOR_VERSION}-s{head}-b{params.branches}-m{params.members_per_branch}"
            f"-y{params.years}-r{params.seed}.sqlite3")


def expected_counts(p: CountyParams) -> dict[str, int]:
    """Row counts each table must hold, derived from the parameters alone."""
    months = len(p.months)
    others = sum(1 for _, m in p.months if m not in QUIET_MONTHS)
    homebound = sum(1 for i in range(p.members_per_branch) if p.homebound(i))
    events = p.branches * (months + others)
    members = p.branches * p.members_per_branch
    return {
        "branch": p.branches,
        "member": members,
        "study_event": events,
        "attendance": events * p.members_per_branch,
        "material": p.branches * months,
        "handout": p.branches * months * p.members_per_branch,
        "visit": p.branches * homebound * months,
        "pairing": p.branches * homebound,
        "volunteer": p.branches * 2,
        "suggestion": p.branches * (months // 3),
        "dues_base": members * 2,
        "dues_payment": p.branches * sum(len(_dues_payments(p, i))
                                         for i in range(p.members_per_branch)),
    }


def _dues_months(p: CountyParams) -> tuple[int, int]:
    """The dues kept in the county: January of last year to this month (month numbers)."""
    return (p.today.year - 1) * 12, p.today.year * 12 + p.today.month - 1


def _dues_payments(p: CountyParams, index: int) -> list[tuple[int, int]]:
    """(first, last) month numbers of the payments of the member at `index` in a branch: most
    pay by the month, every fifth by the quarter, one in twenty by the half-year, and one in
    twenty stopped paying seven months ago (欠缴, flagged)."""
    first, now = _dues_months(p)
    kind = index % 20
    if kind >= 18:
        span = 6 if kind == 18 else 1
    elif kind >= 14:
        span = 3
    else:
        span = 1
    stop = now - 7 if kind == 19 else now
    out, month = [], first
    while month <= stop:
        out.append((month, month + span - 1))
        month += span
    return out


def _day(year: int, month: int, wanted: int, today: date) -> date:
    """Day `wanted` of the month, but never after today (the last month is not over yet)."""
    d = date(year, month, min(wanted, 28))
    return min(d, today)


def _id_number(birth: date, female: bool, rng: random.Random, used: set[str]) -> str:
    from app.idcard import check_digit

    while True:
        parity = [0, 2, 4, 6, 8] if female else [1, 3, 5, 7, 9]
        seq = rng.randrange(10, 99) * 10 + rng.choice(parity)
        body = f"{AREA}{birth:%Y%m%d}{seq:03d}"
        number = body + check_digit(body)
        if number not in used:
            used.add(number)
            return number


def _insert(con: sqlite3.Connection, table: str, columns: str, rows) -> None:
    marks = ",".join("?" * (columns.count(",") + 1))
    con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _branches_and_members(con, p: CountyParams, rng: random.Random) -> None:
    from app.name_search import search_key

    keys: dict[str, str] = {}
    used: set[str] = set()
    branch_rows, member_rows = [], []
    member_id = 0
    for b in range(1, p.branches + 1):
        township = TOWNSHIPS[(b - 1) % len(TOWNSHIPS)]
        branch_rows.append((b, f"{township}老干部第{b}党支部", township,
                            rng.choice(SURNAMES) + rng.choice(GIVEN_F + GIVEN_M),
                            f"0371-6{rng.randrange(10**6, 10**7)}", 5, STAMP))
        for i in range(p.members_per_branch):
            member_id += 1
            female = rng.random() < 0.45
            age = int(min(98, 61 + abs(rng.gauss(0, 1)) * 19))
            birth = p.today.replace(year=p.today.year - age - 1) + timedelta(rng.randrange(1, 360))
            name = rng.choice(SURNAMES) + rng.choice(GIVEN_F if female else GIVEN_M)
            if name not in keys:
                keys[name] = search_key(name)
            community = rng.choice(COMMUNITIES)
            homebound = p.homebound(i)
            living = rng.choices(["与子女同住", "空巢", "独居", "养老机构"], [45, 35, 15, 5])[0]
            member_rows.append((
                member_id, b, i + 1, name, keys[name], "女" if female else "男", birth.isoformat(),
                0, _id_number(birth, female, rng, used), "汉族",
                "离休" if birth.year <= 1934 else "退休", 1,
                date(birth.year + rng.randrange(20, 35), rng.randrange(1, 13), 1).isoformat(),
                rng.choice(UNITS) + "干部", f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
                f"{township}{rng.choice(STREETS)}{rng.randrange(1, 200)}号", community, living,
                rng.choice(HOMEBOUND) if homebound else "行动自如", "", "", "", "", "在册",
                None, None, 1 if homebound or living == "独居" else 0,
                "行动不便" if homebound else ("独居" if living == "独居" else ""),
                30, STAMP, STAMP,
            ))
    _insert(con, "branch", "id,name,township,secretary,phone,study_day,created_at", branch_rows)
    _insert(con, "member", "id,branch_id,sort_order,name,search_key,gender,birth_date,"
            "birth_month_only,id_number,ethnicity,retire_type,is_party_member,party_join_date,"
            "former_unit,phone,address,community,living,mobility,emergency_contact,"
            "emergency_phone,health_notes,notes,status,status_date,joined_date,needs_care,"
            "care_reason,visit_interval_days,created_at,updated_at", member_rows)


def _events_and_attendance(con, p: CountyParams, rng: random.Random) -> None:
    """Each branch: a 集中学习日 on the 5th of every month and another event in ten of them."""
    per = p.members_per_branch
    event_id = 0
    events = []
    attendance = []
    reasons = ("生病", "住院", "外出", "其他")
    for b in range(1, p.branches + 1):
        first_member = (b - 1) * per + 1
        for year, month in p.months:
            days = [("集中学习日", 5)]
            if month not in QUIET_MONTHS:
                days.append((OTHER_KINDS[(b + month) % len(OTHER_KINDS)], 12 + (b % 7)))
            for kind, day in days:
                event_id += 1
                events.append((event_id, b, kind, _day(year, month, day, p.today).isoformat(),
                               "09:00", f"{year}年{month}月{kind}", "", "老干部活动室",
                               2.0, "", "", 0, STAMP))
                for i in range(per):
                    r = rng.random()
                    if p.homebound(i):
                        mark = "送学上门" if r < 0.6 else ("请假" if r < 0.9 else "缺席")
                    else:
                        mark = "出席" if r < 0.85 else ("请假" if r < 0.95 else "缺席")
                    reason = reasons[int(r * 1000) % 4] if mark == "请假" else ""
                    attendance.append((event_id, first_member + i, mark, reason, STAMP))
            if len(attendance) > 200_000:
                _insert(con, "attendance", "event_id,member_id,mark,reason,updated_at", attendance)
                attendance.clear()
    _insert(con, "study_event", "id,branch_id,kind,date,start_time,topic,speaker,place,hours,"
            "minutes_text,notes,cancelled,created_at", events)
    _insert(con, "attendance", "event_id,member_id,mark,reason,updated_at", attendance)


def _materials_and_handouts(con, p: CountyParams, rng: random.Random) -> None:
    """One material a month per branch, handed to every member; the last month's doors wait."""
    per = p.members_per_branch
    last = p.months[-1]
    material_id = 0
    materials, handouts = [], []
    for b in range(1, p.branches + 1):
        first_member = (b - 1) * per + 1
        for year, month in p.months:
            material_id += 1
            kind = MATERIAL_KINDS[month % len(MATERIAL_KINDS)]
            issued = _day(year, month, 5, p.today).isoformat()
            materials.append((material_id, b, f"{year}年第{month}期学习资料", kind,
                              f"{year}年第{month}期", issued, per, 100, "", 0, STAMP))
            for i in range(per):
                door = p.homebound(i)
                pending = door and (year, month) == last and rng.random() < 0.5
                delivered = None if pending else _day(year, month, 5 + (12 if door else 0),
                                                       p.today).isoformat()
                score = float(60 + rng.randrange(41)) if kind == "试题" and not pending else None
                handouts.append((material_id, first_member + i, issued,
                                 "送学上门" if door else "集中领取", "支部书记",
                                 "待送达" if pending else "已送达", delivered, None,
                                 delivered if score is not None else None, score, "", STAMP))
        if len(handouts) > 200_000:
            _insert(con, "handout", "material_id,member_id,issued_date,method,handled_by,status,"
                    "delivered_date,visit_id,returned_date,score,notes,created_at", handouts)
            handouts.clear()
    _insert(con, "material", "id,branch_id,title,kind,period,received_date,quantity,full_marks,"
            "notes,archived,created_at", materials)
    _insert(con, "handout", "material_id,member_id,issued_date,method,handled_by,status,"
            "delivered_date,visit_id,returned_date,score,notes,created_at", handouts)


def _care(con, p: CountyParams, rng: random.Random) -> None:
    """Two volunteers per branch, a pairing and a monthly visit for each homebound member."""
    per = p.members_per_branch
    volunteers, pairings, visits, suggestions = [], [], [], []
    purposes = ("送学上门、谈心谈话", "送学上门", "生病探望", "节日慰问、送学上门")
    for b in range(1, p.branches + 1):
        first_member = (b - 1) * per + 1
        volunteers += [(2 * b - 1, b, "王助老", "助老员", "县老年服务中心", "", "", 1),
                       (2 * b, b, "刘志愿", "志愿者", "社区志愿者协会", "", "", 1)]
        for i in range(per):
            if not p.homebound(i):
                continue
            helped = first_member + i
            helper = helped + 1 if i + 1 < per else helped - 1
            pairings.append((helper, helped, "2020-01-01", None, ""))
            for year, month in p.months:
                day = _day(year, month, 1 + rng.randrange(28), p.today).isoformat()
                who = rng.randrange(3)
                visits.append((
                    helped, day, ("李书记", "王助老", "结对党员")[who],
                    ("支部书记", "助老员", "结对党员")[who], 2 * b - 1 if who == 1 else None,
                    helper if who == 2 else None, purposes[rng.randrange(4)],
                    "本月学习资料", rng.choice(["身体尚可", "血压偏高", "卧床，精神好"]),
                    "情绪稳定", rng.choice(["", "", "希望多送报纸", "想了解医保报销"]),
                    "", 1, None, "", STAMP))
        for q, (year, month) in enumerate(p.months[::3]):
            suggestions.append((b, first_member + (q % per), _day(year, month, 20, p.today)
                                .isoformat(), "社区建设", "建议增设老年人休息座椅", "社区居委会",
                                "已转交", ""))
        if len(visits) > 200_000:
            _insert(con, "visit", _VISIT_COLUMNS, visits)
            visits.clear()
    _insert(con, "volunteer", "id,branch_id,name,kind,organisation,phone,notes,active", volunteers)
    _insert(con, "pairing", "helper_id,helped_id,since,until,notes", pairings)
    _insert(con, "visit", _VISIT_COLUMNS, visits)
    _insert(con, "suggestion", "branch_id,member_id,date,category,text,forwarded_to,status,result",
            suggestions)


_VISIT_COLUMNS = ("member_id,date,visitor_name,visitor_kind,volunteer_id,helper_member_id,"
                  "purposes,delivered_note,health,mood,requests,follow_up,follow_up_done,"
                  "follow_up_done_date,notes,created_at")


def _dues(con, p: CountyParams, rng: random.Random) -> None:
    """Each member's base for last year and this one (3 % more this year), and their payments
    (`_dues_payments`), each paid on the 5th of its first month, the right amount."""
    from app.services.dues import rule

    per = p.members_per_branch
    bases, payments = [], []
    payment_id = 0
    for member_id in range(1, p.branches * per + 1):
        last_year = rng.randrange(2600, 9200) * 100
        base = {p.today.year - 1: last_year, p.today.year: last_year * 103 // 100}
        for year, fen in base.items():
            bases.append((member_id, year, fen, "年初核定", "支部书记", STAMP))
        for first, last in _dues_payments(p, (member_id - 1) % per):
            payment_id += 1
            year, month = divmod(first, 12)
            monthly = rule.monthly_fen(base[year])
            payments.append((payment_id, member_id, rule.month_text(first), rule.month_text(last),
                             monthly * (last - first + 1), _day(year, month + 1, 5, p.today)
                             .isoformat(), "本人交", "李秀兰", "", 0, None, "支部书记", STAMP))
        if len(payments) > 200_000:
            _insert(con, "dues_payment", _PAYMENT_COLUMNS, payments)
            payments.clear()
    _insert(con, "dues_base", "member_id,year,base_fen,note,set_by,set_at", bases)
    _insert(con, "dues_payment", _PAYMENT_COLUMNS, payments)


_PAYMENT_COLUMNS = ("id,member_id,first_month,last_month,amount_fen,paid_on,how,collector,note,"
                    "over_six_confirmed,reverses_id,recorded_by,recorded_at")


def build(path: Path, p: CountyParams, log=print) -> dict[str, float]:
    """Create the database at `path` (which must not exist); return row counts and timings."""
    from app.runtime import open_database

    started = time.perf_counter()
    db = open_database(path)  # the schema exactly as the migrations make it
    db.dispose()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-65536")
    # the migration's indexes are dropped while loading and made again in one sweep afterwards,
    # which is several times faster than keeping them up to date row by row
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type='index' "
                          "AND sql IS NOT NULL AND tbl_name != 'alembic_version'").fetchall()
    rng = random.Random(p.seed)
    timings: dict[str, float] = {}
    con.execute("BEGIN")
    for name, _sql in indexes:
        con.execute(f"DROP INDEX {name}")
    for step in (_branches_and_members, _events_and_attendance, _materials_and_handouts, _care,
                 _dues):
        t = time.perf_counter()
        step(con, p, rng)
        label = step.__name__.strip("_")
        timings[f"build_{label}_s"] = round(time.perf_counter() - t, 1)
        log(f"  county: {label} {timings[f'build_{label}_s']} s")
    t = time.perf_counter()
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    timings["build_indexes_s"] = round(time.perf_counter() - t, 1)
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    timings["build_total_s"] = round(time.perf_counter() - started, 1)
    return timings


def count_rows(path: Path) -> dict[str, int]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in expected_counts(CountyParams())}
    finally:
        con.close()


def county_db(p: CountyParams | None = None, folder: Path | None = None, log=print) -> Path:
    """The county database for `p` (built once into `folder`, default bench/cache, then reused)."""
    import os

    p = p or CountyParams()
    folder = folder or CACHE
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ZHIBU_HOME", str(folder / "home"))
    path = folder / cache_name(p)
    if path.exists():
        return path
    log(f"building the county database {path.name} (once; cached afterwards) …")
    # built in a folder of its own: the program refuses to start a new database beside a
    # `backups` folder holding members (the start-up section's window backs the cache up)
    tmp = building_path(folder, path.name)
    timings = build(tmp, p, log=log)
    tmp.replace(path)
    (folder / (path.name + ".json")).write_text(
        __import__("json").dumps({"params": {**asdict(p), "today": p.today.isoformat()},
                                  "timings": timings}, ensure_ascii=False))
    return path


def building_path(folder: Path, name: str) -> Path:
    """Where a cached database is made before it is moved beside the others: an empty folder."""
    import shutil

    place = folder / "building"
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True)
    return place / name


def build_info(path: Path) -> dict:
    """Timings recorded when the cached database was built (empty when unknown)."""
    import json

    meta = path.with_name(path.name + ".json")
    return json.loads(meta.read_text()) if meta.exists() else {}


if __name__ == "__main__":
    built = county_db()
    print(built, count_rows(built))
