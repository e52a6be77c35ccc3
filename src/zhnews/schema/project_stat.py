"""Project figures: how many projects of a batch, where, for how much."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from zhnews.schema.base import Amount, Evidence, RecordPart, Span, record_field


class Money(RecordPart):
    """An exact amount in whole units of an ISO 4217 currency."""

    amount: Amount = Field(ge=0, description="in whole units of the currency (2844亿元 -> 284400000000)")
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 (CNY, USD ...)")
    text: str = Field(description="the amount as written")
    span: Span


class ProjectStat(RecordPart):
    """A (count, investment) figure for a batch of projects, or a breakdown of one (``parent``)."""

    category: str | None = Field(None, description="the kind of batch, canonical simplified (签约, 开工, 投产, 竣工 "
                                 "...); null when one figure covers several kinds")
    scope: str | None = Field(None, description="who or where the figure covers, as written (全省, 主会场, 郑州市)")
    segment: str | None = Field(None, description="the sub-group a breakdown counts, as written (产业项目, "
                                "10亿元以上项目); null for a batch")
    count: int | None = Field(None, ge=0, description="the number of projects; null if not given")
    investment: Money | None = Field(None, description="the total investment; null if not given")
    category_span: Span | None = Field(None, description="[start, end) of the word giving the category; null if none")
    scope_span: Span | None = Field(None, description="[start, end) of the scope as written; null if none")
    segment_span: Span | None = Field(None, description="[start, end) of the segment's noun phrase; null if none")
    count_span: Span | None = Field(None, description="[start, end) of the count's numeral; null if none")
    parent: int | None = Field(None, ge=0, description="index in project_stats of the batch this is a breakdown of")
    text: str = Field(description="the figure as written, from its first piece to its last")
    span: Span

    def evidence(self) -> Iterator[Evidence]:
        yield "project stat", self.span, self.text
        if self.scope is not None and self.scope_span is not None:
            yield "scope", self.scope_span, self.scope
        if self.segment is not None and self.segment_span is not None:
            yield "segment", self.segment_span, self.segment
        for what, span in (("category", self.category_span), ("count", self.count_span)):
            if span is not None:
                yield what, span, None
        if self.investment:
            yield "investment", self.investment.span, self.investment.text

    def problems(self, text: str) -> list[str]:
        from zhnews.text.normalize import remove_spaces
        from zhnews.text.numbers import parse_count

        if self.count is None or self.count_span is None:
            return []
        written = remove_spaces(text[self.count_span[0] : self.count_span[1]]).rstrip("个项個")
        if parse_count(written.replace(",", "")) != self.count:
            return [f"count {self.count}: span {list(self.count_span)} shows {written!r}"]
        return []


record_field("project_stats", list[ProjectStat], [],
             "each reported (count, investment) figure for a batch of projects, and its breakdowns", order=70)
