"""The declared columns of the analyst tables: each layer names the columns it contributes.

A column's ``type`` is one of ``TYPES``; ``zhnews.outputs.tables`` turns the declarations into
pyarrow, DuckDB, Spark and pandas types, so every format shares one schema.
"""
from __future__ import annotations

from dataclasses import dataclass

# string, 64-bit integer, boolean, date, exact amount DECIMAL(38, 0) in whole currency units,
# list of strings, list of 64-bit integers.
TYPES = ("string", "int", "bool", "date", "decimal", "strings", "ints")


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type and meaning."""

    name: str
    type: str
    description: str = ""

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r} (one of {', '.join(TYPES)})")


@dataclass(frozen=True)
class Table:
    """Columns a layer contributes to a table. Several layers may contribute to one table (``articles``:
    one row per record); the columns are joined in pipeline order."""

    name: str
    columns: tuple[Column, ...]
    description: str = ""
