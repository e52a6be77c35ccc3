"""Where the cross-record analyses keep what they read of each record until the end of a batch.

The officials and events tables need the whole archive before their first row: a person's mentions are
spread over it, and so are the reports of one day. ``ArchiveStore`` keeps the compact summaries
(``events.Report``, ``officials.Mention``) and the article -> event links in SQLite, in memory for a few
thousand records or in a file for an archive (``zhnews export``), and gives them back in the order the
analyses consume them: reports day by day, mentions name by name. Memory then stays bounded by one day's
reports or one name's mentions, not by the archive (SQLite sorts on disk).
"""
from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zhnews.archive.events import Report
    from zhnews.archive.officials import Mention

PENDING_ROWS = 2000  # rows buffered before one executemany
CACHE_KB = 8 * 1024  # SQLite's page cache (and so its sorter's memory), per connection

_SCHEMA = """
CREATE TABLE reports (day INTEGER, doc BLOB, event BLOB, data BLOB);
CREATE TABLE mentions (name BLOB, doc BLOB, data BLOB);
CREATE TABLE links (doc BLOB, event TEXT);
"""


def _key(text: str) -> bytes:
    """A string as SQLite compares it here: UTF-8 bytes, whose order is Python's (code points), lone
    surrogates (file names read with surrogateescape) included."""
    return text.encode("utf-8", "surrogatepass")


def _text(key: bytes) -> str:
    return key.decode("utf-8", "surrogatepass")


class ArchiveStore:
    """Reports, mentions and links of a batch, in SQLite: ``path`` None keeps them in memory."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.con = sqlite3.connect(str(path) if path is not None else ":memory:")
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KB}", "temp_store = FILE"):
            self.con.execute(f"PRAGMA {pragma}")
        self.con.executescript(_SCHEMA)
        self._pending: dict[str, list[tuple]] = {"reports": [], "mentions": [], "links": []}
        self._links_indexed = False

    def _add(self, table: str, row: tuple) -> None:
        rows = self._pending[table]
        rows.append(row)
        if len(rows) >= PENDING_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self._pending[table]
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            self.con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
            rows.clear()

    def add_report(self, report: Report, event_key: str) -> None:
        """One record's report; ``event_key`` orders the reports without a date (their events' ids)."""
        day = report.date.toordinal() if report.date is not None else None
        self._add("reports", (day, _key(report.doc_id), _key(event_key), pickle.dumps(report, 5)))

    def add_mentions(self, mentions: Iterable[Mention]) -> None:
        for mention in mentions:
            self._add("mentions", (_key(mention.name), _key(mention.doc_id), pickle.dumps(mention, 5)))

    def add_link(self, doc_id: str, event_id: str) -> None:
        """The event a record reports (written while the events are grouped, read by the officials)."""
        self._add("links", (_key(doc_id), event_id))

    def days(self) -> Iterator[list[Report]]:
        """The dated reports, one list per day, days ascending, each day's by doc id."""
        self._flush("reports")
        rows = self.con.execute("SELECT day, data FROM reports WHERE day IS NOT NULL ORDER BY day, doc")
        for _, day in groupby(rows, key=lambda row: row[0]):
            yield [pickle.loads(data) for _, data in day]

    def undated(self) -> Iterator[Report]:
        """The reports without a date, in the order of their event keys."""
        self._flush("reports")
        for (data,) in self.con.execute("SELECT data FROM reports WHERE day IS NULL ORDER BY event, doc"):
            yield pickle.loads(data)

    def _index_links(self) -> None:
        self._flush("links")
        if not self._links_indexed:
            self.con.execute("CREATE INDEX links_doc ON links (doc)")
            self._links_indexed = True

    def links(self) -> Iterator[tuple[str, str]]:
        """(doc id, event id) by doc id."""
        self._index_links()
        for doc, event in self.con.execute("SELECT doc, event FROM links ORDER BY doc, event"):
            yield _text(doc), event

    def names(self) -> Iterator[tuple[list[Mention], dict[str, str]]]:
        """The mentions of one name at a time (names ascending), with the events of their records."""
        self._flush("mentions")
        self._index_links()
        rows = self.con.execute(
            "SELECT name, data, (SELECT event FROM links WHERE links.doc = mentions.doc LIMIT 1) "
            "FROM mentions ORDER BY name, doc")
        for _, same_name in groupby(rows, key=lambda row: row[0]):
            mentions, event_of = [], {}
            for _, data, event in same_name:
                mention = pickle.loads(data)
                mentions.append(mention)
                if event is not None:
                    event_of[mention.doc_id] = event
            yield mentions, event_of

    def close(self) -> None:
        self.con.close()
