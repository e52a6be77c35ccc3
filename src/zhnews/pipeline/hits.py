"""What the extraction layers find, in character offsets of ``doc.text``.

These plain dataclasses are what the spaCy components put on Doc extension
attributes; ``record.py`` turns them into the public Pydantic records, with
spans mapped back to the original input.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zhnews.serialize import serializable


@serializable
@dataclass(slots=True)
class Hit:
    """A piece of text found at [start, end) of ``doc.text``."""

    text: str
    start: int
    end: int


@serializable
@dataclass(slots=True)
class AmountHit:
    amount: Decimal
    currency: str
    evidence: Hit


@serializable
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
