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
