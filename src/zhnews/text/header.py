"""The optional metadata header of an article file (``key: value`` lines closed by ``---``)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_KEY_LINE = re.compile(r"[a-z_]+:[ \t]?[^\n]*")
_MAX_HEADER_LINES = 20


class HeaderError(ValueError):
    """A metadata header that cannot be read (for example a bad ``published`` date)."""


@dataclass(frozen=True)
class Header:
    """The header's fields and where the article body starts in the input."""

    fields: dict[str, str] = field(default_factory=dict)
    body_start: int = 0

    @property
    def published(self) -> dt.date | None:
        """The ``published`` field as a date, or None when absent."""
        value = self.fields.get("published")
        return parse_date(value, "published") if value else None


# Publication dates outside the years an event date may have (EventDate in models/record.py) are
# typing errors or placeholders (9999-12-31): refused, so a caller ignores them with a warning.
EARLIEST_YEAR, LATEST_YEAR = 1949, 2100
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))  # epoch seconds and UTC times are dated in Beijing time
_SEPARATED = re.compile(r"(\d{4})\s{0,3}[-/.年]\s{0,3}(\d{1,2})\s{0,3}[-/.月]\s{0,3}(\d{1,2})\s{0,3}日?")
# What may follow the date: a time of day (T08:30:00+08:00, 上午10时30分), nothing else.
_TIME_OF_DAY = re.compile(r"(?!\d)[\sT\d:：.,+\-Z时点分秒上下午早晚凌晨]{0,40}")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")  # 20211009
_EPOCH = re.compile(r"\d{9,13}(?:\.\d{1,6})?")  # seconds (9-10 digits) or milliseconds (12-13)


def parse_date(value: object, what: str) -> dt.date:
    """A publication date as archives write it, naming ``what`` in the error.

    Accepted: ISO dates and datetimes (2021-10-09, 2021-10-09T08:30:00+08:00; a time with an
    offset is dated in Beijing time), 2021/10/09 and 2021.10.09, 2021年10月9日 (a clock time may
    follow), 20211009, and Unix epoch seconds or milliseconds (a JSON number or a string of
    digits, dated in Beijing time). A year outside 1949-2100 is refused. Raises HeaderError.
    """
    date = _parse(value)
    if date is None:
        raise HeaderError(f"{what}: {_shown(value)} is not a date (YYYY-MM-DD, YYYY年MM月DD日, an ISO datetime "
                          "or epoch seconds)")
    if not EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        raise HeaderError(f"{what}: {_shown(value)} is outside the years {EARLIEST_YEAR}-{LATEST_YEAR}")
    return date


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _parse(value: object) -> dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):  # epoch seconds or milliseconds, or 20211009 as a number
        if value != value or value in (float("inf"), float("-inf")):
            return None
        value = str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, dt.datetime):
        return _local_date(value)
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) > 64:
        return None
    if _EPOCH.fullmatch(text):
        return _from_epoch(float(text))
    try:  # ISO 8601 (Python 3.11 reads the whole of it)
        return _local_date(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if match is None:
        return None
    if not _TIME_OF_DAY.fullmatch(text, match.end()):
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _local_date(moment: dt.datetime) -> dt.date:
    """The calendar date of a datetime: as written when naive, in Beijing time when it has an offset."""
    return (moment.astimezone(CHINA_TIME) if moment.tzinfo is not None else moment).date()


def _from_epoch(seconds: float) -> dt.date | None:
    if abs(seconds) >= 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, CHINA_TIME).date()
    except (OverflowError, OSError, ValueError):
        return None


def split_header(text: str) -> Header:
    """Find a metadata header at the top of ``text``; an absent one gives an empty Header."""
    pos = 0
    fields: dict[str, str] = {}
    for _ in range(_MAX_HEADER_LINES):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        line = text[pos:line_end].strip().lstrip("\ufeff")
        if line == "---":
            return Header(fields, line_end + 1 if end >= 0 else line_end) if fields else Header()
        if not _KEY_LINE.fullmatch(line):
            return Header()
        key, value = line.split(":", 1)
        fields[key] = value.strip()
        if end < 0:
            return Header()
        pos = end + 1
    return Header()
