"""Normalisation keeps a map back to the original text."""
from __future__ import annotations

from zhnews.text.header import split_header
from zhnews.text.normalize import normalize


def test_typesetting_spaces_inside_names_are_removed_and_mapped_back():
    text = "记者 李 铮 冯 芸 报道"
    norm = normalize(text)
    assert norm.text == "记者李铮冯芸报道"
    start = norm.text.index("李铮")
    assert norm.original_value(start, start + 2) == ("李铮", (3, 6))
    assert text[3:6] == "李 铮"


def test_stray_space_in_a_word_and_full_width_punctuation():
    norm = normalize("集中开 工，总投资１２亿元；")
    assert norm.text == "集中开工,总投资12亿元;"
    start = norm.text.index("开工")
    assert norm.to_original(start, start + 2) == (2, 5)


def test_traditional_characters_match_as_simplified_but_values_keep_the_original():
    text = "省委書記樓陽生出席"
    norm = normalize(text)
    assert norm.text == "省委书记楼阳生出席"
    assert norm.original_value(4, 7) == ("樓陽生", (4, 7))


def test_latin_words_keep_their_space_and_blank_runs_become_one_space():
    norm = normalize("Henan Daily　　责任编辑")
    assert norm.text == "Henan Daily 责任编辑"


def test_offsets_are_into_the_whole_input_when_a_header_is_skipped():
    text = "published: 2022-07-06\n---\n7月5日上午, 郑州"
    header = split_header(text)
    norm = normalize(text, header.body_start)
    assert norm.text.startswith("7月5日上午,")
    start = norm.text.index("郑州")
    assert text[slice(*norm.to_original(start, start + 2))] == "郑州"


def test_zero_width_characters_and_carriage_returns_vanish():
    norm = normalize("王\u200b凯\r\n出席")
    assert norm.text == "王凯\n出席"
    assert norm.to_original(0, 2) == (0, 3)


def test_header_is_read_only_when_well_formed():
    assert split_header("source: 湖北日报\npublished: 2023-02-01\n---\n正文").fields["source"] == "湖北日报"
    assert split_header("原标题:某某\n---\n正文").fields == {}
    assert split_header("正文没有头").body_start == 0


def test_character_mapping_is_the_table_applied_to_every_character():
    from zhnews.text.normalize import _char_table, map_chars

    table = _char_table()
    sample = "".join(chr(code) for code in sorted(table)) + "郑州，１２３亿元 會議 😀 a\U00020000b\n"
    assert map_chars(sample) == sample.translate(table)
    assert map_chars("開工，") == "开工,"
    assert map_chars("") == ""
    # A lone surrogate (a JSON "\ud800" escape) cannot go through UTF-32: the slow path maps it all the same.
    assert map_chars("會\ud800，") == "会\ud800,"


def test_gap_scan_finds_the_same_runs_as_the_gap_pattern():
    from zhnews.text.normalize import _GAP, _gaps

    text = "李 铮\u3000\u3000出席 \u200b\u200b 会议\r\n\t开\u00a0工 a b\ufeff"
    assert [m.span() for m in _gaps(text)] == [m.span() for m in _GAP.finditer(text)]
    assert list(_gaps("没有空白")) == []
