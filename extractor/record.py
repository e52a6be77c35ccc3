"""Turn what the components left on a Doc into a validated ``ArticleRecord``.

Offsets in the Doc are into the normalised text; here each is mapped back to
the original input, and each value is read from the original (typesetting
spaces removed), so ``text[start:end]`` always shows the evidence.
"""
from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from extractor.components.base import get_ext
from extractor.hits import Hit
from extractor.normalize import Normalized
from models import ArticleRecord


class RecordBuilder:
    """Maps one Doc's hits to the record's parts (plain dicts, validated once as a whole)."""

    def __init__(self, norm: Normalized) -> None:
        self.norm = norm

    def evidence(self, hit: Hit) -> dict:
        text, span = self.norm.original_value(hit.start, hit.end)
        return {"text": text, "span": span}

    def span(self, hit: Hit | None) -> tuple[int, int] | None:
        return None if hit is None else self.norm.to_original(hit.start, hit.end)

    def value(self, hit: Hit | None) -> str | None:
        return None if hit is None else self.norm.original_value(hit.start, hit.end)[0]

    def title(self, doc: Doc) -> dict:
        block = get_ext(doc, "zhnews_title_block")
        if block is None:
            return {}
        return {
            "original_title": self.evidence(block.original_title) if block.original_title else None,
            "headline": self.evidence(block.headline) if block.headline else None,
            "subtitles": [self.evidence(h) for h in block.subtitles],
        }

    def event_date(self, doc: Doc) -> dict | None:
        hit = get_ext(doc, "zhnews_event_date")
        if hit is None:
            return None
        ev = self.evidence(hit.evidence)
        return {"year": hit.year, "month": hit.month, "day": hit.day, "year_source": hit.year_source,
                "text": ev["text"], "span": ev["span"]}

    def reporters(self, doc: Doc) -> list[dict]:
        return [
            {"name": self.value(r.name), "role": r.role, "outlet": r.outlet, "span": self.span(r.name)}
            for r in get_ext(doc, "zhnews_reporters") or []
        ]

    def leaders(self, doc: Doc) -> list[dict]:
        out = []
        for leader in get_ext(doc, "zhnews_leaders") or []:
            titles = [self.evidence(t) for t in leader.titles]
            out.append({
                "name": self.value(leader.mentions[0]) if leader.mentions else leader.name,
                "titles": list(dict.fromkeys(t["text"] for t in titles)),
                "title_evidence": titles,
                "actions": [self.evidence(a) for a in leader.actions],
                "mentions": [self.span(m) for m in leader.mentions],
            })
        return [leader for leader in out if leader["mentions"]]

    def directives(self, doc: Doc) -> list[dict]:
        groups = []
        for group in get_ext(doc, "zhnews_directives") or []:
            items = [
                {
                    "ordinal": item.ordinal,
                    "marker": self.value(item.marker),
                    "heading": self.value(item.heading),
                    "body": self.value(item.body),
                    "marker_span": self.span(item.marker),
                    "heading_span": self.span(item.heading),
                    "span": self.span(item.body),
                }
                for item in group.items
            ]
            speaker = {"name": self.value(group.speaker), "span": self.span(group.speaker)} if group.speaker else None
            groups.append({"speaker": speaker, "declared_count": group.declared_count,
                           "declared_span": self.span(group.declared), "items": items})
        return groups

    def project_stats(self, doc: Doc) -> list[dict]:
        out = []
        for stat in get_ext(doc, "zhnews_project_stats") or []:
            money = None
            if stat.investment is not None:
                ev = self.evidence(stat.investment.evidence)
                amount = stat.investment.amount
                amount = amount.quantize(1) if amount == amount.to_integral_value() else amount.normalize()
                money = {"amount": amount, "currency": stat.investment.currency, "text": ev["text"], "span": ev["span"]}
            ev = self.evidence(stat.evidence)
            out.append({
                "category": stat.category,
                "scope": self.value(stat.scope),
                "segment": self.value(stat.segment),
                "count": stat.count,
                "investment": money,
                "category_span": self.span(stat.category_hit),
                "scope_span": self.span(stat.scope),
                "segment_span": self.span(stat.segment),
                "count_span": self.span(stat.count_hit),
                "parent": stat.parent,
                "text": ev["text"],
                "span": ev["span"],
            })
        return out

    def organizations(self, doc: Doc) -> list[dict]:
        return [{"name": self.value(h), "span": self.span(h)} for h in get_ext(doc, "zhnews_organizations") or []]


def build_record(
    doc: Doc,
    norm: Normalized,
    *,
    doc_id: str | None,
    published: dt.date | None,
    source: str | None,
    published_source: str | None = None,
    warnings: list[str],
) -> ArticleRecord:
    """The validated record of one processed Doc."""
    builder = RecordBuilder(norm)
    all_warnings = [*warnings, *(get_ext(doc, "zhnews_warnings") or [])]
    if not norm.text.strip():
        all_warnings.append("empty document: no text to extract from")
    return ArticleRecord.model_validate(
        {
            "doc_id": doc_id,
            "source": source,
            "published": published,
            "published_source": published_source if published is not None else None,
            "text_length": len(norm.original),
            "title": builder.title(doc),
            "event_date": builder.event_date(doc),
            "reporters": builder.reporters(doc),
            "leaders": builder.leaders(doc),
            "directives": builder.directives(doc),
            "project_stats": builder.project_stats(doc),
            "organizations": builder.organizations(doc),
            "warnings": all_warnings,
        },
        context={"text": norm.original},
    )
