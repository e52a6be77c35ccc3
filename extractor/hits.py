"""What the extraction layers find, in character offsets of ``doc.text``.

These plain dataclasses are what the spaCy components put on Doc extension
attributes; ``record.py`` turns them into the public Pydantic records, with
spans mapped back to the original input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(slots=True)
class Hit:
    """A piece of text found at [start, end) of ``doc.text``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class TitleBlockHit:
    original_title: Hit | None = None
    headline: Hit | None = None
    subtitles: list[Hit] = field(default_factory=list)
    body_start: int = 0  # where the report proper starts (after titles, cruft and byline)


@dataclass(slots=True)
class ReporterHit:
    name: Hit
    role: str
    outlet: str | None


@dataclass(slots=True)
class DateHit:
    year: int | None
    month: int
    day: int
    year_source: str  # "text" | "event_name" | "published" | "unknown"
    evidence: Hit
    sentence: tuple[int, int]  # the sentence that names the event


@dataclass(slots=True)
class LeaderHit:
    name: str
    mentions: list[Hit] = field(default_factory=list)
    titles: list[Hit] = field(default_factory=list)
    actions: list[Hit] = field(default_factory=list)


@dataclass(slots=True)
class DirectiveItemHit:
    ordinal: int
    marker: Hit
    heading: Hit
    body: Hit


@dataclass(slots=True)
class DirectiveGroupHit:
    speaker: Hit | None
    declared_count: int | None
    declared: Hit | None
    items: list[DirectiveItemHit] = field(default_factory=list)


@dataclass(slots=True)
class AmountHit:
    amount: Decimal
    currency: str
    evidence: Hit


@dataclass(slots=True)
class StatHit:
    category: str | None
    count: int | None
    evidence: Hit  # from the first to the last piece of the figure
    category_hit: Hit | None = None
    scope: Hit | None = None
    segment: Hit | None = None
    count_hit: Hit | None = None
    investment: AmountHit | None = None
    parent: int | None = None  # index of the batch this figure is a breakdown of, in the doc's list
