"""Reading press archives: text and HTML files, JSON-lines and JSON dumps, CSV and Parquet tables, WARC
web archives, compressed or not, in any common encoding, within size limits.

``Walker`` lists the files under the inputs (``FileSource``), each with a doc id unique by
construction (its path from the inputs' common root); what it leaves out is counted by kind. A text
or HTML file is one document (``read_document``); a JSON-lines, JSON, CSV, Parquet or WARC file holds
many (``read_entries`` yields one ``Entry`` per line, array element, row or HTML response, which
``article_from_entry`` turns into an article). Anything that cannot be read yields an
``InputFailure`` naming the input, so a batch goes on with the rest. Sizes are checked while
reading: nothing larger than the limit is read whole, decoded or decompressed.
"""
from __future__ import annotations

import bz2
import codecs
import datetime as dt
import gzip
import io
import json
import lzma
import os
import re
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from zhnews.io.html_dates import labelled_date, meta_date
from zhnews.io.path_dates import compile_path_pattern, path_date
from zhnews.text.header import HeaderError, parse_date, split_header

DEFAULT_MAX_CHARS = 1_000_000
TEXT, HTML, JSONL, JSON, CSV, PARQUET, WARC = "text", "html", "jsonl", "json", "csv", "parquet", "warc"
ROW = "row"  # an entry already parsed into fields (a JSON array's element, a Parquet row)
SUFFIXES = {".txt": TEXT, ".html": HTML, ".htm": HTML, ".shtml": HTML, ".shtm": HTML, ".xhtml": HTML,
            ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSON, ".csv": CSV, ".parquet": PARQUET, ".warc": WARC}
CONTAINERS = (JSONL, JSON, CSV, PARQUET, WARC)  # kinds that hold many documents a file
_OPENERS: dict[str, Callable[..., IO[bytes]]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
COMPRESSIONS = tuple(_OPENERS)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE = ("utf-16", "utf-16-le", "utf-16-be")  # encodings in which a newline is not the byte 0x0A
_BROKEN_RUN = re.compile("\ufffd+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Legacy Chinese encodings are read with their superset, so no character is lost.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}
_SNIFF_BYTES = 65536
_READ_CHARS = 1 << 16
MAX_ID_CHARS = 1000

# What the walk counts as skipped, besides files of other types (counted by their suffix).
SKIPPED_OUTPUT = "this batch's own output"
SKIPPED_LINKED_FILE = "symlinks to files read under their own path"
SKIPPED_LINKED_FOLDER = "folders reached twice (symlinks)"
SKIPPED_NOT_ARTICLE = ".json objects without the text field"
SKIPPED_WARC_NOT_HTML = "WARC responses that are not HTML pages"
SKIPPED_WARC_STATUS = "WARC responses with an HTTP status other than 2xx"
NO_SUFFIX = "no suffix"


@dataclass
class Article:
    """One document to extract, with where it came from."""

    doc_id: str
    text: str
    source: str  # the file (and line) it was read from
    published: dt.date | str | None = None
    encoding: str | None = None
    published_source: str | None = None  # see zhnews.schema.ArticleRecord.published_source: always set with published
    warnings: list[str] = field(default_factory=list)
    id_from_input: bool = False  # the id was given by the input (a JSON field), not made from its path


@dataclass
class InputFailure:
    """An input, or one document of it, that could not be read."""

    doc_id: str
    source: str
    error_type: str
    message: str


@dataclass
class ReadOptions:
    id_field: str = "id"
    text_field: str = "text"
    published_field: str = "published"
    extra_fields: dict[str, str] = field(default_factory=dict)
    max_chars: int = DEFAULT_MAX_CHARS
    # Publication dates from paths and URLs (published_source "path"), for documents that date themselves no
    # other way: False (off), True (the shapes of zhnews.io.path_dates) or a regex with groups year, month, day.
    published_from_path: bool | str = False

    def __post_init__(self) -> None:
        if isinstance(self.published_from_path, str):
            compile_path_pattern(self.published_from_path)  # ValueError now, not in every worker

    def path_date(self, path: str) -> dt.date | None:
        """The date in a document's path or URL, when dates are read from paths; else None."""
        if self.published_from_path is False:
            return None
        return path_date(path, None if self.published_from_path is True else self.published_from_path)

    def byte_limit(self, kind: str) -> int:
        """The most bytes read of one document of this kind: no character takes more than 4 bytes in
        the encodings read (6 in a JSON \\u escape); an HTML page's markup is allowed 16 times its
        text and at least 16 MiB."""
        if kind in (HTML, WARC):  # a WARC's documents are HTML pages
            return max(16 * self.max_chars, 16 << 20)
        if kind in CONTAINERS:
            return 6 * self.max_chars + (1 << 20)
        return 4 * self.max_chars


@dataclass(frozen=True)
class FileSource:
    """One input file: where to open it, how to show it, its doc id and its kind."""

    path: str  # to open (may hold the surrogate escapes of a name that is not UTF-8)
    source: str  # shown and recorded: the absolute path, printable
    doc_id: str  # its path from the inputs' common root, suffix dropped: unique by construction
    kind: str
    compression: str | None = None
    size: int = 0


@dataclass(frozen=True)
class Entry:
    """One document of a many-document file, before parsing: a line, a CSV row, a parsed array element or
    Parquet row, or a WARC response's HTML."""

    data: bytes | str | Any  # a line's or row's bytes (decoded by whoever parses it), its text, or a parsed value
    encoding: str
    source: str  # file:N (N: the line, element, row or WARC record)
    fallback_id: str  # file id:N, the doc id when the entry names none
    file: str  # the file's shown path
    kind: str = JSONL  # how ``data`` is parsed: JSONL (JSON text, or a parsed value), CSV, ROW or HTML
    columns: tuple[str, ...] = ()  # a CSV row's column names (its file's header)
    url: str | None = None  # a WARC response's target URI


class DecodeError(ValueError):
    """Bytes whose encoding cannot be determined."""


class DocumentTooLarge(ValueError):
    """A document longer than the batch's --max-chars (or a file too large to hold one)."""


class NotARegularFile(OSError):
    """A FIFO, socket or device where a file was expected: never opened, it could block for ever."""


# --- names ------------------------------------------------------------------------------------------
def printable(text: str) -> str:
    """``text`` as valid UTF-8: a file name's undecodable bytes as \\xNN, a lone surrogate as \\uNNNN."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def classify(name: str) -> tuple[str, str | None, int] | None:
    """(kind, compression suffix, length of the suffixes) of a file name; None for other files."""
    lower = name.lower()
    compression = next((c for c in COMPRESSIONS if lower.endswith(c)), None)
    base = lower[: len(lower) - len(compression)] if compression else lower
    for suffix, kind in SUFFIXES.items():
        if base.endswith(suffix):
            return kind, compression, len(suffix) + len(compression or "")
    return None


def suffix_label(name: str) -> str:
    """How a skipped file is counted: its suffix (two with a compression: .pdf.gz), lower case."""
    parts = name.lower().lstrip(".").split(".")
    if len(parts) < 2:
        return NO_SUFFIX
    suffix = "." + parts[-1]
    if suffix in COMPRESSIONS and len(parts) > 2:
        suffix = "." + parts[-2] + suffix
    return suffix


def common_root(paths: Iterable[str]) -> str:
    """The deepest folder holding every input (a folder input itself, a file input's folder)."""
    bases = [p if os.path.isdir(p) else os.path.dirname(p) for p in (os.path.abspath(p) for p in paths)]
    return os.path.commonpath(bases) if bases else os.getcwd()


def _id_parts(names: list[tuple[str, int]]) -> list[str]:
    """Each file's part of its doc id: its name without the suffix, unless another file of the folder
    would get the same one (a.txt and a.html, or a.txt.txt's stem and a.txt), then its whole name."""
    parts = [name[: len(name) - cut] or name for name, cut in names]
    while True:  # each round turns at least one part into its (unique) name: it ends
        clashing = {part for part, count in Counter(parts).items() if count > 1}
        if not clashing:
            return parts
        parts = [name if part in clashing else part for part, (name, _) in zip(parts, names, strict=True)]


# --- the walk ---------------------------------------------------------------------------------------
class Walker:
    """Every file under the inputs, in order (folders recursively, names sorted), with its doc id.

    Doc ids are paths from the inputs' common root, so two folders' ``index.html`` differ.
    Symlinked folders are followed, each folder at most once (a loop or a second way to one folder
    is counted, not walked again); a symlink to a file inside the inputs is left to that file;
    ``exclude`` (the batch's own output files) is never read. FIFOs, sockets and devices are failures,
    never opened. Files of other types are counted by suffix in ``skipped``.
    """

    def __init__(self, inputs: list[str], exclude: Iterable[str | os.PathLike] = ()) -> None:
        self.inputs = list(inputs)
        self.root = common_root(self.inputs)
        self.skipped: Counter[str] = Counter()
        self._exclude = {os.path.realpath(p) for p in exclude}
        self._real_roots = [os.path.realpath(p) for p in self.inputs if os.path.isdir(p)]
        self._folders: set[tuple[int, int]] = set()
        self._named: set[str] = set()

    def __iter__(self) -> Iterator[FileSource | InputFailure]:
        self.skipped = Counter()
        self._folders = set()
        self._named = {os.path.realpath(p) for p in self.inputs if os.path.isfile(p)}
        for given in self.inputs:
            path = os.path.abspath(given)
            if os.path.isdir(path):
                yield from self._walk_folder(path)
            else:
                yield from self._named_file(path)

    def _doc_id(self, path: str) -> str:
        relative = os.path.relpath(path, self.root)
        return printable("" if relative == "." else relative)

    def _named_file(self, path: str) -> Iterator[FileSource | InputFailure]:
        if os.path.realpath(path) in self._exclude:
            self.skipped[SKIPPED_OUTPUT] += 1
            return
        kind = classify(os.path.basename(path)) or (TEXT, None, 0)  # a file named as an input is read as text
        doc_id = self._doc_id(path)
        if kind[2]:
            doc_id = doc_id[: len(doc_id) - kind[2]] or doc_id
        yield self._source(path, doc_id, kind)

    def _source(self, path: str, doc_id: str, kind: tuple[str, str | None, int]) -> FileSource | InputFailure:
        shown = printable(path)
        try:
            info = os.stat(path)
        except OSError as exc:
            reason = "no such file or directory" if isinstance(exc, FileNotFoundError) else exc.strerror
            return InputFailure(doc_id, shown, type(exc).__name__, f"{shown}: {reason}")
        if not stat.S_ISREG(info.st_mode):
            return InputFailure(doc_id, shown, "NotARegularFile",
                                f"{shown}: a {_file_type(info.st_mode)}, not a file: not read")
        return FileSource(path, shown, doc_id, kind[0], kind[1], info.st_size)

    def _walk_folder(self, top: str) -> Iterator[FileSource | InputFailure]:
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                info = os.stat(folder)
                key = (info.st_dev, info.st_ino)
                if key in self._folders:
                    self.skipped[SKIPPED_LINKED_FOLDER] += 1
                    continue
                self._folders.add(key)
                with os.scandir(folder) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as exc:
                shown = printable(folder)
                yield InputFailure(self._doc_id(folder), shown, type(exc).__name__,
                                   f"{shown}: folder cannot be read: {exc.strerror or exc}")
                continue
            subfolders = []
            files = []
            for entry in entries:
                try:
                    is_folder = entry.is_dir()  # through a symlink too
                except OSError:
                    is_folder = False
                (subfolders if is_folder else files).append(entry)
            yield from self._files(folder, files)
            stack.extend(os.path.join(folder, entry.name) for entry in reversed(subfolders))

    def _files(self, folder: str, entries: list[os.DirEntry]) -> Iterator[FileSource | InputFailure]:
        kinds = []
        for entry in entries:
            kind = classify(entry.name)
            if kind is None:
                self.skipped[suffix_label(entry.name)] += 1
            else:
                kinds.append((entry, kind))
        if not kinds:
            return
        real_folder = os.path.realpath(folder)
        prefix = self._doc_id(folder)
        parts = _id_parts([(entry.name, kind[2]) for entry, kind in kinds])
        for (entry, kind), part in zip(kinds, parts, strict=True):
            path = os.path.join(folder, entry.name)
            real = os.path.realpath(path) if entry.is_symlink() else os.path.join(real_folder, entry.name)
            if real in self._exclude:
                self.skipped[SKIPPED_OUTPUT] += 1
                continue
            if real in self._named or (entry.is_symlink() and self._read_elsewhere(real)):
                self.skipped[SKIPPED_LINKED_FILE] += 1
                continue
            yield self._source(path, printable(f"{prefix}/{part}" if prefix else part), kind)

    def _read_elsewhere(self, real: str) -> bool:
        """True for the target of a file symlink that the walk reads under its own path."""
        return classify(os.path.basename(real)) is not None and any(
            real.startswith(root + os.sep) for root in self._real_roots)


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


# --- decoding ---------------------------------------------------------------------------------------
def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding name): BOMs first, then strict UTF-8, then charset-normalizer's best guess.

    Raises DecodeError for binary data and for a UTF-8 text with a few broken bytes
    (decoding it any other way would turn the whole text into mojibake).
    """
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(name), "utf-16" if name == "utf-16" else "utf-8-sig"
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {name} at byte {exc.start}") from exc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _nul_heavy(raw):
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(name)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text, name
        raise DecodeError("binary data (NUL bytes), not text")
    if _damaged_utf8(raw):
        broken = len(_BROKEN_RUN.findall(raw.decode("utf-8", errors="replace")))
        raise DecodeError(f"invalid UTF-8 at byte {first_bad} ({broken} broken sequence(s) in a UTF-8 text)")
    name = _guess(raw)
    if name is None:
        raise DecodeError("cannot determine the text encoding (binary data?)")
    try:
        text = raw.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"bytes not valid in the detected encoding {name}") from exc
    if _looks_binary(text):
        raise DecodeError("binary data, not text")
    return text, name


def sniff_encoding(sample: bytes) -> str:
    """The encoding of a many-document file from its first bytes (one line may be cut at the end)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if _nul_heavy(sample):
        odd_zeros = sample[1::2].count(0)
        return "utf-16-le" if odd_zeros >= sample[::2].count(0) else "utf-16-be"
    cut = sample.rfind(b"\n")
    whole = sample[: cut + 1] if cut > 0 else sample
    try:
        whole.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(whole) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # a character cut by the sample's end
    if _damaged_utf8(whole):
        return "utf-8"  # a few broken lines: they fail alone
    return _guess(whole) or "utf-8"


def _nul_heavy(raw: bytes) -> bool:
    return b"\x00" in raw[:4096] and raw.count(b"\x00") > len(raw) // 8


def _damaged_utf8(raw: bytes) -> bool:
    """True for a Chinese UTF-8 text with a few broken sequences (not a text in another encoding)."""
    lenient = raw.decode("utf-8", errors="replace")
    broken = len(_BROKEN_RUN.findall(lenient))
    wide = sum(1 for c in lenient if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")  # CJK text
    return broken <= max(1, len(lenient) // 100) and wide > len(lenient) // 4


def _guess(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best() or from_bytes(raw).best()
    if best is None:
        return None
    name = _SUPERSETS.get(best.encoding.replace("_", ""), best.encoding)
    return _SUPERSETS.get(name, name)


def _looks_binary(text: str) -> bool:
    """True for decoded bytes that are mostly control characters (an image, an archive ...)."""
    sample = text[:8192]
    controls = sum(1 for c in sample if (c < " " and c not in "\n\r\t\f") or "\x7f" <= c < "\xa0")
    return controls > len(sample) // 20


def valid_text(text: str) -> str:
    """``text`` with lone surrogates (a JSON "\\ud800") replaced by U+FFFD: same length, valid UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


# --- opening, within limits -------------------------------------------------------------------------
def _open_regular(path: str) -> IO[bytes]:
    """Open a file for reading, refusing a FIFO or device that took its place after the walk."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(f"a {_file_type(mode)}, not a file")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def open_stream(source: FileSource) -> IO[bytes]:
    """The file's bytes, decompressed as they are read."""
    raw = _open_regular(source.path)
    if source.compression is None:
        return raw
    return _OPENERS[source.compression](raw, "rb")


def _too_large(source: str, what: str, options: ReadOptions) -> DocumentTooLarge:
    return DocumentTooLarge(f"{source}: {what}, more than --max-chars {options.max_chars} allows; not read")


def read_bounded(source: FileSource, options: ReadOptions) -> bytes:
    """The whole of a one-document file, refused before reading (or decompressing) past its limit."""
    limit = options.byte_limit(source.kind)
    with open_stream(source) as stream:
        if source.compression is None and os.fstat(stream.fileno()).st_size > limit:
            raise _too_large(source.source, f"{os.fstat(stream.fileno()).st_size} bytes", options)
        data = stream.read(limit + 1)
    if len(data) > limit:
        what = f"more than {limit} bytes" + (" once decompressed" if source.compression else "")
        raise _too_large(source.source, what, options)
    return data


# --- one-document files -----------------------------------------------------------------------------
def read_document(source: FileSource, options: ReadOptions) -> Article | InputFailure:
    """The document of a text or HTML file; any failure to read it is an InputFailure."""
    try:
        text, encoding = decode_bytes(read_bounded(source, options))
        if not text.strip():
            return InputFailure(source.doc_id, source.source, "EmptyDocument",
                                f"{source.source}: the file holds no text")
        if source.kind == HTML:
            return _html_article(text, source.doc_id, source.source, encoding, options, source.source)
        article = Article(source.doc_id, text, source.source, encoding=encoding)
        return _checked(_dated_by_path(article, source.source, options), options)
    except Exception as exc:  # any failure of one input, whatever its type, stays that input's
        return InputFailure(source.doc_id, source.source, type(exc).__name__, failure_message(source.source, exc))


def failure_message(where: str, exc: BaseException) -> str:
    """``where: what went wrong``, for an exception of any type (some have no message)."""
    text = printable(str(exc)) or f"{type(exc).__name__} raised"
    return text if text.startswith(where) else f"{where}: {text}"


def _checked(article: Article, options: ReadOptions) -> Article:
    if len(article.text) > options.max_chars:
        raise _too_large(article.source, f"{len(article.text)} characters", options)
    return article


def _header_dated(text: str) -> bool:
    """True when the text's own metadata header gives a publication date (which then wins over a path's)."""
    try:
        return split_header(text).published is not None
    except HeaderError:
        return False


def _dated_by_path(article: Article, path: str | None, options: ReadOptions) -> Article:
    """The article dated by its path or URL, when dates are read from paths and nothing else dates it."""
    if article.published is None and path and options.published_from_path is not False \
            and not _header_dated(article.text):
        date = options.path_date(path)
        if date is not None:
            article.published, article.published_source = date, "path"
    return article


def _html_article(html: str, doc_id: str, where: str, encoding: str, options: ReadOptions, path: str | None,
                  id_from_input: bool = False) -> Article | InputFailure:
    """Main text, title and publication date of a saved news page (trafilatura)."""
    try:
        import trafilatura
    except ImportError:
        return InputFailure(doc_id, where, "MissingExtra", "HTML input needs: pip install 'zhnews-extractor[html]'")
    today = dt.date.today().isoformat()
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False, "max_date": today})
    except Exception as exc:  # a page trafilatura or lxml cannot take (an assertion deep inside, ...)
        return InputFailure(doc_id, where, type(exc).__name__,
                            f"{where}: the page's main text cannot be extracted: "
                            f"{printable(str(exc)) or type(exc).__name__}")
    if document is None or not (document.text or "").strip():
        return InputFailure(doc_id, where, "EmptyPage", f"{where}: no main text found in the page")
    title = (document.title or "").strip()
    body = document.text.strip()
    text = f"{title}\n{body}" if title and not body.startswith(title) else body
    date, found, warnings = _page_date(html, document.date, path, options)
    article = Article(doc_id, valid_text(text), where, published=date, encoding=encoding, published_source=found,
                      warnings=warnings, id_from_input=id_from_input)
    return _checked(article, options)


def _page_date(html: str, guessed: str | None, path: str | None,
               options: ReadOptions) -> tuple[dt.date | None, str | None, list[str]]:
    """(date, where it came from, warnings) of a page: the date its metadata declares, else the date its text
    labels (发布时间：...), else its path's or URL's (when asked for), else the date htmldate picked among the
    page's elements (the oldest: in a page with a list of other articles, perhaps one of theirs)."""
    warnings: list[str] = []

    def candidates() -> Iterator[tuple[object, str]]:
        yield meta_date(html), "html_meta"
        yield labelled_date(html), "html_text"
        if path:
            yield options.path_date(path), "path"
        yield guessed, "html_text"

    for value, found in candidates():
        if not value:
            continue
        date, problems = published_date(value, f"the page's date ({found.replace('_', ' ')})")
        warnings += problems
        if date is not None:
            return date, found, warnings
    return None, None, warnings


def published_date(value: object, what: str) -> tuple[dt.date | None, list[str]]:
    """A publication date read from an input, or None and a warning: a bad date never costs the document."""
    try:
        return parse_date(value, what), []
    except HeaderError as exc:
        return None, [f"publication date ignored: {exc}"]


# --- many-document files ----------------------------------------------------------------------------
@dataclass
class _Position:
    """How far a many-document file has been read: its last entry's number (line, element, row, record)."""

    number: int = 0


def read_entries(source: FileSource, options: ReadOptions,
                 skipped: Counter[str] | None = None) -> Iterator[Entry | InputFailure]:
    """The entries of a many-document file, streamed: a JSON-lines file's lines, a JSON file's array
    elements (or its one object), a CSV file's rows (after its header), a Parquet file's rows, a WARC
    file's HTML responses. An entry longer than the limit is skipped over without being held. What is
    no article is counted in ``skipped``: a JSON file holding one object without the text field
    (metadata, a gold record), a WARC's requests, metadata and other records, its responses that are
    not HTML pages. A damaged file keeps what was read before the damage; the rest is one failure."""
    from zhnews.io.table_input import csv_entries, parquet_entries  # (they build on this module)
    from zhnews.io.warc_input import warc_entries

    position = _Position()
    readers = {JSONL: _jsonl_entries, JSON: _json_entries, CSV: csv_entries, PARQUET: parquet_entries,
               WARC: warc_entries}
    try:
        yield from readers[source.kind](source, options, Counter() if skipped is None else skipped, position)
    except Exception as exc:  # a damaged file: what was read stands, the rest is one failure
        number = position.number
        where = f"{source.source}:{number + 1}"
        text = printable(str(exc)) or f"{type(exc).__name__}: truncated file?"
        yield InputFailure(f"{source.doc_id}:{number + 1}", where, type(exc).__name__,
                           f"{where}: {text} (the rest of the file is not read)")


def _entry(source: FileSource, number: int, data: Any, encoding: str, kind: str, **more: Any) -> Entry:
    return Entry(data, encoding, f"{source.source}:{number}", f"{source.doc_id}:{number}", source.source, kind,
                 **more)


def _file_failure(source: FileSource, error_type: str, message: str) -> InputFailure:
    """A failure of a whole many-document file (a missing extra, a missing column), under the file's own
    name: no entry of it was read, so none is hidden by it when the run is resumed."""
    return InputFailure(source.doc_id, source.source, error_type, f"{source.source}: {message}")


def _jsonl_entries(source: FileSource, options: ReadOptions, skipped: Counter[str],
                   position: _Position) -> Iterator[Entry | InputFailure]:
    encoding = sniff_encoding(_sample(source))
    with open_stream(source) as stream:
        for number, data in enumerate(_lines(stream, encoding, options.byte_limit(JSONL)), start=1):
            position.number = number
            if data is None:
                yield _entry_too_large(source, number, options, "a line")
            elif data.strip():
                yield _entry(source, number, data, encoding, JSONL)


def _json_entries(source: FileSource, options: ReadOptions, skipped: Counter[str],
                  position: _Position) -> Iterator[Entry | InputFailure]:
    encoding = sniff_encoding(_sample(source))
    with open_stream(source) as stream:
        for number, value in enumerate(_json_values(stream, encoding, options), start=1):
            if value is _NOT_ARTICLE:
                skipped[SKIPPED_NOT_ARTICLE] += 1
                return
            position.number = number
            yield _entry(source, number, value, encoding, ROW)


def _sample(source: FileSource) -> bytes:
    """The first bytes of a file, as many as can be read (a damaged file fails later, at its line)."""
    pieces: list[bytes] = []
    size = 0
    try:
        with open_stream(source) as stream:
            while size < _SNIFF_BYTES and (piece := stream.read(4096)):
                pieces.append(piece)
                size += len(piece)
    except Exception:  # noqa: S110  (what was read before the damage is the sample)
        pass
    return b"".join(pieces)


def _entry_too_large(source: FileSource, number: int, options: ReadOptions, what: str,
                     doc_id: str | None = None) -> InputFailure:
    where = f"{source.source}:{number}"
    limit = options.byte_limit(source.kind)
    return InputFailure(doc_id or f"{source.doc_id}:{number}", where, "DocumentTooLarge",
                        f"{where}: {what} longer than {limit} bytes, more than --max-chars {options.max_chars} "
                        "allows; not read")


def _lines(stream: IO[bytes], encoding: str, limit: int) -> Iterator[bytes | str | None]:
    """The lines of a stream, each at most ``limit`` long (None for a longer one, skipped over)."""
    reader: Any = io.TextIOWrapper(stream, encoding=encoding, newline="\n") if encoding in _WIDE else stream
    end = "\n" if encoding in _WIDE else b"\n"
    while True:
        line = reader.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            while line and not line.endswith(end):
                line = reader.readline(1 << 20)
            yield None
        else:
            yield line


_NOT_ARTICLE = object()


class _TextBuffer:
    """Decoded text read on demand from a stream; what was consumed is dropped."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self.reader = io.TextIOWrapper(stream, encoding=encoding, newline="")
        self.text = ""
        self.pos = 0
        self.eof = False

    def more(self, chars: int = _READ_CHARS) -> bool:
        """Read ``chars`` more characters (False at the end of the stream)."""
        if self.eof:
            return False
        chunk = self.reader.read(max(chars, _READ_CHARS))
        if not chunk:
            self.eof = True
            return False
        self.text = self.text[self.pos:] + chunk
        self.pos = 0
        return True

    def skip_space(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n\ufeff":
                self.pos += 1
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos:self.pos + 1]


def _json_values(stream: IO[bytes], encoding: str, options: ReadOptions) -> Iterator[Any]:
    """A JSON array's elements one by one, or a single JSON object; each value at most the limit long."""
    limit = options.byte_limit(JSON)
    buffer = _TextBuffer(stream, encoding)
    decoder = json.JSONDecoder()
    first = buffer.skip_space()
    if first == "{":
        value = _next_value(buffer, decoder, limit)
        if buffer.skip_space():
            raise ValueError("text after the JSON object")
        yield value if options.text_field in value else _NOT_ARTICLE
        return
    if first != "[":
        raise ValueError("not a JSON array or object")
    buffer.pos += 1
    if buffer.skip_space() == "]":
        return
    while True:
        yield _next_value(buffer, decoder, limit)
        mark = buffer.skip_space()
        if mark == "]":
            return
        if mark != ",":
            raise ValueError("expected ',' or ']' after an array element" if mark else "truncated JSON array")
        buffer.pos += 1
        buffer.skip_space()


def _next_value(buffer: _TextBuffer, decoder: json.JSONDecoder, limit: int) -> Any:
    """Parse the value at the buffer's position, reading more while it may be incomplete."""
    while True:
        try:
            value, end = decoder.raw_decode(buffer.text, buffer.pos)
            if end < len(buffer.text) or buffer.eof:
                buffer.pos = end
                return value
        except json.JSONDecodeError:
            if buffer.eof:
                raise
        if len(buffer.text) - buffer.pos > limit:
            raise DocumentTooLarge(f"a JSON value longer than {limit} characters")
        buffer.more(len(buffer.text) - buffer.pos)  # doubling: each value is parsed O(1) times over


def article_from_entry(entry: Entry, options: ReadOptions) -> Article | InputFailure:
    """Parse one entry into an article (its id, text and publication date); any failure is an InputFailure."""
    from zhnews.io.table_input import csv_fields
    from zhnews.io.warc_input import warc_article

    try:
        if entry.kind == HTML:
            return warc_article(entry, options)
        value = csv_fields(entry) if entry.kind == CSV else entry.data if entry.kind == ROW else _json_value(entry)
        if isinstance(value, InputFailure):
            return value
        return _article_from_fields(value, entry, options)
    except Exception as exc:  # any failure of one entry, whatever its type, stays that entry's
        return InputFailure(entry.fallback_id, entry.source, type(exc).__name__, failure_message(entry.source, exc))


def _json_value(entry: Entry) -> Any:
    """An entry's JSON text parsed (a failure of its own when it is not JSON)."""
    where, fallback = entry.source, entry.fallback_id
    try:
        value = entry.data
        if isinstance(value, bytes):
            value = value.decode(entry.encoding)
        return json.loads(value) if isinstance(value, str) else value
    except RecursionError:
        return InputFailure(fallback, where, "JSONDecodeError", f"{where}: JSON nested too deeply")
    except UnicodeDecodeError as exc:
        return InputFailure(fallback, where, "DecodeError", f"{where}: bytes not valid {entry.encoding}: {exc.reason}")
    except ValueError as exc:
        return InputFailure(fallback, where, "JSONDecodeError", f"{where}: not a JSON object: {exc}")


def _article_from_fields(value: Any, entry: Entry, options: ReadOptions) -> Article | InputFailure:
    """The article of an entry's fields (a JSON object, a CSV or Parquet row): id, text and date."""
    where, fallback = entry.source, entry.fallback_id
    if not isinstance(value, dict):
        return InputFailure(fallback, where, "JSONDecodeError", f"{where}: not a JSON object")
    doc_id, from_input = _entry_id(value.get(options.id_field), fallback)
    if doc_id is None:
        return InputFailure(fallback, where, "InvalidId",
                            f"{where}: field {options.id_field!r} is not a string or an integer of at most "
                            f"{MAX_ID_CHARS} characters: {printable(repr(value.get(options.id_field)))[:80]}")
    text = value.get(options.text_field)
    if not isinstance(text, str):
        return InputFailure(doc_id, where, "MissingText", f"{where}: no string field {options.text_field!r}")
    if len(text) > options.max_chars:
        too_large = _too_large(where, f"{len(text)} characters", options)
        return InputFailure(doc_id, where, "DocumentTooLarge", str(too_large))
    published, warnings = None, []
    raw_date = value.get(options.published_field)
    if raw_date not in (None, ""):
        published, warnings = published_date(raw_date, f"field {options.published_field!r}")
    article = Article(doc_id, valid_text(text), where, published=published, encoding=entry.encoding,
                      published_source="json_field" if published else None, warnings=warnings,
                      id_from_input=from_input)
    return _dated_by_path(article, entry.file, options)


def _entry_id(value: object, fallback: str) -> tuple[str | None, bool]:
    """(doc id, given by the entry) of an entry's id field: a string or an integer (1 and "1" are the
    same id); absent, null or empty: the fallback (file:N); None for an id of any other type."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback, False
    if isinstance(value, bool):
        return None, True
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, str) and len(value) <= MAX_ID_CHARS:
        return printable(value), True
    return None, True
