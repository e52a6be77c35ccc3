"""Put character-offset results on ``doc.spans`` even where jieba's tokens straddle them.

jieba may merge a name with the next character (王凯作). A ``Span`` must start
and end on token boundaries, so tokens that straddle a result's edge are split
first; span groups already on the doc are carried over the split.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from zhnews.pipeline.base import cache, text_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

SpanSpec = tuple[int, int, str]  # start char, end char, label


_STARTS_KEY = "token starts"  # keys of the doc's cache (zhnews.pipeline.base.cache), never serialised
_BOUNDARIES_KEY = "token boundaries"


def remember_token_starts(doc: Doc, starts: list[int]) -> None:
    """Record the character offset of each token (a tokenizer that knows them saves the lookup)."""
    cache(doc)[_STARTS_KEY] = starts


def _token_starts(doc: Doc) -> list[int]:
    """Character offset of each token, cached until the next split (or any change in the token count)."""
    store = cache(doc)
    starts = store.get(_STARTS_KEY)
    if starts is None or len(starts) != len(doc):
        starts = store[_STARTS_KEY] = doc.to_array("IDX").tolist()
        store.pop(_BOUNDARIES_KEY, None)
    return starts


def token_boundaries(doc: Doc) -> frozenset[int]:
    """Character offsets where a token starts or ends (the segmenter's word boundaries), cached like the starts."""
    starts = _token_starts(doc)  # first: it drops boundaries that no longer hold
    store = cache(doc)
    boundaries = store.get(_BOUNDARIES_KEY)
    if boundaries is None:
        boundaries = store[_BOUNDARIES_KEY] = frozenset(starts) | {len(text_of(doc))}
    return boundaries


def _straddling(doc: Doc, offsets: Iterable[int]) -> dict[int, set[int]]:
    """Token index -> cut points (relative to the token) for offsets inside a token."""
    cuts: dict[int, set[int]] = {}
    starts = _token_starts(doc)
    length = len(text_of(doc))
    for offset in offsets:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            continue
        inner = offset - starts[i]
        token_end = starts[i + 1] if i + 1 < len(starts) else length
        if 0 < inner < token_end - starts[i]:
            cuts.setdefault(i, set()).add(inner)
    return cuts


def set_span_group(doc: Doc, key: str, specs: list[SpanSpec]) -> Doc:
    """Store ``specs`` as ``doc.spans[key]``, splitting tokens where needed; return the doc to use.

    Few cuts are made in place with the retokenizer. Many cuts on a doc without
    token annotations rebuild it once (linear), sharing ``user_data`` so every
    extension attribute carries over; callers must continue with the returned doc.
    """
    specs = [spec for spec in specs if spec[1] > spec[0]]
    bounds = _token_bounds(doc, specs)
    if bounds is None:  # a token straddles an edge (jieba glued 王凯 to 作): split it, then align again
        doc = _split_straddling(doc, specs)
        bounds = _token_bounds(doc, specs)
        if bounds is None:
            raise ValueError(f"span group {key!r}: a span lies outside the text of {len(text_of(doc))} characters")
    doc.spans[key] = _spans(doc, bounds, specs)
    return doc


def _token_bounds(doc: Doc, specs: list[SpanSpec]) -> list[tuple[int, int]] | None:
    """(first token, token after the last) of each spec, or None when an edge falls inside a token."""
    starts = _token_starts(doc)
    count, length = len(starts), len(text_of(doc))
    bounds = []
    for start, end, _ in specs:
        first, stop = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if (starts[first] if first < count else length) != start or (starts[stop] if stop < count else length) != end:
            return None
        bounds.append((first, stop))
    return bounds


def _spans(doc: Doc, bounds: list[tuple[int, int]], specs: list[SpanSpec]) -> list[Span]:
    """Spans over token ranges, labelled as their specs (faster than ``doc.char_span``)."""
    from spacy.tokens import Span  # spaCy is loaded by whoever made the doc

    strings = doc.vocab.strings
    label_ids: dict[str, int] = {}
    spans = []
    for (first, stop), (_, _, label) in zip(bounds, specs, strict=True):
        label_id = label_ids.get(label)
        if label_id is None:
            label_id = label_ids[label] = strings.add(label)
        spans.append(Span(doc, first, stop, label=label_id))
    return spans


def _split_straddling(doc: Doc, specs: list[SpanSpec]) -> Doc:
    """The doc with every token that straddles a spec's edge split there; existing groups carried over.

    Few cuts are made in place by spaCy's retokenizer, which walks the whole doc once per cut;
    many cuts on a doc without token annotations rebuild it once from its tokens' hashes.
    """
    cuts = _straddling(doc, (offset for start, end, _ in specs for offset in (start, end)))
    saved = {name: [(s.start_char, s.end_char, s.label_) for s in group] for name, group in doc.spans.items()}
    if len(cuts) > _RETOKENIZE_LIMIT and not _annotated(doc):
        doc = _rebuilt(doc, cuts)
    else:
        with doc.retokenize() as retokenizer:
            for i, points in cuts.items():
                token = doc[i]
                orths = _pieces(token.text, points)
                retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])
    cache(doc).pop(_STARTS_KEY, None)
    cache(doc).pop(_BOUNDARIES_KEY, None)
    for name, old in saved.items():
        doc.spans[name] = _spans(doc, _token_bounds(doc, old), old)
    return doc


def _pieces(text: str, points: set[int]) -> list[str]:
    edges = [0, *sorted(points), len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:], strict=False)]


_RETOKENIZE_LIMIT = 16  # more cuts than this: rebuild the doc once (the annotation check walks it 7 times)


def _annotated(doc: Doc) -> bool:
    """True when the doc carries what a rebuild would drop: token annotations (tags, parses,
    entities, sentence starts) or a tensor."""
    if doc.tensor is not None and doc.tensor.size:
        return True
    return any(doc.has_annotation(attr) for attr in ("TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB", "SENT_START"))


# Doc-level state a rebuilt doc takes over (``user_data`` is shared through the constructor).
_CARRIED = ("cats", "user_hooks", "user_token_hooks", "user_span_hooks", "_context", "sentiment",
            "has_unknown_spaces")


def _rebuilt(doc: Doc, cuts: dict[int, set[int]]) -> Doc:
    """The same text with the cut tokens split: the other tokens are taken over by their hashes."""
    from spacy.attrs import ORTH, SPACY
    from spacy.tokens import Doc

    orths = doc.to_array(ORTH).tolist()
    spaces = doc.to_array(SPACY).astype(bool).tolist()
    words: list[int | str] = []
    word_spaces: list[bool] = []
    done = 0
    for i in sorted(cuts):
        words += orths[done:i]
        word_spaces += spaces[done:i]
        pieces = _pieces(doc[i].text, cuts[i])
        words += pieces
        word_spaces += [False] * (len(pieces) - 1) + [spaces[i]]
        done = i + 1
    words += orths[done:]
    word_spaces += spaces[done:]
    rebuilt = Doc(doc.vocab, words=words, spaces=word_spaces, user_data=doc.user_data)
    for attribute in _CARRIED:
        setattr(rebuilt, attribute, getattr(doc, attribute))
    return rebuilt
