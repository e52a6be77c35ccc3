"""Event date: the day the reported event took place, with its year fixed where possible.

Forms: 2023年1月28日, 10月8日, 8日上午 (day only), 昨天/今天/前天. The lead names the
event's day; a dateline (新华社拉萨4月2日电, 华声在线12月26日讯, 央广网2月18日消息) dates the
report, so a day in the lead wins over it (…4月2日电 … 1日上午举行 -> 4月1日), and so does
an event's day over the day the reporter learned of it (记者5日从…获悉). A day alone or a
relative day is read against the dateline, else the publication date: the ``published``
header, else a page's own stamp (发布时间：2023年01月29日, a full date among the title lines).
A year-less date takes its year from the publication date (``year_source`` "published"),
else from a year in the event's name — in its sentence, the title lines or the lead
(2021年第三次…, 2021西宁城市发展投资洽谈会 -> "event_name"), else it stays unknown.
The word lists are data (``data/dates.toml``).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zhnews import lexicon
from zhnews.lexicon import word_pattern
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, body_start, get_ext, published_of, sentence_index, set_ext, text_of, warn
from zhnews.pipeline.hits import Hit
from zhnews.serialize import serializable
from zhnews.text.numbers import parse_count
from zhnews.text.scan import CLAUSE_END

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = re.compile(
    r"(?=[\d〇零一二三四五六七八九十昨今前])"
    rf"(?:(?P<year>\d{{4}}|[〇零一二三四五六七八九]{{4}})年)?(?:(?P<month>{_N})月)?(?P<day>{_N})[日号]"
    r"|(?P<relative>昨天|昨日|今天|今日|前天|前日)"
)
_RELATIVE_DAYS = {"昨天": 1, "昨日": 1, "今天": 0, "今日": 0, "前天": 2, "前日": 2}
# A year that names an event: 2021年第三次…, 2023年四季度…, 2021西宁城市发展投资洽谈会
# (not 2021年5月, 2021年度, 2021年以来, 2021亿元).
_EVENT_NAME_YEAR = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})"
    r"(?:年(?!\d|[一二三四五六七八九十]{1,2}月|度|以来|底|末|初|前|后|内)|(?=[\u4e00-\u9fff])(?![年月日号亿万千百个项元家人名多余]))"
)
# A year and a month that name an event held in that month (2023年12月招商引资项目集中签约仪式), not a
# period (2023年12月以来, 12月底, 12月中旬) nor a date (2023年12月22日).
_EVENT_NAME_MONTH = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月"
    r"(?![\d日号一二三四五六七八九十]|份?(?:以来|底|末|初|前|后|中|上旬|中旬|下旬|至|到|起|期间))"
)
# A full date as portals print their stamp: 2023年01月29日, 2023-01-29, 2023/1/29, 2023.01.29.
STAMP = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s?[年/.-]\s?(?P<month>\d{1,2})\s?[月/.-]\s?(?P<day>\d{1,2})"
)  # no digit check after the day: 2023-02-01 08:20 loses its space to normalisation
_FUTURE_TOLERANCE = dt.timedelta(days=7)
_LOOK_BEHIND = 6  # characters before a date searched for a period or future marker
_MAX_DATELINE_OPENING = 40  # how far into its paragraph a dateline with a place after its date may start
_LOOK_AHEAD = 30  # characters after a date searched for a reporting word (within its clause)


@dataclass(frozen=True)
class _Words:
    """The word lists of ``data/dates.toml`` as patterns."""

    dateline_end: re.Pattern[str]
    placed_dateline_end: re.Pattern[str]  # a place between the date and 电 before the byline: 4月18日齐齐哈尔电（
    reporting: re.Pattern[str]
    future_before: re.Pattern[str]
    period_before: re.Pattern[str]
    period_after: re.Pattern[str]
    stamp_label: re.Pattern[str]


@serializable
@dataclass(slots=True)
class DateHit:
    year: int | None
    month: int
    day: int
    year_source: str  # "text" | "event_name" | "published" | "unknown"
    evidence: Hit
    sentence: tuple[int, int]  # the sentence that names the event


@lexicon.compiled
def words(lex: lexicon.Lexicon) -> _Words:
    """The word lists of ``data/dates.toml``, compiled once per lexicon."""
    data = lex.toml("dates.toml")

    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(data[key], key=len, reverse=True))

    return _Words(
        dateline_end=re.compile(f"(?:{alternation('dateline_ends')})"),
        placed_dateline_end=re.compile(f"[\u4e00-\u9fff]{{2,12}}?(?:{alternation('dateline_ends')})(?=\\s?[(（])"),
        reporting=word_pattern(data["reporting_words"]),
        future_before=re.compile(f"(?:{alternation('future_markers')})$"),
        period_before=re.compile(f"(?:{alternation('period_markers')})[:：]?\\s?$"),
        period_after=re.compile(f"(?:{alternation('period_ends')})"),
        stamp_label=re.compile(f"(?:{alternation('stamp_labels')})[:：]\\s?(?=\\d)"),
    )


@dataclass(frozen=True)
class _Reference:
    """The day a report is dated: (year or None, month, day) and where the year came from."""

    year: int | None
    month: int
    day: int
    source: str  # "published" | "text" | "unknown"


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


def _resolve_day(ref: _Reference, day: int) -> tuple[int | None, int]:
    """(year, month) of a day-only date (8日) in a report dated ``ref``."""
    year, month = ref.year, ref.month
    if day > ref.day + 1:
        month -= 1
        if month == 0:
            year, month = (year - 1 if year is not None else None), 12
    return year, month


def _minus_days(ref: _Reference, days: int, year: int | None) -> tuple[int | None, int, int]:
    """(year, month, day) ``days`` before ``ref`` (a leap year stands in for an unknown one)."""
    base = ref.year if ref.year is not None else year
    try:
        day = dt.date(base if base is not None else 2000, ref.month, ref.day) - dt.timedelta(days=days)
    except ValueError:
        return None, ref.month, ref.day
    shift = day.year - (base if base is not None else 2000)
    return (base + shift if base is not None else None), day.month, day.day


class EventDateLayer(Layer):
    """Find the event date in the report body."""

    name = "zhnews_event_date"
    field = "event_date"
    record_field = "event_date"
    order = 30
    reads = ("prepared", "title_block")
    span_keys = {"date": "zhnews_date"}
    default_config = {"search_chars": 3000}
    eval_fields = ("event_date",)
    tables = (Table("articles", (
        Column("event_year", "int", "null when the report does not fix it"), Column("event_month", "int"),
        Column("event_day", "int"), Column("event_date", "date", "null without a year"),
        Column("year_source", "string", "text, event_name, published or unknown"),
    )),)

    # --- the reference dates -------------------------------------------------------------

    def _stamp(self, doc: Doc) -> dt.date | None:
        """A page's publication stamp: a full date among the title lines, or after a stamp label."""
        text = text_of(doc)
        found = STAMP.search(text, 0, body_start(doc))
        if found is None:
            label = words().stamp_label.search(text, 0, min(len(text), self.search_chars))
            found = STAMP.match(text, label.end()) if label else None
        if found is None:
            return None
        try:
            return dt.date(int(found.group("year")), int(found.group("month")), int(found.group("day")))
        except ValueError:
            return None

    def _dateline(self, doc: Doc, match: re.Match[str], published: dt.date | None) -> _Reference | None:
        """The dateline a date match belongs to (…4月2日电, …12月26日讯), or None."""
        if match.group("relative") or match.group("month") is None:
            return None
        text = text_of(doc)
        near_line_start = match.start() - (text.rfind("\n", 0, match.start()) + 1) <= _MAX_DATELINE_OPENING
        if not (words().dateline_end.match(text, match.end())
                or near_line_start and words().placed_dateline_end.match(text, match.end())):
            return None
        year, month, day = (_number(match.group(k)) for k in ("year", "month", "day"))
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        if year is not None:
            return _Reference(year, month, day, "text")
        if published is not None:
            return _Reference(_resolve_month_day(published, month, day), month, day, "published")
        return _Reference(None, month, day, "unknown")

    # --- the event name's year -------------------------------------------------------------

    def _event_name_year(self, doc: Doc, sentence: tuple[int, int], month: int | None = None) -> int | None:
        """A year written in the event's name: in the date's sentence, the title lines, the date's
        paragraph or the body's lead; with the date's ``month``, also a year and that month naming the
        event (2023年12月…签约仪式)."""
        text = text_of(doc)
        block = get_ext(doc, "zhnews_title_block")
        regions = [sentence]
        if block is not None:
            regions += [(h.start, h.end) for h in (block.original_title, block.headline, *block.subtitles) if h]
        regions.append(sentence_index(doc).paragraph(sentence[0]))
        lead = body_start(doc)
        if lead < len(text) and not regions[-1][0] <= lead < regions[-1][1]:
            regions.append(sentence_index(doc).paragraph(lead))  # a date above the body: the body's lead
        for start, end in regions:
            match = _EVENT_NAME_YEAR.search(text, start, end)
            if match:
                return int(match.group("year"))
            if month is not None:
                for named in _EVENT_NAME_MONTH.finditer(text, start, end):
                    if _number(named.group("month")) == month:
                        return int(named.group("year"))
        return None

    # --- reading one date ------------------------------------------------------------------

    def _hit(self, doc: Doc, match: re.Match[str], ref: _Reference | None, published: dt.date | None) -> DateHit | None:
        hit = self._read(doc, match, ref, published)
        if hit is not None and not _valid(hit):
            warn(doc, f"{match.group()!r} is not a calendar date")
            return None
        return hit

    def _read(self, doc: Doc, match: re.Match[str], ref: _Reference | None,
              published: dt.date | None) -> DateHit | None:
        sentence = sentence_index(doc).sentence(match.start())
        evidence = Hit(match.group(), match.start(), match.end())
        if match.group("relative"):
            if ref is None:
                warn(doc, f"relative date {match.group()!r} without a publication date")
                return None
            named = self._event_name_year(doc, sentence) if ref.year is None else None
            year, month, day = _minus_days(ref, _RELATIVE_DAYS[match.group("relative")], named)
            source = ref.source if ref.year is not None else ("event_name" if year is not None else "unknown")
            return DateHit(year, month, day, source, evidence, sentence)
        year, month, day = (_number(match.group(k)) for k in ("year", "month", "day"))
        if day is None or not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
            return None
        if year is not None and month is not None:
            return DateHit(year, month, day, "text", evidence, sentence)
        if year is not None:
            return None  # 2021年8日 is not a date
        if month is None:
            if ref is None:
                return None  # a bare day with no month and no reference
            year, month = _resolve_day(ref, day)
            if year is not None:
                return DateHit(year, month, day, ref.source, evidence, sentence)
            return self._with_event_year(doc, month, day, evidence, sentence)
        if published is not None:
            return DateHit(_resolve_month_day(published, month, day), month, day, "published", evidence, sentence)
        if ref is not None and ref.year is not None and ref.source == "text":
            return DateHit(ref.year - (month > ref.month), month, day, "text", evidence, sentence)
        return self._with_event_year(doc, month, day, evidence, sentence)

    def _with_event_year(self, doc: Doc, month: int, day: int, evidence: Hit, sentence: tuple[int, int]) -> DateHit:
        named = self._event_name_year(doc, sentence, month)
        if named is not None:
            return DateHit(named, month, day, "event_name", evidence, sentence)
        return DateHit(None, month, day, "unknown", evidence, sentence)

    # --- choosing the event's date ---------------------------------------------------------

    def _is_candidate(self, text: str, match: re.Match[str]) -> bool:
        """False for what only looks like a date (三日内, 5号楼) and for a period's bound."""
        if match.group("day") and match.group("month") is None:
            if not match.group("day").isdigit() or match.group().endswith("号"):
                return False  # 三日内, 5号楼: only 8日 stands for a date on its own
            if match.start() > 0 and (text[match.start() - 1].isdigit() or text[match.start() - 1] in "月第"):
                return False
        if words().period_before.search(text, max(0, match.start() - _LOOK_BEHIND), match.start()):
            return False
        return not words().period_after.match(text, match.end())

    def _tier(self, text: str, match: re.Match[str]) -> int:
        """0: the event's day; 1: the day a reporter learned of it (记者5日从…获悉); 2: a day to come."""
        if words().future_before.search(text, max(0, match.start() - _LOOK_BEHIND), match.start()):
            return 2
        end = match.end()
        stop = min(len(text), end + _LOOK_AHEAD)
        clause_end = next((i for i in range(end, stop) if text[i] in CLAUSE_END), stop)
        if words().reporting.search(text, end, clause_end) or text.endswith("记者", 0, match.start()):
            return 1
        return 0

    def _choose(self, doc: Doc, published: dt.date | None) -> DateHit | None:
        """The event's date among the body's dates: the best tier of the lead paragraph, else the dateline."""
        text = text_of(doc)
        start = body_start(doc)
        stop = min(len(text), start + self.search_chars)
        ref = _Reference(published.year, published.month, published.day, "published") if published else None
        dateline: re.Match[str] | None = None
        best: tuple[int, DateHit] | None = None
        lead: tuple[int, int] | None = None
        for match in _DATE.finditer(text, start, stop):
            if lead is not None and match.start() >= lead[1]:
                break  # the lead paragraph is read
            if not self._is_candidate(text, match):
                continue
            if dateline is None and (found := self._dateline(doc, match, published)) is not None:
                dateline, ref = match, found
                continue
            hit = self._hit(doc, match, ref, published)
            if hit is None:
                continue
            tier = self._tier(text, match)
            if tier < 2 and lead is None:
                lead = sentence_index(doc).paragraph(match.start())
            if best is None or tier < best[0]:
                best = (tier, hit)
            if tier == 0:
                break
        if best is None and dateline is not None:
            return self._hit(doc, dateline, None, published)
        if best is None:
            return self._title_date(doc, ref, published)
        return best[1]

    def _title_date(self, doc: Doc, ref: _Reference | None, published: dt.date | None) -> DateHit | None:
        """When the body names no day: the first day in the title lines (a stamp line alone, 3月1日上午,
        read as a headline; a headline holding the day), furniture excluded."""
        block = get_ext(doc, "zhnews_title_block")
        if block is None:
            return None
        text = text_of(doc)
        for line in (block.original_title, block.headline, *block.subtitles):
            if line is None:
                continue
            for match in _DATE.finditer(text, line.start, line.end):
                if self._is_candidate(text, match) and self._tier(text, match) == 0:
                    hit = self._hit(doc, match, ref, published)
                    if hit is not None:
                        return hit
        return None

    def __call__(self, doc: Doc) -> Doc:
        published = published_of(doc)
        if published is None:
            published = self._stamp(doc)
        found = self._choose(doc, published)
        set_ext(doc, "zhnews_event_date", found)
        spans = [(found.evidence.start, found.evidence.end, "EVENT_DATE")] if found else []
        doc = self.put_spans(doc, "date", spans)
        return doc

    @classmethod
    def to_record(cls, hit: DateHit | None, context: RecordContext) -> dict[str, Any] | None:
        if hit is None:
            return None
        return {"year": hit.year, "month": hit.month, "day": hit.day, "year_source": hit.year_source,
                **context.evidence(hit.evidence)}

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        d = record.event_date
        if d is None:
            return []
        year = d.year if d.year is not None else "????"
        return [Mark(*d.span, "date", f"event date {year}-{d.month:02d}-{d.day:02d} (year: {d.year_source})")]

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        date = record.get("event_date") or {}
        year = date.get("year")
        return {"articles": [{
            "event_year": year, "event_month": date.get("month"), "event_day": date.get("day"),
            "event_date": dt.date(year, date["month"], date["day"]) if year is not None else None,
            "year_source": date.get("year_source"),
        }]}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        date = record.get("event_date")
        return [] if not date else [(date.get("year"), date["month"], date["day"])]
