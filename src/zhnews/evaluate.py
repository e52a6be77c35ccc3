"""Score records against gold files: per-field precision, recall and F1.

Items are compared as multisets per document and the counts summed over
documents (micro-average); the macro F1 is the mean of the fields' F1.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEADING_TRAILERS = ",.;:!?，。；：！？、 "  # punctuation a heading may end with, not compared


def norm_name(value: Any) -> Any:
    """Names compared with spaces removed and NFKC applied (an object with ``name`` by its name); other values
    as they are."""
    if isinstance(value, dict) and "name" in value:
        value = value["name"]
    if isinstance(value, str):
        return "".join(unicodedata.normalize("NFKC", value).split())
    return value


def amount_item(stat: dict) -> tuple[Any, Any]:
    """(amount, currency) of a project figure, comparable whether the amount is a JSON integer or a string."""
    money = stat.get("investment")
    if not money:
        return None, None
    amount = money["amount"]
    return (int(amount) if isinstance(amount, str) and amount.isdigit() else amount), money["currency"]


# The fields of the corpus gold format: an absent one counts as empty. A gold file without a newer field
# (venues, say) leaves that field unscored for its document.
_ALWAYS_SCORED = frozenset({"event_date", "reporters", "leaders", "leader_titles", "directives", "directive_speakers",
                            "project_stats", "stat_scopes", "organizations"})


def _scored_layers() -> dict[str, Any]:
    """Evaluation field -> the layer that is scored on it, in pipeline order."""
    from zhnews.pipeline.base import layers

    return {name: layer for layer in layers() for name in layer.eval_fields}


def fields() -> tuple[str, ...]:
    """The evaluation fields, in pipeline order (each layer names its own)."""
    return tuple(_scored_layers())


def items(record: dict, field_name: str) -> list[tuple]:
    """The comparable items of one field of a gold or extracted record (JSON form)."""
    layer = _scored_layers().get(field_name)
    if layer is None:
        raise KeyError(field_name)
    return layer.eval_items(record, field_name)


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    documents: int = 0  # documents whose gold scores this field

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocErrors:
    doc_id: str
    missed: dict[str, list[tuple]] = field(default_factory=dict)
    spurious: dict[str, list[tuple]] = field(default_factory=dict)


@dataclass
class Report:
    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in fields()})
    errors: list[DocErrors] = field(default_factory=list)
    documents: int = 0

    @property
    def macro_f1(self) -> float:
        """The mean F1 of the fields some gold file scores."""
        scored = self.scored()
        return sum(s.f1 for s in scored.values()) / len(scored) if scored else 0.0

    def scored(self) -> dict[str, FieldScore]:
        """The fields at least one document's gold scores (a newer field with no gold yet is left out)."""
        return {name: s for name, s in self.fields.items() if s.documents}

    def add(self, doc_id: str, gold: dict, predicted: dict) -> None:
        """Score one document's record against its gold."""
        self.documents += 1
        errors = DocErrors(doc_id)
        for name in self.fields:
            if name not in gold and name not in _ALWAYS_SCORED:
                continue  # a gold file written before the field existed does not score it
            want, got = Counter(items(gold, name)), Counter(items(predicted, name))
            score = self.fields[name]
            score.documents += 1
            score.tp += sum((want & got).values())
            missed, spurious = want - got, got - want
            score.fn += sum(missed.values())
            score.fp += sum(spurious.values())
            if missed:
                errors.missed[name] = sorted(missed.elements(), key=repr)
            if spurious:
                errors.spurious[name] = sorted(spurious.elements(), key=repr)
        if errors.missed or errors.spurious:
            self.errors.append(errors)

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "macro_f1": round(self.macro_f1, 4),
            "fields": {
                name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                       "tp": s.tp, "fp": s.fp, "fn": s.fn, "documents": s.documents}
                for name, s in self.fields.items()
            },
            "errors": [e.__dict__ for e in self.errors],
        }

    def format(self, with_errors: bool = False) -> str:
        lines = [f"{'field':<20}{'precision':>10}{'recall':>10}{'f1':>10}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name, s in self.fields.items():
            if not s.documents:
                lines.append(f"{name:<20}{'(no gold)':>30}")
                continue
            lines.append(f"{name:<20}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        lines.append(f"{'macro F1':<20}{'':>20}{self.macro_f1:>10.3f}   over {self.documents} documents")
        if with_errors:
            for doc in self.errors:
                lines.append(f"\n[{doc.doc_id}]")
                for kind, table in (("missed", doc.missed), ("spurious", doc.spurious)):
                    for name, values in table.items():
                        for value in values:
                            lines.append(f"  {kind:<9}{name:<20}{value}")
        return "\n".join(lines)


def gold_pairs(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    """(article, gold) file pairs in a folder: every X.txt beside an X.gold.json, sorted."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"gold directory not found: {folder}")
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        if text.exists():
            pairs.append((text, gold))
    return pairs


def evaluate_dir(gold_dir: str | Path, extract: Callable[..., Any] | None = None) -> Report:
    """Run the extractor on every article of ``gold_dir`` and score it against the gold."""
    if extract is None:
        from zhnews.api import Extractor

        extract = Extractor().extract
    report = Report()
    for text_path, gold_path in gold_pairs(gold_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        record = extract(text_path.read_text(encoding="utf-8"), doc_id=text_path.stem)
        report.add(text_path.stem, gold, record.model_dump(mode="json"))
    return report


def score_records(pairs: Iterable[tuple[str, dict, dict]]) -> Report:
    """Score (doc_id, gold, predicted) triples of plain dicts."""
    report = Report()
    for doc_id, gold, predicted in pairs:
        report.add(doc_id, gold, predicted)
    return report


# --- spaCy's evaluation: Examples whose reference docs carry the gold record -----------------------------------
GOLD_KEY = "zhnews_gold"


def examples(gold_dir: str | Path, nlp: Any) -> list[Any]:
    """spaCy ``Example``s of the articles of ``gold_dir``: the predicted doc made by ``nlp``'s tokenizer, the
    reference a copy of it carrying the gold record (``doc.user_data["zhnews_gold"]``), for ``nlp.evaluate``."""
    from spacy.training import Example

    found = []
    for text_path, gold_path in gold_pairs(gold_dir):
        text = text_path.read_text(encoding="utf-8")
        predicted = nlp.make_doc(text)
        reference = nlp.make_doc(text)
        reference.user_data[GOLD_KEY] = json.loads(gold_path.read_text(encoding="utf-8"))
        found.append(Example(predicted, reference))
    return found


def score_examples(examples: Iterable[Any], names: Iterable[str], *, prefix: str) -> dict[str, float]:
    """``{prefix}_{field}_p/_r/_f`` of each field over processed Examples (spaCy's ``Scorer`` keys)."""
    from spacy.scorer import PRFScore

    from zhnews.record.build import record_of_doc

    scores = {name: PRFScore() for name in names}
    for example in examples:
        gold = example.reference.user_data.get(GOLD_KEY)
        if gold is None:
            continue
        predicted = record_of_doc(example.predicted)
        for name, score in scores.items():
            want, got = Counter(items(gold, name)), Counter(items(predicted, name))
            score.tp += sum((want & got).values())
            score.fp += sum((got - want).values())
            score.fn += sum((want - got).values())
    out: dict[str, float] = {}
    for name, score in scores.items():
        out |= {f"{prefix}_{name}_p": score.precision, f"{prefix}_{name}_r": score.recall,
                f"{prefix}_{name}_f": score.fscore}
    return out
