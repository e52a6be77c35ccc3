"""Publication dates in file paths and URLs: ``/2021/10/09/``, ``/2021-10/09/``, ``/2021/1009/``,
``/202110/09/``, ``t20211009_``, ``2021-10-09.txt``, ``2021年10月9日``.

News sites' content systems put the day of publication in the address of every article, and archives
are often filed by day; ``path_date`` reads it (or a caller's regex with named groups ``year``,
``month`` and ``day``). Digits run into other digits are no date (``20211009123456789`` is an id),
dotted numbers are versions (``2021.10.9``), and a date the calendar does not have (``20211341``,
``2021/02/30``) or a year outside 1949-2100 is refused. When a path holds several dates, the last one
(nearest the file name) is taken. Every pattern is a fixed-width run of digits and separators: linear.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from zhnews.text.header import EARLIEST_YEAR, LATEST_YEAR

MAX_PATH_CHARS = 4096  # a longer path or URL is read from its end (where the file name is)
GROUPS = ("year", "month", "day")

_NO_DIGIT_BEFORE = r"(?<![0-9])(?<![0-9][.])"  # not inside a number, nor the tail of a dotted version
_NO_DIGIT_AFTER = r"(?![0-9])(?![.][0-9])"
_YEAR = r"(?P<year>(?:19|20)[0-9]{2}|2100)"
_MONTH = r"(?P<month>0?[1-9]|1[0-2])"
_DAY = r"(?P<day>0?[1-9]|[12][0-9]|3[01])"
_MONTH2 = r"(?P<month>0[1-9]|1[0-2])"
_DAY2 = r"(?P<day>0[1-9]|[12][0-9]|3[01])"
_SEP = r"[-/_]"

# The shapes, each its own pattern (a named group appears once per pattern).
_SHAPES = (
    rf"{_YEAR}{_SEP}{_MONTH}{_SEP}{_DAY}",  # /2021/10/09/, /2021-10/09/, 2021-10-09, /2021/10/9/, 2021_10_09
    rf"{_YEAR}/{_MONTH2}{_DAY2}",  # /2021/1009/
    rf"{_YEAR}{_MONTH2}/{_DAY2}",  # /202110/09/
    rf"{_YEAR}{_MONTH2}{_DAY2}",  # t20211009_, /20211009/, 20211009.html
    rf"{_YEAR}年{_MONTH}月{_DAY}日",  # 2021年10月9日
)
DEFAULT_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(_NO_DIGIT_BEFORE + shape + _NO_DIGIT_AFTER) for shape in _SHAPES)


def compile_path_pattern(pattern: str) -> re.Pattern[str]:
    """A caller's pattern, compiled; ValueError unless it is a valid regex with groups year, month, day."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from exc
    missing = [name for name in GROUPS if name not in compiled.groupindex]
    if missing:
        raise ValueError(f"{pattern!r} has no named group {', '.join(missing)}: write (?P<year>...), "
                         "(?P<month>...) and (?P<day>...)")
    return compiled


@lru_cache(maxsize=8)
def _patterns(pattern: str | None) -> tuple[re.Pattern[str], ...]:
    return DEFAULT_PATTERNS if pattern is None else (compile_path_pattern(pattern),)


def path_date(path: str, pattern: str | None = None) -> dt.date | None:
    """The publication date in a file path or URL, or None. ``pattern``: the caller's regex (named groups
    year, month, day) instead of the default shapes. The last valid date of the path wins."""
    text = path.replace("\\", "/")[-MAX_PATH_CHARS:]
    best: tuple[int, dt.date] | None = None
    for compiled in _patterns(pattern):
        for match in compiled.finditer(text):
            date = _date(match)
            if date is not None and (best is None or match.end() > best[0]):
                best = (match.end(), date)
    return best[1] if best else None


def _date(match: re.Match[str]) -> dt.date | None:
    try:
        year, month, day = (int(match.group(name)) for name in GROUPS)
        date = dt.date(year, month, day)
    except (TypeError, ValueError):  # a group that did not take part, or a day the month does not have
        return None
    return date if EARLIEST_YEAR <= date.year <= LATEST_YEAR else None
