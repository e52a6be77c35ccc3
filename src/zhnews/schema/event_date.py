"""When the reported event took place."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import Field, model_validator

from zhnews.schema.base import Evidence, RecordPart, Span, record_field


class EventDate(RecordPart):
    """When the reported event took place (not the publication date)."""

    year: int | None = Field(None, ge=1949, le=2100, description="null when neither text nor header fixes it")
    month: int = Field(ge=1, le=12, description="the month, 1-12")
    day: int = Field(ge=1, le=31, description="the day of the month (checked against the month and year)")
    year_source: Literal["text", "event_name", "published", "unknown"] = Field(
        description="where the year came from: the date as written, a year in the event's name, the publication "
        "date, or nowhere")
    text: str = Field(description="the date as written (10月8日, 昨天 ...)")
    span: Span

    @model_validator(mode="after")
    def _real_day(self) -> EventDate:
        probe_year = self.year if self.year is not None else 2000  # a leap year
        try:
            dt.date(probe_year, self.month, self.day)
        except ValueError as exc:
            raise ValueError(f"{self.month}月{self.day}日 is not a date in {probe_year}") from exc
        return self

    def evidence(self) -> Iterator[Evidence]:
        yield "event_date", self.span, self.text


record_field("event_date", EventDate | None, None, "the date of the reported event; null when none is named",
             order=20)
