"""zhnews.text.scan.occurrences (every name in one scan) and the leaders' mentions built on it."""
from __future__ import annotations

import re
import time

import pytest
from conftest import examples, property_settings
from hypothesis import given
from hypothesis import strategies as st

from zhnews.pipeline.layers.leaders import LeaderHit, LeadersLayer
from zhnews.text import scan as textutil
from zhnews.text.scan import Intervals, occurrences


def naive(text: str, needles: list[str]) -> list[tuple[int, int, int]]:
    """The definition: every start of every needle, sorted by start, longer first, first index of a repeat."""
    first: dict[str, int] = {}
    for i, needle in enumerate(needles):
        if needle:
            first.setdefault(needle, i)
    found = [(s, s + len(n), i) for n, i in first.items() for s in range(len(text)) if text.startswith(n, s)]
    return sorted(found, key=lambda f: (f[0], f[0] - f[1], f[2]))


ALPHABET = "王凯华李铮市长出席"


@pytest.fixture(params=[0, 10**6], ids=["automaton", "str.find"])
def path(request, monkeypatch):
    monkeypatch.setattr(textutil, "FIND_EACH_UP_TO", request.param)


def test_occurrences_on_hand_made_cases(path):
    assert occurrences("省长王凯华和王凯", ["王凯", "王凯华"]) == [(2, 5, 1), (2, 4, 0), (6, 8, 0)]
    assert occurrences("aaaa", ["aa", "a", "aa"]) == [(0, 2, 0), (0, 1, 1), (1, 3, 0), (1, 2, 1), (2, 4, 0),
                                                      (2, 3, 1), (3, 4, 1)]
    assert occurrences("abc", []) == [] and occurrences("", ["a"]) == [] and occurrences("abc", [""]) == []


def test_both_scans_give_the_definition(request):
    @property_settings(examples(request.config, 400))
    @given(st.text(ALPHABET, max_size=60), st.lists(st.text(ALPHABET, min_size=1, max_size=4), max_size=20))
    def check(text, needles):
        expected = naive(text, needles)
        saved = textutil.FIND_EACH_UP_TO
        try:
            for cut in (0, 10**6):
                textutil.FIND_EACH_UP_TO = cut
                assert occurrences(text, needles) == expected
        finally:
            textutil.FIND_EACH_UP_TO = saved

    check()


def mentions(text: str, names: list[str], excluded=(), actions=r"出席|主持"):
    leaders = [LeaderHit(name) for name in names]
    LeadersLayer._mentions(None, text, leaders, Intervals(excluded), re.compile(actions))
    return {leader.name: ([(m.start, m.end) for m in leader.mentions], [a.text for a in leader.actions])
            for leader in leaders}


def test_mentions_keep_their_rules_with_many_names(path):
    text = "市长王凯华出席，王凯主持。记者李铮报道，王凯华主持。李铮"
    reporter = text.index("李铮")
    second, last = text.rindex("王凯华"), text.rindex("李铮")
    got = mentions(text, ["王凯", "王凯华", "李铮"], excluded=[(reporter, reporter + 2)])
    assert got == {
        "王凯华": ([(2, 5), (second, second + 3)], ["出席", "主持"]),  # the longest name wins where two start
        "王凯": ([(8, 10)], ["主持"]),  # never inside 王凯华
        "李铮": ([(last, last + 2)], []),  # the reporter's span is excluded
    }


def test_a_longer_name_starting_inside_a_taken_one_is_skipped(path):
    assert mentions("张三丰年出席", ["张三丰", "丰年"]) == {"张三丰": ([(0, 3)], []), "丰年": ([], [])}
    # where the longer name is excluded, a shorter one at its start still counts
    assert mentions("王凯华为公司", ["王凯华", "王凯"], excluded=[(2, 6)]) == {"王凯华": ([], []), "王凯": ([(0, 2)], [])}


@pytest.mark.slow
def test_many_distinct_names_cost_linear_time():
    """k titled leaders (市长XXX出席，): the scan's cost per character stays flat as k grows tenfold."""
    def document(k: int) -> tuple[str, list[str]]:
        names = [f"{chr(0x4E00 + i % 3000)}{chr(0x5000 + i // 3000)}{chr(0x6000 + i % 7)}" for i in range(k)]
        return "".join(f"市长{n}出席，" for n in names), names

    def cost(k: int) -> float:
        text, names = document(k)
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            mentions(text, names)
            best = min(best, time.process_time() - start)
        return best / len(text)

    assert cost(50_000) < 3 * cost(5_000)
