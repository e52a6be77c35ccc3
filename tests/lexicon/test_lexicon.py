"""The lexicon's lookups agree with their plain definitions."""
from __future__ import annotations

from conftest import REFERENCE

from zhnews import lexicon


def _longest_place_before(lex: lexicon.Lexicon, text: str, end: int, floor: int = 0) -> int:
    """The definition: the longest known place ending at ``end``, not starting before ``floor``."""
    for length in range(min(lex.max_place_len, end - floor), 1, -1):
        if text[end - length : end] in lex.places:
            return end - length
    return end


def test_place_before_finds_the_longest_place_ending_there():
    lex = lexicon.load()
    text = "河南省郑州市委书记安伟在郑州市主会场"
    assert text[lex.place_before(text, text.index("市委")) :].startswith("郑州市委")
    assert lex.place_before(text, 3) == 0  # 河南省
    assert lex.place_before(text, 3, floor=1) == 3  # 河南省 starts before the floor: none
    assert lex.place_before(text, 0) == 0
    assert lex.place_before("书记", 2) == 2


def test_place_before_agrees_with_its_definition_everywhere_in_the_reference():
    lex = lexicon.load()
    text = REFERENCE.read_text(encoding="utf-8")
    for end in range(len(text) + 1):
        for floor in (0, max(0, end - 3)):
            assert lex.place_before(text, end, floor) == _longest_place_before(lex, text, end, floor), (end, floor)


def _titles(text: str) -> list[str]:
    return [m.group() for m in lexicon.load().title_pattern.finditer(text)]


def test_the_title_grammar_composes_level_body_department_and_post():
    cases = {
        "县人民政府副县长": ["县人民政府副县长"],
        "市委金融办副主任": ["市委金融办副主任"],
        "市住房城乡建委总经济师": ["市住房城乡建委总经济师"],
        "市自然资源和规划局局长": ["市自然资源和规划局局长"],
        "省生态环境厅副厅长": ["省生态环境厅副厅长"],
        "区科委科协党组书记": ["区科委科协党组书记"],
        "市中级人民法院院长": ["市中级人民法院院长"],
        "自治区常务副主席": ["自治区常务副主席"],
        "行署常务副专员": ["行署常务副专员"],
        "人民银行洛阳市中心支行行长": ["人民银行洛阳市中心支行行长"],
    }
    for text, expected in cases.items():
        assert _titles(text) == expected, text


def test_a_stack_is_split_at_its_marks_and_its_later_parts_need_no_level():
    assert _titles("旗委副书记、政府旗长") == ["旗委副书记", "、政府旗长"]
    assert _titles("自治区党委常委、秘书长、自治区常务副主席") == ["自治区党委常委", "秘书长", "自治区常务副主席"]
    assert _titles("县委常委、统战部部长") == ["县委常委", "、统战部部长"]


def test_a_department_never_runs_over_into_the_next_title_and_a_bank_post_is_no_title():
    assert _titles("市委书记市长") == ["市委书记", "市长"]
    assert _titles("市发改委主任县长") == ["市发改委主任", "县长"]
    assert _titles("建行省分行行长") == []
    assert _titles("公司总经理、董事长") == []


# --- the data files' integrity -------------------------------------------------------------------------------
def test_every_data_file_loads_and_every_list_built_from_it_compiles():
    """Each data file parses (TOML) or has lines; every shared list of the Lexicon and every word list a layer
    compiles from the files builds; and every data file is read by one of them (a file nothing reads is a list
    nobody maintains)."""
    import re
    import tomllib

    read: set[str] = set()

    class Recording(lexicon.Lexicon):
        def text(self, name: str) -> str:
            read.add(name)
            return super().text(name)

    files = lexicon.package_files()
    assert len(files) >= 20
    for name, text in files.items():
        if name.endswith(".toml"):
            assert tomllib.loads(text), name
        else:
            assert lexicon.data_lines(text), name
    lex = Recording(files)
    for attribute in dir(lexicon.Lexicon):
        if isinstance(getattr(lexicon.Lexicon, attribute), property) or attribute in vars(lexicon.Lexicon) and \
                type(vars(lexicon.Lexicon)[attribute]).__name__ == "cached_property":
            value = getattr(lex, attribute)
            if isinstance(value, re.Pattern):
                assert value.pattern, attribute
    with lexicon.active(lex):
        import zhnews.pipeline.layers  # noqa: F401  (every layer module: their compiled lists register)
        from zhnews.archive.places import gazetteer

        for build in lexicon.COMPILED:
            assert build() is not None, build.__name__

        gazetteer.cache_clear()
        gazetteer()
        gazetteer.cache_clear()
    assert set(files) - read == set(), "data files nothing reads"


def test_a_bad_data_file_is_an_error_naming_it(tmp_path):
    (tmp_path / "posts.toml").write_text("levels = [\n", encoding="utf-8")
    import pytest

    lex = lexicon.Lexicon.from_dir(tmp_path)
    with pytest.raises(lexicon.LexiconError, match="posts.toml"):
        _ = lex.title_pattern
    with pytest.raises(lexicon.LexiconError, match="roles.txt"):
        lexicon.Lexicon({}).text("roles.txt")
