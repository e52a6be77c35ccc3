"""Hit types that survive ``Doc.to_bytes``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)``.

spaCy serialises ``doc.user_data`` with msgpack (``srsly``), which knows only plain values. A layer's
hit dataclass decorated with ``@serializable`` is written as ``{"__zhnews__": "LeaderHit", "fields":
[...]}`` by an encoder registered with ``srsly.msgpack_encoders`` and read back into the same class by
the matching decoder, nested hits, dates, decimals and frozensets included. Registration happens when this
module is imported, which every layer module does.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import srsly

_TAG = "__zhnews__"
_TYPES: dict[str, type] = {}
T = TypeVar("T", bound=type)


def serializable(cls: T) -> T:
    """Register a dataclass so it round-trips through spaCy's msgpack serialisation."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls.__name__} must be a dataclass to be serializable")
    known = _TYPES.get(cls.__name__)
    if known is not None and known is not cls and known.__module__ != cls.__module__:
        raise ValueError(f"two serializable hit types named {cls.__name__}: {known.__module__}, {cls.__module__}")
    _TYPES[cls.__name__] = cls
    return cls


def encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack encoder: registered dataclasses, dates and frozensets as tagged plain values."""
    name = type(obj).__name__
    if _TYPES.get(name) is type(obj):
        return {_TAG: name, "fields": [getattr(obj, f.name) for f in dataclasses.fields(obj)]}
    if isinstance(obj, dt.date) and not isinstance(obj, dt.datetime):
        return {_TAG: "date", "iso": obj.isoformat()}
    if isinstance(obj, frozenset):
        return {_TAG: "frozenset", "items": sorted(obj)}
    if isinstance(obj, Decimal):
        return {_TAG: "decimal", "text": str(obj)}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack decoder: the inverse of ``encode``."""
    if isinstance(obj, dict):
        tag = obj.get(_TAG)
        if tag == "date":
            return dt.date.fromisoformat(obj["iso"])
        if tag == "frozenset":
            return frozenset(obj["items"])
        if tag == "decimal":
            return Decimal(obj["text"])
        cls = _TYPES.get(tag) if isinstance(tag, str) else None
        if cls is not None:
            values = [tuple(v) if isinstance(v, list) and _is_tuple_field(cls, i) else v
                      for i, v in enumerate(obj["fields"])]
            return cls(*values)
    return obj if chain is None else chain(obj)


def _is_tuple_field(cls: type, index: int) -> bool:
    """True when the dataclass field at ``index`` holds a tuple (msgpack reads tuples back as lists)."""
    annotation = str(dataclasses.fields(cls)[index].type)
    return annotation.startswith(("tuple", "Tuple"))


srsly.msgpack_encoders.register("zhnews_hits", func=encode)
srsly.msgpack_decoders.register("zhnews_hits", func=decode)
