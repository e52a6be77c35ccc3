"""Turn what the layers left on a Doc into a validated ``ArticleRecord``.

Offsets in the Doc are into the normalised text; each layer's ``to_record`` maps them back to the
original input and reads each value from it (typesetting spaces removed), so ``text[start:end]``
always shows the evidence.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zhnews.pipeline.base import layers, results
from zhnews.record.context import RecordContext
from zhnews.schema import ArticleRecord

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def record_values(doc: Doc) -> dict[str, Any]:
    """The record fields of every layer whose results are on ``doc`` (plain values, not yet validated)."""
    found = results(doc)
    context = RecordContext(found["prepared"].normalized)
    values: dict[str, Any] = {}
    for layer in layers():
        if layer.record_field is not None and layer.field in found:
            values[layer.record_field] = layer.to_record(found[layer.field], context)
    return values


def build_record(doc: Doc, *, doc_id: str | None = None) -> ArticleRecord:
    """The validated record of one processed Doc."""
    found = results(doc)
    prepared = found.get("prepared")
    if prepared is None:
        raise ValueError("the Doc was not prepared: make it with the zhnews tokenizer or add zhnews_prepare first")
    warnings = [*prepared.warnings, *found.get("warnings", [])]
    if not prepared.text.strip():
        warnings.append("empty document: no text to extract from")
    return ArticleRecord.model_validate(
        {
            "doc_id": doc_id,
            "source": prepared.header.get("source"),
            "published": prepared.published,
            "published_source": prepared.published_source,
            "text_length": len(prepared.original),
            **record_values(doc),
            "warnings": warnings,
        },
        context={"text": prepared.original},
    )


def record_of_doc(doc: Doc) -> dict[str, Any]:
    """The record of a processed Doc in its JSON form (what ``zhnews.evaluate`` compares with a gold file)."""
    return build_record(doc).model_dump(mode="json")
