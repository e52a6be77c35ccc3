"""zhnews.record.verify finds a span that does not show its value."""
from __future__ import annotations

from conftest import REFERENCE

from zhnews.record.verify import problems


def test_a_true_record_has_no_problems_and_a_shifted_span_is_caught(extractor):
    text = REFERENCE.read_text(encoding="utf-8")
    record = extractor.extract(text)
    assert problems(text, record) == []
    leader = record.leaders[0]
    start, end = leader.mentions[0]
    moved = leader.model_copy(update={"mentions": [(start + 1, end + 1), *leader.mentions[1:]]})
    broken = record.model_copy(update={"leaders": [moved, *record.leaders[1:]]})
    (problem,) = problems(text, broken)
    assert problem.startswith("leader 楼阳生: span")
