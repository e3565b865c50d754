"""Demo roster: members aged 60–98, the oldest 离休, about a quarter homebound, some living alone."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo import insert_rows
from app.idcard import check_digit
from app.models import Branch, Member
from app.name_search import search_key

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严单"
GIVEN_M = ["建国", "建华", "国强", "志明", "德顺", "振华", "文斌", "永福", "长顺", "守仁", "树林", "玉山",
           "家驹", "明远", "庆丰", "宝山", "光荣", "卫东", "立新", "学文", "春生", "福来", "保国", "桂林"]
GIVEN_F = ["秀英", "桂兰", "玉珍", "淑珍", "秀兰", "凤英", "桂英", "玉兰", "素芬", "翠华", "惠琴", "月娥",
           "丽华", "爱莲", "美玲", "春梅", "秀珍", "金凤", "淑华", "瑞芳"]
COMMUNITIES = ["东关社区", "西街社区", "南苑社区", "北岗村", "河湾村", "新华社区"]
STREETS = ["人民路", "解放街", "文化路", "建设路", "和平巷", "光明街"]
UNITS = ["县委办公室", "县财政局", "县教育局", "县人民医院", "县粮食局", "城关镇政府", "县农机厂",
         "县供销社", "县第一中学", "县水利局", "县税务局", "县邮电局"]
POSTS = ["科员", "副科长", "科长", "副局长", "局长", "主任", "副主任", "教师", "医师", "会计", "干部"]
AREA = "410122"  # an older county code, as on most of our members' cards


def _id_for(birth: date, female: bool, rng: random.Random) -> str:
    seq = rng.randrange(10, 99) * 10 + (rng.choice([0, 2, 4, 6, 8]) if female else
                                         rng.choice([1, 3, 5, 7, 9]))
    body = f"{AREA}{birth:%Y%m%d}{seq:03d}"
    return body + check_digit(body)


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}"


def fill(session: Session, branch: Branch, rng: random.Random, today: date, members: int = 80):
    start = session.scalar(
        select(func.count(Member.id)).where(Member.branch_id == branch.id)
    ) or 0
    used_ids = set(session.scalars(select(Member.id_number).where(Member.id_number.is_not(None))))
    rows = []
    for i in range(members):
        female = rng.random() < 0.45
        age = int(min(98, 61 + abs(rng.gauss(0, 1)) * 19))  # about a third 80+
        # 29 February has no twin in most years: count back from the day before
        anchor = today if (today.month, today.day) != (2, 29) else today - timedelta(days=1)
        birth = anchor.replace(year=today.year - age - 1) + timedelta(days=rng.randrange(1, 360))
        retire = "离休" if birth.year <= 1934 else "退休"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_F if female else GIVEN_M)
        number = _id_for(birth, female, rng)
        while number in used_ids:
            number = _id_for(birth, female, rng)
        used_ids.add(number)
        roll = rng.random()
        mobility = "行动自如"
        if roll < 0.25 or age >= 90:
            mobility = rng.choice(["行动不便", "行动不便", "卧床", "住院"])
        living = rng.choices(["与子女同住", "空巢", "独居", "养老机构"], [45, 35, 15, 5])[0]
        community = rng.choice(COMMUNITIES)
        child = rng.choice(GIVEN_M + GIVEN_F)
        rows.append({
            "branch_id": branch.id, "sort_order": start + i + 1, "name": name,
            "search_key": search_key(name), "gender": "女" if female else "男",
            "birth_date": birth, "id_number": number, "ethnicity": "汉族" if rng.random() < 0.95
            else "回族", "retire_type": retire, "is_party_member": rng.random() < 0.93,
            # the day from the row's number (no draw of `rng`, so the rest of the demo stays
            # as it was): every fourth 入党时间 known to the month only ("1965.07")
            "party_join_date": date(birth.year + rng.randrange(20, 35), rng.randrange(1, 13),
                                    1 if i % 4 == 3 else 1 + (i * 11) % 28),
            "party_join_month_only": i % 4 == 3,
            "former_unit": rng.choice(UNITS) + rng.choice(POSTS),
            "phone": _phone(rng) if rng.random() < 0.8 else f"0371-6{rng.randrange(10**6, 10**7)}",
            "address": f"城关镇{rng.choice(STREETS)}{rng.randrange(1, 200)}号"
            if "村" not in community else f"城关镇{community}{rng.randrange(1, 12)}组",
            "community": community, "living": living, "mobility": mobility,
            "emergency_contact": name[0] + child + "（子女）", "emergency_phone": _phone(rng),
            "health_notes": rng.choice(["", "高血压", "糖尿病", "腿脚不便", "听力较差", "心脏病"]),
            "needs_care": living == "独居" and rng.random() < 0.5,
            "care_reason": "独居" if living == "独居" else "",
            "visit_interval_days": 30 if mobility == "行动自如" else rng.choice([14, 30, 30]),
        })
    insert_rows(session, Member, rows)
    # a few who left during the year, so history screens have something real to show (never
    # everyone: a demo of three must still have someone to visit)
    ids = list(session.scalars(
        select(Member.id).where(Member.branch_id == branch.id).order_by(Member.id)
    ))[start:]
    for member_id, status in zip(rng.sample(ids, min(3, len(ids) // 4)), ["去世", "转出", "去世"]):
        member = session.get(Member, member_id)
        member.status = status
        member.status_date = today - timedelta(days=rng.randrange(20, 200))
    session.flush()
