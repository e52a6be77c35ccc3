"""Reading press archives: text and HTML files, JSON-lines dumps, in any common encoding.

Each input yields ``Article`` items; anything that cannot be read yields an
``InputFailure`` naming the input, so a batch goes on with the rest.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Legacy Chinese encodings are read with their superset, so no character is lost.
_BROKEN_RUN = re.compile("\ufffd+")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}


@dataclass
class Article:
    """One document to extract, with where it came from."""

    doc_id: str
    text: str
    source: str  # the file (and line) it was read from
    published: str | None = None
    encoding: str | None = None


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


class DecodeError(ValueError):
    """Bytes whose encoding cannot be determined."""


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
    if b"\x00" in raw[:4096] and raw.count(b"\x00") > len(raw) // 8:
        for name in ("utf-16-le", "utf-16-be"):
            try:
                text = raw.decode(name)
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text):
                return text, name
        raise DecodeError("binary data (NUL bytes), not text")
    lenient = raw.decode("utf-8", errors="replace")
    broken = len(_BROKEN_RUN.findall(lenient))
    wide = sum(1 for c in lenient if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")  # CJK text
    if broken <= max(1, len(lenient) // 100) and wide > len(lenient) // 4:
        raise DecodeError(f"invalid UTF-8 at byte {first_bad} ({broken} broken sequence(s) in a UTF-8 text)")
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best() or from_bytes(raw).best()
    if best is None:
        raise DecodeError("cannot determine the text encoding (binary data?)")
    name = _SUPERSETS.get(best.encoding.replace("_", ""), best.encoding)
    name = _SUPERSETS.get(name, name)
    try:
        text = raw.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"bytes not valid in the detected encoding {name}") from exc
    if _looks_binary(text):
        raise DecodeError("binary data, not text")
    return text, name


def _looks_binary(text: str) -> bool:
    """True for decoded bytes that are mostly control characters (an image, an archive ...)."""
    sample = text[:8192]
    controls = sum(1 for c in sample if (c < " " and c not in "\n\r\t\f") or "\x7f" <= c < "\xa0")
    return controls > len(sample) // 20


def walk(paths: list[str]) -> Iterator[tuple[Path, str] | InputFailure]:
    """Every supported file under ``paths`` (directories recursively, sorted) with its doc-id stem."""
    for given in paths:
        root = Path(given)
        if root.is_dir():
            unreadable: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append):
                while unreadable:
                    yield _unreadable(unreadable.pop())
                dirnames.sort()
                for name in sorted(filenames):
                    path = Path(dirpath) / name
                    if is_supported(path):
                        relative = path.relative_to(root)
                        yield path, _strip_suffix(str(relative))
            while unreadable:
                yield _unreadable(unreadable.pop())
        elif root.exists():
            yield root, _strip_suffix(root.name)
        else:
            yield InputFailure(str(root), str(root), "FileNotFoundError", f"{root}: no such file or directory")


def _unreadable(error: OSError) -> InputFailure:
    where = str(error.filename or "?")
    return InputFailure(where, where, type(error).__name__, f"{where}: directory cannot be read: {error.strerror}")


def is_supported(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)


def _strip_suffix(name: str) -> str:
    for suffix in (".jsonl.gz", *JSONL_SUFFIXES, *HTML_SUFFIXES, *TEXT_SUFFIXES):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_file(path: Path, stem: str, options: ReadOptions) -> Iterator[Article | InputFailure]:
    """The documents of one file: one for text and HTML, one per line for JSON lines."""
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path, stem, options)
        return
    try:
        raw = path.read_bytes()
        text, encoding = decode_bytes(raw)
    except (OSError, DecodeError) as exc:
        yield InputFailure(stem, str(path), type(exc).__name__, f"{path}: {exc}")
        return
    if not text.strip():
        yield InputFailure(stem, str(path), "EmptyDocument", f"{path}: the file holds no text")
    elif name.endswith(HTML_SUFFIXES):
        yield _from_html(text, stem, path, encoding)
    else:
        yield Article(stem, text, str(path), encoding=encoding)


def _from_html(html: str, stem: str, path: Path, encoding: str) -> Article | InputFailure:
    """Main text, title and date of a saved news page (trafilatura)."""
    try:
        import trafilatura
    except ImportError:
        return InputFailure(stem, str(path), "MissingExtra", "HTML input needs: pip install 'zhnews-extractor[html]'")
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if document is None or not (document.text or "").strip():
        return InputFailure(stem, str(path), "EmptyPage", f"{path}: no main text found in the page")
    title = (document.title or "").strip()
    body = document.text.strip()
    text = f"{title}\n{body}" if title and not body.startswith(title) else body
    return Article(stem, text, str(path), published=document.date or None, encoding=encoding)


def _read_jsonl(path: Path, stem: str, options: ReadOptions) -> Iterator[Article | InputFailure]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    line_number = 0
    try:
        with opener(path, "rb") as handle:
            for line_number, raw in enumerate(handle, start=1):  # noqa: B007  (streamed, never loaded whole)
                if not raw.strip():
                    continue
                yield _jsonl_article(raw, f"{path}:{line_number}", f"{stem}:{line_number}", options)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        where = f"{path}:{line_number + 1}"
        message = f"{where}: {exc or 'truncated file'}"
        yield InputFailure(f"{stem}:{line_number + 1}", where, type(exc).__name__, message)


def _jsonl_article(raw: bytes, source: str, fallback_id: str, options: ReadOptions) -> Article | InputFailure:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return InputFailure(fallback_id, source, "JSONDecodeError", f"{source}: not a JSON object: {exc}")
    if not isinstance(record, dict):
        return InputFailure(fallback_id, source, "JSONDecodeError", f"{source}: not a JSON object")
    doc_id = str(record.get(options.id_field) or fallback_id)
    text = record.get(options.text_field)
    if not isinstance(text, str):
        return InputFailure(doc_id, source, "MissingText", f"{source}: no string field {options.text_field!r}")
    published = record.get(options.published_field)
    return Article(doc_id, text, source, published=str(published) if published else None, encoding="utf-8")
