"""WARC web archives, made here with warcio: HTML responses become articles (id: the target URI, source: the
file's N-th record, date: the page's metadata or its URL's path, never the crawl's WARC-Date); everything else is
counted as skipped; limits, damage, a missing extra, resume and repeated URLs keep the batch's guarantees."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest

from zhnews.io.batch import BatchOptions, errors_path, run_batch
from zhnews.io.inputs import (
    SKIPPED_WARC_NOT_HTML,
    SKIPPED_WARC_STATUS,
    Entry,
    FileSource,
    InputFailure,
    ReadOptions,
    Walker,
    article_from_entry,
    read_entries,
)

pytest.importorskip("warcio")
pytest.importorskip("trafilatura")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PARAGRAPH = ("9月28日，全市重点项目集中开工活动举行。市委书记张建华出席并宣布开工，市长李明作动员讲话。"
             "据介绍，本次集中开工项目56个，总投资318亿元。")
CRAWLED = "2023-06-01T12:00:00Z"  # the WARC-Date of every record: when it was crawled, never a publication date


def html(title: str, head: str = "", text: str = PARAGRAPH) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><nav>首页 &gt; 要闻</nav>"
            f"<article><h1>{title}</h1><p>{text}</p><p>张建华强调，要抓项目、稳投资，确保项目早建成、早见效。</p></article>"
            "<footer>版权所有</footer></body></html>")


class Archive:
    """A WARC file written record by record."""

    def __init__(self, path: Path, gzipped: bool = True) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(path, "wb")  # noqa: SIM115  (closed by close())
        self.writer = WARCWriter(self.handle, gzip=gzipped)

    def response(self, uri: str, body: bytes | str, content_type: str | None = "text/html; charset=utf-8",
                 status: str = "200 OK", extra: list[tuple[str, str]] = ()) -> None:
        payload = body.encode("utf-8") if isinstance(body, str) else body
        headers = ([("Content-Type", content_type)] if content_type else []) + list(extra)
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        self.writer.write_record(self.writer.create_warc_record(
            uri, "response", payload=BytesIO(payload), http_headers=http, warc_headers_dict={"WARC-Date": CRAWLED}))

    def request(self, uri: str) -> None:
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.example.cn")], is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(uri, "request", payload=BytesIO(b""), http_headers=http))

    def record(self, uri: str, kind: str, payload: bytes, content_type: str) -> None:
        self.writer.write_record(self.writer.create_warc_record(
            uri, kind, payload=BytesIO(payload), warc_content_type=content_type))

    def close(self) -> Path:
        self.handle.close()
        return self.path


def crawl(path: Path, gzipped: bool = True) -> Path:
    """A small crawl: 4 HTML pages among 9 records of other kinds."""
    archive = Archive(path, gzipped)
    archive.writer.write_record(archive.writer.create_warcinfo_record(path.name, {"software": "test"}))  # 1
    archive.request("http://www.example.cn/2020-09/28/c_1.htm")  # 2
    archive.response("http://www.example.cn/2020-09/28/c_1.htm", html("全市重点项目集中开工"))  # 3: dated by its URL
    archive.response("http://www.example.cn/style.css", "body { color: red }", "text/css")  # 4
    archive.response("http://www.example.cn/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")  # 5
    archive.response("http://www.example.cn/news/show.php?id=77",  # 6: GBK, its date in its metadata
                     html("全市重大项目签约", '<meta name="PubDate" content="2020-05-06 10:00">').encode("gbk"),
                     "text/html; charset=GB2312")
    archive.response("http://www.example.cn/old", "", None, status="301 Moved Permanently",
                     extra=[("Location", "http://www.example.cn/new")])  # 7
    archive.response("http://www.example.cn/missing", html("页面不存在"), status="404 Not Found")  # 8
    archive.record("http://www.example.cn/2020-09/28/c_1.htm", "metadata", b"outlinks: 3\r\n",
                   "application/warc-fields")  # 9
    archive.response("http://www.example.cn/a/t20201002_5.html", html("全区项目建设观摩", text=PARAGRAPH.replace("9月28日", "10月1日")),
                     None)  # 10: no content type, a page by its first bytes
    archive.response("http://www.example.cn/data.json", '{"a": 1}', None)  # 11: no content type, not a page
    archive.response("http://www.example.cn/xhtml", html("全市项目推进会"), "application/xhtml+xml")  # 12
    return archive.close()


def source_of(path: Path) -> FileSource:
    (item,) = list(Walker([str(path)]))
    return item


def read(path: Path, **options) -> tuple[list, Counter]:
    skipped: Counter = Counter()
    return list(read_entries(source_of(path), ReadOptions(**options), skipped)), skipped


def records(out: Path) -> dict[str, dict]:
    return {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def errors(out: Path) -> list[dict]:
    path = errors_path(out)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.parametrize("gzipped", [True, False])
def test_html_responses_are_entries_and_the_rest_is_counted(tmp_path, gzipped):
    path = crawl(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzipped)
    entries, skipped = read(path)
    assert all(isinstance(e, Entry) for e in entries)
    assert [(e.url, e.source.rsplit(":", 1)[1]) for e in entries] == [
        ("http://www.example.cn/2020-09/28/c_1.htm", "3"), ("http://www.example.cn/news/show.php?id=77", "6"),
        ("http://www.example.cn/a/t20201002_5.html", "10"), ("http://www.example.cn/xhtml", "12")]
    assert skipped == Counter({SKIPPED_WARC_NOT_HTML: 3, SKIPPED_WARC_STATUS: 2, "WARC warcinfo records": 1,
                               "WARC request records": 1, "WARC metadata records": 1})
    assert entries[1].encoding == "gb18030"  # the response's charset, read with its superset


def test_pages_are_read_as_html_files_with_the_uri_as_id(tmp_path):
    entries, _ = read(crawl(tmp_path / "crawl.warc.gz"), published_from_path=True)
    articles = [article_from_entry(e, ReadOptions(published_from_path=True)) for e in entries]
    assert [a.doc_id for a in articles] == [e.url for e in entries]
    assert all(a.id_from_input for a in articles)
    first, gbk, sniffed, _ = articles
    assert first.text.startswith("全市重点项目集中开工") and "张建华出席" in first.text
    assert (first.published, first.published_source) == (dt.date(2020, 9, 28), "path")
    assert (gbk.published, gbk.published_source, gbk.encoding) == (dt.date(2020, 5, 6), "html_meta", "gb18030")
    assert "全市重大项目签约" in gbk.text
    assert (sniffed.published, sniffed.published_source) == (dt.date(2020, 10, 2), "path")


def test_the_url_dates_a_page_only_when_asked_and_the_crawl_date_never(tmp_path):
    entries, _ = read(crawl(tmp_path / "crawl.warc.gz"))
    first = article_from_entry(entries[0], ReadOptions())
    assert (first.published, first.published_source) == (None, None)  # 2023-06-01 (crawled) is no publication date


def test_a_batch_over_a_crawl(tmp_path):
    path = crawl(tmp_path / "in" / "crawl.warc.gz")
    out = tmp_path / "out.jsonl"
    summary = run_batch([str(path.parent)], out, BatchOptions(workers=1, read=ReadOptions(published_from_path=True)))
    got = records(out)
    assert set(got) == {"http://www.example.cn/2020-09/28/c_1.htm", "http://www.example.cn/news/show.php?id=77",
                        "http://www.example.cn/a/t20201002_5.html", "http://www.example.cn/xhtml"}
    page = got["http://www.example.cn/2020-09/28/c_1.htm"]
    assert page["input_file"] == f"{path}:3"
    assert (page["published"], page["published_source"]) == ("2020-09-28", "path")
    assert page["event_date"]["year"] == 2020 and page["event_date"]["year_source"] == "published"
    assert [x["name"] for x in page["leaders"]] == ["张建华", "李明"]
    gbk = got["http://www.example.cn/news/show.php?id=77"]
    assert (gbk["published_source"], gbk["encoding"]) == ("html_meta", "gb18030")
    assert got["http://www.example.cn/xhtml"]["published"] is None  # nothing dates it (and no crawl date)
    assert summary.failures == 0 and summary.files_skipped[SKIPPED_WARC_STATUS] == 2


def test_a_page_larger_than_the_limit_is_refused_without_being_held(tmp_path):
    archive = Archive(tmp_path / "big.warc.gz")
    archive.response("http://www.example.cn/a.html", html("全市重点项目集中开工"))
    archive.response("http://www.example.cn/huge.html", "<html><body>" + "项目" * (9 << 20) + "</body></html>")
    bomb = gzip.compress(b"<html><body>" + b" " * (40 << 20) + b"</body></html>")  # 40 MB in 40 KB
    archive.response("http://www.example.cn/bomb.html", bomb, extra=[("Content-Encoding", "gzip")])
    archive.response("http://www.example.cn/b.html", html("全区项目建设观摩"))
    entries, _ = read(archive.close(), max_chars=10_000)  # the HTML limit: 16 MiB
    assert [type(e).__name__ for e in entries] == ["Entry", "InputFailure", "InputFailure", "Entry"]
    huge, bomb_failure = entries[1], entries[2]
    assert huge.error_type == bomb_failure.error_type == "DocumentTooLarge"
    assert (huge.doc_id, huge.source.rsplit(":", 1)[1]) == ("http://www.example.cn/huge.html", "2")
    assert "--max-chars 10000" in bomb_failure.message
    assert max(len(e.data) for e in entries if isinstance(e, Entry)) < 1 << 20


def test_a_damaged_archive_keeps_what_came_before(tmp_path):
    path = crawl(tmp_path / "crawl.warc.gz")
    data = path.read_bytes()
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(data[: len(data) * 2 // 3])  # cut in the middle of a gzip member
    entries, _ = read(damaged)
    assert isinstance(entries[-1], InputFailure) and "the rest of the file is not read" in entries[-1].message
    assert [e.url for e in entries[:-1]] == ["http://www.example.cn/2020-09/28/c_1.htm",
                                             "http://www.example.cn/news/show.php?id=77"]


def test_without_warcio_each_archive_is_one_clear_error(tmp_path, monkeypatch):
    path = crawl(tmp_path / "in" / "crawl.warc.gz")
    (tmp_path / "in" / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    monkeypatch.setitem(sys.modules, "warcio", None)
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    out = tmp_path / "out.jsonl"
    run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1))
    assert set(records(out)) == {"a"}
    (error,) = errors(out)
    assert (error["type"], error["source"]) == ("MissingExtra", str(path))
    assert "pip install 'zhnews-extractor[warc]'" in error["message"] and "\n" not in error["message"]


def test_a_repeated_url_and_a_poison_page_are_errors_and_resume_goes_on_by_record(tmp_path):
    archive = Archive(tmp_path / "in" / "crawl.warc.gz")
    for i in range(6):
        archive.response(f"http://www.example.cn/2020/09/{10 + i}/a.html", html(f"第{i}个项目集中开工"))
    archive.response("http://www.example.cn/2020/09/10/a.html", html("再次抓取"))  # 7: fetched twice
    archive.response("http://www.example.cn/junk.html", bytes(range(256)) * 40)  # 8: bytes of no text
    archive.response("http://www.example.cn/2020/09/30/a.html", html("全区项目建设观摩"))  # 9
    path = archive.close()
    (tmp_path / "in" / "a.warc").write_bytes(b"")  # an empty archive: nothing in it
    out = tmp_path / "out.jsonl"
    run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1))
    first = out.read_text(encoding="utf-8").splitlines()
    failed = errors(out)
    assert len(first) == 7 and sorted(e["type"] for e in failed) == ["DecodeError", "DuplicateId"]
    assert {e["source"] for e in failed} == {f"{path}:7", f"{path}:8"}
    out.write_text("\n".join(first[:3]) + "\n" + first[3][:40], encoding="utf-8")  # a crash mid-write
    summary = run_batch([str(tmp_path / "in")], out, BatchOptions(workers=1, resume=True))
    assert summary.skipped == 5  # three records and two errors were done: by source, not by URL
    sources = [r["input_file"] for r in records(out).values()] + [e["source"] for e in errors(out)]
    assert sorted(sources) == sorted(f"{path}:{n}" for n in range(1, 10))


@pytest.mark.parametrize("gzipped", [True, False])
def test_an_archive_cut_anywhere_but_between_records_says_so(tmp_path, gzipped):
    from warcio.archiveiterator import ArchiveIterator

    archive = Archive(tmp_path / ("whole.warc.gz" if gzipped else "whole.warc"), gzipped)
    archive.request("http://www.example.cn/2020/09/28/a.html")
    archive.response("http://www.example.cn/2020/09/28/a.html", html("全市重点项目集中开工"))
    archive.response("http://www.example.cn/style.css", "body { color: red }", "text/css")
    archive.response("http://www.example.cn/2020/09/29/b.html", html("全区项目建设观摩"))
    whole = archive.close()
    data = whole.read_bytes()
    between = {0}  # cuts that leave whole records: a shorter archive, not a damaged one
    with open(whole, "rb") as handle:
        records = ArchiveIterator(handle)
        for _ in records:
            end = records.get_record_offset() + records.get_record_length()
            # (a plain record's length leaves out its closing blank lines, but the last one's)
            between.update(range(end, end + 1) if gzipped else range(end - 4, end + 5))
    pages = [e.data for e in read(whole)[0]]
    cut = tmp_path / whole.name.replace("whole", "cut")
    for size in range(0, len(data), 1 if gzipped else 2):
        cut.write_bytes(data[:size])
        entries, _ = read(cut)
        read_pages = [e.data for e in entries if isinstance(e, Entry)]
        assert read_pages == pages[: len(read_pages)], size  # what is read before the cut is read whole
        if size not in between:
            assert entries and isinstance(entries[-1], InputFailure), size
