"""Finding people by a part of the name or its pinyin: "zjg" and "zhangjg" both find 张建国.

A surname with two readings (曾 zeng/ceng, 单 shan/dan, 区 ou/qu …) is indexed under every
reading, so the secretary finds the member whichever way they say it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache


def lazy_pinyin(text: str, errors: str = "ignore") -> list[str]:
    """pypinyin's lazy_pinyin, imported on first use: loading its dictionaries takes a quarter
    of a second, which every start of the window would otherwise pay before anything is shown."""
    return list(_pinyin(text, errors))


def warm_up_in_background() -> threading.Thread:
    """Load pypinyin's dictionaries in a thread (0.25 s, once per process) while the caller waits
    on something else: the roster import starts it before the file is read in the child
    process, so the new members' search keys need not wait for it afterwards."""
    thread = threading.Thread(target=_pinyin, args=("张", "ignore"), name="pinyin-warm-up",
                              daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=65536)
def _pinyin(text: str, errors: str) -> tuple[str, ...]:
    """Each text converted once: a county roster of 20,000 names holds a few hundred surnames
    and given names, and pypinyin takes about 0.1 ms a name (0.9 s of an import's 1.5 s)."""
    from pypinyin import lazy_pinyin as convert  # late: start-up time (see lazy_pinyin)

    return tuple(convert(text, errors=errors))


# Surnames read differently as a surname than as a word, with the reading people also use in
# everyday speech second. Other characters' rare readings (方 → wang …) are left out on purpose:
# they would make "wang" find every 方.
SURNAME_READINGS = {
    "曾": ("zeng", "ceng"), "单": ("shan", "dan"), "区": ("ou", "qu"), "仇": ("qiu", "chou"),
    "解": ("xie", "jie"), "朴": ("piao", "pu"), "查": ("zha", "cha"), "盖": ("ge", "gai"),
    "缪": ("miao", "mou"), "尉": ("yu", "wei"), "乐": ("yue", "le"), "覃": ("qin", "tan"),
    "翟": ("zhai", "di"), "种": ("chong", "zhong"), "召": ("shao", "zhao"), "黑": ("he", "hei"),
    "员": ("yun", "yuan"), "繁": ("po", "fan"), "宓": ("mi", "fu"), "句": ("gou", "ju"),
    "秘": ("bi", "mi"), "难": ("ning", "nan"), "折": ("she", "zhe"), "臧": ("zang",),
    "沈": ("shen",), "长孙": ("zhangsun",), "尉迟": ("yuchi",), "万俟": ("moqi",),
}


def _surname(name: str) -> tuple[str, list[str]]:
    """The surname part of `name` and its readings (double surnames such as 尉迟 first)."""
    if name[:2] in SURNAME_READINGS:
        return name[:2], list(SURNAME_READINGS[name[:2]])
    readings = SURNAME_READINGS.get(name[0]) or lazy_pinyin(name[0], errors="ignore")
    return name[0], list(readings)


def _initials_of(text: str) -> str:
    return "".join(s[0] for s in lazy_pinyin(text, errors="ignore") if s)


@lru_cache(maxsize=65536)  # a county roster repeats names: each is worked out once
def search_key(name: str) -> str:
    """Space-separated lower-case keys: full spellings and initials, for each surname reading."""
    name = re.sub(r"\s+", "", name or "")
    if not name:
        return ""
    surname, readings = _surname(name)
    rest = [s for s in lazy_pinyin(name[len(surname):], errors="ignore") if s.isascii()]
    keys: list[str] = []
    for first in readings:
        initials = "".join(s[0] for s in rest if s)
        keys.append(first + "".join(rest))
        keys.append((first[0] if len(surname) == 1 else _initials_of(surname)) + initials)
        keys.append(first + initials)  # "zhangjg"
    # ü is typed as "v" on most input methods and as "u" by others (吕 lv / lu)
    keys += [k.replace("v", "u") for k in keys if "v" in k]
    return " ".join(dict.fromkeys(k for k in keys if k))


def normalise_query(text: str) -> str:
    return re.sub(r"\s+", "", text or "").lower()


def is_pinyin_query(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha()

