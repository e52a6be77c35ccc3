"""An article made ready for the layers: its metadata header read, its text normalised.

``prepare(text)`` is the first step of every pipeline: the zhnews tokenizer runs it before
segmenting, and the ``zhnews_prepare`` component runs it on a Doc another tokenizer made, so
``nlp(text)`` and ``extract(text)`` read the same text. The result travels on the Doc
(``results(doc)["prepared"]``) and is serialised with it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from zhnews.serialize import serializable
from zhnews.text.header import HeaderError, parse_date, split_header
from zhnews.text.normalize import Normalized, normalize


@serializable
@dataclass(frozen=True)
class Prepared:
    """The normalised text with its map back to the original, and what the header said."""

    normalized: Normalized
    header: dict[str, str] = field(default_factory=dict)
    published: dt.date | None = None
    published_source: str | None = None  # where ``published`` came from: header, given, ...
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text the layers read (normalised)."""
        return self.normalized.text

    @property
    def original(self) -> str:
        """The article as given."""
        return self.normalized.original

    def with_published(self, published: dt.date | str | None, source: str = "given") -> Prepared:
        """The same article with a publication date given by the caller (it overrides the header's)."""
        if published is None:
            return self
        if isinstance(published, str):
            published = parse_date(published, "published")
        return replace(self, published=published, published_source=source)


def prepare(text: str) -> Prepared:
    """Read the header of ``text`` (a bad date in it is a warning, never a lost article) and normalise the body."""
    header = split_header(text)
    warnings: list[str] = []
    published, source = None, None
    try:
        published = header.published
    except HeaderError as exc:
        warnings.append(f"metadata header ignored: {exc}")
    if published is not None:
        source = "header"
    return Prepared(normalize(text, header.body_start), dict(header.fields), published, source, warnings)
