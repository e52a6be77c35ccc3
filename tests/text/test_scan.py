"""Character-level helpers agree with their plain definitions."""
from __future__ import annotations

import random
import re

from zhnews.text.scan import Intervals


def test_interval_overlap_agrees_with_a_scan_of_every_interval():
    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randint(1, 12)) for a in (rng.randint(0, 80) for _ in range(rng.randint(0, 8)))]
        intervals = Intervals(spans)
        for start in range(0, 100, 3):
            for end in range(start + 1, start + 15, 2):
                expected = any(s < end and start < e for s, e in spans)
                assert intervals.overlaps(start, end) == expected, (spans, start, end)


def test_no_intervals_overlap_nothing():
    assert not Intervals().overlaps(0, 10)


def test_positions_are_every_occurrence_within_the_bounds():
    from zhnews.text.scan import positions

    text = "项目个项个项目"
    assert list(positions(text, "项")) == [0, 3, 5]
    assert list(positions(text, "项", 1, 5)) == [3]
    assert list(positions(text, "个", 3)) == [4]
    assert list(positions("", "个")) == []
    assert list(positions("王凯王凯华王凯", "王凯")) == [0, 2, 5]
    assert list(positions("aaaa", "aa")) == [0, 1, 2]  # overlapping occurrences, as a find loop from pos + 1


def _sentence_pattern_starts(text: str) -> list[int]:
    """The definition: starts of the non-empty matches of one sentence pattern ([0] when none)."""
    sentence = re.compile(r"[^。!?！？\n]*(?:[。!?！？]+|\n|$)")
    return [m.start() for m in sentence.finditer(text) if m.end() > m.start()] or [0]


def test_sentence_starts_are_those_of_the_sentence_pattern():
    from conftest import CORPUS

    from zhnews.text.scan import SentenceIndex

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt"))]
    texts += ["", "\n", "。", "。abc", "abc。\nxyz", "a。。!?b\n\nc", "无标点", "问？！\n", "a\nb。"]
    for text in texts:
        index = SentenceIndex(text)
        assert index.sentence_starts == _sentence_pattern_starts(text), text[:20]
        assert index.line_starts == [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
