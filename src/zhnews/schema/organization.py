"""Companies and other non-government organisations."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from zhnews.schema.base import Evidence, RecordPart, Span, record_field


class Organization(RecordPart):
    """A company or other non-government organisation."""

    name: str = Field(description="the name as written, typesetting spaces removed")
    span: Span = Field(description="its first mention")

    def evidence(self) -> Iterator[Evidence]:
        yield "organisation", self.span, self.name


record_field("organizations", list[Organization], [],
             "companies and other non-government organisations named, each once, in order", order=40)
