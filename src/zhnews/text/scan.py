"""Small character-level helpers shared by the layers (all linear in the text)."""
from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import ahocorasick

from zhnews.text.chars import is_han  # noqa: F401  (re-exported: the layers import it from here)

SENTENCE_END = "。!?！？\n"
CLAUSE_END = SENTENCE_END + ",;:，；：、"


def positions(text: str, needle: str, start: int = 0, stop: int | None = None) -> Iterator[int]:
    """Every position of ``needle`` in ``text[start:stop]``, overlapping ones included, in order
    (``str.find``: a fast scan)."""
    end = len(text) if stop is None else stop
    found = text.find(needle, start, end)
    while found >= 0:
        yield found
        found = text.find(needle, found + 1, end)


# Up to this many needles, one str.find scan each (a scan in C per needle beats building an automaton);
# beyond it, one pass of an Aho-Corasick automaton finds every needle at once.
FIND_EACH_UP_TO = 8


def occurrences(text: str, needles: Sequence[str]) -> list[tuple[int, int, int]]:
    """Every occurrence of every needle in ``text``, overlapping ones included, as (start, end,
    index of the needle), sorted by start and, at one start, the longer needle first; a needle
    given twice is reported under its first index. Empty needles are ignored.

    Time linear in the text plus the occurrences (at most one per distinct needle length at each
    position), whatever the number of needles: one automaton pass over the text.
    """
    first: dict[str, int] = {}
    for index, needle in enumerate(needles):
        if needle:
            first.setdefault(needle, index)
    found: list[tuple[int, int, int]] = []
    if len(first) <= FIND_EACH_UP_TO:
        for needle, index in first.items():
            length = len(needle)
            found.extend((pos, -length, index) for pos in positions(text, needle))
    else:
        automaton = ahocorasick.Automaton()
        for needle, index in first.items():
            automaton.add_word(needle, (index, len(needle)))
        automaton.make_automaton()
        found.extend((last + 1 - length, -length, index) for last, (index, length) in automaton.iter(text))
    found.sort()
    return [(start, start - negative_length, index) for start, negative_length, index in found]


def anchored_matches(
    text: str,
    pattern: re.Pattern[str],
    anchors: str,
    runs: tuple[tuple[Callable[[str], bool], int], ...],
    pos: int = 0,
    endpos: int | None = None,
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)`` for a pattern whose every match opens with a run of
    characters right before one of the ``anchors`` (340个, 一要).

    Python's engine tries a pattern that opens with such a run at every position of the text;
    here each anchor is found with ``str.find`` (a fast scan) and the run before it is walked back
    to its leftmost start, which is where the pattern's own match would begin. ``runs`` holds one
    (is a run character, longest run) pair per kind of run; the character before the anchor tells
    the kind.
    """
    stop = len(text) if endpos is None else endpos
    floor = pos  # no match may start before pos, nor inside the previous match
    for end in heapq.merge(*(positions(text, anchor, pos + 1, stop) for anchor in anchors)):
        kind = next((run for run in runs if run[0](text[end - 1])), None)
        if kind is None:
            continue
        in_run, longest = kind
        start = end - 1
        while start > max(floor, end - longest) and in_run(text[start - 1]):
            start -= 1
        if start < floor:
            continue
        match = pattern.match(text, start, stop)
        if match is not None:
            floor = match.end()
            yield match


_SENTENCE_END_CHAR = re.compile(f"[{re.escape(SENTENCE_END)}]")
_MARKS = frozenset(SENTENCE_END) - {"\n"}  # a run of these closes one sentence; each newline closes one


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence starts ([0] for an empty text): after each run of 。!?！？ and after each
    newline, found by a one-character class (a fast scan; a whole-sentence pattern is 1.5x slower)."""
    starts = [0]
    done = 0
    for mark in _SENTENCE_END_CHAR.finditer(text):
        end = mark.start()
        if end < done:
            continue  # within a run of marks already taken
        end += 1
        if text[end - 1] != "\n":
            while end < len(text) and text[end] in _MARKS:
                end += 1  # 。！？ in a row close one sentence
        if end < len(text):
            starts.append(end)
        done = end
    return starts


class SentenceIndex:
    """Sentence and paragraph boundaries of a text, found once, looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence_starts = _sentence_starts(text)
        self.line_starts = [0] + [pos + 1 for pos in positions(text, "\n")]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos``, its end mark included."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The line holding ``pos``, without its newline."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        start = self.line_starts[max(i, 0)]
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return start, end


def at_clause_start(text: str, pos: int) -> bool:
    """True when ``pos`` begins the text, a line, a sentence or a clause."""
    return pos == 0 or text[pos - 1] in CLAUSE_END or text[pos - 1] in "(（“\"'"


def last_match(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The last of an iterable of matches, or None when there is none."""
    last = None
    for last in matches:  # noqa: B007
        pass
    return last


class Intervals:
    """Non-overlapping-agnostic set of [start, end) intervals with O(log n) overlap tests."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._max_len = max((e - s for s, e in self._spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps any interval."""
        if not self._spans:
            return False
        i = bisect.bisect_left(self._starts, end)  # intervals starting before ``end``
        j = bisect.bisect_left(self._starts, start - self._max_len)
        for k in range(j, i):  # noqa: SIM110 (a plain loop: any() over a generator costs more here)
            if self._spans[k][1] > start:
                return True
        return False
