"""jieba dictionaries of our own: a ``jieba.Tokenizer`` per dictionary, never jieba's global one.

``jieba.dt`` and ``jieba.posseg.dt`` are process-wide: a user's ``jieba.add_word`` or
``jieba.setLogLevel`` elsewhere would change what the pipeline does. Here each (dictionary,
user dictionary) pair gets its own ``jieba.Tokenizer``, built once per process and shared by
the pipelines that ask for it, with jieba's start-up messages kept out of the user's logs;
the parts of speech come from the same dictionary file.
"""
from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import jieba

_LOCK = threading.Lock()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """jieba's logger at WARNING for the block only (it reports every dictionary load at DEBUG)."""
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _check(path: str | None, what: str) -> str | None:
    if path is not None and not Path(path).is_file():
        raise FileNotFoundError(f"jieba {what} not found: {path}")
    return str(Path(path).resolve()) if path is not None else None


@lru_cache(maxsize=8)
def _tokenizer(dictionary: str | None, user_dictionary: str | None) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer(dictionary) if dictionary else jieba.Tokenizer()
    with _LOCK, _quiet():
        tokenizer.initialize()
        if user_dictionary:
            tokenizer.load_userdict(user_dictionary)
    return tokenizer


def jieba_tokenizer(dictionary: str | None = None, user_dictionary: str | None = None) -> jieba.Tokenizer:
    """The ``jieba.Tokenizer`` of a main dictionary (jieba's own when None) and an optional user
    dictionary (jieba's ``word [freq] [tag]`` lines), initialised; one per pair in a process."""
    return _tokenizer(_check(dictionary, "dictionary"), _check(user_dictionary, "user dictionary"))


@lru_cache(maxsize=8)
def _word_tags(dictionary: str | None, user_dictionary: str | None) -> dict[str, str]:
    tags: dict[str, str] = {}
    sources = [jieba_tokenizer(dictionary).get_dict_file()]
    if user_dictionary:
        sources.append(open(user_dictionary, "rb"))  # noqa: SIM115 (closed below, like jieba's own file)
    for handle in sources:
        with handle:
            for raw in handle:
                parts = raw.decode("utf-8").strip().split(" ")
                if len(parts) == 3:  # word freq tag; a line without a tag gives none
                    tags[parts[0]] = parts[2]
    return tags


def word_tags(dictionary: str | None = None, user_dictionary: str | None = None) -> dict[str, str]:
    """Word -> part of speech (``nr`` a person's name, ``ns`` a place ...) from the dictionary files."""
    return _word_tags(_check(dictionary, "dictionary"), _check(user_dictionary, "user dictionary"))
