"""Event date: the first date in the report body, with the year fixed where possible.

Forms: 2023年1月28日, 10月8日, 8日上午 (day only), 昨天/今天/前天. A year-less
date takes its year from the ``published`` date when known (``year_source``
"published"), else from a year in the event's name in the same sentence
(2021年第三次… -> "event_name"), else stays unknown.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc

from zhnews.pipeline.base import BatchedComponent, body_start, get_ext, sentence_index, set_ext, text_of, warn
from zhnews.pipeline.hits import DateHit, Hit
from zhnews.pipeline.spans import set_span_group
from zhnews.text.numbers import parse_count

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(
    r"(?=[\d〇零一二三四五六七八九十昨今前])"
    rf"(?:(?P<year>\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?(?:(?P<month>{_N})月)?(?P<day>{_N})[日号]"
    r"|(?P<relative>昨天|昨日|今天|今日|前天|前日)"
)
_RELATIVE_DAYS = {"昨天": 1, "昨日": 1, "今天": 0, "今日": 0, "前天": 2, "前日": 2}
# Dates that bound a period rather than name the event.
_NOT_EVENT_BEFORE = re.compile(r"(?:截至|截止|自|从|到|至|于|以来|直至|(?:发布|更新|发稿|时间|日期)[:：]?\s*)$")
_NOT_EVENT_AFTER = re.compile(r"^(?:以来|之前|以前|前|起|至今|期间|截止|为止|到期)")
_EVENT_NAME_YEAR = re.compile(r"(?P<year>\d{4})年(?!\d|[一二三四五六七八九十]{1,2}月|度)")
_FUTURE_TOLERANCE = dt.timedelta(days=7)


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in "〇零一二三四五六七八九" for c in text):
        return int("".join(str("〇一二三四五六七八九".find(c) if c != "零" else 0) for c in text))
    return parse_count(text)


def _valid(hit: DateHit) -> bool:
    """True when the day exists in its month (in a leap year when the year is unknown)."""
    try:
        dt.date(hit.year if hit.year is not None else 2000, hit.month, hit.day)
    except ValueError:
        return False
    return True


def _resolve_month_day(published: dt.date, month: int, day: int) -> int:
    """The year of a year-less month/day in a report published on ``published``."""
    try:
        candidate = dt.date(published.year, month, day)
    except ValueError:
        return published.year
    return published.year - 1 if candidate - published > _FUTURE_TOLERANCE else published.year


def _resolve_day(published: dt.date, day: int) -> tuple[int, int]:
    """(year, month) of a day-only date (8日) in a report published on ``published``."""
    year, month = published.year, published.month
    if day > published.day + 1:
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return year, month


class EventDateComponent(BatchedComponent):
    """Find the event date in the report body."""

    def __init__(self, search_chars: int) -> None:
        self.search_chars = search_chars

    def _event_name_year(self, doc: Doc, sentence: tuple[int, int]) -> int | None:
        match = _EVENT_NAME_YEAR.search(text_of(doc), *sentence)
        return int(match.group("year")) if match else None

    def _hit(self, doc: Doc, match: re.Match[str]) -> DateHit | None:
        hit = self._read(doc, match)
        if hit is not None and not _valid(hit):
            warn(doc, f"{match.group()!r} is not a calendar date")
            return None
        return hit

    def _read(self, doc: Doc, match: re.Match[str]) -> DateHit | None:
        published: dt.date | None = get_ext(doc, "zhnews_published")
        sentence = sentence_index(doc).sentence(match.start())
        evidence = Hit(match.group(), match.start(), match.end())
        if match.group("relative"):
            if published is None:
                warn(doc, f"relative date {match.group()!r} without a publication date")
                return None
            day = published - dt.timedelta(days=_RELATIVE_DAYS[match.group("relative")])
            return DateHit(day.year, day.month, day.day, "published", evidence, sentence)
        year, month, day = (_number(match.group(k)) for k in ("year", "month", "day"))
        if day is None or not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
            return None
        if year is not None and month is not None:
            return DateHit(year, month, day, "text", evidence, sentence)
        if year is not None:
            return None  # 2021年8日 is not a date
        if month is None:
            if published is None:
                return None  # a bare day with no month and no reference
            year, month = _resolve_day(published, day)
            return DateHit(year, month, day, "published", evidence, sentence)
        if published is not None:
            return DateHit(_resolve_month_day(published, month, day), month, day, "published", evidence, sentence)
        named = self._event_name_year(doc, sentence)
        if named is not None:
            return DateHit(named, month, day, "event_name", evidence, sentence)
        return DateHit(None, month, day, "unknown", evidence, sentence)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        start = body_start(doc)
        stop = min(len(text), start + self.search_chars)
        found: DateHit | None = None
        for match in _DATE.finditer(text, start, stop):
            if match.group("day") and match.group("month") is None:
                if not match.group("day").isdigit() or match.group().endswith("号"):
                    continue  # 三日内, 5号楼: only 8日 stands for a date on its own
                if match.start() > 0 and (text[match.start() - 1].isdigit() or text[match.start() - 1] in "月第"):
                    continue
            if _NOT_EVENT_BEFORE.search(text, max(0, match.start() - 6), match.start()):
                continue
            if _NOT_EVENT_AFTER.match(text, match.end()):
                continue
            found = self._hit(doc, match)
            if found is not None:
                break
        set_ext(doc, "zhnews_event_date", found)
        spans = [(found.evidence.start, found.evidence.end, "EVENT_DATE")] if found else []
        doc = set_span_group(doc, "zhnews_date", spans)
        return doc


@Language.factory(
    "zhnews_event_date",
    requires=["doc._.zhnews_title_block"],
    assigns=["doc._.zhnews_event_date", "doc.spans"],
    default_config={"search_chars": 3000},
)
def make_event_date(nlp: Language, name: str, search_chars: int) -> EventDateComponent:
    """Factory of the event-date layer."""
    return EventDateComponent(search_chars)
