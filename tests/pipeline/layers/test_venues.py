"""The venues layer: main and branch venues and sites; and a layer added the new way reaching every output."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest


def venues(extract, text: str) -> list[tuple[str, str, str | None]]:
    return [(v["name"], v["kind"], v["place"]) for v in extract(text)["venues"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("3月2日上午，全省重大项目集中开工活动洛阳分会场在伊滨区举行。", [("洛阳分会场", "branch", "洛阳")]),
    ("当天，南宁市主会场与各分会场同步开工。", [("南宁市主会场", "main", "南宁市")]),
    ("签约环节，16个项目在市主会场集中签约。", [("市主会场", "main", None)]),
    ("主会场设在柳州市某某智能产业园项目建设现场，各县区另设分会场。",
     [("柳州市某某智能产业园项目建设现场", "main", "柳州市")]),
    ("本次活动主会场选在灌南县某某项目现场。", [("灌南县某某项目现场", "main", "灌南县")]),
    ("南宁、钦州、玉林3个设区市设分会场。",
     [("南宁", "branch", "南宁"), ("钦州", "branch", "钦州"), ("玉林", "branch", "玉林")]),
    ("12月22日，某县招商引资项目集中签约仪式在县会议中心举行。", [("县会议中心", "site", None)]),
    ("全市重大项目集中开工仪式在布山文化广场隆重举行。", [("布山文化广场", "site", None)]),
    ("第二届数字经济大会在南昌召开。", [("南昌", "site", "南昌")]),
    ("4月18日下午，扬州举行重大项目签约仪式。", [("扬州", "site", "扬州")]),
])
def test_venues_in_several_wordings(extract, text, expected):
    assert venues(extract, text) == expected


@pytest.mark.parametrize("text", [
    "签约仪式在第十二届中部博览会期间举办。",  # a time, not a site
    "开工仪式在“云”上举行，各地线上参加。",  # a medium
    "活动在6天前的16日为一季度重大项目举行了仪式。",
    "各分会场负责同志参加。",  # a bare branch venue names no venue
    "在建设中，他举行了一次座谈。",
])
def test_times_media_and_bare_heads_are_no_venues(extract, text):
    assert venues(extract, text) == []


def test_a_site_named_as_a_venue_is_listed_once_as_its_kind(extract):
    text = "全省开工活动在信阳分会场举行，信阳分会场设有观摩点。"
    assert venues(extract, text) == [("信阳分会场", "branch", "信阳")]


def test_a_traditional_character_venue_keeps_its_writing(extract):
    text = "3月11日，全市開工儀式在通州區主會場舉行。"
    assert venues(extract, text) == [("通州區主會場", "main", "通州區")]


ARTICLE = "4月18日下午，扬州举行重大项目签约仪式，市委书记甲某出席。县领导在宝应分会场收听收看。\n全市集中签约项目12个。"


def test_a_new_layer_reaches_the_record_schema_page_tables_and_evaluation(extractor, tmp_path):
    """The venues layer is one module and one schema module: its field is in the record and the JSON Schema,
    its spans are highlighted on the rendered page, its rows are a DuckDB table and it is an evaluation field."""
    from zhnews.evaluate import fields, score_records
    from zhnews.outputs.render import render_record
    from zhnews.schema import ArticleRecord

    record = extractor.extract(ARTICLE, doc_id="v1")
    assert [(v.name, v.kind) for v in record.venues] == [("扬州", "site"), ("宝应分会场", "branch")]
    schema = ArticleRecord.model_json_schema(mode="serialization")
    assert "venues" in schema["properties"] and "Venue" in schema["$defs"]
    page = render_record(ARTICLE, record)
    assert 'class="hl k-venue"' in page and "branch venue 宝应分会场" in page
    assert "venues" in fields()
    gold = {"venues": [{"name": "扬州", "kind": "site"}, {"name": "宝应分会场", "kind": "branch"}]}
    report = score_records([("v1", gold, record.model_dump(mode="json"))])
    assert report.fields["venues"].f1 == 1.0
    unscored = score_records([("v1", {}, record.model_dump(mode="json"))])
    assert unscored.fields["venues"].tp + unscored.fields["venues"].fp == 0  # gold without the field: not scored
    duckdb = pytest.importorskip("duckdb")
    records = tmp_path / "out.jsonl"
    records.write_text(record.model_dump_json() + "\n", encoding="utf-8")
    database = tmp_path / "v.duckdb"
    subprocess.run([sys.executable, "-m", "zhnews.cli", "export", str(records), "--duckdb", str(database)], check=True,
                   capture_output=True)
    with duckdb.connect(str(database)) as con:
        rows = con.execute("SELECT name, kind, place FROM venues ORDER BY position").fetchall()
    assert rows == [("扬州", "site", "扬州"), ("宝应分会场", "branch", "宝应")]
    assert json.loads(record.model_dump_json())["venues"][1]["span"] == [ARTICLE.index("宝应"), ARTICLE.index("收听")]
