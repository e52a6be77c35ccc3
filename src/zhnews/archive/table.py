"""Reading a batch's records and printing rows: the plumbing of ``zhnews officials``."""
from __future__ import annotations

import csv
import datetime as dt
import json
import unicodedata
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path


def read_records(path: str | Path) -> Iterator[dict]:
    """The records of a JSON-lines file, streamed; a line that is not JSON is an error naming it."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not a JSON record ({exc})") from exc


def cell(value: object) -> str:
    """A value as text: lists joined with spaces, dates ISO, None empty, amounts with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(cell(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    return str(value)


def width(text: str) -> int:
    """Columns a terminal gives ``text``: two for wide (CJK) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """Rows as an aligned text table (CJK characters counted two columns wide)."""
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [all(r[i].replace(",", "").isdigit() for r in cells if r[i]) and any(r[i] for r in cells)
               for i in range(len(columns))]

    def line(values: Sequence[str]) -> str:
        padded = [(" " * (w - width(v)) + v) if num else (v + " " * (w - width(v)))
                  for v, w, num in zip(values, widths, numeric, strict=True)]
        return "  ".join(padded).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *(line(r) for r in cells)])


def write_csv(rows: Sequence[dict], columns: Sequence[str], path: str | Path) -> None:
    """Rows as CSV (UTF-8 with BOM, which spreadsheet programs need for Chinese); lists joined with ``;``."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([";".join(cell(v) for v in row[c]) if isinstance(row.get(c), list) else cell(row.get(c))
                             for c in columns])
