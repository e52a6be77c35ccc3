"""WARC web archives (``.warc``, ``.warc.gz``; the format crawls and web archives are kept in), read with
warcio (the ``warc`` extra).

Each HTTP response with a 2xx status and an HTML page (``text/html``, ``application/xhtml+xml``, or no
content type and a page that opens like HTML) is one article: its doc id is the record's target URI,
its source ``file.warc.gz:N`` (the N-th record of the file: unique, so a page fetched twice is never
mistaken for one already done), its text and date read from the page as for an HTML file, its
charset taken from the response's Content-Type when it names one. Everything else (requests,
metadata, warcinfo, revisit and resource records, responses that are not HTML, redirects and errors)
is counted as skipped. The record's WARC-Date is when the page was crawled, not published: it is not
used as a date. The parent process reads each page within the HTML limit; the workers parse it.
"""
from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from zhnews.io.inputs import (
    _BOMS,
    _SUPERSETS,
    HTML,
    MAX_ID_CHARS,
    SKIPPED_WARC_NOT_HTML,
    SKIPPED_WARC_STATUS,
    WARC,
    Article,
    Entry,
    FileSource,
    InputFailure,
    ReadOptions,
    _entry,
    _entry_too_large,
    _file_failure,
    _html_article,
    _Position,
    decode_bytes,
    open_stream,
    printable,
)

HTML_TYPES = ("text/html", "application/xhtml+xml")
_HEADERS_ALLOWANCE = 1 << 16  # the HTTP headers a response record holds besides its page
_CHARSET = re.compile(r"charset\s{0,3}=\s{0,3}[\"']?([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
# How a page opens (checked only for a response without a content type): a BOM, an XML declaration, a
# comment, then <!DOCTYPE html>, <html> or <head>.
# (Read over the page's first bytes decoded as Latin-1: one character a byte, whatever the page's charset.)
_HTML_START = re.compile(r"(?:\xef\xbb\xbf)?\s{0,200}(?:<\?xml[^>]{0,200}>\s{0,50})?(?:<!--[^>]{0,500}-->\s{0,50})?"
                         r"<(?:!doctype\s{1,5}html|html|head)\b", re.IGNORECASE)
_SNIFFED_BYTES = 1024


def warc_entries(source: FileSource, options: ReadOptions, skipped: Counter[str],
                 position: _Position) -> Iterator[Entry | InputFailure]:
    """The HTML responses of a WARC file, each an entry holding the page's bytes; the rest is counted."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield _file_failure(source, "MissingExtra", "WARC input needs warcio: pip install 'zhnews-extractor[warc]'")
        return
    limit = options.byte_limit(WARC)
    number = 0
    previous = None
    with open_stream(source) as stream:
        guarded = _Guarded(stream)
        records = ArchiveIterator(guarded)
        for record in _readable(records):
            _check_whole(previous, number, position)
            number += 1
            previous = record
            position.number = number - 1  # a failure from here on is this record's
            sniff = _page_kind(record, skipped)
            if sniff is not None:
                yield from _page(source, record, number, sniff, limit, options, skipped, position)
            position.number = number
        _check_whole(previous, number, position)
        if guarded.position > getattr(records, "offset", guarded.position):  # warcio ends quietly at a cut header
            raise DamagedArchive(f"the archive ends inside a record's header ({guarded.position - records.offset} "
                                 "bytes after the last whole record): damaged or truncated")


def _page(source: FileSource, record: Any, number: int, sniff: bool, limit: int, options: ReadOptions,
          skipped: Counter[str], position: _Position) -> Iterator[Entry | InputFailure]:
    """The entry of one HTML response (or its failure: too large), read within the limit."""
    uri = _target_uri(record)
    if (record.length or 0) > limit + _HEADERS_ALLOWANCE:  # refused before its page is read
        yield _entry_too_large(source, number, options, "an HTML response", doc_id=uri)
        return
    payload = _read_up_to(record.content_stream(), limit + 1)
    if len(payload) > limit:
        yield _entry_too_large(source, number, options, "an HTML response", doc_id=uri)
        return
    _check_whole(record, number, position)
    if sniff and not _HTML_START.match(payload[:_SNIFFED_BYTES].decode("latin-1")):
        skipped[SKIPPED_WARC_NOT_HTML] += 1
        return
    yield _entry(source, number, payload, _charset(record), HTML, url=uri)


def _readable(records: Iterator[Any]) -> Iterator[Any]:
    """warcio's records; a failure of its own to parse one (a header cut short, ...) said as damage."""
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except DamagedArchive:
            raise
        except Exception as exc:
            raise DamagedArchive(f"the archive is damaged or truncated: {type(exc).__name__}: {exc}") from exc
        yield record


class DamagedArchive(ValueError):
    """A WARC file cut short or corrupt (never an EOFError: warcio takes that for the archive's end)."""


class _Guarded:
    """A (decompressing) stream for warcio: bytes before a damage (a gzip member cut short, corrupt data)
    are delivered, then the damage is raised as DamagedArchive instead of passing for the end."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self._read = getattr(stream, "read1", stream.read)
        self.position = 0
        self.damage: DamagedArchive | None = None

    def read(self, size: int = -1) -> bytes:
        if self.damage is not None:
            raise self.damage
        left = size if size > 0 else 1 << 16
        pieces: list[bytes] = []
        while left > 0:
            try:  # read1: one read of the file a time, so what came before a damage is never lost with it
                piece = self._read(min(left, 1 << 16))
            except (EOFError, OSError, ValueError) as exc:  # zlib.error and lzma.LZMAError are among them
                self.damage = DamagedArchive(f"the archive is damaged or cut short: {exc}")
                break
            if not piece:
                break
            pieces.append(piece)
            left -= len(piece)
        data = b"".join(pieces)
        if not data and self.damage is not None:
            raise self.damage
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position


def _check_whole(record: Any, number: int, position: _Position) -> None:
    """Raise DamagedArchive (the failure of record ``number``) when ``record``, the file's ``number``-th, ended
    before the length its header gives."""
    if record is None:
        return
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():  # required; warcio reads on
        position.number = number - 1
        raise DamagedArchive(f"record {number} has no Content-Length: the archive is damaged or truncated")
    if getattr(record.raw_stream, "limit", 0) > 0:
        position.number = number - 1
        raise DamagedArchive(f"record {number} is cut short: the archive is damaged or truncated")


def _page_kind(record: Any, skipped: Counter[str]) -> bool | None:
    """None for a record that is no HTML page (counted in ``skipped``); else whether its content type is
    missing, so that its bytes must show it is a page."""
    if record.rec_type != "response":
        skipped[f"WARC {record.rec_type or 'untyped'} records"] += 1
        return None
    http = record.http_headers
    if http is None:  # a response of another protocol (dns:, ...)
        skipped[SKIPPED_WARC_NOT_HTML] += 1
        return None
    status = http.get_statuscode() or ""
    if not (len(status) == 3 and status.startswith("2")):
        skipped[SKIPPED_WARC_STATUS] += 1
        return None
    content_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if content_type in HTML_TYPES:
        return False
    if not content_type:
        return True
    skipped[SKIPPED_WARC_NOT_HTML] += 1
    return None


def _target_uri(record: Any) -> str | None:
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    return uri or None


def _charset(record: Any) -> str:
    """The charset the response's Content-Type names, as a Python codec ("" when none, or unknown)."""
    match = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    if match is None:
        return ""
    try:
        name = codecs.lookup(match.group(1)).name
    except LookupError:
        return ""
    return _SUPERSETS.get(name, name)


def _read_up_to(stream: IO[bytes], size: int) -> bytes:
    pieces: list[bytes] = []
    left = size
    while left > 0:
        piece = stream.read(min(left, 1 << 16))
        if not piece:
            break
        pieces.append(piece)
        left -= len(piece)
    return b"".join(pieces)


def warc_article(entry: Entry, options: ReadOptions) -> Article | InputFailure:
    """The article of a WARC entry: its page decoded (by the response's charset, else detected) and read
    as an HTML file's, its id the target URI (a URI too long for an id: file:N), dated by its URI's path
    when dates are read from paths."""
    uri = entry.url
    doc_id, given = (printable(uri), True) if uri and len(uri) <= MAX_ID_CHARS else (entry.fallback_id, False)
    html, encoding = _decode(entry.data, entry.encoding)
    if not html.strip():
        return InputFailure(doc_id, entry.source, "EmptyPage", f"{entry.source}: the response holds no page")
    return _html_article(html, doc_id, entry.source, encoding, options, uri, given)


def _decode(payload: bytes, charset: str) -> tuple[str, str]:
    if charset and not any(payload.startswith(bom) for bom, _ in _BOMS):
        try:
            return payload.decode(charset), charset
        except UnicodeDecodeError:
            pass  # a page whose header names the wrong charset: detected from its bytes
    return decode_bytes(payload)
