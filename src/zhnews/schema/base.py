"""What every part of a record shares: frozen strict models, spans, evidence, amounts, and the
registry of the record's fields (each schema module registers the field it defines)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator

Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets into the original text")]


def _serialize_amount(value: Decimal) -> int | str:
    """Whole amounts as JSON integers (exact); a fractional amount as a decimal string."""
    return int(value) if value == value.to_integral_value() else str(value)


Amount = Annotated[Decimal, PlainSerializer(_serialize_amount, when_used="json")]

Evidence = tuple[str, tuple[int, int], "str | None"]  # (what, span, the value the span must show or None)


class RecordPart(BaseModel):
    """A part of a record: frozen, no unknown keys; ``evidence`` lists its spans and what each shows."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def evidence(self) -> Iterator[Evidence]:
        """(what, span, value) for every span of this part; value None when the span shows no single value."""
        return iter(())

    def problems(self, text: str) -> list[str]:
        """What else is wrong with this part against the text it came from (beyond its evidence)."""
        return []


class TextEvidence(RecordPart):
    """A piece of the article: its text (typesetting spaces removed) and span."""

    text: str = Field(description="the piece as written, typesetting spaces removed")
    span: Span

    @field_validator("span")
    @classmethod
    def _ordered(cls, span: tuple[int, int]) -> tuple[int, int]:
        if not 0 <= span[0] <= span[1]:
            raise ValueError(f"span {list(span)} is not an ordered pair of offsets")
        return span

    def evidence(self) -> Iterator[Evidence]:
        yield "text", self.span, self.text


@dataclass(frozen=True)
class RecordField:
    """A field of ``ArticleRecord``: its name, type, default and meaning, and its place among the fields."""

    name: str
    annotation: Any
    default: Any
    description: str
    order: int


FIELDS: dict[str, RecordField] = {}


def record_field(name: str, annotation: Any, default: Any, description: str, order: int) -> RecordField:
    """Register a field of ``ArticleRecord`` (called once by the schema module that defines its type)."""
    field = FIELDS[name] = RecordField(name, annotation, default, description, order)
    return field
