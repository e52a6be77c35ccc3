"""Run a SQL file against a DuckDB database written by `zhnews export --duckdb`.

Usage: python scripts/query.py DATABASE.duckdb QUERY.sql
"""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb


def main() -> None:
    database, query = sys.argv[1], Path(sys.argv[2]).read_text(encoding="utf-8")
    with duckdb.connect(database, read_only=True) as con:
        con.sql(query).show(max_width=120)


if __name__ == "__main__":
    main()
