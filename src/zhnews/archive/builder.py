"""The three tables across records (officials, events, article_events) of one batch, from one pass."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zhnews.archive.events import EventsBuilder
from zhnews.archive.officials import OfficialsBuilder
from zhnews.archive.places import RecordPlaces, gazetteer
from zhnews.archive.store import ArchiveStore


class ArchiveBuilder:
    """Reads each record once for both analyses (its places once), keeps what they need in one
    ``ArchiveStore`` (in memory, or in the SQLite file ``path`` for an archive), then gives the rows."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.store = ArchiveStore(path)
        self.gaz = gazetteer()
        self.events, self.officials = EventsBuilder(self.store), OfficialsBuilder(self.store)

    def add(self, record: dict) -> None:
        places = RecordPlaces.of(record, self.gaz)
        self.events.add(record, places)
        self.officials.add(record, places)

    def rows(self) -> Iterator[tuple[str, dict]]:
        """(table, row) for ``events``, then ``article_events``, then ``officials`` (which needs the events:
        one name in the reports of one event is one person), each table in its order; once."""
        for row in self.events.events():
            yield "events", row
        for doc_id, event_id in self.store.links():
            yield "article_events", {"doc_id": doc_id, "event_id": event_id}
        for row in self.officials.rows():
            yield "officials", row

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ArchiveBuilder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
