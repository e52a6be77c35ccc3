"""Where the statistical tagger may add something the rules missed: cheap tests, then a budget.

The tagger costs some 30 µs a character, the whole rule pipeline about 4, so it
reads only the stretches of text where a test says the rules left something
open:

- ``list``: a 、 list with a short item no rule layer claimed (张三、李四、王五;
  埃克森美孚、巴斯夫);
- ``title``: an official's post followed by no leader the rules found
  (州委书记虢正贵下令: the name's surname is missing from the gazetteer);
- ``attendance``: an attendance or speech verb right after text no rule layer
  claimed (张三主持, …领队李四致辞);
- ``company``: a company word (企业, 签约, 投资方 …) or an organisation's
  ending (大学, 实验室 …) with no organisation the rules found near it
  (与特斯拉签约).

Each trigger takes its sentence, or a window of ``max_span`` characters around
it in a long one; overlapping stretches merge, and a document gives at most
``max_chars`` characters in text order.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from zhnews import lexicon
from zhnews.pipeline.ner.confirm import CLAUSE_MARKS, Known, clause_bounds, words
from zhnews.text.scan import Intervals, SentenceIndex, is_han

TRIGGERS = ("list", "title", "attendance", "company")
_LIST_MARK = re.compile("、")
_MAX_LIST_ITEM = 10  # a 、 item longer than this is no bare name
_COMPANY_WINDOW = 30  # how far a known organisation satisfies a company word
_LIST_WINDOW = 80  # how far a list's clause is looked at for official or company words


def _covered(known: Known) -> Intervals:
    """Every span a rule layer claimed: reporters, organisations, leader mentions."""
    return Intervals([*known.reporters, *((h.start, h.end) for h in known.organizations), *known.leader_mentions])


def _item_after(text: str, pos: int) -> tuple[int, int]:
    """The 、 list item starting at ``pos``: up to the next 、 or clause mark, at most ``_MAX_LIST_ITEM`` + 1."""
    end = pos
    stop = min(len(text), pos + _MAX_LIST_ITEM + 1)
    while end < stop and text[end] != "、" and text[end] not in CLAUSE_MARKS:
        end += 1
    return pos, end


def _item_before(text: str, pos: int) -> tuple[int, int]:
    """The 、 list item ending at ``pos``, likewise."""
    start = pos
    floor = max(0, pos - _MAX_LIST_ITEM - 1)
    while start > floor and text[start - 1] != "、" and text[start - 1] not in CLAUSE_MARKS:
        start -= 1
    return start, pos


def _open_item(text: str, start: int, end: int, covered: Intervals) -> bool:
    """True for a short item of Chinese text that no rule layer claimed and that may be a name."""
    return 2 <= end - start <= _MAX_LIST_ITEM and is_han(text[start]) and not covered.overlaps(start, end)


def _official_clause(text: str, left: int, right: int, covered: Intervals) -> bool:
    """True when the clause [left, right) names an official or attendance: a known name, 领导, or an
    attendance verb (a list of names there may be the leaders the rules missed)."""
    if covered.overlaps(left, right) or text.find("领导", left, right) >= 0:
        return True
    return words().attendance_triggers.search(text, left, right) is not None


def list_triggers(text: str, covered: Intervals) -> Iterable[int]:
    """Positions of 、 next to a short item no rule layer claimed, in a clause about officials or companies."""
    company = words().company_triggers
    for match in _LIST_MARK.finditer(text):
        pos = match.start()
        before, after = _item_before(text, pos), _item_after(text, pos + 1)
        if not (_open_item(text, *before, covered) or _open_item(text, *after, covered)):
            continue
        left, right = clause_bounds(text, pos, pos, CLAUSE_MARKS, _LIST_WINDOW)
        if _official_clause(text, left, right, covered) or company.search(text, left, right):
            yield pos


def title_triggers(text: str, covered: Intervals) -> Iterable[int]:
    """Ends of posts that are followed by Chinese text no rule layer claimed (a name the rules missed)."""
    for match in lexicon.load().title_pattern.finditer(text):
        end = match.end()
        named_after = covered.overlaps(end, end + 2)
        named_before = covered.overlaps(max(0, match.start() - 1), match.start())  # 陈平市长: the name is known
        if end < len(text) and is_han(text[end]) and not (named_after or named_before):
            yield end


def attendance_triggers(text: str, covered: Intervals) -> Iterable[int]:
    """Starts of attendance verbs right after Chinese text no rule layer claimed."""
    for match in words().attendance_triggers.finditer(text):
        pos = match.start()
        if pos >= 2 and is_han(text[pos - 1]) and is_han(text[pos - 2]) and not covered.overlaps(pos - 2, pos):
            yield pos


def company_triggers(text: str, known: Known) -> Iterable[int]:
    """Company words with no organisation the rules found near them."""
    near = Intervals([(h.start, h.end) for h in known.organizations])
    for match in words().company_triggers.finditer(text):
        if not near.overlaps(max(0, match.start() - _COMPANY_WINDOW), match.end() + _COMPANY_WINDOW):
            yield match.start()


def _window(text: str, sentence: tuple[int, int], pos: int, max_span: int) -> tuple[int, int]:
    """The sentence holding ``pos``, or ``max_span`` characters around it cut at clause marks."""
    start, end = sentence
    if end - start <= max_span:
        return start, end
    left = max(start, pos - max_span // 2)
    right = min(end, left + max_span)
    left = max(start, right - max_span)
    for i in range(left, pos):  # open at the first clause mark within the window's first third
        if i - left > max_span // 3:
            break
        if text[i] in CLAUSE_MARKS:
            left = i + 1
            break
    for i in range(right - 1, pos, -1):  # close at the last clause mark within its last third
        if right - i > max_span // 3:
            break
        if text[i] in CLAUSE_MARKS:
            right = i + 1
            break
    return left, right


def trigger_spans(
    text: str,
    known: Known,
    *,
    kinds: Iterable[str] = TRIGGERS,
    max_chars: int = 3000,
    max_span: int = 160,
    start: int = 0,
    sentences: SentenceIndex | None = None,
) -> list[tuple[int, int]]:
    """The stretches of ``text`` (from ``start``, the body) worth the tagger's time, merged, in text order,
    at most ``max_chars`` characters in all."""
    unknown = set(kinds) - set(TRIGGERS)
    if unknown:
        raise ValueError(f"unknown NER trigger(s) {sorted(unknown)}: use {', '.join(TRIGGERS)}")
    covered = _covered(known)
    kinds = set(kinds)
    found: dict[int, int] = {}  # trigger position -> the window it takes
    wide, narrow = max_span, max(20, max_span // 2)
    for kind, positions, span in (
        ("list", lambda: list_triggers(text, covered), wide),
        ("title", lambda: title_triggers(text, covered), narrow),
        ("attendance", lambda: attendance_triggers(text, covered), narrow),
        ("company", lambda: company_triggers(text, known), narrow),
    ):
        if kind in kinds:
            for pos in positions():
                found[pos] = max(found.get(pos, 0), span)
    index = sentences or SentenceIndex(text)
    spans: list[tuple[int, int]] = []
    for pos in sorted(p for p in found if p >= start):
        left, right = _window(text, index.sentence(pos), pos, found[pos])
        left = max(left, start)
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], right))
        else:
            spans.append((left, right))
    out: list[tuple[int, int]] = []
    budget = max_chars
    for left, right in spans:
        for piece in _pieces(text, left, right, max_span):
            if budget <= 0:
                return out
            piece = (piece[0], min(piece[1], piece[0] + budget))
            out.append(piece)
            budget -= piece[1] - piece[0]
    return out


def _pieces(text: str, left: int, right: int, max_span: int) -> Iterable[tuple[int, int]]:
    """[left, right) in pieces of at most ``max_span`` characters, each cut after a clause mark where
    one lies in its second half (merged windows of one long sentence can exceed the span)."""
    while right - left > max_span:
        cut = left + max_span
        for i in range(cut - 1, left + max_span // 2, -1):
            if text[i] in CLAUSE_MARKS:
                cut = i + 1
                break
        yield left, cut
        left = cut
    if right > left:
        yield left, right
