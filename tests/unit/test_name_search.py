from app.name_search import search_key


def test_initials_and_full_pinyin():
    key = search_key("张建国").split()
    assert "zjg" in key and "zhangjianguo" in key and "zhangjg" in key


def test_surnames_with_two_readings_found_both_ways():
    assert {"zhm", "chm"} <= set(search_key("曾红梅").split())
    assert {"stf", "dtf"} <= set(search_key("单田芳").split())


def test_common_surname_does_not_gain_rare_readings():
    assert "wang" not in search_key("方春梅")


def test_u_umlaut_typed_as_v_or_u():
    assert {"lvna", "luna"} <= set(search_key("吕娜").split())


def test_spaces_inside_names_are_ignored():
    assert search_key("张\u3000三") == search_key("张三")
