"""Numbered instructions in a speech (一要…二要…, 一是…二是…)."""
from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from zhnews.schema.base import Evidence, RecordPart, Span, record_field


class Speaker(RecordPart):
    """Who gave a group of instructions."""

    name: str = Field(description="the speaker's name as written")
    span: Span = Field(description="the mention the speech is attributed to")


class DirectiveItem(RecordPart):
    """One numbered instruction."""

    ordinal: int = Field(ge=1, description="its number: 1 for 一要/一是/第一/(一)")
    marker: str = Field(description="the marker as written (一要, 第二, （三）)")
    heading: str = Field(description="the text after the marker up to the first 。 (or ；/：)")
    body: str = Field(description="the instruction up to the next marker")
    marker_span: Span
    heading_span: Span
    span: Span = Field(description="the body's span")


class DirectiveGroup(RecordPart):
    """One numbered list of instructions (一要…二要…) from one speaker."""

    speaker: Speaker | None = Field(None, description="who gave them; null when the text does not say")
    declared_count: int | None = Field(None, ge=1, description="the count the text announces (强调6点要求 -> 6)")
    declared_span: Span | None = Field(None, description="[start, end) of the declared count (6点要求); null if none")
    items: list[DirectiveItem] = Field(min_length=1, description="the numbered items in order, ordinals 1, 2, 3 …")

    @field_validator("items")
    @classmethod
    def _consecutive(cls, items: list[DirectiveItem]) -> list[DirectiveItem]:
        ordinals = [item.ordinal for item in items]
        if ordinals != list(range(1, len(items) + 1)):
            raise ValueError(f"directive ordinals {ordinals} do not run 1..{len(items)}")
        return items

    def evidence(self) -> Iterator[Evidence]:
        if self.speaker:
            yield "speaker", self.speaker.span, self.speaker.name
        if self.declared_span:
            yield "declared count", self.declared_span, None
        for item in self.items:
            yield f"directive {item.ordinal} marker", item.marker_span, item.marker
            yield f"directive {item.ordinal} heading", item.heading_span, item.heading
            yield f"directive {item.ordinal} body", item.span, item.body


record_field("directives", list[DirectiveGroup], [], "one group per numbered list of instructions, in text order",
             order=60)
