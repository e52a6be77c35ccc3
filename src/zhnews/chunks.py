"""Group a stream into bounded chunks: by count and by total characters."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")


def chunks(items: Iterable[Item], max_items: int, max_chars: int, size: Callable[[Item], int]) -> Iterator[list[Item]]:
    """Consecutive lists of ``items``, in order, each closed at ``max_items`` items or once it holds
    ``max_chars`` characters (``size`` of each item), whichever comes first; an item larger than
    ``max_chars`` goes alone, so one long document never drags a whole batch into memory with it."""
    if max_items < 1:
        raise ValueError(f"max_items must be at least 1, got {max_items}")
    chunk: list[Item] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += size(item)
        if len(chunk) >= max_items or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk
