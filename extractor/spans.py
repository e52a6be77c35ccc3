"""Put character-offset results on ``doc.spans`` even where jieba's tokens straddle them.

jieba may merge a name with the next character (王凯作). A ``Span`` must start
and end on token boundaries, so tokens that straddle a result's edge are split
first; span groups already on the doc are carried over the split.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc

SpanSpec = tuple[int, int, str]  # start char, end char, label


_STARTS_KEY = "zhnews_token_starts"


def _token_starts(doc: Doc) -> list[int]:
    """Character offset of each token, cached until the next split."""
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = doc.to_array("IDX").tolist()
    return starts


def _straddling(doc: Doc, offsets: Iterable[int]) -> dict[int, set[int]]:
    """Token index -> cut points (relative to the token) for offsets inside a token."""
    cuts: dict[int, set[int]] = {}
    starts = _token_starts(doc)
    for offset in offsets:
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            continue
        inner = offset - starts[i]
        token_end = starts[i + 1] if i + 1 < len(starts) else starts[i] + len(doc[i].text)
        if 0 < inner < token_end - starts[i] and not doc[i].is_space:
            cuts.setdefault(i, set()).add(inner)
    return cuts


def set_span_group(doc: Doc, key: str, specs: list[SpanSpec]) -> None:
    """Store ``specs`` as ``doc.spans[key]``, splitting tokens where needed."""
    cuts = _straddling(doc, (o for start, end, _ in specs for o in (start, end)))
    if cuts:
        saved = {
            name: [(s.start_char, s.end_char, s.label_) for s in group]
            for name, group in doc.spans.items()
        }
        with doc.retokenize() as retokenizer:
            for i, points in cuts.items():
                token = doc[i]
                edges = [0, *sorted(points), len(token.text)]
                orths = [token.text[a:b] for a, b in zip(edges, edges[1:], strict=False)]
                retokenizer.split(token, orths, heads=[(token, k) for k in range(len(orths))])
        doc.user_data.pop(_STARTS_KEY, None)
        for name, old in saved.items():
            doc.spans[name] = [doc.char_span(s, e, label=lab) for s, e, lab in old]
    doc.spans[key] = [doc.char_span(s, e, label=label) for s, e, label in specs if e > s]
