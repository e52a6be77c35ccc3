"""The record types reject the impossible."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from pydantic import ValidationError

from zhnews.schema import ArticleRecord, DirectiveGroup, DirectiveItem, EventDate, Money


def item(ordinal: int) -> DirectiveItem:
    return DirectiveItem(ordinal=ordinal, marker="一要", heading="h", body="b", marker_span=(0, 1),
                         heading_span=(0, 1), span=(0, 1))


def test_month_13_and_february_30_are_rejected():
    with pytest.raises(ValidationError):
        EventDate(year=None, month=13, day=1, year_source="unknown", text="13月1日", span=(0, 5))
    with pytest.raises(ValidationError, match="not a date"):
        EventDate(year=2023, month=2, day=30, year_source="text", text="x", span=(0, 1))
    assert EventDate(year=None, month=2, day=29, year_source="unknown", text="x", span=(0, 1)).day == 29


def test_negative_amounts_and_bad_currencies_are_rejected():
    with pytest.raises(ValidationError):
        Money(amount=Decimal(-1), currency="CNY", text="x", span=(0, 1))
    with pytest.raises(ValidationError):
        Money(amount=Decimal(1), currency="yuan", text="x", span=(0, 1))


def test_amounts_serialise_as_exact_integers():
    money = Money(amount=Decimal("284400000000"), currency="CNY", text="2844亿元", span=(0, 6))
    assert json.loads(money.model_dump_json())["amount"] == 284400000000


def test_non_consecutive_ordinals_are_rejected():
    assert len(DirectiveGroup(items=[item(1), item(2)]).items) == 2
    with pytest.raises(ValidationError, match="ordinals"):
        DirectiveGroup(items=[item(1), item(3)])


def test_a_span_outside_the_text_is_rejected():
    record = {"text_length": 4, "organizations": [{"name": "某公司", "span": [2, 9]}]}
    with pytest.raises(ValidationError, match="outside the text"):
        ArticleRecord.model_validate(record)
    with pytest.raises(ValidationError, match="not an ordered pair"):
        ArticleRecord.model_validate({"text_length": 9, "title": {"headline": {"text": "x", "span": [5, 2]}}})


def test_a_leader_twice_is_rejected():
    leader = {"name": "王凯", "mentions": [[0, 2]]}
    with pytest.raises(ValidationError, match="twice"):
        ArticleRecord.model_validate({"text_length": 9, "leaders": [leader, leader]})


def test_the_json_schema_names_the_gold_fields():
    schema = ArticleRecord.model_json_schema(mode="serialization")
    for field in ("event_date", "reporters", "leaders", "directives", "project_stats", "organizations"):
        assert field in schema["properties"]


def _reflected_spans(value, out):
    """Every span of a record found by reflection: fields named span, *_span, mentions."""
    from pydantic import BaseModel

    if isinstance(value, list):
        for item in value:
            _reflected_spans(item, out)
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            item = getattr(value, key)
            if key == "mentions":
                out.extend(item)
            elif (key == "span" or key.endswith("_span")) and item is not None:
                out.append(item)
            else:
                _reflected_spans(item, out)
    return out


def test_the_span_check_sees_every_span_field(extractor):
    from conftest import REFERENCE

    record = extractor.extract(REFERENCE.read_text(encoding="utf-8"))
    assert sorted(tuple(span) for _, span, _ in record.evidence()) == sorted(_reflected_spans(record, []))


def test_every_field_of_the_record_has_a_description():
    """``zhnews schema`` documents the format: every property of the record and of its parts is described."""
    schema = ArticleRecord.model_json_schema()
    objects = {"ArticleRecord": schema, **schema.get("$defs", {})}
    missing = [f"{name}.{field}" for name, obj in objects.items()
               for field, spec in obj.get("properties", {}).items() if not spec.get("description")]
    assert not missing
    assert len(objects) >= 10
