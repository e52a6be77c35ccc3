"""Publication dates in paths and URLs: the shapes news sites and archives use, and numbers that are no date."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from zhnews.io.path_dates import MAX_PATH_CHARS, compile_path_pattern, path_date


@pytest.mark.parametrize(("path", "expected"), [
    ("http://www.example.gov.cn/xinwen/2021-10/09/content_5641000.htm", "2021-10-09"),  # year-month/day
    ("https://politics.example.com.cn/n1/2022/0315/c1001-32370000.html", "2022-03-15"),  # year/monthday
    ("http://www.example.cn/news/202110/09/t20211009_1234567.shtml", "2021-10-09"),  # yearmonth/day, TRS name
    ("http://fgw.example.gov.cn/art/2020/7/3/art_1229_58912.html", "2020-07-03"),  # one-digit month and day
    ("http://www.example.gov.cn/zwgk/202305/t20230528_991.html", "2023-05-28"),  # only the TRS file name has the day
    ("https://paper.example.cn/html/2019-12/31/node_2.htm", "2019-12-31"),  # an e-paper's page
    ("/archive/2021/10/09/0001.txt", "2021-10-09"),
    ("/archive/2021-10-09/0001.txt", "2021-10-09"),
    ("/archive/2021_10_09_0001.txt", "2021-10-09"),
    ("/dumps/20211009.jsonl", "2021-10-09"),
    ("/dumps/daily-20180101-part2.csv", "2018-01-01"),
    ("henan-daily-2021-10-09-three-batches.txt", "2021-10-09"),
    ("/存档/河南日报2021年10月9日.txt", "2021-10-09"),
    ("C:\\archive\\2016\\02\\29\\a.txt", "2016-02-29"),  # Windows separators; a leap day
    ("https://news.example.com/2021/10/09/index.html?from=timeline#top", "2021-10-09"),
])
def test_dates_in_the_shapes_of_paths_and_urls(path, expected):
    assert path_date(path) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("path", [
    "/static/js/jquery-3.6.0.min.js",  # version numbers
    "/vendor/certifi-2021.10.8/cacert.pem",  # a calendar version is dotted
    "/lib/1.2021.10.09/x.js",
    "/releases/v2.10.09/",
    "/news/20211009123456789.html",  # an id that starts like a date
    "/news/c_120211009.htm",  # a date inside a longer number
    "/photo/20211009083015.jpg",  # a 14-digit timestamp
    "/news/20211341.html",  # month 13
    "/news/20211232.html",  # day 32
    "/news/2021/02/30/a.html",  # a day February does not have
    "/news/2019/02/29/a.html",  # not a leap year
    "/old/1931/10/09/a.html",  # before 1949
    "/list/2021/10/123",  # a page number after a month
    "/api?t=1633761234567",  # epoch milliseconds
    "/node/202110/index.html",  # a month without a day
    "/tel/0371-6595-2021.html",
    "",
])
def test_numbers_that_are_no_date(path):
    assert path_date(path) is None


def test_the_date_nearest_the_file_name_wins():
    assert path_date("/crawls/2023-05-01/site/2021/10/09/a.html") == dt.date(2021, 10, 9)
    assert path_date("/2021/10/09/2021/02/30/a.html") == dt.date(2021, 10, 9)  # an invalid later one is no date


def test_a_long_path_is_read_from_its_end():
    assert path_date("/x" * MAX_PATH_CHARS + "/2021/10/09/a.html") == dt.date(2021, 10, 9)
    assert path_date("/2021/10/09/" + "x" * MAX_PATH_CHARS) is None
    assert path_date("2021-10-09-" * 100_000) is not None  # many candidates: still one pass per shape


def test_a_pattern_of_ones_own():
    pattern = r"/(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4})/"
    assert path_date("/archiv/09.10.2021/a.html", pattern) == dt.date(2021, 10, 9)
    assert path_date("/archiv/31.02.2021/a.html", pattern) is None  # the calendar is still checked
    assert path_date("/2021/10/09/a.html", pattern) is None  # the default shapes are not tried with it
    assert path_date("/archiv/2021.10.09/", r"(?P<year>\d{4})\.(?P<month>\d{2})\.(?P<day>\d{2})") == dt.date(2021, 10, 9)


@pytest.mark.parametrize(("pattern", "message"), [
    (r"(?P<year>\d{4})/(?P<month>\d{2})", "no named group day"),
    (r"(\d{4})/(\d{2})/(\d{2})", "no named group year, month, day"),
    (r"(?P<year>\d{4}", "not a regular expression"),
])
def test_a_pattern_without_its_groups_is_refused(pattern, message):
    with pytest.raises(ValueError, match=message):
        compile_path_pattern(pattern)


def batch(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhnews.cli", "batch", *args], capture_output=True, timeout=600)


def test_the_batch_option(tmp_path):
    text = "9月28日，全市重点项目集中开工活动举行。市委书记张建华出席并宣布开工。"
    for name in ("2020/09/28/a.txt", "archiv/27.09.2020/b.txt"):
        (tmp_path / "in" / name).parent.mkdir(parents=True)
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"

    def dates() -> dict:
        return {r["doc_id"]: (r["published"], r["published_source"])
                for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}

    assert batch(str(tmp_path / "in"), "--published-from-path", "-o", str(out), "--workers", "1").returncode == 0
    assert dates() == {"2020/09/28/a": ("2020-09-28", "path"), "archiv/27.09.2020/b": (None, None)}
    own = r"/(?P<day>\d\d)\.(?P<month>\d\d)\.(?P<year>\d{4})/"
    assert batch(str(tmp_path / "in"), "-o", str(out), "--published-from-path", own, "--workers", "1").returncode == 0
    assert dates() == {"2020/09/28/a": (None, None), "archiv/27.09.2020/b": ("2020-09-27", "path")}
    assert batch(str(tmp_path / "in"), "-o", str(out)).returncode == 0
    assert set(dates().values()) == {(None, None)}  # not asked for: no path dates


def test_a_regex_without_its_groups_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    result = batch("--published-from-path", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 64  # the folder was taken for the REGEX: said so, nothing run
    assert "no named group year, month, day" in result.stderr.decode()
    assert "after the inputs" in result.stderr.decode() and not (tmp_path / "out.jsonl").exists()
