# Quick start on a fresh machine (Python 3.11, pip, make): `make demo`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
REFERENCE := corpus/henan-daily-2021-10-09-three-batches.txt

.PHONY: install demo test lint evaluate clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,html,warc,export,spark,ner]"
	touch $(STAMP)

demo: install
	@echo "== zhnews extract $(REFERENCE)"
	$(BIN)/zhnews extract $(REFERENCE) | $(BIN)/python -m json.tool --no-ensure-ascii
	@echo "== zhnews batch corpus (every core) -> out/corpus.jsonl"
	$(BIN)/zhnews batch corpus -o out/corpus.jsonl
	$(BIN)/zhnews export out/corpus.jsonl --duckdb out/corpus.duckdb --parquet out/parquet
	@echo "== total 签约 investment per month (scripts/monthly_signed.sql)"
	$(BIN)/python scripts/query.py out/corpus.duckdb scripts/monthly_signed.sql
	@echo "== officials across the corpus (zhnews officials; first rows)"
	$(BIN)/zhnews officials out/corpus.jsonl --csv out/officials.csv | head -n 12
	@echo "== investment per kind: per record vs once per event (scripts/events_once.sql)"
	$(BIN)/python scripts/query.py out/corpus.duckdb scripts/events_once.sql
	@echo "== investment at the events each official attended, once per event (scripts/official_investment.sql)"
	$(BIN)/python scripts/query.py out/corpus.duckdb scripts/official_investment.sql
	@echo "== zhnews evaluate corpus/dev"
	$(BIN)/zhnews evaluate corpus/dev

test: install
	$(BIN)/ruff check src scripts tests
	$(BIN)/python -m pytest

evaluate: install
	$(BIN)/zhnews evaluate corpus/dev --errors

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
