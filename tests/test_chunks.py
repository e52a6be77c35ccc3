"""Chunks bounded by count and by characters, in order."""
from __future__ import annotations

import pytest

from zhnews.chunks import chunks


def test_chunks_close_at_the_count_or_the_characters_whichever_comes_first():
    words = ["ab", "cd", "ef", "gh", "ij"]
    assert list(chunks(words, 2, 100, len)) == [["ab", "cd"], ["ef", "gh"], ["ij"]]
    assert list(chunks(words, 10, 5, len)) == [["ab", "cd", "ef"], ["gh", "ij"]]
    assert list(chunks(["x" * 50, "a", "b"], 10, 20, len)) == [["x" * 50], ["a", "b"]]  # a long item goes alone
    assert list(chunks([], 3, 10, len)) == []


def test_chunks_keep_every_item_in_order_and_stream():
    items = iter(range(1000))
    first = next(chunks(items, 7, 10**9, lambda _: 1))
    assert first == list(range(7)) and next(items) == 7  # only what the first chunk needs was read
    flat = [x for chunk in chunks(range(1000), 7, 30, lambda x: x % 5) for x in chunk]
    assert flat == list(range(1000))


def test_chunks_refuse_a_size_below_one():
    with pytest.raises(ValueError, match="at least 1"):
        list(chunks([1], 0, 10, len))
