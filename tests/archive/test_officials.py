"""Officials across an archive: titles split into place and post, places from a record's context, and
who is one person (constructed records, as ``zhnews batch`` writes them)."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from zhnews.archive.officials import COLUMNS, officials_table
from zhnews.archive.places import RecordPlaces, fold, parse_title


def record(doc_id, leaders, date=None, *, source=None, headline=None, scopes=()):
    """A record dict with the fields the analysis reads."""
    year, month, day = date if date else (None, None, None)
    return {
        "doc_id": doc_id, "source": source,
        "title": {"headline": {"text": headline, "span": [0, len(headline)]} if headline else None,
                  "original_title": None, "subtitles": []},
        "event_date": {"year": year, "month": month, "day": day, "year_source": "text", "text": "", "span": [0, 0]}
        if month else None,
        "leaders": [{"name": name, "titles": list(titles), "mentions": [[0, 1]]} for name, titles in leaders],
        "project_stats": [{"category": "开工", "scope": s, "segment": None, "count": 3, "investment": None,
                           "text": "", "span": [0, 0]} for s in scopes],
    }


def people_of(rows, name):
    """person_id -> the (post, place) rows of that person, for one folded name."""
    out: dict[str, set] = {}
    for row in rows:
        if row["name"] == name:
            out.setdefault(row["person_id"], set()).add((row["post"], row["place"]))
    return out


@pytest.mark.parametrize(("title", "place", "post", "level"), [
    ("郑州市委书记", "郑州市", "市委书记", "市"),
    ("河南省委常委", "河南省", "省委常委", "省"),
    ("天津市市长", "天津市", "市长", "市"),
    ("辽宁省省长", "辽宁省", "省长", "省"),
    ("克山县政府副县长", "克山县", "副县长", "县"),
    ("江西省发展改革委主任", "江西省", "省发展改革委主任", "省"),
    ("湘西州委书记", "湘西", "州委书记", "州"),
    ("内蒙古自治区党委常委", "内蒙古自治区", "自治区党委常委", "自治区"),
    ("河南省洛阳市委书记", "洛阳市", "市委书记", "市"),
    ("中共绵阳市委副书记", "绵阳市", "市委副书记", "市"),
    ("郑宅镇党委书记", "郑宅镇", "镇党委书记", "镇"),
    ("市长", None, "市长", "市"),
    ("常务副州长", None, "常务副州长", "州"),
    ("政府市长", None, "市长", "市"),
    ("地委委员", None, "地委委员", "地区"),
    ("秘书长", None, "秘书长", None),
])
def test_a_title_splits_into_place_and_post(title, place, post, level):
    parsed = parse_title(title)
    assert (parsed.place, parsed.post, parsed.level) == (place, post, level)


@pytest.mark.parametrize(("written", "folded"), [("王 偉", "王伟"), ("廬山市市長", "庐山市市长"), ("陳　政高", "陈政高")])
def test_names_and_titles_fold_to_simplified_without_spaces(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(("rec", "level", "place", "tier"), [
    (record("a", [("甲", ["洛阳市委书记"]), ("乙", ["市长"])]), "市", "洛阳市", "leaders"),
    (record("a", [("乙", ["市长"])], scopes=["全市", "株洲市"]), "市", "株洲市", "scope"),
    (record("a", [("乙", ["市长"])], headline="绵阳举行重点项目集中开工"), "市", "绵阳市", "headline"),
    (record("a", [("乙", ["市长"])], source="开封日报"), "市", "开封市", "source"),
    (record("a", [("乙", ["市委书记"])], headline="新安县人民政府>政务动态"), "市", "洛阳市", "parent"),
    (record("a", [("乙", ["省长"])], scopes=["南阳市"]), "省", "河南省", "parent"),
    (record("a", [("乙", ["自治区主席"])], headline="宁夏一季度项目开工"), "自治区", "宁夏回族自治区", "headline"),
])
def test_an_unplaced_post_takes_the_one_place_of_its_level_in_the_record(rec, level, place, tier):
    found, source = RecordPlaces.of(rec).resolve(level)
    assert (found.name, source) == (place, tier)


@pytest.mark.parametrize("rec", [
    record("a", [("乙", ["市长"])], scopes=["株洲市", "湘潭市"]),           # two cities: ambiguous
    record("a", [("乙", ["市长"])], headline="全省重点项目集中开工"),          # no place at all
    record("a", [("乙", ["市长"])], headline="河南重点项目集中开工"),          # a province is not a city
    record("a", [("乙", ["市长"])], headline="前进中的新华书店"),              # district short forms in free text
])
def test_no_place_when_the_record_does_not_tell_one(rec):
    assert RecordPlaces.of(rec).resolve("市") == (None, None)


@pytest.mark.parametrize(("first", "second", "city"), [
    # the place written in both titles
    (("洛阳市长", "2019-03-02", {}), ("洛阳市委书记", "2021-06-10", {}), "洛阳市"),
    # the place from the outlet in one, from the figures' scope in the other
    (("市长", "2018-11-20", {"source": "株洲日报"}), ("市委书记", "2020-01-05", {"scopes": ["株洲市"]}), "株洲市"),
    # the place of a county report lifted to its city (新安县 is in 洛阳)
    (("市长", "2017-05-08", {"headline": "洛阳举行项目签约"}),
     ("市委书记", "2019-09-09", {"headline": "新安县2019年重点项目集中开工"}), "洛阳市"),
])
def test_a_promotion_from_mayor_to_party_secretary_is_one_person(first, second, city):
    def rec(doc_id, spec):
        title, date, extra = spec
        return record(doc_id, [("周建国", [title])], tuple(int(x) for x in date.split("-")), **extra)

    rows = officials_table([rec("d1", first), rec("d2", second)])
    assert len({r["person_id"] for r in rows}) == 1
    by_post = {r["post"]: r for r in rows}
    assert set(by_post) == {"市长", "市委书记"}
    assert {r["place"] for r in rows} == {city}
    assert by_post["市长"]["first_date"] == dt.date.fromisoformat(first[1])
    assert by_post["市委书记"]["last_date"] == dt.date.fromisoformat(second[1])
    assert by_post["市长"]["doc_ids"] == ["d1"] and by_post["市委书记"]["doc_ids"] == ["d2"]


@pytest.mark.parametrize(("one", "other"), [
    ({"titles": ["株洲市长"]}, {"titles": ["绵阳市长"]}),                                  # same post, two provinces
    ({"titles": ["市委书记"], "source": "株洲日报"}, {"titles": ["市委书记"], "scopes": ["绵阳市"]}),
    ({"titles": ["湖南省商务厅厅长"]}, {"titles": ["四川省商务厅厅长"]}),
])
def test_two_namesakes_in_two_provinces_are_two_people(one, other):
    rows = officials_table([
        record("h1", [("王伟", one.pop("titles"))], (2021, 3, 1), **one),
        record("s1", [("王伟", other.pop("titles"))], (2021, 3, 2), **other),
    ])
    people = people_of(rows, "王伟")
    assert len(people) == 2
    assert {r["province"] for r in rows} in ({"湖南省", "四川省"},)


def test_namesakes_heading_two_counties_of_one_province_are_two_people():
    rows = officials_table([
        record("x1", [("王伟", ["新县县长"])], (2020, 4, 1)),
        record("x2", [("王伟", ["光山县委书记"])], (2020, 4, 1)),
        record("x3", [("王伟", ["县长"])], (2021, 4, 1), scopes=["新县"]),
    ])
    people = people_of(rows, "王伟")
    assert sorted(people.values(), key=len) == [{("县委书记", "光山县")}, {("县长", "新县")}]
    assert {r["province"] for r in rows} == {"河南省"}
    newxian = next(r for r in rows if r["place"] == "新县")
    assert newxian["doc_ids"] == ["x1", "x3"] and newxian["articles"] == 2


def test_a_titleless_mention_joins_the_only_namesake_placed_where_its_report_is():
    secretary = record("a1", [("陈立新", ["许昌市委书记"])], (2022, 1, 5))
    same_city = record("a2", [("陈立新", [])], (2022, 2, 5), headline="许昌市重点项目集中开工")
    in_province = record("a3", [("陈立新", [])], (2022, 3, 5), headline="河南第三批项目集中开工")
    elsewhere = record("a4", [("陈立新", [])], (2022, 4, 5), headline="绵阳重点项目签约")
    nowhere = record("a5", [("陈立新", [])], (2022, 5, 5))
    rows = officials_table([secretary, same_city, in_province, elsewhere, nowhere])
    people = {r["person_id"]: set() for r in rows}
    for r in rows:
        people[r["person_id"]].update(r["doc_ids"])
    assert sorted(people.values(), key=sorted) == [{"a1", "a2", "a3"}, {"a4"}, {"a5"}]


def test_a_titleless_mention_between_two_namesakes_of_its_province_stays_apart():
    rows = officials_table([
        record("b1", [("李红", ["新县县长"])], (2020, 1, 1)),
        record("b2", [("李红", ["洛阳市副市长"])], (2020, 1, 1)),
        record("b3", [("李红", [])], (2020, 2, 1), headline="河南重点项目集中开工"),
    ])
    assert len(people_of(rows, "李红")) == 3


def test_a_shared_post_alone_does_not_connect():
    rows = officials_table([
        record("c1", [("赵明", ["市委书记"])], (2020, 1, 1)),                # no place anywhere
        record("c2", [("赵明", ["市委书记"])], (2020, 6, 1), source="株洲日报"),
    ])
    assert len(people_of(rows, "赵明")) == 2


def test_posts_in_two_places_held_together_chain_the_records():
    rows = officials_table([
        record("p1", [("安建", ["河南省委常委", "郑州市委书记"])], (2021, 1, 1)),
        record("p2", [("安建", ["省委常委"])], (2021, 5, 1), headline="河南省重大项目集中开工"),
        record("p3", [("安建", ["市委书记"])], (2021, 9, 1), scopes=["郑州市"]),
    ])
    (rows_of,) = people_of(rows, "安建").values()
    assert rows_of == {("省委常委", "河南省"), ("市委书记", "郑州市")}
    assert {r["articles"] for r in rows} == {2}


@pytest.mark.parametrize(("spelling", "title"), [("王偉", "廬山市市長"), ("王 伟", "庐山市市长"), ("王伟", "廬山市 市長")])
def test_traditional_and_spaced_spellings_are_the_same_person(spelling, title):
    rows = officials_table([
        record("t1", [(spelling, [title])], (2024, 2, 18)),
        record("t2", [("王伟", ["市长"])], (2024, 3, 1), headline="庐山市项目集中开工"),
    ])
    (row,) = rows
    assert (row["name"], row["post"], row["place"], row["articles"]) == ("王伟", "市长", "庐山市", 2)
    assert spelling in row["spellings"] and row["title"] == title


def test_a_title_stack_passes_its_place_on():
    rows = officials_table([record("s", [("石海", ["自治区党委书记", "人大常委会主任"]), ("何丽", ["市委副书记", "市长"])],
                                   (2021, 4, 22), headline="宁夏推进重大项目建设", scopes=["银川市"])])
    by_post = {r["post"]: r for r in rows}
    assert by_post["人大常委会主任"]["place"] == "宁夏回族自治区"
    assert by_post["人大常委会主任"]["place_source"] == "stack"
    assert by_post["市长"]["place"] == "银川市"


def test_dates_come_from_event_dates_with_a_year():
    rows = officials_table([
        record("y1", [("孙强", ["株洲市长"])], (2019, 5, 1)),
        record("y2", [("孙强", ["株洲市长"])], (None, 8, 1)),  # year unknown: counted, no date
        record("y3", [("孙强", ["株洲市长"])], (2020, 7, 9)),
    ])
    (row,) = rows
    assert (row["first_date"], row["last_date"], row["articles"]) == (dt.date(2019, 5, 1), dt.date(2020, 7, 9), 3)


def test_rows_carry_the_declared_columns_and_person_ids_are_stable():
    records = [record("r2", [("钱进", ["株洲市长"])], (2020, 1, 1)), record("r1", [("钱进", ["株洲市委书记"])], (2021, 1, 1))]
    rows = officials_table(records)
    assert all(list(row) == [c.name for c in COLUMNS] for row in rows)
    assert officials_table(list(reversed(records))) == rows


def test_officials_command_prints_the_table_and_writes_csv(tmp_path):
    import json

    out = tmp_path / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        record("d1", [("周建国", ["洛阳市长"])], (2019, 3, 2)),
        record("d2", [("周建国", ["洛阳市委书记"])], (2021, 6, 10)),
    ]), encoding="utf-8")
    csv_path = tmp_path / "officials.csv"
    result = subprocess.run([sys.executable, "-m", "zhnews.cli", "officials", str(out), "--csv", str(csv_path)],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["person_id", "name", "post", "place"]
    assert any(line.split()[1:4] == ["周建国", "市委书记", "洛阳市"] and "2021-06-10" in line for line in lines)
    assert "1 people, 2 rows" in result.stderr
    text = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("person_id,name,") and len(text) == 3


def _with_figure(rec, count, amount):
    rec["project_stats"] = [{"category": "签约", "scope": None, "segment": None, "count": count,
                             "investment": {"amount": amount, "currency": "CNY", "text": "", "span": [0, 0]},
                             "text": "", "span": [0, 0]}]
    return rec


@pytest.mark.parametrize("second_date", [(2022, 6, 18), (2022, 6, 19)])
def test_one_name_in_two_reports_of_one_event_is_one_person(second_date):
    first = _with_figure(record("o1", [("郑国强", []), ("马丽", ["市长"])], (2022, 6, 18)), 33, 41200000000)
    second = _with_figure(record("o2", [("郑国强", []), ("马丽", [])], second_date), 33, 41200000000)
    other_event = _with_figure(record("o3", [("郑国强", [])], (2022, 6, 18)), 12, 900000000)
    rows = officials_table([first, second, other_event])
    people = people_of(rows, "郑国强")
    docs = sorted(sorted(d for r in rows if r["person_id"] == pid for d in r["doc_ids"]) for pid in people)
    assert docs == [["o1", "o2"], ["o3"]]
    assert len(people_of(rows, "马丽")) == 1
