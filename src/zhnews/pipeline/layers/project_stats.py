"""Project statistics: (category, scope, segment, count, investment) of project batches.

The layer reads the figures of a report as a tree (``zhnews.pipeline.figures.tree``): a batch
(签约项目340个，总投资2844亿元) and its breakdowns (其中…, 包括…, 分别是…, 从投资规模看…,
签约的35个项目里…), one stat per batch however often the headline, lead and body
restate it. Counts are read by ``figures.mentions``, amounts by ``figures.amounts``,
scopes by ``figures.scopes``; the word lists are ``data/categories.toml`` and
``data/figures.toml``. What looks misread (parts that sum to more than their batch, an
implausible amount for a count) goes to the record's warnings.
"""
from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from zhnews import lexicon
from zhnews.evaluate import amount_item, norm_name
from zhnews.outputs.columns import Column, Table
from zhnews.outputs.html_page import yi
from zhnews.outputs.marks import Mark
from zhnews.pipeline.base import Layer, body_start, get_ext, sentence_index, set_ext, text_of, warn
from zhnews.pipeline.figures import words as figure_words
from zhnews.pipeline.figures.amounts import AmountReader
from zhnews.pipeline.figures.mentions import MAX_PHRASE, MentionFinder
from zhnews.pipeline.figures.nodes import Node
from zhnews.pipeline.figures.resolve import Resolver
from zhnews.pipeline.figures.scopes import ScopeFinder
from zhnews.pipeline.figures.tree import FigureTree
from zhnews.pipeline.hits import AmountHit, Hit, StatHit
from zhnews.text.normalize import map_chars
from zhnews.text.numbers import count_matches
from zhnews.text.scan import SentenceIndex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from zhnews.record.context import RecordContext

SentenceCounts = tuple[tuple[int, int], list[re.Match[str]]]  # a sentence's (start, end) and its counts
_TITLE_LINE_CHARS = 60  # a line this short without 。 reads as a headline


def count_sentences(text: str, start: int, index: SentenceIndex) -> Iterator[SentenceCounts]:
    """Each sentence holding a count (a ``COUNT_PATTERN`` match at or after ``start``), in order,
    with its counts: one scan of the text serves every sentence."""
    sentence: tuple[int, int] | None = None
    counts: list[re.Match[str]] = []
    for count in count_matches(text, start):
        if sentence is None or count.start() >= sentence[1]:
            if sentence is not None:
                yield sentence, counts
            sentence, counts = index.sentence(count.start()), []
        counts.append(count)
    if sentence is not None:
        yield sentence, counts


def _after_titles(doc: Doc, body: int) -> int:
    """Where the lead may start: after the headline and subtitles (the title block's body start also
    skips lines of portal furniture, which may hold the lead: 来源:… 作者:… 12月22日，甲县…举行)."""
    block = get_ext(doc, "zhnews_title_block")
    if block is None:
        return body
    ends = [h.end for h in (block.original_title, block.headline, *block.subtitles) if h is not None]
    return min(body, max(ends, default=0))


class ProjectStatsLayer(Layer):
    """Find project-batch figures: a tree of batches and breakdowns, one stat per batch."""

    name = "zhnews_project_stats"
    field = "project_stats"
    record_field = "project_stats"
    order = 70
    reads = ("prepared", "title_block", "event_date")
    span_keys = {"figures": "zhnews_project_stats"}
    default_config = {"max_phrase_chars": MAX_PHRASE}
    eval_fields = ("project_stats", "stat_scopes")
    tables = (Table("project_stats", (
        Column("doc_id", "string"), Column("position", "int", "order in the record, from 0"),
        Column("category", "string", "签约, 开工, 投产 ...; null for several kinds together"),
        Column("scope", "string"), Column("segment", "string", "the sub-group of a breakdown; null for a batch"),
        Column("parent", "int", "position of the batch a breakdown belongs to"),
        Column("count", "int"), Column("amount", "decimal", "whole units of the currency"),
        Column("currency", "string", "ISO 4217"), Column("text", "string", "the figure as written"),
    ), "project figures: batches and their breakdowns"),)

    def _use(self, lex: lexicon.Lexicon) -> None:
        """Build the readers of the lexicon in use (the component's own), once per lexicon."""
        if getattr(self, "lex", None) is lex:
            return
        self.lex = lex
        max_phrase_chars = self.max_phrase_chars
        self.words = figure_words.load()
        self.amounts = AmountReader(self.words)
        self.scopes = ScopeFinder(self.words, lex)
        self.mentions = MentionFinder(self.words, self.amounts, max_phrase_chars, self.scopes.place_at)
        # the layer's main patterns, under the names the robustness tests look for
        self.investment = self.words.key_amount
        self.investment_before = self.words.key_amount_before
        self.scope_words = self.scopes.quan

    def _title_like(self, text: str, sentence: tuple[int, int], index: SentenceIndex, body: int) -> bool:
        """A headline: before the report's body, or a short line of its own without 。."""
        if sentence[0] < body:
            return True
        line = index.paragraph(sentence[0])
        return line == (sentence[0], sentence[1] - (text[sentence[1] - 1 : sentence[1]] == "\n")) and (
            line[1] - line[0] <= _TITLE_LINE_CHARS and text.find("。", *line) < 0
        )

    def tree(self, doc: Doc) -> FigureTree:
        """The figure tree of a document, built and not yet resolved.

        The rules read the text with full-width punctuation and traditional characters folded
        (as ``zhnews.text.normalize`` does, one character for one, so offsets hold): a doc made by
        a pipeline without the normaliser reads the same."""
        text = map_chars(text_of(doc))
        index = sentence_index(doc)
        body = body_start(doc)
        events = self.scopes.event_scopes(text, _after_titles(doc, body), index.sentence, index.paragraph)
        if events and events[0].sentence[0] < body:
            body = events[0].sentence[0]  # a lead on a line of portal furniture (…责任编辑:X 12月22日，甲县…)
        tree = FigureTree(self.words, text, events, self.amounts)
        with_amounts = {index.sentence(m.start()) for m in self.words.key_amount.finditer(text, body)}
        amount_sentences = sorted(b for b in with_amounts if text.find("项目", *b) >= 0)
        sentences = heapq.merge(count_sentences(text, 0, index), ((b, []) for b in amount_sentences),
                                key=lambda pair: pair[0])
        done: tuple[int, int] | None = None
        for bounds, matches in sentences:
            if bounds == done:
                continue
            mentions = self.mentions.find(text, bounds, matches) if matches else []
            if not mentions:
                if bounds[0] >= body and (matches or bounds in amount_sentences):
                    tree.add_reference_sentence(bounds, self.mentions.references(text, bounds))
                continue
            done = bounds
            title = self._title_like(text, bounds, index, body)
            for mention in mentions:
                mention.title = title
            tree.add_sentence(bounds, mentions, self.mentions.openers(text, bounds),
                              self.mentions.references(text, bounds), self.scopes.candidates(text, *bounds))
        return tree

    @staticmethod
    def _as_written(text: str, hit: Hit | None) -> Hit | None:
        return None if hit is None else Hit(text[hit.start : hit.end], hit.start, hit.end)

    def _stat(self, text: str, node: Node) -> StatHit:
        mention = node.amount_mention or node.first
        pieces = [mention.count.start, mention.count.end, mention.noun_end]
        if mention.phrase is not None:
            pieces += list(mention.phrase)
        if node.amount is not None and node.amount_mention is mention:
            pieces += [node.amount.hit.evidence.start, node.amount.hit.evidence.end]
        start, end = min(pieces), max(pieces)
        parent = node.output_parent
        written = self._as_written
        investment = None
        if node.amount is not None:
            amount = node.amount.hit
            investment = AmountHit(amount.amount, amount.currency, written(text, amount.evidence))
        return StatHit(
            category=node.category or None,
            count=node.value,
            evidence=Hit(text[start:end], start, end),
            category_hit=written(text, node.category_hit) if node.category else None,
            scope=written(text, node.scope.shown) if node.scope is not None else None,
            segment=written(text, node.segment),
            count_hit=written(text, mention.numeral),
            investment=investment,
            parent=parent.index if parent is not None else None,
        )

    def __call__(self, doc: Doc) -> Doc:
        self._use(lexicon.load())
        text = text_of(doc)
        resolver = Resolver(self.tree(doc))
        nodes = resolver.resolve()
        stats = [self._stat(text, node) for node in nodes]
        for message in resolver.warnings(nodes):
            warn(doc, message)
        set_ext(doc, "zhnews_project_stats", stats)
        spans = []
        for stat in stats:
            for hit, label in ((stat.count_hit, "COUNT"), (stat.category_hit, "CATEGORY"), (stat.scope, "SCOPE"),
                               (stat.segment, "SEGMENT"), (stat.investment and stat.investment.evidence, "AMOUNT")):
                if hit is not None and hit.end > hit.start:
                    spans.append((hit.start, hit.end, label))
        return self.put_spans(doc, "figures", sorted(set(spans)))

    @classmethod
    def to_record(cls, stats: list[StatHit], context: RecordContext) -> list[dict[str, Any]]:
        out = []
        for stat in stats:
            money = None
            if stat.investment is not None:
                amount = stat.investment.amount
                amount = amount.quantize(1) if amount == amount.to_integral_value() else amount.normalize()
                money = {"amount": amount, "currency": stat.investment.currency,
                         **context.evidence(stat.investment.evidence)}
            out.append({
                "category": stat.category, "scope": context.value(stat.scope), "segment": context.value(stat.segment),
                "count": stat.count, "investment": money, "category_span": context.span(stat.category_hit),
                "scope_span": context.span(stat.scope), "segment_span": context.span(stat.segment),
                "count_span": context.span(stat.count_hit), "parent": stat.parent,
                **context.evidence(stat.evidence),
            })
        return out

    @classmethod
    def marks(cls, record: Any) -> list[Mark]:
        out: list[Mark] = []
        for stat in record.project_stats:
            what = " ".join(x for x in (stat.category, stat.scope, stat.segment) if x) or "projects"
            if stat.count_span and stat.count is not None:
                out.append(Mark(*stat.count_span, "count", f"count {stat.count} ({what})"))
            if stat.investment:
                money = stat.investment
                out.append(Mark(*money.span, "amount", f"{money.amount} {money.currency} = {yi(money.amount)} 亿 "
                                                       f"({what})"))
        return out

    @classmethod
    def rows(cls, record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        rows = []
        for position, stat in enumerate(record.get("project_stats") or []):
            money = stat.get("investment") or {}
            rows.append({
                "doc_id": record["doc_id"], "position": position, "category": stat.get("category"),
                "scope": stat.get("scope"), "segment": stat.get("segment"), "parent": stat.get("parent"),
                "count": stat.get("count"), "amount": Decimal(str(money["amount"])) if money else None,
                "currency": money.get("currency"), "text": stat.get("text"),
            })
        return {"project_stats": rows}

    @classmethod
    def eval_items(cls, record: dict[str, Any], field: str) -> list[tuple]:
        stats = record.get("project_stats") or []
        if field == "project_stats":
            return [(s.get("category"), s.get("count"), *amount_item(s)) for s in stats]
        return [(s.get("category"), s.get("count"), *amount_item(s), norm_name(s.get("scope")),
                 norm_name(s.get("segment"))) for s in stats]
