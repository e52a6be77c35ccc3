"""The first component: the article's header read and its text normalised, whatever made the Doc.

The zhnews tokenizer (``zhnews.tokenizer.v1``) prepares the text before segmenting it, so in the
package's own pipeline this component finds the work done and passes the Doc on. In a pipeline
with another tokenizer (``spacy.blank("zh")`` and the zhnews factories), it prepares the Doc's
text (``zhnews.text.prepare``) and segments the prepared text with that pipeline's tokenizer, so
the layers read the same text as ``zhnews.extract`` does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zhnews.pipeline.base import Layer, results
from zhnews.text.prepare import prepare

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


class PrepareLayer(Layer):
    """Header and normalisation: ``results(doc)["prepared"]``."""

    name = "zhnews_prepare"
    field = "prepared"
    order = 0

    def __init__(self, nlp: Any = None, name: str | None = None, **config: Any) -> None:
        super().__init__(nlp, name, **config)
        self.tokenizer = getattr(nlp, "tokenizer", None)

    def __call__(self, doc: Doc) -> Doc:
        if results(doc).get("prepared") is not None:
            return doc  # the zhnews tokenizer prepared it
        prepared = prepare(doc.text)
        segment = getattr(self.tokenizer, "segment", None) or self.tokenizer
        if segment is None:
            raise ValueError("zhnews_prepare needs the pipeline's tokenizer (add it with nlp.add_pipe)")
        rebuilt = segment(prepared.text)
        rebuilt.user_data.update(doc.user_data)
        results(rebuilt)["prepared"] = prepared
        return rebuilt
