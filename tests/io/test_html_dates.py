"""A page's publication date: what its metadata declares first, then the date its text labels, then its path or
URL (when asked for), then htmldate's pick among the page's elements; dates of other articles in sidebars lose."""
from __future__ import annotations

import datetime as dt

import pytest

from zhnews.io.html_dates import labelled_date, meta_date
from zhnews.io.inputs import FileSource, ReadOptions, read_document

pytest.importorskip("trafilatura")

BODY = ("<article><h1>全市重点项目集中开工</h1>{info}<p>9月28日，全市重点项目集中开工活动举行。市委书记张建华出席并宣布开工，"
        "市长李明作动员讲话。据介绍，本次集中开工项目56个，总投资318亿元。</p><p>张建华强调，要抓项目、稳投资。</p></article>")
SIDEBAR = ('<div class="sidebar"><h3>相关新闻</h3><ul><li><a href="/a">市政府常务会议召开</a><span class="date">2019-12-30'
           '</span></li><li><a href="/b">全市经济运行情况通报</a><span class="date">2020-03-02</span></li></ul></div>')


def page(head: str = "", info: str = "", sidebar: str = SIDEBAR) -> str:
    return f"<html><head><title>全市重点项目集中开工</title>{head}</head><body>{sidebar}{BODY.format(info=info)}</body></html>"


@pytest.mark.parametrize(("head", "expected"), [
    ('<meta name="PubDate" content="2020-09-28 10:21">', "2020-09-28 10:21"),  # TRS government sites
    ('<meta name="publishdate" content="2020-09-28">', "2020-09-28"),
    ('<META PROPERTY=article:published_time CONTENT=2020-09-28T08:00:00+08:00>', "2020-09-28T08:00:00+08:00"),
    ('<meta name="weibo: article:create_at" content="2020-09-28 08:00:00" />', "2020-09-28 08:00:00"),
    ('<meta\n  itemprop="datePublished"\tcontent="2020年9月28日">', "2020年9月28日"),
    ('<meta name="DC.date.issued" content="2020/09/28">', "2020/09/28"),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-09-28T09:00:00+08:00"}</script>',
     "2020-09-28T09:00:00+08:00"),
])
def test_meta_dates_in_the_names_pages_use(head, expected):
    assert meta_date(page(head)) == expected


def test_what_is_not_a_publication_date_is_not_read_as_one():
    assert meta_date(page('<meta property="article:modified_time" content="2021-01-05">')) is None  # modified
    assert meta_date(page('<meta name="description" content="2020-09-28 全市重点项目">')) is None
    assert meta_date(page()) is None  # the sidebar's dates are no metadata
    # the first declared date that reads as a date; an unreadable one is kept only when none reads
    assert meta_date(page('<meta name="date" content="unknown"><meta name="pubdate" content="2020-09-28">')) == "2020-09-28"
    assert meta_date(page('<meta name="date" content="unknown">')) == "unknown"


def test_elements_that_declare_their_date():
    assert meta_date('<p>发布于 <time pubdate datetime="2020-09-28T10:00">9月28日</time></p>') == "2020-09-28T10:00"
    assert meta_date('<span itemprop="datePublished" content="2020-09-28">9月28日</span>') == "2020-09-28"
    assert meta_date('<time datetime="2020-09-28">9月28日</time>') is None  # a time of anything, not declared


@pytest.mark.parametrize(("info", "expected"), [
    ('<div class="info">来源：某某日报  发布时间：2020-09-28 08:30</div>', "2020-09-28"),
    ("<p>日期:2020年9月28日</p>", "2020年9月28"),
    ("<p>时间 ： 2020/9/28</p>", "2020/9/28"),
])
def test_labelled_dates(info, expected):
    assert labelled_date(page(info=info)) == expected


def html_file(tmp_path, name: str, html: str) -> FileSource:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return FileSource(str(path), str(path), name.rsplit(".", 1)[0], "html", None, path.stat().st_size)


def dated(tmp_path, name: str, html: str, **options) -> tuple[dt.date | None, str | None]:
    article = read_document(html_file(tmp_path, name, html), ReadOptions(**options))
    return article.published, article.published_source


def test_a_declared_date_beats_the_sidebars_and_the_canonical_url(tmp_path):
    head = '<link rel="canonical" href="http://www.example.cn/2018/01/01/a.html"><meta name="pubdate" content="2020-09-28">'
    assert dated(tmp_path, "a.html", page(head)) == (dt.date(2020, 9, 28), "html_meta")


def test_a_labelled_date_beats_the_oldest_date_in_a_sidebar(tmp_path):
    # htmldate, asked for the original date, picks the sidebar's 2019-12-30 here
    html = page(info='<div class="info">发布时间：2020-09-28 08:30</div>')
    assert dated(tmp_path, "a.html", html) == (dt.date(2020, 9, 28), "html_text")


def test_the_path_comes_after_the_page_and_before_a_guess(tmp_path):
    labelled = page(info="<p>发布时间：2020-09-28</p>")
    assert dated(tmp_path, "2020/10/01/a.html", labelled, published_from_path=True) == (dt.date(2020, 9, 28), "html_text")
    # htmldate would pick the sidebar's 2019-12-30 for this page: the path is trusted before it
    assert dated(tmp_path, "2020/10/01/b.html", page(), published_from_path=True) == (dt.date(2020, 10, 1), "path")


def test_an_unreadable_declared_date_is_a_warning_and_the_next_date_is_used(tmp_path):
    html = page('<meta name="pubdate" content="9999-12-31">', info="<p>发布时间：2020-09-28</p>")
    article = read_document(html_file(tmp_path, "a.html", html), ReadOptions())
    assert (article.published, article.published_source) == (dt.date(2020, 9, 28), "html_text")
    assert any("9999-12-31" in warning for warning in article.warnings)
