"""Line breaking for the canvas-drawn PDFs: titles in 《》 whole, numbers whole, no line starting
with a closing mark or ending with an opening one. Widths by hand: every character 12 units."""

from app.export.pdf_wrap import units, wrap


def twelve(text: str) -> float:
    return 12.0 * len(text)


def test_pieces_keep_titles_numbers_and_punctuation_with_their_neighbours():
    assert units("2份：《银潮》《新保健》") == ["2", "份：", "《银潮》", "《新保健》"]
    assert units("电话（13812345678）。") == ["电", "话", "（13812345678）。"]
    assert units("《没有结尾") == ["《没", "有", "结", "尾"]  # a lone 《 sticks to what follows


def test_a_title_goes_to_the_next_line_whole():
    # 79 units hold 6 characters: "2份：《新" would fit by characters, the title does not
    assert wrap("2份：《新保健》《郑州日报》", 79, twelve) == [
        "2份：", "《新保健》", "《郑州日报》"]
    assert wrap("联系电话13812345678", 140, twelve) == ["联系电话", "13812345678"]


def test_only_a_piece_longer_than_the_line_is_broken_inside():
    assert wrap("《老干部政治理论学习读本》", 60, twelve) == [
        "《老干部政", "治理论学习", "读本》"]


def test_a_cut_line_drops_whole_pieces_before_the_dots():
    assert wrap("《新保健》2026年第11期", 100, twelve, most=1) == ["《新保健》…"]
    assert wrap("甲乙丙丁戊己庚辛壬癸", 60, twelve, most=1) == ["甲乙丙丁…"]
