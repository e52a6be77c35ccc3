"""Record types for one news report. Every extracted value carries ``span``:
``[start, end)`` character offsets into the ORIGINAL input text.

The scored fields keep the names and shapes of the corpus gold format
(``shared/corpus/README.md``); where the gold holds a plain string (a reporter,
an organisation, a speaker) the record holds an object with it under ``name``.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, ValidationInfo, field_validator, model_validator

Span = Annotated[tuple[int, int], Field(description="[start, end) in the original text")]


def _serialize_amount(value: Decimal) -> int | str:
    """Whole amounts as JSON integers (exact); a fractional amount as a decimal string."""
    return int(value) if value == value.to_integral_value() else str(value)


Amount = Annotated[Decimal, PlainSerializer(_serialize_amount, when_used="json")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextEvidence(_Record):
    """A piece of the article: its text (typesetting spaces removed) and span."""

    text: str
    span: Span

    @field_validator("span")
    @classmethod
    def _ordered(cls, span: tuple[int, int]) -> tuple[int, int]:
        if not 0 <= span[0] <= span[1]:
            raise ValueError(f"span {list(span)} is not an ordered pair of offsets")
        return span


class TitleBlock(_Record):
    """原标题, headline and sub-headlines printed before the report."""

    original_title: TextEvidence | None = None
    headline: TextEvidence | None = None
    subtitles: list[TextEvidence] = []


class EventDate(_Record):
    """When the reported event took place (not the publication date)."""

    year: int | None = Field(None, ge=1949, le=2100)
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year_source: Literal["text", "event_name", "published", "unknown"]
    text: str
    span: Span

    @model_validator(mode="after")
    def _real_day(self) -> EventDate:
        probe_year = self.year if self.year is not None else 2000  # a leap year
        try:
            dt.date(probe_year, self.month, self.day)
        except ValueError as exc:
            raise ValueError(f"{self.month}月{self.day}日 is not a date in {probe_year}") from exc
        return self


class Reporter(_Record):
    """A bylined journalist."""

    name: str
    role: str
    outlet: str | None = None
    span: Span


class Leader(_Record):
    """An official named in the report, once, with every post and mention."""

    name: str
    titles: list[str] = []
    title_evidence: list[TextEvidence] = []
    actions: list[TextEvidence] = []
    mentions: list[Span] = Field(min_length=1)

    @property
    def span(self) -> tuple[int, int]:
        """The first mention."""
        return self.mentions[0]


class Speaker(_Record):
    name: str
    span: Span


class DirectiveItem(_Record):
    ordinal: int = Field(ge=1)
    marker: str
    heading: str
    body: str
    marker_span: Span
    heading_span: Span
    span: Span


class DirectiveGroup(_Record):
    """One numbered list of instructions (一要…二要…) from one speaker."""

    speaker: Speaker | None = None
    declared_count: int | None = Field(None, ge=1)
    declared_span: Span | None = None
    items: list[DirectiveItem] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _consecutive(cls, items: list[DirectiveItem]) -> list[DirectiveItem]:
        ordinals = [item.ordinal for item in items]
        if ordinals != list(range(1, len(items) + 1)):
            raise ValueError(f"directive ordinals {ordinals} do not run 1..{len(items)}")
        return items


class Money(_Record):
    """An exact amount in whole units of an ISO 4217 currency."""

    amount: Amount = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    text: str
    span: Span


class ProjectStat(_Record):
    """A (count, investment) figure for a batch of projects, or a breakdown of one (``parent``)."""

    category: str | None = None
    scope: str | None = None
    segment: str | None = None
    count: int | None = Field(None, ge=0)
    investment: Money | None = None
    category_span: Span | None = None
    scope_span: Span | None = None
    segment_span: Span | None = None
    count_span: Span | None = None
    parent: int | None = Field(None, ge=0, description="index in project_stats of the batch this is a breakdown of")
    text: str
    span: Span


class Organization(_Record):
    """A company or other non-government organisation."""

    name: str
    span: Span


def _record_spans(record: ArticleRecord):
    """Yield (field, span) for every span of a record."""
    title = record.title
    for part in (title.original_title, title.headline, *title.subtitles):
        if part:
            yield "title", part.span
    if record.event_date:
        yield "event_date", record.event_date.span
    for reporter in record.reporters:
        yield "reporters", reporter.span
    for leader in record.leaders:
        for span in leader.mentions:
            yield "leaders.mentions", span
        for evidence in (*leader.title_evidence, *leader.actions):
            yield "leaders", evidence.span
    for group in record.directives:
        if group.speaker:
            yield "directives.speaker", group.speaker.span
        if group.declared_span:
            yield "directives.declared_span", group.declared_span
        for item in group.items:
            yield "directives.items", item.marker_span
            yield "directives.items", item.heading_span
            yield "directives.items", item.span
    for stat in record.project_stats:
        yield "project_stats", stat.span
        for span in (stat.category_span, stat.scope_span, stat.segment_span, stat.count_span):
            if span is not None:
                yield "project_stats", span
        if stat.investment:
            yield "project_stats.investment", stat.investment.span
    for org in record.organizations:
        yield "organizations", org.span


class ArticleRecord(_Record):
    """Everything extracted from one report."""

    doc_id: str | None = None
    source: str | None = Field(None, description="the outlet named by the metadata header")
    published: dt.date | None = None
    published_source: Literal["given", "header", "json_field", "html_meta", "html_text"] | None = Field(
        None, description="where the publication date came from: given by the caller (--published), the metadata "
        "header, the field of a JSON-lines or JSON input, an HTML page's metadata or the page's text")
    input_file: str | None = Field(None, description="the file (and line) the article was read from, in a batch")
    encoding: str | None = Field(None, description="the text encoding the input was decoded from")
    text_length: int = Field(ge=0)
    title: TitleBlock = TitleBlock()
    event_date: EventDate | None = None
    reporters: list[Reporter] = []
    leaders: list[Leader] = []
    directives: list[DirectiveGroup] = []
    project_stats: list[ProjectStat] = []
    organizations: list[Organization] = []
    warnings: list[str] = []

    @model_validator(mode="after")
    def _spans_inside_text(self, info: ValidationInfo) -> ArticleRecord:
        text = (info.context or {}).get("text") if info else None
        if text is not None and len(text) != self.text_length:
            raise ValueError(f"text_length {self.text_length} differs from the text ({len(text)})")
        for key, (start, end) in _record_spans(self):
            if not 0 <= start <= end <= self.text_length:
                raise ValueError(f"{key} [{start}, {end}) lies outside the text (length {self.text_length})")
        names = [leader.name for leader in self.leaders]
        if len(names) != len(set(names)):
            raise ValueError(f"a leader is listed twice: {names}")
        return self
