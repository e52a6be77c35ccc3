"""Put character-offset results on ``doc.spans`` even where jieba's tokens straddle them.

jieba may merge a name with the next character (王凯作). A ``Span`` must start
and end on token boundaries, so tokens that straddle a result's edge are split
first; span groups already on the doc are carried over the split.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span

SpanSpec = tuple[int, int, str]  # start char, end char, label


_STARTS_KEY = "zhnews_token_starts"
_BOUNDARIES_KEY = "zhnews_token_boundaries"
TEXT_KEY = "zhnews_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy joins the tokens on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_token_starts(doc: Doc, starts: list[int]) -> None:
    """Record the character offset of each token (a tokenizer that knows them saves the lookup)."""
    doc.user_data[_STARTS_KEY] = starts


def _token_starts(doc: Doc) -> list[int]:
    """Character offset of each token, cached until the next split (or any change in the token count)."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data[_STARTS_KEY] = doc.to_array("IDX").tolist()
        doc.user_data.pop(_BOUNDARIES_KEY, None)
    return starts


def token_boundaries(doc: Doc) -> frozenset[int]:
    """Character offsets where a token starts or ends (the segmenter's word boundaries), cached like the starts."""
    starts = _token_starts(doc)  # first: it drops boundaries that no longer hold
    boundaries = doc.user_data.get(_BOUNDARIES_KEY)
    if boundaries is None:
        boundaries = doc.user_data[_BOUNDARIES_KEY] = frozenset(starts) | {len(text_of(doc))}
    return boundaries


def _straddling(doc: Doc, offsets: Iterable[int]) -> dict[int, set[int]]:
    """Token index -> cut points (relative to the token) for offsets inside a token."""
    cuts: dict[int, set[int]] = {}
    starts = _token_starts(doc)
    boundaries = token_boundaries(doc)
    for offset in offsets:
        if offset in boundaries:
            continue  # the usual case: no bisection needed
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            continue
        inner = offset - starts[i]
        token_end = starts[i + 1] if i + 1 < len(starts) else len(text_of(doc))
        if 0 < inner < token_end - starts[i]:
            cuts.setdefault(i, set()).add(inner)
    return cuts


_RETOKENIZE_LIMIT = 16  # more cuts than this: rebuild the Doc once instead (spaCy splits one token at a time)


def set_span_group(doc: Doc, key: str, specs: list[SpanSpec]) -> Doc:
    """Store ``specs`` as ``doc.spans[key]``, splitting tokens where needed; return the doc to use.

    Few cuts are made in place with the retokenizer. Many cuts on a doc without
    token annotations rebuild it once (linear), sharing ``user_data`` so every
    extension attribute carries over; callers must continue with the returned doc.
    """
    cuts = _straddling(doc, (o for start, end, _ in specs for o in (start, end))) if specs else None
    if cuts:
        saved = {name: [(s.start_char, s.end_char, s.label_) for s in group] for name, group in doc.spans.items()}
        if len(cuts) > _RETOKENIZE_LIMIT and not _annotated(doc):
            doc = _rebuilt(doc, cuts)
        else:
            with doc.retokenize() as retokenizer:
                for i, points in cuts.items():
                    token = doc[i]
                    orths = _pieces(token.text, points)
                    retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])
        doc.user_data.pop(_STARTS_KEY, None)
        doc.user_data.pop(_BOUNDARIES_KEY, None)
        for name, old in saved.items():
            doc.spans[name] = _spans(doc, old)
    doc.spans[key] = _spans(doc, [spec for spec in specs if spec[1] > spec[0]])
    return doc


def _spans(doc: Doc, specs: list[SpanSpec]) -> list[Span]:
    """Spans for token-aligned character offsets (faster than ``doc.char_span``)."""
    if not specs:
        return []
    starts = _token_starts(doc)
    label_ids = {label: doc.vocab.strings.add(label) for label in {spec[2] for spec in specs}}
    return [
        Span(doc, bisect.bisect_left(starts, s), bisect.bisect_left(starts, e), label=label_ids[label])
        for s, e, label in specs
    ]


def _pieces(text: str, points: set[int]) -> list[str]:
    edges = [0, *sorted(points), len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:], strict=False)]


def _annotated(doc: Doc) -> bool:
    """True when tokens carry annotations a rebuild would drop (tags, parses, entities ...)."""
    return any(doc.has_annotation(attr) for attr in ("TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB", "SENT_START"))


def _rebuilt(doc: Doc, cuts: dict[int, set[int]]) -> Doc:
    """The same text with the cut tokens split, built in one pass."""
    words: list[str] = []
    spaces: list[bool] = []
    for i, token in enumerate(doc):
        pieces = _pieces(token.text, cuts[i]) if i in cuts else [token.text]
        words.extend(pieces)
        spaces.extend([False] * (len(pieces) - 1) + [bool(token.whitespace_)])
    return Doc(doc.vocab, words=words, spaces=spaces, user_data=doc.user_data)
