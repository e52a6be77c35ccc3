"""``ArticleRecord``: everything extracted from one report, assembled from the registered fields.

Every schema module of this package defines the type of one record field and registers it
(``record_field``); this module imports them all and builds the record model from what they
registered, in their order, between the article's own fields and its warnings. A new layer's
field is one new schema module. Every span of every part is checked to lie inside the text.
"""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field, ValidationInfo, create_model, model_validator

import zhnews.schema as _package
from zhnews.schema.base import FIELDS, Evidence, RecordPart

SCHEMA_VERSION = "2.0"


def _load_field_modules() -> None:
    for module in pkgutil.iter_modules(_package.__path__):
        if module.name not in ("article", "base"):
            importlib.import_module(f"{_package.__name__}.{module.name}")


def parts(value: Any) -> Iterator[RecordPart]:
    """The record parts inside a field's value (one part, a list of them, or none)."""
    if isinstance(value, RecordPart):
        yield value
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, RecordPart):
                yield item


class ArticleBase(RecordPart):
    """The article's own fields; ``ArticleRecord`` adds one field per registered record part."""

    doc_id: str | None = Field(None, description="the document's id (a batch makes it unique; first, so a batch "
                               "can set it in the written line)")
    schema_version: Literal["2.0"] = Field(SCHEMA_VERSION, description="the version of this record format")
    source: str | None = Field(None, description="the outlet named by the metadata header")
    published: dt.date | None = Field(None, description="the publication date, the reference for relative dates")
    published_source: Literal["given", "header", "json_field", "html_meta", "html_text", "path"] | None = Field(
        None, description="where the publication date came from: given by the caller (--published), the metadata "
        "header, the field of a JSON-lines or JSON input, an HTML page's metadata or text, or the file's path or URL")
    input_file: str | None = Field(None, description="the file (and line) the article was read from, in a batch")
    encoding: str | None = Field(None, description="the text encoding the input was decoded from")
    text_length: int = Field(ge=0, description="the article's length in characters")

    def field_parts(self) -> Iterator[tuple[str, RecordPart]]:
        """(field name, part) for every record part of every registered field."""
        for name in FIELDS:
            for part in parts(getattr(self, name)):
                yield name, part

    def evidence(self) -> Iterator[Evidence]:
        for _, part in self.field_parts():
            yield from part.evidence()

    @model_validator(mode="after")
    def _spans_inside_text(self, info: ValidationInfo) -> ArticleBase:
        text = (info.context or {}).get("text") if info else None
        if text is not None and len(text) != self.text_length:
            raise ValueError(f"text_length {self.text_length} differs from the text ({len(text)})")
        for what, (start, end), _ in self.evidence():
            if not 0 <= start <= end <= self.text_length:
                raise ValueError(f"{what} [{start}, {end}) lies outside the text (length {self.text_length})")
        names = [leader.name for leader in getattr(self, "leaders", [])]
        if len(names) != len(set(names)):
            raise ValueError(f"a leader is listed twice: {names}")
        return self


def _build() -> type[ArticleBase]:
    _load_field_modules()
    fields: dict[str, Any] = {
        spec.name: (spec.annotation, Field(spec.default, description=spec.description))
        for spec in sorted(FIELDS.values(), key=lambda spec: spec.order)
    }
    fields["warnings"] = (list[str], Field([], description="what the extractor noticed and could not settle"))
    model = create_model("ArticleRecord", __base__=ArticleBase, __module__=__name__, **fields)
    model.__doc__ = "Everything extracted from one report."
    return model


ArticleRecord = _build()
